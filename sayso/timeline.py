"""Claims across articles: the same proposition in other words, who asserts it, who disputes it, and when.

Each article's claims (and the denials that dispute them there) and its denials of claims the article
does not state become members; `claim_index` clusters the members by what they say; each cluster is a
ClaimThread: its statements with their stance, who asserts and who disputes it, first seen, and a
timeline by day and outlet.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from sayso import claim_index
from sayso.ingest import url_host
from sayso.model import Analysis, ClaimStatement, ClaimThread, Quote, SpeakerRef, Stance, TimelineEntry, content_id

STANCE_OF_POLARITY: dict[str, Stance] = {
    "asserts": "supports",
    "unknown": "supports",
    "denies": "refutes",
    "questions": "discusses",
}
STANCES = ("supports", "refutes", "discusses")
# Re-labels statements toward their thread's claim: (claim text, statement texts) -> stances.
StanceModel = Callable[[str, Sequence[str]], Sequence[str]]


@dataclass
class _Member:
    """What one article says about one proposition: its words and the statements making them."""

    text: str
    statements: list[ClaimStatement] = field(default_factory=list)

    @property
    def when(self) -> tuple[str, str]:
        first = self.statements[0]
        return (first.published or "9999", first.article_id)


def follow(
    analyses: Iterable[Analysis], *, disputed: bool = False, stance: StanceModel | None = None
) -> list[ClaimThread]:
    """The claim threads of many analyses, those in most articles first."""
    members = [m for analysis in analyses for m in _members(analysis)]
    if not members:
        return []
    labels = claim_index.cluster(claim_index.claim_vectors([m.text for m in members]))
    groups: dict[int, list[_Member]] = {}
    for member, label in zip(members, labels.tolist(), strict=True):
        groups.setdefault(label, []).append(member)
    threads = [_thread(sorted(group, key=lambda m: m.when), stance) for group in groups.values()]
    threads = [t for t in threads if t.disputed or not disputed]
    return sorted(threads, key=lambda t: (-t.articles, t.first_seen or "9999", t.id))


def _members(analysis: Analysis) -> list[_Member]:
    """Each claim statement is a member of its own (an article's claim may group several propositions of one
    speaker); the denials that dispute a claim in the article join the member of its first statement."""
    quotes = {q.id: q for q in analysis.quotes}
    disputes = {d.claim_id: d for d in analysis.disputes}
    used: set[str] = set()
    members = []
    for claim in analysis.claims:
        own = [quotes[i] for i in claim.quote_ids if i in quotes]
        if not own:
            continue
        texts = [claim.text] + [q.content for q in own[1:]]
        claim_members = [
            _Member(text, [_statement(analysis, q, STANCE_OF_POLARITY[q.polarity])])
            for text, q in zip(texts, own, strict=True)
        ]
        dispute = disputes.get(claim.id)
        for i in dispute.quote_ids if dispute else []:
            if i in quotes and i not in claim.quote_ids:
                claim_members[0].statements.append(_statement(analysis, quotes[i], "refutes"))
                used.add(i)
        members += claim_members
    for q in analysis.quotes:
        if q.polarity == "denies" and q.id not in used and len(q.content.split()) >= 3:
            members.append(_Member(q.content, [_statement(analysis, q, "refutes")]))
    return members


def _statement(analysis: Analysis, quote: Quote, stance: Stance) -> ClaimStatement:
    return ClaimStatement(
        article_id=analysis.id,
        quote_id=quote.id,
        speaker=quote.speaker,
        text=quote.content,
        stance=stance,
        published=analysis.published,
        source=analysis.source or url_host(analysis.url),
        url=analysis.url,
    )


def _thread(members: list[_Member], stance: StanceModel | None) -> ClaimThread:
    anchor = next((m for m in members if any(s.stance == "supports" for s in m.statements)), members[0])
    statements = [s for m in members for s in m.statements]
    if stance is not None:
        statements = _relabel(anchor.text, statements, stance)
    dates = sorted(s.published for s in statements if s.published)
    return ClaimThread(
        id=content_id("thread", anchor.statements[0].article_id, anchor.text),
        text=anchor.text,
        asserted_by=_speakers(statements, "supports"),
        disputed_by=_speakers(statements, "refutes"),
        first_seen=dates[0] if dates else None,
        articles=len({s.article_id for s in statements}),
        disputed=any(s.stance == "refutes" for s in statements),
        statements=statements,
        timeline=_timeline(statements),
    )


def _relabel(claim: str, statements: list[ClaimStatement], stance: StanceModel) -> list[ClaimStatement]:
    """Statements whose polarity says nothing against the claim get the stance model's label."""
    open_ = [i for i, s in enumerate(statements) if s.stance != "refutes"]
    labels = stance(claim, [statements[i].text for i in open_]) if open_ else []
    out = list(statements)
    for i, label in zip(open_, labels, strict=True):
        if label in STANCES:
            out[i] = statements[i].model_copy(update={"stance": label})
    return out


def _speakers(statements: list[ClaimStatement], stance: Stance) -> list[SpeakerRef]:
    """Each speaker once; a bare surname ("Ward") is left out where a full name ending in it is there."""
    seen: dict[str, SpeakerRef] = {}
    for s in statements:
        if s.stance == stance and s.speaker is not None:
            seen.setdefault(s.speaker.id, s.speaker)
    surnames = Counter(r.name.split()[-1] for r in seen.values() if r.type == "PERSON" and " " in r.name)
    return [r for r in seen.values() if not (" " not in r.name and surnames[r.name] == 1)]


def _timeline(statements: list[ClaimStatement]) -> list[TimelineEntry]:
    counts: Counter[tuple[str | None, str | None, Stance]] = Counter(
        ((s.published or "")[:10] or None, s.source, s.stance) for s in statements
    )
    entries: dict[tuple[str | None, str | None], TimelineEntry] = {}
    for (day, source, stance), n in counts.items():
        entry = entries.setdefault((day, source), TimelineEntry(date=day, source=source))
        setattr(entry, stance, getattr(entry, stance) + n)
    return sorted(entries.values(), key=lambda e: (e.date or "9999", e.source or ""))


def read_analyses(paths: Sequence[Path]) -> tuple[list[Analysis], list[str]]:
    """Analyses from JSON Lines files (`sayso analyze --format jsonl`); a bad line is an error naming it."""
    analyses: list[Analysis] = []
    errors: list[str] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: cannot read ({exc.__class__.__name__}: {exc})")
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                analyses.append(Analysis.model_validate(json.loads(line)))
            except (ValueError, ValidationError) as exc:
                errors.append(f"{path}:{number}: not an Analysis ({str(exc).splitlines()[0]})")
    return analyses, errors
