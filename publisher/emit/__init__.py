"""Emitters: one module per output, each a function of the finished model.

An emitter never reads the clock, the environment or another emitter's output: the build
context hands it the settings, the site's addresses, the templates and the writer that records
every file in the manifest. Per-issue emitters see one issue in one variant; archive emitters
(feeds, the audio edition and its podcast) see every issue of a paper in one variant, newest first.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import jinja2

from publisher.config import Settings
from publisher.emit.audio import AudioEmitter
from publisher.emit.cover import CoverFont, find_font
from publisher.emit.epub import EpubEmitter
from publisher.emit.feeds import FeedsEmitter
from publisher.emit.markup import xml_safe
from publisher.emit.model_json import ModelJsonEmitter
from publisher.emit.opds import OpdsEmitter
from publisher.emit.web import WebEmitter
from publisher.ingest.text import opencc_convert
from publisher.model import SYNDICATED_KINDS, Article, Issue
from publisher.output import Artifact, OutputWriter
from publisher.tts.narrator import Narrator

__all__ = [
    "ARCHIVE_EMITTERS",
    "EMITTERS",
    "FEED_FILES",
    "SITE_EMITTERS",
    "ArchiveEmitter",
    "BuildContext",
    "Emitter",
    "Site",
    "SiteEmitter",
]


@dataclass(frozen=True)
class BuildContext:
    settings: Settings
    writer: OutputWriter
    #: Reads scripts aloud through the recording cache; None when the build makes no audio.
    narrator: Narrator | None = None

    def issue_key(self, issue: Issue) -> str:
        """An issue's name in out/ and its manifest, the same in every variant: yuzhongbao-2024-03-06."""
        return f"{self.paper_slug(issue.paper)}-{issue.date}"

    def paper_slug(self, paper: str) -> str:
        """The paper's ASCII name for file names: configured, or its pinyin (渝中報 → yuzhongbao), the
        same for every variant's spelling of the name (重庆日报, 重慶日報)."""
        if paper not in self._slugs:
            self._slugs[paper] = self._slug(paper)
        return self._slugs[paper]

    def _slug(self, paper: str) -> str:
        simplified = opencc_convert("t2s", paper)
        own = self.settings.paper
        slugs = {**({own.name: own.slug} if own.name and own.slug else {}), **self.settings.paper_slugs}
        for name, slug in slugs.items():
            if opencc_convert("t2s", name) == simplified:
                return slug
        from pypinyin import lazy_pinyin

        slug = re.sub(r"[^a-z0-9]+", "-", "".join(lazy_pinyin(simplified)).lower()).strip("-")
        return slug or "paper"

    @cached_property
    def _slugs(self) -> dict[str, str]:
        return {}

    def url(self, path: str) -> str:
        """The absolute address of a path in out/."""
        return self.settings.base_url + path

    def paper_folder(self, issue: Issue) -> str:
        """Where a paper's pages in one variant live: zh-Hant-TW/yuzhongbao."""
        return f"{issue.language}/{self.paper_slug(issue.paper)}"

    def article_path(self, issue: Issue, article: Article) -> str:
        """The web edition's page of an article: zh-Hans/yuzhongbao/2024-03-06/p1-7e169790.html."""
        return f"{self.paper_folder(issue)}/{issue.date}/{article.id}.html"

    def feed_path(self, issue: Issue, kind: str) -> str:
        """A paper's feeds in one variant, by kind: rss, atom, jsonfeed, podcast (and its artwork)."""
        return f"{self.paper_folder(issue)}/{FEED_FILES[kind]}"

    def epub_path(self, issue: Issue, readalong: bool = False) -> str:
        """An issue's EPUB: epub/yuzhongbao-2024-03-06.zh-Hant-TW.epub; the read-along book
        epub/yuzhongbao-2024-03-06.zh-Hans.readalong.epub."""
        kind = ".readalong" if readalong else ""
        return f"epub/{self.paper_slug(issue.paper)}-{issue.date}.{issue.language}{kind}.epub"

    def books(self, issue: Issue) -> list[tuple[str, bool]]:
        """The EPUBs of an issue as the build publishes them, as (path, read along?): the text book
        and the read-along book the settings ask for, the latter only if every article was recorded."""
        editions = self.settings.epub_editions.get(issue.language, ("text",))
        books = [(self.epub_path(issue), False)] if "text" in editions else []
        recorded = self.narrator is not None and not any(
            self.narrator.failed(issue.language, str(issue.date), article.id)
            for article in issue.articles
            if article.kind in SYNDICATED_KINDS
        )
        if "readalong" in editions and recorded:
            books.append((self.epub_path(issue, readalong=True), True))
        return books

    def has_audio(self, issue: Issue, article_id: str) -> bool:
        """Whether an article's (or, as "edition", the issue's) recording is published: the build
        made audio and it did not fail. Known once the archive emitters have run."""
        if article_id != "edition" and issue.article(article_id).kind not in SYNDICATED_KINDS:
            return False  # a notice, an advert or a table is not read aloud
        return self.narrator is not None and not self.narrator.failed(issue.language, str(issue.date), article_id)

    def issue_path(self, issue: Issue) -> str:
        """The web edition's page of an issue: zh-Hans/yuzhongbao/2024-03-06/."""
        return f"{self.paper_folder(issue)}/{issue.date}/"

    def photo_folder(self, issue: Issue) -> str:
        """Where the web edition keeps an issue's photos, in each size: zh-Hans/yuzhongbao/2024-03-06/photos/."""
        return f"{self.issue_path(issue)}photos/"

    def audio_path(self, issue: Issue, name: str, suffix: str) -> str:
        """An issue's audio files: zh-Hans/yuzhongbao/2024-03-06/audio/p1-7e169790.mp3, …/edition.vtt."""
        return f"{self.paper_folder(issue)}/{issue.date}/audio/{name}{suffix}"

    def published(self, issue: Issue) -> dt.datetime:
        """When an issue counts as published: its date, at the configured hour in the paper's zone."""
        zone = ZoneInfo(self.settings.timezone)
        return dt.datetime.combine(issue.date, dt.time(self.settings.publication_hour), tzinfo=zone)

    def modified(self, issue: Issue) -> dt.datetime:
        """The time a file of the issue is dated with: SOURCE_DATE_EPOCH if set, else its publication."""
        if self.settings.source_date_epoch is not None:
            return dt.datetime.fromtimestamp(self.settings.source_date_epoch, dt.UTC)
        return self.published(issue)

    def cover_font(self, language: str) -> CoverFont:
        """The font an edition's cover is drawn in, found once per build."""
        if language not in self._fonts:
            self._fonts[language] = find_font(language, self.settings.cover_font)
        return self._fonts[language]

    @cached_property
    def _fonts(self) -> dict[str, CoverFont]:
        return {}

    @cached_property
    def templates(self) -> jinja2.Environment:
        """The Jinja2 templates: escaping on, a missing field an error, XML-illegal characters dropped."""
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_folder()),
            autoescape=jinja2.select_autoescape(("html", "xhtml", "xml", "ncx", "smil")),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=xml_safe,
        )


