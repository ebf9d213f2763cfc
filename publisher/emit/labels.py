"""The few words the editions print themselves, in the script of each variant.

Everything else a reader sees comes from the page text, converted by the variant transform.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from publisher.model import Issue

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
        "skip": "跳到正文",
        "home": "首页",
        "breadcrumbs": "当前位置",
        "languages": "其他文字版本",
        "latest": "最新一期",
        "archive": "往期",
        "front_page": "头版",
        "listen": "收听本文",
        "listen_edition": "收听全版",
        "download_audio": "下载音频（MP3）",
        "transcript": "文字稿（WebVTT）",
        "chapters": "章节（JSON）",
        "speed": "播放速度",
        "ebook": "下载本期电子书（EPUB）",
        "ebook_readalong": "下载有声同步电子书（EPUB，朗读时逐句高亮）",
        "subscribe": "订阅",
        "rss": "RSS 订阅",
        "atom": "Atom 订阅",
        "jsonfeed": "JSON Feed 订阅",
        "podcast": "播客（有声版）",
        "opds": "电子书目录（OPDS）",
        "reporters": "记者：{names}",
        "article_count": "{count}篇",
        "previous": "上一篇",
        "next": "下一篇",
        "pages_nav": "本期版面",
        "footer": "本站由 publisher 根据{paper}版面文字生成，可用屏幕阅读器、放大字体或键盘浏览。",
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
        "skip": "跳到正文",
        "home": "首頁",
        "breadcrumbs": "目前位置",
        "languages": "其他文字版本",
        "latest": "最新一期",
        "archive": "往期",
        "front_page": "頭版",
        "listen": "收聽本文",
        "listen_edition": "收聽全版",
        "download_audio": "下載音訊（MP3）",
        "transcript": "文字稿（WebVTT）",
        "chapters": "章節（JSON）",
        "speed": "播放速度",
        "ebook": "下載本期電子書（EPUB）",
        "ebook_readalong": "下載有聲同步電子書（EPUB，朗讀時逐句高亮）",
        "subscribe": "訂閱",
        "rss": "RSS 訂閱",
        "atom": "Atom 訂閱",
        "jsonfeed": "JSON Feed 訂閱",
        "podcast": "Podcast（有聲版）",
        "opds": "電子書目錄（OPDS）",
        "reporters": "記者：{names}",
        "article_count": "{count}篇",
        "previous": "上一篇",
        "next": "下一篇",
        "pages_nav": "本期版面",
        "footer": "本站由 publisher 根據{paper}版面文字生成，可用螢幕閱讀器、放大字體或鍵盤瀏覽。",
        "accessibility": (
            "本期報紙的全部文字，按版面和欄目編排，附目錄、版面頁碼導覽；"
            "圖片以文字說明代替，不依賴顏色或聲音，可用螢幕閱讀器和放大字體閱讀。"
        ),
    }
)
#: How each variant is offered to a reader choosing one, in its own script.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "zh-Hant-TW": "繁體中文（臺灣）", "zh-Hant-HK": "繁體中文（香港）"}
)
#: How each variant names itself beside the paper's name (the printed edition needs no name).
VARIANT_NAMES: Mapping[str, str] = MappingProxyType(
    {"zh-Hans": "", "zh-Hant": "繁體", "zh-Hant-TW": "繁體・臺灣", "zh-Hant-HK": "繁體・香港"}
)


def labels(language: str) -> Mapping[str, str]:
    """The labels for an edition in `language` (zh-Hans, or any zh-Hant tag)."""
    return _TRADITIONAL if language.startswith("zh-Hant") else _SIMPLIFIED


def date_text(issue: Issue) -> str:
    """2024年3月6日"""
    return labels(issue.language)["date"].format(year=issue.date.year, month=issue.date.month, day=issue.date.day)


def numbers_text(issue: Issue) -> str:
    """第26期（总第2011期）, or as much of it as the masthead printed."""
    words = labels(issue.language)
    parts = []
    if issue.issue_number:
        parts.append(words["issue_number"].format(number=issue.issue_number))
    if issue.total_issue_number:
        parts.append(f"（{words['total_issue_number'].format(number=issue.total_issue_number)}）")
    return "".join(parts)
