"""Scripts → recordings: each script synthesized once, normalized, encoded and kept in a cache.

A recording is cached under the hash of everything its sound depends on (what the engine reads,
engine and version, voice, rate, format), the moment it is made: a rebuild of unchanged text
synthesizes nothing, an interrupted build resumes where it stopped, and a corrected paragraph
re-synthesizes only its article. A script that still fails after the engine's retries is reported,
not raised, so everything else is published.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from publisher.transforms.speech import Script
from publisher.tts import BITRATE_KBPS, ENCODER_DELAY_SECONDS, TARGET_LUFS, SentenceTiming, SynthesisError, Synthesizer

#: Bump when what a cached recording contains changes, so old entries are not read
#: (2: timings count the encoder's lead-in).
CACHE_FORMAT = 2
_AUDIO_FORMAT = f"mp3 24000 Hz mono {BITRATE_KBPS} kbit/s {TARGET_LUFS} LUFS"


@dataclass(frozen=True)
class Recording:
    """A script read aloud, as published: loudness-normalized MP3 and when each sentence is heard."""

    mp3: bytes
    timings: tuple[SentenceTiming, ...]
    #: Seconds of audio before encoding (the MP3 adds the encoder's few milliseconds of padding).
    duration: float
    engine: str
    engine_version: str
    voice: str


@dataclass(frozen=True)
class Failure:
    script: Script
    voice: str
    reason: str
    #: The issue the script belongs to (its date), as the caller named it.
    issue: str = ""


class Progress(Protocol):
    """How a long synthesis is shown: a bar on a terminal, log lines otherwise, nothing in tests."""

    def start(self, total: int) -> None: ...

    def advance(self, done: str) -> None: ...

    def stop(self) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, done: str) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class Tally:
    synthesized: int = 0
    cached: int = 0
    failed: list[Failure] = field(default_factory=list)


class ClipCache:
    """Recordings on disk: <key>.mp3 and <key>.json, each written to a temporary file and renamed,
    the JSON last, so a half-written entry is never read."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".mp3"), base.with_suffix(".json")

    def get(self, key: str) -> Recording | None:
        audio_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            mp3 = audio_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("cache") != CACHE_FORMAT or len(mp3) != meta.get("bytes"):
            return None
        timings = tuple(SentenceTiming(t["id"], t["start"], t["end"]) for t in meta["timings"])
        return Recording(mp3, timings, meta["duration"], meta["engine"], meta["engine_version"], meta["voice"])

    def put(self, key: str, recording: Recording) -> None:
        audio_path, meta_path = self._paths(key)
        meta = {
            "cache": CACHE_FORMAT,
            "bytes": len(recording.mp3),
            "duration": recording.duration,
            "engine": recording.engine,
            "engine_version": recording.engine_version,
            "voice": recording.voice,
            "timings": [{"id": t.id, "start": t.start, "end": t.end} for t in recording.timings],
        }
        audio_path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(audio_path, recording.mp3)
        _write_atomically(meta_path, json.dumps(meta, ensure_ascii=False).encode())


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Narrator:
    """Reads scripts aloud with one engine, through the cache, and keeps the tally."""

    def __init__(
        self,
        engine: Synthesizer,
        voices: Mapping[str, str],
        cache: ClipCache,
        progress: Progress | None = None,
        note: str = "",
    ) -> None:
        self.engine = engine
        self._voices = voices
        self._cache = cache
        self._progress = progress or _Silent()
        #: Why this engine was chosen (auto: "edge unreachable"), for the summary.
        self.note = note
        self.tally = Tally()
        self._this_build: dict[str, Recording | Failure] = {}

    def voice(self, language: str) -> str:
        return self._voices[language]

    def failed(self, language: str, issue: str, script_id: str) -> bool:
        """Whether this build failed to record a script of an issue; "edition", the full edition,
        fails with any of its parts."""
        return any(
            f.script.language == language and f.issue == issue and script_id in (f.script.id, "edition")
            for f in self.tally.failed
        )

    def describe(self, variants: Sequence[str]) -> dict[str, object]:
        """Who reads, as the manifest records it: every recording of a build is this engine's, as
        the engine is part of each recording's cache key."""
        return {
            "engine": self.engine.name,
            "version": self.engine.version,
            "voices": {variant: self.voice(variant) for variant in variants},
            **({"chosen": self.note} if self.note else {}),
        }

    def cache_key(self, script: Script) -> str:
        material = {
            "cache": CACHE_FORMAT,
            "format": _AUDIO_FORMAT,
            "engine": self.engine.name,
            "version": self.engine.version,
            "read": self.engine.fingerprint(script, self.voice(script.language)),
        }
        return hashlib.sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def record(self, scripts: Sequence[Script], issue: str = "") -> dict[str, Recording | Failure]:
        """Each script's recording (or why it failed), by script id, cached ones without synthesis;
        `issue` names the issue they belong to in failures."""
        results: dict[str, Recording | Failure] = {}
        missing: list[tuple[Script, str]] = []
        for script in scripts:
            key = self.cache_key(script)
            # Asked again in the same build (the read-along EPUB, then the audio edition): the same
            # answer, counted once, and a failure not tried twice.
            if key in self._this_build:
                results[script.id] = self._this_build[key]
                continue
            cached = self._cache.get(key)
            if cached is not None:
                results[script.id] = self._this_build[key] = cached
                self.tally.cached += 1
            else:
                missing.append((script, key))
        if missing:
            self._progress.start(len(missing))
            try:
                synthesized = asyncio.run(self._synthesize_all(missing, issue))
            finally:
                self._progress.stop()
            for script, key in missing:
                results[script.id] = self._this_build[key] = synthesized[script.id]
        return {script.id: results[script.id] for script in scripts}

    async def _synthesize_all(self, scripts: list[tuple[Script, str]], issue: str) -> dict[str, Recording | Failure]:
        # The engine's limit covers synthesis only: loudness and encoding run on the machine's cores
        # meanwhile, one recording a core.
        synthesis = asyncio.Semaphore(max(1, self.engine.concurrency))
        encoding = asyncio.Semaphore(os.cpu_count() or 1)

        async def one(script: Script, key: str) -> tuple[str, Recording | Failure]:
            return script.id, await self._synthesize(script, key, issue, synthesis, encoding)

        return dict(await asyncio.gather(*(one(script, key) for script, key in scripts)))

    async def _synthesize(
        self, script: Script, key: str, issue: str, synthesis: asyncio.Semaphore, encoding: asyncio.Semaphore
    ) -> Recording | Failure:
        voice = self.voice(script.language)
        try:
            async with synthesis:
                clip = await self.engine.synthesize(script, voice)
        except SynthesisError as error:
            failure = Failure(script, voice, str(error), issue)
            self.tally.failed.append(failure)
            self._progress.advance(f"failed: {script.language} {script.id} ({error})")
            return failure
        from publisher.tts.audio import publishable_mp3  # numpy and scipy, only when something is synthesized

        async with encoding:
            mp3, duration = await asyncio.to_thread(publishable_mp3, clip.pcm)
        recording = Recording(
            mp3=mp3,
            # Heard in the MP3 after the encoder's lead-in, which the PCM they were timed on lacks.
            timings=tuple(
                SentenceTiming(t.id, t.start + ENCODER_DELAY_SECONDS, t.end + ENCODER_DELAY_SECONDS)
                for t in clip.timings
            ),
            duration=duration,
            engine=self.engine.name,
            engine_version=self.engine.version,
            voice=voice,
        )
        self._cache.put(key, recording)
        self.tally.synthesized += 1
        self._progress.advance(f"{script.language} {script.id} {recording.duration:.0f} s")
        return recording


def default_cache_folder(environment: Mapping[str, str]) -> Path:
    """$XDG_CACHE_HOME/publisher/audio, else ~/.cache/publisher/audio: outside out/, which each build replaces."""
    base = environment.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "publisher" / "audio"
