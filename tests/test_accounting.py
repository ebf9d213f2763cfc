"""Nothing is lost silently: every non-blank input line is in the model or recorded as dropped, once."""

from __future__ import annotations

import pytest
from conftest import CASES

from publisher.ingest import parse_issue
from publisher.ingest.decode import decode_page
from publisher.ingest.lines import END_MARK, JUMP_IN, JUMP_OUT
from publisher.ingest.text import compact, normalize_line
from publisher.model import DROP_REASONS, Article


def source_lines(case: str, name: str) -> list[str]:
    """The lines of the page file `name` of a case, as the parser numbers them."""
    path = next(p for p in CASES[case] if p.name == name)
    return decode_page(path.read_bytes(), path.name).lines


def article_text(article: Article) -> str:
    parts = [article.section or "", *article.headline.parts(), article.byline or "", *article.paragraphs]
    parts += [f.caption + (f.credit or "") for f in article.figures]
    return compact("".join(parts))


@pytest.mark.parametrize("case", CASES)
def test_every_line_accounted_for_once(case: str) -> None:
    issue = parse_issue(CASES[case])
    placed = [(s.page, s.line) for a in issue.articles for s in a.source_lines]
    dropped = [(d.page, d.line) for d in issue.dropped]
    assert len(placed + dropped) == len(set(placed + dropped)), "a line is in two places"
    expected = set()
    for page in issue.pages:
        lines = source_lines(case, page.source)
        expected |= {(page.number, n) for n, text in enumerate(lines, 1) if text.strip()}
    assert set(placed + dropped) == expected


@pytest.mark.parametrize("case", CASES)
def test_each_placed_line_is_in_its_article_text(case: str) -> None:
    issue = parse_issue(CASES[case])
    texts = {p.number: source_lines(case, p.source) for p in issue.pages}
    for article in issue.articles:
        body = article_text(article)
        for source in article.source_lines:
            # Markers are facts of the model (continued_on …), not text: take them out before comparing.
            line = normalize_line(texts[source.page][source.line - 1])
            line = END_MARK.sub("", JUMP_IN.sub("", JUMP_OUT.sub("", line)))
            assert compact(line) in body, (article.id, source)


@pytest.mark.parametrize("case", CASES)
def test_dropped_lines_have_known_reasons_and_their_text(case: str) -> None:
    issue = parse_issue(CASES[case])
    pages = {p.number: source_lines(case, p.source) for p in issue.pages}
    for dropped in issue.dropped:
        assert dropped.reason in DROP_REASONS
        assert dropped.text == pages[dropped.page][dropped.line - 1].strip()
