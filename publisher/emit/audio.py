"""A paper's archive in one variant → its audio edition: an MP3, a WebVTT transcript and a timing
file per article; per issue a full edition with ID3 and JSON chapters; and the podcast feed.

The narrator (engine plus cache) comes from the build context; this module only arranges what it
recorded. An article whose recording failed is left out of the feed and its issue gets no full
edition this time, rather than a feed that points at a missing file; the build reports it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mutagen.id3 import APIC, CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TPUB, TRCK, TXXX, CTOCFlags
from mutagen.mp3 import MP3

from publisher.emit.cover import podcast_artwork
from publisher.emit.labels import VARIANT_NAMES, labels
from publisher.emit.markup import summary, xml_text
from publisher.emit.podcast import Channel, Episode, podcast_feed
from publisher.model import SYNDICATED_KINDS, Issue
from publisher.output import Artifact
from publisher.transforms.speech import Script, article_script, intro_script
from publisher.tts import SentenceTiming
from publisher.tts.narrator import Failure, Narrator, Recording

if TYPE_CHECKING:
    from publisher.emit import BuildContext

#: Apple's largest square artwork; the copy inside each MP3 is small, as players show it small.
ARTWORK_PIXELS = 3000
_TAG_ARTWORK_PIXELS = 600
#: The pause between the parts of a full edition.
_PAUSE_BETWEEN_ARTICLES = 1.5
#: ID3's language frame takes ISO 639-2, which has one code for every Chinese language.
_ID3_LANGUAGE = "chi"


@dataclass(frozen=True)
class _Part:
    """One recorded script of an issue: the intro or an article."""

    script: Script
    recording: Recording
    title: str
    link: str | None


class AudioEmitter:
    name = "audio"

    def emit_archive(self, editions: list[Issue], context: BuildContext) -> list[Artifact]:
        narrator = context.narrator
        if narrator is None:
            return []
        editions = [edition.carrying(SYNDICATED_KINDS) for edition in editions]
        newest = max(editions, key=lambda issue: issue.date)
        folder = context.paper_folder(newest)
        language = newest.language
        font = context.cover_font(language)
        artwork_path = context.feed_path(newest, "artwork")
        artifacts = [
            context.writer.write(
                artwork_path,
                podcast_artwork(newest.paper, language, font, ARTWORK_PIXELS),
                kind="artwork",
                variant=language,
            )
        ]
        small_artwork = podcast_artwork(newest.paper, language, font, _TAG_ARTWORK_PIXELS)
        episodes: list[Episode] = []
        for issue in sorted(editions, key=lambda issue: issue.date, reverse=True):
            written, issue_episodes = self._issue(issue, narrator, small_artwork, context)
            artifacts += written
            episodes += issue_episodes
        feed_path = context.feed_path(newest, "podcast")
        words = labels(language)
        channel = Channel(
            title=xml_text(
                " · ".join(filter(None, [newest.paper, VARIANT_NAMES.get(language), words["audio_edition"]]))
            ),
            description=xml_text(words["podcast_description"].format(paper=newest.paper)),
            home=context.url(f"{folder}/"),
            feed_url=context.url(feed_path),
            language=language,
            author=xml_text(context.settings.podcast_author or newest.masthead.publisher or newest.paper),
            image_url=context.url(artwork_path),
            owner_name=context.settings.podcast_owner_name,
            owner_email=context.settings.podcast_owner_email,
        )
        data = podcast_feed(channel, episodes[: context.settings.feed_items])
        artifacts.append(context.writer.write(feed_path, data, kind="podcast", variant=language))
        return artifacts

    def _issue(
        self, issue: Issue, narrator: Narrator, artwork: bytes, context: BuildContext
    ) -> tuple[list[Artifact], list[Episode]]:
        scripts = {article.id: article_script(article, issue.language) for article in issue.articles}
        scripts = {key: script for key, script in scripts.items() if script.sentences}
        intro = intro_script(issue, len(scripts))
        recordings = narrator.record([intro, *scripts.values()], issue=str(issue.date))
        artifacts: list[Artifact] = []
        episodes: list[Episode] = []
        parts: list[_Part] = []
        for number, (article_id, script) in enumerate(scripts.items(), 1):
            recording = recordings[article_id]
            if isinstance(recording, Failure):
                continue
            article = issue.article(article_id)
            link = context.url(context.article_path(issue, article))
            parts.append(_Part(script, recording, script.title, link))
            tags = _tags(issue, script.title, recording, artwork, track=f"{number}/{len(scripts)}")
            files = {
                ".mp3": ("audio", _tagged(recording.mp3, tags)),
                ".vtt": ("transcript", webvtt([(script, recording.timings, 0.0)])),
                ".json": ("timing", _timing_json(script, recording, context.audio_path(issue, article_id, ".mp3"))),
            }
            written = {
                suffix: context.writer.write(
                    context.audio_path(issue, article_id, suffix),
                    data,
                    kind=kind,
                    variant=issue.language,
                    issue=context.issue_key(issue),
                    article=article_id,
                )
                for suffix, (kind, data) in files.items()
            }
            artifacts += written.values()
            episodes.append(
                Episode(
                    guid=_guid(issue, article_id, context),
                    title=xml_text(script.title),
                    description=xml_text(summary(article)),
                    link=link,
                    audio_url=context.url(written[".mp3"].path),
                    length=written[".mp3"].bytes,
                    duration=round(_mp3_seconds(files[".mp3"][1])),
                    # Newest first in podcast apps: the full edition, then the articles in print order.
                    published=context.published(issue) - dt.timedelta(seconds=number),
                    transcript_url=context.url(written[".vtt"].path),
                )
            )
        intro_recording = recordings[intro.id]
        if len(parts) == len(scripts) and parts and not isinstance(intro_recording, Failure):
            chapters_intro = _Part(intro, intro_recording, labels(issue.language)["intro_chapter"], None)
            edition_artifacts, edition_episode = self._full_edition(issue, [chapters_intro, *parts], artwork, context)
            artifacts += edition_artifacts
            episodes.insert(0, edition_episode)
        return artifacts, episodes

    def _full_edition(
        self, issue: Issue, parts: list[_Part], artwork: bytes, context: BuildContext
    ) -> tuple[list[Artifact], Episode]:
        """The intro and every article in one MP3, a chapter each (ID3 CHAP/CTOC and JSON)."""
        from publisher.tts.audio import mp3_duration, pause_mp3

        words = labels(issue.language)
        # The recordings' MP3 frames joined, with a pause's frames between: no second encoding, so
        # no second loss, and each part keeps the loudness it was given.
        pause = pause_mp3(_PAUSE_BETWEEN_ARTICLES)
        pieces: list[bytes] = []
        starts: list[float] = []
        position = 0.0
        for index, part in enumerate(parts):
            if index:
                pieces.append(pause)
                position += mp3_duration(pause)
            starts.append(position)
            pieces.append(part.recording.mp3)
            position += mp3_duration(part.recording.mp3)
        ends = [*starts[1:], position]
        date = words["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)
        title = words["full_edition"].format(paper=issue.paper, date=date)
        tags = _tags(issue, title, parts[0].recording, artwork)
        for number, (part, start, end) in enumerate(zip(parts, starts, ends, strict=True)):
            tags.add(CHAP(element_id=f"chp{number}", start_time=round(start * 1000), end_time=round(end * 1000),
                          sub_frames=[TIT2(encoding=3, text=part.title)]))  # fmt: skip
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                      child_element_ids=[f"chp{n}" for n in range(len(parts))],
                      sub_frames=[TIT2(encoding=3, text=words["contents"])]))  # fmt: skip
        mp3 = _tagged(b"".join(pieces), tags)
        chapters = {
            "version": "1.2.0",
            "chapters": [
                {"startTime": _in_milliseconds(start), "endTime": _in_milliseconds(end), "title": part.title}
                | ({"url": part.link} if part.link else {})
                for part, start, end in zip(parts, starts, ends, strict=True)
            ],
        }
        files = {
            ".mp3": ("audio", mp3),
            ".vtt": (
                "transcript",
                webvtt([(p.script, p.recording.timings, s) for p, s in zip(parts, starts, strict=True)]),
            ),
            ".chapters.json": ("chapters", (json.dumps(chapters, ensure_ascii=False, indent=1) + "\n").encode()),
        }
        written = {
            suffix: context.writer.write(
                context.audio_path(issue, "edition", suffix),
                data,
                kind=kind,
                variant=issue.language,
                issue=context.issue_key(issue),
            )
            for suffix, (kind, data) in files.items()
        }
        titles = "；".join(part.title for part in parts[1:])
        episode = Episode(
            guid=_guid(issue, "edition", context),
            title=xml_text(title),
            description=xml_text(words["edition_contents"].format(count=len(parts) - 1, titles=titles)),
            link=context.url(context.issue_path(issue)),
            audio_url=context.url(written[".mp3"].path),
            length=written[".mp3"].bytes,
            duration=round(_mp3_seconds(mp3)),
            published=context.published(issue),
            transcript_url=context.url(written[".vtt"].path),
            chapters_url=context.url(written[".chapters.json"].path),
        )
        return list(written.values()), episode


def _guid(issue: Issue, name: str, context: BuildContext) -> str:
    """tag:host,2024-03-06:yuzhongbao/zh-Hans/p1-7e169790/audio — the article's id never changes."""
    host = urlsplit(context.settings.base_url).hostname or "localhost"
    return f"tag:{host},{issue.date}:{context.paper_slug(issue.paper)}/{issue.language}/{name}/audio"


