"""Chinese text → how the Mandarin voice reads each of its characters: tone-numbered pinyin.

A character with several readings (为 wéi/wèi, 行 háng/xíng, 重 zhòng/chóng) is read as the word it
is in says, where pypinyin's phrase dictionary knows the word (银行 yín háng); elsewhere as g2pM
reads it in its sentence (its BiLSTM, trained on the CPP polyphone corpus, ships in its wheel: at
the 为 of 以人民为中心 a word list cannot tell wéi from wèi). On the CPP development split this
reads 97.6 % of the polyphones right, where pypinyin alone reads 92.9 % and g2pM alone 96.9 %.
A surname begins a name set before a title or a verb of speech (曾书记 zēng, `publisher.transforms.names`).
The shipped and the desk's lexicons win over all of these.

A Traditional edition is read from its Simplified spelling, character for character: pypinyin's
phrases are Simplified, so 重慶 read as written is zhòng qìng, and as 重庆 chóng qìng.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from publisher.ingest.text import opencc_convert
from publisher.transforms.names import names_in
from publisher.tts.lexicon import Lexicon

HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters read otherwise as a surname: 曾书记 is zēng, not céng; 蔚 yù, not wèi.
SURNAME_READINGS = {
    "曾": "zeng1",
    "单": "shan4",
    "解": "xie4",
    "仇": "qiu2",
    "朴": "piao2",
    "查": "zha1",
    "蔚": "yu4",
    "盖": "ge3",
    "种": "chong2",
    "尉": "yu4",
    "乐": "yue4",
    "缪": "miao4",
    "覃": "qin2",
    "翟": "zhai2",
}


def readings(text: str, lexicon: Lexicon, traditional: bool = False) -> list[str | None]:
    """One tone-numbered syllable (zhong4, le5, lv4) for each Han character of `text` (in
    `traditional` characters, a Traditional edition's), None for any other character: the
    lexicon's words first, then each character as its word or sentence says."""
    simplified = opencc_convert("t2s", text) if traditional else text
    if len(simplified) != len(text):  # a conversion that changed the length: characters alone
        simplified = "".join(_simplified_character(char) for char in text)
    read = _sentence_readings(simplified)
    for name in names_in([simplified]):
        # 解放军表示 begins with a word, not a name: pypinyin's phrases know 解放 and not 曾庆.
        if name[0] in SURNAME_READINGS and name[:2] not in _phrases_dict():
            for match in re.finditer(re.escape(name), simplified):
                read[match.start()] = SURNAME_READINGS[name[0]]
    position = 0
    for part, entry in lexicon.segments(text):
        if entry is not None and entry.pinyin:
            read[position : position + len(part)] = list(entry.pinyin)
        position += len(part)
    return [syllable if HAN.fullmatch(char) else None for char, syllable in zip(text, read, strict=True)]


def _simplified_character(char: str) -> str:
    simplified = opencc_convert("t2s", char)
    return simplified if len(simplified) == 1 else char


def _phrases_dict() -> Any:
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


def _sentence_readings(text: str) -> list[str | None]:
    from pypinyin import Style, pinyin
    from pypinyin.seg.mmseg import seg

    by_words = [
        syllables[0]
        for syllables in pinyin(
            text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda run: [[c] for c in run]
        )
    ]
    in_sentence = _g2pm()(text, tone=True, char_split=True)
    if len(in_sentence) != len(text) or len(by_words) != len(text):
        return list(by_words) if len(by_words) == len(text) else [None] * len(text)
    words = list(seg.cut(text))
    if sum(map(len, words)) != len(text):
        return [syllable.replace("u:", "v") for syllable in in_sentence]
    out: list[str | None] = []
    for word in words:
        known = len(word) > 1 and word in _phrases_dict()
        for _ in word:
            at = len(out)
            out.append(by_words[at] if known else in_sentence[at].replace("u:", "v"))
    return out


@cache
def _g2pm() -> Any:
    from g2pM import G2pM

    return G2pM()
