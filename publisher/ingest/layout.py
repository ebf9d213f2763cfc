"""A page's lines as set (text, box, size) → the lines a reader reads, in reading order, each with
its type size: a headline set over two lines is one line, a paragraph flowing down a column and
into the next is one line, as the page prints it.

Lines of one size, one under the other and overlapping, are a block: a column's run of body text,
a headline, a 小标题 set narrow over three lines, a caption. Blocks are read in the order a reader
takes them (Breuel's rules for reading order, as document layout analysis has them since 2003):
of two blocks that overlap across, the one above comes first; of two side by side, the one on the
left, unless a block between them in height spans both (a headline over the columns of another
article). A headline set in the middle of the columns' tops, with the first column's text beside
it, still heads that text. Text set vertically (a character a line, stacked) is read top to bottom,
its columns right to left.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

#: A line set this much larger than the body is display type: a headline, a 小标题, a banner.
DISPLAY_SCALE = 1.2
#: Two lines' sizes within this share of each other are one size.
_SAME_SIZE = 0.08
#: A line this far under the last (in its size) goes on the same block; a wider space parts them.
_LINE_SPACING = 1.0
#: A line this much wider than its block, or starting this far left of it (in sizes), is a new one:
#: the column set wider below a headline beside its top.
_WIDER = 1.5
#: White space at least this many body sizes wide (down the page) or high (across it) parts regions.
_GAP = 0.8
#: A line set in from its block's edge by this many characters opens a paragraph.
_INDENT = (1.5, 2.5)
#: Text this far (in body sizes) above a block, in its column, is of another region: a 小标题 and
#: the white space around it are less.
_COLUMN_BREAK = 6.0
#: A line whose end is this near the column's right edge is full: its paragraph goes on below.
_FULL = 1.0
#: Characters stacked this closely (centres within this share of a size across, a step of at most
#: this many sizes down) are a line of vertical text.
_STACKED_ACROSS = 0.3
_STACKED_STEP = 2.0
#: …and their boxes' heights within this share of each other (a glyph's box is its own height).
_STACKED_SIZE = 0.2
_ENDS = ("。", "！", "？", "”", "）", "…")
#: A caption is set this near under its photo (in body sizes), or over its lower edge by a line…
_CAPTION_REACH = 2.5
_CAPTION_OVER = 1.2
#: …in a block of at most this many lines and characters: a column's text under a photo is longer.
_CAPTION_LINES = 6
_CAPTION_CHARS = 240


@dataclass(frozen=True)
class Box:
    """A line as the page sets it: its text, its box in points (origin at the bottom left), its size;
    or a column of characters set one under another."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    vertical: bool = False


@dataclass(frozen=True)
class ReadLine:
    """A line of the page as read: a paragraph, a headline's part, a byline; `scale` is its size over
    the body's, `opens` whether it begins a paragraph (set in from the column's edge)."""

    text: str
    scale: float
    opens: bool = False
    #: The photo (its index in those given to `read_lines`) whose caption or credit this line is.
    photo: int | None = None
    vertical: bool = False


