"""A canonical speaker as the resolver builds it (`Entity`), and what it decides for one source mention
(`Resolution`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sayso.model import SpeakerType, content_id
from sayso.speaker_roles import TITLES

Span = tuple[int, int]


@dataclass
class Entity:
    """One canonical speaker being built."""

    name: str
    type: SpeakerType
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None  # "female" / "male" when a name, title or role tells

    @property
    def id(self) -> str:
        return content_id(self.type, normalise_name(self.name))

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)


def normalise_name(name: str) -> str:
    words = re.sub(r"[()\[\].,]", " ", name).lower().split()
    return " ".join(w for w in words if w not in TITLES and w != "the")


@dataclass
class Resolution:
    """The outcome for one quote: its speaker and the role named at this mention."""

    entity: Entity
    role: str | None


def initials_of(name: str, short: str) -> bool:
    """Whether ``short`` ("The WHO", "AIU") is the initials of ``name``'s capitalised words ("the World Health
    Organization")."""
    letters = re.sub(r"^[Tt]he\s+", "", short.strip())
    initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha() and letters == initials


def by_initials(short: str, entities: Iterable[Entity]) -> Entity | None:
    """ "The AIU" after "the Athletics Integrity Unit": the one organisation those are the initials of."""
    return _the_one_organisation(entities, lambda e: initials_of(e.name, short))


def abbreviated_as(name: str, entities: Iterable[Entity]) -> Entity | None:
    """ "The Department of Homeland Security" after "DHS said ...": the one organisation named by its initials."""
    return _the_one_organisation(entities, lambda e: initials_of(name, e.name))


def _the_one_organisation(entities: Iterable[Entity], fits: Callable[[Entity], bool]) -> Entity | None:
    named = {e.id: e for e in entities if e.type == "ORG" and fits(e)}
    return next(iter(named.values())) if len(named) == 1 else None
