"""The few words the editions print themselves, in the script of each variant.

Everything else a reader sees comes from the page text, converted by the variant transform.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_SIMPLIFIED = MappingProxyType(
    {
        "page": "第{page}版",
        "continued_on": "（下转第{page}版）",
        "description": "{paper}每期全文",
        "description_with_publisher": "{paper}每期全文（{publisher}出版）",
    }
)
_TRADITIONAL = MappingProxyType(
    {
        "page": "第{page}版",
        "continued_on": "（下轉第{page}版）",
        "description": "{paper}每期全文",
        "description_with_publisher": "{paper}每期全文（{publisher}出版）",
    }
)
#: How each variant names itself beside the paper's name (the printed edition needs no name).
VARIANT_NAMES: Mapping[str, str] = MappingProxyType(
    {"zh-Hans": "", "zh-Hant": "繁體", "zh-Hant-TW": "繁體・臺灣", "zh-Hant-HK": "繁體・香港"}
)


def labels(language: str) -> Mapping[str, str]:
    """The labels for an edition in `language` (zh-Hans, or any zh-Hant tag)."""
    return _TRADITIONAL if language.startswith("zh-Hant") else _SIMPLIFIED
