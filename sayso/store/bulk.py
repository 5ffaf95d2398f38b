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

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.config import settings
from sayso.store import schema as t
from sayso.store.bulk_arrow import Batch, Kept
from sayso.store.bulk_rows import (
    Copy,
    References,
    Values,
    add_counts_many,
    check_references,
    copy_text,
    insert_rows,
    may_skip_row_checks,
    merge_many,
    quote_search_after,
    references,
    row_checks_off,
    upsert_roles_many,
    values_of,
)
from sayso.store.resolver import Pending, Resolver
from sayso.store.speaker_index import SpeakerIndex
from sayso.store.speaker_sql import Tally
from sayso.store.writer import next_key


@dataclass
class Piece:
    """Rows written together, in this order: new speakers (with their counts), stored speakers merged away,
    then the speakers' aliases, name words, roles and counts and the articles' rows (those of merged
    speakers moved to the speaker they joined)."""

    speakers: list[dict[str, Any]]
    merges: list[tuple[str, str]]
    aliases: list[dict[str, Any]]
    tokens: list[dict[str, Any]]
    roles: list[tuple[str, str, str | None, str | None, int]]
    counts: dict[str, Tally]
    rows: dict[str, Values]  # the articles' tables' rows (``bulk_arrow.Batch.rows``)
    # made ready to send (:meth:`ready`): the rows of each table as the driver takes them (SQLite) or as COPY
    # reads them (PostgreSQL, with what they refer to; the lists above then empty)
    refers_to: References | None = None
    copies: dict[str, Copy | Values] = field(default_factory=dict)

    @property
    def first_pk(self) -> int | None:
        """The quotes' first key (None: no quotes)."""
        quotes = self.rows.get(t.quotes.name)
        return quotes.values[0][0] if quotes and quotes.values else None

    def referred(self) -> References:
        """The stored rows this piece's rows refer to (``bulk_rows.references``)."""
        if self.refers_to is not None:
            return self.refers_to
        roles = [{"speaker_id": role[0]} for role in self.roles]
        tables = [(table, self.table_rows(table)) for table in _REFERRING]
        return references(self.rows[t.articles.name], [*tables, (t.speaker_roles, roles)])

    def table_rows(self, table: sa.Table) -> list[dict[str, Any]] | Values:
        if table is t.speakers:
            return self.speakers
        if table is t.speaker_aliases:
            return self.aliases
        if table is t.speaker_tokens:
            return self.tokens
        return self.rows[table.name]

    def rows_of(self, table: sa.Table) -> list[dict[str, Any]] | Copy | Values:
        return self.copies.get(table.name) or self.table_rows(table)

    def ready(self, conn: Connection) -> None:
        """The rows made what the database's driver takes (:meth:`for_copy` on PostgreSQL, else the tuples of
        ``values_of``), in this thread, for a writer that only sends them."""
        if conn.dialect.name == "postgresql":
            self.for_copy(conn)
            return
        for table in (t.speakers, t.speaker_aliases, t.speaker_tokens):
            rows = self.table_rows(table)
            if rows and isinstance(rows, list):
                self.copies[table.name] = values_of(table, rows)

    def for_copy(self, conn: Connection) -> None:
        """PostgreSQL: the rows made COPY's text now (in this process, with ``conn``'s adapters), for a writer
        that only sends them."""
        self.refers_to = self.referred()
        for table in (t.speakers, *_REFERRING):
            rows = self.table_rows(table)
            if not rows or (isinstance(rows, Values) and not rows.values):
                continue
            try:
                self.copies[table.name] = copy_text(conn, table, rows)
            except sa.exc.DBAPIError:  # a value the database refuses: left to the writer, whose transaction fails
                continue
            if isinstance(rows, Values):
                self.rows[table.name] = Values(rows.columns, [])
            else:
                rows.clear()


# The tables whose rows may refer to stored ones, in the order they are written.
_REFERRING = (t.speaker_aliases, t.speaker_tokens, t.articles, t.article_speakers, t.claims, t.disputes, t.quotes)


@dataclass
class Plan:
    """A chunk resolved and made rows, not written yet: its pieces (more than one where a speaker merged away
    comes back in the chunk: the merge is written first), the keys it takes and the articles it stores. Only
    data: it can be written by another process (:mod:`sayso.store.bulk_pipe`)."""

    first_seq: int  # the articles.seq and quotes.pk it starts at: the largest stored plus one
    first_pk: int
    next_seq: int  # and past its last
    next_pk: int
    ids: list[str] = field(default_factory=list)  # the articles it stores, in order
    pieces: list[Piece] = field(default_factory=list)


