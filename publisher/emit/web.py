"""Every paper's editions → the web edition: a site home, a home page per paper and variant, a page
per issue and per article (Jinja2, templates/web/).

Pages link to each other relatively, so the site works from any address and from disk; canonical
and alternate links are absolute, from base_url. The article body is the partial the EPUB and the
feeds use. No page needs JavaScript: the audio is a plain <audio> element with its transcript.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from publisher.emit.labels import LANGUAGE_NAMES, VARIANT_NAMES, date_text, labels, numbers_text
from publisher.emit.opds import ROOT as OPDS_ROOT
from publisher.emit.photos import article_photos, picture, renditions
from publisher.model import Article, Issue
from publisher.output import Artifact
from publisher.transforms.speech import article_marks

if TYPE_CHECKING:
    from publisher.emit import BuildContext, Site

STYLESHEET = "assets/site.css"
#: The players' enhancements (speed, read-along highlighting), on pages with a player only.
SCRIPT = "assets/readalong.js"
SITE_HOME = "index.html"
_FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "jsonfeed": "application/feed+json",
    "podcast": "application/rss+xml",
}


@dataclass(frozen=True)
class _Link:
    path: str
    title: str


@dataclass(frozen=True)
class _Listed:
    """An article as an issue page or a home page lists it."""

    article: Article
    path: str


class WebEmitter:
    """An issue's pages (its index and one per article) as each issue is built; the home pages and
    shared assets once the whole archive is known."""

    name = "web"
    kinds = ("html", "photo")
    #: Its pages carry players for the recordings that were made.
    hears_audio = True

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]:
        pages = _Pages(context, sorted(context.settings.variants))
        return [
            pages.issue(issue),
            *(pages.article(issue, position) for position in range(len(issue.articles))),
            *_photos(issue, context),
        ]

    def emit_site(self, site: Site, context: BuildContext) -> list[Artifact]:
        artifacts = [
            context.writer.write(path, context.templates.get_template(template).render().encode(), kind="asset")
            for path, template in ((STYLESHEET, "web/site.css"), (SCRIPT, "web/readalong.js"))
        ]
        variants: dict[str, list[str]] = {}
        for slug, variant in site:
            variants.setdefault(slug, []).append(variant)
        for (slug, _variant), editions in site.items():
            artifacts.append(_Pages(context, variants[slug]).home(editions))
        artifacts.append(_site_home(site, context))
        return artifacts


class _Pages:
    """The pages of one paper in one variant."""

    def __init__(self, context: BuildContext, variants: list[str]) -> None:
        self._context = context
        self._variants = variants

    def home(self, editions: list[Issue]) -> Artifact:
        newest = editions[0]
        words = labels(newest.language)
        front = min(article.page for article in newest.articles) if newest.articles else None
        latest = {
            "path": self._issue_index(newest),
            "title": _issue_title(newest),
            "front": [self._listed(newest, a) for a in newest.articles if a.page == front],
        }
        issues = [
            {
                "path": self._issue_index(issue),
                "title": _issue_title(issue),
                "count": words["article_count"].format(count=len(issue.articles)),
            }
            for issue in editions
        ]
        paper_title = " · ".join(filter(None, [newest.paper, VARIANT_NAMES.get(newest.language)]))
        return self._renderer(self._paper_home(newest), newest, of_issue=False).write(
            "web/home.html",
            title=paper_title,
            paper_title=paper_title,
            script=None,
            breadcrumbs=[],
            latest=latest,
            issues=issues,
        )

    def issue(self, issue: Issue) -> Artifact:
        words = labels(issue.language)
        audio = self._audio(issue, "edition", chapters=True)
        names = {page.number: page.name for page in issue.pages}
        pages: dict[int, list[_Listed]] = {}
        for article in issue.articles:
            pages.setdefault(article.page, []).append(self._listed(issue, article))
        facts = [
            " ".join(filter(None, [date_text(issue), issue.masthead.weekday])),
            words["lunar"].format(date=issue.masthead.lunar_date) if issue.masthead.lunar_date else "",
            numbers_text(issue),
            words["page_count"].format(count=issue.page_count) if issue.page_count else "",
            words["sponsor"].format(name=issue.masthead.sponsor) if issue.masthead.sponsor else "",
            words["publisher"].format(name=issue.masthead.publisher) if issue.masthead.publisher else "",
        ]
        return self._render(
            "web/issue.html",
            self._issue_index(issue),
            issue,
            title=_issue_title(issue),
            issue_title=_issue_title(issue),
            breadcrumbs=[_Link(self._paper_home(issue), issue.paper), _Link("", date_text(issue))],
            facts=[fact for fact in facts if fact],
            audio=audio,
            readalong=False,
            script=SCRIPT if audio else None,
            heading=words["listen_edition"],
            books=self._context.books(issue),
            pages=[
                {
                    "number": number,
                    "label": " ".join(filter(None, [words["page"].format(page=number), names.get(number)])),
                    "articles": listed,
                }
                for number, listed in sorted(pages.items())
            ],
        )

    def article(self, issue: Issue, position: int) -> Artifact:
        context = self._context
        words = labels(issue.language)
        article = issue.articles[position]
        path = context.article_path(issue, article)
        neighbours = {
            name: _Link(context.article_path(issue, other), other.headline.one_line())
            for name, at in (("previous", position - 1), ("next", position + 1))
            if 0 <= at < len(issue.articles)
            for other in [issue.articles[at]]
        }
        audio = self._audio(issue, article.id, chapters=False)
        render = self._renderer(path, issue)
        player = (
            Markup(
                context.templates.get_template("web/player.html").render(
                    audio=audio, heading=words["listen"], readalong=True, **render.common
                )
            )
            if audio
            else None
        )
        return render.write(
            "web/article.html",
            title=f"{article.headline.one_line()} · {issue.paper}",
            breadcrumbs=[
                _Link(self._paper_home(issue), issue.paper),
                _Link(self._issue_index(issue), date_text(issue)),
                _Link("", words["page"].format(page=article.page)),
            ],
            article=article,
            pictures={
                photo.name: picture(photo, render.common["link"](context.photo_folder(issue).rstrip("/")) + "/")
                for photo in article_photos(article)
            },
            heading_level=2,
            show_kicker=True,
            after_header=player,
            marks=article_marks(article, issue.language) if audio else None,
            script=SCRIPT if audio else None,
            jump_href=self._continuation(issue, article),
            previous=neighbours.get("previous"),
            next=neighbours.get("next"),
            issue_home=self._issue_index(issue),
            issue_title=_issue_title(issue),
            books=context.books(issue),
        )

    def _continuation(self, issue: Issue, article: Article) -> str | None:
        """The page of the rest of an article printed elsewhere, when it could not be joined to it
        (上接 without a match) but is in this issue: (下转第2版) then links to it."""
        if not article.continued_on or article.continued_on in article.pages:
            return None
        for other in issue.articles:
            if other.page == article.continued_on and other.continued_from == article.page:
                return self._context.article_path(issue, other)
        return None

    def _audio(self, issue: Issue, name: str, chapters: bool) -> dict[str, str | None] | None:
        if not self._context.has_audio(issue, name):
            return None
        path = self._context.audio_path
        return {
            "mp3": path(issue, name, ".mp3"),
            "vtt": path(issue, name, ".vtt"),
            "chapters": path(issue, name, ".chapters.json") if chapters else None,
        }

    def _listed(self, issue: Issue, article: Article) -> _Listed:
        return _Listed(article, self._context.article_path(issue, article))

    def _paper_home(self, issue: Issue) -> str:
        return f"{self._context.paper_folder(issue)}/index.html"

    def _issue_index(self, issue: Issue) -> str:
        return self._context.issue_path(issue) + "index.html"

    def _render(self, template: str, path: str, issue: Issue, **values: Any) -> Artifact:
        return self._renderer(path, issue).write(template, **values)

    def _renderer(self, path: str, issue: Issue, of_issue: bool = True) -> _Renderer:
        """What every page of the paper in this variant shares; `of_issue`: the page is one issue's."""
        context = self._context
        language = issue.language
        words = labels(language)
        alternates = [
            {
                "language": variant,
                "name": LANGUAGE_NAMES.get(variant, variant),
                "path": variant + path.removeprefix(language),
                "url": _page_url(context, variant + path.removeprefix(language)),
            }
            for variant in self._variants
        ]
        feeds = [
            {
                "type": _FEED_TYPES[kind],
                "title": f"{issue.paper} · {words[kind]}",
                "path": context.feed_path(issue, kind),
                "url": context.url(context.feed_path(issue, kind)),
            }
            for kind in _FEED_TYPES
            if kind != "podcast" or context.narrator is not None
        ]
        common = {
            "language": language,
            "labels": words,
            "link": _linker(path),
            "stylesheet": STYLESHEET,
            "site_home": SITE_HOME,
            "paper_home": self._paper_home(issue),
            "site_name": issue.paper,
            "canonical": _page_url(context, path),
            "alternates": alternates if len(alternates) > 1 else [],
            "feeds": feeds,
            "footer": words["footer"].format(paper=issue.paper),
        }
        return _Renderer(context, path, language, context.issue_key(issue) if of_issue else None, common)


