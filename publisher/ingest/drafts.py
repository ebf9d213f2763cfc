"""The drafts a page is read into — lines, paragraphs, figures, article drafts — and what a line is.

Shared by the passes of `publisher.ingest.page`: set-aside lines (`setaside`), paragraph repair
(`reflow`) and the cutting into articles (`segment`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from publisher.ingest import lines as patterns
from publisher.ingest.byline import (
    looks_like_name,
    names_in_byline,
    reporters_in_lead,
    reporters_in_tail,
)
from publisher.ingest.headline import split_headline, split_sized_headline
from publisher.ingest.layout import DISPLAY_SCALE
from publisher.ingest.nameplate import Nameplate
from publisher.model import Headline, Photo

#: A headline line is at most this long; line 36 of the seed, a whole headline, is 58.
_HEADLINE_MAX_CHARS = 64
#: …and one with a comma in it at most this long (春分将至，江州赏花地图请收好).
_COMMA_HEADLINE_MAX_CHARS = 30
BYLINE_MAX_CHARS = 40
_DATELINE_MAX_CHARS = 24
_CLAUSE_MARK = re.compile(r"[，。；！？]")
_SENTENCE_ENDS = "。！？"
_PARALLEL_MAX_PHRASES = 4
_PARALLEL_MAX_CHARS = 6


@dataclass
class Line:
    number: int
    raw: str
    text: str
    #: text, nameplate, furniture, jump-out, jump-in, end-mark, duplicate or pull-quote
    kind: str = "text"
    #: (下转2版) at the end of the line, or (上接1版) at its start: the page it points to.
    jump_out: int | None = None
    jump_in: int | None = None
    nameplate_facts: tuple[str, ...] = ()
    #: The line starts with an indent (　　本报讯…): a paragraph begins here.
    indented: bool = False
    #: Lines folded into this one: the rest of a paragraph an extractor wrapped over several lines.
    folded: list[tuple[int, str]] = field(default_factory=list)
    #: Made of several short lines of one narrow frame: a vertical headline, a byline set narrow.
    merged: bool = False
    #: A row of a table, its cells written a line each (`publisher.ingest.tables`).
    table: bool = False
    #: A headline's deck set across columns, a sentence or two wider than any column: part of the
    #: headline however it reads (`publisher.ingest.reflow`).
    deck: bool = False
    #: Its type size over the body's, where the page was read from its PDF (`layout.DISPLAY_SCALE`
    #: and over is display type: a headline, a 小标题); a text export has lost it.
    scale: float | None = None
    #: The photo this line is the caption or credit of, where the page's PDF sets it under one.
    photo: Photo | None = None
    #: Set vertically (a character under another), as the page's PDF shows.
    vertical: bool = False

    def physical(self) -> list[tuple[int, str]]:
        """(number, raw text) of each line of the file this logical line stands for."""
        return [(self.number, self.raw), *self.folded]

    def numbers(self) -> list[int]:
        return [self.number, *(number for number, _ in self.folded)]


@dataclass
class Paragraph:
    text: str
    lines: list[int]


@dataclass
class FigureDraft:
    caption: str
    credit: str | None
    lines: list[int]
    photo: Photo | None = None


@dataclass
class Draft:
    """An article as one page shows it; a continuation is joined to its article later."""

    page: int
    headline: Headline | None = None
    section: str | None = None
    #: The headline's lines as read (a vertical headline is one), to split two headlines set together.
    headline_run: list[Line] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    figures: list[FigureDraft] = field(default_factory=list)
    #: Paragraph indexes of subheads (一、…), a subset of `standalone`.
    subheads: list[int] = field(default_factory=list)
    #: Paragraph indexes that stand alone whatever their last character: subheads, a signature.
    standalone: set[int] = field(default_factory=set)
    #: Paragraph indexes that are rows of a table, a subset of `standalone`.
    table_rows: set[int] = field(default_factory=set)
    byline: str | None = None
    byline_lines: list[int] = field(default_factory=list)
    byline_names: list[str] = field(default_factory=list)
    continued_on: int | None = None
    continued_from: int | None = None
    #: One of `publisher.model.ARTICLE_KINDS`, set once the page is read (`publisher.ingest.items`).
    kind: str = "news"

    def set_headline(self, run: list[Line]) -> None:
        """The headline block `run` (top to bottom) over this draft, or none when `run` is empty."""
        if run and all(line.scale is not None for line in run):
            self.headline, self.section = split_sized_headline([(line.text, line.scale or 1.0) for line in run])
        else:
            self.headline, self.section = split_headline([line.text for line in run]) if run else (None, None)
        self.headline_run = list(run)

    @property
    def headline_lines(self) -> list[int]:
        """The file's lines the headline was read from."""
        return [number for line in self.headline_run for number, _ in line.physical()]

    @property
    def headline_raw(self) -> list[str]:
        """The headline lines as printed, kept for the record if the headline is dropped (a jump headline)."""
        return [raw for line in self.headline_run for _, raw in line.physical()]

    def source_lines(self) -> list[int]:
        lines = [*self.headline_lines, *self.byline_lines]
        lines += [n for p in self.paragraphs for n in p.lines]
        lines += [n for f in self.figures for n in f.lines]
        # A line of the file may be two of the draft's: a subhead glued onto its paragraph.
        return sorted(set(lines))

    def reports_separately(self) -> bool:
        """The headline says its events were separate (分别会见, 分别致信): each has a lead of its own."""
        return self.headline is not None and "分别" in "".join(self.headline.parts())

    def reporters(self) -> list[str]:
        # The first paragraph's lead, and any other's: 分别会见… reports each meeting under its own.
        leads = [p.text for n, p in enumerate(self.paragraphs) if n == 0 or patterns.LEAD.match(p.text)]
        lead = [name for text in leads for name in reporters_in_lead(text)]
        tail = reporters_in_tail(self.paragraphs[-1].text) if self.paragraphs else []
        return list(dict.fromkeys([*lead, *self.byline_names, *tail]))


