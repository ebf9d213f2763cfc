"""What a build asks an editor to read before an issue goes out: the reviews in out/review/.

The conversion reviews (`review_report`) list each character with
several Traditional forms as converted; the OCR review lists the pages and articles read off the
rendered page, whose text no one has yet compared with the print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib.resources import files

from publisher.model import Issue
from publisher.transforms.names import names_in
from publisher.transforms.variants import Converter


@dataclass(frozen=True)
class Review:
    """A file of the build an editor should read: what it lists ("{count} conversions"), where, how many."""

    what: str
    path: str
    count: int

    def line(self) -> str:
        return self.what.format(count=self.count)


def machine_read_report(issue: Issue) -> str | None:
    """The pages and articles of the issue read by OCR, for an editor to check against the page
    before they are published or read aloud; None where OCR read nothing."""
    pages = [p for p in issue.pages if p.encoding == "ocr"]
    if not pages:
        return None
    articles = {w.article for w in issue.warnings if w.kind == "ocr" and w.article}
    lines = [
        f"# {issue.paper} {issue.date}: read by OCR, to check against the printed page before it is "
        f"published or read aloud ({len(articles)} articles)",
        *(f"page {page.label} · {page.source}" for page in pages),
        *(
            f"{article.id} · page {article.page_label} · {article.headline.one_line()}"
            for article in issue.articles
            if article.id in articles
        ),
    ]
    return "\n".join(lines) + "\n"


#: Simplified characters with several Traditional forms (干 → 幹 乾 干 榦), from OpenCC's dictionary.
ONE_TO_MANY: Mapping[str, tuple[str, ...]] = {
    fields[0]: tuple(fields[1].split(" "))
    for line in (files("publisher.transforms") / "one_to_many.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#") and (fields := line.split("\t"))
}
_CLAUSE = re.compile(r"[^，。、；：？！“”‘’「」『』（）《》\s]+")
_CONTEXT_CHARS = 8
_PLACES_SHOWN = 4


@dataclass
class _Choice:
    """Where one character became one of its forms: the words it did so in, and where."""

    words: dict[tuple[str, str], int]
    places: list[str]
    context: str


def review_report(source: Issue, converter: Converter) -> str:
    """Every place a character with several Traditional forms was converted, a line for each form it
    became, with the words it became it in, where, and the text around its first place: a page an
    editor scans instead of rereading the issue."""
    choices: dict[tuple[str, str], _Choice] = {}
    clauses = [
        (place, text, match)
        for place, text in _reviewable(source)
        for match in _CLAUSE.finditer(text)
        if any(char in ONE_TO_MANY for char in match.group())
    ]
    converted = converter.convert_all([match.group() for _, _, match in clauses], _names(source))
    for (place, text, match), result in zip(clauses, converted, strict=True):
        clause = match.group()
        for index, char in enumerate(clause):
            if char not in ONE_TO_MANY:
                continue
            if len(result) == len(clause):
                around = slice(max(0, index - 1), index + 2)
                became, word = result[index], (clause[around], result[around])
            else:  # a phrase changed the clause's length (出租车 → 計程車): show the clause whole
                became, word = "…", (clause, result)
            at = match.start() + index
            context = text[max(0, at - _CONTEXT_CHARS) : at + _CONTEXT_CHARS + 1]
            choice = choices.setdefault((char, became), _Choice({}, [], context))
            choice.words[word] = choice.words.get(word, 0) + 1
            if place not in choice.places:
                choice.places.append(place)
    lines = [
        f"# {source.paper} {source.date} · {converter.variant}: "
        f"characters with several Traditional forms, as converted ({len(choices)} lines)",
        "# character → form chosen (its forms) · the words, ×times · where · the text around the first",
    ]
    for (char, became), choice in sorted(choices.items()):
        words = "、".join(
            f"{old}→{new}" + (f"×{count}" if count > 1 else "") for (old, new), count in choice.words.items()
        )
        shown = choice.places[:_PLACES_SHOWN]
        places = ", ".join(shown) + (f" +{len(choice.places) - len(shown)}" if len(choice.places) > len(shown) else "")
        lines.append(f"{char} → {became} ({' '.join(ONE_TO_MANY[char])}) · {words} · {places} · …{choice.context}…")
    if converter.from_simplified and converter.variant in _CHARACTERS_ONLY:
        lines += _word_changes(source, converter)
    return "\n".join(lines) + "\n"


#: Each Traditional edition's characters without its words: what the review compares it with.
_CHARACTERS_ONLY = {"zh-Hant": "s2t", "zh-Hant-TW": "s2tw", "zh-Hant-HK": "s2hk"}


def _word_changes(source: Issue, converter: Converter) -> list[str]:
    """Every word the edition prints otherwise than its characters alone would give (s2twp's Taiwan
    vocabulary, the shipped and the desk's phrases): 出租车 → 計程車 (出租車), with counts and where."""
    import opencc

    clauses = [(place, match.group()) for place, text in _reviewable(source) for match in _CLAUSE.finditer(text)]
    texts = [clause for _, clause in clauses]
    if not texts:
        return []
    plain = opencc.OpenCC(_CHARACTERS_ONLY[converter.variant]).convert("\n".join(texts)).split("\n")
    changes: dict[tuple[str, str, str], list[str]] = {}
    for (place, clause), characters, words in zip(
        clauses, plain, converter.convert_all(texts, _names(source)), strict=True
    ):
        if characters == words:
            continue
        for op, start, end, word_start, word_end in SequenceMatcher(None, characters, words).get_opcodes():
            if op == "equal":
                continue
            if end - start < 2 and word_end - word_start < 2:  # one character: its word around it
                start, end = max(0, start - 1), min(len(characters), end + 1)
                word_start, word_end = max(0, word_start - 1), min(len(words), word_end + 1)
            key = (clause[start:end], words[word_start:word_end], characters[start:end])
            changes.setdefault(key, []).append(place)
    lines = [
        f"# words printed otherwise than their characters alone would give ({len(changes)} lines)",
        "# simplified → as printed (its characters alone) · ×times · where",
    ]
    for (simplified, printed, characters), places in sorted(changes.items(), key=lambda item: (-len(item[1]), item[0])):
        shown = list(dict.fromkeys(places))
        where = ", ".join(shown[:_PLACES_SHOWN]) + (
            f" +{len(shown) - _PLACES_SHOWN}" if len(shown) > _PLACES_SHOWN else ""
        )
        lines.append(f"{simplified} → {printed} ({characters}) · ×{len(places)} · {where}")
    return lines


def _names(issue: Issue) -> frozenset[str]:
    """The people's names the edition converts as names, so the review shows what it prints."""
    reporters = (name for article in issue.articles for name in article.reporters)
    return names_in((text for _, text in _reviewable(issue)), reporters)


def _reviewable(issue: Issue) -> Iterable[tuple[str, str]]:
    """(place, text) for each reader-visible text of the issue: 'masthead', 'p1-…', 'p1-… ¶3'."""
    yield "paper", issue.paper
    for article in issue.articles:
        for part in (article.section, *article.headline.parts()):
            if part:
                yield article.id, part
        for number, paragraph in enumerate(article.paragraphs, 1):
            yield f"{article.id} ¶{number}", paragraph
        for figure in article.figures:
            yield f"{article.id} figure", figure.caption