@dataclass(frozen=True)
class _Renderer:
    context: BuildContext
    path: str
    language: str | None
    issue: str | None
    common: dict[str, Any]

    def write(self, template: str, **values: Any) -> Artifact:
        html = self.context.templates.get_template(template).render(**self.common, **values)
        return self.context.writer.write(self.path, html.encode(), kind="html", variant=self.language, issue=self.issue)


def _photos(issue: Issue, context: BuildContext) -> list[Artifact]:
    """Each photo of the issue in each of its sizes, once however many articles set it."""
    folder, key = context.photo_folder(issue), context.issue_key(issue)
    written: dict[str, Artifact] = {}
    for article in issue.articles:
        for photo in article_photos(article):
            for rendition in renditions(photo):
                if rendition.name not in written:
                    written[rendition.name] = context.writer.write(
                        folder + rendition.name, rendition.data, kind="photo", variant=issue.language, issue=key
                    )
    return list(written.values())


def _site_home(site: Site, context: BuildContext) -> Artifact:
    """out/index.html: every paper, in every variant, each offered in its own script."""
    first = next(iter(site.values()))[0]
    language = first.language
    words = labels(language)
    papers: dict[str, dict[str, Any]] = {}
    for (slug, variant), editions in site.items():
        paper = papers.setdefault(slug, {"name": editions[0].paper, "editions": []})
        if variant == language:
            paper["name"] = editions[0].paper
        paper["editions"].append(
            {
                "language": variant,
                "name": LANGUAGE_NAMES.get(variant, variant),
                "path": f"{context.paper_folder(editions[0])}/index.html",
                "latest": _issue_title(editions[0]),
            }
        )
    title = "、".join(paper["name"] for paper in papers.values())
    html = context.templates.get_template("web/site.html").render(
        language=language,
        script=None,
        labels=words,
        link=_linker(SITE_HOME),
        stylesheet=STYLESHEET,
        site_home=SITE_HOME,
        paper_home=None,
        site_name=title,
        title=title,
        canonical=context.url(""),
        alternates=[],
        feeds=[],
        breadcrumbs=[],
        papers=list(papers.values()),
        opds=OPDS_ROOT,
        footer=words["footer"].format(paper=title),
    )
    return context.writer.write(SITE_HOME, html.encode(), kind="html")


def _issue_title(issue: Issue) -> str:
    return " ".join(filter(None, [issue.paper, date_text(issue), numbers_text(issue)]))


def _page_url(context: BuildContext, path: str) -> str:
    """A page's address as it is shared: a folder's index.html by the folder's address."""
    return context.url(path.removesuffix("index.html"))


def _linker(page: str) -> Callable[[str], str]:
    """Links from `page` to other files of out/, relative, so the site works wherever it is put."""
    folder = posixpath.dirname(page) or "."

    def link(target: str) -> str:
        return posixpath.relpath(target, folder)

    return link
