"""Questions to the archive, as SQLAlchemy Core over one connection; each returns ``results`` models. The
statement search (and its planning questions) is compiled once per shape and run on the driver (``compiled``).

Listings come newest-ingested first (quote ``pk`` descending), which full-text search on SQLite (FTS5
rowid order) and PostgreSQL answer without sorting every match.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

import sqlalchemy as sa
from pydantic_core import to_json
from sqlalchemy.engine import Connection

from sayso.errors import StoreError
from sayso.model import Polarity
from sayso.store import identity
from sayso.store import schema as t
from sayso.store.compiled import Reader
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


class QuoteFilters(TypedDict, total=False):
    """The filters of a statement search as keyword arguments (``Store.quotes(speaker=..., since=...)``)."""

    speaker: str | None
    search: str | None
    since: DateLike
    until: DateLike
    source: str | None
    polarity: Polarity | None


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None
    search: str | None = None
    since: DateLike = None
    until: DateLike = None
    source: str | None = None
    polarity: str | None = None


def name_words(name: str) -> list[str]:
    """The words of a speaker's name that speaker_tokens holds ('Dmitry Peskov' -> dmitry, peskov)."""
    return list(dict.fromkeys(identity.parse_name(name).words or identity.org_key(name).split()))


def _speakers_named(words: int) -> sa.Select[Any]:
    """The speakers one of whose names has each of ``words`` name words, bound as w0, w1, ..."""
    tk = t.speaker_tokens
    if words == 1:  # (token, speaker) is the key: one word needs no grouping
        return sa.select(tk.c.speaker_id).where(tk.c.token == sa.bindparam("w0"))
    return (
        sa.select(tk.c.speaker_id)
        .where(tk.c.token.in_([sa.bindparam(f"w{i}") for i in range(words)]))
        .group_by(tk.c.speaker_id)
        .having(sa.func.count(sa.distinct(tk.c.token)) == words)
    )


def _numbered(prefix: str, values: Sequence[str]) -> dict[str, str]:
    return {f"{prefix}{i}": v for i, v in enumerate(values)}


def speaker_ids(conn: Connection | Reader, name: str, limit: int | None = None) -> list[str]:
    """Archive speakers one of whose names has every word of ``name`` ('Peskov', 'Dmitry Peskov')."""
    words = name_words(name)
    if not words:
        return []

    def build() -> sa.Select[Any]:
        named = _speakers_named(len(words))
        return named if limit is None else named.limit(sa.bindparam("limit"))

    params = {**_numbered("w", words), "limit": limit}
    return [row[0] for row in Reader.of(conn).rows(("speaker_ids", len(words), limit is None), build, params)]


def fts5_query(words: str) -> str:
    """User words as an FTS5 query: every word (or "quoted phrase") must occur; no FTS5 syntax leaks."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', words):
        tokens = re.findall(r"\w+", phrase or word)
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " AND ".join(terms)


@dataclass(frozen=True)
class Shape:
    """What decides the SQL text of a statement search; its values are bound (sayso.store.compiled)."""

    dialect: str
    search: bool = False
    speakers: int = 0  # n > 0: a list of n speaker ids; n < 0: the speakers named by -n words, as a subquery
    since: bool = False
    until: bool = False
    source: bool = False
    polarity: bool = False
    scan_newest: bool = False  # see _scan_newest


@dataclass(frozen=True)
class Search:
    """A statement search ready to run: its shape and the values bound to it."""

    shape: Shape
    params: dict[str, Any]


def _article_params(f: QuoteFilter) -> dict[str, Any]:
    """The filters on the statement's article as bound values: since, until_next (the day after until), source."""
    params: dict[str, Any] = {}
    if since := day(f.since, "since"):
        params["since"] = since
    if until := day(f.until, "until"):
        params["until_next"] = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
    if f.source:
        params["source"] = f.source
    return params


