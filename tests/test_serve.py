"""`publisher serve` as a reader's app meets it: a real server process, a real HTTP client, a small out/."""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from tools import Server, free_port, start, stop

SECRET = "TOP-SECRET-beside-out-7f3a"
ISSUE = "zh-Hans/yuzhongbao/2024-03-06"
MP3 = f"{ISSUE}/audio/p1-3f2a.mp3"
#: Known bytes, so that every range can be checked to the byte.
AUDIO = random.Random(2024).randbytes(20_000)

#: Every file of the small out/ by its path, with the Content-Type it must be served with.
FILES: dict[str, tuple[bytes, str]] = {
    "index.html": ("<h1>渝中報</h1>".encode(), "text/html; charset=utf-8"),
    f"{ISSUE}/index.html": (b"<h1>2024-03-06</h1>", "text/html; charset=utf-8"),
    MP3: (AUDIO, "audio/mpeg"),
    f"{ISSUE}/audio/p1-3f2a.vtt": ("WEBVTT\n\n00:00.000 --> 00:01.000\n渝中区\n".encode(), "text/vtt; charset=utf-8"),
    f"{ISSUE}/audio/p1-3f2a.json": (b'{"sentences": []}', "application/json"),
    "zh-Hans/yuzhongbao/rss.xml": (b"<rss/>", "application/rss+xml; charset=utf-8"),
    "zh-Hans/yuzhongbao/podcast.xml": (b"<rss/>", "application/rss+xml; charset=utf-8"),
    "zh-Hans/yuzhongbao/atom.xml": (b"<feed/>", "application/atom+xml; charset=utf-8"),
    "zh-Hans/yuzhongbao/feed.json": (b'{"version": "https://jsonfeed.org/version/1.1"}', "application/feed+json"),
    "zh-Hans/yuzhongbao/podcast.jpg": (b"\xff\xd8\xff\xe0jpeg", "image/jpeg"),
    "opds/index.xml": (b"<feed/>", "application/atom+xml; charset=utf-8"),
    "opds/zh-Hans.xml": (b"<feed/>", "application/atom+xml; charset=utf-8"),
    "opds/covers/yuzhongbao-2024-03-06.zh-Hans.png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "epub/yuzhongbao-2024-03-06.zh-Hans.epub": (b"PK\x03\x04mimetypeapplication/epub+zip", "application/epub+zip"),
    "model/yuzhongbao-2024-03-06.zh-Hans.json": (b"{}", "application/json"),
    "review/yuzhongbao-2024-03-06.zh-Hant-TW.txt": ("干 → 幹\n".encode(), "text/plain; charset=utf-8"),
    "web/style.css": (b"body{}", "text/css; charset=utf-8"),
    "web/app.js": (b"void 0;", "text/javascript; charset=utf-8"),
    "web/cover.png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "web/logo.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    "manifest.json": (b'{"schema": 1, "artifacts": []}', "application/json"),
}


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes


