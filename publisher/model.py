"""The article model: one issue of a newspaper, as every edition sees it.

Only the parser (`publisher.ingest`) builds these objects from raw text; transforms map an
`Issue` to another `Issue`; emitters read them. `to_dict`/`from_dict` give the versioned JSON
form printed by `publisher parse --json` and written by the build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

#: Version of the JSON form. Bump it when a field changes meaning or type.
SCHEMA_VERSION = 1

#: Why a line of the page text is not article text.
DROP_REASONS = (
    "masthead",  # the front page's nameplate: paper, date, issue numbers, hotlines …
    "folio",  # an inner page's running head: page number, page name, date, editors
    "furniture",  # app promotions and QR call-outs
    "duplicate",  # an extraction duplicate of another line
    "jump-marker",  # (下转2版) / (上接1版) standing on its own line
    "jump-headline",  # the short headline over a continuation, once stitched to its article
    "pull-quote",  # a sentence of the text set again in large type
    "end-mark",  # （完） on its own line
)

#: What an article is, which decides the editions it goes to: news, briefs and picture stories go
#: everywhere; notices (public record) stay in the model and the web edition but are neither feed
#: items, nor chapters of the book, nor read aloud; adverts and tables are printed in the book and the
#: web edition but are neither feed items nor read aloud.
ARTICLE_KINDS = (
    "news",  # a report
    "brief",  # an item of a 简讯 column: a headline and a paragraph or two, or a paragraph signed （李明）
    "photo",  # a picture story: a title and a caption
    "notice",  # a court or legal notice (公告, its case number and issuer), a 遗失声明
    "advert",  # an advertisement, a price list (…（广告）)
    "table",  # weather, prices, a timetable: the cells one a line
)
#: The kinds that are feed items, read aloud and podcast episodes.
SYNDICATED_KINDS = frozenset({"news", "brief", "photo"})
#: The kinds the EPUB prints.
BOOK_KINDS = SYNDICATED_KINDS | {"advert", "table"}


def page_order(label: str) -> tuple[str, int, str]:
    """How pages sort: by section letter, then number (A03 before A12 before B01; 2 before 10).
    Labels are as printed: A03, B2, 05, 7."""
    match = re.fullmatch(r"([A-Za-z]*)0*(\d+)", label)
    if match is None:
        return (label, 0, label)
    return (match[1].upper(), int(match[2]), label)


@dataclass(frozen=True)
class SourceLine:
    """Where a piece of the model came from: page number and 1-based line of that page's text."""

    page: int
    line: int


@dataclass(frozen=True)
class Headline:
    """The printed headline: 引题 (kicker), 主题 (title) and 副题 (subtitle)."""

    title: str
    kicker: str | None = None
    subtitle: str | None = None

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.kicker, self.title, self.subtitle) if p)

    def one_line(self) -> str:
        """The headline as a list, a feed or a window title shows it: the kicker leads into the title
        (黄茂军在…推进会上强调：奋力打造…); the subtitle stays with the text."""
        return f"{self.kicker}：{self.title}" if self.kicker else self.title


@dataclass(frozen=True)
class Photo:
    """A photo's image as the page PDF holds it: a JPEG stream kept as it is, any other image
    encoded once as PNG, named by its content (the same photo is one file in every edition).

    The JSON form names the file and its size, not its bytes: the editions carry the photo (the web
    edition in its issue's photos/ folder, in each size it is shown in), so `data` is not part of
    what makes two models equal."""

    name: str
    media_type: str
    #: Its size in pixels, as stored.
    width: int
    height: int
    data: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class Figure:
    """A photo's caption and credit (提档升级后的石灰市菜市场。 / 记者姚廷洋摄), and the photo itself
    where the page was read from its PDF."""

    caption: str
    credit: str | None = None
    photo: Photo | None = None


