"""An inner page as a stock extractor writes it, made from articles we already have: the benchmark's
large page (the seed's stories and those of its page 2 and next issue, about 10,000 characters).

Each article comes out as extractors give a layout system's frames: the body in column-width lines
(the paragraph's first line two characters short), pdfminer.six's letter spacing on every justified
line and a blank line after every frame; then the article's headline, after its body; the folio
at the foot.
"""

from __future__ import annotations

from publisher.model import Article

COLUMN = 14  # characters a line
# A closing mark, or a percent sign, is never set at a line's start, and a dash or an ellipsis
# (—— ……) is never cut in two (the typesetter's 禁则).
_NO_LINE_START = "，。、；：？！”’）》%％"
_UNBROKEN_PAIRS = "—…"
_PUNCTUATION = "，。、；：？！“”‘’（）《》—…"


def stock_page(articles: list[Article], folio: list[str], pdfminer: bool = True) -> str:
    lines: list[str] = []
    for article in articles:
        for paragraph in article.paragraphs:
            column = wrapped(paragraph)
            lines += [
                letter_spaced(line) if pdfminer and n < len(column) - 1 else line for n, line in enumerate(column)
            ]
        if article.continued_on:
            lines.append(f"（下转{article.continued_on}版）")
        if pdfminer:
            lines.append("")
        for part in article.headline.parts():
            lines += [part, ""] if pdfminer else [part]
    for line in folio:
        lines += [line, ""] if pdfminer else [line]
    return "\n".join(lines).rstrip("\n") + "\n" + ("\f" if pdfminer else "")


def wrapped(paragraph: str) -> list[str]:
    """Column-width lines; a closing mark hangs on the line before rather than open one."""
    out, line, room = [], "", COLUMN - 2
    for char in paragraph:
        width = 0.5 if char.isascii() else 1.0
        if room < width and line and char not in _NO_LINE_START and not (char in _UNBROKEN_PAIRS and line[-1] == char):
            out.append(line)
            line, room = "", COLUMN
        line += char
        room -= width
    return [*out, line] if line else out


def letter_spaced(line: str) -> str:
    """今 年 以 来 ，全 县: a space after every character but a mark, none inside a number."""
    out = ""
    for char, following in zip(line, line[1:] + " ", strict=True):
        out += char
        ascii_run = char.isascii() and following.isascii()
        if (
            following != " "
            and char not in _PUNCTUATION
            and not ascii_run
            and not (not char.isascii() and following.isascii())
        ):
            out += " "
    return out.rstrip()
