"""The pages of one issue → the `Issue` model: continuations stitched, ids given, lines accounted.

An article that jumps (下转2版) continues on a later page under a short jump headline and
(上接1版). The continuation is matched to its article by that headline, or, without one, by how
its first words continue the article's last sentence; then its text is joined to the article.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from itertools import pairwise

from publisher.errors import InputError
from publisher.ingest.drafts import Draft, PageDraft, Paragraph
from publisher.ingest.text import compact, ends_sentence, join_fragments, opencc_convert
from publisher.model import (
    Article,
    DroppedLine,
    Figure,
    Headline,
    Issue,
    Masthead,
    Page,
    ParseWarning,
    SourceLine,
    page_order,
)

#: How alike a jump headline and an article's headline must be to be matched (difflib ratio).
_HEADLINE_MATCH = 0.5
_DERIVED_TITLE_MAX_CHARS = 24
# 5月13日 / 日前 / 本报讯（记者 周晓岚）6月3日: an opening clause that says only when, or who reports.
_BARE_DATELINE = re.compile(
    r"(本报讯|本報訊|\S{0,8}(讯|訊))?\s*([（(][^（）()]{0,20}[)）])?\s*"
    r"((\d{1,2}月\d{1,2}日)?(上午|下午|晚上|晚间|凌晨)?|近日|日前|昨日|昨天|今天|今日|近期|日前|此前)"
)


@dataclass
class _Stitched:
    """A page's draft on its way into an article; continuations are folded into `draft`."""

    draft: Draft
    pages: list[int]
    source_lines: list[SourceLine]
    #: The label of the page it starts on (A03).
    label: str


def assemble_issue(pages: list[PageDraft], language: str | None = None) -> Issue:
    """One issue from its pages, given in any order; `language` is the one the paper prints in
    (zh-Hant-TW …), when the desk has said so, else it is told from the script."""
    pages = _distinct_pages(pages)
    front = next((p for p in pages if p.nameplate.front_page), None)
    paper = _paper_of(pages, front)
    date = (front or pages[0]).date
    warnings: list[tuple[ParseWarning, Draft | None]] = []
    dropped = [
        DroppedLine(p.number, line, text, reason, page_label=p.label) for p in pages for line, text, reason in p.dropped
    ]
    if front is None:
        warnings.append((ParseWarning("front-page-missing", f"no front page of {paper} {date} was given"), None))
    stitched = [
        _Stitched(d, [p.number], [SourceLine(p.number, n) for n in d.source_lines()], p.label)
        for p in pages
        for d in p.drafts
    ]
    owner = {id(s.draft): s for s in stitched}
    page_numbers = {p.number for p in pages}
    # Counted only if a continuation without a jump headline needs them.
    bigrams = cache(lambda: _bigrams(stitched))
    # Page by page, so a 1→2→3 jump folds in order; continuations with a jump headline first, so
    # those without one choose among fewer articles.
    continuations = sorted(
        (s for s in stitched if s.draft.continued_from), key=lambda s: (s.pages[0], s.draft.headline is None)
    )
    for item in continuations:
        target = _find_article(item, stitched, bigrams)
        if target is None:
            warnings.append(
                (
                    ParseWarning(
                        "continuation-unmatched",
                        f"continuation from page {item.draft.continued_from} matches no article that jumps to "
                        f"page {item.pages[0]}; published on its own",
                    ),
                    item.draft,
                )
            )
            continue
        _fold(target, item)
        owner[id(item.draft)] = target
        dropped += [
            DroppedLine(item.pages[0], n, raw, "jump-headline", page_label=item.label)
            for n, raw in zip(item.draft.headline_lines, item.draft.headline_raw, strict=True)
        ]
        stitched.remove(item)
    for item in stitched:
        jump = item.draft.continued_on
        if jump in page_numbers and jump not in item.pages:
            warnings.append(
                (
                    ParseWarning(
                        "continuation-missing",
                        f"the article jumps to page {jump}, which was given, but no continuation there matches it",
                    ),
                    item.draft,
                )
            )
    articles = _articles(stitched)
    ids = {id(s.draft): a.id for s, a in zip(stitched, articles, strict=True)}
    for p in pages:
        warnings += [
            (ParseWarning(w.kind, w.message, page=p.number, line=w.line, page_label=p.label), w.draft)
            for w in p.warnings
        ]
    return Issue(
        paper=paper,
        date=date,
        language=_language_of(articles, language),
        issue_number=front.nameplate.issue_number if front else None,
        total_issue_number=front.nameplate.total_issue_number if front else None,
        page_count=front.nameplate.page_count if front else None,
        masthead=_masthead(front),
        pages=tuple(
            Page(
                number=p.number,
                label=p.label,
                name=p.nameplate.page_name,
                editors=tuple(p.nameplate.editors),
                source=p.source,
                encoding=p.encoding,
            )
            for p in pages
        ),
        articles=tuple(articles),
        warnings=tuple(_with_article(w, _article_id(d, owner, ids)) for w, d in warnings),
        dropped=tuple(sorted(dropped, key=lambda d: (page_order(d.page_label), d.line))),
    )


