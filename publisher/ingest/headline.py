"""The lines of a headline block → section banner, 引题 (kicker), 主题 (title) and 副题 (subtitle).

The convention follows the hand-checked seed:
- three lines are kicker, title, subtitle (lines 86–90);
- two lines are kicker + title (64–66) unless the second reads as a subtitle: who presided or
  attended (谢东主持 何积光王志宏出席, line 38) or a line opening with ——;
- one line holds several parts separated by spaces: a first segment ending in a speech verb is
  the kicker (黄茂军在…推进会上强调 奋力打造…, line 36); a long factual segment after short
  parallel phrases is the subtitle (创新“无废”化建设 让“老菜市场”焕新颜 区生态环境局一案例获评…,
  line 138); otherwise two segments are kicker + title (我区召开2024年土地推介会 三块“热土”…);
- lines over a block whose last line already is a whole headline are the column banner, the
  article's section (全面推动党的二十大精神在重庆落地生根开花结果 / 敢闯敢干 唯实争先, 134–136).
"""

from __future__ import annotations

import re

from publisher.ingest.lines import BANNER
from publisher.ingest.text import compact
from publisher.model import Headline

# 黄茂军在全区数字重庆建设推进会上强调: the speaker's line over what was said.
_SPEECH_VERB = re.compile(r"(强调|強調|指出|表示|要求|提出|寄语|寄語|批示|指示|说|說|称|稱)$")
# 谢东主持 / 何积光王志宏出席 / 赵德明作工作指导: who presided, spoke or attended.
_ATTENDANCE = re.compile(
    r"(主持|出席|讲话|講話|致辞|致辭|参加|參加|陪同|调研|調研|作\S{0,8}指导|作\S{0,8}指導|发言|發言|宣布|颁奖|頒獎)$"
)
_DASH = re.compile(r"^(——|—|－－|--)\s*")
# 我县… / 全市… / …20万吨: what a statement of fact has and a slogan lacks.
_REPORTED_FACT = re.compile(r"^(我|全)[区县市镇乡]|\d")
_SENTENCE_MARK = re.compile(r"[，：。；]")
_OPENERS, _CLOSERS = "“‘《（「『【〈", "”’》）」』】〉"
# A subtitle of fact is at least this long and twice the phrases before it.
_FACTUAL_MIN_CHARS = 20
# Phrases up to this long, side by side on one line, are one title.
_PARALLEL_MAX_CHARS = 8


def split_headline(lines: list[str]) -> tuple[Headline, str | None]:
    """The headline and section banner of the block `lines` (cleaned text, top to bottom)."""
    banner: list[str] = []
    while len(lines) > 1 and BANNER.fullmatch(lines[0]):
        banner.append(lines[0].strip("【】〖〗[]■●◆ "))
        lines = lines[1:]
    if len(lines) >= 3 and _is_whole_headline(lines[-1]):
        banner, lines = banner + lines[:-1], lines[-1:]
    elif len(lines) > 3 and _DASH.match(lines[-1]):
        # Banner lines over a title and its ——subtitle: a kicker is not printed between them.
        banner, lines = banner + lines[:-2], lines[-2:]
    elif len(lines) > 3:
        banner, lines = banner + lines[:-3], lines[-3:]
    section = " ".join(banner) or None
    if len(lines) == 1:
        kicker, title, subtitle = _split_line(lines[0], allow_subtitle=True)
    elif len(lines) == 2 and (_reads_as_subtitle(lines[1]) or _is_deck(lines[0], lines[1])):
        kicker, title, _ = _split_line(lines[0], allow_subtitle=False)
        subtitle = lines[1]
    elif len(lines) == 2:
        kicker, title, subtitle = lines[0], lines[1], None
    else:
        kicker, title, subtitle = lines
    return Headline(title=title, kicker=kicker, subtitle=_DASH.sub("", subtitle or "") or None), section


