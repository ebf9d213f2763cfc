"""`publisher.toml` → one typed settings object with documented defaults."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from publisher.errors import InputError
from publisher.ingest.supplied import OCR_MODES, FileNames
from publisher.transforms.variants import DEFAULT_VARIANTS, OPENCC_CONFIGS, VOCABULARIES
from publisher.tts.lexicon import Pronunciation, parse_entry

#: By default the printed edition's book also comes read along; the Traditional editions' text only.
DEFAULT_EPUB_EDITIONS = {"zh-Hans": ("text", "readalong")}
EPUB_EDITIONS = ("text", "readalong")
#: The choices of speech engine (`--tts`, `tts` in publisher.toml).
TTS_CHOICES = ("auto", "edge", "espeak", "none")

#: Read from the working directory when no `--config` is given; its absence means all defaults.
DEFAULT_CONFIG = Path("publisher.toml")


#: The languages a paper's pages may be printed in; its other editions are converted from it.
PAPER_LANGUAGES = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")


@dataclass(frozen=True)
class PaperSettings:
    """`[paper]`: the desk's own paper, which its inner pages do not always name."""

    #: The paper's name (渝中報), for pages that do not print it; a page printing another is refused.
    name: str | None = None
    #: Its ASCII name in paths and URLs (default: from pinyin, 渝中報 → yuzhongbao).
    slug: str | None = None
    #: The language its pages are printed in: zh-Hans, or zh-Hant-TW / zh-Hant-HK for a Taiwan or
    #: Hong Kong paper, whose other editions are then converted from it (default: as the script reads).
    language: str | None = None
    #: A pattern of page file names that carry the date and page, such as "{date:%Y%m%d}_{page}.txt"
    #: (default: none; pages are grouped by what they print).
    file_names: str | None = None


@dataclass(frozen=True)
class Settings:
    #: Files or folders of page text that `publisher build` reads when given none.
    input: tuple[Path, ...] = (Path("seeds"),)
    #: The folder the build publishes; it is replaced as a whole at the end of a build.
    out: Path = Path("out")
    #: ASCII names for papers in file names (渝中報 → "yuzhongbao" from pinyin unless set here).
    paper_slugs: dict[str, str] = field(default_factory=dict)
    #: The editions built: zh-Hans (as printed), zh-Hant-TW, zh-Hant-HK, zh-Hant.
    variants: tuple[str, ...] = DEFAULT_VARIANTS
    #: The desk's phrase files per variant (Simplified<TAB>Traditional a line), over the shipped ones.
    phrases: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    #: The Taiwan edition's vocabulary: "news" (Taiwan's words, but not computing terms for general
    #: words: 项目 stays 項目, not 專案) or "it" (s2twp's computing vocabulary too, for a computing paper).
    vocabulary: str = "news"
    #: Where out/ is served; every link in feeds and catalogues is absolute from here.
    base_url: str = "http://localhost:8000/"
    #: The paper's time zone and the hour its issue counts as published there (feeds, podcasts).
    timezone: str = "Asia/Shanghai"
    publication_hour: int = 6
    #: How many of the newest articles the feeds carry.
    feed_items: int = 100
    #: The feeds' description; by default one made from the masthead.
    description: str | None = None
    #: The EPUBs of each variant: "text" (small) and/or "readalong" (with the recordings and media
    #: overlays that highlight each sentence as it is read: larger, and made only with audio).
    epub_editions: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_EPUB_EDITIONS))
    #: Set the Traditional editions' EPUBs vertically, right to left, as Taiwan and Hong Kong books are.
    vertical: bool = False
    #: When page PDFs are read by OCR: auto (where the text layer cannot be read), always, never.
    ocr: str = "auto"
    #: A PDF holding more pages than this is refused: a whole issue is a few dozen.
    max_pdf_pages: int = 200
    #: The font covers are drawn in; by default a CJK font found on the system (fonts-noto-cjk).
    cover_font: Path | None = None
    #: The voices of the audio edition: auto (online if a probe reaches the service, else offline),
    #: edge (online neural voices), espeak (offline, eSpeak NG) or none (no audio edition).
    tts: str = "auto"
    #: How fast the voices read, faster or slower than normal: "+0%", "-10%" (both engines).
    tts_rate: str = "+0%"
    #: Voice per variant, over the defaults (edge: zh-CN-XiaoxiaoNeural, zh-TW-HsiaoChenNeural,
    #: zh-HK-HiuGaaiNeural; espeak: cmn-latn-pinyin, and yue for zh-Hant-HK).
    edge_voices: dict[str, str] = field(default_factory=dict)
    espeak_voices: dict[str, str] = field(default_factory=dict)
    #: Seconds the online service may stay silent before a request is abandoned (a long article
    #: still streaming is never cut off), retries after a failure, and requests at once.
    edge_timeout: float = 60.0
    edge_retries: int = 3
    edge_concurrency: int = 4
    #: Where recordings are kept between builds; by default $XDG_CACHE_HOME/publisher/audio (outside
    #: out/, which every build replaces).
    audio_cache: Path | None = None
    #: The desk's pronunciations, over the shipped lexicon: word = "pinyin" or {pinyin = "…", say = "…"}.
    pronunciation: dict[str, Pronunciation] = field(default_factory=dict)
    #: The podcast's author (default: the masthead's publisher) and owner, whom podcast directories
    #: contact; the owner needs both a name and an e-mail address to be listed.
    podcast_author: str | None = None
    podcast_owner_name: str | None = None
    podcast_owner_email: str | None = None
    #: The desk's own paper ([paper]).
    paper: PaperSettings = field(default_factory=PaperSettings)
    #: SOURCE_DATE_EPOCH from the environment: the time files are dated with, instead of the issue's.
    source_date_epoch: int | None = None


