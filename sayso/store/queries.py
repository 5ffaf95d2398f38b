"""Questions to the archive, as SQLAlchemy Core over one connection; each returns ``results`` models.

Listings come newest-ingested first (quote ``pk`` descending), which full-text search on SQLite (FTS5
rowid order) and PostgreSQL answer without sorting every match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.errors import StoreError
from sayso.store import identity
from sayso.store import schema as t
from sayso.store.results import (
    ClaimRow,
    DisputeRow,
    FailureRow,
    QuoteHit,
    RoleSpan,
    SpeakerDetail,
    SpeakerName,
    SpeakerSummary,
    Stats,
)

DateLike = date | datetime | str | None
FTS = sa.table("quotes_fts", sa.column("rowid", sa.BigInteger))


def day(value: DateLike, what: str) -> str | None:
    """An ISO date string from a date, datetime or 'YYYY-MM-DD' string."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise StoreError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None
    search: str | None = None
    since: DateLike = None
    until: DateLike = None
    source: str | None = None
    polarity: str | None = None


def _speakers_named(name: str) -> sa.Select[Any] | None:
    words = list(dict.fromkeys(identity.parse_name(name).words or identity.org_key(name).split()))
    if not words:
        return None
    tk = t.speaker_tokens
    return (
        sa.select(tk.c.speaker_id)
        .where(tk.c.token.in_(words))
        .group_by(tk.c.speaker_id)
        .having(sa.func.count(sa.distinct(tk.c.token)) == len(words))
    )


def speaker_ids(conn: Connection, name: str, limit: int | None = None) -> list[str]:
    """Archive speakers one of whose names has every word of ``name`` ('Peskov', 'Dmitry Peskov')."""
    query = _speakers_named(name)
    return [] if query is None else [row[0] for row in conn.execute(query.limit(limit))]


