"""The pipeline: page files → issues → variants → every emitter → a published output folder.

All input is read and parsed before anything is written, and the output is built in a staging
folder switched into place at the end, so bad input never touches what was already published.
Only what changed since the last build is parsed and rendered again (`publisher.incremental`);
each issue's own outputs are built in worker processes, the archive's in this one.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import multiprocessing.pool
import os
import re
import signal
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import publisher
from publisher.config import Settings
from publisher.emit import ARCHIVE_EMITTERS, EMITTERS, SITE_EMITTERS, BuildContext
from publisher.emit.cover import missing_characters
from publisher.errors import InputError
from publisher.incremental import (
    IssueRecord,
    ModelCache,
    Previous,
    build_fingerprint,
    default_model_cache,
    file_of,
    headlines_only,
    issue_fingerprint,
    page_digest,
    page_in_file,
    place_in_file,
    settings_fingerprint,
)
from publisher.ingest import (
    NOTHING_GIVEN,
    FileNames,
    Given,
    PageDraft,
    Reading,
    Supplied,
    assemble_issue,
    group_issues,
    load_page,
    pages_from_bytes,
    read_pages,
)
from publisher.ingest.text import opencc_convert
from publisher.model import Issue, to_dict
from publisher.output import MANIFEST, Artifact, OutputWriter, staged
from publisher.reviews import Review, machine_read_report, review_report
from publisher.transforms.variants import Converter, Phrases, to_variant
from publisher.tts.narrator import Narrator

#: Files a folder contributes as pages; a file named on the command line is read whatever its name.
PAGE_SUFFIXES = (".txt", ".pdf")
#: A paper's name in paths: configured names are checked against it, since they become folder names.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
#: What the build did, in out/: the one file whose content varies from build to build (its timings),
#: and so the one file the manifest does not list.
REPORT = "report.json"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    artifacts: tuple[Artifact, ...]
    #: The reviews this build wrote: of each conversion, and of the pages read by OCR (a kept
    #: issue's were reported by the build that wrote them).
    reviews: tuple[Review, ...]
    #: Who read the audio edition and what it took; None when the build made no audio.
    narrator: Narrator | None = None
    #: Nothing changed since the last build: out/ was left as it was.
    unchanged: bool = False
    #: Each issue, and whether it was rebuilt or kept, by key.
    outcomes: tuple[IssueOutcome, ...] = ()
    #: Seconds spent in each stage.
    stages: dict[str, float] = field(default_factory=dict)
    jobs: int = 1
    #: How many of the files were kept from the last build rather than written.
    kept_files: int = 0

    @property
    def issues(self) -> tuple[Issue, ...]:
        return tuple(outcome.issue for outcome in self.outcomes)

    @property
    def rebuilt(self) -> list[IssueOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "rebuilt"]

    @property
    def partial(self) -> bool:
        """Some recording failed: everything else was published, the next build fills it in."""
        return self.narrator is not None and bool(self.narrator.tally.failed)


class Converters:
    """One converter per variant and source script, built on first use: the desk's phrase files are
    read then, before anything is written, so a bad one stops the build cleanly."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._built: dict[tuple[str, str], Converter] = {}
        for variant in settings.variants:
            self.get(variant, "zh-Hans")

    def __reduce__(self) -> tuple[object, ...]:
        # Where workers are spawned rather than forked (macOS), each loads OpenCC's dictionaries anew.
        return (Converters, (self.settings,))

    def get(self, variant: str, source: str) -> Converter:
        key = (variant, source)
        if key not in self._built:
            phrases = Phrases.for_variant(variant, self.settings.phrases.get(variant, ()), self.settings.vocabulary)
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


