"""Helpers the statement tests share: the statement holding some words, and its speaker's name."""

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
