"""The read-along EPUB: every sentence in its document tied to the stretch of the article's recording
that reads it (EPUB 3 media overlays), valid for EPUBCheck and DAISY Ace."""

from __future__ import annotations

import io
import itertools
import os
import posixpath
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import miniaudio
import pytest
from conftest import SEED
from lxml import etree
from tools import ace, epubcheck

from publisher.build import build
from publisher.config import Settings
from publisher.ingest import parse_issue
from publisher.transforms.speech import article_script
from publisher.tts.engines import make_narrator

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
}
SETTINGS = Settings(tts="espeak")


def offline_build(out: Path, **changes: object) -> None:
    settings = replace(SETTINGS, **changes)
    build([SEED], out, settings, narrator=lambda: make_narrator(settings, os.environ))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("readalong") / "out"
    offline_build(out)
    return out


@pytest.fixture(scope="module")
def book(site: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / "epub" / "yuzhongbao-2024-03-06.zh-Hans.readalong.epub")


def seconds(clock: str) -> float:
    if clock.endswith("s"):
        return float(clock[:-1])
    hours, minutes, rest = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_by_default_the_printed_edition_also_comes_read_along(site: Path) -> None:
    books = sorted(p.name for p in (site / "epub").glob("*.epub"))
    assert books == [
        "yuzhongbao-2024-03-06.zh-Hans.epub",
        "yuzhongbao-2024-03-06.zh-Hans.readalong.epub",
        "yuzhongbao-2024-03-06.zh-Hant-HK.epub",
        "yuzhongbao-2024-03-06.zh-Hant-TW.epub",
    ]
    with zipfile.ZipFile(site / "epub" / "yuzhongbao-2024-03-06.zh-Hans.epub") as text_only:
        assert not [n for n in text_only.namelist() if n.endswith((".smil", ".mp3"))]


def test_epubcheck_finds_nothing(site: Path) -> None:
    messages = epubcheck(site / "epub" / "yuzhongbao-2024-03-06.zh-Hans.readalong.epub")
    assert [(m["severity"], m["ID"], m["message"]) for m in messages if m["severity"] != "INFO"] == []


def test_ace_finds_no_violation(site: Path) -> None:
    report = ace(site / "epub" / "yuzhongbao-2024-03-06.zh-Hans.readalong.epub")
    failures = [a["earl:test"]["dct:title"] for a in report["assertions"] if a["earl:result"]["earl:outcome"] != "pass"]
    assert report["earl:result"]["earl:outcome"] == "pass", failures


def package(book: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(book.read("EPUB/content.opf"))


def test_each_article_has_its_overlay_and_recording(book: zipfile.ZipFile) -> None:
    opf = package(book)
    items = {item.get("id"): item for item in opf.iterfind(".//opf:item", NS)}
    articles = parse_issue([SEED]).articles
    for article in articles:
        document = items[f"a-{article.id}"]
        overlay = items[document.get("media-overlay")]
        assert overlay.get("media-type") == "application/smil+xml"
        assert overlay.get("href") == f"smil/{article.id}.smil"
        assert items[f"audio-{article.id}"].get("media-type") == "audio/mpeg"
    metas = {
        (meta.get("property"), meta.get("refines")): meta.text
        for meta in opf.iterfind(".//opf:meta[@property]", NS)
        if meta.get("property").startswith("media:")
    }
    assert metas[("media:active-class", None)] == "-epub-media-overlay-active"
    durations = [seconds(metas[("media:duration", f"#mo-{a.id}")]) for a in articles]
    assert seconds(metas[("media:duration", None)]) == pytest.approx(sum(durations), abs=0.01)
    css = book.read("EPUB/style.css").decode()
    assert ".-epub-media-overlay-active" in css


def test_accessibility_metadata_says_the_text_is_also_read(book: zipfile.ZipFile) -> None:
    opf = package(book)

    def values(prop: str) -> set[str]:
        return {m.text for m in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)}

    assert values("schema:accessMode") == {"textual", "auditory"}
    assert values("schema:accessModeSufficient") == {"textual", "auditory,textual"}
    assert "synchronizedAudioText" in values("schema:accessibilityFeature")


