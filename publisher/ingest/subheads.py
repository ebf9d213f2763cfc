"""Subheads inside an article, told from the headlines of new ones: a numbered heading, a lone short
line between paragraphs, and the run of like headings over the sections of a long feature.

A feature in sections (five families' new-year shopping, five cities' vegetable markets) heads each
with a subhead set like a small headline: 云南玉溪顾芸—— / 买上鲜花过大年，心情好. Printed, the type
size tells them from the feature's headline; in an extractor's text only their shape is left, and
that shape repeats: the same number of lines, about as long, with the same marks (落实德者有得 /
崇尚好人好报, 致以诚挚敬意 / 送去实在帮助). Headlines of different articles rarely repeat a shape,
and they stand over a lead or a byline, which no section of a feature has.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Line, is_byline, is_lead
from publisher.ingest.text import compact

#: A lone short line between finished paragraphs is a subhead, not a new article's headline.
_SUBHEAD_MAX_CHARS = 16
#: A subhead line of two or more is at most this long; a one-line subhead at most the second.
_LINE_MAX_CHARS = 14
_SINGLE_MAX_CHARS = 20
#: Two-line subheads of a series differ by at most this many characters a line, or, in a series
#: of three or more, by at most the second.
_CLOSE_CHARS = 1
_LOOSE_CHARS = 4
#: A feature's sections run on for paragraphs; the items of a briefs column are a paragraph or two.
_SECTION_MIN_LINES = 2
_DASH_END = ("——", "—")
#: The sections of one feature are among this many runs either side.
_SERIES_REACH = 8


def series_subheads(lines: list[Line], run_end: list[int], next_body: list[int | None]) -> set[int]:
    """Where the headline runs that are subheads of a series start: runs of like shape, each between
    the text of a section and more of it (no lead or picture under it). Sections signed each by its
    reporter (云南玉溪顾芸—— / 买上鲜花过大年，心情好 / 本报记者 徐元锋) are a series three at least, as two
    reports with bylines may well be headed alike."""
    runs = [(start, lines[start : run_end[start]]) for start in _run_starts(lines, run_end)]
    plain: list[tuple[int, list[Line]]] = []
    signed: list[tuple[int, list[Line]]] = []
    for position, (start, run) in enumerate(runs):
        if _section_lines(runs, position, len(lines)) < _SECTION_MIN_LINES:
            continue
        under = _under(lines, start, run, next_body)
        if under is not None:
            (signed if under else plain).append((start, run))
    series: set[int] = set()
    for alike in (_alike_close, _alike_marked):
        series |= _members(plain, alike, 2)
    for alike in (_alike_marked, _alike_loose):
        series |= _members(signed, alike, 3)
    return series | _members(plain, _alike_loose, 3)


def is_enumerated(run: list[Line]) -> bool:
    """一、岗位数量创新高 / （二）…: a numbered heading inside an article, never a new headline."""
    return len(run) == 1 and patterns.ENUMERATED.match(run[0].text) is not None


def is_subhead(run: list[Line]) -> bool:
    """A short plain line between finished paragraphs (打造特色品牌): a heading inside the article; not
    a headline set vertically, which heads an article of its own."""
    text = run[0].text
    return (
        len(run) == 1
        and not run[0].merged
        and " " not in text
        and text[-1] not in "？！?!"
        and len(compact(text)) <= _SUBHEAD_MAX_CHARS
    )


def one_heading(run: list[Line]) -> str:
    """落实德者有得 / 崇尚好人好报 → 落实德者有得 崇尚好人好报; 云南玉溪顾芸—— / 买上鲜花过大年 is one phrase."""
    text = run[0].text
    for line in run[1:]:
        text += line.text if text.endswith("—") else f" {line.text}"
    return text


def _run_starts(lines: list[Line], run_end: list[int]) -> list[int]:
    starts, index = [], 0
    while index < len(lines):
        if run_end[index] > index:
            starts.append(index)
            index = run_end[index]
        else:
            index += 1
    return starts


def _under(lines: list[Line], start: int, run: list[Line], next_body: list[int | None]) -> bool | None:
    """Whether the run may be a section's subhead, over its text (False) or over a byline and its text
    (True); None where it may not: after no text, or over a lead, a dated opening or a picture."""
    end = start + len(run)
    before = lines[start - 1] if start else None
    signed = end < len(lines) and lines[end].kind == "text" and is_byline(lines[end].text)
    after_index = next_body[end + signed] if end + signed <= len(lines) else None
    after = lines[after_index] if after_index is not None else None
    if before is None or before.kind != "text" or after is None or after.kind != "text" or after_index != end + signed:
        return None
    if is_lead(after) or is_byline(after.text) or patterns.SOFT_LEAD.match(after.text) or after.merged:
        return None
    texts = [compact(line.text) for line in run]
    limit = _SINGLE_MAX_CHARS if len(run) == 1 else _LINE_MAX_CHARS
    shaped = (
        len(run) <= 3
        and all(len(text) <= limit for text in texts)
        and not any(line.deck or line.merged for line in run)
        and not patterns.BOX_LABEL.fullmatch(run[0].text)
        and not patterns.NOTICE_HEADING.fullmatch(run[0].text)
    )
    return signed if shaped else None


def _section_lines(runs: list[tuple[int, list[Line]]], position: int, end: int) -> int:
    """How many lines of text stand between the run and the next run (or the page's end)."""
    start, run = runs[position]
    following = runs[position + 1][0] if position + 1 < len(runs) else end
    return following - start - len(run)


def _lengths(run: list[Line]) -> list[int]:
    return [len(compact(line.text)) for line in run]


def _alike_close(a: list[Line], b: list[Line]) -> bool:
    """落实德者有得 / 崇尚好人好报 and 致以诚挚敬意 / 送去实在帮助: two lines or more, as long line by line."""
    # One-line runs as long as each other are a series only three or more at once (`_alike_loose`).
    if len(a) != len(b) or len(a) == 1:
        return False
    return all(abs(x - y) <= _CLOSE_CHARS for x, y in zip(_lengths(a), _lengths(b), strict=True))


def _alike_marked(a: list[Line], b: list[Line]) -> bool:
    """云南玉溪顾芸—— / 买上鲜花过大年 and 安徽合肥吴婷—— / 进口年货带回家: the same mark in the same place:
    a line ending in a dash over the last, or a label and a colon (内容：扣热点 / 技术：5G网络)."""
    if len(a) >= 2 and len(b) >= 2 and a[-2].text.endswith(_DASH_END) and b[-2].text.endswith(_DASH_END):
        return True  # 云南贡山独龙族怒族自治县 / 独龙江乡—— / 全面小康: a long place the column wrapped
    colon_a, colon_b = (run[0].text.find("：") for run in (a, b))
    return len(a) == len(b) and 0 < colon_a <= 4 and colon_a == colon_b


def _alike_loose(a: list[Line], b: list[Line]) -> bool:
    """北京深化细化服务 / “菜篮子”优字当头 and 浙江杭州加大供给力度 / 常见蔬菜没涨价: alike in a series of
    three or more; one line, as long to the character (极寒天气已经导致全美至少12人死亡 /
    气候变化提高了极端天气发生的可能性)."""
    if len(a) != len(b):
        return False
    limit = 0 if len(a) == 1 else _LOOSE_CHARS
    return all(abs(x - y) <= limit for x, y in zip(_lengths(a), _lengths(b), strict=True))


def _members(
    candidates: list[tuple[int, list[Line]]], alike: Callable[[list[Line], list[Line]], bool], least: int
) -> set[int]:
    """The starts of runs in groups of at least `least` near one another, each alike to every other."""
    found: set[int] = set()
    for position, (start, run) in enumerate(candidates):
        near = candidates[max(0, position - _SERIES_REACH) : position + _SERIES_REACH + 1]
        group = [(other, other_run) for other, other_run in near if other == start or alike(run, other_run)]
        if len(group) >= least and all(alike(x, y) for (_, x), (_, y) in combinations(group, 2)):
            found.update(other for other, _ in group)
    return found
