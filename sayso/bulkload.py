"""`sayso load`: the Parquet partitions of a `sayso batch` run into the store, idempotently.

The analyses go in through the store's bulk path (``Store.save_bulk``: the speakers held in memory, rows
written a chunk at a time), one transaction a chunk; an article already stored is left as it is, so
loading a folder twice, or a folder that grew since the last load, stores each article once, and a load
killed midway then run again stores what one run stores. A partition that cannot be read, or a row of it
that is not an analysis, is recorded as a failed input (one line) and the load goes on. The failed inputs
of the run are recorded too, unless the same input is already recorded with the same error.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import sqlalchemy as sa
from pydantic import ValidationError

from sayso.config import settings
from sayso.errors import BatchError, StoreError
from sayso.model import Analysis
from sayso.partitions import ANALYSIS_SCHEMA, FAILED_FILE, RUN_FILE, analyses_table, partition_files
from sayso.store import schema as t
from sayso.store.bulk import BulkWriter, Plan
from sayso.store.bulk_arrow import Batch, invalid_rows, schema_matches
from sayso.store.bulk_pipe import WriterProcess, WriterThread, available, url_of
from sayso.store.store import Store

SAVE_CHUNK = 2000  # analyses a transaction (by default)
# With a writer process, the chunk in flight is alive when the next is saved: a collection of the young objects
# would look at all its analyses (0.3 to 0.8 s a chunk); a load leaves little cyclic garbage (1,360 objects for
# 50,000 quotes), so it is collected once every this many chunks.
PIPED_COLLECT = 20
# With a writer, a load's first chunk is this part of the others (when they are at least FIRST_PART_FROM): the
# writer, and the database, start on it while the load prepares the next, instead of waiting for a whole chunk.
FIRST_PART, FIRST_PART_FROM = 8, 1000


@dataclass
class LoadSummary:
    articles: int = 0  # newly stored
    present: int = 0  # already in the store
    quotes: int = 0  # statements of the newly stored articles
    failures: int = 0  # failed inputs newly recorded (the run's, and unreadable partitions or rows)
    partitions: int = 0
    seconds: float = 0.0
    not_loaded: list[str] = field(default_factory=list)  # one line each: partitions, rows, articles

    @property
    def quotes_per_second(self) -> float:
        return self.quotes / self.seconds if self.seconds > 0 else 0.0


def load_run(
    store: Store, folder: Path, progress: Callable[[LoadSummary], None] | None = None, *, chunk: int = SAVE_CHUNK
) -> LoadSummary:
    """Store every analysis and failed input of the run in ``folder``, ``chunk`` analyses a transaction."""
    if not (folder / RUN_FILE).is_file():
        raise BatchError(f"{folder}: not a sayso batch output (no {RUN_FILE})")
    with _no_cycle_collection():
        return _load(store, folder, progress, chunk)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector off during the load (``_load`` runs it on the young objects once a chunk):
    a chunk holds hundreds of thousands of objects, analyses and rows, and the collector's automatic passes
    over them were about a third of the load's CPU time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(store: Store, folder: Path, progress: Callable[[LoadSummary], None] | None, chunk: int) -> LoadSummary:
    summary = LoadSummary()
    start = time.perf_counter()

    def report() -> None:
        summary.seconds = time.perf_counter() - start
        if progress:
            progress(summary)

    bulk, waiting, chunks = BulkWriter(), _Waiting(), 0
    paths = partition_files(folder)
    piped = _Piped.start(store, bulk, summary, report, paths, chunk)
    save = piped.save if piped else lambda table: _save(store, bulk, table, summary)
    size = chunk // FIRST_PART if piped and chunk >= FIRST_PART_FROM else chunk
    try:
        for path in paths:
            waiting.add(_read(store, path, summary))
            summary.partitions += 1
            if waiting.rows >= size:
                while waiting.rows >= size:
                    save(waiting.take(size))
                    chunks, size = chunks + 1, chunk
                if not piped or chunks % PIPED_COLLECT == 0:
                    gc.collect(1)  # the saved analyses are gone: few young objects left to look at
            if not piped:
                report()
        save(waiting.take(waiting.rows))
        if piped:
            piped.finish()
    finally:
        if piped:
            piped.close()
    store.checkpoint()  # the chunks' commits left it (SQLite)
    _record_failures(store, folder / FAILED_FILE, summary)
    summary.seconds = time.perf_counter() - start
    return summary


class _Waiting:
    """Rows read and not saved yet: tables of ANALYSIS_SCHEMA, taken a chunk at a time."""

    def __init__(self) -> None:
        self.tables: list[pa.Table] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        if table.num_rows:
            self.tables.append(pa.Table.from_arrays(table.columns, schema=ANALYSIS_SCHEMA))
            self.rows += table.num_rows

    def take(self, rows: int) -> pa.Table:
        table = pa.concat_tables(self.tables) if self.tables else analyses_table([])
        self.tables = [table.slice(rows)] if table.num_rows > rows else []
        self.rows = max(0, self.rows - rows)
        return table.slice(0, rows)


def _save(
    store: Store, bulk: BulkWriter, chunk: pa.Table, summary: LoadSummary, refused: StoreError | None = None
) -> None:
    """One chunk in one transaction; when the database refuses it (or ``refused`` it already), its analyses one
    at a time, those it refuses recorded as failed inputs (by article id, as `sayso ingest` records them)."""
    if not chunk.num_rows:
        return
    try:
        if refused:
            raise refused
        new = store.save_bulk(Batch(chunk), bulk)
    except StoreError as exc:
        if chunk.num_rows == 1:
            article_id = chunk.column("id")[0].as_py()
            summary.failures += _record(store, article_id, f"{article_id}: not stored ({exc})")
            summary.not_loaded.append(f"{article_id}: not stored ({exc})")
            return
        for n in range(chunk.num_rows):
            _save(store, bulk, chunk.slice(n, 1), summary)
        return
    _count(chunk, new, summary)


def _count(chunk: pa.Table, new: set[str], summary: LoadSummary) -> None:
    ids = chunk.column("id").to_pylist()
    quotes = pc.list_value_length(chunk.column("quotes")).to_pylist()
    summary.articles += len(new)
    summary.present += len(ids) - len(new)
    summary.quotes += sum(q for i, q in zip(ids, quotes, strict=True) if i in new)


class _Piped:
    """Each chunk written by a second process (PostgreSQL) or thread (SQLite; :mod:`sayso.store.bulk_pipe`) while
    this one reads and resolves the next; the progress reported as each chunk is written. A chunk the writer did
    not write (another writer came between, or the database refused it) is saved here as ``_save`` saves it, and
    the next one prepared again."""

    def __init__(self, store: Store, bulk: BulkWriter, summary: LoadSummary, report: Callable[[], None]) -> None:
        self.store, self.bulk, self.summary, self.report = store, bulk, summary, report
        self.writer: WriterProcess | WriterThread | None = (
            WriterProcess(url_of(store.engine)) if store.dialect == "postgresql" else WriterThread(store.engine)
        )
        self.flight: tuple[Plan, pa.Table] | None = None

    @classmethod
    def start(
        cls,
        store: Store,
        bulk: BulkWriter,
        summary: LoadSummary,
        report: Callable[[], None],
        paths: list[Path],
        chunk: int,
    ) -> _Piped | None:
        """One for a load of more than one chunk (unless SAYSO_LOAD_PROCESS=0): PostgreSQL's writer a process
        (where one can be forked), SQLite's a thread."""
        if not settings().load_process or _rows_in(paths) <= chunk:
            return None
        if store.dialect == "postgresql" and not available():
            return None
        if isinstance(store.engine.pool, sa.pool.SingletonThreadPool | sa.pool.StaticPool):
            return None  # SQLite in memory: another thread would have another database, or this one's connection
        return cls(store, bulk, summary, report)

    def save(self, analyses: pa.Table) -> None:
        if not analyses.num_rows:
            return
        if self.writer is not None:
            plan = self._prepare(analyses, self.flight[0] if self.flight else None)
            if self.flight and not self._finish():
                plan = self._prepare(analyses, None)
        if self.writer is not None:
            try:
                self.writer.send(plan)
                self.flight = (plan, analyses)
                return
            except StoreError:
                self.writer = None
        # the writer process is gone: this chunk and the rest in this one
        self.bulk.index = None  # it holds the plan, not written
        _save(self.store, self.bulk, analyses, self.summary)
        self.report()

    def _prepare(self, analyses: pa.Table, after: Plan | None) -> Plan:
        with self.store._read() as conn:
            plan = self.bulk.prepare(conn, Batch(analyses), after)
            for piece in plan.pieces:
                piece.ready(conn)  # here: the writer only sends it
        return plan

    def finish(self) -> None:
        if self.flight:
            self._finish()

    def _finish(self) -> bool:
        """Takes the result of the chunk in flight; whether the writer stored it."""
        assert self.writer is not None and self.flight is not None
        (_, analyses), self.flight = self.flight, None
        result = self.writer.result()
        stored = isinstance(result, set)
        if isinstance(result, set):
            _count(analyses, result, self.summary)
        else:
            self.bulk.index = None  # it holds what was not written: read again
            if not self.writer.alive():
                self.writer = None
            _save(self.store, self.bulk, analyses, self.summary, result if isinstance(result, StoreError) else None)
        self.report()
        return stored

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _rows_in(paths: list[Path]) -> int:
    """The rows of the partitions, as their footers give them (an unreadable one: none)."""
    total = 0
    for path in paths:
        try:
            total += pq.ParquetFile(path).metadata.num_rows
        except (OSError, pa.ArrowException):
            continue
    return total


