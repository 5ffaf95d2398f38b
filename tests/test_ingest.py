"""Tests for sayso.ingest: files, strings, stdin and URLs become Articles; bad input is an InputError."""

from __future__ import annotations

import contextlib
import functools
import io
import random
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from sayso import ingest
from sayso.errors import InputError, RefusedURLError
from sayso.model import content_id

PARAGRAPHS = [
    "The Kremlin on Monday rejected the former prime minister's account of a phone call, calling it "
    "a lie from start to finish and saying no such threat had ever been made by the president.",
    '"What Mr Johnson said is not true, or more precisely, it is a lie," the spokesman told reporters '
    "in Moscow, adding that the conversation had concerned security guarantees and nothing more.",
    "Johnson had told a documentary that the Russian leader warned him a missile strike would take "
    "only a minute, a claim his former aides said they had heard him repeat in private at the time.",
    "Officials in London declined to comment on the exchange, and the documentary's producers said "
    "they stood by the interview and the way it had been edited before broadcast on Monday night.",
]

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Kremlin denies missile threat</title>"
    '<meta property="og:title" content="Kremlin denies missile threat">'
    '<meta property="article:published_time" content="2023-01-30T10:00:00Z">'
    "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Kremlin denies missile threat</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright 2023</footer></body></html>"
)

NO_ARTICLE_HTML = (
    "<!doctype html><html><head><script>var x = 1;</script></head><body>"
    "<nav><ul><li><a href='/a'>Home</a></li><li><a href='/b'>About</a></li></ul></nav>"
    "<script>document.write('hi');</script></body></html>"
)

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _random_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(exc: pytest.ExceptionInfo[InputError]) -> str:
    return exc.value.reason


# --------------------------------------------------------------------------- text files


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Plain “quoted” text.\n".encode(), "Plain “quoted” text.\n"),
        (b"\xef\xbb\xbf" + "BOM text é\n".encode(), "BOM text é\n"),
        (b"\xff\xfe" + "UTF-16 LE é “x”\n".encode("utf-16-le"), "UTF-16 LE é “x”\n"),
        (b"\xfe\xff" + "UTF-16 BE é “x”\n".encode("utf-16-be"), "UTF-16 BE é “x”\n"),
        ("No BOM UTF-16 LE text\n".encode("utf-16-le"), "No BOM UTF-16 LE text\n"),
        ("No BOM UTF-16 BE text\n".encode("utf-16-be"), "No BOM UTF-16 BE text\n"),
        ("Un café à Paris\n".encode("latin-1"), "Un café à Paris\n"),
        (b"\x93Curly\x94 quotes \x96 cp1252\n", "“Curly” quotes – cp1252\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "latin1", "cp1252"],
)
def test_read_path_decodes(tmp_path: Path, data: bytes, expected: str) -> None:
    article = ingest.read_path(_write(tmp_path, "story.txt", data))
    assert article.text == expected
    assert article.id == "story"


def test_read_path_keeps_text_exactly(tmp_path: Path) -> None:
    text = "Line one\r\nLine two\rLine three\n\n  indented\t tab\n"
    article = ingest.read_path(_write(tmp_path, "crlf.txt", text.encode()), id="given")
    assert article.text == text
    assert article.id == "given"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"  \n\n \t", "empty file"),
        (PNG_HEADER + _random_bytes(4000), "binary file, not text"),
        (bytes(range(1, 32)) * 50, "binary file, not text"),
        (b"text with a NUL \x00 in it", "binary file, not text"),
    ],
    ids=["empty", "bom-only", "blank", "png", "controls", "nul"],
)
def test_read_path_rejects_bad_content(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as exc:
        ingest.read_path(path)
    assert _reason(exc) == reason
    assert exc.value.source == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        ingest.read_path(tmp_path / "nope.txt")
    assert _reason(exc) == "file not found"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        ingest.read_path(tmp_path)
    assert _reason(exc) == "is a directory"


def test_file_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"x" * 2_000_001)
    with pytest.raises(InputError) as exc:
        ingest.read_path(path, max_bytes=1_000_000)
    assert _reason(exc) == "file too large (2.0 MB > 1 MB)"


