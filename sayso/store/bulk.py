"""The bulk write path (`sayso load`): chunks of analyses saved with the archive's speakers held in memory
(:class:`~sayso.store.speaker_index.SpeakerIndex`), each chunk's rows written with one statement a table.

The archive it leaves is the one ``Store.save`` of the same analyses, one at a time and in the same order,
leaves (a test compares them): each article's speakers are resolved as that article alone would be, with
its own :class:`Pending`, against the index that follows the database as those saves would change it.

The index is read once and kept between chunks; a chunk that finds the archive changed by another writer
since this one's last chunk (a larger ``articles.seq``) reads it again. Every chunk is one transaction of
the store's writer lock, so `sayso ingest` and the service write between chunks, never inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.model import Analysis
from sayso.store import schema as t
from sayso.store.bulk_rows import (
    add_counts_many,
    insert_rows,
    may_skip_row_checks,
    merge_many,
    quote_search_after,
    references_checked_once,
    row_checks_off,
    upsert_roles_many,
)
from sayso.store.resolver import Pending, Resolver
from sayso.store.speaker_index import SpeakerIndex
from sayso.store.speaker_sql import Tally
from sayso.store.writer import Rows, next_key, normalise_date


class BulkWriter:
    """Saves chunks of analyses in the caller's transactions, keeping the speaker index between them."""

    def __init__(self) -> None:
        self.index: SpeakerIndex | None = None
        self.last_seq = -1  # the archive's largest articles.seq after this writer's last chunk
        self.lz4: bool | None = None  # whether the PostgreSQL server compresses with lz4 (asked once)
        self.checks_once: bool | None = None  # whether the load may check foreign keys once a chunk (PostgreSQL)

    def save(self, conn: Connection, analyses: Sequence[Analysis]) -> set[str]:
        """Stores the analyses that are not stored yet, in order, in the open transaction; their ids."""
        if conn.dialect.name == "postgresql":
            self._pg_settings(conn)
        ids = [a.id for a in analyses]
        present = {row[0] for row in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}
        seq, pk = next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)
        index = self.index if self.index is not None and self.last_seq == seq - 1 else SpeakerIndex.load(conn)
        self.index = None  # until the chunk is written
        chunk = _Chunk(conn, index, bool(self.checks_once))
        for analysis in analyses:
            if analysis.id in present:
                continue
            present.add(analysis.id)
            chunk.add(analysis, seq, pk)
            seq, pk = seq + 1, pk + len(analysis.quotes)
        chunk.write()
        index.before_reuse = _nothing
        self.index, self.last_seq = index, seq - 1
        return chunk.written

    def _pg_settings(self, conn: Connection) -> None:
        """Settings for this transaction only: article texts compressed with lz4 where the server has it
        (PostgreSQL 14+ built with lz4), about a tenth of the CPU of its default pglz for the same texts."""
        if self.lz4 is None:
            found = conn.exec_driver_sql(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
            ).scalar()
            self.lz4 = bool(found)
        if self.lz4:
            conn.exec_driver_sql("SET LOCAL default_toast_compression = 'lz4'")
        if self.checks_once is None:
            self.checks_once = may_skip_row_checks(conn)


class _Chunk:
    """The rows of the articles resolved since the last write."""

    def __init__(self, conn: Connection, index: SpeakerIndex, checks_once: bool) -> None:
        self.conn = conn
        self.checks_once = checks_once  # the article rows' foreign keys checked once a chunk, not a row
        self.index = index
        self.pending, self.rows = Pending(merged=index.merged), Rows()
        self.written: set[str] = set()  # ids of the articles written
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        index.before_reuse = self.write

    def add(self, analysis: Analysis, seq: int, pk: int) -> None:
        day = normalise_date(analysis.published)
        own = Pending()  # this article's, as Store.save has it
        speakers = Resolver(self.index, own, analysis, day).run()
        self.rows.add(analysis, speakers, seq, pk, day, self.now)
        self.index.add_roles((own.current(sid), role) for sid, role in own.roles)
        self.pending.absorb(own)

    def write(self) -> None:
        """Everything since the last write, in the open transaction: new speakers (with their counts), stored
        speakers merged away, then the rows (those of merged speakers moved to the speaker they joined)."""
        conn, index, rows = self.conn, self.index, self.rows
        pending = Pending()
        pending.absorb(self.pending)
        created = [_new_speaker(row, pending.counts.pop(sid, None)) for sid, row in index.created.items()]
        insert_rows(conn, t.speakers, created)
        merge_many(conn, index.merges)
        aliases = [{"speaker_id": s, "alias": a} for s, a in pending.aliases]
        tokens = [{"speaker_id": s, "token": w} for s, w in pending.tokens]
        for row in (*rows.speakers, *rows.quotes):
            if row["speaker_id"] is not None:
                row["speaker_id"] = self.pending.current(row["speaker_id"])
        tables = ((t.article_speakers, rows.speakers), (t.claims, rows.claims), (t.disputes, rows.disputes))
        if self.checks_once:
            roles = [{"speaker_id": s} for s, _ in pending.roles]
            speaker_rows = ((t.speaker_aliases, aliases), (t.speaker_tokens, tokens), (t.speaker_roles, roles))
            references_checked_once(conn, rows.articles, (*speaker_rows, *tables, (t.quotes, rows.quotes)))
        with row_checks_off(conn, self.checks_once):
            insert_rows(conn, t.speaker_aliases, aliases)
            insert_rows(conn, t.speaker_tokens, tokens)
            if pending.roles:
                upsert_roles_many(conn, [(s, r, x.first, x.last, x.articles) for (s, r), x in pending.roles.items()])
            if pending.counts:
                add_counts_many(conn, pending.counts)
            for table, new_rows in ((t.articles, rows.articles), *tables):
                insert_rows(conn, table, new_rows, new=True)
            if rows.quotes:
                with quote_search_after(conn, rows.quotes[0]["pk"]):
                    insert_rows(conn, t.quotes, rows.quotes, new=True)
        ids = [a["id"] for a in rows.articles]
        if ids:
            conn.execute(t.failures.delete().where(t.failures.c.input.in_(ids)))
        self.written.update(ids)
        index.written()
        self.pending, self.rows = Pending(merged=index.merged), Rows()


def _new_speaker(row: dict[str, object], tally: Tally | None) -> dict[str, object]:
    x = tally or Tally()
    return {**row, "quote_count": x.quotes, "article_count": x.articles, "first_seen": x.first, "last_seen": x.last}


def _nothing() -> None:
    pass
