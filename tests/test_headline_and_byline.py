"""Headline parts and reporters, on the seed's lines and on the shapes other pages print."""

from __future__ import annotations

import pytest

from publisher.ingest.byline import names_in_byline, reporters_in_lead
from publisher.ingest.headline import split_headline


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # seed lines 36–38: kicker and title on one line, the speech verb tells them apart
        (
            ["黄茂军在全区数字重庆建设推进会上强调 奋力打造更多实用实战标志性成果 以数字化引领开创渝中高质量发展新局面",
             "谢东主持 何积光王志宏出席"],
            (None, "黄茂军在全区数字重庆建设推进会上强调", "奋力打造更多实用实战标志性成果 以数字化引领开创渝中高质量发展新局面",
             "谢东主持 何积光王志宏出席"),
        ),
        # seed lines 134–138: a column banner over a one-line title and subtitle
        (
            ["全面推动党的二十大精神在重庆落地生根开花结果", "敢闯敢干 唯实争先",
             "创新“无废”化建设 让“老菜市场”焕新颜 区生态环境局一案例获评市生态环境系统“双十佳”实践案例"],
            ("全面推动党的二十大精神在重庆落地生根开花结果 敢闯敢干 唯实争先", None, "创新“无废”化建设 让“老菜市场”焕新颜",
             "区生态环境局一案例获评市生态环境系统“双十佳”实践案例"),
        ),
        # seed line 152: two segments on one line are kicker and title
        (["我区召开2024年土地推介会 三块“热土”刮起楼市“春风”"], (None, "我区召开2024年土地推介会", "三块“热土”刮起楼市“春风”", None)),
        # three lines are kicker, title, subtitle
        (["市委常委会召开会议", "研究部署一季度经济运行和安全生产工作", "王建平主持"],
         (None, "市委常委会召开会议", "研究部署一季度经济运行和安全生产工作", "王建平主持")),
        # a column's short name over a headline is its section, not a kicker
        (["一线见闻", "老街有机更新 留住城市“烟火气”"], ("一线见闻", None, "老街有机更新 留住城市“烟火气”", None)),
        (["滨江时评", "让政策红利更快更好直达企业"], ("滨江时评", None, "让政策红利更快更好直达企业", None)),
        # a dash-led second line is a subtitle
        (["我区召开经济工作会议", "——全力以赴稳增长"], (None, None, "我区召开经济工作会议", "全力以赴稳增长")),
        # a bracketed banner is a section
        (["【学习贯彻党的二十大精神】", "我区召开专题会议"], ("学习贯彻党的二十大精神", None, "我区召开专题会议", None)),
        # attendance after the title on the same line is the subtitle
        (["我区召开经济工作会议 谢东主持"], (None, None, "我区召开经济工作会议", "谢东主持")),
        # one unbroken line is the title
        (["重庆市“3·5”学雷锋日主题志愿服务活动启动"], (None, None, "重庆市“3·5”学雷锋日主题志愿服务活动启动", None)),
    ],
)  # fmt: skip
def test_split_headline(lines: list[str], expected: tuple) -> None:
    headline, section = split_headline(lines)
    assert (section, headline.kicker, headline.title, headline.subtitle) == expected


@pytest.mark.parametrize(
    ("lead", "reporters"),
    [
        ("本报讯（记者李一）3月1日，我区", ["李一"]),
        ("本报讯（记者 李一 袁侨德）3月4日", ["李一", "袁侨德"]),
        ("本报讯（记者李一、王二 通讯员张三）", ["李一", "王二", "张三"]),
        ("本报讯（融媒体记者 欧阳娜娜 实习生 李四）", ["欧阳娜娜", "李四"]),
        ("本报讯（记者袁侨德李传芳）", ["袁侨德", "李传芳"]),
        ("新华社北京3月5日电（记者 张三）", ["张三"]),
        ("本報訊（記者李一）3月1日", ["李一"]),
        ("近日，记者从区生态环境局获悉", []),
        ("本报讯（渝中区委宣传部供稿）", []),
    ],
)
def test_reporters_in_lead(lead: str, reporters: list[str]) -> None:
    assert reporters_in_lead(lead) == reporters


def test_names_in_standalone_byline() -> None:
    assert names_in_byline("本报记者 陈静 刘畅") == ["陈静", "刘畅"]
    assert names_in_byline("文/李一 图/王二") == ["李一", "王二"]
