"""The audio edition's settings: engine choice, voices, pronunciations, podcast owner, progress."""

from __future__ import annotations

import io
import os
import tomllib
from pathlib import Path

import pytest

from publisher.config import PaperSettings, Settings, load_settings
from publisher.console import BarProgress, LogProgress, progress_for
from publisher.errors import InputError
from publisher.tts.engines import make_narrator
from publisher.tts.lexicon import Lexicon, Pronunciation, read_lexicon_file


def settings_from(tmp_path: Path, text: str) -> Settings:
    (tmp_path / "publisher.toml").write_text(text, encoding="utf-8")
    return load_settings(tmp_path / "publisher.toml", environment={})


def test_audio_settings_are_read(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        'tts = "espeak"\ntts_rate = "-10%"\naudio_cache = "cache"\nedge_timeout = 30\nedge_retries = 5\n'
        'podcast_owner_name = "渝中报社"\npodcast_owner_email = "desk@example.org"\n'
        '[edge_voices]\n"zh-Hans" = "zh-CN-YunxiNeural"\n'
        '[pronunciation]\n"曾家岩" = "zeng1 jia1 yan2"\n"冇" = { say = "無" }\n',
    )
    assert (settings.tts, settings.tts_rate, settings.edge_timeout, settings.edge_retries) == (
        "espeak",
        "-10%",
        30.0,
        5,
    )
    assert settings.audio_cache == tmp_path / "cache"
    assert settings.edge_voices == {"zh-Hans": "zh-CN-YunxiNeural"}
    assert settings.pronunciation["曾家岩"] == Pronunciation(("zeng1", "jia1", "yan2"))
    assert settings.pronunciation["冇"] == Pronunciation(None, "無")
    assert settings.podcast_owner_email == "desk@example.org"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tts = "festival"', "unknown speech engine 'festival'"),
        ('tts_rate = "fast"', "tts_rate is a percentage"),
        ("edge_timeout = 0", "edge_timeout must be a number of seconds above zero"),
        ("edge_concurrency = 0", "edge_concurrency must be a whole number above zero"),
        ('[edge_voices]\n"zh-CN" = "x"', "unknown variant 'zh-CN'"),
        ('[pronunciation]\n"重庆" = "chong2"', "one tone-numbered pinyin syllable per character"),
        ('[pronunciation]\n"重庆" = "chong qing"', "one tone-numbered pinyin syllable per character"),
        ('[pronunciation]\n"重庆" = { spell = "x" }', 'must be "pinyin" or'),
        ('podcast_owner_email = "nobody"', "podcast_owner_email must be an e-mail address"),
    ],
)
def test_bad_audio_settings_are_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")) as error:
        settings_from(tmp_path, text)
    assert "\n" not in str(error.value)


def test_lexicon_files_are_checked_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "desk.tsv"
    path.write_text("# ours\n解放碑\tjie3 fang4 bei1\n\n较场口\tjiao4 chang3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"desk.tsv:4: '较场口' needs one tone-numbered pinyin syllable"):
        read_lexicon_file(path)
    path.write_text("解放碑\tjie3 fang4 bei1\tjie fang bei\n", encoding="utf-8")
    assert read_lexicon_file(path)["解放碑"] == Pronunciation(("jie3", "fang4", "bei1"), "jie fang bei")


def test_a_lexicon_segments_longest_words_first() -> None:
    lexicon = Lexicon({"长江": Pronunciation(("chang2", "jiang1")), "长江大桥": Pronunciation(None, "长江大桥")})
    assert [part for part, _ in lexicon.segments("过长江大桥到长江边")] == ["过", "长江大桥", "到", "长江", "边"]
    assert lexicon.respell("冇") == "冇"


def test_the_narrator_follows_the_choice(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, f'tts = "espeak"\naudio_cache = "{tmp_path / "c"}"\n')
    narrator = make_narrator(settings, os.environ)
    assert narrator is not None and narrator.engine.name == "espeak"
    assert narrator.voice("zh-Hant-HK") == "yue" and narrator.voice("zh-Hant-TW") == "cmn-latn-pinyin"
    assert make_narrator(settings_from(tmp_path, 'tts = "none"\n'), os.environ) is None


def test_auto_reads_offline_when_the_service_does_not_answer(tmp_path: Path) -> None:
    # conftest points every HTTP client at a proxy that refuses.
    narrator = make_narrator(settings_from(tmp_path, f'audio_cache = "{tmp_path / "c"}"\n'), os.environ)
    assert narrator.engine.name == "espeak"
    assert narrator.note == "auto: the online service is unreachable, read offline"


def test_the_default_cache_is_outside_the_output_folder(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, 'tts = "espeak"\n')
    narrator = make_narrator(settings, {"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert narrator._cache.folder == tmp_path / "xdg" / "publisher" / "audio"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise() -> None:
    assert isinstance(progress_for(Terminal()), BarProgress)
    stream = io.StringIO()
    progress = progress_for(stream)
    assert isinstance(progress, LogProgress)
    progress.start(2)
    progress.advance("zh-Hans p1-7e169790 120 s")
    progress.advance("failed: zh-Hans p1-3c99cf8e (edge: 503)")
    progress.stop()
    assert stream.getvalue().splitlines() == [
        "publisher: synthesizing 2 recordings",
        "publisher: [1/2] zh-Hans p1-7e169790 120 s",
        "publisher: [2/2] failed: zh-Hans p1-3c99cf8e (edge: 503)",
    ]


def test_the_bar_draws_on_a_terminal() -> None:
    stream = Terminal()
    bar = progress_for(stream)
    bar.start(3)
    for n in range(3):
        bar.advance(f"zh-Hans p{n}")
    bar.stop()
    drawn = stream.getvalue()
    assert "synthesizing" in drawn and "3/3" in drawn and "zh-Hans p2" in drawn
    assert drawn.endswith("\x1b[2K")  # cleared when done: the summary follows on a clean line


def test_the_readmes_example_configuration_is_valid(tmp_path: Path) -> None:
    """The README's publisher.toml example is a file publisher accepts, every key of it."""
    import re
    from dataclasses import fields

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", readme, re.S)
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "taiwan.txt").write_text("出租车\t計程車\n", encoding="utf-8")
    settings = settings_from(tmp_path, example)
    assert settings.paper_slugs == {"渝中報": "yuzhong"}
    assert settings.epub_editions == {"zh-Hans": ("text", "readalong")}
    assert settings.pronunciation["解放碑"].say == "解放碑"
    documented = tomllib.loads(example)
    assert set(documented) == {f.name for f in fields(Settings)} - {"source_date_epoch"}, "every setting is documented"
    assert set(documented["paper"]) == {f.name for f in fields(PaperSettings)}, "every [paper] setting is documented"
    assert settings.paper == PaperSettings("渝中報", "yuzhong", "zh-Hans", "{date:%Y%m%d}_{page}.txt")