def given_of(
    settings: Settings,
    paper: str | None = None,
    date: dt.date | None = None,
    page: str | None = None,
    ocr: str | None = None,
) -> Given:
    """What the desk says of its pages: its paper ([paper] in publisher.toml, or --paper), the
    date and page given on the command line, the pattern of its file names, and how its PDFs are
    read (ocr in publisher.toml, or --ocr)."""
    own = settings.paper
    supplied = Supplied(
        paper=paper or own.name,
        date=date,
        page=page,
        paper_from="--paper" if paper else "[paper] name in publisher.toml",
    )
    file_names = FileNames.compile(own.file_names, "paper.file_names") if own.file_names else None
    reading = Reading(ocr=ocr or settings.ocr, max_pdf_pages=settings.max_pdf_pages)
    return Given(supplied, file_names, own.language, reading)


def parse_issues(inputs: Iterable[Path], given: Given = NOTHING_GIVEN) -> list[Issue]:
    pages = [page for path in collect_page_files(inputs) for page in read_pages(path, given)]
    return [assemble_issue(group, given.language) for group in group_issues(pages)]


@dataclass(frozen=True)
class IssueOutcome:
    """What the build did with one issue: `rebuilt`, or `kept` from the last build unchanged."""

    key: str
    issue: Issue
    status: str


@dataclass(frozen=True)
class _Job:
    """An issue to build: its page files, what they held when grouped, and its fingerprint."""

    paths: tuple[Path, ...]
    pages: tuple[str, ...]
    fingerprint: str
    #: Whether the archive-wide outputs may need its text (it is among its paper's newest); if not,
    #: its builder hands back headlines only (`headlines_only`), and the build never holds its text.
    whole: bool = True


@dataclass(frozen=True)
class _Built:
    issue: Issue
    editions: dict[str, Issue]
    artifacts: list[Artifact]
    reviews: list[Review]


class _IssueBuilder:
    """Builds an issue's own outputs (its model, EPUBs, pages and covers in each variant, the
    conversion reviews) into the staging folder, and remembers its models for the next build: in
    the main process, or in each worker process of a parallel build. In a build with audio, what
    depends on the recordings waits for them (`hearing`)."""

    def __init__(
        self,
        converters: Converters,
        writer: OutputWriter,
        narrator: Narrator | None,
        models: ModelCache,
        given: Given,
    ) -> None:
        self.converters = converters
        self.given = given
        settings = converters.settings
        self.context = BuildContext(settings=settings, writer=writer, narrator=narrator)
        self.models = models

    def __reduce__(self) -> tuple[object, ...]:
        # Where workers are spawned rather than forked (macOS), each builds its own.
        context = self.context
        return (
            _IssueBuilder,
            (self.converters, OutputWriter(context.writer.root), context.narrator, self.models, self.given),
        )

    def prepare(self) -> None:
        """Loads what every issue needs (OpenCC's dictionaries, the cover fonts and the characters
        they cover, the templates) before worker processes are forked from this one: they share it,
        where each would load its own (some 150 MB a process)."""
        context = self.context
        for variant in context.settings.variants:
            self.converters.get(variant, "zh-Hans")
            missing_characters(context.cover_font(variant), "")
        for name in context.templates.list_templates():
            context.templates.get_template(name)

    def __call__(self, job: _Job) -> _Built:
        """Everything of the issue; in a build with audio, all but what depends on the recordings."""
        pages = _read_again(job.paths, job.pages, self.given)
        issue = assemble_issue(pages, self.given.language)
        context, writer = self.context, self.context.writer
        editions: dict[str, Issue] = {}
        artifacts: list[Artifact] = []
        reviews: list[Review] = []
        for variant in context.settings.variants:
            converter = self.converters.get(variant, issue.language)
            edition = editions[variant] = to_variant(issue, converter)
            for emitter in EMITTERS.values():
                if context.narrator is None or not emitter.hears_audio:
                    artifacts += emitter.emit(edition, context)
            if edition is not issue:
                report = review_report(issue, converter)
                key = context.issue_key(issue)
                artifact = writer.write(
                    f"review/{key}.{variant}.txt", report.encode(), kind="review", variant=variant, issue=key
                )
                artifacts.append(artifact)
                reviews.append(Review(f"{variant}: {{count}} conversions", artifact.path, _review_lines(report)))
        machine_read = machine_read_report(issue)
        if machine_read is not None:
            key = context.issue_key(issue)
            path = f"review/{key}.ocr.txt"
            artifacts.append(writer.write(path, machine_read.encode(), kind="review", issue=key))
            count = sum(1 for w in issue.warnings if w.kind == "ocr" and w.article)
            reviews.append(Review("{count} articles read by OCR", path, count))
        self.models.store(job.fingerprint, issue, editions)
        if not job.whole:
            issue, editions = headlines_only(issue, editions)
        return _Built(issue, editions, artifacts, reviews)

    def hearing(self, editions: dict[str, Issue]) -> list[Artifact]:
        """What depends on the recordings, once the audio edition has been made."""
        return [
            artifact
            for edition in editions.values()
            for emitter in EMITTERS.values()
            if emitter.hears_audio
            for artifact in emitter.emit(edition, self.context)
        ]


