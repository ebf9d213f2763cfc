"""Nothing is lost silently: every non-blank input line is in the model or recorded as dropped, once."""

from __future__ import annotations

import pytest
from conftest import CASES, PAGES

from publisher.ingest import parse_issue
from publisher.ingest.lines import JUMP_IN, JUMP_OUT
from publisher.ingest.text import compact, normalize_line
from publisher.model import DROP_REASONS, Article


def article_text(article: Article) -> str:
    parts = [article.section or "", *article.headline.parts(), article.byline or "", *article.paragraphs]
    parts += [f.caption + (f.credit or "") for f in article.figures]
    parts += [s.text for s in article.subheads]
    return compact("".join(parts))


@pytest.mark.parametrize("case", CASES)
def test_every_line_accounted_for_once(case: str) -> None:
    issue = parse_issue(CASES[case])
    placed = [(s.page, s.line) for a in issue.articles for s in a.source_lines]
    dropped = [(d.page, d.line) for d in issue.dropped]
    assert len(placed + dropped) == len(set(placed + dropped)), "a line is in two places"
    expected = set()
    for page in issue.pages:
        lines = (PAGES / page.source).read_text(encoding="utf-8").splitlines()
        expected |= {(page.number, n) for n, text in enumerate(lines, 1) if text.strip()}
    assert set(placed + dropped) == expected


@pytest.mark.parametrize("case", CASES)
def test_each_placed_line_is_in_its_article_text(case: str) -> None:
    issue = parse_issue(CASES[case])
    texts = {p.number: (PAGES / p.source).read_text(encoding="utf-8").splitlines() for p in issue.pages}
    for article in issue.articles:
        body = article_text(article)
        for source in article.source_lines:
            line = JUMP_IN.sub("", JUMP_OUT.sub("", normalize_line(texts[source.page][source.line - 1])))
            assert compact(line) in body, (article.id, source)


@pytest.mark.parametrize("case", CASES)
def test_dropped_lines_have_known_reasons_and_their_text(case: str) -> None:
    issue = parse_issue(CASES[case])
    pages = {p.number: (PAGES / p.source).read_text(encoding="utf-8").splitlines() for p in issue.pages}
    for dropped in issue.dropped:
        assert dropped.reason in DROP_REASONS
        assert dropped.text == pages[dropped.page][dropped.line - 1].strip()
