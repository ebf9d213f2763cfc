"""A photo → the sizes the editions show it in (Pillow), each made once, and how a page sets them.

The web edition offers two sizes and lets the browser choose (`srcset`): at most 1200 px wide, a
desktop column at twice its density, and 480 px for a phone on a slow line. The EPUB carries the
larger, and the feeds point at it. A photo no wider than a size is given as the page holds it, its
bytes untouched. `width` and `height` are always set, so a page does not move as a photo loads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from publisher.model import Article, Photo

WIDE = 1200
NARROW = 480
#: The column a photo is shown in is at most this wide (the site's and the book's measure).
_SIZES = "(max-width: 40rem) 100vw, 40rem"
_JPEG_QUALITY = 85


@dataclass(frozen=True)
class Rendition:
    name: str
    media_type: str
    width: int
    height: int
    data: bytes

    @property
    def descriptor(self) -> str:
        return f"{self.name} {self.width}w"


@dataclass(frozen=True)
class Picture:
    """An `<img>` as a page sets it: its source, the sizes to choose from (empty for one), its size."""

    src: str
    srcset: str
    sizes: str
    width: int
    height: int


def article_photos(article: Article) -> list[Photo]:
    """The article's photos, each once, in the order it sets them (a model read back from its JSON
    names its photos but has not their bytes: those it cannot show)."""
    photos: dict[str, Photo] = {}
    for figure in article.figures:
        if figure.photo is not None and figure.photo.data:
            photos.setdefault(figure.photo.name, figure.photo)
    return list(photos.values())


@lru_cache(maxsize=128)
def renditions(photo: Photo) -> tuple[Rendition, ...]:
    """The photo in the sizes the editions use, widest first: itself where it is no wider."""
    if photo.width <= WIDE:
        wide = Rendition(photo.name, photo.media_type, photo.width, photo.height, photo.data)
    else:
        wide = _scaled(photo, WIDE)
    return (wide, _scaled(photo, NARROW)) if wide.width > NARROW else (wide,)


def picture(photo: Photo, href: str, choose: bool = True) -> Picture:
    """How a page refers to the photo, its renditions at `href` + their names (a folder's path);
    with `choose`, the browser chooses among its sizes (an e-reader is given the one it carries)."""
    sizes = renditions(photo) if choose else renditions(photo)[:1]
    wide = sizes[0]
    srcset = ", ".join(href + rendition.descriptor for rendition in sizes) if len(sizes) > 1 else ""
    return Picture(href + wide.name, srcset, _SIZES if srcset else "", wide.width, wide.height)


def _scaled(photo: Photo, width: int) -> Rendition:
    height = max(1, round(photo.height * width / photo.width))
    stem, extension = photo.name.rsplit(".", 1)
    with Image.open(io.BytesIO(photo.data)) as source:
        scaled = source.convert("RGB" if source.mode not in ("RGB", "L") else source.mode)
        scaled = scaled.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if photo.media_type == "image/jpeg":
        scaled.save(buffer, "JPEG", quality=_JPEG_QUALITY)
    else:
        scaled.save(buffer, "PNG")
    return Rendition(f"{stem}-{width}.{extension}", photo.media_type, width, height, buffer.getvalue())
