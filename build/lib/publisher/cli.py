"""The `publisher` command: a thin layer over `publisher.build` and `publisher.ingest`.

Errors the desk can act on are one line on stderr and an exit code (README, "Exit codes").
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from publisher import __version__
from publisher.build import Converters, collect_page_files
from publisher.build import build as run_build
from publisher.config import load_settings, parse_variants
from publisher.emit.model_json import model_json
from publisher.errors import PublisherError
from publisher.ingest import parse_issue
from publisher.model import Issue
from publisher.transforms.variants import to_variant


class _Command(click.Group):
    """Turns a PublisherError into `publisher: error: …` and its exit code instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PublisherError as error:
            click.echo(f"publisher: error: {error}", err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("publisher: interrupted; nothing was published", err=True)
            sys.exit(130)
        except Exception as error:  # a bug: still one line for the desk, the traceback on request
            if os.environ.get("PUBLISHER_DEBUG"):
                raise
            click.echo(
                f"publisher: internal error: {type(error).__name__}: {error} "
                "(please report it; PUBLISHER_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(70)


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
def parse(files: tuple[Path, ...], as_json: bool, variant: str, config: Path | None) -> None:
    """Print the model of one issue; FILES are its pages, in any order."""
    (variant,) = parse_variants(variant)
    settings = load_settings(config)
    source = parse_issue(collect_page_files(files))
    issue = to_variant(source, Converters(replace(settings, variants=(variant,))).get(variant, source.language))
    click.echo(model_json(issue) if as_json else summary(issue), nl=not as_json)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder (default: out/, or `out` in publisher.toml)."
)
@click.option("--config", type=click.Path(path_type=Path), help="Settings file (default: ./publisher.toml if present).")
@click.option("--variants", help="Editions to build, comma-separated (default: zh-Hans,zh-Hant-TW,zh-Hant-HK).")
def build(inputs: tuple[Path, ...], out: Path | None, config: Path | None, variants: str | None) -> None:
    """Build every edition of the issues in INPUTS (files or folders; default seeds/) into the output folder."""
    settings = load_settings(config)
    if variants is not None:
        settings = replace(settings, variants=parse_variants(variants))
    result = run_build(inputs or settings.input, out or settings.out, settings)
    for issue in result.issues:
        warnings = len(issue.warnings)
        click.echo(
            f"{issue.paper} {issue.date}{_numbers(issue)}: {len(issue.articles)} articles on "
            f"{len(issue.pages)} page(s), {warnings} warning{'s' * (warnings != 1)}, {len(issue.dropped)} lines set aside"
        )
    for variant, path, lines in result.reviews:
        click.echo(f"{variant}: {lines} conversions to check in {result.out}/{path}")
    click.echo(f"wrote {len(result.artifacts)} files to {result.out}/ (listed in {result.out}/manifest.json)")


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
