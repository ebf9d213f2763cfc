"""The narrator: each script synthesized once, cached by content, failures reported not raised."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from fakes import PAUSE, SECONDS_PER_CHARACTER, FakeSynthesizer

from publisher.transforms.speech import Script, Sentence
from publisher.tts import ENCODER_DELAY_SECONDS
from publisher.tts.narrator import ClipCache, Failure, Narrator, Recording

VOICES = {"zh-Hans": "voice-hans", "zh-Hant-TW": "voice-tw"}


def script(script_id: str, *sentences: str, language: str = "zh-Hans") -> Script:
    return Script(
        script_id,
        language,
        sentences[0],
        tuple(Sentence(f"s{n}", "paragraph", 0, text, text) for n, text in enumerate(sentences, 1)),
    )


SCRIPTS = [script("a", "第一句。", "第二句话。"), script("b", "另一篇文章。"), script("c", "第三篇。")]


def narrator(tmp_path: Path, engine: FakeSynthesizer | None = None) -> Narrator:
    return Narrator(engine or FakeSynthesizer(), VOICES, ClipCache(tmp_path / "cache"))


def test_recordings_have_engine_voice_timings_and_mp3(tmp_path: Path) -> None:
    recordings = narrator(tmp_path).record(SCRIPTS)
    assert list(recordings) == ["a", "b", "c"]
    first = recordings["a"]
    assert isinstance(first, Recording)
    assert (first.engine, first.engine_version, first.voice) == ("fake", "1", "voice-hans")
    assert first.mp3[:2] == b"\xff\xf3"  # an MPEG-2 layer III frame: 24 kHz
    expected = SECONDS_PER_CHARACTER * (4 + 5) + 2 * PAUSE
    assert first.duration == pytest.approx(expected, abs=0.01)
    assert [t.id for t in first.timings] == ["s1", "s2"]
    assert first.timings[1].start == pytest.approx(SECONDS_PER_CHARACTER * 4 + PAUSE + ENCODER_DELAY_SECONDS)


def test_a_second_run_synthesizes_nothing(tmp_path: Path) -> None:
    first = narrator(tmp_path)
    first.record(SCRIPTS)
    engine = FakeSynthesizer()
    second = narrator(tmp_path, engine)
    again = second.record(SCRIPTS)
    assert engine.calls == []
    assert (second.tally.synthesized, second.tally.cached) == (0, 3)
    assert again["a"] == first.record(SCRIPTS)["a"]


def test_deleting_one_cached_clip_resynthesizes_just_that_one(tmp_path: Path) -> None:
    first = narrator(tmp_path)
    first.record(SCRIPTS)
    next((tmp_path / "cache").rglob(f"{first.cache_key(SCRIPTS[1])}.mp3")).unlink()
    engine = FakeSynthesizer()
    second = narrator(tmp_path, engine)
    second.record(SCRIPTS)
    assert engine.calls == ["b"]
    assert (second.tally.synthesized, second.tally.cached) == (1, 2)


def test_a_corrected_sentence_resynthesizes_only_its_script(tmp_path: Path) -> None:
    narrator(tmp_path).record(SCRIPTS)
    engine = FakeSynthesizer()
    corrected = [SCRIPTS[0], script("b", "另一篇更正后的文章。"), SCRIPTS[2]]
    narrator(tmp_path, engine).record(corrected)
    assert engine.calls == ["b"]


def test_the_key_depends_on_voice_engine_version_and_text(tmp_path: Path) -> None:
    base = narrator(tmp_path)
    key = base.cache_key(SCRIPTS[0])
    other_voice = Narrator(FakeSynthesizer(), {"zh-Hans": "another"}, ClipCache(tmp_path))
    upgraded = FakeSynthesizer()
    upgraded.version = "2"
    assert len({key, other_voice.cache_key(SCRIPTS[0]), narrator(tmp_path, upgraded).cache_key(SCRIPTS[0])}) == 3
    assert base.cache_key(script("a", "第一句。", "第二句话。")) == key


def test_a_half_written_cache_entry_is_synthesized_again(tmp_path: Path) -> None:
    first = narrator(tmp_path)
    first.record(SCRIPTS[:1])
    key = first.cache_key(SCRIPTS[0])
    audio = next((tmp_path / "cache").rglob(f"{key}.mp3"))
    audio.write_bytes(audio.read_bytes()[:100])  # an interrupted copy: the size no longer matches
    engine = FakeSynthesizer()
    narrator(tmp_path, engine).record(SCRIPTS[:1])
    assert engine.calls == ["a"]
    meta = json.loads(audio.with_suffix(".json").read_text())
    assert meta["bytes"] == audio.stat().st_size


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    class Interrupted(FakeSynthesizer):
        async def synthesize(self, script: Script, voice: str):
            if script.id == "c":
                # Ctrl-C once the recordings before it are safely in the cache.
                while len(list((tmp_path / "cache").rglob("*.json"))) < 2:
                    await asyncio.sleep(0.01)
                raise KeyboardInterrupt
            return await super().synthesize(script, voice)

    with pytest.raises(KeyboardInterrupt):
        narrator(tmp_path, Interrupted(concurrency=1)).record(SCRIPTS)
    engine = FakeSynthesizer()
    narrator(tmp_path, engine).record(SCRIPTS)
    assert engine.calls == ["c"]
    assert not [p for p in (tmp_path / "cache").rglob(".*") if p.is_file()], "a temporary file was left"


def test_a_failure_is_reported_and_the_rest_recorded(tmp_path: Path) -> None:
    engine = FakeSynthesizer(fail={"b"})
    reader = narrator(tmp_path, engine)
    recordings = reader.record(SCRIPTS)
    assert isinstance(recordings["b"], Failure)
    assert recordings["b"].reason == "fake: b refused"
    assert isinstance(recordings["a"], Recording) and isinstance(recordings["c"], Recording)
    assert [f.script.id for f in reader.tally.failed] == ["b"]
    # Nothing was cached for it: the next run tries again.
    retry = FakeSynthesizer()
    narrator(tmp_path, retry).record(SCRIPTS)
    assert retry.calls == ["b"]


def test_no_more_syntheses_at_once_than_the_engine_allows(tmp_path: Path) -> None:
    engine = FakeSynthesizer(concurrency=2)
    many = [script(f"x{n}", f"第{n}句。") for n in range(8)]
    narrator(tmp_path, engine).record(many)
    assert engine.most_at_once == 2
    assert sorted(engine.calls) == sorted(s.id for s in many)


def test_scripts_of_each_language_get_their_variants_voice(tmp_path: Path) -> None:
    recordings = narrator(tmp_path).record([script("t", "臺灣版。", language="zh-Hant-TW")])
    assert recordings["t"].voice == "voice-tw"


def test_asked_twice_in_one_build_the_narrator_answers_once(tmp_path: Path) -> None:
    """The read-along EPUB and the audio edition ask for the same recordings: counted once, and a
    failure is not tried a second time."""
    engine = FakeSynthesizer(fail={"b"})
    reader = narrator(tmp_path, engine)
    first = reader.record(SCRIPTS)
    second = reader.record(SCRIPTS)
    assert first == second
    assert engine.calls.count("b") == 1
    assert (reader.tally.synthesized, reader.tally.cached, len(reader.tally.failed)) == (2, 0, 1)
