"""The offline engine, for real: eSpeak NG reading pinyin for Mandarin and characters for Cantonese."""

from __future__ import annotations

import asyncio

import pytest

from publisher.transforms.speech import Script, Sentence
from publisher.tts import SAMPLE_RATE
from publisher.tts.espeak import CANTONESE_VOICE, MANDARIN_VOICE, EspeakSynthesizer, rate_to_wpm
from publisher.tts.lexicon import Lexicon, Pronunciation


def engine(desk: dict[str, Pronunciation] | None = None, rate: str = "+0%") -> EspeakSynthesizer:
    return EspeakSynthesizer(lambda language: Lexicon.for_variant(language, desk), rate=rate)


def script(*sentences: str, language: str = "zh-Hans", kinds: tuple[str, ...] = ()) -> Script:
    return Script(
        "a",
        language,
        sentences[0],
        tuple(
            Sentence(f"s{n}", (kinds[n - 1] if kinds else "paragraph"), n - 1, text, text)
            for n, text in enumerate(sentences, 1)
        ),
    )


def reading(text: str, language: str = "zh-Hans", desk: dict[str, Pronunciation] | None = None) -> str:
    return engine(desk).reading(script(text, language=language), MANDARIN_VOICE)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The polyphones: phrase-aware readings from pypinyin.
        ("重庆", "chong2 qing4"),
        ("行长", "hang2 zhang3"),
        ("银行行长", "yin2 hang2 hang2 zhang3"),
        ("重要", "zhong4 yao4"),
        ("长江", "chang2 jiang1"),
        # The shipped lexicon: what pypinyin gets wrong.
        ("七星岗", "qi1 xing1 gang1"),
        ("长滨路", "chang2 bin1 lu4"),
        ("曾家岩", "zeng1 jia1 yan2"),
        ("按期还款", "an4 qi1 huan2 kuan3"),
        # Traditional spellings of a lexicon word match too.
        ("長濱路", "chang2 bin1 lu4"),
        # Letters as a Chinese reader says them; clause and sentence marks as pauses.
        ("GDP增长", "ji4 di4 pi4 zeng1 zhang3"),
        ("你好，世界。", "ni3 hao3 , shi4 jie4 ."),
        ("二〇二四年", "er4 ling2 er4 si4 nian2"),
    ],
)
def test_mandarin_reading(text: str, expected: str) -> None:
    assert reading(text) == expected


def test_taiwan_readings_in_the_taiwan_edition_only() -> None:
    assert reading("星期三", "zh-Hant-TW") == "xing1 qi2 san1"
    assert reading("星期三", "zh-Hans") == "xing1 qi1 san1"


def test_the_desks_pronunciation_overrides_the_shipped_one() -> None:
    desk = {"七星岗": Pronunciation(("qi1", "xing1", "gang3"))}
    assert reading("七星岗", desk=desk) == "qi1 xing1 gang3"


def test_cantonese_reads_characters_with_the_desks_respelling() -> None:
    desk = {"冇": Pronunciation(None, "無")}
    speech = script("佢冇嚟。", language="zh-Hant-HK")
    assert engine(desk).reading(speech, CANTONESE_VOICE) == ["佢無嚟。"]


def synthesize(speech: Script, voice: str = MANDARIN_VOICE, rate: str = "+0%"):
    return asyncio.run(engine(rate=rate).synthesize(speech, voice))


def test_timings_are_measured_sentence_by_sentence() -> None:
    speech = script(
        "银行行长在重庆。", "今天天气很好，我们去长江边散步。", "再见。", kinds=("title", "paragraph", "paragraph")
    )
    clip = synthesize(speech)
    assert [t.id for t in clip.timings] == ["s1", "s2", "s3"]
    assert clip.timings[0].start == 0
    for before, after in zip(clip.timings, clip.timings[1:], strict=False):
        assert before.end < after.start  # a pause between sentences
    assert clip.timings[-1].end == pytest.approx(clip.duration, abs=1 / SAMPLE_RATE)
    lengths = [t.end - t.start for t in clip.timings]
    assert lengths[1] > lengths[0] > lengths[2]  # 15 syllables, 7, 2


def test_duration_follows_text_length_and_rate() -> None:
    short = synthesize(script("今天天气很好。"))
    long = synthesize(script("今天天气很好。" * 4))
    assert 3 < long.duration / short.duration < 5
    slow = synthesize(script("今天天气很好。" * 4), rate="-30%")
    assert slow.duration > long.duration * 1.2


def test_cantonese_voice_speaks() -> None:
    clip = synthesize(script("銀行行長在重慶開會。", language="zh-Hant-HK"), voice=CANTONESE_VOICE)
    assert clip.duration > 1.0
    assert max(clip.pcm[1::2]) > 0  # not silence


def test_fingerprint_changes_with_what_is_read_and_nothing_else() -> None:
    first = engine().fingerprint(script("七星岗。"), MANDARIN_VOICE)
    assert engine().fingerprint(script("七星岗。"), MANDARIN_VOICE) == first
    desk = {"七星岗": Pronunciation(("qi1", "xing1", "gang3"))}
    assert engine(desk).fingerprint(script("七星岗。"), MANDARIN_VOICE) != first
    assert engine(rate="-10%").fingerprint(script("七星岗。"), MANDARIN_VOICE) != first


def test_rates_and_bad_rates() -> None:
    assert rate_to_wpm("+0%") == 175
    assert rate_to_wpm("-20%") == 140
    with pytest.raises(ValueError, match="percentage"):
        rate_to_wpm("fast")


def test_an_unknown_voice_is_a_synthesis_error() -> None:
    from publisher.tts import SynthesisError

    with pytest.raises(SynthesisError, match="no voice"):
        synthesize(script("你好。"), voice="no-such-voice")


def test_the_same_script_gives_the_same_audio_whatever_was_read_before() -> None:
    speech = script("银行行长在重庆开会。", "今天天气很好。")
    first = synthesize(speech)
    synthesize(script("另一篇文章的句子。"), voice=MANDARIN_VOICE)
    synthesize(script("香港。", language="zh-Hant-HK"), voice=CANTONESE_VOICE)
    assert synthesize(speech).pcm == first.pcm
