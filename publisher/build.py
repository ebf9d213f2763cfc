"""The pipeline: page files → issues → variants → every emitter → a published output folder.

All input is read and parsed before anything is written, and the output is built in a staging
folder switched into place at the end, so bad input never touches what was already published.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.config import Settings
from publisher.emit import ARCHIVE_EMITTERS, EMITTERS, SITE_EMITTERS, BuildContext
from publisher.errors import InputError
from publisher.ingest import assemble_issue, group_issues, read_page
from publisher.ingest.text import opencc_convert
from publisher.model import Issue
from publisher.output import MANIFEST, Artifact, OutputWriter, staged
from publisher.transforms.variants import Converter, Phrases, review_report, to_variant
from publisher.tts.narrator import Narrator

#: Files a folder contributes as pages; a file named on the command line is read whatever its name.
PAGE_SUFFIXES = (".txt",)
#: A paper's name in paths: configured names are checked against it, since they become folder names.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    issues: tuple[Issue, ...]
    artifacts: tuple[Artifact, ...]
    #: (variant, path, lines to check) of each conversion review written.
    reviews: tuple[tuple[str, str, int], ...]
    #: Who read the audio edition and what it took; None when the build made no audio.
    narrator: Narrator | None = None

    @property
    def partial(self) -> bool:
        """Some recording failed: everything else was published, the next build fills it in."""
        return self.narrator is not None and bool(self.narrator.tally.failed)


class Converters:
    """One converter per variant and source script, built on first use: the desk's phrase files are
    read then, before anything is written, so a bad one stops the build cleanly."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._built: dict[tuple[str, str], Converter] = {}
        for variant in settings.variants:
            self.get(variant, "zh-Hans")

    def get(self, variant: str, source: str) -> Converter:
        key = (variant, source)
        if key not in self._built:
            phrases = Phrases.for_variant(variant, self._settings.phrases.get(variant, ()))
            self._built[key] = Converter(variant, phrases, source=source)
        return self._built[key]


def collect_page_files(inputs: Iterable[Path]) -> list[Path]:
    """The page files named by `inputs` (files, or folders searched recursively), in a stable order."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = _pages_in(path)
            if not found:
                raise InputError(f"{path}: no page files ({', '.join(PAGE_SUFFIXES)}) in this folder")
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


def _pages_in(folder: Path) -> list[Path]:
    """The page files under `folder`, but not in hidden folders nor in a published output folder:
    `publisher build .` where out/ lives would read out/review/*.txt back as pages, and a killed
    build's .out.staging-* likewise. Symlinked folders are not followed (a loop would never end)."""
    found: list[Path] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not (here / f / MANIFEST).is_file())
        found += [here / n for n in names if n.lower().endswith(PAGE_SUFFIXES) and not n.startswith(".")]
    return sorted(p for p in found if p.is_file())


def parse_issues(inputs: Iterable[Path]) -> list[Issue]:
    pages = [read_page(path) for path in collect_page_files(inputs)]
    return [assemble_issue(group) for group in group_issues(pages)]


def build(
    inputs: Iterable[Path],
    out: Path,
    settings: Settings,
    narrator: Callable[[], Narrator | None] = lambda: None,
    *,
    wait: float = 0,
) -> BuildResult:
    """Parse every input, then build every edition; `narrator` is asked for the audio edition's
    narrator once the input has been read (choosing one may probe the network). If another build
    is publishing to `out`, wait up to `wait` seconds for it, then give up (BusyError)."""
    issues = parse_issues(inputs)
    converters = Converters(settings)
    reader = narrator()
    artifacts: list[Artifact] = []
    reviews: list[tuple[str, str, int]] = []
    with staged(out, wait=wait) as stage:
        writer = OutputWriter(stage)
        context = BuildContext(settings=settings, writer=writer, narrator=reader)
        _check_paper_slugs(issues, context)
        # Each paper's archive in each variant, for the outputs that cover it whole (feeds).
        archives: defaultdict[tuple[str, str], list[Issue]] = defaultdict(list)
        for issue in issues:
            for variant in settings.variants:
                converter = converters.get(variant, issue.language)
                edition = to_variant(issue, converter)
                archives[(context.paper_slug(issue.paper), variant)].append(edition)
                for emitter in EMITTERS.values():
                    artifacts += emitter.emit(edition, context)
                if edition is not issue:
                    report = review_report(issue, converter)
                    artifact = writer.write(
                        f"review/{context.paper_slug(issue.paper)}-{issue.date}.{variant}.txt",
                        report.encode(),
                        kind="review",
                        variant=variant,
                        issue=issue.date.isoformat(),
                    )
                    artifacts.append(artifact)
                    reviews.append((variant, artifact.path, report.count("\n") - 2))
        for key in sorted(archives):
            for archive_emitter in ARCHIVE_EMITTERS.values():
                artifacts += archive_emitter.emit_archive(archives[key], context)
        site = {key: sorted(archives[key], key=lambda issue: issue.date, reverse=True) for key in sorted(archives)}
        for site_emitter in SITE_EMITTERS.values():
            artifacts += site_emitter.emit_site(site, context)
        writer.write_manifest(reader.describe(settings.variants) if reader else None)
    return BuildResult(
        out=out, issues=tuple(issues), artifacts=tuple(artifacts), reviews=tuple(reviews), narrator=reader
    )


def _check_paper_slugs(issues: Iterable[Issue], context: BuildContext) -> None:
    """Each paper's name in paths is a plain file name, and its own: 江州日报 and 姜洲日报 both read
    jiangzhouribao, and their files would collide; a configured "../site" would leave out/."""
    papers: dict[str, str] = {}  # slug → the paper's name in Simplified characters (渝中報 is 渝中报)
    for issue in issues:
        slug = context.paper_slug(issue.paper)
        if not _SLUG.fullmatch(slug):
            raise InputError(
                f"paper_slugs: {slug!r} for {issue.paper} is not a plain file name (letters, digits, '.', '_', '-')"
            )
        name = opencc_convert("t2s", issue.paper)
        other = papers.setdefault(slug, name)
        if other != name:
            raise InputError(
                f"{other} and {name} would both be published as {slug!r}; "
                "give one its own name under [paper_slugs] in publisher.toml"
            )
