"""Helpers the statement tests share: the statement holding some words, its speaker's name, and the disputes of an
analysis by name."""

from __future__ import annotations

from sayso import Analysis, Quote


def quote_with(analysis: Analysis, words: str) -> Quote:
    """The shortest statement whose words hold `words` (an AssertionError listing them all when none does)."""
    for q in sorted(analysis.quotes, key=lambda q: len(q.content)):
        if words in q.content:
            return q
    raise AssertionError(f"no statement with {words!r} in {[q.content for q in analysis.quotes]}")


def speaker(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def dispute_pairs(analysis: Analysis) -> list[tuple[str, list[str]]]:
    """Each dispute as (the claimant's name, the names of those who dispute the claim)."""
    names = {s.id: s.name for s in analysis.speakers}
    return [(names[d.claimant_id or ""], [names[x] for x in d.disputed_by]) for d in analysis.disputes]
