"""The seed page against its hand-checked reference structure (../shared/seeds)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REFERENCE, SEED, parse_json

from publisher.model import Issue

REFERENCE_DATA = json.loads(REFERENCE.read_text(encoding="utf-8"))
ISSUE_FIELDS = ["schema", "paper", "date", "issue_number", "total_issue_number", "page_count", "language"]


@pytest.fixture(scope="module")
def parsed() -> dict:
    return parse_json([SEED])


@pytest.mark.parametrize("field", ISSUE_FIELDS)
def test_issue_fields(parsed: dict, field: str) -> None:
    assert parsed[field] == REFERENCE_DATA[field]


@pytest.mark.parametrize("field", list(REFERENCE_DATA["masthead"]))
def test_masthead(parsed: dict, field: str) -> None:
    assert parsed["masthead"][field] == REFERENCE_DATA["masthead"][field]


def test_six_articles_in_page_order(parsed: dict) -> None:
    assert [a["title"] for a in parsed["articles"]] == [a["title"] for a in REFERENCE_DATA["articles"]]


@pytest.mark.parametrize("index", range(len(REFERENCE_DATA["articles"])))
@pytest.mark.parametrize(
    "field",
    ["page", "section", "kicker", "title", "subtitle", "reporters", "figures", "continued_on", "continued_from"],
)
def test_article_field(parsed: dict, index: int, field: str) -> None:
    value = parsed["articles"][index][field]
    if field == "figures":
        # The reference was checked from the text, which has no photos: their captions and credits.
        assert all(figure["photo"] is None for figure in value)
        value = [{key: figure[key] for key in ("caption", "credit")} for figure in value]
    assert value == REFERENCE_DATA["articles"][index][field]


@pytest.mark.parametrize("index", range(len(REFERENCE_DATA["articles"])))
def test_every_paragraph(parsed: dict, index: int) -> None:
    assert parsed["articles"][index]["paragraphs"] == REFERENCE_DATA["articles"][index]["paragraphs"]


def test_line_42_dropped_as_duplicate_of_52(parsed: dict) -> None:
    dropped = {d["line"]: d["reason"] for d in parsed["dropped"]}
    assert dropped[42] == "duplicate"
    assert 52 not in dropped
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first_article = parsed["articles"][0]["paragraphs"]
    assert any(lines[51].replace(",", "，") in p for p in first_article)


def test_warning_for_paragraph_ending_mid_sentence(parsed: dict) -> None:
    cut = [w for w in parsed["warnings"] if w["kind"] == "paragraph-cut"]
    assert [(w["line"], w["article"]) for w in cut] == [(40, parsed["articles"][0]["id"])]
    assert "建设点" in cut[0]["message"]


def test_no_warning_for_sentences_cut_by_a_jump(parsed: dict) -> None:
    assert {w["line"] for w in parsed["warnings"]} == {40, 42}


def test_ids_are_unique_url_safe_and_stable(seed_issue: Issue) -> None:
    ids = [a.id for a in seed_issue.articles]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert ids == [a["id"] for a in parse_json([SEED])["articles"]]


def test_masthead_and_furniture_are_set_aside_with_reasons(parsed: dict) -> None:
    reasons = {d["line"]: d["reason"] for d in parsed["dropped"]}
    assert all(reasons[n] == "masthead" for n in range(3, 30, 2))
    assert reasons[33] == reasons[34] == reasons[58] == reasons[60] == "furniture"
    assert reasons[62] == reasons[106] == reasons[132] == "jump-marker"
