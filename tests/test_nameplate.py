"""Mastheads and folios as other papers print them: the facts read, the lines set aside, nothing taken for an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.errors import InputError
from publisher.ingest import parse_issue
from publisher.model import Issue

STORY = "\n\n我区召开经济工作会议\n\n本报讯（记者李一）3月5日，我区召开经济工作会议。\n"


def parse_text(text: str, tmp_path: Path) -> Issue:
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    return parse_issue([page])


def test_provincial_daily_masthead(tmp_path: Path) -> None:
    issue = parse_text(
        "重庆日报\n\nCHONGQING DAILY\n\n2024年3月6日星期三 农历甲辰年正月廿六\n\n国内统一连续出版物号 CN 50 - 0001\n\n"
        "邮发代号 77-1\n\n第25001期\n\n今日12版\n\n重庆日报报业集团出版\n\nhttp://www.cqrb.cn\n\n"
        "社址：重庆市渝北区同茂大道416号\n\n定价：1.50元" + STORY,
        tmp_path,
    )
    assert (issue.paper, str(issue.date), issue.issue_number, issue.page_count) == ("重庆日报", "2024-03-06", 25001, 12)
    assert issue.masthead.registration == "CN 50-0001"
    assert issue.masthead.lunar_date == "甲辰年正月廿六"
    assert issue.masthead.weekday == "星期三"
    assert issue.masthead.publisher == "重庆日报报业集团"
    assert dict(issue.masthead.other) == {
        "邮发代号": "77-1",
        "网址": "http://www.cqrb.cn",
        "社址": "重庆市渝北区同茂大道416号",
        "定价": "1.50元",
    }
    assert [a.title for a in issue.articles] == ["我区召开经济工作会议"]
    assert {d.reason for d in issue.dropped} == {"masthead"}


def test_chinese_numeral_date_and_internal_permit(tmp_path: Path) -> None:
    issue = parse_text(
        "江津报\n\n二〇二四年三月六日\n\n星期三\n\n内部资料 免费交流\n\n准印证号：渝K(2024)001\n\n第12期" + STORY,
        tmp_path,
    )
    assert (issue.paper, str(issue.date), issue.issue_number) == ("江津报", "2024-03-06", 12)
    assert issue.masthead.registration == "渝K(2024)001"


def test_masthead_printed_after_the_lead_story(tmp_path: Path) -> None:
    issue = parse_text(
        "我区召开经济工作会议\n\n本报讯（记者李一）3月5日，我区召开经济工作会议。\n\n"
        "渝中报\n\n2024年3月\n\n6\n\n星期三\n\n第26期\n\n(总第2011期)\n\n今日4版\n\n"
        "三块“热土”刮起楼市“春风”\n\n本报讯（记者李传芳）3月1日，我区召开土地推介会。\n",
        tmp_path,
    )
    assert (issue.paper, str(issue.date), issue.issue_number, issue.total_issue_number) == (
        "渝中报",
        "2024-03-06",
        26,
        2011,
    )
    assert [a.title for a in issue.articles] == ["我区召开经济工作会议", "三块“热土”刮起楼市“春风”"]


def test_teasers_and_weather_are_furniture(tmp_path: Path) -> None:
    issue = parse_text(
        "渝中报\n\n2024年3月6日 星期三\n\n第26期\n\n今日导读\n\n我区召开民营经济发展大会（3版）\n\n"
        "解放碑春季花卉布展完成 ▶4版\n\n今日天气\n\n多云 8～14℃\n\n空气质量 良" + STORY,
        tmp_path,
    )
    furniture = [d.text for d in issue.dropped if d.reason == "furniture"]
    assert furniture == [
        "今日导读",
        "我区召开民营经济发展大会（3版）",
        "解放碑春季花卉布展完成 ▶4版",
        "今日天气",
        "多云 8～14℃",
        "空气质量 良",
    ]
    assert [a.title for a in issue.articles] == ["我区召开经济工作会议"]


def test_front_page_with_only_name_and_date(tmp_path: Path) -> None:
    issue = parse_text("渝中报\n\n2024年3月6日 星期三" + STORY, tmp_path)
    assert (issue.paper, issue.pages[0].number) == ("渝中报", 1)


def test_inner_page_folio_at_the_bottom(tmp_path: Path) -> None:
    issue = parse_text(
        "我区召开经济工作会议\n\n本报讯（记者李一）3月5日，我区召开经济工作会议。\n\n渝中报 2024年3月6日 第3版 文化\n",
        tmp_path,
    )
    assert (issue.pages[0].number, issue.pages[0].name, str(issue.date)) == (3, "文化", "2024-03-06")
    assert [d.reason for d in issue.dropped] == ["folio"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("渝中报\n\n2024年2月30日" + STORY, "impossible date 2024年2月30日"),
        ("渝中报\n\n第26期" + STORY, "prints no date"),
    ],
)
def test_unusable_nameplates_are_refused(text: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=message):
        parse_text(text, tmp_path)
