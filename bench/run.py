"""The benchmark: `make bench` (or `python bench/run.py`) prints the README's table.

Every figure is measured in one run on one machine, and each is the best of several repeats, as
the machines this runs on are shared and noisy; read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import archive_builds
from extracted_page import stock_page

from publisher.config import Settings
from publisher.emit import BuildContext
from publisher.emit.cover import _cover_image, _cover_png
from publisher.emit.epub import EpubEmitter
from publisher.incremental import ModelCache
from publisher.ingest import parse_issue
from publisher.ingest.decode import decode_page
from publisher.ingest.drafts import _reads_as_headline, is_byline, is_credit
from publisher.ingest.issue import assemble_issue
from publisher.ingest.likeness import pairs
from publisher.ingest.page import parse_page
from publisher.ingest.supplied import Given, Supplied
from publisher.ingest.text import _is_lone, opencc_convert
from publisher.model import Issue
from publisher.output import OutputWriter
from publisher.transforms.variants import Converter, Phrases, to_variant

ROOT = Path(__file__).resolve().parent.parent
PLOT = ROOT / "docs" / "bench-archive.png"
SEED = ROOT / "seeds" / "000_ae6f61447251d189.txt"
PAGES = ROOT / "tests" / "fixtures" / "pages"
INNER = ROOT / "tests" / "fixtures" / "inner-pages"
OTHER = ROOT / "tests" / "fixtures" / "other-papers"
REPEATS = 7


def best_of(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """The fastest of `repeats` runs, in seconds: the one least disturbed by other work."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def characters(issue: Issue) -> int:
    return sum(len(p) for a in issue.articles for p in (*a.headline.parts(), *a.paragraphs))


def large_issue(seed: Issue, copies: int) -> Issue:
    """The seed's articles `copies` times over, with distinct ids: an issue of a big paper's size."""
    articles = tuple(replace(a, id=f"{a.id}-{n}") for n in range(copies) for a in seed.articles)
    return replace(seed, articles=articles)


def cover_cache_clear() -> None:
    _cover_png.cache_clear()
    _cover_image.cache_clear()


def epub_against_pandoc(seed: Issue) -> list[tuple[str, str]]:
    """Our EPUB of the seed issue beside pandoc's EPUB of the same articles (Markdown in, same machine)."""
    with tempfile.TemporaryDirectory() as folder:
        context = BuildContext(settings=Settings(), writer=OutputWriter(Path(folder)))

        def render() -> None:
            # The cover is drawn once per edition and kept for the catalogue: drawn afresh here.
            cover_cache_clear()
            EpubEmitter().render(seed, context)

        ours = best_of(render)
        if shutil.which("pandoc") is None:
            return [
                ("EPUB of the seed issue", f"{ours * 1000:.0f} ms (pandoc not installed: `make bench` installs it)")
            ]
        markdown = Path(folder) / "issue.md"
        markdown.write_text(
            "\n\n".join(f"# {a.headline.one_line()}\n\n" + "\n\n".join(a.paragraphs) for a in seed.articles),
            encoding="utf-8",
        )
        command = [
            "pandoc",
            str(markdown),
            "-o",
            str(Path(folder) / "pandoc.epub"),
            "--metadata",
            f"title={seed.paper}",
        ]
        theirs = best_of(lambda: subprocess.run(command, check=True))
        version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return [
        ("EPUB of the seed issue (cover, title page, nav, NCX, 6 articles)", f"{ours * 1000:.0f} ms"),
        (f"{version}: EPUB of the same articles", f"{theirs * 1000:.0f} ms ({theirs / ours:.1f}× ours)"),
    ]


