"""The online engine: one reading per script, timed by edge's word boundaries, retried when the network fails.

Every test is offline. Most talk to a scripted fake transport; the last ones run the real edge-tts
code against a local imitation of edge's websocket service on a Unix socket.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

import aiohttp
import edge_tts
import numpy as np
import pytest
from aiohttp import web
from edge_tts.exceptions import NoAudioReceived
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from publisher.transforms.speech import Script, Sentence
from publisher.tts import SAMPLE_RATE, Clip, SynthesisError
from publisher.tts.audio import decode_mp3, encode_mp3, to_pcm
from publisher.tts.edge import (
    DEFAULT_VOICES,
    EdgeChunk,
    EdgeSynthesizer,
    EdgeTtsTransport,
    IncompleteReading,
    probe,
)
from publisher.tts.lexicon import Lexicon, Pronunciation

VOICE = DEFAULT_VOICES["zh-Hans"]
#: Four sentences, one of them silent, and the words the service would time in them.
SENTENCES = ("今天天气很好。", "我们去公园散步。", "", "晚上回家。")
WORDS = [
    ("今天", 0.10), ("天气", 0.35), ("很好", 0.60),
    ("我们", 0.90), ("去", 1.10), ("公园", 1.20), ("散步", 1.40),
    ("晚上", 1.60), ("回家", 1.80),
]  # fmt: skip


@cache
def tone(seconds: float, pitch: float = 440.0) -> bytes:
    """An MP3 of a sine: edge's own format (24 kHz mono, 48 kbit/s)."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return encode_mp3(to_pcm(0.3 * np.sin(2 * np.pi * pitch * t)))


def seconds_of(mp3: bytes) -> float:
    return len(decode_mp3(mp3)) / 2 / SAMPLE_RATE


def script(*spoken: str, language: str = "zh-Hans") -> Script:
    sentences = tuple(Sentence(f"s{n}", "paragraph", 0, text, text) for n, text in enumerate(spoken, 1))
    return Script("a1", language, "标题", sentences)


# The service, faked ---------------------------------------------------------------------------

Behaviour = Callable[[str], AsyncIterator[EdgeChunk]]


class FakeEdge:
    """A scripted service: the n-th request gets the n-th behaviour, the last one repeating."""

    def __init__(self, *behaviours: Behaviour) -> None:
        self.behaviours = behaviours
        self.requests: list[tuple[str, str, str]] = []

    def stream(self, text: str, voice: str, rate: str) -> AsyncIterator[EdgeChunk]:
        self.requests.append((text, voice, rate))
        return self.behaviours[min(len(self.requests), len(self.behaviours)) - 1](text)


