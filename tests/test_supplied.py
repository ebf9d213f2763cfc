"""What the desk says of its pages (--paper, --date, --page, [paper] in publisher.toml, file names):
filling in what a page does not print, and refusing a page that prints something else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_cli import publisher

from publisher.build import given_of
from publisher.config import PaperSettings, Settings, load_settings
from publisher.errors import InputError
from publisher.ingest import parse_issue
from publisher.ingest.supplied import FileNames, Given, Supplied, parse_page_label
from publisher.model import page_order

# An inner page's folio names its page and date but not the paper.
INNER = "A05 城市\n2024年5月17日 星期五\n\n我区召开经济工作会议\n\n本报讯（记者李一）5月16日，我区召开经济工作会议。\n"
# A page of copy that prints nothing of the kind.
BARE = "我区召开经济工作会议\n\n本报讯（记者李一）5月16日，我区召开经济工作会议。\n"


def page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_paper_supplied_names_an_inner_page(tmp_path: Path) -> None:
    issue = parse_issue([page(tmp_path, INNER)], Given(Supplied(paper="江城都市报")))
    assert (issue.paper, str(issue.date)) == ("江城都市报", "2024-05-17")
    assert [(p.number, p.label, p.name) for p in issue.pages] == [(5, "A05", "城市")]
    (article,) = issue.articles
    assert (article.page, article.page_label, article.id[:5]) == (5, "A05", "pA05-")


def test_without_the_paper_an_inner_page_says_how_to_name_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"prints the paper's name.*--paper"):
        parse_issue([page(tmp_path, INNER)])


def test_a_page_printing_nothing_takes_date_and_page_supplied(tmp_path: Path) -> None:
    supplied = Supplied(paper="臺東時報", date=dt.date(2024, 6, 3), page="A5")
    issue = parse_issue([page(tmp_path, BARE)], Given(supplied))
    assert (issue.paper, issue.date, issue.pages[0].label) == ("臺東時報", dt.date(2024, 6, 3), "A5")


@pytest.mark.parametrize(
    ("supplied", "message"),
    [
        (Supplied(paper="渝中报"), r"page.txt: prints the paper 江州日报, not 渝中报 \(--paper\)"),
        (Supplied(date=dt.date(2024, 5, 18)), r"prints the date 2024-05-17, not 2024-05-18 \(--date\)"),
        (Supplied(page="A06"), r"prints page A05, not A06 \(--page\)"),
    ],
)
def test_a_value_printed_against_one_supplied_is_refused(tmp_path: Path, supplied: Supplied, message: str) -> None:
    text = "江州日报\n" + INNER
    with pytest.raises(InputError, match=message):
        parse_issue([page(tmp_path, text)], Given(supplied))


def test_the_same_values_in_other_spellings_are_no_contradiction(tmp_path: Path) -> None:
    issue = parse_issue([page(tmp_path, "江州日報\n" + INNER)], Given(Supplied(paper="江州日报", page="a5")))
    assert issue.pages[0].label == "A05"


def test_file_names_carry_date_and_page(tmp_path: Path) -> None:
    names = FileNames.compile("{date:%Y%m%d}_{page}.txt", "test")
    given = Given(Supplied(paper="臺東時報"), names)
    paths = [page(tmp_path, BARE, "20240603_A5.txt"), page(tmp_path, BARE.replace("经济", "文化"), "20240603_A6.txt")]
    issue = parse_issue(paths, given)
    assert (str(issue.date), [p.label for p in issue.pages]) == ("2024-06-03", ["A5", "A6"])
    with pytest.raises(InputError, match=r"prints the date 2024-05-17, not 2024-06-03 \(its file name"):
        parse_issue([page(tmp_path, INNER, "20240603_A5.txt")], given)


def test_file_names_that_do_not_fit_the_pattern_are_read_for_what_they_print(tmp_path: Path) -> None:
    names = FileNames.compile("{date:%Y%m%d}_{page}.txt", "test")
    issue = parse_issue([page(tmp_path, INNER, "inner.txt")], Given(Supplied(paper="江城都市报"), names))
    assert issue.pages[0].label == "A05"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("pages.txt", r"must contain \{date:…\} or \{page\}"),
        ("{date:%Q}.txt", r"%Q is not a date directive"),
        ("{page}-{page}.txt", r"names \{page\} twice"),
    ],
)
def test_bad_file_name_patterns_are_refused(pattern: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        FileNames.compile(pattern, "publisher.toml: paper.file_names")


def test_page_labels_sort_by_section_then_number() -> None:
    labels = ["B01", "A12", "7", "A03", "10", "02", "B2"]
    assert sorted(labels, key=page_order) == ["02", "7", "10", "A03", "A12", "B01", "B2"]
    assert parse_page_label("a03") == "A03"
    with pytest.raises(InputError, match="a page is a number"):
        parse_page_label("第三版")


def test_pages_of_two_sections_with_the_same_number_are_both_kept(tmp_path: Path) -> None:
    a03 = page(tmp_path, INNER.replace("A05", "A03"), "a.txt")
    b03 = page(tmp_path, INNER.replace("A05", "B03").replace("经济", "文化"), "b.txt")
    issue = parse_issue([b03, a03], Given(Supplied(paper="江城都市报")))
    assert [p.label for p in issue.pages] == ["A03", "B03"]
    assert [a.page_label for a in issue.articles] == ["A03", "B03"]
    assert len({a.id for a in issue.articles}) == 2


def test_paper_table_in_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "publisher.toml"
    config.write_text(
        '[paper]\nname = "臺東時報"\nslug = "taitung"\nlanguage = "zh-Hant-TW"\nfile_names = "{date:%Y%m%d}_{page}.txt"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environment={})
    assert settings.paper == PaperSettings("臺東時報", "taitung", "zh-Hant-TW", "{date:%Y%m%d}_{page}.txt")
    given = given_of(settings)
    assert given.supplied.paper == "臺東時報" and given.language == "zh-Hant-TW"
    assert given.supplied.paper_from == "[paper] name in publisher.toml"
    assert given.for_page("20240603_A5.txt").page == "A5"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('language = "en"', "paper.language is one of zh-Hans, zh-Hant-TW, zh-Hant-HK"),
        ('nam = "x"', "unknown setting paper.nam"),
        ('slug = "x"', "paper.slug names the paper of paper.name"),
        ('name = "x"\nslug = "../x"', "paper.slug must be a plain file name"),
        ('file_names = "x.txt"', r"must contain \{date:…\}"),
    ],
)
def test_bad_paper_settings_are_refused(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "publisher.toml"
    config.write_text(f"[paper]\n{table}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_settings(config, environment={})


def test_a_taiwan_paper_prints_in_its_own_language(tmp_path: Path) -> None:
    text = "地方新聞\n2024年6月3日 星期一\nA5\n\n臺東縣府推動觀光\n\n【記者王小明╱臺東報導】臺東縣政府今天宣布，將擴大辦理觀光活動。\n"
    issue = parse_issue([page(tmp_path, text)], Given(Supplied(paper="臺東時報"), language="zh-Hant-TW"))
    assert issue.language == "zh-Hant-TW"
    assert Settings().paper == PaperSettings()


# ── the command line ────────────────────────────────────────────────────────────────────────────


def test_parse_takes_paper_date_and_page(tmp_path: Path) -> None:
    path = page(tmp_path, BARE)
    result = publisher("parse", path, "--paper", "臺東時報", "--date", "2024-06-03", "--page", "A5", "--json")
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    assert (model["paper"], model["date"], model["pages"][0]["label"]) == ("臺東時報", "2024-06-03", "A5")
    assert model["articles"][0]["page"] == 5 and model["articles"][0]["page_label"] == "A5"


def test_a_contradiction_is_one_line_naming_both(tmp_path: Path) -> None:
    result = publisher("parse", page(tmp_path, INNER), "--paper", "江城都市报", "--date", "2024-05-18")
    assert result.returncode == 1
    assert result.stderr == ("publisher: error: page.txt: prints the date 2024-05-17, not 2024-05-18 (--date)\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "17/05/2024"], "--date: a date is written YYYY-MM-DD"),
        (["--page", "第三版"], "--page: a page is a number"),
    ],
)
def test_bad_values_on_the_command_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = publisher("parse", page(tmp_path, INNER), "--paper", "江城都市报", *args)
    assert result.returncode == 1
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_page_names_one_file(tmp_path: Path) -> None:
    one, two = page(tmp_path, BARE, "1.txt"), page(tmp_path, BARE, "2.txt")
    result = publisher("parse", one, two, "--paper", "臺東時報", "--date", "2024-06-03", "--page", "3")
    assert result.returncode == 1
    assert "--page names the page of one file, and 2 page files were given" in result.stderr


def test_build_takes_the_paper_for_inner_pages(tmp_path: Path) -> None:
    inner = page(tmp_path, INNER)
    result = publisher("build", inner, "--paper", "江城都市报", "--out", tmp_path / "out", "--tts", "none")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "model" / "jiangchengdushibao-2024-05-17.zh-Hans.json").is_file()
    refused = publisher("build", inner, "--out", tmp_path / "out2", "--tts", "none")
    assert refused.returncode == 1 and "--paper" in refused.stderr


def test_a_taiwan_papers_editions_are_converted_from_it(tmp_path: Path) -> None:
    from publisher.transforms.variants import Converter, Phrases, to_variant

    text = "地方新聞\n2024年6月3日 星期一\nA5\n\n臺東推動軟體產業\n\n【記者王小明╱臺東報導】縣府表示：「將擴大辦理『軟體』課程。」\n"
    issue = parse_issue([page(tmp_path, text)], Given(Supplied(paper="臺東時報"), language="zh-Hant-TW"))
    simplified = to_variant(issue, Converter("zh-Hans", Phrases(()), source=issue.language))
    assert simplified.articles[0].title == "台东推动软件产业"
    assert simplified.articles[0].paragraphs[0].endswith("县府表示：“将扩大办理‘软件’课程。”")
    assert to_variant(issue, Converter("zh-Hant-TW", Phrases(()), source=issue.language)) is issue
    hong_kong = to_variant(issue, Converter("zh-Hant-HK", Phrases(()), source=issue.language))
    assert "「將擴大辦理『軟體』課程。」" in hong_kong.articles[0].paragraphs[0]
