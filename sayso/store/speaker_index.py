"""The archive's speakers held in memory for a bulk load: the resolver's :class:`~sayso.store.resolver.Lookup`
answered from dicts instead of one SQL round trip a speaker.

The index is read from the database once (:meth:`SpeakerIndex.load`) and then follows what the load does
as the database would follow it had each article been saved on its own (``Store.save``): speakers created
are there for the next one, an article's roles count for the articles after it, a surname-only speaker
merged into a full name is gone and its roles are the full name's. What the database has not seen yet is
kept for :mod:`sayso.store.bulk` to write: the new speakers (:attr:`created`), the stored speakers merged
away (:attr:`merges`) and every merge since the last write (:attr:`merged`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sayso.store import schema as t
from sayso.store.identity import Candidate
from sayso.store.speaker_sql import People, candidates_of

_INDEXED = sa.or_(
    sa.and_(t.speakers.c.type == "PERSON", t.speakers.c.surname.is_not(None)), t.speakers.c.type.in_(("ORG", "GROUP"))
)


@dataclass
class _Person:
    key: str
    gender: str | None
    roles: set[str] = field(default_factory=set)


class SpeakerIndex:
    """People by surname and organisations by key, as stored, and what the load changed since."""

    def __init__(self) -> None:
        self.ids: set[str] = set()  # every speaker held
        self.surnames: dict[str, dict[str, _Person]] = {}
        self.surname_of: dict[str, str] = {}  # person id -> surname
        self.orgs: dict[str, set[str]] = {}  # key -> ids
        self.created: dict[str, dict[str, Any]] = {}  # speaker rows not written yet
        self.merges: list[tuple[str, str]] = []  # stored speakers merged away (old, new), not written yet
        self.merged: dict[str, str] = {}  # every merge since the last write
        self.before_reuse: Callable[[], None] = lambda: None  # called before an id merged away comes back
        self._candidates: dict[str, list[Candidate]] = {}  # by surname, until its people change

    @classmethod
    def load(cls, conn: Connection) -> SpeakerIndex:
        index = cls()
        s = t.speakers
        for sid, kind, key, surname, gender in conn.execute(
            sa.select(s.c.id, s.c.type, s.c.key, s.c.surname, s.c.gender).where(_INDEXED)
        ):
            index._add(sid, kind, key, surname, gender)
        roles = sa.select(t.speaker_roles.c.speaker_id, t.speaker_roles.c.role).join(s).where(s.c.type == "PERSON")
        index.add_roles((sid, role) for sid, role in conn.execute(roles))
        return index

    def _add(self, sid: str, kind: str, key: str, surname: str | None, gender: str | None) -> None:
        self.ids.add(sid)
        if kind == "PERSON" and surname is not None:
            self.surnames.setdefault(surname, {})[sid] = _Person(key, gender)
            self.surname_of[sid] = surname
            self._candidates.pop(surname, None)
        elif kind in {"ORG", "GROUP"}:
            self.orgs.setdefault(key, set()).add(sid)

    def _person(self, sid: str) -> _Person | None:
        surname = self.surname_of.get(sid)
        return None if surname is None else self.surnames[surname][sid]

    def add_roles(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Roles (speaker, role) now stored; those of speakers the index does not hold are left out."""
        for sid, role in pairs:
            person = self._person(sid)
            if person is not None and role not in person.roles:
                person.roles.add(role)
                self._candidates.pop(self.surname_of[sid], None)

    # The Lookup the resolver asks ---------------------------------------------------------------------

    def people(self, surname: str) -> People:
        found = self.surnames.get(surname, {})
        return {sid: (p.key, p.gender, sorted(p.roles)) for sid, p in sorted(found.items())}

    def candidates(self, surname: str) -> list[Candidate]:
        """``candidates_of(people(surname))``, made once until the surname's people change."""
        found = self._candidates.get(surname)
        if found is None:
            found = self._candidates[surname] = candidates_of(self.people(surname))
        return found

    def org(self, key: str) -> str | None:
        ids = self.orgs.get(key)
        return min(ids) if ids else None

    def create(self, row: dict[str, Any]) -> None:
        sid = row["id"]
        if sid in self.merged:
            self.before_reuse()  # written, the merge deleted the old row: this one is new
        if sid in self.ids or sid in self.created:
            return
        self.created[sid] = row
        self._add(sid, row["type"], row["key"], row["surname"], row["gender"])

    def merge(self, old: str, new: str) -> None:
        surname = self.surname_of.pop(old)
        gone = self.surnames[surname].pop(old)
        self._candidates.pop(surname, None)
        self.ids.discard(old)
        target = self._person(new)
        if target is not None:
            target.roles |= gone.roles
            self._candidates.pop(self.surname_of[new], None)
        if self.created.pop(old, None) is None:
            self.merges.append((old, new))
        self.merged[old] = new

    def written(self) -> None:
        """What the load changed is in the database now."""
        self.created, self.merges, self.merged = {}, [], {}
