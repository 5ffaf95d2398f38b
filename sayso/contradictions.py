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


# "the images aren't real" / "the tape doesn't exist": a predicate said not to hold (the auxiliary, then what)
NEGATED_PREDICATE = re.compile(r"\b(?P<aux>is|are|was|were|do|does|did)(?:\s+not|\s*n[’']t)\s+(?P<what>[a-z]{3,})\b")
AUX_FAMILY = {"is": "be", "are": "be", "was": "be", "were": "be", "do": "do", "does": "do", "did": "do"}
AFFIRMING_AUX = {"be": r"is|are|was|were|[’']s|[’']re", "do": r"do|does|did"}
AFFIRMING_ADVERB = r"(?:(?:indeed|really|very|definitely|absolutely|certainly|so|too)\s+)?"
NOT_A_PREDICATE = {"the", "that", "this", "any", "going", "being", "sure", "clear", "about", "just", "even", "only"}


def reaffirming(denied: str, reply: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """ "the images aren't real" answered by "Well, yes, they are real": the predicate the first says does not hold,
    and where the reply says it does (the same auxiliary's kind and the same word, not negated), or None."""
    for negated in NEGATED_PREDICATE.finditer(denied):
        what = negated.group("what")
        if what in NOT_A_PREDICATE:
            continue
        aux = AFFIRMING_AUX[AUX_FAMILY[negated.group("aux")]]
        affirmed = re.search(rf"(?:\b|(?=[’']))(?:{aux})\s+{AFFIRMING_ADVERB}{what}\b", reply, re.IGNORECASE)
        if affirmed is not None:
            return negated, affirmed
    return None


# "it had not offered the mayor any holidays", "I have never accepted a gift": an act said not to have happened,
# up to where its clause ends
NEGATED_ACT = re.compile(
    r"\b(?:had|has|have|did|does|do|was|were)\s*(?:not|never|n[’']t)\s+(?P<act>[a-z]+ed\b[^,;:.!?…—–()]*)"
    r"|\b(?:never)\s+(?P<past>[a-z]+ed\b[^,;:.!?…—–()]*)",
    re.IGNORECASE,
)
ACT_ENDS = re.compile(r"\s(?:and|but|because|although|though|while|whereas|when)\s", re.IGNORECASE)


def negated_act_matches(text: str) -> list[re.Match[str]]:
    """Where the text says an act was not done ("had not offered", "was not captured", "never paid")."""
    return list(NEGATED_ACT.finditer(text))


def negated_acts(text: str) -> list[str]:
    """The words of each act the text says was not done ("had not offered the mayor any holidays" gives "offered
    the mayor any holidays"), up to the end of its clause."""
    acts = []
    for match in negated_act_matches(text):
        act = match.group("act") or match.group("past")
        acts.append(ACT_ENDS.split(act, maxsplit=1)[0])
    return acts
