"""A synthetic archive of 渝中報: as many issues as a benchmark needs, from the few real pages we have.

One issue's pages say little about how the parser and the archive-wide outputs (feeds, the web
archive) scale; a thousand issues do, and no one has a thousand issues' text to commit. So this
writes them: a Monday/Wednesday/Friday paper from 2000-01-03 on, each issue four pages whose
masthead or folio carries that issue's date, weekday and numbers, and whose stories are real page
text (the seed, its page 2, the 2024-03-08 front page, and articles of the other papers among the
test fixtures) recombined by a random generator seeded with the issue's number.

Issue M (总第M期) is the same whatever else is written: `write_archive(f, 100)` then
`write_archive(f, 100, first_number=101)` gives the pages of `write_archive(f, 200)`. Nothing reads
the clock and every choice comes from `random.Random(M)`, so the same arguments write the same bytes.
Only its `random()` is used, the one method whose sequence Python promises to keep across
versions (`sample`, `shuffle` and `randint` may change), so a new Python writes the same archive.

Usage: python bench/archive.py FOLDER N [--first-number M]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
PAPER = "渝中報"
#: A Monday: the paper's first issue, 总第1期. A thousand issues run to May 2006.
FIRST_DATE = dt.date(2000, 1, 3)
#: Monday, Wednesday, Friday (每周一、三、五出版), as the real masthead says.
PUBLISHING_DAYS = (0, 2, 4)
PAGE_COUNT = 4
_WEEKDAYS = "一二三四五六日"
#: Page number → (page name, editor, art editor) of its folio.
_INNER_PAGES = {2: ("综合新闻", "王五", "赵六"), 3: ("社会民生", "李娜", "陈强"), 4: ("文化副刊", "周敏", "刘洋")}
#: Fewest and most stories on a page; on page 2 the front page's continuations count among them,
#: beside at least one story of its own.
_STORIES_PER_PAGE = (3, 5)

_SEED = "seeds/000_ae6f61447251d189.txt"
_SEED_PAGE_2 = "tests/fixtures/pages/yuzhong-2024-03-06-p2.txt"
_MARCH_8 = "tests/fixtures/pages/yuzhong-2024-03-08-p1.txt"
_OTHER_PAPERS = "tests/fixtures/other-papers"


@dataclass(frozen=True)
class Story:
    """A run of lines of a source page that the parser reads as one article (or one continuation).

    It is found by the start of one of its lines rather than by line number, so an edit elsewhere in
    the source cannot shift it onto other text unnoticed: the anchor must start exactly one line.
    """

    source: str
    #: The start of one line of the story, unique in its source.
    anchor: str
    #: Non-blank lines in the story; blank lines between them are kept as the source has them.
    lines: int
    #: Non-blank lines of the story above the anchor's (a jump marker over a jump headline).
    before: int = 0
    #: The text under (上接1版) on page 2, for a front-page story that jumps (下转2版): without it the
    #: parser warns that page 2 was given but the article's continuation is not on it.
    continuation: Story | None = None

    def text(self) -> list[str]:
        """The story's lines as its source prints them, blank lines between included."""
        source = _source_lines(self.source)
        starts = [n for n, line in enumerate(source) if line.strip().startswith(self.anchor)]
        if len(starts) != 1:
            raise ValueError(f"{self.source}: {len(starts)} lines start with {self.anchor!r}; expected one")
        nonblank = [n for n, line in enumerate(source) if line.strip()]
        first = nonblank.index(starts[0]) - self.before
        taken = nonblank[first : first + self.lines]
        if first < 0 or len(taken) != self.lines:
            raise ValueError(f"{self.source}: the story at {self.anchor!r} runs past the page")
        return source[taken[0] : taken[-1] + 1]


@cache
def _source_lines(source: str) -> list[str]:
    # The other papers' fixtures mix LF and CRLF and some lines carry trailing spaces: written out
    # with LF and no trailing space, whatever the checkout did to them.
    return [line.rstrip() for line in (ROOT / source).read_text(encoding="utf-8").splitlines()]


