"""Hostile input through the real command line, into an out/ that holds a good build: each case ends
in one clear line and exit code 1 with out/ untouched, or in a sensible build; never in a traceback
or a path outside out/. (tests/test_cli.py has the plainly bad files: empty, binary, PDF garbage,
month 13; tests/test_encodings.py a UTF-8 page cut short, parsed.)"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import opencc
import pytest
from conftest import OTHER, SEED, SEED_P2, parse_json
from test_cli import publisher, snapshot
from test_cli import site as published_files
from test_publishing import assert_complete_site

from publisher.ingest import MAX_PAGE_BYTES

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_HEADLINE = "我区召开2024年土地推介会 三块“热土”刮起楼市“春风”"


def build(*inputs: Path, out: Path, extra: tuple[str | Path, ...] = ()) -> subprocess.CompletedProcess[str]:
    return publisher("build", *inputs, "--out", out, "--tts", "none", *extra)


def model(out: Path, name: str = "yuzhongbao-2024-03-06") -> dict:
    return json.loads((out / f"model/{name}.zh-Hans.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    result = build(SEED, out=out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def published(site: Path, tmp_path: Path) -> Path:
    """A copy of the good build, for a case to build over."""
    out = tmp_path / "out"
    shutil.copytree(site, out)
    return out


# ── refused: one line, exit code 1, out/ as it was ───────────────────────────────────────────────


def _page(tmp_path: Path, text: str, name: str = "page.txt") -> list[Path]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name]


def _empty_page_among_good_ones(tmp_path: Path) -> list[Path]:
    # One empty export stops the whole build rather than publishing an issue without that page; its
    # name holds a line break, which the message shows as \n to stay one line.
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "第2版\n.txt").write_bytes(b"")
    return [folder]


def _two_different_front_pages(tmp_path: Path) -> list[Path]:
    return [SEED, *_page(tmp_path, SEED_TEXT.replace("推介会", "推荐会"), "corrected.txt")]


def _homophone_papers(tmp_path: Path) -> list[Path]:
    # 江州日报 and 姜洲日报 are two papers whose names read jiangzhouribao: their files would collide.
    daily = OTHER / "01_jiangzhou_daily.txt"
    return [daily, *_page(tmp_path, daily.read_text(encoding="utf-8").replace("江州日报", "姜洲日报", 1))]


def _slug_outside_out(tmp_path: Path) -> list[Path]:
    (tmp_path / "publisher.toml").write_text('[paper_slugs]\n"渝中報" = "../../etc"\n', encoding="utf-8")
    return [SEED, Path("--config"), tmp_path / "publisher.toml"]


def _controls_everywhere(tmp_path: Path) -> list[Path]:
    # Text garbled into C1 controls (a Latin-1 misreading) on every line: a binary file, not a page.
    return _page(tmp_path, re.sub("(?<=[。，])", "\x85\x9b", SEED_TEXT))


REFUSED: dict[str, tuple[Callable[[Path], list[Path]], str]] = {
    "empty page among good ones": (_empty_page_among_good_ones, "第2版\\n.txt: the file is empty"),
    "february 30": (
        lambda tmp: _page(tmp, SEED_TEXT.replace("2024年3月\n\n6\n", "2024年2月\n\n30\n", 1)),
        "impossible date 2024年2月30日",
    ),
    "february 29 of 2023": (
        lambda tmp: _page(tmp, SEED_TEXT.replace("2024年3月\n\n6\n", "2023年2月\n\n29\n", 1)),
        "impossible date 2023年2月29日",
    ),
    # Its folio gives page and date but not the paper: nothing says where to publish it.
    "inner page alone": (lambda tmp: [SEED_P2], "no page of this issue prints the paper's name"),
    "two different front pages": (_two_different_front_pages, "are both page 1 of the same issue but differ"),
    "homophone papers": (_homophone_papers, "would both be published as 'jiangzhouribao'"),
    "paper slug outside out": (_slug_outside_out, "'../../etc' for 渝中報 is not a plain file name"),
    # A masthead naming ../../etc is no paper's name: the page prints none, and is refused.
    "paper named ../../etc": (
        lambda tmp: _page(tmp, SEED_TEXT.replace("渝中報", "../../etc", 1)),
        "no page of this issue prints the paper's name",
    ),
    "control characters everywhere": (_controls_everywhere, "looks like a binary file, not page text"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_in_one_line_and_out_untouched(case: str, published: Path, tmp_path: Path) -> None:
    make, message = REFUSED[case]
    before = snapshot(published)
    result = build(*make(tmp_path), out=published)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("publisher: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert result.stdout == ""
    assert snapshot(published) == before
    assert not [p.name for p in published.parent.iterdir() if p.name.startswith(".")]  # no staging, no lock
    assert not list(tmp_path.parent.rglob("etc-*"))  # nothing was written where ../../etc points


def test_a_50_mb_page_is_refused_at_once_without_reading_it_all(published: Path, tmp_path: Path) -> None:
    page = tmp_path / "huge.txt"
    with page.open("w", encoding="utf-8") as file:
        for _ in range(3000):  # 51 MB: the seed page over and over; parsing it would take two minutes
            file.write(SEED_TEXT)
    assert page.stat().st_size > 50 * 10**6
    before = snapshot(published)
    started = time.monotonic()
    command = [sys.executable, "-m", "publisher", "build", str(page), "--out", str(published), "--tts", "none"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate(timeout=60)
    _, status, usage = os.wait4(process.pid, 0) if process.returncode is None else (0, 0, None)
    assert process.returncode == 1 or os.waitstatus_to_exitcode(status) == 1
    assert time.monotonic() - started < 10
    assert stderr == f"publisher: error: {page}: over 2 MB, too large to be the text of one page " + (
        "(a page's text is usually under 100 KB)\n"
    )
    assert stdout == ""
    assert snapshot(published) == before
    assert MAX_PAGE_BYTES == 2 * 2**20 and usage is None


# ── read, with a warning: pages cut short ────────────────────────────────────────────────────────

CUT_SHORT = {
    # (encoding of the file, how the note names it); the page ends inside its last character, 结束语.
    "gb18030": ("gb18030", "GB18030"),
    "big5": ("big5", "Big5"),
    "utf-16 with BOM": ("utf-16", "UTF-16"),
    "utf-16-le without BOM": ("utf-16-le", "UTF-16-LE"),
    "utf-8 with BOM": ("utf-8-sig", "UTF-8"),
    "utf-32": ("utf-32", "UTF-32"),
}


@pytest.mark.parametrize("case", CUT_SHORT)
def test_a_page_cut_inside_its_last_character_is_read_with_a_note(case: str, tmp_path: Path) -> None:
    """A copy that stopped early still holds a page worth publishing: the incomplete character is
    left out and the editor told, in every encoding (GB18030 and Big5 files were refused as binary,
    UTF-16 ones as binary or with a wrong byte-order mark)."""
    encoding, name = CUT_SHORT[case]
    text = SEED_TEXT + "\n结束语"
    if encoding == "big5":
        text = opencc.OpenCC("s2tw").convert(text)
    page = tmp_path / "cut.txt"
    page.write_bytes(text.encode(encoding)[:-1])
    parsed = parse_json([page])
    notes = [w["message"] for w in parsed["warnings"] if w["kind"] == "decoding"]
    assert notes == [f"cut.txt: the file ends inside a {name} character; the incomplete character was left out"]
    last = parsed["articles"][-1]
    assert (last["paragraphs"] or [last["title"]])[-1] in ("结束", "結束")  # all but the cut character


def test_a_cut_gb18030_page_builds(published: Path, tmp_path: Path) -> None:
    page = tmp_path / "cut.txt"
    page.write_bytes((SEED_TEXT + "\n结束语").encode("gb18030")[:-1])
    result = build(page, out=published)
    assert result.returncode == 0, result.stderr
    assert "渝中報 2024-03-06 第26期（总第2011期）: 7 articles on 1 page(s), 3 warnings" in result.stdout
    assert any("ends inside a GB18030 character" in w["message"] for w in model(published)["warnings"])
    assert_complete_site(published)


# ── built: what the text holds comes out as text ─────────────────────────────────────────────────

STRAY = "\x01\x1b\x7f\x9b\u200b\u200e\u202e\u2066\ufeff\uffff"


def test_control_characters_are_removed_from_every_output(published: Path, tmp_path: Path) -> None:
    """C0 and C1 controls, bidi overrides, zero-width marks and noncharacters are no text: removed
    and noted (a U+202E in a headline would show it backwards; the cover refused U+009B and U+FFFF)."""
    text = SEED_TEXT.replace("三块", f"三{STRAY}块").replace("本报讯", f"本报{STRAY[::-1]}讯", 2)
    result = build(*_page(tmp_path, text), out=published)
    assert result.returncode == 0, result.stderr
    assert any(w["message"].endswith("removed 50 control characters") for w in model(published)["warnings"])
    for path in published.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt", ".css"):
            assert not set(path.read_text(encoding="utf-8")) & set(STRAY), path
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx")):
                        assert not set(book.read(name).decode()) & set(STRAY), (path, name)
    assert_complete_site(published)


#: Markup a page's text may hold (pasted from a web page, or put there on purpose); each names "pwn".
SCRIPT = "<script>alert('pwn-script')</script>"
IMAGE = "<img src=x onerror=alert('pwn-img')>"
BREAKOUT = "\"'><svg/onload=alert('pwn-svg')>"
CDATA = "]]><x>pwn-cdata</x><!--"


class _Elements(HTMLParser):
    """The elements of a piece of HTML as a browser would build them, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.elements and self.elements[-1][0] == "script" and "pwn" in data:
            self.elements.append(("live script", {}))
        self.text.append(data)


