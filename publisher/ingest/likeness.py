"""How much a headline says of a text: the pairs of adjacent characters they share, the pairs
rare on the page counting most. A headline's words are in its lead, as a reader expects them to be.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from publisher.ingest.drafts import Draft, Line
from publisher.ingest.text import compact


def headline_words(draft: Draft) -> set[str]:
    """The character pairs of a draft's headline."""
    parts = draft.headline.parts() if draft.headline else ()
    return {a + b for part in parts for a, b in pairwise(compact(part))}


def likeness(words: set[str], text: str, idf: dict[str, float]) -> float:
    """The share of the headline's character pairs, weighted by how telling they are, found in `text`."""
    return weighted_share(words, pairs(text), idf)


def weighted_share(words: set[str], present: frozenset[str], idf: dict[str, float]) -> float:
    if not words:
        return 0.0
    total = sum(idf.get(pair, 1.0) for pair in words)
    return sum(idf.get(pair, 1.0) for pair in words if pair in present) / total


@lru_cache(maxsize=1024)
def pairs(text: str) -> frozenset[str]:
    """The pairs of adjacent characters in `text`; each lead is compared with every headline."""
    return frozenset(a + b for a, b in pairwise(text))


def line_words(run: list[Line]) -> set[str]:
    return {a + b for line in run for a, b in pairwise(compact(line.text))}