#: The 渝中報 front-page stories. Five of the seed's six jump to page 2, as printed, with the
#: continuation the real page 2 carries; the 巡察 one continues with no jump headline, so the parser
#: has to match it by how its first words finish the cut sentence.
FRONT_STORIES: tuple[Story, ...] = (
    Story(
        _SEED,
        "黄茂军在全区数字重庆建设推进会上强调",
        13,
        continuation=Story(_SEED_PAGE_2, "奋力打造更多实用实战标志性成果", 4),
    ),
    Story(_SEED, "志愿新征程 建功新重庆", 11),
    Story(
        _SEED,
        "我区召开2024年全国文明城区建设动员部署会",
        13,
        continuation=Story(_SEED_PAGE_2, "持续巩固提升全国文明城市建设成果", 4, before=1),
    ),
    Story(
        _SEED,
        "黄茂军在十三届区委第五轮巡察工作动员部署会上强调",
        9,
        continuation=Story(_SEED_PAGE_2, "(上接1版)推动巡察成果", 2),
    ),
    Story(_SEED, "全面推动党的二十大精神", 8, continuation=Story(_SEED_PAGE_2, "“老菜市场”焕新颜", 3)),
    Story(_SEED, "我区召开2024年土地推介会", 5, continuation=Story(_SEED_PAGE_2, "三块“热土”刮起楼市“春风”", 3)),
    Story(_MARCH_8, "我区举行纪念“三八”国际妇女节表彰大会", 5),
    Story(_MARCH_8, "我区春风行动招聘会提供岗位逾万个", 12),
    Story(_MARCH_8, "“两江四岸”治理提升项目加快推进", 3),
)

