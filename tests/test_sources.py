"""Tests for sayso.sources: real files of every kind written here, feeds as XML, a real local HTTP server."""

from __future__ import annotations

import csv
import functools
import gzip
import io
import itertools
import json
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.model import Article, content_id
from sayso.sources import Columns, Failure, iter_articles

WORDS = ["council", "harbour", "bridge", "inspection", "engineers", "report", "mayor", "agency", "spokeswoman"]
WORDS += ["lorries", "precaution", "summary", "committee", "budget", "transport", "minister", "election", "adviser"]


def _paragraphs(seed: int, count: int = 4) -> list[str]:
    """Distinct article paragraphs (long enough for trafilatura) for article number ``seed``."""
    out = []
    for n in range(count):
        words = [WORDS[(seed * 7 + n * 3 + i) % len(WORDS)] for i in range(28)]
        out.append(f"Story {seed} paragraph {n}: The " + " ".join(words) + f", said official number {seed}.")
    return out


def _html(seed: int, title: str | None = None, date: str | None = None) -> str:
    head = f"<title>{title or f'Headline {seed}'}</title>"
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(seed))
    nav = "<nav><a href='/'>Home</a></nav>"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{nav}<article>{body}</article></body></html>"


def _run(*inputs: str, **kwargs: Any) -> list[Article | Failure]:
    return list(iter_articles(list(inputs), **kwargs))


