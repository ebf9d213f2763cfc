"""The web edition in a real browser (the system Chromium under Playwright): axe-core finds no
violation on any page of the seed issue in any variant, light or dark; the keyboard reaches
everything; text scales to 200% without loss."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import SEED
from tools import axe_violations, chromium_browser

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
