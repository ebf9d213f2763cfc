"""One extracted line → the text a Chinese typesetter would have printed.

Undoes what PDF extraction does to Chinese text: fullwidth punctuation flattened to ASCII
(本报讯(记者李一)3月1日,我区 …), letter-spaced runs (本 报 讯), fullwidth digits and letters,
ideographic spaces. Numbers, times and Latin text keep their ASCII punctuation (10:30, 3.5%, 1,000).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# Fullwidth and CJK punctuation that sits tight against Chinese text, like a Chinese character.
_CJK_PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
    "\u2103"  # ℃: 最高气温将升至22℃, 部分地区… takes a fullwidth comma like a character would
)
# What an extractor letter-spaces inside a Chinese run: characters, punctuation, digits, Latin letters.
_TIGHT = re.compile(f"[{CJK_RANGES}{_CJK_PUNCT}0-9A-Za-z,.:;?!()%\\-\"'/]")
_CHINESE = re.compile(f"[{CJK_RANGES}{_CJK_PUNCT}]")
_CREDIT_MARKS = ("摄", "攝")
# Fullwidth digits and letters, and the Kangxi radicals some PDF fonts map 自 行 面 大 生 to (⾃⾏⾯⼤⽣):
# characters that look right and search, sort and speak wrong. Only these blocks go through NFKC,
# which would also flatten fullwidth punctuation.
_LOOKALIKES = str.maketrans(
    {
        chr(c): unicodedata.normalize("NFKC", chr(c))
        for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), *range(0x2E80, 0x2FE0)]
        if unicodedata.normalize("NFKC", chr(c)) != chr(c)
    }
)
_SPACE_LIKE = str.maketrans(
    dict.fromkeys("\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000", " ")
)
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}  # fmt: skip
_CN_TENS = re.compile("([一二三四五六七八九])?十([一二三四五六七八九])?")
_CLOSING_PARENTHESIS = re.compile(r"[（(][^（()）]*[)）]$")
_ASCII_MARKS = re.compile(r'[,:;?!()"]')
_ASCII_PAUSES = re.compile("[,:;?!]")
_PARENTHESES = re.compile("[()（）]")
_SPACED_PAUSE = re.compile(r" *([，。、；：？！]) *")
# 发展... / 发展...... / 发展… / 发展。。。 after or before Chinese (not 3.14 nor a URL's dots).
_ELLIPSIS = re.compile(
    rf"(?<=[{CJK_RANGES}，。、；：？！”’」』）])(?:\.{{3,}}|…(?!…)|…{{3,}}|。{{3,}})|(?:\.{{3,}}|。{{3,}})(?=[{CJK_RANGES}])"
)
# 他说--好 / 他说－－好: between Chinese (a hyphen between Latin letters or digits stays), and
# --年底前全部投用, a subtitle's opening dash. A single — is the connector of 受理—交办—办理 (GB/T 15834).
_DASH = re.compile(rf"(?:(?<=[{CJK_RANGES}，。、；：？！”’」』）])|^)(?:-{{2,}}|－{{2,}})(?=[{CJK_RANGES}“‘「『（])")
_FULLWIDTH_OF = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def normalize_line(raw: str) -> str:
    """The cleaned text of one line: whitespace, letter-spacing and punctuation repaired."""
    line = raw.translate(_LOOKALIKES).translate(_SPACE_LIKE).strip()
    if " " not in line:  # most lines of a column: nothing of what follows but the marks to repair
        return repair_punctuation(line)
    line = repair_punctuation(re.sub(" {2,}", " ", join_letter_spacing(line)))
    return _QUOTE_INNER_SPACE.sub("", _NUMBER_SPACE.sub("", line))


def join_cleaned(lines: list[str]) -> str:
    """Lines cleaned one by one (`normalize_line`) joined into one paragraph: the repairs that
    look across a join (…增长18.6%; / 社会… → ；) made again, the letter spacing, each line's own, not."""
    text = lines[0]
    for line in lines[1:]:
        text = join_fragments(text, line)
    return _QUOTE_INNER_SPACE.sub("", _NUMBER_SPACE.sub("", repair_punctuation(text)))


# 6 月3 日 / 改革开放30 多年 / 近 40 年 / 2.5 万元: the quarter-em a typesetter puts between Latin digits
# and Chinese, which extractors write as a space. Only before a word that counts or dates (2 综合新闻,
# a folio's number and page name, keeps its space) and, before the digits, only where the typesetter
# spaced both sides (本报讯 记者 周强 7月9日以来 keeps the space that ends its byline).
_UNITS = "年月日号號时時点點分秒万萬亿億千百元角岁歲个個名人家次项項条條件台辆輛座所户戶套间間层層楼樓米吨噸斤克亩畝倍成周天期届屆版多余餘"
_NUMBER_SPACE = re.compile(rf"(?<=[0-9%]) (?=[{_UNITS}])|(?<=[{CJK_RANGES}，、（“]) (?=[0-9][0-9.,]*%? [{_UNITS}%])")
# “ 四个伟大” / 宣告“ 除了…”: a space an extractor leaves inside quotation marks and brackets.
_QUOTE_INNER_SPACE = re.compile(rf"(?<=[“‘《「『【（]) +(?=[{CJK_RANGES}])|(?<=[{CJK_RANGES}]) +(?=[”’》」』】）])")