def test_five_megabyte_text_is_quick(tmp_path: Path) -> None:
    sentence = '"We will not comment," said a spokesman for the ministry on Tuesday. '
    text = sentence * (5_000_000 // len(sentence) + 1)
    path = _write(tmp_path, "five.txt", text.encode())
    start = time.perf_counter()
    article = ingest.read_path(path)
    assert time.perf_counter() - start < 3.0
    assert article.text == text
    assert len(article.text) > 5_000_000


# --------------------------------------------------------------------------- HTML


def test_html_file_is_extracted(tmp_path: Path) -> None:
    article = ingest.read_path(_write(tmp_path, "kremlin.html", ARTICLE_HTML.encode()))
    assert article.id == "kremlin"
    assert article.title == "Kremlin denies missile threat"
    assert article.published is not None and article.published.startswith("2023-01-30")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "\n\n" in article.text
    assert "Home" not in article.text
    assert "<p>" not in article.text


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    article = ingest.read_path(_write(tmp_path, "page.txt", b"\n  " + ARTICLE_HTML.encode()))
    assert PARAGRAPHS[0] in article.text


def test_html_without_article(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        ingest.read_path(_write(tmp_path, "nav.html", NO_ARTICLE_HTML.encode()))
    assert _reason(exc) == "no article text found in HTML"


def test_utf16_html_file(tmp_path: Path) -> None:
    article = ingest.read_path(_write(tmp_path, "wide.htm", b"\xff\xfe" + ARTICLE_HTML.encode("utf-16-le")))
    assert PARAGRAPHS[1] in article.text


# --------------------------------------------------------------------------- strings and stdin


def test_read_text_plain() -> None:
    text = 'He said: "No."\r\n'
    article = ingest.read_text(text, url="https://example.com/a", title="T")
    assert article.text == text
    assert article.id == content_id(text)
    assert (article.url, article.title) == ("https://example.com/a", "T")


def test_read_text_html() -> None:
    article = ingest.read_text(ARTICLE_HTML, id="k", url="https://news.example.com/k")
    assert article.id == "k"
    assert PARAGRAPHS[2] in article.text
    assert article.url == "https://news.example.com/k"


@pytest.mark.parametrize("text", ["", "   \n"])
def test_read_text_empty(text: str) -> None:
    with pytest.raises(InputError):
        ingest.read_text(text)


def test_read_stdin() -> None:
    article = ingest.read_stdin(io.BytesIO("From stdin — é\n".encode()))
    assert (article.id, article.text) == ("stdin", "From stdin — é\n")
    assert ingest.read_stdin(io.BytesIO(b"x"), id="mine").id == "mine"


def test_read_stdin_empty_and_binary() -> None:
    with pytest.raises(InputError, match="empty input"):
        ingest.read_stdin(io.BytesIO(b""))
    with pytest.raises(InputError, match="binary file"):
        ingest.read_stdin(io.BytesIO(PNG_HEADER + _random_bytes(500)))


def test_read_input_dispatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "one.txt", b"Hello there.\n")
    assert ingest.read_input(str(path)).text == "Hello there.\n"
    fake_stdin = io.TextIOWrapper(io.BytesIO(b"piped text\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    assert ingest.read_input("-").text == "piped text\n"
    with pytest.raises(RefusedURLError):
        ingest.read_input("ftp://example.com/file.txt")
    with pytest.raises(InputError, match="file not found"):
        ingest.read_input(str(tmp_path / "missing.txt"))


@pytest.mark.parametrize("seed", range(20))
def test_only_input_errors_on_garbage(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    data = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"", b"<html>"]) + rng.randbytes(
        rng.randrange(1, 300)
    )
    path = _write(tmp_path, f"g{seed}.html", data)
    with contextlib.suppress(InputError):
        ingest.read_path(path)
    with contextlib.suppress(InputError):
        ingest.read_stdin(io.BytesIO(data))


# --------------------------------------------------------------------------- URL safety (no network)


@pytest.fixture
def no_http(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> httpx.Response:
        raise AssertionError("no HTTP request may be sent")

    monkeypatch.setattr(httpx.Client, "send", refuse)


@pytest.mark.usefixtures("no_http")
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.100.100.200/",
        "https://224.0.0.1/",
    ],
)
def test_private_urls_refused(url: str) -> None:
    with pytest.raises(RefusedURLError) as exc:
        ingest.fetch_url(url)
    assert _reason(exc) == ingest.PRIVATE_REASON


@pytest.mark.usefixtures("no_http")
def test_host_with_any_private_address_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(RefusedURLError):
        ingest.fetch_url("https://mixed.example.com/story")


@pytest.mark.usefixtures("no_http")
@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://x/"])
def test_non_http_schemes_refused(url: str) -> None:
    with pytest.raises(RefusedURLError, match="unsupported URL scheme"):
        ingest.fetch_url(url, allow_private=True)


@pytest.mark.usefixtures("no_http")
def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(InputError, match="unreachable: cannot resolve host"):
        ingest.fetch_url("https://no-such-host.invalid/")


# --------------------------------------------------------------------------- a real local server


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        redirects = {"/loop": "/loop", "/to-article": "/news/article.html", "/to-private": "http://10.0.0.1/"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    (root / "news").mkdir()
    (root / "news" / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (root / "news" / "index.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (root / "notes.txt").write_bytes("Plain notes – é\r\n".encode())
    (root / "image.png").write_bytes(PNG_HEADER + _random_bytes(2000))
    handler = functools.partial(_Handler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_html(server: str) -> None:
    article = ingest.fetch_url(f"{server}/news/article.html", allow_private=True)
    assert article.id == "article"
    assert article.title == "Kremlin denies missile threat"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert article.url == f"{server}/news/article.html"


def test_fetch_plain_text(server: str) -> None:
    article = ingest.fetch_url(f"{server}/notes.txt", allow_private=True)
    assert (article.id, article.text) == ("notes", "Plain notes – é\r\n")


def test_fetch_png_refused(server: str) -> None:
    with pytest.raises(InputError) as exc:
        ingest.fetch_url(f"{server}/image.png", allow_private=True)
    assert _reason(exc) == "not an HTML page (content-type image/png)"


def test_fetch_follows_redirects(server: str) -> None:
    assert PARAGRAPHS[0] in ingest.fetch_url(f"{server}/to-article", allow_private=True).text
    article = ingest.fetch_url(f"{server}/news", allow_private=True)  # 301 to /news/
    assert article.id == "news"


def test_fetch_redirect_loop(server: str) -> None:
    with pytest.raises(InputError, match="too many redirects"):
        ingest.fetch_url(f"{server}/loop", allow_private=True)


def test_fetch_http_error(server: str) -> None:
    with pytest.raises(InputError) as exc:
        ingest.fetch_url(f"{server}/missing.html", allow_private=True)
    assert _reason(exc) == "HTTP 404"


def test_fetch_size_limit(server: str) -> None:
    with pytest.raises(InputError, match="response too large"):
        ingest.fetch_url(f"{server}/news/article.html", allow_private=True, max_bytes=100)


def test_fetch_private_refused_by_default(server: str) -> None:
    with pytest.raises(RefusedURLError):
        ingest.fetch_url(f"{server}/news/article.html")


def test_fetch_unreachable_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError) as exc:
        ingest.fetch_url(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2.0)
    assert _reason(exc).startswith("unreachable: ")
    assert "\n" not in _reason(exc)


@pytest.fixture
def public_test_host(monkeypatch: pytest.MonkeyPatch, server: str) -> str:
    """Pretend ``news.test`` is a public host at 127.0.0.1, to exercise the checked, pinned path."""
    real_getaddrinfo, real_is_public = socket.getaddrinfo, ingest._is_public

    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host == "news.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(ingest, "_is_public", lambda a: a == "127.0.0.1" or real_is_public(a))
    return server.replace("127.0.0.1", "news.test")


def test_fetch_pins_checked_address(public_test_host: str) -> None:
    article = ingest.fetch_url(f"{public_test_host}/to-article")
    assert PARAGRAPHS[3] in article.text
    assert article.url == f"{public_test_host}/news/article.html"


def test_redirect_to_private_refused(public_test_host: str) -> None:
    with pytest.raises(RefusedURLError) as exc:
        ingest.fetch_url(f"{public_test_host}/to-private")
    assert exc.value.source == "http://10.0.0.1/"