def parts(data: bytes, count: int) -> list[bytes]:
    size = max(1, -(-len(data) // count))
    return [data[i : i + size] for i in range(0, len(data), size)]


def reading(mp3: bytes, words: Sequence[tuple[str, float]] = WORDS) -> Behaviour:
    """A complete reading: the MP3 in three chunks, the boundaries between them as edge sends them."""

    async def stream(_text: str) -> AsyncIterator[EdgeChunk]:
        chunks = parts(mp3, 3)
        for index, (word, seconds) in enumerate(words):
            if index % 3 == 0 and chunks:
                yield {"type": "audio", "data": chunks.pop(0)}
            yield {"type": "WordBoundary", "offset": round(seconds * 1e7), "duration": 2_000_000, "text": word}
        for chunk in chunks:
            yield {"type": "audio", "data": chunk}

    return stream


def failing(error: BaseException, audio_first: bytes = b"") -> Behaviour:
    """A request that fails, after sending some audio if given."""

    async def stream(_text: str) -> AsyncIterator[EdgeChunk]:
        if audio_first:
            yield {"type": "audio", "data": audio_first}
            yield {"type": "WordBoundary", "offset": 1_000_000, "duration": 2_000_000, "text": "今天"}
        raise error

    return stream


def stalling(audio_first: bytes = b"") -> Behaviour:
    """A request that never finishes, as through a proxy that stopped forwarding."""

    async def stream(_text: str) -> AsyncIterator[EdgeChunk]:
        if audio_first:
            yield {"type": "audio", "data": audio_first}
        await asyncio.Event().wait()
        yield {"type": "audio", "data": b""}

    return stream


def handshake(status: int) -> aiohttp.WSServerHandshakeError:
    """What aiohttp raises when the websocket upgrade is answered with `status`."""
    url = URL("wss://speech.platform.bing.com/consumer/speech/synthesize/readaloud/edge/v1")
    info = aiohttp.RequestInfo(url, "GET", CIMultiDictProxy(CIMultiDict()))
    return aiohttp.WSServerHandshakeError(info, (), status=status, message="Invalid response status")


class Clock:
    """The engine's sleep, recorded instead of slept; and its source of jitter."""

    def __init__(self, jitter: Sequence[float] = (0.5,)) -> None:
        self.sleeps: list[float] = []
        self._jitter = iter(jitter)
        self._last = 0.5

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def random(self) -> float:
        self._last = next(self._jitter, self._last)
        return self._last


def engine(transport: FakeEdge, clock: Clock | None = None, **options: Any) -> EdgeSynthesizer:
    clock = clock or Clock()
    return EdgeSynthesizer(Lexicon({}), transport=transport, sleep=clock.sleep, random=clock.random, **options)


def synthesize(synthesizer: EdgeSynthesizer, spoken: Sequence[str] = SENTENCES) -> Clip:
    return asyncio.run(synthesizer.synthesize(script(*spoken), VOICE))


def assert_well_timed(clip: Clip, count: int) -> None:
    timings = clip.timings
    assert [t.id for t in timings] == [f"s{n}" for n in range(1, count + 1)]
    assert timings[0].start == 0.0 and timings[-1].end == clip.duration
    assert all(0.0 <= t.start <= t.end <= clip.duration for t in timings)
    assert all(a.end == b.start for a, b in itertools.pairwise(timings))


# A reading and its timings --------------------------------------------------------------------


def test_a_reading_is_decoded_and_each_sentence_starts_at_its_first_word() -> None:
    mp3 = tone(2.0)
    service = FakeEdge(reading(mp3))
    clip = synthesize(engine(service))
    assert service.requests == [("今天天气很好。\n我们去公园散步。\n\n晚上回家。", VOICE, "+0%")]
    assert clip.pcm == decode_mp3(mp3)
    assert clip.duration == pytest.approx(seconds_of(mp3)) and clip.duration == pytest.approx(2.0, abs=0.1)
    spans = [(t.id, t.start, t.end) for t in clip.timings]
    # s1 has the leading silence too; the silent s3 is heard for no time, where s4 starts.
    assert spans == [
        ("s1", 0.0, pytest.approx(0.9)),
        ("s2", pytest.approx(0.9), pytest.approx(1.6)),
        ("s3", pytest.approx(1.6), pytest.approx(1.6)),
        ("s4", pytest.approx(1.6), clip.duration),
    ]
    assert_well_timed(clip, 4)


def test_a_sentence_the_service_timed_no_word_of_is_placed_between_its_neighbours() -> None:
    # "嗯。" has no boundary: in "今天天气很好。\n嗯。\n我们…" it starts at character 8, between 很好
    # (character 4, 0.6 s) and 我们 (character 11, 0.9 s): 4/7 of the way.
    words = [w for w in WORDS if w[0] not in ("晚上", "回家")]
    clip = synthesize(engine(FakeEdge(reading(tone(2.0), words))), ["今天天气很好。", "嗯。", "我们去公园散步。"])
    assert [t.start for t in clip.timings] == pytest.approx([0.0, 0.6 + 0.3 * 4 / 7, 0.9])
    assert_well_timed(clip, 3)


def test_boundaries_the_text_does_not_have_or_out_of_order_are_survived() -> None:
    mp3 = tone(1.0)
    words = [("今天", 0.5), ("别的", 0.2), ("天气", 0.1), ("我们", 7.0), ("", 0.3)]
    clip = synthesize(engine(FakeEdge(reading(mp3, words))))
    assert_well_timed(clip, 4)
    assert [t.start for t in clip.timings] == [0.0, clip.duration, clip.duration, clip.duration]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spoken=st.lists(st.text(alphabet="今天气很好。我们去，", max_size=6), min_size=1, max_size=5),
    words=st.lists(st.tuples(st.text(alphabet="今天气好们去X", max_size=3), st.floats(-1.0, 3.0)), max_size=12),
)
def test_timings_are_always_ordered_and_inside_the_clip(spoken: list[str], words: list[tuple[str, float]]) -> None:
    spoken[0] += "今天"  # never an empty script: that one is not sent at all
    clip = synthesize(engine(FakeEdge(reading(tone(0.5), words))), spoken)
    assert clip.pcm == decode_mp3(tone(0.5))
    assert_well_timed(clip, len(spoken))


def test_an_empty_script_is_silence_without_a_request() -> None:
    service = FakeEdge(reading(tone(1.0)))
    clip = synthesize(engine(service), ["", " "])
    assert service.requests == [] and clip.pcm == b""
    assert [(t.start, t.end) for t in clip.timings] == [(0.0, 0.0), (0.0, 0.0)]


# Stalls, refusals, drops -------------------------------------------------------------------------


def test_a_stalled_service_fails_after_the_retries_without_hanging() -> None:
    clock = Clock()
    service = FakeEdge(stalling(audio_first=tone(0.5)[:300]), stalling())
    started = time.monotonic()
    with pytest.raises(SynthesisError) as failure:
        synthesize(engine(service, clock, timeout=0.05, retries=2))
    assert time.monotonic() - started < 1.0
    assert str(failure.value) == "edge: nothing received for 0.05 s (gave up after 3 attempts)"
    assert len(service.requests) == 3 and clock.sleeps == [0.75, 1.5]


def test_the_timeout_measures_silence_so_a_long_steady_reading_is_not_cut_off() -> None:
    mp3 = tone(1.0)

    async def steady(_text: str) -> AsyncIterator[EdgeChunk]:
        for chunk in parts(mp3, 6):  # 6 × 20 ms: longer in all than the timeout, never silent for as long
            await asyncio.sleep(0.02)
            yield {"type": "audio", "data": chunk}

    clip = synthesize(engine(FakeEdge(steady), timeout=0.08), ["今天天气很好。"])
    assert clip.pcm == decode_mp3(mp3)


def test_refused_handshakes_are_retried_with_growing_jittered_waits() -> None:
    clock = Clock(jitter=[0.2, 0.8])
    service = FakeEdge(failing(handshake(403)), failing(handshake(503)), reading(tone(2.0)))
    clip = synthesize(engine(service, clock, backoff=0.5))
    assert len(service.requests) == 3 and clip.pcm == decode_mp3(tone(2.0))
    # The n-th wait is backoff × 2ⁿ⁻¹, less up to half of it at random: 0.5 × (1 − 0.1), 1.0 × (1 − 0.4).
    assert clock.sleeps == pytest.approx([0.45, 0.6])


@pytest.mark.parametrize(
    "drop",
    [
        aiohttp.ServerDisconnectedError(),
        aiohttp.ClientConnectionError("Connection reset by peer"),
        IncompleteReading("the stream ended before turn.end"),
        edge_tts.exceptions.WebSocketError("Unknown error"),
    ],
    ids=type,
)
def test_a_reading_dropped_midway_is_started_again_and_its_audio_discarded(drop: Exception) -> None:
    first = tone(1.0, pitch=880.0)
    service = FakeEdge(failing(drop, audio_first=first[: len(first) // 2]), reading(tone(2.0)))
    clip = synthesize(engine(service))
    assert len(service.requests) == 2
    assert len(clip.pcm) == len(decode_mp3(tone(2.0))) and clip.pcm == decode_mp3(tone(2.0))


def test_a_reading_that_stalls_midway_is_started_again() -> None:
    service = FakeEdge(stalling(audio_first=tone(1.0, pitch=880.0)[:600]), reading(tone(2.0)))
    clip = synthesize(engine(service, timeout=0.05))
    assert clip.pcm == decode_mp3(tone(2.0))


def test_when_every_attempt_fails_the_error_says_why_in_one_line() -> None:
    clock = Clock()
    service = FakeEdge(failing(handshake(503)))
    with pytest.raises(SynthesisError) as failure:
        synthesize(engine(service, clock))
    assert str(failure.value) == "edge: 503 Service Unavailable (gave up after 4 attempts)"
    assert len(service.requests) == 4 and clock.sleeps == [0.75, 1.5, 3.0]


def test_a_403_edge_tts_could_not_recover_from_is_reported_as_403() -> None:
    # edge-tts answers a 403 by correcting its clock from the response's Date; without one it raises
    # its own error from the 403.
    try:
        raise edge_tts.exceptions.SkewAdjustmentError("No server date in headers.") from handshake(403)
    except edge_tts.exceptions.SkewAdjustmentError as error:
        skew = error
    with pytest.raises(SynthesisError, match=r"^edge: 403 Forbidden \(gave up after 2 attempts\)$"):
        synthesize(engine(FakeEdge(failing(skew)), retries=1))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ValueError("Invalid voice 'xx-XX-NobodyNeural'."), "edge: ValueError: Invalid voice 'xx-XX-NobodyNeural'."),
        (TypeError("text must be str"), "edge: TypeError: text must be str"),
    ],
)
def test_a_mistake_of_ours_fails_at_once(error: Exception, message: str) -> None:
    clock = Clock()
    service = FakeEdge(failing(error), reading(tone(1.0)))
    with pytest.raises(SynthesisError) as failure:
        synthesize(engine(service, clock))
    assert str(failure.value) == message
    assert len(service.requests) == 1 and clock.sleeps == []


@pytest.mark.parametrize(
    "nothing",
    [
        failing(NoAudioReceived("No audio was received. Please verify that your parameters are correct.")),
        reading(b"", WORDS),  # ends without audio and without edge-tts's error
        reading(b"ID3 not really an mp3" * 10, []),
    ],
    ids=["NoAudioReceived", "empty", "undecodable"],
)
def test_no_audio_is_retried(nothing: Behaviour) -> None:
    service = FakeEdge(nothing, reading(tone(2.0)))
    clip = synthesize(engine(service))
    assert len(service.requests) == 2 and clip.pcm == decode_mp3(tone(2.0))


def test_no_audio_at_all_is_a_failure() -> None:
    with pytest.raises(SynthesisError, match=r"^edge: no audio received \(gave up after 4 attempts\)$"):
        synthesize(engine(FakeEdge(reading(b"", WORDS))))


# What is sent -----------------------------------------------------------------------------------


def test_the_lexicon_respells_what_is_sent_and_the_fingerprint_is_what_is_sent() -> None:
    lexicon = Lexicon({"行长": Pronunciation(say="航长")})
    service = FakeEdge(reading(tone(1.0), [("银行", 0.1), ("航长", 0.3), ("说", 0.6)]))
    synthesizer = EdgeSynthesizer(lexicon, "-10%", transport=service)
    article = script("银行行长说。", "会议开始。")
    clip = asyncio.run(synthesizer.synthesize(article, VOICE))
    # A sentence a line: edge-tts splits a long text only at line breaks (or spaces, which Chinese has not).
    assert service.requests == [("银行航长说。\n会议开始。", VOICE, "-10%")]
    assert [t.id for t in clip.timings] == ["s1", "s2"]
    assert json.loads(synthesizer.fingerprint(article, VOICE)) == {
        "voice": VOICE,
        "rate": "-10%",
        "text": "银行航长说。\n会议开始。",
    }


def test_the_fingerprint_changes_when_and_only_when_the_reading_would() -> None:
    def fingerprint(*spoken: str, voice: str = VOICE, rate: str = "+0%", lexicon: Lexicon | None = None) -> str:
        synthesizer = EdgeSynthesizer(lexicon or Lexicon({}), rate, transport=FakeEdge())
        return synthesizer.fingerprint(script(*spoken), voice)

    base = fingerprint("银行行长说。", "会议开始。")
    assert fingerprint("银行行长说。", "会议开始。") == base
    assert fingerprint("银行行长说。", "会议开始。", voice="zh-CN-YunxiNeural") != base
    assert fingerprint("银行行长说。", "会议开始。", rate="+10%") != base
    assert fingerprint("银行行长说。", "会议开幕。") != base
    assert fingerprint("银行行长说。会议开始。") != base  # one sentence, not two: other times to keep
    assert fingerprint("银行行长说。", "会议开始。", lexicon=Lexicon({"行长": Pronunciation(say="航长")})) != base
    # A lexicon entry for a word the script does not have changes nothing.
    assert fingerprint("银行行长说。", "会议开始。", lexicon=Lexicon({"重庆": Pronunciation(say="虫庆")})) == base


def test_each_language_can_have_its_own_lexicon() -> None:
    lexicons = {"zh-Hant-TW": Lexicon({"垃圾": Pronunciation(say="樂色")}), "zh-Hans": Lexicon({})}
    service = FakeEdge(reading(tone(1.0), []))
    synthesizer = EdgeSynthesizer(lexicons.__getitem__, transport=service)
    asyncio.run(synthesizer.synthesize(script("垃圾分類。", language="zh-Hant-TW"), DEFAULT_VOICES["zh-Hant-TW"]))
    asyncio.run(synthesizer.synthesize(script("垃圾分类。"), VOICE))
    assert [text for text, _, _ in service.requests] == ["樂色分類。", "垃圾分类。"]


def test_an_impossible_rate_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="percentage"):
        EdgeSynthesizer(Lexicon({}), "fast", transport=FakeEdge())


