"""Page PDFs for the tests, typeset as a layout system writes them: a folio band, a headline group
(引题, 主题, 副题, byline) in its sizes across the columns or down the page's right edge, 小标题 set
larger within a column over two lines, the body in column-width lines with a paragraph's first
line set in, and the frames drawn in the order they were made (the body's columns right to left,
the headline last), not the order they are read in.

The text is set in STSong-Light, one of the CID fonts every PDF reader knows by name (reportlab
ships its metrics; nothing is embedded), so PDFium maps its glyphs to Unicode through the
standard UniGB-UCS2-H CMap, as it does a Founder PDF's fonts with a ToUnicode map.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
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
TITLE_SIZE = 24.0
DECK_SIZE = 14.0
SUBHEAD_SIZE = 13.0
BYLINE_SIZE = 11.0
#: The strip down the right edge a vertical headline takes.
_VERTICAL_STRIP = 40.0


@dataclass
class Story:
    """An article to set: its headline group, and its paragraphs with 小标题 before some of them."""

    title: str
    paragraphs: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    #: 小标题 set before the paragraph of that index.
    subheads: dict[int, str] = field(default_factory=dict)
    #: A photo set at the head of the first column, its caption and credit under it.
    photo: Pictured | None = None
    #: Furniture the page sets too: a QR code beside the folio, the folio band's rule as an image.
    furniture: bool = False


@dataclass
class Pictured:
    caption: str
    credit: str
    #: Its pixels, and its height on the page over the column's width.
    size: tuple[int, int] = (640, 480)
    #: JPEG, as a photo desk sends it; else PNG (PDFium decodes it, the reader stores it as PNG).
    jpeg: bool = True

    def image(self) -> bytes:
        """A picture of its own (a gradient), the same every time."""
        width, height = self.size
        picture = Image.new("RGB", self.size)
        picture.putdata([(x * 255 // width, y * 255 // height, 128) for y in range(height) for x in range(width)])
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG" if self.jpeg else "PNG")
        return buffer.getvalue()


def column_lines(paragraph: str, width: int, indent: int = 2) -> list[str]:
    """A paragraph in lines of `width` characters, its first line `indent` short."""
    lines, start, room = [], 0, width - indent
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
    return typeset_story(folio, Story(headline, paragraphs), columns, height, pages, encrypt)


def typeset_story(
    folio: str,
    story: Story,
    columns: int = 2,
    height: float = PAGE[1],
    pages: int = 1,
    encrypt: str | None = None,
    vertical: bool = False,
) -> bytes:
    """The PDF of `story` on a page (or `pages` copies of it); with `vertical`, its title set down
    the page's right edge (a character under another) and the columns beside it."""
    return typeset_issue([(folio, story)] * pages, columns, height, encrypt, vertical)


