from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from publisher.ingest import parse_issue
from publisher.model import Issue, to_dict

# CI runs the same generated pages every time, so a submission never fails on a page no one has
# seen; a developer's runs draw new ones, and hypothesis keeps any failure to replay.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

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


def pytest_configure(config: pytest.Config) -> None:
    """The suite never reaches the network, and never touches the user's recording cache: every
    HTTP client (edge-tts's included) is sent to a proxy that refuses, so `--tts auto` always reads
    offline here, and recordings are cached in a folder of this run, shared by its builds."""
    import os
    import tempfile

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        os.environ[name] = "http://127.0.0.1:9"
    for name in ("NO_PROXY", "no_proxy"):
        os.environ.pop(name, None)
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="publisher-test-cache-")
