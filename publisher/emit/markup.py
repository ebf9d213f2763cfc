"""Text on its way into XML and HTML."""

from __future__ import annotations

import re

# What XML 1.0 cannot carry; a stray \x0b from a page would make a whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: object) -> object:
    """`value` without the characters XML cannot carry, if it is text (a Jinja2 finalizer too)."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
