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
from sayso.store.bulk_rows import insert_rows, quote_search_after
from sayso.store.resolver import Pending, Resolver
from sayso.store.speaker_index import SpeakerIndex
from sayso.store.speaker_sql import Tally, add_counts, merge, upsert_roles
from sayso.store.writer import Rows, next_key, normalise_date


class BulkWriter:
    """Saves chunks of analyses in the caller's transactions, keeping the speaker index between them.

    Two ways: :meth:`save` resolves a chunk inside its transaction; :meth:`prepare` resolves the next chunk
    ahead, outside any transaction, against the index as this writer's chunks leave it (while the one
    before is still being written), and :meth:`commit` writes it in a transaction if the archive is still
    as those chunks left it (no other writer in between, none of its articles stored since); if not it
    writes nothing and the chunk goes through :meth:`save` (after :meth:`forget`)."""

    def __init__(self) -> None:
        self.index: SpeakerIndex | None = None
        self.last_seq = -1  # the archive's largest articles.seq after this writer's last chunk
        self.last_pk = -1  # and quotes.pk

    def save(self, conn: Connection, analyses: Sequence[Analysis]) -> set[str]:
        """Stores the analyses that are not stored yet, in order, in the open transaction; their ids."""
        ids = [a.id for a in analyses]
        seq, pk = next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)
        index = self.index if self.index is not None and self.last_seq == seq - 1 else SpeakerIndex.load(conn)
        self.index = None  # until the chunk is written
        job = _resolve(index, analyses, _present(conn, ids), seq, pk)
        job.write(conn)
        self.index, self.last_seq, self.last_pk = index, job.seq - 1, job.pk - 1
        return job.written

    def prepare(self, conn: Connection, analyses: Sequence[Analysis], ahead: Sequence[str] = ()) -> Prepared | None:
        """The chunk resolved ahead (``conn`` only reads; ``ahead``: ids of chunks prepared but maybe not
        committed yet); None when this writer holds no index (the chunk then goes through :meth:`save`)."""
        if self.index is None:
            return None
        index, first = self.index, (self.last_seq + 1, self.last_pk + 1)
        job = _resolve(index, analyses, _present(conn, [a.id for a in analyses]) | set(ahead), *first)
        self.last_seq, self.last_pk = job.seq - 1, job.pk - 1
        return Prepared(job, first, [a.id for a in analyses])

    def commit(self, conn: Connection, prepared: Prepared) -> set[str] | None:
        """Writes a prepared chunk in the open transaction; None (nothing written) when the archive changed
        since it was prepared."""
        now = next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)
        if now != prepared.first or _present(conn, prepared.ids) - prepared.job.present:
            return None
        prepared.job.write(conn)
        return prepared.job.written

    def forget(self) -> None:
        """Drops the index (a prepared chunk was not committed): the next :meth:`save` reads it again."""
        self.index, self.last_seq, self.last_pk = None, -1, -1


class Prepared:
    """A chunk resolved ahead: its writes, and the keys the archive must be at for them."""

    def __init__(self, job: _Job, first: tuple[int, int], ids: list[str]) -> None:
        self.job, self.first, self.ids = job, first, ids


def _present(conn: Connection, ids: list[str]) -> set[str]:
    return {row[0] for row in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}


def _resolve(index: SpeakerIndex, analyses: Sequence[Analysis], present: set[str], seq: int, pk: int) -> _Job:
    """The analyses not in ``present`` resolved against (and into) the index, numbered from seq and pk."""
    job = _Job(index, present)
    seen = set(present)
    for analysis in analyses:
        if analysis.id in seen:
            continue
        seen.add(analysis.id)
        job.add(analysis, seq, pk)
        seq, pk = seq + 1, pk + len(analysis.quotes)
    job.cut()
    index.before_reuse = _nothing
    job.seq, job.pk = seq, pk
    return job


class _Job:
    """A chunk's writes, in steps: a step is cut where a speaker id merged away comes back (its stored row
    must be gone, the merge written, before the new one goes in)."""

    def __init__(self, index: SpeakerIndex, present: set[str]) -> None:
        self.index, self.present = index, present
        self.steps: list[_Step] = []
        self.pending, self.rows = Pending(merged=index.merged), Rows()
        self.written: set[str] = set()  # ids of the articles written
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        self.seq = self.pk = 0  # the keys after the chunk
        index.before_reuse = self.cut

    def add(self, analysis: Analysis, seq: int, pk: int) -> None:
        day = normalise_date(analysis.published)
        own = Pending()  # this article's, as Store.save has it
        speakers = Resolver(self.index, own, analysis, day).run()
        self.rows.add(analysis, speakers, seq, pk, day, self.now)
        self.index.add_roles((own.current(sid), role) for sid, role in own.roles)
        self.pending.absorb(own)

    def cut(self) -> None:
        """Everything resolved since the last cut becomes a step; the index takes it as written."""
        index, rows = self.index, self.rows
        pending = Pending()
        pending.absorb(self.pending)
        created = [_new_speaker(row, pending.counts.pop(sid, None)) for sid, row in index.created.items()]
        for row in (*rows.speakers, *rows.quotes):
            if row["speaker_id"] is not None:
                row["speaker_id"] = self.pending.current(row["speaker_id"])
        self.steps.append(_Step(created, list(index.merges), pending, rows))
        index.written()
        self.pending, self.rows = Pending(merged=index.merged), Rows()

    def write(self, conn: Connection) -> None:
        for step in self.steps:
            step.write(conn)
            self.written.update(a["id"] for a in step.rows.articles)


class _Step:
    def __init__(
        self, created: list[dict[str, object]], merges: list[tuple[str, str]], pending: Pending, rows: Rows
    ) -> None:
        self.created, self.merges, self.pending, self.rows = created, merges, pending, rows

    def write(self, conn: Connection) -> None:
        """In the open transaction: new speakers (with their counts), stored speakers merged away, then the
        rows (those of merged speakers moved to the speaker they joined)."""
        pending, rows = self.pending, self.rows
        insert_rows(conn, t.speakers, self.created)
        for old, new in self.merges:
            merge(conn, old, new)
        insert_rows(conn, t.speaker_aliases, [{"speaker_id": s, "alias": a} for s, a in pending.aliases])
        insert_rows(conn, t.speaker_tokens, [{"speaker_id": s, "token": w} for s, w in pending.tokens])
        if pending.roles:
            upsert_roles(conn, [(s, role, x.first, x.last, x.articles) for (s, role), x in pending.roles.items()])
        if pending.counts:
            add_counts(conn, pending.counts)
        tables = ((t.articles, rows.articles), (t.article_speakers, rows.speakers), (t.claims, rows.claims))
        for table, new_rows in (*tables, (t.disputes, rows.disputes)):
            insert_rows(conn, table, new_rows, new=True)
        if rows.quotes:
            with quote_search_after(conn, rows.quotes[0]["pk"]):
                insert_rows(conn, t.quotes, rows.quotes, new=True)
        ids = [a["id"] for a in rows.articles]
        if ids:
            conn.execute(t.failures.delete().where(t.failures.c.input.in_(ids)))


def _new_speaker(row: dict[str, object], tally: Tally | None) -> dict[str, object]:
    x = tally or Tally()
    return {**row, "quote_count": x.quotes, "article_count": x.articles, "first_seen": x.first, "last_seen": x.last}


def _nothing() -> None:
    pass
