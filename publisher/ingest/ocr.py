"""A page whose text layer cannot be read → its lines as OCR reads them off the rendered page.

Founder and 华光 PDFs often embed fonts without a ToUnicode map, so their characters come out as
ASCII punctuation or private-use codes; a scanned back issue has no text at all. PDFium renders the
page and RapidOCR reads it with the PP-OCRv4 Chinese models its wheel ships (nothing is downloaded:
`pip install` is enough). Each line it finds has a box, whose height is its type size, so the
lines go through the same layout reader as a text layer's (`layout.read_lines`).

RapidOCR and ONNX Runtime take about a second to load: they are imported only for a page that
needs them, and loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

import pypdfium2 as pdfium

from publisher.ingest.layout import Box

#: The resolution the page is rendered at: a 9 pt body is 25 px high, which the models read.
DPI = 200
#: OCR's box of a line is this much higher than its type size (the detector's margin).
_BOX_MARGIN = 1.35
#: A line whose height says a size this much over its pitch is set in a condensed face.
_CONDENSED = 1.5
#: A line of this many characters or fewer is too short to measure its pitch by…
_SHORT = 3
#: …and takes the size of the line over it where the two are this near.
_NEAR_SIZE = 0.3
_CLOSING = "。，、；：！？）”’》」』】"
_OPENING = "（“‘《「『【"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_MARK = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])[,:;?!()]|[,:;?!()](?=[\u3400-\u9fff])")
_OPENING_DASH = re.compile(r"^(?:-一|一-|--|－－|—一|一—)(?=\S)")
#: A box of two characters or more this much taller than wide is a line of vertical text.
_VERTICAL_RATIO = 1.5


def ocr_lines(page: pdfium.PdfPage) -> list[Box]:
    """The page's lines as OCR reads them, with their boxes in points from the bottom left."""
    scale = DPI / 72
    bitmap = page.render(scale=scale)  # BGR, as OpenCV (and so RapidOCR) takes an array
    try:
        found, _ = _engine()(bitmap.to_numpy(), use_cls=False)
    finally:
        bitmap.close()
    height = page.get_height()
    lines = []
    for corners, text, _score in found or ():
        text = "".join(text.split())
        if not text:
            continue
        xs = [x / scale for x, _ in corners]
        ys = [height - y / scale for _, y in corners]
        left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
        vertical = len(text) > 1 and top - bottom > _VERTICAL_RATIO * (right - left)
        lines.append(
            Box(_marks(text), left, bottom, right, top, _size(text, left, bottom, right, top, vertical), vertical)
        )
    # The order a page is read in is the layout reader's: here, top to bottom as found.
    return _short_lines_sized(sorted(lines, key=lambda line: (-line.top, line.left)))


def _short_lines_sized(lines: list[Box]) -> list[Box]:
    """A paragraph's last line of a character or two (行。) has too few to measure a pitch by: it is
    the size of the line above it, where that is near its own."""
    out: list[Box] = []
    for line in lines:
        if not line.vertical and len(line.text) <= _SHORT:
            above = [
                other
                for other in out
                if not other.vertical
                and abs(other.left - line.left) < 3 * other.size
                and 0 <= other.bottom - line.top < other.size
            ]
            if above and abs(above[-1].size - line.size) < _NEAR_SIZE * above[-1].size:
                line = replace(line, size=above[-1].size)
        out.append(line)
    return out


def _size(text: str, left: float, bottom: float, right: float, top: float, vertical: bool) -> float:
    """The line's type size from the pitch of its characters (a Chinese character is as wide as
    its size; a Latin letter or digit about half): the boxes OCR draws are as high as what a line
    holds, so lines of one size differ in height by a tenth, more than sizes do; but a headline
    set condensed is known by its height."""
    extent = top - bottom if vertical else right - left
    ems = sum(0.5 if char.isascii() else 1.0 for char in text)
    # A full-width mark is set in half its em: a closing one at the line's end, an opening one at
    # its start, leaves the other half outside the box.
    ems -= 0.5 * (text[-1] in _CLOSING) + 0.5 * (len(text) > 1 and text[0] in _OPENING)
    across = right - left if vertical else top - bottom
    if ems < 2:
        return across
    pitch = extent / ems
    # A headline in a condensed face (长体) is set narrower than its size: its height tells.
    return max(pitch, across / _BOX_MARGIN) if across / _BOX_MARGIN > _CONDENSED * pitch else pitch


def _marks(text: str) -> str:
    """Marks as Chinese text sets them: the dash that opens a subtitle (——年底前全部投用), which OCR
    reads as a hyphen and 一, and the full-width comma or colon it reads as ASCII beside Chinese."""
    text = _OPENING_DASH.sub("——", text)
    return _ASCII_MARK.sub(lambda m: _FULL_WIDTH[m.group()], text)


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()
