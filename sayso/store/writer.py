"""Saving one Analysis: all its rows in the caller's transaction, or none; an article already stored is left
as it is (content-hash ids make saving twice a no-op)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.model import Analysis, Speaker, content_id
from sayso.store import identity
from sayso.store import schema as t
from sayso.store.identity import Candidate, Name


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


def insert_ignore(conn: Connection, table: sa.Table) -> Any:
    """INSERT that skips rows whose key is already there, on SQLite and PostgreSQL."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def has_article(conn: Connection, article_id: str) -> bool:
    return conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id == article_id)).first() is not None


def _next(conn: Connection, column: sa.Column[Any]) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).scalar_one()) + 1


def save(conn: Connection, analysis: Analysis) -> bool:
    """Stores the analysis in the open transaction. False (nothing written) when the article is there."""
    if has_article(conn, analysis.id):
        return False
    day = normalise_date(analysis.published)
    conn.execute(
        t.articles.insert().values(
            id=analysis.id,
            seq=_next(conn, t.articles.c.seq),
            text_sha1=analysis.text_sha1,
            language=analysis.language,
            title=analysis.title,
            url=analysis.url,
            source=analysis.source,
            published=analysis.published,
            published_at=day,
            text=analysis.text,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    ids = Resolver(conn, analysis, day).run()
    _insert_speakers(conn, analysis, ids)
    _insert_quotes(conn, analysis, ids)
    _insert_claims(conn, analysis)
    conn.execute(t.failures.delete().where(t.failures.c.input == analysis.id))
    return True


def _insert_speakers(conn: Connection, analysis: Analysis, ids: dict[str, str]) -> None:
    rows = [
        {
            "article_id": analysis.id,
            "local_id": s.id,
            "position": i,
            "name": s.name,
            "type": s.type,
            "roles": s.roles,
            "mentions": [list(m) for m in s.mentions],
            "speaker_id": ids.get(s.id),
        }
        for i, s in enumerate(analysis.speakers)
    ]
    if rows:
        conn.execute(insert_ignore(conn, t.article_speakers), rows)


def _insert_quotes(conn: Connection, analysis: Analysis, ids: dict[str, str]) -> None:
    first = _next(conn, t.quotes.c.pk)
    rows = [
        {
            "pk": first + i,
            "id": q.id,
            "article_id": analysis.id,
            "position": i,
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
            "speaker_id": ids.get(q.speaker_id) if q.speaker_id else None,
            "polarity": q.polarity,
            "nested_in": q.nested_in,
            "confidence": q.confidence,
        }
        for i, q in enumerate(analysis.quotes)
    ]
    if rows:
        conn.execute(insert_ignore(conn, t.quotes), rows)


def _insert_claims(conn: Connection, analysis: Analysis) -> None:
    refuted = {d.claim_id for d in analysis.disputes if d.stance == "refutes"}
    claims = [
        {
            "article_id": analysis.id,
            "id": c.id,
            "position": i,
            "text": c.text,
            "quote_ids": c.quote_ids,
            "claimant_id": c.claimant_id,
            "disputed": c.id in refuted,
        }
        for i, c in enumerate(analysis.claims)
    ]
    if claims:
        conn.execute(insert_ignore(conn, t.claims), claims)
    disputes = [
        {
            "article_id": analysis.id,
            "position": i,
            "claim_id": d.claim_id,
            "claimant_id": d.claimant_id,
            "disputed_by": d.disputed_by,
            "quote_ids": d.quote_ids,
            "stance": d.stance,
        }
        for i, d in enumerate(analysis.disputes)
    ]
    if disputes:
        conn.execute(t.disputes.insert(), disputes)


class Resolver:
    """Maps each of an article's speakers to an archive speaker, creating, extending and merging them."""

    def __init__(self, conn: Connection, analysis: Analysis, day: str | None) -> None:
        self.conn = conn
        self.analysis = analysis
        self.day = day[:10] if day else None
        self.merged: dict[str, str] = {}

    def run(self) -> dict[str, str]:
        ids = {s.id: self.resolve(s) for s in self.analysis.speakers}
        ids = {local: self._current(sid) for local, sid in ids.items()}
        quotes = Counter(ids[q.speaker_id] for q in self.analysis.quotes if q.speaker_id in ids)
        for speaker_id in sorted(set(ids.values())):
            self._count(speaker_id, quotes[speaker_id])
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
        found = self.conn.execute(
            sa.select(t.speakers.c.id)
            .where(t.speakers.c.key == key, t.speakers.c.type.in_(("ORG", "GROUP")))
            .order_by(t.speakers.c.id)
        ).first()
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
                candidates = self._candidates(name.surname)
            self._absorb_surnames(sid, candidates)
        else:
            sid = identity.match_surname(name, roles, candidates) or self._surname_speaker(name, candidates)
        words = [w for alias in self._aliases(speaker, name) for w in identity.parse_name(alias).words]
        self._extend(sid, self._aliases(speaker, name), roles, words)
        return sid

    def _aliases(self, speaker: Speaker, name: Name) -> list[str]:
        """The name, and the mentions that name the same surname ('Peskov', 'Dmitry Peskov')."""
        text = self.analysis.text or ""
        found = [name.display]
        for start, end in speaker.mentions:
            mention = " ".join(text[start:end].split())
            parsed = identity.parse_name(mention)
            if mention[:1].isupper() and parsed.words and parsed.surname == name.surname:
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
        s, r = t.speakers, t.speaker_roles
        rows = self.conn.execute(
            sa.select(s.c.id, s.c.key, s.c.gender).where(s.c.type == "PERSON", s.c.surname == surname).order_by(s.c.id)
        ).all()
        roles: dict[str, list[str]] = {}
        if rows:
            for sid, role in self.conn.execute(
                sa.select(r.c.speaker_id, r.c.role).where(r.c.speaker_id.in_([row.id for row in rows]))
            ):
                roles.setdefault(sid, []).append(role)
        return [
            Candidate(row.id, tuple(row.key.split()), row.gender, identity.role_words(roles.get(row.id, [])))
            for row in rows
        ]

    def _absorb_surnames(self, sid: str, candidates: Sequence[Candidate]) -> None:
        target = next(c for c in candidates if c.id == sid)
        for bare in candidates:
            if not bare.full and identity.absorbable(target, bare, candidates):
                merge(self.conn, bare.id, sid)
                self.merged[bare.id] = sid

    def _current(self, sid: str) -> str:
        while sid in self.merged:
            sid = self.merged[sid]
        return sid

    def _create(self, sid: str, name: str, kind: str, key: str, surname: str | None, gender: str | None) -> None:
        values = {"id": sid, "name": name, "type": kind, "key": key, "surname": surname, "gender": gender}
        self.conn.execute(insert_ignore(self.conn, t.speakers), [{**values, "quote_count": 0, "article_count": 0}])

    def _extend(self, sid: str, aliases: Iterable[str], roles: Iterable[str], words: Iterable[str]) -> None:
        alias_rows = [{"speaker_id": sid, "alias": a} for a in dict.fromkeys(aliases) if a]
        if alias_rows:
            self.conn.execute(insert_ignore(self.conn, t.speaker_aliases), alias_rows)
        token_rows = [{"speaker_id": sid, "token": w[:128]} for w in dict.fromkeys(words) if w]
        if token_rows:
            self.conn.execute(insert_ignore(self.conn, t.speaker_tokens), token_rows)
        for role in dict.fromkeys(r.strip() for r in roles if r and r.strip()):
            add_role(self.conn, sid, role, self.day, self.day, 1)

    def _count(self, sid: str, quotes: int) -> None:
        s = t.speakers
        row = self.conn.execute(sa.select(s.c.first_seen, s.c.last_seen).where(s.c.id == sid)).one()
        self.conn.execute(
            s.update()
            .where(s.c.id == sid)
            .values(
                quote_count=s.c.quote_count + quotes,
                article_count=s.c.article_count + 1,
                first_seen=_min(row.first_seen, self.day),
                last_seen=_max(row.last_seen, self.day),
            )
        )


def _min(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _max(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


def add_role(conn: Connection, sid: str, role: str, first: str | None, last: str | None, articles: int) -> None:
    r = t.speaker_roles
    row = conn.execute(
        sa.select(r.c.first_seen, r.c.last_seen, r.c.articles).where(r.c.speaker_id == sid, r.c.role == role)
    ).first()
    if row is None:
        conn.execute(r.insert().values(speaker_id=sid, role=role, first_seen=first, last_seen=last, articles=articles))
        return
    conn.execute(
        r.update()
        .where(r.c.speaker_id == sid, r.c.role == role)
        .values(
            first_seen=_min(row.first_seen, first),
            last_seen=_max(row.last_seen, last),
            articles=row.articles + articles,
        )
    )


def merge(conn: Connection, old: str, new: str) -> None:
    """Moves everything of speaker ``old`` (a surname-only one) to ``new`` and deletes ``old``."""
    s = t.speakers
    for table in (t.quotes, t.article_speakers):
        conn.execute(table.update().where(table.c.speaker_id == old).values(speaker_id=new))
    aliases = [{"speaker_id": new, "alias": a} for (a,) in conn.execute(
        sa.select(t.speaker_aliases.c.alias).where(t.speaker_aliases.c.speaker_id == old))]  # fmt: skip
    if aliases:
        conn.execute(insert_ignore(conn, t.speaker_aliases), aliases)
    tokens = [{"speaker_id": new, "token": w} for (w,) in conn.execute(
        sa.select(t.speaker_tokens.c.token).where(t.speaker_tokens.c.speaker_id == old))]  # fmt: skip
    if tokens:
        conn.execute(insert_ignore(conn, t.speaker_tokens), tokens)
    r = t.speaker_roles
    for row in conn.execute(sa.select(r).where(r.c.speaker_id == old)).all():
        add_role(conn, new, row.role, row.first_seen, row.last_seen, row.articles)
    a, b = (conn.execute(sa.select(s).where(s.c.id == x)).one() for x in (old, new))
    articles = conn.execute(
        sa.select(sa.func.count(sa.distinct(t.article_speakers.c.article_id))).where(
            t.article_speakers.c.speaker_id == new
        )
    ).scalar_one()
    conn.execute(
        s.update()
        .where(s.c.id == new)
        .values(
            quote_count=a.quote_count + b.quote_count,
            article_count=articles,
            first_seen=_min(a.first_seen, b.first_seen),
            last_seen=_max(a.last_seen, b.last_seen),
        )
    )
    for table in (t.speaker_aliases, t.speaker_tokens, t.speaker_roles):
        conn.execute(table.delete().where(table.c.speaker_id == old))
    conn.execute(s.delete().where(s.c.id == old))
