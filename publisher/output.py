"""The build's output folder: every file written through one writer, recorded in the manifest.

Publishing is safe against three things. A failed or killed build: files are written into a
staging folder beside the published one and switched into place only when the whole build
succeeded. Readers: the switch exchanges the two folders in one step, so a server sees the old
site or the new one, never a mix and never nothing. A second build: an exclusive lock beside the
folder lets one build at a time publish to it.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from publisher.errors import BusyError, OutputError

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = 1
#: How often a build waiting for another one's lock tries again, in seconds.
_LOCK_POLL = 0.1


@dataclass(frozen=True, slots=True)  # slots: an archive's manifest holds tens of thousands
class Artifact:
    """One published file, as listed in out/manifest.json."""

    path: str
    kind: str
    variant: str | None
    issue: str | None
    article: str | None
    bytes: int
    sha256: str

    def listed(self) -> dict[str, object]:
        """Its entry in the manifest (what dataclasses.asdict gives, at a third of the cost)."""
        return {
            "path": self.path,
            "kind": self.kind,
            "variant": self.variant,
            "issue": self.issue,
            "article": self.article,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


class OutputWriter:
    """Writes files under one root and refuses to write the same path twice."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._artifacts: dict[str, Artifact] = {}
        self._folders: set[str] = set()

    def write(
        self,
        path: str,
        data: bytes,
        *,
        kind: str,
        variant: str | None = None,
        issue: str | None = None,
        article: str | None = None,
    ) -> Artifact:
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts or path == MANIFEST:
            raise ValueError(f"not a path inside the output folder: {path}")
        if path in self._artifacts:
            raise ValueError(f"two outputs want the same path: {path}")
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        artifact = Artifact(path, kind, variant, issue, article, len(data), hashlib.sha256(data).hexdigest())
        self._artifacts[path] = artifact
        return artifact

    def adopt(self, artifacts: list[Artifact]) -> None:
        """Files another process wrote under the same root, for the manifest."""
        for artifact in artifacts:
            if artifact.path in self._artifacts:
                raise ValueError(f"two outputs want the same path: {artifact.path}")
            self._artifacts[artifact.path] = artifact

    def keep(self, published: Path, artifacts: list[Artifact]) -> None:
        """Files of the published build, taken over unchanged: hard links, so nothing is copied and
        the published files are never written to (every build writes new files, never in place)."""
        # Strings rather than Paths: an archive keeps tens of thousands of files.
        root, source = os.fspath(self.root), os.fspath(published)
        for artifact in artifacts:
            target = os.path.join(root, artifact.path)
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            try:
                os.link(os.path.join(source, artifact.path), target)
            except OSError:  # another file system, or one without hard links
                shutil.copyfile(os.path.join(source, artifact.path), target)
        self.adopt(artifacts)

    def write_manifest(self, speech: dict[str, object] | None = None, build: dict[str, object] | None = None) -> None:
        """The manifest: every file written; `speech`, who read the audio edition, if any; and
        `build`, what the next build needs to know to keep what has not changed."""
        manifest = {
            "schema": MANIFEST_SCHEMA,
            **({"speech": speech} if speech else {}),
            **({"build": build} if build else {}),
            "artifacts": [],
        }
        head = json.dumps(manifest, ensure_ascii=False, indent=1).removesuffix("[]\n}")
        # One file a line, each written by json's C encoder (indenting makes it use the Python one,
        # ten times slower): a thousand issues' sixty thousand files take a quarter of a second.
        files = ",\n".join(
            "  " + json.dumps(self._artifacts[path].listed(), ensure_ascii=False) for path in sorted(self._artifacts)
        )
        (self.root / MANIFEST).write_text(f"{head}[\n{files}\n ]\n}}\n", encoding="utf-8")


@contextmanager
def staged(out: Path, *, wait: float = 0) -> Iterator[Path]:
    """A fresh staging folder beside `out`, switched into its place if the block completes.

    The lock is held throughout; a build of the same folder already running makes this wait up to
    `wait` seconds for it, then raise BusyError."""
    target = out.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the folder it goes in ({error.strerror})") from None
    with _locked(out, target, wait):
        if target.exists() and not _is_published_site(target):
            raise OutputError(f"{out}: exists and is not a publisher output folder (no {MANIFEST}); not replacing it")
        _remove_leftovers(target)
        stage = _sibling(target, "staging")
        try:  # the clean-up covers the folder from the moment it exists: a stop can come at any point
            try:
                stage.mkdir()
            except OSError as error:
                raise OutputError(f"{out}: cannot create a staging folder beside it ({error.strerror})") from None
            yield stage
            # From here the build has done its work: a Ctrl-C or SIGTERM no longer stops it, so that it
            # never lands between the two steps of a switch, nor leaves the previous site half removed.
            with signals_ignored():
                retired = _switch(stage, target)
                shutil.rmtree(retired, ignore_errors=True)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _is_published_site(out: Path) -> bool:
    return out.is_dir() and ((out / MANIFEST).is_file() or not any(out.iterdir()))


def _sibling(out: Path, role: str) -> Path:
    """`.out.staging-<pid>` and `.out.retired-<pid>` beside `out`: hidden, and named after the build."""
    return out.parent / f".{out.name}.{role}-{os.getpid()}"


def _remove_leftovers(out: Path) -> None:
    """Staging and retired folders of builds that were killed (SIGKILL, a power cut) before they
    could remove them. The caller holds the lock, so no build of `out` is running: all are leftovers."""
    for role in ("staging", "retired"):
        prefix = f".{out.name}.{role}-"
        for leftover in out.parent.glob(f"{prefix}*"):
            if leftover.name[len(prefix) :].isdigit():
                shutil.rmtree(leftover, ignore_errors=True)


def _switch(stage: Path, out: Path) -> Path:
    """Put `stage` in the place of `out`; returns where the previous site now is, for removal."""
    try:
        if not out.exists():  # the first build: nothing to replace, one rename
            stage.rename(out)
            return stage
        if _exchange(stage, out):
            return stage
        # No atomic exchange here: two renames, between which out/ is missing for an instant.
        retired = _sibling(out, "retired")
        out.rename(retired)
        try:
            stage.rename(out)
        except OSError:
            retired.rename(out)
            raise
        return retired
    except OSError as error:
        raise OutputError(f"{out}: cannot publish the build ({error.strerror})") from None


def _load_renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _load_renameat2()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step: renameat2(RENAME_EXCHANGE), Linux 3.15 and later, what
    `mv --exchange` does. False where the system or the file system cannot (macOS, NFS)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


@contextmanager
def signals_ignored() -> Iterator[None]:
    """SIGINT and SIGTERM are ignored meanwhile: for work that must not be cut in two, or that is
    done anyway (only the main thread may change handlers; elsewhere this does nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


@contextmanager
def _locked(out: Path, target: Path, wait: float) -> Iterator[None]:
    """An exclusive flock on `.out.lock` beside `target`. The lock belongs to the open file, so the
    system releases it however the process ends (SIGKILL included): it can never go stale."""
    path = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise OutputError(f"{out}: cannot create a lock file beside it ({error.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                waited = f" (waited {wait:g} s)" if wait else ""
                raise BusyError(f"{out}: another build is publishing to it{waited}; try again later") from None
            time.sleep(_LOCK_POLL)
            continue
        # The build before us removes the lock file as it finishes: a lock on a removed file is no lock.
        if _same_file(fd, path):
            break
        os.close(fd)
    try:
        yield
    finally:
        # Removed while still held, so that no one can lock the file after us and think it theirs.
        path.unlink(missing_ok=True)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), path.stat()
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
