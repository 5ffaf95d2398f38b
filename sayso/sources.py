"""Input readers for ``sayso ingest`` (stand-in: files and folders of .txt/.html only).

The full readers (JSON Lines, CSV, Parquet, WARC, feeds, URL lists) come from the ``sources`` branch with
this same interface; this file is replaced by theirs when it is merged.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sayso.errors import SaysoError
from sayso.ingest import read_path
from sayso.model import Article


@dataclass(frozen=True)
class Columns:
    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str = "title"
    published: str = "published"
    source: str = "source"


@dataclass(frozen=True)
class Failure:
    input: str
    error: str


def _paths(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".html", ".htm"})
    if any(ch in spec for ch in "*?["):
        return [Path(p) for p in sorted(glob.glob(spec, recursive=True)) if Path(p).is_file()]
    return [path]


def iter_articles(
    inputs: Sequence[str], *, columns: Columns = Columns(), allow_private: bool = False
) -> Iterator[Article | Failure]:
    for spec in inputs:
        for path in _paths(spec):
            try:
                yield read_path(path)
            except SaysoError as exc:
                yield Failure(str(path), str(exc))
            except OSError as exc:
                yield Failure(str(path), f"{path}: {exc.strerror or exc}")
