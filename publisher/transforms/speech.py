"""An article → its speech script: what is read aloud, sentence by sentence, as an announcer reads it.

The script keeps each sentence twice: `text` as printed (the transcript shows it) and `spoken`, the
same sentence with numbers, dates, times and symbols written out in words and anything that
cannot be heard (URLs, QR call-outs, jump markers) left out.

Numbers are read by an ordered table of rules (`_RULES`): each recognises one way a newspaper prints
a number (a phone number, a date, a time, a range, a percentage …) and writes it in words, before
cn2an reads what is left as an ordinary amount. The offline engine cannot read digits, so the table
ends with a rule that reads any digit still there one by one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from publisher.ingest.text import CJK_RANGES
from publisher.model import Article, Issue

__all__ = [
    "KINDS",
    "ArticleMarks",
    "Marked",
    "Script",
    "Sentence",
    "article_marks",
    "article_script",
    "intro_script",
    "read_aloud",
    "split_sentences",
]

#: The kinds of sentence a script is made of, in the order an article's are read.
KINDS = ("intro", "kicker", "title", "subtitle", "heading", "paragraph", "caption")


@dataclass(frozen=True)
class Sentence:
    #: Stable within its script: s1, s2, … in reading order.
    id: str
    #: One of KINDS.
    kind: str
    #: The block it belongs to (a headline part, a paragraph, a caption), counted from 0; a reader
    #: pauses longer between blocks than between the sentences of one.
    block: int
    #: As printed.
    text: str
    #: As read aloud.
    spoken: str


@dataclass(frozen=True)
class Script:
    #: The article's id, or "intro" for an issue's spoken introduction.
    id: str
    #: The variant's language tag (zh-Hans, zh-Hant-TW, zh-Hant-HK, zh-Hant).
    language: str
    #: What the audio is called: the article's one-line headline.
    title: str
    sentences: tuple[Sentence, ...]

    @property
    def spoken(self) -> str:
        return "".join(sentence.spoken for sentence in self.sentences)


# ── scripts ─────────────────────────────────────────────────────────────────────────────────────

#: Kinds printed without a full stop that still end with a pause: 谢东主持 何积光王志宏出席 → …出席。
_HEADED = frozenset({"kicker", "title", "subtitle", "heading", "caption"})
#: A space between the decks of a headline is a pause: 志愿新征程 建功新重庆 → 志愿新征程，建功新重庆.
_DECK_GAP = re.compile(f"(?<=[{CJK_RANGES}”」』）》])\\s+(?=[{CJK_RANGES}“「『（《])")
_ENDS_WITH_PUNCTUATION = re.compile(r"[。！？…；：，、.!?;:,][”’」』）)》】\"']*$")
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Marked:
    """A printed block cut into its sentences, each with the id it is read under (None: not read,
    such as a URL or a jump marker), the white space between them as printed."""

    pieces: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class ArticleMarks:
    """Where each sentence of an article's script is in its printed text: what the read-along
    editions wrap in an element with the sentence's id."""

    kicker: Marked | None
    title: Marked
    subtitle: Marked | None
    paragraphs: tuple[Marked, ...]
    captions: tuple[Marked, ...]


def article_script(article: Article, language: str) -> Script:
    """The headline's parts, the paragraphs (subheads as headings) and the captions, read in `language`."""
    sentences, _ = _read_article(article, language)
    return Script(id=article.id, language=language, title=article.headline.one_line(), sentences=sentences)


def article_marks(article: Article, language: str) -> ArticleMarks:
    """The article's printed text cut into the sentences of `article_script`, with their ids."""
    _, marked = _read_article(article, language)
    headline = article.headline
    parts = iter(marked)
    kicker = next(parts) if headline.kicker else None
    title = next(parts)
    subtitle = next(parts) if headline.subtitle else None
    paragraphs = tuple(next(parts) for _ in article.paragraphs)
    return ArticleMarks(kicker, title, subtitle, paragraphs, tuple(parts))


