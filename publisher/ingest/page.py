"""One page's lines → its nameplate and article drafts, with every line accounted for.

The page is read top to bottom in the order the extractor wrote it. Nameplate, furniture, jump
markers and extraction duplicates are set aside first (`setaside`); paragraphs an extractor cut
at the column width are joined (`reflow`); what is left is a sequence of headline blocks,
captions, bylines and paragraphs, which `segment` cuts into articles. Pages are joined into an
issue (continuations stitched, ids given) by `publisher.ingest.issue`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from publisher.errors import InputError
from publisher.ingest.decode import MACHINE_READ, DecodedPage
from publisher.ingest.drafts import Line, PageDraft, PageWarning
from publisher.ingest.nameplate import Nameplate
from publisher.ingest.reflow import reflow
from publisher.ingest.segment import segment
from publisher.ingest.setaside import (
    mark_duplicates,
    mark_furniture,
    mark_markers,
    read_nameplate,
)
from publisher.ingest.supplied import NOTHING_SUPPLIED, Supplied, same_paper
from publisher.ingest.tables import gather_tables
from publisher.ingest.text import compact, normalize_line, opencc_convert
from publisher.model import page_order

_FOLIO_FACTS = {"editor", "page_number", "bare_page_number", "page_name"}


def parse_page(decoded: DecodedPage, source: str, supplied: Supplied = NOTHING_SUPPLIED) -> PageDraft:
    laid = decoded.layout or (None,) * len(decoded.lines)
    lines = [
        Line(
            n,
            raw.strip(),
            normalize_line(raw),
            indented=raw.startswith(("\u3000", "  ", "\t")),
            scale=set_as.scale if set_as else None,
            photo=decoded.photos[set_as.photo] if set_as and set_as.photo is not None else None,
            vertical=set_as.vertical if set_as else False,
        )
        for n, (raw, set_as) in enumerate(zip(decoded.lines, laid, strict=True), 1)
        if raw.strip()
    ]
    warnings = [PageWarning("decoding", f"{source}: {note}") for note in decoded.notes]
    mark_furniture(lines)
    nameplate = read_nameplate(lines)
    if decoded.machine_read:
        nameplate = _masthead_misread(nameplate, source, supplied, warnings)
    label, date = _page_identity(nameplate, source, supplied)
    number = page_order(label)[1]
    # A page read from its PDF has its paragraphs from the page's geometry (`layout`): nothing to repair.
    lines = gather_tables(lines) if decoded.layout else reflow(gather_tables(lines))
    mark_markers(lines)
    mark_duplicates(lines, warnings)
    content = [line for line in lines if line.kind not in ("nameplate", "furniture", "pull-quote", "end-mark")]
    drafts = segment(number, content, warnings)
    if decoded.machine_read:
        warnings += [PageWarning("ocr", f"{source}: its text was {MACHINE_READ}", None, draft) for draft in drafts]
    dropped = [
        (line_number, raw, _drop_reason(line, nameplate))
        for line in lines
        if line.kind != "text"
        for line_number, raw in line.physical()
    ]
    return PageDraft(
        number=number,
        label=label,
        paper=nameplate.paper or supplied.paper,
        date=date,
        nameplate=nameplate,
        source=source,
        encoding=decoded.encoding,
        drafts=drafts,
        dropped=dropped,
        warnings=warnings,
        fingerprint=compact("".join(line.text for line in lines)),
    )


def _drop_reason(line: Line, nameplate: Nameplate) -> str:
    if line.kind == "nameplate":
        folio_only = set(line.nameplate_facts) <= _FOLIO_FACTS
        return "masthead" if nameplate.front_page and not folio_only else "folio"
    if line.kind in ("jump-out", "jump-in"):
        return "jump-marker"
    return line.kind


def _masthead_misread(nameplate: Nameplate, source: str, supplied: Supplied, warnings: list[PageWarning]) -> Nameplate:
    """A masthead's calligraphy read by OCR (人民日报 as 民日報) is the desk's paper where the two
    share most of their characters: a misreading, not another paper, which is still refused."""
    printed, own = nameplate.paper, supplied.paper
    if printed is None or own is None or same_paper(printed, own):
        return nameplate
    common = set(opencc_convert("t2s", printed)) & set(opencc_convert("t2s", own))
    if 2 * len(common) < len(set(own)):
        return nameplate
    warnings.append(PageWarning("ocr", f"{source}: OCR read the paper's name as {printed}; taken as {own}"))
    return replace(nameplate, paper=own)


def _page_identity(nameplate: Nameplate, source: str, supplied: Supplied) -> tuple[str, dt.date]:
    """The page's label and the issue's date: as printed, else as supplied; a contradiction refused."""
    try:
        date = nameplate.date()
    except (ValueError, OverflowError):
        raise InputError(
            f"{source}: impossible date {nameplate.year}年{nameplate.month}月{nameplate.day}日 in its masthead or folio"
        ) from None
    supplied.check(source, nameplate.paper, date, nameplate.page_label)
    label = nameplate.page_label or supplied.page
    if label is None and (nameplate.front_page or nameplate.paper):
        label = "1"  # a masthead with the paper's name and no page number: the front page
    if label is None:
        raise InputError(
            f"{source}: prints no page number (no masthead or folio): give it with --page, or name the files "
            "with [paper] file_names"
        )
    date = date or supplied.date
    if date is None:
        raise InputError(
            f"{source}: its masthead or folio prints no date: give it with --date, or name the files with "
            "[paper] file_names"
        )
    return label, date