def is_chinese(char: str) -> bool:
    return bool(_CHINESE.fullmatch(char))


_PAUSES = "，。、；：？！“”‘’（）《》"
_CHARACTER_AGAINST_NUMBER = re.compile(rf"[{CJK_RANGES}][0-9][0-9.]*%?|[0-9][0-9.]*[{CJK_RANGES}]")


def join_letter_spacing(line: str) -> str:
    """本 报 讯 → 本报讯: the narrowest gaps beside a lone character of a Chinese run are the extractor's.

    A space between two longer runs (志愿新征程 建功新重庆) is the paper's own and stays, and so
    does a gap wider than the others in a letter-spaced run (志 愿 新 征 程   建 功 新 重 庆);
    a title tracked wide (公  告) has only wide gaps and closes up. The 摄 of a credit stands
    apart after the name on purpose (记者 郑宇 摄).
    """
    parts = re.split("( +)", line)
    tokens, gaps = parts[0::2], [len(gap) for gap in parts[1::2]]
    if not gaps:
        return line
    narrowest = min(gaps)
    out = [tokens[0]]
    # Whether the run built so far has a Chinese character, and whether its last token was lone.
    run_chinese = _has_chinese(tokens[0])
    previous_lone = _is_lone(tokens[0])
    for gap, token in zip(gaps, tokens[1:], strict=True):
        previous = out[-1]
        lone, chinese = _is_lone(token), _has_chinese(token)
        # A lone digit or letter joins only another lone character: 3 月 1 日, but not 2 综合新闻.
        # 批4 joins 首 before it (首 批4 座), but 2版 not the 协议 of …协议 2版, a teaser's page.
        lone_chinese_beside = (previous_lone and _is_chinese_char(previous[-1])) or (
            lone and chinese and token not in _CREDIT_MARKS and (previous_lone or _is_single(token))
        )
        joinable = (
            gap == narrowest
            and (lone_chinese_beside or (previous_lone and lone))
            and _is_tight_char(previous[-1:])
            and _is_tight_char(token[:1])
            and (run_chinese or chinese)
        )
        if joinable:
            out[-1] = previous + token
            run_chinese = run_chinese or chinese
        else:
            out.append(token)
            run_chinese = chinese
        previous_lone = lone
    return " ".join(out)


@lru_cache(maxsize=8192)  # tokens of a page repeat (single characters); their number is not bounded
def _is_lone(token: str) -> bool:
    """One character, or one Chinese character against a number (批4 / 月3 of 首 批4 座, 6 月3 日),
    which pdfminer writes without the space it puts between the characters; a pause or bracket
    beside it (，首) is set in the same cell."""
    if len(token) == 1:
        return _is_tight_char(token)
    core = token.strip(_PAUSES)
    return (len(core) == 1 and _is_tight_char(core)) or bool(_CHARACTER_AGAINST_NUMBER.fullmatch(core))


def _is_single(token: str) -> bool:
    return len(token.strip(_PAUSES)) == 1


@cache
def _is_tight_char(char: str) -> bool:
    return bool(_TIGHT.fullmatch(char))


@cache
def _is_chinese_char(char: str) -> bool:
    return bool(_CHINESE.fullmatch(char))


def _has_chinese(text: str) -> bool:
    return bool(_CHINESE.search(text))


def repair_punctuation(line: str) -> str:
    """ASCII , : ; ? ! ( ) touching Chinese become ，：；？！（）; parentheses convert as a pair."""
    if _ASCII_MARKS.search(line):
        chars = list(line)
        for index in _paired_parentheses_to_convert(line):
            chars[index] = _FULLWIDTH_OF[line[index]]
        for match in _ASCII_PAUSES.finditer(line):
            index = match.start()
            if _touches_chinese(line, index) and not _between_digits(line, index):
                chars[index] = _FULLWIDTH_OF[line[index]]
        line = _pair_straight_quotes("".join(chars))
    if "." in line or "…" in line or "。。。" in line or "--" in line or "－－" in line or "'" in line:
        line = _chinese_dashes_and_ellipses(line)
    if " " not in line:
        return line
    # Pause marks take no space around them ("3月1日 , 我区" → "3月1日，我区"); quotes and
    # brackets keep theirs, which can separate the parts of a headline.
    return _SPACED_PAUSE.sub(r"\1", line).strip()