def load_settings(path: Path | None = None, environment: Mapping[str, str] = os.environ) -> Settings:
    """Settings from `path` (or ./publisher.toml if present) and SOURCE_DATE_EPOCH from the
    environment; unknown keys are refused, not ignored."""
    settings = _from_file(path)
    epoch = environment.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        if not epoch.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH must be seconds since 1970, not {epoch!r}")
        settings = replace(settings, source_date_epoch=int(epoch))
    return settings


def _from_file(path: Path | None) -> Settings:
    config = path or DEFAULT_CONFIG
    if not config.exists():
        if path is not None:
            raise InputError(f"{path}: no such configuration file")
        return Settings()
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{config}: not valid TOML ({error})") from None
    known = {f.name for f in fields(Settings)} - {"source_date_epoch"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"{config}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return Settings(**{key: _convert(key, value, config) for key, value in data.items()})


def _convert(key: str, value: Any, config: Path) -> Any:
    base = config.parent
    if key == "input":
        values = value if isinstance(value, list) else [value]
        return tuple(base / str(v) for v in values)
    if key == "out":
        return base / str(value)
    if key == "paper_slugs":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise InputError(f'{config}: paper_slugs must be a table of paper name = "ascii-name"')
        return dict(value)
    if key == "variants":
        if not isinstance(value, list) or not value:
            raise InputError(f'{config}: variants must be a list such as ["zh-Hans", "zh-Hant-TW"]')
        return parse_variants(",".join(map(str, value)), str(config))
    if key == "base_url":
        return normalize_base_url(value, str(config))
    if key == "timezone":
        return _time_zone(value, config)
    if key == "publication_hour":
        if not isinstance(value, int) or not 0 <= value <= 23:
            raise InputError(f"{config}: publication_hour must be a whole hour from 0 to 23")
        return value
    if key == "feed_items":
        if not isinstance(value, int) or value < 1:
            raise InputError(f"{config}: feed_items must be a positive whole number")
        return value
    if key == "description":
        return str(value)
    if key == "vertical":
        if not isinstance(value, bool):
            raise InputError(f"{config}: vertical must be true or false")
        return value
    if key == "vocabulary":
        if value not in VOCABULARIES:
            raise InputError(f"{config}: vocabulary must be one of {', '.join(VOCABULARIES)}, not {value!r}")
        return value
    if key == "ocr":
        if value not in OCR_MODES:
            raise InputError(f"{config}: ocr must be one of {', '.join(OCR_MODES)}, not {value!r}")
        return value
    if key == "max_pdf_pages":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"{config}: max_pdf_pages must be a positive whole number")
        return value
    if key == "cover_font":
        return base / str(value)
    if key == "tts":
        return parse_tts(value, str(config))
    if key == "epub_editions":
        return _epub_editions(value, config)
    if key == "tts_rate":
        if not isinstance(value, str) or not re.fullmatch(r"[+-]\d{1,2}%", value):
            raise InputError(f'{config}: tts_rate is a percentage such as "+0%" or "-10%", not {value!r}')
        return value
    if key in ("edge_voices", "espeak_voices"):
        if not isinstance(value, dict) or not all(isinstance(v, str) and v for v in value.values()):
            raise InputError(f'{config}: {key} must be a table of variant = "voice name"')
        parse_variants(",".join(value), str(config))
        return dict(value)
    if key == "edge_timeout":
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise InputError(f"{config}: edge_timeout must be a number of seconds above zero")
        return float(value)
    if key in ("edge_retries", "edge_concurrency"):
        if not isinstance(value, int) or isinstance(value, bool) or value < (0 if key == "edge_retries" else 1):
            raise InputError(f"{config}: {key} must be a whole number{' above zero' * (key == 'edge_concurrency')}")
        return value
    if key == "audio_cache":
        return base / str(value)
    if key == "pronunciation":
        return _pronunciations(value, config)
    if key in ("podcast_author", "podcast_owner_name", "podcast_owner_email"):
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{config}: {key} must be text")
        if key == "podcast_owner_email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise InputError(f"{config}: podcast_owner_email must be an e-mail address, not {value!r}")
        return value.strip()
    if key == "paper":
        return _paper(value, config)
    if key == "phrases":
        if not isinstance(value, dict):
            raise InputError(f'{config}: phrases must be a table of variant = "file" or ["file", …]')
        parse_variants(",".join(value), str(config))
        return {
            variant: tuple(base / str(p) for p in (paths if isinstance(paths, list) else [paths]))
            for variant, paths in value.items()
        }
    raise AssertionError(key)


