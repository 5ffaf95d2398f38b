"""Ingest: read inputs, skip articles already stored (before analysing them), analyse the rest in the
worker pool, save each in its own transaction, record what failed. Stopping at any point (even kill -9)
and running again gives the archive one uninterrupted run gives: saved articles are skipped, the
interrupted one was never committed, and the rest are numbered in the same order."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tqdm import tqdm

from sayso.batch import Options, analyze_articles
from sayso.model import Article
from sayso.sources import Columns, Failure, iter_articles
from sayso.store.store import Store

T = TypeVar("T")
LOOKAHEAD_ITEMS = 10_000  # inputs read ahead to know the total (for the ETA) ...
LOOKAHEAD_SECONDS = 2.0  # ... unless reading them takes longer than this


@dataclass
class Summary:
    ingested: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, error)


@dataclass
class _Tally:
    """Counts the reading side (which may run in the pool's feeder thread) hands to the main thread."""

    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> tuple[int, list[Failure]]:
        with self.lock:
            skipped, failures = self.skipped, self.failures
            self.skipped, self.failures = 0, []
        return skipped, failures


def lookahead(items: Iterator[T], limit: int, seconds: float) -> tuple[list[T], bool]:
    """The first items (up to ``limit``, or as many as come in ``seconds``) and whether that was all."""
    start, head = time.monotonic(), []
    for item in items:
        head.append(item)
        if len(head) >= limit or time.monotonic() - start > seconds:
            return head, False
    return head, True


def _fresh(items: Iterable[Article | Failure], store: Store, tally: _Tally) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Failure):
            with tally.lock:
                tally.failures.append(item)
        elif store.has_article(item.id):
            with tally.lock:
                tally.skipped += 1
        else:
            yield item


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    columns: Columns | None = None,
    options: Options | None = None,
    workers: int = 1,
    progress: bool = True,
) -> Summary:
    options = options or Options()
    items = iter_articles(inputs, columns=columns or Columns(), allow_private=options.allow_private)
    head, complete = lookahead(items, LOOKAHEAD_ITEMS, LOOKAHEAD_SECONDS)
    stream = head if complete else _chain(head, items)
    summary, tally = Summary(), _Tally()
    bar = tqdm(total=len(head) if complete else None, unit="article", file=sys.stderr, disable=not progress)
    with bar:
        for outcome in analyze_articles(_fresh(stream, store, tally), options, workers=workers):
            if outcome.analysis is None:
                _fail(store, summary, outcome.spec, outcome.error or f"{outcome.spec}: could not analyze")
            elif store.save(outcome.analysis):
                summary.ingested += 1
            else:  # the same article twice in these inputs
                summary.skipped += 1
            bar.update(1 + _drain(store, summary, tally))
        bar.update(_drain(store, summary, tally))
    return summary


def _chain(head: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from head
    yield from rest


def _drain(store: Store, summary: Summary, tally: _Tally) -> int:
    skipped, failures = tally.take()
    summary.skipped += skipped
    for failure in failures:
        _fail(store, summary, failure.input, failure.error)
    return skipped + len(failures)


def _fail(store: Store, summary: Summary, input: str, error: str) -> None:
    store.record_failure(input, error)
    summary.failed.append((input, error))