def fts5_query(words: str) -> str:
    """User words as an FTS5 query: every word (or "quoted phrase") must occur; no FTS5 syntax leaks."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', words):
        tokens = re.findall(r"\w+", phrase or word)
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " AND ".join(terms)


def _quote_select(
    conn: Connection, f: QuoteFilter, columns: Sequence[Any], speakers: Sequence[str] | None = None
) -> sa.Select[Any] | None:
    q, a = t.quotes, t.articles
    query = sa.select(*columns).select_from(q.join(a, a.c.id == q.c.article_id))
    if f.search and f.search.strip():
        if conn.dialect.name == "sqlite":
            match = fts5_query(f.search)
            if not match:
                return None
            query = query.join(FTS, FTS.c.rowid == q.c.pk).where(
                sa.text("quotes_fts MATCH :match").bindparams(match=match)
            )
        else:
            vector = sa.func.to_tsvector(sa.literal_column("'english'::regconfig"), q.c.content)
            tsquery = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), f.search)
            query = query.where(vector.op("@@")(tsquery))
    if f.speaker:
        ids = speaker_ids(conn, f.speaker, MAX_SPEAKERS_ONE_BY_ONE + 1) if speakers is None else speakers
        if not ids:
            return None
        if len(ids) == 1:
            query = query.where(q.c.speaker_id == ids[0])
        elif len(ids) <= MAX_SPEAKERS_ONE_BY_ONE:
            query = query.where(q.c.speaker_id.in_(ids))
        else:
            query = query.where(_many_speakers(conn, f.speaker))
    if since := day(f.since, "since"):
        query = query.where(a.c.published_at >= since)
    if until := day(f.until, "until"):
        query = query.where(a.c.published_at < (date.fromisoformat(until) + timedelta(days=1)).isoformat())
    if f.source:
        query = query.where(a.c.source == f.source)
    if f.polarity:
        query = query.where(q.c.polarity == f.polarity)
    return query


def _many_speakers(conn: Connection, name: str) -> Any:
    """A word many speakers share ('Johnson', 'Institute'). When they have many statements between them,
    SQLite reads the statements newest first and stops at the limit (the speaker index hidden from it);
    else it gathers them by the speaker index and sorts the few."""
    named = _speakers_named(name)
    assert named is not None
    column: Any = t.quotes.c.speaker_id
    if conn.dialect.name == "sqlite":
        s = t.speakers
        total = conn.execute(sa.select(sa.func.sum(s.c.quote_count)).where(s.c.id.in_(named))).scalar() or 0
        if total > DENSE_SPEAKERS:
            column = sa.func.coalesce(column, "")
    return column.in_(named)


DENSE_SPEAKERS = 5000


def _order(conn: Connection, f: QuoteFilter) -> Any:
    if conn.dialect.name == "sqlite" and f.search and f.search.strip():
        return FTS.c.rowid.desc()
    return t.quotes.c.pk.desc()


def quote_hits(conn: Connection, f: QuoteFilter, *, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
    """A speaker who is several archive speakers ('Johnson') is asked one by one, each newest first with
    its own index, and the answers merged: one sort of all their statements would cost far more."""
    ids = speaker_ids(conn, f.speaker, MAX_SPEAKERS_ONE_BY_ONE + 1) if f.speaker else None
    if ids is not None and len(ids) > MAX_SPEAKERS_ONE_BY_ONE:
        ids = None  # many: asked as a subquery
    elif ids is not None and len(ids) > 1 and not (f.search and f.search.strip()):
        rows = [row for sid in ids for row in _hit_rows(conn, f, [sid], limit + offset, 0)]
        rows.sort(key=lambda row: row.pk, reverse=True)
        return [_hit(row) for row in rows[offset : offset + limit]]
    return [_hit(row) for row in _hit_rows(conn, f, ids, limit, offset)]


MAX_SPEAKERS_ONE_BY_ONE = 30


def _hit_rows(conn: Connection, f: QuoteFilter, ids: Sequence[str] | None, limit: int, offset: int) -> list[Any]:
    q, a, s = t.quotes, t.articles, t.speakers
    columns = [q, a.c.title, a.c.url, a.c.source.label("outlet"), a.c.published_at, s.c.name.label("canonical")]
    query = _quote_select(conn, f, columns, ids)
    if query is None:
        return []
    query = query.outerjoin(s, s.c.id == q.c.speaker_id).order_by(_order(conn, f)).limit(limit).offset(offset)
    return list(conn.execute(query))


def count_quotes(conn: Connection, f: QuoteFilter) -> int:
    query = _quote_select(conn, f, [sa.func.count()])
    return 0 if query is None else int(conn.execute(query).scalar_one())


def _hit(row: Any) -> QuoteHit:
    return QuoteHit(
        id=row.id,
        article_id=row.article_id,
        kind=row.kind,
        content=row.content,
        content_spans=[tuple(s) for s in row.content_spans],
        polarity=row.polarity,
        cue=row.cue,
        source=row.source,
        speaker_id=row.speaker_id,
        speaker_name=row.canonical or row.speaker_name,
        speaker_type=row.speaker_type,
        role=row.speaker_role,
        nested_in=row.nested_in,
        confidence=row.confidence,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published_at,
    )


def summaries(conn: Connection, ids: Sequence[str]) -> list[SpeakerSummary]:
    """The speakers of these ids, in this order, with their aliases and roles."""
    if not ids:
        return []
    s, al, r = t.speakers, t.speaker_aliases, t.speaker_roles
    rows = {row.id: row for row in conn.execute(sa.select(s).where(s.c.id.in_(ids)))}
    aliases: dict[str, list[str]] = {}
    for sid, alias in conn.execute(sa.select(al.c.speaker_id, al.c.alias).where(al.c.speaker_id.in_(ids))):
        aliases.setdefault(sid, []).append(alias)
    roles: dict[str, list[RoleSpan]] = {}
    for row in conn.execute(sa.select(r).where(r.c.speaker_id.in_(ids))):
        roles.setdefault(row.speaker_id, []).append(
            RoleSpan(role=row.role, first_seen=row.first_seen, last_seen=row.last_seen, articles=row.articles)
        )
    return [
        SpeakerSummary(
            id=sid,
            name=rows[sid].name,
            type=rows[sid].type,
            aliases=sorted(aliases.get(sid, [])),
            roles=sorted(roles.get(sid, []), key=lambda x: (-x.articles, x.first_seen or "", x.role)),
            quotes=rows[sid].quote_count,
            articles=rows[sid].article_count,
            first_seen=rows[sid].first_seen,
            last_seen=rows[sid].last_seen,
        )
        for sid in ids
        if sid in rows
    ]


def top_speakers(
    conn: Connection, *, limit: int = 20, offset: int = 0, source: str | None = None, since: DateLike = None,
    until: DateLike = None,
) -> list[SpeakerSummary]:  # fmt: skip
    """Speakers by number of statements, overall or in one outlet and period."""
    s, q = t.speakers, t.quotes
    if source is None and since is None and until is None:
        query = sa.select(s.c.id).order_by(s.c.quote_count.desc(), s.c.id).limit(limit).offset(offset)
        return summaries(conn, [row[0] for row in conn.execute(query)])
    count = sa.func.count().label("n")
    inner = _quote_select(conn, QuoteFilter(source=source, since=since, until=until), [q.c.speaker_id, count])
    assert inner is not None
    query = inner.where(q.c.speaker_id.is_not(None)).group_by(q.c.speaker_id)
    query = query.order_by(count.desc(), q.c.speaker_id).limit(limit).offset(offset)
    ranked = [(row[0], int(row[1])) for row in conn.execute(query)]
    found = summaries(conn, [sid for sid, _ in ranked])
    counts = dict(ranked)
    return [x.model_copy(update={"quotes": counts[x.id]}) for x in found]


def find_speakers(conn: Connection, name: str, *, limit: int = 20) -> list[SpeakerSummary]:
    ids = speaker_ids(conn, name)
    if not ids:
        return []
    s = t.speakers
    ordered = conn.execute(
        sa.select(s.c.id).where(s.c.id.in_(ids)).order_by(s.c.quote_count.desc(), s.c.id).limit(limit)
    )
    return summaries(conn, [row[0] for row in ordered])


def speaker_detail(conn: Connection, speaker_id: str, *, limit: int = 50, offset: int = 0) -> SpeakerDetail | None:
    found = summaries(conn, [speaker_id])
    if not found:
        return None
    q, a, s = t.quotes, t.articles, t.speakers
    columns: list[Any] = [
        q,
        a.c.title,
        a.c.url,
        a.c.source.label("outlet"),
        a.c.published_at,
        s.c.name.label("canonical"),
    ]
    query = (
        sa.select(*columns)
        .select_from(q.join(a, a.c.id == q.c.article_id).outerjoin(s, s.c.id == q.c.speaker_id))
        .where(q.c.speaker_id == speaker_id)
        .order_by(q.c.pk.desc())
        .limit(limit)
        .offset(offset)
    )
    return SpeakerDetail(speaker=found[0], quotes=[_hit(row) for row in conn.execute(query)])


def claim_rows(
    conn: Connection, *, disputed: bool | None = None, article_id: str | None = None, limit: int = 50, offset: int = 0
) -> list[ClaimRow]:
    """Per-article claims with the disputes linked to them, newest-ingested article first."""
    c, a = t.claims, t.articles
    query = sa.select(c, a.c.title, a.c.source.label("outlet"), a.c.published_at, a.c.seq).join(
        a, a.c.id == c.c.article_id
    )
    if disputed is not None:
        query = query.where(c.c.disputed == disputed)
    if article_id is not None:
        query = query.where(c.c.article_id == article_id)
    rows = conn.execute(query.order_by(a.c.seq.desc(), c.c.position).limit(limit).offset(offset)).all()
    articles = sorted({row.article_id for row in rows})
    names = _speaker_names(conn, articles)
    disputes = _disputes(conn, articles, names)
    return [
        ClaimRow(
            article_id=row.article_id,
            claim_id=row.id,
            text=row.text,
            claimant=names.get((row.article_id, row.claimant_id)) if row.claimant_id else None,
            quote_ids=row.quote_ids,
            disputes=disputes.get((row.article_id, row.id), []),
            title=row.title,
            outlet=row.outlet,
            published=row.published_at,
        )
        for row in rows
    ]


def _speaker_names(conn: Connection, articles: Sequence[str]) -> dict[tuple[str, str], SpeakerName]:
    """(article, local speaker id) -> the archive speaker's id and canonical name."""
    if not articles:
        return {}
    sp, s = t.article_speakers, t.speakers
    query = (
        sa.select(sp.c.article_id, sp.c.local_id, sp.c.name, sp.c.speaker_id, s.c.name.label("canonical"))
        .outerjoin(s, s.c.id == sp.c.speaker_id)
        .where(sp.c.article_id.in_(articles))
    )
    return {
        (row.article_id, row.local_id): SpeakerName(id=row.speaker_id, name=row.canonical or row.name)
        for row in conn.execute(query)
    }


