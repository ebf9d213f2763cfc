"""A script → speech online, with Microsoft Edge's read-aloud voices (edge-tts), one request per script.

The whole script goes to the service as one text, a sentence a line, so the voice reads it with
its own flow from sentence to sentence; the word boundaries the service reports are aligned back to
the script's characters to time each sentence. The service is reached through an `EdgeTransport` (edge-tts by
default, a fake in tests). Transient failures (a refused, dropped or stalled connection, a 403 or
503 handshake, no audio) are retried from the start with exponential backoff and jitter: a partial
reading is never returned.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random as _random
import re
from bisect import bisect_left
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import cache
from http import HTTPStatus
from importlib import metadata
from typing import TYPE_CHECKING, Protocol, Required, TypedDict

import miniaudio

from publisher.transforms.speech import Script
from publisher.tts import SAMPLE_RATE, Clip, SentenceTiming, SynthesisError
from publisher.tts.audio import decode_mp3
from publisher.tts.lexicon import Lexicon

if TYPE_CHECKING:
    import aiohttp

__all__ = [
    "DEFAULT_VOICES",
    "EdgeChunk",
    "EdgeSynthesizer",
    "EdgeTransport",
    "EdgeTtsTransport",
    "IncompleteReading",
    "probe",
]

#: The voice of each variant: Mandarin as read in mainland China and in Taiwan, Cantonese in Hong Kong.
DEFAULT_VOICES = {
    "zh-Hans": "zh-CN-XiaoxiaoNeural",
    "zh-Hant": "zh-TW-HsiaoChenNeural",
    "zh-Hant-TW": "zh-TW-HsiaoChenNeural",
    "zh-Hant-HK": "zh-HK-HiuGaaiNeural",
}
#: The service times audio in 100-nanosecond ticks.
TICKS_PER_SECOND = 10_000_000
#: What `probe` asks for: the shortest reading that proves the service answers.
_PROBE_TEXT = "你好"
#: edge's prosody rate: a signed percentage ("+0%", "-15%"); edge-tts refuses anything else.
_RATE = re.compile(r"[+-]\d+%")
_BOUNDARY_TYPES = frozenset({"WordBoundary", "SentenceBoundary"})
#: Between sentences in the text sent. edge-tts cuts a text longer than 4096 bytes (a request each)
#: only at a newline or a space; Chinese has no spaces, so without these a long article would go as
#: one oversized request. To the service (SSML) a line break is whitespace, and between sentences
#: is where a pause belongs anyway.
_SENTENCE_BREAK = "\n"


class EdgeChunk(TypedDict, total=False):
    """One message of a reading, as edge-tts's `Communicate.stream()` yields it."""

    #: "audio", "WordBoundary" or "SentenceBoundary".
    type: Required[str]
    #: audio: the next bytes of the MP3 (24 kHz mono, 48 kbit/s).
    data: bytes
    #: boundaries: when the word starts and how long it lasts, in ticks from the start of the whole reading.
    offset: float
    duration: float
    #: boundaries: the word as it appears in the text sent.
    text: str


class EdgeTransport(Protocol):
    """How the engine reaches the service: the one method a fake replaces in tests."""

    def stream(self, text: str, voice: str, rate: str) -> AsyncIterator[EdgeChunk]:
        """`text` read aloud: audio and word boundaries in the order the service sends them. Raises
        on any failure, including a stream that ends before the reading does (IncompleteReading)."""
        ...


class IncompleteReading(ConnectionError):
    """The service's stream ended before the reading did: the connection dropped mid-way."""


class _Transient(Exception):
    """A failure noticed here (a stall, no audio, audio that does not decode) that another attempt
    may not repeat."""


class _Stalled(_Transient):
    pass


class _NoAudio(_Transient):
    pass


class _Undecodable(_Transient):
    pass


class EdgeTtsTransport:
    """The real service through edge-tts: a websocket for each 4096 bytes of text, cut at line breaks.

    `proxy` is for a proxy the environment does not name (edge-tts's session trusts HTTPS_PROXY).
    `connector` makes the aiohttp connector of each reading, for tests; edge-tts's session closes the
    connector after its first request, so for a text of more than one request it must be one whose
    close() leaves it open."""

    def __init__(
        self, *, proxy: str | None = None, connector: Callable[[], aiohttp.BaseConnector] | None = None
    ) -> None:
        # Checked here, so a missing package is reported when the engine is chosen, not per script.
        try:
            import edge_tts  # noqa: F401
        except ImportError:
            raise SynthesisError("the online engine needs edge-tts: pip install edge-tts") from None
        self._proxy = proxy
        self._connector = connector

    async def stream(self, text: str, voice: str, rate: str) -> AsyncIterator[EdgeChunk]:
        import edge_tts

        connector = self._connector() if self._connector else None
        communicate = edge_tts.Communicate(
            text, voice, rate=rate, boundary="WordBoundary", proxy=self._proxy, connector=connector
        )
        received = 0
        # The async stream(), never stream_sync(): that one waits forever on a queue when the stream fails.
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                received += len(chunk["data"])
            yield chunk
        # A connection lost mid-reading ends edge-tts's stream quietly (aiohttp reports the websocket
        # as closed, and edge-tts raises only when no audio came at all). Its count of audio bytes
        # grows only at each turn.end, so a count short of what arrived means a turn never finished.
        finished = communicate.state.get("cumulative_audio_bytes", received)
        if finished != received:
            raise IncompleteReading(f"the stream ended after {received - finished} bytes of an unfinished turn")