def _read_article(article: Article, language: str) -> tuple[tuple[Sentence, ...], list[Marked]]:
    headline = article.headline
    parts = zip(("kicker", "title", "subtitle"), (headline.kicker, headline.title, headline.subtitle), strict=True)
    blocks = [(kind, part) for kind, part in parts if part]
    for index, paragraph in enumerate(article.paragraphs):
        blocks.append(("heading" if index in article.subheads else "paragraph", paragraph))
    blocks += [("caption", figure.caption) for figure in article.figures]
    return _sentences(blocks, language)


def intro_script(issue: Issue, article_count: int | None = None) -> Script:
    """渝中报，2024年3月6日，星期三，第26期。本期共有6篇文章。 — read before the issue's articles."""
    date = issue.date
    count = len(issue.articles) if article_count is None else article_count
    weekday = issue.masthead.weekday or f"星期{_WEEKDAYS[date.weekday()]}"
    number = f"，第{issue.issue_number}期" if issue.issue_number is not None else ""
    text = f"{issue.paper}，{date.year}年{date.month}月{date.day}日，{weekday}{number}。本期共有{count}篇文章。"
    title = f"{issue.paper} {date.year}年{date.month}月{date.day}日"
    sentences, _ = _sentences([("intro", text)], issue.language)
    return Script(id="intro", language=issue.language, title=title, sentences=sentences)


def _sentences(blocks: Iterable[tuple[str, str]], language: str) -> tuple[tuple[Sentence, ...], list[Marked]]:
    """Numbered sentences of the blocks that have something to say (a silent block takes no
    number), and each block's printed text cut at them."""
    sentences: list[Sentence] = []
    marked: list[Marked] = []
    block = 0
    for kind, text in blocks:
        said = _block(kind, text, language)
        pieces: list[tuple[str, str | None]] = []
        for before, printed, spoken in said:
            if before:
                pieces.append((before, None))
            if spoken is None:
                pieces.append((printed, None))
                continue
            sentence = Sentence(f"s{len(sentences) + 1}", kind, block, printed, spoken)
            sentences.append(sentence)
            pieces.append((printed, sentence.id))
        marked.append(Marked(tuple(pieces)))
        block += any(spoken is not None for _, _, spoken in said)
    return tuple(sentences), marked


def _block(kind: str, text: str, language: str) -> list[tuple[str, str, str | None]]:
    """(white space before it, as printed, as read or None if silent) for each sentence of a block."""
    said: list[tuple[str, str, str | None]] = []
    for before, sentence in _split_keeping_space(text):
        spoken = read_aloud(_DECK_GAP.sub("，", sentence) if kind in _HEADED else sentence, language) or None
        said.append((before, sentence, spoken))
    heard = [index for index, (_, _, spoken) in enumerate(said) if spoken is not None]
    if heard and kind in _HEADED and not _ENDS_WITH_PUNCTUATION.search(said[heard[-1]][2] or ""):
        before, printed, spoken = said[heard[-1]]
        said[heard[-1]] = (before, printed, f"{spoken}。")
    if heard and kind == "caption":
        label = "圖片說明：" if language.startswith("zh-Hant") else "图片说明："
        before, printed, spoken = said[heard[0]]
        said[heard[0]] = (before, printed, label + (spoken or ""))
    return said


# ── sentences ───────────────────────────────────────────────────────────────────────────────────

#: A sentence runs to its end marks and takes the closing quotes and brackets after them:
#: 他说：“要‘深’。”然后… → 他说：“要‘深’。” | 然后…; a semicolon stays inside its sentence.
_SENTENCE = re.compile(r"[^。！？…]*(?:[。！？…]+[”’」』）)》】]*)?")


def split_sentences(text: str) -> list[str]:
    """A paragraph cut after 。！？ and ……, each sentence keeping its closing quotes; no empty ones."""
    return [sentence for _, sentence in _split_keeping_space(text)]


def _split_keeping_space(text: str) -> list[tuple[str, str]]:
    """(the white space before it, the sentence) for each sentence: together they give back the
    text, but for white space at its very end."""
    pieces = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        sentence = raw.strip()
        if sentence:
            pieces.append((raw[: len(raw) - len(raw.lstrip())], sentence))
    return pieces


