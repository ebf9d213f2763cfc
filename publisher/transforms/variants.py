"""Issue → the same issue in another script or region: zh-Hant-TW, zh-Hant-HK, zh-Hant (OpenCC).

Every reader-visible string is converted once, here, so every edition of a variant reads the same.
OpenCC's stock configurations get one change: the editors' phrases go first, in OpenCC's own
dictionary mechanism (a text dictionary heading the segmenter and every conversion step), so a
phrase is converted as the desk wrote it instead of being patched after conversion. In the later
steps (Taiwan vocabulary) the phrases' results map to themselves, so 少数组织 stays 少數組織 rather
than becoming 少陣列織 in the step that turns 数组 into 陣列; and an entry keyed in Traditional
characters (發佈 → 發布) corrects what an earlier step produced.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from publisher.errors import InputError
from publisher.model import Article, Headline, Issue, Masthead
from publisher.transforms.names import name_form, name_pattern, names_in

#: The variants and the stock OpenCC configuration that makes each from Simplified text.
OPENCC_CONFIGS: Mapping[str, str | None] = {
    "zh-Hans": None,  # the source as printed
    "zh-Hant": "s2t",  # OpenCC's standard Traditional characters
    "zh-Hant-TW": "s2twp",  # Taiwan characters and vocabulary
    "zh-Hant-HK": "s2hk",  # Hong Kong character forms
}
#: …and from a page printed in Traditional characters: one whose region is not known (a Big5 page),
#: a Taiwan paper's and a Hong Kong paper's ([paper] language). The phrases are for Simplified text.
_FROM_TRADITIONAL: Mapping[str, Mapping[str, str | None]] = {
    "zh-Hant": {"zh-Hans": "t2s", "zh-Hant": None, "zh-Hant-TW": "t2tw", "zh-Hant-HK": "t2hk"},
    # tw2sp: Taiwan's vocabulary back to the mainland's (軟體 → 软件), as s2twp made it.
    "zh-Hant-TW": {"zh-Hans": "tw2sp", "zh-Hant": "tw2t", "zh-Hant-TW": None, "zh-Hant-HK": "t2hk"},
    "zh-Hant-HK": {"zh-Hans": "hk2s", "zh-Hant": "hk2t", "zh-Hant-TW": "t2tw", "zh-Hant-HK": None},
}
#: The vocabularies a Taiwan edition converts with: general news, or s2twp's computing terms as well.
VOCABULARIES = ("news", "it")
#: What `publisher build` makes unless told otherwise.
DEFAULT_VARIANTS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
#: Editions whose newspapers quote with corner brackets: “…‘…’…” → 「…『…』…」.
_CORNER_QUOTES = frozenset({"zh-Hant-TW", "zh-Hant-HK"})
_PHRASES = files("publisher.transforms") / "phrases"
_PHRASE_LINE = re.compile(r"(\S+)\s+(\S+)")


@dataclass(frozen=True)
class Phrases:
    """Simplified → Traditional entries that take precedence over OpenCC's dictionaries."""

    entries: tuple[tuple[str, str], ...]

    @classmethod
    def for_variant(cls, variant: str, desk_files: Iterable[Path] = (), vocabulary: str = "news") -> Phrases:
        """The shipped entries for every Traditional edition, then the variant's (with its words for
        general news, unless the `vocabulary` is "it"), then the desk's files."""
        merged: dict[str, str] = {}
        for name in ("zh-Hant", variant, *([f"{variant}.news"] if vocabulary == "news" else [])):
            shipped = _PHRASES / f"{name}.txt"
            if shipped.is_file():
                merged.update(_read_phrases(shipped.read_text(encoding="utf-8"), f"{name}.txt"))
        for path in desk_files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"{path}: cannot read the phrase file ({error})") from None
            merged.update(_read_phrases(text, str(path)))
        return cls(tuple(sorted(merged.items())))


def _read_phrases(text: str, source: str) -> dict[str, str]:
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _PHRASE_LINE.fullmatch(line)
        if match is None:
            raise InputError(f"{source}:{number}: a phrase line is Simplified<TAB>Traditional, not {line!r}")
        entries[match[1]] = match[2]
    return entries


