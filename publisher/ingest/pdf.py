"""A page PDF → the text of its lines in reading order, for the page reader.

What a layout system (Founder 飞腾, 华光) writes into a page PDF is its text frames in the order
they were made: an article's body before its headline, columns interleaved. The characters carry
what the stream order loses, where they stand and how large they are set, so the page is read
as a reader reads it: characters into lines, and the lines into regions cut apart by the white
space between them (the recursive XY-cut of document layout analysis: the widest gap first, across
the page or down it), each region top to bottom, regions in the order the cuts give: a headline
set across its columns before them, columns left to right. A blank line parts the regions, as it
parts an extractor's frames, so the text reader reflows each column's lines into paragraphs.

PDFium (pypdfium2) gives each character's loose box: its height is the size the glyph is set at,
however the PDF scales it (the e-paper PDFs we measured report a font size of 1.0 for every
character and scale with the text matrix). PDFium has no layout analysis of its own; the cuts are
ours. Not yet read here: type sizes as roles (which line is the headline), text set vertically,
photos, and OCR of pages whose fonts have no Unicode map.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from publisher.errors import InputError

#: Characters closer than this share of their size are one word run; a wider gap is a space
#: (星期二 7 理论, 坚持问题导向 聚焦重点工作), a justified line's gaps are narrower.
_SPACE_GAP = 0.5
#: A character this far (in sizes) past the last one on its baseline starts a new line.
_LINE_GAP = 3.0
#: White space at least this many body sizes wide (down the page) or high (across it) parts regions.
_GAP = 0.8
#: A line set in from its column's edge by this many of its characters opens a paragraph.
_INDENT = (1.5, 2.5)
#: Two lines drawn at the same place to within this many points are one line drawn twice (a
#: headline's glyphs laid twice, for a bold or outlined effect).
_SAME_PLACE = 1.0


@dataclass(frozen=True)
class PdfLine:
    """A line of a page as set: its text, its box in PDF points (origin at the bottom left) and size."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float


