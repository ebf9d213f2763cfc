"""The photos of a page: a caption and its credit on one line, and the words a caption shares with
the articles beside it (which tell the article it belongs to)."""

from __future__ import annotations

import re
from itertools import pairwise

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import BYLINE_MAX_CHARS, Draft, FigureDraft
from publisher.ingest.text import compact
from publisher.model import Photo

#: A caption is at most this long.
FIGURE_LINE_MAX_CHARS = 80


def word_pairs(draft: Draft) -> set[tuple[str, str]]:
    """The pairs of adjacent characters in an article's headline and text."""
    parts = draft.headline.parts() if draft.headline else ()
    return set(pairwise(compact("".join([*parts, *(p.text for p in draft.paragraphs)]))))


def caption_with_credit(text: str) -> re.Match[str] | None:
    """提档升级后的石灰市菜市场。记者姚廷洋摄: caption and credit on one line."""
    if len(text) > FIGURE_LINE_MAX_CHARS + BYLINE_MAX_CHARS:
        return None
    return patterns.CAPTION_WITH_CREDIT.fullmatch(text)


def figure_draft(caption: str, credit: str | None, lines: list[int], photo: Photo | None = None) -> FigureDraft:
    """▲ 志愿者在解放碑义诊。/ （记者 王二 摄） → 志愿者在解放碑义诊。/ 记者 王二 摄: the arrow points at a
    photo the reader does not see; the parentheses only set the credit apart from the caption."""
    caption = patterns.CAPTION_ARROW.sub("", caption)
    if credit is not None and credit[:1] in "（(" and credit[-1:] in ")）":
        credit = credit[1:-1].strip()
    return FigureDraft(caption, credit, lines, photo)