def _articles(items: list[Article | Failure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _failures(items: list[Article | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


# --------------------------------------------------------------------------- files, folders, globs


def test_folder_recursive_and_glob(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "one.txt").write_text("First story. “Yes,” he said.\n", encoding="utf-8")
    (tmp_path / "a" / "deep" / "two.html").write_text(_html(2), encoding="utf-8")
    (tmp_path / "a" / "deep" / "three.HTM").write_text(_html(3), encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # unknown suffix: not an article file
    (tmp_path / "a" / ".hidden.txt").write_text("hidden\n")
    items = _run(str(tmp_path / "a"))
    assert not _failures(items)
    assert [a.id for a in _articles(items)] == ["one", "three", "two"]  # a folder's files, then its sub-folders
    two = _articles(items)[2]
    assert _paragraphs(2)[0] in two.text and "Home" not in two.text
    assert two.title == "Headline 2"
    globbed = _run(str(tmp_path / "a" / "**" / "t*"))
    assert sorted(a.id for a in _articles(globbed)) == ["three", "two"]
    assert _run(str(tmp_path / "nothing-*.txt")) == [Failure(str(tmp_path / "nothing-*.txt"), "no files match")]


def test_bad_inputs_are_one_failure_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.html"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    items = _run(str(tmp_path / "missing.txt"), str(empty), str(binary), str(good), str(tmp_path / "gone.jsonl"))
    assert [type(i).__name__ for i in items] == ["Failure", "Failure", "Failure", "Article", "Failure"]
    assert items[0] == Failure(str(tmp_path / "missing.txt"), "file not found")
    assert items[1] == Failure(str(empty), "empty file")
    assert items[2] == Failure(str(binary), "binary file, not text")
    assert items[4] == Failure(str(tmp_path / "gone.jsonl"), "file not found")
    assert all("\n" not in f.error for f in _failures(items))


def test_empty_folder_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"x")
    assert _run(str(tmp_path)) == [Failure(str(tmp_path), "no article files in folder")]


# --------------------------------------------------------------------------- JSON Lines and CSV


def test_jsonl_rows(tmp_path: Path) -> None:
    rows: list[Any] = [  # the first row gets a date below
        {"id": "a1", "text": "Text one.", "title": "T1", "url": "https://x.test/1", "source": "X"},
        {"text": "Text without id."},
        {"html": _html(5), "url": "https://y.test/5"},
        {"title": "no body"},
        [1, 2],
        {"id": 7, "text": "Numeric id."},
    ]
    rows[0]["published"] = "2024-01-02"
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "{not json")
    lines.insert(2, "")
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _run(str(path))
    assert items[0] == Article(
        id="a1", text="Text one.", title="T1", url="https://x.test/1", source="X", published="2024-01-02"
    )
    assert items[1] == Article(id=content_id("Text without id."), text="Text without id.")
    html_article = items[2]
    assert isinstance(html_article, Article)
    assert _paragraphs(5)[1] in html_article.text
    assert html_article.url == "https://y.test/5" and html_article.title == "Headline 5"
    assert html_article.id == content_id(html_article.text)
    assert items[3] == Failure(f"{path}:5", "not JSON (Expecting property name enclosed in double quotes)")
    assert items[4] == Failure(f"{path}:6", "no 'text' or 'html' field")
    assert items[5] == Failure(f"{path}:7", "not a JSON object")
    assert items[6] == Article(id="7", text="Numeric id.")


def test_jsonl_gzip_and_mapped_columns(tmp_path: Path) -> None:
    path = tmp_path / "mapped.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"key": "k1", "body": "Body text.", "outlet": "Daily", "headline": "H"}) + "\n")
    columns = Columns(id="key", text="body", source="outlet", title="headline")
    assert _run(str(path), columns=columns) == [Article(id="k1", text="Body text.", source="Daily", title="H")]


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "published"])
        writer.writerow(["c1", "Line one\nline two of the same cell.", "2024-03-04"])
        writer.writerow(["", "No id here.", ""])
        writer.writerow(["c3", "", ""])
    items = _run(str(path))
    assert items[0] == Article(id="c1", text="Line one\nline two of the same cell.", published="2024-03-04")
    assert items[1] == Article(id=content_id("No id here."), text="No id here.")
    assert items[2] == Failure(f"{path}:5", "empty 'text' and 'html'")  # the quoted cell spans lines 2-3


def test_csv_without_text_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,Something\n2,Else\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("\ufeffid,html\n1,<p>x</p>\n", encoding="utf-8")
    items = _run(str(bad), str(good))
    assert items[0] == Failure(str(bad), "no 'text' or 'html' column")
    assert items[1] == Failure(f"{good}:2", "no article text found in HTML")  # a BOM before the header is fine
    assert len(items) == 2


# --------------------------------------------------------------------------- Parquet


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    table = pa.table(
        {
            "id": ["p1", None, "p3"],
            "text": ["Parquet text.", "Hashed id text.", None],
            "html": [None, None, _html(9)],
            "published": pa.array([None, None, 1_700_000_000_000], type=pa.timestamp("ms")),
            "extra": [1, 2, 3],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    items = _run(str(path))
    assert items[0] == Article(id="p1", text="Parquet text.")
    assert items[1] == Article(id=content_id("Hashed id text."), text="Hashed id text.")
    third = items[2]
    assert isinstance(third, Article) and third.id == "p3" and _paragraphs(9)[3] in third.text
    assert third.published == "2023-11-14T22:13:20"
    no_text = tmp_path / "no_text.parquet"
    pq.write_table(pa.table({"id": ["1"], "body": ["x"]}), no_text)
    assert _run(str(no_text)) == [Failure(str(no_text), "no 'text' or 'html' column")]
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"PAR1 this is not parquet")
    failure = _run(str(garbage))
    assert len(failure) == 1 and isinstance(failure[0], Failure) and failure[0].input == str(garbage)


def test_fsspec_url(tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    with fs.open("/bucket/a.jsonl", "wb") as fh:
        fh.write(b'{"id": "m1", "text": "In memory."}\n')
    with fs.open("/bucket/b.jsonl", "wb") as fh:
        fh.write(b'{"id": "m2", "text": "Also in memory."}\n')
    assert [a.id for a in _articles(_run("memory://bucket/*.jsonl"))] == ["m1", "m2"]
    assert _run("memory://bucket/a.jsonl") == [Article(id="m1", text="In memory.")]
    assert _run("memory://bucket/none.jsonl") == [Failure("memory://bucket/none.jsonl", "file not found")]


def test_lazy(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(200_000):
            fh.write(json.dumps({"id": str(n), "text": f"Article number {n}. " * 5}) + "\n")
    start = time.perf_counter()
    first = list(itertools.islice(iter_articles([str(path)]), 3))
    assert time.perf_counter() - start < 1.0
    assert [a.id for a in _articles(first)] == ["0", "1", "2"]


# --------------------------------------------------------------------------- WARC


def _warc(path: Path, pages: list[tuple[str, bytes, str]], gzip_records: bool = True) -> list[int]:
    """A real WARC: a warcinfo, then per page a request and a response; returns each response's end offset."""
    ends = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "sayso tests"}))
        for uri, body, media in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", media)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            record.rec_headers.replace_header("WARC-Date", "2024-05-06T07:08:09Z")
            writer.write_record(record)
            ends.append(fh.tell())
    return ends


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"crawl{suffix}"
    pages = [
        ("https://www.news.test/a/one", _html(1, date="2023-01-30T10:00:00Z").encode(), "text/html; charset=utf-8"),
        ("https://img.news.test/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://other.test/two", _html(2).encode("cp1252"), "text/html; charset=windows-1252"),
    ]
    _warc(path, pages, gzip_records=suffix.endswith(".gz"))
    items = _run(str(path))
    assert not _failures(items)
    one, two = _articles(items)
    assert one.id == content_id("https://www.news.test/a/one")
    assert (one.url, one.source) == ("https://www.news.test/a/one", "www.news.test")
    assert one.published is not None and one.published.startswith("2023-01-30")  # the page's own date
    assert _paragraphs(1)[2] in one.text
    assert (two.url, two.source, two.published) == ("https://other.test/two", "other.test", "2024-05-06T07:08:09Z")
    assert _paragraphs(2)[0] in two.text


@pytest.mark.parametrize("gzip_records", [True, False])
def test_truncated_warc(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if gzip_records else "cut.warc")
    pages = [(f"https://n.test/{n}", _html(n).encode(), "text/html") for n in range(3)]
    ends = _warc(path, pages, gzip_records=gzip_records)
    data = path.read_bytes()
    path.write_bytes(data[: ends[1] + (ends[2] - ends[1]) * 2 // 3])  # the third response cut short
    later = tmp_path / "after.txt"
    later.write_text("The next input still comes.\n")
    items = _run(str(path), str(later))
    assert [a.url for a in _articles(items)[:2]] == ["https://n.test/0", "https://n.test/1"]
    failures = _failures(items)
    assert len(failures) == 1
    assert failures[0].input.startswith(f"{path}#") and "truncated or corrupt WARC record" in failures[0].error
    assert isinstance(items[-1], Article) and items[-1].id == "after"


# --------------------------------------------------------------------------- a real local server


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def guess_type(self, path: Any) -> str:
        return "application/rss+xml" if str(path).endswith(".rss") else super().guess_type(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("www")
    for n in range(1, 4):
        (root / f"story{n}.html").write_text(_html(n, title=f"Page title {n}"), encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    handler = functools.partial(_Handler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def _rss(base: str) -> str:
    full = "".join(f"<p>{p}</p>" for p in _paragraphs(11))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Harbour Gazette</title><link>https://gazette.test/</link>
<item><title>Full entry</title><link>https://gazette.test/full</link><guid>g-full</guid>
  <pubDate>Tue, 30 Jan 2024 10:00:00 GMT</pubDate>
  <content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Linked entry</title><link>{base}/story2.html</link><guid>g-linked</guid>
  <description>Only a teaser.</description><pubDate>Wed, 31 Jan 2024 11:00:00 GMT</pubDate></item>
<item><title>Broken link</title><link>{base}/missing.html</link><description>Teaser.</description></item>
</channel></rss>"""


def test_rss_feed(tmp_path: Path, server: tuple[str, Path]) -> None:
    base, _ = server
    path = tmp_path / "feed.xml"
    path.write_text(_rss(base), encoding="utf-8")
    items = _run(str(path), allow_private=True)
    full, linked, broken = items
    assert isinstance(full, Article) and isinstance(linked, Article)
    assert full.id == content_id("g-full") and full.title == "Full entry"
    assert (full.source, full.url, full.published) == (
        "The Harbour Gazette",
        "https://gazette.test/full",
        "2024-01-30T10:00:00Z",
    )
    assert all(p in full.text for p in _paragraphs(11))
    assert linked.id == content_id("g-linked") and _paragraphs(2)[3] in linked.text
    assert (linked.title, linked.source, linked.url) == ("Linked entry", "The Harbour Gazette", f"{base}/story2.html")
    assert linked.published == "2024-01-31T11:00:00Z"
    assert broken == Failure(f"{path}#3", f"{base}/missing.html: HTTP 404")
    refused = _run(str(path))  # the linked pages are on loopback: refused by default
    assert isinstance(refused[0], Article)
    assert isinstance(refused[1], Failure) and "private or loopback" in refused[1].error


def test_atom_feed_and_feed_url(tmp_path: Path, server: tuple[str, Path]) -> None:
    base, root = server
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:x</id>
<updated>2024-02-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><updated>2024-02-01T09:30:00Z</updated>
<content type="text">Plain full text of the entry.

Second paragraph.</content></entry>
<entry><title>B</title><id>urn:b</id><updated>2024-02-02T09:30:00Z</updated><link href="{base}/story3.html"/>
<summary>teaser</summary></entry></feed>"""
    (root / "atom.rss").write_text(atom, encoding="utf-8")
    items = _run(f"{base}/atom.rss", allow_private=True)
    first, second = items
    assert first == Article(
        id=content_id("urn:a"),
        text="Plain full text of the entry.\n\nSecond paragraph.",
        title="A",
        source="Atom Outlet",
        published="2024-02-01T09:30:00Z",
    )
    assert isinstance(second, Article) and _paragraphs(3)[0] in second.text and second.title == "B"


def test_feed_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text("this is not a feed at all, just words", encoding="utf-8")
    after = tmp_path / "after.txt"
    after.write_text("Still read.\n")
    items = _run(str(path), str(after))
    assert isinstance(items[0], Failure) and items[0].input == str(path)
    assert items[0].error.startswith("not an RSS or Atom feed")
    assert isinstance(items[1], Article)


def test_url_lists(tmp_path: Path, server: tuple[str, Path]) -> None:
    base, _ = server
    listing = f"# my list\n{base}/story1.html\n\n{base}/logo.png\n{base}/story3.html\nnot a url\n"
    path = tmp_path / "list.urls"
    path.write_text(listing, encoding="utf-8")
    items = _run(str(path), allow_private=True)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article", "Failure"]
    assert items[0].id == "story1" and _paragraphs(1)[0] in items[0].text  # type: ignore[union-attr]
    assert items[1] == Failure(f"{path}:4", f"{base}/logo.png: not an HTML page (content-type image/png)")
    assert items[3] == Failure(f"{path}:6", "not a url: refused: unsupported URL scheme 'none' (only http, https)")
    txt = tmp_path / "links.txt"  # every line a URL: a list, not an article
    txt.write_text(f"{base}/story2.html\n{base}/story3.html\n", encoding="utf-8")
    assert [a.title for a in _articles(_run(str(txt), allow_private=True))] == ["Page title 2", "Page title 3"]
    refused = _run(str(txt))
    assert len(refused) == 2 and all("private or loopback" in f.error for f in _failures(refused))
    assert _run(f"{base}/story1.html", allow_private=True)[0].title == "Page title 1"  # type: ignore[union-attr]
