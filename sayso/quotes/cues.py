"""Cue words: the verbs and nouns that introduce attributed statements, in all their forms."""

from __future__ import annotations

from functools import lru_cache

# Regular speech and thought verbs, as lemmas; their inflections are generated below.
SPEECH_VERBS = [
    "accuse",
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "boast",
    "brag",
    "caution",
    "charge",
    "cite",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "declare",
    "decry",
    "defend",
    "deny",
    "describe",
    "disclose",
    "dismiss",
    "dispute",
    "emphasize",
    "emphasise",
    "estimate",
    "explain",
    "insist",
    "indicate",
    "joke",
    "lament",
    "maintain",
    "mention",
    "note",
    "object",
    "observe",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "question",
    "quip",
    "recall",
    "recount",
    "refute",
    "reiterate",
    "reject",
    "remark",
    "remind",
    "repeat",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "scoff",
    "signal",
    "state",
    "stress",
    "suggest",
    "swear",
    "testify",
    "tell",
    "tweet",
    "urge",
    "vow",
    "warn",
    "write",
    "believe",
    "think",
    "worry",
    "fear",
    "hope",
    "expect",
    "contest",
    "disagree",
    "denounce",
    "criticize",
    "criticise",
    "acknowledge",
]

IRREGULAR_FORMS = {
    "say": ["said", "says", "saying", "say"],
    "tell": ["told", "tells", "telling", "tell"],
    "write": ["wrote", "writes", "writing", "written", "write"],
    "swear": ["swore", "sworn", "swears", "swearing", "swear"],
    "think": ["thought", "thinks", "thinking", "think"],
}

# Nouns that carry an attribution of their own: "claims by X that Y", "X's denial that Y".
CUE_NOUNS = [
    "claim",
    "claims",
    "allegation",
    "allegations",
    "assertion",
    "assertions",
    "accusation",
    "accusations",
    "suggestion",
    "suggestions",
    "statement",
    "statements",
    "denial",
    "denials",
    "insistence",
    "warning",
    "warnings",
    "argument",
    "arguments",
    "charge",
    "charges",
    "remarks",
    "comments",
    "report",
    "reports",
    "admission",
    "testimony",
]

# Cues that deny what they introduce: the polarity stage reads these.
DENIAL_CUES = [
    "deny",
    "denied",
    "denies",
    "denying",
    "denial",
    "denials",
    "reject",
    "rejected",
    "rejects",
    "rejecting",
    "dismiss",
    "dismissed",
    "dismisses",
    "dismissing",
    "refute",
    "refuted",
    "refutes",
    "refuting",
    "dispute",
    "disputed",
    "disputes",
    "disputing",
    "contest",
    "contested",
    "contests",
    "rebut",
    "rebutted",
]

PHRASAL_CUES = (
    "according to",
    "point out",
    "pointed out",
    "points out",
    "went on",
    "made clear",
    "called it",
    "told reporters",
)


def _regular_forms(lemma: str) -> list[str]:
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return [lemma, past, third, ing]


@lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    """Every form of every speech verb, lower-cased."""
    forms: set[str] = set()
    for lemma in SPEECH_VERBS:
        forms.update(IRREGULAR_FORMS.get(lemma, _regular_forms(lemma)))
    # doubled consonants that the simple rule misses
    forms.update({"admitted", "admitting", "rebutted", "quipped", "quipping", "referred"})
    return frozenset(forms)


def is_speech_verb(word: str) -> bool:
    return word.lower() in verb_forms()


def is_cue_noun(word: str) -> bool:
    return word.lower() in CUE_NOUNS


def is_denial_cue(words: str) -> bool:
    return any(w in DENIAL_CUES for w in words.lower().split())
