"""The archive: ``open_store(url)`` and the :class:`Store` the CLI, the REST API and Python callers share."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from types import TracebackType
from typing import Unpack

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sayso.config import settings
from sayso.errors import StoreError
from sayso.model import Analysis
from sayso.partitions import analyses_table
from sayso.store import analyses, engine, queries, writer
from sayso.store import schema as t
from sayso.store.bulk import BulkWriter
from sayso.store.bulk_arrow import Batch
from sayso.store.compiled import Reader
from sayso.store.queries import DateLike, QuoteFilter, QuoteFilters
from sayso.store.results import ClaimRow, FailureRow, QuoteHit, SpeakerDetail, SpeakerSummary, Stats

# Writers on PostgreSQL take this advisory lock for their transaction, so that speaker identities and
# ingest-order numbers are assigned one article at a time, as SQLite's BEGIN IMMEDIATE does.
WRITE_LOCK = zlib.crc32(b"sayso.store.write")


def open_store(url: str | None = None) -> Store:
    """Opens (creating or upgrading) the archive at ``url`` (default: ``SAYSO_DB`` or sqlite:///sayso.db).
    Raises StoreError, one line, for a URL that cannot be reached or a database of a newer schema."""
    target = url or settings().db_url
    eng = engine.create_engine(target)
    try:
        engine.migrate(eng)
    except BaseException:
        eng.dispose()
        raise
    return Store(eng)


class Store:
    def __init__(self, eng: Engine) -> None:
        self.engine = eng
        self.url = engine.redact(eng.url)
        self.dialect = eng.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"{self.url}: {engine._one_line(exc)}") from None

    @contextmanager
    def _raw(self) -> Iterator[Reader]:
        """A connection of the engine's pool as the driver's own, for the statement search (``compiled``): no
        SQLAlchemy Connection, transaction or result around it (SQLite reads each statement in its own snapshot;
        PostgreSQL in one transaction, rolled back when the connection goes back to the pool)."""
        try:
            raw = self.engine.raw_connection()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"{self.url}: {engine._one_line(exc)}") from None
        try:
            yield Reader(raw.dbapi_connection, self.engine.dialect)
        except self.engine.dialect.loaded_dbapi.Error as exc:
            raise StoreError(f"{self.url}: {engine._one_line(exc)}") from None
        finally:
            raw.close()

    @contextmanager
    def _write(self, *, bulk: bool = False) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back (nothing written) on any error. ``bulk``:
        a chunk of a bulk load, whose commit leaves the checkpoint for later (``engine.checkpoints_deferred``)."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{engine.WRITE: True})
                with engine.checkpoints_deferred(conn) if bulk else nullcontext(), conn.begin():
                    if self.dialect == "postgresql":
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                    yield conn
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"{self.url}: {engine._one_line(exc)}") from None

    def checkpoint(self) -> None:
        """SQLite: the write-ahead log copied into the database as far as readers let it (after a bulk load)."""
        with self._read() as conn:
            engine.checkpoint(conn)

    # Writes ---------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return writer.has_article(conn, article_id)

    def save(self, analysis: Analysis) -> bool:
        """Stores one article's analysis in one transaction; False (and nothing changed) if it is there."""
        with self._write() as conn:
            return writer.save(conn, [analysis]) == 1

    def save_many(self, batch: Iterable[Analysis]) -> int:
        """Several analyses in one transaction (all or none); returns how many were new. Each is written
        before the next is resolved, as ``save`` of each in turn would (a speaker merged by one article
        and named again by the next resolves against what the first wrote)."""
        with self._write() as conn:
            return sum(writer.save(conn, [analysis]) for analysis in batch)

    def save_bulk(self, batch: Batch | Sequence[Analysis], bulk: BulkWriter) -> set[str]:
        """Several analyses in one transaction, their speakers resolved in ``bulk``'s memory (`sayso load`):
        the archive ``save`` of each in turn gives, in far fewer statements. Returns the ids that were new."""
        if not isinstance(batch, Batch):
            batch = Batch(analyses_table(batch))
        with self._write(bulk=True) as conn:
            return bulk.save(conn, batch)

    def record_failure(self, input: str, error: str) -> None:
        """Remembers that an input failed (the latest error per input)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(t.failures.delete().where(t.failures.c.input == input))
            conn.execute(t.failures.insert().values(input=input, error=error, failed_at=now))

    # Questions ------------------------------------------------------------------------------------------

    def quotes(self, *, limit: int = 50, offset: int = 0, **filters: Unpack[QuoteFilters]) -> list[QuoteHit]:
        """Statements, newest-ingested first. ``speaker``: every word of one of a speaker's names;
        ``search``: words (or "a phrase") in the statement; ``since``/``until``: publication dates,
        inclusive; ``source``: the outlet; ``polarity``."""
        with self._raw() as conn:
            return queries.quote_hits(conn, QuoteFilter(**filters), limit=limit, offset=offset)

    def quote_json(self, *, limit: int = 50, offset: int = 0, **filters: Unpack[QuoteFilters]) -> list[bytes]:
        """``quotes`` each as the JSON pydantic writes for the QuoteHit, not validated again: for writing out."""
        with self._raw() as conn:
            return queries.quote_hit_json(conn, QuoteFilter(**filters), limit=limit, offset=offset)

    def count_quotes(self, **filters: Unpack[QuoteFilters]) -> int:
        with self._raw() as conn:
            return queries.count_quotes(conn, QuoteFilter(**filters))

    def top_speakers(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        source: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
    ) -> list[SpeakerSummary]:
        """Speakers by number of statements (in one outlet and period when given)."""
        with self._read() as conn:
            return queries.top_speakers(conn, limit=limit, offset=offset, source=source, since=since, until=until)

    def find_speakers(self, name: str, *, limit: int = 20) -> list[SpeakerSummary]:
        """Speakers one of whose names has every word of ``name``, most quoted first."""
        with self._read() as conn:
            return queries.find_speakers(conn, name, limit=limit)

    def speaker(self, speaker_id: str, *, limit: int = 50, offset: int = 0) -> SpeakerDetail | None:
        """One speaker (aliases, roles over time) with their statements, newest-ingested first."""
        with self._read() as conn:
            return queries.speaker_detail(conn, speaker_id, limit=limit, offset=offset)

    def claims(
        self, *, disputed: bool | None = None, article_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ClaimRow]:
        """Per-article claims with their disputes; ``disputed=True``: only claims someone refutes."""
        with self._read() as conn:
            return queries.claim_rows(conn, disputed=disputed, article_id=article_id, limit=limit, offset=offset)

    def article(self, article_id: str) -> Analysis | None:
        with self._read() as conn:
            return analyses.article(conn, article_id)

    def iter_analyses(self, *, batch_size: int = 100) -> Iterator[Analysis]:
        """Every stored Analysis, in ingest order, as it was saved."""
        try:
            yield from analyses.iter_analyses(self.engine, batch_size=batch_size)
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"{self.url}: {engine._one_line(exc)}") from None

    def failures(self, *, limit: int = 50, offset: int = 0) -> list[FailureRow]:
        with self._read() as conn:
            return queries.failure_rows(conn, limit=limit, offset=offset)

    def stats(self) -> Stats:
        with self._read() as conn:
            return queries.stats(conn)