# ── reading aloud ───────────────────────────────────────────────────────────────────────────────

_DIGIT_NAMES = "〇一二三四五六七八九"
#: cn2an's and our number words in Traditional characters (摄氏度, 每小时 are ours).
_TRADITIONAL = str.maketrans("万亿点两负摄时", "萬億點兩負攝時")


@dataclass(frozen=True)
class _Voice:
    """How one variant reads digits."""

    #: 二〇二四年; Hong Kong announcers say 零 (二零二四年).
    zero: str
    #: Mainland announcers read 1 as 幺 in phone numbers (幺三八…); Taiwan and Hong Kong say 一.
    phone_one: str
    traditional: bool

    def words(self, simplified: str) -> str:
        return simplified.translate(_TRADITIONAL) if self.traditional else simplified

    def digits(self, run: str, phone: bool = False) -> str:
        """Digit by digit: 400010 → 四〇〇〇一〇; a phone number's 1 as `phone_one`."""
        names = [self.zero, self.phone_one if phone else "一", *_DIGIT_NAMES[2:]]
        return "".join(names[unicodedata.digit(char)] if char.isdecimal() else char for char in run)

    def number(self, number: str) -> str:
        """An amount in words: 4084 → 四千零八十四, 86.3 → 八十六点三; too long for cn2an → digit by digit."""
        whole, _, fraction = number.partition(".")
        if len(whole) > 16:
            return self.digits(whole) + (self.words("点") + self.digits(fraction) if fraction else "")
        import cn2an  # here, not at the top: loading it takes a tenth of a second every command would pay

        words = cn2an.an2cn(whole) + ("点" + "".join(_DIGIT_NAMES[int(d)] for d in fraction) if fraction else "")
        return self.words(words.replace("〇", "零"))


@cache
def _voice(language: str) -> _Voice:
    traditional = language.startswith("zh-Hant")
    return _Voice(
        zero="零" if language.endswith("-HK") else "〇",
        phone_one="一" if traditional else "幺",
        traditional=traditional,
    )


def read_aloud(text: str, language: str) -> str:
    """`text` as an announcer of `language` (zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK) reads it:
    numbers and symbols in words, URLs, e-mail addresses, QR call-outs and jump markers gone;
    "" when nothing is left to hear."""
    voice = _voice(language)
    spoken = _THOUSANDS.sub(
        lambda m: m[0].replace(",", ""), _NUMBER_PUNCTUATION.sub(_ascii, text.translate(_FULLWIDTH))
    )
    for pattern, say in _RULES:
        spoken = pattern.sub(lambda match, say=say: say(match, voice), spoken)
    spoken = _SPACES.sub(" ", _EMPTY_BRACKETS.sub("", spoken)).strip()
    return spoken if any(char.isalnum() for char in spoken) else ""


_FULLWIDTH = str.maketrans("０１２３４５６７８９％－／", "0123456789%-/")
#: 10：30, 3．5: fullwidth colons and points between digits are a time's and a decimal's.
_NUMBER_PUNCTUATION = re.compile(r"(?<=[0-9])[：．](?=[0-9])")
#: 共收到群众意见建议1,862条, 2,386.5亿元: thousands commas (cn2an reads 1,000 as 一,零).
_THOUSANDS = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)|【\s*】|“\s*”|「\s*」")
_SPACES = re.compile(r"\s+")


def _ascii(match: re.Match[str]) -> str:
    return {"：": ":", "．": "."}[match[0]]


# ── the rules, in the order they apply ──────────────────────────────────────────────────────────

_Say = Callable[[re.Match[str], _Voice], str]

