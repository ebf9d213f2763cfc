"""Each case's model JSON against its golden file; `pytest --update-golden` rewrites them for review."""

from __future__ import annotations

import pytest
from conftest import CASES, GOLDEN

from publisher.emit.model_json import model_json
from publisher.ingest import parse_issue
from publisher.model import from_dict, to_dict


@pytest.mark.parametrize("case", CASES)
def test_model_json_matches_golden(case: str, update_golden: bool) -> None:
    golden = GOLDEN / case / "model.json"
    actual = model_json(parse_issue(CASES[case]))
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {case}: run pytest --update-golden and review the diff"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_json_round_trip(case: str) -> None:
    issue = parse_issue(CASES[case])
    assert from_dict(to_dict(issue)) == issue


def test_other_schema_versions_are_refused() -> None:
    data = to_dict(parse_issue(CASES["seed"]))
    data["schema"] = 2
    with pytest.raises(ValueError, match="unsupported model schema 2"):
        from_dict(data)
