"""Which archive speaker each of an article's speakers is (the decisions are ``identity``'s), and the
writes that follow: new speakers at once (later articles look them up), their aliases, name words,
roles and counts gathered in :class:`Pending` and written once per batch of articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy.engine import Connection

from sayso.model import Analysis, content_id
from sayso.store import identity
from sayso.store import schema as t
from sayso.store.identity import Candidate, Name
from sayso.store.speaker_sql import People, Tally, add_counts, insert_ignore, upsert_roles


class Lookup(Protocol):
    """The archive's speakers as the resolver asks about them: in the database (``SqlLookup``) or held in
    memory for a bulk load (``SpeakerIndex``); both answer as the database would at that point."""

    def people(self, surname: str) -> People:
        """The people of this surname with their stored roles, in id order (a new dict the caller may change)."""

    def candidates(self, surname: str) -> list[Candidate]:
        """``speaker_sql.candidates_of(people(surname))`` (a list the caller must not change)."""

    def org(self, key: str) -> str | None:
        """The organisation or group of this normalised name (the first by id)."""

    def create(self, row: dict[str, Any]) -> None:
        """A new speaker (id, name, type, key, surname, gender); one whose id is there is left as it is."""

    def merge(self, old: str, new: str) -> None:
        """Surname-only speaker ``old`` becomes part of ``new``."""


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

    def absorb(self, other: Pending) -> None:
        """Adds ``other``'s rows, the speakers it absorbed replaced by their new id."""
        if not other.merged:  # most articles absorb none: the same rows, without looking each one up
            self.aliases.update(other.aliases)
            self.tokens.update(other.tokens)
            for key, x in other.roles.items():
                self.roles.setdefault(key, Tally()).add(0, x.articles, x.first, x.last)
            for s, x in other.counts.items():
                self.counts.setdefault(s, Tally()).add(x.quotes, x.articles, x.first, x.last)
            return
        c = other.current
        self.aliases.update(((c(s), a), None) for s, a in other.aliases)
        self.tokens.update(((c(s), w), None) for s, w in other.tokens)
        for (s, role), x in other.roles.items():
            self.roles.setdefault((c(s), role), Tally()).add(0, x.articles, x.first, x.last)
        for s, x in other.counts.items():
            self.counts.setdefault(c(s), Tally()).add(x.quotes, x.articles, x.first, x.last)

    def write(self, conn: Connection) -> None:
        rows = Pending()
        rows.absorb(self)
        if rows.aliases:
            conn.execute(
                insert_ignore(conn, t.speaker_aliases), [{"speaker_id": s, "alias": a} for s, a in rows.aliases]
            )
        if rows.tokens:
            conn.execute(insert_ignore(conn, t.speaker_tokens), [{"speaker_id": s, "token": w} for s, w in rows.tokens])
        if rows.roles:
            upsert_roles(conn, [(s, role, x.first, x.last, x.articles) for (s, role), x in rows.roles.items()])
        if rows.counts:
            add_counts(conn, rows.counts)
        self.aliases, self.tokens, self.roles, self.counts = {}, {}, {}, {}