#: What follows an amount (a measure word or a unit): 94810人, 4084平方米, 20万吨, 08秒, 2000余人.
_UNIT = (
    "个個位名人次条條项項家种種类類件辆輛台臺张張头頭只隻匹场場天年月日号號时時点點分秒周週岁歲届屆期版部所座"
    "栋棟幢层層间間套户戶批轮輪组組支队隊份篇本册冊页頁元角块塊万萬亿億千百余餘多来來倍米吨噸斤克升亩畝顷頃度例"
    "宗起处處枚颗顆株棵根把架艘列趟班路站季代后後楼樓级級排折成平立公毫厘釐美港英欧歐韩韓双雙对對副盏盞箱包袋瓶"
    "杯碗片字首集章节節款员員岗崗"
)
#: Where 2 is 两: 2万人, 2个, 2小时 (but 2月, 2号, 2楼, 2年级, 第2次 keep 二).
_LIANG = re.compile(
    "(?:[个個位名人次条條项項家种種类類件辆輛台臺张張头頭只隻场場天周週岁歲届屆万萬亿億千百元块塊米吨噸倍斤亩畝户戶"
    "所座栋棟套批轮輪支队隊份篇本部架艘层層间間处處枚株棵根把季点點]|年(?![级級])|小[时時]|公[里斤]|千克|分[钟鐘])"
)
_CJK = f"[{CJK_RANGES}]"
_NUM = r"[0-9]+(?:\.[0-9]+)?"


def _silence(match: re.Match[str], voice: _Voice) -> str:
    return ""


def _as_printed(match: re.Match[str]) -> str:
    return match[0]


def _say_phone(match: re.Match[str], voice: _Voice) -> str:
    """Each group of digits one by one, groups apart: 023-63807576 → 〇二三 六三八〇七五七六; 119或110 keeps 或."""
    run = re.sub(r"[-\s]+", " ", match["run"])
    return re.sub("[0-9]+", lambda group: voice.digits(group[0], phone=True), run)


def _say_labelled_phone(match: re.Match[str], voice: _Voice) -> str:
    return match["label"] + _say_phone(match, voice)


def _say_dashed_phone(match: re.Match[str], voice: _Voice) -> str:
    groups = match["run"].split("-")
    phone = len(groups[-1]) >= 7 or (len(groups) == 3 and groups[0].startswith(("0", "400", "800")))
    return _say_phone(match, voice) if phone else _as_printed(match)


def _say_code(match: re.Match[str], voice: _Voice) -> str:
    return match["label"] + voice.digits(match["run"])


def _say_long_run(match: re.Match[str], voice: _Voice) -> str:
    run = match["run"]
    return voice.digits(run, phone=len(run) in (7, 8))


def _say_date(match: re.Match[str], voice: _Voice) -> str:
    month, day = int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _as_printed(match)
    return f"{voice.digits(match['year'])}年{voice.number(str(month))}月{voice.number(str(day))}日"


def _say_years(match: re.Match[str], voice: _Voice) -> str:
    connector = match["to"] if match["to"] in ("至", "到") else "到"
    return voice.digits(match["first"]) + connector + voice.digits(match["last"])


def _say_digits(match: re.Match[str], voice: _Voice) -> str:
    return voice.digits(match[0])


def _say_day_name(match: re.Match[str], voice: _Voice) -> str:
    if not 1 <= int(match["day"]) <= 31:
        return voice.number(match["month"]) + voice.number(match["day"])
    return voice.number(match["month"]) + voice.digits(match["day"])


def _say_time(match: re.Match[str], voice: _Voice) -> str:
    hour, minute, second = int(match["hour"]), match["minute"], match["second"]
    words = "两点" if hour == 2 else voice.number(str(hour)) + "点"
    if minute != "00" or second:
        words += ("零" if minute[0] == "0" and minute != "00" else "") + voice.number(minute) + "分"
    if second:
        words += ("零" if second[0] == "0" and second != "00" else "") + voice.number(second) + "秒"
    return voice.words(words)


def _say_ratio(match: re.Match[str], voice: _Voice) -> str:
    return f"{voice.number(match['a'])}比{voice.number(match['b'])}"


def _say_range(match: re.Match[str], voice: _Voice) -> str:
    return "到"


def _say_temperature(match: re.Match[str], voice: _Voice) -> str:
    return ("零下" if match["minus"] else "") + voice.number(match["n"]) + voice.words("摄氏度")


