"""The `publisher` command as the desk runs it: real subprocesses, real files."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import SECOND_ISSUE, SEED, SEED_P2

from publisher.build import REPORT


def publisher(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PUBLISHER_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site(folder: Path) -> dict[str, bytes]:
    """What a build publishes, but for its report, whose timings differ from build to build."""
    return {path: data for path, data in snapshot(folder).items() if path != REPORT}


# ── parse ────────────────────────────────────────────────────────────────────────────────────────


def test_parse_json_shape() -> None:
    result = publisher("parse", SEED, "--json")
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    assert list(model)[:10] == [
        "schema", "paper", "date", "issue_number", "total_issue_number", "page_count", "language", "masthead",
        "pages", "articles",
    ]  # fmt: skip
    article = model["articles"][0]
    for key, kind in {
        "id": str, "page": int, "title": str, "reporters": list, "paragraphs": list, "figures": list,
    }.items():  # fmt: skip
        assert isinstance(article[key], kind)
    assert {"article", "line", "kind", "message"} <= set(model["warnings"][0])
    assert {"line", "text", "reason"} <= set(model["dropped"][0])


def test_parse_summary_is_readable() -> None:
    result = publisher("parse", SEED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("渝中報 2024-03-06 第26期（总第2011期）")
    assert "三块“热土”刮起楼市“春风”" in result.stdout
    assert "reporters: 李传芳" in result.stdout
    assert "paragraph-cut" in result.stdout


def test_parse_refuses_pages_of_two_issues() -> None:
    result = publisher("parse", SEED, SECOND_ISSUE)
    assert result.returncode == 1
    assert result.stderr.startswith("publisher: error: these pages belong to 2 different issues")


def test_version_and_help() -> None:
    assert publisher("--version").stdout.startswith("publisher, version ")
    for command in ([], ["parse"], ["build"]):
        result = publisher(*command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout


# ── bad input: one line, an exit code, nothing published ────────────────────────────────────────

BAD_INPUTS = {
    "empty": (b"", "the file is empty"),
    "blank": (b"\n \r\n\t\n", "the file is empty"),
    "binary": (bytes(range(256)) * 40, "looks like a binary file"),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(2000), "looks like a binary file"),
    "ascii-mojibake": (("!\"#$%&'()*+,-./ 0123 !\"#$ %&'( )*+,\n" * 40).encode(), "ASCII punctuation runs"),
    "cid-codes": (("(cid:1234)(cid:567)(cid:89) (cid:12)\n" * 30).encode(), "(cid:NNN)"),
    "english": (b"Minutes of the meeting.\n" * 40, "not Chinese newspaper text"),
    "no-masthead": (
        "今天天气很好，我们去公园散步。\n\n公园里的花都开了，非常漂亮。\n".encode(),
        "no masthead or folio",
    ),
    "impossible-date": (
        "渝中报\n\n2024年13月\n\n6\n\n第26期\n\n标题\n\n正文内容在这里。\n".encode(),
        "impossible date",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
@pytest.mark.parametrize("command", ["parse", "build"])
def test_bad_input_is_one_line_and_publishes_nothing(case: str, command: str, tmp_path: Path) -> None:
    data, message = BAD_INPUTS[case]
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    out = tmp_path / "out"
    published = publisher("build", SEED, "--out", out, "--tts", "none")
    assert published.returncode == 0, published.stderr
    before = snapshot(out)
    result = publisher(command, page, *(["--out", out, "--tts", "none"] if command == "build" else []))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("publisher: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "missing.txt"], "missing.txt: no such file or folder"),
        (["build", "missing/"], "missing: no such file or folder"),
        (["build", "empty-folder"], "empty-folder: no page files"),
        (["parse", "empty-folder"], "empty-folder: no page files"),
    ],
)
def test_missing_paths(args: list[str], message: str, tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "empty-folder" / "notes.md").write_text("not a page")
    result = publisher(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"publisher: error: {message}" + result.stderr.split(message, 1)[1]
    assert result.stderr.count("\n") == 1


def test_usage_error_exit_code() -> None:
    result = publisher("parse")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_build_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    result = publisher("build", SEED, "--out", precious, "--tts", "none")
    assert result.returncode == 3
    assert "is not a publisher output folder" in result.stderr
    assert (precious / "thesis.txt").read_text() == "years of work"


# ── build ────────────────────────────────────────────────────────────────────────────────────────


def test_build_writes_models_and_manifest(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    # File names say nothing: issues are told apart by what their mastheads and folios print.
    for n, source in enumerate([SECOND_ISSUE, SEED_P2, SEED]):
        shutil.copy(source, pages / f"scan-{n}.txt")
    out = tmp_path / "out"
    result = publisher("build", pages, "--out", out, "--tts", "none")
    assert result.returncode == 0, result.stderr
    assert "渝中報 2024-03-06 第26期（总第2011期）: 8 articles on 2 page(s)" in result.stdout
    assert "渝中報 2024-03-08 第27期（总第2012期）: 3 articles on 1 page(s)" in result.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == 1
    paths = [a["path"] for a in manifest["artifacts"]]
    assert paths == sorted(paths)
    for date in ("2024-03-06", "2024-03-08"):
        for variant in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK"):
            assert f"model/yuzhongbao-{date}.{variant}.json" in paths
        for variant in ("zh-Hant-TW", "zh-Hant-HK"):
            assert f"review/yuzhongbao-{date}.{variant}.txt" in paths
    for variant in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK"):
        for feed in ("rss.xml", "atom.xml", "feed.json"):
            assert f"{variant}/yuzhongbao/{feed}" in paths
        for date in ("2024-03-06", "2024-03-08"):
            assert f"epub/yuzhongbao-{date}.{variant}.epub" in paths
    kinds = Counter(a["kind"] for a in manifest["artifacts"])
    # 2 issues × 3 editions: models, reviews (Traditional only), EPUBs; 3 editions of 3 feeds; the web
    # edition's site home, stylesheet and script and, per edition, a home, 2 issue pages and 8 + 3
    # article pages; the OPDS root
    # and one catalogue per edition, with a cover and a thumbnail per EPUB.
    assert kinds == {
        "model": 6, "review": 4, "epub": 6, "rss": 3, "atom": 3, "jsonfeed": 3,
        "html": 1 + 3 * (1 + 2 + 11), "asset": 2, "opds": 1 + 3, "cover": 2 * 6,
    }  # fmt: skip
    assert len(paths) == sum(kinds.values())
    for artifact in manifest["artifacts"]:
        data = (out / artifact["path"]).read_bytes()
        assert artifact["bytes"] == len(data)
        assert artifact["sha256"] == hashlib.sha256(data).hexdigest()
        assert artifact["article"] is None
        if artifact["kind"] in ("model", "review"):
            suffix = "json" if artifact["kind"] == "model" else "txt"
            assert artifact["path"].endswith(f"{artifact['issue']}.{artifact['variant']}.{suffix}")
    model = json.loads((out / "model/yuzhongbao-2024-03-06.zh-Hans.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in model["pages"]] == [1, 2]
    assert "zh-Hant-TW: " in result.stdout and "conversions to check in" in result.stdout


def test_build_is_byte_identical_when_repeated(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert publisher("build", SEED, SEED_P2, SECOND_ISSUE, "--out", out, "--tts", "none").returncode == 0
    assert site(first) == site(second)


def test_build_defaults_to_seeds_and_out(tmp_path: Path) -> None:
    shutil.copytree(SEED.parent.parent.parent.parent / "seeds", tmp_path / "seeds")
    result = publisher("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "model" / "yuzhongbao-2024-03-06.zh-Hans.json").is_file()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_build_uses_publisher_toml(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    shutil.copy(SEED, tmp_path / "pages")
    (tmp_path / "publisher.toml").write_text(
        'input = ["pages"]\nout = "site"\ntts = "none"\n[paper_slugs]\n"渝中報" = "yuzhong"\n'
    )
    result = publisher("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "model" / "yuzhong-2024-03-06.zh-Hans.json").is_file()


def test_unknown_setting_is_refused(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text('outt = "site"\n')
    result = publisher("build", SEED, cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown setting 'outt'" in result.stderr


# ── audio ────────────────────────────────────────────────────────────────────────────────────────


def test_build_reads_the_audio_edition_offline_when_the_service_is_unreachable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = publisher("build", SEED, "--out", out, "--variants", "zh-Hans")
    assert result.returncode == 0, result.stderr
    summary = next(line for line in result.stdout.splitlines() if line.startswith("audio: "))
    assert summary.startswith("audio: espeak 1.")
    assert "(auto: the online service is unreachable, read offline)" in summary
    assert re.search(r": \d+ synthesized, \d+ cached, 0 failed$", summary)
    # No terminal: a plain line per recording on stderr, never a progress bar's control characters.
    assert "\x1b[" not in result.stderr
    assert (out / "zh-Hans/yuzhongbao/2024-03-06/audio/edition.mp3").is_file()
    unchanged = publisher("build", SEED, "--out", out, "--variants", "zh-Hans")
    assert unchanged.stdout.startswith("nothing changed since the last build")
    again = publisher("build", SEED, "--out", out, "--variants", "zh-Hans", "--force")
    assert re.search(r": 0 synthesized, 7 cached, 0 failed$", again.stdout.splitlines()[-2])


def test_a_build_whose_recordings_fail_is_partial_exit_4(tmp_path: Path) -> None:
    # The online engine, forced, with the network refused (conftest) and no retries: every recording fails.
    (tmp_path / "publisher.toml").write_text(
        'tts = "edge"\nedge_retries = 0\nedge_timeout = 5\nvariants = ["zh-Hans"]\n'
    )
    result = publisher("build", SEED, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 4, result.stderr
    assert "audio: edge " in result.stdout and ": 0 synthesized, 0 cached, 7 failed" in result.stdout
    assert result.stdout.count("  failed: zh-Hans ") == 7
    assert result.stderr.splitlines()[-1].startswith("publisher: partial build: 7 recording(s) failed")
    out = tmp_path / "out"
    assert (out / "zh-Hans/yuzhongbao/rss.xml").is_file()  # everything else is published
    assert not list(out.rglob("*.mp3"))
    podcast = (out / "zh-Hans/yuzhongbao/podcast.xml").read_text(encoding="utf-8")
    assert "<item>" not in podcast
    # The same input again is no "nothing changed": the build tries the failed recordings again.
    again = publisher("build", SEED, "--out", out, cwd=tmp_path)
    assert again.returncode == 4 and ": 0 synthesized, 0 cached, 7 failed" in again.stdout


def test_script_prints_what_is_read_aloud(tmp_path: Path) -> None:
    model = json.loads(publisher("parse", SEED, "--json").stdout)
    article = next(a for a in model["articles"] if any("2024" in p or "%" in p for p in a["paragraphs"]))
    result = publisher("script", SEED, "--article", article["id"], "--reading")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(article["id"])
    assert any(" title " in line for line in lines)
    assert any(line.strip().startswith("printed ") for line in lines)
    assert any(re.search(r"reads +[a-z]+[1-5] ", line) for line in lines)
    spoken = [line.split(" paragraph ", 1)[1] for line in lines if " paragraph " in line]
    assert spoken and not re.search(r"[0-9]", "".join(spoken))


def test_script_names_the_articles_when_the_id_is_wrong() -> None:
    result = publisher("script", SEED, "--article", "p9-nothing")
    assert result.returncode == 1
    assert result.stderr.startswith("publisher: error: no article 'p9-nothing' in 渝中報 2024-03-06 (its articles: p1-")
