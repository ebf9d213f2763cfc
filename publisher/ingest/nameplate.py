"""Masthead and folio lines → the paper, date, issue numbers and page facts they print.

The front page's masthead spreads its facts over many short lines (渝中報 / 2024年3月 / 6 /
星期三 / 甲辰年正月廿六 / 渝内字第538号 / 第26期 / (总第2011期) / 今日4版 …); an inner page's folio
packs page number, page name, date and editors into one or two (2 综合新闻 2024年3月6日 星期三
责编：王五). A line belongs to the nameplate when its space-separated tokens are such facts.

Each fact is one row of `_FACTS`: its pattern, what it sets, and whether it is *strong* — it
cannot be article text wherever it stands (第2版, 今日4版, 渝内字第538号, 责编：王五) — or *weak*,
counting only inside a masthead or folio block (a date, which also closes a notice; 电话：…,
which also ends an announcement; a lone number).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from publisher.ingest.text import cn_int

_NUMBER = r"[0-9〇零○一二两三四五六七八九十廿卅]+"
_ORGANISATION = r"\S{2,40}(部|委|[会會]|局|社|中心|政府|[办辦]公室|集[团團]|公司)"
# 统筹：… 责编：… 责任美编：… 校对：… / 编辑：… 美编：… / 一审：… 二审：… 政审：… / 责编：… 版式：… 检校：…
_EDITOR_ROLES = (
    "版式设计|版式設計|美术设计|美術設計|责任编辑|責任編輯|责任美编|責任美編|责编|責編|美术编辑|美術編輯|美編|美编|编辑|編輯|校对|校對|版式|排版|组版|組版|"
    "审读|審讀|审校|審校|检校|檢校|校检|校檢|一审|一審|二审|二審|三审|三審|终审|終審|政审|政審|统筹|統籌|审核|審核|"
    "签发|簽發|值班编辑|值班編輯|主编|主編|视觉|視覺|制图|製圖|图片编辑|圖片編輯|版面设计|版面設計"
)
_LABELS = (
    "社址|地址|邮编|邮政编码|定价|零售价|每份定价|本期定价|广告许可证|广告经营许可证|广告发布登记|印刷|承印|"
    "印刷单位|发行|邮发代号|代号|网址|网站|社长|总编辑|总编|值班总编|监制|投稿邮箱|邮箱|电子信箱|订阅|法律顾问"
)
# What papers call their pages: 综合新闻, 城市, 民生, 法治, 地方新聞 … (a word standing beside the
# page's number is its name whatever it is: `_PAGE_NAME_BESIDE`).
_PAGE_NAME_WORDS = (
    "新闻|新聞|要闻|要聞|综合|綜合|專版|专版|专刊|專刊|副刊|视点|視點|民生|关注|關注|时事|時事|社会|社會|文化|文体|文體|"
    "体育|體育|经济|經濟|广告|廣告|法治|健康|教育|评论|評論|理论|理論|党建|黨建|视界|視界|周刊|週刊|社区|社區|城事|城市|"
    "观察|觀察|資訊|资讯|特刊|公告|生活|地方|焦点|焦點|国际|國際|国内|國內|财经|財經|科技|文旅|旅游|旅遊|乡村|鄉村|三农|"
    "三農|区县|區縣|县域|縣域|人物|调查|調查|深度|政法|时政|時政|娱乐|娛樂|消费|消費|两岸|兩岸|港澳|读书|讀書|文艺|文藝|"
    "产经|產經|楼市|樓市|汽车|汽車|看点|看點|本地|都会|都會|民族|团结|團結|以案说法|以案說法"
)
_EDITOR_ROLE_ONLY = re.compile(rf"(?:本版|本期)?({_EDITOR_ROLES})[:：]?")
_LABEL_ONLY = re.compile(rf"({_LABELS})[:：]?")


@dataclass(frozen=True)
class _Fact:
    kind: str
    pattern: re.Pattern[str]
    #: Moves the match into the nameplate; may raise ValueError (an unreadable number).
    take: Callable[[Nameplate, re.Match[str]], None]
    strong: bool
    #: Only a front page prints it: an issue number, a sponsor, a lunar date …
    front: bool = False


@dataclass
class Nameplate:
    """What a page's masthead or folio says about it; filled line by line, the first printing winning."""

    paper: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    lunar_date: str | None = None
    registration: str | None = None
    schedule: str | None = None
    issue_number: int | None = None
    total_issue_number: int | None = None
    page_count: int | None = None
    hotlines: list[tuple[str, str]] = field(default_factory=list)
    sponsor: str | None = None
    publisher: str | None = None
    supervisor: str | None = None
    page_number: int | None = None
    #: The page as printed (A03, B2, 05): the number with its section letter.
    page_label: str | None = None
    page_name: str | None = None
    editors: list[tuple[str, str]] = field(default_factory=list)
    #: Other labelled masthead facts, in print order (社址 → …, 定价 → 1.50元, 网址 → …).
    other: list[tuple[str, str]] = field(default_factory=list)
    #: Set by facts only a front page prints (issue numbers, sponsor, page count, registration …).
    front_page: bool = False
    #: 江州都市报 from 江州都市报社出版, for a masthead whose name is a logo the text lacks.
    paper_of_publisher: str | None = None

    def date(self) -> dt.date | None:
        """The printed date; ValueError (or OverflowError) for an impossible one (2024年13月)."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def read_line(self, text: str, at_top: bool) -> tuple[str, ...] | None:
        """Take the facts of one line if it is a nameplate line; return their kinds, or None.

        `at_top` is for a line inside a masthead or folio block: weak facts count there, and the
        tokens that mean something only there (the paper's name, a lone page number or page name).
        A line of strong facts may carry a word we do not know (中共滨江区委主管主办 滨江发布).
        """
        matches: list[tuple[_Fact, re.Match[str]]] = []
        unknown: list[str] = []
        expecting_day = self.year is not None and self.day is None
        for token in _join_split_tokens(_undoubled(_prepare(text).split(" "))):
            found = _match(token, at_top, expecting_day)
            if found is None:
                unknown.append(token)
                continue
            matches.append(found)
            expecting_day = found[0].kind == "year_month"
        if (
            at_top
            and len(unknown) == 1
            and (name := _PAGE_NAME_BESIDE.fullmatch(unknown[0]))
            and _names_a_page(matches)
        ):
            # A05 城市 / 2024年5月7日 星期二 社区: beside the page's number or date, a word is the page's name,
            # whatever the paper calls its pages.
            matches.append((_BY_KIND["page_name"], name))
            unknown = []
        strong = sum(fact.strong for fact, _ in matches)
        if (unknown and not (strong >= 2 and len(unknown) <= strong)) or not matches or (not at_top and not strong):
            return None
        for fact, match in matches:
            fact.take(self, match)
            self.front_page |= fact.front
        return tuple(fact.kind for fact, _ in matches)

    def read_page_name(self, text: str) -> tuple[str, ...] | None:
        """服务 on a line of its own, under or over the page's number (B2 / 服务): the page's name."""
        if self.page_name is not None or not _PAGE_NAME_BESIDE.fullmatch(text):
            return None
        self.page_name = text
        return ("page_name",)

    def finish(self) -> None:
        """After the last line: a paper known only from its publisher takes that name; a page that
        prints a number past 1 is an inner page, whatever its folio says (新闻热线：… / 投稿邮箱：…)."""
        self.paper = self.paper or self.paper_of_publisher
        if self.page_number is not None and self.page_number > 1:
            self.front_page = False

    def first(self, name: str, value: object) -> None:
        if getattr(self, name) is None:
            setattr(self, name, value)

    def add(self, name: str, label: str, value: str) -> None:
        """A labelled fact; a label printed twice keeps both values (网址 in a line and a bare URL)."""
        pairs: list[tuple[str, str]] = getattr(self, name)
        for index, (seen, values) in enumerate(pairs):
            if seen == label:
                if value not in values.split("、"):
                    pairs[index] = (label, f"{values}、{value}")
                return
        pairs.append((label, value))


def _names_a_page(matches: list[tuple[_Fact, re.Match[str]]]) -> bool:
    kinds = {fact.kind for fact, _ in matches}
    return "page_name" not in kinds and bool(
        kinds & {"page_number", "bare_page_number"} or {"date", "weekday"} <= kinds
    )


_PAGE_NAME_BESIDE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def has_strong_fact(kinds: tuple[str, ...]) -> bool:
    """Whether a line's facts include one that cannot be article text wherever it stands."""
    return any(_BY_KIND[kind].strong for kind in kinds)


def has_folio_fact(kinds: tuple[str, ...]) -> bool:
    """Whether a line says which page it is on, or who edited it: what a folio at a page's foot prints."""
    return has_strong_fact(kinds) or "bare_page_number" in kinds


def is_imprint(kinds: tuple[str, ...]) -> bool:
    """Whether a line gives the paper's particulars: 本报地址：… / 邮编：… / 新闻热线：… / 网址."""
    return bool(kinds) and all(kind in ("labelled", "hotline", "website", "price") for kind in kinds)


def _set_date(n: Nameplate, m: re.Match[str]) -> None:
    year, month = cn_int(m["year"]), cn_int(m["month"])
    day = cn_int(m["day"]) if m.groupdict().get("day") else None
    # The first date printed is the issue's; a later one repeats it in a folio, or closes a notice.
    if n.year is None:
        n.year, n.month, n.day = year, month, day


def _set_page(n: Nameplate, m: re.Match[str]) -> None:
    number = cn_int(m["number"])
    if number == 0:
        raise ValueError("page 0")
    if n.page_number is None:
        digits = m["number"] if m["number"].isascii() else str(number)
        n.page_number, n.page_label = number, (m["section"] or "") + digits


def _set_repeated_page(n: Nameplate, m: re.Match[str]) -> None:
    """6666 / A05A05: a bold page number the layout drew several times over itself, which the
    extractor writes once for each copy."""
    _set_page(n, re.fullmatch(r"(?P<section>[A-Z]?)(?P<number>\d{1,2})", m["unit"]))  # type: ignore[arg-type]


def _set_day(n: Nameplate, m: re.Match[str]) -> None:
    n.day = int(m[1])


def _set_registration(n: Nameplate, m: re.Match[str]) -> None:
    # 渝内字第538号 and a national CN number: a paper may print several; keep them, in order.
    value = m["value"].replace("CN", "CN ")
    if value not in (n.registration or "").split(" "):
        n.registration = " ".join(filter(None, [n.registration, value]))


def _set_publisher(n: Nameplate, m: re.Match[str]) -> None:
    n.first("publisher", m[1])
    if paper := re.fullmatch(r"(.{1,12}[报報])社", m[1]):
        n.first("paper_of_publisher", paper[1])


def _set_supervisor_and_sponsor(n: Nameplate, m: re.Match[str]) -> None:
    n.first("supervisor", m[1])
    n.first("sponsor", m[1])


def _set_issue_and_total(n: Nameplate, m: re.Match[str]) -> None:
    n.first("issue_number", int(m[1]))
    n.first("total_issue_number", int(m[2]))


def _first(
    name: str, group: int | str = 0, convert: Callable[[str], object] = str
) -> Callable[[Nameplate, re.Match[str]], None]:
    return lambda n, m: n.first(name, convert(m[group]))


def _labelled(name: str, label: str | None = None) -> Callable[[Nameplate, re.Match[str]], None]:
    return lambda n, m: n.add(name, label or m[1], m[0] if label else m[2])


def _ignore(n: Nameplate, m: re.Match[str]) -> None:
    """Printed, and recorded among the dropped lines, but no fact of the model: the pinyin under the
    name, 内部资料 免费交流."""


# Order matters: 第26期（总第2011期） before 第26期; 主管主办 before 主办; 主办 and 出版 before the
# loose form of a registration; a price before a labelled fact; a labelled fact before a hotline
# (邮编：401147 is not a hotline).
_FACTS: tuple[_Fact, ...] = (
    _Fact("date", re.compile(rf"(?P<year>{_NUMBER})年(?P<month>{_NUMBER})月(?P<day>{_NUMBER})日"), _set_date, False),
    _Fact("date", re.compile(r"(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})"), _set_date, False),
    _Fact("year_month", re.compile(rf"(?P<year>{_NUMBER})年(?P<month>{_NUMBER})月"), _set_date, False),
    _Fact("weekday", re.compile(r"(星期|礼拜|禮拜|周|週)[一二三四五六日天]"), _first("weekday"), False),
    _Fact(
        "lunar_date",
        re.compile(
            r"(?:农历|農曆)?((?:[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)?闰?[正一二三四五六七八九十冬腊臘]{1,2}月"
            r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十))"
        ),
        _first("lunar_date", 1),
        False,
        front=True,
    ),
    _Fact("issue_and_total", re.compile(r"第(\d+)期[（(]?[总總]第(\d+)期[)）]?"), _set_issue_and_total, True, True),
    _Fact("issue_number", re.compile(r"第(\d+)期"), _first("issue_number", 1, int), False, front=True),
    _Fact(
        "total_issue_number",
        re.compile(r"[（(]?[总總]第(\d+)期[)）]?"),
        _first("total_issue_number", 1, int),
        True,
        True,
    ),
    _Fact(
        "page_count", re.compile(rf"(?:今日|本期|今天|共)({_NUMBER})版"), _first("page_count", 1, cn_int), True, True
    ),
    _Fact(
        "schedule",
        re.compile(r"(每|逢)(周|週|日|天|月)\S{0,12}出版|(周|週)[一二三四五六日、]+出版|每日出版"),
        _first("schedule"),
        True,
        front=True,
    ),
    # 中共江州市委主管主办: one body both supervises and sponsors.
    _Fact(
        "supervisor_and_sponsor", re.compile(rf"({_ORGANISATION})主管主[办辦]"), _set_supervisor_and_sponsor, True, True
    ),
    _Fact("sponsor", re.compile(rf"({_ORGANISATION})主[办辦]"), _first("sponsor", 1), True, True),
    # 中共滨江市委机关报: the paper is the organ of its sponsor.
    _Fact("sponsor", re.compile(rf"({_ORGANISATION})机关报"), _first("sponsor", 1), True, True),
    _Fact("publisher", re.compile(rf"({_ORGANISATION})出版"), _set_publisher, True, True),
    _Fact("supervisor", re.compile(rf"({_ORGANISATION})主管"), _first("supervisor", 1), True, True),
    # 主管主办：中共临江市委 / 主管：中共云岭县委 / 主办：… / 出版：临江日报社: the label first.
    _Fact(
        "supervisor_and_sponsor",
        re.compile(rf"主管主[办辦][:：]({_ORGANISATION})"),
        _set_supervisor_and_sponsor,
        True,
        True,
    ),
    _Fact("sponsor", re.compile(rf"主[办辦](?:单位)?[:：]({_ORGANISATION})"), _first("sponsor", 1), True, True),
    _Fact("publisher", re.compile(rf"出版(?:单位)?[:：]({_ORGANISATION})"), _set_publisher, True, True),
    _Fact("supervisor", re.compile(rf"主管(?:单位)?[:：]({_ORGANISATION})"), _first("supervisor", 1), True, True),
    # 准印证号：渝内资准字第0157号 / 渝内字第538号 / 国内统一连续出版物号：CN 50-0001
    _Fact("registration", re.compile(r"准印证号?[:：](?P<value>\S+)"), _set_registration, True, True),
    _Fact(
        "registration",
        re.compile(
            r"(?:.{0,12}[:：])?(?P<value>CN\d{2}-\d{4}(?:/[A-Z0-9]+)?|\S{1,4}[内內]\S{0,3}字[A-Z]?第?[A-Z]?\d+[号號])"
        ),
        _set_registration,
        True,
        front=True,
    ),
    # 责编：王五 / 本版责编：杨丽
    _Fact("editor", re.compile(rf"(?:本版|本期)?({_EDITOR_ROLES})[:：/](\S+)"), _labelled("editors"), True),
    # 第2版 / A05版 / 第A05版 / 第二版
    _Fact("page_number", re.compile(rf"第?(?P<section>[A-Z]?)(?P<number>{_NUMBER})版"), _set_page, True),
    # 零售价1元: a price needs no colon.
    _Fact("price", re.compile(r"(定价|零售价|每份定价|本期定价)[:：]?(\d[\d.]*元)"), _labelled("other"), False, True),
    # 江州日报网址：www.jzrb.cn / 本报法律顾问：…: a label may carry the paper's name before it; the value
    # is a particular, not a sentence (合作社社长：今年我们的收入翻了一番，… is a quote).
    _Fact(
        "labelled",
        re.compile(rf"(?:本报|本報|本刊|\S{{1,8}}?[报報网網社])?({_LABELS})[:：]([^，。；！？]+)"),
        _labelled("other"),
        False,
        True,
    ),
    # 新闻热线：63807576 / 职业道德监督：63801987 / 广告电话：023-63800000
    _Fact(
        "hotline", re.compile(r"(\S{2,12}?)[:：]([0-9][0-9\-－—()（） ]{3,}[0-9])"), _labelled("hotlines"), False, True
    ),
    _Fact(
        "website",
        # 滨江新闻网 www.binjiangnews.cn: the site's name may stand before its address.
        re.compile(r"(?:\S{1,10}?[网網][:：]?)?((https?://|www\.)\S+|[\w.-]+\.(com|cn|net|org|gov\.cn)(/\S*)?)"),
        lambda n, m: n.add("other", "网址", m[1]),
        False,
        front=True,
    ),
)
# Tokens that mean something only inside a masthead or folio block.
_BLOCK_FACTS: tuple[_Fact, ...] = (
    # 潇城晚报, not 今明两天天气预报: words that end in 报 and name no paper.
    _Fact(
        "paper",
        re.compile(r"[\u4e00-\u9fff]{1,12}(?<!预|預|情|汇|匯|通|举|舉|警|电|電|公|海|喜|捷|简|簡)(报|報)"),
        _first("paper"),
        False,
    ),
    # 2 / A01 / B2: a page number standing alone.
    _Fact(
        "bare_page_number",
        re.compile(r"(?P<section>[A-Z]?)(?P<number>[1-9]\d?|0[1-9])"),
        _set_page,
        False,
    ),
    _Fact("bare_page_number", re.compile(r"(?P<unit>[A-Z]?\d{1,2}?)(?P=unit){1,3}"), _set_repeated_page, False),
    _Fact("page_name", re.compile(rf"[\u4e00-\u9fff]{{0,6}}({_PAGE_NAME_WORDS})"), _first("page_name"), False),
    # RENMIN RIBAO / CHONGQING DAILY: the paper's name in pinyin or English under the Chinese one.
    _Fact("latin_name", re.compile(r"[A-Z][A-Za-z]{2,}"), _ignore, False),
    _Fact("internal", re.compile(r"内部资料(性出版物)?|免费交流|内部资料\S{0,8}"), _ignore, False, front=True),
)
_DAY = _Fact("day", re.compile(r"([0-9]{1,2})日?"), _set_day, False)
_BY_KIND = {fact.kind: fact for fact in (*_FACTS, *_BLOCK_FACTS, _DAY)}


