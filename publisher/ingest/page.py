"""One page's lines → its nameplate and article drafts, with every line accounted for.

The page is read top to bottom in the order the extractor wrote it. Nameplate, furniture, jump
markers and extraction duplicates are set aside first; what is left is a sequence of headline
blocks, captions, bylines and paragraphs, which `_Segmenter` cuts into articles. Pages are joined
into an issue (continuations stitched, ids given) by `publisher.ingest.issue`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from publisher.errors import InputError
from publisher.ingest import lines as patterns
from publisher.ingest.byline import looks_like_name, names_in_byline, reporters_in_lead, reporters_in_tail
from publisher.ingest.decode import DecodedPage
from publisher.ingest.headline import split_headline
from publisher.ingest.nameplate import Nameplate, has_folio_fact, has_strong_fact, is_imprint
from publisher.ingest.supplied import NOTHING_SUPPLIED, Supplied
from publisher.ingest.text import cn_int, compact, ends_sentence, is_chinese, join_fragments, normalize_line
from publisher.model import Headline, page_order

#: A headline line is at most this long; line 36 of the seed, a whole headline, is 58.
_HEADLINE_MAX_CHARS = 64
#: …and one with a comma in it at most this long (春分将至，江州赏花地图请收好).
_COMMA_HEADLINE_MAX_CHARS = 30
#: Exact copies shorter than this are not extraction duplicates (扫码看, short captions).
_DUPLICATE_MIN_CHARS = 8
#: A pull quote is a sentence or two, set within a few lines of the paragraph that says it.
_PULL_QUOTE_MAX_CHARS = 60
_PULL_QUOTE_REACH = 6
#: A lone short line between finished paragraphs is a subhead, not a new article's headline.
_SUBHEAD_MAX_CHARS = 16
_FIGURE_LINE_MAX_CHARS = 80
_BYLINE_MAX_CHARS = 40
#: An item in a column of briefs (简讯) is a headline and a paragraph or two.
_BRIEF_MAX_PARAGRAPHS = 2
# 今日澄湖: a paper's name that does not end in 报, known only by standing over its masthead.
_PAPER_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}")
#: The title of the video a QR code leads to (更多高新区发展故事).
_VIDEO_TITLE_MAX_CHARS = 12
#: A page is wrapped when this share of its text lines sits in blocks of at least this many lines.
_WRAPPED_BLOCK_LINES = 3
_WRAPPED_PAGE_SHARE = 0.3
_WRAPPED_MAX_WIDTH = 40
# 近日，记者从区生态环境局获悉 / 3月5日，…: how an article without a byline often opens.
_SOFT_LEAD = re.compile(r"(近日|日前|昨日|昨天|今天|今日|近期|今年以来|去年以来|记者从|记者近日|\d{1,2}月\d{1,2}日)")
_FOLIO_FACTS = {"editor", "page_number", "bare_page_number", "page_name"}


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


@dataclass
class Draft:
    """An article as one page shows it; a continuation is joined to its article later."""

    page: int
    headline: Headline | None = None
    section: str | None = None
    headline_lines: list[int] = field(default_factory=list)
    #: The headline lines as printed, kept for the record if the headline is dropped (a jump headline).
    headline_raw: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    figures: list[FigureDraft] = field(default_factory=list)
    #: Paragraph indexes of subheads (一、…), a subset of `standalone`.
    subheads: list[int] = field(default_factory=list)
    #: Paragraph indexes that stand alone whatever their last character: subheads, a signature.
    standalone: set[int] = field(default_factory=set)
    byline: str | None = None
    byline_lines: list[int] = field(default_factory=list)
    byline_names: list[str] = field(default_factory=list)
    continued_on: int | None = None
    continued_from: int | None = None

    def source_lines(self) -> list[int]:
        lines = [*self.headline_lines, *self.byline_lines]
        lines += [n for p in self.paragraphs for n in p.lines]
        lines += [n for f in self.figures for n in f.lines]
        return sorted(lines)

    def reporters(self) -> list[str]:
        lead = reporters_in_lead(self.paragraphs[0].text) if self.paragraphs else []
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


def parse_page(decoded: DecodedPage, source: str, supplied: Supplied = NOTHING_SUPPLIED) -> PageDraft:
    lines = [
        Line(n, raw.strip(), normalize_line(raw), indented=raw.startswith(("\u3000", "  ", "\t")))
        for n, raw in enumerate(decoded.lines, 1)
        if raw.strip()
    ]
    warnings = [PageWarning("decoding", f"{source}: {note}") for note in decoded.notes]
    _mark_furniture(lines)
    nameplate = _read_nameplate(lines)
    label, date = _page_identity(nameplate, source, supplied)
    number = page_order(label)[1]
    lines = _fold_wrapped_paragraphs(lines)
    _mark_markers(lines)
    _mark_duplicates(lines, warnings)
    content = [line for line in lines if line.kind not in ("nameplate", "furniture", "pull-quote", "end-mark")]
    drafts = _Segmenter(number, content, warnings).run()
    dropped = [
        (line_number, raw, _drop_reason(line, nameplate))
        for line in lines
        if line.kind != "text"
        for line_number, raw in line.physical()
    ]
    return PageDraft(
        number=number,
        label=label,
        paper=nameplate.paper or supplied.paper,
        date=date,
        nameplate=nameplate,
        source=source,
        encoding=decoded.encoding,
        drafts=drafts,
        dropped=dropped,
        warnings=warnings,
        fingerprint=compact("".join(line.text for line in lines)),
    )


def _drop_reason(line: Line, nameplate: Nameplate) -> str:
    if line.kind == "nameplate":
        folio_only = set(line.nameplate_facts) <= _FOLIO_FACTS
        return "masthead" if nameplate.front_page and not folio_only else "folio"
    if line.kind in ("jump-out", "jump-in"):
        return "jump-marker"
    return line.kind


def _page_identity(nameplate: Nameplate, source: str, supplied: Supplied) -> tuple[str, dt.date]:
    """The page's label and the issue's date: as printed, else as supplied; a contradiction refused."""
    try:
        date = nameplate.date()
    except (ValueError, OverflowError):
        raise InputError(
            f"{source}: impossible date {nameplate.year}年{nameplate.month}月{nameplate.day}日 in its masthead or folio"
        ) from None
    supplied.check(source, nameplate.paper, date, nameplate.page_label)
    label = nameplate.page_label or supplied.page
    if label is None and (nameplate.front_page or nameplate.paper):
        label = "1"  # a masthead with the paper's name and no page number: the front page
    if label is None:
        raise InputError(
            f"{source}: prints no page number (no masthead or folio): give it with --page, or name the files "
            "with [paper] file_names"
        )
    date = date or supplied.date
    if date is None:
        raise InputError(
            f"{source}: its masthead or folio prints no date: give it with --date, or name the files with "
            "[paper] file_names"
        )
    return label, date


# ── set-aside lines ─────────────────────────────────────────────────────────────────────────────


def _mark_furniture(lines: list[Line]) -> None:
    box: re.Pattern[str] | None = None  # what the lines under a 导读, weather or 广告 header look like
    for index, line in enumerate(lines):
        if box is not None and _in_box(lines, index, box):
            line.kind = "furniture"
            continue
        box = None
        if patterns.TEASER_HEADER.fullmatch(line.text):
            line.kind, box = "furniture", patterns.TEASER_IN_BOX
        elif patterns.WEATHER_HEADER.fullmatch(line.text):
            line.kind, box = "furniture", patterns.WEATHER
        elif patterns.AD_HEADER.fullmatch(line.text):
            line.kind, box = "furniture", patterns.AD_LINE
        elif (
            patterns.RULE.fullmatch(line.text)
            or patterns.WEATHER_LINE.fullmatch(line.text)
            or (patterns.TEASER.fullmatch(line.text) and not patterns.JUMP_OUT.search(line.text))
        ):
            line.kind = "furniture"
        elif patterns.APP_PROMO.fullmatch(line.text):
            # 重庆渝中 / APP, or APP / 重庆渝中, or 下载“今日桐溪”APP / 看桐溪 更多精彩: the app's name or
            # slogan printed against the word.
            line.kind = "furniture"
            _mark_neighbour(lines, index, -1, patterns.APP_NAME)
            _mark_neighbour(lines, index, +1, patterns.APP_NAME)
            _mark_neighbour(lines, index, +1, patterns.QR_TARGET)
        elif patterns.QR_CALL.fullmatch(line.text):
            line.kind = "furniture"
            _mark_neighbour(lines, index, -1, patterns.QR_TARGET)
            _mark_neighbour(lines, index, +1, patterns.QR_TARGET)
            _mark_video_title(lines, index)


def _mark_video_title(lines: list[Line], index: int) -> None:
    """扫码看 / 清源项目建设直击 / (下转2版): what the code leads to, named in a short line between the
    call-out and an article's jump marker, where no headline can stand."""
    if index + 2 >= len(lines):
        return
    title, marker = lines[index + 1], lines[index + 2]
    short = len(title.text) <= _VIDEO_TITLE_MAX_CHARS and not re.search("[，。；]", title.text)
    if (
        title.kind == "text"
        and short
        and (patterns.JUMP_OUT.fullmatch(marker.text) or patterns.BARE_JUMP_OUT.fullmatch(marker.text))
    ):
        title.kind = "furniture"


