"""Bytes of an exported page → its text lines, or a clear refusal.

Encodings are recognised by their byte-order mark, by strict UTF-8, and otherwise by
charset-normalizer restricted to the encodings Chinese desks actually export; the text is then
checked to be Chinese newspaper text rather than the garbage a PDF without a font map yields.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from publisher.errors import InputError
from publisher.ingest.layout import ReadLine
from publisher.model import Photo

# Exports seen from desks: Windows tools write GBK/GB18030 or UTF-16, Taiwan and Hong Kong tools
# Big5. Letting the detector also consider Latin code pages turns GBK into plausible mojibake.
_CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16", "utf_32"]
# GB2312 and GBK are subsets of GB18030; decoding with the superset never loses a character.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "cp950": "big5"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)

# C0 controls other than tab, line feed, carriage return and form feed; DEL; zero-width marks. Also
# C1 controls (U+009B is a terminal's CSI: 三\x9b31m块 would reach `publisher parse`'s output), bidi
# marks, embeddings, overrides and isolates (a U+202E pasted into 三\u202e块“热土” shows the headline
# backwards in a feed reader) and noncharacters (U+FFFF, which XML cannot carry): none is Chinese
# text, and each stopped the build at the cover, which has no glyph to draw them with.
_STRAY_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]"
)
# Lines end as an editor counts them (LF, CRLF, CR), so warnings point at the line the desk sees; a
# form feed between pages is white space, not a line.
_LINE_BREAK = re.compile("\r\n|\r|\n")
#: What the codecs say of a last character that is not all there (UTF-8; GB18030 and Big5; UTF-16 and -32).
_CUT_SHORT = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")
_CID_CODE = re.compile(r"\(cid:\d+\)")
#: Refused when more than one character in this many is a (cid:NNN) code.
_UNMAPPED_SHARE = 20
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
#: What a page read by OCR says of itself, in the review and the warnings.
MACHINE_READ = "read by OCR (its text layer cannot be read): check its text before it is published or read aloud"
_ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")


@dataclass(frozen=True)
class DecodedPage:
    lines: tuple[str, ...]
    encoding: str
    #: Problems worth an editor's attention that did not stop the page (a truncated file …).
    notes: tuple[str, ...] = ()
    #: Each line as the page's PDF sets it (its type size over the body's, whether it is set
    #: vertically, the photo it captions, by its index in `photos`); a text export has lost all that.
    layout: tuple[ReadLine, ...] | None = None
    photos: tuple[Photo, ...] = ()
    #: Read off the rendered page by OCR: every article of it must be checked by an editor.
    machine_read: bool = False


def decode_page(data: bytes, source: str) -> DecodedPage:
    if not data.strip(b" \t\r\n\f\v\x00"):
        raise InputError(f"{source}: the file is empty")
    text, encoding, notes = _decode(data, source)
    text, removed = _STRAY_CONTROLS.subn("", text)
    if removed > max(8, len(text) // 100):
        raise InputError(f"{source}: looks like a binary file, not page text ({removed} control characters)")
    if removed:
        notes.append(f"removed {removed} control characters")
    _check_newspaper_text(text, source)
    text, unmapped = _CID_CODE.subn("", text)
    if unmapped:
        notes.append(f"left out {unmapped} characters the PDF's fonts give no Unicode for ((cid:NNN))")
    lines = tuple(_LINE_BREAK.split(text.replace("\f", " ")))
    return DecodedPage(lines=lines, encoding=codecs.lookup(encoding).name, notes=tuple(notes))


def _decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-8's mark is only a mark; UTF-16 and UTF-32 need theirs for the byte order.
            decoded = _decode_cut(data[len(bom) :], "utf_8") if encoding == "utf_8_sig" else _decode_cut(data, encoding)
            if decoded is None:
                raise InputError(f"{source}: starts with a {encoding} byte-order mark but is not valid {encoding}")
            return decoded[0], encoding.removesuffix("_sig"), decoded[1]
    decoded = _decode_cut(data, "utf_8")
    if decoded is not None:
        return decoded[0], "utf_8", decoded[1]
    # A few damaged bytes in otherwise valid UTF-8; a legacy encoding would fail almost everywhere.
    replaced = data.decode("utf_8", errors="replace")
    damaged = replaced.count("\ufffd")
    if damaged * 200 < len(replaced):
        return replaced, "utf_8", [f"{damaged} invalid UTF-8 sequences replaced with U+FFFD"]
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        decoded = _decode_cut(data, encoding) if encoding else None
        if encoding is None or decoded is None:
            raise InputError(f"{source}: looks like a binary file, not page text")
        return decoded[0], encoding, decoded[1]
    match = _best_match(data)
    if match is None and max(data[-3:]) >= 0x80:
        # charset-normalizer finds no encoding for a GB18030 or Big5 file cut inside its last character
        # (of up to four bytes): ask again without it; `_decode_cut` then leaves it out.
        match = next(filter(None, (_best_match(data[:-cut]) for cut in (1, 2, 3))), None)
    if match is None:
        raise InputError(f"{source}: looks like a binary file, not page text (no text encoding fits)")
    encoding = _SUPERSET.get(match.encoding, match.encoding)
    decoded = _decode_cut(data, encoding)
    if decoded is None:
        return data.decode(encoding, errors="replace"), encoding, []
    return decoded[0], encoding, decoded[1]


def _best_match(data: bytes) -> charset_normalizer.CharsetMatch | None:
    return charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()


def _decode_cut(data: bytes, encoding: str) -> tuple[str, list[str]] | None:
    """`data` decoded, or None if it is not in `encoding`. A file cut off inside its last character
    (a copy or an upload that stopped early) keeps what it has, with a note: the page is still worth
    publishing, and the editor sees where it stops."""
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as error:
        cut = error.reason in _CUT_SHORT and error.end == len(data) and error.start >= len(data) - 3
        if not cut:
            return None
        try:
            text = data[: error.start].decode(encoding)
        except UnicodeDecodeError:
            return None
        name = codecs.lookup(encoding).name.removesuffix("-sig").upper().replace("BIG5", "Big5")
        return text, [f"the file ends inside a {name} character; the incomplete character was left out"]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the zero bytes of ASCII and line breaks fall on one parity."""
    # An odd length is a file cut inside its last character: `_decode_cut` drops the odd byte.
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if max(even, odd) <= 8 * min(even, odd) + 1:
        return None
    return "utf_16_le" if odd > even else "utf_16_be"


def _check_newspaper_text(text: str, source: str) -> None:
    visible = len(text) - sum(map(str.isspace, text))
    cid_codes = len(_CID_CODE.findall(text))
    cjk = len(_CJK.findall(text))
    # A page whose text fonts have no map is mostly codes; a logo or ornament font gives a few.
    if cid_codes >= 3 and cid_codes * _UNMAPPED_SHARE > cjk:
        raise InputError(
            f"{source}: holds {cid_codes} '(cid:NNN)' codes, text extracted from a PDF whose fonts have no "
            "Unicode map; export the page again with OCR instead of publishing it"
        )
    if visible and len(_ASCII_PUNCT.findall(text)) > visible * 0.3:
        raise InputError(
            f"{source}: mostly ASCII punctuation runs (like !\"#$%&'()*+,-./), text extracted from a PDF "
            "without a font map; export the page again with OCR instead of publishing it"
        )
    if cjk < 10 or cjk < visible * 0.3:
        raise InputError(f"{source}: not Chinese newspaper text (only {cjk} Chinese characters in {visible})")
