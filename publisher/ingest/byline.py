"""Bylines → reporters' names.

The byline usually sits inside the lead, 本报讯（记者李一）3月1日，…; the sentence stays in the
text and only the names go to the model. Names are separated by spaces or 、, or not at all
(记者李一王二), in which case common surnames tell where one name ends.
"""

from __future__ import annotations

import re
from functools import cache

from publisher.ingest.lines import ROLES
from publisher.ingest.text import CJK_RANGES

# 本报讯（记者李一）/ 新华社北京3月5日电（记者 张三 李四）: the parenthesis after 讯 or 电.
_LEAD_BYLINE = re.compile(r"^[^，。]{0,24}?(讯|訊|电|電)\s*[（(]([^（）()，。]{2,40})[)）]")
_ROLE = re.compile(ROLES)
# 本报讯 记者 周强 通讯员 汪涛 7月9日以来，…: the byline set off by spaces instead.
_LEAD_BYLINE_BARE = re.compile(
    rf"^[^，。（(]{{0,24}}?(讯|訊|电|電)\s+((?:{ROLES}\s*[{CJK_RANGES}·]{{2,4}}\s*)+)(?=\s|\d)"
)
# …查询空余车位。（谭小燕 向东） / …（记者 黄磊）: the reporters named at the end of the text.
_TAIL_BYLINE = re.compile(r"[（(]([^（()）]{2,30})[)）]$")
_NOT_NAME = re.compile(
    rf"[/／╱][{CJK_RANGES}]{{2,6}}(?:报道|報導)|报道|報導|摄|攝|供稿|整理|(?<![文图圖])[/／](?:文图|文圖|文|图|圖)|"
    r"(?:受访者|受訪者|\S{2,10}?)(?:供图|供圖)"
)
# 潇城晚报记者 / 新江城·江城日报见习记者: the paper (or its app) named before the role is no one's name.
_PAPER_BEFORE_ROLE = re.compile(rf"[{CJK_RANGES}·]{{1,12}}(?:报|報)(?=\S{{0,4}}(?:记者|記者|通讯员|通訊員))")
_NAME_RUN = re.compile(f"[{CJK_RANGES}·]+")
#: Longer runs are not names run together (王王王…王 from a damaged line): no split is tried.
_MAX_NAMES_RUN = 12
_COMPOUND_SURNAMES = frozenset({
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫",
    "慕容", "令狐", "长孙", "長孫", "宇文", "夏侯", "端木", "独孤", "獨孤", "南宫", "西门", "西門",
})  # fmt: skip
# The hundred-odd commonest surnames, which cover the great majority of bylines.
_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉"
    "程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵"
    "万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包"
    "宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓"
    "古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋"
    "商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"
)


def reporters_in_lead(lead: str) -> list[str]:
    """Names in the byline at the start of a lead, in parentheses or not; [] when there is none."""
    match = _LEAD_BYLINE.match(lead) or _LEAD_BYLINE_BARE.match(lead)
    if not match or not _ROLE.search(match.group(2)):
        return []
    return names_in_byline(match.group(2))


def reporters_in_tail(text: str) -> list[str]:
    """Names in a parenthesis closing the text, when it holds a role or only surnamed names."""
    match = _TAIL_BYLINE.search(text)
    if not match:
        return []
    inside = match.group(1)
    if _ROLE.search(inside):
        return names_in_byline(inside)
    names = re.split(r"[\s、，,]+", inside.strip())
    if all(2 <= len(name) <= 3 and _starts_with_surname(name) and _NAME_RUN.fullmatch(name) for name in names):
        return names
    return []


def names_in_byline(byline: str) -> list[str]:
    """记者 李一 通讯员 王二 → [李一, 王二]; 记者李一、袁侨德 → [李一, 袁侨德]."""
    names: list[str] = []
    cleaned = _ROLE.sub(" ", _NOT_NAME.sub(" ", _PAPER_BEFORE_ROLE.sub(" ", byline)))
    for chunk in re.split(r"[\s、，,;；【】]+", cleaned):
        for run in _NAME_RUN.findall(chunk):
            names.extend(split_names(run))
    return list(dict.fromkeys(names))


def split_names(run: str) -> list[str]:
    """李一王二 → [李一, 王二]; a run of two or three characters, or four with a compound surname, is one name."""
    if len(run) <= 3 or "·" in run or (len(run) == 4 and run[:2] in _COMPOUND_SURNAMES) or len(run) > _MAX_NAMES_RUN:
        return [run]
    return list(_segment(run) or [run])


@cache
def _segment(run: str) -> tuple[str, ...] | None:
    """The split of `run` into fewest two- or three-character names that each start with a surname."""
    best: tuple[str, ...] | None = None
    for size in (3, 2, 4):
        head, rest = run[:size], run[size:]
        if len(head) < size or not _starts_with_surname(head) or (size == 4 and head[:2] not in _COMPOUND_SURNAMES):
            continue
        if not rest:
            return (head,)
        if len(rest) >= 2 and (tail := _segment(rest)) and (best is None or 1 + len(tail) < len(best)):
            best = (head, *tail)
    return best


def looks_like_name(name: str) -> bool:
    """A person's name as bylines print them: a common surname first, or a name with ·."""
    return "·" in name or _starts_with_surname(name)


def _starts_with_surname(name: str) -> bool:
    return name[0] in _SURNAMES or name[:2] in _COMPOUND_SURNAMES
