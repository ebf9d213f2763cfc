"""The web edition as files: every page's structure, language, alternates and links, read with lxml."""

from __future__ import annotations

import itertools
import json
import os
import posixpath
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SECOND_ISSUE, SEED
from lxml import html as lxml_html

from publisher.build import build
from publisher.config import Settings
from publisher.emit import BuildContext
from publisher.emit.web import WebEmitter
from publisher.ingest import parse_issue
from publisher.model import Article
from publisher.output import OutputWriter
from publisher.tts.engines import make_narrator

BASE = "https://news.example.org/paper/"
VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed with its audio (the run's shared cache already holds it) and a second issue."""
    out = tmp_path_factory.mktemp("web") / "out"
    settings = Settings(base_url=BASE, tts="espeak")
    build([SEED], out, settings, narrator=lambda: make_narrator(settings, os.environ))
    return out


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def parse(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def resolve(out: Path, page: Path, href: str) -> Path | None:
    """The file in out/ a link from `page` points at (a folder's index.html), or None if it leaves out/."""
    if href.startswith(BASE):
        relative = urlsplit(href).path.removeprefix(urlsplit(BASE).path)
    else:
        assert not urlsplit(href).scheme, f"{page}: a link leaves the site: {href}"
        base = posixpath.dirname(page.relative_to(out).as_posix())
        relative = posixpath.normpath(posixpath.join(base, urlsplit(href).path))
    if relative.startswith(".."):
        return None
    target = out / relative
    return target / "index.html" if relative.endswith("/") or relative in ("", ".") else target


def test_every_page_of_every_variant_is_written(site: Path) -> None:
    issue = parse_issue([SEED])
    for variant in VARIANTS:
        folder = site / variant / "yuzhongbao"
        assert (folder / "index.html").is_file()
        assert (folder / "2024-03-06" / "index.html").is_file()
        for article in issue.articles:
            assert (folder / "2024-03-06" / f"{article.id}.html").is_file()
    assert (site / "index.html").is_file()
    manifest = json.loads((site / "manifest.json").read_text())["artifacts"]
    html = {a["path"] for a in manifest if a["kind"] == "html"}
    assert html == {p.relative_to(site).as_posix() for p in pages(site)}


def test_every_link_resolves_inside_out(site: Path) -> None:
    checked = 0
    for page in pages(site):
        document = parse(page)
        for element, attribute, href, _ in document.iterlinks():
            if element.tag == "a" and href.startswith("#"):
                assert document.get_element_by_id(href[1:]) is not None, f"{page}: no #{href[1:]}"
                continue
            target = resolve(site, page, href)
            assert target is not None and target.is_file(), f"{page.relative_to(site)}: {attribute}={href}"
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("variant", VARIANTS)
def test_language_headings_and_landmarks(site: Path, variant: str) -> None:
    for page in pages(site / variant):
        document = parse(page)
        assert document.get("lang") == variant
        assert len(document.findall(".//h1")) == 1, page
        levels = [int(h.tag[1]) for h in document.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), f"{page}: heading order {levels}"
        for landmark in ("header", "main", "footer", "nav"):
            assert document.find(f".//{landmark}") is not None, f"{page}: no <{landmark}>"
        links = document.findall(".//a")
        assert links[0].get("class") == "skip" and links[0].get("href") == "#main"
        assert document.find(".//main").get("id") == "main"
        # One script, only where there is a player to enhance (the pages work without it).
        scripts = [script.get("src") for script in document.findall(".//script")]
        has_player = document.find(".//audio") is not None
        assert scripts == (["../../../assets/readalong.js"] if has_player else []), page
        assert all(script.get("defer") is not None for script in document.findall(".//script"))


def test_alternates_and_feed_autodiscovery(site: Path) -> None:
    page = site / "zh-Hant-HK/yuzhongbao/2024-03-06/p1-7e169790.html"
    document = parse(page)
    alternates = {link.get("hreflang"): link.get("href") for link in document.findall(".//head/link[@hreflang]")}
    assert alternates == {v: f"{BASE}{v}/yuzhongbao/2024-03-06/p1-7e169790.html" for v in VARIANTS}
    feeds = {link.get("type"): link.get("href") for link in document.findall(".//head/link[@type]")}
    assert feeds["application/atom+xml"] == f"{BASE}zh-Hant-HK/yuzhongbao/atom.xml"
    assert feeds["application/feed+json"] == f"{BASE}zh-Hant-HK/yuzhongbao/feed.json"
    titles = [link.get("title") for link in document.findall(".//head/link[@type='application/rss+xml']")]
    assert titles == ["渝中報 · RSS 訂閱", "渝中報 · Podcast（有聲版）"]
    canonical = document.find(".//head/link[@rel='canonical']").get("href")
    assert canonical == f"{BASE}zh-Hant-HK/yuzhongbao/2024-03-06/p1-7e169790.html"
    switcher = document.findall(".//nav[@class='languages']//a")
    assert [a.get("lang") for a in switcher] == sorted(VARIANTS)
    assert [a.get("aria-current") for a in switcher] == [None, "true", None]
    issue_page = parse(site / "zh-Hans/yuzhongbao/2024-03-06/index.html")
    assert issue_page.find(".//head/link[@rel='canonical']").get("href") == f"{BASE}zh-Hans/yuzhongbao/2024-03-06/"


def test_article_page_offers_audio_transcript_and_epub(site: Path) -> None:
    document = parse(site / "zh-Hans/yuzhongbao/2024-03-06/p1-7e169790.html")
    (audio,) = document.findall(".//audio")
    assert audio.get("controls") is not None and audio.get("preload") == "none"
    assert audio.get("src") == "audio/p1-7e169790.mp3"
    track = audio.find("track")
    assert (track.get("kind"), track.get("srclang"), track.get("src")) == (
        "captions",
        "zh-Hans",
        "audio/p1-7e169790.vtt",
    )
    hrefs = {a.get("href"): a.text_content() for a in document.findall(".//a")}
    assert hrefs["audio/p1-7e169790.mp3"] == "下载音频（MP3）"
    assert hrefs["audio/p1-7e169790.vtt"] == "文字稿（WebVTT）"
    assert hrefs["../../../epub/yuzhongbao-2024-03-06.zh-Hans.epub"] == "下载本期电子书（EPUB）"
    assert (
        hrefs["../../../epub/yuzhongbao-2024-03-06.zh-Hans.readalong.epub"]
        == "下载有声同步电子书（EPUB，朗读时逐句高亮）"
    )
    # Read along: each sentence read aloud in a span with its cue's id; a speed control for scripts to show.
    assert audio.get("data-readalong") is not None
    timing = json.loads((site / "zh-Hans/yuzhongbao/2024-03-06/audio/p1-7e169790.json").read_text())
    spans = document.xpath("//article//span[starts-with(@id, 's')]")
    assert [s.get("id") for s in spans] == [s["id"] for s in timing["sentences"]]
    assert [s.text_content() for s in spans] == [s["text"] for s in timing["sentences"]]
    speed = document.find(".//p[@class='speed']")
    assert speed.get("hidden") is not None and speed.find(".//select").get("id") == "speed"
    # The Taiwan edition has no read-along book by default: only the text one is offered.
    taiwan = parse(site / "zh-Hant-TW/yuzhongbao/2024-03-06/p1-7e169790.html")
    assert [a.get("href") for a in taiwan.findall(".//a[@type='application/epub+zip']")] == [
        "../../../epub/yuzhongbao-2024-03-06.zh-Hant-TW.epub"
    ]
    # The player comes after the headline, before the text: h1, then the player's h2.
    headings = [h.text_content() for h in document.iter("h1", "h2")]
    assert headings[1] == "收听本文"
    issue_page = parse(site / "zh-Hans/yuzhongbao/2024-03-06/index.html")
    assert issue_page.find(".//audio").get("src") == "audio/edition.mp3"


def test_issue_page_lists_print_pages_and_articles(site: Path) -> None:
    issue = parse_issue([SEED])
    document = parse(site / "zh-Hans/yuzhongbao/2024-03-06/index.html")
    assert document.find(".//h1").text_content() == "渝中報 2024年3月6日 第26期（总第2011期）"
    dateline = document.find(".//p[@class='dateline']").text_content()
    for fact in ("星期三", "农历甲辰年正月廿六", "今日4版", "渝中区融媒体中心出版"):
        assert fact in dateline
    assert [h.text_content() for h in document.findall(".//section[@class='print-page']/h2")] == ["第1版"]
    titles = [a.text_content() for a in document.findall(".//ul[@class='articles']//h3/a")]
    assert titles == [article.headline.title for article in issue.articles]
    assert "记者：李传芳" in document.text_content()


def test_home_pages_list_the_archive_newest_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEED, SECOND_ISSUE], out, Settings(base_url=BASE, tts="none", variants=("zh-Hans", "zh-Hant-TW")))
    home = parse(out / "zh-Hans/yuzhongbao/index.html")
    archive = [a.get("href") for a in home.findall(".//ul[@class='issues']//a")]
    assert archive == ["2024-03-08/index.html", "2024-03-06/index.html"]
    latest = home.find(".//h2[@id='latest']/a").get("href")
    assert latest == "2024-03-08/index.html"
    site_home = parse(out / "index.html")
    editions = site_home.findall(".//ul[@class='editions']/li")
    assert [li.get("lang") for li in editions] == ["zh-Hans", "zh-Hant-TW"]
    # Without audio, no player and no podcast.
    article = parse(next((out / "zh-Hans/yuzhongbao/2024-03-08").glob("p*.html")))
    assert not article.findall(".//audio")
    assert "podcast.xml" not in (out / "zh-Hans/yuzhongbao/index.html").read_text()


