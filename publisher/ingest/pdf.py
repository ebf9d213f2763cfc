"""A page PDF → its lines as a reader reads them, for the page reader.

What a layout system (Founder 飞腾, 华光) writes into a page PDF is its text frames in the order
they were made: an article's body before its headline, columns interleaved. The characters carry
what the stream order loses, where they stand and how large they are set: here they become lines
along their baselines (a space where the gap is wide, none inside a justified line), a line drawn
twice is kept once, and `publisher.ingest.layout` reads the lines into blocks in reading order.

PDFium (pypdfium2) gives each character's loose box: its height is the size the glyph is set at,
however the PDF scales it (the e-paper PDFs we measured report a font size of 1.0 for every
character and scale with the text matrix). PDFium has no layout analysis of its own; it is ours.
"""

from __future__ import annotations

import statistics

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from publisher.errors import InputError
from publisher.ingest.decode import DecodedPage
from publisher.ingest.layout import Box, ReadLine, read_lines
from publisher.ingest.photos import PlacedPhoto, page_photos

#: Characters closer than this share of their size are one word run; a wider gap is a space
#: (星期二 7 理论, 坚持问题导向 聚焦重点工作), a justified line's gaps are narrower.
_SPACE_GAP = 0.5
#: A character this far (in sizes) past the last one on its baseline starts a new line.
_LINE_GAP = 3.0
#: Two lines drawn at the same place to within this many points are one line drawn twice (a
#: headline's glyphs laid twice, for a bold or outlined effect).
_SAME_PLACE = 1.0


def pdf_page(data: bytes, source: str) -> DecodedPage:
    """The page PDF `data` as the page reader takes a page: a line a paragraph or a headline's part,
    a paragraph's opening set in as a text export sets it, each line with its type size."""
    lines, photos = pdf_page_lines(data, source)
    if not lines:
        raise InputError(f"{source}: the PDF page has no text layer to read")
    return DecodedPage(
        lines=tuple(f"\u3000\u3000{line.text}" if line.opens else line.text for line in lines),
        encoding="pdf",
        scales=tuple(line.scale for line in lines),
        photos=tuple(None if line.photo is None else photos[line.photo].photo for line in lines),
    )


def pdf_page_lines(data: bytes, source: str) -> tuple[list[ReadLine], list[PlacedPhoto]]:
    """The lines of the one page of the PDF `data` as a reader reads them (`layout.read_lines`),
    and its photos, which the lines of their captions point at."""
    document = _open(data, source)
    try:
        count = len(document)
        if count == 0:
            raise InputError(f"{source}: the PDF has no pages")
        if count > 1:
            raise InputError(f"{source}: the PDF holds {count} pages; give each page as a PDF of its own")
        page = document[0]
        lines = page_lines(page)
        photos = page_photos(page, lines)
        return read_lines(lines, photos), photos
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


def page_lines(page: pdfium.PdfPage) -> list[Box]:
    """The page's lines in the order the PDF draws them, each once."""
    textpage = page.get_textpage()
    try:
        lines: list[Box] = []
        by_text: dict[str, list[Box]] = {}  # a line drawn again is drawn with the same text
        for line in _lines(textpage):
            same = by_text.setdefault(line.text, [])
            if not any(_drawn_again(line, other) for other in same):
                same.append(line)
                lines.append(line)
        return lines
    finally:
        textpage.close()


def _lines(textpage: pdfium.PdfTextPage) -> list[Box]:
    """Characters into lines: a line goes on while each character follows the last on its baseline."""
    out: list[Box] = []
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


def _line(chars: list[tuple[str, tuple[float, float, float, float]]]) -> Box:
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
    return Box(
        text=text.strip(),
        left=min(b[0] for b in boxes),
        bottom=min(b[1] for b in boxes),
        right=max(b[2] for b in boxes),
        top=max(b[3] for b in boxes),
        size=statistics.median(sizes) if sizes else 0.0,
    )


def _drawn_again(line: Box, other: Box) -> bool:
    return all(
        abs(a - b) <= _SAME_PLACE
        for a, b in zip(
            (line.left, line.bottom, line.right, line.top),
            (other.left, other.bottom, other.right, other.top),
            strict=True,
        )
    )