@dataclass(frozen=True)
class Article:
    id: str
    page: int
    headline: Headline
    paragraphs: tuple[str, ...]
    #: One of `ARTICLE_KINDS`.
    kind: str = "news"
    #: The page as printed (A03, 05, 7); `page` is its number.
    page_label: str = ""
    section: str | None = None
    reporters: tuple[str, ...] = ()
    #: A byline standing on its own line (本报记者 李一 袁侨德); one inside the lead stays in it.
    byline: str | None = None
    figures: tuple[Figure, ...] = ()
    #: Indexes of the paragraphs that are headings inside the text (小标题: 一、岗位数量创新高).
    subheads: tuple[int, ...] = ()
    #: The page the print edition continues it on (下转2版), whether or not that page was given.
    continued_on: int | None = None
    #: Set only on a continuation (上接1版) that could not be joined to its article.
    continued_from: int | None = None
    #: Every print page its text is on; a stitched article lists its continuation's page too.
    pages: tuple[int, ...] = ()
    source_lines: tuple[SourceLine, ...] = ()

    @property
    def title(self) -> str:
        return self.headline.title


@dataclass(frozen=True)
class Masthead:
    """The front page's nameplate, beyond paper, date and issue numbers kept on `Issue`."""

    weekday: str | None = None
    lunar_date: str | None = None
    registration: str | None = None
    schedule: str | None = None
    #: Label → number, in print order (新闻热线 → 63807576).
    hotlines: tuple[tuple[str, str], ...] = ()
    sponsor: str | None = None
    publisher: str | None = None
    supervisor: str | None = None
    #: Other labelled facts, in print order (社址 → …, 定价 → 1.50元, 网址 → …).
    other: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Page:
    number: int
    #: As printed: A03, B2, 05, 7 (the number alone when the folio prints no more).
    label: str = ""
    #: The page's name from its folio (要闻, 综合新闻), when printed.
    name: str | None = None
    #: Role → name from the folio (责编 → 王五).
    editors: tuple[tuple[str, str], ...] = ()
    #: The file the page's text came from (base name only).
    source: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True)
class ParseWarning:
    kind: str
    message: str
    article: str | None = None
    page: int | None = None
    line: int | None = None
    page_label: str | None = None


@dataclass(frozen=True)
class DroppedLine:
    page: int
    line: int
    text: str
    reason: str
    page_label: str = ""


@dataclass(frozen=True)
class Issue:
    paper: str
    date: dt.date
    language: str
    articles: tuple[Article, ...]
    pages: tuple[Page, ...]
    issue_number: int | None = None
    total_issue_number: int | None = None
    page_count: int | None = None
    masthead: Masthead = field(default_factory=Masthead)
    warnings: tuple[ParseWarning, ...] = ()
    dropped: tuple[DroppedLine, ...] = ()

    def carrying(self, kinds: frozenset[str]) -> Issue:
        """The issue as an edition carries it: only its articles of these kinds (SYNDICATED_KINDS
        for feeds and recordings, BOOK_KINDS for the book)."""
        return replace(self, articles=tuple(a for a in self.articles if a.kind in kinds))

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)


def to_dict(issue: Issue) -> dict[str, Any]:
    """The JSON form (schema 1). Key order is part of the format: it is what readers diff."""
    m = issue.masthead
    return {
        "schema": SCHEMA_VERSION,
        "paper": issue.paper,
        "date": issue.date.isoformat(),
        "issue_number": issue.issue_number,
        "total_issue_number": issue.total_issue_number,
        "page_count": issue.page_count,
        "language": issue.language,
        "masthead": {
            "weekday": m.weekday,
            "lunar_date": m.lunar_date,
            "registration": m.registration,
            "schedule": m.schedule,
            "hotlines": dict(m.hotlines),
            "sponsor": m.sponsor,
            "publisher": m.publisher,
            "supervisor": m.supervisor,
            "other": dict(m.other),
        },
        "pages": [
            {
                "number": p.number,
                "label": p.label,
                "name": p.name,
                "editors": dict(p.editors),
                "source": p.source,
                "encoding": p.encoding,
            }
            for p in issue.pages
        ],
        "articles": [_article_to_dict(a) for a in issue.articles],
        "warnings": [
            {
                "article": w.article,
                "page": w.page,
                "page_label": w.page_label,
                "line": w.line,
                "kind": w.kind,
                "message": w.message,
            }
            for w in issue.warnings
        ],
        "dropped": [
            {"page": d.page, "page_label": d.page_label, "line": d.line, "text": d.text, "reason": d.reason}
            for d in issue.dropped
        ],
    }