def _in_box(lines: list[Line], index: int, box: re.Pattern[str]) -> bool:
    """A line under a box's header belongs to the box while it looks the part, follows the box
    closely, and is not the headline of the article whose lead comes next."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        box.fullmatch(line.text) is not None
        and line.number - lines[index - 1].number <= 2
        and not (following is not None and patterns.LEAD.match(following.text))
    )


def _mark_neighbour(lines: list[Line], index: int, step: int, pattern: re.Pattern[str]) -> None:
    """The app's name beside APP, the video under 扫码看: furniture when printed against it. A line
    above counts only with no blank line between (a headline may stand over a QR code)."""
    other = index + step
    if not 0 <= other < len(lines):
        return
    neighbour = lines[other]
    distance = abs(neighbour.number - lines[index].number)
    if distance <= (1 if step < 0 else 2) and neighbour.kind == "text" and pattern.fullmatch(neighbour.text):
        neighbour.kind = "furniture"
        if distance == 1:
            # 扫码关注 / “桐川发布” / 获取更多资讯: a call-out may run on over lines set right under it.
            _mark_neighbour(lines, other, step, pattern)


def _read_nameplate(lines: list[Line]) -> Nameplate:
    """Masthead or folio: blocks of nameplate lines at the top or bottom of the page, or anywhere with
    two unmistakable facts (an extractor may put the masthead after the lead story); lone lines
    elsewhere only for what cannot be article text (第26期, 今日4版, 责编：王五)."""
    units = _vertical_runs([line for line in lines if line.kind == "text"])
    probes = [Nameplate().read_line(_unit_text(unit), at_top=True) for unit in units]
    in_block: set[int] = set()
    start = 0
    while start < len(units):
        end = start
        while end < len(units) and probes[end] is not None:
            end += 1
        block = [probes[i] or () for i in range(start, end)]
        strong = sum(map(has_strong_fact, block))
        # A block at the foot is a folio if it says which page it is (or who edited it), or the paper's
        # imprint if it gives several of its particulars; a date alone there closes a notice
        # (清溪县人民代表大会常务委员会 / 2024年3月11日).
        at_foot = end == len(units) and (any(map(has_folio_fact, block)) or sum(map(is_imprint, block)) >= 2)
        if block and (start == 0 or at_foot or strong >= 2):
            in_block.update(range(start, end))
        start = end + 1
    nameplate = Nameplate()
    for index, unit in enumerate(units):
        facts = nameplate.read_line(_unit_text(unit), at_top=index in in_block)
        if facts is not None:
            for line in unit:
                line.kind, line.nameplate_facts = "nameplate", facts
    nameplate.finish()
    if (
        nameplate.paper is None
        and len(units) > 1
        and 1 in in_block
        and units[0][0].kind != "nameplate"
        and _PAPER_NAME.fullmatch(_unit_text(units[0]))
    ):
        # 今日澄湖 / JINRI CHENGHU / 中共澄湖区委宣传部主办 …: a name with no 报 in it, over the masthead.
        nameplate.paper = _unit_text(units[0])
        for line in units[0]:
            line.kind, line.nameplate_facts = "nameplate", ("paper",)
    return nameplate


def _vertical_runs(lines: list[Line]) -> list[list[Line]]:
    """星 / 期 / 三 on consecutive lines: text set vertically comes out a character a line."""
    units: list[list[Line]] = []
    for line in lines:
        previous = units[-1] if units else None
        if (
            previous is not None
            and len(line.text) == 1
            and len(previous[-1].text) == 1
            and line.number == previous[-1].number + 1
            and is_chinese(line.text)
        ):
            previous.append(line)
        else:
            units.append([line])
    return units


def _unit_text(unit: list[Line]) -> str:
    return "".join(line.text for line in unit)


def _mark_markers(lines: list[Line]) -> None:
    """Jump markers and end marks: taken out of the text, kept as facts (continued_on …)."""
    for line in lines:
        if line.kind != "text":
            continue
        if patterns.END_MARK.fullmatch(line.text):
            line.kind = "end-mark"
            continue
        # …推动解决消费者急难愁盼问题。（完）
        line.text = patterns.END_MARK.sub("", line.text)
        if (m := patterns.JUMP_OUT.fullmatch(line.text) or patterns.BARE_JUMP_OUT.fullmatch(line.text)) and (
            page := _page_of(m)
        ):
            line.kind, line.jump_out = "jump-out", page
        elif (m := patterns.JUMP_IN.fullmatch(line.text) or patterns.BARE_JUMP_IN.fullmatch(line.text)) and (
            page := _page_of(m)
        ):
            line.kind, line.jump_in = "jump-in", page
        else:
            # …改造升级标准》， (下转2版): the marker closes the paragraph it ends.
            m = patterns.JUMP_OUT.search(line.text)
            if m and not line.text[m.end() :].strip() and (page := _page_of(m)):
                line.jump_out, line.text = page, line.text[: m.start()].rstrip()
            # (上接1版)要强化数字赋能…: the marker opens the continuation's first paragraph.
            m = patterns.JUMP_IN.match(line.text)
            if m and line.text[m.end() :].strip() and (page := _page_of(m)):
                line.jump_in, line.text = page, line.text[m.end() :].lstrip()


def _page_of(marker: re.Match[str]) -> int | None:
    """The page a jump marker names; None for one that does not read (下转十十版)."""
    try:
        return cn_int(marker["page"]) or None
    except ValueError:
        return None


def _fold_wrapped_paragraphs(lines: list[Line]) -> list[Line]:
    """A page exported with its paragraphs wrapped at the column width (each paragraph several lines,
    blank lines only between blocks) becomes one line per block, as the seed's export has it.

    The page counts as wrapped when many of its text lines sit in blocks of three or more; a page of
    one-line paragraphs keeps its two-line blocks (a headline and its ——subtitle) apart.
    """
    blocks: list[list[Line]] = []
    for line in lines:
        previous = blocks[-1][-1] if blocks else None
        if previous is not None and _continues_block(previous, line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    text_lines = sum(line.kind == "text" for line in lines)
    long_blocks = [block for block in blocks if len(block) >= _WRAPPED_BLOCK_LINES]
    if not text_lines or sum(map(len, long_blocks)) < text_lines * _WRAPPED_PAGE_SHARE:
        return lines
    # Wrapped lines are as wide as a column; an export with no blank lines, one paragraph a line,
    # has long lines in its blocks instead.
    widths = sorted(len(line.text) for block in long_blocks for line in block[:-1])
    if widths[len(widths) // 2] > _WRAPPED_MAX_WIDTH:
        return lines
    for head, *rest in blocks:
        if rest:
            head.folded = [physical for line in rest for physical in line.physical()]
            # Cleaned again as one line: 通讯 / 员 刘畅 is 通讯员 刘畅, not 通讯 员刘畅.
            head.text = normalize_line("".join(raw for _, raw in head.physical()))
    return [block[0] for block in blocks]


def _continues_block(previous: Line, line: Line) -> bool:
    """The next line of a wrapped paragraph: right under the previous one, not indented, and not a line
    that stands on its own (本报记者 张三, 记者 李一 摄, 本报讯… which opens a paragraph)."""
    return (
        line.kind == previous.kind == "text"
        and line.number == previous.number + 1
        and not line.indented
        and not (_is_byline(line.text) or _is_credit(line.text) or patterns.LEAD.match(line.text))
    )


def _mark_duplicates(lines: list[Line], warnings: list[PageWarning]) -> None:
    """Drop the misplaced copies of a line the extractor wrote twice, keeping the one that fits.

    Line 42 of the seed is a copy of line 52; 52 is right because it continues line 50
    (…利用数 / 字技术…). The copy that fits is the one whose previous line stops mid-sentence and
    whose join makes a pair of characters the page uses elsewhere (数字, not 点字).
    """
    text_lines = [line for line in lines if line.kind == "text"]
    copies: defaultdict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(text_lines):
        # A repeated name or headline (a notice's issuer over it and in its signature) is the
        # paper's own; an extraction duplicate is a block of running text.
        if _is_running_text(line.text):
            copies[compact(line.text)].append(index)
    groups = [indexes for indexes in copies.values() if len(indexes) > 1]
    _mark_pull_quotes(text_lines, {i for indexes in groups for i in indexes}, warnings)
    if not groups:
        return
    duplicated = {i for indexes in groups for i in indexes}
    bigrams = Counter(pair for i, line in enumerate(text_lines) if i not in duplicated for pair in pairwise(line.text))

    def fit(index: int) -> int:
        """How much a copy is needed where it stands: not at all after a finished sentence; most after a
        word cut in half (…利用数 / 字技术…), which nothing else can finish; then by the pair of
        characters the join makes, counted elsewhere on the page."""
        if index == 0 or ends_sentence(previous := text_lines[index - 1].text) or text_lines[index - 1].jump_out:
            return 0
        cut_word = 2 if previous[-1] not in "，、；,;" else 1
        return cut_word * (1 + bigrams[(previous[-1], text_lines[index].text[0])])

    for indexes in groups:
        keep = max(indexes, key=lambda i: (fit(i), -i))
        for index in indexes:
            if index != keep:
                line = text_lines[index]
                line.kind = "duplicate"
                warnings.append(
                    PageWarning(
                        "duplicate-line",
                        f"line {line.number} repeats line {text_lines[keep].number}; the copy that fits is kept",
                        line.number,
                    )
                )


def _is_running_text(text: str) -> bool:
    return len(compact(text)) >= _DUPLICATE_MIN_CHARS and any(mark in text for mark in "，。；！？、")


def _mark_pull_quotes(text_lines: list[Line], duplicated: set[int], warnings: list[PageWarning]) -> None:
    """“我在家门口开了个小面馆，一个月能挣七八千元。” set in large type beside the text that says it:
    a sentence on a line of its own that also stands inside a longer paragraph a few lines away."""
    compacted = [compact(line.text) for line in text_lines]
    for index, line in enumerate(text_lines):
        if index in duplicated or not _is_running_text(line.text) or len(line.text) > _PULL_QUOTE_MAX_CHARS:
            continue
        following = text_lines[index + 1] if index + 1 < len(text_lines) else None
        if following is not None and _is_credit(following.text):
            continue  # a caption that repeats the lead's first sentence (5月15日，…推进会召开。 / 记者 吴昊 摄)
        quote = compacted[index]
        nearby = range(max(0, index - _PULL_QUOTE_REACH), min(len(text_lines), index + _PULL_QUOTE_REACH + 1))
        source = next((text_lines[i] for i in nearby if len(compacted[i]) > len(quote) and quote in compacted[i]), None)
        if source is not None:
            text_lines[index].kind = "pull-quote"
            warnings.append(
                PageWarning(
                    "pull-quote",
                    f"line {text_lines[index].number} repeats a sentence of line {source.number}; left out of the text",
                    text_lines[index].number,
                )
            )


# ── articles ────────────────────────────────────────────────────────────────────────────────────


def _is_credit(text: str) -> bool:
    return len(text) <= _BYLINE_MAX_CHARS and patterns.CREDIT.fullmatch(text) is not None


def _is_byline(text: str) -> bool:
    """本报记者 陈静 刘畅 on a line of its own; not 实习生招募启动, whose "name" is no name."""
    if len(text) > _BYLINE_MAX_CHARS:
        return False
    if patterns.UNNAMED_BYLINE.fullmatch(text):
        return True
    names = names_in_byline(text) if patterns.BYLINE.fullmatch(text) else []
    return bool(names) and all(looks_like_name(name) for name in names)


def _is_lead(line: Line) -> bool:
    return patterns.LEAD.match(line.text) is not None


def _is_headline_like(line: Line) -> bool:
    text = line.text
    if line.kind != "text" or line.jump_in or line.jump_out:
        return False
    if not 2 <= len(text) <= _HEADLINE_MAX_CHARS or text[-1] in "。，、；：,;:" or "。" in text or "；" in text:
        return False
    # 那么，如何让老旧小区焕发新的活力？ is a sentence of the text; 被骗2万元？ can be a headline. A
    # headline has a comma or two (金价高位震荡，饰品消费趋于理性), a sentence cut short has more.
    commas = text.count("，")
    if (text[-1] in "？！?!" and commas) or commas > 1 or (commas and len(text) > _COMMA_HEADLINE_MAX_CHARS):
        return False
    # 陈慧玲在主持时要求，各级各部门要… is what was said, cut short; a headline reports it without a comma.
    if patterns.REPORTED_SPEECH.search(text):
        return False
    if not patterns.balanced(text) or any(
        p.match(text) for p in (patterns.CAPTION_MARK, patterns.INTERVIEW_TURN, patterns.PARTICULAR)
    ):
        return False
    if patterns.SIGNATURE_DATE.fullmatch(text):
        return False
    return not (_is_lead(line) or _is_credit(text) or _is_byline(text))


def _word_pairs(draft: Draft) -> set[tuple[str, str]]:
    """The pairs of adjacent characters in an article's headline and text."""
    parts = draft.headline.parts() if draft.headline else ()
    return set(pairwise(compact("".join([*parts, *(p.text for p in draft.paragraphs)]))))


