"""The speech script: sentences as printed and as an announcer reads them, numbers in words."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.build import parse_issues
from publisher.model import Article, Figure, Headline, Issue, Masthead
from publisher.transforms.speech import Script, article_script, intro_script, read_aloud, split_sentences

ROOT = Path(__file__).parent.parent
LANGUAGES = ["zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK"]
DIGITS = re.compile("[0-9０-９]")
URL = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b|@")


# ── numbers and symbols, zh-Hans ────────────────────────────────────────────────────────────────

#: The issue's acceptance table.
ACCEPTANCE = [
    ("2024年", "二〇二四年"),
    ("3月6日", "三月六日"),
    ("第26期", "第二十六期"),
    ("500余人", "五百余人"),
    ("4084平方米", "四千零八十四平方米"),
    ("3.5%", "百分之三点五"),
    ("3-4吨", "三到四吨"),
    ("10:30", "十点三十分"),
    ("63807576", "六三八〇七五七六"),
    ("13812345678", "幺三八幺二三四五六七八"),
    ("3·5学雷锋日", "三五学雷锋日"),
    ("3·15", "三一五"),
]

#: What users expect besides, most of them as the seed and the other papers print them.
MORE = [
    ("2024年3月6日", "二〇二四年三月六日"),
    ("2024-03-06", "二〇二四年三月六日"),
    ("2024.3.6", "二〇二四年三月六日"),
    ("2024/3/6", "二〇二四年三月六日"),
    ("2024年03月20日", "二〇二四年三月二十日"),
    ("1,000", "一千"),
    ("共收到群众意见建议1,862条", "共收到群众意见建议一千八百六十二条"),
    ("社会消费品零售总额2,386.5亿元", "社会消费品零售总额两千三百八十六点五亿元"),
    ("12万户", "十二万户"),
    ("86.3亿元", "八十六点三亿元"),
    ("0.8", "零点八"),
    ("转贷费率由0.1%降至0.05%", "转贷费率由百分之零点一降至百分之零点零五"),
    ("10:05", "十点零五分"),
    ("10:00", "十点"),
    ("每晚19:00至23:00", "每晚十九点至二十三点"),
    ("考试期间8:00—18:00禁止鸣笛", "考试期间八点到十八点禁止鸣笛"),
    ("每日22:00后开展夜间专项巡查", "每日二十二点后开展夜间专项巡查"),
    ("下午2:30", "下午两点三十分"),
    ("2023—2024年", "二〇二三到二〇二四年"),
    ("2021至2025年", "二〇二一至二〇二五年"),
    ("今年1-2月", "今年一到二月"),
    ("听取全市1—2月经济运行情况", "听取全市一到二月经济运行情况"),
    ("东南风1~2级", "东南风一到二级"),
    ("今日天气：晴 4℃～17℃", "今日天气：晴 四摄氏度到十七摄氏度"),
    ("15℃-24℃", "十五摄氏度到二十四摄氏度"),
    ("3月1日-5日", "三月一日到五日"),
    ("023-63807576", "〇二三 六三八〇七五七六"),
    ("发行热线：023-63907166", "发行热线：〇二三 六三九〇七幺六六"),
    ("0871-65123456", "〇八七幺 六五幺二三四五六"),
    ("400-820-8820", "四〇〇 八二〇 八八二〇"),
    ("新闻热线：63807576", "新闻热线：六三八〇七五七六"),
    ("可拨打12315热线投诉举报", "可拨打幺二三幺五热线投诉举报"),
    ("如遇险情及时拨打119或110求助", "如遇险情及时拨打幺幺九或幺幺〇求助"),
    ("受理120余件热线诉求", "受理一百二十余件热线诉求"),
    ("邮编400010", "邮编四〇〇〇一〇"),
    ("编号0217", "编号〇二一七"),
    ("A08版", "A〇八版"),
    ("20世纪80年代", "二十世纪八十年代"),
    ("90后", "九〇后"),
    ("1/3", "三分之一"),
    ("-5℃", "零下五摄氏度"),
    ("最低气温-3℃", "最低气温零下三摄氏度"),
    ("增长-2.3%", "增长负百分之二点三"),
    ("60%以上", "百分之六十以上"),
    ("3%-5%", "百分之三到百分之五"),
    ("5G", "五G"),
    ("GDP增长5.2%", "GDP增长百分之五点二"),
    ("C919大飞机", "C九一九大飞机"),
    ("H22路", "H二十二路"),
    ("1.5T磁共振", "一点五T磁共振"),
    ("No.1", "第一"),
    ("NO. 5", "第五"),
    ("120㎡", "一百二十平方米"),
    ("以3:1获胜", "以三比一获胜"),
    ("军由本地选手以2小时41分08秒获得", "军由本地选手以两小时四十一分八秒获得"),
    ("日均人流量2万人", "日均人流量两万人"),
    ("新增加装电梯2000部", "新增加装电梯两千部"),
    ("县图书馆2个24小时自助借阅点投用", "县图书馆两个二十四小时自助借阅点投用"),
    ("第2次集体学习", "第二次集体学习"),
    ("2月底", "二月底"),
    ("第2011期", "第二千零一十一期"),
    ("渝中已连续12年保持", "渝中已连续十二年保持"),
    ("在山城巷住了40多年", "在山城巷住了四十多年"),
    ("国际妇女节114周年", "国际妇女节一百一十四周年"),
    ("3月14日，2024观音桥商圈春季消费季正式启动", "三月十四日，二〇二四观音桥商圈春季消费季正式启动"),
    ("现有实名登记注册志愿者94810人", "现有实名登记注册志愿者九万四千八百一十人"),
    ("1.祭扫时间为3月23日至4月14日", "一、祭扫时间为三月二十三日至四月十四日"),
    ("一、6月7日0:00至9日18:00", "一、六月七日零点至九日十八点"),
    ("１２万户", "十二万户"),
    ("增长３．５％", "增长百分之三点五"),
    ("１０：３０", "十点三十分"),
]


@pytest.mark.parametrize(("printed", "spoken"), ACCEPTANCE + MORE)
def test_numbers_read_as_a_mainland_announcer_reads_them(printed: str, spoken: str) -> None:
    assert read_aloud(printed, "zh-Hans") == spoken


TRADITIONAL = [
    ("zh-Hant-TW", "86.3億元", "八十六點三億元"),
    ("zh-Hant-TW", "12萬戶", "十二萬戶"),
    ("zh-Hant-TW", "500餘人", "五百餘人"),
    ("zh-Hant-TW", "2萬餘元", "兩萬餘元"),
    ("zh-Hant-TW", "10:30", "十點三十分"),
    ("zh-Hant-TW", "3.5%", "百分之三點五"),
    ("zh-Hant-TW", "2024年", "二〇二四年"),
    ("zh-Hant-TW", "13812345678", "一三八一二三四五六七八"),
    ("zh-Hant-TW", "-5℃", "零下五攝氏度"),
    ("zh-Hant-HK", "2024年", "二零二四年"),
    ("zh-Hant-HK", "2024年3月6日", "二零二四年三月六日"),
    ("zh-Hant-HK", "2023—2024年", "二零二三到二零二四年"),
    ("zh-Hant-HK", "023-63807576", "零二三 六三八零七五七六"),
    ("zh-Hant-HK", "86.3億元", "八十六點三億元"),
    ("zh-Hant", "86.3億元", "八十六點三億元"),
    ("zh-Hant", "2024年", "二〇二四年"),
    ("zh-Hant", "撥打12345熱線", "撥打一二三四五熱線"),
    ("zh-Hant", "郵編400010", "郵編四〇〇〇一〇"),
]


@pytest.mark.parametrize(("language", "printed", "spoken"), TRADITIONAL)
def test_traditional_editions_read_numbers_in_traditional_characters(language: str, printed: str, spoken: str) -> None:
    assert read_aloud(printed, language) == spoken


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "printed",
    [
        "www.cqyz.gov.cn",
        "https://www.example.com/news?id=3",
        "邮箱：yzb2024@163.com",
        "扫码关注渝中发布微信公众号",
        "扫描二维码观看视频。",
        "掃碼關注渝中發布",
        "（下转第2版）",
        "（上接第1版）",
        "（转2版）",
        "（下轉2版）",
        "。",
        "",
    ],
)
def test_what_cannot_be_heard_reads_as_nothing(printed: str, language: str) -> None:
    assert read_aloud(printed, language) == ""


def test_urls_and_jump_markers_leave_the_rest_of_the_sentence() -> None:
    assert read_aloud("详情请登录www.cqyz.gov.cn查询。", "zh-Hans") == "详情请登录查询。"
    assert read_aloud("区规划自然资源局牵头（http://x.cn/a）。", "zh-Hans") == "区规划自然资源局牵头。"
    assert read_aloud("产、早见效，（下转2版）", "zh-Hans") == "产、早见效，"
    assert read_aloud("市民可扫码预约。", "zh-Hans") == "市民可扫码预约。"  # news, not a call-out


def test_long_decimals_make_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_aloud("3.14159265358979323846", "zh-Hans") == "三点一四一五九二六五三五八九七九三二三八四六"
        assert not DIGITS.search(read_aloud("123456789012345678901234567890元", "zh-Hans"))


_PIECES = st.sampled_from(
    [
        *"0123456789０１２３４５６７８９",
        *".,:：-—~～/%％℃°·、，。；（）",
        *"年月日号万亿个元第余多后时点分期版",
        *(
            "热线",
            "拨打",
            "邮编",
            "GDP",
            "G",
            "km",
            "㎡",
            "No.",
            " ",
            "19",
            "20",
            "2",
            "0",
            "www.a.cn",
            "（下转第2版）",
        ),
    ]
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_PIECES, max_size=24).map("".join), language=st.sampled_from(LANGUAGES))
def test_no_digit_is_left_for_the_engine(text: str, language: str) -> None:
    assert not DIGITS.search(read_aloud(text, language))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_text_reads_without_digits(text: str) -> None:
    assert not DIGITS.search(read_aloud(text, "zh-Hans"))


# ── sentences ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他说：“要‘深’。”然后离开了。", ["他说：“要‘深’。”", "然后离开了。"]),
        ("「好。」他说。", ["「好。」", "他说。"]),
        ("真的吗？！是的……就这样", ["真的吗？！", "是的……", "就这样"]),
        ("区委书记出席；区长主持。", ["区委书记出席；区长主持。"]),
        ("加快推动全区数字重庆建设点", ["加快推动全区数字重庆建设点"]),
        ("（详见A05版。）后文", ["（详见A05版。）", "后文"]),
        ("  首句。  ", ["首句。"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


# ── article scripts ─────────────────────────────────────────────────────────────────────────────

ARTICLE = Article(
    id="p1-test",
    page=1,
    headline=Headline(
        kicker="志愿新征程 建功新重庆", title="重庆市“3·5”学雷锋日主题志愿服务活动启动", subtitle="共500余人参加"
    ),
    paragraphs=(
        "本报讯（记者李一）3月5日，是第61个学雷锋纪念日。活动现场，21个志愿服务项目集体亮相。（下转第2版）",
        "一、岗位数量创新高",
        "扫码关注渝中发布微信公众号",
        "www.cqyz.gov.cn",
        "咨询电话：023-63807576。",
    ),
    subheads=(1,),
    figures=(
        Figure(caption="3月5日，志愿者在活动现场。", credit="记者姚廷洋摄"),
        Figure(caption="提档升级后的石灰市菜市场"),
    ),
)


def test_article_script_reads_headline_text_and_captions() -> None:
    script = article_script(ARTICLE, "zh-Hans")
    assert (script.id, script.language) == ("p1-test", "zh-Hans")
    assert script.title == "志愿新征程 建功新重庆：重庆市“3·5”学雷锋日主题志愿服务活动启动"
    assert [(s.id, s.kind, s.block, s.text, s.spoken) for s in script.sentences] == [
        ("s1", "kicker", 0, "志愿新征程 建功新重庆", "志愿新征程，建功新重庆。"),
        ("s2", "title", 1, "重庆市“3·5”学雷锋日主题志愿服务活动启动", "重庆市“三五”学雷锋日主题志愿服务活动启动。"),
        ("s3", "subtitle", 2, "共500余人参加", "共五百余人参加。"),
        (
            "s4",
            "paragraph",
            3,
            "本报讯（记者李一）3月5日，是第61个学雷锋纪念日。",
            "本报讯（记者李一）三月五日，是第六十一个学雷锋纪念日。",
        ),
        ("s5", "paragraph", 3, "活动现场，21个志愿服务项目集体亮相。", "活动现场，二十一个志愿服务项目集体亮相。"),
        ("s6", "heading", 4, "一、岗位数量创新高", "一、岗位数量创新高。"),
        ("s7", "paragraph", 5, "咨询电话：023-63807576。", "咨询电话：〇二三 六三八〇七五七六。"),
        ("s8", "caption", 6, "3月5日，志愿者在活动现场。", "图片说明：三月五日，志愿者在活动现场。"),
        ("s9", "caption", 7, "提档升级后的石灰市菜市场", "图片说明：提档升级后的石灰市菜市场。"),
    ]
    assert script.spoken.startswith("志愿新征程，建功新重庆。重庆市“三五”")


@pytest.mark.parametrize("language", ["zh-Hant", "zh-Hant-TW", "zh-Hant-HK"])
def test_traditional_captions_are_announced_in_traditional_characters(language: str) -> None:
    captions = [s for s in article_script(ARTICLE, language).sentences if s.kind == "caption"]
    assert [s.spoken[:5] for s in captions] == ["圖片說明：", "圖片說明："]


def test_a_title_that_ends_with_its_own_mark_gets_no_full_stop() -> None:
    article = Article(id="a", page=1, headline=Headline(title="3·15前夕 这些消费陷阱要当心！"), paragraphs=())
    (sentence,) = article_script(article, "zh-Hans").sentences
    assert sentence.spoken == "三一五前夕，这些消费陷阱要当心！"


# ── the seed issue ──────────────────────────────────────────────────────────────────────────────

_RANK = {"kicker": 0, "title": 1, "subtitle": 2, "heading": 3, "paragraph": 3, "caption": 4}


@pytest.fixture(scope="module")
def seed() -> Issue:
    (issue,) = parse_issues([ROOT / "seeds"])
    return issue


def check_script(script: Script, article: Article) -> None:
    sentences = script.sentences
    assert sentences, article.id
    assert [s.id for s in sentences] == [f"s{n}" for n in range(1, len(sentences) + 1)]
    assert all(s.text.strip() and s.spoken.strip() for s in sentences)
    assert not any(DIGITS.search(s.spoken) or URL.search(s.spoken) for s in sentences)
    ranks = [_RANK[s.kind] for s in sentences]
    assert ranks == sorted(ranks)
    blocks = [s.block for s in sentences]
    assert blocks[0] == 0 and all(b - a in (0, 1) for a, b in itertools.pairwise(blocks))
    first = article.headline.kicker or article.headline.title
    assert sentences[0].kind == ("kicker" if article.headline.kicker else "title")
    assert first.startswith(sentences[0].text)
    assert script.title == article.headline.one_line()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_of_the_seed_reads_aloud(seed: Issue, language: str) -> None:
    for article in seed.articles:
        check_script(article_script(article, language), article)


def test_the_seed_reads_its_numbers(seed: Issue) -> None:
    spoken = "".join(article_script(article, "zh-Hans").spoken for article in seed.articles)
    for words in ("二〇二四年", "三月一日", "共五百余人", "四千零八十四平方米", "约三到四吨", "“三五”学雷锋日"):
        assert words in spoken


def test_reading_the_seed_is_quick(seed: Issue) -> None:
    started = time.perf_counter()
    for language in LANGUAGES:
        for article in seed.articles:
            article_script(article, language)
    assert time.perf_counter() - started < 1.0


# ── the issue's introduction ────────────────────────────────────────────────────────────────────


def issue(paper: str = "渝中报", language: str = "zh-Hans", **fields: object) -> Issue:
    return Issue(paper=paper, date=dt.date(2024, 3, 6), language=language, articles=(), pages=(), **fields)  # type: ignore[arg-type]


def test_intro_names_paper_date_weekday_issue_and_articles() -> None:
    script = intro_script(issue(issue_number=1234, masthead=Masthead(weekday="星期三")), article_count=6)
    assert (script.id, script.language, script.title) == ("intro", "zh-Hans", "渝中报 2024年3月6日")
    assert "".join(s.text for s in script.sentences) == "渝中报，2024年3月6日，星期三，第1234期。本期共有6篇文章。"
    assert script.spoken == "渝中报，二〇二四年三月六日，星期三，第一千二百三十四期。本期共有六篇文章。"
    assert {(s.kind, s.block) for s in script.sentences} == {("intro", 0)}
    assert [s.id for s in script.sentences] == ["s1", "s2"]


def test_intro_computes_the_weekday_and_leaves_out_an_unknown_issue_number() -> None:
    script = intro_script(issue(paper="渝中報", language="zh-Hant-HK"), article_count=2)
    assert script.spoken == "渝中報，二零二四年三月六日，星期三。本期共有兩篇文章。"


def test_intro_of_the_seed_counts_its_articles(seed: Issue) -> None:
    script = intro_script(seed)
    assert script.spoken == f"{seed.paper}，二〇二四年三月六日，星期三，第二十六期。本期共有六篇文章。"


def test_marks_cut_the_printed_text_at_the_scripts_sentences() -> None:
    """What the read-along editions wrap: the printed text, whole, each read sentence under its id."""
    from publisher.transforms.speech import article_marks

    for issue in parse_issues([Path("seeds")]):
        for article in issue.articles:
            script = article_script(article, issue.language)
            marks = article_marks(article, issue.language)
            blocks = [marks.kicker, marks.title, marks.subtitle, *marks.paragraphs, *marks.captions]
            printed = [
                article.headline.kicker,
                article.headline.title,
                article.headline.subtitle,
                *article.paragraphs,
                *(figure.caption for figure in article.figures),
            ]
            for marked, text in zip(blocks, printed, strict=True):
                assert (marked is None) == (text is None)
                if marked is not None:
                    assert "".join(piece for piece, _ in marked.pieces) == text.rstrip()
            ids = [(sentence_id, piece) for m in blocks if m for piece, sentence_id in m.pieces if sentence_id]
            assert ids == [(sentence.id, sentence.text) for sentence in script.sentences]


def test_marks_leave_silent_sentences_unnumbered() -> None:
    from publisher.transforms.speech import article_marks

    article = Article(
        id="p1-test",
        page=1,
        headline=Headline(title="标题"),
        paragraphs=("第一句。详见www.example.com。", "（下转第2版）"),
    )
    marks = article_marks(article, "zh-Hans")
    assert marks.paragraphs[0].pieces == (("第一句。", "s2"), ("详见www.example.com。", "s3"))
    assert marks.paragraphs[1].pieces == (("（下转第2版）", None),)
