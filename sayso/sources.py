"""Archive inputs: every file, folder, glob, table, WARC, feed or list of URLs becomes a stream of Articles.

``iter_articles`` yields an :class:`~sayso.model.Article` or a :class:`Failure` for every item, lazily (a
stream of millions is never held in memory); a bad input is one Failure and the other inputs go on.

How an input is recognised (suffixes are case-insensitive):

- ``-``: standard input (text or HTML).
- ``http://`` / ``https://``: fetched (``sayso.ingest.fetch_page``: timeouts, size limit, private
  addresses refused unless ``allow_private``); an RSS/Atom content type is read as a feed, a page as
  one article.
- ``s3://``, ``gs://``, ``memory://``, any other fsspec URL, a local path: by suffix, below.
- A folder: every file of a known suffix in it and its sub-folders (hidden ones skipped), sorted.
- A path with ``*``, ``?`` or ``[`` that does not exist as such: a glob (``**`` recurses).
- ``.jsonl`` / ``.ndjson`` (optionally ``.gz``/``.bz2``/...): one JSON object a line with the article
  columns of :class:`Columns`; ``.csv``: a header row with them; ``.parquet`` / ``.pq``: the same
  columns. A row has ``text`` or ``html`` (HTML goes through trafilatura); without an id the content
  hash of the text is the id.
- ``.warc`` / ``.warc.gz``: every HTML ``response`` record is an article (see :func:`_warc`).
- ``.rss`` / ``.atom`` / ``.xml``: an RSS or Atom feed.
- ``.urls``: one URL a line (blank lines and ``#`` comments skipped), each fetched; a ``.txt`` file
  whose every non-blank line is an http(s) URL is read the same way (an article is never only URLs).
- anything else (``.txt``, ``.html``, ``.htm``, no suffix, ...): one text or HTML article, id = the
  file's stem, as ``sayso analyze`` reads it.
"""

from __future__ import annotations

import csv
import glob
import io
import itertools
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from sayso import ingest
from sayso.errors import InputError
from sayso.model import Article, content_id


@dataclass(frozen=True)
class Columns:
    """Column names in JSONL/CSV/Parquet inputs, mappable by CLI options."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str = "title"
    published: str = "published"
    source: str = "source"


@dataclass(frozen=True)
class Failure:
    """An input or item that gave no article."""

    input: str  # names the item, e.g. "feed.xml#3" or "articles.csv:12"
    error: str  # one line

    def __str__(self) -> str:
        return f"{self.input}: {self.error}"


Item = Article | Failure

TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
URLS_SUFFIXES = frozenset({".urls"})
WARC_SUFFIXES = frozenset({".warc"})
COMPRESSION_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES | FEED_SUFFIXES | URLS_SUFFIXES | WARC_SUFFIXES
)
WARC_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
URL_FETCH_THREADS = 8
PARQUET_BATCH_ROWS = 256
_GLOB_CHARS = re.compile(r"[*?\[]")
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)


def iter_articles(
    inputs: Sequence[str], *, columns: Columns = Columns(), allow_private: bool = False
) -> Iterator[Article | Failure]:
    """Every article of every input, in order, or a Failure naming the input or item that gave none."""
    reader = _Reader(columns, allow_private)
    for spec in inputs:
        yield from reader.guarded(spec, reader.spec(spec))


def _one_line(text: str, limit: int = 300) -> str:
    return " ".join(text.split())[:limit] or "unknown error"


def _describe(exc: BaseException) -> str:
    """A one-line reason for an unexpected error while reading."""
    if isinstance(exc, InputError):
        return _one_line(exc.reason)
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read ({_one_line(exc.strerror)})"
    return f"cannot read ({type(exc).__name__}: {_one_line(str(exc))})"


def _suffixes(name: str) -> tuple[str, str]:
    """The format suffix of ``name`` and its compression suffix ('' when none), lower case."""
    path = PurePosixPath(urlsplit(name).path if _REMOTE.match(name) else name)
    suffix = path.suffix.lower()
    if suffix in COMPRESSION_SUFFIXES:
        return PurePosixPath(path.stem).suffix.lower(), suffix
    return suffix, ""


def _stem(name: str) -> str:
    """The file's name without its format and compression suffixes."""
    base = PurePosixPath(urlsplit(name).path if _REMOTE.match(name) else name).name
    fmt, comp = _suffixes(name)
    for suffix in (comp, fmt):
        if suffix and base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    return base


