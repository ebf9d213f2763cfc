"""Page PDFs whose text layer cannot be read, read by OCR (RapidOCR's models, shipped in its wheel):
a scan with no text at all, and a page whose fonts have no Unicode map. The machine-read page goes
through the same layout reader, and every article of it is flagged for an editor to check."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest
from test_cli import publisher
from test_pdf_pages import FOLIO, HEADLINE, LEAD, MORE, SECOND
from typeset import Story, scanned, typeset_story

from publisher.build import build
from publisher.config import PaperSettings, Settings
from publisher.ingest import Given, Reading, Supplied, parse_issue
from publisher.ingest.text import compact

STORY = Story(HEADLINE, [LEAD, SECOND, *MORE[:3]], kicker="我市推进便民出行工程", subtitle="年底前全部投用")
PAPER = Given(Supplied(paper="江城晚报"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    (folder / "A03.pdf").write_bytes(scanned(typeset_story(FOLIO, STORY, columns=3), unmapped_layer=True))
    return folder


def likeness(read: str, printed: str) -> float:
    return SequenceMatcher(None, compact(read), compact(printed)).ratio()


@pytest.mark.parametrize("unmapped_layer", [False, True], ids=["a scan", "fonts without a Unicode map"])
def test_a_page_without_a_readable_text_layer_is_read_by_ocr(tmp_path: Path, unmapped_layer: bool) -> None:
    path = tmp_path / "A03.pdf"
    path.write_bytes(scanned(typeset_story(FOLIO, STORY, columns=3), unmapped_layer=unmapped_layer))
    issue = parse_issue([path], PAPER)
    (article,) = issue.articles
    # The headline group by its sizes, as from a text layer; the text as OCR reads it, nearly all right.
    assert (article.headline.kicker, article.headline.title, article.headline.subtitle) == (
        STORY.kicker,
        STORY.title,
        STORY.subtitle,
    )
    assert article.reporters == ("李一",) and str(issue.date) == "2024-05-07" and issue.pages[0].label == "A03"
    assert len(article.paragraphs) == len(STORY.paragraphs)
    assert all(
        likeness(read, printed) > 0.9 for read, printed in zip(article.paragraphs, STORY.paragraphs, strict=True)
    )
    assert issue.pages[0].encoding == "ocr"
    flagged = {w.article for w in issue.warnings if w.kind == "ocr"}
    assert flagged == {article.id}


def test_ocr_always_reads_even_a_good_text_layer_off_the_page(tmp_path: Path) -> None:
    path = tmp_path / "A03.pdf"
    path.write_bytes(typeset_story(FOLIO, STORY, columns=3))
    issue = parse_issue([path], Given(Supplied(paper="江城晚报"), reading=Reading(ocr="always")))
    assert issue.pages[0].encoding == "ocr" and issue.articles[0].headline.title == HEADLINE
    assert parse_issue([path], PAPER).pages[0].encoding == "pdf"  # auto: the text layer, where it reads


def test_the_build_lists_the_machine_read_articles_for_review(pages: Path, tmp_path: Path) -> None:
    result = build([pages], tmp_path / "out", Settings(paper=PaperSettings(name="江城晚报"), variants=("zh-Hans",)))
    (review,) = [r for r in result.reviews if r.path.endswith(".ocr.txt")]
    assert review.line() == "1 articles read by OCR" and review.count == 1
    text = (tmp_path / "out" / review.path).read_text().splitlines()
    assert text[0].startswith("# 江城晚报 2024-05-07: read by OCR") and text[1] == "page A03 · A03.pdf"
    assert text[2].endswith(f"page A03 · {STORY.kicker}：{HEADLINE}") and len(text) == 3


def test_the_command_line_chooses_when_to_read_by_ocr(pages: Path) -> None:
    page = pages / "A03.pdf"
    never = publisher("parse", "--paper", "江城晚报", "--ocr", "never", page)
    assert never.returncode == 1 and never.stderr.count("\n") == 1
    assert "a text layer whose fonts have no Unicode map; read it with --ocr auto" in never.stderr
    auto = publisher("parse", "--paper", "江城晚报", page)
    assert auto.returncode == 0 and HEADLINE in auto.stdout and "ocr" in auto.stdout
    wrong = publisher("parse", "--paper", "江城晚报", "--ocr", "sometimes", page)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