class Placed(Protocol):
    """Where the page sets something that is not text (a photo), in points from the bottom left."""

    @property
    def left(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def right(self) -> float: ...
    @property
    def top(self) -> float: ...


@dataclass
class _Block:
    lines: list[Box]
    size: float

    @property
    def left(self) -> float:
        return min(line.left for line in self.lines)

    @property
    def right(self) -> float:
        return max(line.right for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


def read_lines(lines: Sequence[Box], photos: Sequence[Placed] = ()) -> list[ReadLine]:
    """The page's lines in reading order, a block of display type or a paragraph each; the lines
    set under one of `photos` are its caption."""
    boxes = _stacked(list(lines))
    body = body_size(boxes)
    blocks = _headlines_first(_cut(_blocks(boxes, body), body))
    return _read(blocks, body, _captions(blocks, photos, body))


def body_size(lines: Sequence[Box]) -> float:
    """The size most of the page's characters are set at: the text's, which the gaps are measured in."""
    weighted = sorted((line.size, len(line.text)) for line in lines if line.size > 0)
    if not weighted:
        return 10.0
    half, running = sum(n for _, n in weighted) / 2, 0
    for size, n in weighted:
        running += n
        if running >= half:
            return size
    return weighted[-1][0]


def _stacked(boxes: list[Box]) -> list[Box]:
    """Single characters stacked one under another become one line of vertical text."""
    singles = sorted((box for box in boxes if len(box.text) == 1), key=lambda box: (-box.top, box.left))
    others = [box for box in boxes if len(box.text) != 1]
    runs: list[list[Box]] = []
    for box in singles:
        for run in runs:
            last = run[-1]
            centre, last_centre = (box.left + box.right) / 2, (last.left + last.right) / 2
            if (
                abs(box.size - last.size) <= _STACKED_SIZE * max(box.size, last.size)
                and abs(centre - last_centre) < _STACKED_ACROSS * box.size
                and 0 <= last.bottom - box.top + box.size <= _STACKED_STEP * box.size
            ):
                run.append(box)
                break
        else:
            runs.append([box])
    for run in runs:
        if len(run) == 1:
            others.append(run[0])
            continue
        others.append(
            Box(
                "".join(box.text for box in run),
                min(box.left for box in run),
                run[-1].bottom,
                max(box.right for box in run),
                run[0].top,
                statistics.median(box.size for box in run),
                vertical=True,
            )
        )
    return others


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= _SAME_SIZE * max(a, b)


def _blocks(boxes: list[Box], body: float) -> list[_Block]:
    """Lines top to bottom, each joined to the block it goes on below, else opening one."""
    blocks: list[_Block] = []
    open_blocks: list[_Block] = []
    for line in sorted(boxes, key=lambda box: (-box.top, box.left)):
        home = None if line.vertical else _home(open_blocks, line)
        if home is None:
            home = _Block([line], line.size)
            blocks.append(home)
            open_blocks.append(home)
        else:
            home.lines.append(line)
        # A block more than a few lines above the line being placed can take no more.
        reach = 3 * max(line.size, body)
        open_blocks = [block for block in open_blocks if block.bottom - line.top < reach]
    return blocks


def _home(blocks: list[_Block], line: Box) -> _Block | None:
    best, nearest = None, float("inf")
    for block in blocks:
        last = block.lines[-1]
        # A line of punctuation alone (the 。 a paragraph's last line holds) has its glyphs' height,
        # not its size.
        if last.vertical or not (_same_size(block.size, line.size) or _marks_only(line.text)):
            continue
        below = last.bottom - line.top
        if not -0.5 * line.size <= below <= _LINE_SPACING * line.size:
            continue
        overlap = min(last.right, line.right) - max(last.left, line.left)
        # The 。 a paragraph's last line holds alone is under the line's start, which may be set in.
        if overlap < 0.5 * min(last.right - last.left, line.right - line.left) and not _marks_only(line.text):
            continue
        # The line under a first line set in starts left of it by the indent.
        indent = _INDENT[1] if len(block.lines) == 1 else 0.0
        if line.right > block.right + _WIDER * line.size or line.left < block.left - (_WIDER + indent) * line.size:
            continue
        if below < nearest:
            best, nearest = block, below
    return best


def _cut(blocks: list[_Block], body: float) -> list[_Block]:
    """The blocks cut apart at the page's widest white space, across (the band between two articles)
    or down (a gutter the height of the part), again within each part (the recursive XY-cut of
    layout analysis); a part with no such space is read by `_reading_order`."""
    if len(blocks) < 2:
        return blocks
    band_at, band = _widest_gap([(-block.top, -block.bottom) for block in blocks])
    gutter_at, gutter = _widest_gap([(block.left, block.right) for block in blocks])
    if band >= _GAP * body and band >= gutter:
        parts = [b for b in blocks if -b.bottom < band_at], [b for b in blocks if -b.bottom > band_at]
    elif gutter >= _GAP * body:
        parts = [b for b in blocks if b.right < gutter_at], [b for b in blocks if b.right > gutter_at]
    else:
        return _reading_order(blocks)
    return [block for part in parts for block in _cut(part, body)]


def _widest_gap(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """Where the widest gap between the projected spans ends, and how wide it is (0 for none)."""
    ordered = sorted(spans)
    at, widest = 0.0, 0.0
    reach = ordered[0][1]
    for start, end in ordered[1:]:
        if start - reach > widest:
            at, widest = start, start - reach
        reach = max(reach, end)
    return at, widest


def _marks_only(text: str) -> bool:
    return not any(char.isalnum() for char in text)


def _reading_order(blocks: list[_Block]) -> list[_Block]:
    """Blocks no white space parts, in the order a reader takes them: a topological order of
    "comes before"."""
    count = len(blocks)
    before: list[set[int]] = [set() for _ in range(count)]  # before[b]: the blocks that must come before b
    for a in range(count):
        for b in range(count):
            if a != b and _comes_before(blocks, a, b):
                before[b].add(a)
    done: list[int] = []
    left = set(range(count))
    while left:
        ready = [b for b in left if not (before[b] & left)] or list(left)  # a cycle: take the first
        chosen = min(ready, key=lambda b: (blocks[b].left, -blocks[b].top))
        done.append(chosen)
        left.remove(chosen)
    return [blocks[b] for b in done]


def _comes_before(blocks: list[_Block], a: int, b: int) -> bool:
    first, second = blocks[a], blocks[b]
    tolerance = 0.5 * min(first.size, second.size)
    across = min(first.right, second.right) - max(first.left, second.left) > tolerance
    if across:
        return first.bottom >= second.top - tolerance and first.top > second.top
    if first.right > second.left + tolerance:
        return False
    # Side by side: the left one first, unless a block between them in height spans both.
    high, low = (first, second) if first.top >= second.top else (second, first)
    return not any(
        other.top <= high.bottom + tolerance
        and other.bottom >= low.top - tolerance
        and other.left < first.right
        and other.right > second.left
        for other in blocks
    )


def _headlines_first(blocks: list[_Block]) -> list[_Block]:
    """A headline set in the middle of the columns' tops, or down the page's edge, comes after the
    column of text beside it; it heads that text, so it is read first. What is set under a
    headline in smaller type (its byline, its deck) is read with it, before the columns beside."""
    out = list(blocks)
    body = body_size([line for block in blocks for line in block.lines])
    for headline in [block for block in blocks if block.size > DISPLAY_SCALE * body]:
        where = out.index(headline)
        start, position = where, where
        while position > 0 and _beside(out[position - 1], headline):
            position -= 1
            if _opens_column(out, position, body):
                start = position
        if start < where:
            out.insert(start, out.pop(where))
            where = start
        under = [block for block in out[where + 1 :] if _under(block, headline, body)]
        for block in under:
            out.remove(block)
        out[where + 1 : where + 1] = under
    return out


def _under(block: _Block, headline: _Block, body: float) -> bool:
    """Set right under the headline and within its width, smaller than it and not in the body's size."""
    return (
        not _same_size(block.size, body)
        and block.size < headline.size
        and 0 <= headline.bottom - block.top < 3 * body
        and block.left >= headline.left - body
        and block.right <= headline.right + body
    )


def _beside(block: _Block, headline: _Block) -> bool:
    """Set left of the headline, at its height, in body type."""
    return block.right <= headline.left and block.bottom < headline.top and block.top > headline.bottom


def _opens_column(blocks: list[_Block], position: int, body: float) -> bool:
    """No text in the block's size is above it in its column (a folio band may be), short of white
    space or a picture the height of a few lines (the box of another article above it)."""
    block = blocks[position]
    return not any(
        block.top <= other.bottom <= block.top + _COLUMN_BREAK * body
        and other.left < block.right
        and other.right > block.left
        and _same_size(other.size, block.size)
        for other in blocks[:position]
    )


def _captions(blocks: list[_Block], photos: Sequence[Placed], body: float) -> dict[int, int]:
    """The blocks that caption a photo, by `id`, each with the photo's index: the row of short
    blocks set right under it and within its width (a caption and its credit, or an illustration's
    lettering and its artist)."""
    captions: dict[int, int] = {}
    for index, photo in enumerate(photos):
        under = [
            block
            for block in blocks
            if id(block) not in captions
            and not block.lines[0].vertical
            and photo.bottom - _CAPTION_REACH * body <= block.top <= photo.bottom + _CAPTION_OVER * block.size
            and block.left >= photo.left - body
            and block.right <= photo.right + body
            and block.size < DISPLAY_SCALE * body  # a headline set under a photo heads its text
            and len(block.lines) <= _CAPTION_LINES
            and sum(len(line.text) for line in block.lines) <= _CAPTION_CHARS
        ]
        if under:
            highest = max(block.top for block in under)
            captions.update((id(block), index) for block in under if block.top >= highest - body)
    return captions


def _read(blocks: list[_Block], body: float, captions: dict[int, int]) -> list[ReadLine]:
    out: list[ReadLine] = []
    # Where the last body paragraph is in `out`, while it ran to the end of its column and goes on
    # in the next (past a byline or caption set between, not past a headline).
    going_on: int | None = None
    for block in blocks:
        scale = block.size / body if body else 1.0
        if id(block) in captions:
            out += [ReadLine(text, scale, opens, captions[id(block)]) for text, opens, _ in _paragraphs(block)]
            continue
        if block.lines[0].vertical:
            ordered = sorted(block.lines, key=lambda line: -line.right)
            out.append(ReadLine("".join(line.text for line in ordered), scale, vertical=True))
            going_on = None if scale >= DISPLAY_SCALE else going_on
            continue
        if not _same_size(block.size, body):
            out += _display(block, scale)
            # A paragraph goes on past smaller type (a byline, a caption), not past larger (a heading
            # in bold body type, a notice's case number).
            going_on = None if scale > 1 else going_on
            continue
        for text, opens, full in _paragraphs(block):
            if going_on is not None and not opens:
                last = out[going_on]
                out[going_on] = ReadLine(_joined(last.text, text), last.scale, last.opens)
            else:
                out.append(ReadLine(text, scale, opens))
                going_on = len(out) - 1
            going_on = going_on if full else None
    return out


def _display(block: _Block, scale: float) -> list[ReadLine]:
    """A headline or 小标题 over several lines is one; smaller type (a byline, a caption) goes on
    past a line's end only where the line is full."""
    if scale >= DISPLAY_SCALE:
        text = ""
        for line in block.lines:
            text = _joined(text, line.text)
        return [ReadLine(text, scale)]
    return [ReadLine(text, scale, opens) for text, opens, _ in _paragraphs(block)]


def _paragraphs(block: _Block) -> list[tuple[str, bool, bool]]:
    """A block's paragraphs: (text, whether it is set in, whether its last line is full). A line is
    full when it reaches as far right as the line under it (or, the last, the line over it): a
    paragraph's last line stops short, and lines set narrow beside a box are full at their width."""
    edge, lines = block.left, block.lines
    out: list[tuple[str, bool, bool]] = []
    for position, line in enumerate(lines):
        inset = (line.left - edge) / line.size if line.size else 0.0
        opens = _INDENT[0] <= inset <= _INDENT[1]
        if len(lines) == 1:
            # A line alone has no edge to measure against: it is full unless it ends a sentence.
            full = not line.text.endswith(_ENDS)
        elif position + 1 < len(lines):
            full = lines[position + 1].right - line.right < _FULL * line.size
        else:  # the last: against the line over it, or, where that ends a paragraph short (达。), the
            # column's edge, where most lines end
            over = lines[position - 1]
            edge = statistics.median(other.right for other in lines) if over.text.endswith(_ENDS) else over.right
            full = edge - line.right < _FULL * line.size
        if out and not opens and out[-1][2]:
            text, was_set_in, _ = out[-1]
            out[-1] = (_joined(text, line.text), was_set_in, full)
        else:
            out.append((line.text, opens, full))
    return out


def _joined(text: str, more: str) -> str:
    """Two lines of one paragraph or headline: run together, but for words of Latin letters or
    digits, which a line's end parted by a space."""
    if text and more and text[-1].isascii() and text[-1].isalnum() and more[0].isascii() and more[0].isalnum():
        return f"{text} {more}"
    return text + more
