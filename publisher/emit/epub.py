"""Issue → EPUB 3 for e-readers (ebooklib), accessible and byte-for-byte reproducible.

The documents (cover, title page, one per article, navigation, NCX, CSS) come from the Jinja2
templates in templates/epub/, the article body from the partial the web edition shares; ebooklib
packages them: the OPF's metadata, manifest and spine, the container, the zip. Where ebooklib
falls short it is extended here, and only here:

- it has no way to put xml:lang on the package element, which the variant's readers need;
- it stamps dcterms:modified with the clock and every zip entry with the time of writing, so
  the archive is written again with fixed times, mimetype first and stored;
- it rewrites XHTML documents through an HTML parser that loses epub:type, so the documents go in
  as plain items, exactly as the templates rendered them.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
from ebooklib import epub

from publisher.emit.cover import cover_lines, cover_png
from publisher.emit.labels import labels, numbers_text
from publisher.emit.photos import article_photos, picture, renditions
from publisher.model import BOOK_KINDS, SYNDICATED_KINDS, Article, Issue
from publisher.output import Artifact
from publisher.transforms.speech import article_marks, article_script
from publisher.tts.narrator import Failure, Recording

if TYPE_CHECKING:
    from publisher.emit import BuildContext

XHTML = "application/xhtml+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_A11Y_FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "printPageNumbers", "pageNavigation")
_CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True)
class _Entry:
    title: str
    href: str


class EpubEmitter:
    name = "epub"
    kinds = ("epub",)
    #: The read-along book is made only where every article was recorded.
    hears_audio = True

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]:
        issue = issue.carrying(BOOK_KINDS)
        editions = context.settings.epub_editions.get(issue.language, ("text",))
        artifacts = []
        if "text" in editions:
            artifacts.append(self._publish(context.epub_path(issue), self.render(issue, context), issue, context))
        recordings = self._recordings(issue, context) if "readalong" in editions else None
        if recordings is not None:
            data = self.render(issue, context, recordings)
            artifacts.append(self._publish(context.epub_path(issue, readalong=True), data, issue, context))
        return artifacts

    def _publish(self, path: str, data: bytes, issue: Issue, context: BuildContext) -> Artifact:
        return context.writer.write(path, data, kind="epub", variant=issue.language, issue=context.issue_key(issue))

    def _recordings(self, issue: Issue, context: BuildContext) -> dict[str, Recording] | None:
        """Every article's recording, for the read-along book; None when the build reads nothing aloud
        or an article's recording failed (the book waits for the next build, as the full edition does)."""
        if context.narrator is None:
            return None
        scripts = [article_script(a, issue.language) for a in issue.articles if a.kind in SYNDICATED_KINDS]
        recorded = context.narrator.record([s for s in scripts if s.sentences], issue=str(issue.date))
        if any(isinstance(recording, Failure) for recording in recorded.values()):
            return None
        return {key: value for key, value in recorded.items() if isinstance(value, Recording)}

    def render(self, issue: Issue, context: BuildContext, recordings: dict[str, Recording] | None = None) -> bytes:
        """The book; with `recordings` (article id → its recording), the read-along book: every
        sentence in a span with its id, and a media overlay per article that plays it."""
        words = labels(issue.language)
        templates = context.templates
        common = {"language": issue.language, "labels": words}
        date_text = words["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)
        title = " ".join(filter(None, [issue.paper, date_text, numbers_text(issue)]))
        identifier = book_identifier(issue, readalong=recordings is not None)

        book = epub.EpubBook()
        book.set_identifier(identifier)
        book.set_title(title)
        book.set_language(issue.language)
        del book.metadata[epub.NAMESPACES["OPF"]]["generator"]  # "Ebook-lib 0.20": noise in every file
        self._metadata(book, issue, context, date_text, readalong=recordings is not None)

        font = context.cover_font(issue.language)
        book.set_cover("images/cover.png", cover_png(issue, font), create_page=False)
        alt = "，".join(line for line in cover_lines(issue) if line)
        vertical = context.settings.vertical and issue.language.startswith("zh-Hant")
        items = [
            _document(
                "style", "style.css", "text/css", templates.get_template("epub/style.css").render(vertical=vertical)
            ),
            _document(
                "cover",
                "cover.xhtml",
                XHTML,
                templates.get_template("epub/cover.xhtml").render(image="images/cover.png", alt=alt, **common),
            ),
            _document(
                "title",
                "title.xhtml",
                XHTML,
                templates.get_template("epub/title.xhtml").render(
                    issue=issue, date_text=date_text, numbers=numbers_text(issue), **common
                ),
            ),
        ]
        first_of_page = {}
        for article in issue.articles:
            first_of_page.setdefault(article.page, article.id)
        articles = [
            _document(
                f"a-{article.id}",
                _article_href(article),
                XHTML,
                templates.get_template("epub/article.xhtml").render(
                    article=article,
                    pictures={p.name: picture(p, "../images/", choose=False) for p in article_photos(article)},
                    heading_level=2,
                    page_break=article.page if first_of_page[article.page] == article.id else None,
                    **({"marks": article_marks(article, issue.language)} if recordings else {}),
                    **common,
                ),
            )
            for article in issue.articles
        ]
        items += _photo_items(issue)
        if recordings:
            items += self._overlays(book, issue, articles, recordings, templates)
        pages = _pages(issue, words)
        page_breaks = [
            _Entry(words["page"].format(page=page), f"{href}#page-{page}") for page, href in _first_hrefs(issue)
        ]
        bodymatter = _article_href(issue.articles[0]) if issue.articles else "title.xhtml"
        nav = _document(
            "nav",
            "nav.xhtml",
            XHTML,
            templates.get_template("epub/nav.xhtml").render(
                title=title, pages=pages, page_breaks=page_breaks, bodymatter=bodymatter, **common
            ),
        )
        nav.properties = ["nav"]
        ncx = _document(
            "ncx",
            "toc.ncx",
            "application/x-dtbncx+xml",
            templates.get_template("epub/toc.ncx").render(
                identifier=identifier, title=title, points=_ncx_points(pages), **common
            ),
        )
        for item in [*items, nav, ncx, *articles]:
            book.add_item(item)
        book.spine = [items[1], items[2], nav, *articles]
        return _reproducible(self._write(book, issue, context), context.modified(issue))

    def _overlays(
        self,
        book: epub.EpubBook,
        issue: Issue,
        documents: list[epub.EpubItem],
        recordings: dict[str, Recording],
        templates: jinja2.Environment,
    ) -> list[epub.EpubItem]:
        """Each article's recording and its SMIL media overlay (ebooklib writes an item's
        media-overlay attribute but makes no overlays, aerkalov/ebooklib#126: they are made here)."""
        items = []
        total = 0.0
        for article, document in zip(issue.articles, documents, strict=True):
            recording = recordings.get(article.id)
            if recording is None:
                continue
            overlay_id = f"mo-{article.id}"
            audio_href = f"audio/{article.id}.mp3"
            clips = [
                {"id": t.id, "begin": f"{t.start:.3f}s", "end": f"{max(t.end, t.start):.3f}s"}
                for t in recording.timings
            ]
            smil = templates.get_template("epub/overlay.smil").render(
                text_href=document.file_name, audio_href=audio_href, clips=clips, id=article.id
            )
            overlay = _document(overlay_id, f"smil/{article.id}.smil", "application/smil+xml", smil)
            items += [
                overlay,
                epub.EpubItem(
                    uid=f"audio-{article.id}", file_name=audio_href, media_type="audio/mpeg", content=recording.mp3
                ),
            ]
            document.media_overlay = overlay_id
            duration = recording.timings[-1].end if recording.timings else 0.0
            total += duration
            book.add_metadata(
                None, "meta", _clock(duration), {"property": "media:duration", "refines": f"#{overlay_id}"}
            )
        book.add_metadata(None, "meta", _clock(total), {"property": "media:duration"})
        book.add_metadata(None, "meta", "-epub-media-overlay-active", {"property": "media:active-class"})
        return items

    def _metadata(
        self, book: epub.EpubBook, issue: Issue, context: BuildContext, date_text: str, readalong: bool = False
    ) -> None:
        words = labels(issue.language)
        book.add_metadata("DC", "publisher", issue.masthead.publisher or issue.paper)
        book.add_metadata("DC", "creator", issue.paper)
        book.add_metadata("DC", "date", issue.date.isoformat())
        meta = {
            "pageBreakSource": f"{issue.paper} {date_text} {numbers_text(issue)}".strip(),
            "schema:accessMode": "textual",
            "schema:accessModeSufficient": "textual",
            "schema:accessibilityHazard": "none",
            "schema:accessibilitySummary": words["accessibility"],
            "dcterms:conformsTo": _CONFORMANCE,
        }
        for prop, value in meta.items():
            book.add_metadata(None, "meta", value, {"property": prop})
        if readalong:
            # Every sentence is heard as it is shown: the text alone suffices, and so does listening
            # while following the text (the audio leaves out what is not read, such as URLs).
            book.add_metadata(None, "meta", "auditory", {"property": "schema:accessMode"})
            book.add_metadata(None, "meta", "auditory,textual", {"property": "schema:accessModeSufficient"})
        for feature in _A11Y_FEATURES + (("synchronizedAudioText",) if readalong else ()):
            book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
        # The paper as a series and the running number as its place in it, for EPUB 3 readers and
        # for calibre, which reads its own two meta names.
        position = issue.total_issue_number or issue.issue_number
        book.add_metadata(None, "meta", issue.paper, {"property": "belongs-to-collection", "id": "series"})
        book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        if position:
            book.add_metadata(None, "meta", str(position), {"refines": "#series", "property": "group-position"})
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": issue.paper})
        if position:
            book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": str(position)})

    def _write(self, book: epub.EpubBook, issue: Issue, context: BuildContext) -> bytes:
        out = io.BytesIO()
        vertical = context.settings.vertical and issue.language.startswith("zh-Hant")
        options = {
            "epub3_pages": False,
            "epub3_landmark": False,
            "mtime": context.modified(issue).astimezone(dt.UTC).replace(tzinfo=None),
            "spine_direction": vertical,
        }
        if vertical:
            book.direction = "rtl"
        _Writer(out, book, options, issue.language).write()
        return out.getvalue()


def book_identifier(issue: Issue, readalong: bool = False) -> str:
    """The book's identifier: a urn:uuid from paper, date and edition (and whether it reads along),
    never random, so a rebuilt issue is the same book to a reader's library, and the OPDS catalogue
    can name it before opening it."""
    name = f"{issue.paper}/{issue.date}/{issue.language}" + ("/readalong" if readalong else "")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _clock(seconds: float) -> str:
    """A SMIL clock value, as media:duration wants it: 0:01:02.345."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


class _Writer(epub.EpubWriter):
    """ebooklib's writer, putting xml:lang on the package element."""

    def __init__(self, out: io.BytesIO, book: epub.EpubBook, options: dict[str, Any], language: str) -> None:
        super().__init__(out, book, options)
        self._language = language

    def _write_opf_file(self, root: Any) -> None:
        root.set(_XML_LANG, self._language)
        super()._write_opf_file(root)


def _document(uid: str, file_name: str, media_type: str, content: str) -> epub.EpubItem:
    return epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type, content=content.encode())