class EdgeSynthesizer:
    """Reads each script as one request to edge's online voices; see the module's docstring."""

    name = "edge"

    def __init__(
        self,
        lexicon: Lexicon | Callable[[str], Lexicon],
        rate: str = "+0%",
        *,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        concurrency: int = 4,
        transport: EdgeTransport | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        """`lexicon`: one lexicon for every script, or a script's language → its lexicon.
        `timeout`: seconds an attempt may go without receiving anything before it counts as stalled.
        `retries`: attempts after the first; the n-th waits `backoff` × 2ⁿ⁻¹ seconds, less up to half
        of that at random (`random` gives the fraction), so parallel scripts do not retry in step."""
        if not _RATE.fullmatch(rate):
            raise ValueError(f"a speaking rate is a percentage such as +0% or -15%, not {rate!r}")
        self._lexicons = lexicon if callable(lexicon) else (lambda _language: lexicon)
        self.rate = rate
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.concurrency = concurrency
        self.version = _edge_tts_version()
        self._transport = transport if transport is not None else EdgeTtsTransport()
        self._sleep = sleep
        self._random = random

    def fingerprint(self, script: Script, voice: str) -> str:
        # The text as sent has a sentence a line, so it also changes when only a sentence break moves,
        # which moves the times a cached clip keeps.
        return json.dumps({"voice": voice, "rate": self.rate, "text": self._text(script)}, ensure_ascii=False)

    async def synthesize(self, script: Script, voice: str) -> Clip:
        pieces = self._pieces(script)
        ids = [sentence.id for sentence in script.sentences]
        if not _SENTENCE_BREAK.join(pieces).strip():
            # Nothing to say: edge-tts would send no request and the service no audio.
            return Clip(b"", tuple(SentenceTiming(id, 0.0, 0.0) for id in ids))
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._attempt(pieces, ids, voice)
            except Exception as error:
                if not isinstance(error, _transient_errors()):
                    raise SynthesisError(f"edge: {_describe(error)}") from error
                if attempt > self.retries:
                    raise SynthesisError(f"edge: {_describe(error)} (gave up after {attempt} attempts)") from error
            await self._sleep(self.backoff * 2 ** (attempt - 1) * (1 - self._random() / 2))

    def _pieces(self, script: Script) -> list[str]:
        """Each sentence as sent: respelled, on one line."""
        lexicon = self._lexicons(script.language)
        return [" ".join(lexicon.respell(sentence.spoken).splitlines()) for sentence in script.sentences]

    def _text(self, script: Script) -> str:
        return _SENTENCE_BREAK.join(self._pieces(script))

    async def _attempt(self, pieces: list[str], ids: list[str], voice: str) -> Clip:
        """One reading from the start: nothing of an earlier, failed attempt is kept."""
        mp3, boundaries = await self._read(_SENTENCE_BREAK.join(pieces), voice)
        try:
            pcm = await asyncio.to_thread(decode_mp3, mp3)
        except miniaudio.DecodeError as error:
            raise _Undecodable(f"the audio could not be decoded ({error})") from error
        if not pcm:
            raise _Undecodable("the audio decoded to nothing")
        duration = len(pcm) / 2 / SAMPLE_RATE
        starts = _sentence_starts(pieces, boundaries, duration)
        ends = [*starts[1:], duration]
        return Clip(pcm, tuple(SentenceTiming(*span) for span in zip(ids, starts, ends, strict=True)))

    async def _read(self, text: str, voice: str) -> tuple[bytes, list[tuple[str, float]]]:
        """The MP3 and the (word, seconds) boundaries of one complete reading of `text`."""
        audio = bytearray()
        boundaries: list[tuple[str, float]] = []
        loop = asyncio.get_running_loop()
        deadline = asyncio.timeout(self.timeout)
        try:
            # Around the whole reading, because edge-tts's own timeouts let a stalled proxy hang it;
            # pushed back whenever something arrives, so a long article read steadily is never cut off.
            async with deadline, _closing(self._transport.stream(text, voice, self.rate)) as stream:
                async for chunk in stream:
                    deadline.reschedule(loop.time() + self.timeout)
                    if chunk["type"] == "audio":
                        audio += chunk.get("data", b"")
                    elif chunk["type"] in _BOUNDARY_TYPES:
                        boundaries.append((chunk.get("text", ""), chunk.get("offset", 0) / TICKS_PER_SECOND))
        except TimeoutError:
            if deadline.expired():
                raise _Stalled(f"nothing received for {self.timeout:g} s") from None
            raise
        if not audio:
            raise _NoAudio("no audio received")
        return bytes(audio), boundaries


async def probe(transport: EdgeTransport | None = None, timeout: float = 3.0) -> bool:
    """Whether the service reads a word within `timeout` seconds: what --tts auto decides by.
    Never raises (but for cancellation) and never waits longer than `timeout`."""
    try:
        async with asyncio.timeout(timeout):
            transport = transport if transport is not None else EdgeTtsTransport()
            async with _closing(transport.stream(_PROBE_TEXT, DEFAULT_VOICES["zh-Hans"], "+0%")) as stream:
                async for chunk in stream:
                    # The first audio proves the service reads; the rest of the word would prove no more.
                    if chunk["type"] == "audio" and chunk.get("data"):
                        return True
    except Exception:
        return False
    return False


def _sentence_starts(pieces: Sequence[str], boundaries: Sequence[tuple[str, float]], duration: float) -> list[float]:
    """When each sentence (`pieces`, the texts sent, in order) starts: at its first word's boundary;
    a sentence without one (only punctuation, or words the service spelled differently) at the time
    its first character is reached, interpolated between the words around it; an empty one where
    the next starts."""
    text = _SENTENCE_BREAK.join(pieces)
    positions, times = _anchors(text, boundaries, duration)
    found: list[float | None] = []
    begin = 0
    for piece in pieces:
        index = bisect_left(positions, begin)
        if index < len(positions) and positions[index] < begin + len(piece):
            found.append(times[index])
        elif piece.strip():
            before = (positions[index - 1], times[index - 1]) if index else (0, 0.0)
            after = (positions[index], times[index]) if index < len(positions) else (len(text), duration)
            found.append(_interpolate(begin, before, after))
        else:
            found.append(None)
        begin += len(piece) + len(_SENTENCE_BREAK)
    following = duration
    for index in reversed(range(len(found))):
        following = found[index] = following if found[index] is None else found[index]
    # Times never run backwards and stay inside the clip, whatever the service reported; the first
    # sentence has the clip from its start, leading silence and all.
    starts: list[float] = []
    for start in found:
        starts.append(min(max(start, starts[-1]), duration) if starts else 0.0)
    return starts


def _anchors(text: str, boundaries: Sequence[tuple[str, float]], duration: float) -> tuple[list[int], list[float]]:
    """Where in `text` each boundary's word is, and its time. The words come in order and each is
    a piece of the text, so each is looked for after the last; one not found times nothing."""
    positions: list[int] = []
    times: list[float] = []
    cursor = 0
    for word, seconds in boundaries:
        word = word.strip()
        found = text.find(word, cursor) if word else -1
        if found < 0:
            continue
        positions.append(found)
        times.append(min(max(seconds, times[-1] if times else 0.0), duration))
        cursor = found + len(word)
    return positions, times


def _interpolate(position: int, before: tuple[int, float], after: tuple[int, float]) -> float:
    (x0, y0), (x1, y1) = before, after
    return y0 if x1 <= x0 else y0 + (y1 - y0) * (position - x0) / (x1 - x0)


@contextlib.asynccontextmanager
async def _closing(stream: AsyncIterator[EdgeChunk]) -> AsyncIterator[AsyncIterator[EdgeChunk]]:
    """The stream, closed on the way out (an async generator left suspended would keep its
    websocket open until the garbage collector found it)."""
    try:
        yield stream
    finally:
        close = getattr(stream, "aclose", None)
        if close is not None:
            await close()


@cache
def _transient_errors() -> tuple[type[BaseException], ...]:
    """Failures worth another attempt: the network's (aiohttp's, which include a 403 or 503
    handshake), edge-tts's (no audio, an unexpected message, a websocket error), a stall, a
    dropped or empty stream. edge-tts and aiohttp are optional, so they are looked up lazily."""
    errors: list[type[BaseException]] = [_Transient, TimeoutError, OSError]
    with contextlib.suppress(ImportError):
        import aiohttp

        errors.append(aiohttp.ClientError)
    with contextlib.suppress(ImportError):
        from edge_tts.exceptions import EdgeTTSException

        errors.append(EdgeTTSException)
    return tuple(errors)


def _describe(error: BaseException) -> str:
    """A failure in a few words on one line: "503 Service Unavailable", "nothing received for 60 s"."""
    status = _http_status(error)
    if status is not None:
        with contextlib.suppress(ValueError):
            return f"{status} {HTTPStatus(status).phrase}"
        return f"HTTP {status}"
    text = " ".join(str(error).split())
    if isinstance(error, _Transient):
        return text
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__


def _http_status(error: BaseException | None) -> int | None:
    """The HTTP status behind a failure, looking through what it was raised from: edge-tts answers
    a 403 by correcting its clock and, when the response has no date, raises its own error from it."""
    while error is not None:
        status = getattr(error, "status", None)
        if isinstance(status, int) and status >= 400:
            return status
        error = error.__cause__ or error.__context__
    return None


def _edge_tts_version() -> str:
    try:
        return metadata.version("edge-tts")
    except metadata.PackageNotFoundError:
        return "not installed"
