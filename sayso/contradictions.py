"""Statements that contradict a claim without a denial word: "Trump initially supported the invasion" against
Trump's own "I was totally against the war"; "Patriot was destined to fail" against "Patriot was highly
successful".

Two statements contradict when one holds a phrase whose opposite the other holds (a small table of opposite
phrasings, written narrowly: "against" alone is mostly "a fight against X", "was against" takes a side).
The caller tests only a claim about the other speaker, near it or on the same topic (someone says X of Y, and Y
answers in opposite words): the commonest form of such a reply in the news.
"""

from __future__ import annotations

import re


def _phrase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


OPPOSITE_PHRASES = (
    (
        _phrase(r"\b(?:supported|supports|backed|was in favou?r of|voted for)\b"),
        _phrase(
            r"\b(?:was|were|is|am|are|been)\s+[“\"']?(?:\w+\s+)?(?:against|opposed to)\b|\bopposed\b|\bvoted against\b"
        ),
    ),
    (
        _phrase(r"\b(?:highly |very |hugely )?successful\b|\bsucceeded\b"),
        _phrase(r"\b(?:destined|doomed|set up|bound)\s+to\s+fail\b|\bwas a failure\b"),
    ),
    (_phrase(r"\bwould (?:extend|apply) to\b|\bwould include\b"), _phrase(r"\b(?:exclude|bar|leave out)\b")),
)


def opposed(a: str, b: str) -> bool:
    """Whether one text holds a phrase whose opposite the other holds (and neither holds both)."""
    return opposing(a, b) is not None


def opposing(a: str, b: str) -> re.Match[str] | None:
    """The phrase in b whose opposite a holds (neither holding both), or None."""
    for one, other in OPPOSITE_PHRASES:
        a1, a2, b1, b2 = one.search(a), other.search(a), one.search(b), other.search(b)
        if a1 and b2 and not a2 and not b1:
            return b2
        if a2 and b1 and not a1 and not b2:
            return b1
    return None
