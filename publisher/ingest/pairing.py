"""Headlines and bodies a page's stream gives apart → each headline over its own article.

The segmenter reads a page as a reader does, each headline over the text below it. Layout systems
(Founder 飞腾, 华光) write a page's text frames in the order they were made, so on most inner pages
a stream gives an article's body first and its headline after it, or several bodies and then their
headlines in a cluster, in another order. What the segmenter makes of such a page shows it: text
with no headline above it at the top, headlines with no text below them at the foot. Then each
headline is matched to the text it heads, by where it stands (the body just before it, or just
after) and by what it says (a headline's words are in its lead), and the text is cut where a
matched lead begins: never two headlines glued into one, and no line of one article in another.
On such a page a headline over plain text (no lead, no byline) is one of the subheads of the
text it stands in, and stays in it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from publisher.ingest import lines as patterns
from publisher.ingest.drafts import Draft, PageWarning, Paragraph
from publisher.ingest.headline_runs import LEAD_CHARS, is_movable, part_headlines
from publisher.ingest.likeness import headline_words, pairs, share_of
from publisher.ingest.text import compact, ends_sentence, join_cleaned

#: How much of an article is compared with a headline, beside its lead (`LEAD_CHARS`).
_ARTICLE_CHARS = 1500
#: A headline is matched to a lead only with at least this score.
_MATCH_MIN = 0.2
#: What standing next to the text counts for, against what the words say.
_BESIDE = 0.3
_LEAD_BONUS = 0.1
#: A headline is matched to a lead beyond the text just before it only on what it says, this much.
_FAR_MATCH_MIN = 0.4
#: A subhead the column wrapped is at most this many lines.
_SUBHEAD_MAX_LINES = 3


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
    drafts = part_headlines(drafts)
    movable = [d for d in drafts if is_movable(d)]
    if not any(d.headline is None and d.paragraphs for d in movable) or not any(
        d.headline is not None and not d.paragraphs for d in movable
    ):
        return drafts
    clusters, zones = _layout(movable)
    points = [point for number, zone in enumerate(zones) for point in _points(zone, number)]
    matched = _match(clusters, zones, points)
    if all(piece[0] is headed and piece[1] == 0 for headed, piece in matched):
        return drafts  # as the segmenter read it
    rebuilt, sources = _rebuild(movable, clusters, zones, matched)
    _settle_warnings(warnings, sources)
    fixed = [d for d in drafts if not is_movable(d)]
    return sorted([*fixed, *rebuilt], key=lambda d: min(d.source_lines(), default=0))


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
    """Where in a zone an article may begin: after a finished sentence, and not at a subhead but
    for a box's (核心阅读) that opens the zone."""
    out = []
    for position, (draft, index) in enumerate(zone):
        before = zone[position - 1] if position else None
        if before is not None and (not ends_sentence(_text(before)) or before[1] in before[0].subheads):
            continue
        if index not in draft.subheads or (position == 0 and patterns.BOX_LABEL.fullmatch(_text((draft, index)))):
            out.append(_Point((draft, index), number, position == 0))
    return out


def _match(clusters: list[list[Draft]], zones: list[list[_Piece]], points: list[_Point]) -> list[tuple[Draft, _Piece]]:
    """Each headline and the lead it heads, best matches first: by its words (the pairs of
    characters it shares with the lead, the telling ones counting most) and by standing beside the
    text, before or after it as the page's other headlines do."""
    paragraphs = {
        (id(draft), index): pairs(compact(draft.paragraphs[index].text)) for zone in zones for draft, index in zone
    }
    idf = _idf(list(paragraphs.values()))
    backward = bool(zones[0]) or not zones[-1]
    # What each point's lead and article say, read once for every headline compared with them.
    said = [(pairs(_text_after(point, LEAD_CHARS)), _article_pairs(point, paragraphs)) for point in points]
    opens = [point.piece[1] == 0 or _opens_article(_text(point.piece)) for point in points]
    # Where an article is seen to open: a lead or a byline, as a headline after its text needs.
    signed = [_opens(point.piece) for point in points]
    scored: list[tuple[float, int, int, int]] = []
    for c, cluster in enumerate(clusters):
        for h, headed in enumerate(cluster):
            share = share_of(headline_words(headed), idf)
            for p, point in enumerate(points):
                # After its body, a headline may stand a few subheads on from its lead.
                if point.zone != c + 1 and not (point.zone == c or (backward and point.zone < c)):
                    continue
                if backward and point.zone == c + 1 and not signed[p]:
                    continue  # on a page of headlines after their bodies, one over plain text is a subhead
                lead, article = said[p]
                score = 0.7 * share(lead) + 0.3 * share(article)
                if point.zone < c and score < _FAR_MATCH_MIN:
                    continue
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
    for paragraph in paragraphs:
        frequency.update(paragraph)
    count = len(paragraphs) + 1
    return {pair: math.log(count / (n + 1)) + 1 for pair, n in frequency.items()}


