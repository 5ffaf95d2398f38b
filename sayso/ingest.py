"""First pipeline stage: every input (a file, a string, stdin, a URL) becomes an :class:`Article`.

Offsets downstream are into ``Article.text`` exactly as produced here: plain text is kept as decoded
(only a byte-order mark is dropped, newlines are left alone); HTML goes through trafilatura and the
extracted text is the article text. Bad input raises :class:`InputError` (or a subclass) only.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import unquote, urljoin, urlsplit

import httpx
import trafilatura
from trafilatura.utils import load_html

from sayso.errors import InputError, RefusedURLError
from sayso.model import Article, content_id

MB = 1_000_000
DEFAULT_MAX_FILE_BYTES = 50 * MB
DEFAULT_MAX_URL_BYTES = 10 * MB
MAX_REDIRECTS = 5
USER_AGENT = "sayso/0.1 (+https://pypi.org/project/sayso/)"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PAGE_TYPES = frozenset({"text/html", "text/plain", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
PRIVATE_REASON = "refused: private or loopback address (use --allow-private)"

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL
)
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SNIFF_BYTES = 4096
_CONTROL_SAMPLE = 100_000
_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


# --------------------------------------------------------------------------- decoding


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec a BOM-less sample looks like (NULs in every other byte), or None."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _pick_codec(data: bytes) -> tuple[str, int]:
    """The codec of ``data`` and the length of its byte-order mark."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    return _utf16_without_bom(data) or "", 0


def _decode_8bit(data: bytes) -> str:
    """UTF-8 if valid, else Windows-1252, else Latin-1 (which decodes any byte)."""
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    """True if a sample of ``text`` holds NULs or a high share of control characters."""
    sample = text[:_CONTROL_SAMPLE]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls > _CONTROL_SHARE * max(len(sample), 1)


def decode_bytes(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM, or sniffed by NULs), else cp1252/latin-1."""
    codec, bom = _pick_codec(data)
    if codec.startswith("utf-16"):
        try:
            text = data[bom:].decode(codec)
        except UnicodeDecodeError:
            raise InputError(source, "binary file, not text") from None
    elif b"\x00" in data:
        raise InputError(source, "binary file, not text")
    else:
        text = _decode_8bit(data[bom:])
    if _looks_binary(text):
        raise InputError(source, "binary file, not text")
    return text


# --------------------------------------------------------------------------- building articles


def looks_like_html(data: str | bytes) -> bool:
    """True if the input starts like an HTML document (``<!doctype html`` or ``<html``)."""
    head = data[:_SNIFF_BYTES]
    raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
    return _HTML_START.match(raw.lstrip(b"\xef\xbb\xbf")) is not None


def _join_paragraphs(text: str) -> str:
    """One paragraph per block, blocks separated by one blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _metadata(doc: Any, key: str) -> str | None:
    """A metadata field of a trafilatura result (a Document in 2.x, a dict in 1.x)."""
    value = doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)
    return value if isinstance(value, str) and value.strip() else None


def _link_texts(tree: Any) -> list[str]:
    """The normalised text of every link in ``tree``, longest first."""
    texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return sorted((t for t in texts if t), key=len, reverse=True)


def _only_links(text: str, links: list[str]) -> bool:
    """True if every line of ``text`` is made of link texts and punctuation (a menu, not an article)."""
    anchors = set(links)
    for line in text.splitlines():
        rest = " ".join(line.split())
        if not rest or rest in anchors:
            continue
        for link in links:
            if link in rest:
                rest = rest.replace(link, " ")
        if any(ch.isalnum() for ch in rest):
            return False
    return True


def _extract(html: str | bytes, url: str | None, source: str) -> tuple[Any, str]:
    """Run trafilatura on ``html``: its result (or None) and the extracted text, menus dropped."""
    try:
        tree = load_html(html)
        if tree is None:
            return None, ""
        links = _link_texts(tree)
        doc = trafilatura.bare_extraction(tree, url=url, favor_recall=True, include_comments=False, with_metadata=True)
    except (ValueError, TypeError, LookupError, UnicodeError) as exc:
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from None
    text = _metadata(doc, "text") or ""
    return doc, "" if _only_links(text, links) else _join_paragraphs(text)


