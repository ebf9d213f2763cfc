"""What a build asks an editor to read before an issue goes out: the reviews in out/review/.

The conversion reviews (`publisher.transforms.variants.review_report`) list each character with
several Traditional forms as converted; the OCR review lists the pages and articles read off the
rendered page, whose text no one has yet compared with the print.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.model import Issue


@dataclass(frozen=True)
class Review:
    """A file of the build an editor should read: what it lists ("{count} conversions"), where, how many."""

    what: str
    path: str
    count: int

    def line(self) -> str:
        return self.what.format(count=self.count)


def machine_read_report(issue: Issue) -> str | None:
    """The pages and articles of the issue read by OCR, for an editor to check against the page
    before they are published or read aloud; None where OCR read nothing."""
    pages = [p for p in issue.pages if p.encoding == "ocr"]
    if not pages:
        return None
    articles = {w.article for w in issue.warnings if w.kind == "ocr" and w.article}
    lines = [
        f"# {issue.paper} {issue.date}: read by OCR, to check against the printed page before it is "
        f"published or read aloud ({len(articles)} articles)",
        *(f"page {page.label} · {page.source}" for page in pages),
        *(
            f"{article.id} · page {article.page_label} · {article.headline.one_line()}"
            for article in issue.articles
            if article.id in articles
        ),
    ]
    return "\n".join(lines) + "\n"
