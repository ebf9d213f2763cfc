"""A page PDF's photos in every edition: the EPUB carries them (EPUBCheck and Ace clean), the web
edition sets them in two sizes with their width and height (axe clean), the feeds point at them;
the alt text is the caption."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from test_pdf_pages import FOLIO, HEADLINE, LEAD, MORE, SECOND
from tools import ace, axe_violations, chromium_browser, epubcheck
from typeset import Pictured, Story, typeset_story

from publisher.build import build
from publisher.config import PaperSettings, Settings

CAPTION = "新建成的江北区观音桥公交站台。"
CREDIT = "记者 王二 摄"
#: Wider than the web edition's largest size: it is given at 1200 and 480 px.
PICTURED = Pictured(CAPTION, CREDIT, size=(1600, 1000))
ISSUE = "jiangchengwanbao-2024-05-07"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    story = Story(HEADLINE, [LEAD, SECOND, *MORE[:3]], photo=PICTURED, furniture=True)
    (folder / "A03.pdf").write_bytes(typeset_story(FOLIO, story, columns=3))
    return folder


@pytest.fixture(scope="module")
def site(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("photos") / "out"
    build([pages], out, Settings(paper=PaperSettings(name="江城晚报")))
    return out


def issue_folder(site: Path, variant: str = "zh-Hans") -> Path:
    return site / variant / "jiangchengwanbao" / "2024-05-07"


def test_the_web_edition_sets_the_photo_in_two_sizes_with_its_size(site: Path) -> None:
    photos = sorted(path.name for path in (issue_folder(site) / "photos").iterdir())
    assert len(photos) == 2 and all(re.fullmatch(r"[0-9a-f]{20}-(1200|480)\.jpg", name) for name in photos)
    for name in photos:
        with Image.open(issue_folder(site) / "photos" / name) as shown:
            assert shown.size == ((1200, 750) if "-1200" in name else (480, 300))
    (page,) = [p for p in issue_folder(site).glob("*.html") if p.name != "index.html"]
    html = page.read_text()
    (img,) = re.findall(r"<img [^>]*>", html)
    assert f'alt="{CAPTION}"' in img and 'width="1200" height="750"' in img
    assert re.search(r'src="photos/[0-9a-f]{20}-1200\.jpg"', img)
    assert re.search(r'srcset="photos/\S+-1200\.jpg 1200w, photos/\S+-480\.jpg 480w"', img)
    assert f'<figcaption>{CAPTION} <span class="credit">{CREDIT}</span></figcaption>' in html
    manifest = json.loads((site / "manifest.json").read_text())
    kinds = {entry["path"].rsplit("/", 1)[-1]: entry["kind"] for entry in manifest["artifacts"]}
    assert all(kinds[name] == "photo" for name in photos)


def test_every_variant_sets_it(site: Path) -> None:
    for variant in ("zh-Hant-TW", "zh-Hant-HK"):
        assert len(list((issue_folder(site, variant) / "photos").iterdir())) == 2


def test_the_epub_carries_the_photo_and_is_clean(site: Path) -> None:
    book = site / "epub" / f"{ISSUE}.zh-Hans.epub"
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        (image,) = [name for name in names if re.fullmatch(r"EPUB/images/[0-9a-f]{20}-1200\.jpg", name)]
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        (document,) = [name for name in names if name.startswith("EPUB/text/")]
        xhtml = archive.read(document).decode()
    items = opf.findall(".//{http://www.idpf.org/2007/opf}item")
    assert any(
        item.get("href") == image.removeprefix("EPUB/") and item.get("media-type") == "image/jpeg" for item in items
    )
    assert f'src="../images/{image.rsplit("/", 1)[1]}"' in xhtml and f'alt="{CAPTION}"' in xhtml
    messages = epubcheck(book)
    assert [(m["severity"], m["ID"], m["message"]) for m in messages if m["severity"] != "INFO"] == []
    report = ace(book)
    failures = [a["earl:test"]["dct:title"] for a in report["assertions"] if a["earl:result"]["earl:outcome"] != "pass"]
    assert report["earl:result"]["earl:outcome"] == "pass", failures


def test_the_feeds_point_at_the_photo_by_its_absolute_address(site: Path) -> None:
    feed = json.loads((site / "zh-Hans" / "jiangchengwanbao" / "feed.json").read_text())
    (item,) = feed["items"]
    (src,) = re.findall(r'<img src="([^"]+)"', item["content_html"])
    assert re.fullmatch(r"http://localhost:8000/zh-Hans/jiangchengwanbao/2024-05-07/photos/[0-9a-f]{20}-1200\.jpg", src)
    assert (site / src.removeprefix("http://localhost:8000/")).is_file()
    for feed_file in ("atom.xml", "rss.xml"):
        text = (site / "zh-Hans" / "jiangchengwanbao" / feed_file).read_text()
        assert f'&lt;img src="{src}" width="1200" height="750" alt="{CAPTION}"/&gt;' in text


def test_the_article_page_with_its_photo_has_no_axe_violation_nor_layout_shift(site: Path) -> None:
    (page_path,) = [p for p in issue_folder(site).glob("*.html") if p.name != "index.html"]
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(page_path.as_uri())
        assert axe_violations(page) == []
        # The photo's room is kept from the first layout: its box is the photo's shape, within the page.
        box = page.eval_on_selector(
            "figure img", "i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height, i.complete]"
        )
        assert box[2] and box[0] <= 390 and abs(box[1] - box[0] * 750 / 1200) < 1.5


def test_the_kept_jpeg_is_the_pages_own_where_no_smaller_size_is_needed(tmp_path: Path) -> None:
    pictured = Pictured(CAPTION, CREDIT, size=(400, 300))
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "A03.pdf").write_bytes(typeset_story(FOLIO, Story(HEADLINE, [LEAD, SECOND], photo=pictured), columns=3))
    build([pages], tmp_path / "out", Settings(paper=PaperSettings(name="江城晚报"), variants=("zh-Hans",)))
    (photo,) = (issue_folder(tmp_path / "out") / "photos").iterdir()
    assert photo.read_bytes() == pictured.image() and not photo.stem.endswith(("-1200", "-480"))
    with Image.open(io.BytesIO(photo.read_bytes())) as shown:
        assert shown.size == (400, 300)


def test_two_builds_give_the_same_photo_files(pages: Path, site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build([pages], again, Settings(paper=PaperSettings(name="江城晚报")))
    for variant in ("zh-Hans", "zh-Hant-TW"):
        for photo in (issue_folder(site, variant) / "photos").iterdir():
            assert (issue_folder(again, variant) / "photos" / photo.name).read_bytes() == photo.read_bytes()
