"""The same page in every encoding, line ending and spacing a desk's tools produce gives the same model."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import opencc
import pytest
from conftest import SECOND_ISSUE, SEED, parse_json

SEED_TEXT = SEED.read_text(encoding="utf-8")
CJK = r"[\u4e00-\u9fff]"


def _letter_spaced(text: str) -> str:
    """What some extractors do to justified Chinese: a space between every character of a Chinese run,
    so a space the paper printed shows as a wider gap (志 愿 新 征 程   建 功 新 重 庆)."""
    lines = []
    for line in text.split("\n"):
        line = line.replace(" ", "   ")
        line = re.sub(rf"(?<=\S)(?=\S)(?:(?<={CJK})|(?={CJK}))", " ", line)
        lines.append(line)
    return "\n".join(lines)


VARIANTS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-8-bom-crlf": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    "utf-16-bom": lambda t: t.encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "cr-only": lambda t: t.replace("\n", "\r").encode("utf-8"),
    # pdftotext ends each page with a form feed, which starts the next page's first line
    "form-feeds": lambda t: (t.replace("\n\n\n", "\n\n\f\n") + "\f").encode("utf-8"),
    "letter-spaced": lambda t: _letter_spaced(t).encode("utf-8"),
    "spaced-lead-only": lambda t: t.replace("本报讯", "本 报 讯").encode("utf-8"),
    "ideographic-indent": lambda t: re.sub(r"^(?=本报讯|黄茂军)", "\u3000\u3000", t, flags=re.M).encode("utf-8"),
}


def _comparable(model: dict) -> dict:
    """The model without what honestly differs between the files: their name and encoding."""
    for page in model["pages"]:
        page.pop("source"), page.pop("encoding")
    for dropped in model["dropped"]:
        dropped.pop("text")
    return model


@pytest.fixture(scope="module")
def seed_model() -> dict:
    return _comparable(parse_json([SEED]))


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_model(variant: str, seed_model: dict, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(VARIANTS[variant](SEED_TEXT))
    assert _comparable(parse_json([page])) == seed_model


@pytest.mark.parametrize(
    ("variant", "expected"), [("gb18030", "gb18030"), ("utf-8-bom-crlf", "utf-8"), ("utf-16-bom", "utf-16")]
)
def test_encoding_is_recorded(variant: str, expected: str, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(VARIANTS[variant](SEED_TEXT))
    assert parse_json([page])["pages"][0]["encoding"] == expected


def test_big5_traditional_page(tmp_path: Path) -> None:
    """A Big5 page printed in Traditional characters parses to the same structure, tagged zh-Hant."""
    simplified = SECOND_ISSUE.read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2tw").convert(simplified)
    page = tmp_path / "big5.txt"
    page.write_bytes(traditional.encode("big5"))
    model, original = parse_json([page]), parse_json([SECOND_ISSUE])
    assert model["pages"][0]["encoding"] == "big5"
    assert model["language"] == "zh-Hant"
    assert original["language"] == "zh-Hans"
    assert (model["date"], model["issue_number"], model["total_issue_number"]) == ("2024-03-08", 27, 2012)
    to_traditional = opencc.OpenCC("s2tw").convert
    assert [a["title"] for a in model["articles"]] == [to_traditional(a["title"]) for a in original["articles"]]
    assert [a["reporters"] for a in model["articles"]] == [
        [to_traditional(r) for r in a["reporters"]] for a in original["articles"]
    ]


def test_truncated_utf8_keeps_what_it_has(tmp_path: Path) -> None:
    page = tmp_path / "cut.txt"
    page.write_bytes(SEED_TEXT.encode("utf-8")[:-2])
    model = parse_json([page])
    assert len(model["articles"]) == 6
    assert any(w["kind"] == "decoding" and "ends inside a UTF-8 character" in w["message"] for w in model["warnings"])


def test_export_without_blank_lines(seed_model: dict, tmp_path: Path) -> None:
    """One paragraph a line and no blank lines between: the same articles (line numbers differ)."""
    page = tmp_path / "dense.txt"
    page.write_text("\n".join(line for line in SEED_TEXT.split("\n") if line.strip()), encoding="utf-8")
    fields = ["section", "kicker", "title", "subtitle", "reporters", "paragraphs", "figures", "continued_on"]
    dense = parse_json([page])
    assert [{f: a[f] for f in fields} for a in dense["articles"]] == [
        {f: a[f] for f in fields} for a in seed_model["articles"]
    ]
    assert [w["kind"] for w in dense["warnings"]] == [w["kind"] for w in seed_model["warnings"]]