def typeset_issue(
    pages: list[tuple[str, Story]],
    columns: int = 2,
    height: float = PAGE[1],
    encrypt: str | None = None,
    vertical: bool = False,
) -> bytes:
    """One PDF of several pages, each a folio and its story: a whole issue, as some desks export it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE[0], height), encrypt=encrypt, invariant=True)
    room = PAGE[0] - 2 * _MARGIN - (_VERTICAL_STRIP if vertical else 0.0)
    column_width = (room - (columns - 1) * _GUTTER) / columns
    top = height - _MARGIN - (40 if vertical else 150)
    for folio, story in pages:
        _draw_columns(pdf, _items(story, column_width), columns, column_width, top)
        pdf.setFont(FONT, 9)
        pdf.drawString(_MARGIN, height - _MARGIN, folio)
        if story.furniture:
            _draw_furniture(pdf, height)
        if vertical:
            _draw_vertical(pdf, story.title, PAGE[0] - _MARGIN - TITLE_SIZE, top)
        else:
            _draw_headline(pdf, story, height - _MARGIN - 40)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned(data: bytes, dpi: int = 150, unmapped_layer: bool = False) -> bytes:
    """The PDF `data` as a scanner makes it: each page an image and nothing else; with
    `unmapped_layer`, under an invisible text layer of the codes a font without a Unicode map
    yields (ASCII punctuation and letters), as Founder PDFs often have."""
    source = pdfium.PdfDocument(data)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)
    try:
        for page in source:
            width, height = page.get_size()
            pdf.setPageSize((width, height))
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            pdf.drawImage(ImageReader(image), 0, 0, width, height)
            if unmapped_layer:
                text = pdf.beginText(_MARGIN, height - _MARGIN)
                text.setTextRenderMode(3)  # invisible, as a layer under an image is
                text.setFont("Helvetica", BODY_SIZE)
                for n in range(40):
                    text.textLine("!#$%&'()*+,-./0" * 3 + "ABCDEFG"[n % 7])
                pdf.drawText(text)
            pdf.showPage()
    finally:
        source.close()
    pdf.save()
    return buffer.getvalue()


def _items(story: Story, column_width: float) -> list[tuple[str, float, float, bool]]:
    """The column's lines in order: (text, size, height taken, whether set in)."""
    per_line, per_subhead = int(column_width // BODY_SIZE), int(column_width // SUBHEAD_SIZE)
    items: list[tuple[str | Pictured, float, float, bool]] = []
    if story.photo is not None:
        width, height = story.photo.size
        items.append((story.photo, column_width, column_width * height / width + BODY_SIZE, False))
        for n, line in enumerate(column_lines(story.photo.caption, per_line)):
            items.append((line, BODY_SIZE, BODY_SIZE * _LEADING, n == 0))
        items.append((story.photo.credit, BODY_SIZE, BODY_SIZE * _LEADING * 2, False))
    for index, paragraph in enumerate(story.paragraphs):
        if index in story.subheads:
            for line in column_lines(story.subheads[index], per_subhead, indent=0):
                items.append((line, SUBHEAD_SIZE, SUBHEAD_SIZE * 1.4, False))
            items[-1] = (*items[-1][:2], items[-1][2] + BODY_SIZE * 0.6, False)
        for n, line in enumerate(column_lines(paragraph, per_line)):
            items.append((line, BODY_SIZE, BODY_SIZE * _LEADING, n == 0))
    return items


def _draw_columns(pdf: canvas.Canvas, items: list, columns: int, column_width: float, top: float) -> None:
    # Filled left to right, drawn right to left: the order they are read in is not the PDF's.
    placed: list[list[tuple[str, float, float, bool]]] = [[] for _ in range(columns)]
    column, y = 0, top
    for text, size, taken, opens in items:
        if y - taken < _MARGIN and column + 1 < columns:
            column, y = column + 1, top
        placed[column].append((text, size, y, opens))
        y -= taken
    for column in reversed(range(columns)):
        x = _MARGIN + column * (column_width + _GUTTER)
        for text, size, y, opens in placed[column]:
            if isinstance(text, Pictured):  # its top at the line's top, `size` wide
                height = size * text.size[1] / text.size[0]
                pdf.drawImage(ImageReader(io.BytesIO(text.image())), x, y + BODY_SIZE - height, size, height)
                continue
            pdf.setFont(FONT, size)
            pdf.drawString(x + (2 * size if opens else 0.0), y, text)


def _draw_furniture(pdf: canvas.Canvas, height: float) -> None:
    """A QR code by the folio (2.5 cm square) and the folio's rule drawn as an image."""
    code = Image.new("L", (29, 29))
    code.putdata([255 * ((x * 7 + y * 3) % 5 > 1) for y in range(29) for x in range(29)])
    rule = Image.new("L", (1000, 8), 40)
    for picture, place in (
        (code, (PAGE[0] - _MARGIN - 70, height - _MARGIN - 75, 70, 70)),
        (rule, (_MARGIN, height - _MARGIN - 6, PAGE[0] - 2 * _MARGIN, 3)),
    ):
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        pdf.drawImage(ImageReader(buffer), *place)


def _draw_headline(pdf: canvas.Canvas, story: Story, y: float) -> None:
    for text, size in (
        (story.kicker, DECK_SIZE),
        (story.title, TITLE_SIZE),
        (story.subtitle and f"——{story.subtitle}", DECK_SIZE),
        (story.byline, BYLINE_SIZE),
    ):
        if text:
            pdf.setFont(FONT, size)
            pdf.drawString(_MARGIN + (120 if size == BYLINE_SIZE else 0), y, text)
            y -= size * 1.8


def _draw_vertical(pdf: canvas.Canvas, title: str, x: float, top: float) -> None:
    pdf.setFont(FONT, TITLE_SIZE)
    for n, char in enumerate(title):
        pdf.drawString(x, top - TITLE_SIZE - n * TITLE_SIZE * 1.1, char)