def _distinct_pages(pages: list[PageDraft]) -> list[PageDraft]:
    """Pages in print order; the same page given twice counts once, two different page 2s are refused."""
    by_label: dict[tuple[str, int], PageDraft] = {}
    for page in sorted(pages, key=lambda p: (page_order(p.label), p.source)):
        key = page_order(page.label)[:2]
        seen = by_label.get(key)
        if seen is None:
            by_label[key] = page
        elif seen.fingerprint != page.fingerprint:
            raise InputError(
                f"{seen.source} and {page.source} are both page {page.label} of the same issue but differ; "
                "remove the wrong one"
            )
    return list(by_label.values())


def _paper_of(pages: list[PageDraft], front: PageDraft | None) -> str:
    names = [p.paper for p in ([front] if front else []) + pages if p.paper]
    if not names:
        raise InputError(
            f"{pages[0].source}: no page of this issue prints the paper's name (no masthead, and no name in the "
            "folio): give it with --paper, or as [paper] name in publisher.toml"
        )
    return names[0]


def _masthead(front: PageDraft | None) -> Masthead:
    if front is None:
        return Masthead()
    n = front.nameplate
    return Masthead(
        weekday=n.weekday,
        lunar_date=n.lunar_date,
        registration=n.registration,
        schedule=n.schedule,
        hotlines=tuple(n.hotlines),
        sponsor=n.sponsor,
        publisher=n.publisher,
        supervisor=n.supervisor,
        other=tuple(n.other),
    )


# ── continuations ───────────────────────────────────────────────────────────────────────────────


def _bigrams(stitched: list[_Stitched]) -> Counter[tuple[str, str]]:
    return Counter(pair for s in stitched for p in s.draft.paragraphs for pair in pairwise(p.text))


def _find_article(
    continuation: _Stitched, stitched: list[_Stitched], bigrams: Callable[[], Counter[tuple[str, str]]]
) -> _Stitched | None:
    here, origin = continuation.pages[0], continuation.draft.continued_from
    candidates = [
        s
        for s in stitched
        if s is not continuation
        and s.draft.continued_on is not None
        and s.pages[-1] == origin
        and not s.draft.continued_from
    ]
    exact = [s for s in candidates if s.draft.continued_on == here]
    candidates = exact or candidates
    headline = continuation.draft.headline
    if headline is not None:
        scored = [(_headline_likeness(headline.title, s.draft), s) for s in candidates]
        best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        return best[1] if best[0] >= _HEADLINE_MATCH else None
    if len(candidates) == 1:
        return candidates[0]
    return _by_lead(continuation, candidates, bigrams)


def _headline_likeness(jump_headline: str, draft: Draft) -> float:
    jump = compact(jump_headline)
    if draft.headline is None or not jump:
        return 0.0
    best = 0.0
    parts = [*draft.headline.parts(), "".join(draft.headline.parts())]
    for part in map(compact, parts):
        if len(jump) >= 4 and (jump in part or part in jump):
            return 1.0
        best = max(best, SequenceMatcher(None, jump, part, autojunk=False).ratio())
    return best


def _by_lead(
    continuation: _Stitched, candidates: list[_Stitched], bigrams: Callable[[], Counter[tuple[str, str]]]
) -> _Stitched | None:
    """Without a jump headline: the one article whose cut sentence the continuation's lead completes."""
    if not continuation.draft.paragraphs or not candidates:
        return None
    first = continuation.draft.paragraphs[0].text[0]

    def fit(s: _Stitched) -> int:
        last = s.draft.paragraphs[-1].text if s.draft.paragraphs else "。"
        return 0 if ends_sentence(last) else 1 + bigrams()[(last[-1], first)]

    ranked = sorted(candidates, key=fit, reverse=True)
    if fit(ranked[0]) > 0 and (len(ranked) == 1 or fit(ranked[0]) > fit(ranked[1])):
        return ranked[0]
    return None


