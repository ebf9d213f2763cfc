"""out/ → HTTP, for previews and small deployments (aiohttp): our media types, ranges, validators.

Why aiohttp and not Starlette's StaticFiles with uvicorn: aiohttp is installed already (edge-tts
needs it), and its `web.FileResponse` does what a hand-written server gets wrong — byte ranges
(206, suffix and open-ended ranges, 416 with `Content-Range: bytes */size`), a strong ETag from the
file's mtime and size, Last-Modified, 304 for If-None-Match and If-Modified-Since, HEAD, sendfile.
Starlette would add two dependencies for the same (plus multipart ranges, which no player sends).
What is ours is small and tested: the media-type table (`mimetypes` calls every feed
application/xml and gives no charset), the path check (`StaticResource` has one, but answers a
folder with 403, never its index.html), and two corrections to aiohttp 3.14's ranges.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter

from publisher.errors import InputError, PublisherError
from publisher.output import MANIFEST

__all__ = ["ListenError", "make_app", "media_type", "serve"]

_UTF8 = "; charset=utf-8"
#: Media types by file name: feeds are all .xml (or .json), and their kind is in the name.
_BY_NAME = {
    "rss.xml": "application/rss+xml" + _UTF8,
    "podcast.xml": "application/rss+xml" + _UTF8,
    "atom.xml": "application/atom+xml" + _UTF8,
    "feed.json": "application/feed+json",
}
#: Media types by suffix; text types say their charset. JSON has no charset parameter (RFC 8259: it is UTF-8).
_BY_SUFFIX = {
    ".html": "text/html" + _UTF8,
    ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8,
    ".txt": "text/plain" + _UTF8,
    ".vtt": "text/vtt" + _UTF8,
    ".xml": "application/xml" + _UTF8,
    ".atom": "application/atom+xml" + _UTF8,
    ".json": "application/json",
    ".epub": "application/epub+zip",
    ".mp3": "audio/mpeg",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
}
#: A rebuild replaces out/ wholesale: clients may keep copies but must revalidate them (a 304 is
#: cheap); and browsers must trust the types above rather than sniff.
_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
_ACCESS_FORMAT = '%a "%r" %s %b'
#: The one form of Range aiohttp answers right. To several ranges, another unit or garbage it says 416,
#: where RFC 9110 §14.2 wants the header ignored (or allows it, for several ranges): the whole file.
_ONE_RANGE = re.compile(r"bytes=(\d+-\d*|-\d+)", re.ASCII | re.IGNORECASE)


class ListenError(PublisherError):
    """The address cannot be listened on: the port is taken, or needs privileges (README, "Exit codes")."""

    exit_code = 3


def media_type(path: str) -> str:
    """The Content-Type of a file by its path under out/ (`zh-Hans/yuzhongbao/rss.xml`)."""
    relative = PurePosixPath(path)
    if relative.name in _BY_NAME:
        return _BY_NAME[relative.name]
    if relative.parts[:1] == ("opds",) and relative.suffix == ".xml":  # the OPDS catalogue is Atom
        return _BY_SUFFIX[".atom"]
    return _BY_SUFFIX.get(relative.suffix.lower(), "application/octet-stream")


def make_app(root: Path) -> web.Application:
    """The application serving the files under `root`: GET and HEAD, no listings."""
    root = root.absolute()

    async def handle(request: web.Request) -> web.StreamResponse:
        # The raw path, so that %2F stays inside its segment instead of becoming a separator.
        segments = _segments(request.rel_url.raw_path)
        if segments is None:
            raise web.HTTPNotFound()
        found = _inside(root, root.joinpath(*segments))
        if found is not None and found.is_dir():
            found = _inside(root, found / "index.html")
            if found is not None and not request.rel_url.raw_path.endswith("/"):
                # Relative links in the folder's index.html need the slash (/2024-03-06 → /2024-03-06/);
                # the location is rebuilt from the checked segments, so `//host` cannot make it off-site.
                raise web.HTTPMovedPermanently("/" + "/".join(quote(s) for s in segments) + "/")
            segments.append("index.html")
        if found is None or not found.is_file():
            raise web.HTTPNotFound()
        response = _WholeFile if _whole_file(request, found) else web.FileResponse
        return response(found, headers={"Content-Type": media_type("/".join(segments)), **_HEADERS})

    app = web.Application()
    app.router.add_get("/{path:.*}", handle)
    return app


def _segments(raw_path: str) -> list[str] | None:
    """The decoded segments of a still percent-encoded URL path, or None if one could leave the folder."""
    segments = [unquote(s) for s in raw_path.split("/") if s]
    # `/` comes from %2F, a backslash separates on Windows, NUL ends a path for the OS.
    if any(s in (".", "..") or "/" in s or "\\" in s or "\0" in s for s in segments):
        return None
    return segments


def _inside(root: Path, path: Path) -> Path | None:
    """`path` with its symlinks resolved, if it exists and is inside `root` (resolved too: out/ may be a link)."""
    try:
        resolved = path.resolve(strict=True)
        return resolved if resolved.is_relative_to(root.resolve(strict=True)) else None
    except (OSError, RuntimeError):  # missing, unreadable, or a symlink loop
        return None


def _whole_file(request: web.Request, file: Path) -> bool:
    """Whether to send the whole file although a Range was asked for, where aiohttp 3.14 gets it wrong."""
    ranges = request.headers.get("Range")
    if ranges is None:
        return False
    if not _ONE_RANGE.fullmatch(ranges):
        return True
    # If-Range with an entity tag: aiohttp only parses the date form and would send the range of a
    # changed file, which the client splices onto its stale copy (fixed upstream in aiohttp#13480).
    # The tag is FileResponse's own (mtime and size); a weak tag never matches (RFC 9110 §13.1.5).
    validator = request.headers.get("If-Range", "")
    if validator.startswith(('"', "W/")):
        stat = file.stat()
        return validator != f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    return False


class _WholeFile(web.FileResponse):
    """A FileResponse that answers as if the request had no Range header."""

    async def prepare(self, request: web.BaseRequest) -> AbstractStreamWriter | None:
        without_range = request.headers.copy()
        del without_range["Range"]
        return await super().prepare(request.clone(headers=without_range))


def serve(out: Path, host: str, port: int, *, access_log: bool, ready: Callable[[str], None]) -> None:
    """Serve `out` at host:port until SIGINT (Ctrl-C) or SIGTERM; `ready` gets its URL once listening."""
    if not out.is_dir():
        raise InputError(f"{out}: no such folder (`publisher build` writes it)")
    if not (out / MANIFEST).is_file():
        raise InputError(f"{out}: not a publisher output folder (no {MANIFEST}); not serving it")
    with contextlib.suppress(KeyboardInterrupt):  # a Ctrl-C before the handlers are set is a stop too
        asyncio.run(_run(make_app(out), host, port, access_log, ready))


async def _run(app: web.Application, host: str, port: int, access_log: bool, ready: Callable[[str], None]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGTERM: how systemd and `kill` stop a service
        loop.add_signal_handler(signum, stop.set)
    # Open connections get 2 s to finish after a stop; aiohttp's 60 would hold Ctrl-C up behind a player.
    runner = web.AppRunner(
        app, access_log=_access_logger() if access_log else None, access_log_format=_ACCESS_FORMAT, shutdown_timeout=2
    )
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as error:
            raise ListenError(f"cannot listen on {host}:{port}: {_reason(error)}") from None
        bound = runner.addresses[0][1]  # the port itself when --port 0 let the system choose
        ready(f"http://{f'[{host}]' if ':' in host else host}:{bound}/")
        await stop.wait()
    finally:
        await runner.cleanup()


def _reason(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the port is in use (choose another with --port)"
    if isinstance(error, socket.gaierror) or not error.errno:  # an unknown host name
        return error.strerror or str(error)
    return os.strerror(error.errno).lower()  # asyncio's own message repeats the address


def _access_logger() -> logging.Logger:
    """One line per request on stderr, apart from the root logger, which the desk's cron may configure."""
    logger = logging.getLogger("publisher.serve.access")
    if not logger.handlers:
        logger.addHandler(logging.StreamHandler(sys.stderr))
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger
