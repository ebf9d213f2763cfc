"""A page's remaining lines → article drafts: headline blocks, bylines, captions and paragraphs,
read top to bottom (`segment`)."""

from __future__ import annotations

from itertools import pairwise

from publisher.ingest import lines as patterns
from publisher.ingest.byline import names_in_byline
from publisher.ingest.drafts import (
    Draft,
    FigureDraft,
    Line,
    PageWarning,
    Paragraph,
    is_bare_dateline,
    is_byline,
    is_credit,
    is_headline_like,
    is_lead,
    is_set_byline,
)
from publisher.ingest.figures import FIGURE_LINE_MAX_CHARS, caption_with_credit, figure_draft, word_pairs
from publisher.ingest.items import settle_items
from publisher.ingest.pairing import pair_headlines
from publisher.ingest.subheads import is_enumerated, is_subhead, one_heading, series_subheads
from publisher.ingest.text import compact, ends_sentence, join_fragments

#: A 小标题 is set this much smaller than its article's headline, or smaller still.
_SUBHEAD_SCALE = 0.8
#: Lines whose sizes are within this share of each other are set in one size.
_ONE_SIZE = 0.15


def segment(page: int, lines: list[Line], warnings: list[PageWarning]) -> list[Draft]:
    """The article drafts of a page's content lines (set-aside lines removed), top to bottom."""
    return settle_items(pair_headlines(_Segmenter(page, lines, warnings).run(), warnings), warnings)