def test_the_engine_says_what_it_is() -> None:
    synthesizer = EdgeSynthesizer(Lexicon({}), transport=FakeEdge())
    assert (synthesizer.name, synthesizer.version, synthesizer.concurrency) == ("edge", edge_tts.__version__, 4)
    assert EdgeSynthesizer(Lexicon({}), transport=FakeEdge(), concurrency=2).concurrency == 2


# Probe ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "reachable"),
    [
        (FakeEdge(reading(tone(0.5), [("你好", 0.1)])), True),
        (FakeEdge(stalling(audio_first=tone(0.5)[:300])), True),  # the first audio is enough
        (FakeEdge(failing(handshake(503))), False),
        (FakeEdge(failing(aiohttp.ClientOSError(111, "Connect call failed"))), False),
        (FakeEdge(failing(NoAudioReceived("No audio was received."))), False),
        (FakeEdge(stalling()), False),
        (FakeEdge(reading(b"", [("你好", 0.1)])), False),
    ],
    ids=["reads", "first-audio", "503", "unreachable", "no-audio", "stalls", "empty"],
)
def test_probe_says_whether_the_service_reads_within_the_timeout(service: FakeEdge, reachable: bool) -> None:
    started = time.monotonic()
    assert asyncio.run(probe(service, timeout=0.05)) is reachable
    assert time.monotonic() - started < 1.0
    assert service.requests == [("你好", "zh-CN-XiaoxiaoNeural", "+0%")]