def _assert_inert(elements: list[tuple[str, dict[str, str | None]]], where: str) -> None:
    for tag, attrs in elements:
        assert tag not in ("live script", "svg", "x"), (where, tag)
        assert not any(name.startswith("on") for name in attrs), (where, tag, attrs)
        assert not any("pwn" in (value or "") for value in attrs.values()), (where, tag, attrs)


def _assert_html_inert(html: str, where: str) -> str:
    parsed = _Elements(html)
    _assert_inert(parsed.elements, where)
    return "".join(parsed.text)


def _xml_elements(root: ElementTree.Element) -> list[tuple[str, dict[str, str | None]]]:
    return [(e.tag.rsplit("}", 1)[-1], dict(e.attrib)) for e in root.iter()]


def test_markup_in_the_text_is_escaped_in_every_output(published: Path, tmp_path: Path) -> None:
    text = SEED_TEXT.replace(SEED_HEADLINE, f"我区召开2024年土地推介会 三块“热土”{BREAKOUT}刮起楼市{SCRIPT}“春风”")
    text = text.replace("本报讯(记者李一)", f"本报讯(记者李一){IMAGE}{CDATA}", 1)
    result = build(*_page(tmp_path, text), out=published)
    assert result.returncode == 0, result.stderr
    assert_complete_site(published)
    shown: list[str] = []
    for path in published.rglob("*.html"):
        shown.append(_assert_html_inert(path.read_text(encoding="utf-8"), str(path)))
    for path in published.rglob("*.xml"):
        root = ElementTree.parse(path).getroot()  # well-formed, whatever the text held
        _assert_inert(_xml_elements(root), str(path))
        for element in root.iter():
            local = element.tag.rsplit("}", 1)[-1]
            # Feed and catalogue elements that carry HTML, which a reader renders as such.
            if local in ("description", "encoded") or element.get("type") == "html":
                shown.append(_assert_html_inert(element.text or "", f"{path} {local}"))
    for path in published.rglob("feed.json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            shown.append(_assert_html_inert(item["content_html"], f"{path} {item['id']}"))
    for path in published.rglob("*.epub"):
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                if name.endswith((".xhtml", ".opf", ".ncx")):
                    root = ElementTree.fromstring(book.read(name))
                    _assert_inert(_xml_elements(root), f"{path} {name}")
                    shown.append("".join(root.itertext()))
    # …and still there, as the words the page printed.
    for markup in (SCRIPT, IMAGE, BREAKOUT.replace("\"'", "", 1), CDATA):
        assert any(markup in text for text in shown), markup


def test_ten_thousand_headline_like_lines(published: Path, tmp_path: Path) -> None:
    """A page of nothing but short lines (a list, a table of results) builds quickly, every line's
    text kept. It reads as one article whose headline block is the whole list; see the README."""
    lines = [f"第{n}项工作部署会议召开" for n in range(10_000)]
    masthead = SEED_TEXT[: SEED_TEXT.index("第26期")]
    started = time.monotonic()
    result = build(*_page(tmp_path, masthead + "\n\n".join(lines) + "\n"), out=published)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 20
    kept = json.dumps(model(published), ensure_ascii=False)
    assert all(line in kept for line in lines)
    assert_complete_site(published)


# ── built: odd collections of pages ─────────────────────────────────────────────────────────────


def _published_without_build_record(out: Path) -> dict[str, object]:
    files: dict[str, object] = dict(published_files(out))
    files["manifest.json"] = json.loads(files["manifest.json"])["artifacts"]
    return files


def test_the_same_page_twice_is_one_page(published: Path, tmp_path: Path) -> None:
    """The same file named twice and a copy under another name: one page, and the very site the
    page alone makes."""
    before = _published_without_build_record(published)
    copy = tmp_path / "copy-of-page-1.txt"
    shutil.copy(SEED, copy)
    result = build(SEED, SEED, copy, out=published)
    assert result.returncode == 0, result.stderr
    assert "6 articles on 1 page(s)" in result.stdout
    assert _published_without_build_record(published) == before  # the same site, from other input files


def test_two_papers_in_one_folder(published: Path, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for name in ("01_jiangzhou_daily.txt", "03_binjiang_district.txt"):
        shutil.copy(OTHER / name, folder)
    result = build(folder, out=published)
    assert result.returncode == 0, result.stderr
    assert "江州日报 2024-03-06 第25487期: 6 articles" in result.stdout
    assert "滨江报 2024-03-08 第19期（总第1893期）: 5 articles" in result.stdout
    for variant in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK"):
        assert sorted(p.name for p in (published / variant).iterdir() if p.is_dir()) == [
            "binjiangbao",
            "jiangzhouribao",
        ]
    catalogue = (published / "opds/zh-Hans.xml").read_text(encoding="utf-8")
    assert "江州日报" in catalogue and "滨江报" in catalogue
    assert not (published / "zh-Hans/yuzhongbao").exists()  # the previous build's paper is not kept
    assert_complete_site(published)


def test_an_inner_page_whose_front_page_is_missing(published: Path, tmp_path: Path) -> None:
    """Page 2 alone, its folio naming the paper: published, saying the front page is missing, each
    continuation on its own."""
    text = SEED_P2.read_text(encoding="utf-8").replace("第2版 综合新闻", "渝中报 第2版 综合新闻", 1)
    result = build(*_page(tmp_path, text, "p2.txt"), out=published)
    assert result.returncode == 0, result.stderr
    assert "渝中报 2024-03-06: 7 articles on 1 page(s)" in result.stdout
    issue = model(published)
    assert [p["number"] for p in issue["pages"]] == [2]
    kinds = [w["kind"] for w in issue["warnings"]]
    assert "front-page-missing" in kinds and kinds.count("continuation-unmatched") == 5
    assert_complete_site(published)


def test_a_page_whose_name_is_not_utf8(published: Path, tmp_path: Path) -> None:
    """第1版.txt copied from a Windows share in GBK: the build stopped with an internal error
    (UnicodeEncodeError, from the name's undecodable bytes) before the name was read as GB18030."""
    page = tmp_path / os.fsdecode("第1版.txt".encode("gb18030"))
    shutil.copy(SEED, page)
    result = build(page, out=published)
    assert result.returncode == 0, result.stderr
    assert model(published)["pages"][0]["source"] == "第1版.txt"
    assert_complete_site(published)


def test_out_inside_the_input_folder(tmp_path: Path) -> None:
    """`publisher build . --out site`: the second build must not read site/review/*.txt as pages
    (it stopped: "…zh-Hant-HK.txt: no masthead or folio")."""
    shutil.copy(SEED, tmp_path / "page-1.txt")
    first = build(tmp_path, out=tmp_path / "site")
    assert first.returncode == 0, first.stderr
    before = snapshot(tmp_path / "site")
    again = build(tmp_path, out=tmp_path / "site")
    assert again.returncode == 0, again.stderr
    assert snapshot(tmp_path / "site") == before


def test_utf16_and_bom_pages_decode_like_the_seed() -> None:
    """The note is only for pages cut short: whole pages in those encodings say nothing."""
    for encoding in ("utf-16", "utf-8-sig", "utf-32"):
        data = SEED_TEXT.encode(encoding)
        assert codecs.decode(data, encoding) == SEED_TEXT
