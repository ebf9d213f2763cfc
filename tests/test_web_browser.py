"""The web edition in a real browser (the system Chromium under Playwright): axe-core finds no
violation on any page of the seed issue in any variant, light or dark; the keyboard reaches
everything; text scales to 200% without loss."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import SEED
from tools import axe_violations, chromium_browser, serving

from publisher.build import build
from publisher.config import Settings
from publisher.ingest import parse_issue
from publisher.tts.engines import make_narrator

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
PHONE = {"width": 390, "height": 844}
ARTICLES = [article.id for article in parse_issue([SEED]).articles]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    settings = Settings(tts="espeak")
    build([SEED], out, settings, narrator=lambda: make_narrator(settings, os.environ))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium_browser() as launched:
        yield launched


def seed_pages(site: Path, variant: str) -> list[Path]:
    issue = site / variant / "yuzhongbao" / "2024-03-06"
    return [
        site / variant / "yuzhongbao" / "index.html",
        issue / "index.html",
        *(issue / f"{a}.html" for a in ARTICLES),
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_axe_finds_no_violation(site: Path, browser: Browser, variant: str, scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme)
    found = {}
    for path in [*seed_pages(site, variant), site / "index.html"]:
        page.goto(path.as_uri())
        violations = axe_violations(page)
        if violations:
            found[str(path.relative_to(site))] = violations
    page.close()
    assert not found, found


def tab_walk(page: Page, limit: int = 200) -> list[dict]:
    """What Tab focuses, in order, from the top of the page until focus leaves the page."""
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                       return {tag: e.tagName.toLowerCase(), href: e.getAttribute('href'),
                               cls: e.className, text: (e.textContent || '').trim().slice(0, 40)}; }"""
        )
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


def test_keyboard_reaches_skip_link_player_and_every_article(site: Path, browser: Browser) -> None:
    page = browser.new_page()
    issue = site / "zh-Hans" / "yuzhongbao" / "2024-03-06"
    page.goto((issue / "index.html").as_uri())
    walk = tab_walk(page)
    assert walk[0]["cls"] == "skip" and walk[0]["href"] == "#main"
    assert any(stop["tag"] == "audio" for stop in walk), "the full edition's player"
    hrefs = {stop["href"] for stop in walk}
    assert {f"{article}.html" for article in ARTICLES} <= hrefs
    # The skip link works: Enter on it moves focus to the main content.
    page.goto((issue / "index.html").as_uri())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # An article page: the skip link first, the player before its download link and the text.
    page.goto((issue / f"{ARTICLES[0]}.html").as_uri())
    walk = tab_walk(page)
    assert walk[0]["cls"] == "skip"
    tags = [stop["tag"] for stop in walk]
    hrefs_in_order = [stop["href"] for stop in walk]
    assert tags.index("audio") < hrefs_in_order.index(f"audio/{ARTICLES[0]}.mp3")
    page.close()


