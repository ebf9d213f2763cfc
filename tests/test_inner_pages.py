"""Inner pages of other (invented) papers, as stock extractors write real ones: PyMuPDF's column-width
lines, pdfminer.six's blank lines and letter spacing, headlines after their bodies and in clusters,
bylines set narrow, a briefs column, court notices, a table and an advert, a Taiwan paper's copy;
a national paper's page of decks across columns, sign-offs, wire datelines and a feature in sections;
a feature whose sections are signed each by its reporter, its headline after them.

The structure each should have is in inner-pages/expected.json, checked by reading the page: every
article's kind, headline, reporters, how many paragraphs and how the text opens and closes.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES
from fakes import FakeSynthesizer

from publisher.build import build
from publisher.config import PaperSettings, Settings
from publisher.ingest import parse_issue
from publisher.ingest.decode import decode_page
from publisher.ingest.supplied import Given, Supplied
from publisher.model import Issue
from publisher.tts.narrator import ClipCache, Narrator

INNER = FIXTURES / "inner-pages"
EXPECTED: dict[str, dict] = json.loads((INNER / "expected.json").read_text(encoding="utf-8"))
#: The same page as each extractor writes it.
SAME_PAGE = [("tabloid", "tabloid-mupdf"), ("evening", "evening-pdfminer"), ("region", "region-pdfminer"),
             ("notices", "notices-pdfminer"), ("wire", "wire-pdfminer")]  # fmt: skip


def parse(case: str) -> Issue:
    expected = EXPECTED[case]
    given = Given(Supplied(paper=expected["paper"]), None, expected["language"])
    return parse_issue([INNER / f"{case}.txt"], given)


def summary(issue: Issue) -> list[dict]:
    return [
        {
            "kind": a.kind,
            "section": a.section,
            "kicker": a.headline.kicker,
            "title": a.headline.title,
            "subtitle": a.headline.subtitle,
            "reporters": list(a.reporters),
            "subheads": list(a.subheads),
            "paragraphs": len(a.paragraphs),
            "opens": a.paragraphs[0][:14] if a.paragraphs else "",
            "closes": a.paragraphs[-1][-12:] if a.paragraphs else "",
            "figures": len(a.figures),
        }
        for a in issue.articles
    ]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_page_and_its_folio(case: str) -> None:
    issue, expected = parse(case), EXPECTED[case]
    (page,) = issue.pages
    assert (str(issue.date), page.label, page.name, dict(page.editors)) == (
        expected["date"], expected["page"], expected["page_name"], expected["editors"],
    )  # fmt: skip
    assert issue.paper == expected["paper"]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_articles_as_the_page_prints_them(case: str) -> None:
    got = summary(parse(case))
    want = EXPECTED[case]["articles"]
    assert [a["title"] for a in got] == [a["title"] for a in want]
    for article, expected in zip(got, want, strict=True):
        assert article == expected, expected["title"]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_line_is_in_the_model_or_dropped_once(case: str) -> None:
    issue = parse(case)
    placed = [s.line for a in issue.articles for s in a.source_lines]
    dropped = [d.line for d in issue.dropped]
    assert len(placed) + len(dropped) == len(set(placed) | set(dropped))
    lines = decode_page((INNER / f"{case}.txt").read_bytes(), f"{case}.txt").lines
    assert set(placed) | set(dropped) == {n for n, text in enumerate(lines, 1) if text.strip()}


@pytest.mark.parametrize(("pymupdf", "pdfminer"), SAME_PAGE)
def test_both_extractors_give_the_same_articles(pymupdf: str, pdfminer: str) -> None:
    def shape(case: str) -> list[tuple]:
        return [(a.kind, a.headline.parts(), a.reporters, len(a.paragraphs)) for a in parse(case).articles]

    assert shape(pymupdf) == shape(pdfminer)


def test_pdfminer_letter_spacing_and_split_numbers_are_closed_up() -> None:
    text = "".join(p for a in parse("tabloid").articles for p in a.paragraphs)
    for written in ("6月3日", "2.5万平方米", "首批4座", "86部加装电梯", "这些地块"):
        assert written in text
    assert "今 年" not in text and "6 月" not in text


def test_a_traditional_page_stays_traditional_with_its_subheads_and_fact_box() -> None:
    issue = parse("taiwan")
    assert issue.language == "zh-Hant-TW"
    care, bridge = issue.articles
    assert care.paragraphs[care.subheads[0]] == "人力缺口逾萬人"
    assert care.paragraphs[care.subheads[0] + 1].startswith("衛福部指出")
    assert "主橋：920公尺" in bridge.paragraphs and bridge.kind == "news"


def test_kinds_go_to_the_editions_made_for_them(tmp_path: Path) -> None:
    """Notices are public record: the web edition only. Adverts and tables are printed in the book.
    News, briefs and picture stories go everywhere, read aloud too."""
    settings = Settings(
        base_url="https://news.example.org/", variants=("zh-Hans",), paper=PaperSettings(name="潇城日报", slug="xc")
    )
    narrator = Narrator(FakeSynthesizer(), {"zh-Hans": "fake"}, ClipCache(tmp_path / "cache"))
    given = Given(Supplied(paper="潇城日报"), None, None)
    result = build([INNER / "service.txt"], tmp_path / "out", settings, narrator=lambda: narrator, given=given)
    (issue,) = result.issues
    kinds = {a.headline.one_line(): a.kind for a in issue.articles}
    assert set(kinds.values()) == {"table", "advert", "news", "photo", "notice", "brief"}
    everywhere = [title for title, kind in kinds.items() if kind in ("news", "brief", "photo")]
    folder = tmp_path / "out" / "zh-Hans" / "xc"
    rss = feedparser.parse((folder / "rss.xml").read_bytes())
    assert [entry.title for entry in rss.entries] == everywhere
    podcast = feedparser.parse((folder / "podcast.xml").read_bytes())
    episodes = [entry.title for entry in podcast.entries]
    assert all(title in " ".join(episodes) for title in everywhere)
    assert not any(
        title in " ".join(episodes) for title, kind in kinds.items() if kind not in ("news", "brief", "photo")
    )
    audio = sorted(path.stem for path in (folder / str(issue.date) / "audio").glob("*.mp3"))
    assert audio == sorted([*(a.id for a in issue.articles if a.kind in ("news", "brief", "photo")), "edition"])
    (epub,) = (tmp_path / "out" / "epub").glob("*.zh-Hans.epub")
    with zipfile.ZipFile(epub) as book:
        documents = {name.rsplit("/", 1)[-1] for name in book.namelist()}
    for article in issue.articles:
        assert (f"{article.id}.xhtml" in documents) == (article.kind != "notice"), article.kind
    for article in issue.articles:
        assert (folder / str(issue.date) / f"{article.id}.html").is_file(), article.kind


def test_a_few_unmapped_glyphs_are_left_out_with_a_warning(tmp_path: Path) -> None:
    """pdfminer writes (cid:NNN) for a glyph of an ornament or logo font; the page is published
    without them, and says so. A page whose text fonts have no map is refused (test_cli)."""
    text = (INNER / "evening.txt").read_text(encoding="utf-8").replace("运动会", "运动会(cid:3021)", 2)
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    issue = parse_issue([tmp_path / "page.txt"], Given(Supplied(paper="潇城晚报")))
    assert "cid" not in "".join(p for a in issue.articles for p in a.paragraphs)
    assert any("(cid:NNN)" in w.message and w.kind == "decoding" for w in issue.warnings)


def test_a_page_of_advertisements_keeps_its_folio(tmp_path: Path) -> None:
    """广告 / 2019年2月1日 星期五 / 08 / 要闻: the folio under a whole-page advertisement is the page's."""
    (tmp_path / "page.txt").write_text("广告\n潇城家电以旧换新节\n2019年2月1日 星期五\n08\n要闻\n", encoding="utf-8")
    issue = parse_issue([tmp_path / "page.txt"], Given(Supplied(paper="潇城晚报")))
    assert (issue.pages[0].label, str(issue.date)) == ("08", "2019-02-01")


def test_notices_are_closed_by_their_issuers_on_a_page_read_bodies_first(tmp_path: Path) -> None:
    """A report with its headline after it, over the notices: the page's headlines are matched to
    their text first, and each notice still ends with its court, never over the next one."""
    lines = (INNER / "notices.txt").read_text(encoding="utf-8").split("\n")
    report = ["本报讯（记者 何平）5月6日，全市法院集中宣判一批案件，", "涉及民间借贷、买卖合同等纠纷。"]
    (tmp_path / "page.txt").write_text(
        "\n".join([*lines[:4], *report, *lines[4:], "全市法院集中宣判一批民商事案件"]), encoding="utf-8"
    )
    issue = parse_issue([tmp_path / "page.txt"], Given(Supplied(paper="江东法治报")))
    notices = [a for a in issue.articles if a.headline.title.startswith("（20")]
    assert [a.paragraphs[-1] for a in notices] == [
        "南京市玄武区人民法院",
        "南京市建邺区人民法院",
        "江苏省南京市中级人民法院",
    ]
    assert not any("法院" in part for a in notices for part in a.headline.parts())
