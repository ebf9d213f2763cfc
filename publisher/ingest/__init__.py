"""Page text or a page PDF → article model: the only code that reads what the desk exports.

`read_pages` decodes and parses a page file (a page PDF's lines read in reading order first, `pdf`);
`group_issues` sorts pages into issues by what their masthead or folio prints (paper and date), never by file name; `assemble_issue` makes the model.
"""

from __future__ import annotations

import os
from pathlib import Path

from publisher.errors import InputError
from publisher.ingest.decode import decode_page
from publisher.ingest.drafts import PageDraft
from publisher.ingest.issue import assemble_issue
from publisher.ingest.page import parse_page
from publisher.ingest.supplied import NOTHING_GIVEN, FileNames, Given, Reading, Supplied
from publisher.ingest.text import opencc_convert
from publisher.model import Issue

__all__ = [
    "MAX_PAGE_BYTES",
    "NOTHING_GIVEN",
    "FileNames",
    "Given",
    "PageDraft",
    "Reading",
    "Supplied",
    "assemble_issue",
    "group_issues",
    "load_page",
    "pages_from_bytes",
    "parse_issue",
    "read_pages",
]

#: The largest file read as a page. A page's text is 10–100 KB (the seed: 17 KB); 2 MB is a hundred
#: pages' worth and parses in about 4 s, where a 50 MB file would take two minutes and over a
#: gigabyte: a whole PDF's text, a log or a disk image, not a page.
MAX_PAGE_BYTES = 2 * 1024 * 1024
#: A page PDF holds its photos and fonts as well: a broadsheet page is 2–20 MB.
MAX_PDF_BYTES = 64 * 1024 * 1024


def read_pages(path: Path, given: Given = NOTHING_GIVEN) -> list[PageDraft]:
    return pages_from_bytes(load_page(path), path, given)


def pages_from_bytes(data: bytes, path: Path, given: Given = NOTHING_GIVEN, only: int | None = None) -> list[PageDraft]:
    """The pages `path` held when it was read as `data`: a page's text, or each page of a PDF (a
    page's, or a whole issue's) with its lines in reading order; with `only`, the PDF's page of that
    index alone."""
    name, source = _readable(path.name), _readable(str(path))
    if _is_pdf(path):
        # Imported here: PDFium takes longer to load than a text page to parse, and most desks
        # give text.
        from publisher.ingest.pdf import page_source, pdf_pages

        count, decoded = pdf_pages(data, source, given.reading, only)
        supplied = given.for_page(name)
        if count > 1 and supplied.page is not None:
            raise InputError(f"{source}: holds {count} pages, and one page ({supplied.page}) was given for it")
        indexes = range(count) if only is None else [only]
        return [
            parse_page(page, page_source(name, index, count), supplied)
            for index, page in zip(indexes, decoded, strict=True)
        ]
    return [parse_page(decode_page(data, source), name, given.for_page(name))]


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def load_page(path: Path) -> bytes:
    """A page file's bytes, or a one-line error for one that cannot be a page."""
    source = _readable(str(path))
    pdf = _is_pdf(path)
    limit = MAX_PDF_BYTES if pdf else MAX_PAGE_BYTES
    try:
        with path.open("rb") as file:
            # No further than the limit: /dev/zero, or a 50 GB file, is refused without filling memory.
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a page") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror})") from None
    if pdf and len(data) > limit:
        raise InputError(f"{source}: over {limit // 2**20} MB, too large to be one page's PDF")
    if len(data) > limit:
        raise InputError(
            f"{source}: over {MAX_PAGE_BYTES // 2**20} MB, too large to be the text of one page "
            "(a page's text is usually under 100 KB)"
        )
    return data


def _readable(name: str) -> str:
    """A file name as text, for the model and messages. 第1版.txt copied from a Windows share or an
    old zip keeps its GBK bytes, which Python holds as lone surrogates that no output can encode
    (the build stopped with an internal error): such a name is read as GB18030, or else with its
    undecodable bytes replaced."""
    raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def group_issues(pages: list[PageDraft]) -> list[list[PageDraft]]:
    """Pages grouped into issues by (paper, date); an inner page without the paper's name joins the
    issue of its date, when only one paper printed one that day."""
    issues: dict[tuple[str | None, object], list[PageDraft]] = {}
    for page in sorted(pages, key=lambda p: (p.paper is None, p.source)):
        date = page.date
        # The masthead's calligraphy may be Traditional (渝中報) where the folio prints 渝中报.
        paper = opencc_convert("t2s", page.paper) if page.paper else None
        if paper is None:
            papers = sorted({key[0] for key in issues if key[1] == date and key[0] is not None})
            if len(papers) > 1:
                raise InputError(
                    f"{page.source}: its folio names no paper and {', '.join(papers)} all printed an issue on {date}"
                )
            paper = papers[0] if papers else None
        issues.setdefault((paper, date), []).append(page)
    return [issues[key] for key in sorted(issues, key=lambda k: (str(k[1]), k[0] or ""))]


def parse_issue(paths: list[Path], given: Given = NOTHING_GIVEN) -> Issue:
    """The model of one issue from its page files, given in any order."""
    issues = group_issues([page for path in paths for page in read_pages(path, given)])
    if len(issues) > 1:
        found = "; ".join(f"{g[0].paper or '?'} {g[0].date}" for g in issues)
        raise InputError(f"these pages belong to {len(issues)} different issues ({found}); give the pages of one")
    return assemble_issue(issues[0], given.language)
