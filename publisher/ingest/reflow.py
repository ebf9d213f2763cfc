"""Lines as an extractor wrote them → one line per paragraph, as a typesetter set them."""

from __future__ import annotations

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Line, is_byline, is_credit
from publisher.ingest.text import normalize_line

#: A page is wrapped when this share of its text lines sits in blocks of at least this many lines.
_WRAPPED_BLOCK_LINES = 3
_WRAPPED_PAGE_SHARE = 0.3
_WRAPPED_MAX_WIDTH = 40


def fold_wrapped_paragraphs(lines: list[Line]) -> list[Line]:
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
        and not (is_byline(line.text) or is_credit(line.text) or patterns.LEAD.match(line.text))
    )