def _paper(value: object, config: Path) -> PaperSettings:
    known = {f.name for f in fields(PaperSettings)}
    if not isinstance(value, dict):
        raise InputError(f'{config}: paper must be a table: [paper] name = "渝中报"')
    unknown = sorted(set(value) - known)
    if unknown:
        raise InputError(f"{config}: unknown setting paper.{unknown[0]} (known: {', '.join(sorted(known))})")
    if not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise InputError(f"{config}: every [paper] setting is text")
    paper = PaperSettings(**{k: v.strip() for k, v in value.items()})
    if paper.slug is not None and paper.name is None:
        raise InputError(f"{config}: paper.slug names the paper of paper.name, which is missing")
    if paper.slug is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", paper.slug):
        raise InputError(f"{config}: paper.slug must be a plain file name (letters, digits, '.', '_', '-')")
    if paper.language is not None and paper.language not in PAPER_LANGUAGES:
        raise InputError(f"{config}: paper.language is one of {', '.join(PAPER_LANGUAGES)}, not {paper.language!r}")
    if paper.file_names is not None:
        FileNames.compile(paper.file_names, f"{config}: paper.file_names")
    return paper


def _pronunciations(value: object, config: Path) -> dict[str, Pronunciation]:
    if not isinstance(value, dict):
        raise InputError(f'{config}: pronunciation must be a table of word = "pinyin" or {{pinyin = "…", say = "…"}}')
    entries = {}
    for word, entry in value.items():
        if isinstance(entry, str):
            entries[word] = parse_entry(word, entry, None, f"{config}: pronunciation")
        elif isinstance(entry, dict) and set(entry) <= {"pinyin", "say"}:
            entries[word] = parse_entry(word, entry.get("pinyin"), entry.get("say"), f"{config}: pronunciation")
        else:
            raise InputError(f'{config}: pronunciation of {word!r} must be "pinyin" or {{pinyin = "…", say = "…"}}')
    return entries


def _epub_editions(value: object, config: Path) -> dict[str, tuple[str, ...]]:
    """{"zh-Hans" = ["text", "readalong"], "zh-Hant-TW" = ["readalong"]}: a variant not named gets text only."""
    message = f'{config}: epub_editions must be a table of variant = ["text"], ["readalong"] or ["text", "readalong"]'
    if not isinstance(value, dict):
        raise InputError(message)
    parse_variants(",".join(value), str(config))
    for editions in value.values():
        if not isinstance(editions, list) or not editions or not set(editions) <= set(EPUB_EDITIONS):
            raise InputError(message)
    return {variant: tuple(dict.fromkeys(editions)) for variant, editions in value.items()}


def parse_tts(value: object, source: str = "--tts") -> str:
    if value not in TTS_CHOICES:
        raise InputError(f"{source}: unknown speech engine {value!r} (known: {', '.join(TTS_CHOICES)})")
    return str(value)


def normalize_base_url(value: object, source: str) -> str:
    """http://example.org/paper → http://example.org/paper/: links are joined onto it."""
    url = str(value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(
            f"{source}: base_url must be an http(s) address such as https://example.org/paper/, not {url!r}"
        )
    return url if url.endswith("/") else url + "/"


def _time_zone(value: object, config: Path) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{config}: unknown time zone {value!r} (an IANA name such as Asia/Shanghai)") from None
    return str(value)


def parse_variants(text: str, source: str = "--variants") -> tuple[str, ...]:
    """zh-Hans,zh-Hant-TW → the variants, each one known, in the order given."""
    variants = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
    unknown = [v for v in variants if v not in OPENCC_CONFIGS]
    if unknown or not variants:
        raise InputError(
            f"{source}: unknown variant {unknown[0] if unknown else text!r} (known: {', '.join(OPENCC_CONFIGS)})"
        )
    return variants
