"""Pronunciation lexicons: words an engine would misread → how they are read.

An entry gives tone-numbered pinyin (for the offline Mandarin voice, which reads pinyin) and/or
characters read the same way (for engines that read characters: the online voices and offline
Cantonese). The shipped lexicon covers place names and polyphones of the seed paper; the desk's
own entries in publisher.toml override it. Each word also matches in its Traditional spellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from publisher.errors import InputError
from publisher.ingest.text import opencc_convert

#: One pinyin syllable with its tone (5 for the neutral tone): zhong1, lv4, er5.
_SYLLABLE = re.compile(r"[a-zü]+[1-5]")
#: The shipped lexicon files for each variant, general first (later files override earlier ones).
_SHIPPED = {
    "zh-Hans": ("cmn.tsv",),
    "zh-Hant": ("cmn.tsv",),
    "zh-Hant-TW": ("cmn.tsv", "cmn-TW.tsv"),
    "zh-Hant-HK": (),
}


@dataclass(frozen=True)
class Pronunciation:
    #: One tone-numbered syllable per character of the word, for engines that read pinyin.
    pinyin: tuple[str, ...] | None = None
    #: Characters read the same way, for engines that read characters.
    say: str | None = None


class Lexicon:
    def __init__(self, entries: Mapping[str, Pronunciation]) -> None:
        self._entries = dict(entries)
        self._longest = max(map(len, self._entries), default=0)

    @classmethod
    def for_variant(cls, variant: str, desk: Mapping[str, Pronunciation] | None = None) -> Lexicon:
        """The shipped lexicon of a variant, then the desk's entries over it."""
        entries: dict[str, Pronunciation] = {}
        for name in _SHIPPED.get(variant, ()):
            entries |= _shipped(name)
        entries |= desk or {}
        return cls(_with_traditional_spellings(entries))

    def __len__(self) -> int:
        return len(self._entries)

    def segments(self, text: str) -> Iterator[tuple[str, Pronunciation | None]]:
        """`text` cut into the lexicon's words (longest match first) and the runs between them."""
        run_start = position = 0
        while position < len(text):
            for length in range(min(self._longest, len(text) - position), 0, -1):
                entry = self._entries.get(text[position : position + length])
                if entry is not None:
                    if run_start < position:
                        yield text[run_start:position], None
                    yield text[position : position + length], entry
                    position += length
                    run_start = position
                    break
            else:
                position += 1
        if run_start < len(text):
            yield text[run_start:], None

    def respell(self, text: str) -> str:
        """`text` with each word that has characters to say in their place."""
        return "".join(entry.say if entry and entry.say else part for part, entry in self.segments(text))


def parse_entry(word: str, pinyin: str | None, say: str | None, source: str) -> Pronunciation:
    """One entry, checked: a pinyin syllable for every character, or characters to say instead."""
    syllables = tuple(pinyin.lower().replace("v", "ü").split()) if pinyin else None
    if syllables is not None and (len(syllables) != len(word) or not all(map(_SYLLABLE.fullmatch, syllables))):
        raise InputError(
            f"{source}: {word!r} needs one tone-numbered pinyin syllable per character, such as "
            f"'chong2 qing4', not {pinyin!r}"
        )
    if syllables is None and not say:
        raise InputError(f"{source}: {word!r} has neither pinyin nor characters to say")
    return Pronunciation(syllables, say or None)


def read_lexicon_file(path: Path) -> dict[str, Pronunciation]:
    """A lexicon file: word<TAB>pinyin[<TAB>say] a line; # starts a comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read this lexicon ({error})") from None
    return dict(_parse_lines(text.splitlines(), str(path)))


def _parse_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, Pronunciation]]:
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, pinyin, say, *_ = [*line.rstrip("\n").split("\t"), "", ""]
        yield word.strip(), parse_entry(word.strip(), pinyin.strip() or None, say.strip() or None, f"{source}:{number}")


@cache
def _shipped(name: str) -> dict[str, Pronunciation]:
    text = resources.files("publisher.tts").joinpath("lexicon", name).read_text(encoding="utf-8")
    return dict(_parse_lines(text.splitlines(), name))


def _with_traditional_spellings(entries: Mapping[str, Pronunciation]) -> dict[str, Pronunciation]:
    spelled: dict[str, Pronunciation] = {}
    for word, entry in entries.items():
        for config in ("s2t", "s2tw", "s2hk"):
            other = opencc_convert(config, word)
            if len(other) == len(word):
                spelled.setdefault(other, entry)
    return spelled | dict(entries)
