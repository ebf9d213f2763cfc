"""How the parser reads real pages: `python bench/real_pages.py` (after `make bench`).

Two measures, on the team's corpus (`../shared/corpus`, never part of the project):
- the real 人民日报 page PDFs, their text as pdfminer.six writes it and the PDF read by publisher
  itself: whether each parses with only the paper's name given, and what share of its Chinese
  characters the model keeps;
- the 72 articles of 人民日报 2019-02-01 as a crawler saved them (headlines and text apart), set
  as each of their pages would come out of PyMuPDF and of pdfminer.six, bodies before their
  headlines and over them: the share of headlines found (recall), the share of articles found
  that have a real headline (precision), and the share of articles found whose first and last
  sentences are in them (its text and its photos' captions and credits). Notices, adverts and
  tables are not counted, on either side: the crawler's pages of advertisements (titled 广告) are
  no articles, and the page's credits it saved under an article (制图：…) are no sentences of it.
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from extracted_page import letter_spaced, wrapped

from publisher.errors import InputError
from publisher.ingest import lines as patterns
from publisher.ingest import parse_issue
from publisher.ingest.supplied import Given, Reading, Supplied
from publisher.ingest.text import compact
from publisher.model import Issue

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CRAWLED = CORPUS / "structured" / "renminribao_txt_caspiankexin" / "20190201"
PAPER = Given(Supplied(paper="人民日报"))
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_NOT_ARTICLES = ("notice", "advert", "table")
# 制图：蔡华伟 / 本版制图：蔡华伟 / 版式设计：蔡华伟: the page's credits, which the crawler saved as the
# last line of the article over them; no sentence of it.
_PAGE_CREDIT = re.compile(r"(本版)?(制图|版式设计|美术设计|美编)[:：]\s*\S.{0,20}")


def chinese(text: str) -> int:
    return len(_CHINESE.findall(text))


def model_text(issue: Issue) -> str:
    parts = []
    for article in issue.articles:
        parts += [article.section or "", *article.headline.parts(), article.byline or "", *article.paragraphs]
        parts += [figure.caption + (figure.credit or "") for figure in article.figures]
    return "".join(parts)


def pdf_pages(folder: Path) -> list[tuple[str, str]]:
    from pdfminer.high_level import extract_text

    rows = []
    for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
        path = folder / f"{pdf.stem}.txt"
        path.write_text(extract_text(pdf), encoding="utf-8")
        try:
            issue = parse_issue([path], PAPER)
        except InputError as error:
            rows.append((pdf.stem, f"refused: {error}"))
            continue
        kept = chinese(model_text(issue)) / chinese(path.read_text(encoding="utf-8"))
        rows.append(
            (
                f"{pdf.stem}, as pdfminer.six writes it",
                f"{len(issue.articles)} articles, {kept:.1%} of its Chinese characters kept",
            )
        )
        # The same page read from its PDF by publisher itself (PDFium's characters, in reading order).
        start = time.perf_counter()
        issue = parse_issue([pdf], PAPER)
        seconds = time.perf_counter() - start
        kept = chinese(model_text(issue)) / chinese(path.read_text(encoding="utf-8"))
        rows.append(
            (
                f"{pdf.stem}, its PDF read by publisher",
                f"{len(issue.articles)} articles, {kept:.1%} of the characters pdfminer.six finds kept, "
                f"{seconds * 1000:.0f} ms",
            )
        )
    return rows


def pdf_speed() -> str:
    """The median time to read a page PDF and the peak memory of doing it, in a process of its own
    (pdfminer.six, which the rows above also run, would otherwise count in the peak)."""
    result = subprocess.run(
        [sys.executable, __file__, "--pdf-speed"], capture_output=True, text=True, check=True, cwd=Path(__file__).parent
    )
    return result.stdout.strip()


def _measure_pdf_speed() -> None:
    pdfs = sorted((CORPUS / "pdf").glob("*.pdf"))
    parse_issue(pdfs[:1], PAPER)  # PDFium loaded and warmed once, as in a build of many pages
    seconds = []
    for pdf in pdfs:
        start = time.perf_counter()
        parse_issue([pdf], PAPER)
        seconds.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(pdfs)} page PDFs: median {statistics.median(seconds) * 1000:.0f} ms a page, "
        f"slowest {max(seconds) * 1000:.0f} ms, peak memory {peak:.0f} MB"
    )


def ocr_speed() -> str:
    """The real page PDFs read by OCR as if their fonts had no Unicode map (--ocr always), in a
    process of its own: time a page, peak memory, and the headlines found against the text layer's."""
    result = subprocess.run(
        [sys.executable, __file__, "--ocr-speed"], capture_output=True, text=True, check=True, cwd=Path(__file__).parent
    )
    return result.stdout.strip()


