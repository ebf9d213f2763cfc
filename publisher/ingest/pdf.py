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

import hashlib
import re
import statistics

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from publisher.errors import InputError
from publisher.ingest.decode import MACHINE_READ, DecodedPage
from publisher.ingest.layout import Box, ReadLine, read_lines
from publisher.ingest.photos import PlacedPhoto, page_photos
from publisher.ingest.supplied import DEFAULT_READING, Reading
from publisher.ingest.text import CJK_RANGES

#: Characters closer than this share of their size are one word run; a wider gap is a space
#: (星期二 7 理论, 坚持问题导向 聚焦重点工作), a justified line's gaps are narrower.
_SPACE_GAP = 0.5
#: A character this far (in sizes) past the last one on its baseline starts a new line.
_LINE_GAP = 3.0
#: A text layer with fewer visible characters than this, or with a smaller share of them Chinese,
#: cannot be read (a Chinese page is mostly Chinese; a page of garbage codes is not).
_LEAST_TEXT = 20
_CJK_SHARE = 0.3
_CJK = re.compile(f"[{CJK_RANGES}]")
#: Pages read by OCR in this process (`machine_read_lines`): some 250 bytes a line.
_MACHINE_READ: dict[tuple[str, int], tuple[Box, ...]] = {}
_MACHINE_READ_KEPT = 256
#: Two lines drawn at the same place to within this many points are one line drawn twice (a
#: headline's glyphs laid twice, for a bold or outlined effect).
_SAME_PLACE = 1.0


def pdf_pages(
    data: bytes, source: str, reading: Reading = DEFAULT_READING, only: int | None = None
) -> tuple[int, list[DecodedPage]]:
    """How many pages the PDF `data` holds (a page, or a whole issue: each PDF page a page), and
    each as the page reader takes a page: a line a paragraph or a headline's part, a paragraph's
    opening set in as a text export sets it, each line with its type size and the photo it
    captions. With `only`, the page of that index alone."""
    document = _open(data, source)
    try:
        count = len(document)
        if count == 0:
            raise InputError(f"{source}: the PDF has no pages")
        if count > reading.max_pdf_pages:
            raise InputError(
                f"{source}: the PDF holds {count} pages, more than the {reading.max_pdf_pages} an issue may have "
                "(max_pdf_pages in publisher.toml)"
            )
        wanted = range(count) if only is None else [only]
        digest = hashlib.sha256(data).hexdigest()
        return count, [
            _decoded(document[index], page_source(source, index, count), reading, (digest, index)) for index in wanted
        ]
    finally:
        document.close()


def page_source(source: str, index: int, count: int) -> str:
    """The name a page of the PDF `source` goes by: the file's, or for a whole issue's PDF, with the
    page's place in it (issue.pdf:3)."""
    return source if count == 1 else f"{source}:{index + 1}"


def pdf_page_lines(
    data: bytes, source: str, reading: Reading = DEFAULT_READING
) -> tuple[list[ReadLine], list[PlacedPhoto]]:
    """The lines of the first page of the PDF `data` as a reader reads them (`layout.read_lines`),
    and its photos, which the lines of their captions point at."""
    document = _open(data, source)
    try:
        lines, photos, _ = _read(document[0], source, reading, (hashlib.sha256(data).hexdigest(), 0))
        return lines, photos
    finally:
        document.close()


def _decoded(page: pdfium.PdfPage, source: str, reading: Reading, key: tuple[str, int]) -> DecodedPage:
    lines, photos, machine_read = _read(page, source, reading, key)
    notes = (MACHINE_READ,) if machine_read else ()
    return DecodedPage(
        lines=tuple(f"\u3000\u3000{line.text}" if line.opens else line.text for line in lines),
        encoding="ocr" if machine_read else "pdf",
        notes=notes,
        layout=tuple(lines),
        photos=tuple(placed.photo for placed in photos),
        machine_read=machine_read,
    )


def _read(
    page: pdfium.PdfPage, source: str, reading: Reading, key: tuple[str, int]
) -> tuple[list[ReadLine], list[PlacedPhoto], bool]:
    """The page's lines from its text layer, or read off the page by OCR where the text layer cannot
    be read (or `reading.ocr` is "always"); and whether OCR read them."""
    lines = page_lines(page)
    readable = _readable(lines)
    machine_read = reading.ocr == "always" or (reading.ocr == "auto" and not readable)
    if machine_read:
        lines = machine_read_lines(page, key)
        if not lines:
            raise InputError(f"{source}: neither a text layer that can be read nor any text OCR can find on the page")
    elif not readable:
        what = "no text layer (a scan?)" if not lines else "a text layer whose fonts have no Unicode map"
        raise InputError(f"{source}: the PDF page has {what}; read it with --ocr auto")
    photos = page_photos(page, lines)
    return read_lines(lines, photos), photos, machine_read


def _readable(lines: list[Box]) -> bool:
    """Whether the text layer is Chinese text: fonts without a Unicode map give ASCII punctuation,
    private-use codes or nothing at all."""
    text = "".join(line.text for line in lines)
    visible = len(text) - sum(map(str.isspace, text))
    return visible >= _LEAST_TEXT and len(_CJK.findall(text)) >= _CJK_SHARE * visible


def machine_read_lines(page: pdfium.PdfPage, key: tuple[str, int]) -> list[Box]:
    """The page read by OCR, remembered by its file's digest and its place in the file: a build reads
    each page twice (once to group the pages into issues, once to build), and OCR takes some 20 s a
    page."""
    if key not in _MACHINE_READ:
        from publisher.ingest.ocr import ocr_lines  # loads ONNX Runtime and OpenCV: only when needed

        if len(_MACHINE_READ) >= _MACHINE_READ_KEPT:
            _MACHINE_READ.pop(next(iter(_MACHINE_READ)))
        _MACHINE_READ[key] = tuple(ocr_lines(page))
    return list(_MACHINE_READ[key])


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
