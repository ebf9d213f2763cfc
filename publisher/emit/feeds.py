"""A paper's archive in one variant → RSS 2.0 and Atom 1.0 (feedgen) and JSON Feed 1.1 (json).

Each item is one article, newest issue first, with its full text as HTML from the shared article
template. Nothing here reads the clock: every date is an issue's publication time, and the feed's
own date is its newest item's, so an unchanged archive rebuilds to the same bytes. GUIDs are tag
URIs made of the site's host, the issue date, the paper, the variant and the article's stable id.

feedgen's traps, avoided: it stamps the current time on a feed and on each entry unless both are
set; the RSS channel link is the last link set; entries are prepended unless told to append.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from publisher.emit.labels import VARIANT_NAMES, labels
from publisher.emit.markup import summary, xml_text
from publisher.emit.photos import article_photos, picture
from publisher.model import SYNDICATED_KINDS, Article, Issue
from publisher.output import Artifact

if TYPE_CHECKING:
    from publisher.emit import BuildContext

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class _Item:
    """One article as every feed format carries it, all text cleaned for XML."""

    guid: str
    url: str
    title: str
    summary: str
    content_html: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    published: dt.datetime


class FeedsEmitter:
    name = "feeds"

    def emit_archive(self, editions: list[Issue], context: BuildContext) -> list[Artifact]:
        editions = [edition.carrying(SYNDICATED_KINDS) for edition in editions]
        newest = max(editions, key=lambda issue: issue.date)
        newest_first = (
            (issue, article)
            for issue in sorted(editions, key=lambda issue: issue.date, reverse=True)
            for article in issue.articles
        )
        # Only the window is rendered: an archive of a thousand issues costs what its newest do.
        items = [
            self._item(issue, article, context) for issue, article in islice(newest_first, context.settings.feed_items)
        ]
        folder = context.paper_folder(newest)
        variant = newest.language
        title = xml_text(" · ".join(filter(None, [newest.paper, VARIANT_NAMES.get(variant, "")])))
        description = xml_text(context.settings.description or _description(newest))
        paths = {kind: context.feed_path(newest, kind) for kind in ("rss", "atom", "jsonfeed")}
        home = context.url(f"{folder}/")
        generator = self._generator(title, description, home, variant, items, context.url(paths["atom"]))
        # The date of the newest item, never the clock.
        updated = max((item.published for item in items), default=context.published(newest))
        generator.updated(updated)
        generator.lastBuildDate(updated)
        documents = {
            "rss": self._with_self_link(generator, context.url(paths["rss"])).rss_str(pretty=True),
            "atom": self._with_self_link(generator, context.url(paths["atom"])).atom_str(pretty=True),
            "jsonfeed": _json_feed(title, description, home, context.url(paths["jsonfeed"]), variant, items),
        }
        return [context.writer.write(paths[kind], data, kind=kind, variant=variant) for kind, data in documents.items()]

    def _item(self, issue: Issue, article: Article, context: BuildContext) -> _Item:
        words = labels(issue.language)
        url = context.url(context.article_path(issue, article))
        host = urlsplit(context.settings.base_url).hostname or "localhost"
        photos = context.url(context.photo_folder(issue))
        content = context.templates.get_template("feeds/content.html").render(
            article=article,
            labels=words,
            heading_level=3,
            show_kicker=False,
            # A feed reader is given one size, at the web edition's address: it fetches what it shows.
            pictures={photo.name: picture(photo, photos, choose=False) for photo in article_photos(article)},
        )
        categories = [words["page"].format(page=article.page), *([article.section] if article.section else [])]
        return _Item(
            guid=f"tag:{host},{issue.date}:{context.paper_slug(issue.paper)}/{issue.language}/{article.id}",
            url=url,
            title=xml_text(article.headline.one_line()),
            summary=xml_text(summary(article)),
            content_html=content.strip(),
            authors=tuple(xml_text(name) for name in article.reporters),
            categories=tuple(xml_text(category) for category in categories),
            published=context.published(issue),
        )

    def _generator(
        self,
        title: str,
        description: str,
        home: str,
        variant: str,
        items: list[_Item],
        feed_id: str,
    ) -> FeedGenerator:
        generator = FeedGenerator()
        # Atom names authors itself; RSS needs dc:creator for a name without an e-mail address.
        generator.load_extension("dc", atom=False, rss=True)
        generator.id(feed_id)
        generator.title(title)
        generator.description(description)
        generator.language(variant)
        generator.generator("publisher")
        for item in items:
            entry = generator.add_entry(order="append")
            entry.guid(item.guid, permalink=False)
            entry.title(item.title)
            entry.link(href=item.url, rel="alternate")
            # RSS descriptions are HTML to readers: the plain summary goes in escaped, and so as HTML to Atom.
            entry.summary(html.escape(item.summary, quote=False), type="html")
            entry.content(item.content_html, type="html")
            entry.published(item.published)
            entry.updated(item.published)
            for author in item.authors:
                entry.author(name=author)
                entry.dc.dc_creator(author)
            for category in item.categories:
                entry.category(term=category)
        # RSS takes the last link set as the channel's: the home page, after the self link.
        generator.link(href=home, rel="alternate")
        return generator

    def _with_self_link(self, generator: FeedGenerator, href: str) -> FeedGenerator:
        """The generator with its self link pointing at this format's file, the home page link last."""
        links = generator.link()
        home = next(link for link in links if link.get("rel") == "alternate")
        generator.link([{"href": href, "rel": "self"}, home], replace=True)
        return generator


def _description(issue: Issue) -> str:
    words = labels(issue.language)
    publisher = issue.masthead.publisher
    if publisher:
        return words["description_with_publisher"].format(paper=issue.paper, publisher=publisher)
    return words["description"].format(paper=issue.paper)


def _json_feed(title: str, description: str, home: str, feed_url: str, variant: str, items: list[_Item]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): version, title and items are required, each
    item with an id; the rest is what readers show."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": home,
        "feed_url": feed_url,
        "description": description,
        "language": variant,
        "items": [
            {
                "id": item.guid,
                "url": item.url,
                "title": item.title,
                "content_html": item.content_html,
                "summary": item.summary,
                "date_published": item.published.isoformat(),
                "authors": [{"name": name} for name in item.authors],
                "tags": list(item.categories),
                "language": variant,
            }
            for item in items
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode()
