"""The Traditional editions as news readers in Taiwan and Hong Kong read them: no computing terms
for general words (unless the desk asks for them), one-to-many characters right in their words,
names as names, Chinese ellipses and dashes, and every word changed listed for the editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from publisher.ingest.text import normalize_line
from publisher.reviews import review_report
from publisher.transforms.names import names_in
from publisher.transforms.variants import Converter, Phrases

TRADITIONAL = ("zh-Hant-TW", "zh-Hant-HK")


def convert(variant: str, text: str, vocabulary: str = "news") -> str:
    (converted,) = Converter(variant, Phrases.for_variant(variant, vocabulary=vocabulary)).convert_all(
        [text], names_in([text])
    )
    return converted


@pytest.mark.parametrize(
    ("simplified", "taiwan"),
    [
        ("城市运行和治理中心", "城市運行和治理中心"),
        ("全区重点项目集中开工", "全區重點項目集中開工"),
        ("石油路街道社区", "石油路街道社區"),
        ("持续优化营商环境", "持續優化營商環境"),
        ("支持民营企业发展", "支持民營企業發展"),
        ("遗失声明作废", "遺失聲明作廢"),
        ("加快推进历史进程", "加快推進歷史進程"),
        ("加强联系群众", "加強聯繫群眾"),
        ("发展循环经济", "發展循環經濟"),
        ("帮扶对象", "幫扶對象"),
        # Taiwan's own words for the same things stay.
        ("出租车和网络", "計程車和網路"),
        ("意大利", "義大利"),
    ],
)
def test_taiwans_news_vocabulary_has_no_computing_terms_for_general_words(simplified: str, taiwan: str) -> None:
    assert convert("zh-Hant-TW", simplified) == taiwan


def test_a_paper_on_computing_may_ask_for_the_computing_vocabulary() -> None:
    assert convert("zh-Hant-TW", "软件项目的运行和优化", vocabulary="it") == "軟體專案的執行和最佳化"


@pytest.mark.parametrize("variant", TRADITIONAL)
@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("为新时代指明了方向", "為新時代指明了方向"),
        ("奋进新征程", "奮進新征程"),
        ("厚植发展优势", "厚植發展優勢"),
        ("举行集中签约仪式", "舉行集中簽約儀式"),
        ("区委书记余季平说", "區委書記余季平說"),
        ("方志刚书记强调", "方志剛書記強調"),
        ("关于此事表示", "關於此事表示"),
        ("于是他说", "於是他說"),
    ],
)
def test_one_to_many_characters_and_names(variant: str, simplified: str, traditional: str) -> None:
    expected = traditional.replace("說", "説") if variant == "zh-Hant-HK" else traditional
    assert convert(variant, simplified) == expected


def test_a_reporters_name_is_a_name_wherever_it_is() -> None:
    texts = ["余季平"]
    names = names_in(texts, known=["余季平"])
    assert names == {"余季平"} and convert("zh-Hant-TW", "余季平") == "餘季平"  # not known: a word
    converter = Converter("zh-Hant-TW", Phrases.for_variant("zh-Hant-TW"))
    assert converter.convert_all(texts, names) == ["余季平"]


@pytest.mark.parametrize(
    ("printed", "fixed"),
    [
        ("发展...未来", "发展……未来"),
        ("发展......未来", "发展……未来"),
        ("发展…未来", "发展……未来"),
        ("他说--好", "他说——好"),
        ("--年底前全部投用", "——年底前全部投用"),
        ("受理—交办—办理", "受理—交办—办理"),  # the connector of a process is one dash (GB/T 15834)
        ("他说'好'", "他说‘好’"),
        ("3.14...", "3.14..."),
        ("2024-05-07", "2024-05-07"),
    ],
)
def test_ellipses_dashes_and_single_quotes_as_chinese_prints_them(printed: str, fixed: str) -> None:
    assert normalize_line(printed) == fixed


def test_single_quotes_inside_double_are_corner_brackets_in_traditional() -> None:
    assert convert("zh-Hant-TW", normalize_line("他说：“要'快'。”")) == "他說：「要『快』。」"


def test_the_review_lists_every_word_changed_beyond_its_characters(seed_issue) -> None:
    report = review_report(seed_issue, Converter("zh-Hant-TW", Phrases.for_variant("zh-Hant-TW")))
    words = report[report.index("# words printed otherwise") :].splitlines()
    assert any(line.startswith("新征程 → 新征程 (新徵程) · ×3 ·") for line in words)
    assert any(line.startswith("数据 → 資料 (數據) · ×") for line in words)
    assert not any("專案" in line or "社群" in line or "最佳化" in line for line in words)


def test_publisher_convert_prints_an_edition_line_for_line(tmp_path: Path) -> None:
    page = tmp_path / "text.txt"
    page.write_text("城市运行和治理中心\n区委书记余季平说：“好。”\n", encoding="utf-8")
    command = [sys.executable, "-m", "publisher", "convert", "--variant", "zh-Hant-TW"]
    result = subprocess.run([*command, str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "城市運行和治理中心\n區委書記余季平說：「好。」\n"
    piped = subprocess.run(command, input="重点项目\n", capture_output=True, text=True, check=False)
    assert piped.stdout == "重點項目\n"
    wrong = subprocess.run([*command[:-1], "zh-XX", str(page)], capture_output=True, text=True, check=False)
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "--variant" in wrong.stderr
