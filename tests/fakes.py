"""A speech engine for tests, injected through the Synthesizer protocol: a tone per sentence, as long
as the sentence (a tenth of a second a character), so durations and timings are predictable."""

from __future__ import annotations

import asyncio

import numpy as np

from publisher.transforms.speech import Script
from publisher.tts import SAMPLE_RATE, Clip, SentenceTiming, SynthesisError

SECONDS_PER_CHARACTER = 0.02
PAUSE = 0.2


class FakeSynthesizer:
    name = "fake"
    version = "1"

    def __init__(self, fail: set[str] = frozenset(), concurrency: int = 2) -> None:
        #: Script ids whose synthesis fails.
        self.fail = set(fail)
        self.concurrency = concurrency
        self.calls: list[str] = []
        self.running = 0
        self.most_at_once = 0

    def fingerprint(self, script: Script, voice: str) -> str:
        return voice + "|" + "|".join(sentence.spoken for sentence in script.sentences)

    async def synthesize(self, script: Script, voice: str) -> Clip:
        self.calls.append(script.id)
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(0)
            if script.id in self.fail:
                raise SynthesisError(f"fake: {script.id} refused")
            pieces, timings, position = [], [], 0.0
            for number, sentence in enumerate(script.sentences):
                seconds = SECONDS_PER_CHARACTER * len(sentence.spoken)
                t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
                tone = 0.3 * np.sin(2 * np.pi * (200 + 20 * number) * t)
                pieces.append((tone * 32767).astype("<i2").tobytes())
                timings.append(SentenceTiming(sentence.id, position, position + seconds))
                pieces.append(bytes(2 * round(PAUSE * SAMPLE_RATE)))
                position += seconds + PAUSE
            return Clip(b"".join(pieces), tuple(timings))
        finally:
            self.running -= 1