def _review_lines(report: str) -> int:
    return sum(1 for line in report.splitlines() if line and not line.startswith("#"))


#: The signals that stop a build (Ctrl-C, kill).
_STOPS = {signal.SIGINT, signal.SIGTERM}
#: The pool worker's builder, made once per process by `_start_worker`.
_worker: _IssueBuilder | None = None


def _start_worker(builder: _IssueBuilder | None = None) -> None:
    # Ctrl-C reaches the whole process group: the main process alone decides, and ends the pool
    # (with SIGTERM, which must end a worker at once rather than raise where it happens to be).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    global _worker
    _worker = builder


def _build_in_worker(job: _Job) -> _Built:
    assert _worker is not None
    return _worker(job)


def _read_page(path: Path, given: Given) -> list[tuple[PageDraft, str]]:
    """A page file parsed (so that bad input stops the build before anything is built), each of its
    pages kept as what grouping needs of it: its number, nameplate and source, and its digest (of a
    whole issue's PDF, with its place in it: `page_in_file`). The issue's builder parses it again,
    so that the build never holds the whole archive's text at once."""
    data = load_page(path)
    drafts = pages_from_bytes(data, path, given)
    digest = page_digest(path, data)
    return [
        (replace(draft, drafts=[], dropped=[], warnings=[], fingerprint=""), page_in_file(digest, index, len(drafts)))
        for index, draft in enumerate(drafts)
    ]


def _read_again(paths: tuple[Path, ...], pages: tuple[str, ...], given: Given) -> list[PageDraft]:
    """The pages of an issue, each file read once however many of its pages the issue has."""
    data: dict[Path, bytes] = {}
    drafts = []
    for path, page in zip(paths, pages, strict=True):
        if path not in data:
            data[path] = load_page(path)
            if page_digest(path, data[path]) != file_of(page):
                raise InputError(f"{path}: changed while the build was reading it; build again")
        drafts += pages_from_bytes(data[path], path, given, only=place_in_file(page))
    return drafts


