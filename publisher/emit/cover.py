"""An issue → its cover image (Pillow): the paper's name, date, issue numbers and page-1 headlines.

The EPUB carries it; the podcast and the OPDS catalogue reuse it. It is drawn in a CJK font
found on the system (or named in publisher.toml), in the face made for the edition's region
(Noto Sans CJK SC, TC or HK from one collection), and the build refuses to draw a character the
font lacks rather than print a box in its place.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from publisher.emit.labels import VARIANT_NAMES, labels
from publisher.errors import OutputError
from publisher.model import Issue

#: Where fonts are looked for when fontconfig cannot say.
_FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
_FONT_NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "SourceHanSerif", "wqy-zenhei", "wqy-microhei")
#: The region marks in the face names of a CJK collection, by edition.
_REGION = {"zh-Hans": "SC", "zh-Hant": "TC", "zh-Hant-TW": "TC", "zh-Hant-HK": "HK"}
_FONTCONFIG_LANGUAGE = {"zh-Hans": "zh-cn", "zh-Hant": "zh-tw", "zh-Hant-TW": "zh-tw", "zh-Hant-HK": "zh-hk"}

COVER_SIZE = (1200, 1800)
_PAPER = (247, 243, 234)
_INK = (33, 33, 33)
_BAND = (139, 26, 26)
_WHITE = (255, 255, 255)
_MARGIN = 90
_PAPER_LEVEL, _INK_LEVEL, _BAND_LEVEL, _WHITE_LEVEL = 0, 127, 128, 255


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[int]:
    return [round(a + (b - a) * step / 127) for step in range(128) for a, b in zip(start, end, strict=True)]


_PALETTE = _ramp(_PAPER, _INK) + _ramp(_BAND, _WHITE)
_HEADLINES = 6


@dataclass(frozen=True)
class CoverFont:
    """A font file and the face in it to draw with."""

    path: Path
    index: int = 0

    @property
    def name(self) -> str:
        return f"{self.path.name}#{self.index}" if self.index else self.path.name


def find_font(language: str, configured: Path | None = None) -> CoverFont:
    """The font to draw an edition's cover with: the configured one, or a CJK font of the system."""
    if configured is not None:
        if not configured.is_file():
            raise OutputError(f"cover_font {configured}: no such font file")
        return CoverFont(configured, _face_index(configured, language))
    path = _fontconfig_font(language) or _searched_font()
    if path is None:
        raise OutputError(
            "no CJK font to draw covers with: install one (Debian/Ubuntu: apt install fonts-noto-cjk) "
            "or name a font file as cover_font in publisher.toml"
        )
    return CoverFont(path, _face_index(path, language))


