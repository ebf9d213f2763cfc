"""Page PDFs for the tests, typeset as a layout system writes them: a folio band, a headline across
the columns over them, the body in column-width lines, and the frames drawn in the order they were
made (the body's columns right to left, the headline last), not the order they are read in.

The text is set in STSong-Light, one of the CID fonts every PDF reader knows by name (reportlab
ships its metrics; nothing is embedded), so PDFium maps its glyphs to Unicode through the
standard UniGB-UCS2-H CMap, as it does a Founder PDF's fonts with a ToUnicode map.
"""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

#: A tabloid page, in points.
PAGE = (595.0, 842.0)
_MARGIN = 40.0
_GUTTER = 14.0
BODY_SIZE = 10.0
_LEADING = 1.5


def column_lines(paragraph: str, width: int) -> list[str]:
    """A paragraph in lines of `width` characters, its first line two short (the indent)."""
    lines, start, room = [], 0, width - 2
    while start < len(paragraph):
        lines.append(paragraph[start : start + room])
        start, room = start + room, width
    return lines


def typeset_page(
    folio: str,
    headline: str,
    paragraphs: list[str],
    columns: int = 2,
    height: float = PAGE[1],
    pages: int = 1,
    encrypt: str | None = None,
) -> bytes:
    """The PDF of a page `height` points tall (or `pages` copies of it) with `folio` at the top,
    `headline` across the columns, and `paragraphs` flowing down the columns."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE[0], height), encrypt=encrypt, invariant=True)
    column_width = (PAGE[0] - 2 * _MARGIN - (columns - 1) * _GUTTER) / columns
    per_line = int(column_width // BODY_SIZE)
    # Each line, and whether it opens its paragraph (set two characters in).
    lines = [(line, n == 0) for paragraph in paragraphs for n, line in enumerate(column_lines(paragraph, per_line))]
    top = height - _MARGIN - 90
    rows = int((top - _MARGIN) // (BODY_SIZE * _LEADING))
    for _ in range(pages):
        for column in reversed(range(columns)):
            x = _MARGIN + column * (column_width + _GUTTER)
            pdf.setFont(FONT, BODY_SIZE)
            for row, (line, opens) in enumerate(lines[column * rows : (column + 1) * rows]):
                pdf.drawString(x + (2 * BODY_SIZE if opens else 0.0), top - row * BODY_SIZE * _LEADING, line)
        pdf.setFont(FONT, 9)
        pdf.drawString(_MARGIN, height - _MARGIN, folio)
        pdf.setFont(FONT, 24)
        pdf.drawString(_MARGIN, height - _MARGIN - 50, headline)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
