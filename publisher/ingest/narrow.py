"""Frames set narrower than a line of text: a headline set vertically, which an extractor writes a
character a line (with ﹃﹄ for its quotes), and a byline in a narrow frame (本报讯（新 / 江城·江城日 /
报记者 / 王 / 小明）), each made one line again."""

from __future__ import annotations

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Line, is_byline
from publisher.ingest.text import ends_sentence, is_chinese, normalize_line

#: 本报讯（新 / 江城·江城日 / 报记者 / 王 / 小明）: a byline set in a narrow frame, a few characters a line.
_NARROW_MAX_CHARS = 6
#: 意 / 气 / 风 / 发: a headline set vertically comes out a character a line.
_VERTICAL_MIN_CHARS = 3
# Vertical presentation forms of quotation marks: ﹃…﹄ are the double quotes of vertical setting.
_VERTICAL_QUOTES = {"﹃": "“", "﹄": "”", "﹁": "‘", "﹂": "’"}
_VERTICAL_QUOTES_TRADITIONAL = {"﹃": "『", "﹄": "』", "﹁": "「", "﹂": "」"}


def merge_narrow_runs(block: list[Line], traditional: bool) -> list[Line]:
    """Runs of a line or two characters each that one frame set narrow: a vertical headline
    (one character a line) and a byline in a narrow frame become one line each."""
    out: list[Line] = []
    index = 0
    while index < len(block):
        end = index
        while end < len(block) and len(block[end].text) == 1 and _sets_vertically(block[end].text):
            end += 1
        if end - index >= _VERTICAL_MIN_CHARS:
            out.append(_joined(block[index:end], _vertical_text(block[index:end], traditional)))
            index = end
            continue
        end = index
        while end < len(block) and len(block[end].text.replace(" ", "")) <= _NARROW_MAX_CHARS:
            end += 1
        run = block[index:end]
        if len(run) >= 2 and _is_narrow_byline(run):
            out.append(_joined(run, normalize_line("".join(line.raw for line in run))))
            index = end
            continue
        out.append(block[index])
        index += 1
    return out


def _sets_vertically(char: str) -> bool:
    return is_chinese(char) or char in _VERTICAL_QUOTES


def _vertical_text(run: list[Line], traditional: bool) -> str:
    quotes = _VERTICAL_QUOTES_TRADITIONAL if traditional else _VERTICAL_QUOTES
    return normalize_line("".join(quotes.get(line.raw, line.raw) for line in run))


def _is_narrow_byline(run: list[Line]) -> bool:
    """本报讯（新 / 江城·江城日 / 报见习记者 / 王 / 小明）: the lines together open a lead or are a byline."""
    text = normalize_line("".join(line.raw for line in run))
    return (patterns.LEAD.match(text) is not None and not ends_sentence(text)) or is_byline(text)


def _joined(run: list[Line], text: str) -> Line:
    head = run[0]
    return Line(head.number, head.raw, text, folded=[p for line in run[1:] for p in line.physical()], merged=True)