# Articles of the other papers' front pages that stand alone (no jump, no notice). Each was checked
# to parse as one article with no warning anywhere a page can put it: first under a folio, and
# after or before any other story, over thousands of issues. Left out, as the parser reads them
# otherwise where this archive would put them:
# - the 3·15 story (its source repeats a line on purpose) and the 鹤湾 marathon (caption printed twice);
# - 中央气象台预报 …: a first line ending in 报 right under a folio is read as the paper's name, and
#   the page leaves its issue for one of a paper called 中央气象台预报;
# - 图片新闻 / 麦浪翻金 …, 春到江州花正艳, 樱花烂漫: a story of a headline and a photo, no text. Under a
#   folio 图片新闻 is read as the page's name; a short one-line headline after a finished article is
#   read as a subhead of that article; over a continuation's (上接1版) it becomes the jump headline;
# - 在推进城乡区域协调发展上奋勇争先 / 本报评论员: a 16-character headline over a commentary with no
#   本报讯 lead, also read as a subhead of the article above;
# - 何平在区政府第42次常务会议…: its last line, 会议还研究了其他事项。, ends a paragraph of the
#   东莱 常务会议 story too, and beside it is dropped as a pull quote.
_OTHER_STORIES: dict[str, tuple[tuple[str, int], ...]] = {
    "01_jiangzhou_daily.txt": (
        ("聚焦全国两会", 6),
        ("聚焦经营主体关切", 7),
        ("全市“两癌”免费筛查今年扩面", 3),
    ),
    "02_jiangzhou_evening.txt": (
        ("朝天门大桥夜景灯饰焕新亮相", 4),
        ("女子网购“特价”机票被骗2万", 5),
        ("我市新开3条定制公交线路", 4),
    ),
    "03_binjiang_district.txt": (
        ("奋力跑出高质量发展“加速度”", 8),
        ("春风送岗位 就业暖人心 我区", 5),
    ),
    "04_qingxi_county.txt": (
        ("绿化家园 共建美丽清溪", 8),
        ("抢抓农时不误春", 7),
        ("县委理论学习中心组举行专题学", 4),
        ("龙潭镇万亩油菜花竞相开放", 4),
        ("县城区新增公共停车泊位800", 2),
    ),
    "05_jiangzhou_business.txt": (
        ("中消协发布2024年消费维权", 3),
        ("【营商环境观察】", 6),
        ("金价高位震荡，饰品消费趋于理", 4),
        ("观音桥商圈春季消费季启动", 3),
    ),
    "06_jiangzhou_metro.txt": (
        ("对话市住房城乡建设委主任王明", 9),
        ("春分将至,江州赏花地图请收好", 3),
        ("清明祭扫预约服务今起开放", 5),
    ),
    "anfengbao_20230713_p1.txt": (
        ("全力以赴迎战强降雨", 11),
        ("颗粒归仓 粮安民心 我县夏粮", 6),
        ("强化“四敢” 争先进位", 7),
        ("携手推进现代农业全产业链发展", 6),
        ("县领导走访慰问困难党员和老党", 3),
    ),
    "citydaily-p1.txt": (
        ("滨江地铁5号线二期全线“洞通", 7),
        ("滨江时评", 6),
        ("全国春季农业生产进展顺利", 5),
    ),
    "donglairibao_20240618_p1.txt": (
        ("走在前 开新局", 10),
        ("陈立伟会见中国中车集团客人时", 5),
        ("市政府召开第四十二次常务会议", 6),
        ("全市小麦机收进度过七成", 7),
        ("城市一刻钟便民生活圈建设扎实", 9),
        ("我市举办2024年高校毕业生", 4),
    ),
    "frontmisc-p1.txt": (
        ("简讯", 3),
        ("“青禾脐橙”获评省级区域公用", 2),
        ("县图书馆2个24小时自助借阅", 2),
    ),
    "hewanshibao_20241120_p1.txt": (
        ("创新引领 数智赋能 我区5家", 7),
        ("区人大常委会开展民生实事项目", 6),
        ("打通群众出行“最后一公里”", 7),
        ("全区冬春火灾防控工作会议召开", 4),
    ),
    "jinrichenghu_20240912_p1.txt": (
        ("学习贯彻党的二十届三中全会精", 8),
        ("冯静在民营企业家座谈会上表示", 7),
        ("稻田翻金浪 丰收景象美", 4),
        ("新增托育机构12家 建成社区", 7),
        ("区人大常委会召开第二十一次会", 5),
        ("我区3个社区入选省级“睦邻家", 4),
    ),
    "linjiangribao_20231108_p1.txt": (
        ("唐晓燕在督导冬季安全生产工作", 7),
        ("我市发布前三季度经济运行情况", 6),
        ("市十届人大常委会第十四次会议", 6),
        ("千亩银杏迎来最佳观赏期", 5),
    ),
    "qingyuanbao_20240326_p1.txt": (
        ("春耕时节看农忙", 10),
        ("总投资4.8亿元 开放床位8", 9),
        ("清源县召开2024年森林防灭", 4),
        ("我县3所学校获评省级文明校园", 3),
    ),
    "tongxibao_20240517_p1.txt": (
        ("县委理论学习中心组开展专题学", 9),
        ("茶香飘四海 产业富万家 桐溪", 8),
        ("周丽萍督导检查防汛备汛工作", 5),
        ("我县启动2024年“安全生产", 5),
        ("县政协召开十一届十五次常委会", 6),
    ),
    "yunlingbao_20240123_p1.txt": (
        ("县委农村工作会议召开", 15),
        ("杨建波在检查春节前安全生产工", 5),
        ("我县全面进入森林草原防火紧要", 5),
        ("县人大常委会召开第十六次会议", 6),
        ("“迎新春”文化惠民活动启动", 3),
    ),
}

#: Stories for pages 2–4: the real page 2's own two, then the other papers'.
INNER_STORIES: tuple[Story, ...] = (
    Story(_SEED_PAGE_2, "学雷锋 我们在行动", 6),
    Story(_SEED_PAGE_2, "解放碑步行街春季花卉布展完成", 3),
    *(
        Story(f"{_OTHER_PAPERS}/{name}", anchor, lines)
        for name, stories in _OTHER_STORIES.items()
        for anchor, lines in stories
    ),
)