class BulkWriter:
    """Saves chunks of analyses in the caller's transactions, keeping the speaker index between them."""

    def __init__(self) -> None:
        self.index: SpeakerIndex | None = None
        self.last_seq = -1  # the archive's largest articles.seq after this writer's last chunk
        self.settings = PgSettings()

    def save(self, conn: Connection, batch: Batch) -> set[str]:
        """Stores the analyses that are not stored yet, in order, in the open transaction; their ids."""
        plan = self.prepare(conn, batch)
        try:
            write(conn, plan, self.settings)
        except BaseException:
            self.index = None
            raise
        return set(plan.ids)

    def prepare(self, conn: Connection, batch: Batch, after: Plan | None = None) -> Plan:
        """The plan of the analyses not stored yet, their speakers resolved against the index. ``after``: a plan
        not written yet that this one follows (its articles taken as stored, its keys as used, the index as it
        left it); the writer of this plan checks that the archive is then as that plan left it."""
        present = {row[0] for row in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(batch.ids)))}
        if after is not None and self.index is not None:
            seq, pk, index = after.next_seq, after.next_pk, self.index
            present.update(after.ids)
        else:
            seq, pk = next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)
            reuse = self.index is not None and self.last_seq == seq - 1
            index = self.index if reuse and self.index is not None else SpeakerIndex.load(conn)
        self.index = None  # until the chunk is resolved
        plan = Plan(seq, pk, seq, pk)
        chunk = _Chunk(index, plan, batch)
        for n, article_id in enumerate(batch.ids):
            if article_id in present:
                continue
            present.add(article_id)
            chunk.add(n, seq, pk)
            seq, pk = seq + 1, pk + batch.quotes_of(n)
        chunk.cut()
        index.before_reuse = _nothing
        plan.next_seq, plan.next_pk = seq, pk
        self.index, self.last_seq = index, seq - 1
        return plan


class PgSettings:
    """PostgreSQL settings of a load's transactions, asked of the server once: article texts compressed with lz4
    where the server has it (PostgreSQL 14+ built with lz4), about a tenth of the CPU of its default pglz for
    the same texts; and whether the rows' foreign keys may be checked once a chunk (``may_skip_row_checks``)."""

    def __init__(self) -> None:
        self.lz4: bool | None = None
        self.checks_once: bool | None = None

    def set(self, conn: Connection) -> None:
        """Sets them for the open transaction only."""
        if conn.dialect.name != "postgresql":
            self.checks_once = False
            return
        if self.lz4 is None:
            found = conn.exec_driver_sql(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
            ).scalar()
            self.lz4 = bool(found)
        if self.lz4:
            conn.exec_driver_sql("SET LOCAL default_toast_compression = 'lz4'")
        if self.checks_once is None:
            self.checks_once = settings().load_checks_once and may_skip_row_checks(conn)


def write(conn: Connection, plan: Plan, settings: PgSettings) -> None:
    """Writes the plan in the open transaction."""
    settings.set(conn)
    for piece in plan.pieces:
        _write_piece(conn, piece, bool(settings.checks_once))
    if plan.ids:
        conn.execute(t.failures.delete().where(t.failures.c.input.in_(plan.ids)))


def _write_piece(conn: Connection, piece: Piece, checks_once: bool) -> None:
    insert_rows(conn, t.speakers, piece.rows_of(t.speakers))
    merge_many(conn, piece.merges)
    if checks_once:  # the rows' foreign keys checked once a chunk, not a row
        check_references(conn, piece.referred())
    with row_checks_off(conn, checks_once):
        insert_rows(conn, t.speaker_aliases, piece.rows_of(t.speaker_aliases))
        insert_rows(conn, t.speaker_tokens, piece.rows_of(t.speaker_tokens))
        if piece.roles:
            upsert_roles_many(conn, piece.roles)
        if piece.counts:
            add_counts_many(conn, piece.counts)
        for table in (t.articles, t.article_speakers, t.claims, t.disputes):
            insert_rows(conn, table, piece.rows_of(table), new=True)
        quotes = piece.rows_of(t.quotes)
        if quotes:
            with quote_search_after(conn, piece.first_pk or 0):
                insert_rows(conn, t.quotes, quotes, new=True)


class _Chunk:
    """The rows of the articles resolved since the last cut."""

    def __init__(self, index: SpeakerIndex, plan: Plan, batch: Batch) -> None:
        self.index, self.plan, self.batch = index, plan, batch
        self.pending, self.kept = Pending(merged=index.merged), list[Kept]()
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        index.before_reuse = self.cut

    def add(self, n: int, seq: int, pk: int) -> None:
        batch = self.batch
        day = batch.day(n)
        own = Pending()  # this article's, as Store.save has it
        speakers = Resolver(
            self.index, own, batch.ids[n], batch.text[n], batch.speakers_of(n), batch.quote_speakers(n), day
        ).run()
        self.kept.append(Kept(n, seq, pk, day, speakers))
        self.index.add_roles((own.current(sid), role) for sid, role in own.roles)
        self.pending.absorb(own)

    def cut(self) -> None:
        """Everything since the last cut into a piece of the plan, as the database will have it once written."""
        index = self.index
        pending = Pending()
        pending.absorb(self.pending)
        created = [_new_speaker(row, pending.counts.pop(sid, None)) for sid, row in index.created.items()]
        self.plan.pieces.append(
            Piece(
                speakers=created,
                merges=list(index.merges),
                aliases=[{"speaker_id": s, "alias": a} for s, a in pending.aliases],
                tokens=[{"speaker_id": s, "token": w} for s, w in pending.tokens],
                roles=[(s, r, x.first, x.last, x.articles) for (s, r), x in pending.roles.items()],
                counts=pending.counts,
                rows=self.batch.rows(self.kept, self.now, self.pending.current),
            )
        )
        self.plan.ids.extend(self.batch.ids[k.n] for k in self.kept)
        index.written()
        self.pending, self.kept = Pending(merged=index.merged), []


def _new_speaker(row: dict[str, object], tally: Tally | None) -> dict[str, object]:
    x = tally or Tally()
    return {**row, "quote_count": x.quotes, "article_count": x.articles, "first_seen": x.first, "last_seen": x.last}


def _nothing() -> None:
    pass
