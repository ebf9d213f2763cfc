"""The Traditional-Chinese editions: converted once from the model, under the desk's phrases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from conftest import SECOND_ISSUE, SEED

from publisher.errors import InputError
from publisher.ingest import parse_issue
from publisher.model import Issue
from publisher.reviews import ONE_TO_MANY, review_report
from publisher.transforms.variants import Converter, Phrases, corner_quotes, to_variant

VARIANTS = ["zh-Hant-TW", "zh-Hant-HK", "zh-Hant"]


def converter(variant: str, *desk: Path) -> Converter:
    return Converter(variant, Phrases.for_variant(variant, desk))


def strings(issue: Issue) -> list[str]:
    out = [issue.paper]
    for a in issue.articles:
        out += [*a.headline.parts(), *a.paragraphs, *a.reporters, *(f.caption for f in a.figures)]
        out += [f.credit for f in a.figures if f.credit] + ([a.section] if a.section else [])
    return out


@pytest.fixture(scope="module", params=VARIANTS)
def variant_pair(request: pytest.FixtureRequest, seed_issue: Issue) -> tuple[str, Issue]:
    return request.param, to_variant(seed_issue, converter(request.param))


def test_taiwan_edition_of_the_seed(seed_issue: Issue) -> None:
    taiwan = to_variant(seed_issue, converter("zh-Hant-TW"))
    assert "黃茂軍" in taiwan.articles[0].paragraphs[1] or "黃茂軍" in "".join(taiwan.articles[0].paragraphs)
    assert taiwan.articles[0].headline.kicker == "黃茂軍在全區數字重慶建設推進會上強調"
    source_quotes = sum(p.count("“") for p in strings(seed_issue))
    assert source_quotes > 10
    assert sum(p.count("「") for p in strings(taiwan)) == source_quotes
    assert not any(mark in text for text in strings(taiwan) for mark in "“”")
    assert taiwan.articles[1].title == "重慶市「3·5」學雷鋒日主題志願服務活動啟動"


def test_what_never_changes(variant_pair: tuple[str, Issue], seed_issue: Issue) -> None:
    variant, edition = variant_pair
    assert edition.language == variant
    assert [a.id for a in edition.articles] == [a.id for a in seed_issue.articles]
    assert (edition.date, edition.issue_number, edition.total_issue_number) == (
        seed_issue.date,
        seed_issue.issue_number,
        seed_issue.total_issue_number,
    )
    assert edition.dropped == seed_issue.dropped
    assert [a.source_lines for a in edition.articles] == [a.source_lines for a in seed_issue.articles]
    # 渝中報 is printed in Traditional characters already: every edition keeps it.
    assert edition.paper == "渝中報"


def test_no_simplified_character_is_left(variant_pair: tuple[str, Issue]) -> None:
    """Converting again changes nothing; plain s2t changes only the edition's own regional forms
    (Taiwan's 群 for OpenCC's 羣, Hong Kong's 台 for 臺), which the edition's converter chooses again,
    and the characters it chose another of their Traditional forms for (新征程, not s2t's 新徵程)."""
    variant, edition = variant_pair
    again = converter(variant)
    texts = strings(edition)
    assert again.convert_all(texts) == texts
    to_standard, to_simplified = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    for text in texts:
        standard = to_standard.convert(text)
        for mine, theirs in zip(text, standard, strict=True):
            if mine != theirs and mine not in ONE_TO_MANY.get(to_simplified.convert(theirs), ()):
                assert again.convert_all([theirs]) == [mine], (variant, mine, theirs, text)


def test_masthead_and_figures_convert(seed_issue: Issue) -> None:
    taiwan = to_variant(seed_issue, converter("zh-Hant-TW"))
    assert taiwan.masthead.sponsor == "中共渝中區委宣傳部"
    assert taiwan.masthead.registration == "渝內字第538號"
    assert dict(taiwan.masthead.hotlines) == {"新聞熱線": "63807576", "職業道德監督": "63801987"}
    figure = next(f for a in taiwan.articles for f in a.figures)
    assert (figure.caption, figure.credit) == ("提檔升級後的石灰市菜市場。", "記者姚廷洋攝")
    market = next(a for a in taiwan.articles if a.figures)
    assert market.section == "全面推動黨的二十大精神在重慶落地生根開花結果 敢闖敢幹 唯實爭先"


@pytest.mark.parametrize(
    ("variant", "source", "expected"),
    [
        # OpenCC's 被发 (被髮, hair hanging loose) would print 被髮明
        ("zh-Hant-TW", "这项技术被发明出来", "這項技術被發明出來"),
        ("zh-Hant-HK", "这项技术被发明出来", "這項技術被發明出來"),
        ("zh-Hant", "这项技术被发明出来", "這項技術被發明出來"),
        # s2twp's 数组 → 陣列 would print 少陣列織
        ("zh-Hant-TW", "帮助少数组织开展活动", "幫助少數組織開展活動"),
        # s2twp's 导出 → 匯出 would print 領匯出席
        ("zh-Hant-TW", "市领导出席", "市領導出席"),
        # s2twp's 全局 → 全域性 (the programmer's "global")
        ("zh-Hant-TW", "站在全局的高度", "站在全局的高度"),
        ("zh-Hant-TW", "新闻发布会", "新聞發布會"),
    ],
)
def test_shipped_phrases_fix_opencc(variant: str, source: str, expected: str) -> None:
    assert converter(variant).convert_all([source]) == [expected]


def test_a_desk_phrase_file_overrides_a_conversion(tmp_path: Path) -> None:
    desk = tmp_path / "desk-tw.txt"
    desk.write_text("# our own usage\n出租车\t出租車\n", encoding="utf-8")
    assert converter("zh-Hant-TW").convert_all(["乘坐出租车"]) == ["乘坐計程車"]
    assert converter("zh-Hant-TW", desk).convert_all(["乘坐出租车"]) == ["乘坐出租車"]


def test_a_desk_phrase_file_from_publisher_toml(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    page = SECOND_ISSUE.read_text(encoding="utf-8").replace("吸引求职者", "吸引乘坐出租车的求职者")
    (tmp_path / "pages" / "p1.txt").write_text(page, encoding="utf-8")
    (tmp_path / "tw.txt").write_text("出租车\t出租車\n", encoding="utf-8")
    (tmp_path / "publisher.toml").write_text(
        'input = ["pages"]\ntts = "none"\n[phrases]\n"zh-Hant-TW" = "tw.txt"\n', encoding="utf-8"
    )
    result = subprocess.run([sys.executable, "-m", "publisher", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    model = json.loads((tmp_path / "out/model/yuzhongbao-2024-03-08.zh-Hant-TW.json").read_text(encoding="utf-8"))
    text = "".join(p for a in model["articles"] for p in a["paragraphs"])
    assert "乘坐出租車的求職者" in text and "計程車" not in text


def test_a_bad_phrase_line_is_a_clear_error(tmp_path: Path) -> None:
    desk = tmp_path / "bad.txt"
    desk.write_text("出租车\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:1: a phrase line is Simplified<TAB>Traditional"):
        Phrases.for_variant("zh-Hant-TW", [desk])


def test_unknown_variant() -> None:
    with pytest.raises(InputError, match="unknown variant 'zh-Hant-SG'"):
        Converter("zh-Hant-SG", Phrases(()))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("他说：“好。”", "他说：「好。」"),
        ("“他说：‘我们要“加油”。’”", "「他说：『我们要「加油」。』」"),
        ("“雷锋的士”“金牌导游”", "「雷锋的士」「金牌导游」"),
        ("China’s economy", "China’s economy"),
    ],
)
def test_corner_quotes_pair_by_depth(source: str, expected: str) -> None:
    assert corner_quotes(source) == expected


def test_review_report_lists_one_to_many_conversions(seed_issue: Issue) -> None:
    report = review_report(seed_issue, converter("zh-Hant-TW"))
    lines = report.splitlines()
    assert lines[0].startswith("# 渝中報 2024-03-06 · zh-Hant-TW")
    body = lines[2 : next(n for n, line in enumerate(lines) if line.startswith("# words printed"))]
    assert 30 <= len(body) <= 120
    by_choice = {line.split(" · ")[0]: line for line in body}
    assert "发 → 發 (發 髮)" in by_choice
    assert "量发展→量發展×3" in by_choice["发 → 發 (發 髮)"]
    assert "干 → 幹 (幹 乾 干 榦)" in by_choice
    assert "为干部→為幹部" in by_choice["干 → 幹 (幹 乾 干 榦)"]
    assert "…取的锐气”转化为干部群众的道德自觉…" in by_choice["干 → 幹 (幹 乾 干 榦)"]
    # every character of the report has several forms, and every one in the seed's text is there
    chars = {line[0] for line in body}
    assert chars <= set(ONE_TO_MANY)
    assert chars == {c for text in strings(seed_issue) for c in text if c in ONE_TO_MANY} - {
        c for credit in [f.credit for a in seed_issue.articles for f in a.figures] for c in credit or ""
    } - {c for a in seed_issue.articles for r in a.reporters for c in r}


def test_parse_prints_a_variant() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "publisher", "parse", str(SEED), "--json", "--variant", "zh-Hant-TW"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    assert model["language"] == "zh-Hant-TW"
    assert model["articles"][0]["kicker"] == "黃茂軍在全區數字重慶建設推進會上強調"


def test_build_variants_option(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "publisher",
            "build",
            str(SEED),
            "--out",
            str(tmp_path / "out"),
            "--variants",
            "zh-Hant-HK",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "out/manifest.json").read_text(encoding="utf-8"))
    assert {a["variant"] for a in manifest["artifacts"]} == {"zh-Hant-HK", None}
    # Only the files every edition shares are of no variant: the site's home, stylesheet and catalogue root.
    assert {a["path"] for a in manifest["artifacts"] if a["variant"] is None} == {
        "index.html",
        "assets/site.css",
        "assets/readalong.js",
        "opds/index.xml",
    }
    assert [a["kind"] for a in manifest["artifacts"] if a["kind"] in ("model", "review")] == ["model", "review"]
    assert "zh-Hant-HK: " in result.stdout


def test_a_traditional_page_makes_a_simplified_edition(tmp_path: Path) -> None:
    page = tmp_path / "big5.txt"
    page.write_bytes(opencc.OpenCC("s2tw").convert(SECOND_ISSUE.read_text(encoding="utf-8")).encode("big5"))
    source = parse_issue([page])
    simplified = to_variant(source, Converter("zh-Hans", Phrases(()), source=source.language))
    assert source.language == "zh-Hant" and simplified.language == "zh-Hans"
    assert simplified.articles[0].title == parse_issue([SECOND_ISSUE]).articles[0].title
