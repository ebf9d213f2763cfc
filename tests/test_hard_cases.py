"""Page texts that once crashed the parser or misread it: each keeps its fix honest."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.errors import InputError
from publisher.ingest import parse_issue
from publisher.ingest.drafts import Line, is_headline_like
from publisher.ingest.setaside import mark_furniture
from publisher.model import Issue

MASTHEAD = "渝中报\n\n2024年3月\n\n6\n\n星期三\n\n第26期\n\n(总第2011期)\n\n今日4版\n\n"


def parse(tmp_path: Path, *pages: str) -> Issue:
    paths = []
    for number, text in enumerate(pages, 1):
        path = tmp_path / f"page{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return parse_issue(paths)


def front(tmp_path: Path, body: str) -> Issue:
    return parse(tmp_path, MASTHEAD + body)


def texts(issue: Issue) -> list[str]:
    return [p for a in issue.articles for p in a.paragraphs]


# ── numbers that do not read ─────────────────────────────────────────────────────────────────────


def test_unreadable_numbers_are_text_not_crashes(tmp_path: Path) -> None:
    issue = front(tmp_path, "我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。(下转十十版)\n\n2〇24年3月6日\n")
    assert str(issue.date) == "2024-03-06"
    assert issue.articles[0].continued_on is None


def test_an_absurd_year_is_an_impossible_date(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="impossible date"):
        parse(tmp_path, "渝中报\n\n99999999999年3月6日\n\n我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n")


def test_a_run_of_one_surname_is_no_list_of_names(tmp_path: Path) -> None:
    issue = front(tmp_path, "我区召开会议\n\n本报讯（记者" + "王" * 56 + "）3月1日，我区召开会议。\n")
    assert issue.articles[0].reporters == ()


# ── body lines that look like masthead facts ─────────────────────────────────────────────────────


def test_contact_lines_in_an_article_stay_in_it(tmp_path: Path) -> None:
    notice = [
        "咨询电话：023-63801234",
        "报名地址：渝中区中山三路131号",
        "合作社社长：今年我们的收入翻了一番，日子越过越好。",
    ]
    issue = front(
        tmp_path, "我区开展技能培训\n\n本报讯（记者李一）3月1日，我区开展技能培训。\n\n" + "\n\n".join(notice) + "\n"
    )
    assert texts(issue)[1:] == notice
    assert issue.masthead.hotlines == () and issue.masthead.other == ()


def test_a_lone_issue_number_in_the_text_changes_nothing(tmp_path: Path) -> None:
    issue = front(
        tmp_path, "我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n\n第5期\n\n会议要求各部门抓好落实。\n"
    )
    assert issue.issue_number == 26


def test_folio_with_a_one_digit_page_number(tmp_path: Path) -> None:
    issue = parse(
        tmp_path, "渝中报\n2024年3月6日 星期三\n2 综合新闻\n\n我区召开会议\n\n本报讯(记者李一)3月1日,我区召开会议。\n"
    )
    assert (issue.pages[0].number, issue.pages[0].name) == (2, "综合新闻")
    assert issue.articles[0].headline.kicker is None


def test_a_notice_signed_at_the_foot_of_the_page(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "公告\n\n本报讯（记者李一）经研究决定，公告如下。\n\n特此公告。\n\n清溪县人民代表大会常务委员会\n\n2024年3月11日\n",
    )
    assert texts(issue)[-2:] == ["清溪县人民代表大会常务委员会", "2024年3月11日"]
    assert not [w for w in issue.warnings if w.kind == "paragraph-cut"]


# ── bylines, captions, subheads ──────────────────────────────────────────────────────────────────


def test_briefs_with_leads_only_are_articles_not_captions(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "简讯\n\n本报讯（记者李一）3月1日，区图书馆新增图书2000册。\n\n本报讯（记者王二）3月2日，区文化馆举办书法展。\n\n"
        "本报讯（记者张三）3月3日，区体育馆开放。\n",
    )
    assert [a.reporters for a in issue.articles] == [("李一",), ("王二",), ("张三",)]
    assert not [f for a in issue.articles for f in a.figures]


@pytest.mark.parametrize("headline", ["小记者走进消防站", "中国记者节座谈会举行", "实习生招募启动"])
def test_headlines_with_reporter_words_are_headlines(headline: str, tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        f"我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n\n{headline}\n\n本报讯（记者王二）3月2日，活动举行。\n",
    )
    assert [a.title for a in issue.articles] == ["我区召开会议", headline]
    assert issue.articles[0].byline is None


def test_a_numbered_subhead_before_a_dated_paragraph(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n\n一、岗位数量创新高\n\n今年以来，全区新增就业岗位1.2万个。\n",
    )
    assert len(issue.articles) == 1
    assert issue.articles[0].subheads == (1,)


def test_questions_and_exclamations_in_the_text_are_paragraphs(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "老旧小区焕新颜\n\n本报讯（记者李一）3月1日，我区老旧小区改造启动。\n\n那么，如何让老旧小区焕发新的活力和生机？\n\n"
        "这就是我们的家！\n\n居民们纷纷点赞。\n",
    )
    article = issue.articles[0]
    assert (len(issue.articles), article.subheads) == (1, ())
    assert article.paragraphs[1:3] == ("那么，如何让老旧小区焕发新的活力和生机？", "这就是我们的家！")


def test_a_turn_of_dialogue_on_its_own_line_is_text_and_a_quoted_headline_a_headline(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "村里来了新书记\n\n本报讯（记者李一）3月1日，新书记走访了全村。\n\n"
        "“村里多少人？你能说说几户人家的情况吗？”\n\n“215户，555口人。”小杨答。\n\n"
        "“家门口就能看病了”\n\n本报讯（记者王二）3月2日，村卫生室开诊。\n",
    )
    assert [a.headline.title for a in issue.articles] == ["村里来了新书记", "“家门口就能看病了”"]
    assert issue.articles[0].paragraphs[1] == "“村里多少人？你能说说几户人家的情况吗？”"


def test_a_kicker_of_short_phrases_in_parallel_is_a_kicker(tmp_path: Path) -> None:
    issue = front(
        tmp_path, "上兴安岭，进秦巴山，到独龙江\n\n岁末年初探脱贫\n\n本报讯（记者李一）3月1日，记者走访了三地。\n"
    )
    headline = issue.articles[0].headline
    assert (headline.kicker, headline.title) == ("上兴安岭，进秦巴山，到独龙江", "岁末年初探脱贫")


def test_meetings_reported_separately_under_one_headline_are_one_article(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "区长副区长分别会见来访客商\n\n本报讯（记者李一）3月1日，区长会见了来访的客商。\n\n"
        "本报讯（记者王二）3月1日，副区长会见了来访的客商。\n\n花市开张\n\n本报讯（记者张三）花市开张了。\n",
    )
    assert [len(a.paragraphs) for a in issue.articles] == [2, 1]
    assert issue.articles[0].reporters == ("李一", "王二")


def test_meetings_reported_separately_stay_one_article_when_the_headline_comes_after(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "本报讯（记者李一）3月1日，区长会见了来访的客商。\n\n本报讯（记者王二）3月1日，副区长会见了来访的客商。\n\n"
        "本报讯（记者张三）城东花市开张了。\n\n区长副区长分别会见来访客商\n\n城东花市开张\n",
    )
    assert [(a.headline.title, len(a.paragraphs)) for a in issue.articles] == [
        ("区长副区长分别会见来访客商", 2),
        ("城东花市开张", 1),
    ]
    assert issue.articles[0].reporters == ("李一", "王二")


#: A commentary's first paragraph, longer than the part of it a headline is first compared with,
#: none of whose words the headline uses.
_COMMENTARY_OPENING = (
    "有人说，这是人类历史上最大规模的人口迁徙：短短一个多月时间里，几十亿人次在辽阔大地上集中往返，"
    "从飞机、火车、轮渡到乡间摩的，构成一个庞大又复杂的运输系统。很多百万、千万人口的大城市，春节前后"
    "几乎变成空城，而许多平日安静的小镇和村庄，这些天却热闹非凡，街头巷尾挤满了返乡的人群。铁路部门"
    "增开临时列车，民航加密热门航线，公路客运延长发车时间，各地交通部门全力保障旅客平安出行。有的"
    "车站开设了爱心候车区，有的城市为返乡务工人员包车送行，还有不少企业给员工报销往返路费。为了"
    "这一趟回家的路，人们提前几个月抢票、排队、规划行程，哪怕只在家里住上几天，也觉得值得。年夜饭的"
    "餐桌上，老人念叨着孩子们这一年的辛苦，孩子们说着城里的新鲜事，一家人其乐融融，笑声不断。"
    "节后，人们又背起行囊，踏上新一年的旅程。"
)


def test_a_headline_after_its_text_heads_it_from_the_start_though_its_words_come_later(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        _COMMENTARY_OPENING + "\n\n流动的中国，团聚的背后是别离，别离的前面是成长的希望。\n\n"
        "流动的中国 成长的希望\n\n本报讯（记者张三）3月1日，城东花市开张了。\n\n城东花市开张\n",
    )
    assert [(a.headline.title, len(a.paragraphs)) for a in issue.articles] == [
        ("流动的中国 成长的希望", 2),
        ("城东花市开张", 1),
    ]


#: A lead longer than the part of it a headline is first compared with.
_MEETING_LEAD = (
    "本报讯（记者李一）3月1日，区长主持召开全区营商环境工作会议，听取各街道和有关部门去年工作情况汇报，"
    "审议《全区营商环境改革实施方案》，研究部署今年的重点工作。会议指出，去年全区新登记市场主体一万余户，"
    "政务服务事项全部实现网上办理，企业开办时间压缩到一个工作日以内，群众和企业的满意度明显提升。"
    "会议要求，各街道、各部门要把改革任务逐项分解到岗到人，定期通报进展，确保各项举措落地见效。"
    "会上，区发展改革委、区市场监管局、区税务局和三个街道的负责同志作了交流发言，与会人员还观看了全区"
    "重点项目建设的专题片，并就进一步简化审批流程、降低企业成本等问题提出了意见和建议。区政府办公室将会同"
    "有关部门，对会上提出的意见建议逐条梳理、限时办理，并在下一次会议上通报办理结果。"
)


def test_a_subtitle_in_a_cluster_stays_with_its_title_though_another_lead_shares_its_words(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        _MEETING_LEAD + "\n\n区长表示，要坚持问题导向，聚焦企业关切，推动营商环境向一流水平迈进。\n\n"
        "本报讯（记者张三）3月1日，城东花市开张，推动商圈环境向一流水平迈进。\n\n"
        "区长在营商环境工作会议上强调\n\n坚持问题导向 聚焦企业关切推动营商环境向一流水平迈进\n\n城东花市开张\n",
    )
    assert [(a.headline.parts(), len(a.paragraphs)) for a in issue.articles] == [
        (("区长在营商环境工作会议上强调", "坚持问题导向 聚焦企业关切推动营商环境向一流水平迈进"), 2),
        (("城东花市开张",), 1),
    ]


@pytest.mark.parametrize(
    "turns",
    [
        "他常常坐在山头上陷入沉思：\n\n穷的死结究竟在哪里？\n\n村子的出路究竟在哪里？\n\n他最终选择了种树。\n",
        "母猪听到竹竿响，摇摇晃晃站起来。\n\n“你现在最想干什么？”\n\n“贷款养十几头母猪！”\n\n他答得有些急切。\n",
    ],
    ids=["what a colon announces", "a dialogue's turns"],
)
def test_lines_a_feature_sets_alone_are_its_text_not_headlines(tmp_path: Path, turns: str) -> None:
    issue = front(tmp_path, "老兵回乡\n\n本报讯（记者李一）五年前，他从部队回到了村里。\n\n" + turns)
    assert [a.headline.title for a in issue.articles] == ["老兵回乡"]
    assert texts(issue)[-1] == turns.split("\n\n")[-1].strip()


@pytest.mark.parametrize("marks", ["——", "……", "…"])
def test_a_dash_or_an_ellipsis_on_a_line_of_its_own_is_no_headline(marks: str) -> None:
    assert not is_headline_like(Line(1, marks, marks))


@pytest.mark.parametrize(
    ("text", "kind"), [("——", "text"), ("……", "text"), ("。", "text"), ("————————", "furniture"), ("★★★", "furniture")]
)
def test_marks_the_column_carried_over_are_text_and_a_rule_is_an_ornament(text: str, kind: str) -> None:
    line = Line(1, text, text)
    mark_furniture([line])
    assert line.kind == kind


def test_a_picture_story_s_label_heads_an_item_of_its_own(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "花市开张\n\n本报讯（记者张三）城东花市开张了。\n\n图片报道\n\n"
        "青禾县大力推动菠萝产业规模化发展，带动农民增收。\n\n图为1月29日，农民在田园里采摘菠萝。\n\n本报记者 罗艾桦 摄\n",
    )
    assert [(a.kind, a.headline.title) for a in issue.articles] == [("news", "花市开张"), ("photo", "图片报道")]
    assert issue.articles[0].paragraphs == ("本报讯（记者张三）城东花市开张了。",)


def test_a_box_over_an_article_s_lead_is_the_article_s(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "价格稳 品种多 供应足\n\n编者的话\n\n“菜篮子”连着千家万户，春节市场供应是一次检测。\n\n"
        "本报讯（记者张三）各地菜市场供应充足，价格平稳。\n",
    )
    (article,) = issue.articles
    assert article.paragraphs[0] == "编者的话" and article.reporters == ("张三",)


def test_a_box_under_a_headline_set_after_its_text_opens_the_next_article(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "春节菜市场供应如何？这是一次期终考试。\n\n市长考及格了吗？每一个市民都有资格来打分。\n\n"
        "丰富菜篮子也是政绩\n\n编者的话\n\n“菜篮子”连着千家万户，春节市场供应是一次检测。\n\n"
        "本报讯（记者张三）各地菜市场供应充足，价格平稳。\n\n价格稳 品种多 供应足\n",
    )
    assert [(a.headline.parts(), a.paragraphs[0]) for a in issue.articles] == [
        (("丰富菜篮子也是政绩",), "春节菜市场供应如何？这是一次期终考试。"),
        (("价格稳 品种多 供应足",), "编者的话"),
    ]


def test_a_headline_over_a_box_stands_apart_from_the_column_line_above_it(tmp_path: Path) -> None:
    # The text above ends on a full line of the column, and the headline is as wide as it.
    issue = front(
        tmp_path,
        "区长会见来访客商\n本报讯（记者李一）3月1日，\n区长会见了来访的客商，双方就\n加强合作交换了意见，达成多项\n"
        "共识，一致同意共建产业园区，\n推动区域经济实现高质量发展。\n科技助力 破解难题（走向冬奥）\n"
        "——中国冰雪扎实备战北京冬奥会\n核心阅读\n随着冬奥会备战工作的全面开\n启，科技手段已渗透到训练备战\n"
        "的诸多环节。\n进入国家集训队的新训练馆，\n一块电子屏幕格外醒目，运动员\n的心率数据实时显示在屏幕上。\n",
    )
    assert [(a.headline.title, a.headline.subtitle, len(a.paragraphs)) for a in issue.articles] == [
        ("区长会见来访客商", None, 1),
        ("科技助力 破解难题（走向冬奥）", "中国冰雪扎实备战北京冬奥会", 3),
    ]


def test_a_sign_off_cut_by_the_column_stays_whole_with_its_article(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "老字号的新活力\n\n老字号承载着一座城市的记忆。\n\n（作者为江州大学\n\n经济学院教授）\n\n"
        "花市开张\n\n本报讯（记者张三）花市开张了。\n",
    )
    assert [a.headline.title for a in issue.articles] == ["老字号的新活力", "花市开张"]
    assert issue.articles[0].paragraphs[-1] == "（作者为江州大学经济学院教授）"


def test_a_closing_quote_does_not_end_the_sentence(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "我区召开会议\n\n本报讯(记者李一)3月1日,会议要求持续深化“雷锋的士”\n\n“金牌导游”等品牌建设,提升城市形象。\n",
    )
    assert texts(issue) == ["本报讯（记者李一）3月1日，会议要求持续深化“雷锋的士”“金牌导游”等品牌建设，提升城市形象。"]


@pytest.mark.parametrize(
    ("lead", "reporters"),
    [
        ("本报讯（记者李一通讯员王二）3月1日，我区召开会议。", ("李一", "王二")),
        ("本报讯（记者李一3月1日，我区召开数字重庆建设推进会（扩大）。", ()),
    ],
)
def test_reporters_are_names(lead: str, reporters: tuple[str, ...], tmp_path: Path) -> None:
    assert front(tmp_path, f"我区召开会议\n\n{lead}\n").articles[0].reporters == reporters


def test_wire_end_marks_are_not_text_or_reporters(tmp_path: Path) -> None:
    issue = front(tmp_path, "我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。（全文完）\n")
    assert texts(issue) == ["本报讯（记者李一）3月1日，我区召开会议。"]
    assert issue.articles[0].reporters == ("李一",)


# ── furniture that must not swallow a headline ───────────────────────────────────────────────────


@pytest.mark.parametrize(
    "box",
    ["广告\n\n江州银行 春季理财节\n\n客服热线96899", "天气\n\n多云转晴 8～14℃", "扫码看\n\n《渝中新闻》视频"],
)
def test_a_box_ends_before_the_next_headline(box: str, tmp_path: Path) -> None:
    issue = front(tmp_path, f"{box}\n\n推动经济转型升级\n\n本报讯（记者李一）3月1日，我区召开会议。\n")
    assert [a.title for a in issue.articles] == ["推动经济转型升级"]


@pytest.mark.parametrize("headline", ["全国青少年足球联赛开赛 U15", "上线渝中通APP"])
def test_headlines_that_end_like_furniture(headline: str, tmp_path: Path) -> None:
    issue = front(tmp_path, f"{headline}\n\n本报讯（记者李一）3月1日，活动举行。\n")
    assert issue.articles[0].title == headline.split(" ")[-1] or issue.articles[0].headline.parts() == tuple(
        headline.split(" ")
    )


def test_a_headline_above_a_qr_code_with_a_blank_line_between(tmp_path: Path) -> None:
    issue = front(tmp_path, "我区新政策发布\n\n扫码看\n\n本报讯（记者李一）3月1日，新政策发布。\n")
    assert issue.articles[0].title == "我区新政策发布"


def test_a_rule_line_is_furniture(tmp_path: Path) -> None:
    issue = front(tmp_path, "————————\n\n我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n")
    assert [a.title for a in issue.articles] == ["我区召开会议"]
    assert "————————" in [d.text for d in issue.dropped if d.reason == "furniture"]


def test_a_repeated_sentence_far_away_is_text(tmp_path: Path) -> None:
    filler = "\n\n".join(f"第{n}段内容，记录会议的有关情况。" for n in range(10))
    issue = front(
        tmp_path,
        "会议一\n\n本报讯（记者李一）会上，会议要求，各部门要抓好落实。\n\n"
        + filler
        + "\n\n会议二\n\n本报讯（记者王二）3月2日，会议召开。\n\n会议要求，各部门要抓好落实。\n",
    )
    assert "会议要求，各部门要抓好落实。" in issue.articles[-1].paragraphs


# ── continuations ────────────────────────────────────────────────────────────────────────────────

PAGE_2 = "渝中报 2024年3月6日 第2版 综合\n\n"
PAGE_3 = "渝中报 2024年3月6日 第3版 文化\n\n"


def test_a_short_fragment_after_the_marker_is_text(tmp_path: Path) -> None:
    issue = parse(
        tmp_path,
        MASTHEAD + "我区召开会议\n\n本报讯（记者李一）3月1日，会议强调，要统筹推进\n\n(下转2版)\n",
        PAGE_2 + "我区召开会议\n\n（上接1版）\n\n各项工作落地见效\n",
    )
    assert [a.paragraphs for a in issue.articles] == [
        ("本报讯（记者李一）3月1日，会议强调，要统筹推进各项工作落地见效",)
    ]
    assert issue.articles[0].subheads == ()


def test_an_article_jumping_over_three_pages(tmp_path: Path) -> None:
    issue = parse(
        tmp_path,
        MASTHEAD + "我区召开会议\n\n本报讯（记者李一）3月1日，会议强调，\n\n(下转2版)\n",
        PAGE_2 + "我区召开会议\n\n（上接1版）要统筹推进，\n\n(下转3版)\n",
        PAGE_3 + "我区召开会议\n\n（上接2版）各项工作落地见效。\n",
    )
    assert [a.pages for a in issue.articles] == [(1, 2, 3)]
    assert issue.articles[0].paragraphs == ("本报讯（记者李一）3月1日，会议强调，要统筹推进，各项工作落地见效。",)
    assert not [w for w in issue.warnings if w.kind.startswith("continuation")]


def test_a_continuation_holding_only_a_byline_keeps_it(tmp_path: Path) -> None:
    text = MASTHEAD + "我区召开会议\n\n本报讯（记者李一）3月1日，我区召开会议。\n\n（上接1版）\n\n本报记者 李一\n"
    issue = parse(tmp_path, text)
    placed = {s.line for a in issue.articles for s in a.source_lines} | {d.line for d in issue.dropped}
    assert placed == {n for n, line in enumerate(text.split("\n"), 1) if line.strip()}


def test_line_numbers_count_only_line_breaks(tmp_path: Path) -> None:
    issue = front(tmp_path, "我区召开会议\u2028副题\n\n本报讯（记者李一）3月1日，我区召开会议。\n")
    assert [s.line for s in issue.articles[0].source_lines] == [15, 17]


# ── ordinary pages of other papers ───────────────────────────────────────────────────────────────


def test_a_clause_ending_in_a_semicolon_goes_on(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "会议召开\n\n本报讯（记者李一）会议听取了关于预算的报告；\n\n审议了《条例（草案）》。\n\n1.报名时间为3月；\n\n2.报名地点在区政务中心。\n",
    )
    assert texts(issue) == [
        "本报讯（记者李一）会议听取了关于预算的报告；审议了《条例（草案）》。",
        "1.报名时间为3月；",
        "2.报名地点在区政务中心。",
    ]


def test_reported_speech_cut_short_is_text(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "会议召开\n\n本报讯（记者李一）3月1日，会议召开。\n\n陈慧玲在主持时要求，各级各部门要迅速传达学习会议精神，紧盯\n\n年度目标任务。\n",
    )
    assert len(issue.articles) == 1
    assert texts(issue)[-1] == "陈慧玲在主持时要求，各级各部门要迅速传达学习会议精神，紧盯年度目标任务。"


def test_a_byline_set_off_by_spaces(tmp_path: Path) -> None:
    issue = front(tmp_path, "汛情应对有力\n\n本报讯 记者 周强 通讯员 汪涛 7月9日以来，我县遭遇强降雨。\n")
    assert issue.articles[0].reporters == ("周强", "汪涛")


def test_masthead_labels_before_their_values(tmp_path: Path) -> None:
    issue = parse(
        tmp_path,
        "临江日报\n\n2023年11月8日 星期三\n\n第10237期\n\n主管主办：中共临江市委 出版：临江日报社\n\n本版责编：杨丽 校对：李娟"
        "\n\n会议召开\n\n本报讯（记者李一）会议召开。\n",
    )
    assert (issue.masthead.supervisor, issue.masthead.sponsor, issue.masthead.publisher) == (
        "中共临江市委",
        "中共临江市委",
        "临江日报社",
    )
    assert dict(issue.pages[0].editors) == {"责编": "杨丽", "校对": "李娟"}


def test_a_photo_between_two_articles_goes_with_its_subject(tmp_path: Path) -> None:
    issue = front(
        tmp_path,
        "油菜花竞相开放\n\n本报讯（记者李一）近日，龙潭镇万亩油菜花进入盛花期。\n\n图为游客在油菜花海中拍照留念。\n\n"
        "马拉松鸣枪开跑\n\n本报讯（记者王二）11月17日，马拉松在滨江大道开跑。\n\n11月17日，马拉松鸣枪开跑，跑者们沿滨江大道奔跑。\n\n记者 何振宇 摄\n\n"
        "新增停车泊位800个\n\n本报讯（记者张三）近日，县城区新增停车泊位800个。\n",
    )
    assert [len(a.figures) for a in issue.articles] == [1, 1, 0]
    assert issue.articles[1].figures[0].credit == "记者 何振宇 摄"


def test_a_paper_named_without_bao(tmp_path: Path) -> None:
    issue = parse(
        tmp_path,
        "今日澄湖\n\nJINRI CHENGHU\n\n中共澄湖区委宣传部主办\n\n澄湖区融媒体中心出版\n\n第1234期\n\n2024年9月12日 星期四\n\n会议召开\n\n本报讯（记者李一）会议召开。\n",
    )
    assert (issue.paper, issue.issue_number) == ("今日澄湖", 1234)
    assert [a.title for a in issue.articles] == ["会议召开"]


def test_a_video_title_between_a_qr_code_and_a_jump(tmp_path: Path) -> None:
    issue = front(
        tmp_path, "会议召开\n\n本报讯（记者李一）3月1日，会议强调，\n\n扫码看\n\n清源项目建设直击\n\n(下转2版)\n"
    )
    assert issue.articles[0].continued_on == 2
    assert "清源项目建设直击" in [d.text for d in issue.dropped if d.reason == "furniture"]
