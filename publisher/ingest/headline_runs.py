"""Headline runs that are not one headline: two headlines set one over the other, or a cluster of
headlines after their bodies, read by the segmenter as one. Parted right before headlines are
matched to their text (`pairing`)."""

from __future__ import annotations

from publisher.ingest.drafts import Draft
from publisher.ingest.likeness import likeness, line_words
from publisher.ingest.text import compact

#: How much of a text is compared with a headline: its lead.
LEAD_CHARS = 300
#: Each part of two headlines set together says this much of the text it heads.
_GLUED_MIN = 0.3
#: A line of a cluster of headlines parts from the line over it only on this much likeness: a
#: subtitle shares a few common pairs (一带一路) with any text on the page.
_CLUSTER_MIN = 0.4


def part_headlines(drafts: list[Draft]) -> list[Draft]:
    """Headlines read as one parted: two set together (`_split_glued`), a cluster (`_split_clusters`)."""
    return _split_clusters(_split_glued(drafts))


def _split_glued(drafts: list[Draft]) -> list[Draft]:
    """推窗见绿 出门入园 / 城区今年新建12座口袋公园 / 老旧小区加装电梯按下“快进键” over the second's text,
    after the first's: two headlines set one over the other, which the segmenter read as one. Split
    where the lines above say what the text before them says, and the lines below what follows."""
    out: list[Draft] = []
    for draft in drafts:
        before = out[-1] if out else None
        at = None
        if before is not None and before.headline is None and before.paragraphs and is_movable(draft):
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
    texts = [d for d in drafts if d.paragraphs]
    leads = [_lead_of(d) for d in texts]
    if len(texts) < 2:
        return drafts
    out: list[Draft] = []
    for draft in drafts:
        run = draft.headline_run
        if draft.headline is None or draft.paragraphs or len(run) < 2 or not is_movable(draft):
            out.append(draft)
            continue
        groups = _groups(run, texts, leads)
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


def _groups(run: list, texts: list[Draft], leads: list[str]) -> list[list]:
    """The lines of `run` in groups, one per text they tell of. A line that tells of none by its
    lead goes with a line beside it: between two that tell of different texts, with the one whose
    whole text it says more of (a subtitle tells of the article's later points, 坚持问题导向); else
    with the line under it (a kicker over its title), or the last one over it."""
    best: list[int | None] = []
    for line in run:
        scores = [likeness(line_words([line]), lead, {}) for lead in leads]
        top = max(range(len(leads)), key=scores.__getitem__)
        best.append(top if scores[top] >= _CLUSTER_MIN else None)
    told = [index for index, text in enumerate(best) if text is not None]
    for index, text in enumerate(best):
        if text is not None or not told:
            continue
        above = [best[n] for n in told if n < index]
        below = [best[n] for n in told if n > index]
        best[index] = max(
            below[:1] + above[-1:], key=lambda side: likeness(line_words([run[index]]), _text_of(texts[side]), {})
        )
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
        upper, lower = line_words(run[:at]), line_words(run[at:])
        above, below = likeness(upper, previous, {}), likeness(lower, own, {})
        if above >= _GLUED_MIN and below >= _GLUED_MIN and above > likeness(upper, own, {}):
            best = max(best or (0.0, at), (above + below, at))
    return best[1] if best else None


def _lead_of(draft: Draft) -> str:
    return _text_of(draft)[:LEAD_CHARS]


def _text_of(draft: Draft) -> str:
    return "".join(compact(p.text) for p in draft.paragraphs)


def is_movable(draft: Draft) -> bool:
    """A draft whose headline or text may belong elsewhere: not a continuation (上接1版), whose jump
    headline is matched across pages, nor a picture story (a headline and its photo)."""
    photo = draft.headline is not None and bool(draft.figures) and not draft.paragraphs
    return not draft.continued_from and not photo
