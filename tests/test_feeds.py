"""RSS, Atom and JSON Feed for every variant, read back with feedparser."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from conftest import SECOND_ISSUE, SEED

from publisher.build import build
from publisher.config import Settings
from publisher.emit import BuildContext
from publisher.emit.feeds import FeedsEmitter
from publisher.ingest import parse_issue
from publisher.output import OutputWriter

VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
BASE = "https://news.example.org/yuzhong/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    build([SEED], out, Settings(base_url=BASE))
    return out


def feed_paths(out: Path, variant: str) -> dict[str, Path]:
    folder = out / variant / "yuzhongbao"
    return {"rss": folder / "rss.xml", "atom": folder / "atom.xml", "jsonfeed": folder / "feed.json"}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_xml_feeds_parse_cleanly_with_six_items(site: Path, variant: str, kind: str) -> None:
    feed = feedparser.parse(feed_paths(site, variant)[kind].read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 6
    assert feed.feed.language == variant
    issue = parse_issue([SEED])
    assert [len(e.get("authors", [])) for e in feed.entries] == [len(a.reporters) for a in issue.articles]
    if variant == "zh-Hans":
        assert [e.title for e in feed.entries] == [a.headline.one_line() for a in issue.articles]
        body = feed.entries[0].content[0].value
        for paragraph in issue.articles[0].paragraphs:
            assert paragraph in body
        assert "（下转第2版）" in body
    links = [e.link for e in feed.entries] + [feed.feed.link]
    assert all(link.startswith(BASE) for link in links)


def test_items_carry_reporters_pages_and_dates(site: Path) -> None:
    feed = feedparser.parse(feed_paths(site, "zh-Hans")["rss"].read_bytes())
    issue = parse_issue([SEED])
    for entry, article in zip(feed.entries, issue.articles, strict=True):
        assert [a.get("name") for a in entry.get("authors", [])] == list(article.reporters)
        assert "第1版" in [t.term for t in entry.tags]
        assert entry.published == "Wed, 06 Mar 2024 06:00:00 +0800"
        assert entry.id.startswith("tag:news.example.org,2024-03-06:yuzhongbao/zh-Hans/p1-")
    market = feed.entries[4]
    assert {t.term for t in market.tags} == {"第1版", issue.articles[4].section}
    assert "提档升级后的石灰市菜市场。" in market.content[0].value
    assert feed.feed.updated == "Wed, 06 Mar 2024 06:00:00 +0800"


@pytest.mark.parametrize("variant", VARIANTS)
def test_json_feed_has_the_required_fields(site: Path, variant: str) -> None:
    feed = json.loads(feed_paths(site, variant)["jsonfeed"].read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == BASE + f"{variant}/yuzhongbao/feed.json"
    assert feed["language"] == variant
    assert len(feed["items"]) == 6
    for item in feed["items"]:
        assert {"id", "url", "content_html", "date_published"} <= set(item)
        assert item["url"].startswith(BASE) and item["date_published"] == "2024-03-06T06:00:00+08:00"


def test_taiwan_feed_reads_traditional(site: Path) -> None:
    feed = feedparser.parse(feed_paths(site, "zh-Hant-TW")["atom"].read_bytes())
    assert feed.entries[0].title.startswith("黃茂軍在全區數字重慶建設推進會上強調：")
    assert "「" in feed.entries[1].content[0].value
    assert "（下轉第2版）" in feed.entries[0].content[0].value


def test_self_links_point_at_each_file(site: Path) -> None:
    for kind in ("rss", "atom"):
        feed = feedparser.parse(feed_paths(site, "zh-Hans")[kind].read_bytes())
        selfs = [link.href for link in feed.feed.links if link.rel == "self"]
        assert selfs == [BASE + f"zh-Hans/yuzhongbao/{'rss' if kind == 'rss' else 'atom'}.xml"]


def test_feeds_are_in_the_manifest(site: Path) -> None:
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    kinds = {(a["kind"], a["variant"]) for a in manifest["artifacts"] if a["kind"] in ("rss", "atom", "jsonfeed")}
    assert kinds == {(kind, variant) for kind in ("rss", "atom", "jsonfeed") for variant in VARIANTS}


def test_a_second_issue_keeps_every_guid_and_comes_first(tmp_path: Path, site: Path) -> None:
    out = tmp_path / "out"
    build([SEED, SECOND_ISSUE], out, Settings(base_url=BASE))
    for variant in VARIANTS:
        before = feedparser.parse(feed_paths(site, variant)["rss"].read_bytes())
        after = feedparser.parse(feed_paths(out, variant)["rss"].read_bytes())
        assert {e.id for e in before.entries} <= {e.id for e in after.entries}
        assert len(after.entries) == 9
        assert all("2024-03-08" in e.id for e in after.entries[:3])
        assert after.feed.updated == "Fri, 08 Mar 2024 06:00:00 +0800"


def test_the_newest_n_articles(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEED, SECOND_ISSUE], out, Settings(base_url=BASE, feed_items=4, variants=("zh-Hans",)))
    feed = json.loads(feed_paths(out, "zh-Hans")["jsonfeed"].read_text(encoding="utf-8"))
    assert [item["date_published"][:10] for item in feed["items"]] == ["2024-03-08"] * 3 + ["2024-03-06"]


def test_hostile_text_is_escaped_and_the_feeds_still_parse(tmp_path: Path) -> None:
    issue = parse_issue([SEED])
    article = issue.articles[0]
    hostile = replace(article, paragraphs=("<script>alert(1)</script>\x0b正文。", *article.paragraphs[1:]))
    issue = replace(issue, articles=(hostile, *issue.articles[1:]))
    writer = OutputWriter(tmp_path)
    FeedsEmitter().emit_archive([issue], BuildContext(settings=Settings(base_url=BASE), writer=writer))
    for kind, path in feed_paths(tmp_path, "zh-Hans").items():
        data = path.read_bytes()
        assert b"\x0b" not in data
        if kind == "jsonfeed":
            item = json.loads(data)["items"][0]
            assert "&lt;script&gt;alert(1)&lt;/script&gt;正文。" in item["content_html"]
            assert "<script>" not in item["content_html"]
            assert item["summary"].startswith("<script>alert(1)</script>正文。")  # plain text, as the spec has it
        else:
            assert b"<script>" not in data
            feed = feedparser.parse(data)
            assert not feed.bozo
            assert "&lt;script&gt;alert(1)&lt;/script&gt;正文。" in feed.entries[0].content[0].value
            assert feed.entries[0].summary.startswith("&lt;script&gt;alert(1)&lt;/script&gt;正文。")