# The real edge-tts ------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket or name lookup fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
def test_the_default_transport_touches_no_network_until_a_reading_is_streamed() -> None:
    transport = EdgeTtsTransport()
    synthesizer = EdgeSynthesizer(Lexicon({}))  # the default transport
    synthesizer.fingerprint(script(*SENTENCES), VOICE)
    # An async generator: nothing of it runs, no Communicate is made, until it is iterated.
    assert transport.stream("你好", VOICE, "+0%") is not None


class EdgeService:
    """edge's read-aloud websocket, played on a Unix socket: edge-tts sends its speech.config and SSML
    and gets turn.start, word boundaries (two characters a word), the audio in binary frames with
    their two-byte header length, and turn.end. `plan` says what each connection gets instead: an
    HTTP status for the handshake, or "drop" to close after a little audio."""

    def __init__(self, path: Path, mp3: bytes, plan: Sequence[int | str] = ()) -> None:
        self.path = path
        self.mp3 = mp3
        self.plan = list(plan)
        #: The text of each request, and the (word, offset in ticks) boundaries sent for it.
        self.texts: list[str] = []
        self.boundaries: list[list[tuple[str, int]]] = []

    async def __aenter__(self) -> EdgeService:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.UnixSite(self._runner, str(self.path)).start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        step = self.plan.pop(0) if self.plan else "read"
        if isinstance(step, int):
            return web.Response(status=step)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        config, ssml = await ws.receive_str(), await ws.receive_str()
        assert "Path:speech.config" in config and '"wordBoundaryEnabled":"true"' in config
        request_id = re.search(r"X-RequestId:(\w+)", ssml)[1]  # type: ignore[index]
        text = unescape(re.search(r"<prosody[^>]*>(.*)</prosody>", ssml, re.S)[1])  # type: ignore[index]
        self.texts.append(text)
        words = [run[i : i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text) for i in range(0, len(run), 2)]
        ticks = len(self.mp3) * 8 * 10_000_000 // 48_000
        boundaries = [(word, 500_000 + n * (ticks - 1_000_000) // len(words)) for n, word in enumerate(words)]
        self.boundaries.append(boundaries)
        await ws.send_str(_text_message(request_id, "turn.start", "{}"))
        frames = parts(self.mp3, 4)
        for n, (word, offset) in enumerate(boundaries):
            if n % 2 == 0 and frames:
                await ws.send_bytes(_audio_message(request_id, frames.pop(0)))
            data = {"Offset": offset, "Duration": 1_000_000, "text": {"Text": escape(word), "Length": len(word)}}
            metadata = {"Metadata": [{"Type": "WordBoundary", "Data": data}]}
            await ws.send_str(_text_message(request_id, "audio.metadata", json.dumps(metadata, ensure_ascii=False)))
            if step == "drop":
                await ws.close()
                return ws
        for frame in frames:
            await ws.send_bytes(_audio_message(request_id, frame))
        await ws.send_bytes(_audio_message(request_id, b""))  # the end of the audio: no Content-Type, no data
        await ws.send_str(_text_message(request_id, "turn.end", "{}"))
        async for _ in ws:  # until edge-tts closes
            pass
        return ws


def _text_message(request_id: str, path: str, body: str) -> str:
    return f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\nPath:{path}\r\n\r\n{body}"


def _audio_message(request_id: str, data: bytes) -> bytes:
    content_type = "Content-Type:audio/mpeg\r\n" if data else ""
    header = f"X-RequestId:{request_id}\r\n{content_type}Path:audio\r\n".encode()
    return len(header).to_bytes(2, "big") + header + data


class _LastingUnixConnector(aiohttp.UnixConnector):
    """edge-tts opens one session per 4096 bytes of text on the connector it was given, and each
    session closes it when done: this one stays open for the next until the test closes it."""

    def close(self, *, abort_ssl: bool = False) -> Awaitable[None]:
        return asyncio.sleep(0)

    def really_close(self) -> Awaitable[None]:
        return super().close()


@pytest.fixture
def sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Path]]:
    """Fresh Unix socket paths, short enough for any system's limit (about 100 bytes), and no proxy
    in the environment, which edge-tts's session trusts and would send the local requests to."""
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("the local service listens on a Unix socket")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "WS_PROXY", "WSS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with tempfile.TemporaryDirectory(prefix="edge", dir="/tmp" if Path("/tmp").is_dir() else None) as folder:
        paths = (Path(folder) / f"{n}.sock" for n in itertools.count())
        yield lambda: next(paths)


