from __future__ import annotations

import json
from pathlib import Path

import pytest

from publisher.ingest import parse_issue
from publisher.model import Issue, to_dict

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
GOLDEN = Path(__file__).parent / "golden"
SEED = PAGES / "000_ae6f61447251d189.txt"
SEED_P2 = PAGES / "yuzhong-2024-03-06-p2.txt"
SECOND_ISSUE = PAGES / "yuzhong-2024-03-08-p1.txt"
REFERENCE = FIXTURES / "000_ae6f61447251d189.reference.json"
OTHER = FIXTURES / "other-papers"
#: Issues of other (invented) papers laid out as real ones are: the name of each hand-made structure
#: (<case>.expected.json) and its pages (<case>.txt, or <case>-p1.txt, <case>-p2.txt …).
OTHER_PAPERS: dict[str, list[Path]] = {
    expected.name.removesuffix(".expected.json"): sorted(
        list(OTHER.glob(expected.name.replace(".expected.json", ".txt")))
        or OTHER.glob(expected.name.replace(".expected.json", "-p*.txt"))
    )
    for expected in sorted(OTHER.glob("*.expected.json"))
}

#: Every case the parser is checked on: a name and the page files of one issue.
CASES: dict[str, list[Path]] = {
    "seed": [SEED],
    "seed-with-page-2": [SEED_P2, SEED],
    "second-issue": [SECOND_ISSUE],
    **OTHER_PAPERS,
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def parse_json(paths: list[Path]) -> dict:
    return json.loads(json.dumps(to_dict(parse_issue(paths)), ensure_ascii=False))


@pytest.fixture(scope="session")
def seed_issue() -> Issue:
    return parse_issue([SEED])


@pytest.fixture(scope="session")
def stitched_issue() -> Issue:
    return parse_issue([SEED_P2, SEED])
