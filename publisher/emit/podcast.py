"""Episodes of a paper's audio edition → a podcast feed: RSS 2.0 with iTunes tags (feedgen's podcast
extension) and the Podcasting 2.0 namespace (our feedgen extension below).

Nothing here reads the clock: every date is an issue's publication time, so an unchanged archive
rebuilds to the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"
#: podcast:guid is a UUIDv5 of the feed's address without its scheme, in this namespace (Podcasting 2.0).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    #: The paper's home page in this variant, and this feed's own address.
    home: str
    feed_url: str
    language: str
    author: str
    image_url: str
    owner_name: str | None
    owner_email: str | None


@dataclass(frozen=True)
class Episode:
    #: Never changes, whatever is corrected later: tag:host,date:paper/variant/article/audio.
    guid: str
    title: str
    description: str
    #: The article's (or issue's) page in the web edition.
    link: str
    audio_url: str
    #: The audio file's exact size in bytes and length in whole seconds.
    length: int
    duration: int
    published: dt.datetime
    transcript_url: str
    chapters_url: str | None = None


def podcast_guid(feed_url: str) -> str:
    """The feed's podcast:guid: UUIDv5 of its address with the scheme and trailing slashes removed."""
    parts = urlsplit(feed_url)
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, (parts.netloc + parts.path).rstrip("/")))


def podcast_feed(channel: Channel, episodes: list[Episode]) -> bytes:
    generator = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry, atom=False, rss=True)
    generator.title(channel.title)
    generator.description(channel.description)
    generator.language(channel.language)
    generator.generator("publisher")
    generator.image(channel.image_url, title=channel.title, link=channel.home)
    generator.podcast.itunes_author(channel.author)
    generator.podcast.itunes_image(channel.image_url)
    generator.podcast.itunes_category("News")
    generator.podcast.itunes_type("episodic")
    generator.podcast.itunes_summary(channel.description)
    if channel.owner_name and channel.owner_email:
        generator.podcast.itunes_owner(name=channel.owner_name, email=channel.owner_email)
    generator.podcastindex.guid = podcast_guid(channel.feed_url)
    generator.podcastindex.locked_owner = channel.owner_email
    for episode in episodes:
        entry = generator.add_entry(order="append")
        entry.guid(episode.guid, permalink=False)
        entry.title(episode.title)
        entry.link(href=episode.link)
        entry.description(episode.description)
        entry.enclosure(episode.audio_url, str(episode.length), "audio/mpeg")
        entry.published(episode.published)
        entry.updated(episode.published)
        entry.podcast.itunes_duration(episode.duration)
        entry.podcast.itunes_episode_type("full")
        entry.podcastindex.transcript = (episode.transcript_url, channel.language)
        entry.podcastindex.chapters = episode.chapters_url
    newest = max((episode.published for episode in episodes), default=None)
    if newest is not None:
        generator.lastBuildDate(newest)
        generator.updated(newest)
    generator.link([{"href": channel.feed_url, "rel": "self"}, {"href": channel.home, "rel": "alternate"}])
    return generator.rss_str(pretty=True)


class _PodcastIndex(BaseExtension):
    """The channel's Podcasting 2.0 tags, and itunes:explicit as Apple now spells it ("false"):
    feedgen only writes the retired yes/no/clean."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.locked_owner: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        xml_elem(f"{{{ITUNES_NAMESPACE}}}explicit", channel).text = "false"
        if self.guid:
            xml_elem(f"{{{PODCAST_NAMESPACE}}}guid", channel).text = self.guid
        # Locked: no other platform may import the feed as its own; the owner's address unlocks it.
        locked = xml_elem(f"{{{PODCAST_NAMESPACE}}}locked", channel)
        locked.text = "yes"
        if self.locked_owner:
            locked.attrib["owner"] = self.locked_owner
        return feed


class _PodcastIndexEntry(BaseEntryExtension):
    """An episode's podcast:transcript (WebVTT captions) and podcast:chapters (JSON chapters)."""

    def __init__(self) -> None:
        self.transcript: tuple[str, str] | None = None
        self.chapters: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.transcript:
            url, language = self.transcript
            transcript = xml_elem(f"{{{PODCAST_NAMESPACE}}}transcript", item)
            transcript.attrib.update({"url": url, "type": "text/vtt", "language": language, "rel": "captions"})
        if self.chapters:
            chapters = xml_elem(f"{{{PODCAST_NAMESPACE}}}chapters", item)
            chapters.attrib.update({"url": self.chapters, "type": "application/json+chapters"})
        return item
