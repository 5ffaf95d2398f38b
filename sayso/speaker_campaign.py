"""Campaign descriptions: "the GOP front-runner", "the presumptive Democratic nominee", "the billionaire real estate
mogul". News calls a candidate so after naming them, as it would say "he": the description is the candidate the
article was just about (a person named earlier in its sentence, else the last one named as a clause's subject), of
the description's party where it names one, and a candidate at all (a campaign, a candidate's role or a party tag
names them, or at least no role makes them something else: "President", "host"); no one when no one fits."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import is_speech_verb, words
from sayso.speaker_entity import Entity, Span
from sayso.speaker_names import gender_of
from sayso.speaker_phrases import EPITHETS
from sayso.speaker_roles import PERSON_NOUNS, ROLE_TITLES, role_heads

PARTIES = {"gop": "Republican", "republican": "Republican", "democratic": "Democratic", "democrat": "Democratic"}
CAMPAIGN = re.compile(
    r"(?:the\s+)?(?:(?:presumptive|likely|probable|eventual|apparent|party['’]s)\s+)*"
    r"(?:(?P<party>GOP|Republican|Democratic|Democrat)\s+)?(?:(?:presidential|White\s+House)\s+)?"
    r"(?P<head>front-?runner|nominee|candidate|hopeful|contender)",
    re.IGNORECASE,
)
# "the billionaire", "the real estate mogul", "the billionaire businessman": a person's epithet, of no party
TYCOON = re.compile(
    r"(?:the\s+)?(?:(?:billionaire|real[- ]estate|business|New\s+York|former)\s+)*"
    r"(?P<head>billionaire|mogul|tycoon|magnate|businessman)",
    re.IGNORECASE,
)
# what makes someone named in the article a candidate: a role with one of these words ...
CANDIDATE_ROLE_WORDS = words("""
    candidate nominee front-runner frontrunner runner hopeful contender presidential republican democrat democratic
    gop rival opponent challenger sen senator gov governor rep congressman congresswoman secretary
""")
# ... or their campaign, supporters or a party tag after their name ("Sen. Ted Cruz (R-Tex.)")
PARTY_TAG = re.compile(r"\s*[(,]\s*(?P<party>[RD])-[A-Z]")
# a role that says someone is something else than a candidate
OTHER_CALLINGS = ROLE_TITLES | PERSON_NOUNS | EPITHETS | words("""
    host anchor journalist reporter strategist pollster columnist writer author justice chief campaign manager
""")
# the possessive after a description that says whom it means, before any "that", comma or quote ("The GOP nominee
# complained about his mic"; not "had said that he was ISIS' best recruiter": another's "he")
PRONOUN_AFTER = re.compile(r"(?:(?!\bthat\b)[^.!?,\n“\"]){0,80}?\b(?P<pronoun>his|her)\b", re.IGNORECASE)
QUOTE_OPENS = re.compile(r"[\"“]")
REACH = 1500  # characters before the description within which the candidate was named


@dataclass(frozen=True)
class CampaignDescription:
    party: str | None  # "Republican", "Democratic", or None: any party (and "the billionaire": anyone)
    candidate: bool  # whether it describes a candidate ("the nominee"), not only a person ("the billionaire")


def campaign_description(mention: str) -> CampaignDescription | None:
    said = mention.strip()
    if found := CAMPAIGN.fullmatch(said):
        party = found.group("party")
        return CampaignDescription(PARTIES[party.lower()] if party else None, True)
    if TYCOON.fullmatch(said) and said.lower().startswith("the "):
        return CampaignDescription(None, False)
    return None


def campaign_role(mention: str) -> str:
    """The description as a role ("GOP front-runner" for "The GOP front-runner")."""
    return re.sub(r"^[Tt]he\s+", "", mention.strip())


def party_of(entity: Entity, text: str) -> str | None:
    """The party a person's roles or a party tag after one of their mentions give, when they give one only."""
    role_words = {w.lower() for r in entity.roles for w in re.split(r"[\s’'-]+", r)}
    parties = {PARTIES[w] for w in role_words if w in PARTIES}
    tags = (PARTY_TAG.match(text, end) for _, end in entity.mentions)
    parties |= {"Republican" if t.group("party") == "R" else "Democratic" for t in tags if t}
    return parties.pop() if len(parties) == 1 else None


@lru_cache(maxsize=512)
def _campaigned(text: str, surname: str) -> bool:
    """ "Trump's campaign", "the Cruz campaign", "Kasich supporters", "anti-Trump": someone running."""
    name = re.escape(surname)
    return re.search(
        rf"\b{name}(?:['’]s)?\s+(?:campaign|supporters|camp|slate|backers)\b|\b(?:pro|anti)-{name}\b", text
    ) is not None