def _say_degrees(match: re.Match[str], voice: _Voice) -> str:
    return voice.number(match["n"]) + "度"


def _say_percent(match: re.Match[str], voice: _Voice) -> str:
    per = "千分之" if match["sign"] == "‰" else "百分之"
    low = f"{per}{voice.number(match['low'])}{match['to']}" if match["low"] else ""
    return low + (voice.words("负") if match["minus"] else "") + per + voice.number(match["n"])


def _say_spoken_percent(match: re.Match[str], voice: _Voice) -> str:
    return "百分之" + match["words"]


def _say_fraction(match: re.Match[str], voice: _Voice) -> str:
    return f"{voice.number(match['b'])}分之{voice.number(match['a'])}"


def _say_dotted(match: re.Match[str], voice: _Voice) -> str:
    return voice.words("点").join(voice.number(part) for part in match[0].split("."))


def _say_list_number(match: re.Match[str], voice: _Voice) -> str:
    return voice.number(match["n"]) + "、"


def _say_unit(match: re.Match[str], voice: _Voice) -> str:
    return voice.words(_UNIT_WORDS[match["unit"]])


def _say_number(match: re.Match[str], voice: _Voice) -> str:
    ordinal, number = match["ordinal"] or "", match["number"]
    words = voice.number(number)
    if not ordinal and number == "2" and _LIANG.match(match.string, match.end()):
        words = voice.words("两")
    elif not ordinal and words[:2] in ("二千", "二万", "二萬", "二亿", "二億"):
        words = voice.words("两") + words[1:]  # 2000余人 → 两千余人
    return ordinal + words


#: After an amount: 120㎡ → 一百二十平方米; 5G, 1.5T stay letters.
_UNIT_WORDS = {
    "km/h": "公里每小时", "km²": "平方公里", "㎞": "公里", "km": "公里", "㎏": "公斤", "kg": "公斤", "㎡": "平方米",
    "m²": "平方米", "m³": "立方米", "㎥": "立方米", "cm": "厘米", "㎝": "厘米", "mm": "毫米", "㎜": "毫米",
    "mL": "毫升", "ml": "毫升", "kWh": "千瓦时", "kW": "千瓦", "MW": "兆瓦",
}  # fmt: skip
_UNIT_SYMBOLS = "|".join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))
_PHONE_LABEL = "电话|電話|热线|熱線|手机|手機|传真|傳真|拨打|撥打|致电|致電|号码|號碼"
_PHONE_AFTER = "热线|熱線|专线|專線|报警|報警|急救"
_URL_LABEL = r"(?:网址|網址|网站|網站|邮箱|郵箱|电子邮箱|電子郵箱|E-?mail|email)[：:]?\s*"
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&*+;=%]"


def _rule(pattern: str, flags: int = 0) -> re.Pattern[str]:
    # ASCII: \d and \s are 0-9 and ASCII space here; fullwidth digits were made ASCII before the rules.
    return re.compile(pattern, re.ASCII | flags)