def test_a_continuation_in_the_archive_is_linked(tmp_path: Path) -> None:
    """（下转第2版） links to page 2's article when the parser could not join the two (上接 without a match)."""
    seed = parse_issue([SEED])
    first = replace(seed.articles[0], continued_on=2, pages=(1,))
    rest = Article(
        id="p2-00000001",
        page=2,
        headline=replace(first.headline, kicker=None, subtitle=None),
        paragraphs=("下文。",),
        continued_from=1,
        pages=(2,),
    )
    issue = replace(seed, articles=(first, *seed.articles[1:], rest))
    context = BuildContext(settings=Settings(base_url=BASE, variants=("zh-Hans",)), writer=OutputWriter(tmp_path))
    WebEmitter().emit(issue, context)
    document = parse(tmp_path / f"zh-Hans/yuzhongbao/2024-03-06/{first.id}.html")
    link = document.find(".//p[@class='jump-link']/a")
    assert link.get("href") == "p2-00000001.html" and link.text_content() == "（下转第2版）"
    # An article whose rest is not in the archive keeps the printed note, unlinked.
    other = replace(seed.articles[1], continued_on=3, pages=(1,))
    tmp = tmp_path / "other"
    context = BuildContext(settings=Settings(base_url=BASE, variants=("zh-Hans",)), writer=OutputWriter(tmp))
    WebEmitter().emit(replace(seed, articles=(other,)), context)
    document = parse(tmp / f"zh-Hans/yuzhongbao/2024-03-06/{other.id}.html")
    assert document.find(".//p[@class='jump']").text_content() == "（下转第3版）"
    assert document.find(".//p[@class='jump-link']") is None


def test_styles_scale_with_the_reader_and_respect_their_settings(site: Path) -> None:
    css = (site / "assets/site.css").read_text()
    assert "px" not in css.replace("0px", ""), "sizes are relative, so text scales to 200%"
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media (prefers-reduced-motion: reduce)" in css
    assert ":focus-visible" in css


def test_the_site_is_byte_identical_when_rebuilt(site: Path, tmp_path: Path) -> None:
    settings = Settings(base_url=BASE, tts="espeak")
    build([SEED], tmp_path / "out", settings, narrator=lambda: make_narrator(settings, os.environ))
    for page in pages(site):
        assert (tmp_path / "out" / page.relative_to(site)).read_bytes() == page.read_bytes()


def test_links_are_relative_so_the_site_works_anywhere(site: Path) -> None:
    document = parse(site / "zh-Hans/yuzhongbao/2024-03-06/p1-7e169790.html")
    body_links = [a.get("href") for a in document.find(".//body").iter("a")]
    assert not [href for href in body_links if urlsplit(href).scheme], body_links
