"""The `publisher` command: a thin layer over `publisher.build` and `publisher.ingest`.

Errors the desk can act on are one line on stderr and an exit code (README, "Exit codes").
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType

import click

from publisher import __version__
from publisher.build import REPORT, BuildResult, Converters, collect_page_files, given_of
from publisher.build import build as run_build
from publisher.config import Settings, load_settings, parse_tts, parse_variants
from publisher.console import progress_for
from publisher.emit.model_json import model_json
from publisher.errors import INTERRUPTED, PARTIAL_BUILD, TERMINATED, InputError, PublisherError, Terminated
from publisher.ingest import Given, parse_issue
from publisher.ingest.supplied import OCR_MODES, parse_date, parse_page_label
from publisher.model import Issue
from publisher.output import signals_ignored
from publisher.transforms.names import names_in
from publisher.transforms.speech import Script, article_script
from publisher.transforms.variants import to_variant
from publisher.tts.engines import make_narrator
from publisher.tts.lexicon import Lexicon
from publisher.tts.narrator import Narrator
from publisher.tts.reading import readings


class _Command(click.Group):
    """Turns a PublisherError into `publisher: error: …` and its exit code instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PublisherError as error:
            click.echo(f"publisher: error: {_one_line(str(error))}", err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Terminated:
            click.echo("publisher: terminated (SIGTERM); nothing was published", err=True)
            sys.exit(TERMINATED)
        except KeyboardInterrupt:
            click.echo("publisher: interrupted; nothing was published", err=True)
            sys.exit(INTERRUPTED)
        except Exception as error:  # a bug: still one line for the desk, the traceback on request
            if os.environ.get("PUBLISHER_DEBUG"):
                raise
            click.echo(
                f"publisher: internal error: {type(error).__name__}: {_one_line(str(error))} "
                "(please report it; PUBLISHER_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(70)


def _one_line(message: str) -> str:
    """A message on one line whatever it quotes: a page named "第1版\\n.txt" must not start a second."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], message)


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (kill, systemd, timeout) stops a build as Ctrl-C does, through the same clean-up: the
    staging folder is removed and the published folder is left as it was."""

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _page_facts(command: Callable[..., None]) -> Callable[..., None]:
    """--paper, --date and --page: what pages do not print (a page printing another value is
    refused); --ocr: how page PDFs are read."""
    for option in reversed(
        [
            click.option("--paper", help="The paper's name, for pages that do not print it (default: [paper] name)."),
            click.option(
                "--date", "date_text", metavar="YYYY-MM-DD", help="The issue's date, for pages that print none."
            ),
            click.option("--page", "page_text", metavar="LABEL", help="The page (A03, 5) of the one page file given."),
            click.option(
                "--ocr",
                type=click.Choice(OCR_MODES),
                help="Read page PDFs by OCR: auto (where the text layer cannot be read), always, never "
                "(default: ocr in publisher.toml, else auto).",
            ),
        ]
    ):
        command = option(command)
    return command


def _given(
    settings: Settings,
    files: list[Path],
    paper: str | None,
    date_text: str | None,
    page_text: str | None,
    ocr: str | None,
) -> Given:
    if page_text is not None and len(files) != 1:
        raise InputError(f"--page names the page of one file, and {len(files)} page files were given")
    date = parse_date(date_text) if date_text is not None else None
    page = parse_page_label(page_text) if page_text is not None else None
    return given_of(settings, paper.strip() if paper else None, date, page, ocr)


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publisher")
def main() -> None:
    """Publish a Chinese newspaper's page text as feeds, EPUB, audio and a web edition."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (schema 1) instead of a summary.")
@click.option(
    "--variant",
    default="zh-Hans",
    show_default=True,
    help="Print this variant: zh-Hans, zh-Hant-TW, zh-Hant-HK, zh-Hant.",
)
@click.option("--config", type=click.Path(path_type=Path), help="Settings file, for the desk's phrase files.")
@_page_facts
def parse(
    files: tuple[Path, ...],
    as_json: bool,
    variant: str,
    config: Path | None,
    paper: str | None,
    date_text: str | None,
    page_text: str | None,
    ocr: str | None,
) -> None:
    """Print the model of one issue; FILES are its pages, in any order."""
    (variant,) = parse_variants(variant)
    settings = load_settings(config)
    pages = collect_page_files(files)
    source = parse_issue(pages, _given(settings, pages, paper, date_text, page_text, ocr))
    issue = to_variant(source, Converters(replace(settings, variants=(variant,))).get(variant, source.language))
    click.echo(model_json(issue) if as_json else summary(issue), nl=not as_json)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--article", "article_id", help="The article's id (as `publisher parse` lists them); default: every one.")
@click.option("--variant", default="zh-Hans", show_default=True, help="The edition whose script to print.")
@click.option("--reading", is_flag=True, help="Also print what the offline voice reads (pinyin, after the lexicon).")
@click.option("--config", type=click.Path(path_type=Path), help="Settings file, for the desk's pronunciations.")
@_page_facts
def script(
    files: tuple[Path, ...],
    article_id: str | None,
    variant: str,
    reading: bool,
    config: Path | None,
    paper: str | None,
    date_text: str | None,
    page_text: str | None,
    ocr: str | None,
) -> None:
    """Print what the audio edition reads aloud for an article, sentence by sentence, for checking."""
    (variant,) = parse_variants(variant)
    settings = replace(load_settings(config), variants=(variant,))
    pages = collect_page_files(files)
    source = parse_issue(pages, _given(settings, pages, paper, date_text, page_text, ocr))
    issue = to_variant(source, Converters(settings).get(variant, source.language))
    if article_id is not None and article_id not in {article.id for article in issue.articles}:
        known = ", ".join(article.id for article in issue.articles)
        raise InputError(f"no article {article_id!r} in {issue.paper} {issue.date} (its articles: {known})")
    articles = [a for a in issue.articles if article_id in (None, a.id)]
    offline = _espeak_reading(settings) if reading else None
    for article in articles:
        speech = article_script(article, variant)
        click.echo(f"{article.id}  {speech.title}")
        readings = offline(speech) if offline else [None] * len(speech.sentences)
        for sentence, read in zip(speech.sentences, readings, strict=True):
            click.echo(f"  {sentence.id:>4} {sentence.kind:<9} {sentence.spoken}")
            if sentence.spoken != sentence.text:
                click.echo(f"  {'':>4} {'printed':<9} {sentence.text}")
            if read is not None:
                click.echo(f"  {'':>4} {'reads':<9} {read}")
        click.echo()


@main.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--variant", required=True, help="The edition: zh-Hant-TW, zh-Hant-HK, zh-Hant or zh-Hans.")
@click.option("--config", type=click.Path(path_type=Path), help="Settings file, for the desk's phrases and vocabulary.")
def convert(file: click.utils.LazyFile | None, variant: str, config: Path | None) -> None:
    """Print FILE's text (standard input without one) as an edition prints it, line for line: its
    characters, words, names and quotation marks, with the desk's phrases."""
    (variant,) = parse_variants(variant, "--variant")
    settings = replace(load_settings(config), variants=(variant,))
    text = (file or click.get_text_stream("stdin")).read()
    lines = text.splitlines()
    converter = Converters(settings).get(variant, "zh-Hans")
    for line in converter.convert_all(lines, names_in(lines)):
        click.echo(line)


@main.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--variant", default="zh-Hans", show_default=True, help="The edition whose voice reads the text.")
@click.option("--config", type=click.Path(path_type=Path), help="Settings file, for the desk's pronunciations.")
def reading(file: click.utils.LazyFile | None, variant: str, config: Path | None) -> None:
    """Print how the offline voice reads FILE (standard input without one): for each line, one
    tone-numbered pinyin syllable for each Chinese character (zhong4 le5 lv4), before numbers are
    put into words."""
    (variant,) = parse_variants(variant, "--variant")
    if variant == "zh-Hant-HK":
        raise InputError("--variant zh-Hant-HK: the Cantonese voice reads characters; it has no readings to print yet")
    lexicon = Lexicon.for_variant(variant, load_settings(config).pronunciation)
    for line in (file or click.get_text_stream("stdin")).read().splitlines():
        read = readings(line, lexicon, traditional=variant.startswith("zh-Hant"))
        click.echo(" ".join(syllable for syllable in read if syllable is not None))


def _espeak_reading(settings: Settings) -> Callable[[Script], list[str]]:
    from publisher.tts.espeak import DEFAULT_VOICES, EspeakSynthesizer

    engine = EspeakSynthesizer(lambda language: Lexicon.for_variant(language, settings.pronunciation))
    voices = DEFAULT_VOICES | settings.espeak_voices
    return lambda speech: engine.reading(speech, voices[speech.language])


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder (default: out/, or `out` in publisher.toml)."
)
@click.option("--config", type=click.Path(path_type=Path), help="Settings file (default: ./publisher.toml if present).")
@click.option("--variants", help="Editions to build, comma-separated (default: zh-Hans,zh-Hant-TW,zh-Hant-HK).")
@click.option(
    "--tts",
    help="Voices of the audio edition: auto (online if reachable, else offline), edge, espeak or none (default: auto).",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    help="If another build is publishing to the output folder, wait up to this many seconds for it "
    "(default: 0, stop at once with exit code 75).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Build this many issues at once, each in its own process.",
)
@click.option("--force", is_flag=True, help="Rebuild every issue, even those unchanged since the last build.")
@click.option("--quiet", "-q", "verbosity", flag_value=0, help="Print nothing but errors.")
@click.option(
    "--verbose", "-v", "verbosity", flag_value=2, help="Also list kept issues, each warning and each stage's time."
)
@_page_facts
def build(
    inputs: tuple[Path, ...],
    out: Path | None,
    config: Path | None,
    variants: str | None,
    tts: str | None,
    wait: float,
    jobs: int,
    force: bool,
    verbosity: int | None,
    paper: str | None,
    date_text: str | None,
    page_text: str | None,
    ocr: str | None,
) -> None:
    """Build every edition of the issues in INPUTS (files or folders; default seeds/) into the output folder.

    Issues unchanged since the last build into the same folder are kept as they are (see --force);
    out/report.json tells what was rebuilt, what was warned of and where the time went."""
    settings = load_settings(config)
    if variants is not None:
        settings = replace(settings, variants=parse_variants(variants))
    if tts is not None:
        settings = replace(settings, tts=parse_tts(tts))
    given = _given(settings, collect_page_files(inputs or settings.input), paper, date_text, page_text, ocr)
    with _stopped_by_sigterm():
        result = run_build(
            inputs or settings.input,
            out or settings.out,
            settings,
            narrator=lambda: make_narrator(settings, os.environ, progress_for(sys.stderr)),
            wait=wait,
            jobs=jobs,
            force=force,
            given=given,
        )
    # Published: a stop now would only cut the summary short, and its message would be wrong.
    with signals_ignored():
        _build_summary(result, 1 if verbosity is None else verbosity)


def _build_summary(result: BuildResult, verbosity: int) -> None:
    """What the desk reads after a build (and cron mails): the issues rebuilt, what to check, and
    how much was kept; --verbose adds the kept issues, each warning and the stages' times."""
    say = click.echo if verbosity else (lambda *args, **kwargs: None)
    if result.unchanged:
        say(f"nothing changed since the last build: {result.out}/ left as it was (--force rebuilds it)")
        return
    for outcome in result.outcomes:
        if outcome.status == "kept" and verbosity < 2:
            continue
        issue = outcome.issue
        warnings = len(issue.warnings)
        say(
            f"{issue.paper} {issue.date}{_numbers(issue)}: {len(issue.articles)} articles on "
            f"{len(issue.pages)} page(s), {warnings} warning{'s' * (warnings != 1)}, {len(issue.dropped)} lines set aside"
            + (" (kept)" if outcome.status == "kept" else "")
        )
        if verbosity >= 2:
            for warning in issue.warnings:
                say(f"  ! page {warning.page} {warning.kind}: {warning.message}")
    rebuilt = result.rebuilt
    for review in result.reviews:
        say(f"{review.line()} to check in {result.out}/{review.path}")
    if result.narrator is not None:
        say(_audio_summary(result.narrator))
    kept = len(result.outcomes) - len(rebuilt)
    say(
        f"{len(rebuilt)} issue{'s' * (len(rebuilt) != 1)} built"
        + (f", {kept} kept from the last build" if kept else "")
        + f"; {len(result.artifacts)} files in {result.out}/ (listed in {result.out}/manifest.json; "
        + f"what was done in {result.out}/{REPORT})"
    )
    if verbosity >= 2:
        say("seconds: " + ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in result.stages.items()))
    if result.partial:
        click.echo(
            f"publisher: partial build: {len(result.narrator.tally.failed)} recording(s) failed and were left out; "
            "the next build fills them in",
            err=True,
        )
        sys.exit(PARTIAL_BUILD)