class SpeakerLike(Protocol):
    """An article's speaker as the resolver reads it: ``model.Speaker``, or a bulk load's row of one."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def roles(self) -> Sequence[str]: ...
    @property
    def mentions(self) -> Sequence[Sequence[int]]: ...


class Resolver:
    """Maps an article's speakers to archive speakers, creating new ones and absorbing surname-only ones."""

    def __init__(
        self,
        lookup: Lookup,
        pending: Pending,
        article_id: str,
        text: str | None,
        speakers: Sequence[SpeakerLike],
        quote_speakers: Sequence[str | None],
        day: str | None,
    ) -> None:
        self.lookup = lookup
        self.pending = pending
        self.article_id, self.text = article_id, text or ""
        self.speakers, self.quote_speakers = speakers, quote_speakers
        self.day = day[:10] if day else None

    @classmethod
    def of(cls, lookup: Lookup, pending: Pending, analysis: Analysis, day: str | None) -> Resolver:
        said = [q.speaker_id for q in analysis.quotes]
        return cls(lookup, pending, analysis.id, analysis.text, analysis.speakers, said, day)

    def run(self) -> dict[str, str]:
        """Local speaker id -> archive speaker id."""
        ids = {s.id: self.resolve(s) for s in self.speakers}
        ids = {local: self.pending.current(sid) for local, sid in ids.items()}
        quotes: dict[str, int] = {}
        for local in self.quote_speakers:
            if local in ids:
                quotes[ids[local]] = quotes.get(ids[local], 0) + 1
        for sid in set(ids.values()):
            self.pending.counts.setdefault(sid, Tally()).add(quotes.get(sid, 0), 1, self.day, self.day)
        return ids

    def resolve(self, speaker: SpeakerLike) -> str:
        if speaker.type == "PERSON":
            name = identity.parse_name(speaker.name)
            if name.words:
                return self._person(speaker, name)
        if speaker.type in {"ORG", "GROUP"} and identity.org_key(speaker.name):
            return self._org(speaker)
        sid = content_id("UNNAMED", self.article_id, speaker.id)
        self._create(sid, speaker.name, speaker.type, speaker.name.lower(), None, None)
        self._extend(sid, [speaker.name], speaker.roles, [])
        return sid

    def _org(self, speaker: SpeakerLike) -> str:
        key = identity.org_key(speaker.name)
        found = self.lookup.org(key)
        sid = found or content_id("ORG", key)
        if not found:
            self._create(sid, speaker.name, speaker.type, key, None, None)
        self._extend(sid, [speaker.name], speaker.roles, key.split())
        return sid

    def _person(self, speaker: SpeakerLike, name: Name) -> str:
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

    def _aliases(self, speaker: SpeakerLike, name: Name) -> list[str]:
        """The name, and the mentions that name the same surname ('Peskov', 'Dmitry Peskov')."""
        text, surname = self.text, name.surname
        found = [name.display]
        for start, end in speaker.mentions:
            alias = _mention_alias(text[start:end], surname)
            if alias is not None:
                found.append(alias)
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
        """The people of this surname, with the words of their roles (stored, and gathered in this batch: a
        candidate's role words are those of each of its roles, so the batch's add to the stored ones)."""
        found = self.lookup.candidates(surname)
        if not self.pending.roles:
            return found
        ids = {c.id for c in found}
        extra: dict[str, list[str]] = {}
        for sid, role in self.pending.roles:
            if sid in ids:
                extra.setdefault(sid, []).append(role)
        if not extra:
            return found
        return [
            Candidate(c.id, c.words, c.gender, c.roles | identity.role_words(extra[c.id])) if c.id in extra else c
            for c in found
        ]

    def _absorb_surnames(self, sid: str, candidates: Sequence[Candidate]) -> None:
        target = next(c for c in candidates if c.id == sid)
        for bare in candidates:
            if not bare.full and identity.absorbable(target, bare, candidates):
                self.lookup.merge(bare.id, sid)
                self.pending.merged[bare.id] = sid

    def _create(self, sid: str, name: str, kind: str, key: str, surname: str | None, gender: str | None) -> None:
        self.lookup.create({"id": sid, "name": name, "type": kind, "key": key, "surname": surname, "gender": gender})

    def _extend(self, sid: str, aliases: Iterable[str], roles: Iterable[str], words: Iterable[str]) -> None:
        p = self.pending
        p.aliases.update(((sid, a), None) for a in aliases if a)
        p.tokens.update(((sid, w[:128]), None) for w in words if w)
        for role in dict.fromkeys(r.strip() for r in roles if r and r.strip()):
            p.roles.setdefault((sid, role), Tally()).add(0, 1, self.day, self.day)


@lru_cache(maxsize=1 << 16)  # the same mentions come back article after article
def _mention_alias(mention: str, surname: str) -> str | None:
    """A mention's name as an alias, when it is a name of that surname."""
    mention = " ".join(mention.split())
    if not mention[:1].isupper():
        return None
    parsed = identity.parse_name(mention)
    return parsed.display if parsed.words and parsed.surname == surname else None
