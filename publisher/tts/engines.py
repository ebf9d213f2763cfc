"""Settings → the narrator of a build: the engine chosen (auto probes the online service once),
its voices, the desk's lexicon and the recording cache."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from publisher.config import Settings
from publisher.tts import Synthesizer
from publisher.tts.lexicon import Lexicon
from publisher.tts.narrator import ClipCache, Narrator, Progress, default_cache_folder

if TYPE_CHECKING:
    from publisher.tts.edge import EdgeTransport

#: Seconds the auto choice waits for the online service before reading offline.
PROBE_TIMEOUT = 5.0


def make_narrator(
    settings: Settings,
    environment: Mapping[str, str],
    progress: Progress | None = None,
    edge_transport: EdgeTransport | None = None,
) -> Narrator | None:
    """The narrator for `settings.tts`, or None for no audio edition. `edge_transport` replaces the
    real online service (tests, or a proxy of the desk's own)."""
    if settings.tts == "none":
        return None
    lexicons = cache(lambda language: Lexicon.for_variant(language, settings.pronunciation))
    note = ""
    engine: Synthesizer
    if settings.tts == "auto":
        from publisher.tts.edge import probe

        if asyncio.run(probe(edge_transport, timeout=PROBE_TIMEOUT)):
            engine, note = _edge(settings, lexicons, edge_transport), "auto: the online service answered"
        else:
            engine, note = _espeak(settings, lexicons), "auto: the online service is unreachable, read offline"
    elif settings.tts == "edge":
        engine = _edge(settings, lexicons, edge_transport)
    else:
        engine = _espeak(settings, lexicons)
    voices = _voices(engine.name) | (settings.edge_voices if engine.name == "edge" else settings.espeak_voices)
    folder = settings.audio_cache or default_cache_folder(environment)
    return Narrator(engine, voices, ClipCache(folder), progress, note=note)


def _edge(settings: Settings, lexicons: Callable[[str], Lexicon], transport: EdgeTransport | None) -> Synthesizer:
    from publisher.tts.edge import EdgeSynthesizer

    return EdgeSynthesizer(
        lexicons,
        rate=settings.tts_rate,
        timeout=settings.edge_timeout,
        retries=settings.edge_retries,
        concurrency=settings.edge_concurrency,
        transport=transport,
    )


def _espeak(settings: Settings, lexicons: Callable[[str], Lexicon]) -> Synthesizer:
    from publisher.tts.espeak import EspeakSynthesizer

    return EspeakSynthesizer(lexicons, rate=settings.tts_rate)


def _voices(engine: str) -> dict[str, str]:
    if engine == "edge":
        from publisher.tts.edge import DEFAULT_VOICES
    else:
        from publisher.tts.espeak import DEFAULT_VOICES
    return dict(DEFAULT_VOICES)
