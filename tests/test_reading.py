"""How the offline voice reads: polyphones by their word or sentence (pypinyin's phrases, g2pM),
surnames as surnames, the lexicons first, and a Traditional edition from its Simplified spelling;
`publisher reading` prints it, a syllable for each Chinese character."""

from __future__ import annotations

import subprocess
import sys

import pytest

from publisher.tts.lexicon import Lexicon
from publisher.tts.reading import readings


def read(text: str, variant: str = "zh-Hans") -> list[str | None]:
    return readings(text, Lexicon.for_variant(variant), traditional=variant.startswith("zh-Hant"))


@pytest.mark.parametrize(
    ("text", "at", "syllables"),
    [
        # The seed's misreadings: 为 wéi in 以人民为中心 / 转化为 / 为契机, 人参加 is not ginseng,
        # 渝中将以 is no lieutenant general, the surnames 曾 and 蔚.
        ("坚持以人民为中心的发展思想", 5, ["wei2"]),
        ("把优势转化为发展动力", 5, ["wei2"]),
        ("以此为契机", 2, ["wei2"]),
        ("共300余人参加活动", 5, ["ren2", "can1", "jia1"]),
        ("渝中将以此为契机", 1, ["zhong1", "jiang1", "yi3"]),
        ("区委书记曾庆说", 4, ["zeng1", "qing4"]),
        ("他曾说过", 1, ["ceng2"]),
        ("解放军表示", 0, ["jie3"]),
    ],
)
def test_polyphones_and_surnames_as_the_sentence_reads_them(text: str, at: int, syllables: list[str]) -> None:
    assert read(text)[at : at + len(syllables)] == syllables


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("重慶", ["chong2", "qing4"]),
        ("應用", ["ying4", "yong4"]),
        ("銀行行長", ["yin2", "hang2", "hang2", "zhang3"]),
    ],
)
def test_the_taiwan_edition_reads_its_words_as_the_simplified_text_does(text: str, syllables: list[str]) -> None:
    assert read(text, "zh-Hant-TW") == syllables


def test_one_syllable_for_each_chinese_character_and_none_for_the_rest() -> None:
    assert read("GDP增长5%，绿色") == [None, None, None, "zeng1", "zhang3", None, None, None, "lv4", "se4"]


def test_the_lexicon_wins() -> None:
    assert read("曾家岩")[0] == "zeng1"


def test_publisher_reading_prints_a_line_of_syllables_a_line() -> None:
    command = [sys.executable, "-m", "publisher", "reading"]
    result = subprocess.run(command, input="以人民为中心\n重庆\n\n", capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "yi3 ren2 min2 wei2 zhong1 xin1\nchong2 qing4\n\n"
    taiwan = subprocess.run([*command, "--variant", "zh-Hant-TW"], input="重慶\n", capture_output=True, text=True)
    assert taiwan.stdout == "chong2 qing4\n"
    cantonese = subprocess.run([*command, "--variant", "zh-Hant-HK"], input="好\n", capture_output=True, text=True)
    assert cantonese.returncode == 1 and cantonese.stderr.count("\n") == 1
