"""Saving one Analysis: all its rows in the caller's transaction, or none; an article already stored is left
as it is (content-hash ids make saving twice a no-op)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.model import Analysis, Quote
from sayso.store import schema as t
from sayso.store.resolver import Pending, Resolver
from sayso.store.speaker_sql import SqlLookup, insert_ignore


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 string (UTC when a zone is given), from ISO or RFC 2822 dates; None when unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) and len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def has_article(conn: Connection, article_id: str) -> bool:
    return conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id == article_id)).first() is not None


def next_key(conn: Connection, column: sa.Column[Any]) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).scalar_one()) + 1


def save(conn: Connection, analyses: Iterable[Analysis]) -> int:
    """Stores the analyses in the open transaction, in order; those already there (or twice in the
    batch) are left out. Returns how many were new."""
    batch = list(analyses)
    ids = [a.id for a in batch]
    present = {row[0] for row in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}
    seq, pk = next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)
    pending, rows = Pending(), Rows()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for analysis in batch:
        if analysis.id in present:
            continue
        present.add(analysis.id)
        day = normalise_date(analysis.published)
        speakers = Resolver.of(SqlLookup(conn), pending, analysis, day).run()
        rows.add(analysis, speakers, seq, pk, day, now)
        seq, pk = seq + 1, pk + len(analysis.quotes)
    pending.write(conn)
    rows.write(conn, pending)
    return len(rows.articles)


class Rows:
    """The rows of a batch of articles, written with one statement a table."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.speakers: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.disputes: list[dict[str, Any]] = []

    def add(self, a: Analysis, speakers: dict[str, str], seq: int, pk: int, day: str | None, now: str) -> None:
        self.articles.append(
            {
                "id": a.id, "seq": seq, "text_sha1": a.text_sha1, "language": a.language, "title": a.title,
                "url": a.url, "source": a.source, "published": a.published, "published_at": day, "text": a.text,
                "ingested_at": now,
            }
        )  # fmt: skip
        self.speakers.extend(
            {
                "article_id": a.id, "local_id": s.id, "position": i, "name": s.name, "type": s.type,
                "roles": s.roles, "mentions": [list(m) for m in s.mentions], "speaker_id": speakers.get(s.id),
            }
            for i, s in enumerate(a.speakers)
        )  # fmt: skip
        self.quotes.extend(_quote_row(a.id, q, i, pk + i, speakers) for i, q in enumerate(a.quotes))
        refuted = {d.claim_id for d in a.disputes if d.stance == "refutes"}
        self.claims.extend(
            {
                "article_id": a.id, "id": c.id, "position": i, "text": c.text, "quote_ids": c.quote_ids,
                "claimant_id": c.claimant_id, "disputed": c.id in refuted,
            }
            for i, c in enumerate(a.claims)
        )  # fmt: skip
        self.disputes.extend(
            {
                "article_id": a.id, "position": i, "claim_id": d.claim_id, "claimant_id": d.claimant_id,
                "disputed_by": d.disputed_by, "quote_ids": d.quote_ids, "stance": d.stance,
            }
            for i, d in enumerate(a.disputes)
        )  # fmt: skip

    def write(self, conn: Connection, pending: Pending) -> None:
        for row in (*self.speakers, *self.quotes):
            if row["speaker_id"] is not None:
                row["speaker_id"] = pending.current(row["speaker_id"])
        tables = ((t.articles, self.articles), (t.article_speakers, self.speakers), (t.quotes, self.quotes))
        for table, rows in (*tables, (t.claims, self.claims), (t.disputes, self.disputes)):
            if rows:
                conn.execute(insert_ignore(conn, table), rows)
        if self.articles:
            ids = [a["id"] for a in self.articles]
            conn.execute(t.failures.delete().where(t.failures.c.input.in_(ids)))


def _quote_row(article_id: str, q: Quote, position: int, pk: int, speakers: dict[str, str]) -> dict[str, Any]:
    return {
        "pk": pk,
        "id": q.id,
        "article_id": article_id,
        "position": position,
        "kind": q.kind,
        "content": q.content,
        "content_spans": [list(s) for s in q.content_spans],
        "cue": q.cue,
        "cue_span": list(q.cue_span) if q.cue_span else None,
        "source": q.source,
        "source_span": list(q.source_span) if q.source_span else None,
        "local_speaker_id": q.speaker_id,
        "speaker_name": q.speaker.name if q.speaker else None,
        "speaker_type": q.speaker.type if q.speaker else None,
        "speaker_role": q.speaker.role if q.speaker else None,
        "speaker_id": speakers.get(q.speaker_id) if q.speaker_id else None,
        "polarity": q.polarity,
        "nested_in": q.nested_in,
        "confidence": q.confidence,
    }
