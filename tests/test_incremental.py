"""Incremental builds through the command line: what is unchanged is kept, what changed is built,
and the result is always the site a full build makes (report.json aside, whose timings vary)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SECOND_ISSUE, SEED, SEED_P2
from test_cli import publisher, site, snapshot

from publisher.build import REPORT


def build(pages: Path, out: Path, *extra: str | Path) -> str:
    result = publisher("build", pages, "--out", out, "--tts", "none", *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def report(out: Path) -> dict:
    return json.loads((out / REPORT).read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {issue["key"]: issue["status"] for issue in report(out)["issues"]}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """An input folder holding the issue of 2024-03-06 (two pages)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(SEED_P2, folder)
    return folder


def test_a_new_issue_is_built_and_the_rest_kept_as_a_full_build_would_make_them(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    own = [a["path"] for a in json.loads((out / "manifest.json").read_text())["artifacts"] if "2024-03-06" in a["path"]]
    files = {path: (out / path).stat().st_ino for path in own}
    shutil.copy(SECOND_ISSUE, pages)
    stdout = build(pages, out)
    assert statuses(out) == {"yuzhongbao-2024-03-06": "kept", "yuzhongbao-2024-03-08": "rebuilt"}
    assert "1 issue built, 1 kept from the last build" in stdout
    assert "2024-03-06" not in stdout.split("1 issue built")[0]  # only the new issue is listed
    # The kept issue's own files (model, EPUBs, reviews, pages, covers) are the very files published
    # before, linked rather than written again.
    assert {"model", "epub", "review", "zh-Hans", "opds"} <= {path.split("/")[0] for path in files}
    assert {path: (out / path).stat().st_ino for path in own} == files
    assert report(out)["files"]["kept"] == len(files)
    full = tmp_path / "full"
    build(pages, full, "--force")
    assert site(out) == site(full)
    assert set(statuses(full).values()) == {"rebuilt"}


def test_with_nothing_changed_out_is_left_as_it_was(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    before = snapshot(out)
    stdout = build(pages, out)
    assert stdout == f"nothing changed since the last build: {out}/ left as it was (--force rebuilds it)\n"
    assert snapshot(out) == before
    # Copied pages (new times, same bytes) are no change either: fingerprints are of content.
    copied = tmp_path / "copied"
    shutil.copytree(pages, copied)
    assert build(copied, out).startswith("nothing changed")


def test_force_rebuilds_everything_to_the_same_bytes(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    before = site(out)
    stdout = build(pages, out, "--force")
    assert "1 issue built;" in stdout
    assert statuses(out) == {"yuzhongbao-2024-03-06": "rebuilt"}
    assert site(out) == before


def test_a_changed_page_rebuilds_its_issue_only(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copy(SECOND_ISSUE, pages)
    build(pages, out)
    page = pages / SEED.name
    page.write_text(page.read_text(encoding="utf-8").replace("推介会", "推荐会"), encoding="utf-8")
    build(pages, out)
    assert statuses(out) == {"yuzhongbao-2024-03-06": "rebuilt", "yuzhongbao-2024-03-08": "kept"}
    model = json.loads((out / "model/yuzhongbao-2024-03-06.zh-Hans.json").read_text(encoding="utf-8"))
    assert "推荐会" in json.dumps(model, ensure_ascii=False)


def test_a_page_added_to_a_built_issue_rebuilds_that_issue(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED, pages)
    out = tmp_path / "out"
    build(pages, out)
    shutil.copy(SEED_P2, pages)  # an inner page: its folio gives the date, not the paper
    build(pages, out)
    assert statuses(out) == {"yuzhongbao-2024-03-06": "rebuilt"}
    assert report(out)["issues"][0]["pages"] == 2


def test_changed_settings_rebuild_everything(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copy(SECOND_ISSUE, pages)
    build(pages, out)
    config = tmp_path / "publisher.toml"
    config.write_text('base_url = "https://news.example.cn/"\n', encoding="utf-8")
    build(pages, out, "--config", config)
    assert set(statuses(out).values()) == {"rebuilt"}
    assert "https://news.example.cn/" in (out / "zh-Hans/yuzhongbao/rss.xml").read_text(encoding="utf-8")


def test_a_kept_file_removed_from_out_gets_its_issue_rebuilt(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    (out / "epub/yuzhongbao-2024-03-06.zh-Hant-TW.epub").unlink()
    shutil.copy(SECOND_ISSUE, pages)
    build(pages, out)
    assert statuses(out)["yuzhongbao-2024-03-06"] == "rebuilt"
    assert (out / "epub/yuzhongbao-2024-03-06.zh-Hant-TW.epub").is_file()


def test_an_emptied_model_cache_only_costs_a_rebuild(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build(pages, out)
    shutil.rmtree(tmp_path / "cache" / "publisher" / "models")
    shutil.copy(SECOND_ISSUE, pages)
    build(pages, out)
    assert set(statuses(out).values()) == {"rebuilt"}


def test_the_number_of_processes_changes_nothing_in_the_output(pages: Path, tmp_path: Path) -> None:
    shutil.copy(SECOND_ISSUE, pages)
    one, three = tmp_path / "one", tmp_path / "three"
    build(pages, one, "--jobs", "1")
    build(pages, three, "--jobs", "3", "--force")
    assert site(one) == site(three)
    assert report(one)["jobs"] == 1 and report(three)["jobs"] == 3


def test_the_report_says_what_was_done(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    data = report(out)
    assert data["result"] == "published" and data["speech"] is None
    [issue] = data["issues"]
    assert issue | {"warnings": None, "dropped": None} == {
        "key": "yuzhongbao-2024-03-06",
        "status": "rebuilt",
        "paper": "渝中報",
        "date": "2024-03-06",
        "pages": 2,
        "articles": 8,
        "warnings": None,
        "dropped": None,
    }
    model = json.loads((out / "model/yuzhongbao-2024-03-06.zh-Hans.json").read_text(encoding="utf-8"))
    assert issue["warnings"] == model["warnings"] and issue["dropped"] == model["dropped"]
    assert set(data["seconds"]) == {"read", "parse", "issues", "archive", "site", "manifest"}
    assert all(seconds >= 0 for seconds in data["seconds"].values())
    assert data["files"]["published"] == len(json.loads((out / "manifest.json").read_text())["artifacts"])
    assert REPORT not in {a["path"] for a in json.loads((out / "manifest.json").read_text())["artifacts"]}


def test_quiet_and_verbose(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    quiet = publisher("build", pages, "--out", out, "--tts", "none", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    shutil.copy(SECOND_ISSUE, pages)
    verbose = build(pages, out, "--verbose")
    assert (
        "渝中報 2024-03-06 第26期（总第2011期）: 8 articles on 2 page(s), 2 warnings, 35 lines set aside (kept)"
        in verbose
    )
    assert "  ! page 1 duplicate-line: line 42 repeats line 52" in verbose
    assert "seconds: read " in verbose


# ── an archive: what the build holds of issues beyond the feeds' window ──────────────────────────


def test_headlines_only_beyond_the_feed_window_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build without audio holds only the headlines of each paper's issues older than its newest
    feed_items; the site is the one a build holding every issue whole makes, including when issues
    without articles push the window back (their text is then read from the model cache)."""
    from test_bench_archive import archive

    from publisher import build as pipeline
    from publisher.config import Settings
    from publisher.incremental import ModelCache
    from publisher.model import Issue

    pages = tmp_path / "pages"
    archive.write_archive(pages, 6)
    # The two newest issues, emptied of articles (a masthead alone): the window's two items are
    # then the third newest issue's, held with headlines only until the feeds need its text.
    for front in sorted(pages.rglob("p1.txt"))[-2:]:
        text = front.read_text(encoding="utf-8")
        front.write_text(text[: text.index("今日4版") + len("今日4版")] + "\n", encoding="utf-8")
        for page in ("p2.txt", "p3.txt", "p4.txt"):
            (front.parent / page).unlink()
    settings = Settings(tts="none", feed_items=2)
    slimmed: list[str] = []
    real = pipeline.headlines_only

    def counting(issue: Issue, editions: dict[str, Issue]) -> tuple[Issue, dict[str, Issue]]:
        slimmed.append(str(issue.date))
        return real(issue, editions)

    monkeypatch.setattr(pipeline, "headlines_only", counting)
    pipeline.build([pages], tmp_path / "slim", settings, models=ModelCache(tmp_path / "models"))
    assert len(slimmed) == 4  # six issues, the newest two held whole
    monkeypatch.setattr(pipeline, "headlines_only", lambda issue, editions: (issue, editions))
    pipeline.build([pages], tmp_path / "whole", settings, models=ModelCache(tmp_path / "models-2"))
    assert site(tmp_path / "slim") == site(tmp_path / "whole")
    feed = json.loads((tmp_path / "slim/zh-Hans/yuzhongbao/feed.json").read_text(encoding="utf-8"))
    assert [item["date_published"][:10] for item in feed["items"]] == ["2000-01-10", "2000-01-10"]
    assert all("<p>" in item["content_html"] for item in feed["items"])
    # A new issue: the kept ones come back from the cache with headlines only, to the same site.
    archive.write_archive(pages, 1, first_number=7)
    monkeypatch.setattr(pipeline, "headlines_only", real)
    result = pipeline.build([pages], tmp_path / "slim", settings, models=ModelCache(tmp_path / "models"))
    assert [outcome.status for outcome in result.outcomes].count("kept") == 6
    # Held without text: the four older kept issues (and the two empty ones); the new one whole.
    assert [o.status for o in result.outcomes if any(a.paragraphs for a in o.issue.articles)] == ["rebuilt"]
    monkeypatch.setattr(pipeline, "headlines_only", lambda issue, editions: (issue, editions))
    pipeline.build([pages], tmp_path / "whole", settings, models=ModelCache(tmp_path / "models-2"), force=True)
    assert site(tmp_path / "slim") == site(tmp_path / "whole")


def test_a_file_deleted_from_out_is_no_unchanged_build(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pages, out)
    before = site(out)
    (out / "zh-Hans/yuzhongbao/rss.xml").unlink()
    assert not build(pages, out).startswith("nothing changed")
    assert site(out) == before