def split_sized_headline(lines: list[tuple[str, float]]) -> tuple[Headline, str | None]:
    """The headline block `lines` (text and type size, top to bottom) of a page read from its PDF,
    where the size says each line's part: the largest is the 主题 (set over two lines, the layout
    has made it one), a line above it the 引题, below it the 副题."""
    banner = [text.strip("【】〖〗[]■●◆ ") for text, _ in lines if BANNER.fullmatch(text)]
    lines = [(text, scale) for text, scale in lines if not BANNER.fullmatch(text)] or lines
    at = max(range(len(lines)), key=lambda n: lines[n][1])
    title = lines[at][0]
    kicker = " ".join(text for text, _ in lines[:at]) or None
    subtitle = " ".join(_DASH.sub("", text) for text, _ in lines[at + 1 :]) or None
    return Headline(title=title, kicker=kicker, subtitle=subtitle), " ".join(banner) or None


def _reads_as_subtitle(line: str) -> bool:
    return bool(_DASH.match(line)) or all(_ATTENDANCE.search(segment) for segment in segments(line))


def _is_deck(title: str, line: str) -> bool:
    """习近平会见国际奥委会主席巴赫 / 习近平强调，中方高度重视筹办北京冬奥会…: a sentence twice the
    title's length under it is its deck (the subtitle), never a title under a kicker."""
    text = compact(line)
    return len(text) >= max(_FACTUAL_MIN_CHARS, 2 * len(compact(title))) and _SENTENCE_MARK.search(line) is not None


def _is_whole_headline(line: str) -> bool:
    """A line that by itself has a title and a kicker or subtitle, by the strong cues only."""
    parts = segments(line)
    return len(parts) >= 2 and (_SPEECH_VERB.search(parts[0]) is not None or _factual_tail(parts))


def _factual_tail(segments: list[str]) -> bool:
    """A last segment of fact after shorter phrases: long (区生态环境局一案例获评…“双十佳”实践案例),
    or with a figure or the paper's own place (我县夏粮收购量突破20万吨) where a slogan has neither
    (深化政治巡察 强化政治监督 持续巩固风清气正的政治生态 is one title)."""
    last = compact(segments[-1])
    if len(last) < 2 * max(len(compact(s)) for s in segments[:-1]):
        return False
    return len(last) >= _FACTUAL_MIN_CHARS or bool(_REPORTED_FACT.search(segments[-1]))


def segments(line: str) -> list[str]:
    """The space-separated parts of a headline line; a space inside quotes or brackets is the
    phrase's own (“企业吹哨 部门报到”跑出服务加速度 is one segment)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(line):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char == " " and depth == 0:
            parts.append(line[start:index])
            start = index + 1
    parts.append(line[start:])
    return [part for part in parts if part]


def _split_line(line: str, allow_subtitle: bool) -> tuple[str | None, str, str | None]:
    parts = segments(line)
    if len(parts) == 1:
        return None, line, None
    subtitle = None
    if allow_subtitle:
        first_attendance = len(parts)
        while first_attendance > 1 and _ATTENDANCE.search(parts[first_attendance - 1]):
            first_attendance -= 1
        dashed = [i for i, s in enumerate(parts) if i > 0 and _DASH.match(s)]
        if dashed:
            first_attendance = min(first_attendance, dashed[0])
        if first_attendance < len(parts):
            subtitle = " ".join(parts[first_attendance:])
            parts = parts[:first_attendance]
        elif _factual_tail(parts):
            subtitle, parts = parts[-1], parts[:-1]
    kicker = None
    two_statements = len(parts) == 2 and subtitle is None and not _parallel_phrases(parts)
    if len(parts) >= 2 and (_SPEECH_VERB.search(parts[0]) or two_statements):
        kicker, parts = parts[0], parts[1:]
    return kicker, " ".join(parts), subtitle


def _parallel_phrases(parts: list[str]) -> bool:
    """麦浪翻金 夏收正忙 / 老街有机更新 留住城市“烟火气”: short phrases in parallel make one title, where
    two statements (我区召开2024年土地推介会 三块“热土”刮起楼市“春风”) are kicker and title."""
    return all(len(compact(part)) <= _PARALLEL_MAX_CHARS for part in parts)
