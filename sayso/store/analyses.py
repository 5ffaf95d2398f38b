"""The stored Analyses given back whole, exactly as they were saved (per-article speaker ids and all)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sayso.model import Analysis, Claim, Dispute, Quote, Speaker, SpeakerRef
from sayso.store import schema as t


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def _quote(row: Any) -> Quote:
    speaker = None
    if row.local_speaker_id and row.speaker_name is not None:
        speaker = SpeakerRef(
            id=row.local_speaker_id, name=row.speaker_name, type=row.speaker_type, role=row.speaker_role
        )
    return Quote(
        id=row.id,
        kind=row.kind,
        content=row.content,
        content_spans=[(int(s), int(e)) for s, e in row.content_spans],
        cue=row.cue,
        cue_span=_span(row.cue_span),
        source=row.source,
        source_span=_span(row.source_span),
        speaker_id=row.local_speaker_id,
        speaker=speaker,
        polarity=row.polarity,
        nested_in=row.nested_in,
        confidence=row.confidence,
    )


def _grouped(conn: Connection, table: sa.Table, ids: Sequence[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    query = sa.select(table).where(table.c.article_id.in_(ids)).order_by(table.c.article_id, table.c.position)
    for row in conn.execute(query):
        found.setdefault(row.article_id, []).append(row)
    return found


def build(conn: Connection, articles: Sequence[Any]) -> list[Analysis]:
    """Analyses for these article rows, in their order."""
    ids = [a.id for a in articles]
    quotes, speakers = _grouped(conn, t.quotes, ids), _grouped(conn, t.article_speakers, ids)
    claims, disputes = _grouped(conn, t.claims, ids), _grouped(conn, t.disputes, ids)
    return [
        Analysis(
            id=a.id,
            text_sha1=a.text_sha1,
            language=a.language,
            title=a.title,
            url=a.url,
            source=a.source,
            published=a.published,
            text=a.text,
            quotes=[_quote(q) for q in quotes.get(a.id, [])],
            speakers=[
                Speaker(
                    id=s.local_id,
                    name=s.name,
                    type=s.type,
                    roles=s.roles,
                    mentions=[(int(m[0]), int(m[1])) for m in s.mentions],
                )
                for s in speakers.get(a.id, [])
            ],
            claims=[
                Claim(id=c.id, text=c.text, quote_ids=c.quote_ids, claimant_id=c.claimant_id)
                for c in claims.get(a.id, [])
            ],
            disputes=[
                Dispute(
                    claim_id=d.claim_id,
                    claimant_id=d.claimant_id,
                    disputed_by=d.disputed_by,
                    quote_ids=d.quote_ids,
                    stance=d.stance,
                )
                for d in disputes.get(a.id, [])
            ],
        )
        for a in articles
    ]


def article(conn: Connection, article_id: str) -> Analysis | None:
    row = conn.execute(sa.select(t.articles).where(t.articles.c.id == article_id)).first()
    return build(conn, [row])[0] if row is not None else None


def iter_analyses(engine: Engine, *, batch_size: int = 100) -> Iterator[Analysis]:
    """Every stored Analysis in ingest order, a batch of articles per short read (keyset on ``seq``), so
    a writer is never held up for long and memory stays flat."""
    after = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.articles).where(t.articles.c.seq > after).order_by(t.articles.c.seq).limit(batch_size)
            ).all()
            if not rows:
                return
            batch = build(conn, rows)
        after = rows[-1].seq
        yield from batch