def _tags(issue: Issue, title: str, recording: Recording, artwork: bytes, track: str | None = None) -> ID3:
    words = labels(issue.language)
    date = words["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)
    number = words["issue_number"].format(number=issue.issue_number) if issue.issue_number else ""
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=issue.paper))
    tags.add(TALB(encoding=3, text=" ".join(filter(None, [issue.paper, date, number]))))
    tags.add(TDRC(encoding=3, text=issue.date.isoformat()))
    tags.add(TLAN(encoding=3, text=_ID3_LANGUAGE))
    tags.add(TCON(encoding=3, text="Speech"))
    if issue.masthead.publisher:
        tags.add(TPUB(encoding=3, text=issue.masthead.publisher))
    if track:
        tags.add(TRCK(encoding=3, text=track))
    tags.add(TXXX(encoding=3, desc="language", text=issue.language))
    tags.add(TXXX(encoding=3, desc="engine", text=f"{recording.engine} {recording.engine_version}"))
    tags.add(TXXX(encoding=3, desc="voice", text=recording.voice))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="cover", data=artwork))
    return tags


def _tagged(mp3: bytes, tags: ID3) -> bytes:
    """The MP3 with ID3v2.4 tags in front; no padding, so the same tags give the same bytes."""
    file = io.BytesIO(mp3)
    tags.save(file, v2_version=4, padding=lambda _info: 0)
    return file.getvalue()