def _article_to_dict(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "page": a.page,
        "page_label": a.page_label,
        "section": a.section,
        "kicker": a.headline.kicker,
        "title": a.headline.title,
        "subtitle": a.headline.subtitle,
        "reporters": list(a.reporters),
        "byline": a.byline,
        "paragraphs": list(a.paragraphs),
        "subheads": list(a.subheads),
        "figures": [{"caption": f.caption, "credit": f.credit, "photo": _photo_to_dict(f.photo)} for f in a.figures],
        "continued_on": a.continued_on,
        "continued_from": a.continued_from,
        "pages": list(a.pages),
        "source_lines": [[s.page, s.line] for s in a.source_lines],
    }


def _photo_to_dict(photo: Photo | None) -> dict[str, Any] | None:
    if photo is None:
        return None
    return {"name": photo.name, "media_type": photo.media_type, "width": photo.width, "height": photo.height}


def _photo_from_dict(photo: dict[str, Any] | None) -> Photo | None:
    if photo is None:
        return None
    return Photo(name=photo["name"], media_type=photo["media_type"], width=photo["width"], height=photo["height"])


def from_dict(data: dict[str, Any]) -> Issue:
    """Inverse of `to_dict`; refuses a JSON form of another schema version."""
    if data.get("schema") != SCHEMA_VERSION:
        raise ValueError(f"unsupported model schema {data.get('schema')!r} (expected {SCHEMA_VERSION})")
    m = data["masthead"]
    return Issue(
        paper=data["paper"],
        date=dt.date.fromisoformat(data["date"]),
        language=data["language"],
        issue_number=data["issue_number"],
        total_issue_number=data["total_issue_number"],
        page_count=data["page_count"],
        masthead=Masthead(
            weekday=m["weekday"],
            lunar_date=m["lunar_date"],
            registration=m["registration"],
            schedule=m["schedule"],
            hotlines=tuple(m["hotlines"].items()),
            sponsor=m["sponsor"],
            publisher=m["publisher"],
            supervisor=m["supervisor"],
            other=tuple(m["other"].items()),
        ),
        pages=tuple(
            Page(
                number=p["number"],
                label=p["label"],
                name=p["name"],
                editors=tuple(p["editors"].items()),
                source=p["source"],
                encoding=p["encoding"],
            )
            for p in data["pages"]
        ),
        articles=tuple(_article_from_dict(a) for a in data["articles"]),
        warnings=tuple(
            ParseWarning(
                kind=w["kind"],
                message=w["message"],
                article=w["article"],
                page=w["page"],
                line=w["line"],
                page_label=w["page_label"],
            )
            for w in data["warnings"]
        ),
        dropped=tuple(
            DroppedLine(page=d["page"], line=d["line"], text=d["text"], reason=d["reason"], page_label=d["page_label"])
            for d in data["dropped"]
        ),
    )


def _article_from_dict(a: dict[str, Any]) -> Article:
    return Article(
        id=a["id"],
        kind=a["kind"],
        page=a["page"],
        page_label=a["page_label"],
        section=a["section"],
        headline=Headline(title=a["title"], kicker=a["kicker"], subtitle=a["subtitle"]),
        reporters=tuple(a["reporters"]),
        byline=a["byline"],
        paragraphs=tuple(a["paragraphs"]),
        subheads=tuple(a["subheads"]),
        figures=tuple(
            Figure(caption=f["caption"], credit=f["credit"], photo=_photo_from_dict(f["photo"])) for f in a["figures"]
        ),
        continued_on=a["continued_on"],
        continued_from=a["continued_from"],
        pages=tuple(a["pages"]),
        source_lines=tuple(SourceLine(page=p, line=n) for p, n in a["source_lines"]),
    )
