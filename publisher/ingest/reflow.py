"""Lines as an extractor wrote them → one line per paragraph, as a typesetter set them.

A desk's own export has a paragraph a line (the seed). Stock extractors (PyMuPDF, pdfminer.six)
write every line of every column instead: `近日，记者从市交通运输局获` / `悉，今年全市将新建…`. Such a
page is reflowed from its own geometry, which survives in the text as line length: the lines of a
column are all about as wide as the column (its *frame width*); a paragraph's first line is two
characters short (the indent) and its last line ends a sentence, usually short; a headline, a
subhead or a byline is a line of its own, shorter or wider than the column around it and ending in
no punctuation. Blank lines (pdfminer's text boxes) end a block but not always a paragraph: a box
may end at the foot of a column in mid-sentence, which the segmenter then joins to what continues it.
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from publisher.ingest import lines as patterns
from publisher.ingest.byline import looks_like_name
from publisher.ingest.drafts import (
    Line,
    is_bare_dateline,
    is_byline,
    is_credit,
    is_headline_like,
    is_lead,
)
from publisher.ingest.narrow import merge_narrow_runs
from publisher.ingest.text import ends_sentence, is_chinese, join_cleaned, normalize_line, width

#: A page is wrapped when this share of its text lines sits in blocks of at least this many lines.
_WRAPPED_BLOCK_LINES = 3
_WRAPPED_PAGE_SHARE = 0.3
_WRAPPED_MAX_WIDTH = 40
#: …and not wrapped when this share of its text lines is wider than a column can be.
_PARAGRAPH_LINES_SHARE = 0.25
#: How many lines either side tell the width of the column a line stands in.
_FRAME_REACH = 8
#: A line this much shorter than its column is not one of its full lines (a paragraph's last line,
#: a headline); one this much shorter, and not more, is a paragraph's indented first line.
_SHORT = 1.5
_INDENT = (1.5, 2.75)
#: A paragraph's first line is its indent short of the column, or more with a lead-in set in bold.
_LEAD_IN = 4.5
#: A line that stands alone is this much shorter, or wider, than the column beside it.
_ALONE_SHORTER = 2.5
_ALONE_WIDER = 3
# 近日，记者从… / 3月7日，我区…: a report's opening clause, which no line of running text starts with.
_DATED_OPENING = re.compile(rf"{patterns.SOFT_LEAD.pattern}(上午|下午|晚)?，")
# 这里回荡…… / 什么帮助吗？” / 一道难题——: how the last line of a paragraph ends (not a marker's ）).
_RUNNING_TEXT_ENDS = ("。", "！", "？", "…", "—", "”", "’", "」", "』")
# A mark of running text or a headline's own: the two lines of a heading have none.
_ANY_MARK = re.compile(r"[，。、；：？！“”‘’（）《》—…,.;:?!]")
#: What of a byline the column wraps onto a line of its own: a name or two.
_BYLINE_REST_MAX_CHARS = 9
#: A headline's deck spans at least this many of the columns under it.
_DECK_COLUMNS = 2
#: A headline block is at most this many lines: banner, kicker, title, subtitle.
_HEADLINE_MAX_LINES = 4
# 人力缺口逾萬人　衛福部指出，…: a subhead, a wide space, and the sentences of its paragraph.
_GLUED_SUBHEAD = re.compile(
    r"[\u3000 ]*(?P<head>[^\s，。；：、！？「」“”（）()]{4,14})\u3000{1,2}(?P<rest>\S.*[。！？].*)"
)


def reflow(lines: list[Line]) -> list[Line]:
    """A page written a column line at a time becomes one line per paragraph; headlines, bylines and
    captions stay lines of their own. A page of one-line paragraphs is left as it is, but for a
    subhead glued onto its paragraph."""
    lines = [part for line in lines for part in _unglued(line)]
    blocks: list[list[Line]] = []
    for line in lines:
        previous = blocks[-1][-1] if blocks else None
        if previous is not None and _same_block(previous, line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    if not _is_wrapped(lines, blocks):
        return lines
    traditional = any(line.text.count("「") for line in lines)
    out: list[Line] = []
    for block in blocks:
        out += _paragraphs(merge_narrow_runs(block, traditional)) if block[0].kind == "text" else block
    _mark_decks(out, _column_width(blocks))
    return out


def _column_width(blocks: list[list[Line]]) -> float:
    """The width of the page's columns: the median line of its blocks of three lines or more."""
    widths = sorted(
        width(line.text)
        for block in blocks
        if len(block) >= _WRAPPED_BLOCK_LINES and block[0].kind == "text"
        for line in block[:-1]
    )
    return widths[len(widths) // 2]


def _mark_decks(lines: list[Line], column: float) -> None:
    """习近平会见国际奥委会主席巴赫 / 习近平强调，中方高度重视…冬奥会 / 本报北京1月31日电…: a line at
    least two columns wide that ends no sentence, between a headline and its lead, is the headline's
    deck (set across the columns under it), however much it reads like a sentence."""
    for above, line, below in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            line.kind == "text"
            and width(line.text) >= _DECK_COLUMNS * column
            and not ends_sentence(line.text)
            and is_headline_like(above)
            and below.kind == "text"
            and _opens_item(below)
        ):
            line.deck = True


