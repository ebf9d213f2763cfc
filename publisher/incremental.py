"""What an earlier build of the same output folder made, and what of it this build may keep.

A build records in out/manifest.json a fingerprint of each issue: its page files' bytes, the
settings and the code that built it. The next build keeps the files of every issue whose
fingerprint is unchanged (hard links into the staging folder, so keeping costs no copying) and
takes their models from a pickle in the cache, without reading their pages again; only the new or
changed issues are parsed and rendered, and the outputs that cover the whole archive (feeds, home
pages, catalogue) are made afresh from every issue's model. With nothing changed at all, out/ is
left as it is.

The fingerprints are of content, never of times, so a copy of the pages or a `touch` changes
nothing, and a fix to the parser or a template rebuilds everything it may have changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

import publisher
from publisher.config import Settings
from publisher.ingest.supplied import NOTHING_GIVEN, Given
from publisher.model import Issue
from publisher.output import MANIFEST, Artifact

#: What the package holds that shapes an output: its code, templates, lexicons and phrase files.
_CODE_SUFFIXES = (".py", ".tsv", ".txt", ".html", ".xml", ".xhtml", ".ncx", ".smil", ".css", ".js")


@dataclass(frozen=True)
class IssueRecord:
    """An issue as the manifest records it: its key, fingerprint and the digests of its pages."""

    key: str
    fingerprint: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Previous:
    """The last build published in out/, as far as this build can use it."""

    #: The fingerprint of the whole build (every page, the settings, the code), None if unknown.
    build: str | None
    #: Whether that build left out recordings that failed: a build with the same input must retry them.
    partial: bool
    issues: Mapping[str, IssueRecord]
    #: Each issue's files, by issue key.
    files: Mapping[str, list[Artifact]]
    #: Every file published, by path, with its size.
    sizes: Mapping[str, int]

    @classmethod
    def none(cls) -> Previous:
        return cls(build=None, partial=False, issues={}, files={}, sizes={})

    @classmethod
    def read(cls, out: Path) -> Previous:
        """The record in out/manifest.json; an absent or unreadable one means nothing is kept."""
        try:
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            state = manifest["build"]
            issues = {
                record["key"]: IssueRecord(record["key"], record["fingerprint"], tuple(record["pages"]))
                for record in state["issues"]
            }
            files: dict[str, list[Artifact]] = {}
            for entry in manifest["artifacts"]:
                if entry["issue"] is not None:
                    files.setdefault(entry["issue"], []).append(Artifact(**entry))
            sizes = {entry["path"]: entry["bytes"] for entry in manifest["artifacts"]}
            return cls(build=state["fingerprint"], partial=state["partial"], issues=issues, files=files, sizes=sizes)
        except (OSError, ValueError, KeyError, TypeError):
            return cls.none()

    def intact(self, out: Path) -> bool:
        """Whether every file it published is still there, at its size: a file deleted from out/
        by hand is no reason to skip a build."""
        root = os.fspath(out)
        try:
            return all(os.stat(os.path.join(root, path)).st_size == size for path, size in self.sizes.items())
        except OSError:
            return False

    def files_of(self, key: str, kinds: Iterable[str]) -> list[Artifact]:
        wanted = set(kinds)
        return [a for a in self.files.get(key, ()) if a.kind in wanted]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def page_digest(path: Path, data: bytes) -> str:
    """A page file's bytes and its name, which the model records as the page's source."""
    return digest(os.fsencode(path.name) + b"\0" + data)


def page_in_file(digest: str, index: int, count: int) -> str:
    """A page's digest: its file's, and for one of the pages of a whole issue's PDF, its place in it."""
    return digest if count == 1 else f"{digest}#{index}"


def file_of(page: str) -> str:
    """The digest of the file a page's digest (`page_in_file`) is of."""
    return page.partition("#")[0]


def place_in_file(page: str) -> int | None:
    """Which of its file's pages a page's digest is of: None for a file of one page."""
    _, mark, index = page.partition("#")
    return int(index) if mark else None


