"""People's names in a converted edition: a name is a name, never a word to convert.

OpenCC converts by words, and a person's name is not one: 方志刚 holds 方志 (a local chronicle,
方誌), 余季平's surname is the 余 of 剩余 (餘) to a character table. A name is converted a character
at a time, its surname in the form that surname takes in Traditional characters (余 stays 余, 范 is
never 範, 钟 is 鍾). The names are those the issue gives (its reporters) and those its text sets
after a mark or a role and before a title or a verb of speech (，余季平说, 书记方志刚表示); a name the
rule cannot tell is converted as words, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

#: Surnames whose character has several Traditional forms, in the form the surname takes.
SURNAME_FORMS = {
    "余": "余",
    "范": "范",
    "于": "于",
    "钟": "鍾",
    "沈": "沈",
    "郁": "郁",
    "岳": "岳",
    "姜": "姜",
    "谷": "谷",
    "游": "游",
    "叶": "葉",
    "万": "萬",
    "朴": "朴",
    "卜": "卜",
    "曾": "曾",
}
#: Common surnames (with those above), which begin a name set before a title or a verb of speech.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤郁岳谷游朴卜单解仇查蔚盖种尉乐缪翟"
)
_AFTER_NAME = (
    "书记|副书记|主任|区长|县长|市长|省长|局长|部长|主席|委员|代表|院长|校长|经理|董事长|总经理|同志|先生|女士|"
    "教授|说|表示|介绍|指出|强调|认为|告诉|称"
)
#: Where a name may begin: the text's start, a mark, or a role (关于此事表示 holds no name 于此事).
_BEFORE_NAME = "记者|书记|主任|区长|县长|市长|省长|局长|部长|主席|委员|代表|院长|校长|经理|同志|教授"
_NAME_BEFORE_TITLE = re.compile(
    rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<={_BEFORE_NAME}))[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?(?=(?:{_AFTER_NAME}))"
)


#: Words that begin with a surname's character and are no name: 于是他说 is 於是 + 他说.
_WORDS = frozenset(
    [
        "于是",
        "于此",
        "于今",
        "余下",
        "余额",
        "余地",
        "余热",
        "余震",
        "余款",
        "范围",
        "范例",
        "范畴",
        "钟表",
        "钟声",
        "岳父",
        "姜汤",
        "谷物",
        "谷底",
        "游客",
        "游览",
        "游泳",
        "游戏",
        "游行",
        "叶片",
        "万元",
        "万人",
        "万亩",
        "万吨",
        "万一",
        "万众",
        "万分",
        "万物",
        "曾经",
        "朴素",
        "朴实",
        "方面",
        "方式",
        "方法",
        "方向",
        "方案",
        "方针",
        "单位",
        "解决",
        "解读",
        "区委",
        "区域",
        "区政府",
        "查看",
        "查处",
        "种植",
        "乐观",
        "盖章",
    ]
)


def names_in(texts: Iterable[str], known: Iterable[str] = ()) -> frozenset[str]:
    """The people's names of `texts`: the `known` ones (an issue's reporters) and those set before a
    title or a verb of speech."""
    found = {name for name in known if 2 <= len(name) <= 4 and name[0] in _SURNAMES}
    for text in texts:
        found.update(name for name in _NAME_BEFORE_TITLE.findall(text) if not any(map(name.startswith, _WORDS)))
    return frozenset(found)


def name_form(name: str, convert_character: Callable[[str], str]) -> str:
    """`name` converted a character at a time, its surname in its own form."""
    surname = SURNAME_FORMS.get(name[0]) or convert_character(name[0])
    return surname + "".join(convert_character(char) for char in name[1:])


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Where any of `names` is in a text, the longest first."""
    ordered = sorted(set(names), key=lambda name: (-len(name), name))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None