class Converter:
    """One variant's conversion: OpenCC with the phrases first, then the edition's quotation marks."""

    def __init__(self, variant: str, phrases: Phrases, source: str = "zh-Hans") -> None:
        if variant not in OPENCC_CONFIGS:
            raise InputError(f"unknown variant {variant!r} (known: {', '.join(OPENCC_CONFIGS)})")
        self.variant = variant
        from_simplified = self.from_simplified = source == "zh-Hans"
        config = OPENCC_CONFIGS[variant] if from_simplified else _FROM_TRADITIONAL[source][variant]
        entries = phrases.entries if from_simplified else ()
        self._opencc = _build_opencc(config, entries) if config else None
        # A Taiwan or Hong Kong paper quotes 「…」; the Simplified edition quotes “…” as mainland papers do.
        self._quotes = (
            corner_quotes
            if variant in _CORNER_QUOTES
            else curly_quotes
            if source in _CORNER_QUOTES and variant == "zh-Hans"
            else None
        )

    def convert_all(self, texts: list[str], names: frozenset[str] = frozenset()) -> list[str]:
        """`texts` converted in one call into OpenCC (none may hold a line break), the people's
        `names` in them a character at a time (`publisher.transforms.names`)."""
        if self._opencc is None or not texts:
            return list(texts)
        pattern = name_pattern(names) if self.from_simplified else None
        if pattern is None:
            converted = self._opencc.convert("\n".join(texts)).split("\n")
        else:
            converted = self._with_names(texts, pattern)
        if self._quotes is not None:
            converted = [self._quotes(text) for text in converted]
        return converted

    def _with_names(self, texts: list[str], pattern: re.Pattern[str]) -> list[str]:
        # Each text cut at its names: the pieces between them converted together as words, each name
        # by its characters; a text keeps its place by the count of its pieces.
        pieces: list[str] = []
        counts = []
        for text in texts:
            parts = pattern.split(text)
            pieces += parts
            counts.append((len(parts), pattern.findall(text)))
        converted = iter(self._opencc.convert("\n".join(pieces)).split("\n"))
        out = []
        for count, found in counts:
            parts = [next(converted) for _ in range(count)]
            text = parts[0]
            for name, after in zip(found, parts[1:], strict=True):
                text += name_form(name, self._character) + after
            out.append(text)
        return out

    def _character(self, char: str) -> str:
        return self._opencc.convert(char)


def to_variant(issue: Issue, converter: Converter) -> Issue:
    """The issue as `converter`'s variant reads it. Ids, dates, numbers and the record of dropped
    source lines stay as they are: an article has the same id in every variant."""
    if converter.variant == issue.language:
        return issue
    strings = _Strings()
    masthead = issue.masthead
    strings.add(issue.paper, *_optional(masthead.weekday, masthead.lunar_date, masthead.registration))
    strings.add(*_optional(masthead.schedule, masthead.sponsor, masthead.publisher, masthead.supervisor))
    strings.add(*(part for pair in (*masthead.hotlines, *masthead.other) for part in pair))
    for page in issue.pages:
        strings.add(*_optional(page.name), *(part for pair in page.editors for part in pair))
    for article in issue.articles:
        strings.add(*_article_strings(article))
    strings.convert(converter, (name for article in issue.articles for name in article.reporters))
    take = strings.take
    paper = take()
    masthead = Masthead(
        weekday=take(masthead.weekday),
        lunar_date=take(masthead.lunar_date),
        registration=take(masthead.registration),
        schedule=take(masthead.schedule),
        sponsor=take(masthead.sponsor),
        publisher=take(masthead.publisher),
        supervisor=take(masthead.supervisor),
        hotlines=tuple((take(), take()) for _ in masthead.hotlines),
        other=tuple((take(), take()) for _ in masthead.other),
    )
    pages = tuple(
        replace(page, name=take(page.name), editors=tuple((take(), take()) for _ in page.editors))
        for page in issue.pages
    )
    articles = tuple(_converted_article(article, take) for article in issue.articles)
    return replace(issue, paper=paper, language=converter.variant, masthead=masthead, pages=pages, articles=articles)


def _article_strings(article: Article) -> list[str]:
    headline = article.headline
    strings = [*_optional(article.section, headline.kicker), headline.title, *_optional(headline.subtitle)]
    strings += [*article.reporters, *_optional(article.byline), *article.paragraphs]
    for figure in article.figures:
        strings += [figure.caption, *_optional(figure.credit)]
    return strings


