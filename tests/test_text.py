"""Line clean-up: punctuation damaged by extraction, letter-spacing, fullwidth forms."""

from __future__ import annotations

import pytest

from publisher.ingest.text import cn_int, ends_sentence, normalize_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("本报讯(记者李一)3月1日,我区召开", "本报讯（记者李一）3月1日，我区召开"),
        ("推进国土空间数据综合信息系统(GIS)运用", "推进国土空间数据综合信息系统（GIS）运用"),
        ("有4个方面的收获体会:观念思维要", "有4个方面的收获体会：观念思维要"),
        ("汇报;数字社会专题组", "汇报；数字社会专题组"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("新闻热线: 63807576", "新闻热线：63807576"),
        ("标准》, (下转2版)", "标准》，（下转2版）"),
        # numbers, times, decimals and Latin text keep their ASCII punctuation
        ("上午10:30开始", "上午10:30开始"),
        ("增长3.5%", "增长3.5%"),
        ("共1,000人", "共1,000人"),
        ("下载APP", "下载APP"),
        ("Hello, world (test)", "Hello, world (test)"),
        ("约3-4吨", "约3-4吨"),
        # a pair converts as a pair, even when only one end touches Chinese
        ("(1)加强领导", "（1）加强领导"),
        ('他说:"好的"。', "他说：“好的”。"),
        # spaces an extractor puts inside Chinese runs go; the paper's own stay
        ("本 报 讯", "本报讯"),
        ("第 26 期", "第26期"),
        ("把 V 字 模 型", "把V字模型"),
        ("志愿新征程 建功新重庆", "志愿新征程 建功新重庆"),
        ("志 愿 新 征 程   建 功 新 重 庆", "志愿新征程 建功新重庆"),
        ("用好 IRS 数据", "用好 IRS 数据"),
        # fullwidth letters and digits, ideographic spaces, indentation
        ("２０２４年３月", "2024年3月"),
        ("\u3000\u3000本报讯", "本报讯"),
        ("会议 , 我区", "会议，我区"),
    ],
)
def test_normalize_line(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected


@pytest.mark.parametrize(
    ("text", "value"), [("26", 26), ("二〇二四", 2024), ("十二", 12), ("廿六", 26), ("三十", 30), ("A2", 2)]
)
def test_cn_int(text: str, value: int) -> None:
    assert cn_int(text) == value


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("参加活动。", True),
        ("他说：“好。”", True),
        ("建设点", False),
        ("问题，", False),
        ("（以", False),
        ("为什么？", True),
    ],
)
def test_ends_sentence(text: str, complete: bool) -> None:
    assert ends_sentence(text) is complete
