"""Headlines and bodies a page's stream gives apart → each headline over its own article.

The segmenter reads a page as a reader does, each headline over the text below it. Layout systems
(Founder 飞腾, 华光) write a page's text frames in the order they were made, so on most inner pages
a stream gives an article's body first and its headline after it, or several bodies and then their
headlines in a cluster, in another order. What the segmenter makes of such a page shows it: text
with no headline above it at the top, headlines with no text below them at the foot. Then each
headline is matched to the text it heads, by where it stands (the body just before it, or just
after) and by what it says (a headline's words are in its lead), and the text is cut where a
matched lead begins: never two headlines glued into one, and no line of one article in another.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Draft, PageWarning, Paragraph
from publisher.ingest.text import compact, ends_sentence

#: How much of the text after a possible lead is compared with a headline: the lead, and the article.
_LEAD_CHARS = 300
_ARTICLE_CHARS = 1500
#: A headline is matched to a lead only with at least this score.
_MATCH_MIN = 0.2
#: What standing next to the text counts for, against what the words say.
_BESIDE = 0.3
_LEAD_BONUS = 0.1
#: Each part of two headlines set together says this much of the text it heads.
_GLUED_MIN = 0.3


#: A paragraph of the page's text: the draft the segmenter put it in, and its index there.
_Piece = tuple[Draft, int]


@dataclass
class _Point:
    """A paragraph where an article may begin."""

    piece: _Piece
    zone: int
    #: The first paragraph of its zone (right after a cluster of headlines, or the page's first).
    first: bool


def pair_headlines(drafts: list[Draft], warnings: list[PageWarning]) -> list[Draft]:
    """The page's drafts with headlines matched to their text where the stream gave them apart."""
    drafts = _split_clusters(_split_glued(drafts))
    movable = [d for d in drafts if _movable(d)]
    if not any(d.headline is None and d.paragraphs for d in movable) or not any(
        d.headline is not None and not d.paragraphs for d in movable
    ):
        return drafts
    clusters, zones = _layout(movable)
    points = [point for number, zone in enumerate(zones) for point in _points(zone, number)]
    matched = _match(clusters, zones, points)
    if all(piece[0] is headed and piece[1] == 0 for headed, piece in matched):
        return drafts  # as the segmenter read it
    rebuilt, sources = _rebuild(movable, zones, matched)
    _settle_warnings(warnings, sources)
    fixed = [d for d in drafts if not _movable(d)]
    return sorted([*fixed, *rebuilt], key=lambda d: min(d.source_lines(), default=0))


def _split_glued(drafts: list[Draft]) -> list[Draft]:
    """推窗见绿 出门入园 / 城区今年新建12座口袋公园 / 老旧小区加装电梯按下“快进键” over the second's text,
    after the first's: two headlines set one over the other, which the segmenter read as one. Split
    where the lines above say what the text before them says, and the lines below what follows."""
    out: list[Draft] = []
    for draft in drafts:
        before = out[-1] if out else None
        at = None
        if before is not None and before.headline is None and before.paragraphs and _movable(draft):
            at = _glued_at(draft, before)
        if at is None:
            out.append(draft)
            continue
        upper = Draft(page=draft.page)
        upper.set_headline(draft.headline_run[:at])
        draft.set_headline(draft.headline_run[at:])
        out += [upper, draft]
    return out


def _split_clusters(drafts: list[Draft]) -> list[Draft]:
    """潇城图书馆新馆开馆 / 全市部署夏季防汛工作 / 1.2万个就业见习岗位等你来 after three bodies: a cluster
    of headlines with no text under them, read as one. Each line goes with the text it says most
    about; lines that say the same text's words stay one headline (a kicker and its title)."""
    texts = [_lead_of(d) for d in drafts if d.paragraphs]
    if len(texts) < 2:
        return drafts
    out: list[Draft] = []
    for draft in drafts:
        run = draft.headline_run
        if draft.headline is None or draft.paragraphs or len(run) < 2 or not _movable(draft):
            out.append(draft)
            continue
        groups = _groups(run, texts)
        if len(groups) == 1:
            out.append(draft)
            continue
        for lines in groups:
            part = Draft(page=draft.page)
            part.set_headline(lines)
            out.append(part)
        out[-len(groups)].byline, out[-len(groups)].byline_lines = draft.byline, draft.byline_lines
        out[-len(groups)].byline_names = draft.byline_names
        out[-1].figures = draft.figures
    return out