def prepare(r: Reader, f: QuoteFilter, ids: Sequence[str] | None = None) -> Search | None:
    """The search of ``f``; None when nothing can pass (no words left to search, no speaker of that name).
    ``ids``: the speaker's ids when already looked up; a speaker who is several archive speakers ('Johnson') is
    asked as a list of their ids, one whose words many speakers share ('Institute') as a subquery of them."""
    params = _article_params(f)
    search = bool(f.search and f.search.strip())
    if search and r.name == "sqlite":
        params["match"] = fts5_query(f.search or "")
        if not params["match"]:
            return None
    elif search:
        params["words"] = f.search
    speakers = 0
    if f.speaker:
        ids = speaker_ids(r, f.speaker, MAX_SPEAKERS_LISTED + 1) if ids is None else ids
        if not ids:
            return None
        if len(ids) <= MAX_SPEAKERS_LISTED:
            speakers = len(ids)
            params.update(_numbered("id", ids))
        else:
            words = name_words(f.speaker)
            speakers = -len(words)
            params.update(_numbered("w", words))
    if f.polarity:
        params["polarity"] = f.polarity
    shape = Shape(
        r.name, search, speakers, "since" in params, "until_next" in params, "source" in params, bool(f.polarity)
    )
    return Search(shape, params)


def _quote_select(shape: Shape, columns: Sequence[Any]) -> sa.Select[Any]:
    """The statements that pass a search of ``shape``. Filters on the article alone, on SQLite: the articles
    joined to their statements (``by_article``). ``scan_newest``: the indexes of the speaker and the article
    (dates, outlet) hidden from the planner, so that it reads the statements (or articles) newest first and checks
    each one. Otherwise, on SQLite, with words or speakers searched too, the articles of an outlet are a list each
    statement's article is looked up in, not a join, article by article (two thirds to nine tenths of the time with
    words searched where they are common, 0.1 ms more where rare)."""
    q, a = t.quotes, t.articles
    if by_article(shape):  # an outlet's articles newest first, or (scan_newest) all, or those of the period
        conditions = _article_conditions(shape, hide_dates=shape.source or shape.scan_newest)
        return sa.select(*columns).select_from(a.join(q, q.c.article_id == a.c.id)).where(*conditions)
    conditions = _article_conditions(shape, hide_indexes=shape.scan_newest)
    if shape.dialect == "sqlite" and shape.source and not shape.scan_newest:
        query = sa.select(*columns).select_from(q).where(q.c.article_id.in_(sa.select(a.c.id).where(*conditions)))
    else:
        query = sa.select(*columns).select_from(q.join(a, a.c.id == q.c.article_id)).where(*conditions)
    if shape.search and shape.dialect == "sqlite":
        query = query.join(FTS, FTS.c.rowid == q.c.pk).where(sa.text("quotes_fts MATCH :match"))
    elif shape.search:
        query = query.where(_pg_match())
    if shape.speakers:
        column: Any = sa.func.coalesce(q.c.speaker_id, "") if shape.scan_newest else q.c.speaker_id  # "": none
        if shape.speakers == 1:
            query = query.where(column == sa.bindparam("id0"))
        elif shape.speakers > 0:
            query = query.where(column.in_([sa.bindparam(f"id{i}") for i in range(shape.speakers)]))
        else:
            query = query.where(column.in_(_speakers_named(-shape.speakers)))
    if shape.polarity:
        query = query.where(q.c.polarity == sa.bindparam("polarity"))
    return query


def by_article(shape: Shape) -> bool:
    """Whether a search of ``shape`` (SQLite; filters on the article only: outlet, dates) reads the articles newest
    first, each with its statements, rather than the statements: an article's statements are numbered (``pk``) when
    it is ingested (``seq``), one article after another, so newest article first, then newest statement, is newest
    statement first. An outlet's newest page is then its few newest articles (the index on articles(source, seq)),
    not all its statements gathered and sorted (0.1 ms instead of 2 ms for an outlet of 2,000 statements of
    100,000); a period's, the newest articles tested for their date instead of eight times as many statements."""
    return (
        shape.dialect == "sqlite" and not shape.search and not shape.speakers and not shape.polarity
        and (shape.source or shape.since or shape.until)
    )  # fmt: skip


def _article_conditions(shape: Shape, *, hide_indexes: bool = False, hide_dates: bool = False) -> list[Any]:
    """The filters on the statement's article: publication dates (inclusive) and outlet."""
    a = t.articles
    published: Any = a.c.published_at
    source: Any = a.c.source
    if hide_indexes or hide_dates:  # coalesce(x, NULL) is x, but no index answers it
        published = sa.func.coalesce(published, sa.null())
    if hide_indexes:
        source = sa.func.coalesce(source, sa.null())
    conditions = []
    if shape.since:
        conditions.append(published >= sa.bindparam("since"))
    if shape.until:
        conditions.append(published < sa.bindparam("until_next"))
    if shape.source:
        conditions.append(source == sa.bindparam("source"))
    return conditions