def _unglued(line: Line) -> list[Line]:
    """人力缺口逾萬人　衛福部指出，…: a 小標 set on its paragraph's line, a wide space after it, as a
    Taiwan or Hong Kong paper's copy has it; the two become lines of their own (one line of the file)."""
    match = _GLUED_SUBHEAD.fullmatch(line.raw) if line.kind == "text" else None
    if match is None:
        return [line]
    head = Line(line.number, line.raw, normalize_line(match["head"]), indented=line.indented)
    return [head, Line(line.number, line.raw, normalize_line(match["rest"]), indented=True, folded=line.folded)]


def _same_block(previous: Line, line: Line) -> bool:
    """Lines right under one another, neither set aside, the second not indented by the extractor."""
    return (
        line.kind == previous.kind == "text"
        and line.number == previous.number + 1
        and not line.indented
        and not (line.table or previous.table)
    )


def _is_wrapped(lines: list[Line], blocks: list[list[Line]]) -> bool:
    """Many text lines in blocks of three or more, as wide as a column: a page of one-line
    paragraphs keeps its two-line blocks (a headline and its ——subtitle) apart, and an export with
    no blank lines, a paragraph a line, has long lines in its blocks instead."""
    text_lines = sum(line.kind == "text" for line in lines)
    long_blocks = [block for block in blocks if len(block) >= _WRAPPED_BLOCK_LINES and block[0].kind == "text"]
    if not text_lines or sum(map(len, long_blocks)) < text_lines * _WRAPPED_PAGE_SHARE:
        return False
    paragraph_lines = sum(line.kind == "text" and width(line.text) > _WRAPPED_MAX_WIDTH for line in lines)
    if paragraph_lines >= text_lines * _PARAGRAPH_LINES_SHARE:
        return False  # a paragraph a line, with a fact box (全長：… / 主橋：…) in short lines
    widths = sorted(len(line.text) for block in long_blocks for line in block[:-1])
    return widths[len(widths) // 2] <= _WRAPPED_MAX_WIDTH


def _paragraphs(block: list[Line]) -> list[Line]:
    widths = [width(line.text) for line in block]
    frames, typical = _frame_widths(widths, 3, 2)
    # Where a paragraph's indented first line is measured from: the lines that run on, a paragraph's
    # short last line aside, as far as the column's edge.
    running = [None if ends_sentence(line.text) else w for line, w in zip(block, widths, strict=True)]
    (edges,) = _frame_widths(running, 3)
    # The column's widest full line: headlines wider than the column are no full lines of it.
    in_column = [
        w if w is not None and w < frame + _ALONE_WIDER else None for w, frame in zip(running, frames, strict=True)
    ]
    (reaches,) = _frame_widths(in_column, 4)
    out: list[Line] = []
    paragraph: list[Line] = []
    signed = False
    for index, line in enumerate(block):
        # （作者为…教授） / 线上司法展现出巨大发展空间 / 互联网法院这一年: the headline lines after a
        # text's sign-off head the next article, however wide they are.
        if not paragraph and index and out and out[-1] is block[index - 1] and _goes_on_byline(out[-1], line):
            # 本报记者 刘成友 王伟健 / 张枨: the byline's last name, wrapped by the column.
            out[-1].text = f"{out[-1].text} {line.text}"
            out[-1].folded = [*out[-1].folded, *line.physical()]
            continue
        signed = (signed and not paragraph) or _signs_off(paragraph)
        if signed and is_headline_like(line) and not _opens_running_text(block, widths, index, frames[index]):
            out += _folded(paragraph)
            out.append(line)
            paragraph = []
            continue
        if _ends_heading(paragraph, line, widths[index - 1 : index + 1], frames[index], edges[index]):
            # 一、综合设置基层审批服务 / 机构: a numbered heading the column wrapped, one line again.
            out += _folded([*paragraph, line])
            paragraph = []
            continue
        if _stands_alone(block, widths, index, (frames[index], typical[index], reaches[index]), paragraph):
            out += _folded(paragraph)
            out.append(line)
            paragraph = []
        elif paragraph and not _opens_paragraph(
            paragraph, line, widths[index - 1], widths[index], frames[index], edges[index]
        ):
            paragraph.append(line)
        else:
            out += _folded(paragraph)
            paragraph = [line]
    return out + _folded(paragraph)


def _frame_widths(widths: list[float | None], *quarters: int) -> list[list[float]]:
    """The width of the column each line stands in, from the lines around it, at each of
    `quarters`: the upper quartile (3) is the column's edge, which short last lines and headlines
    do not reach; the median (2) the width of a typical full line, which a line of several
    punctuation marks exceeds; 4 the widest. Lines given as None do not count; where none around
    count, all do."""
    out: list[list[float]] = [[] for _ in quarters]
    # The counted widths of the window around each line, kept sorted as the window slides.
    counted: list[float] = []
    for width_ in widths[:_FRAME_REACH]:
        if width_ is not None:
            bisect.insort(counted, width_)
    for index in range(len(widths)):
        entering = index + _FRAME_REACH
        if entering < len(widths) and widths[entering] is not None:
            bisect.insort(counted, widths[entering])
        leaving = index - _FRAME_REACH - 1
        if leaving >= 0 and widths[leaving] is not None:
            del counted[bisect.bisect_left(counted, widths[leaving])]
        around = counted or sorted(w or 0.0 for w in widths[max(0, index - _FRAME_REACH) : entering + 1])
        for values, quarter in zip(out, quarters, strict=True):
            values.append(_quartile(around, quarter))
    return out


def _quartile(ordered: list[float], quarter: int) -> float:
    """The value `quarter` quarters of the way up sorted values (2 the median, 4 the largest),
    interpolated as statistics.quantiles(method="inclusive") does; by hand, as it runs for every line."""
    position = (len(ordered) - 1) * quarter / 4
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


def _stands_alone(
    block: list[Line], widths: list[float], index: int, column: tuple[float, float, float], paragraph: list[Line]
) -> bool:
    """A headline, subhead, byline or credit: a line of its own, not a column's fragment of a paragraph.
    `column` is the frame, typical and widest running widths around the line (`_paragraphs`)."""
    line, line_width = block[index], widths[index]
    frame, typical, reach = column
    if line.table:
        return True
    if line.merged:
        return not patterns.LEAD.match(line.text)
    if is_byline(line.text) or is_credit(line.text):
        return True
    if not is_headline_like(line):
        return False
    if not paragraph and index and line.text.startswith("——") and is_headline_like(block[index - 1]):
        # 让公共文化服务走到百姓身边 / ——从一座社区图书馆说起: the headline's subtitle under it.
        return True
    if paragraph and not _ends_sentence(paragraph) and line.text.endswith(_RUNNING_TEXT_ENDS):
        # 乌山赤水间，历史的交响在 / 这里回荡…… / 什么帮助吗？”: the last line of a paragraph that runs on.
        return False
    if paragraph and not _ends_sentence(paragraph) and abs(line_width - widths[index - 1]) <= _SHORT:
        # …思想武装 / 头脑、指导实践、推动工作，真正 / 成为…: a full line of a paragraph that runs on.
        return False
    if (
        paragraph
        and not _ends_sentence(paragraph)
        and line_width < frame + _ALONE_WIDER
        and not _heads_item(block, index, frame)
        and _unmarked_end(paragraph)
    ):
        # 气温舒适、空气清新、水质 / 清澈，好生态提高老年人晚年生 / 活质量: a heading the column wrapped,
        # whose last line finishes its words; it stands alone as a whole (`_paragraphs`). A line wider
        # than the column is none the column wrapped.
        return False
    if (not paragraph or _ends_sentence(paragraph)) and _heads_item(block, index, frame):
        # …免费参加。 / 课后服务覆盖全市所有小学 / 潇城晚报记者 方圆/文: a headline as wide as the column,
        # between a finished text and a byline (or a lead, or the end of the frame).
        return True
    following = widths[index + 1] if index + 1 < len(block) else None
    first_line = typical - _LEAD_IN <= line_width < frame + _ALONE_WIDER
    if first_line and following and reach - 1 <= following < frame + _ALONE_WIDER:
        # 新思想不是用来武装嘴巴 / 的，更不是…: a paragraph's first line (indented, perhaps a bold lead-in),
        # the full lines of the column after it; a headline is followed by a paragraph's indented start.
        # A line wider than the column is no paragraph's first line, which is shorter.
        return False
    return line_width <= frame - _ALONE_SHORTER or line_width >= frame + _ALONE_WIDER


def _ends_heading(paragraph: list[Line], line: Line, widths: list[float], frame: float, edge: float) -> bool:
    """A short line of no punctuation under a heading's first line that reached the column's edge
    (or its indent): a numbered heading (一、综合设置基层审批服务 / 机构) or one of no
    punctuation (把集中教育的学习收获转化 / 为实践动力)."""
    if len(paragraph) != 1 or not is_headline_like(paragraph[0]) or not is_headline_like(line):
        return False
    first_width, line_width = widths
    numbered = patterns.ENUMERATED.match(paragraph[0].text) is not None
    unmarked = not _ANY_MARK.search(paragraph[0].text + line.text)
    return first_width >= edge - _INDENT[1] - 0.5 and (numbered or unmarked) and line_width <= frame - _ALONE_SHORTER


def _opens_running_text(block: list[Line], widths: list[float], index: int, frame: float) -> bool:
    """通过技术创新和制度创新的 / 结合更好保障、实现司法公正。: a line as wide as the column (or its
    indent short of it), broken off inside a word, over text that is no headline: a paragraph's first line."""
    following = block[index + 1] if index + 1 < len(block) else None
    return (
        following is not None
        and not is_headline_like(following)
        and widths[index] >= frame - _INDENT[1]
        and _unmarked_end([block[index]])
    )


def _goes_on_byline(byline: Line, line: Line) -> bool:
    """A line of nothing but names under a byline: the rest of it."""
    names = line.text.split()
    return (
        is_byline(byline.text)
        and len(line.text) <= _BYLINE_REST_MAX_CHARS
        and all(2 <= len(name) <= 4 and looks_like_name(name) for name in names)
        and bool(names)
    )


def _signs_off(paragraph: list[Line]) -> bool:
    """The paragraph so far is a whole sign-off: （本报罗马1月31日电）, （作者为…） over three lines."""
    if not paragraph or not patterns.SIGN_OFF.match(paragraph[0].text):
        return False
    return _ends_sentence(paragraph) or bool(patterns.SIGN_OFF.fullmatch(paragraph[-1].text))


def _unmarked_end(paragraph: list[Line]) -> bool:
    """Whether the paragraph so far breaks off inside a word: its last line ends in a character,
    not a mark (…晚年生), as a heading's first lines do."""
    last = paragraph[-1].text
    return bool(last) and is_chinese(last[-1]) and not _ANY_MARK.search(last[-1])


def _heads_item(block: list[Line], index: int, frame: float) -> bool:
    """Whether the line, and the headline-like lines under it (a kicker and a title), stand over a
    byline, a lead, a report's dated opening or the end of the frame."""
    end = index + 1
    while end < len(block) and end - index <= _HEADLINE_MAX_LINES:
        following = block[end]
        if _opens_item(following) or _DATED_OPENING.match(following.text):
            return True
        if not is_headline_like(following) and not _may_be_deck(following, frame):
            return False
        end += 1
    return end == len(block)


def _may_be_deck(line: Line, frame: float) -> bool:
    """A line across columns, its sentence unfinished: a headline's deck (`_mark_decks`)."""
    return width(line.text) >= _DECK_COLUMNS * frame and not ends_sentence(line.text) and not is_lead(line)


def _opens_item(line: Line) -> bool:
    """A line an article may open with under its headline: a byline, a narrow-set byline, a lead,
    the label of the box it opens with (核心阅读)."""
    return line.merged or is_byline(line.text) or is_lead(line) or patterns.BOX_LABEL.fullmatch(line.text) is not None


def _opens_paragraph(
    paragraph: list[Line], line: Line, previous_width: float, line_width: float, frame: float, edge: float
) -> bool:
    """Whether `line` begins a new paragraph after `previous`: after a sentence that ends short of the
    column's edge, or at an indent; and wherever a lead (本报讯…) or a byline begins."""
    previous = paragraph[-1]
    if previous.merged:
        # 本报讯（新 / 江城…记者 / 王 / 小明）: the byline set narrow opens the lead the column goes on with.
        return patterns.LEAD.match(previous.text) is None
    if is_bare_dateline(previous.text) and len(paragraph) == 1:
        return False  # 据新华社金边1月30日电 / （记者毛鹏飞）2019…: the dateline's lead goes on.
    if is_lead(line) or patterns.SIGN_OFF.match(line.text):
        return True
    if not _ends_sentence(paragraph):
        return False
    if patterns.SIGNED.search(previous.text):
        return True  # …办理了借阅证。（达娃）: a brief signed by its writer ends there.
    indented = edge - _INDENT[1] <= line_width <= edge - _INDENT[0]
    # A paragraph's first line is short by its indent: it ends the paragraph only shorter still.
    short = frame - _SHORT - (_INDENT[0] if len(paragraph) == 1 else 0)
    return previous_width <= short or indented


def _ends_sentence(paragraph: list[Line]) -> bool:
    """Whether the paragraph so far ends a sentence; its last lines are enough to tell, a closing
    parenthesis (…研究员）) being matched over a few lines."""
    return ends_sentence("".join(line.text for line in paragraph[-4:]))


def _folded(paragraph: list[Line]) -> list[Line]:
    if not paragraph:
        return []
    head, *rest = paragraph
    if not rest:
        return [head]
    head.folded = [*head.folded, *(physical for line in rest for physical in line.physical())]
    if any(_spacing_across(above.raw, below.raw) for above, below in pairwise(paragraph)):
        # Cleaned again as one line: 通讯 / 员 刘畅 is 通讯员 刘畅, not 通讯 员刘畅.
        head.text = normalize_line(_join_raw([raw for _, raw in head.physical()]))
    else:
        # Each line is clean, and its letter spacing reads the same joined: the long line's
        # spacing is not worked out again (a page of pdfminer's letter-spaced lines is mostly this).
        head.text = join_cleaned([line.text for line in paragraph])
    return [head]


def _spacing_across(above: str, below: str) -> bool:
    """Whether the spacing of two lines reads differently once they are one: a lone character at
    the join (通讯 / 员 刘畅) of a line that is not letter-spaced, and so was cleaned as a word."""
    above, below = above.strip(), below.strip()
    lone_at_end = above[-2:-1] == " " and not _letter_spaced(above)
    lone_at_start = below[1:2] == " " and not _letter_spaced(below)
    return lone_at_end or lone_at_start


def _join_raw(raws: list[str]) -> str:
    """The lines of a paragraph as one; a Latin word broken over two lines keeps its space, and so
    do two letter-spaced lines (介 绍 ，这 些 / 地 块 过 去), which are cleaned of it together."""
    out = raws[0].strip()
    spaced = _letter_spaced(out)
    for raw in raws[1:]:
        raw = raw.strip()
        latin = out[-1:].isascii() and out[-1:].isalpha() and raw[:1].isascii() and raw[:1].isalpha()
        now_spaced = _letter_spaced(raw)
        gap = " " if latin or (spaced and now_spaced and is_chinese(out[-1:]) and is_chinese(raw[:1])) else ""
        out += gap + raw
        spaced = now_spaced
    return out


def _letter_spaced(raw: str) -> bool:
    """今 年 以 来 ，全 县: pdfminer's justified line, a space after most characters."""
    return raw.count(" ") * 3 >= len(raw.replace(" ", ""))
