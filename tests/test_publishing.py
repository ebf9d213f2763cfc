"""Publishing out/: a build killed midway changes nothing, readers never find it missing or half
written, and two builds never publish at once. Real builds in subprocesses, real signals."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import pytest
from conftest import SECOND_ISSUE, SEED, SEED_P2
from test_cli import publisher, site, snapshot

from publisher import output
from publisher.build import REPORT
from publisher.output import MANIFEST, OutputWriter, staged

#: What the builds under test publish: bigger than the site already there, so the two differ and
#: the build spends a second or more writing into its staging folder, time to signal it.
ALL_PAGES = (SEED, SEED_P2, SECOND_ISSUE)


def start_build(*inputs: Path, out: Path, extra: tuple[str, ...] = ()) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PUBLISHER_DEBUG"}
    args = [sys.executable, "-m", "publisher", "build", *map(str, inputs), "--out", str(out), "--tts", "none", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def beside(out: Path) -> list[str]:
    """What a build keeps beside out/ while it runs (.out.staging-*, .out.retired-*, .out.lock)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def wait_for_staging(out: Path, build: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while not list(out.parent.glob(f".{out.name}.staging-*")):
        assert build.poll() is None, f"the build ended before it staged anything: {build.communicate()}"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.002)


def assert_complete_site(out: Path) -> None:
    """out/ is one whole build: its manifest lists exactly the files there, each with its size and hash."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = {a["path"]: a for a in manifest["artifacts"]}
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert present - {REPORT} == set(listed) | {MANIFEST}  # the report, of a build's work, is not listed
    root = out.resolve()
    for path, artifact in listed.items():
        assert not PurePosixPath(path).is_absolute() and ".." not in PurePosixPath(path).parts, path
        assert (out / path).resolve().is_relative_to(root), path
        data = (out / path).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (artifact["bytes"], artifact["sha256"]), path


@contextmanager
def holding_the_lock(out: Path) -> Iterator[None]:
    """The lock a build takes, taken by the test: to the builds it started, another build is running."""
    fd = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two finished sites, made once: the seed's front page alone (what is published before each
    test) and every page of the seed (what the builds under test publish)."""
    root = tmp_path_factory.mktemp("reference")
    sites = {"seed": root / "seed", "all": root / "all"}
    for name, pages in (("seed", (SEED,)), ("all", ALL_PAGES)):
        result = publisher("build", *pages, "--out", sites[name], "--tts", "none")
        assert result.returncode == 0, result.stderr
    return sites