def _mp3_seconds(mp3: bytes) -> float:
    """The length a player computes for the file, which is what itunes:duration must match."""
    return MP3(io.BytesIO(mp3)).info.length


def webvtt(parts: list[tuple[Script, tuple[SentenceTiming, ...], float]]) -> bytes:
    """A WebVTT transcript, a cue per sentence as printed; each part's times shifted by its offset."""
    lines = ["WEBVTT", ""]
    several = len(parts) > 1
    for script, timings, offset in parts:
        text = {sentence.id: sentence.text for sentence in script.sentences}
        for timing in timings:
            cue_id = f"{script.id}-{timing.id}" if several else timing.id
            start, end = offset + timing.start, offset + max(timing.end, timing.start)
            lines += [cue_id, f"{_timestamp(start)} --> {_timestamp(end)}", _cue_text(text[timing.id]), ""]
    return "\n".join(lines).encode()


def _in_milliseconds(seconds: float) -> float:
    """Seconds to the millisecond as the transcripts' timestamps give them: round(x, 3) rounds
    313.9945 up where round(x * 1000) rounds it down, and a cue would not match its timing."""
    return round(seconds * 1000) / 1000


def _timestamp(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _cue_text(text: str) -> str:
    """Cue text is markup to WebVTT: &, < and > escaped; a blank line would end the cue."""
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def _timing_json(script: Script, recording: Recording, audio_path: str) -> bytes:
    """Sentence → start and end, for the read-along edition."""
    timings = {timing.id: timing for timing in recording.timings}
    data = {
        "article": script.id,
        "language": script.language,
        "title": script.title,
        "audio": audio_path.rsplit("/", 1)[-1],
        "duration": _in_milliseconds(recording.duration),
        "engine": f"{recording.engine} {recording.engine_version}",
        "voice": recording.voice,
        "sentences": [
            {
                "id": sentence.id,
                "kind": sentence.kind,
                "block": sentence.block,
                "text": sentence.text,
                "start": _in_milliseconds(timings[sentence.id].start),
                "end": _in_milliseconds(timings[sentence.id].end),
            }
            for sentence in script.sentences
            if sentence.id in timings
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