class _Segmenter:
    """Cuts a page's remaining lines into article drafts, reading top to bottom."""

    def __init__(self, page: int, lines: list[Line], warnings: list[PageWarning]) -> None:
        self.page = page
        self.lines = lines
        # Where the run of headline-like lines starting at each line ends, found once, so a page of
        # ten thousand headline-like lines is read in linear time. A box's label (核心阅读) under a
        # headline set after its text opens a run of its own: it heads the box of the text below.
        self.run_end = list(range(len(lines) + 1))
        for index in range(len(lines) - 1, -1, -1):
            if is_headline_like(lines[index]) and lines[index].photo is None:
                labelled = index + 1 < len(lines) and patterns.BOX_LABEL.fullmatch(lines[index + 1].text)
                self.run_end[index] = index + 1 if labelled else self.run_end[index + 1]
        # The first line at or after each one that is not part of a figure or a byline, likewise.
        self.next_body: list[int | None] = [None] * (len(lines) + 1)
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            is_body = line.kind in ("jump-in", "jump-out") or (line.kind == "text" and not self._is_figure_part(index))
            self.next_body[index] = index if is_body else self.next_body[index + 1]
        #: Headline runs that head the sections of a feature (`publisher.ingest.subheads`).
        self.series = series_subheads(lines, self.run_end, self.next_body)
        self.warnings = warnings
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        #: The current article ended on this page: (下转2版), or the page just began.
        self.closed = True
        #: A duplicate was removed since the last paragraph.
        self.removed = False
        #: The current article was closed by its sign-off (（本报罗马1月31日电）), which another may follow.
        self.signed_off = False
        self.pending_figures: list[FigureDraft] = []
        #: Photos set between the end of one article and the headline of the next, with the article
        #: above them: which one they belong to is decided when the page is read (`_settle_photos`).
        self.between: list[tuple[FigureDraft, Draft]] = []
        self.settle: list[tuple[FigureDraft, Draft, Draft]] = []

    def run(self) -> list[Draft]:
        index = 0
        while index < len(self.lines):
            index += self._step(index)
        self._finish_current()
        for figure, above in self.between:  # under the page's last article: nothing below to go to
            above.figures.append(figure)
        self._settle_photos()
        if self.pending_figures:
            # Figures after the last article on the page: they belong to the article above them.
            if not self.drafts:
                self._headless_draft(self.pending_figures[0].lines[0])
                self._finish_current()
            self.drafts[-1].figures.extend(self.pending_figures)
        return self.drafts

    def _step(self, index: int) -> int:
        """Handle the line at `index` (and any that belong with it); return how many were taken."""
        line = self.lines[index]
        if line.kind == "duplicate":
            self.removed = True
            return 1
        if line.kind == "jump-out":
            if self.current is not None:
                self.current.continued_on = line.jump_out
            self.closed = True
            return 1
        if line.kind == "jump-in":
            self._start_continuation(line.jump_in)
            return 1
        if line.photo is not None:
            return self._photo_caption(index)
        if self.run_end[index] > index:
            return self._headline_run(index)
        return self._body_line(index)

    def _photo_caption(self, index: int) -> int:
        """The lines the page's PDF sets under a photo: its caption and credit, on one line or several,
        and an illustration's lettering beside its artist's name."""
        photo = self.lines[index].photo
        end = index
        while end < len(self.lines) and self.lines[end].photo == photo and self.lines[end].kind == "text":
            end += 1
        captions: list[str] = []
        credits: list[str] = []
        numbers: list[int] = []
        for line in self.lines[index:end]:
            numbers += line.numbers()
            if m := caption_with_credit(line.text):
                captions.append(m["caption"])
                credits.append(m["credit"])
            elif is_credit(line.text):
                credits.append(line.text)
            else:
                captions.append(line.text)
        figure = figure_draft("".join(captions), " ".join(credits) or None, numbers, photo)
        earlier = next((f for f in self._figures() if f.photo == photo), None)
        if earlier is None and (self.current is None or self.closed):
            self.pending_figures.append(figure)
        elif earlier is None:
            self.current.figures.append(figure)  # where the page sets it: in the article it stands in
        else:  # the caption's lines read apart (a credit set beside the next column): one figure
            earlier.caption += figure.caption
            earlier.credit = " ".join(filter(None, [earlier.credit, figure.credit])) or None
            earlier.lines += figure.lines
        return end - index

    def _figures(self) -> list[FigureDraft]:
        placed = [f for draft in [*self.drafts, self.current] if draft is not None for f in draft.figures]
        return [*placed, *self.pending_figures, *(f for f, _ in self.between), *(f for f, _, _ in self.settle)]

    def _headline_run(self, index: int) -> int:
        run = self.lines[index : self.run_end[index]]
        if patterns.BOX_LABEL.fullmatch(run[0].text):
            # 核心阅读 / 编者的话: a box in the article, headed; never an article's headline.
            if self.current is None or self.closed:
                self._headless_draft(run[0].number)
            self._add_subhead(run[:1])
            return 1
        last = self._last_paragraph()
        if last is not None and last.text[-1] in "：:" and not is_enumerated(run):
            # …坐在山头上陷入沉思： / 穷的死结究竟在哪里？: what the text announces, never a headline.
            for line in run:
                self._add_paragraph(line)
            return len(run)
        after = self._line_at(self.next_body[index + len(run)])
        # An article starts under the run: a continuation, a lead, or the box it opens with (核心阅读).
        followed_by_start = after is not None and (
            after.kind == "jump-in" or after.jump_in or is_lead(after) or patterns.BOX_LABEL.fullmatch(after.text)
        )
        if self._joins_last(run[0]) and not followed_by_start:
            # …志愿者和市民 / 代表共500余人参加活动: a short line finishing the sentence above it.
            self._add_paragraph(run[0])
            return 1
        current = self.current
        if self._open_paragraphs() and len(run) == 1 and self._is_signature_date(index + 1):
            # 清溪县人民代表大会常务委员会 / 2024年3月11日: a notice signed below its text.
            self._add_standalone(run[0])
            self._add_standalone(self.lines[index + 1])
            return 2
        if current is not None and not self.closed and current.continued_from and not current.paragraphs:
            if current.headline is None:
                # (上接1版) / 持续巩固提升全国文明城市建设成果: the jump headline under the marker.
                current.set_headline(run)
                return len(run)
            # 持续巩固… / (上接1版) / 营造崇德向善的浓厚氛围: the continuation's text resumes mid-sentence.
            self._add_paragraph(run[0])
            return 1
        following = self.lines[index + len(run)] if index + len(run) < len(self.lines) else None
        # 课后服务覆盖全市所有小学 / 潇城晚报记者 方圆/文: a line with a byline under it heads an article.
        bylined = (
            following is not None
            and following.kind == "text"
            and (is_byline(following.text) or is_set_byline(following))
        )
        # 荷塘月色引客来 / 6月15日，游客在…赏花拍照。 / 本报记者 许朗 摄: the title of a picture story, as
        # 图片报道 over a caption is.
        pictured = patterns.PHOTO_LABEL.fullmatch(run[0].text) is not None or (
            following is not None and self._is_figure_part(index + len(run))
        )
        hard_start = self.closed or followed_by_start or after is None or bylined or pictured or self._ends_notice(run)
        soft_start = after is not None and patterns.SOFT_LEAD.match(after.text) is not None
        if index in self.series and self._open_paragraphs() and not (hard_start and not bylined):
            self._add_subhead(run)
            return len(run)
        if current is not None and not hard_start and not soft_start and len(run) == 1 and run[0].text[-1] in "？！?!":
            # 这就是我们的家！ between paragraphs: an exclamation of the text, not a headline.
            self._add_paragraph(run[0])
            return 1
        if (
            current is not None
            and current.paragraphs
            and not hard_start
            and (is_enumerated(run) or (not soft_start and _is_subhead(run, current)))
        ):
            self._add_subhead(run[:1])
            return 1
        self._finish_current()
        draft = Draft(page=self.page)
        draft.set_headline(run)
        self._open(draft)
        return len(run)

    def _ends_notice(self, run: list[Line]) -> bool:
        """遗失声明 heads a notice of its own; after a notice (公告 …) a new item begins, never a subhead."""
        current = self.current
        noticed = (
            current is not None
            and current.headline is not None
            and patterns.NOTICE_HEADING.fullmatch(current.headline.title)
        )
        return bool(patterns.NOTICE_HEADING.fullmatch(run[0].text) or noticed)

    def _is_figure_part(self, index: int) -> bool:
        text = self.lines[index].text
        return (
            self.lines[index].photo is not None
            or is_credit(text)
            or is_byline(text)
            or self._is_caption(index)
            or bool(patterns.CAPTION_MARK.match(text))
        )

    def _is_caption(self, index: int) -> bool:
        """A caption whose credit is the next line (the credit on the same line: `caption_with_credit`)."""
        text = self.lines[index].text
        if caption_with_credit(text):
            return True
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (
            len(text) <= FIGURE_LINE_MAX_CHARS
            and following is not None
            and following.kind == "text"
            and is_credit(following.text)
            and not is_lead(self.lines[index])
        )

    def _body_line(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        if line.jump_in:
            self._start_continuation(line.jump_in)
            self._add_paragraph(line)
            return 1
        if line.table:
            if self.current is None or self.closed:
                self._headless_draft(line.number)
            assert self.current is not None
            self.current.table_rows.add(len(self.current.paragraphs))
            self._add_standalone(line)
            return 1
        if m := caption_with_credit(text):
            self._add_figure(figure_draft(m["caption"], m["credit"], line.numbers()), index + 1)
            return 1
        if self._is_caption(index):
            credit = self.lines[index + 1]
            self._add_figure(figure_draft(text, credit.text, line.numbers() + credit.numbers()), index + 2)
            return 2
        if is_credit(text):
            self._add_figure(figure_draft("", text, line.numbers()), index + 1)
            return 1
        if len(text) <= FIGURE_LINE_MAX_CHARS and (
            patterns.CAPTION_MARK.match(text) or self._caption_before_lead(index)
        ):
            self._add_figure(figure_draft(text, None, line.numbers()), index + 1)
            return 1
        # （作者为国家发改委宏观经济研究 / 院研究员）: a sign-off cut by the column goes on as text.
        signs_off = bool(patterns.SIGN_OFF.match(text)) and patterns.balanced(text)
        if self.signed_off and signs_off:
            # （作者为…） / （本系列评论到此结束）: a second sign-off closes the same article.
            self.closed = False
        if self._open_paragraphs() and (self._is_signature_date(index) or patterns.PARTICULAR.match(text) or signs_off):
            # 2024年3月11日 under a notice; 咨询电话：023-63801234; （本报罗马1月31日电）: lines that stand alone.
            self._add_standalone(line)
            # （本报罗马1月31日电） / （本系列评论到此结束）: the article ends here.
            self.closed = self.signed_off = signs_off
            return 1
        if (is_byline(text) or is_set_byline(line)) and self.current is not None and not self.closed:
            self.current.byline = " ".join(filter(None, [self.current.byline, text]))
            self.current.byline_lines += line.numbers()
            self.current.byline_names += names_in_byline(text)
            return 1
        last = self._last_paragraph()
        bare_dateline = last is not None and is_bare_dateline(last.text)
        second_lead = is_lead(line) and self._has_lead_or_text() and not self.closed and not bare_dateline
        if second_lead and not (self.current is not None and self.current.reports_separately()):
            # A second lead in one article: the headline of a new article was lost in extraction. A
            # paragraph over the first lead is the article's summary (习近平：中方支持… / 本报北京…电);
            # 李克强栗战书分别会见… reports each meeting under its own dateline.
            self._finish_current()
        self._add_paragraph(line)
        return 1

    def _has_lead_or_text(self) -> bool:
        """The current article has its lead, or more text than a summary over it, or than the box it
        opens with (编者的话 / … / 本报讯…: the box goes before the lead)."""
        if self.current is None or not self.current.paragraphs:
            return False
        texts = [paragraph.text for paragraph in self.current.paragraphs]
        if patterns.BOX_LABEL.fullmatch(texts[0]):
            return any(is_lead(Line(0, "", text)) for text in texts[1:])
        return len(texts) > 1 or is_lead(Line(0, "", texts[0]))

    def _open_paragraphs(self) -> bool:
        """The current article is still open and has text."""
        return self.current is not None and not self.closed and bool(self.current.paragraphs)

    def _is_signature_date(self, index: int) -> bool:
        return (
            index < len(self.lines)
            and self.lines[index].kind == "text"
            and patterns.SIGNATURE_DATE.fullmatch(self.lines[index].text) is not None
        )

    def _caption_before_lead(self, index: int) -> bool:
        """A short sentence between a headline and its lead is a caption without a credit."""
        line = self.lines[index]
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (
            self.current is not None
            and not self.closed
            and not self.current.paragraphs
            and not is_lead(line)
            and ends_sentence(line.text)
            and following is not None
            and following.kind == "text"
            and is_lead(following)
        )

    def _add_figure(self, figure: FigureDraft, after: int) -> None:
        """A photo belongs to the article it stands in; between articles, to the one below it, unless
        set right under an article's text and above the next headline, where its caption decides."""
        following = self.next_body[after]
        above_headline = following is not None and self.run_end[following] > following
        if self.current is None or self.closed:
            self.pending_figures.append(figure)
        elif above_headline and self.current.paragraphs:
            self.between.append((figure, self.current))
        else:
            self.current.figures.append(figure)

    def _settle_photos(self) -> None:
        """Each photo between two articles goes to the one its caption shares more words with
        (图为游客在油菜花海中拍照留念 belongs over 龙潭镇万亩油菜花竞相开放); on a tie, to the one below."""
        kept = {id(draft) for draft in self.drafts}
        for figure, above, below in self.settle:
            if id(below) not in kept:  # the next "article" came to nothing: the photo stays above
                above.figures.append(figure)
                continue
            caption = set(pairwise(compact(figure.caption)))
            shared_above, shared_below = (len(caption & word_pairs(draft)) for draft in (above, below))
            (above if shared_above > shared_below else below).figures.append(figure)

    def _line_at(self, index: int | None) -> Line | None:
        return None if index is None else self.lines[index]

    def _last_paragraph(self) -> Paragraph | None:
        if self.current is None or self.closed or not self.current.paragraphs:
            return None
        return self.current.paragraphs[-1]

    def _add_paragraph(self, line: Line) -> None:
        if self.current is None or self.closed:
            self._headless_draft(line.number)
        assert self.current is not None
        last = self._last_paragraph()
        if last is not None and self._joins_last(line):
            last.text = join_fragments(last.text, line.text)
            last.lines += line.numbers()
        else:
            self.current.paragraphs.append(Paragraph(line.text, line.numbers()))
        self.removed = False
        if line.jump_out:
            self.current.continued_on = line.jump_out
            self.closed = True

    def _add_subhead(self, run: list[Line]) -> None:
        """The heading `run` (a line, or the lines of one heading) inside the current article."""
        assert self.current is not None
        self.current.subheads.append(len(self.current.paragraphs))
        self.current.standalone.add(len(self.current.paragraphs))
        self.current.paragraphs.append(Paragraph(one_heading(run), [n for line in run for n in line.numbers()]))
        self.removed = False

    def _add_standalone(self, line: Line) -> None:
        """A paragraph that neither joins the one above nor takes the one below: a subhead, a signature."""
        assert self.current is not None
        self.current.standalone.add(len(self.current.paragraphs))
        self.current.paragraphs.append(Paragraph(line.text, line.numbers()))
        self.removed = False

    def _joins_last(self, line: Line) -> bool:
        """Whether `line` goes on with the current article's last paragraph, cut by the layout. Across a
        removed duplicate only a clause left open by ，、； goes on: a word cut in half (…建设点, the
        seed's line 40) lost its continuation to the misplaced copy. A page read from its PDF has
        its paragraphs whole already (`layout`)."""
        last = self._last_paragraph()
        if line.scale is not None or last is None or len(self.current.paragraphs) - 1 in self.current.standalone:  # type: ignore[union-attr]
            return False
        return _continues(last.text, line.text) and (not self.removed or last.text[-1] in "，、；,;")

    def _headless_draft(self, line: int) -> None:
        """Text with no headline above it: an article whose headline the extractor lost."""
        self._finish_current()
        draft = Draft(page=self.page)
        self.warnings.append(PageWarning("no-headline", f"line {line}: text without a headline above it", line, draft))
        self._open(draft)

    def _start_continuation(self, from_page: int | None) -> None:
        current = self.current
        if current is not None and not self.closed and not current.paragraphs and not current.continued_from:
            # 奋力打造更多实用实战标志性成果 / (上接1版): the jump headline sits over the marker.
            current.continued_from = from_page
            return
        self._finish_current()
        self._open(Draft(page=self.page, continued_from=from_page))

    def _open(self, draft: Draft) -> None:
        draft.figures.extend(self.pending_figures)
        self.pending_figures = []
        self.settle += [(figure, above, draft) for figure, above in self.between]
        self.between = []
        self.current, self.closed, self.removed, self.signed_off = draft, False, False, False

    def _finish_current(self) -> None:
        draft = self.current
        if draft is None:
            return
        self.current, self.closed = None, True
        if draft.paragraphs or draft.headline or draft.figures or draft.byline:
            self.drafts.append(draft)
        for position, paragraph in enumerate(draft.paragraphs):
            if ends_sentence(paragraph.text) or position in draft.standalone:
                continue
            if position == len(draft.paragraphs) - 1 and draft.continued_on:
                continue
            self.warnings.append(
                PageWarning(
                    "paragraph-cut",
                    f"line {paragraph.lines[-1]}: paragraph ends mid-sentence (…{paragraph.text[-8:]}) and nothing "
                    "continues it; kept as printed",
                    paragraph.lines[-1],
                    draft,
                )
            )


def _is_subhead(run: list[Line], current: Draft) -> bool:
    """A heading between the article's paragraphs. Read from the PDF, it is display type smaller than
    the article's headline, however long (社会主要矛盾变化标志着中国特色社会主义取得重大历史性成就);
    one as large is the next article's headline, and so is one set vertically (a 小标题 never is)."""
    if any(line.vertical for line in run):
        return False
    headline = [line.scale for line in current.headline_run if line.scale is not None]
    sizes = [line.scale for line in run if line.scale is not None]
    if headline and sizes:
        # Lines in several sizes are a headline group (a kicker over its title); a 小标题 is in one.
        grouped = max(sizes) > (1 + _ONE_SIZE) * min(sizes)
        return not grouped and max(sizes) < _SUBHEAD_SCALE * max(headline)
    return is_subhead(run)


def _continues(paragraph: str, text: str) -> bool:
    """Whether `text` goes on with `paragraph`, cut by the column layout. A clause ending in ；
    continues unless the next line opens a new item (…的报告； / 审议了《…》。 is one sentence; 1.…；
    / 2.… are two items)."""
    if not ends_sentence(paragraph):
        return True
    return paragraph.rstrip("”’」』）)》")[-1:] in "；;" and not patterns.ENUMERATED.match(text)