def _photo_items(issue: Issue) -> list[epub.EpubItem]:
    """The photos the articles set, in the size the book carries, each once."""
    photos = {photo.name: photo for article in issue.articles for photo in article_photos(article)}
    items = []
    for name, photo in photos.items():
        carried = renditions(photo)[0]
        items.append(
            epub.EpubItem(
                uid=f"photo-{name.split('.')[0]}",
                file_name=f"images/{carried.name}",
                media_type=carried.media_type,
                content=carried.data,
            )
        )
    return items


def _article_href(article: Article) -> str:
    return f"text/{article.id}.xhtml"


def _first_hrefs(issue: Issue) -> list[tuple[int, str]]:
    """(page, document of the first article that starts on it), in print order."""
    first: dict[int, str] = {}
    for article in issue.articles:
        first.setdefault(article.page, _article_href(article))
    return sorted(first.items())


@dataclass(frozen=True)
class _Group:
    section: str | None
    entries: list[_Entry]


@dataclass(frozen=True)
class _Page:
    label: str
    href: str
    groups: list[_Group]


def _pages(issue: Issue, words: Any) -> list[_Page]:
    """The contents by print page (第1版 …), each page's articles grouped under their sections."""
    pages = []
    names = {page.number: page.name for page in issue.pages}
    for number, href in _first_hrefs(issue):
        groups: list[_Group] = []
        for article in (a for a in issue.articles if a.page == number):
            entry = _Entry(article.headline.one_line(), _article_href(article))
            if groups and groups[-1].section == article.section:
                groups[-1].entries.append(entry)
            else:
                groups.append(_Group(article.section, [entry]))
        label = " ".join(filter(None, [words["page"].format(page=number), names.get(number)]))
        pages.append(_Page(label, href, groups))
    return pages


@dataclass(frozen=True)
class _Point:
    order: int
    label: str
    href: str
    children: list[_Point]


def _ncx_points(pages: list[_Page]) -> list[_Point]:
    """The NCX's two levels, page then article, numbered in reading order; a page shares the number
    of its first article, whose document it opens (the NCX wants one number per target)."""
    points, order = [], 0
    for page in pages:
        children = []
        for entry in (e for group in page.groups for e in group.entries):
            order += 1
            children.append(_Point(order, entry.title, entry.href, []))
        points.append(_Point(children[0].order, page.label, page.href, children))
    return points


def _reproducible(data: bytes, modified: dt.datetime) -> bytes:
    """The archive again with every entry dated `modified`, in the same order, mimetype first and
    stored, so the same issue always gives the same bytes."""
    stamp = modified.astimezone(dt.UTC).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    names = ["mimetype", *(name for name in source.namelist() if name != "mimetype")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # mimetype must be stored; a PNG is compressed already.
            stored = name == "mimetype" or name.endswith(".png")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name), compresslevel=None if stored else 9)
    return out.getvalue()