def _groups(run: list, texts: list[str]) -> list[list]:
    """The lines of `run` in groups, one per text they tell of; a line that tells of none goes with
    the line under it (a kicker over its title), or the last one over it."""
    best: list[int | None] = []
    for line in run:
        scores = [_likeness(_line_words([line]), text, {}) for text in texts]
        top = max(range(len(texts)), key=scores.__getitem__)
        best.append(top if scores[top] >= _GLUED_MIN else None)
    for index in range(len(best) - 2, -1, -1):
        best[index] = best[index] if best[index] is not None else best[index + 1]
    for index in range(1, len(best)):
        best[index] = best[index] if best[index] is not None else best[index - 1]
    groups: list[list] = []
    for index, line in enumerate(run):
        if index and best[index] == best[index - 1]:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _glued_at(draft: Draft, before: Draft) -> int | None:
    """Where `draft`'s headline lines part into the headline of `before` and its own, if they do."""
    run = draft.headline_run
    if draft.headline is None or not draft.paragraphs or len(run) < 2:
        return None
    own, previous = _lead_of(draft), _lead_of(before)
    best: tuple[float, int] | None = None
    for at in range(1, len(run)):
        upper, lower = _line_words(run[:at]), _line_words(run[at:])
        above, below = _likeness(upper, previous, {}), _likeness(lower, own, {})
        if above >= _GLUED_MIN and below >= _GLUED_MIN and above > _likeness(upper, own, {}):
            best = max(best or (0.0, at), (above + below, at))
    return best[1] if best else None


def _lead_of(draft: Draft) -> str:
    return "".join(compact(p.text) for p in draft.paragraphs)[:_LEAD_CHARS]


def _line_words(run: list) -> set[str]:
    return {a + b for line in run for a, b in pairwise(compact(line.text))}


def _movable(draft: Draft) -> bool:
    """A draft whose headline or text may belong elsewhere: not a continuation (上接1版), whose jump
    headline is matched across pages, nor a picture story (a headline and its photo)."""
    photo = draft.headline is not None and bool(draft.figures) and not draft.paragraphs
    return not draft.continued_from and not photo


def _layout(drafts: list[Draft]) -> tuple[list[list[Draft]], list[list[_Piece]]]:
    """The page as zones of text between clusters of headlines: zone 0, cluster 0, zone 1, … (cluster
    c stands between zone c and zone c + 1)."""
    clusters: list[list[Draft]] = []
    zones: list[list[_Piece]] = [[]]
    for draft in drafts:
        if draft.headline is not None:
            if not clusters or zones[-1]:
                clusters.append([])
                zones.append([])
            clusters[-1].append(draft)
        zones[-1] += [(draft, index) for index in range(len(draft.paragraphs))]
    return clusters, zones


def _points(zone: list[_Piece], number: int) -> list[_Point]:
    """Where in a zone an article may begin: after a finished sentence, and not at a subhead."""
    out = []
    for position, (draft, index) in enumerate(zone):
        before = zone[position - 1] if position else None
        if before is not None and (not ends_sentence(_text(before)) or before[1] in before[0].subheads):
            continue
        if index not in draft.subheads:
            out.append(_Point((draft, index), number, position == 0))
    return out


