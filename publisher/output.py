"""The build's output folder: every file written through one writer, recorded in the manifest.

Files are written into a staging folder beside the published one and switched into place only
when the whole build succeeded, so a failed build never leaves readers a half-written site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from publisher.errors import OutputError

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = 1


@dataclass(frozen=True)
class Artifact:
    """One published file, as listed in out/manifest.json."""

    path: str
    kind: str
    variant: str | None
    issue: str | None
    article: str | None
    bytes: int
    sha256: str


class OutputWriter:
    """Writes files under one root and refuses to write the same path twice."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._artifacts: dict[str, Artifact] = {}

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

    def write_manifest(self, speech: dict[str, object] | None = None) -> None:
        """The manifest: every file written, and `speech`, who read the audio edition, if any."""
        manifest = {
            "schema": MANIFEST_SCHEMA,
            **({"speech": speech} if speech else {}),
            "artifacts": [asdict(self._artifacts[path]) for path in sorted(self._artifacts)],
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
        (self.root / MANIFEST).write_text(text, encoding="utf-8")


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside `out`, switched into its place if the block completes."""
    if out.exists() and not _is_published_site(out):
        raise OutputError(f"{out}: exists and is not a publisher output folder (no {MANIFEST}); not replacing it")
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        stage = parent / f".{out.name}.staging-{os.getpid()}"
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir()
    except OSError as error:
        raise OutputError(f"{out}: cannot create a staging folder beside it ({error.strerror})") from None
    try:
        yield stage
        _switch(stage, out.resolve())
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _is_published_site(out: Path) -> bool:
    return out.is_dir() and ((out / MANIFEST).is_file() or not any(out.iterdir()))


def _switch(stage: Path, out: Path) -> None:
    retired = out.parent / f".{out.name}.retired-{os.getpid()}"
    try:
        if out.exists():
            out.rename(retired)
        stage.rename(out)
    except OSError as error:
        if retired.exists() and not out.exists():
            retired.rename(out)
        raise OutputError(f"{out}: cannot publish the build ({error.strerror})") from None
    shutil.rmtree(retired, ignore_errors=True)
