"""How fast the editions' Chinese is made: `python bench/chinese.py` (after `make bench`).

The offline voice's readings (`publisher.tts.reading`: pypinyin's phrases, g2pM in its sentence,
the lexicons) beside pypinyin alone, and the Taiwan edition's conversion (`Converter`: OpenCC with
the shipped phrases, people's names apart) beside OpenCC's s2twp alone, in characters a second on
the seed's text repeated, best of five; and the memory each adds to a process once loaded. Each
measure runs in a process of its own, so one's memory does not count in another's.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REPEATS = 5


def _text() -> list[str]:
    lines = [
        line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return [line for line in lines if line] * 4


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(name: str) -> None:
    lines = _text()
    characters = sum(map(len, lines))
    before = _peak_mb()
    if name == "reading":
        from publisher.tts.lexicon import Lexicon
        from publisher.tts.reading import readings

        lexicon = Lexicon.for_variant("zh-Hans")
        work = lambda: [readings(line, lexicon) for line in lines]  # noqa: E731
    elif name == "pypinyin":
        from pypinyin import Style, lazy_pinyin

        work = lambda: [lazy_pinyin(line, style=Style.TONE3, neutral_tone_with_five=True) for line in lines]  # noqa: E731
    elif name == "convert":
        from publisher.transforms.names import names_in
        from publisher.transforms.variants import Converter, Phrases

        converter = Converter("zh-Hant-TW", Phrases.for_variant("zh-Hant-TW"))
        work = lambda: converter.convert_all(lines, names_in(lines))  # noqa: E731
    else:
        import opencc

        plain = opencc.OpenCC("s2twp")
        work = lambda: plain.convert("\n".join(lines))  # noqa: E731
    work()  # loaded and warmed
    best = min(_timed(work) for _ in range(REPEATS))
    print(f"{characters / best:,.0f}\t{_peak_mb() - before:.0f}")


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    rows = {
        "reading (pypinyin's phrases, g2pM, lexicons, surnames)": "reading",
        "pypinyin alone": "pypinyin",
        "Taiwan conversion (OpenCC s2twp with the phrases, names apart)": "convert",
        "OpenCC s2twp alone": "opencc",
    }
    for label, name in rows.items():
        result = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True, check=True)
        speed, memory = result.stdout.split()
        print(f"| {label} | {speed} characters a second | {memory} MB |")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        _measure(sys.argv[1])
    else:
        main()