def _disputes(
    conn: Connection, articles: Sequence[str], names: dict[tuple[str, str], SpeakerName]
) -> dict[tuple[str, str], list[DisputeRow]]:
    if not articles:
        return {}
    d = t.disputes
    found: dict[tuple[str, str], list[DisputeRow]] = {}
    for row in conn.execute(sa.select(d).where(d.c.article_id.in_(articles)).order_by(d.c.article_id, d.c.position)):
        by = [names.get((row.article_id, x), SpeakerName(id=None, name=x)) for x in row.disputed_by]
        found.setdefault((row.article_id, row.claim_id), []).append(
            DisputeRow(stance=row.stance, disputed_by=by, quote_ids=row.quote_ids)
        )
    return found


def failure_rows(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[FailureRow]:
    f = t.failures
    query = sa.select(f).order_by(f.c.failed_at.desc(), f.c.input).limit(limit).offset(offset)
    return [FailureRow(input=r.input, error=r.error, failed_at=r.failed_at) for r in conn.execute(query)]


def stats(conn: Connection) -> Stats:
    def count(table: sa.Table) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    return Stats(
        articles=count(t.articles),
        quotes=count(t.quotes),
        speakers=count(t.speakers),
        claims=count(t.claims),
        disputes=count(t.disputes),
        failed=count(t.failures),
    )