@dataclass(frozen=True)
class IssuePlan:
    """What one issue prints: its numbers, the layout of its masthead and folios, and its stories."""

    total_number: int
    date: dt.date
    #: 第N期: the issue's number within its year.
    number: int
    #: The seed's masthead, a fact a line (2000年1月 / 3 / 星期一 …), or the 2024-03-08 page's, a
    #: few facts a line (2000年1月3日 星期一 …).
    stacked_masthead: bool
    #: Inner pages' folios a fact a line (第2版 / 综合新闻 / 责任编辑:…), as another paper's page 2
    #: sets it, or the real page 2's (2000年1月3日 星期一 / 第2版 综合新闻 / 责编:… 美编:…).
    stacked_folio: bool
    #: Page 1's stories, then pages 2, 3 and 4's; page 2's include the front page's continuations.
    pages: tuple[tuple[Story, ...], ...]

    @property
    def weekday(self) -> str:
        return "星期" + _WEEKDAYS[self.date.weekday()]

    @property
    def articles(self) -> tuple[Story, ...]:
        """The stories that are articles of their own: every one but the continuations, which the
        parser joins to the article they continue."""
        continuations = {s.continuation for s in self.pages[0]}
        return tuple(s for page in self.pages for s in page if s not in continuations)


def issue_date(total_number: int) -> dt.date:
    """The date of 总第M期: the paper never misses a publishing day."""
    week, slot = divmod(total_number - 1, len(PUBLISHING_DAYS))
    return FIRST_DATE + dt.timedelta(weeks=week, days=PUBLISHING_DAYS[slot] - PUBLISHING_DAYS[0])


def yearly_number(date: dt.date) -> int:
    """第N期: publishing days from 1 January (or from the first issue, in 2000) up to `date`."""
    start = max(dt.date(date.year, 1, 1), FIRST_DATE)
    days = (start + dt.timedelta(days=n) for n in range((date - start).days + 1))
    return sum(day.weekday() in PUBLISHING_DAYS for day in days)