def _measure_ocr_speed() -> None:
    machine_read = Given(PAPER.supplied, reading=Reading(ocr="always"))
    seconds, truths, found, matched = [], 0, 0, 0
    for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
        printed = [article.headline.title for article in parse_issue([pdf], PAPER).articles]
        start = time.perf_counter()
        read = [article.headline.title for article in parse_issue([pdf], machine_read).articles]
        seconds.append(time.perf_counter() - start)
        truths, found = truths + len(printed), found + len(read)
        matched += sum(any(SequenceMatcher(None, title, other).ratio() >= 0.8 for other in read) for title in printed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(seconds)} page PDFs read by OCR: median {statistics.median(seconds):.1f} s a page, "
        f"slowest {max(seconds):.1f} s, peak memory {peak:.0f} MB; headline recall {matched / truths:.2f}, "
        f"precision {matched / max(found, 1):.2f} against the text layer's"
    )


def crawled_pages() -> dict[int, list[dict]]:
    pages: dict[int, list[dict]] = defaultdict(list)
    for path in sorted(CRAWLED.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").replace("\r", "").split("\n")
        kicker, title, subtitle = [*lines, "", "", ""][:3]
        body = [line.strip("\u3000 ") for line in lines[3:] if line.strip("\u3000 ")]
        headline = [part.strip() for part in (kicker, title, subtitle) if part.strip()]
        pages[int(path.stem.split("-")[1])].append({"headline": headline, "title": title.strip(), "body": body})
    return pages


def page_text(articles: list[dict], number: int, pdfminer: bool, backward: bool) -> str:
    lines: list[str] = []

    def frame(text_lines: list[str]) -> None:
        lines.extend(text_lines)
        if pdfminer:
            lines.append("")

    for article in articles:
        if not backward:
            frame(article["headline"])
        for paragraph in article["body"]:
            column = wrapped(paragraph)
            lines.extend(
                letter_spaced(line) if pdfminer and n < len(column) - 1 else line for n, line in enumerate(column)
            )
        if pdfminer:
            lines.append("")
        if backward:
            frame(article["headline"])
    frame(["2019年2月1日 星期五", f"{number:02d}", "要闻"])
    return "\n".join(lines) + "\n"


def first_and_last(body: list[str]) -> tuple[str, str]:
    body = [line for line in body if not _PAGE_CREDIT.fullmatch(line)]
    sentences = [compact(s) for s in re.split(r"(?<=[。！？])", "".join(body)) if compact(s)]
    return (sentences[0], sentences[-1]) if sentences else ("", "")


def composed(folder: Path, pdfminer: bool, backward: bool) -> str:
    truths = found = matched = whole = 0
    for number, articles in sorted(crawled_pages().items()):
        path = folder / f"page-{number:02d}.txt"
        path.write_text(page_text(articles, number, pdfminer, backward), encoding="utf-8")
        issue = parse_issue([path], PAPER)
        titles = [compact(article["title"]) for article in articles]
        titles = [title if not patterns.AD_HEADER.fullmatch(title) else "" for title in titles]
        truths += sum(map(bool, titles))
        taken: set[int] = set()
        for article in (a for a in issue.articles if a.kind not in _NOT_ARTICLES):
            found += 1
            parts = compact("".join(article.headline.parts()))
            hit = next((i for i, t in enumerate(titles) if i not in taken and len(t) >= 2 and t in parts), None)
            if hit is None:
                continue
            taken.add(hit)
            matched += 1
            first, last = first_and_last(articles[hit]["body"])
            # An article's photos are in it: its last sentence may be a caption's credit (新华社记者方喆摄).
            figures = [part for figure in article.figures for part in (figure.caption, figure.credit or "")]
            text = compact("".join([*article.paragraphs, *figures]))
            whole += first in text and last in text
    return (
        f"recall {matched / truths:.2f}, precision {matched / max(found, 1):.2f}, "
        f"first and last sentence inside {whole / max(matched, 1):.2f}"
    )


def main() -> None:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: the real pages are the team's, not part of the project")
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for page, result in pdf_pages(folder):
            print(f"| {page} | {result} |")
        print(f"| reading the page PDFs alone | {pdf_speed()} |")
        print(f"| the page PDFs read by OCR, as if their fonts had no Unicode map | {ocr_speed()} |")
        for pdfminer, extractor in ((False, "PyMuPDF"), (True, "pdfminer.six")):
            for backward in (True, False):
                order = "bodies before their headlines" if backward else "headlines over their bodies"
                print(
                    f"| 人民日报 2019-02-01, 20 pages as {extractor} writes them, {order} | {composed(folder, pdfminer, backward)} |"
                )


if __name__ == "__main__":
    if sys.argv[1:] == ["--pdf-speed"]:
        _measure_pdf_speed()
    elif sys.argv[1:] == ["--ocr-speed"]:
        _measure_ocr_speed()
    else:
        main()
