"""The EPUB of each issue and edition: valid (EPUBCheck), accessible (DAISY Ace), navigable, reproducible."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree
from tools import ace, epubcheck

from publisher.build import build
from publisher.config import Settings
from publisher.emit import BuildContext
from publisher.emit.cover import find_font
from publisher.emit.epub import EpubEmitter
from publisher.errors import OutputError
from publisher.ingest import parse_issue
from publisher.output import OutputWriter

VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub") / "out"
    build([SEED], out, Settings())
    return out


def epub_of(site: Path, variant: str) -> Path:
    return site / "epub" / f"yuzhongbao-2024-03-06.{variant}.epub"


def xml(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("variant", VARIANTS)
def test_epubcheck_finds_nothing(site: Path, variant: str) -> None:
    messages = epubcheck(epub_of(site, variant))
    assert [(m["severity"], m["ID"], m["message"]) for m in messages if m["severity"] != "INFO"] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_ace_finds_no_violation(site: Path, variant: str) -> None:
    report = ace(epub_of(site, variant))
    failures = [a["earl:test"]["dct:title"] for a in report["assertions"] if a["earl:result"]["earl:outcome"] != "pass"]
    assert report["earl:result"]["earl:outcome"] == "pass", failures
    assert not report["a11y-metadata"]["missing"] or set(report["a11y-metadata"]["missing"]) <= {
        "a11y:certifiedBy",
        "a11y:certifierCredential",
        "a11y:certifierReport",
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_package_metadata(site: Path, variant: str) -> None:
    opf = xml(epub_of(site, variant), "EPUB/content.opf")
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == variant
    meta = opf.find("opf:metadata", NS)
    assert meta.findtext("dc:language", namespaces=NS) == variant
    assert meta.findtext("dc:date", namespaces=NS) == "2024-03-06"
    assert meta.findtext("dc:identifier", namespaces=NS).startswith("urn:uuid:")
    assert "2024" in meta.findtext("dc:title", namespaces=NS) and "26" in meta.findtext("dc:title", namespaces=NS)
    properties: dict[str, list[str]] = {}
    for element in meta.findall("opf:meta", NS):
        properties.setdefault(element.get("property") or element.get("name"), []).append(
            element.text or element.get("content")
        )
    assert properties["schema:accessMode"] == ["textual"]
    assert properties["schema:accessModeSufficient"] == ["textual"]
    assert set(properties["schema:accessibilityFeature"]) == {
        "structuralNavigation", "tableOfContents", "readingOrder", "printPageNumbers", "pageNavigation",
    }  # fmt: skip
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert properties["schema:accessibilitySummary"][0]
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert properties["pageBreakSource"][0].startswith("渝中報")
    assert properties["belongs-to-collection"] == ["渝中報"]
    assert properties["group-position"] == ["2011"] and properties["calibre:series_index"] == ["2011"]
    assert properties["dcterms:modified"] == ["2024-03-05T22:00:00Z"]


def test_the_same_issue_in_another_edition_is_another_book(site: Path) -> None:
    identifiers = {
        xml(epub_of(site, v), "EPUB/content.opf").findtext(".//dc:identifier", namespaces=NS) for v in VARIANTS
    }
    assert len(identifiers) == 3


def test_navigation_by_print_page(site: Path) -> None:
    epub = epub_of(site, "zh-Hans")
    nav = xml(epub, "EPUB/nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    pages = toc.findall("x:ol/x:li", NS)
    assert pages[0].findtext("x:a", namespaces=NS) == "渝中報 2024年3月6日 第26期（总第2011期）"
    first_page = pages[1]
    assert first_page.findtext("x:a", namespaces=NS) == "第1版"
    titles = [a.text for a in first_page.find("x:ol", NS).iter("{http://www.w3.org/1999/xhtml}a")]
    assert titles == [a.headline.one_line() for a in parse_issue([SEED]).articles]
    assert first_page.find(".//x:span", NS).text.startswith("全面推动党的二十大精神")  # the section, over its article
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    assert [(a.text, a.get("href")) for a in page_list.iterfind(".//x:a", NS)] == [
        ("第1版", "text/p1-7e169790.xhtml#page-1")
    ]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    assert [a.get("{http://www.idpf.org/2007/ops}type") for a in landmarks.iterfind(".//x:a", NS)] == [
        "cover", "toc", "bodymatter",
    ]  # fmt: skip
    ncx = xml(epub, "EPUB/toc.ncx")
    assert len(ncx.findall(".//ncx:navPoint", NS)) == 7


def test_article_documents(site: Path) -> None:
    epub = epub_of(site, "zh-Hant-TW")
    document = xml(epub, "EPUB/text/p1-7e169790.xhtml")
    assert document.get("lang") == "zh-Hant-TW"
    assert len(document.findall(".//x:h1", NS)) == 1
    marker = document.find(".//x:span[@epub:type='pagebreak']", NS)
    assert (marker.get("role"), marker.get("aria-label"), marker.get("id")) == ("doc-pagebreak", "第1版", "page-1")
    header = document.find(".//x:article/x:header", NS)
    assert [p.get("class") for p in header.findall("x:p", NS)] == ["kicker", "subtitle"]
    assert document.find(".//x:p[@class='jump']", NS).text == "（下轉第2版）"
    market = xml(epub, "EPUB/text/p1-9a97426b.xhtml")
    caption = market.find(".//x:figure/x:figcaption", NS)
    assert caption.text.startswith("提檔升級後的石灰市菜市場。") and caption.find("x:span", NS).text == "記者姚廷洋攝"
    with zipfile.ZipFile(epub) as archive:
        css = archive.read("EPUB/style.css").decode()
    assert "text-indent: 2em" in css and "px" not in css and "pt;" not in css


def test_mimetype_first_and_stored(site: Path) -> None:
    with zipfile.ZipFile(epub_of(site, "zh-Hans")) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert {info.date_time for info in archive.infolist()} == {(2024, 3, 5, 22, 0, 0)}


def test_two_builds_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    build([SEED], tmp_path / "again", Settings())
    for variant in VARIANTS:
        assert epub_of(tmp_path / "again", variant).read_bytes() == epub_of(site, variant).read_bytes()


def test_source_date_epoch_dates_the_files(tmp_path: Path) -> None:
    issue = parse_issue([SEED])
    context = BuildContext(settings=Settings(source_date_epoch=1_700_000_000), writer=OutputWriter(tmp_path))
    data = EpubEmitter().render(issue, context)
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert xml(path, "EPUB/content.opf").findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        "2023-11-14T22:13:20Z"
    )


def test_vertical_traditional_editions(tmp_path: Path) -> None:
    build([SEED], tmp_path / "out", Settings(vertical=True, variants=("zh-Hans", "zh-Hant-TW")))
    taiwan, printed = epub_of(tmp_path / "out", "zh-Hant-TW"), epub_of(tmp_path / "out", "zh-Hans")
    assert xml(taiwan, "EPUB/content.opf").find("opf:spine", NS).get("page-progression-direction") == "rtl"
    assert xml(printed, "EPUB/content.opf").find("opf:spine", NS).get("page-progression-direction") is None
    with zipfile.ZipFile(taiwan) as archive:
        assert "writing-mode: vertical-rl" in archive.read("EPUB/style.css").decode()
    assert [m for m in epubcheck(taiwan) if m["severity"] != "INFO"] == []


def test_a_cover_font_without_a_character_is_refused(tmp_path: Path) -> None:
    """No tofu: a font lacking a character the cover draws stops the build, naming the character."""
    font = find_font("zh-Hans")
    face = TTFont(str(font.path), fontNumber=font.index)
    issue = parse_issue([SEED])
    keep = set("".join(parse_issue([SEED]).paper)) | set("0123456789年月日星期三第期（总）")
    options = subset.Options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in keep])
    subsetter.subset(face)
    narrow = tmp_path / "narrow.otf"
    face.save(str(narrow))
    settings = Settings(cover_font=narrow)
    with pytest.raises(OutputError, match=r"has no glyph for 奋 力 打 造") as error:
        EpubEmitter().render(issue, BuildContext(settings=settings, writer=OutputWriter(tmp_path)))
    assert "cover_font in publisher.toml" in str(error.value)


def test_epubs_are_in_the_manifest(site: Path) -> None:
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    epubs = [a for a in manifest["artifacts"] if a["kind"] == "epub"]
    assert sorted(a["variant"] for a in epubs) == sorted(VARIANTS)
    assert all(a["path"] == f"epub/yuzhongbao-2024-03-06.{a['variant']}.epub" for a in epubs)


def test_an_issue_of_inner_pages_only_still_makes_a_book(tmp_path: Path) -> None:
    issue = replace(parse_issue([SEED]), issue_number=None, total_issue_number=None)
    data = EpubEmitter().render(issue, BuildContext(settings=Settings(), writer=OutputWriter(tmp_path)))
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    assert [m for m in epubcheck(path) if m["severity"] != "INFO"] == []
