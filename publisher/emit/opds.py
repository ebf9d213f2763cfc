"""Every issue's EPUB → an OPDS 1.2 catalogue (Atom).

E-reader apps (KOReader, Thorium, calibre) are given the catalogue's root, opds/index.xml, and find
every issue's EPUB through it. The root is a navigation feed with one entry per variant built; each
leads to that variant's acquisition feed, opds/<variant>.xml, which lists every issue of every paper
newest first: the EPUB (open access), its cover and a thumbnail (written here, under opds/covers/),
the issue's web page, and the headlines by print page.

An entry's id is the EPUB's own identifier, so a reader's library recognises a book it already
holds. Every date is an issue's publication time, and a feed's date its newest entry's, never the
clock's, so an unchanged archive rebuilds to the same bytes; every link is absolute from base_url.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publisher.emit.cover import cover_png, cover_thumbnail_png
from publisher.emit.epub import book_identifier
from publisher.emit.labels import labels
from publisher.model import BOOK_KINDS, Issue
from publisher.output import Artifact

if TYPE_CHECKING:
    from publisher.emit import BuildContext, Site

#: The media types OPDS 1.2 requires on links to its two kinds of feed.
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
EPUB = "application/epub+zip"
#: The catalogue's root, the one address a reader adds to an app.
ROOT = "opds/index.xml"
#: How the catalogue names each variant, in its own script and in the order the root lists them.
VARIANT_TITLES = {"zh-Hans": "简体", "zh-Hant-TW": "繁體（臺灣）", "zh-Hant-HK": "繁體（香港）", "zh-Hant": "繁體"}
#: The category every issue is filed under, in the variant's script.
NEWSPAPER = {"zh-Hans": "报纸", "zh-Hant": "報紙"}
#: Apps show thumbnails in lists at about this height; the full cover is 1200×1800.
THUMBNAIL_HEIGHT = 300


@dataclass(frozen=True)
class _Link:
    rel: str
    href: str
    type: str
    #: What an app shows for the link, where an entry has more than one of its kind.
    title: str | None = None


@dataclass(frozen=True)
class _Category:
    term: str
    label: str


@dataclass(frozen=True)
class _Book:
    """One issue's entry in an acquisition feed, every date already in RFC 3339."""

    id: str
    title: str
    updated: str
    published: str
    issued: str
    language: str
    author: str
    categories: tuple[_Category, ...]
    content: str
    links: tuple[_Link, ...]


@dataclass(frozen=True)
class _Section:
    """A root entry: one variant's acquisition feed."""

    id: str
    title: str
    updated: str
    language: str
    content: str
    link: _Link


@dataclass(frozen=True)
class _Feed:
    id: str
    title: str
    updated: str
    authors: tuple[str, ...]
    links: tuple[_Link, ...]


@dataclass(frozen=True)
class _Page:
    label: str
    headlines: tuple[str, ...]