def _match(clusters: list[list[Draft]], zones: list[list[_Piece]], points: list[_Point]) -> list[tuple[Draft, _Piece]]:
    """Each headline and the lead it heads, best matches first: by its words (the pairs of
    characters it shares with the lead, the telling ones counting most) and by standing beside the
    text, before or after it as the page's other headlines do."""
    paragraphs = {
        (id(draft), index): _pairs(compact(draft.paragraphs[index].text)) for zone in zones for draft, index in zone
    }
    idf = _idf(list(paragraphs.values()))
    backward = bool(zones[0]) or not zones[-1]
    # What each point's lead and article say, read once for every headline compared with them.
    said = [(_pairs(_text_after(point, _LEAD_CHARS)), _article_pairs(point, paragraphs)) for point in points]
    opens = [point.piece[1] == 0 or _opens_article(_text(point.piece)) for point in points]
    scored: list[tuple[float, int, int, int]] = []
    for c, cluster in enumerate(clusters):
        for h, headed in enumerate(cluster):
            words = _words(headed)
            for p, point in enumerate(points):
                if point.zone not in (c, c + 1):
                    continue
                lead, article = said[p]
                score = 0.7 * _weighted_share(words, lead, idf) + 0.3 * _weighted_share(words, article, idf)
                if point.first and (point.zone == c) == backward:
                    score += _BESIDE
                if opens[p]:
                    score += _LEAD_BONUS
                scored.append((score, c, h, p))
    matched: list[tuple[Draft, _Piece]] = []
    headlines: set[tuple[int, int]] = set()
    taken: set[int] = set()
    for score, c, h, p in sorted(scored, key=lambda item: (-item[0], item[1], item[2], item[3])):
        if score >= _MATCH_MIN and (c, h) not in headlines and p not in taken:
            headlines.add((c, h))
            taken.add(p)
            matched.append((clusters[c][h], points[p].piece))
    return matched


def _text(piece: _Piece) -> str:
    return piece[0].paragraphs[piece[1]].text


def _words(draft: Draft) -> set[str]:
    parts = draft.headline.parts() if draft.headline else ()
    return {a + b for part in parts for a, b in pairwise(compact(part))}


def _text_after(point: _Point, limit: int) -> str:
    draft, index = point.piece
    text = ""
    while index < len(draft.paragraphs) and len(text) < limit:
        text += compact(draft.paragraphs[index].text)
        index += 1
    return text[:limit]


def _article_pairs(point: _Point, paragraphs: dict[tuple[int, int], frozenset[str]]) -> frozenset[str]:
    """The character pairs of the article a point may begin: its paragraphs up to `_ARTICLE_CHARS`."""
    draft, index = point.piece
    pairs: set[str] = set()
    length = 0
    while index < len(draft.paragraphs) and length < _ARTICLE_CHARS:
        pairs |= paragraphs[(id(draft), index)]
        length += len(draft.paragraphs[index].text)
        index += 1
    return frozenset(pairs)


def _idf(paragraphs: list[frozenset[str]]) -> dict[str, float]:
    """How telling each pair of characters is on this page: rare ones say more than 新时代 does."""
    frequency: Counter[str] = Counter()
    for pairs in paragraphs:
        frequency.update(pairs)
    count = len(paragraphs) + 1
    return {pair: math.log(count / (n + 1)) + 1 for pair, n in frequency.items()}


def _likeness(words: set[str], text: str, idf: dict[str, float]) -> float:
    """The share of the headline's character pairs, weighted by how telling they are, found in `text`."""
    return _weighted_share(words, _pairs(text), idf)


def _weighted_share(words: set[str], present: frozenset[str], idf: dict[str, float]) -> float:
    if not words:
        return 0.0
    total = sum(idf.get(pair, 1.0) for pair in words)
    return sum(idf.get(pair, 1.0) for pair in words if pair in present) / total


@lru_cache(maxsize=1024)
def _pairs(text: str) -> frozenset[str]:
    """The pairs of adjacent characters in `text`; each lead is compared with every headline."""
    return frozenset(a + b for a, b in pairwise(text))


def _opens_article(text: str) -> bool:
    return bool(patterns.LEAD.match(text) or patterns.SOFT_LEAD.match(text))