@dataclass
class PageWarning:
    kind: str
    message: str
    line: int | None = None
    draft: Draft | None = None


@dataclass
class PageDraft:
    number: int
    #: As printed (A03, 05, 7), or as supplied.
    label: str
    #: The paper and date the page prints, or else those supplied (`Supplied`).
    paper: str | None
    date: dt.date
    nameplate: Nameplate
    source: str
    encoding: str
    drafts: list[Draft]
    #: (line, raw text, reason)
    dropped: list[tuple[int, str, str]]
    warnings: list[PageWarning]
    #: Compact text of the whole page, to tell a page given twice from two different pages.
    fingerprint: str


@lru_cache(maxsize=8192)
def is_credit(text: str) -> bool:
    return len(text) <= BYLINE_MAX_CHARS and patterns.CREDIT.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def is_byline(text: str) -> bool:
    """本报记者 陈静 刘畅 on a line of its own; not 实习生招募启动, whose "name" is no name."""
    if len(text) > BYLINE_MAX_CHARS:
        return False
    if patterns.UNNAMED_BYLINE.fullmatch(text):
        return True
    names = names_in_byline(text) if patterns.BYLINE.fullmatch(text) else []
    if names and patterns.SPACED_BYLINE.fullmatch(text):
        return True  # 本报记者 扎西 才让卓玛: names set apart by spaces need no Han surname
    return bool(names) and all(looks_like_name(name) for name in names)


def is_set_byline(line: Line) -> bool:
    """陈曙光 / 汪 涛 吴光胜 胡查平 under a headline, or set down the column's side: on a page read from
    its PDF, a line of names alone is a block of its own, a byline (a text export's bare names, cut
    from their paragraph by the column, could be anything)."""
    if line.scale is None or len(line.text) > BYLINE_MAX_CHARS or line.text.endswith(("：", ":")):
        return False  # 张建国： is whom a notice addresses
    names: list[str] = []
    for token in line.text.split():
        # 叶 帆: a two-character name set with a space to fill the width of three.
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += token
        else:
            names.append(token)
    return bool(names) and all(2 <= len(name) <= 4 and looks_like_name(name) for name in names)


def is_lead(line: Line) -> bool:
    return patterns.LEAD.match(line.text) is not None


def is_bare_dateline(text: str) -> bool:
    """据新华社金边1月30日电 on a line of its own: a lead's dateline, which the (记者…) under it goes on."""
    return len(text) <= _DATELINE_MAX_CHARS and patterns.LEAD.match(text) is not None and not _CLAUSE_MARK.search(text)


def is_headline_like(line: Line) -> bool:
    if line.kind != "text" or line.table or line.jump_in or line.jump_out:
        return False
    if line.scale is not None:
        # Read from the PDF, its size says it: display type heads, body type is text, whatever it reads
        # like; but a court case's number heads its notice in bold body type ((2024)苏0102民初1234号).
        if patterns.CASE_NUMBER.fullmatch(line.text):
            return True
        return line.scale >= DISPLAY_SCALE and not (is_byline(line.text) or is_credit(line.text))
    return line.deck or _reads_as_headline(line.text)


@lru_cache(maxsize=8192)  # every pass asks of every line; a page's lines are a few thousand at most
def _reads_as_headline(text: str) -> bool:
    if not 2 <= len(text) <= _HEADLINE_MAX_CHARS or text[-1] in "。，、；：,;:" or "。" in text or "；" in text:
        return False
    if not any(char.isalnum() for char in text):
        return False  # —— or …… the column set on a line of its own: the end of a sentence
    # 那么，如何让老旧小区焕发新的活力？ is a sentence of the text; 被骗2万元？ can be a headline. A
    # headline has a comma or two (金价高位震荡，饰品消费趋于理性), a sentence cut short has more.
    commas = text.count("，")
    many = commas > 1 and not _parallel_phrases(text)
    if (text[-1] in "？！?!" and commas) or many or (commas and len(text) > _COMMA_HEADLINE_MAX_CHARS):
        return False
    # 陈慧玲在主持时要求，各级各部门要… is what was said, cut short; a headline reports it without a comma.
    if patterns.REPORTED_SPEECH.search(text) or _is_quoted_speech(text):
        return False
    if not patterns.balanced(text) or any(
        p.match(text) for p in (patterns.CAPTION_MARK, patterns.INTERVIEW_TURN, patterns.PARTICULAR, patterns.SIGN_OFF)
    ):
        return False
    if patterns.SIGNATURE_DATE.fullmatch(text):
        return False
    return not (patterns.LEAD.match(text) or is_credit(text) or is_byline(text))


def _is_quoted_speech(text: str) -> bool:
    """“你现在最想干什么？” / “贷款养十几头母猪！” are turns of the dialogue in the text: a quotation
    that ends its sentence inside the quotes; a headline quoting someone (“我想成为这样的人”) ends
    without the mark."""
    return text.startswith("“") and text.endswith("”") and text[-2:-1] in _SENTENCE_ENDS


def _parallel_phrases(text: str) -> bool:
    """上兴安岭，进秦巴山，到独龙江: short phrases in parallel, a kicker's, not a sentence of the text."""
    phrases = text.split("，")
    return len(phrases) <= _PARALLEL_MAX_PHRASES and all(0 < len(p) <= _PARALLEL_MAX_CHARS for p in phrases)