@pytest.fixture
def published(reference: dict[str, Path], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(reference["seed"], out)
    return out


# ── a build stopped midway ───────────────────────────────────────────────────────────────────────


def test_sigterm_midway_removes_the_staging_folder_and_leaves_out_as_it_was(published: Path) -> None:
    before = snapshot(published)
    build = start_build(*ALL_PAGES, out=published)
    wait_for_staging(published, build)
    build.send_signal(signal.SIGTERM)
    stdout, stderr = build.communicate(timeout=30)
    assert build.returncode == 143
    assert stderr == "publisher: terminated (SIGTERM); nothing was published\n"
    assert stdout == ""
    assert snapshot(published) == before
    assert beside(published) == []  # its staging folder and its lock file are gone


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_while_worker_processes_write_ends_them_and_leaves_out_as_it_was(
    stop: signal.Signals, published: Path
) -> None:
    """Stopped while issues are being built in two worker processes: the workers end with the
    build (none goes on writing into a removed staging folder), and out/ is as it was."""
    before = snapshot(published)
    build = start_build(*ALL_PAGES, out=published, extra=("--jobs", "2", "--force"))
    deadline = time.monotonic() + 30
    while not any(published.parent.glob(f".{published.name}.staging-*/model/*.json")):
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()
        time.sleep(0.002)
    workers = _children(build.pid)
    assert workers, "the build has no worker processes"
    build.send_signal(stop)
    _, stderr = build.communicate(timeout=30)
    assert build.returncode == 128 + stop, stderr
    assert stderr.count("\n") == 1 and "nothing was published" in stderr
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "worker processes outlived the build"
    assert snapshot(published) == before
    assert beside(published) == []


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def test_sigkill_midway_leaves_out_as_it_was_and_the_next_build_clears_the_leftovers(
    published: Path, reference: dict[str, Path]
) -> None:
    before = snapshot(published)
    build = start_build(*ALL_PAGES, out=published)
    wait_for_staging(published, build)
    build.kill()
    build.communicate(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert snapshot(published) == before
    left = beside(published)
    assert [name for name in left if ".staging-" in name], left  # SIGKILL cannot be cleaned up after
    # A retired folder a killed build of an older kind left, and a folder of the desk's that only
    # looks like one (not a process number), which is left alone.
    (published.parent / ".out.retired-4194304" / "zh-Hans").mkdir(parents=True)
    (published.parent / ".out.staging-notes").mkdir()

    result = publisher("build", *ALL_PAGES, "--out", published, "--tts", "none")
    assert result.returncode == 0, result.stderr
    assert beside(published) == [".out.staging-notes"]
    assert site(published) == site(reference["all"])


# ── the switch: readers see the old site or the new one, never a gap or a half-written file ──────

READER = r"""
import hashlib, json, os, sys
out, expected, stop = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
reads = gaps = mixes = 0
while not os.path.exists(stop):
    for path, allowed in expected.items():
        reads += 1
        try:
            with open(os.path.join(out, path), "rb") as file:
                data = file.read()
        except FileNotFoundError:
            gaps += 1
            continue
        mixes += hashlib.sha256(data).hexdigest() not in allowed
print(json.dumps({"reads": reads, "gaps": gaps, "mixes": mixes}))
"""


def _versions() -> list[dict[str, bytes]]:
    """Two sites with the same paths and different contents (one longer), as two builds would be."""
    paths = [f"zh-Hans/paper/2024-03-0{n % 9 + 1}/p{n}.html" for n in range(12)] + ["index.html", "rss.xml"]
    return [{path: f"<p>{path} of build {v}</p>\n".encode() * (1 + 40 * v) for path in paths} for v in (0, 1)]


def _publish(out: Path, files: dict[str, bytes]) -> None:
    with staged(out) as stage:
        writer = OutputWriter(stage)
        for path, data in files.items():
            writer.write(path, data, kind="html")
        writer.write_manifest()


def test_readers_never_find_out_missing_or_half_written(tmp_path: Path) -> None:
    """Another process reads every file of out/ over and over while out/ is switched 300 times."""
    out, stop = tmp_path / "out", tmp_path / "stop"
    versions = _versions()
    _publish(out, versions[0])
    manifests = [(out / MANIFEST).read_bytes()]
    _publish(out, versions[1])
    manifests.append((out / MANIFEST).read_bytes())
    expected = {path: [hashlib.sha256(v[path]).hexdigest() for v in versions] for path in versions[0]}
    expected[MANIFEST] = [hashlib.sha256(m).hexdigest() for m in manifests]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(out), json.dumps(expected), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        time.sleep(0.2)  # the reader's interpreter starting
        for n in range(300):
            _publish(out, versions[n % 2])
    finally:
        stop.touch()
        counts = json.loads(reader.communicate(timeout=30)[0])
    assert counts["reads"] > 3000, counts
    assert counts["gaps"] == 0 and counts["mixes"] == 0, counts
    assert beside(out) == []


def test_the_switch_is_one_exchange_where_the_system_has_it(tmp_path: Path) -> None:
    """On Linux the two folders are exchanged by renameat2; where that is missing, two renames."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "from-a").touch()
    if sys.platform.startswith("linux"):
        assert output._exchange(a, b)
        assert [p.name for p in b.iterdir()] == ["from-a"] and not any(a.iterdir())


def test_without_the_exchange_two_renames_still_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS, NFS: out/ is renamed away and the staging folder renamed in (missing for an instant
    between the two: the reader above counts thousands of misses over 300 switches done so)."""
    monkeypatch.setattr(output, "_RENAMEAT2", None)
    out = tmp_path / "out"
    for files in _versions():
        _publish(out, files)
        assert_complete_site(out)
        assert (out / "index.html").read_bytes() == files["index.html"]
    assert beside(out) == []


# ── one build at a time ──────────────────────────────────────────────────────────────────────────


def test_a_build_stops_at_once_with_exit_75_while_another_publishes(published: Path) -> None:
    before = snapshot(published)
    with holding_the_lock(published):
        result = publisher("build", SEED_P2, SEED, "--out", published, "--tts", "none")
        assert result.returncode == 75
        assert result.stderr == f"publisher: error: {published}: another build is publishing to it; try again later\n"
        started = time.monotonic()
        waited = publisher("build", SEED_P2, SEED, "--out", published, "--tts", "none", "--wait", "1")
        assert waited.returncode == 75 and time.monotonic() - started >= 1
        assert "another build is publishing to it (waited 1 s); try again later" in waited.stderr
        assert [name for name in beside(published) if name != ".out.lock"] == []
    assert snapshot(published) == before


def test_a_build_told_to_wait_publishes_when_the_other_is_done(published: Path, reference: dict[str, Path]) -> None:
    before = snapshot(published)
    with holding_the_lock(published):
        build = start_build(*ALL_PAGES, out=published, extra=("--wait", "60"))
        time.sleep(1.5)  # long enough to have read its input and be waiting
        assert build.poll() is None
        assert snapshot(published) == before
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 0, stderr
    assert site(published) == site(reference["all"])


def test_concurrent_builds_publish_one_whole_site(published: Path, reference: dict[str, Path]) -> None:
    """Two builds of different input started together, three times: each publishes a whole site or,
    without --wait, may stop at once with exit 75; out/ is always exactly one of the two sites."""
    sites = [site(reference["seed"]), site(reference["all"])]
    for wait in ("0", "0", "60"):
        builds = [start_build(*pages, out=published, extra=("--wait", wait)) for pages in ((SEED,), ALL_PAGES)]
        results = [(build, *build.communicate(timeout=120)) for build in builds]
        codes = [build.returncode for build, _, _ in results]
        assert set(codes) <= ({0, 75} if wait == "0" else {0}) and 0 in codes, [r[2] for r in results]
        for build, _, stderr in results:
            if build.returncode == 75:
                assert stderr.endswith("another build is publishing to it; try again later\n")
        assert_complete_site(published)
        assert site(published) in sites
        assert beside(published) == []


def test_a_manifest_entry_is_every_field_of_the_artifact() -> None:
    artifact = output.Artifact("epub/x.epub", "epub", "zh-Hans", "x-2024-03-06", None, 3, "0" * 64)
    assert artifact.listed() == dataclasses.asdict(artifact)
