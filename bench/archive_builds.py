"""Builds of a synthetic archive (bench/archive.py) of 1 to 1,000 issues: the full text build, the
rebuild with nothing changed and the rebuild with one new issue, each timed, with the CPU it took
and the memory it held at its peak; and a plot of cost against archive size.

Each build is the real command (`publisher build --tts none`) in its own process tree, as cron runs
it: its CPU is the tree's (the build and its workers), its memory the largest sum, sampled every
20 ms, of the proportional set sizes (PSS) of the processes in the tree, so that pages forked
workers share with the build are counted once.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from archive import write_archive

#: Worker processes: the machine's CPUs, as `publisher build` uses by default.
JOBS = os.cpu_count() or 1


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str


@dataclass(frozen=True)
class ArchiveFigures:
    issues: int
    full: Run
    unchanged: Run
    one_new: Run


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            queue += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
    return found


def run_build(pages: Path, out: Path, environment: dict[str, str], *extra: str, jobs: int = JOBS) -> Run:
    command = [sys.executable, "-m", "publisher", "build", str(pages), "--out", str(out), "--tts", "none"]
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--jobs", str(jobs), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, sum(_pss_kb(pid) for pid in _tree(process.pid)))

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    if process.returncode != 0:
        raise SystemExit(f"the build failed ({process.returncode}): {stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(seconds, cpu, peak / 1024, stdout)


def one_process(issues: int) -> Run:
    """A full text build in one process (--jobs 1), as a machine short of memory would run it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_archive(root / "pages", issues)
        environment = {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}
        environment.pop("PUBLISHER_DEBUG", None)
        return run_build(root / "pages", root / "out", environment, jobs=1)


def measure(issues: int) -> ArchiveFigures:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages, out = root / "pages", root / "out"
        write_archive(pages, issues)
        # A cache of its own, empty at first: nothing from an earlier run is reused.
        environment = {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}
        environment.pop("PUBLISHER_DEBUG", None)
        full = run_build(pages, out, environment)
        unchanged = run_build(pages, out, environment)
        assert unchanged.stdout.startswith("nothing changed"), unchanged.stdout
        write_archive(pages, 1, first_number=issues + 1)
        one_new = run_build(pages, out, environment)
        assert f"1 issue built, {issues} kept" in one_new.stdout, one_new.stdout
    return ArchiveFigures(issues, full, unchanged, one_new)


def plot(figures: list[ArchiveFigures], path: Path) -> None:
    """Build time and peak memory against archive size, side by side, both axes logarithmic in size."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "publisher"  # no random ids in the output
    from matplotlib import pyplot, ticker

    sizes = [f.issues for f in figures]
    figure, (left, right) = pyplot.subplots(1, 2, figsize=(10, 4), dpi=100, layout="constrained")
    left.plot(sizes, [f.full.seconds for f in figures], "o-", label="full text build (wall)")
    left.plot(sizes, [f.full.cpu_seconds for f in figures], "s--", label="full text build (CPU, all processes)")
    left.plot(sizes, [f.one_new.seconds for f in figures], "^-", label="one new issue (wall)")
    left.plot(sizes, [f.unchanged.seconds for f in figures], "v-", label="nothing changed (wall)")
    left.set(xscale="log", yscale="log", xlabel="issues in the archive", ylabel="seconds", title="Build time")
    left.legend(fontsize="small")
    right.plot(sizes, [f.full.peak_mb for f in figures], "o-", label="full text build")
    right.plot(sizes, [f.one_new.peak_mb for f in figures], "^-", label="one new issue")
    right.axhline(300, color="grey", linestyle=":", label="target: 300 MB")
    right.set(xscale="log", xlabel="issues in the archive", ylabel="MB (PSS, all processes)", title="Peak memory")
    right.set_ylim(bottom=0)
    for axis in (left.xaxis, left.yaxis, right.xaxis):  # 1, 10, 100 rather than 10⁰, 10¹, 10²
        axis.set_major_formatter(ticker.FormatStrFormatter("%g"))
    right.legend(fontsize="small")
    figure.savefig(path, metadata={"Software": None})
    pyplot.close(figure)


def rows(figures: list[ArchiveFigures]) -> list[tuple[str, str]]:
    found = []
    for f in figures:
        per_issue = f.full.cpu_seconds / f.issues
        found.append(
            (
                f"full text build, {f.issues:,} issue{'s' * (f.issues != 1)} ({4 * f.issues:,} pages; 3 variants; "
                f"feeds, EPUB, web, OPDS; --jobs {JOBS})",
                f"{f.full.seconds:.1f} s wall, {f.full.cpu_seconds:.1f} s CPU ({per_issue:.2f} s per issue), "
                f"peak {f.full.peak_mb:.0f} MB",
            )
        )
    for f in figures:
        found.append(
            (
                f"rebuild of {f.issues:,} issue{'s' * (f.issues != 1)}: nothing changed / one new issue",
                f"{f.unchanged.seconds:.2f} s / {f.one_new.seconds:.2f} s (peak {f.one_new.peak_mb:.0f} MB)",
            )
        )
    return found