def _converted_article(article: Article, take: Any) -> Article:
    headline = article.headline
    section, kicker = take(article.section), take(headline.kicker)
    title, subtitle = take(), take(headline.subtitle)
    return replace(
        article,
        section=section,
        headline=Headline(title=title, kicker=kicker, subtitle=subtitle),
        reporters=tuple(take() for _ in article.reporters),
        byline=take(article.byline),
        paragraphs=tuple(take() for _ in article.paragraphs),
        figures=tuple(replace(figure, caption=take(), credit=take(figure.credit)) for figure in article.figures),
    )


class _Strings:
    """The issue's strings in reading order: gathered, converted in one call, handed back in order."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._position = 0

    def add(self, *texts: str) -> None:
        self._texts += texts

    def convert(self, converter: Converter, known_names: Iterable[str]) -> None:
        self._texts = converter.convert_all(self._texts, names_in(self._texts, known_names))

    def take(self, present: object = True) -> Any:
        """The next converted string; None, without taking one, for a field that was None."""
        if present is None:
            return None
        text = self._texts[self._position]
        self._position += 1
        return text


def _optional(*values: str | None) -> list[str]:
    return [value for value in values if value is not None]


def corner_quotes(text: str) -> str:
    """“他说：‘好。’” → 「他说：『好。』」: Taiwan and Hong Kong quote with corner brackets, double
    ones inside single ones, alternating with depth whichever marks the source used."""
    out = []
    depth = 0
    for char in text:
        if char in "“‘":
            out.append("「" if depth % 2 == 0 else "『")
            depth += 1
        elif char in "”’" and depth > 0:
            depth -= 1
            out.append("」" if depth % 2 == 0 else "』")
        else:
            out.append(char)  # a ’ with no opening ‘ is an apostrophe (China’s), and stays
    return "".join(out)


def curly_quotes(text: str) -> str:
    """「他說：『好。』」 → “他說：‘好。’”: the marks of a corner-quoted source, as Simplified text prints them."""
    return text.translate(_CURLY)


_CURLY = str.maketrans("「」『』", "“”‘’")


# ── OpenCC with the editors' phrases first ──────────────────────────────────────────────────────


@cache
def _build_opencc(config: str, entries: tuple[tuple[str, str], ...]) -> Any:
    import opencc  # the compiled core (the pure-Python reimplementation shares the name; we don't use it)

    share = _opencc_share()
    stock = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="publisher-opencc-") as folder:
        directory = Path(folder)
        fixed = {*entries, *((target, target) for _, target in entries)}
        (directory / "phrases.txt").write_text(_text_dictionary(fixed), encoding="utf-8")
        custom = _with_phrases(stock, share, directory / "phrases.txt")
        (directory / "config.json").write_text(json.dumps(custom, ensure_ascii=False), encoding="utf-8")
        # OpenCC reads its dictionaries when built, so the folder may go once it is.
        return opencc.OpenCC(str(directory / "config.json"))


def _opencc_share() -> Path:
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    if not (share / "s2t.json").is_file():
        raise InputError(
            f"the opencc package has no dictionaries in {share}; reinstall it: pip install 'opencc>=1.4,<2'"
        )
    return share


def _text_dictionary(entries: Iterable[tuple[str, str]]) -> str:
    """OpenCC's plain-text dictionary: key<TAB>value a line, sorted by key."""
    return "".join(f"{key}\t{value}\n" for key, value in sorted(set(entries)))


def _with_phrases(stock: dict[str, Any], share: Path, phrases: Path) -> dict[str, Any]:
    """`stock` with the phrases heading the segmenter and every step; its dictionary files made
    absolute, as the config is read from elsewhere."""
    config = _absolute_files(stock, share)
    chain = config["conversion_chain"]
    user = {"type": "text", "file": str(phrases)}
    segmentation = config.get("segmentation", {"type": "mmseg", "dict": chain[0]["dict"]})
    config["segmentation"] = {
        "type": segmentation["type"],
        "dict": {"type": "group", "match_policy": "union", "dicts": [user, segmentation["dict"]]},
    }
    for step in chain:
        step["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [user, step["dict"]]}
    return config


def _absolute_files(node: Any, share: Path) -> Any:
    if isinstance(node, dict):
        return {
            key: str(share / value) if key == "file" else _absolute_files(value, share) for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute_files(item, share) for item in node]
    return node