@contextmanager
def _pool(jobs: int, tasks: int, *initargs: object) -> Iterator[multiprocessing.pool.Pool | None]:
    """Worker processes for `tasks` tasks, or None where one process does as well. Forked, so that
    the workers start at once with what is already loaded; closed when done, ended at once (not
    waited for) on an error or a stop."""
    if jobs <= 1 or tasks <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # A stop arriving while the pool forks would be raised in a fork hook, where Python ignores it
    # and the build goes on: held until the pool is up, then raised here.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        pool = context.Pool(min(jobs, tasks), _start_worker, initargs)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class _Stopwatch:
    """Seconds spent in each stage of the build, for the report."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = round(self.stages.get(stage, 0) + now - self._last, 3)
        self._last = now


def build(
    inputs: Iterable[Path],
    out: Path,
    settings: Settings,
    narrator: Callable[[], Narrator | None] = lambda: None,
    *,
    wait: float = 0,
    jobs: int = 1,
    force: bool = False,
    models: ModelCache | None = None,
    given: Given | None = None,
) -> BuildResult:
    """Parse the input, then build every edition of what changed since the last build of `out`
    (everything with `force`), keeping the rest; `narrator` is asked for the audio edition's
    narrator once the input has been read (choosing one may probe the network). Issues are built
    in up to `jobs` processes. If another build is publishing to `out`, wait up to `wait` seconds
    for it, then give up (BusyError). `given` is what the desk says of its pages (default: the
    settings' [paper])."""
    clock = _Stopwatch()
    given = given or given_of(settings)
    models = models or ModelCache(default_model_cache(os.environ))
    files = collect_page_files(inputs)
    digests = {path: page_digest(path, load_page(path)) for path in files}
    converters = Converters(settings)  # reads the desk's phrase files: a bad one stops the build before any work
    reader = narrator()
    clock.lap("read")
    shaping = settings_fingerprint(settings, given)
    audio = json.dumps(reader.describe(settings.variants) if reader else None, sort_keys=True, ensure_ascii=False)
    whole = build_fingerprint(digests.values(), shaping, audio)
    previous = Previous.none() if force else Previous.read(out)
    if previous.build == whole and not previous.partial and previous.intact(out):
        return BuildResult(out=out, artifacts=(), reviews=(), narrator=reader, unchanged=True)
    # Beyond each paper's newest feed_items issues, a build without audio holds headlines only.
    window = settings.feed_items if reader is None else None
    kept = _keepable(previous, set(digests.values()), shaping, audio, models, out, window)
    with staged(out, wait=wait) as stage:
        writer = OutputWriter(stage)
        drafts: dict[Path, list[tuple[PageDraft, str]]] = {}
        while True:
            kept_files = {file_of(page) for record, _, _ in kept.values() for page in record.pages}
            unread = [path for path, page in digests.items() if page not in kept_files and path not in drafts]
            with _pool(jobs, len(unread)) as pool:
                drafts.update(
                    zip(
                        unread,
                        (pool.map if pool else map)(functools.partial(_read_page, given=given), unread),
                        strict=True,
                    )
                )
            groups = group_issues([draft for pages in drafts.values() for draft, _ in pages])
            # A page added to an issue the last build made (or an inner page that may belong to it)
            # makes that issue one to build again, with all its pages.
            printed = {(_paper_of(group), group[0].date) for group in groups}
            joined = [
                key
                for key, (_, issue, _) in kept.items()
                if {(opencc_convert("t2s", issue.paper), issue.date), (None, issue.date)} & printed
            ]
            if not joined:
                break
            for key in joined:
                del kept[key]
        clock.lap("parse")
        builder = _IssueBuilder(converters, writer, reader, models, given)
        context = builder.context
        _check_paper_slugs(
            [paper for group in groups if (paper := _printed_name(group))] + [i.paper for _, i, _ in kept.values()],
            context,
        )
        keys = [
            f"{context.paper_slug(paper)}-{group[0].date}" if (paper := _printed_name(group)) else None
            for group in groups
        ]
        newest = _newest([*kept, *filter(None, keys)], window)
        read = {id(draft): (path, page) for path, pages in drafts.items() for draft, page in pages}
        jobs_to_do = [
            _Job(paths, pages, issue_fingerprint(pages, shaping, audio), whole=key is None or key in newest)
            for group, key in zip(groups, keys, strict=True)
            for paths, pages in [tuple(zip(*(read[id(draft)] for draft in group), strict=True))]
        ]
        built: list[_Built] = []
        # Audio builds record in this process, under the narrator's own concurrency limit.
        if reader is None and jobs > 1 and len(jobs_to_do) > 1:
            builder.prepare()
            with _pool(jobs, len(jobs_to_do), builder) as pool:
                assert pool is not None
                for result in pool.imap(_build_in_worker, jobs_to_do):
                    writer.adopt(result.artifacts)
                    built.append(result)
        if len(built) < len(jobs_to_do):
            built = [builder(job) for job in jobs_to_do]
        artifacts: list[Artifact] = [a for b in built for a in b.artifacts]
        reviews: list[Review] = [r for b in built for r in b.reviews]
        outcomes = [IssueOutcome(context.issue_key(b.issue), b.issue, "rebuilt") for b in built]
        records = [record for record, _, _ in kept.values()] + [
            IssueRecord(outcome.key, job.fingerprint, tuple(sorted(set(job.pages))))
            for outcome, job in zip(outcomes, jobs_to_do, strict=True)
        ]
        every: list[tuple[Issue, dict[str, Issue]]] = [(b.issue, b.editions) for b in built]
        kept_files = 0
        for key, (_, issue, editions) in kept.items():
            files_kept = previous.files_of(key, _kept_kinds(hearing=reader is not None))
            writer.keep(out, files_kept)
            artifacts += files_kept
            kept_files += len(files_kept)
            outcomes.append(IssueOutcome(key, issue, "kept"))
            every.append((issue, editions))
        clock.lap("issues")
        # Each paper's archive in each variant, for the outputs that cover it whole (feeds).
        archives: defaultdict[tuple[str, str], list[Issue]] = defaultdict(list)
        for issue, editions in sorted(every, key=lambda pair: context.issue_key(pair[0])):
            for variant in settings.variants:
                archives[(context.paper_slug(issue.paper), variant)].append(editions[variant])
        fingerprints = {record.key: record.fingerprint for record in records}
        for key in sorted(archives):
            if window is not None:
                _with_text_of_feed_window(archives[key], window, context, models, fingerprints)
            for archive_emitter in ARCHIVE_EMITTERS.values():
                artifacts += archive_emitter.emit_archive(archives[key], context)
        if reader is not None:
            for _, editions in every:
                artifacts += builder.hearing(editions)
        clock.lap("archive")
        site = {key: sorted(archives[key], key=lambda issue: issue.date, reverse=True) for key in sorted(archives)}
        for site_emitter in SITE_EMITTERS.values():
            artifacts += site_emitter.emit_site(site, context)
        clock.lap("site")
        outcomes.sort(key=lambda outcome: outcome.key)
        partial = reader is not None and bool(reader.tally.failed)
        writer.write_manifest(
            reader.describe(settings.variants) if reader else None,
            build={
                "fingerprint": whole,
                "partial": partial,
                "issues": [asdict(record) for record in sorted(records, key=lambda record: record.key)],
            },
        )
        clock.lap("manifest")
        result = BuildResult(
            out=out,
            artifacts=tuple(artifacts),
            reviews=tuple(sorted(reviews, key=lambda review: review.path)),
            narrator=reader,
            outcomes=tuple(outcomes),
            stages=clock.stages,
            jobs=jobs,
            kept_files=kept_files,
        )
        (stage / REPORT).write_text(json.dumps(report(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


def _kept_kinds(hearing: bool) -> list[str]:
    """What a kept issue's files are: in a build without audio, every file of its own; with audio,
    those that do not depend on which recordings were made (EPUBs and pages are made again)."""
    return ["review", *(kind for e in EMITTERS.values() if not (hearing and e.hears_audio) for kind in e.kinds)]


def _keepable(
    previous: Previous, pages: set[str], shaping: str, audio: str, models: ModelCache, out: Path, window: int | None
) -> dict[str, tuple[IssueRecord, Issue, dict[str, Issue]]]:
    """The issues of the last build whose pages are all still given, unchanged, built by the same
    code with the same settings, whose models are in the cache and whose files are still in out/;
    those older than the newest `window` of their paper with headlines only (`headlines_only`)."""
    keepable = [
        record
        for key, record in previous.issues.items()
        if {file_of(page) for page in record.pages} <= pages
        and record.fingerprint == issue_fingerprint(record.pages, shaping, audio)
        and models.has(record.fingerprint)
        and all(_intact(os.path.join(out, a.path), a.bytes) for a in previous.files_of(key, _kept_kinds(hearing=False)))
    ]
    newest = _newest({record.key for record in keepable}, window)
    kept = {}
    for record in keepable:
        loaded = models.load(record.fingerprint, headlines_only=record.key not in newest)
        if loaded is not None:
            kept[record.key] = (record, *loaded)
    return kept


def _with_text_of_feed_window(
    editions: list[Issue], window: int, context: BuildContext, models: ModelCache, fingerprints: dict[str, str]
) -> None:
    """The newest editions whose articles fill the feeds' window (`window` articles) given their
    text where `headlines_only` left it out: issues without articles can push the window further
    back than `window` issues."""
    articles = 0
    for position, edition in sorted(enumerate(editions), key=lambda pair: pair[1].date, reverse=True):
        if articles >= window:
            return
        articles += len(edition.articles)
        if edition.articles and not any(article.paragraphs for article in edition.articles):
            loaded = models.load(fingerprints[context.issue_key(edition)])
            if loaded is not None:
                editions[position] = loaded[1][edition.language]


def _newest(keys: Iterable[str], window: int | None) -> set[str]:
    """The keys (yuzhongbao-2024-03-06) of each paper's `window` newest issues; all with None."""
    if window is None:
        return set(keys)
    by_paper: defaultdict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_paper[key[:-11]].append(key)
    return {key for found in by_paper.values() for key in sorted(found, key=lambda key: key[-10:])[-window:]}


def _intact(path: str, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def _printed_name(group: list[PageDraft]) -> str | None:
    return next((page.paper for page in group if page.paper), None)


def _paper_of(group: list[PageDraft]) -> str | None:
    """The paper of a group of pages, as `group_issues` tells papers apart."""
    paper = _printed_name(group)
    return opencc_convert("t2s", paper) if paper else None


def _check_paper_slugs(names: Iterable[str], context: BuildContext) -> None:
    """Each paper's name in paths is a plain file name, and its own: 江州日报 and 姜洲日报 both read
    jiangzhouribao, and their files would collide; a configured "../site" would leave out/."""
    papers: dict[str, str] = {}  # slug → the paper's name in Simplified characters (渝中報 is 渝中报)
    for paper in names:
        slug = context.paper_slug(paper)
        if not _SLUG.fullmatch(slug):
            raise InputError(
                f"paper_slugs: {slug!r} for {paper} is not a plain file name (letters, digits, '.', '_', '-')"
            )
        name = opencc_convert("t2s", paper)
        other = papers.setdefault(slug, name)
        if other != name:
            raise InputError(
                f"{other} and {name} would both be published as {slug!r}; "
                "give one its own name under [paper_slugs] in publisher.toml"
            )


def report(result: BuildResult) -> dict[str, object]:
    """out/report.json: what the build did with each issue, what it warned of, where the time went."""
    narrator = result.narrator
    return {
        "publisher": publisher.__version__,
        "result": "partial" if result.partial else "published",
        "jobs": result.jobs,
        "seconds": result.stages,
        "files": {"published": len(result.artifacts), "kept": result.kept_files},
        "issues": [
            {
                "key": outcome.key,
                "status": outcome.status,
                "paper": outcome.issue.paper,
                "date": outcome.issue.date.isoformat(),
                "pages": len(outcome.issue.pages),
                "articles": len(outcome.issue.articles),
                **{part: model[part] for part in ("warnings", "dropped")},
            }
            for outcome in result.outcomes
            for model in [to_dict(outcome.issue)]
        ],
        "speech": None
        if narrator is None
        else {
            "engine": narrator.describe([]).get("engine"),
            "synthesized": narrator.tally.synthesized,
            "cached": narrator.tally.cached,
            "failed": [
                {"issue": f.issue, "script": f.script.id, "language": f.script.language, "reason": f.reason}
                for f in narrator.tally.failed
            ],
        },
    }
