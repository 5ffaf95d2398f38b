"""Which archive speaker each of an article's speakers is (the decisions are ``identity``'s), and the
writes that follow: new speakers at once (later articles look them up), their aliases, name words,
roles and counts gathered in :class:`Pending` and written once per batch of articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.model import Analysis, Speaker, content_id
from sayso.store import identity
from sayso.store import schema as t
from sayso.store.identity import Candidate, Name

_CANDIDATES = (
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
        self.first = min((d for d in (self.first, first) if d), default=None)
        self.last = max((d for d in (self.last, last) if d), default=None)


@dataclass
class Pending:
    """Speaker rows gathered over a batch of articles; ``merged`` maps absorbed speakers to their new id."""

    aliases: dict[tuple[str, str], None] = field(default_factory=dict)
    tokens: dict[tuple[str, str], None] = field(default_factory=dict)
    roles: dict[tuple[str, str], Tally] = field(default_factory=dict)
    counts: dict[str, Tally] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)

    def current(self, sid: str) -> str:
        while sid in self.merged:
            sid = self.merged[sid]
        return sid

    def write(self, conn: Connection) -> None:
        c = self.current
        aliases = {(c(s), a): None for s, a in self.aliases}
        if aliases:
            conn.execute(insert_ignore(conn, t.speaker_aliases), [{"speaker_id": s, "alias": a} for s, a in aliases])
        tokens = {(c(s), w): None for s, w in self.tokens}
        if tokens:
            conn.execute(insert_ignore(conn, t.speaker_tokens), [{"speaker_id": s, "token": w} for s, w in tokens])
        roles: dict[tuple[str, str], Tally] = {}
        for (s, role), tally in self.roles.items():
            roles.setdefault((c(s), role), Tally()).add(0, tally.articles, tally.first, tally.last)
        if roles:
            upsert_roles(conn, [(s, role, x.first, x.last, x.articles) for (s, role), x in roles.items()])
        counts: dict[str, Tally] = {}
        for s, tally in self.counts.items():
            counts.setdefault(c(s), Tally()).add(tally.quotes, tally.articles, tally.first, tally.last)
        if counts:
            add_counts(conn, counts)
        self.aliases, self.tokens, self.roles, self.counts = {}, {}, {}, {}


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


class Resolver:
    """Maps an article's speakers to archive speakers, creating new ones and absorbing surname-only ones."""

    def __init__(self, conn: Connection, pending: Pending, analysis: Analysis, day: str | None) -> None:
        self.conn = conn
        self.pending = pending
        self.analysis = analysis
        self.day = day[:10] if day else None

    def run(self) -> dict[str, str]:
        """Local speaker id -> archive speaker id."""
        ids = {s.id: self.resolve(s) for s in self.analysis.speakers}
        ids = {local: self.pending.current(sid) for local, sid in ids.items()}
        quotes: dict[str, int] = {}
        for q in self.analysis.quotes:
            if q.speaker_id in ids:
                quotes[ids[q.speaker_id]] = quotes.get(ids[q.speaker_id], 0) + 1
        for sid in set(ids.values()):
            self.pending.counts.setdefault(sid, Tally()).add(quotes.get(sid, 0), 1, self.day, self.day)
        return ids

    def resolve(self, speaker: Speaker) -> str:
        if speaker.type == "PERSON":
            name = identity.parse_name(speaker.name)
            if name.words:
                return self._person(speaker, name)
        if speaker.type in {"ORG", "GROUP"} and identity.org_key(speaker.name):
            return self._org(speaker)
        sid = content_id("UNNAMED", self.analysis.id, speaker.id)
        self._create(sid, speaker.name, speaker.type, speaker.name.lower(), None, None)
        self._extend(sid, [speaker.name], speaker.roles, [])
        return sid

    def _org(self, speaker: Speaker) -> str:
        key = identity.org_key(speaker.name)
        found = self.conn.execute(_ORG, {"key": key}).first()
        sid = found[0] if found else content_id("ORG", key)
        if not found:
            self._create(sid, speaker.name, speaker.type, key, None, None)
        self._extend(sid, [speaker.name], speaker.roles, key.split())
        return sid

    def _person(self, speaker: Speaker, name: Name) -> str:
        roles = [*speaker.roles, *([name.role] if name.role else [])]
        gender = identity.gender_of(name)
        candidates = self._candidates(name.surname)
        if name.full:
            sid = identity.match_full(name, gender, candidates)
            if sid is None:
                sid = content_id("PERSON", name.key)
                self._create(sid, name.display, "PERSON", name.key, name.surname, gender)
                candidates = [*candidates, Candidate(sid, name.words, gender, identity.role_words(roles))]
            self._absorb_surnames(sid, candidates)
        else:
            sid = identity.match_surname(name, roles, candidates) or self._surname_speaker(name, candidates)
        aliases = self._aliases(speaker, name)
        self._extend(sid, aliases, roles, [w for alias in aliases for w in identity.parse_name(alias).words])
        return sid

    def _aliases(self, speaker: Speaker, name: Name) -> list[str]:
        """The name, and the mentions that name the same surname ('Peskov', 'Dmitry Peskov')."""
        text = self.analysis.text or ""
        found = [name.display]
        for start, end in speaker.mentions:
            mention = " ".join(text[start:end].split())
            if not mention[:1].isupper():
                continue
            parsed = identity.parse_name(mention)
            if parsed.words and parsed.surname == name.surname:
                found.append(parsed.display)
        return list(dict.fromkeys(found))

    def _surname_speaker(self, name: Name, candidates: Sequence[Candidate]) -> str:
        bare = [c for c in candidates if not c.full and identity.genders_agree(name.gender, c.gender)]
        same = [c for c in bare if c.gender == name.gender]
        if same or bare:
            return (same or bare)[0].id
        sid = content_id("PERSON", name.key, name.gender or "")
        self._create(sid, name.display, "PERSON", name.key, name.surname, name.gender)
        return sid

    def _candidates(self, surname: str) -> list[Candidate]:
        """The people of this surname, with the words of their roles (stored, and gathered in this batch)."""
        found: dict[str, tuple[str, str | None, list[str]]] = {}
        for sid, key, gender, role in self.conn.execute(_CANDIDATES, {"surname": surname}):
            found.setdefault(sid, (key, gender, []))[2].extend([role] if role else [])
        for sid, role in self.pending.roles:
            if sid in found:
                found[sid][2].append(role)
        return [
            Candidate(sid, tuple(key.split()), g, identity.role_words(roles)) for sid, (key, g, roles) in found.items()
        ]

    def _absorb_surnames(self, sid: str, candidates: Sequence[Candidate]) -> None:
        target = next(c for c in candidates if c.id == sid)
        for bare in candidates:
            if not bare.full and identity.absorbable(target, bare, candidates):
                merge(self.conn, bare.id, sid)
                self.pending.merged[bare.id] = sid

    def _create(self, sid: str, name: str, kind: str, key: str, surname: str | None, gender: str | None) -> None:
        values = {"id": sid, "name": name, "type": kind, "key": key, "surname": surname, "gender": gender}
        self.conn.execute(insert_ignore(self.conn, t.speakers), [{**values, "quote_count": 0, "article_count": 0}])

    def _extend(self, sid: str, aliases: Iterable[str], roles: Iterable[str], words: Iterable[str]) -> None:
        p = self.pending
        p.aliases.update(((sid, a), None) for a in aliases if a)
        p.tokens.update(((sid, w[:128]), None) for w in words if w)
        for role in dict.fromkeys(r.strip() for r in roles if r and r.strip()):
            p.roles.setdefault((sid, role), Tally()).add(0, 1, self.day, self.day)


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
