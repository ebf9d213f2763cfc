"""The audio edition of the seed issue, read by the real offline engine: per-article MP3s with
transcripts and timings, a chaptered full edition, and podcast feeds a podcast app can read."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from conftest import SECOND_ISSUE, SEED
from fakes import FakeSynthesizer
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from publisher.build import BuildResult, build
from publisher.config import Settings
from publisher.ingest import parse_issue
from publisher.transforms.speech import article_script
from publisher.tts import TARGET_LUFS, TRUE_PEAK_CEILING_DBTP
from publisher.tts.audio import decode_mp3, loudness, samples, true_peak
from publisher.tts.engines import make_narrator
from publisher.tts.narrator import ClipCache, Narrator, default_cache_folder

BASE = "https://news.example.org/"
SHARED_CACHE = default_cache_folder(os.environ)
VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
FOLDERS = {variant: f"{variant}/yuzhongbao" for variant in VARIANTS}
DATE = "2024-03-06"
SETTINGS = Settings(
    base_url=BASE, tts="espeak", podcast_owner_name="渝中报社", podcast_owner_email="desk@news.example.org"
)


def offline_build(out: Path, cache: Path, inputs: list[Path] | None = None, **changes: object) -> BuildResult:
    settings = replace(SETTINGS, audio_cache=cache, **changes)
    return build(inputs or [SEED], out, settings, narrator=lambda: make_narrator(settings, os.environ))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = tmp_path_factory.mktemp("audio")
    # The run's shared cache (conftest): the command-line tests' builds of the seed reuse these recordings.
    return root / "out", offline_build(root / "out", SHARED_CACHE)


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text())["artifacts"]


def mp3_seconds(path: Path) -> float:
    return MP3(path).info.length


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_article_and_the_full_edition_are_read(built: tuple[Path, BuildResult], variant: str) -> None:
    out, result = built
    issue = result.issues[0]
    audio = out / FOLDERS[variant] / DATE / "audio"
    assert sorted(p.name for p in audio.glob("*.mp3")) == sorted(
        [*(f"{a.id}.mp3" for a in issue.articles), "edition.mp3"]
    )
    assert len(issue.articles) == 6
    for article in issue.articles:
        tags = ID3(audio / f"{article.id}.mp3")
        assert tags.version[:2] == (2, 4)
        assert tags["TPE1"].text == [result.issues[0].paper if variant == "zh-Hans" else "渝中報"]
        assert tags["TXXX:engine"].text[0].startswith("espeak ")
        assert tags["TXXX:voice"].text == ["yue" if variant == "zh-Hant-HK" else "cmn-latn-pinyin"]
        assert tags["TXXX:language"].text == [variant]
        assert tags["TDRC"].text[0].get_text() == DATE
        assert tags.getall("APIC")[0].mime == "image/jpeg"
        info = MP3(audio / f"{article.id}.mp3").info
        assert (info.sample_rate, info.channels, info.bitrate) == (24_000, 1, 48_000)


def test_durations_are_in_proportion_to_the_text(built: tuple[Path, BuildResult]) -> None:
    out, result = built
    issue = result.issues[0]
    rates = []
    for article in issue.articles:
        characters = len(article_script(article, "zh-Hans").spoken)
        seconds = mp3_seconds(out / FOLDERS["zh-Hans"] / DATE / "audio" / f"{article.id}.mp3")
        rates.append(characters / seconds)
    # Every article is read at the same pace (characters a second), whatever its length.
    assert max(rates) / min(rates) < 1.6, rates
    assert min(rates) > 2 and max(rates) < 8


@pytest.mark.parametrize("variant", VARIANTS)
def test_loudness_and_true_peak(built: tuple[Path, BuildResult], variant: str) -> None:
    out, _ = built
    audio = out / FOLDERS[variant] / DATE / "audio"
    # The full edition is its articles' frames joined: measured once, in the printed edition.
    paths = sorted(audio.glob("p*.mp3")) + ([audio / "edition.mp3"] if variant == "zh-Hans" else [])
    for path in paths:
        pcm = samples(decode_mp3(path.read_bytes()))
        assert loudness(pcm) == pytest.approx(TARGET_LUFS, abs=1.0), path.name
        assert true_peak(pcm) <= TRUE_PEAK_CEILING_DBTP, path.name


@pytest.mark.parametrize("variant", VARIANTS)
def test_full_edition_has_chapters_mutagen_reads(built: tuple[Path, BuildResult], variant: str) -> None:
    out, result = built
    issue = result.issues[0]
    audio = out / FOLDERS[variant] / DATE / "audio"
    edition = audio / "edition.mp3"
    tags = ID3(edition)
    chapters = sorted(tags.getall("CHAP"), key=lambda chap: chap.start_time)
    assert len(chapters) == 1 + len(issue.articles)  # the introduction, then each article
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == [chap.element_id for chap in chapters]
    length_ms = mp3_seconds(edition) * 1000
    assert chapters[0].start_time == 0
    for before, after in itertools.pairwise(chapters):
        assert before.end_time == after.start_time
    assert abs(chapters[-1].end_time - length_ms) < 1000
    # Each article's chapter lasts as long as its own recording, plus the pause before the next.
    for chap, article in zip(chapters[1:], issue.articles, strict=True):
        alone = mp3_seconds(audio / f"{article.id}.mp3") * 1000
        assert abs((chap.end_time - chap.start_time) - alone) < 1600
    json_chapters = json.loads((audio / "edition.chapters.json").read_text())
    assert json_chapters["version"] == "1.2.0"
    assert [round(c["startTime"] * 1000) for c in json_chapters["chapters"]] == [c.start_time for c in chapters]
    assert json_chapters["chapters"][1]["url"].startswith(BASE + FOLDERS[variant])
    assert [c.sub_frames["TIT2"].text[0] for c in chapters[1:]] == [c["title"] for c in json_chapters["chapters"][1:]]


CUE = re.compile(r"^(\S+)\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})\n(.+)$", re.M)


def cues(path: Path) -> list[tuple[str, float, float, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\n")
    found = []
    for match in CUE.finditer(text):
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, match.groups()[1:9])
        found.append(
            (match[1], h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, match[10])
        )
    return found


@pytest.mark.parametrize("variant", VARIANTS)
def test_transcripts_span_the_audio(built: tuple[Path, BuildResult], variant: str) -> None:
    out, result = built
    audio = out / FOLDERS[variant] / DATE / "audio"
    for name in [*(a.id for a in result.issues[0].articles), "edition"]:
        found = cues(audio / f"{name}.vtt")
        length = mp3_seconds(audio / f"{name}.mp3")
        assert found[0][1] < 0.5
        assert abs(found[-1][2] - length) < 1.0, name
        assert all(start <= end for _, start, end, _ in found)
        assert all(a[2] <= b[1] for a, b in itertools.pairwise(found)), "cues overlap"
        assert len({cue_id for cue_id, *_ in found}) == len(found)


def test_transcript_and_timing_show_the_printed_text(built: tuple[Path, BuildResult]) -> None:
    out, result = built
    article = result.issues[0].articles[0]
    audio = out / FOLDERS["zh-Hans"] / DATE / "audio"
    found = cues(audio / f"{article.id}.vtt")
    assert found[0][3] == article_script(article, "zh-Hans").sentences[0].text
    timing = json.loads((audio / f"{article.id}.json").read_text())
    assert timing["article"] == article.id and timing["audio"] == f"{article.id}.mp3"
    assert [(s["id"], s["start"], s["end"]) for s in timing["sentences"]] == [
        (cue_id, start, end) for cue_id, start, end, _ in found
    ]
    assert timing["sentences"][0]["kind"] in ("kicker", "title")


@pytest.mark.parametrize("variant", VARIANTS)
def test_podcast_feed(built: tuple[Path, BuildResult], variant: str) -> None:
    out, result = built
    folder = out / FOLDERS[variant]
    feed_url = f"{BASE}{FOLDERS[variant]}/podcast.xml"
    parsed = feedparser.parse((folder / "podcast.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.language == variant
    assert channel.image.href == f"{BASE}{FOLDERS[variant]}/podcast.jpg"
    assert channel.publisher_detail.email == "desk@news.example.org"
    assert channel.tags[0].term == "News"
    raw = (folder / "podcast.xml").read_text()
    assert "<itunes:type>episodic</itunes:type>" in raw
    assert "<itunes:explicit>false</itunes:explicit>" in raw
    expected_guid = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), feed_url.removeprefix("https://"))
    assert f"<podcast:guid>{expected_guid}</podcast:guid>" in raw
    assert re.search(r'<podcast:locked owner="desk@news.example.org">yes</podcast:locked>', raw)
    articles = result.issues[0].articles
    assert len(parsed.entries) == len(articles) + 1
    assert parsed.entries[0].enclosures[0].href.endswith("/audio/edition.mp3")
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        path = out / enclosure.href.removeprefix(BASE)
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == path.stat().st_size
        assert abs(int(entry.itunes_duration) - mp3_seconds(path)) <= 1
        assert entry.id.startswith("tag:news.example.org,2024-03-06:yuzhongbao/")
    transcripts = re.findall(
        r'<podcast:transcript url="([^"]+)" type="text/vtt" language="([^"]+)" rel="captions"/>', raw
    )
    assert len(transcripts) == len(parsed.entries)
    assert {language for _, language in transcripts} == {variant}
    assert all((out / url.removeprefix(BASE)).is_file() for url, _ in transcripts)
    (chapters,) = re.findall(r'<podcast:chapters url="([^"]+)" type="application/json\+chapters"/>', raw)
    assert chapters.endswith("/audio/edition.chapters.json")


def test_artwork_is_a_3000_pixel_square_jpeg(built: tuple[Path, BuildResult]) -> None:
    from PIL import Image

    out, _ = built
    with Image.open(out / FOLDERS["zh-Hant-TW"] / "podcast.jpg") as image:
        assert (image.format, image.size, image.mode) == ("JPEG", (3000, 3000), "RGB")


def test_manifest_lists_every_audio_file_by_kind(built: tuple[Path, BuildResult]) -> None:
    out, result = built
    speech = json.loads((out / "manifest.json").read_text())["speech"]
    assert speech["engine"] == "espeak" and speech["version"].startswith("1.")
    assert speech["voices"] == {"zh-Hans": "cmn-latn-pinyin", "zh-Hant-TW": "cmn-latn-pinyin", "zh-Hant-HK": "yue"}
    kinds: dict[str, int] = {}
    for artifact in manifest(out):
        kinds[artifact["kind"]] = kinds.get(artifact["kind"], 0) + 1
        assert (out / artifact["path"]).stat().st_size == artifact["bytes"]
    articles = len(result.issues[0].articles)
    assert kinds["audio"] == 3 * (articles + 1)
    assert kinds["transcript"] == 3 * (articles + 1)
    assert kinds["timing"] == 3 * articles
    assert kinds["chapters"] == 3
    assert kinds["podcast"] == 3


def test_rebuild_synthesizes_nothing_and_gives_the_same_bytes(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    out, _ = built
    second = offline_build(tmp_path / "out", SHARED_CACHE)
    assert (second.narrator.tally.synthesized, second.narrator.tally.cached) == (0, 3 * 7)
    for artifact in manifest(out):
        assert (tmp_path / "out" / artifact["path"]).read_bytes() == (out / artifact["path"]).read_bytes(), artifact[
            "path"
        ]


def test_deleting_one_clip_resynthesizes_just_that_one(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    out, first = built
    shutil.copytree(SHARED_CACHE, tmp_path / "cache")
    key = first.narrator.cache_key(article_script(first.issues[0].articles[2], "zh-Hans"))
    next((tmp_path / "cache").rglob(f"{key}.mp3")).unlink()
    second = offline_build(tmp_path / "out", tmp_path / "cache", variants=("zh-Hans",))
    assert (second.narrator.tally.synthesized, second.narrator.tally.cached) == (1, 6)
    rebuilt = first.issues[0].articles[2].id
    for name in ("p1-369b381e", rebuilt):
        path = f"{FOLDERS['zh-Hans']}/{DATE}/audio/{name}.mp3"
        assert (tmp_path / "out" / path).read_bytes() == (out / path).read_bytes()


def test_a_failed_recording_leaves_its_episode_out_and_the_rest_published(tmp_path: Path) -> None:
    issue = parse_issue([SEED])
    failing = issue.articles[1].id
    engine = FakeSynthesizer(fail={failing})
    settings = replace(SETTINGS, variants=("zh-Hans",))
    narrator = Narrator(engine, {"zh-Hans": "fake"}, ClipCache(tmp_path / "cache"))
    result = build([SEED], tmp_path / "out", settings, narrator=lambda: narrator)
    assert result.partial
    assert [f.script.id for f in result.narrator.tally.failed] == [failing]
    audio = tmp_path / "out" / FOLDERS["zh-Hans"] / DATE / "audio"
    assert not (audio / f"{failing}.mp3").exists()
    assert not (audio / "edition.mp3").exists()  # an edition missing an article waits for the next build
    parsed = feedparser.parse((tmp_path / "out" / FOLDERS["zh-Hans"] / "podcast.xml").read_bytes())
    hrefs = [entry.enclosures[0].href for entry in parsed.entries]
    assert len(hrefs) == len(issue.articles) - 1
    assert all((tmp_path / "out" / href.removeprefix(BASE)).is_file() for href in hrefs)
    # The EPUB and feeds are published all the same.
    assert (tmp_path / "out" / FOLDERS["zh-Hans"] / "rss.xml").is_file()
    # The next build fills the gap, synthesizing only what failed.
    retry = FakeSynthesizer()
    narrator = Narrator(retry, {"zh-Hans": "fake"}, ClipCache(tmp_path / "cache"))
    result = build([SEED], tmp_path / "out", settings, narrator=lambda: narrator)
    assert not result.partial and retry.calls == [failing]
    assert (audio / "edition.mp3").is_file()


def test_an_archive_of_two_issues_is_one_feed_newest_first(tmp_path: Path) -> None:
    engine = FakeSynthesizer()
    settings = replace(SETTINGS, variants=("zh-Hans",))
    narrator = Narrator(engine, {"zh-Hans": "fake"}, ClipCache(tmp_path / "cache"))
    result = build([SEED, SECOND_ISSUE], tmp_path / "out", settings, narrator=lambda: narrator)
    parsed = feedparser.parse((tmp_path / "out" / FOLDERS["zh-Hans"] / "podcast.xml").read_bytes())
    dates = [entry.id.split(",")[1].split(":")[0] for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(result.issues, key=lambda issue: issue.date)
    assert parsed.entries[0].enclosures[0].href.endswith(f"{newest.date}/audio/edition.mp3")
    assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)


def test_no_audio_edition_with_tts_none(tmp_path: Path) -> None:
    settings = replace(SETTINGS, tts="none", variants=("zh-Hans",))
    result = build([SEED], tmp_path / "out", settings, narrator=lambda: make_narrator(settings, os.environ))
    assert result.narrator is None
    assert not list((tmp_path / "out").rglob("*.mp3"))
    assert not (tmp_path / "out" / FOLDERS["zh-Hans"] / "podcast.xml").exists()
    assert "speech" not in json.loads((tmp_path / "out" / "manifest.json").read_text())


def test_id3_chapters_survive_a_round_trip_through_bytes(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    data = (out / FOLDERS["zh-Hant-HK"] / DATE / "audio" / "edition.mp3").read_bytes()
    assert data[:3] == b"ID3"
    assert ID3(io.BytesIO(data)).getall("CTOC")
