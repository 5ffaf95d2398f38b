"""The speaker tables in SQL: inserts that skip or widen, count updates, a surname-only speaker merged into a
full name, and :class:`SqlLookup`, the resolver's questions asked of the database one speaker at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.store import schema as t
from sayso.store.identity import Candidate, role_words

_PEOPLE = (
    sa.select(t.speakers.c.id, t.speakers.c.key, t.speakers.c.gender, t.speaker_roles.c.role)
    .outerjoin(t.speaker_roles, t.speaker_roles.c.speaker_id == t.speakers.c.id)
    .where(t.speakers.c.type == "PERSON", t.speakers.c.surname == sa.bindparam("surname"))
    .order_by(t.speakers.c.id)
)
_ORG = (
    sa.select(t.speakers.c.id)
    .where(t.speakers.c.key == sa.bindparam("key"), t.speakers.c.type.in_(("ORG", "GROUP")))
    .order_by(t.speakers.c.id)
    .limit(1)
)

# A person as the resolver sees one: id -> (key, gender, roles), in id order.
People = dict[str, tuple[str, str | None, list[str]]]


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def insert_ignore(conn: Connection, table: sa.Table) -> Any:
    """INSERT that skips rows whose key is already there, on SQLite and PostgreSQL."""
    return dialect_insert(conn, table).on_conflict_do_nothing()


def _earlier(column: Any, value: Any) -> Any:
    return sa.case((column.is_(None), value), (value.is_(None), column), (value < column, value), else_=column)


def _later(column: Any, value: Any) -> Any:
    return sa.case((column.is_(None), value), (value.is_(None), column), (value > column, value), else_=column)


@dataclass
class Tally:
    quotes: int = 0
    articles: int = 0
    first: str | None = None
    last: str | None = None

    def add(self, quotes: int, articles: int, first: str | None, last: str | None) -> None:
        self.quotes += quotes
        self.articles += articles
        if first and (not self.first or first < self.first):
            self.first = first
        if last and (not self.last or last > self.last):
            self.last = last


def upsert_roles(conn: Connection, rows: Sequence[tuple[str, str, str | None, str | None, int]]) -> None:
    """Adds roles (speaker, role, first seen, last seen, articles), widening the dates of those there."""
    r = t.speaker_roles
    stmt = dialect_insert(conn, r)
    stmt = stmt.on_conflict_do_update(
        index_elements=[r.c.speaker_id, r.c.role],
        set_={
            "first_seen": _earlier(r.c.first_seen, stmt.excluded.first_seen),
            "last_seen": _later(r.c.last_seen, stmt.excluded.last_seen),
            "articles": r.c.articles + stmt.excluded.articles,
        },
    )
    keys = ("speaker_id", "role", "first_seen", "last_seen", "articles")
    conn.execute(stmt, [dict(zip(keys, row, strict=True)) for row in rows])


def add_counts(conn: Connection, counts: dict[str, Tally]) -> None:
    s = t.speakers
    first, last = sa.bindparam("b_first", type_=sa.String), sa.bindparam("b_last", type_=sa.String)
    update = (
        s.update()
        .where(s.c.id == sa.bindparam("b_id"))
        .values(
            quote_count=s.c.quote_count + sa.bindparam("b_quotes", type_=sa.Integer),
            article_count=s.c.article_count + sa.bindparam("b_articles", type_=sa.Integer),
            first_seen=_earlier(s.c.first_seen, first),
            last_seen=_later(s.c.last_seen, last),
        )
    )
    rows = [
        {"b_id": sid, "b_quotes": x.quotes, "b_articles": x.articles, "b_first": x.first, "b_last": x.last}
        for sid, x in sorted(counts.items())
    ]
    conn.execute(update, rows)


def merge(conn: Connection, old: str, new: str) -> None:
    """Moves everything stored of speaker ``old`` (a surname-only one) to ``new`` and deletes ``old``
    (what is still pending in the batch follows through ``Pending.merged``)."""
    s, al, tk, r = t.speakers, t.speaker_aliases, t.speaker_tokens, t.speaker_roles
    for table in (t.quotes, t.article_speakers):
        conn.execute(table.update().where(table.c.speaker_id == old).values(speaker_id=new))
    aliases = [
        {"speaker_id": new, "alias": a} for (a,) in conn.execute(sa.select(al.c.alias).where(al.c.speaker_id == old))
    ]
    if aliases:
        conn.execute(insert_ignore(conn, al), aliases)
    tokens = [
        {"speaker_id": new, "token": w} for (w,) in conn.execute(sa.select(tk.c.token).where(tk.c.speaker_id == old))
    ]
    if tokens:
        conn.execute(insert_ignore(conn, tk), tokens)
    roles = [
        (new, x.role, x.first_seen, x.last_seen, x.articles)
        for x in conn.execute(sa.select(r).where(r.c.speaker_id == old))
    ]
    if roles:
        upsert_roles(conn, roles)
    a = conn.execute(sa.select(s).where(s.c.id == old)).one()
    add_counts(conn, {new: Tally(a.quote_count, a.article_count, a.first_seen, a.last_seen)})
    for table in (al, tk, r):
        conn.execute(table.delete().where(table.c.speaker_id == old))
    conn.execute(s.delete().where(s.c.id == old))


def candidates_of(people: People) -> list[Candidate]:
    """The people (of one surname) as the identity decisions take them, in id order."""
    return [Candidate(sid, tuple(key.split()), g, role_words(roles)) for sid, (key, g, roles) in sorted(people.items())]


class SqlLookup:
    """The archive's speakers asked in the open transaction, one question a speaker (the write path of
    `sayso ingest` and the service: few speakers a transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def people(self, surname: str) -> People:
        found: People = {}
        for sid, key, gender, role in self.conn.execute(_PEOPLE, {"surname": surname}):
            found.setdefault(sid, (key, gender, []))[2].extend([role] if role else [])
        return found

    def candidates(self, surname: str) -> list[Candidate]:
        return candidates_of(self.people(surname))

    def org(self, key: str) -> str | None:
        found = self.conn.execute(_ORG, {"key": key}).first()
        return str(found[0]) if found else None

    def create(self, row: dict[str, Any]) -> None:
        self.conn.execute(insert_ignore(self.conn, t.speakers), [{**row, "quote_count": 0, "article_count": 0}])

    def merge(self, old: str, new: str) -> None:
        merge(self.conn, old, new)