def _match(token: str, at_top: bool, expecting_day: bool) -> tuple[_Fact, re.Match[str]] | None:
    candidates = ((_DAY,) if expecting_day else ()) + _FACTS + (_BLOCK_FACTS if at_top else ())
    for fact in candidates:
        if (m := fact.pattern.fullmatch(token)) and _readable(fact, m):
            return fact, m
    return None


def _readable(fact: _Fact, match: re.Match[str]) -> bool:
    """Whether the fact's numbers read (2〇24年, 十十版 do not): a token that does not is unknown."""
    try:
        fact.take(Nameplate(), match)
    except ValueError:
        return False
    return True


def _prepare(text: str) -> str:
    """Undo spacing a masthead's layout adds: CN 50 - 0001, 2024年3月6日星期三, 新闻热线 63807576.
    Each repair is tried only where what it repairs can be (this runs for most lines of a page)."""
    digits = any(char.isdigit() for char in text)
    if digits and "CN" in text:
        text = re.sub(r"CN\s*(\d{2})\s*[-–]\s*(\d{4})", r"CN\1-\2", text)
    if "主管" in text:
        text = re.sub(r"(?<=主管)\s+(?=主[办辦])", "", text)
    if "日" in text:
        text = re.sub(r"(?<=日)(?=星期|礼拜|禮拜|周|週|农历|農曆)", " ", text)
    if "网" in text or "網" in text:
        text = re.sub(r"(?<=[网網])\s+(?=https?://|www\.)", "", text)
    if digits:
        text = re.sub(r"(热线|熱線|电话|電話|监督|監督|传真|傳真)\s+(?=\d)", r"\1：", text)
    if "民" in text:
        # 中華民國113年5月17日: a Taiwan paper counts the years of the Republic.
        text = _ROC_YEAR.sub(lambda m: f"{_roc_year(m[1])}年", text)
    if digits:
        # 2024 年5 月17 日 (the space Founder sets between Latin digits and Chinese), 2023.9.12星期二.
        text = re.sub(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", r"\1年\2月\3日", text)
    if "星期" in text or "礼拜" in text or "禮拜" in text or "周" in text or "週" in text:
        text = re.sub(r"(?<=[\d日])\s*(?=星期|礼拜|禮拜|周[一二三四五六日天]|週[一二三四五六日天])", " ", text)
        # 星期二城市 / 星期二A03城市 (as OCR reads a folio, its spaces lost).
        text = re.sub(r"(?<=星期[一二三四五六日天])(?=[\u4e00-\u9fffA-Z\d])", " ", text)
    if digits:
        # 城市2024年5月7日 / 星期二城市 / A05城市: a page name run together with the date or the number.
        text = re.sub(r"(?<=[\u4e00-\u9fff])(?=\d{4}[年.\-/])", " ", text)
        text = re.sub(
            r"(?<![\dA-Za-z])([A-Z]?\d{1,2})(?=[\u4e00-\u9fff]{2})(?![\u4e00-\u9fff]?[年月日版期号])", r"\1 ", text
        )
    if "：" not in text and ":" not in text:
        return text
    # 责编：王五美编：赵六: the roles of a folio's editors line close up when letter-spacing is removed.
    return _EDITOR_ROLE_AT.sub(lambda m: (" " if m.start() and text[m.start() - 1] != " " else "") + m[0], text)


_ROC_YEAR = re.compile(r"(?:中华民国|中華民國|民国|民國)\s*([0-9〇零○一二三四五六七八九十百]{2,4})\s*年")
_EDITOR_ROLE_AT = re.compile(rf"(?:本版|本期)?(?:{_EDITOR_ROLES})[:：]")


def _roc_year(text: str) -> int:
    try:
        return cn_int(text) + 1911
    except ValueError:
        return 0  # an unreadable year, which the date fact then refuses


def _undoubled(tokens: list[str]) -> list[str]:
    """77 理论理论 → 7 理论: a folio set in bold by drawing it twice, which an extractor reads twice."""
    if len(tokens) > 1 and all(len(t) % 2 == 0 and t[: len(t) // 2] * 2 == t for t in tokens):
        return [t[: len(t) // 2] for t in tokens]
    return tokens


def _join_split_tokens(tokens: list[str]) -> list[str]:
    """Rejoin what a space split: 中共渝中区委宣传部 主办 → one token; 责编 王五 → 责编：王五;
    国内统一连续出版物号 CN50-0001 → one token."""
    joined: list[str] = []
    for token in tokens:
        previous = joined[-1] if joined else ""
        if previous and token in ("主办", "主辦", "出版", "主管"):
            joined[-1] += token
        elif previous and token.startswith("CN") and previous.endswith(("号", "號")):
            joined[-1] = previous.rstrip(":：") + "：" + token
        elif previous and not previous.endswith(("：", ":")) and _is_label(previous) and not _is_label(token):
            joined[-1] = previous + "：" + token
        else:
            joined.append(token)
    return joined


def _is_label(token: str) -> bool:
    return bool(_EDITOR_ROLE_ONLY.fullmatch(token) or _LABEL_ONLY.fullmatch(token))