def html_article(
    html: str | bytes, *, id: str | None, source: str, url: str | None = None, title: str | None = None
) -> Article:
    """The article in an HTML page, with title, url and date from its metadata where present."""
    doc, text = _extract(html, url, source)
    if not text:
        raise InputError(source, "no article text found in HTML")
    return Article(
        id=id or content_id(text),
        text=text,
        title=title or _metadata(doc, "title"),
        url=_metadata(doc, "url") or url,
        source=_metadata(doc, "sitename") or _metadata(doc, "hostname"),
        published=_metadata(doc, "date"),
    )


def _text_article(
    text: str, *, id: str | None, source: str, url: str | None = None, title: str | None = None
) -> Article:
    """An article from decoded text: HTML if it looks like HTML, else the text as it is."""
    if looks_like_html(text):
        return html_article(text, id=id, source=source, url=url, title=title)
    if not text.strip():
        raise InputError(source, "empty input")
    return Article(id=id or content_id(text), text=text, title=title, url=url)


# --------------------------------------------------------------------------- files, strings, stdin


def _read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, with file-system errors as InputError."""
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, "is a directory")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"file too large ({size / MB:.1f} MB > {max_bytes / MB:g} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "file not found") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None


def read_path(path: Path, *, id: str | None = None, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Article:
    """A plain-text or HTML file as an Article; ``id`` defaults to the file's stem."""
    source = str(path)
    data = _read_file(path, max_bytes)
    if not data:
        raise InputError(source, "empty file")
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "empty file")
    article_id = id or path.stem or content_id(text)
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return html_article(text, id=article_id, source=source)
    return Article(id=article_id, text=text)


def read_text(text: str, *, id: str | None = None, url: str | None = None, title: str | None = None) -> Article:
    """A string as an Article (HTML is sniffed and extracted); ``id`` defaults to a content hash."""
    return _text_article(text, id=id, source=id or "<text>", url=url, title=title)


