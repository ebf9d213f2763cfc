"""Page PDFs read directly: lines in reading order whatever order the PDF draws them in, the parts
of a headline and the 小标题 told by their type size, paragraphs whole across columns, and a bad
PDF refused with one line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from typeset import Pictured, Story, scanned, typeset_issue, typeset_page, typeset_story

from publisher.build import build
from publisher.config import PaperSettings, Settings
from publisher.errors import InputError
from publisher.ingest import Given, Reading, Supplied, parse_issue
from publisher.ingest.decode import DecodedPage
from publisher.ingest.headline import split_sized_headline
from publisher.ingest.layout import Box, ReadLine, read_lines
from publisher.ingest.page import parse_page
from publisher.ingest.pdf import pdf_page_lines

FOLIO = "2024年5月7日 星期二 A03 城市"
LEAD = "本报讯（记者李一）近日，记者从市交通运输局获悉，今年全市将新建和改造公交站台三百座，年底前全部投用。"
SECOND = "市交通运输局有关负责人介绍，新站台将增设候车座椅、电子站牌和无障碍坡道，方便老年人和残疾人出行。"
THIRD = "据了解，首批一百座站台已于上月开工，预计六月底完工，其余站台将在下半年陆续建成。"
#: More of the report, to flow from the first column into the second.
MORE = [
    "今年以来，全市公交线网持续优化，新开通社区微循环线路十二条，调整线路二十三条，"
    "让居民出门步行五分钟就能坐上公交车。",
    "在江北区观音桥商圈，记者看到，改造后的站台加装了遮阳顶棚和夜间照明，"
    "电子站牌实时显示车辆到站时间，等车的市民可以合理安排出行。",
    "“以前等车不知道要等多久，现在看一眼站牌就清楚了。”家住附近的张女士说，她每天坐公交上下班，站台改造后方便了很多。",
    "市交通运输局表示，站台建设将充分听取市民意见，在学校、医院、老旧小区周边优先布局，"
    "并同步完善盲道和无障碍设施，让每一位乘客都能安心出行。",
    "下一步，全市还将推进公交优先道建设，新增公交专用道三十公里，"
    "在早晚高峰时段保障公交车辆优先通行，进一步提高公交运行速度和准点率。",
    "据统计，去年全市公交日均客运量达到三百五十万人次，公交出行分担率比上年提高两个百分点，"
    "绿色出行正成为越来越多市民的选择。",
    "业内人士认为，公交站台虽小，却连着千家万户，是城市精细化管理的一面镜子，"
    "一座座站台的改造升级，折射出城市治理水平的提升。",
    "市民如对站台建设有意见和建议，可拨打交通服务热线反映，相关部门将及时研究处理。",
]
HEADLINE = "全市今年新建改造公交站台三百座"


def write(tmp_path: Path, data: bytes, name: str = "A03.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(tmp_path: Path, data: bytes) -> tuple:
    return parse_issue([write(tmp_path, data)], Given(Supplied(paper="江城晚报"))).articles


def test_a_page_drawn_body_first_is_read_headline_first_in_columns(tmp_path: Path) -> None:
    # Long enough to flow from the first column into the second and third, mid-paragraph.
    paragraphs = [LEAD, SECOND + THIRD, *MORE]
    data = typeset_page(FOLIO, HEADLINE, paragraphs, columns=3, height=480)
    issue = parse_issue([write(tmp_path, data)], Given(Supplied(paper="江城晚报")))
    (article,) = issue.articles
    assert article.headline.title == HEADLINE
    assert article.reporters == ("李一",)
    assert list(article.paragraphs) == paragraphs
    lines, _ = pdf_page_lines(data, "A03.pdf")
    # The folio's line, the headline, and a line a paragraph: none cut at a column's foot.
    assert [line.text for line in lines[1:]] == [HEADLINE, *paragraphs]
    assert lines[1].scale == pytest.approx(2.4, abs=0.1)
    assert all(line.scale == pytest.approx(1.0, abs=0.02) for line in lines[2:])
    (page,) = issue.pages
    assert (str(issue.date), page.label, page.name) == ("2024-05-07", "A03", "城市")


def test_the_parts_of_a_headline_are_told_by_their_size(tmp_path: Path) -> None:
    story = Story(
        title="全市今年新建改造公交站台",
        kicker="出行更方便 候车更舒心",
        subtitle="首批一百座站台六月底完工",
        byline="陈 江",
        paragraphs=[SECOND, THIRD, *MORE[:2]],
    )
    (article,) = read(tmp_path, typeset_story(FOLIO, story))
    assert (article.headline.kicker, article.headline.title, article.headline.subtitle) == (
        story.kicker,
        story.title,
        story.subtitle,
    )
    # A name alone under the headline, in its own size: the byline, though no 记者 says so.
    assert article.reporters == ("陈江",) and list(article.paragraphs) == story.paragraphs


def test_a_long_subhead_set_larger_in_the_column_is_a_subhead_not_an_article(tmp_path: Path) -> None:
    subhead = "新站台增设候车座椅电子站牌和无障碍坡道方便老年人出行"  # 26 characters, over two lines
    story = Story(title=HEADLINE, paragraphs=[LEAD, SECOND, THIRD, *MORE[:3]], subheads={2: subhead})
    (article,) = read(tmp_path, typeset_story(FOLIO, story))
    assert article.subheads == (2,)
    assert list(article.paragraphs) == [LEAD, SECOND, subhead, THIRD, *MORE[:3]]


def test_a_headline_set_down_the_right_edge_heads_the_columns_beside_it(tmp_path: Path) -> None:
    story = Story(title="公交站台焕新颜", paragraphs=[LEAD, SECOND, THIRD, *MORE[:3]])
    data = typeset_story(FOLIO, story, vertical=True)
    (article,) = read(tmp_path, data)
    assert article.headline.title == story.title
    assert list(article.paragraphs) == story.paragraphs
    lines, _ = pdf_page_lines(data, "A03.pdf")
    assert lines[1].text == story.title


def test_justified_lines_have_no_spaces_and_a_wide_gap_is_one(tmp_path: Path) -> None:
    lines = [
        line.text
        for line in pdf_page_lines(
            typeset_page("2024年5月7日   星期二", "坚持问题导向   聚焦企业关切", [LEAD]), "p.pdf"
        )[0]
    ]
    assert "2024年5月7日 星期二" in lines and "坚持问题导向 聚焦企业关切" in lines
    assert LEAD in lines


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xe6\x9c\xac\xe6\x8a\xa5\xe8\xae\xaf", "not a PDF (it does not begin with %PDF-)"),
        (b"%PDF-1.4\nnot really", "the PDF is damaged and cannot be read"),
        (typeset_page(FOLIO, HEADLINE, [LEAD], encrypt="secret"), "the PDF is encrypted"),
        (
            typeset_page(FOLIO, HEADLINE, [LEAD], pages=3),
            "the PDF holds 3 pages, more than the 2 an issue may have (max_pdf_pages in publisher.toml)",
        ),
        (
            scanned(typeset_page(FOLIO, HEADLINE, [LEAD])),
            "the PDF page has no text layer (a scan?); read it with --ocr auto",
        ),
        (
            scanned(typeset_page(FOLIO, HEADLINE, [LEAD]), unmapped_layer=True),
            "the PDF page has a text layer whose fonts have no Unicode map; read it with --ocr auto",
        ),
    ],
    ids=["not a PDF", "damaged", "encrypted", "too many pages", "a scan, without OCR", "unmapped fonts, without OCR"],
)
def test_a_bad_pdf_is_refused_with_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError) as refused:
        parse_issue([path], Given(Supplied(paper="江城晚报"), reading=Reading(ocr="never", max_pdf_pages=2)))
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert str(refused.value).startswith(str(path))


def test_a_photo_is_the_figure_of_the_article_whose_caption_it_carries(tmp_path: Path) -> None:
    pictured = Pictured("新建成的江北区观音桥公交站台。", "记者 王二 摄")
    story = Story(HEADLINE, [LEAD, SECOND, *MORE[:2]], photo=pictured, furniture=True)
    (article,) = read(tmp_path, typeset_story(FOLIO, story, columns=3))
    (figure,) = article.figures
    assert (figure.caption, figure.credit) == ("新建成的江北区观音桥公交站台。", "记者 王二 摄")
    # The JPEG stream is kept byte for byte; the QR code and the folio's rule are not photos.
    assert figure.photo.data == pictured.image()
    assert (figure.photo.media_type, figure.photo.width, figure.photo.height) == ("image/jpeg", 640, 480)
    assert figure.photo.name.endswith(".jpg") and len(figure.photo.name) == 24
    assert list(article.paragraphs) == [LEAD, SECOND, *MORE[:2]]


def test_an_image_that_is_not_a_jpeg_is_stored_once_as_png(tmp_path: Path) -> None:
    pictured = Pictured("新建成的江北区观音桥公交站台。", "记者 王二 摄", size=(300, 200), jpeg=False)
    story = Story(HEADLINE, [LEAD, SECOND], photo=pictured)
    (article,) = read(tmp_path, typeset_story(FOLIO, story, columns=3))
    photo = article.figures[0].photo
    assert (photo.media_type, photo.width, photo.height) == ("image/png", 300, 200)
    with Image.open(io.BytesIO(photo.data)) as stored:
        assert stored.format == "PNG" and stored.getpixel((299, 199)) == Image.open(
            io.BytesIO(pictured.image())
        ).getpixel((299, 199))


def test_a_photo_with_no_caption_under_it_is_not_a_figure(tmp_path: Path) -> None:
    pictured = Pictured("", "")
    story = Story(HEADLINE, [LEAD, SECOND, *MORE[:2]], photo=pictured)
    (article,) = read(tmp_path, typeset_story(FOLIO, story, columns=3))
    assert article.figures == () and list(article.paragraphs) == [LEAD, SECOND, *MORE[:2]]


def test_a_whole_issue_in_one_pdf_is_read_page_by_page(tmp_path: Path) -> None:
    second = Story("市民如对站台建设有意见可拨打热线", [MORE[-1], MORE[0]])
    data = typeset_issue([(FOLIO, Story(HEADLINE, [LEAD, SECOND])), ("2024年5月7日 星期二 A04 社会", second)])
    issue = parse_issue([write(tmp_path, data, "20240507.pdf")], Given(Supplied(paper="江城晚报")))
    assert [(page.label, page.source) for page in issue.pages] == [("A03", "20240507.pdf:1"), ("A04", "20240507.pdf:2")]
    assert [(a.page_label, a.headline.title, list(a.paragraphs)) for a in issue.articles] == [
        ("A03", HEADLINE, [LEAD, SECOND]),
        ("A04", second.title, second.paragraphs),
    ]


def test_one_page_given_for_a_whole_issue_is_refused(tmp_path: Path) -> None:
    data = typeset_issue(
        [(FOLIO, Story(HEADLINE, [LEAD])), ("2024年5月7日 星期二 A04 社会", Story(HEADLINE, [SECOND]))]
    )
    with pytest.raises(InputError, match="holds 2 pages, and one page \\(A03\\) was given for it"):
        parse_issue([write(tmp_path, data)], Given(Supplied(paper="江城晚报", page="A03")))


def test_a_whole_issue_pdf_builds_once_and_is_kept_while_unchanged(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    first = typeset_issue(
        [(FOLIO, Story(HEADLINE, [LEAD, SECOND])), ("2024年5月7日 星期二 A04 社会", Story(HEADLINE, [THIRD]))]
    )
    write(pages, first, "20240507.pdf")
    settings = Settings(paper=PaperSettings(name="江城晚报"), variants=("zh-Hans",))
    built = build([pages], tmp_path / "out", settings)
    assert [len(o.issue.pages) for o in built.outcomes] == [2]
    assert build([pages], tmp_path / "out", settings).unchanged
    # Another day's page beside it: the whole issue's PDF is kept, not read again.
    write(pages, typeset_page("2024年5月8日 星期三 A03 城市", HEADLINE, [LEAD]), "A03-0508.pdf")
    again = build([pages], tmp_path / "out", settings)
    assert sorted((str(o.issue.date), o.status) for o in again.outcomes) == [
        ("2024-05-07", "kept"),
        ("2024-05-08", "rebuilt"),
    ]


def test_a_title_set_vertically_heads_an_article_of_its_own_however_small(tmp_path: Path) -> None:
    # Read off a theory page: an essay's title down the column's edge, smaller than the headline
    # of the essay above it, where a 小标题 of that size would be that essay's own.
    laid = [
        ReadLine(FOLIO, 1.0),
        ReadLine(HEADLINE, 5.5),
        ReadLine(LEAD, 1.0, opens=True),
        ReadLine(SECOND, 1.0, opens=True),
        ReadLine("准确把握社会主要矛盾的变化", 3.4, vertical=True),
        ReadLine(THIRD, 1.0, opens=True),
    ]
    decoded = DecodedPage(tuple(line.text for line in laid), "pdf", layout=tuple(laid))
    page = parse_page(decoded, "A03.pdf", Supplied(paper="江城晚报"))
    assert [(d.headline.title, [p.text for p in d.paragraphs]) for d in page.drafts] == [
        (HEADLINE, [LEAD, SECOND]),
        ("准确把握社会主要矛盾的变化", [THIRD]),
    ]


def test_a_title_beside_a_column_under_another_articles_box_heads_that_column() -> None:
    # An article's box low on the page, its column beside its title set down the right: the text of
    # the article above, in the same column past a wide gap (where a banner image stands), does not
    # make the column a continuation.
    def column(texts: list[str], left: float, top: float) -> list[Box]:
        return [Box(text, left, top - 12 * (n + 1), left + 100, top - 12 * n - 2, 10.0) for n, text in enumerate(texts)]

    above = column(["上一篇文章的正文第一行，", "上一篇文章的正文末一行。"], 20, 700)
    title = [Box(char, 140, 560 - 40 * n, 170, 590 - 40 * n, 30.0) for n, char in enumerate("大就要有大的样子")]
    beside = column(["本文的正文第一行，接着", "往下排，这是第二行，完。"], 20, 580)
    order = [line.text for line in read_lines([*above, *beside, *title])]
    assert order.index("大就要有大的样子") < order.index(next(t for t in order if t.startswith("本文的正文")))


def test_a_campaigns_banner_over_a_headline_is_its_section() -> None:
    headline, section = split_sized_headline(
        [("深入学习贯彻习近平新时代中国特色社会主义思想", 3.2), ("大就要有大的样子", 3.3)]
    )
    assert (headline.title, headline.kicker, section) == (
        "大就要有大的样子",
        None,
        "深入学习贯彻习近平新时代中国特色社会主义思想",
    )


def test_a_page_of_court_notices_yields_notices_not_news(tmp_path: Path) -> None:
    # Each notice under its case number in bold body type, addressed, signed by its court; the
    # second begins at the head of the next column.
    first = [
        "张建国：",
        "本院受理原告李红梅诉被告张建国民间借贷纠纷一案，已依法立案。因你下落不明，依照《中华人民共和国民事诉讼法》"
        "第九十五条的规定，向你公告送达起诉状副本、应诉通知书、举证通知书及开庭传票。自本公告发出之日起，经过三十日即视为送达。",
        "南京市玄武区人民法院",
    ]
    second = [
        "江宁泰和建材有限公司：",
        "本院受理原告陈志强诉你公司买卖合同纠纷一案，现依法向你公司公告送达起诉状副本、应诉通知书、举证通知书及开庭传票。"
        "自公告之日起经过三十日即视为送达。",
        "南京市建邺区人民法院",
    ]
    story = Story("法院公告", [*first, *second], subheads={0: "（2024）苏0102民初1234号", 3: "（2024）苏0105民初567号"})
    data = typeset_story("2024年5月7日 星期二 12 公告", story, columns=3)
    issue = parse_issue([write(tmp_path, data, "12.pdf")], Given(Supplied(paper="江东法治报")))
    assert [(a.kind, a.headline.title, list(a.paragraphs), a.reporters) for a in issue.articles] == [
        ("notice", "（2024）苏0102民初1234号", first, ()),
        ("notice", "（2024）苏0105民初567号", second, ()),
    ]


def test_a_headline_set_under_a_photo_is_no_caption() -> None:
    photo = Box("", 0, 500, 320, 700, 0)
    headline = Box("全市今年新建改造公交站台三百座", 0, 462, 320, 490, 28.0)
    body = [Box(text, 0, 440 - 14 * n, 320, 452 - 14 * n, 10.0) for n, text in enumerate([LEAD[:30], LEAD[30:]])]
    lines = read_lines([headline, *body], [photo])
    assert lines[0].text == headline.text and lines[0].photo is None
