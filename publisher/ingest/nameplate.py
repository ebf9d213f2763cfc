"""Masthead and folio lines → the paper, date, issue numbers and page facts they print.

The front page's masthead spreads its facts over many short lines (渝中報 / 2024年3月 / 6 /
星期三 / 甲辰年正月廿六 / 渝内字第538号 / 第26期 / (总第2011期) / 今日4版 …); an inner page's folio
packs page number, page name, date and editors into one or two (2 综合新闻 2024年3月6日 星期三
责编：王五). A line belongs to the nameplate when every space-separated token of it is one of these
facts; ambiguous tokens (a lone number, a weekday, a short name) count only at the top of a page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from publisher.ingest.text import cn_int

_NUMBER = r"[0-9〇零○一二两三四五六七八九十廿卅]+"
_WEEKDAY = re.compile(r"(星期|礼拜|禮拜|周|週)[一二三四五六日天]")
_DATE_FULL = re.compile(rf"({_NUMBER})年({_NUMBER})月({_NUMBER})日")
_DATE_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_DATE_YEAR_MONTH = re.compile(rf"({_NUMBER})年({_NUMBER})月")
_DAY = re.compile(r"([0-9]{1,2})日?")
_LUNAR = re.compile(
    r"(?:农历|農曆)?(([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)?闰?[正一二三四五六七八九十冬腊臘]{1,2}月"
    r"(初[一二三四五六七八九十]|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十))"
)
# 渝内字第538号 (an internal paper's permit); 国内统一连续出版物号 CN 50-0001; 准印证号：渝内资准字第0157号.
_REGISTRATION = re.compile(
    r"(?:.{0,12}[:：])?(CN\d{2}-\d{4}(?:/[A-Z0-9]+)?|\S{1,4}[内內]\S{0,3}字第?\d+[号號]|\S{2,20}准印\S*)"
)
_PERMIT = re.compile(r"准印证号?[:：](\S+)")
_SCHEDULE = re.compile(r"(每|逢)(周|週|日|天|月)\S{0,12}出版|(周|週)[一二三四五六日、]+出版|每日出版")
_ISSUE = re.compile(r"第(\d+)期")
_TOTAL = re.compile(r"[（(]?[总總]第(\d+)期[)）]?")
_ISSUE_AND_TOTAL = re.compile(r"第(\d+)期[（(][总總]第(\d+)期[)）]")
_PAGE_COUNT = re.compile(rf"(今日|本期|今天|共)({_NUMBER})版")
# 新闻热线：63807576, 职业道德监督：63801987, 广告电话：023-63800000
_HOTLINE = re.compile(r"(\S{2,12}?)[:：]([0-9][0-9\-－—()（） ]{3,}[0-9])")
_ORGANISATION = r"\S{2,40}(部|委|[会會]|局|社|中心|政府|[办辦]公室|集[团團]|公司)"
_SPONSOR = re.compile(rf"({_ORGANISATION})主[办辦]")
_PUBLISHER = re.compile(rf"({_ORGANISATION})出版")
_SUPERVISOR = re.compile(rf"({_ORGANISATION})主管")
# 中共江州市委主管主办: one body both supervises and sponsors.
_SUPERVISOR_AND_SPONSOR = re.compile(rf"({_ORGANISATION})主管主[办辦]")
# 江州都市报社出版: with no name line (a logo), the publisher names the paper.
_PAPER_OF_PUBLISHER = re.compile(r"(.{1,12}[报報])社")
_PAPER = re.compile(r"[\u4e00-\u9fff]{1,12}(报|報)")
_PAGE_NUMBER = re.compile(rf"第?[A-Z]?({_NUMBER})版")
# 2 / A01: a page number standing alone at the top of a page.
_BARE_NUMBER = re.compile(r"[A-Z]?(\d{1,2})")
_EDITOR_ROLES = (
    "责任编辑|責任編輯|责编|責編|美术编辑|美編|美编|编辑|編輯|校对|校對|版式|排版|组版|組版|审读|審讀|审校|"
    "终审|值班编辑|主编|主編|视觉|制图|图片编辑|版面设计"
)
_EDITOR = re.compile(rf"({_EDITOR_ROLES})[:：/](\S+)")
_EDITOR_ROLE_ONLY = re.compile(rf"({_EDITOR_ROLES})[:：]?")
# 社址：重庆市渝中区… / 定价：1.50元 / 邮发代号 77-1 / 内部资料 免费交流: the rest of a masthead.
_LABELS = (
    "社址|地址|邮编|邮政编码|定价|零售价|每份定价|本期定价|广告许可证|广告经营许可证|广告发布登记|印刷|承印|"
    "印刷单位|发行|邮发代号|代号|网址|网站|社长|总编辑|总编|值班总编|监制|投稿邮箱|邮箱|电子信箱|订阅|法律顾问"
)
# 江州日报网址：www.jzrb.cn / 本报法律顾问：…: a label may carry the paper's name before it.
_LABELLED = re.compile(rf"\S{{0,8}}?({_LABELS})[:：](\S.*)")
_LABEL_ONLY = re.compile(rf"({_LABELS})[:：]?")
# 零售价1元: a price needs no colon.
_PRICE = re.compile(r"(定价|零售价|每份定价|本期定价)[:：]?(\d[\d.]*元)")
_INTERNAL_NOTICE = re.compile(r"内部资料(性出版物)?|免费交流|内部资料\S{0,8}")
_WEBSITE = re.compile(r"(https?://|www\.)\S+|[\w.-]+\.(com|cn|net|org|gov\.cn)(/\S*)?")
# RENMIN RIBAO / CHONGQING DAILY: the paper's name in pinyin or English under the Chinese one.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z]{2,}")
_PAGE_NAME = re.compile(
    r"[\u4e00-\u9fff]{0,6}(新闻|要闻|综合|專版|专版|专刊|副刊|视点|民生|关注|时事|社会|文化|文体|体育|经济|广告|"
    r"法治|健康|教育|评论|理论|党建|视界|周刊|社区|城事|观察|資訊|资讯|特刊)"
)


@dataclass
class Nameplate:
    """What a page's masthead or folio says about it; filled line by line."""

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
    page_name: str | None = None
    editors: list[tuple[str, str]] = field(default_factory=list)
    #: Other labelled masthead facts, in print order (社址 → …, 定价 → 1.50元, 网址 → …).
    other: list[tuple[str, str]] = field(default_factory=list)
    #: Set by facts only a front page prints (issue numbers, sponsor, page count, registration …).
    front_page: bool = False
    #: 江州都市报 from 江州都市报社出版, for a masthead whose name is a logo the text lacks.
    paper_of_publisher: str | None = None

    def date(self) -> dt.date | None:
        """The printed date; ValueError for an impossible one (2024年13月)."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def read_line(self, text: str, at_top: bool) -> tuple[str, ...] | None:
        """Take the facts of one line if it is a nameplate line; return their kinds, or None.

        `at_top` admits the tokens that only mean something in a masthead or folio block: a lone
        day number after 2024年3月, a weekday, the paper's name, a page number or page name.
        """
        tokens = _join_split_tokens(_prepare(text).split(" "))
        facts: list[tuple[str, tuple[str, ...]]] = []
        unknown = 0
        expecting_day = self.year is not None and self.day is None
        for token in tokens:
            fact = _classify(token, at_top, expecting_day)
            if fact is None:
                unknown += 1
                continue
            facts.append(fact)
            expecting_day = fact[0] == "year_month"
        strong = sum(kind not in _WEAK_FACTS for kind, _ in facts)
        # 中共滨江区委主管主办 滨江发布 …: a line of masthead facts may carry a word we do not know.
        if unknown and not (strong >= 2 and unknown <= strong):
            return None
        if not facts or (not at_top and not strong):
            return None
        for kind, values in facts:
            self._take(kind, values)
        return tuple(kind for kind, _ in facts)

    def finish(self) -> None:
        """After the last line: a paper known only from its publisher takes that name."""
        self.paper = self.paper or self.paper_of_publisher

    def _take(self, kind: str, values: tuple[str, ...]) -> None:
        if kind in ("date", "year_month"):
            # The first date printed is the issue's; a later one is a folio repeat or a signature.
            if self.year is None:
                self.year, self.month = cn_int(values[0]), cn_int(values[1])
                self.day = cn_int(values[2]) if kind == "date" else None
        elif kind == "day":
            self.day = int(values[0])
        elif kind in ("page_number", "bare_page_number"):
            self.page_number = self.page_number or cn_int(values[0])
        elif kind == "supervisor_and_sponsor":
            self.supervisor = self.sponsor = values[0]
        elif kind == "publisher":
            self.publisher = self.publisher or values[0]
            if m := _PAPER_OF_PUBLISHER.fullmatch(values[0]):
                self.paper_of_publisher = self.paper_of_publisher or m[1]
        elif kind == "lunar_date":
            self.lunar_date = self.lunar_date or values[0]
        elif kind == "page_count":
            self.page_count = cn_int(values[0])
        elif kind == "hotline":
            self.hotlines.append((values[0], values[1]))
        elif kind == "editor":
            self.editors.append((values[0], values[1]))
        elif kind in ("labelled", "price"):
            self.other.append((values[0], values[1]))
        elif kind == "website":
            self.other.append(("网址", values[0]))
        elif kind in ("registration", "permit"):
            # 渝内字第538号 and a national CN number: a paper may print several; keep them, in order.
            self.registration = " ".join(filter(None, [self.registration, values[0]]))
        elif kind in ("latin_name", "internal"):
            pass  # the pinyin under the name, 内部资料 免费交流: printed, recorded as dropped, no fact
        elif kind == "issue_and_total":
            self.issue_number, self.total_issue_number = int(values[0]), int(values[1])
        elif kind in ("issue_number", "total_issue_number"):
            setattr(self, kind, int(values[0]))
        elif getattr(self, kind) is None:  # the first printing wins: 渝中報 in the masthead over a repeat
            setattr(self, kind, values[0])
        if kind in _FRONT_PAGE_FACTS:
            self.front_page = True


# Facts that could as well be article text where they stand alone (a notice's closing date, 星期三),
# so they count only inside a masthead or folio block.
_WEAK_FACTS = {
    "paper", "date", "year_month", "day", "weekday", "bare_page_number", "page_name", "latin_name", "internal",
}  # fmt: skip
_FRONT_PAGE_FACTS = {
    "issue_number", "total_issue_number", "issue_and_total", "page_count", "registration", "schedule",
    "sponsor", "publisher", "supervisor", "supervisor_and_sponsor", "lunar_date", "hotline", "labelled", "internal",
    "permit", "price",
}  # fmt: skip


def has_strong_fact(kinds: tuple[str, ...]) -> bool:
    """Whether a line's facts include one that means nameplate wherever it stands on the page."""
    return any(kind not in _WEAK_FACTS for kind in kinds)