def _fold(target: _Stitched, item: _Stitched) -> None:
    article, continuation = target.draft, item.draft
    paragraphs = [Paragraph(p.text, list(p.lines)) for p in continuation.paragraphs]
    joined = bool(paragraphs) and bool(article.paragraphs) and not ends_sentence(article.paragraphs[-1].text)
    if joined:
        # …全面提升感知能力、 / (上接1版)发展能力…: one sentence across the jump.
        article.paragraphs[-1].text = join_fragments(article.paragraphs[-1].text, paragraphs[0].text)
        article.paragraphs[-1].lines += paragraphs[0].lines
    # Where the continuation's paragraph k lands; its first, joined to the article's last, is no
    # longer a paragraph of its own.
    start = len(article.paragraphs) - 1 if joined else len(article.paragraphs)
    article.paragraphs += paragraphs[1:] if joined else paragraphs
    article.standalone |= {start + k for k in continuation.standalone if k or not joined}
    article.subheads += [start + k for k in continuation.subheads if k or not joined]
    article.figures += continuation.figures
    article.byline = " ".join(filter(None, [article.byline, continuation.byline])) or None
    article.byline_names += continuation.byline_names
    article.continued_on = continuation.continued_on or article.continued_on
    target.pages += item.pages
    heading = set(continuation.headline_lines)
    target.source_lines += [s for s in item.source_lines if s.line not in heading]


# ── articles ────────────────────────────────────────────────────────────────────────────────────


def _articles(stitched: list[_Stitched]) -> list[Article]:
    articles: list[Article] = []
    used: set[str] = set()
    for item in stitched:
        d = item.draft
        headline = _headline(d)
        page = item.label if not item.label.isdigit() else str(d.page)
        article_id = _unique(f"p{page}-{_digest(headline.title)}", used)
        articles.append(
            Article(
                id=article_id,
                page=d.page,
                headline=headline,
                paragraphs=tuple(p.text for p in d.paragraphs),
                kind=d.kind,
                page_label=item.label,
                section=d.section,
                reporters=tuple(d.reporters()),
                byline=d.byline,
                figures=tuple(Figure(f.caption, f.credit, f.photo) for f in d.figures),
                subheads=tuple(d.subheads),
                continued_on=d.continued_on,
                continued_from=d.continued_from,
                pages=tuple(item.pages),
                source_lines=tuple(sorted(item.source_lines, key=lambda s: (s.page, s.line))),
            )
        )
    return articles


def _headline(draft: Draft) -> Headline:
    if draft.headline is not None:
        return draft.headline
    # No printed headline: the opening words stand in, so feeds and tables of contents have a title.
    text = draft.paragraphs[0].text if draft.paragraphs else (draft.figures[0].caption if draft.figures else "")
    clauses = [c.strip() for c in re.split(r"[，。！？；：,.!?;:]", text) if c.strip()]
    # 5月13日，州图书馆“流动书屋”走进央宗村: the clause after a bare date or dateline says what happened.
    said = [c for c in clauses if not _BARE_DATELINE.fullmatch(c)]
    opening = (said or clauses or [""])[0]
    return Headline(title=opening[:_DERIVED_TITLE_MAX_CHARS] or "（无标题）")


def _digest(title: str) -> str:
    return hashlib.blake2b(compact(title).encode(), digest_size=4).hexdigest()


def _unique(candidate: str, used: set[str]) -> str:
    article_id, n = candidate, 2
    while article_id in used:
        article_id, n = f"{candidate}-{n}", n + 1
    used.add(article_id)
    return article_id


def _article_id(draft: Draft | None, owner: dict[int, _Stitched], ids: dict[int, str]) -> str | None:
    """The id of the article a draft ended up in (a continuation's is its article's)."""
    item = owner.get(id(draft)) if draft is not None else None
    return ids.get(id(item.draft)) if item is not None else None


def _with_article(warning: ParseWarning, article: str | None) -> ParseWarning:
    return ParseWarning(warning.kind, warning.message, article=article, page=warning.page, line=warning.line)


def _language_of(articles: list[Article], language: str | None) -> str:
    """The paper's language as the desk gives it (zh-Hant-TW), unless the page is printed in
    Traditional characters where the desk said Simplified (a Big5 page from elsewhere): then zh-Hant."""
    script = _script_of(articles)
    if language is None or (script == "zh-Hant" and language == "zh-Hans"):
        return script
    return language


def _script_of(articles: list[Article]) -> str:
    """zh-Hans or zh-Hant: which script the text is printed in, by what OpenCC would change."""
    characters = set("".join(p for a in articles for p in (*a.headline.parts(), *a.paragraphs)))
    simplified_only = sum(opencc_convert("s2t", c) != c for c in characters)
    traditional_only = sum(opencc_convert("t2s", c) != c for c in characters)
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"
