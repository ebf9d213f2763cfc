"""What the desk says of its pages → the paper, date and page a page does not print.

Inner pages print little: a folio with a page number and a date, often no paper's name; an
e-paper export may print nothing at all and carry the date and page only in its file name. The
desk knows its own paper (`[paper]` in publisher.toml, `--paper`), and can say the rest
(`--date`, `--page`, or a `file_names` pattern such as ``{date:%Y%m%d}_{page}.txt``). A value a
page prints always wins, and one that contradicts what was supplied refuses the page: merging
another paper's page, or another day's, into an issue is the one mistake that must never pass.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from publisher.errors import InputError
from publisher.ingest.text import compact, opencc_convert
from publisher.model import page_order

# A page label as printed: A03, B12, 05, 7 (a section letter and a number).
PAGE_LABEL = re.compile(r"[A-Za-z]?\d{1,3}")
# What a date directive of a file-name pattern matches.
_DIRECTIVES = {"Y": r"\d{4}", "m": r"\d{1,2}", "d": r"\d{1,2}", "y": r"\d{2}", "j": r"\d{3}"}
_FIELD = re.compile(r"\{(?P<name>date|page)(?::(?P<format>[^}]*))?\}")


@dataclass(frozen=True)
class Supplied:
    """The paper, date and page label the desk gave for a page, and where it said so (for messages)."""

    paper: str | None = None
    date: dt.date | None = None
    page: str | None = None
    paper_from: str = "--paper"
    date_from: str = "--date"
    page_from: str = "--page"

    def check(self, source: str, paper: str | None, date: dt.date | None, page: str | None) -> None:
        """Refuse a page that prints a paper, date or page other than the one supplied."""
        if paper and self.paper and not same_paper(paper, self.paper):
            raise InputError(f"{source}: prints the paper {paper}, not {self.paper} ({self.paper_from})")
        if date and self.date and date != self.date:
            raise InputError(f"{source}: prints the date {date}, not {self.date} ({self.date_from})")
        if page and self.page and page_order(page)[:2] != page_order(self.page)[:2]:
            raise InputError(f"{source}: prints page {page}, not {self.page} ({self.page_from})")

    def joined(self, other: Supplied, source: str) -> Supplied:
        """These facts with `other`'s where these have none; a contradiction between them is refused."""
        other.check(source, self.paper, self.date, self.page)
        merged = self
        if merged.paper is None and other.paper is not None:
            merged = replace(merged, paper=other.paper, paper_from=other.paper_from)
        if merged.date is None and other.date is not None:
            merged = replace(merged, date=other.date, date_from=other.date_from)
        if merged.page is None and other.page is not None:
            merged = replace(merged, page=other.page, page_from=other.page_from)
        return merged


def same_paper(printed: str, supplied: str) -> bool:
    """渝中報 is 渝中报: a masthead's calligraphy may be Traditional where the desk types Simplified."""
    return opencc_convert("t2s", compact(printed)) == opencc_convert("t2s", compact(supplied))


def parse_date(text: str, source: str = "--date") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{source}: a date is written YYYY-MM-DD, such as 2024-05-17, not {text!r}") from None


def parse_page_label(text: str, source: str = "--page") -> str:
    if not PAGE_LABEL.fullmatch(text) or page_order(text)[1] == 0:
        raise InputError(f"{source}: a page is a number with an optional section letter (A03, B2, 05, 7), not {text!r}")
    return text.upper()


@dataclass(frozen=True)
class FileNames:
    """A pattern of page file names, ``{date:%Y%m%d}_{page}.txt``: the date and page label an
    e-paper export writes only into the name of each page."""

    pattern: str
    regex: re.Pattern[str]
    date_format: str | None

    @classmethod
    def compile(cls, pattern: str, source: str) -> FileNames:
        parts, position, date_format, names = [], 0, None, set()
        for field in _FIELD.finditer(pattern):
            parts.append(re.escape(pattern[position : field.start()]).replace(r"\*", ".*"))
            position = field.end()
            name = field["name"]
            if name in names:
                raise InputError(f"{source}: file_names names {{{name}}} twice")
            names.add(name)
            if name == "page":
                parts.append(rf"(?P<page>{PAGE_LABEL.pattern})")
                continue
            date_format = field["format"] or "%Y-%m-%d"
            parts.append(f"(?P<date>{_date_regex(date_format, source)})")
        parts.append(re.escape(pattern[position:]).replace(r"\*", ".*"))
        if not names:
            raise InputError(
                f'{source}: file_names must contain {{date:…}} or {{page}}, as in "{{date:%Y%m%d}}_{{page}}.txt"'
            )
        return cls(pattern, re.compile("".join(parts), re.IGNORECASE), date_format)

    def facts(self, name: str) -> Supplied:
        """What the file name `name` says; nothing for a name the pattern does not fit."""
        match = self.regex.fullmatch(name)
        if match is None:
            return Supplied()
        origin = f"its file name, by file_names {self.pattern!r}"
        date = None
        if self.date_format is not None:
            try:
                date = dt.datetime.strptime(match["date"], self.date_format).date()
            except ValueError:
                raise InputError(f"{name}: {match['date']!r} in its name is not a date ({self.pattern})") from None
        page = match.groupdict().get("page")
        return Supplied(date=date, page=page.upper() if page else None, date_from=origin, page_from=origin)


def _date_regex(date_format: str, source: str) -> str:
    out, index = [], 0
    while index < len(date_format):
        char = date_format[index]
        if char == "%":
            directive = date_format[index + 1 : index + 2]
            if directive not in _DIRECTIVES:
                raise InputError(
                    f"{source}: file_names: %{directive} is not a date directive it knows (%Y %m %d %y %j)"
                )
            out.append(_DIRECTIVES[directive])
            index += 2
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


#: When a page PDF is read by OCR: where its text layer cannot be read, on every page, or never.
OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Reading:
    """How page PDFs are read: `ocr` one of `OCR_MODES`; a PDF of more pages than `max_pdf_pages`
    is refused (a whole issue is a few dozen pages; a thousand is a book or a mistake)."""

    ocr: str = "auto"
    max_pdf_pages: int = 200


DEFAULT_READING = Reading()


@dataclass(frozen=True)
class Given:
    """What the desk says of every page it gives: its paper (publisher.toml's [paper], --paper), a
    date and page (--date, --page), the pattern of its file names, and the language it prints in."""

    supplied: Supplied = Supplied()
    file_names: FileNames | None = None
    #: zh-Hans, zh-Hant-TW or zh-Hant-HK; None: as the pages' script says (zh-Hans, or zh-Hant).
    language: str | None = None
    #: How its page PDFs are read.
    reading: Reading = DEFAULT_READING

    def for_page(self, name: str) -> Supplied:
        """The facts supplied for the page file called `name`."""
        if self.file_names is None:
            return self.supplied
        return self.supplied.joined(self.file_names.facts(name), name)


#: Nothing said of a page: it is read for what it prints.
NOTHING_SUPPLIED = Supplied()
NOTHING_GIVEN = Given()
