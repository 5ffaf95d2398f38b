"""The probe articles against what a careful reader expects: speakers and disputes, hits / misses / extras.

bench/probes/*.txt are fictional news reports in styles PolNeAR lacks; bench/probes/expected.json says, for
each, the speakers a reader expects (canonical name, kind, role where the article gives one) and the disputes
(disputer -> claimant), written by reading the articles, not from sayso's output. This prints figures, it is
not a test: the int8 tagger's outputs move a little with the CPU.

Matching is lenient:
- names: equal ignoring case, punctuation, a leading article and titles (Mr, Dr, Sen. ...), against the
  expected name or one of its `also` names; a person also matches by surname alone ("Zelenskiy"); an unnamed
  person or a group matches when one name contains the other ("A senior European diplomat, who ...").
- an unnamed spokesperson `for` an organisation matches an unnamed speaker whose name or role names that
  organisation, or else the organisation's own speaker (a spokesman folded into his organisation is no miss).
- kind: a named person is PERSON, an unnamed one UNNAMED (or PERSON), an organisation ORG, a group GROUP (or
  UNNAMED: sayso calls anonymous sources "sources close to ..." unnamed); kind "other" (a report, a document)
  is not scored. A kind or role that is wrong is counted among the hits, not as a miss.
- role: a hit when every word of one of the expected roles is among the words of the speaker's roles.
- disputes: every (disputer, claimant) pair sayso links, matched through the speakers above; a pair whose
  claimant sayso left unknown matches nothing.
- `optional` speakers and disputes are neither misses when absent nor extras when found.

For the probes that bench/probes/statements.json lists, a second line scores the statements themselves (found,
missed, with a wrong speaker, extra; cues; quotes kept whole): bench/probe_statements.py says how.

    .venv/bin/python bench/probes.py [-v] [PROBE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from probe_statements import StatementScore, add_counts, score_statements

from sayso import analyze
from sayso.model import Analysis, Speaker

PROBES = Path(__file__).resolve().parent / "probes"
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sen", "senator", "rep",
    "gov", "judge", "president", "cllr", "the", "a", "an",
}  # fmt: skip
KINDS = {"person": {"PERSON"}, "organisation": {"ORG"}, "group": {"GROUP", "UNNAMED"}}
UNNAMED_KINDS = {"UNNAMED", "PERSON"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'s ", " ").replace("\u2019s ", " "))


def normal(name: str) -> str:
    """The name without case, punctuation, a leading article, titles or a bracketed abbreviation."""
    toks = words(re.sub(r"\([^)]*\)", " ", name))
    while toks and toks[0] in TITLES:
        toks = toks[1:]
    return " ".join(toks)


def alternatives(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


@dataclass
class Expected:
    name: str
    kind: str
    roles: list[str]
    names: list[str]
    unnamed: bool
    loose: bool  # unnamed people and groups: one name may contain the other
    serves: str | None  # an unnamed spokesperson's organisation
    optional: bool

    @classmethod
    def read(cls, row: dict[str, Any]) -> Expected:
        loose = bool(row.get("unnamed")) or row["kind"] in ("group", "other")
        names = [normal(n) for n in [row["name"], *row.get("also", [])]]
        return cls(row["name"], row["kind"], alternatives(row.get("role")), names, bool(row.get("unnamed")), loose,
                   row.get("for"), bool(row.get("optional")))  # fmt: skip

    def kind_match(self, speaker: Speaker) -> bool:
        if self.kind == "other":
            return True
        return speaker.type in (UNNAMED_KINDS if self.unnamed else KINDS[self.kind])

    def names_match(self, name: str, level: int) -> bool:
        """Level 0: the expected name itself; 1: one of its other names; 2: by surname or one name inside the
        other."""
        got = normal(name)
        if not got or level < 2:
            return got == self.names[0] if level == 0 else got in self.names[1:]
        if self.loose:
            return any(got.startswith(n) or n.startswith(got) for n in self.names)
        return self.kind == "person" and any(n.split()[-1] == got for n in self.names)

    def role_match(self, speaker: Speaker) -> bool:
        have = set(words(" ".join(speaker.roles)))
        return any(set(words(role)) <= have for role in self.roles)


@dataclass
class Score:
    hits: int = 0
    misses: int = 0
    extras: int = 0
    kinds: int = 0
    roles: int = 0
    roles_asked: int = 0
    dispute_hits: int = 0
    dispute_misses: int = 0
    dispute_extras: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        add_counts(self, other)

    def line(self) -> str:
        return (
            f"speakers {self.hits:3d} hit {self.misses:3d} missed {self.extras:3d} extra "
            f"(kind right {self.kinds}/{self.hits}, role right {self.roles}/{self.roles_asked})  |  "
            f"disputes {self.dispute_hits:2d} hit {self.dispute_misses:2d} missed {self.dispute_extras:2d} extra"
        )


def match_speakers(expected: list[Expected], analysis: Analysis) -> dict[str, list[str]]:
    """Each expected name -> the ids of the speakers it matched (an unnamed spokesperson may share his
    organisation's): exact names first, then other names, then the lenient matches, each expected entry taking
    one speaker not yet taken; then the spokespeople by their organisation."""
    taken: set[str] = set()
    found: dict[str, list[str]] = {}
    for level in range(3):
        for entry in expected:
            if entry.name in found:
                continue
            pick = next((s for s in analysis.speakers if s.id not in taken and entry.names_match(s.name, level)), None)
            if pick is not None:
                taken.add(pick.id)
                found[entry.name] = [pick.id]
    orgs = {e.name: e.names for e in expected}
    for entry in expected:
        if entry.name in found or not entry.serves:
            continue
        org_names = orgs.get(entry.serves, [normal(entry.serves)])
        pick = next(
            (s for s in analysis.speakers if s.id not in taken and s.type in ("UNNAMED", "PERSON")
             and any(org in normal(" ".join([s.name, *s.roles])) for org in org_names)),
            None,
        )  # fmt: skip
        if pick is not None:
            taken.add(pick.id)
        found_ids = [pick.id] if pick is not None else found.get(entry.serves)
        if found_ids:
            found[entry.name] = found_ids
    return found


def score_speakers(expected: list[Expected], analysis: Analysis, found: dict[str, list[str]], score: Score) -> None:
    by_id = {s.id: s for s in analysis.speakers}
    for entry in expected:
        ids = found.get(entry.name)
        if not ids:
            if not entry.optional:
                score.misses += 1
                score.notes.append(f"  missed speaker  {entry.name} ({entry.kind})")
            continue
        if entry.optional:
            continue
        got = by_id[ids[0]]
        score.hits += 1
        kind_right = entry.kind_match(got) or ids == found.get(entry.serves or "")
        score.kinds += kind_right
        if entry.roles:
            score.roles_asked += 1
            score.roles += entry.role_match(got)
        if not kind_right or (entry.roles and not entry.role_match(got)):
            score.notes.append(f"  hit, but        {entry.name}: got {got.name} [{got.type}] {got.roles}")
    used = {i for ids in found.values() for i in ids}
    for s in analysis.speakers:
        if s.id not in used:
            score.extras += 1
            score.notes.append(f"  extra speaker   {s.name} [{s.type}] {s.roles}")


def score_disputes(rows: list[dict[str, Any]], analysis: Analysis, found: dict[str, list[str]], score: Score) -> None:
    names = {s.id: s.name for s in analysis.speakers}
    got = {(d, c.claimant_id) for c in analysis.disputes for d in c.disputed_by}
    matched: set[tuple[str, str | None]] = set()
    for row in rows:
        disputers = {i for n in alternatives(row["disputer"]) for i in found.get(n, [])}
        claimants = {i for n in alternatives(row["claimant"]) for i in found.get(n, [])}
        hit = {(d, c) for d, c in got if d in disputers and c in claimants}
        matched |= hit
        if row.get("optional"):
            continue
        if hit:
            score.dispute_hits += 1
        else:
            score.dispute_misses += 1
            score.notes.append(f"  missed dispute  {row['disputer']} -> {row['claimant']}")
    for d, c in sorted(got - matched, key=str):
        score.dispute_extras += 1
        score.notes.append(f"  extra dispute   {names.get(d)} -> {names.get(c or '')}")


def score_probe(
    name: str, spec: dict[str, Any], statements: dict[str, Any] | None
) -> tuple[Score, StatementScore | None]:
    text = (PROBES / f"{name}.txt").read_text(encoding="utf-8")
    analysis = analyze(text, id=name)
    expected = [Expected.read(row) for row in spec["speakers"]]
    score = Score()
    found = match_speakers(expected, analysis)
    score_speakers(expected, analysis, found, score)
    score_disputes(spec["disputes"], analysis, found, score)
    return score, score_statements(statements, analysis, found) if statements else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", nargs="*", help="probe names (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss, extra and wrong kind/role")
    args = parser.parse_args()
    spec = {k: v for k, v in json.loads((PROBES / "expected.json").read_text()).items() if not k.startswith("_")}
    statements = json.loads((PROBES / "statements.json").read_text())
    total, total_statements = Score(), StatementScore()
    for name in args.probes or sorted(spec, key=lambda n: (n[0], int(n[1:]))):
        score, stmts = score_probe(name, spec[name], statements.get(name))
        total.add(score)
        print(f"{name:4s} {score.line()}")
        if args.verbose and score.notes:
            print("\n".join(score.notes))
        if stmts is not None:
            total_statements.add(stmts)
            print(f"     {stmts.line()}")
            if args.verbose and stmts.notes:
                print("\n".join(stmts.notes))
    print(f"all  {total.line()}")
    if total_statements.found + total_statements.missed + total_statements.wrong_speaker:
        print(f"     {total_statements.line()}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