def test_every_clip_is_in_its_recording_in_order_and_every_sentence_is_played(book: zipfile.ZipFile) -> None:
    issue = parse_issue([SEED])
    for article in issue.articles:
        smil = etree.fromstring(book.read(f"EPUB/smil/{article.id}.smil"))
        document = etree.fromstring(book.read(f"EPUB/text/{article.id}.xhtml"))
        audio_length = miniaudio.mp3_get_info(book.read(f"EPUB/audio/{article.id}.mp3")).duration
        pars = smil.findall(".//smil:par", NS)
        clips = []
        for par in pars:
            text = par.find("smil:text", NS).get("src")
            audio = par.find("smil:audio", NS)
            target, fragment = text.split("#")
            assert posixpath.normpath(posixpath.join("smil", target)) == f"text/{article.id}.xhtml"
            assert document.xpath(f"//*[@id='{fragment}']"), f"{article.id}: no #{fragment}"
            assert audio.get("src") == f"../audio/{article.id}.mp3"
            clips.append((seconds(audio.get("clipBegin")), seconds(audio.get("clipEnd"))))
        assert clips, article.id
        assert all(0 <= begin <= end <= audio_length for begin, end in clips)
        assert all(a_end <= b_begin for (_, a_end), (b_begin, _) in itertools.pairwise(clips)), "overlapping clips"
        # Every sentence read aloud is in the text, in a span with its id, and played, in reading order.
        script = article_script(article, "zh-Hans")
        spans = document.xpath("//x:span[starts-with(@id, 's')]", namespaces=NS)
        assert [span.get("id") for span in spans] == [s.id for s in script.sentences]
        assert ["".join(span.itertext()) for span in spans] == [s.text for s in script.sentences]
        assert [par.find("smil:text", NS).get("src").split("#")[1] for par in pars] == [s.id for s in script.sentences]


def test_the_text_is_the_same_as_the_text_only_books(site: Path, book: zipfile.ZipFile) -> None:
    def shape(document: etree._Element) -> tuple[str, list[tuple[str, dict]]]:
        """The text, and every element but the sentences' spans, in document order."""
        elements = [
            (element.tag, dict(element.attrib))
            for element in document.iter()
            if not (element.tag.endswith("span") and re.fullmatch(r"s\d+", element.get("id", "")))
        ]
        return "".join(document.itertext()), elements

    with zipfile.ZipFile(site / "epub" / "yuzhongbao-2024-03-06.zh-Hans.epub") as text_only:
        documents = [name for name in text_only.namelist() if name.startswith("EPUB/text/")]
        assert documents
        for name in documents:
            assert shape(etree.fromstring(book.read(name))) == shape(etree.fromstring(text_only.read(name)))


def test_editions_per_variant_are_chosen_in_the_settings(tmp_path: Path) -> None:
    offline_build(tmp_path / "out", variants=("zh-Hant-TW",), epub_editions={"zh-Hant-TW": ("readalong",)})
    assert [p.name for p in (tmp_path / "out" / "epub").glob("*.epub")] == [
        "yuzhongbao-2024-03-06.zh-Hant-TW.readalong.epub"
    ]


def test_no_audio_no_read_along_book(tmp_path: Path) -> None:
    build([SEED], tmp_path / "out", replace(SETTINGS, tts="none", variants=("zh-Hans",)))
    assert [p.name for p in (tmp_path / "out" / "epub").glob("*.epub")] == ["yuzhongbao-2024-03-06.zh-Hans.epub"]


def test_read_along_book_is_reproducible(site: Path, tmp_path: Path) -> None:
    offline_build(tmp_path / "out", variants=("zh-Hans",))
    name = "epub/yuzhongbao-2024-03-06.zh-Hans.readalong.epub"
    assert (tmp_path / "out" / name).read_bytes() == (site / name).read_bytes()
    assert io.BytesIO((site / name).read_bytes()).getbuffer().nbytes > 1_000_000  # the recordings are inside


def test_the_catalogue_offers_both_books(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    catalogue = etree.fromstring((site / "opds" / "zh-Hans.xml").read_bytes())
    (entry,) = catalogue.findall(f"{atom}entry")
    acquisitions = [
        (link.get("href").rsplit("/", 1)[-1], link.get("title"))
        for link in entry.findall(f"{atom}link")
        if link.get("rel") == "http://opds-spec.org/acquisition/open-access"
    ]
    assert acquisitions == [
        ("yuzhongbao-2024-03-06.zh-Hans.epub", "下载本期电子书（EPUB）"),
        ("yuzhongbao-2024-03-06.zh-Hans.readalong.epub", "下载有声同步电子书（EPUB，朗读时逐句高亮）"),
    ]
    taiwan = etree.fromstring((site / "opds" / "zh-Hant-TW.xml").read_bytes())
    links = [link for link in taiwan.iter(f"{atom}link") if link.get("rel").endswith("open-access")]
    assert len(links) == 1