def _iso(value: Any) -> str | None:
    """A date-like cell as an ISO string, or None."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _cell(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _time_struct_iso(value: Any) -> str | None:
    """A feedparser time struct (UTC) as an ISO date-time string."""
    if not value:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    except (TypeError, ValueError):
        return None


class _Reader:
    """The readers, sharing the column names and the private-address policy."""

    def __init__(self, columns: Columns, allow_private: bool) -> None:
        self.columns = columns
        self.allow_private = allow_private

    # ------------------------------------------------------------------ dispatch

    def guarded(self, name: str, items: Iterator[Item]) -> Iterator[Item]:
        """``items``, with any error that escapes a reader turned into one Failure naming ``name``."""
        try:
            yield from items
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
            yield Failure(name, _describe(exc))

    def spec(self, spec: str) -> Iterator[Item]:
        if spec == "-":
            yield self._stdin()
        elif _HTTP.match(spec):
            yield from self._http(spec)
        elif _REMOTE.match(spec) and not spec.lower().startswith("file://"):
            yield from self._remote(spec)
        else:
            local = spec[len("file://") :] if spec.lower().startswith("file://") else spec
            yield from self._local(local)

    def _local(self, spec: str) -> Iterator[Item]:
        path = Path(spec)
        if path.is_dir():
            yield from self._folder(path)
        elif not path.exists() and _GLOB_CHARS.search(spec):
            yield from self._glob(spec)
        else:
            yield from self._file(spec)

    def _folder(self, root: Path) -> Iterator[Item]:
        found = False
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or _suffixes(name)[0] not in KNOWN_SUFFIXES:
                    continue
                found = True
                path = os.path.join(directory, name)
                yield from self.guarded(path, self._file(path))
        if not found:
            yield Failure(str(root), "no article files in folder")

    def _glob(self, pattern: str) -> Iterator[Item]:
        matches = sorted(glob.iglob(pattern, recursive=True))
        if not matches:
            yield Failure(pattern, "no files match")
        for match in matches:
            if os.path.isdir(match):
                continue
            yield from self.guarded(match, self._file(match))

    def _remote(self, spec: str) -> Iterator[Item]:
        import fsspec

        if _GLOB_CHARS.search(spec.split("://", 1)[1]):
            fs, _, paths = fsspec.get_fs_token_paths(spec)
            if not paths:
                yield Failure(spec, "no files match")
            for path in sorted(paths):
                url = fs.unstrip_protocol(path)
                yield from self.guarded(url, self._file(url))
        else:
            yield from self._file(spec)

    def _file(self, name: str) -> Iterator[Item]:
        """One file (local or fsspec) by its suffix."""
        fmt, _ = _suffixes(name)
        if fmt in JSONL_SUFFIXES:
            yield from self._jsonl(name)
        elif fmt in CSV_SUFFIXES:
            yield from self._csv(name)
        elif fmt in PARQUET_SUFFIXES:
            yield from self._parquet(name)
        elif fmt in WARC_SUFFIXES:
            yield from self._warc(name)
        elif fmt in FEED_SUFFIXES:
            yield from self._feed_bytes(name, _read_all(name))
        elif fmt in URLS_SUFFIXES:
            yield from self._url_list(name, _read_all(name))
        else:
            yield from self._text_file(name)

    # ------------------------------------------------------------------ single articles

    def _stdin(self) -> Item:
        try:
            return ingest.read_stdin(sys.stdin.buffer)
        except InputError as exc:
            return Failure("stdin", exc.reason)

    def _text_file(self, name: str) -> Iterator[Item]:
        try:
            if _REMOTE.match(name):
                data = _read_all(name)
                text = ingest.decode_bytes(data, name)
                if _is_url_list(text):
                    yield from self._url_list(name, data)
                    return
                yield ingest.read_text(text, id=_stem(name) or None)
                return
            article = ingest.read_path(Path(name))
        except InputError as exc:
            yield Failure(name, exc.reason)
            return
        if _suffixes(name)[0] in (".txt", ".text", "") and _is_url_list(article.text):
            yield from self._url_list(name, article.text.encode("utf-8"))
        else:
            yield article

    def _http(self, url: str) -> Iterator[Item]:
        """A URL: a feed if its content type says so, else a page."""
        try:
            page = ingest.fetch_page(url, allow_private=self.allow_private, types=ingest.PAGE_TYPES | ingest.FEED_TYPES)
            if page.media_type in ingest.FEED_TYPES:
                yield from self._feed_bytes(url, page.body)
                return
            yield ingest.page_article(page, url)
        except InputError as exc:
            yield Failure(url, exc.reason)

    def _fetch(self, url: str) -> Article:
        return ingest.fetch_url(url, allow_private=self.allow_private)

    # ------------------------------------------------------------------ tables

    def _row_article(self, row: dict[str, Any], item: str) -> Item:
        """One table row as an Article: text or html, the other columns as given."""
        cols = self.columns
        text, html = _cell(row, cols.text), _cell(row, cols.html)
        given = {
            "title": _cell(row, cols.title),
            "url": _cell(row, cols.url),
            "source": _cell(row, cols.source),
            "published": _iso(row.get(cols.published)),
        }
        row_id = _cell(row, cols.id)
        try:
            if text is not None:
                return Article(id=row_id or content_id(text), text=text, **given)
            if html is not None:
                article = ingest.html_article(html, id=row_id, source=item, url=given["url"], title=given["title"])
                update = {key: value for key, value in given.items() if value is not None}
                return article.model_copy(update=update) if update else article
        except InputError as exc:
            return Failure(item, exc.reason)
        if cols.text not in row and cols.html not in row:
            return Failure(item, f"no {cols.text!r} or {cols.html!r} field")
        return Failure(item, f"empty {cols.text!r} and {cols.html!r}")

    def _jsonl(self, name: str) -> Iterator[Item]:
        with _open_text(name) as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                item = f"{name}:{number}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Failure(item, f"not JSON ({exc.msg})")
                    continue
                if not isinstance(row, dict):
                    yield Failure(item, "not a JSON object")
                    continue
                yield self._row_article(row, item)

    def _csv(self, name: str) -> Iterator[Item]:
        csv.field_size_limit(ingest.DEFAULT_MAX_FILE_BYTES)
        with _open_text(name) as stream:
            reader = csv.DictReader(stream)
            fields = reader.fieldnames or []
            if self.columns.text not in fields and self.columns.html not in fields:
                yield Failure(name, f"no {self.columns.text!r} or {self.columns.html!r} column")
                return
            start = reader.line_num + 1
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield Failure(f"{name}:{reader.line_num}", f"bad CSV ({_one_line(str(exc))})")
                    return
                yield self._row_article(row, f"{name}:{start}")
                start = reader.line_num + 1

    def _parquet(self, name: str) -> Iterator[Item]:
        import pyarrow.parquet as pq

        with _open_binary(name) as stream:
            table = pq.ParquetFile(stream)
            present = set(table.schema_arrow.names)
            if self.columns.text not in present and self.columns.html not in present:
                yield Failure(name, f"no {self.columns.text!r} or {self.columns.html!r} column")
                return
            wanted = [c for c in dict.fromkeys(vars(self.columns).values()) if c in present]
            number = 0
            for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
                for row in batch.to_pylist():
                    number += 1
                    yield self._row_article(row, f"{name}#{number}")

    # ------------------------------------------------------------------ WARC

    def _warc(self, name: str) -> Iterator[Item]:
        """HTML response records: id from the target URI (its hash), url = the URI, source = its host,
        published from the page's metadata or else the WARC-Date. Other records are skipped; a truncated
        or corrupt record is a Failure, after the records before it."""
        from warcio.archiveiterator import ArchiveIterator

        number = 0
        with _open_binary(name, compression=None) as stream:
            archive = ArchiveIterator(stream, arc2warc=True)
            records = iter(archive)
            while True:
                item = f"{name}#{number + 1}"
                try:
                    record = next(records)
                    number += 1
                    article = _warc_record(record, item)
                except StopIteration:
                    break
                except InputError as exc:
                    yield Failure(item, exc.reason)
                    continue
                except Exception as exc:  # noqa: BLE001 - warcio, zlib, EOF: a broken record ends the file
                    yield Failure(item, f"truncated or corrupt WARC record ({_describe(exc)})")
                    return
                if article is not None:
                    yield article
            left = _size(stream) - archive.offset
            if left > 0:  # a gzip member cut short ends warcio's iteration without an error
                yield Failure(f"{name}#{number + 1}", f"truncated or corrupt WARC record ({left} bytes unread)")

    # ------------------------------------------------------------------ feeds

    def _feed_bytes(self, name: str, data: bytes) -> Iterator[Item]:
        import feedparser

        parsed = feedparser.parse(data)
        if not parsed.get("version") and not parsed.entries:
            reason = parsed.get("bozo_exception")
            detail = f" ({_one_line(str(reason), 120)})" if reason else ""
            yield Failure(name, f"not an RSS or Atom feed{detail}")
            return
        outlet = parsed.feed.get("title") or ingest.url_host(parsed.feed.get("link"))
        entries = ((f"{name}#{number}", entry) for number, entry in enumerate(parsed.entries, start=1))
        yield from _bounded_map_entries(lambda pair: self._entry(pair[0], pair[1], outlet), entries)

    def _entry(self, item: str, entry: Any, outlet: str | None) -> Item:
        """A feed entry: its full content if it has one, else its linked page fetched."""
        link = entry.get("link") if _HTTP.match(entry.get("link") or "") else None
        meta = {
            "title": entry.get("title") or None,
            "url": link or None,
            "source": outlet,
            "published": _time_struct_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            or entry.get("published")
            or entry.get("updated")
            or None,
        }
        key = entry.get("id") or link
        try:
            body = _entry_content(entry)
            if body is None and link:
                article = self._fetch(link)
                update = {k: v for k, v in meta.items() if v is not None}
                return article.model_copy(update={"id": content_id(key) if key else article.id, **update})
            if body is None:
                body = entry.get("summary") or ""
            text = _content_text(body, item)
        except InputError as exc:
            return Failure(item, str(exc) if exc.source != item else exc.reason)
        return Article(id=content_id(key) if key else content_id(text), text=text, **meta)

    # ------------------------------------------------------------------ URL lists

    def _url_list(self, name: str, data: bytes) -> Iterator[Item]:
        text = ingest.decode_bytes(data, name) if data else ""
        lines = ((f"{name}:{n}", line.strip()) for n, line in enumerate(text.splitlines(), start=1))
        urls = ((item, line) for item, line in lines if line and not line.startswith("#"))
        yield from _bounded_map_entries(lambda pair: self._listed_url(pair[0], pair[1]), urls)

    def _listed_url(self, item: str, url: str) -> Item:
        try:
            return self._fetch(url)
        except InputError as exc:
            return Failure(item, str(exc))


def _bounded_map_entries(fn: Callable[[Any], Item], items: Iterable[Any]) -> Iterator[Item]:
    """``fn`` over ``items`` on URL_FETCH_THREADS threads, lazily and in order (fetches overlap)."""
    first = list(itertools.islice(items, 1))
    if not first:
        return
    with ThreadPoolExecutor(URL_FETCH_THREADS) as pool:
        pending: list[Future[Item]] = []
        for entry in itertools.chain(first, items):
            pending.append(pool.submit(fn, entry))
            if len(pending) >= 2 * URL_FETCH_THREADS:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _is_url_list(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return bool(lines) and all(_HTTP.match(line) for line in lines)


def _entry_content(entry: Any) -> str | None:
    """The full content of a feed entry (content:encoded, atom:content), or None."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            return value
    return None


