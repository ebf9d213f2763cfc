"""Article drafts → what kind of item each is: a report, a brief, a picture story, a notice, an
advert or a table (`publisher.model.ARTICLE_KINDS`), with the page-layout rules of the kinds that
the segmenter, which reads every item as a report, cannot know.

- A notice ends with who issued it (南京市玄武区人民法院), a line that reads like a headline and stands
  over the next notice's case number: it is the last line of the notice above.
- A column of briefs (简讯) holds every short item under its banner, and a paragraph signed by its
  writer (…办理了借阅证。（达娃）) is an item of its own.
"""

from __future__ import annotations

import re

from publisher.ingest import lines as patterns
from publisher.ingest.byline import names_in_byline
from publisher.ingest.drafts import Draft, Line, PageWarning, Paragraph
from publisher.ingest.text import ends_sentence

# （达娃） / （李明 王芳）: the names that sign a brief.
_SIGNATURE = re.compile(r"[。！？]\s*[（(]((?:[\u4e00-\u9fff·]{2,6}\s?){1,4})[)）]$")
#: An item in a column of briefs (简讯) is a headline and a paragraph or two.
_BRIEF_MAX_PARAGRAPHS = 2
#: A brief signed by its writer, standing alone, is at most this long.
_SIGNED_BRIEF_MAX_CHARS = 200
#: A table's text beside its rows is its titles.
_TABLE_TITLE_MAX_CHARS = 30


def settle_items(drafts: list[Draft], warnings: list[PageWarning]) -> list[Draft]:
    """The page's drafts with notices closed by their issuers, brief columns spread and split, and
    each draft's kind set."""
    drafts = _close_notices(drafts, warnings)
    drafts = _spread_brief_columns(drafts)
    for draft in drafts:
        draft.kind = kind_of(draft)
        if draft.kind == "brief" and draft.paragraphs and (signed := _SIGNATURE.search(draft.paragraphs[-1].text)):
            # …借阅证。（达娃）: a brief's signature names its writer, whatever the name's form.
            draft.byline_names = list(dict.fromkeys([*draft.byline_names, *names_in_byline(signed[1])]))
    return drafts


def kind_of(draft: Draft) -> str:
    text = [p.text for p in draft.paragraphs]
    if _is_notice(draft):
        return "notice"
    headline = " ".join(draft.headline.parts()) if draft.headline else ""
    if any(patterns.ADVERT_MARK.search(t) for t in [*text, headline]) or (
        draft.section is not None and patterns.AD_HEADER.fullmatch(draft.section)
    ):
        return "advert"
    if draft.table_rows and all(
        len(p.text) <= _TABLE_TITLE_MAX_CHARS and not ends_sentence(p.text)
        for index, p in enumerate(draft.paragraphs)
        if index not in draft.table_rows
    ):
        return "table"  # rows, and titles over them (本周菜价); a fact box in a report leaves it a report
    labelled = draft.headline is not None and patterns.PHOTO_LABEL.fullmatch(draft.headline.title) is not None
    if (draft.figures and not text) or labelled:
        return "photo"  # a title over a photo and its caption; 图片报道 over a caption
    if draft.section is not None and patterns.BRIEFS.fullmatch(draft.section):
        return "brief"
    short = len(text) <= _BRIEF_MAX_PARAGRAPHS and sum(map(len, text)) <= _SIGNED_BRIEF_MAX_CHARS
    if short and text and _SIGNATURE.search(text[-1]):
        return "brief"  # …方便上班族办理事务。（张敏）: a short item signed by its writer
    return "news"


def _is_notice(draft: Draft) -> bool:
    """公告 or a case number over it, an addressee (张建国：) opening it, or 遗失声明 lines."""
    parts = draft.headline.parts() if draft.headline else ()
    if any(patterns.NOTICE_HEADING.fullmatch(part) or patterns.CASE_NUMBER.search(part) for part in parts):
        return True
    if draft.section is not None and patterns.NOTICE_HEADING.fullmatch(draft.section):
        return True
    text = [p.text for p in draft.paragraphs]
    if text and all(patterns.LOST_AND_VOID.search(t) for t in text):
        return True
    return bool(text) and patterns.CASE_NUMBER.match(text[0]) is not None


def _close_notices(drafts: list[Draft], warnings: list[PageWarning]) -> list[Draft]:
    """南京市玄武区人民法院 / （2024）苏0105民初567号, read as one headline over the next notice: the
    first line signs the notice above."""
    out: list[Draft] = []
    for draft in drafts:
        above = out[-1] if out else None
        run = draft.headline_run
        if above is not None and run and patterns.ISSUER.fullmatch(run[0].text) and _is_notice(above):
            _sign(above, run[0])
            draft.set_headline(run[1:])
            if draft.headline is None and not draft.paragraphs and not draft.figures:
                continue
        out.append(draft)
    kept = {id(draft) for draft in out}
    for warning in warnings:
        if warning.draft is not None and id(warning.draft) not in kept:
            warning.draft = None  # its draft was only a notice's issuer line, now in the notice
    return out


def _sign(notice: Draft, issuer: Line) -> None:
    notice.standalone.add(len(notice.paragraphs))
    notice.paragraphs.append(Paragraph(issuer.text, issuer.numbers()))


def _spread_brief_columns(drafts: list[Draft]) -> list[Draft]:
    """简讯 / 县人民医院开展… / “青禾脐橙”获评… : every short item under a column of briefs is in it, not
    just the first, which the banner stands over. The column ends at an item that is not brief."""
    out: list[Draft] = []
    column: str | None = None
    for draft in drafts:
        if draft.section and patterns.BRIEFS.fullmatch(draft.section):
            column = draft.section
            out += _signed_items(draft)
            continue
        if column and draft.section is None:
            items = _signed_items(draft)
            if _is_brief(items[0]):
                for item in items:
                    item.section = column
                out += items
                continue
        column = None
        out.append(draft)
    return out


def _is_brief(draft: Draft) -> bool:
    headline = draft.headline
    plain = headline is not None and headline.kicker is None and headline.subtitle is None
    return plain and len(draft.paragraphs) <= _BRIEF_MAX_PARAGRAPHS


def _signed_items(draft: Draft) -> list[Draft]:
    """德吉乡… / 近日，… / 5月13日，…（达娃） / 日前，…（李明）: in a column of briefs, a signed paragraph that
    opens as a report does (a date, 近日, 本报讯) is an item of its own, with no headline."""
    cuts = [
        index
        for index in range(1, len(draft.paragraphs))
        if patterns.SIGNED.search(draft.paragraphs[index].text)
        and (
            patterns.SOFT_LEAD.match(draft.paragraphs[index].text) or patterns.LEAD.match(draft.paragraphs[index].text)
        )
        and ends_sentence(draft.paragraphs[index - 1].text)
    ]
    if not cuts:
        return [draft]
    items = [draft]
    for start, end in zip(cuts, [*cuts[1:], len(draft.paragraphs)], strict=True):
        item = Draft(page=draft.page, section=draft.section)
        item.paragraphs = draft.paragraphs[start:end]
        items.append(item)
    draft.paragraphs = draft.paragraphs[: cuts[0]]
    for index in list(draft.standalone):
        if index >= cuts[0]:
            draft.standalone.discard(index)
    draft.subheads = [index for index in draft.subheads if index < cuts[0]]
    return items
