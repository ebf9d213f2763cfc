"""How a long synthesis shows itself: a progress bar on a terminal (rich), a log line per recording
otherwise (cron mails, CI logs), both on stderr so stdout stays the build's summary."""

from __future__ import annotations

import sys
from typing import TextIO

import click


class LogProgress:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._total = 0
        self._done = 0

    def start(self, total: int) -> None:
        self._total, self._done = total, 0
        click.echo(f"publisher: synthesizing {total} recording{'s' * (total != 1)}", file=self._stream)

    def advance(self, done: str) -> None:
        self._done += 1
        click.echo(f"publisher: [{self._done}/{self._total}] {done}", file=self._stream)

    def stop(self) -> None:
        pass


class BarProgress:
    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("synthesizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=Console(file=stream),
            transient=True,
        )
        self._task = None

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def advance(self, done: str) -> None:
        self._progress.update(self._task, advance=1, description=done)

    def stop(self) -> None:
        self._progress.stop()


def progress_for(stream: TextIO = sys.stderr) -> LogProgress | BarProgress:
    return BarProgress(stream) if stream.isatty() else LogProgress(stream)