def _content_text(body: str, item: str) -> str:
    """The text of a feed entry's content: HTML through trafilatura, or by paragraphs when it finds none."""
    if "<" not in body:
        text = ingest._join_paragraphs(body)
    else:
        try:
            text = ingest.html_article(f"<html><body><article>{body}</article></body></html>", id="-", source=item).text
        except InputError:
            text = _fragment_text(body)
    if not text.strip():
        raise InputError(item, "entry has no text and no link")
    return text


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def _fragment_text(body: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (ValueError, TypeError):
        return ""
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return ingest._join_paragraphs(root.text_content())


def _drain(record: Any, item: str) -> None:
    """Read the rest of ``record``'s block; raise if the file ends before its declared length."""
    while record.raw_stream.read(1 << 16):
        pass
    if record.raw_stream.limit > 0:
        raise EOFError(f"{record.raw_stream.limit} bytes missing")


def _size(stream: Any) -> int:
    """The size of an open (local or fsspec) binary file."""
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    here = stream.tell()
    end: int = stream.seek(0, io.SEEK_END)
    stream.seek(here)
    return end


def _warc_record(record: Any, item: str) -> Article | None:
    """The article in one WARC record, or None for records that hold no page (requests, images...)."""
    if record.rec_type != "response" or record.http_headers is None:
        _drain(record, item)
        return None
    status = record.http_headers.get_statuscode() or ""
    media_line = record.http_headers.get_header("Content-Type") or ""
    media = media_line.split(";", 1)[0].strip().lower()
    if not status.startswith("2") or media not in WARC_HTML_TYPES:
        _drain(record, item)
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    body = record.content_stream().read()
    _drain(record, item)
    charset = re.search(r"charset=[\"']?([\w.:-]+)", media_line, re.IGNORECASE)
    html: str | bytes = body
    if charset:
        try:
            html = body.decode(charset.group(1), errors="replace")
        except LookupError:
            html = body
    article = ingest.html_article(html, id=content_id(uri) if uri else None, source=item, url=uri)
    update: dict[str, Any] = {"url": uri or article.url, "source": ingest.url_host(uri) or article.source}
    if not article.published:
        update["published"] = record.rec_headers.get_header("WARC-Date")
    return article.model_copy(update=update)


# ---------------------------------------------------------------------- opening files (local or fsspec)


def _open_binary(name: str, compression: str | None = "infer") -> Any:
    """A context manager for the bytes of ``name`` (local path or fsspec URL), decompressed by suffix."""
    import fsspec

    return fsspec.open(name, "rb", compression=compression)


class _TextStream:
    """``name`` as lines of text (UTF-8, BOM dropped, bad bytes replaced), closed with its file."""

    def __init__(self, name: str) -> None:
        self._file = _open_binary(name)

    def __enter__(self) -> IO[str]:
        binary = self._file.__enter__()
        return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")

    def __exit__(self, *exc: object) -> None:
        self._file.__exit__(*exc)


def _open_text(name: str) -> _TextStream:
    return _TextStream(name)


def _read_all(name: str, max_bytes: int = ingest.DEFAULT_MAX_FILE_BYTES) -> bytes:
    """The whole (decompressed) content of a smallish file: a feed, a list of URLs."""
    with _open_binary(name) as stream:
        data: bytes = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, f"file too large (> {max_bytes / ingest.MB:g} MB)")
    return data