def is_candidate(entity: Entity, text: str) -> bool:
    """Whether the article says someone runs, or at least gives them no other office or trade ("President", "host",
    "spokesman"; not a stray word NER took for a role)."""
    role_words = {w.lower().rstrip(".") for r in entity.roles for w in r.split()}
    surname = entity.name.split()[-1]
    if role_words & CANDIDATE_ROLE_WORDS or party_of(entity, text) is not None or _campaigned(text, surname):
        return True
    return not role_heads(entity.roles) & OTHER_CALLINGS


def gender_after(text: str, end: int) -> str | None:
    """The gender of the possessive (PRONOUN_AFTER) in the description's clause, if any."""
    found = PRONOUN_AFTER.match(text, end)
    return None if found is None else ("male" if found.group("pronoun").lower() == "his" else "female")


def fits(entity: Entity, description: CampaignDescription, text: str, gender: str | None = None) -> bool:
    if entity.type != "PERSON" or (gender is not None and entity.gender not in (None, gender)):
        return False
    if description.party is not None and party_of(entity, text) not in (None, description.party):
        return False  # "the Democratic nominee" is no Republican
    return not description.candidate or is_candidate(entity, text)


def subject_like(ent: SpacySpan) -> bool:
    """ "Trump had spent", "Rubio says", "it was Trump who commanded", "Donald Trump, the front-runner, listed": a
    name right before its verb (no parser: by parts of speech), not one after a verb or preposition."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None:
        return False
    opens = ent.start == ent.sent.start or doc[ent.start - 1].is_space
    verb = after.pos_ in {"VERB", "AUX"} or is_speech_verb(after.text)  # ("Trump claims": NNS to the tagger)
    return (verb or after.lower_ == "who" or (after.text == "," and opens)) and not of_a_noun(ent)


def of_a_noun(ent: SpacySpan) -> bool:
    """ "lawyers for both Donald and Ivana Trump filed": a name after a noun's preposition is not the verb's subject."""
    doc, k = ent.doc, ent.start - 1
    while k > 0 and (doc[k].lower_ in {"and", "both", ","} or doc[k].pos_ == "PROPN"):
        k -= 1
    return k > 0 and doc[k].pos_ == "ADP" and doc[k - 1].pos_ == "NOUN"


def opening_phrase_end(mention: SpacySpan, sentence: int) -> int:
    """ "In an interview with hosts Joe Reyes and Ann Lowe, the Democratic candidate said": after a phrase that opens
    the sentence with a preposition (no verb in it), whose names are not the description's."""
    doc = mention.doc
    before = [t for t in doc[mention.start - 1 : mention.start] if t.text == ","]
    opening = doc.char_span(sentence, mention.start_char, alignment_mode="expand")
    if not before or opening is None or not opening or opening[0].tag_ != "IN":
        return sentence
    return sentence if any(t.pos_ in {"VERB", "AUX"} for t in opening) else mention.start_char


def described_candidate(
    mention: SpacySpan,
    people: list[SpacySpan],
    person_for: Callable[[str, int], Entity],
    own: list[Span],
    description: CampaignDescription,
) -> Entity | None:
    """Whom the campaign description at ``mention`` stands for: a fitting person named earlier in its sentence, else
    the last fitting one named as a subject in the ``REACH`` before it; not a name in the description's own quote
    nor a possessive one ("Trump's audio")."""
    text = mention.doc.text
    at = mention.start_char
    sentence = max(mention.sent.start_char, text.rfind("\n", 0, at) + 1)
    # ("“A man you can bait with a tweet ...,” the Democratic nominee said": its sentence begins with its quote)
    quoted = QUOTE_OPENS.search(text, sentence, at)
    sentence = max([sentence, quoted.start() if quoted else 0] + [s for s, _ in own if s < at])
    sentence = opening_phrase_end(mention, sentence)
    gender = gender_of("", mention.text) or gender_after(text, mention.end_char)  # ("the businessman": a man)
    for ent in reversed([p for p in people if p.end_char <= at and p.start_char >= at - REACH]):
        if any(s <= ent.start_char < e for s, e in own) or re.match(r"[’']s\b", text[ent.end_char : ent.end_char + 3]):
            continue
        if ent.start_char < sentence and not subject_like(ent):
            continue
        person = person_for(ent.text, ent.start_char)
        if fits(person, description, text, gender):
            return person
    return None
