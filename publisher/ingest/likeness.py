"""How much a headline says of a text: the pairs of adjacent characters they share, the pairs
rare on the page counting most. A headline's words are in its lead, as a reader expects them to be.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from operator import add

from publisher.ingest.drafts import Draft, Line
from publisher.ingest.text import compact


def headline_words(draft: Draft) -> set[str]:
    """The character pairs of a draft's headline."""
    parts = draft.headline.parts() if draft.headline else ()
    return {a + b for part in parts for a, b in pairwise(compact(part))}


def likeness(words: set[str], text: str, idf: dict[str, float]) -> float:
    """The share of the headline's character pairs, weighted by how telling they are, found in `text`."""
    return share_of(words, idf)(pairs(text))


def share_of(words: set[str], idf: dict[str, float]) -> Callable[[frozenset[str]], float]:
    """The share of `words` (weighted by `idf`) found in each set of pairs it is then given, the
    words weighed once: a headline is compared with every lead of its page."""
    weights = {pair: idf.get(pair, 1.0) for pair in words}
    total = sum(weights.values())

    def share(present: frozenset[str]) -> float:
        # Most texts a headline is compared with share none of its pairs: they cost one intersection.
        shared = words & present  # two sets: Python walks the smaller
        return sum(map(weights.__getitem__, shared)) / total if shared else 0.0

    return share


@lru_cache(maxsize=1024)
def pairs(text: str) -> frozenset[str]:
    """The pairs of adjacent characters in `text`; each lead is compared with every headline."""
    return frozenset(map(add, text, text[1:]))  # in C: a page's every paragraph is paired


def line_words(run: list[Line]) -> set[str]:
    return {a + b for line in run for a, b in pairwise(compact(line.text))}