@main.command()
@click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder (default: out/, or `out` in publisher.toml)."
)
@click.option("--config", type=click.Path(path_type=Path), help="Settings file (default: ./publisher.toml if present).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--quiet", is_flag=True, help="No access log (by default one line per request on stderr).")
def serve(out: Path | None, config: Path | None, port: int, host: str, quiet: bool) -> None:
    """Serve the output folder over HTTP for preview and small deployments, until Ctrl-C."""
    from publisher.serve import serve as run_server  # aiohttp is loaded only by this command

    settings = load_settings(config)  # read even with --out, so that a bad --config is still refused
    folder = out or settings.out
    run_server(
        folder,
        host,
        port,
        access_log=not quiet,
        ready=lambda url: click.echo(f"serving {folder}/ at {url} (Ctrl-C stops)"),
    )


def _audio_summary(narrator: Narrator) -> str:
    tally = narrator.tally
    engine = f"{narrator.engine.name} {narrator.engine.version}" + (f" ({narrator.note})" if narrator.note else "")
    lines = [f"audio: {engine}: {tally.synthesized} synthesized, {tally.cached} cached, {len(tally.failed)} failed"]
    lines += [
        f"  failed: {f.script.language} {f.issue} {f.script.id} {f.script.title}: {f.reason}" for f in tally.failed
    ]
    return "\n".join(lines)