def plan_issue(total_number: int) -> IssuePlan:
    """Issue 总第M期, every choice drawn from a generator seeded with M alone."""
    if total_number < 1:
        raise ValueError(f"issue numbers start at 1, not {total_number}")
    rng = random.Random(total_number)
    date = issue_date(total_number)
    front = _sample(rng, FRONT_STORIES, _between(rng, *_STORIES_PER_PAGE))
    continuations = [s.continuation for s in front if s.continuation is not None]
    wanted = [_between(rng, *_STORIES_PER_PAGE) for _ in _INNER_PAGES]
    # Page 2 always has a story of its own beside the continuations.
    wanted[0] = max(1, wanted[0] - len(continuations))
    inner = _sample(rng, INNER_STORIES, sum(wanted))
    page_2 = _sample(rng, continuations + inner[: wanted[0]], len(continuations) + wanted[0])
    page_3 = inner[wanted[0] : wanted[0] + wanted[1]]
    page_4 = inner[wanted[0] + wanted[1] :]
    return IssuePlan(
        total_number=total_number,
        date=date,
        number=yearly_number(date),
        stacked_masthead=rng.random() < 0.5,
        stacked_folio=rng.random() < 0.5,
        pages=(tuple(front), tuple(page_2), tuple(page_3), tuple(page_4)),
    )


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from `low` to `high`, both included, from `random()` alone."""
    return low + int(rng.random() * (high - low + 1))


def _sample(rng: random.Random, items: Sequence[T], count: int) -> list[T]:
    """`count` of `items` in a random order (a partial Fisher–Yates shuffle), from `random()` alone."""
    pool = list(items)
    for index in range(count):
        other = _between(rng, index, len(pool) - 1)
        pool[index], pool[other] = pool[other], pool[index]
    return pool[:count]


def _masthead(plan: IssuePlan) -> list[str]:
    """The front page's nameplate, as one of the two real 渝中報 front pages sets it. The lunar date
    line is left out: computing it needs a calendar table, and a wrong one would be parsed as fact."""
    d = plan.date
    if plan.stacked_masthead:
        facts = [
            PAPER,
            f"{d.year}年{d.month}月",
            str(d.day),
            plan.weekday,
            "渝内字第538号",
            "每周一、三、五出版",
            f"第{plan.number}期",
            f"(总第{plan.total_number}期)",
            f"今日{PAGE_COUNT}版",
            "新闻热线: 63807576",
            "职业道德监督: 63801987",
            "中共渝中区委宣传部主办",
            "渝中区融媒体中心出版",
        ]
        # The seed's layout: two blank lines over the name, and the app's promotion under the masthead.
        return ["", "", *_spaced(facts), "", "", "", "APP", "重庆渝中"]
    return _spaced(
        [
            PAPER,
            f"{d.year}年{d.month}月{d.day}日 {plan.weekday}",
            "渝内字第538号  每周一、三、五出版",
            f"第{plan.number}期(总第{plan.total_number}期)",
            f"今日{PAGE_COUNT}版",
            "新闻热线:63807576  职业道德监督:63801987",
            "中共渝中区委宣传部主办  渝中区融媒体中心出版",
        ]
    )


def _folio(plan: IssuePlan, page: int) -> list[str]:
    """An inner page's running head. Like the real page 2 it prints no paper name: the parser puts
    the page in the issue of its date, the only one that day."""
    name, editor, art_editor = _INNER_PAGES[page]
    d = plan.date
    date = f"{d.year}年{d.month}月{d.day}日 {plan.weekday}"
    if plan.stacked_folio:
        return ["", *_spaced([date, f"第{page}版", name, f"责任编辑:{editor} 美术编辑:{art_editor} 校对:张凡"])]
    return ["", *_spaced([date, f"第{page}版 {name}", f"责编:{editor} 美编:{art_editor}"])]


def _spaced(lines: list[str]) -> list[str]:
    """One line of text, then a blank line, as the extractor writes short lines."""
    return [part for line in lines for part in (line, "")][:-1]


def render_page(plan: IssuePlan, page: int) -> str:
    """The text of page `page` (1–4) of the planned issue."""
    lines = _masthead(plan) if page == 1 else _folio(plan, page)
    for story in plan.pages[page - 1]:
        lines += ["", *story.text()]
    return "\n".join(lines) + "\n"


def write_archive(folder: Path, issues: int, first_number: int = 1) -> list[Path]:
    """Write `issues` issues, 总第`first_number`期 onwards, one subfolder per issue (2000-01-03/p1.txt
    … p4.txt); return the page files written, sorted. Existing files of the same names are replaced;
    others in `folder` are left alone, and a later parse of the folder reads them too."""
    if issues < 0:
        raise ValueError(f"cannot write {issues} issues")
    paths: list[Path] = []
    for total_number in range(first_number, first_number + issues):
        plan = plan_issue(total_number)
        issue_folder = folder / plan.date.isoformat()
        issue_folder.mkdir(parents=True, exist_ok=True)
        for page in range(1, PAGE_COUNT + 1):
            path = issue_folder / f"p{page}.txt"
            # Bytes, so no platform's newline translation makes two runs differ.
            path.write_bytes(render_page(plan, page).encode("utf-8"))
            paths.append(path)
    return sorted(paths)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic archive of 渝中報 issues for benchmarks.")
    parser.add_argument("folder", type=Path, help="where to write the issues (one subfolder each)")
    parser.add_argument("issues", type=int, help="how many issues")
    parser.add_argument("--first-number", type=int, default=1, help="总第N期 of the first issue (default 1)")
    args = parser.parse_args(argv)
    try:
        paths = write_archive(args.folder, args.issues, args.first_number)
    except ValueError as error:
        parser.error(str(error))
    last = issue_date(args.first_number + args.issues - 1) if args.issues else None
    print(f"{args.issues} issues ({len(paths)} pages, to {last}) in {args.folder}")


if __name__ == "__main__":
    main()
