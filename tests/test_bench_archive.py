"""bench/archive.py: the synthetic 渝中報 archive is deterministic and parses as the issues it plans.

A benchmark's input must not drift between runs, and a page the parser reads wrongly (a story
swallowed by the one above it, an inner page leaving its issue) would time the wrong work, so the
parse is checked against the generator's own plan.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from publisher.build import parse_issues
from publisher.ingest import assemble_issue
from publisher.ingest.decode import decode_page
from publisher.ingest.page import parse_page
from publisher.ingest.text import compact
from publisher.model import Issue

ARCHIVE_SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "archive.py"
#: What the seed itself warns about (line 42 is an extraction duplicate of line 52, which leaves
#: line 40 cut mid-word): the only warnings an issue carrying that story may have.
SEED_WARNINGS = ("duplicate-line", "paragraph-cut")


def _load_archive() -> ModuleType:
    """bench/ is not a package; load the script as a module (registered, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location("bench_archive", ARCHIVE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


archive = _load_archive()


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.txt"))}


def _text(issue: Issue) -> str:
    """Everything of the issue's articles a story's anchor line can become: section, headline,
    text, captions."""
    return compact(
        "".join(
            "".join((a.section or "", *a.headline.parts(), *a.paragraphs, *(f.caption for f in a.figures)))
            for a in issue.articles
        )
    )


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Issue]]:
    folder = tmp_path_factory.mktemp("archive")
    paths = archive.write_archive(folder, 5)
    return paths, parse_issues([folder])


def test_same_arguments_write_the_same_bytes(tmp_path: Path) -> None:
    first = archive.write_archive(tmp_path / "a", 3)
    second = archive.write_archive(tmp_path / "b", 3)
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_an_issue_is_the_same_whatever_else_is_written(tmp_path: Path) -> None:
    archive.write_archive(tmp_path / "parts", 2)
    archive.write_archive(tmp_path / "parts", 2, first_number=3)
    archive.write_archive(tmp_path / "whole", 4)
    assert _tree(tmp_path / "parts") == _tree(tmp_path / "whole")


def test_paths_are_four_pages_an_issue_sorted(five: tuple[list[Path], list[Issue]]) -> None:
    paths, _ = five
    assert paths == sorted(paths)
    folders = ["2000-01-03", "2000-01-05", "2000-01-07", "2000-01-10", "2000-01-12"]
    assert [f"{p.parent.name}/{p.name}" for p in paths] == [f"{d}/p{n}.txt" for d in folders for n in range(1, 5)]


def test_schedule_is_monday_wednesday_friday_numbered_by_year() -> None:
    dates = [archive.issue_date(m) for m in range(1, 1001)]
    assert dates[0] == dt.date(2000, 1, 3)
    assert all(d.weekday() in (0, 2, 4) for d in dates)
    assert all((b - a).days in (2, 3) for a, b in pairwise(dates))
    assert dates[-1] < dt.date(2007, 1, 1)
    # 2001-01-01 is a Monday: the year's first issue, after 2000's 156 (Monday 3 January to Friday 29 December).
    first_of_2001 = dates.index(dt.date(2001, 1, 1)) + 1
    assert archive.plan_issue(first_of_2001).number == 1
    assert archive.plan_issue(first_of_2001 - 1).number == 156


def test_five_issues_parse_with_their_dates_numbers_and_pages(five: tuple[list[Path], list[Issue]]) -> None:
    _, issues = five
    plans = [archive.plan_issue(m) for m in range(1, 6)]
    assert [i.date for i in issues] == [p.date for p in plans]
    for issue, plan in zip(issues, plans, strict=True):
        assert issue.paper == "渝中報"
        assert (issue.issue_number, issue.total_issue_number, issue.page_count) == (plan.number, plan.total_number, 4)
        assert issue.masthead.weekday == plan.weekday
        assert [p.number for p in issue.pages] == [1, 2, 3, 4]
    # Both masthead layouts and both folio layouts are among the five.
    assert {p.stacked_masthead for p in plans} == {p.stacked_folio for p in plans} == {True, False}


def test_every_planned_story_is_one_article_of_its_issue(five: tuple[list[Path], list[Issue]]) -> None:
    """No story swallowed by the one above it, none split, every continuation joined to its article
    (so no page left its issue), and no warning the seed does not have."""
    _, issues = five
    for number, issue in enumerate(issues, 1):
        plan = archive.plan_issue(number)
        assert len(issue.articles) == len(plan.articles) >= 10
        text = _text(issue)
        assert all(compact(story.anchor) in text for story in plan.articles)
        assert all(a.continued_from is None for a in issue.articles)
        assert all(w.kind in SEED_WARNINGS for w in issue.warnings)
        assert len(issue.warnings) <= len(SEED_WARNINGS)


def test_issues_differ_in_content(five: tuple[list[Path], list[Issue]]) -> None:
    _, issues = five
    for page in (1, 2, 3, 4):
        line_ups = {tuple(a.title for a in issue.articles if a.page == page) for issue in issues}
        assert len(line_ups) == len(issues), f"two issues print the same stories on page {page}"


@pytest.mark.parametrize(
    "story",
    [*archive.FRONT_STORIES, *archive.INNER_STORIES],
    ids=lambda story: story.anchor[:10],
)
def test_each_story_parses_alone_as_one_article(story: Any) -> None:
    """A guard against an edit of a source page: each story is still found, once, and still reads as
    one article with no warning of its own."""
    folio = ["渝中报", "", "2000年1月3日 星期一", "", "第3版 社会民生", "", "责编:李娜 美编:陈强", ""]
    text = "\n".join([*folio, *story.text()]) + "\n"
    issue = assemble_issue([parse_page(decode_page(text.encode(), "story.txt"), "story.txt")])
    assert len(issue.articles) == 1
    assert compact(story.anchor) in _text(issue)
    kinds = {w.kind for w in issue.warnings} - {"front-page-missing"}
    assert kinds <= (set(SEED_WARNINGS) if story is archive.FRONT_STORIES[0] else set())
    # A story that jumps (下转2版) carries the continuation page 2 must print.
    assert (issue.articles[0].continued_on == 2) == (story.continuation is not None)


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        archive.write_archive(tmp_path, -1)
    with pytest.raises(ValueError):
        archive.write_archive(tmp_path, 1, first_number=0)


def test_command_line_writes_the_archive(tmp_path: Path) -> None:
    command = [sys.executable, str(ARCHIVE_SCRIPT), str(tmp_path / "cli"), "2"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "2 issues (8 pages" in done.stdout
    archive.write_archive(tmp_path / "api", 2)
    assert _tree(tmp_path / "cli") == _tree(tmp_path / "api")