def _scan_newest(conn: Connection | Reader, f: QuoteFilter, ids: Sequence[str] | None, wanted: int) -> bool:
    """Whether a page of statements is found faster by reading them newest first until ``wanted`` pass (about
    wanted / share of them, where share is the part of the archive that passes ``f``) than by gathering all
    share * N that pass through the speaker or article indexes and sorting their keys. Break-even is at the share
    sqrt(wanted / N): the share of the speakers comes from their statement counts, that of the articles (dates,
    outlet) from counting the articles that pass only up to what break-even needs, so the estimate is cheap.
    Not asked for word searches (the full-text index gives its matches newest first), one speaker (so does the
    speaker index) or polarity; SQLite only: PostgreSQL's planner weighs this itself from its statistics."""
    r = Reader.of(conn)
    if r.name != "sqlite" or (f.search and f.search.strip()) or f.polarity:
        return False
    params = _article_params(f)
    several = bool(f.speaker) and (ids is None or len(ids) > 1)
    if not params and not several or f.speaker and not several:
        return False
    a, q = t.articles, t.quotes
    statements = r.scalar("max_pk", lambda: sa.select(sa.func.max(q.c.pk)), {}) or 0  # ingest numbers: ~the count
    if wanted >= statements:
        return False
    break_even = math.sqrt(wanted / statements)
    share = 1.0
    if several and f.speaker:
        listed = ids is not None and len(ids) <= MAX_SPEAKERS_LISTED
        names = ids if listed and ids is not None else name_words(f.speaker)
        bound = _numbered("id" if listed else "w", names)
        if not listed and not params:  # only whether the share reaches break-even: counted up to there
            need = math.ceil(break_even * statements)
            return _speakers_statements_reach(r, len(names), {**bound, "need": need}) >= need
        total = r.scalar(("speakers_total", listed, len(names)), lambda: _speakers_total(listed, len(names)), bound)
        share = (total or 0) / statements
        if share < break_even:
            return False
    if not params:
        return True
    articles = r.scalar("max_seq", lambda: sa.select(sa.func.max(a.c.seq)), {}) or 0
    enough = int(break_even / share * articles) + 1
    shape = Shape(r.name, since="since" in params, until="until_next" in params, source="source" in params)

    def passing() -> sa.Select[Any]:
        some = sa.select(sa.literal(1)).select_from(a).where(*_article_conditions(shape))
        return sa.select(sa.func.count()).select_from(some.limit(sa.bindparam("enough")).subquery())

    return int(r.scalar(("articles_passing", shape), passing, {**params, "enough": enough})) >= enough


def _speakers_total(listed: bool, count: int) -> sa.Select[Any]:
    """The statements of the speakers: ``listed``, ids id0, id1, ...; else named by the name words w0, w1, ..."""
    named: Any = [sa.bindparam(f"id{i}") for i in range(count)] if listed else _speakers_named(count)
    return sa.select(sa.func.sum(t.speakers.c.quote_count)).where(t.speakers.c.id.in_(named))


def _speakers_statements_reach(r: Reader, words: int, params: dict[str, Any]) -> int:
    """The statements of the speakers named by the name words w0, w1, ..., counted up to ``need``: through the
    speaker index, a few speakers' worth (summing the statement counts of the 2,000 speakers 'Institute' names
    read each of them: 2.7 ms, this 0.8)."""

    def build() -> sa.Select[Any]:
        q = t.quotes
        some = sa.select(sa.literal(1)).where(q.c.speaker_id.in_(_speakers_named(words))).limit(sa.bindparam("need"))
        return sa.select(sa.func.count()).select_from(some.subquery())

    return int(r.scalar(("speakers_reach", words), build, params))


def _pg_match() -> Any:
    vector = sa.func.to_tsvector(sa.literal_column("'english'::regconfig"), t.quotes.c.content)
    words = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), sa.bindparam("words"))
    return vector.op("@@")(words)