class OpdsEmitter:
    """Each issue's cover images as each issue is built; the catalogue once the archive is known."""

    name = "opds"
    kinds = ("cover",)
    hears_audio = False

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]:
        """The issue's cover and its thumbnail, written beside the catalogue (the EPUB's own copy is
        inside its zip, out of an app's reach)."""
        issue = issue.carrying(BOOK_KINDS)  # the book's cover
        font = context.cover_font(issue.language)
        key = context.issue_key(issue)
        stem = _cover_stem(issue, context)
        files = {
            f"{stem}.png": cover_png(issue, font),
            f"{stem}.thumbnail.png": cover_thumbnail_png(issue, font, THUMBNAIL_HEIGHT),
        }
        return [
            context.writer.write(path, data, kind="cover", variant=issue.language, issue=key)
            for path, data in files.items()
        ]

    def emit_site(self, site: Site, context: BuildContext) -> list[Artifact]:
        variants = _by_variant(site)
        if not variants:
            return []
        artifacts: list[Artifact] = []
        sections: list[_Section] = []
        for variant, issues in variants.items():
            written, section = self._acquisition(variant, issues, context)
            artifacts += written
            sections.append(section)
        first = next(iter(variants.values()))
        root = _Feed(
            id=context.url(ROOT),
            title=f"{'、'.join(_papers(first))} · EPUB",
            updated=_time(max(context.modified(issue) for issues in variants.values() for issue in issues)),
            authors=_authors(first),
            links=(_Link("self", context.url(ROOT), NAVIGATION), _Link("start", context.url(ROOT), NAVIGATION)),
        )
        data = context.templates.get_template("opds/root.xml").render(feed=root, entries=sections)
        artifacts.append(context.writer.write(ROOT, (data + "\n").encode(), kind="opds"))
        return artifacts

    def _acquisition(self, variant: str, issues: list[Issue], context: BuildContext) -> tuple[list[Artifact], _Section]:
        """A variant's acquisition feed and the covers it shows, and its entry in the root."""
        path = f"opds/{variant}.xml"
        artifacts: list[Artifact] = []
        books: list[_Book] = []
        for issue in issues:
            stem = _cover_stem(issue, context)
            images = (
                _Link("http://opds-spec.org/image", context.url(f"{stem}.png"), "image/png"),
                _Link("http://opds-spec.org/image/thumbnail", context.url(f"{stem}.thumbnail.png"), "image/png"),
            )
            books.append(self._book(issue, images, context))
        name = VARIANT_TITLES.get(variant, variant)
        feed = _Feed(
            id=context.url(path),
            title=f"{'、'.join(_papers(issues))} · {name}",
            # The times compared, not their RFC 3339 strings, which sort wrongly across offsets.
            updated=_time(max(context.modified(issue) for issue in issues)),
            authors=_authors(issues),
            links=(
                _Link("self", context.url(path), ACQUISITION),
                _Link("start", context.url(ROOT), NAVIGATION),
                _Link("up", context.url(ROOT), NAVIGATION),
            ),
        )
        data = context.templates.get_template("opds/acquisition.xml").render(feed=feed, language=variant, books=books)
        artifacts.append(context.writer.write(path, (data + "\n").encode(), kind="opds", variant=variant))
        newest = issues[0]
        words = labels(variant)
        section = _Section(
            id=context.url(path),
            title=name,
            updated=feed.updated,
            language=variant,
            # 共 期 最新一 are written alike in both scripts.
            content=f"{'、'.join(_papers(issues))}：共{len(issues)}期，最新一期{_date_text(newest, words)}",
            link=_Link("subsection", context.url(path), ACQUISITION),
        )
        return artifacts, section

    def _book(self, issue: Issue, images: tuple[_Link, _Link], context: BuildContext) -> _Book:
        issue = issue.carrying(BOOK_KINDS)  # the book's contents
        words = labels(issue.language)
        number = words["issue_number"].format(number=issue.issue_number) if issue.issue_number else ""
        newspaper = NEWSPAPER["zh-Hans" if issue.language == "zh-Hans" else "zh-Hant"]
        content = context.templates.get_template("opds/content.html").render(pages=_pages(issue, words))
        books = context.books(issue)
        return _Book(
            # The text book's identifier, or the read-along book's where it is the only one.
            id=book_identifier(issue, readalong=all(readalong for _, readalong in books)),
            title=" ".join(filter(None, [issue.paper, _date_text(issue, words), number])),
            updated=_time(context.modified(issue)),
            published=_time(context.published(issue)),
            issued=issue.date.isoformat(),
            language=issue.language,
            author=issue.masthead.publisher or issue.paper,
            categories=(_Category(issue.paper, issue.paper), _Category("newspaper", newspaper)),
            content=content.strip(),
            links=(
                *(
                    _Link(
                        "http://opds-spec.org/acquisition/open-access",
                        context.url(path),
                        EPUB,
                        words["ebook_readalong"] if readalong else words["ebook"],
                    )
                    for path, readalong in books
                ),
                *images,
                _Link("alternate", context.url(context.issue_path(issue)), "text/html"),
            ),
        )


def _by_variant(site: Site) -> dict[str, list[Issue]]:
    """Every issue of every paper, by variant in the catalogue's order, newest first (papers of one
    day in the order of their names)."""
    found: dict[str, list[tuple[str, Issue]]] = {}
    for (slug, variant), issues in site.items():
        found.setdefault(variant, []).extend((slug, issue) for issue in issues)
    order = list(VARIANT_TITLES)
    variants = sorted(found, key=lambda v: (order.index(v) if v in order else len(order), v))
    return {
        variant: [issue for _, issue in sorted(found[variant], key=lambda pair: (-pair[1].date.toordinal(), pair[0]))]
        for variant in variants
    }


def _papers(issues: list[Issue]) -> list[str]:
    """The papers' names, each once, in the order their newest issues come."""
    return list(dict.fromkeys(issue.paper for issue in issues))


def _authors(issues: list[Issue]) -> tuple[str, ...]:
    """Who publishes the papers: each newest issue's masthead publisher, or the paper itself."""
    newest: dict[str, Issue] = {}
    for issue in issues:
        newest.setdefault(issue.paper, issue)
    return tuple(dict.fromkeys(issue.masthead.publisher or issue.paper for issue in newest.values()))


def _date_text(issue: Issue, words: Mapping[str, str]) -> str:
    return words["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)


def _pages(issue: Issue, words: Mapping[str, str]) -> list[_Page]:
    """The headlines under their print pages (第1版 要闻), in print order."""
    names = {page.number: page.name for page in issue.pages}
    numbers = sorted({article.page for article in issue.articles})
    return [
        _Page(
            " ".join(filter(None, [words["page"].format(page=number), names.get(number)])),
            tuple(article.headline.one_line() for article in issue.articles if article.page == number),
        )
        for number in numbers
    ]


def _time(moment: dt.datetime) -> str:
    """RFC 3339, to the second, with the zone's offset: 2024-03-06T06:00:00+08:00."""
    return moment.isoformat(timespec="seconds")


def _cover_stem(issue: Issue, context: BuildContext) -> str:
    return f"opds/covers/{context.issue_key(issue)}.{issue.language}"