def read_through_edge_tts(
    path: Path, spoken: Sequence[str], plan: Sequence[int | str] = (), **options: Any
) -> tuple[EdgeService, Clip | SynthesisError]:
    """`spoken` read by the real edge-tts (through EdgeTtsTransport) from an EdgeService at `path`."""

    async def main() -> tuple[EdgeService, Clip | SynthesisError]:
        connector = _LastingUnixConnector(str(path))
        service = EdgeService(path, tone(1.0), plan)
        transport = EdgeTtsTransport(connector=lambda: connector)
        synthesizer = EdgeSynthesizer(Lexicon({}), transport=transport, sleep=Clock().sleep, timeout=5, **options)
        async with service:
            try:
                return service, await synthesizer.synthesize(script(*spoken), VOICE)
            except SynthesisError as error:
                return service, error
            finally:
                await connector.really_close()

    return asyncio.run(main())


def test_edge_tts_end_to_end_against_a_local_service(sockets: Callable[[], Path]) -> None:
    spoken = ["今天天气很好。", "我们去公园散步，", "晚上回家。"]
    service, clip = read_through_edge_tts(sockets(), spoken)
    assert isinstance(clip, Clip)
    assert service.texts == ["\n".join(spoken)]
    assert clip.pcm == decode_mp3(tone(1.0))
    # Each sentence starts at its first word's boundary: 今天, 我们, 晚上.
    offsets = dict(service.boundaries[0])
    assert [t.start for t in clip.timings] == pytest.approx([0.0, offsets["我们"] / 1e7, offsets["晚上"] / 1e7])
    assert_well_timed(clip, 3)


