"""A script → speech offline, with eSpeak NG (the espeakng-loader wheel's library, through ctypes).

Mandarin is read by the `cmn-latn-pinyin` voice from tone-numbered pinyin that pypinyin derives
phrase by phrase (银行行长 → yin2 hang2 hang2 zhang3) under our lexicon; the plain `cmn` voice
spells many characters as English letters, so it is never used. Cantonese is read by `yue` from
the characters. Each sentence is synthesized alone and measured, so its timing is exact, and the
pauses between sentences are ours.
"""

from __future__ import annotations

import _ctypes
import asyncio
import ctypes
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from scipy.signal import resample_poly

from publisher.transforms.speech import Script, Sentence
from publisher.tts import SAMPLE_RATE, Clip, SentenceTiming, SynthesisError
from publisher.tts.audio import silence
from publisher.tts.lexicon import Lexicon
from publisher.tts.reading import readings

MANDARIN_VOICE = "cmn-latn-pinyin"
CANTONESE_VOICE = "yue"
DEFAULT_VOICES = {
    "zh-Hans": MANDARIN_VOICE,
    "zh-Hant": MANDARIN_VOICE,
    "zh-Hant-TW": MANDARIN_VOICE,
    "zh-Hant-HK": CANTONESE_VOICE,
}
#: eSpeak's default speed in words a minute; a rate of "+10%" reads 10% faster, as edge's does.
_DEFAULT_WPM = 175
#: Silence after a sentence: longer after a headline part or at the end of a paragraph.
_PAUSE_IN_BLOCK = 0.35
_PAUSE_BETWEEN_BLOCKS = 0.7
_HEADLINE_KINDS = frozenset({"intro", "kicker", "title", "subtitle", "heading"})
#: Marks that end a clause or sentence become the pause marks the pinyin voice knows.
_CLAUSE_MARKS = frozenset("，、；：,;:—…")
_SENTENCE_MARKS = frozenset("。！？!?.")
#: How a Chinese reader says Latin letters (GDP, 5G), in pinyin the Mandarin voice can read.
_LETTER_NAMES = {
    "A": "ei1", "B": "bi4", "C": "xi1", "D": "di4", "E": "yi4", "F": "ai2 fu1", "G": "ji4",
    "H": "ai2 qi1", "I": "ai4", "J": "jie4", "K": "kai4", "L": "ai2 le5", "M": "ai2 mu5", "N": "en1",
    "O": "ou1", "P": "pi4", "Q": "kou4", "R": "a4", "S": "ai2 si1", "T": "ti4", "U": "you1",
    "V": "wei1", "W": "da2 bu5 liu5", "X": "ai2 ke4 si1", "Y": "wai1", "Z": "zei4",
}  # fmt: skip
_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: espeak_Synth's flags: espeakCHARS_UTF8.
_UTF8 = 1
_RATE_PARAMETER = 1
_SYNCHRONOUS = 2
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def rate_to_wpm(rate: str) -> int:
    """edge's rate ("+0%", "-20%") as eSpeak's words a minute."""
    match = re.fullmatch(r"([+-]\d{1,3})%", rate)
    if not match:
        raise ValueError(f"a speaking rate is a percentage such as +0% or -15%, not {rate!r}")
    return max(80, round(_DEFAULT_WPM * (1 + int(match.group(1)) / 100)))


class EspeakSynthesizer:
    name = "espeak"
    concurrency = 1

    def __init__(self, lexicons: Callable[[str], Lexicon], rate: str = "+0%") -> None:
        self._lexicons = lexicons
        self._rate = rate
        self._wpm = rate_to_wpm(rate)
        with _Library.loaded() as library:
            self.version = library.version

    def fingerprint(self, script: Script, voice: str) -> str:
        return json.dumps(
            {
                "voice": voice,
                "wpm": self._wpm,
                "read": [self._input(s, script.language, voice) for s in script.sentences],
            },
            ensure_ascii=False,
        )

    async def synthesize(self, script: Script, voice: str) -> Clip:
        # In a thread, so the recordings before this one are encoded meanwhile.
        return await asyncio.to_thread(self._read, script, voice)

    def _read(self, script: Script, voice: str) -> Clip:
        pieces: list[bytes] = []
        timings: list[SentenceTiming] = []
        position = 0.0
        with _Library.loaded() as library:
            for sentence, following in zip(script.sentences, [*script.sentences[1:], None], strict=True):
                speech = library.speak(self._input(sentence, script.language, voice), voice, self._wpm)
                pause = silence(_pause_after(sentence, following))
                timings.append(SentenceTiming(sentence.id, position, position + len(speech) / 2 / SAMPLE_RATE))
                pieces += [speech, pause]
                position += (len(speech) + len(pause)) / 2 / SAMPLE_RATE
        return Clip(b"".join(pieces), tuple(timings))

    def reading(self, script: Script, voice: str) -> list[str]:
        """What the engine is given for each sentence: for `publisher script --reading`."""
        return [self._input(sentence, script.language, voice) for sentence in script.sentences]

    def _input(self, sentence: Sentence, language: str, voice: str) -> str:
        lexicon = self._lexicons(language)
        if voice == MANDARIN_VOICE:
            return " ".join(_pinyin(sentence.spoken, lexicon, traditional=language.startswith("zh-Hant")))
        return lexicon.respell(sentence.spoken)