def _pg_gather_matches(r: Reader, search: Search, wanted: int) -> bool:
    """PostgreSQL, words searched: whether to gather every match through the GIN index and sort their keys,
    rather than read the statements newest first and test each. Its planner prices the test (to_tsvector of
    each statement) far below what it costs, so it reads newest first even for words few statements have, and
    reads the whole table for a phrase of two common words (seconds on 100,000). Reading newest first costs
    about wanted * N / P tests (P: statements that pass the whole search), gathering about M index entries (M:
    those with the words), each some PG_TEST_COST times cheaper than a test; P and M as the planner estimates."""
    shape = search.shape
    if shape.dialect != "postgresql" or not shape.search:
        return False

    def estimate(key: Any, build: Callable[[], sa.Select[Any]]) -> float:
        plan = r.rows(key, build, search.params, prefix="EXPLAIN (FORMAT JSON) ")
        return max(1.0, float(plan[0][0][0]["Plan"]["Plan Rows"])) if plan and plan[0][0] else 1.0

    q = t.quotes
    statements = r.scalar("max_pk", lambda: sa.select(sa.func.max(q.c.pk)), {}) or 0
    matches = estimate("pg_matches", lambda: sa.select(sa.literal(1)).select_from(q).where(_pg_match()))
    only_words = shape == Shape(shape.dialect, search=True)
    passing = matches if only_words else min(matches, estimate(("keys", shape), lambda: _quote_select(shape, [q.c.pk])))
    return matches * passing < wanted * statements * PG_TEST_COST


PG_TEST_COST = 8  # measured: ~90 us to test a statement newest first, ~7-14 us per match gathered by the index


def _order(shape: Shape, gather: bool = False) -> tuple[Any, ...]:
    """Newest first; ``gather``: by an expression no index is in the order of (PostgreSQL: see _pg_gather_matches)."""
    if shape.dialect == "sqlite" and shape.search:
        return (FTS.c.rowid.desc(),)
    if by_article(shape):
        return (t.articles.c.seq.desc(), t.quotes.c.pk.desc())
    return ((t.quotes.c.pk + 0).desc() if gather else t.quotes.c.pk.desc(),)