def _read(store: Store, path: Path, summary: LoadSummary) -> pa.Table:
    """The analyses of one partition not stored yet (a table of ANALYSIS_SCHEMA); what cannot be read is recorded
    as a failed input. The rows are checked a column at a time (``bulk_arrow.invalid_rows``); those the check
    leaves in doubt, and every row of a partition of another schema, are validated by pydantic, and a row it
    refuses is a failed input."""
    try:
        with pq.ParquetFile(path) as file:  # not pq.read_table: that imports pyarrow.dataset and pandas (~1 s)
            ids = file.read(columns=["id"]).column("id").to_pylist()
            with store._read() as conn:
                stored = {i for (i,) in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}
            numbers = [n for n, i in enumerate(ids) if i not in stored]
            table = file.read() if numbers else None  # the rest only where it is needed (a load again: none)
    except (OSError, KeyError, pa.ArrowException) as exc:
        _unreadable(store, str(path), f"not a readable partition ({_first_line(exc)})", summary)
        return analyses_table([])
    summary.present += len(ids) - len(numbers)
    if table is None:
        return analyses_table([])
    if len(numbers) < len(ids):
        table = table.take(pa.array(numbers, type=pa.int64()))
    if schema_matches(table):
        doubtful = invalid_rows(table)
        rows = _rows(table.take(pa.array(doubtful, type=pa.int64()))) if doubtful else []
    else:
        doubtful, rows = list(range(table.num_rows)), _rows(table)
    refused, valid = set(), []
    for at, row in zip(doubtful, rows, strict=True):
        try:
            valid.append(Analysis.model_validate(row))
        except ValidationError as exc:
            reason = f"row {numbers[at]} is not an analysis ({exc.error_count()} errors, first: {_first_error(exc)})"
            _unreadable(store, f"{path}#{numbers[at]}", reason, summary)
            refused.add(at)
    if len(doubtful) < table.num_rows:  # ANALYSIS_SCHEMA: the rows as they are, less those refused
        if not refused:
            return table
        return table.take(pa.array([n for n in range(table.num_rows) if n not in refused], type=pa.int64()))
    return analyses_table(valid)


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    """``table.to_pylist()``, the same dicts in about half the time (a column at a time, then zipped)."""
    names, columns = table.column_names, [c.to_pylist() for c in table.columns]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"


def _unreadable(store: Store, input: str, error: str, summary: LoadSummary) -> None:
    summary.not_loaded.append(f"{input}: {error}")
    summary.failures += _record(store, input, error)


def _record(store: Store, input: str, error: str) -> int:
    """Records a failed input unless it is recorded with this error already; 1 if it was recorded."""
    with store._read() as conn:
        held = conn.execute(sa.select(t.failures.c.error).where(t.failures.c.input == input)).scalar_one_or_none()
    if held == error:
        return 0
    store.record_failure(input, error)
    return 1


def _record_failures(store: Store, path: Path, summary: LoadSummary) -> None:
    if not path.is_file():
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                failure = json.loads(line)
                input, error = str(failure["input"]), str(failure["error"])
            except (ValueError, TypeError, KeyError):
                _unreadable(store, f"{path}:{number}", "not a failed input ({input, error} as JSON)", summary)
                continue
            summary.failures += _record(store, input, error)