def _numbers(issue: Issue) -> str:
    if issue.issue_number is None:
        return ""
    total = f"（总第{issue.total_issue_number}期）" if issue.total_issue_number else ""
    return f" 第{issue.issue_number}期{total}"


def summary(issue: Issue) -> str:
    """The readable form of `publisher parse`: the issue, each article, then what needs a look."""
    out = [f"{issue.paper} {issue.date}{_numbers(issue)} · {issue.page_count or '?'} pages · {issue.language}"]
    for article in issue.articles:
        headline = " / ".join(article.headline.parts())
        section = f"［{article.section}］ " if article.section else ""
        out.append(f"\n第{article.page}版  {article.id}  {section}{headline}")
        details = [f"reporters: {'、'.join(article.reporters) or '—'}", f"{len(article.paragraphs)} paragraphs"]
        if article.figures:
            details.append(f"{len(article.figures)} figure(s)")
        if article.continued_on:
            details.append(f"continues on page {article.continued_on}")
        if article.continued_from:
            details.append(f"continued from page {article.continued_from}")
        out.append("    " + " · ".join(details))
        out += [f"    ! {w.kind}: {w.message}" for w in issue.warnings if w.article == article.id]
    loose = [w for w in issue.warnings if w.article is None]
    if loose:
        out.append("\nwarnings:")
        out += [f"  ! page {w.page} {w.kind}: {w.message}" for w in loose]
    reasons = Counter(d.reason for d in issue.dropped)
    out.append("\nset aside: " + (", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())) or "nothing"))
    return "\n".join(out)