_RULES: tuple[tuple[re.Pattern[str], _Say], ...] = (
    # 详情见www.cqyz.gov.cn / 邮箱：yzb@163.com — nothing to hear.
    (_rule(rf"(?:{_URL_LABEL})?(?:https?://|www\.){_URL_CHARS}+", re.IGNORECASE), _silence),
    (_rule(rf"(?:{_URL_LABEL})?[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"), _silence),
    (
        _rule(
            rf"(?:{_URL_LABEL})?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|cn|net|org|gov|edu)\b(?:/{_URL_CHARS}*)?"
        ),
        _silence,
    ),
    # （下转第2版） （上接第1版） （转2版） （接1版） — a jump marker left inside a paragraph.
    (
        _rule(r"[（(]\s*(?:下[转轉]|上接|[接转轉续續])\s*第?\s*[A-Za-z]?[0-9一二三四五六七八九十]+\s*版\s*[）)]"),
        _silence,
    ),
    # 扫码关注“渝中发布” / 扫描二维码观看视频 / 扫一扫 — a QR call-out is not heard at all.
    (
        _rule(
            r"\A[\s（(【“「]*(?:请|請|欢迎|歡迎)?(?:[扫掃][码碼一]|[扫掃]描[^。！？]{0,8}?二[维維][码碼]|长按识别|長按識別|微信[扫掃]).*\Z",
            re.S,
        ),
        _silence,
    ),
    # 1.祭扫时间为3月23日至4月14日 / …开放；2.每个预约号限4人同行 — a numbered list item.
    (_rule(r"(?:\A|(?<=[；：]))\s*(?P<n>[0-9]{1,2})\.(?![0-9])"), _say_list_number),
    # 120㎡, 21.6km — unit symbols after a number, before the number is read.
    (_rule(rf"(?<=[0-9])\s*(?P<unit>{_UNIT_SYMBOLS})(?![A-Za-z])"), _say_unit),
    # 13812345678 — a mobile number, digit by digit (幺三八… on the mainland).
    (_rule(r"(?<![0-9.])(?P<run>1[3-9][0-9]{9})(?![0-9.])"), _say_phone),
    # 发行热线：023-63907166, 0871-65123456, 400-820-8820 — area code and number, digit by digit.
    (_rule(r"(?<![0-9.\-])(?P<run>[0-9]{3,4}(?:-[0-9]{3,8}){1,2})(?![0-9\-])"), _say_dashed_phone),
    # 新闻热线：63807576, 拨打12345 / 12345热线 / 110报警 — a number given to be dialled.
    (
        _rule(
            rf"(?P<label>(?:{_PHONE_LABEL})[：:\s]*)(?P<run>[0-9]+(?:(?:[-\s]|或|、|和|/)[0-9]+)*)(?![0-9]|\s*[{_UNIT}])"
        ),
        _say_labelled_phone,
    ),
    (
        _rule(rf"(?<![0-9.])(?P<run>[0-9]{{3,}})(?!\s*[{_UNIT}])(?=[^0-9，。；！？]{{0,6}}?(?:{_PHONE_AFTER}))"),
        _say_phone,
    ),
    # 邮编400010 — a postal code, digit by digit.
    (_rule(r"(?P<label>(?:邮编|郵編|邮政编码|郵政編碼|郵遞區號)[：:\s]*)(?P<run>[0-9]{5,6})(?![0-9])"), _say_code),
    # 2024-03-06, 2024.3.6, 2024/3/6 — a date in figures.
    (
        _rule(
            r"(?<![0-9.])(?P<year>(?:19|20)[0-9]{2})(?P<s>[-./])(?P<month>[0-9]{1,2})(?P=s)(?P<day>[0-9]{1,2})(?![0-9.])"
        ),
        _say_date,
    ),
    # 2023—2024年, 2021至2025年 — a range of years, both read digit by digit.
    (
        _rule(
            r"(?<![0-9.])(?P<first>(?:19|20)[0-9]{2})\s*(?P<to>——|[-—–~～〜至到])\s*(?P<last>(?:19|20)?[0-9]{2})(?=\s*年)"
        ),
        _say_years,
    ),
    # 3-4吨, 1~2级, 15℃-24℃, 3月1日—5日, 8:00—18:00 — a range: the dash or tilde is read 到.
    (_rule(r"(?<=[0-9%℃日号號月年])\s*(?:——|[~～〜–—-])\s*(?=-?[0-9])"), _say_range),
    # 2024年, 1980年代 (but 连续12年, 近2000年, 2000多年 are amounts) — a year, digit by digit.
    (_rule(r"(?<![0-9.近约約逾超过過达達历歷时時共满滿])(?:1[5-9]|20)[0-9]{2}(?=\s*年(?![多余餘来來]))"), _say_digits),
    # 2024鹤湾马拉松, 事故隐患专项排查整治2023行动 — a year without 年 before a name.
    (_rule(rf"(?<![0-9.第近约約逾超过過达達共])(?:19|20)[0-9]{{2}}(?={_CJK})(?![{_UNIT}至到])"), _say_digits),
    # 重庆市“3·5”学雷锋日, 3·15 — a day named by its date: the month as a number, the day digit by digit.
    (_rule(r"(?<![0-9.])(?P<month>1[0-2]|0?[1-9])[·・•‧∙](?P<day>[0-9]{1,2})(?![0-9.])"), _say_day_name),
    # 上午10:18, 每晚19:00 — a time of day: 十点十八分, 十九点.
    (
        _rule(r"(?<![0-9.:])(?P<hour>[01]?[0-9]|2[0-4]):(?P<minute>[0-5][0-9])(?::(?P<second>[0-5][0-9]))?(?![0-9:])"),
        _say_time,
    ),
    # 90后, 00后 — a generation, digit by digit.
    (_rule(r"(?<![0-9.:])[0-9]0(?=后(?![来期续])|後(?![來期續]))"), _say_digits),
    # 以3:1获胜 — a score or ratio.
    (_rule(rf"(?<![0-9.])(?P<a>{_NUM}):(?P<b>{_NUM})"), _say_ratio),
    # 4℃~17℃, 最低气温-5℃ — degrees Celsius, below zero 零下.
    (_rule(rf"(?:(?<![0-9A-Za-z.])(?P<minus>[-−]))?(?P<n>{_NUM})\s*(?:℃|°C)"), _say_temperature),
    (_rule(rf"(?P<n>{_NUM})°"), _say_degrees),
    # 增长3.5%, 3-5%, 降低-2.3%, 3‰ — a percentage: 百分之三点五.
    (
        _rule(rf"(?:(?P<low>{_NUM})(?P<to>到|至))?(?:(?<![0-9A-Za-z.])(?P<minus>[-−]))?(?P<n>{_NUM})\s*(?P<sign>[%‰])"),
        _say_percent,
    ),
    # 1/3 — a fraction: 三分之一.
    (_rule(r"(?<![0-9./])(?P<a>[0-9]+)/(?P<b>[0-9]+)(?![0-9/])"), _say_fraction),
    # 1.2.3 — numbered sections: 一点二点三.
    (_rule(r"(?<![0-9.])[0-9]+(?:\.[0-9]+){2,}(?![0-9])"), _say_dotted),
    # C919, G318国道, A08版 — a model, road or page number after letters, digit by digit (but H22路);
    # COVID-19 loses its hyphen.
    (_rule(r"(?<=[A-Za-z])(?:[0-9]{3,}|0[0-9]+)(?![0-9.])"), _say_digits),
    (_rule(r"(?<=[A-Za-z])-(?=[0-9])"), _silence),
    # No.1, NO. 5 — 第一, 第五.
    (_rule(r"(?<![A-Za-z])[Nn][Oo]\.\s*(?=[0-9])"), lambda match, voice: "第"),
    # 编号0217 (but 08秒), 63801987 — codes and numbers to dial, digit by digit, unless a unit follows.
    (_rule(rf"(?<![0-9.])(?P<run>[0-9]{{7,}}|0[0-9]+)(?![0-9.])(?!\s*[{_UNIT}A-Za-z])"), _say_long_run),
    # 气温-3 — minus.
    (_rule(r"(?<![0-9A-Za-z.])[-−](?=[0-9])"), lambda match, voice: voice.words("负")),
    # 500余人, 第26期, 12万户, 86.3亿元, 0.8 — an amount (cn2an), 两 before a measure word.
    (_rule(rf"(?P<ordinal>第\s*)?(?P<number>{_NUM})"), _say_number),
    # Any digit still there, of any script, one by one: the offline engine cannot read digits.
    (re.compile(r"\d"), _say_digits),
    # 百分之 before numbers printed in words: 三十% → 百分之三十; a lone ℃.
    (_rule(r"(?P<words>[零〇一二三四五六七八九十百千万萬亿億点點两兩]+)%"), _say_spoken_percent),
    (_rule(r"℃"), lambda match, voice: voice.words("摄氏度")),
)