@cache
def code_fingerprint() -> str:
    """The package's own files and the versions of the libraries that shape the output."""
    from importlib.metadata import PackageNotFoundError, version

    from publisher.emit import template_folder

    hasher = hashlib.sha256(publisher.__version__.encode())
    packages = ("opencc", "feedgen", "ebooklib", "jinja2", "pillow", "pypinyin", "g2pM")
    # …and what reads page PDFs: their text, photos and OCR'd lines.
    packages += ("pypdfium2", "rapidocr-onnxruntime", "onnxruntime")
    for package in packages:
        try:
            hasher.update(f"{package} {version(package)}".encode())
        except PackageNotFoundError:  # a library found without metadata still builds
            hasher.update(package.encode())
    for folder in (Path(publisher.__file__).parent, template_folder()):
        for path in sorted(folder.rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
                hasher.update(path.relative_to(folder).as_posix().encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


def settings_fingerprint(settings: Settings, given: Given = NOTHING_GIVEN) -> str:
    """Every setting that shapes an output (not where the input and output are), with what the desk
    said of its pages (--paper, --date, --page, --ocr) and the contents of the desk's phrase files and cover
    font, whose names alone say nothing of a change."""
    shaping = {k: v for k, v in asdict(settings).items() if k not in ("input", "out")}
    shaping["given"] = repr(given.supplied)
    shaping["reading"] = repr(given.reading)
    hasher = hashlib.sha256(json.dumps(shaping, sort_keys=True, default=str, ensure_ascii=False).encode())
    for path in sorted({*(p for paths in settings.phrases.values() for p in paths), settings.cover_font} - {None}):
        try:
            hasher.update(Path(path).read_bytes())
        except OSError:
            hasher.update(b"unreadable")  # the build itself reports it
    return hasher.hexdigest()


def issue_fingerprint(pages: Iterable[str], settings: str, audio: str) -> str:
    """An issue's outputs are a function of its pages, the settings, the code and who reads it aloud."""
    return digest("\n".join([code_fingerprint(), settings, audio, *sorted(pages)]).encode())


def build_fingerprint(pages: Iterable[str], settings: str, audio: str) -> str:
    return digest("\n".join(["build", code_fingerprint(), settings, audio, *sorted(set(pages))]).encode())


class ModelCache:
    """Each issue's model and its editions, pickled under the issue's fingerprint, beside the
    recordings' cache: what lets a build keep an issue without reading its pages again. A pickle
    is only ever read by the code that wrote it, as the fingerprint covers the code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, fingerprint: str, headlines_only: bool = False) -> Path:
        return self.folder / fingerprint[:2] / f"{fingerprint}{'.headlines' * headlines_only}.pickle"

    def has(self, fingerprint: str) -> bool:
        return self._path(fingerprint).is_file() and self._path(fingerprint, headlines_only=True).is_file()

    def load(self, fingerprint: str, headlines_only: bool = False) -> tuple[Issue, dict[str, Issue]] | None:
        """The issue and its editions; with `headlines_only`, as `headlines_only` leaves them
        (a fifth of the reading, for issues beyond the feeds' window)."""
        try:
            with self._path(fingerprint, headlines_only).open("rb") as file:
                return pickle.load(file)  # our own cache, keyed by our code's fingerprint
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def store(self, fingerprint: str, issue: Issue, editions: dict[str, Issue]) -> None:
        # The whole models last: `has` finds an entry only once both are there.
        for slim, models in ((True, headlines_only(issue, editions)), (False, (issue, editions))):
            path = self._path(fingerprint, slim)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                partial.write_bytes(pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL))
                partial.replace(path)
            except OSError:
                return  # a cache that cannot be written only makes the next build slower


def headlines_only(issue: Issue, editions: dict[str, Issue]) -> tuple[Issue, dict[str, Issue]]:
    """An issue as the archive-wide outputs need it beyond the feeds' window, in a build without
    audio: the home pages and the catalogue list its articles by headline, never by text. So an
    archive of a thousand issues holds a thousand issues' headlines, not their text; the text of an
    issue the feeds turn out to need after all is read back from the model cache."""

    def slim(edition: Issue) -> Issue:
        articles = tuple(replace(a, paragraphs=(), figures=(), source_lines=()) for a in edition.articles)
        return replace(edition, articles=articles)

    # The report keeps the issue's own warnings and the lines set aside; the editions need neither.
    slimmed = {variant: replace(slim(edition), warnings=(), dropped=()) for variant, edition in editions.items()}
    return slim(issue), slimmed


def default_model_cache(environment: Mapping[str, str]) -> Path:
    """$XDG_CACHE_HOME/publisher/models, else ~/.cache/publisher/models."""
    base = environment.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "publisher" / "models"