def quote_hits(conn: Connection | Reader, f: QuoteFilter, *, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
    return [_hit(row) for row in _quote_rows(Reader.of(conn), f, limit, offset)]


def quote_hit_json(conn: Connection | Reader, f: QuoteFilter, *, limit: int = 50, offset: int = 0) -> list[bytes]:
    """quote_hits as JSON, each as pydantic writes the QuoteHit (compact, QuoteHit's field order, non-ASCII
    characters as themselves), not validated again (the write path validated them): for the service, which writes
    them out at once. SQLite writes each row's JSON itself (json_object escapes text as pydantic does), all but
    the confidence, which is written here as pydantic writes a float (SQLite keeps 15 digits); on PostgreSQL
    pydantic writes each row. Building QuoteHits and dumping them was a fifth of a search's CPU in the service,
    building dicts and dumping them a sixth."""
    r = Reader.of(conn)
    if r.name != "sqlite":
        fields = HIT_FIELDS
        return [to_json(dict(zip(fields, _hit_values(row), strict=True))) for row in _quote_rows(r, f, limit, offset)]
    return [head[:-1] + _confidence_json(c) + tail[1:] for head, c, tail in _quote_rows(r, f, limit, offset, True)]


@functools.lru_cache(maxsize=4096)
def _confidence_json(value: float) -> bytes:
    return b',"confidence":' + to_json(value) + b","


def _quote_rows(r: Reader, f: QuoteFilter, limit: int, offset: int, as_json: bool = False) -> list[Any]:
    ids = speaker_ids(r, f.speaker, MAX_SPEAKERS_LISTED + 1) if f.speaker else None
    search = prepare(r, f, ids)
    if search is None:
        return []
    listed = None if ids is not None and len(ids) > MAX_SPEAKERS_LISTED else ids  # many: asked as a subquery
    walk_outlet = by_article(search.shape) and search.shape.source  # the outlet's articles, newest first: always
    if not walk_outlet and _scan_newest(r, f, listed, limit + offset):
        search = Search(replace(search.shape, scan_newest=True), search.params)
    return _hit_rows(r, search, limit, offset, as_json)


MAX_SPEAKERS_LISTED = 30


_q, _a = t.quotes, t.articles
HIT_COLUMNS: list[Any] = [
    _q.c.pk, _q.c.id, _q.c.article_id, _q.c.kind, _q.c.content, _q.c.content_spans, _q.c.polarity, _q.c.cue,
    _q.c.source, _q.c.speaker_id, _q.c.speaker_name, _q.c.speaker_type, _q.c.speaker_role, _q.c.nested_in,
    _q.c.confidence, _a.c.title, _a.c.url, _a.c.source.label("outlet"), _a.c.published_at,
    t.speakers.c.name.label("canonical"),
]  # fmt: skip
HIT_FIELDS = tuple(QuoteHit.model_fields)
HIT_SELECT = sa.select(*HIT_COLUMNS)  # built once: each select() of twenty columns coerces each of them again


def _json_object(fields: Sequence[str]) -> Any:
    """SQLite's JSON object of these QuoteHit fields of a statement (HIT_SELECT's joins): bytes, as pydantic writes."""
    q, a, s = t.quotes, t.articles, t.speakers
    columns: dict[str, Any] = {
        "content_spans": sa.func.json(q.c.content_spans), "role": q.c.speaker_role, "outlet": a.c.source,
        "speaker_name": sa.func.coalesce(sa.func.nullif(s.c.name, ""), q.c.speaker_name),
        "title": a.c.title, "url": a.c.url, "published": a.c.published_at,
    }  # fmt: skip
    pairs: list[Any] = []
    for name in fields:
        pairs += [sa.literal_column(f"'{name}'"), columns.get(name, q.c.get(name))]
    return sa.cast(sa.func.json_object(*pairs), sa.LargeBinary)  # bytes: joined with others as they are


_CONFIDENCE = HIT_FIELDS.index("confidence")
JSON_SELECT = sa.select(
    _json_object(HIT_FIELDS[:_CONFIDENCE]), _q.c.confidence, _json_object(HIT_FIELDS[_CONFIDENCE + 1 :])
)


def _hit_rows(r: Reader, search: Search, limit: int, offset: int, as_json: bool = False) -> list[Any]:
    """The page's keys are found first, in order, by a query that reads only keys and the filtered columns
    (a sort, where one is needed, sorts keys, not whole statements); then the page's rows are read by key."""
    gather = _pg_gather_matches(r, search, limit + offset)
    shape = search.shape

    def build() -> sa.Select[Any]:
        q, a, s = t.quotes, t.articles, t.speakers
        keys = _quote_select(shape, [q.c.pk]).order_by(*_order(shape, gather))
        page = keys.limit(sa.bindparam("limit")).offset(sa.bindparam("offset")).subquery("page")
        return (
            (JSON_SELECT if as_json else HIT_SELECT)
            .select_from(page.join(q, q.c.pk == page.c.pk).join(a, a.c.id == q.c.article_id))
            .outerjoin(s, s.c.id == q.c.speaker_id)
            .order_by(page.c.pk.desc())  # not quotes.pk: SQLite might read every statement in that order
        )

    return r.rows(("hits", shape, gather, as_json), build, {**search.params, "limit": limit, "offset": offset})


def count_quotes(conn: Connection | Reader, f: QuoteFilter) -> int:
    r = Reader.of(conn)
    search = prepare(r, f)
    if search is None:
        return 0
    shape = search.shape
    return int(r.scalar(("count", shape), lambda: _quote_select(shape, [sa.func.count()]), search.params))



def _hit_values(row: Any) -> tuple[Any, ...]:
    """A row of HIT_COLUMNS as the values of QuoteHit's fields, in HIT_FIELDS order (by position: a Row's
    attributes cost a microsecond each). The spans come as JSON text from the SQLite driver."""
    (_, id_, article_id, kind, content, spans, polarity, cue, source, speaker_id, speaker_name, speaker_type, role,
     nested_in, confidence, title, url, outlet, published, canonical) = row  # fmt: skip
    return (
        id_, article_id, kind, content, json.loads(spans) if isinstance(spans, str) else spans, polarity, cue,
        source, speaker_id, canonical or speaker_name, speaker_type, role, nested_in, confidence, title, url,
        outlet, published,
    )  # fmt: skip


def _hit(row: Any) -> QuoteHit:
    """A row of HIT_COLUMNS as a QuoteHit."""
    return QuoteHit(**dict(zip(HIT_FIELDS, _hit_values(row), strict=True)))


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
    r = Reader.of(conn)
    search = prepare(r, QuoteFilter(source=source, since=since, until=until))
    assert search is not None
    shape = search.shape

    def build() -> sa.Select[Any]:
        count = sa.func.count().label("n")
        query = _quote_select(shape, [q.c.speaker_id, count]).where(q.c.speaker_id.is_not(None))
        query = query.group_by(q.c.speaker_id).order_by(count.desc(), q.c.speaker_id)
        return query.limit(sa.bindparam("limit")).offset(sa.bindparam("offset"))

    rows = r.rows(("top_speakers", shape), build, {**search.params, "limit": limit, "offset": offset})
    ranked = [(row[0], int(row[1])) for row in rows]
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
    query = (
        HIT_SELECT.select_from(q.join(a, a.c.id == q.c.article_id).outerjoin(s, s.c.id == q.c.speaker_id))
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