def _prepare(text: str) -> str:
    """Undo spacing a masthead's layout adds: CN 50 - 0001, 2024年3月6日星期三, 新闻热线 63807576."""
    text = re.sub(r"CN\s*(\d{2})\s*[-–]\s*(\d{4})", r"CN\1-\2", text)
    text = re.sub(r"(?<=主管)\s+(?=主[办辦])", "", text)
    text = re.sub(r"(?<=日)(?=星期|礼拜|禮拜|周|週|农历|農曆)", " ", text)
    return re.sub(r"(热线|熱線|电话|電話|监督|監督|传真|傳真)\s+(?=\d)", r"\1：", text)


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


def _classify(token: str, at_top: bool, expecting_day: bool) -> tuple[str, tuple[str, ...]] | None:
    if expecting_day and (m := _DAY.fullmatch(token)):
        return "day", m.groups()
    for kind, pattern in _FACT_PATTERNS:
        if m := pattern.fullmatch(token):
            return kind, _values(kind, token, m)
    if not at_top:
        return None
    if _PAPER.fullmatch(token):
        return "paper", (token,)
    if (m := _BARE_NUMBER.fullmatch(token)) and int(m[1]) > 0:
        return "bare_page_number", (m[1],)
    if _PAGE_NAME.fullmatch(token):
        return "page_name", (token,)
    if _LATIN_NAME.fullmatch(token):
        return "latin_name", (token,)
    if _INTERNAL_NOTICE.fullmatch(token):
        return "internal", (token,)
    return None