def read_stdin(
    stream: BinaryIO | None = None, *, id: str | None = None, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Article:
    """Standard input (or any binary stream) as an Article with id ``stdin`` unless given."""
    source = "stdin"
    try:
        data = (stream or sys.stdin.buffer).read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise InputError(source, f"cannot read ({exc})") from None
    if len(data) > max_bytes:
        raise InputError(source, f"input too large (> {max_bytes / MB:g} MB)")
    if not data:
        raise InputError(source, "empty input")
    return _text_article(decode_bytes(data, source), id=id or "stdin", source=source)


# --------------------------------------------------------------------------- URLs


@dataclass(frozen=True)
class _Target:
    """One hop of a fetch: the URL as given and the checked addresses to connect to."""

    url: httpx.URL
    addresses: tuple[str, ...]  # empty: let httpx resolve the host itself (allow_private)


def _is_public(address: str) -> bool:
    """True if ``address`` is a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    flags = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_multicast, ip.is_reserved)
    return ip.is_global and not any(flags) and not ip.is_unspecified


def _resolve(host: str, port: int, source: str) -> tuple[str, ...]:
    """Every address ``host`` resolves to, in resolver order, without duplicates."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise InputError(source, f"unreachable: cannot resolve host {host!r} ({exc})") from None
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def _parse_url(url: str) -> httpx.URL:
    """``url`` parsed, with only http and https accepted."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InputError(url, "not a valid URL") from None
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "none"
        raise RefusedURLError(url, f"refused: unsupported URL scheme {scheme!r} (only http, https)")
    if not parsed.host:
        raise InputError(url, "not a valid URL (no host)")
    return parsed


def check_url(url: str, *, allow_private: bool = False) -> _Target:
    """Parse ``url`` and, unless ``allow_private``, refuse it if any address of its host is not public."""
    parsed = _parse_url(url)
    if allow_private:
        return _Target(parsed, ())
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = _resolve(parsed.raw_host.decode("ascii"), port, url)
    if not addresses or not all(_is_public(a) for a in addresses):
        raise RefusedURLError(url, PRIVATE_REASON)
    return _Target(parsed, addresses)


def _pinned_request(client: httpx.Client, target: _Target, address: str, timeout: float) -> httpx.Request:
    """A GET for ``target`` sent to ``address``, so DNS cannot change between check and connect."""
    host = target.url.netloc.decode("ascii")
    extensions = {"sni_hostname": target.url.raw_host.decode("ascii")} if target.url.scheme == "https" else {}
    return client.build_request(
        "GET",
        target.url.copy_with(host=address.split("%", 1)[0]),
        headers={"Host": host},
        extensions=extensions,
        timeout=timeout,
    )


def _send(client: httpx.Client, target: _Target, timeout: float) -> httpx.Response:
    """Send the GET for one hop, trying each checked address in turn; the response is streamed."""
    if not target.addresses:
        request = client.build_request("GET", target.url, timeout=timeout)
        return client.send(request, stream=True, follow_redirects=False)
    error: httpx.ConnectError | None = None
    for address in target.addresses:
        request = _pinned_request(client, target, address, timeout)
        try:
            return client.send(request, stream=True, follow_redirects=False)
        except httpx.ConnectError as exc:
            error = exc
    assert error is not None
    raise error


def _read_body(response: httpx.Response, source: str, max_bytes: int) -> bytes:
    """The body of ``response``, refusing more than ``max_bytes``."""
    limit = f"response too large (> {max_bytes / MB:g} MB)"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(source, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(source, limit)
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Page:
    """The last hop of a fetch: its URL, body and content type."""

    url: str
    body: bytes
    media_type: str
    charset: str | None


def _download(
    client: httpx.Client, url: str, allow_private: bool, timeout: float, max_bytes: int, types: frozenset[str]
) -> Page:
    """Follow up to MAX_REDIRECTS redirects, checking every hop, and read the final page."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target = check_url(current, allow_private=allow_private)
        response = _send(client, target, timeout)
        try:
            location = response.headers.get("location")
            if response.is_redirect and location:
                current = urljoin(current, location)
                continue
            return _final_page(response, current, max_bytes, types)
        finally:
            response.close()
    raise InputError(url, f"too many redirects (> {MAX_REDIRECTS})")


def _final_page(response: httpx.Response, url: str, max_bytes: int, types: frozenset[str]) -> Page:
    """Check the status and content type of the last hop and read its body."""
    if response.status_code >= 400:
        raise InputError(url, f"HTTP {response.status_code}")
    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media not in types:
        raise InputError(url, f"not an HTML page (content-type {media or 'missing'})")
    return Page(url, _read_body(response, url, max_bytes), media, response.charset_encoding)


def _url_id(url: str) -> str | None:
    """The stem of the last path segment of ``url``, or None if it has none."""
    try:
        path = httpx.URL(url).path
    except (httpx.InvalidURL, ValueError):
        return None
    return PurePosixPath(unquote(path)).stem or None


def page_article(page: Page, source: str) -> Article:
    """An Article from a downloaded page."""
    article_id = _url_id(page.url)
    if page.media_type == "text/plain":
        text = _decode_declared(page.body, page.charset, source)
        if looks_like_html(text):
            return html_article(text, id=article_id, source=source, url=page.url)
        if not text.strip():
            raise InputError(source, "empty page")
        return Article(id=article_id or content_id(text), text=text, url=page.url)
    html: str | bytes = _decode_declared(page.body, page.charset, source) if page.charset else page.body
    return html_article(html, id=article_id, source=source, url=page.url)


def _decode_declared(body: bytes, charset: str | None, source: str) -> str:
    """``body`` decoded with the declared charset, or sniffed when none (or an unknown one) is declared."""
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_bytes(body, source)


def fetch_page(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = DEFAULT_MAX_URL_BYTES,
    types: frozenset[str] = PAGE_TYPES,
    client: httpx.Client | None = None,
) -> Page:
    """Download ``url`` (http/https only, public addresses only unless ``allow_private``) if its content
    type is one of ``types``; every failure is an InputError naming the URL."""
    http = client or httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout)
    try:
        return _download(http, url, allow_private, timeout, max_bytes, types)
    except httpx.TimeoutException:
        raise InputError(url, f"unreachable: timed out after {timeout:g} s") from None
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(url, f"unreachable: {detail}") from None
    finally:
        if client is None:
            http.close()


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = DEFAULT_MAX_URL_BYTES,
    client: httpx.Client | None = None,
) -> Article:
    """Download ``url`` (http/https only, public addresses only unless ``allow_private``) as an Article."""
    page = fetch_page(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, client=client)
    return page_article(page, url)


def url_host(url: str | None) -> str | None:
    """The host of a URL (an outlet when nothing better names it), or None."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


def read_input(spec: str, *, allow_private: bool = False) -> Article:
    """One input by its spec: ``-`` is stdin, ``scheme://...`` a URL, anything else a file path."""
    if spec == "-":
        return read_stdin(sys.stdin.buffer)
    if _URL_LIKE.match(spec):
        return fetch_url(spec, allow_private=allow_private)
    return read_path(Path(spec))