def pdf_page_text(data: bytes, source: str) -> str:
    """The text of the one page of the PDF `data`, its lines in reading order, regions parted by
    blank lines."""
    document = _open(data, source)
    try:
        count = len(document)
        if count == 0:
            raise InputError(f"{source}: the PDF has no pages")
        if count > 1:
            raise InputError(f"{source}: the PDF holds {count} pages; give each page as a PDF of its own")
        return _page_text(document[0])
    finally:
        document.close()


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    if not data.lstrip(b"\x00\t\n\r ").startswith(b"%PDF-"):
        raise InputError(f"{source}: not a PDF (it does not begin with %PDF-)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(f"{source}: the PDF is encrypted; export it again without a password") from None
        raise InputError(f"{source}: the PDF is damaged and cannot be read ({error})") from None


def _page_text(page: pdfium.PdfPage) -> str:
    lines = page_lines(page)
    regions = _regions(lines, _body_size(lines))
    return "\n\n".join("\n".join(_indented(region)) for region in regions) + "\n"


def _indented(region: list[PdfLine]) -> list[str]:
    """A region's lines as text, a paragraph's first line set in from the column's edge marked as a
    text export marks it (two ideographic spaces), so the text reader starts a paragraph there."""
    edge = min(line.left for line in region)
    out = []
    for line in region:
        inset = (line.left - edge) / line.size if line.size else 0.0
        out.append(f"\u3000\u3000{line.text}" if _INDENT[0] <= inset <= _INDENT[1] else line.text)
    return out


def page_lines(page: pdfium.PdfPage) -> list[PdfLine]:
    """The page's lines in the order the PDF draws them, each once."""
    textpage = page.get_textpage()
    try:
        lines: list[PdfLine] = []
        by_text: dict[str, list[PdfLine]] = {}  # a line drawn again is drawn with the same text
        for line in _lines(textpage):
            same = by_text.setdefault(line.text, [])
            if not any(_drawn_again(line, other) for other in same):
                same.append(line)
                lines.append(line)
        return lines
    finally:
        textpage.close()


def _lines(textpage: pdfium.PdfTextPage) -> list[PdfLine]:
    """Characters into lines: a line goes on while each character follows the last on its baseline."""
    out: list[PdfLine] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
            # \r\n PDFium puts between the lines it sees, and the spaces it guesses: ours are measured.
            continue
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        box = textpage.get_charbox(index, loose=True)
        if chars and not _continues(chars[-1][1], box):
            out.append(_line(chars))
            chars = []
        if not char.isspace() or chars:
            chars.append((char, box))
    if chars:
        out.append(_line(chars))
    return [line for line in out if line.text]


def _continues(last: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    size = max(min(last[3] - last[1], box[3] - box[1]), 1e-6)
    middle_last, middle = (last[1] + last[3]) / 2, (box[1] + box[3]) / 2
    return abs(middle - middle_last) < size / 2 and -size < box[0] - last[2] < _LINE_GAP * size


def _line(chars: list[tuple[str, tuple[float, float, float, float]]]) -> PdfLine:
    text = ""
    for position, (char, box) in enumerate(chars):
        if position:
            before = chars[position - 1][1]
            size = min(before[3] - before[1], box[3] - box[1])
            if box[0] - before[2] > _SPACE_GAP * size and not text.endswith(" ") and not char.isspace():
                text += " "
        text += char
    boxes = [box for _, box in chars]
    sizes = [box[3] - box[1] for char, box in chars if not char.isspace()]
    return PdfLine(
        text=text.strip(),
        left=min(b[0] for b in boxes),
        bottom=min(b[1] for b in boxes),
        right=max(b[2] for b in boxes),
        top=max(b[3] for b in boxes),
        size=statistics.median(sizes) if sizes else 0.0,
    )


def _drawn_again(line: PdfLine, other: PdfLine) -> bool:
    return all(
        abs(a - b) <= _SAME_PLACE
        for a, b in zip(
            (line.left, line.bottom, line.right, line.top),
            (other.left, other.bottom, other.right, other.top),
            strict=True,
        )
    )


def _body_size(lines: list[PdfLine]) -> float:
    """The size most of the page's characters are set at: the text's, which the gaps are measured in."""
    weighted = sorted((line.size, len(line.text)) for line in lines if line.size > 0)
    if not weighted:
        return 10.0
    half, running = sum(n for _, n in weighted) / 2, 0
    for size, n in weighted:
        running += n
        if running >= half:
            return size
    return weighted[-1][0]


def _regions(lines: list[PdfLine], body: float) -> list[list[PdfLine]]:
    """The page cut at its widest white space, across (a band between a headline and its columns) or
    down (a gutter between columns), again within each part, until no gap is wide enough: each
    region's lines top to bottom, the regions in reading order."""
    if len(lines) < 2:
        return [lines] if lines else []
    band_at, band = _widest_gap([(-line.top, -line.bottom) for line in lines])
    gutter_at, gutter = _widest_gap([(line.left, line.right) for line in lines])
    if band >= _GAP * body and band >= gutter:
        parts = [line for line in lines if -line.bottom < band_at], [line for line in lines if -line.bottom > band_at]
    elif gutter >= _GAP * body:
        parts = [line for line in lines if line.right < gutter_at], [line for line in lines if line.right > gutter_at]
    else:
        return [sorted(lines, key=lambda line: (-line.top, line.left))]
    return [region for part in parts for region in _regions(part, body)]


def _widest_gap(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """Where the widest gap between the projected spans ends, and how wide it is (0 for none)."""
    ordered = sorted(spans)
    at, widest = 0.0, 0.0
    reach = ordered[0][1]
    for start, end in ordered[1:]:
        if start - reach > widest:
            at, widest = start, start - reach
        reach = max(reach, end)
    return at, widest