# Order matters: 第26期（总第2011期） before 第26期, 主办 and 出版 before a registration's loose form.
_FACT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", _DATE_FULL),
    ("date", _DATE_ISO),
    ("year_month", _DATE_YEAR_MONTH),
    ("weekday", _WEEKDAY),
    ("lunar_date", _LUNAR),
    ("issue_and_total", _ISSUE_AND_TOTAL),
    ("issue_number", _ISSUE),
    ("total_issue_number", _TOTAL),
    ("page_count", _PAGE_COUNT),
    ("schedule", _SCHEDULE),
    ("sponsor", _SPONSOR),
    ("publisher", _PUBLISHER),
    ("supervisor_and_sponsor", _SUPERVISOR_AND_SPONSOR),
    ("supervisor", _SUPERVISOR),
    ("permit", _PERMIT),
    ("registration", _REGISTRATION),
    ("editor", _EDITOR),
    ("page_number", _PAGE_NUMBER),
    ("price", _PRICE),
    ("labelled", _LABELLED),
    ("hotline", _HOTLINE),
    ("website", _WEBSITE),
)


def _values(kind: str, token: str, m: re.Match[str]) -> tuple[str, ...]:
    if kind in ("weekday", "schedule", "website"):
        return (token,)
    if kind == "registration":
        return (m[1].replace("CN", "CN "),)
    if kind in ("permit", "lunar_date"):
        return (m[1],)
    if kind == "page_count":
        return (m.group(2),)
    if kind in ("sponsor", "publisher", "supervisor", "supervisor_and_sponsor"):
        return (m.group(1),)
    if kind in ("issue_and_total", "hotline", "editor", "labelled", "price"):
        return m.group(1), m.group(2)
    return tuple(g for g in m.groups()[:3] if g is not None)
