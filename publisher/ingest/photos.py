"""A page PDF's image objects → the photos a reader sees on the page, each with its place.

A layout system places far more images than photos: the folio band, column banners and logos, the
tint behind a box of text, QR codes. Those are furniture: an image too narrow to be a photo, a small
square (a QR code, a logo), or one with text set over it (a banner's background) is not one. Which
of the rest are figures is decided by their captions (`layout`): a photo without one is not
described anywhere, so it cannot be given to a reader who does not see it.

A JPEG stream is kept byte for byte, as the desk's photo desk made it, where every reader can show
it (RGB or grey); a CMYK or otherwise coded image is decoded by PDFium once and stored as PNG, or as
JPEG where it was one (a CMYK photo's RGB form).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from publisher.ingest.layout import Box
from publisher.model import Photo

#: An image narrower than this either way (in points) is a rule, an icon or a logo: 2 cm.
_MIN_SIDE = 56.0
#: A square image no larger than this is a QR code or a logo: 4 cm.
_SMALL_SQUARE = 115.0
_SQUARE = (0.8, 1.25)
#: An image with more characters than this set over it is the background of a banner or a box.
_TEXT_OVER = 20
_KEPT_MODES = ("RGB", "L")
_JPEG_QUALITY = 90


@dataclass(frozen=True)
class PlacedPhoto:
    """A photo and where the page sets it, in points from the bottom left."""

    photo: Photo
    left: float
    bottom: float
    right: float
    top: float


def page_photos(page: pdfium.PdfPage, lines: Sequence[Box]) -> list[PlacedPhoto]:
    """The page's photos in the order they are drawn, each once (an image placed twice, once)."""
    placed: list[PlacedPhoto] = []
    seen: set[str] = set()
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        left, bottom, right, top = image.get_bounds()
        if _is_furniture(left, bottom, right, top, lines):
            continue
        photo = _photo(image)
        if photo is None or photo.name in seen:
            continue
        seen.add(photo.name)
        placed.append(PlacedPhoto(photo, left, bottom, right, top))
    return placed


def _is_furniture(left: float, bottom: float, right: float, top: float, lines: Sequence[Box]) -> bool:
    width, height = right - left, top - bottom
    if min(width, height) < _MIN_SIDE:
        return True
    if max(width, height) <= _SMALL_SQUARE and _SQUARE[0] <= width / height <= _SQUARE[1]:
        return True
    over = 0
    for line in lines:
        across, down = (line.left + line.right) / 2, (line.bottom + line.top) / 2
        if left < across < right and bottom < down < top:
            over += len(line.text)
    return over > _TEXT_OVER


def _photo(image: pdfium.PdfImage) -> Photo | None:
    """The image's bytes as a reader's software takes them: a JPEG kept, anything else encoded once."""
    filters = image.get_filters()
    if filters and filters[-1] == "DCTDecode" and all(f in pdfium.PdfImage.SIMPLE_FILTERS for f in filters[:-1]):
        data = bytes(image.get_data(decode_simple=True))
        try:
            with Image.open(io.BytesIO(data)) as decoded:
                decoded.load()
                if decoded.mode in _KEPT_MODES:
                    return _named(data, "image/jpeg", decoded.size)
                picture = decoded.convert("RGB")
        except (OSError, ValueError):
            picture = None  # a stream Pillow cannot read: let PDFium decode it
        if picture is not None:
            return _encoded(picture, "JPEG")
    try:
        bitmap = image.get_bitmap(render=False)
    except pdfium.PdfiumError:
        return None  # an image PDFium cannot decode (JBIG2 with a missing global, say) is not shown
    picture = bitmap.to_pil()
    if picture.mode not in _KEPT_MODES:
        picture = picture.convert("RGB")
    return _encoded(picture, "PNG")


def _encoded(picture: Image.Image, kind: str) -> Photo:
    buffer = io.BytesIO()
    if kind == "JPEG":
        picture.save(buffer, "JPEG", quality=_JPEG_QUALITY)
    else:
        picture.save(buffer, "PNG")
    return _named(buffer.getvalue(), f"image/{kind.lower()}", picture.size)


def _named(data: bytes, media_type: str, size: tuple[int, int]) -> Photo:
    extension = ".jpg" if media_type == "image/jpeg" else ".png"
    name = hashlib.sha256(data).hexdigest()[:20] + extension
    return Photo(name=name, media_type=media_type, width=size[0], height=size[1], data=data)
