"""One speaker across articles: which archive identity an article's speaker is.

Pure decisions over names; ``sayso.store.writer`` looks the candidates up and applies them.

- A full name ("Dmitry Peskov", "Dmitry S. Peskov") is the person of that full name, or the one person of
  that surname whose first (and middle) names agree with it: equal, or one an initial of the other.
  Two people who share a surname and differ in first name (Boris and Stanley Johnson) stay two.
- A bare surname ("Peskov", "Mr. Johnson") is the one person of that surname whose gender does not
  contradict a title; when there are several, a role they share decides; otherwise it stays a
  surname-only speaker. A surname-only speaker joins a full name later, once that full name is the only
  one of its surname.
- Organisations and groups are one speaker per normalised name ("the Kremlin" = "Kremlin").
- Unnamed speakers ("a senior official") are never merged across articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "rev", "sen", "rep", "gov", "gen", "lt", "col"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame"}
MALE_TITLES = {"mr", "sir"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von", "bin", "al", "el", "ibn", "ben"}
ROLE_WORDS = {
    "president", "mayor", "senator", "governor", "minister", "chancellor", "secretary", "chair", "chairman",
    "chairwoman", "spokesman", "spokeswoman", "spokesperson", "judge", "general", "king", "queen", "prince",
    "princess", "pope", "premier", "commissioner", "sheriff", "chief", "director", "ceo", "representative",
    "congressman", "congresswoman", "ambassador", "prosecutor", "officer", "detective", "coach", "professor",
    "leader", "former", "prime", "foreign", "deputy", "vice", "attorney",
}  # fmt: skip


@dataclass(frozen=True)
class Name:
    """A speaker's name taken apart: lowercase words without titles, a role said before it, a gender a
    title tells."""

    words: tuple[str, ...]
    display: str  # the name as written, without the role in front
    role: str | None = None
    gender: str | None = None

    @property
    def key(self) -> str:
        return " ".join(self.words)

    @property
    def surname(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def full(self) -> bool:
        return len(self.words) >= 2


def _tokens(name: str) -> list[str]:
    """Words of a name, a possessive 's dropped ("Trump's" -> "Trump")."""
    found = re.findall(r"[\w'-]+\.?", name.replace("’", "'"))
    return [t[:-2] if t.lower().endswith("'s") and len(t) > 2 else t for t in found]


def _is_lower(token: str) -> bool:
    return token[:1].islower() and token.lower().rstrip(".") not in PARTICLES


@lru_cache(maxsize=1 << 16)  # the same names come back article after article (and a bulk load asks a lot)
def parse_name(name: str) -> Name:
    """'Kremlin spokesman Dmitry Peskov' -> words (dmitry, peskov), role 'Kremlin spokesman'."""
    tokens = _tokens(name)
    role: list[str] = []
    lowered = [i for i, t in enumerate(tokens) if _is_lower(t)]
    if lowered and lowered[-1] < len(tokens) - 1:
        role, tokens = tokens[: lowered[-1] + 1], tokens[lowered[-1] + 1 :]
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in ROLE_WORDS:
        role.append(tokens.pop(0))
    plain = [t.lower() for t in tokens]
    gender = _title_gender({t.rstrip(".") for t in plain})
    words = [t.rstrip(".") if len(t.rstrip(".")) > 1 else t for t in plain]
    words = [w for w in words if w.rstrip(".") not in TITLES and w != "the"]
    while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
        words.pop()
    display = " ".join(t for t in tokens if t.lower().rstrip(".") not in TITLES) or name.strip()
    return Name(tuple(words), display, " ".join(role) or None, gender)


def _title_gender(words: set[str]) -> str | None:
    if words & FEMALE_TITLES:
        return "female"
    if words & MALE_TITLES:
        return "male"
    return None


@lru_cache(maxsize=1)
def _detector() -> Any:
    import gender_guesser.detector as detector

    class Detector(detector.Detector):  # type: ignore[misc]
        def _parse(self, filename: str) -> None:
            """The library's own, reading the file at once (its line-by-line codecs reader is most of the
            start-up time); ``splitlines`` splits where that reader does."""
            self.names: dict[str, dict[str, str]] = {}
            with open(filename, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)


@lru_cache(maxsize=1 << 16)
def gender_of(name: Name) -> str | None:
    """From a title, else from the first name of a full name."""
    if name.gender or not name.full:
        return name.gender
    return _first_name_gender(name.words[0].rstrip("."))


@lru_cache(maxsize=1 << 16)  # far fewer first names than names
def _first_name_gender(word: str) -> str | None:
    guess = str(_detector().get_gender(word))
    return {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}.get(guess)


@lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    """'The Kremlin' and "Kremlin's" -> 'kremlin'."""
    words = [w.lower().rstrip(".") for w in _tokens(name)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return " ".join(w for w in words if w != "the")


def _given_agree(a: str, b: str) -> bool:
    """First or middle names: equal, or one is the other's initial."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def names_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names of the same person: same surname, first names agree, middle names agree where both
    have them ('George W. Bush' and 'George H. W. Bush' do not)."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or not _given_agree(a[0], b[0]):
        return False
    ma, mb = list(a[1:-1]), list(b[1:-1])
    if ma and mb:
        return len(ma) == len(mb) and all(_given_agree(x, y) for x, y in zip(ma, mb, strict=True))
    return True


def genders_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


@dataclass(frozen=True)
class Candidate:
    """An archive speaker of the same surname (people) or key (organisations)."""

    id: str
    words: tuple[str, ...]
    gender: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def full(self) -> bool:
        return len(self.words) >= 2


def role_words(roles: Sequence[str]) -> frozenset[str]:
    return _role_words(tuple(roles))


@lru_cache(maxsize=1 << 16)
def _role_words(roles: tuple[str, ...]) -> frozenset[str]:
    stop = {"the", "a", "an", "of", "for", "and", "'s", "former"}
    return frozenset(w for r in roles for w in re.findall(r"\w+", r.lower()) if w not in stop)


def match_full(name: Name, gender: str | None, candidates: Sequence[Candidate]) -> str | None:
    """The archive person a full name is, or None for a new one."""
    for c in candidates:
        if c.words == name.words:
            return c.id
    agreeing = [
        c for c in candidates if c.full and names_agree(name.words, c.words) and genders_agree(gender, c.gender)
    ]
    return agreeing[0].id if len(agreeing) == 1 else None


def match_surname(name: Name, roles: Sequence[str], candidates: Sequence[Candidate]) -> str | None:
    """The one full-named person a bare surname can be, or None (then it is its own surname-only speaker)."""
    people = [c for c in candidates if c.full and c.words[-1] == name.surname and genders_agree(name.gender, c.gender)]
    if len(people) == 1:
        return people[0].id
    mine = role_words(roles)
    if len(people) > 1 and mine:
        sharing = [c for c in people if c.roles & mine]
        if len(sharing) == 1:
            return sharing[0].id
    return None


def absorbable(full: Candidate, bare: Candidate, candidates: Sequence[Candidate]) -> bool:
    """Whether a surname-only speaker joins this full name: it is the only full name of that surname
    whose gender agrees with the surname-only one."""
    people = [
        c for c in candidates if c.full and c.words[-1] == bare.words[-1] and genders_agree(bare.gender, c.gender)
    ]
    return [c.id for c in people] == [full.id]
