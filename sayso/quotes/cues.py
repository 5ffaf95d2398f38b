"""Cue words: the verbs and nouns that introduce attributed statements, in all their forms."""

from __future__ import annotations

import re
from functools import lru_cache

# "Hart is "absolutely wrong" for saying ...", "mistaken in claiming": what calls a speaker wrong for what they said
# (the cue of what they said follows)
WRONG_FOR = r"\b(?:wrong|mistaken|lying)[”\"’]?\s+(?:for|in)\s+"


def words(text: str) -> frozenset[str]:
    """A lexicon written as one string of words."""
    return frozenset(text.split())


CALLING = words("call calls called calling")  # 'called that "preposterous"', 'what the ministry calls "..."'


# Speech and thought verbs, as lemmas; their inflections are generated below.
SPEECH_VERBS = words("""
    accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert assure boast brag
    caution charge cite claim comment complain concede conclude confirm contend continue counter declare decry
    defend deny describe disclose dismiss dispute emphasize emphasise estimate explain insist indicate joke
    lament maintain mention note object observe predict proclaim promise propose question quip recall recount
    refute reiterate reject remark remind repeat reply report respond retort reveal say scoff signal state
    stress suggest swear testify tell tweet urge vow warn write believe think worry fear hope expect contest
    disagree denounce criticize criticise demand wonder shout yell exclaim plead muse bark surmise whisper
""")

IRREGULAR_FORMS = {
    "say": ["said", "says", "saying", "say"],
    "tell": ["told", "tells", "telling", "tell"],
    "write": ["wrote", "writes", "writing", "written", "write"],
    "swear": ["swore", "sworn", "swears", "swearing", "swear"],
    "think": ["thought", "thinks", "thinking", "think"],
}
DOUBLED_CONSONANT_FORMS = words("admitted admitting rebutted quipped quipping referred")

# Nouns that carry an attribution of their own: "claims by X that Y", "X's denial that Y".
CUE_NOUNS = words("""
    claim claims allegation allegations assertion assertions accusation accusations suggestion suggestions
    statement statements denial denials insistence warning warnings argument arguments charge charges remarks
    comments report reports admission testimony assessment assessments conclusion conclusions contention
    finding findings consensus recollection recollections
""")

# Nouns that name a claim only with its owner and its words after them ("attacks from Bush that he was not a
# conservative"): not cues of their own ("the attacks on Paris").
OWNED_CLAIM_NOUNS = words("attack attacks criticism criticisms complaint complaints insinuation insinuations")

# Cues that deny what they introduce: the polarity stage reads these.
DENIAL_LEMMAS = words(
    "deny reject dismiss refute dispute contest rebut debunk repudiate scoff pooh-pooh bristle contradict"
)
DENIAL_NOUNS = words("denial denials")
# "has aggressively pushed back on those charges", "fought back against the claims": phrasal cues that deny
PUSHED_BACK = re.compile(
    r"\b(?:(?:push|pushed|pushes|pushing|fought|fights|fighting)\s+back\s+(?:on|against)"
    r"|(?:shot|shoots|shooting|slapped|slaps|knocked|knocks)\s+down)\b",  # "quickly shot down that rumor"
    re.I,
)

# Verbs whose object is a noun phrase unless "that" follows ("rejected the plan", "denied that ...").
THAT_ONLY_LEMMAS = words("""
    deny reject dismiss refute dispute question criticize criticise denounce describe defend cite ask urge
    accuse charge counter object propose decry continue comment repeat answer report reveal signal promise
    mention recall announce contest write maintain confirm demand
""")


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


def forms_of(lemmas: frozenset[str]) -> frozenset[str]:
    """Every inflected form of the lemmas, lower-cased."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms.update(IRREGULAR_FORMS.get(lemma, _regular_forms(lemma)))
    return frozenset(forms)


@lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    """Every form of every speech verb."""
    return forms_of(SPEECH_VERBS) | DOUBLED_CONSONANT_FORMS


@lru_cache(maxsize=1)
def denial_forms() -> frozenset[str]:
    return forms_of(DENIAL_LEMMAS) | DENIAL_NOUNS | {"rebutted"}


@lru_cache(maxsize=1)
def that_only_forms() -> frozenset[str]:
    return forms_of(THAT_ONLY_LEMMAS)


def is_speech_verb(word: str) -> bool:
    return word.lower() in verb_forms()


def is_cue_noun(word: str) -> bool:
    return word.lower() in CUE_NOUNS


def is_owned_claim_noun(word: str) -> bool:
    """A cue noun, or a noun that names a claim when its owner and "that" follow ("attacks from X that Y")."""
    return word.lower() in CUE_NOUNS or word.lower() in OWNED_CLAIM_NOUNS


def is_denial_cue(words: str) -> bool:
    return any(w in denial_forms() for w in words.lower().split()) or PUSHED_BACK.search(words) is not None
