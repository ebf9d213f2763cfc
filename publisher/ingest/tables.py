"""A table an extractor wrote a cell a line, or a fact box → its rows, each a line of its own.

Weather boxes, price lists and timetables come out of a PDF as a column of short lines, one cell
each (城区 / 多云转晴 / 18～27℃ / 南风2级 / 东山县 / …). Read as text they would be a run of headlines
or one long paragraph. A run of such cells, enough of them figures, is a table: its rows are found
from the pattern the cells repeat (a name, then figures), and each row is kept as a line that
neither the reflow nor the segmenter joins to another.
"""

from __future__ import annotations

import re

from publisher.ingest.drafts import Line, is_byline
from publisher.ingest.text import width

#: A cell is at most this wide (in ems); a table has at least this many, a third of them figures.
_CELL_MAX_WIDTH = 8
_MIN_CELLS = 6
_FIGURES_SHARE = 1 / 3
#: How many cells a row may have.
_ROW_SIZES = range(2, 7)
_FIGURE = re.compile(r"\d")
#: 全長：約12公里（含連絡道路）: a fact box's line, a short label and its value; two at least make a box.
_FACT = re.compile(r"[^\s：:，。；]{1,8}[：:][^。；！？]{1,30}")
_FACT_MAX_WIDTH = 24
_MIN_FACTS = 2
# …，。；： in a line: a clause of running text, never a cell.
_CLAUSE = re.compile(r"[，。；：！？,;]")


def gather_tables(lines: list[Line]) -> list[Line]:
    """The page's lines with each table's cells gathered into rows (`Line.table`)."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _is_fact(lines[end]) and (end == index or _next_to(lines[end - 1], lines[end])):
            end += 1
        if end - index >= _MIN_FACTS:
            # 全長：約12公里 / 主橋：920公尺 / 經費：約153億元: a fact box, a row a line.
            out += [_row([line]) for line in lines[index:end]]
            index = end
            continue
        end = index
        while end < len(lines) and _is_cell(lines[end]) and (end == index or _next_to(lines[end - 1], lines[end])):
            end += 1
        run = lines[index:end]
        if run and _is_title(run):
            out.append(run.pop(0))  # 今明两天天气预报 / 城区 / 多云转晴 …: the table's title, over its cells
            index += 1
        if len(run) >= _MIN_CELLS and sum(bool(_FIGURE.search(line.text)) for line in run) >= len(run) * _FIGURES_SHARE:
            out += _rows(run)
            index = end
        else:
            out.append(lines[index])
            index += 1
    return out


def _is_fact(line: Line) -> bool:
    return line.kind == "text" and width(line.text) <= _FACT_MAX_WIDTH and _FACT.fullmatch(line.text) is not None


def _is_cell(line: Line) -> bool:
    text = line.text
    return line.kind == "text" and width(text) <= _CELL_MAX_WIDTH and not _CLAUSE.search(text) and not is_byline(text)


def _is_title(run: list[Line]) -> bool:
    """A first line with no figure, twice as wide as the cells under it."""
    widths = sorted(width(line.text) for line in run[1:])
    return bool(widths) and not _FIGURE.search(run[0].text) and width(run[0].text) >= 2 * widths[len(widths) // 2]


def _next_to(above: Line, below: Line) -> bool:
    """Cells of one table: on the next line, or after pdfminer's blank line."""
    return below.number - above.number <= 2


def _rows(cells: list[Line]) -> list[Line]:
    """Cells → rows, where the cells repeat one pattern of names and figures (城区 多云转晴 18～27℃ 南风2级);
    two tables one under the other (a weather box, then 本周菜价 / 品名 / 价格 …) are parted where each
    half has rows; one cell a line where no pattern holds."""
    if _row_size(cells) == 1:
        for at in range(len(cells) - 3, 1, -1):
            lower = cells[at:]
            titled = _row_size(lower) == 1 and _row_size(lower[1:]) > 1
            if _row_size(cells[:at]) > 1 and (titled or _row_size(lower) > 1):
                head = [_row(lower[:1])] if titled else []
                return _rows(cells[:at]) + head + _rows(lower[1:] if titled else lower)
    size = _row_size(cells)
    return [_row(cells[start : start + size]) for start in range(0, len(cells), size)]


def _row(cells: list[Line]) -> Line:
    head = cells[0]
    text = " ".join(cell.text for cell in cells)
    return Line(head.number, head.raw, text, folded=[p for cell in cells[1:] for p in cell.physical()], table=True)


def _row_size(cells: list[Line]) -> int:
    """The fewest cells a row can have for the rows to repeat one pattern of figures (two rows in three
    at least: a cell may lack its figure), each row opening with a name, a header row (品名 价格) aside;
    1 when no size fits."""
    shape = [bool(_FIGURE.search(cell.text)) for cell in cells]
    for size in _ROW_SIZES:
        if len(shape) % size or len(shape) // size < 2:
            continue
        rows = [tuple(shape[start : start + size]) for start in range(0, len(shape), size)]
        body = rows[1:] if not any(rows[0]) else rows
        pattern = max(set(body), key=body.count)
        fits = body.count(pattern) * 3 >= len(body) * 2 and len(body) >= 2
        if fits and any(pattern) and not any(row[0] for row in body):
            return size
    return 1
