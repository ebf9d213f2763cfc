"""Lines that are not article text → set aside: furniture, masthead and folio, jump markers,
extraction duplicates and pull quotes, each marked on its `Line` so nothing is lost unaccounted."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import pairwise

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Line, PageWarning, is_credit
from publisher.ingest.nameplate import (
    Nameplate,
    has_folio_fact,
    has_strong_fact,
    is_imprint,
)
from publisher.ingest.text import cn_int, compact, ends_sentence, is_chinese

#: Exact copies shorter than this are not extraction duplicates (扫码看, short captions).
_DUPLICATE_MIN_CHARS = 8
#: A pull quote is a sentence or two, set within a few lines of the paragraph that says it.
_PULL_QUOTE_MAX_CHARS = 60
_PULL_QUOTE_REACH = 6
# 今日澄湖: a paper's name that does not end in 报, known only by standing over its masthead.
_PAPER_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}")
# The marks of running text: a nameplate line has them only after a label (地址：…，邮编：…).
_CLAUSE_MARK = re.compile(r"[，。；！？]")
_LABELLED_MAX_CHARS = 80
#: The title of the video a QR code leads to (更多高新区发展故事).
_VIDEO_TITLE_MAX_CHARS = 12


def mark_furniture(lines: list[Line]) -> None:
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
            (patterns.RULE.fullmatch(line.text) and not patterns.CARRIED_MARKS.fullmatch(line.text))
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
        and not _is_folio_line(line.text)
    )


def _is_folio_line(text: str) -> bool:
    """2019年2月1日 星期五 / 08 / 要闻 under an advertisement: the folio, not the box's text."""
    kinds = Nameplate().read_line(text, at_top=True)
    return kinds is not None and (has_folio_fact(kinds) or {"date", "weekday"} <= set(kinds))


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


def read_nameplate(lines: list[Line]) -> Nameplate:
    """Masthead or folio: blocks of nameplate lines at the top or bottom of the page, or anywhere with
    two unmistakable facts (an extractor may put the masthead after the lead story); lone lines
    elsewhere only for what cannot be article text (第26期, 今日4版, 责编：王五)."""
    units = _vertical_runs([line for line in lines if line.kind == "text"])
    probes = [
        Nameplate().read_line(_unit_text(unit), at_top=True) if _may_be_nameplate(unit) else None for unit in units
    ]
    page_names = _page_names(units, probes)
    for index in page_names:
        probes[index] = ("page_name",)
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
        if block and (start == 0 or at_foot or strong >= 2 or _dates_a_page(block)):
            in_block.update(range(start, end))
        start = end + 1
    nameplate = Nameplate()
    for index, unit in enumerate(units):
        if probes[index] is None:
            continue  # not a nameplate line even read as one at the top
        if index in page_names and index in in_block:
            facts = nameplate.read_page_name(_unit_text(unit))
        else:
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


def _may_be_nameplate(unit: list[Line]) -> bool:
    """Running text (获悉，今年城区将新建 / …开幕。) is no masthead or folio line, which print their
    facts apart with spaces, or labelled (本报地址：…。); most of a page is not read for them at all."""
    text = unit[0].text
    return not _CLAUSE_MARK.search(text) or ("：" in text and len(text) <= _LABELLED_MAX_CHARS)


def _page_names(units: list[list[Line]], probes: list[tuple[str, ...] | None]) -> set[int]:
    """B2 / 服务 / 2024年5月17日: a word on a line of its own beside a line with the page's number only."""
    out = set()
    for index, probe in enumerate(probes):
        if probe is not None or not Nameplate().read_page_name(_unit_text(units[index])):
            continue
        beside = [probes[i] for i in (index - 1, index + 1) if 0 <= i < len(probes)]
        if any(kinds and set(kinds) <= {"bare_page_number", "page_number"} for kinds in beside):
            out.add(index)
    return out


def _dates_a_page(block: list[tuple[str, ...]]) -> bool:
    """2018 年 1 月 4 日 星期四 / 77 理论理论: a date with its weekday and a page number, which pdfminer
    may write between two columns in the middle of the stream."""
    dated = any({"date", "weekday"} <= set(kinds) for kinds in block)
    return dated and any({"page_number", "bare_page_number"} & set(kinds) for kinds in block)


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


def mark_markers(lines: list[Line]) -> None:
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


def mark_duplicates(lines: list[Line], warnings: list[PageWarning]) -> None:
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
        if following is not None and is_credit(following.text):
            continue  # a caption that repeats the lead's first sentence (5月15日，…推进会召开。 / 记者 吴昊 摄)
        quote = compacted[index]
        nearby = range(max(0, index - _PULL_QUOTE_REACH), min(len(text_lines), index + _PULL_QUOTE_REACH + 1))
        source = next((text_lines[i] for i in nearby if len(compacted[i]) > len(quote) and quote in compacted[i]), None)
        if source is not None:
            text_lines[index].kind = "pull-quote"
            warnings.append(
                PageWarning(
                    "pull-quote",
                    f"line {line.number} repeats a sentence of line {source.number}; left out of the text",
                    line.number,
                )
            )
