"""The pipeline: page files → issues → variants → every emitter → a published output folder.

All input is read and parsed before anything is written, and the output is built in a staging
folder switched into place at the end, so bad input never touches what was already published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.config import Settings
from publisher.emit import ARCHIVE_EMITTERS, EMITTERS, SITE_EMITTERS, BuildContext
from publisher.errors import InputError
from publisher.ingest import assemble_issue, group_issues, read_page
from publisher.model import Issue
from publisher.output import Artifact, OutputWriter, staged
from publisher.transforms.variants import Converter, Phrases, review_report, to_variant
from publisher.tts.narrator import Narrator

#: Files a folder contributes as pages; a file named on the command line is read whatever its name.
PAGE_SUFFIXES = (".txt",)


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
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and not p.name.startswith(".")
            )  # fmt: skip
            if not found:
                raise InputError(f"{path}: no page files ({', '.join(PAGE_SUFFIXES)}) in this folder")
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


def parse_issues(inputs: Iterable[Path]) -> list[Issue]:
    pages = [read_page(path) for path in collect_page_files(inputs)]
    return [assemble_issue(group) for group in group_issues(pages)]


def build(
    inputs: Iterable[Path],
    out: Path,
    settings: Settings,
    narrator: Callable[[], Narrator | None] = lambda: None,
) -> BuildResult:
    """Parse every input, then build every edition; `narrator` is asked for the audio edition's
    narrator once the input has been read (choosing one may probe the network)."""
    issues = parse_issues(inputs)
    converters = Converters(settings)
    reader = narrator()
    artifacts: list[Artifact] = []
    reviews: list[tuple[str, str, int]] = []
    with staged(out) as stage:
        writer = OutputWriter(stage)
        context = BuildContext(settings=settings, writer=writer, narrator=reader)
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
