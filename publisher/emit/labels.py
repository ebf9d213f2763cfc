"""The few words the editions print themselves, in the script of each variant.

Everything else a reader sees comes from the page text, converted by the variant transform.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_COMMON = {
    "page": "第{page}版",
    "date": "{year}年{month}月{day}日",
    "issue_number": "第{number}期",
    "description": "{paper}每期全文",
    "description_with_publisher": "{paper}每期全文（{publisher}出版）",
    "publisher": "{name}出版",
    "page_count": "今日{count}版",
    "cover": "封面",
    "bodymatter": "正文",
}
_SIMPLIFIED = MappingProxyType(
    _COMMON
    | {
        "continued_on": "（下转第{page}版）",
        "total_issue_number": "总第{number}期",
        "lunar": "农历{date}",
        "sponsor": "{name}主办",
        "contents": "目录",
        "page_list": "版面",
        "landmarks": "导览",
        "audio_edition": "有声版",
        "full_edition": "{paper} {date} 全版朗读",
        "intro_chapter": "本期介绍",
        "edition_contents": "本期{count}篇：{titles}",
        "podcast_description": "{paper}每期文章的朗读：每篇一集，另有全版一集，附文字稿和章节。",
        "accessibility": (
            "本期报纸的全部文字，按版面和栏目编排，附目录、版面页码导航；"
            "图片以文字说明代替，不依赖颜色或声音，可用屏幕阅读器和放大字体阅读。"
        ),
    }
)
_TRADITIONAL = MappingProxyType(
    _COMMON
    | {
        "continued_on": "（下轉第{page}版）",
        "total_issue_number": "總第{number}期",
        "lunar": "農曆{date}",
        "sponsor": "{name}主辦",
        "contents": "目錄",
        "page_list": "版面",
        "landmarks": "導覽",
        "audio_edition": "有聲版",
        "full_edition": "{paper} {date} 全版朗讀",
        "intro_chapter": "本期介紹",
        "edition_contents": "本期{count}篇：{titles}",
        "podcast_description": "{paper}每期文章的朗讀：每篇一集，另有全版一集，附文字稿和章節。",
        "accessibility": (
            "本期報紙的全部文字，按版面和欄目編排，附目錄、版面頁碼導覽；"
            "圖片以文字說明代替，不依賴顏色或聲音，可用螢幕閱讀器和放大字體閱讀。"
        ),
    }
)
#: How each variant names itself beside the paper's name (the printed edition needs no name).
VARIANT_NAMES: Mapping[str, str] = MappingProxyType(
    {"zh-Hans": "", "zh-Hant": "繁體", "zh-Hant-TW": "繁體・臺灣", "zh-Hant-HK": "繁體・香港"}
)


def labels(language: str) -> Mapping[str, str]:
    """The labels for an edition in `language` (zh-Hans, or any zh-Hant tag)."""
    return _TRADITIONAL if language.startswith("zh-Hant") else _SIMPLIFIED