def audio_edition() -> list[tuple[str, str]]:
    """The offline engine's real-time factor (seconds of work per second of speech), then a cold
    build of the seed's three audio editions beside the rebuild that finds every recording cached."""
    from publisher.build import build
    from publisher.transforms.speech import article_script
    from publisher.tts.audio import publishable_mp3
    from publisher.tts.engines import make_narrator
    from publisher.tts.espeak import DEFAULT_VOICES, EspeakSynthesizer
    from publisher.tts.lexicon import Lexicon

    rows = []
    seed = parse_issue([SEED])
    engine = EspeakSynthesizer(Lexicon.for_variant)
    for variant, language in (("zh-Hans", "Mandarin"), ("zh-Hant-HK", "Cantonese")):
        converter = Converter(variant, Phrases.for_variant(variant)) if variant != "zh-Hans" else None
        edition = to_variant(seed, converter) if converter else seed
        scripts = [article_script(article, variant) for article in edition.articles]
        voice = DEFAULT_VOICES[variant]
        clips = [asyncio.run(engine.synthesize(script, voice)) for script in scripts]
        speech = sum(clip.duration for clip in clips)
        synthesis = best_of(lambda: [asyncio.run(engine.synthesize(s, voice)) for s in scripts], 3)  # noqa: B023
        finishing = best_of(lambda: [publishable_mp3(clip.pcm) for clip in clips], 3)  # noqa: B023
        rows.append(
            (
                f"offline engine, {language} ({variant}): the seed's {len(scripts)} articles, {speech / 60:.1f} min of speech",
                f"real-time factor {synthesis / speech:.4f} to synthesize, {(synthesis + finishing) / speech:.3f} "
                f"with loudness and MP3 ({speech / (synthesis + finishing):.0f}× faster than real time)",
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(tts="espeak", audio_cache=Path(folder) / "cache")
        models = ModelCache(Path(folder) / "models")
        start = time.perf_counter()
        build([SEED], Path(folder) / "out", settings, narrator=lambda: make_narrator(settings, {}), models=models)
        cold = time.perf_counter() - start
        cached = best_of(
            lambda: build(
                [SEED],
                Path(folder) / "out",
                settings,
                narrator=lambda: make_narrator(settings, {}),
                models=models,
                force=True,
            ),
            3,
        )
    rows.append(("build of the seed with its 3 audio editions, nothing cached", f"{cold:.1f} s"))
    rows.append(
        ("the same build again (--force), every recording cached", f"{cached:.1f} s ({cold / cached:.0f}× faster)")
    )
    return rows


def page_seconds(data: bytes, name: str, paper: str) -> float:
    """Parsing a page once, its lines' readings not yet cached from a repeat."""
    supplied = Supplied(paper=paper)

    def parse_cold() -> None:
        for cached in (_reads_as_headline, is_byline, is_credit, _is_lone, pairs):
            cached.cache_clear()
        parse_page(decode_page(data, name), name, supplied)

    return best_of(parse_cold)


def inner_pages() -> list[tuple[str, str]]:
    """Each inner page of the test fixtures, and a large page as the stock extractors write it: the
    stories of the seed, its page 2, the next issue and two other papers' front pages (about 10,000
    characters of text), bodies before their headlines in column-width lines."""
    pages = sorted(INNER.glob("*.txt"))
    papers = {case: expected["paper"] for case, expected in json.loads((INNER / "expected.json").read_text()).items()}
    times = sorted(page_seconds(path.read_bytes(), path.name, papers[path.stem]) for path in pages)
    sizes = [len(path.read_text(encoding="utf-8")) for path in pages]
    rows = [
        (
            f"parse an inner page of the fixtures ({len(pages)} pages, {min(sizes)}–{max(sizes)} characters)",
            f"median {statistics.median(times) * 1000:.1f} ms, slowest {times[-1] * 1000:.1f} ms",
        )
    ]
    sources = [SEED, PAGES / "yuzhong-2024-03-06-p2.txt", PAGES / "yuzhong-2024-03-08-p1.txt"]
    sources += [OTHER / "01_jiangzhou_daily.txt", OTHER / "03_binjiang_district.txt"]
    # Each source parsed as its own paper's: the front pages print theirs, the inner page prints none.
    given = Given(Supplied(paper="渝中報"))
    articles = [
        a
        for path in sources
        for a in parse_issue([path], given if path.parent == PAGES else Given()).articles
        if a.paragraphs and not a.continued_from
    ]
    folio = ["2024年3月6日 星期三", "5", "综合新闻", "责编：王五 美编：李四 校对：张三"]
    for pdfminer, extractor in ((False, "PyMuPDF"), (True, "pdfminer.six")):
        text = stock_page(articles, folio, pdfminer)
        seconds = page_seconds(text.encode("utf-8"), "large.txt", "渝中報")
        rows.append(
            (
                f"parse a {len(text):,}-character inner page as {extractor} writes it ({len(articles)} articles, "
                "headlines after their bodies)",
                f"{seconds * 1000:.1f} ms",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1,10,100,1000",
        help="archive sizes to build, in issues (default: 1,10,100,1000)",
    )
    parser.add_argument(
        "--plot", type=Path, default=PLOT, help=f"where the plot goes (default: {PLOT.relative_to(ROOT)})"
    )
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    data = SEED.read_bytes()
    seed = parse_issue([SEED])
    rows: list[tuple[str, str]] = []

    parse_seconds = best_of(lambda: assemble_issue([parse_page(decode_page(data, SEED.name), SEED.name)]))
    rows.append(("parse the seed page (17 KB, 6 articles)", f"{parse_seconds * 1000:.1f} ms"))
    rows.append(("parse throughput", f"{len(data.decode('utf-8')) / parse_seconds / 1e6:.2f} M characters/s"))
    rows += inner_pages()

    big = large_issue(seed, 50)
    text = "\n".join(p for a in big.articles for p in (*a.headline.parts(), *a.paragraphs))
    for variant in ("zh-Hant-TW", "zh-Hant-HK"):
        converter = Converter(variant, Phrases.for_variant(variant))
        seconds = best_of(lambda converter=converter: to_variant(big, converter))
        opencc_seconds = best_of(
            lambda variant=variant: opencc_convert("s2twp" if variant == "zh-Hant-TW" else "s2hk", text)
        )
        rate = characters(big) / seconds
        rows.append(
            (
                f"variant transform, {variant} ({characters(big):,} characters)",
                f"{rate / 1e6:.2f} M characters/s ({opencc_seconds / seconds:.0%} of OpenCC's own speed on the same text)",
            )
        )

    rows += epub_against_pandoc(seed)
    rows += audio_edition()
    archives = [archive_builds.measure(size) for size in sizes]
    rows += archive_builds.rows(archives)
    alone = archive_builds.one_process(max(sizes))
    rows.append(
        (
            f"full text build, {max(sizes):,} issues, --jobs 1",
            f"{alone.seconds:.1f} s wall, {alone.cpu_seconds:.1f} s CPU, peak {alone.peak_mb:.0f} MB",
        )
    )
    archive_builds.plot(archives, arguments.plot)

    print("| measure | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