def request(server: Server, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    """One request as sent, byte for byte: http.client never normalises the path, nor uses a proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def publisher(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PUBLISHER_DEBUG"}
    command = [sys.executable, "-m", "publisher", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=30)


def make_site(folder: Path) -> Path:
    """A small out/ built by hand, a secret beside it, and links that try to leave it."""
    out = folder / "out"
    for path, (data, _) in FILES.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    (out / "changing.txt").write_text("first version")
    (out / "专题 两会").mkdir()
    (out / "专题 两会" / "index.html").write_text("<h1>两会</h1>")
    (out / "zh-Hans/yuzhongbao/2024-03-07").mkdir()  # a folder without index.html
    (out / "zh-Hans/yuzhongbao/2024-03-07/notes.txt").write_text("listed-file-name")
    (folder / "secret.txt").write_text(SECRET)
    (out / "leak.txt").symlink_to(folder / "secret.txt")
    (out / "up").symlink_to(folder, target_is_directory=True)
    (out / "latest.mp3").symlink_to(out / MP3)  # inside out/: served
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(make_site(tmp_path_factory.mktemp("site")))
    yield running
    stop(running)


# ── what it says, and media types ────────────────────────────────────────────────────────────────


def test_announces_where_it_serves(server: Server) -> None:
    assert server.ready_line == f"serving {server.out}/ at http://127.0.0.1:{server.port}/ (Ctrl-C stops)\n"


@pytest.mark.parametrize("path", FILES)
def test_every_file_with_its_media_type(server: Server, path: str) -> None:
    data, media_type = FILES[path]
    response = request(server, "/" + path)
    assert response.status == 200
    assert response.headers["Content-Type"] == media_type
    assert response.body == data
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_head_sends_the_headers_only(server: Server) -> None:
    for path in (MP3, "index.html"):
        head, get = request(server, "/" + path, method="HEAD"), request(server, "/" + path)
        assert head.status == 200 and head.body == b""
        assert head.headers["Content-Length"] == str(len(get.body))
        for name in ("Content-Type", "ETag", "Last-Modified", "Accept-Ranges"):
            assert head.headers[name] == get.headers[name]


def test_access_log_is_one_line_per_request(server: Server) -> None:
    request(server, "/zh-Hans/yuzhongbao/rss.xml?from=log-test")
    deadline = time.monotonic() + 5
    while "from=log-test" not in server.stderr.read_text() and time.monotonic() < deadline:
        time.sleep(0.02)
    line = next(line for line in server.stderr.read_text().splitlines() if "from=log-test" in line)
    assert line.startswith('127.0.0.1 "GET /zh-Hans/yuzhongbao/rss.xml?from=log-test HTTP/1.1" 200 ')


# ── folders ──────────────────────────────────────────────────────────────────────────────────────


def test_folders_serve_their_index(server: Server) -> None:
    assert request(server, "/").body == FILES["index.html"][0]
    response = request(server, f"/{ISSUE}/")
    assert response.status == 200 and response.body == FILES[f"{ISSUE}/index.html"][0]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    # Without its slash the index's relative links would point one folder up.
    moved = request(server, f"/{ISSUE}?q=1")
    assert moved.status == 301 and moved.headers["Location"] == f"/{ISSUE}/"
    special = "/%E4%B8%93%E9%A2%98%20%E4%B8%A4%E4%BC%9A"  # 专题 两会: the location stays percent-encoded
    assert request(server, special).headers["Location"] == special + "/"
    assert request(server, special + "/").body == "<h1>两会</h1>".encode()


def test_folders_are_never_listed(server: Server) -> None:
    for path in ("/zh-Hans/yuzhongbao/2024-03-07/", "/zh-Hans/yuzhongbao/2024-03-07", f"/{ISSUE}/audio/", "/web/"):
        response = request(server, path)
        assert response.status == 404, path
        assert b"listed-file-name" not in response.body and b"notes.txt" not in response.body
        assert b"p1-3f2a" not in response.body and b"style.css" not in response.body


def test_missing_file_and_other_methods(server: Server) -> None:
    assert request(server, "/nothing-here.html").status == 404
    assert request(server, "/index.html", method="POST").status == 405


# ── nothing outside out/ ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc/passwd",
        "/..%2fsecret.txt",
        "/foo/../../secret.txt",
        "/zh-Hans/../../secret.txt",
        "/zh-Hans/..%2F..%2Fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/secret.txt%00.html",
        "/%00/../secret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/up/out/../secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "http://evil.example/../secret.txt",
    ],
)
def test_nothing_outside_out_is_served(server: Server, path: str) -> None:
    response = request(server, path)
    assert response.status in (400, 403, 404), path
    assert SECRET.encode() not in response.body


def test_absolute_paths_stay_inside(server: Server) -> None:
    secret = server.out.parent / "secret.txt"
    for path in ("/" + str(secret), "/" + str(secret).replace("/", "%2F")):
        response = request(server, path)
        assert response.status == 404 and SECRET.encode() not in response.body
    # out/ itself by its absolute path, as one encoded segment: no redirect to `//tmp/…/`, which is another host.
    response = request(server, "/" + str(server.out).replace("/", "%2F"))
    assert response.status == 404 and "Location" not in response.headers


def test_dot_segments_are_refused_even_inside(server: Server) -> None:
    # Clients remove dot segments before sending (RFC 3986 §5.2.4); one that arrives was crafted.
    for path in ("/zh-Hans/../index.html", "/./index.html", "/%2e/index.html"):
        assert request(server, path).status == 404, path


def test_symlinks_inside_out_are_followed(server: Server) -> None:
    response = request(server, "/latest.mp3")
    assert response.status == 200 and response.body == AUDIO


# ── ranges, so that players can seek ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("ranges", "start", "end"),
    [
        ("bytes=0-499", 0, 499),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-500", len(AUDIO) - 500, len(AUDIO) - 1),
        ("bytes=100-", 100, len(AUDIO) - 1),
        ("bytes=19000-99999", 19000, len(AUDIO) - 1),  # past the end: up to the end
        (f"bytes={len(AUDIO) - 1}-", len(AUDIO) - 1, len(AUDIO) - 1),
    ],
)
def test_range_sends_exactly_those_bytes(server: Server, ranges: str, start: int, end: int) -> None:
    response = request(server, "/" + MP3, {"Range": ranges})
    assert response.status == 206
    assert response.body == AUDIO[start : end + 1]
    assert response.headers["Content-Range"] == f"bytes {start}-{end}/{len(AUDIO)}"
    assert response.headers["Content-Length"] == str(end - start + 1)
    assert response.headers["Content-Type"] == "audio/mpeg"


def test_whole_file_says_it_accepts_ranges(server: Server) -> None:
    response = request(server, "/" + MP3)
    assert response.status == 200 and response.body == AUDIO
    assert response.headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize("ranges", [f"bytes={len(AUDIO)}-", "bytes=50000-60000"])
def test_unsatisfiable_range(server: Server, ranges: str) -> None:
    response = request(server, "/" + MP3, {"Range": ranges})
    assert response.status == 416
    assert response.headers["Content-Range"] == f"bytes */{len(AUDIO)}"
    assert AUDIO[:100] not in response.body


@pytest.mark.parametrize("ranges", ["bytes=0-1,5-6", "items=0-5", "bytes=abc", "bytes=-"])
def test_ranges_it_cannot_honour_get_the_whole_file(server: Server, ranges: str) -> None:
    response = request(server, "/" + MP3, {"Range": ranges})
    assert response.status == 200 and response.body == AUDIO


def test_if_range_with_an_entity_tag(server: Server) -> None:
    etag = request(server, "/" + MP3, method="HEAD").headers["ETag"]
    same = request(server, "/" + MP3, {"Range": "bytes=100-199", "If-Range": etag})
    assert same.status == 206 and same.body == AUDIO[100:200]
    # The client's copy is of another version: a range of this one would corrupt it.
    for stale in ('"0-0"', "W/" + etag):
        changed = request(server, "/" + MP3, {"Range": "bytes=100-199", "If-Range": stale})
        assert changed.status == 200 and changed.body == AUDIO


def test_if_range_with_a_date(server: Server) -> None:
    modified = request(server, "/" + MP3, method="HEAD").headers["Last-Modified"]
    same = request(server, "/" + MP3, {"Range": "bytes=0-9", "If-Range": modified})
    assert same.status == 206 and same.body == AUDIO[:10]
    older = request(server, "/" + MP3, {"Range": "bytes=0-9", "If-Range": "Sat, 01 Jan 2000 00:00:00 GMT"})
    assert older.status == 200 and older.body == AUDIO


# ── validators, so that feed readers fetch only what changed ─────────────────────────────────────


def test_if_none_match(server: Server) -> None:
    first = request(server, "/zh-Hans/yuzhongbao/rss.xml")
    etag = first.headers["ETag"]
    assert etag
    again = request(server, "/zh-Hans/yuzhongbao/rss.xml", {"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.headers["ETag"] == etag
    other = request(server, "/zh-Hans/yuzhongbao/rss.xml", {"If-None-Match": '"something-else"'})
    assert other.status == 200 and other.body == first.body


def test_if_modified_since(server: Server) -> None:
    first = request(server, "/zh-Hans/yuzhongbao/feed.json")
    modified = first.headers["Last-Modified"]
    again = request(server, "/zh-Hans/yuzhongbao/feed.json", {"If-Modified-Since": modified})
    assert again.status == 304 and again.body == b""
    older = request(server, "/zh-Hans/yuzhongbao/feed.json", {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})
    assert older.status == 200 and older.body == first.body


def test_a_changed_file_gets_a_new_etag(server: Server) -> None:
    path = server.out / "changing.txt"
    first = request(server, "/changing.txt")
    path.write_text("second version, longer")
    later = path.stat().st_mtime + 10  # as a rebuild an instant later: mtime moves on
    os.utime(path, (later, later))
    second = request(server, "/changing.txt", {"If-None-Match": first.headers["ETag"]})
    assert second.status == 200 and second.body == b"second version, longer"
    assert second.headers["ETag"] != first.headers["ETag"]
    assert second.headers["Last-Modified"] != first.headers["Last-Modified"]
    assert request(server, "/changing.txt", {"If-None-Match": second.headers["ETag"]}).status == 304


# ── the command ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "signum", [pytest.param(signal.SIGINT, id="ctrl-c"), pytest.param(signal.SIGTERM, id="sigterm")]
)
def test_ctrl_c_and_sigterm_stop_cleanly(tmp_path: Path, signum: int) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_text('{"schema": 1, "artifacts": []}')
    running = start(tmp_path / "out", "--quiet")
    assert request(running, "/manifest.json").status == 200
    assert stop(running, signum) == 0
    assert running.stderr.read_text() == ""  # --quiet: no access log, and a stop is no error


def test_a_rebuild_is_served_at_once(tmp_path: Path) -> None:
    out, stage = tmp_path / "out", tmp_path / ".out.staging"
    for folder, text in ((out, "old"), (stage, "new")):
        folder.mkdir()
        (folder / "manifest.json").write_text('{"schema": 1, "artifacts": []}')
        (folder / "index.html").write_text(text)
    running = start(out, "--quiet")
    try:
        assert request(running, "/").body == b"old"
        out.rename(tmp_path / ".out.retired")  # as `publisher build` switches its staging folder into place
        stage.rename(out)
        assert request(running, "/").body == b"new"
    finally:
        stop(running)


def test_refuses_a_folder_that_is_not_a_publisher_output(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "thesis.txt").write_text("years of work")
    result = publisher("serve", "--out", tmp_path / "documents", "--port", str(free_port()))
    assert result.returncode == 1
    assert result.stderr == (
        f"publisher: error: {tmp_path / 'documents'}: not a publisher output folder (no manifest.json); not serving it\n"
    )
    assert result.stdout == ""


def test_default_out_comes_from_the_settings(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text('out = "site"\n')
    result = publisher("serve", "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "publisher: error: site: no such folder (`publisher build` writes it)\n"


def test_port_in_use_is_one_line_and_exit_3(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_text("{}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = publisher("serve", "--out", tmp_path / "out", "--port", str(port))
    assert result.returncode == 3
    assert result.stderr == (
        f"publisher: error: cannot listen on 127.0.0.1:{port}: the port is in use (choose another with --port)\n"
    )
    assert result.stdout == ""


# ── the real site ────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed built for real (its audio from the run's shared cache), served at the address it was built for."""
    from conftest import SEED

    from publisher.build import build
    from publisher.config import Settings
    from publisher.tts.engines import make_narrator

    port = free_port()
    out = tmp_path_factory.mktemp("seed-site") / "out"
    settings = Settings(base_url=f"http://127.0.0.1:{port}/", tts="espeak")
    build([SEED], out, settings, narrator=lambda: make_narrator(settings, os.environ))
    served = start(out, "--quiet", port=port)
    yield served
    stop(served)


def test_every_link_of_the_site_and_catalogue_resolves_through_the_server(seed_site: Server) -> None:
    """A crawl from / through every page, feed and OPDS catalogue: every href and src answers 200."""
    from urllib.parse import urljoin, urlsplit

    from lxml import etree
    from lxml import html as lxml_html

    origin = f"http://127.0.0.1:{seed_site.port}"
    queue, seen, checked = ["/"], set(), 0
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = request(seed_site, path, method="GET" if path.endswith(("/", ".html", ".xml")) else "HEAD")
        assert response.status == 200, f"{path}: {response.status}"
        checked += 1
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith("text/html"):
            links = [link for _, _, link, _ in lxml_html.fromstring(response.body).iterlinks()]
        elif path.endswith(".xml"):
            tree = etree.fromstring(response.body)
            links = [e.get(name) for e in tree.iter() for name in ("href", "url") if e.get(name)]
            links += [e.text.strip() for e in tree.iter("{*}link", "{*}url") if e.text and e.text.strip()]
        else:
            continue
        for link in links:
            absolute = urljoin(origin + path, link)
            assert absolute.startswith(origin + "/"), f"{path} links outside the site: {link}"
            if not link.startswith("#"):
                queue.append(urlsplit(absolute).path)
    reached = {urlsplit(p).path for p in seen}
    assert "/opds/index.xml" in reached and "/zh-Hant-HK/yuzhongbao/podcast.xml" in reached
    assert any(p.endswith("/audio/edition.mp3") for p in reached)
    manifest = json.loads((seed_site.out / "manifest.json").read_text())["artifacts"]
    unlinked = {a["kind"] for a in manifest if "/" + a["path"] not in reached}
    # Only the desk's files (models, conversion reviews) and the read-along timings are not linked.
    assert unlinked == {"model", "review", "timing"}, sorted(
        a["path"] for a in manifest if "/" + a["path"] not in reached and a["kind"] not in ("model", "review", "timing")
    )
    assert checked == len(seen)


def test_a_real_recording_seeks_with_a_range(seed_site: Server) -> None:
    path = "/zh-Hans/yuzhongbao/2024-03-06/audio/edition.mp3"
    whole = (seed_site.out / path.lstrip("/")).read_bytes()
    response = request(seed_site, path, {"Range": "bytes=1000000-1000999"})
    assert response.status == 206
    assert response.headers["Content-Range"] == f"bytes 1000000-1000999/{len(whole)}"
    assert response.body == whole[1_000_000:1_001_000]
    etag = request(seed_site, path, method="HEAD").headers["ETag"]
    assert request(seed_site, path, {"If-None-Match": etag}).status == 304