def _spread_brief_columns(drafts: list[Draft]) -> None:
    """简讯 / 县人民医院开展… / “青禾脐橙”获评… : every short item under a column of briefs is in it, not
    just the first, which the banner stands over. The column ends at an item that is not brief."""
    column: str | None = None
    for draft in drafts:
        if draft.section and patterns.BRIEFS.fullmatch(draft.section):
            column = draft.section
        elif column and draft.section is None and _is_brief(draft):
            draft.section = column
        else:
            column = None


def _is_brief(draft: Draft) -> bool:
    headline = draft.headline
    plain = headline is not None and headline.kicker is None and headline.subtitle is None
    return plain and len(draft.paragraphs) <= _BRIEF_MAX_PARAGRAPHS


def _caption_with_credit(text: str) -> re.Match[str] | None:
    """提档升级后的石灰市菜市场。记者姚廷洋摄: caption and credit on one line."""
    if len(text) > _FIGURE_LINE_MAX_CHARS + _BYLINE_MAX_CHARS:
        return None
    return patterns.CAPTION_WITH_CREDIT.fullmatch(text)


def _is_enumerated(run: list[Line]) -> bool:
    """一、岗位数量创新高 / （二）…: a numbered heading inside an article, never a new headline."""
    return len(run) == 1 and patterns.ENUMERATED.match(run[0].text) is not None


