"""Text on its way into XML and HTML."""

from __future__ import annotations

import re

from markupsafe import Markup

from publisher.model import Article

#: A summary is the opening of the text, cut at a sentence end near this length.
_SUMMARY_CHARS = 120
# What XML 1.0 cannot carry; a stray \x0b from a page would make a whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: object) -> object:
    """`value` without the characters XML cannot carry, if it is text (a Jinja2 finalizer too).
    Markup is left as it is: it was rendered from a template whose text went through here."""
    if isinstance(value, Markup):
        return value
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def summary(article: Article) -> str:
    """The opening of the text: its first sentences, up to about a hundred and twenty characters."""
    text = "".join(p for n, p in enumerate(article.paragraphs) if n not in article.subheads) or article.headline.title
    if len(text) <= _SUMMARY_CHARS:
        return text
    end = max(text.rfind(mark, 0, _SUMMARY_CHARS) for mark in "。！？")
    return text[: end + 1] if end > _SUMMARY_CHARS // 3 else text[:_SUMMARY_CHARS] + "…"