def test_focus_is_visible(site: Path, browser: Browser) -> None:
    page = browser.new_page()
    page.goto((site / "zh-Hans" / "yuzhongbao" / "2024-03-06" / "index.html").as_uri())
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   const r = document.activeElement.getBoundingClientRect();
                   return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: r.top}; }"""
    )
    assert skip["outline"] == "solid" and skip["width"] >= 2
    assert skip["top"] >= 0, "the skip link shows when focused"
    page.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_text_at_200_percent_on_a_phone_needs_no_sideways_scrolling(site: Path, browser: Browser, variant: str) -> None:
    page = browser.new_page(viewport=PHONE)
    for path in seed_pages(site, variant)[:3]:
        page.goto(path.as_uri())
        before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
        assert after >= 1.9 * before, "the text did not scale"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path.name}: {overflow}px sideways at 200%"
    page.close()


def test_works_without_javascript_and_with_reduced_motion(site: Path, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, reduced_motion="reduce")
    page = context.new_page()
    page.goto((site / "zh-Hant-TW" / "yuzhongbao" / "2024-03-06" / "index.html").as_uri())
    assert page.locator("h1").count() == 1
    assert page.locator("ul.articles h3 a").count() == len(ARTICLES)
    assert page.locator("audio[controls]").count() == 1
    context.close()


def test_axe_does_report_what_it_should(browser: Browser) -> None:
    """The check can fail: a page without a language, an image without text and pale text are caught."""
    page = browser.new_page()
    page.set_content('<html><body><img src="x.png"><p style="color:#ccc;background:#fff">淡色文字</p></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
    page.close()


# ── read-along ───────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


def sentences(site: Path, article: str) -> list[dict]:
    return json.loads((site / "zh-Hans/yuzhongbao/2024-03-06/audio" / f"{article}.json").read_text())["sentences"]


def open_article(page: Page, served: str, article: str) -> Page:
    """The article's page, once its player has read the transcript's cues."""
    page.goto(f"{served}zh-Hans/yuzhongbao/2024-03-06/{article}.html")
    page.wait_for_function(
        "() => { const t = document.querySelector('audio track').track; return t.cues && t.cues.length; }"
    )
    return page


def highlighted(page: Page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.reading')].map(e => e.id)")


def test_read_along_follows_playback_and_seeking(site: Path, served: str, browser: Browser) -> None:
    article = ARTICLES[1]
    timing = sentences(site, article)
    page = open_article(browser.new_page(), served, article)
    # Playing (muted, as a headless browser may): the first sentences light up in turn.
    page.evaluate(
        "() => { const a = document.querySelector('audio'); a.muted = true; a.playbackRate = 2; return a.play(); }"
    )
    page.wait_for_selector(f"#{timing[0]['id']}.reading")
    page.wait_for_selector(f"#{timing[1]['id']}.reading", timeout=20_000)
    assert highlighted(page) == [timing[1]["id"]]
    page.evaluate("document.querySelector('audio').pause()")
    # Seeking into the middle of a later sentence highlights that one, and only it.
    later = timing[len(timing) // 2]
    page.evaluate(f"document.querySelector('audio').currentTime = {(later['start'] + later['end']) / 2}")
    page.wait_for_selector(f"#{later['id']}.reading")
    assert highlighted(page) == [later["id"]]
    page.close()


def test_clicking_a_sentence_plays_from_it(site: Path, served: str, browser: Browser) -> None:
    article = ARTICLES[0]
    timing = sentences(site, article)
    page = open_article(browser.new_page(), served, article)
    page.evaluate("document.querySelector('audio').muted = true")
    target = timing[3]
    page.click(f"#{target['id']}")
    page.wait_for_selector(f"#{target['id']}.reading")
    position = page.evaluate("document.querySelector('audio').currentTime")
    assert target["start"] - 0.05 <= position <= target["end"]
    page.close()


def test_speed_control_is_a_labelled_select(served: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{served}zh-Hans/yuzhongbao/2024-03-06/{ARTICLES[0]}.html")
    speed = page.get_by_label("播放速度")
    assert speed.is_visible()
    assert [o for o in speed.locator("option").all_inner_texts()] == ["0.75×", "1×", "1.25×", "1.5×", "1.75×", "2×"]
    speed.focus()
    page.keyboard.press("ArrowDown")  # the keyboard alone changes it
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.25
    speed.select_option("2")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 2
    assert not axe_violations(page)
    page.close()


def test_read_along_scrolls_without_motion_when_asked(site: Path, served: str, browser: Browser) -> None:
    article = ARTICLES[0]
    last = sentences(site, article)[-1]
    context = browser.new_context(reduced_motion="reduce", viewport=PHONE)
    page = open_article(context.new_page(), served, article)
    page.evaluate("() => { const a = document.querySelector('audio'); a.preload = 'auto'; a.load(); }")
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    page.evaluate(f"document.querySelector('audio').currentTime = {(last['start'] + last['end']) / 2}")
    page.wait_for_selector(f"#{last['id']}.reading")
    # At once, not smoothly: the sentence is already in view when it is highlighted.
    box = page.evaluate(f"document.getElementById('{last['id']}').getBoundingClientRect().toJSON()")
    assert box["top"] >= 0 and box["bottom"] <= PHONE["height"]
    context.close()
