"""`sayso load`: the Parquet partitions of a `sayso batch` run into the store, idempotently.

Each partition goes in one transaction (``Store.save_many``); an article already stored is left as it is,
so loading a folder twice, or a folder that grew since the last load, stores each article once. The
failed inputs of the run are recorded too, unless the same input is already recorded with the same error.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from sayso.errors import BatchError
from sayso.model import Analysis
from sayso.partitions import FAILED_FILE, RUN_FILE, partition_files, read_partition
from sayso.store import schema as t
from sayso.store.store import Store

SAVE_CHUNK = 500  # analyses a transaction


@dataclass
class LoadSummary:
    articles: int = 0  # newly stored
    present: int = 0  # already in the store
    quotes: int = 0  # statements of the newly stored articles
    failures: int = 0  # failed inputs newly recorded
    partitions: int = 0
    seconds: float = 0.0

    @property
    def quotes_per_second(self) -> float:
        return self.quotes / self.seconds if self.seconds > 0 else 0.0


def load_run(store: Store, folder: Path, progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Store every analysis and failed input of the run in ``folder``."""
    if not (folder / RUN_FILE).is_file():
        raise BatchError(f"{folder}: not a sayso batch output (no {RUN_FILE})")
    summary = LoadSummary()
    start = time.perf_counter()
    for path in partition_files(folder):
        analyses = list(read_partition(path))
        for first in range(0, len(analyses), SAVE_CHUNK):
            chunk = analyses[first : first + SAVE_CHUNK]
            new = _save(store, chunk)
            summary.articles += len(new)
            summary.present += len(chunk) - len(new)
            summary.quotes += sum(len(a.quotes) for a in chunk if a.id in new)
        summary.partitions += 1
        summary.seconds = time.perf_counter() - start
        if progress:
            progress(summary)
    summary.failures = _record_failures(store, folder / FAILED_FILE)
    summary.seconds = time.perf_counter() - start
    return summary


def _save(store: Store, chunk: list[Analysis]) -> set[str]:
    """Save ``chunk`` in one transaction; the ids that were new."""
    from sayso.store import writer

    ids = [a.id for a in chunk]
    with store._write() as conn:
        present = {row[0] for row in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}
        writer.save(conn, chunk)
    return {i for i in ids if i not in present}


def _record_failures(store: Store, path: Path) -> int:
    if not path.is_file():
        return 0
    count = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            failure = json.loads(line)
            with store._read() as conn:
                held = conn.execute(
                    sa.select(t.failures.c.error).where(t.failures.c.input == failure["input"])
                ).scalar_one_or_none()
            if held != failure["error"]:
                store.record_failure(failure["input"], failure["error"])
                count += 1
    return count