def _rebuild(
    drafts: list[Draft], zones: list[list[_Piece]], matched: list[tuple[Draft, _Piece]]
) -> tuple[list[Draft], dict[int, Draft]]:
    """Each zone's text cut at the leads matched, each piece under its headline; a headline left
    unmatched keeps the text the segmenter gave it, or stands alone. Returns the drafts and, for
    each draft read before, the one its text went to (for its warnings)."""
    heads = {(id(piece[0]), piece[1]): headed for headed, piece in matched}
    placed = {id(headed) for headed, _ in matched}
    for draft in drafts:
        if draft.headline is not None and draft.paragraphs and id(draft) not in placed and (id(draft), 0) not in heads:
            heads[(id(draft), 0)] = draft
            placed.add(id(draft))
    out: list[Draft] = []
    sources: dict[int, Draft] = {}
    for zone in zones:
        current: Draft | None = None
        for piece in zone:
            draft, index = piece
            headed = heads.get((id(draft), index))
            starts_anew = index == 0 and current is not None and ends_sentence(current.paragraphs[-1].text)
            if headed is not None or current is None or starts_anew:
                current = _new_draft(draft.page, headed, forward=headed is draft and index == 0)
                out.append(current)
                if headed is not None:
                    sources[id(headed)] = current
            _take(current, piece, sources)
    # A headline left over (its text went under a better-matched one) stands alone, with no text.
    out += [
        _new_draft(draft.page, draft, forward=False) for draft in drafts if draft.headline and id(draft) not in placed
    ]
    return out, sources


def _new_draft(page: int, headed: Draft | None, forward: bool) -> Draft:
    """A draft under `headed`'s headline, with the photos set under it, and its byline if the
    headline still heads the text it stood over: a byline under a headline that heads the text
    before it (课后服务覆盖全市所有小学 / 潇城晚报记者 方圆/文 / 老街深处…) opens the text after it."""
    draft = Draft(page=page)
    if headed is not None:
        draft.headline, draft.section = headed.headline, headed.section
        draft.headline_lines, draft.headline_raw = headed.headline_lines, headed.headline_raw
        if forward or not headed.paragraphs:
            draft.byline, draft.byline_lines = headed.byline, headed.byline_lines
            draft.byline_names = headed.byline_names
        draft.figures = list(headed.figures)
    return draft


def _take(target: Draft, piece: _Piece, sources: dict[int, Draft]) -> None:
    """A paragraph moved into `target`, with what its draft held beside it: the subhead and
    standalone marks, and, for a draft without a headline, its byline and photos."""
    draft, index = piece
    position = len(target.paragraphs)
    paragraph = draft.paragraphs[index]
    target.paragraphs.append(Paragraph(paragraph.text, list(paragraph.lines)))
    if index in draft.standalone:
        target.standalone.add(position)
    if index in draft.table_rows:
        target.table_rows.add(position)
    if index in draft.subheads:
        target.subheads.append(position)
    if index == 0 and (draft.headline is None or target.headline is not draft.headline):
        target.byline = " ".join(filter(None, [target.byline, draft.byline])) or None
        target.byline_lines += draft.byline_lines
        target.byline_names += draft.byline_names
        if draft.headline is None:
            target.figures += draft.figures  # a headline's photos stay under it (`_new_draft`)
        sources[id(draft)] = target
    if index == len(draft.paragraphs) - 1 and draft.continued_on:
        target.continued_on = draft.continued_on
    sources.setdefault(id(draft), target)


def _settle_warnings(warnings: list[PageWarning], sources: dict[int, Draft]) -> None:
    """Warnings follow their text into its new draft; text that now has a headline has lost its
    no-headline warning."""
    for warning in warnings:
        if warning.draft is not None and id(warning.draft) in sources:
            warning.draft = sources[id(warning.draft)]
    warnings[:] = [w for w in warnings if not (w.kind == "no-headline" and w.draft and w.draft.headline)]