def _opens_article(text: str) -> bool:
    return bool(patterns.LEAD.match(text) or patterns.SOFT_LEAD.match(text))


def _rebuild(
    drafts: list[Draft], clusters: list[list[Draft]], zones: list[list[_Piece]], matched: list[tuple[Draft, _Piece]]
) -> tuple[list[Draft], dict[int, Draft]]:
    """Each zone's text cut at the leads matched, each piece under its headline; a headline left
    unmatched keeps the text the segmenter gave it, or stands alone. On a page of headlines after
    their bodies, a headline matched inside the text before it, where no article opens, heads that
    text from its start: its words were in a later paragraph (a commentary's summary goes first).
    Returns the drafts and, for each draft read before, the one its text went to (for its warnings)."""
    heads = {(id(piece[0]), piece[1]): headed for headed, piece in matched}
    placed = {id(headed) for headed, _ in matched}
    #: Headlines matched to no text, keeping what the segmenter gave them.
    kept: set[int] = set()
    for draft in drafts:
        if draft.headline is not None and draft.paragraphs and id(draft) not in placed and (id(draft), 0) not in heads:
            heads[(id(draft), 0)] = draft
            placed.add(id(draft))
            kept.add(id(draft))
    out: list[Draft] = []
    sources: dict[int, Draft] = {}
    backward = bool(zones[0]) or not zones[-1]
    current: Draft | None = None
    for number, zone in enumerate(zones):
        after = {id(headed) for headed in clusters[number]} if backward and number < len(clusters) else set()
        #: The current draft while it holds the zone's text from its start and no headline heads it.
        unheaded: Draft | None = None
        first = zone[0] if zone else None
        if backward and current is not None and first is not None and _unmatched_subhead(first, kept):
            # 菜篮子优字当头 between two parts of a text whose headline comes after it: a subhead.
            run = first[0].headline_run
            current.subheads.append(len(current.paragraphs))
            current.standalone.add(len(current.paragraphs))
            current.paragraphs.append(Paragraph(join_cleaned([line.text for line in run]), first[0].headline_lines))
            current.figures += first[0].figures  # the subhead's photos stay with its text
            heads.pop((id(first[0]), 0), None)
            sources[id(first[0])] = current
        for piece in zone:
            draft, index = piece
            headed = heads.get((id(draft), index))
            starts_anew = (
                index == 0
                and current is not None
                and ends_sentence(current.paragraphs[-1].text)
                and not (headed is None and draft.headline is None and current.reports_separately())
            )
            if headed is not None and unheaded is not None and id(headed) in after and not _opens(piece):
                _head(current, headed, forward=False)
                sources[id(headed)] = current
                unheaded = None
            elif headed is not None or current is None or starts_anew:
                current = _new_draft(draft.page, headed, forward=headed is draft and index == 0)
                out.append(current)
                unheaded = current if headed is None and piece is zone[0] else None
                if headed is not None:
                    sources[id(headed)] = current
            _take(current, piece, sources)
    # A headline left over (its text went under a better-matched one) stands alone, with no text.
    out += [
        _new_draft(draft.page, draft, forward=False) for draft in drafts if draft.headline and id(draft) not in placed
    ]
    return out, sources


def _unmatched_subhead(piece: _Piece, kept: set[int]) -> bool:
    """Whether a zone opens under a one-line headline matched to no text, under which no article
    opens (a lead, a byline): a subhead of the text the zone goes on with."""
    draft, index = piece
    if index != 0 or id(draft) not in kept or draft.headline is None:
        return False
    opening = draft.paragraphs[0].text
    return (
        len(draft.headline_run) <= _SUBHEAD_MAX_LINES
        and not draft.byline
        and not (patterns.LEAD.match(opening) or patterns.SOFT_LEAD.match(opening) or draft.reporters())
    )


def _new_draft(page: int, headed: Draft | None, forward: bool) -> Draft:
    draft = Draft(page=page)
    if headed is not None:
        _head(draft, headed, forward)
    return draft


def _head(draft: Draft, headed: Draft, forward: bool) -> None:
    """`draft` under `headed`'s headline, with the photos set under it, and its byline if the
    headline still heads the text it stood over: a byline under a headline that heads the text
    before it (课后服务覆盖全市所有小学 / 潇城晚报记者 方圆/文 / 老街深处…) opens the text after it."""
    draft.headline, draft.section = headed.headline, headed.section
    draft.headline_run = headed.headline_run
    if forward or not headed.paragraphs:
        draft.byline = " ".join(filter(None, [draft.byline, headed.byline])) or None
        draft.byline_lines = [*draft.byline_lines, *headed.byline_lines]
        draft.byline_names = [*draft.byline_names, *headed.byline_names]
    draft.figures = [*headed.figures, *draft.figures]


def _opens(piece: _Piece) -> bool:
    """An article opens at this paragraph: a lead (本报讯…, 3月5日，…) or a byline over it."""
    draft, index = piece
    return _opens_article(_text(piece)) or (index == 0 and bool(draft.byline or draft.reporters()))


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