def template_folder() -> Path:
    """templates/ beside the package in a checkout, or publisher_templates where it was installed."""
    spec = importlib.util.find_spec("publisher_templates")
    for location in spec.submodule_search_locations if spec and spec.submodule_search_locations else ():
        if Path(location).is_dir():
            return Path(location)
    raise RuntimeError("the templates folder is missing: reinstall publisher")


class Emitter(Protocol):
    name: str
    #: The kinds of file it writes, as the manifest lists them: what an unchanged issue keeps.
    kinds: tuple[str, ...]
    #: Whether what it writes depends on which recordings were made: it then runs after the audio
    #: edition, and is run again for an issue whose text has not changed.
    hears_audio: bool

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]: ...


class ArchiveEmitter(Protocol):
    name: str

    def emit_archive(self, editions: list[Issue], context: BuildContext) -> list[Artifact]: ...


#: Each paper's editions in one variant, newest first, by (paper slug, variant).
Site = Mapping[tuple[str, str], list[Issue]]


class SiteEmitter(Protocol):
    name: str

    def emit_site(self, site: Site, context: BuildContext) -> list[Artifact]: ...


_WEB = WebEmitter()
_OPDS = OpdsEmitter()
#: Outputs of each issue in each variant, in the order they run.
EMITTERS: dict[str, Emitter] = {
    "model": ModelJsonEmitter(),
    "epub": EpubEmitter(),
    "web": _WEB,
    "opds": _OPDS,
}
#: Outputs of a paper's whole archive in each variant.
ARCHIVE_EMITTERS: dict[str, ArchiveEmitter] = {
    "feeds": FeedsEmitter(),
    "audio": AudioEmitter(),
}
#: Outputs that tie every paper and variant together (the web edition, the OPDS catalogue); they
#: run last, so they can tell which recordings failed.
SITE_EMITTERS: dict[str, SiteEmitter] = {
    "web": _WEB,
    "opds": _OPDS,
}
#: The file names of a paper's feeds in each variant's folder.
FEED_FILES = {
    "rss": "rss.xml",
    "atom": "atom.xml",
    "jsonfeed": "feed.json",
    "podcast": "podcast.xml",
    "artwork": "podcast.jpg",
}
