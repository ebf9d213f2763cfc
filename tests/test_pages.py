"""Page texts written in the seed's style, one behaviour each: continuations, headlines, bylines, figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SECOND_ISSUE, SEED, SEED_P2

from publisher.ingest import parse_issue
from publisher.model import Article, Issue


def by_title(issue: Issue, title: str) -> Article:
    return next(a for a in issue.articles if a.title == title)


# ── page 2 of the seed's issue: continuations ────────────────────────────────────────────────────


def test_inner_page_joins_its_issue_by_folio_not_file_name(stitched_issue: Issue) -> None:
    assert (stitched_issue.paper, str(stitched_issue.date)) == ("渝中報", "2024-03-06")
    assert [p.number for p in stitched_issue.pages] == [1, 2]
    page2 = stitched_issue.pages[1]
    assert page2.name == "综合新闻"
    assert dict(page2.editors) == {"责编": "王五", "美编": "赵六"}


def test_pages_in_any_order_give_the_same_issue(stitched_issue: Issue) -> None:
    assert parse_issue([SEED, SEED_P2]) == stitched_issue


def test_every_continuation_is_stitched_onto_its_article(stitched_issue: Issue) -> None:
    page1 = [a for a in stitched_issue.articles if a.page == 1]
    jumping = [a for a in page1 if a.continued_on == 2]
    assert len(jumping) == 5
    assert all(a.pages == (1, 2) for a in jumping)
    assert not [w for w in stitched_issue.warnings if w.kind.startswith("continuation")]
    assert [a.title for a in stitched_issue.articles if a.page == 2] == [
        "渝中区“学雷锋志愿服务月”活动全面展开",
        "解放碑步行街春季花卉布展完成",
    ]


def test_jump_headline_above_a_marker_line(stitched_issue: Issue) -> None:
    article = stitched_issue.articles[0]
    assert article.paragraphs[-2].startswith("要强化组织保障，各级各部门主要负责同志要亲自抓")
    assert article.paragraphs[-1].endswith("守牢网络安全和数据安全底线。")


def test_sentence_cut_by_the_jump_is_joined(stitched_issue: Issue) -> None:
    civilised = by_title(stitched_issue, "持续巩固提升全国文明城市建设成果 推动全区精神文明建设再上新台阶")
    assert "群众性精神文明活动，营造崇德向善、见贤思齐的浓厚氛围。" in civilised.paragraphs[3]
    assert len(civilised.paragraphs) == 5


def test_continuation_matched_by_a_shortened_headline(stitched_issue: Issue) -> None:
    market = by_title(stitched_issue, "创新“无废”化建设 让“老菜市场”焕新颜")
    assert market.paragraphs[2] == (
        "在具体做法中，区生态环境局率先制定了《渝中区菜市场改造升级标准》，对市场内果蔬垃圾实行分类收集、就地处理，"
        "日均处理量达3吨，处理后产生的有机肥免费提供给辖区社区用于绿化。"
    )


def test_fullwidth_marker_variant_上接第1版(stitched_issue: Issue) -> None:
    land = by_title(stitched_issue, "三块“热土”刮起楼市“春风”")
    assert land.paragraphs[3].startswith("希望广大企业抢抓机遇")


def test_continuation_without_headline_matched_by_its_lead(stitched_issue: Issue) -> None:
    inspection = by_title(stitched_issue, "深化政治巡察 强化政治监督 持续巩固风清气正的政治生态")
    assert "深层次矛盾问题，推动巡察成果转化为全区改革发展的实际成效。" in inspection.paragraphs[2]
    assert inspection.paragraphs[-1].startswith("李文栋要求")


def test_jump_headlines_are_accounted_as_dropped(stitched_issue: Issue) -> None:
    jump_headlines = [d for d in stitched_issue.dropped if d.reason == "jump-headline"]
    assert {d.text for d in jump_headlines} == {
        "奋力打造更多实用实战标志性成果",
        "“老菜市场”焕新颜",
        "持续巩固提升全国文明城市建设成果",
        "三块“热土”刮起楼市“春风”",
    }
    assert all(d.page == 2 for d in jump_headlines)


def test_unmatched_continuation_stands_alone_with_a_warning(tmp_path: Path) -> None:
    page = tmp_path / "p2.txt"
    page.write_text(
        "2024年3月6日 星期三\n\n第2版 综合新闻\n\n渝中报\n\n春季植树活动\n\n(上接1版)市民踊跃参加植树活动。\n",
        encoding="utf-8",
    )
    issue = parse_issue([page, SEED])
    orphan = issue.articles[-1]
    assert (orphan.title, orphan.continued_from, orphan.page) == ("春季植树活动", 1, 2)
    assert [w.kind for w in issue.warnings if w.article == orphan.id] == ["continuation-unmatched"]
    missing = [w for w in issue.warnings if w.kind == "continuation-missing"]
    assert len(missing) == 5


# ── a second front page, laid out differently ────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def second() -> Issue:
    return parse_issue([SECOND_ISSUE])


def test_masthead_on_fewer_lines(second: Issue) -> None:
    assert (str(second.date), second.issue_number, second.total_issue_number, second.page_count) == (
        "2024-03-08",
        27,
        2012,
        4,
    )
    assert second.masthead.weekday == "星期五"
    assert second.masthead.lunar_date == "甲辰年正月廿八"
    assert dict(second.masthead.hotlines) == {"新闻热线": "63807576", "职业道德监督": "63801987"}
    assert (second.masthead.sponsor, second.masthead.publisher) == ("中共渝中区委宣传部", "渝中区融媒体中心")


def test_headline_on_two_lines_with_a_dash_subtitle(second: Issue) -> None:
    headline = second.articles[0].headline
    assert (headline.kicker, headline.title, headline.subtitle) == (
        None,
        "我区举行纪念“三八”国际妇女节表彰大会",
        "表彰一批三八红旗手和三八红旗集体",
    )


def test_headline_on_two_lines_kicker_and_title(stitched_issue: Issue) -> None:
    volunteers = by_title(stitched_issue, "渝中区“学雷锋志愿服务月”活动全面展开")
    assert volunteers.headline.kicker == "学雷锋 我们在行动"


def test_byline_on_its_own_line_with_several_reporters(second: Issue) -> None:
    article = second.articles[0]
    assert article.byline == "本报记者 陈静 刘畅"
    assert article.reporters == ("陈静", "刘畅")
    assert article.paragraphs[0].startswith("3月7日，我区举行")


def test_several_reporters_and_a_correspondent_in_the_lead(stitched_issue: Issue) -> None:
    volunteers = by_title(stitched_issue, "渝中区“学雷锋志愿服务月”活动全面展开")
    assert volunteers.reporters == ("张晓燕", "王建国", "刘洋")


def test_names_run_together_are_split_by_surname(second: Issue) -> None:
    assert second.articles[1].reporters == ("李一", "王二")


def test_article_without_byline(second: Issue, stitched_issue: Issue) -> None:
    last = second.articles[2]
    assert (last.title, last.reporters, last.byline) == ("“两江四岸”治理提升项目加快推进", (), None)
    flowers = by_title(stitched_issue, "解放碑步行街春季花卉布展完成")
    assert flowers.reporters == ()
    assert flowers.paragraphs[0].startswith("近日，解放碑步行街")


def test_captions_without_credit(second: Issue, stitched_issue: Issue) -> None:
    assert second.articles[1].figures[0].caption == "图为招聘会现场。"
    assert second.articles[1].figures[0].credit is None
    volunteers = by_title(stitched_issue, "渝中区“学雷锋志愿服务月”活动全面展开")
    assert [(f.caption, f.credit) for f in volunteers.figures] == [("志愿者在解放碑为市民提供义诊服务。", None)]


def test_paragraph_split_by_a_photo_is_joined_and_the_photo_kept(second: Issue) -> None:
    jobs = second.articles[1]
    assert jobs.paragraphs[-1].endswith("在现场就找到了心仪的岗位，服务很贴心。")
    assert (jobs.figures[1].caption, jobs.figures[1].credit) == ("招聘会现场人头攒动。", "记者 王二 摄")


def test_enumerated_subheads_stay_inside_the_article(second: Issue) -> None:
    jobs = second.articles[1]
    assert [jobs.paragraphs[i] for i in jobs.subheads] == ["一、岗位数量创新高", "二、服务更加精准"]
    assert jobs.subheads == (1, 3)
    assert jobs.paragraphs[2].startswith("据统计")
    assert len(second.articles) == 3
    assert not [w for w in second.warnings if w.kind == "paragraph-cut"]


def test_qr_call_out_is_furniture(second: Issue) -> None:
    assert {d.text for d in second.dropped if d.reason == "furniture"} == {"扫码看", "《渝中新闻》视频"}