def _is_subhead(run: list[Line]) -> bool:
    """A short plain line between finished paragraphs (打造特色品牌): a heading inside the article."""
    text = run[0].text
    return len(run) == 1 and " " not in text and text[-1] not in "？！?!" and len(compact(text)) <= _SUBHEAD_MAX_CHARS


class _Segmenter:
    """Cuts a page's remaining lines into article drafts, reading top to bottom."""

    def __init__(self, page: int, lines: list[Line], warnings: list[PageWarning]) -> None:
        self.page = page
        self.lines = lines
        # Where the run of headline-like lines starting at each line ends, found once, so a page of
        # ten thousand headline-like lines is read in linear time.
        self.run_end = list(range(len(lines) + 1))
        for index in range(len(lines) - 1, -1, -1):
            if _is_headline_like(lines[index]):
                self.run_end[index] = self.run_end[index + 1]
        # The first line at or after each one that is not part of a figure or a byline, likewise.
        self.next_body: list[int | None] = [None] * (len(lines) + 1)
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            is_body = line.kind in ("jump-in", "jump-out") or (line.kind == "text" and not self._is_figure_part(index))
            self.next_body[index] = index if is_body else self.next_body[index + 1]
        self.warnings = warnings
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        #: The current article ended on this page: (下转2版), or the page just began.
        self.closed = True
        #: A duplicate was removed since the last paragraph.
        self.removed = False
        self.pending_figures: list[FigureDraft] = []
        #: Photos set between the end of one article and the headline of the next, with the article
        #: above them: which one they belong to is decided when the page is read (`_settle_photos`).
        self.between: list[tuple[FigureDraft, Draft]] = []
        self.settle: list[tuple[FigureDraft, Draft, Draft]] = []

    def run(self) -> list[Draft]:
        index = 0
        while index < len(self.lines):
            index += self._step(index)
        self._finish_current()
        for figure, above in self.between:  # under the page's last article: nothing below to go to
            above.figures.append(figure)
        self._settle_photos()
        if self.pending_figures:
            # Figures after the last article on the page: they belong to the article above them.
            if not self.drafts:
                self._headless_draft(self.pending_figures[0].lines[0])
                self._finish_current()
            self.drafts[-1].figures.extend(self.pending_figures)
        _spread_brief_columns(self.drafts)
        return self.drafts

    def _step(self, index: int) -> int:
        """Handle the line at `index` (and any that belong with it); return how many were taken."""
        line = self.lines[index]
        if line.kind == "duplicate":
            self.removed = True
            return 1
        if line.kind == "jump-out":
            if self.current is not None:
                self.current.continued_on = line.jump_out
            self.closed = True
            return 1
        if line.kind == "jump-in":
            self._start_continuation(line.jump_in)
            return 1
        if self.run_end[index] > index:
            return self._headline_run(index)
        return self._body_line(index)

    def _headline_run(self, index: int) -> int:
        run = self.lines[index : self.run_end[index]]
        after = self._line_at(self.next_body[index + len(run)])
        followed_by_start = after is not None and (after.kind == "jump-in" or after.jump_in or _is_lead(after))
        if self._joins_last(run[0].text) and not followed_by_start:
            # …志愿者和市民 / 代表共500余人参加活动: a short line finishing the sentence above it.
            self._add_paragraph(run[0])
            return 1
        current = self.current
        if self._open_paragraphs() and len(run) == 1 and self._is_signature_date(index + 1):
            # 清溪县人民代表大会常务委员会 / 2024年3月11日: a notice signed below its text.
            self._add_standalone(run[0])
            self._add_standalone(self.lines[index + 1])
            return 2
        if current is not None and not self.closed and current.continued_from and not current.paragraphs:
            if current.headline is None:
                # (上接1版) / 持续巩固提升全国文明城市建设成果: the jump headline under the marker.
                self._set_headline(current, run)
                return len(run)
            # 持续巩固… / (上接1版) / 营造崇德向善的浓厚氛围: the continuation's text resumes mid-sentence.
            self._add_paragraph(run[0])
            return 1
        hard_start = self.closed or followed_by_start or after is None
        soft_start = after is not None and _SOFT_LEAD.match(after.text) is not None
        if current is not None and not hard_start and not soft_start and len(run) == 1 and run[0].text[-1] in "？！?!":
            # 这就是我们的家！ between paragraphs: an exclamation of the text, not a headline.
            self._add_paragraph(run[0])
            return 1
        if current is not None and not hard_start and (_is_enumerated(run) or (not soft_start and _is_subhead(run))):
            current.subheads.append(len(current.paragraphs))
            self._add_standalone(run[0])
            return 1
        self._finish_current()
        draft = Draft(page=self.page)
        self._set_headline(draft, run)
        self._open(draft)
        return len(run)

    def _set_headline(self, draft: Draft, run: list[Line]) -> None:
        draft.headline, draft.section = split_headline([line.text for line in run])
        draft.headline_lines = [number for line in run for number, _ in line.physical()]
        draft.headline_raw = [raw for line in run for _, raw in line.physical()]

    def _is_figure_part(self, index: int) -> bool:
        text = self.lines[index].text
        return (
            _is_credit(text) or _is_byline(text) or self._is_caption(index) or bool(patterns.CAPTION_MARK.match(text))
        )

    def _is_caption(self, index: int) -> bool:
        """A caption whose credit is the next line (the credit on the same line: `_caption_with_credit`)."""
        text = self.lines[index].text
        if _caption_with_credit(text):
            return True
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (
            len(text) <= _FIGURE_LINE_MAX_CHARS
            and following is not None
            and following.kind == "text"
            and _is_credit(following.text)
            and not _is_lead(self.lines[index])
        )

    def _body_line(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        if line.jump_in:
            self._start_continuation(line.jump_in)
            self._add_paragraph(line)
            return 1
        if m := _caption_with_credit(text):
            self._add_figure(_figure(m["caption"], m["credit"], line.numbers()), index + 1)
            return 1
        if self._is_caption(index):
            credit = self.lines[index + 1]
            self._add_figure(_figure(text, credit.text, line.numbers() + credit.numbers()), index + 2)
            return 2
        if _is_credit(text):
            self._add_figure(_figure("", text, line.numbers()), index + 1)
            return 1
        if len(text) <= _FIGURE_LINE_MAX_CHARS and (
            patterns.CAPTION_MARK.match(text) or self._caption_before_lead(index)
        ):
            self._add_figure(_figure(text, None, line.numbers()), index + 1)
            return 1
        if self._open_paragraphs() and (self._is_signature_date(index) or patterns.PARTICULAR.match(text)):
            # 2024年3月11日 under a notice; 咨询电话：023-63801234: lines that stand alone.
            self._add_standalone(line)
            return 1
        if _is_byline(text) and self.current is not None and not self.closed:
            self.current.byline = " ".join(filter(None, [self.current.byline, text]))
            self.current.byline_lines += line.numbers()
            self.current.byline_names += names_in_byline(text)
            return 1
        if _is_lead(line) and self.current is not None and self.current.paragraphs and not self.closed:
            # A second lead in one article: the headline of a new article was lost in extraction.
            self._finish_current()
        self._add_paragraph(line)
        return 1

    def _open_paragraphs(self) -> bool:
        """The current article is still open and has text."""
        return self.current is not None and not self.closed and bool(self.current.paragraphs)

    def _is_signature_date(self, index: int) -> bool:
        return (
            index < len(self.lines)
            and self.lines[index].kind == "text"
            and patterns.SIGNATURE_DATE.fullmatch(self.lines[index].text) is not None
        )

    def _caption_before_lead(self, index: int) -> bool:
        """A short sentence between a headline and its lead is a caption without a credit."""
        line = self.lines[index]
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (
            self.current is not None
            and not self.closed
            and not self.current.paragraphs
            and not _is_lead(line)
            and ends_sentence(line.text)
            and following is not None
            and following.kind == "text"
            and _is_lead(following)
        )

    def _add_figure(self, figure: FigureDraft, after: int) -> None:
        """A photo belongs to the article it stands in; between articles, to the one below it, unless
        set right under an article's text and above the next headline, where its caption decides."""
        following = self.next_body[after]
        above_headline = following is not None and self.run_end[following] > following
        if self.current is None or self.closed:
            self.pending_figures.append(figure)
        elif above_headline and self.current.paragraphs:
            self.between.append((figure, self.current))
        else:
            self.current.figures.append(figure)

    def _settle_photos(self) -> None:
        """Each photo between two articles goes to the one its caption shares more words with
        (图为游客在油菜花海中拍照留念 belongs over 龙潭镇万亩油菜花竞相开放); on a tie, to the one below."""
        kept = {id(draft) for draft in self.drafts}
        for figure, above, below in self.settle:
            if id(below) not in kept:  # the next "article" came to nothing: the photo stays above
                above.figures.append(figure)
                continue
            caption = set(pairwise(compact(figure.caption)))
            shared_above, shared_below = (len(caption & _word_pairs(draft)) for draft in (above, below))
            (above if shared_above > shared_below else below).figures.append(figure)

    def _line_at(self, index: int | None) -> Line | None:
        return None if index is None else self.lines[index]

    def _last_paragraph(self) -> Paragraph | None:
        if self.current is None or self.closed or not self.current.paragraphs:
            return None
        return self.current.paragraphs[-1]

    def _add_paragraph(self, line: Line) -> None:
        if self.current is None or self.closed:
            self._headless_draft(line.number)
        assert self.current is not None
        last = self._last_paragraph()
        if last is not None and self._joins_last(line.text):
            last.text = join_fragments(last.text, line.text)
            last.lines += line.numbers()
        else:
            self.current.paragraphs.append(Paragraph(line.text, line.numbers()))
        self.removed = False
        if line.jump_out:
            self.current.continued_on = line.jump_out
            self.closed = True

    def _add_standalone(self, line: Line) -> None:
        """A paragraph that neither joins the one above nor takes the one below: a subhead, a signature."""
        assert self.current is not None
        self.current.standalone.add(len(self.current.paragraphs))
        self.current.paragraphs.append(Paragraph(line.text, line.numbers()))
        self.removed = False

    def _joins_last(self, text: str) -> bool:
        """Whether `text` goes on with the current article's last paragraph, cut by the layout. Across a
        removed duplicate only a clause left open by ，、； goes on: a word cut in half (…建设点, the
        seed's line 40) lost its continuation to the misplaced copy."""
        last = self._last_paragraph()
        if last is None or len(self.current.paragraphs) - 1 in self.current.standalone:  # type: ignore[union-attr]
            return False
        return _continues(last.text, text) and (not self.removed or last.text[-1] in "，、；,;")

    def _headless_draft(self, line: int) -> None:
        """Text with no headline above it: an article whose headline the extractor lost."""
        self._finish_current()
        draft = Draft(page=self.page)
        self.warnings.append(PageWarning("no-headline", f"line {line}: text without a headline above it", line, draft))
        self._open(draft)

    def _start_continuation(self, from_page: int | None) -> None:
        current = self.current
        if current is not None and not self.closed and not current.paragraphs and not current.continued_from:
            # 奋力打造更多实用实战标志性成果 / (上接1版): the jump headline sits over the marker.
            current.continued_from = from_page
            return
        self._finish_current()
        self._open(Draft(page=self.page, continued_from=from_page))

    def _open(self, draft: Draft) -> None:
        draft.figures.extend(self.pending_figures)
        self.pending_figures = []
        self.settle += [(figure, above, draft) for figure, above in self.between]
        self.between = []
        self.current, self.closed, self.removed = draft, False, False

    def _finish_current(self) -> None:
        draft = self.current
        if draft is None:
            return
        self.current, self.closed = None, True
        if draft.paragraphs or draft.headline or draft.figures or draft.byline:
            self.drafts.append(draft)
        for position, paragraph in enumerate(draft.paragraphs):
            if ends_sentence(paragraph.text) or position in draft.standalone:
                continue
            if position == len(draft.paragraphs) - 1 and draft.continued_on:
                continue
            self.warnings.append(
                PageWarning(
                    "paragraph-cut",
                    f"line {paragraph.lines[-1]}: paragraph ends mid-sentence (…{paragraph.text[-8:]}) and nothing "
                    "continues it; kept as printed",
                    paragraph.lines[-1],
                    draft,
                )
            )


def _continues(paragraph: str, text: str) -> bool:
    """Whether `text` goes on with `paragraph`, cut by the column layout. A clause ending in ；
    continues unless the next line opens a new item (…的报告； / 审议了《…》。 is one sentence; 1.…；
    / 2.… are two items)."""
    if not ends_sentence(paragraph):
        return True
    return paragraph.rstrip("”’」』）)》")[-1:] in "；;" and not patterns.ENUMERATED.match(text)


def _figure(caption: str, credit: str | None, lines: list[int]) -> FigureDraft:
    """▲ 志愿者在解放碑义诊。/ （记者 王二 摄） → 志愿者在解放碑义诊。/ 记者 王二 摄: the arrow points at a
    photo the reader does not see; the parentheses only set the credit apart from the caption."""
    caption = patterns.CAPTION_ARROW.sub("", caption)
    if credit is not None and credit[:1] in "（(" and credit[-1:] in ")）":
        credit = credit[1:-1].strip()
    return FigureDraft(caption, credit, lines)
