"""Speech engines: a script read aloud → a clip of audio and the time each sentence is heard.

Every engine implements `Synthesizer`; the build picks one (`--tts auto|edge|espeak|none`) and
the narrator caches what it says. Engines return plain PCM so the rest of the pipeline
(loudness, MP3, chapters) is the same whichever voice read the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from publisher.transforms.speech import Script

__all__ = [
    "BITRATE_KBPS",
    "ENCODER_DELAY_SECONDS",
    "SAMPLE_RATE",
    "TARGET_LUFS",
    "TRUE_PEAK_CEILING_DBTP",
    "Clip",
    "SentenceTiming",
    "SynthesisError",
    "Synthesizer",
]

#: Every clip is mono 16-bit PCM at this rate: edge's own (audio-24khz-48kbitrate-mono-mp3).
SAMPLE_RATE = 24_000
#: Every published recording is MP3 at edge's bitrate…
BITRATE_KBPS = 48
#: …at this integrated loudness (Apple's and most podcast platforms' recommendation)…
TARGET_LUFS = -16.0
#: …with true peaks no higher than this.
TRUE_PEAK_CEILING_DBTP = -1.0
#: LAME starts every stream with this much silence (its 576-sample delay plus the decoder's 529):
#: a sentence is heard this much later in the MP3 than in the PCM it was timed on.
ENCODER_DELAY_SECONDS = 1105 / SAMPLE_RATE


@dataclass(frozen=True)
class SentenceTiming:
    """When one sentence of a script is heard, in seconds from the start of its clip."""

    id: str
    start: float
    end: float


@dataclass(frozen=True)
class Clip:
    """A script read aloud: little-endian 16-bit mono PCM at SAMPLE_RATE, and its sentences' times."""

    pcm: bytes
    timings: tuple[SentenceTiming, ...]

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / SAMPLE_RATE


class SynthesisError(Exception):
    """A script could not be read aloud, after any retries the engine makes."""


class Synthesizer(Protocol):
    #: The engine's name as the summary, tags and manifest say it: "edge", "espeak".
    name: str
    #: The engine's version; part of every cache key, so an upgrade re-synthesizes.
    version: str
    #: How many scripts may be synthesized at once.
    concurrency: int

    def fingerprint(self, script: Script, voice: str) -> str:
        """Exactly what the engine will read for `script` (after its own pronunciation rules), so
        the cache key changes when, and only when, the audio would."""
        ...

    async def synthesize(self, script: Script, voice: str) -> Clip:
        """Read `script` in `voice`; raise SynthesisError when it cannot."""
        ...