def _pause_after(sentence: Sentence, following: Sentence | None) -> float:
    if following is None:
        return 0.0
    if sentence.kind in _HEADLINE_KINDS or following.block != sentence.block:
        return _PAUSE_BETWEEN_BLOCKS
    return _PAUSE_IN_BLOCK


def _pinyin(text: str, lexicon: Lexicon, traditional: bool = False) -> Iterator[str]:
    """Tone-numbered syllables (`publisher.tts.reading`), letter names and pause marks for the pinyin voice."""
    for character, syllable in zip(text, readings(text, lexicon, traditional), strict=True):
        if syllable is not None:
            yield syllable
        else:
            yield from _other_characters(character)


def _other_characters(run: str) -> Iterator[str]:
    for character in run:
        if character.upper() in _LETTER_NAMES:
            yield _LETTER_NAMES[character.upper()]
        elif character in _CLAUSE_MARKS:
            yield ","
        elif character in _SENTENCE_MARKS:
            yield "."


class _Library:
    """eSpeak NG through ctypes, loaded afresh for each clip and unloaded after. The library keeps
    state between syntheses in static variables (the same sentence comes out a few samples
    different each time), and only unloading it resets them: read in a fresh library, a clip is the
    same audio every time, so rebuilding a deleted recording gives the same bytes."""

    _lock = threading.Lock()

    @classmethod
    @contextmanager
    def loaded(cls) -> Iterator[_Library]:
        try:
            import espeakng_loader
        except ImportError:
            raise SynthesisError("the offline engine needs espeakng-loader: pip install espeakng-loader") from None
        with cls._lock:
            library = ctypes.CDLL(espeakng_loader.get_library_path())
            try:
                yield cls(library, espeakng_loader.get_data_path())
            finally:
                library.espeak_Terminate()
                _ctypes.dlclose(library._handle)

    def __init__(self, library: ctypes.CDLL, data: str) -> None:
        self._library = library
        library.espeak_Info.restype = ctypes.c_char_p
        library.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int]
        library.espeak_Synth.argtypes += [ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self.rate = library.espeak_Initialize(_SYNCHRONOUS, 0, data.encode(), 0)
        if self.rate <= 0:
            raise SynthesisError(f"eSpeak NG would not start (its data: {data})")
        self.version = library.espeak_Info(None).decode()
        self._chunks: list[bytes] = []
        # ctypes keeps no reference to a callback it hands to C: this attribute is what keeps it alive.
        self._callback = _SYNTH_CALLBACK(self._collect)
        library.espeak_SetSynthCallback(self._callback)

    def _collect(self, wave: ctypes._Pointer, count: int, _events: int) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wave, count * 2))
        return 0

    def speak(self, text: str, voice: str, wpm: int) -> bytes:
        """One sentence → 16-bit PCM at SAMPLE_RATE."""
        if self._library.espeak_SetVoiceByName(voice.encode()) != 0:
            raise SynthesisError(f"espeak: no voice {voice!r}")
        self._library.espeak_SetParameter(_RATE_PARAMETER, wpm, 0)
        self._chunks.clear()
        data = text.encode()
        if self._library.espeak_Synth(data, len(data) + 1, 0, 0, 0, _UTF8, None, None) != 0:
            raise SynthesisError(f"espeak could not read {text[:20]!r}")
        self._library.espeak_Synchronize()
        return _resampled(b"".join(self._chunks), self.rate)


def _resampled(pcm: bytes, rate: int) -> bytes:
    if rate == SAMPLE_RATE or not pcm:
        return pcm
    ratio = np.gcd(rate, SAMPLE_RATE)
    signal = resample_poly(np.frombuffer(pcm, dtype="<i2").astype(np.float64), SAMPLE_RATE // ratio, rate // ratio)
    return np.clip(np.round(signal), -32768, 32767).astype("<i2").tobytes()