def _paired_parentheses_to_convert(line: str) -> list[int]:
    """Indexes of ASCII parentheses to make fullwidth: a pair converts when either end touches Chinese."""
    pairs: list[tuple[int, int]] = []
    open_at: list[int] = []
    lone: list[int] = []
    for match in _PARENTHESES.finditer(line):
        index, char = match.start(), match.group()
        if char in "(（":
            open_at.append(index)
        elif char in ")）":
            if open_at:
                pairs.append((open_at.pop(), index))
            else:
                lone.append(index)
    lone.extend(open_at)
    convert = []
    for start, end in pairs:
        ascii_ends = [i for i in (start, end) if line[i] in "()"]
        if ascii_ends and (_touches_chinese(line, start) or _touches_chinese(line, end) or len(ascii_ends) == 1):
            convert.extend(ascii_ends)
    convert.extend(i for i in lone if line[i] in "()" and _touches_chinese(line, i))
    return convert


def _touches_chinese(line: str, index: int) -> bool:
    """Whether the nearest character before or after `index`, spaces aside, is Chinese."""
    before = index - 1
    while before >= 0 and line[before] == " ":
        before -= 1
    after = index + 1
    while after < len(line) and line[after] == " ":
        after += 1
    return (before >= 0 and is_chinese(line[before])) or (after < len(line) and is_chinese(line[after]))


def _between_digits(line: str, index: int) -> bool:
    return 0 < index < len(line) - 1 and line[index - 1].isdigit() and line[index + 1].isdigit()


def _chinese_dashes_and_ellipses(line: str) -> str:
    """发展... / 发展…… and 他说--好 / 他说——好: a Chinese ellipsis and dash are two characters wide,
    …… and ——, where the export wrote ASCII dots, one ellipsis or hyphens; 'X' → ‘X’ as a pair."""
    line = _ELLIPSIS.sub("……", line)
    return _pair_straight_quotes(_DASH.sub("——", line), "'", "‘’", all)


def _pair_straight_quotes(
    line: str, mark: str = '"', pair: str = "“”", touching: Callable[[Iterable[bool]], bool] = any
) -> str:
    """ "数字重庆" → “数字重庆” when the quotes pair up and touch Chinese (`touching` any or all of them:
    a single quote may be an apostrophe); otherwise left alone."""
    positions = [match.start() for match in re.finditer(mark, line)]
    if not positions or len(positions) % 2 or not touching(_touches_chinese(line, i) for i in positions):
        return line
    chars = list(line)
    for n, index in enumerate(positions):
        chars[index] = pair[n % 2]
    return "".join(chars)


def ends_sentence(text: str) -> bool:
    """Whether a paragraph can end here: 。！？… (or ：；, which open a list), before any closing quotes
    and a closing parenthesis (…他说：“好。” / …空余车位。（谭小燕 向东））. A closing quote alone does
    not end a sentence: …持续深化“雷锋的士” / “金牌导游”等品牌建设 is one."""
    core = _CLOSING_PARENTHESIS.sub("", text).rstrip("”’」』》】")
    return not core or core[-1] in "。！？!?…：；:;"


def join_fragments(before: str, after: str) -> str:
    """Join the halves of a paragraph split by the column layout; Latin words keep their space."""
    if before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha():
        return f"{before} {after}"
    return before + after


def width(text: str) -> float:
    """How wide a line is set, in ems: Latin letters and digits are half as wide as Chinese."""
    ascii_chars = len(text.encode("ascii", "ignore"))  # counted in C: this runs on every line of a page
    spaces = text.count(" ")
    return len(text) - ascii_chars + 0.5 * (ascii_chars - spaces) + 0.25 * spaces


def compact(text: str) -> str:
    """Text without spaces and punctuation, for comparing lines and headlines."""
    return re.sub(rf"[^0-9A-Za-z{CJK_RANGES}]", "", text)


def cn_int(text: str) -> int:
    """2024, 二〇二四, 十二, 廿六, A2 (a lettered section's page) → int; ValueError for anything else
    (十十, 2〇24), which callers read as "not a number" rather than fail on."""
    text = text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if text.isascii() and text.isdigit():
        return int(text)
    if text and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    match = _CN_TENS.fullmatch(text.replace("廿", "二十").replace("卅", "三十"))
    if match is None:
        raise ValueError(f"not a number: {text!r}")
    tens, units = match.groups()
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def opencc_convert(config: str, text: str) -> str:
    """`text` through one of OpenCC's stock conversions (s2t, t2s …)."""
    return _opencc(config).convert(text)


@cache
def _opencc(config: str):  # type: ignore[no-untyped-def]  # opencc ships no type hints
    import opencc

    return opencc.OpenCC(config)