def test_edge_tts_splits_a_long_text_and_the_offsets_continue_across_requests(sockets: Callable[[], Path]) -> None:
    # 1,400 characters are 4,200 bytes: edge-tts sends them in two requests and adds the first's
    # audio length (from its byte count, the stream being 48 kbit/s) to the second's offsets.
    spoken = ["今天" * 350 + "。", "我们" * 300 + "。", "晚上" * 50 + "。"]
    service, clip = read_through_edge_tts(sockets(), spoken)
    assert isinstance(clip, Clip)
    assert service.texts == ["\n".join(spoken[:2]), spoken[2]]  # cut at the last line break within 4096 bytes
    assert clip.pcm == decode_mp3(tone(1.0) * 2)
    first_audio = len(tone(1.0)) * 8 / 48_000
    second = service.boundaries[1]
    # s3's first word is the second request's first 晚上.
    later = next(offset for word, offset in second if word == "晚上")
    assert clip.timings[2].start == pytest.approx(first_audio + later / 1e7)
    assert clip.timings[1].start < first_audio
    assert_well_timed(clip, 3)


def test_edge_tts_ending_quietly_on_a_dropped_connection_is_caught_and_read_again(sockets: Callable[[], Path]) -> None:
    # edge-tts returns normally when the websocket closes before turn.end; only the transport notices.
    service, clip = read_through_edge_tts(sockets(), ["今天天气很好。", "晚上回家。"], plan=["drop"])
    assert isinstance(clip, Clip)
    assert len(service.texts) == 2 and clip.pcm == decode_mp3(tone(1.0))


def test_edge_tts_refused_handshakes_are_retried_then_reported(sockets: Callable[[], Path]) -> None:
    service, clip = read_through_edge_tts(sockets(), ["今天天气很好。"], plan=[503, 429])
    assert isinstance(clip, Clip) and service.texts == ["今天天气很好。"]
    _, failure = read_through_edge_tts(sockets(), ["今天天气很好。"], plan=[503] * 3, retries=2)
    assert str(failure) == "edge: 503 Service Unavailable (gave up after 3 attempts)"