def _fontconfig_font(language: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    query = f":lang={_FONTCONFIG_LANGUAGE.get(language, 'zh-cn')}"
    found = subprocess.run(["fc-match", "-f", "%{file}", query], capture_output=True, text=True, check=False)
    path = Path(found.stdout.strip())
    return path if found.returncode == 0 and path.is_file() and _covers(path, "中文報") else None


def _searched_font() -> Path | None:
    for folder in _FONT_FOLDERS:
        if folder.is_dir():
            for name in _FONT_NAMES:
                for path in sorted(folder.rglob(f"{name}*")):
                    if path.suffix.lower() in (".ttc", ".otf", ".ttf"):
                        return path
    return None


def _face_index(path: Path, language: str) -> int:
    """In a collection (NotoSansCJK-Regular.ttc), the face for the edition's region."""
    from fontTools.ttLib import TTCollection

    if path.suffix.lower() != ".ttc":
        return 0
    region = _REGION.get(language, "SC")
    collection = TTCollection(str(path), lazy=True)
    for index, face in enumerate(collection.fonts):
        if f" {region}" in str(face["name"].getDebugName(1)):
            return index
    return 0


class _Coverage:
    """The characters a face has glyphs for, one bit each: a CJK face maps some 65,000 characters,
    which as a set of Python ints took 28 MB per face in every process that drew covers."""

    def __init__(self, codepoints: Iterable[int]) -> None:
        bits = bytearray(0x110000 // 8)
        for codepoint in codepoints:
            bits[codepoint >> 3] |= 1 << (codepoint & 7)
        self._bits = bytes(bits)

    def __contains__(self, codepoint: int) -> bool:
        return codepoint < 0x110000 and bool(self._bits[codepoint >> 3] & (1 << (codepoint & 7)))


@cache
def _codepoints(path: Path, index: int) -> _Coverage:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        return _Coverage(font.getBestCmap())


def _covers(path: Path, text: str) -> bool:
    return all(ord(char) in _codepoints(path, 0) for char in text)


def missing_characters(font: CoverFont, text: str) -> list[str]:
    """The characters of `text` the font has no glyph for (white space aside), in order."""
    have = _codepoints(font.path, font.index)
    return list(dict.fromkeys(char for char in text if not char.isspace() and ord(char) not in have))


def cover_lines(issue: Issue) -> list[str]:
    """What a cover says, top to bottom: paper, date, issue numbers, variant, then page-1 headlines."""
    words = labels(issue.language)
    date = words["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)
    numbers = []
    if issue.issue_number:
        numbers.append(words["issue_number"].format(number=issue.issue_number))
    if issue.total_issue_number:
        numbers.append(f"（{words['total_issue_number'].format(number=issue.total_issue_number)}）")
    front = [a.headline.title for a in issue.articles if a.page == min(a.page for a in issue.articles)]
    return [
        issue.paper,
        " ".join(filter(None, [date, issue.masthead.weekday])),
        "".join(numbers),
        VARIANT_NAMES.get(issue.language, ""),
        *front[:_HEADLINES],
    ]


def cover_png(issue: Issue, font: CoverFont) -> bytes:
    """The cover as PNG bytes, the same for the same issue, edition and font."""
    return _cover_png(_checked_lines(issue, font), font)


def cover_thumbnail_png(issue: Issue, font: CoverFont, height: int) -> bytes:
    """The cover scaled to `height` pixels, as PNG."""
    cover = _cover_image(_checked_lines(issue, font), font).convert("RGB")  # palette levels do not average
    # Reduced by whole factors first, then resampled: the same picture as Lanczos from full size
    # to the eye, at a fifth of the cost.
    small = cover.resize(
        (round(cover.width * height / cover.height), height), Image.Resampling.LANCZOS, reducing_gap=3.0
    )
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _checked_lines(issue: Issue, font: CoverFont) -> tuple[str, ...]:
    lines = tuple(cover_lines(issue))
    missing = missing_characters(font, "".join(lines))
    if missing:
        raise OutputError(
            f"the cover font {font.path} has no glyph for {' '.join(missing)} (in {issue.paper} {issue.date}); "
            "name a font that has them as cover_font in publisher.toml"
        )
    return lines


# The EPUBs (text and read-along) and the catalogue each want an edition's cover: drawn once.
@lru_cache(maxsize=2)
def _cover_png(lines: tuple[str, ...], font: CoverFont) -> bytes:
    out = io.BytesIO()
    # The fastest deflate: the stronger ones shrink this picture of flat colour by a tenth, at up to
    # six times the cost, on every edition of every issue.
    _cover_image(lines, font).save(out, format="PNG", compress_level=1)
    return out.getvalue()


@lru_cache(maxsize=2)
def _cover_image(lines: tuple[str, ...], font: CoverFont) -> Image.Image:
    """The cover as a palette image: a third of the memory of RGB, and several times faster to
    encode, with the same pixels. The cover has two pairs of colours, ink on paper and white on the
    band, and anti-aliased text only blends within a pair: drawn in grey levels 0–127 (paper to
    ink) and 128–255 (band to white), each level is given its blend's colour by the palette."""
    paper, date, numbers, variant, *headlines = lines
    width, height = COVER_SIZE
    image = Image.new("L", COVER_SIZE, _PAPER_LEVEL)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 520), fill=_BAND_LEVEL)
    name_font = _sized(font, _fit(font, paper, width - 2 * _MARGIN, 220))
    draw.text((width // 2, 270), paper, font=name_font, fill=_WHITE_LEVEL, anchor="mm")
    y = 600
    for line, size in ((date, 64), (numbers, 52), (variant, 44)):
        if line:
            draw.text((width // 2, y), line, font=_sized(font, size), fill=_INK_LEVEL, anchor="mm")
            y += size + 40
    draw.line((_MARGIN, y, width - _MARGIN, y), fill=_BAND_LEVEL, width=4)  # square ends: no blending
    y += 50
    headline_font = _sized(font, 54)
    for headline in headlines:
        lines = _wrap(headline, headline_font, width - 2 * _MARGIN)
        if y + 74 * len(lines) > height - _MARGIN:
            break  # a headline drawn whole or not at all
        for line in lines:
            draw.text((_MARGIN, y), line, font=headline_font, fill=_INK_LEVEL)
            y += 74
        y += 26
    image.putpalette(_PALETTE)
    return image


def podcast_artwork(paper: str, language: str, font: CoverFont, size: int) -> bytes:
    """The podcast's square artwork as JPEG (Apple asks for 1400–3000 pixels a side, RGB): the
    paper's name on the cover's band, the edition and 有声版 under it."""
    words = labels(language)
    lines = [VARIANT_NAMES.get(language, ""), words["audio_edition"]]
    missing = missing_characters(font, paper + "".join(lines))
    if missing:
        raise OutputError(
            f"the cover font {font.path} has no glyph for {' '.join(missing)} (in {paper}); "
            "name a font that has them as cover_font in publisher.toml"
        )
    image = Image.new("RGB", (size, size), _PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size, size * 11 // 20), fill=_BAND)
    margin = size // 12
    name_font = _sized(font, _fit(font, paper, size - 2 * margin, size // 4))
    draw.text((size // 2, size * 11 // 40), paper, font=name_font, fill=_WHITE, anchor="mm")
    y = size * 27 // 40
    for line in filter(None, lines):
        draw.text((size // 2, y), line, font=_sized(font, size // 12), fill=_INK, anchor="mm")
        y += size // 7
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


@cache
def _sized(font: CoverFont, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font.path), size=size, index=font.index)


def _fit(font: CoverFont, text: str, width: int, largest: int) -> int:
    """The largest size up to `largest` at which `text` fits in `width`."""
    size = largest
    step = max(1, largest // 22)
    while size > step * 4 and _sized(font, size).getlength(text) > width:
        size -= step
    return size


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Chinese breaks between any two characters; the text in lines no wider than `width`."""
    lines, line = [], ""
    for char in text:
        if font.getlength(line + char) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return [*lines, line] if line else lines
