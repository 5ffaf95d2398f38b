"""Claims a denial refers to by a noun ("the claims", "these reports", "his comments", "denied reports that ..."):
which words of a denial make such a reference, and which claim was made as what the noun names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sayso.claim_base import (
    DraftClaim,
    claim_just_after,
    claim_just_before,
    content_keys,
    end_of,
    other_side,
    speaks_of,
    start_of,
)
from sayso.model import Quote, Speaker
from sayso.polarity import CHARGES_FOUGHT as FIGHTING_CHARGES
from sayso.polarity import CONTRARY_LEAD, STORIES_CALLED_WORTHLESS, denial_matches, statement_lead

SPELLED_OUT = re.compile(r"^\s*that\s+")
WRONGDOING = re.compile(
    r"^(?:any|all|the)?\s*(?:wrong-?doing|impropriety|improprieties|misconduct|illegality|illegal\s+activity)\b",
    re.IGNORECASE,
)
# where a clause of a denial ends: what the words before and after it say is not what it denies (a second reported
# clause too: 'said China "opposes all attacks" and that the U.S. claims lacked evidence'; not the periods of "U.S.")
CLAUSE_END = re.compile(
    r"[,;:!?…—–()]|(?<!\b[A-Z])\.|\s-\s|\b(?:because|but|although|though|while|whereas|when|and\s+that)\b",
    re.IGNORECASE,
)
# A denial whose object is "the charges", "that claim", "the criticism", "the repair figure": what was just claimed
# before it.
REFERENCE_NOUNS = (
    r"(?:claims?|charges?|allegations?|accusations?|criticism|criticisms|reports?|assertions?|story|stories|"
    r"suggestions?|notion|characteri[sz]ation|findings?|conclusions?|accounts?|version|statements|testimony|"
    r"figures?|estimates?|rumou?rs?|hoax(?:es)?)\b"
)
# "denied reports that ...", "rejected allegations that ...": a bare plural noun of what was said, no one named
BARE_REPORTS = re.compile(r"^(?:media\s+|press\s+|news\s+)?(?P<noun>reports|allegations|claims)\s+that\b", re.I)
# "would fight the charges", "vowed to contest the allegations": what was charged, before or just after
CHARGES_FOUGHT = re.compile(FIGHTING_CHARGES, re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|never|no)\b|n[’']t\b", re.IGNORECASE)
# the verbs that make what such a noun names: "the claim" is what someone claimed, "the findings" what was found
NOUN_VERB_STEMS = {
    "claim": ("claim", "accus", "alleg", "charg", "assert"),  # "the claim" after "A senator accused the agency of ..."
    "charge": ("charg", "accus", "alleg"),  # "would fight the charges" and "Prosecutors allege that ..."
    "allegation": ("alleg", "accus"),
    "accusation": ("accus", "alleg"),
    "criticism": ("critic",),
    "report": ("report",),
    "story": ("report",),
    "account": ("report",),  # "denied the account" after "The report ... said that ...": what the report said
    "assertion": ("assert",),
    "suggestion": ("suggest",),
    "finding": ("found", "find"),
    "conclusion": ("conclu",),
    "testimony": ("testif",),
    "rumor": ("claim", "report", "rumo"),  # "dismissed the rumor" and "a site called X claiming that ..."
    "rumour": ("claim", "report", "rumo"),
    "hoax": ("claim", "report", "post"),
}
# ... and, where no claim was made so, the verbs that make what a report or a story says all the same: "denied reports
# that the couple split" and "The rumours began when a gossip site claimed that ..."
NOUN_VERB_STEMS_ELSE = {"report": ("claim", "alleg"), "story": ("claim", "alleg")}
REPORTED_AFTER_REACH = 400  # characters after "denied reports that ..." within which the report's claim is told
# "the", "that", "these false", "the government's", "all of the" ...
REFERRING = (
    r"^(?:(?:all|each|some|many|most|both)\s+(?:of\s+)?)?(?:the|that|this|these|those|such)\s+"
    r"(?:[\w.-]+(?:[’']s?)?\s+)?"
)
REFERENCE = re.compile(REFERRING + REFERENCE_NOUNS, re.IGNORECASE)
# ... and the nouns of what someone said that a denying sentence may name as its subject or as what "no truth" is
# "to": "These claims are absolutely, completely false", "There is no truth whatsoever to these claims" (not "no
# evidence the report had ever arrived": a report as a thing)
SAID_WITHIN = re.compile(
    r"(?:^[\s\"'“‘]*|\bto\s+)(?:the|these|those|such)\s+"
    r"(?:claims?|allegations?|accusations?|charges|reports?|rumou?rs?|stor(?:y|ies))\b",
    re.IGNORECASE,
)
# where a sentence of a denial's words begins: after the end of the one before
SENTENCE_BEFORE = re.compile(r"[.!?…]\s+")
# ... of these, the ones that accuse: what they refer to is a claim about the denier
ACCUSATION = re.compile(
    REFERRING + r"(?:charges?|allegations?|accusations?|criticisms?|attacks?|characteri[sz]ation)\b", re.IGNORECASE
)
# "I read the same stories you do, and most of them are rubbish": stories referred to inside a clause
STORIES_CALLED_WORTHLESS_IN = re.compile(STORIES_CALLED_WORTHLESS, re.IGNORECASE)
# "disputed that account": the determiner the cue leaves out of the words it denies
DETERMINER_BEFORE = re.compile(r"\b(?:the|that|this|these|those|such)\s+$", re.IGNORECASE)
# "concluded his comments were false": what the man, woman or people just quoted said.
POSSESSED_REFERENCE = re.compile(
    r"^(?P<owner>his|her|their)\s+(?:\w+\s+)?(?:" + REFERENCE_NOUNS + r"|comments|remarks|statements?|words)",
    re.IGNORECASE,
)
# ... or whose cue names it: "bristles at the suggestion (that) ...", "scoffed at the notion".
REFERENCE_IN_CUE = re.compile(r"\b(?:the|that|this|such)\s+(?:\w+\s+)?" + REFERENCE_NOUNS, re.IGNORECASE)
# where a cue's verb ends and its phrase goes on: "said | in a recent report", "reported | on Saturday"
CUE_PHRASE_AFTER_VERB = re.compile(r"\s+(?:in|on|at|to|by|with|for|of|a|an|the|its|his|her|their)\s+", re.IGNORECASE)
CUE_IN_WORDS = 5  # "its investigation had found that ...": a verb this far into the words is how they were made


# "We disagree strongly with", "I categorically reject": the speaker's own denial before what it denies
OWN_DENIAL = re.compile(
    r"^(?:I|we)\s+(?:\w+ly\s+)?(?:disagree\s+(?:\w+ly\s+)?with|reject|deny|dispute|refute)\s+", re.IGNORECASE
)


def referring_words(denial: Quote, text: str) -> str | None:
    """The words of a denial that open with a reference to something said ("the claims", "these stories"): all of
    them (with the determiner its cue left out: "disputed that account"), a denying clause of a later sentence
    ('"I never took a penny. These stories are lies," she said'), or the words from stories that a clause calls
    worthless ("I read the same stories you do, and most of them are rubbish")."""
    content = denial.content.strip()
    start = start_of(denial)
    determiner = DETERMINER_BEFORE.search(text, max(0, start - 8), start) if denial.content_spans else None
    referring = determiner.group(0) + content if determiner else content
    if REFERENCE.match(referring):
        return referring
    for start, end in denying_clauses(denial.cue, content) or []:
        clause = content[start:end].split("…")[-1].strip(" \"'“”‘’")  # (the last part of quote's words joined)
        if REFERENCE.match(clause):
            return clause
        named = _said_in_its_sentence(content, start, end)
        if named is not None:
            return named
        # "We disagree strongly with those claims": what the speaker's own denial names, when it does not spell it out
        # (not "We reject the suggestion that we are flooding the market": its words say what)
        own = OWN_DENIAL.match(clause)
        if own and REFERENCE.match(clause[own.end() :]) and not spelled_out_keys(clause[own.end() :]):
            return clause[own.end() :]
    called = STORIES_CALLED_WORTHLESS_IN.search(content)  # ('I read the same stories you do, and ... are rubbish')
    return content[called.start() :] if called else None


def _said_in_its_sentence(content: str, start: int, end: int) -> str | None:
    """ "There is no truth whatsoever to these claims": the words from what the sentence of a denying clause (from
    ``start`` to ``end`` of the content) names as something said, up to the clause's end."""
    opening = max((m.end() for m in SENTENCE_BEFORE.finditer(content, 0, start)), default=0)
    named = SAID_WITHIN.search(content[opening:end])
    return content[opening + named.start() : end].lstrip(" \"'“‘").removeprefix("to ") if named else None


def reports_denied(denial: Quote, claims: list[DraftClaim], text: str) -> DraftClaim | None:
    """ "denied reports that they made an offer for Kane" and, just before or after, "The Daily Mail reported that
    ...": the claim made by reporting, the closest before the denial, else the first after it."""
    bare = BARE_REPORTS.match(denial.content.strip())
    if bare is None:
        return None
    made_so = made_as_named(claims, bare.group("noun"))
    before = claim_just_before(denial, made_so)
    if before is not None:
        return before
    after = claim_just_after(denial, made_so, text, reach=REPORTED_AFTER_REACH)
    return after[0] if after is not None else None


def charges_fought(denial: Quote, claims: list[DraftClaim], text: str) -> DraftClaim | None:
    """ 'her client "has never taken a penny" and would fight the charges' and, just before or after, "Prosecutors
    allege that ...": the charge (a claim made by charging, alleging or accusing, not one that itself says "not"),
    the closest before the denial, else the first after it."""
    fought = CHARGES_FOUGHT.search(denial.content)
    if fought is None:
        return None
    made_so = [c for c in made_as_named(claims, fought.group("noun")) if not NEGATION.search(c.text)]
    before = claim_just_before(denial, made_so)
    if before is not None:
        return before
    after = claim_just_after(denial, made_so, text)
    return after[0] if after is not None else None


def reference_noun(referring: str) -> str:
    """The noun of words that open with a reference ("the false claims": "claims")."""
    match = REFERENCE.match(referring)
    return match.group(0).split()[-1] if match else ""


def made_as_named(claims: list[DraftClaim], noun: str) -> list[DraftClaim]:
    """The claims made as the noun that refers to them says: by its verb ("The Daily Mail reported that ..."), else,
    where none was, by the noun in their cue ("she said in a recent report that ..."), else by a verb that makes what
    such a noun names all the same ("reports" of what a gossip site "claimed")."""
    by_verb = [c for c in claims if made_as(c, noun)]
    by_cue = by_verb or [c for c in claims if made_as(c, noun, in_cue_phrase=True)]
    return by_cue or [c for c in claims if made_as(c, noun, stems=NOUN_VERB_STEMS_ELSE)]


def made_as(
    claim: DraftClaim, noun: str, *, in_cue_phrase: bool = False, stems: Mapping[str, tuple[str, ...]] = NOUN_VERB_STEMS
) -> bool:
    """Whether a claim was made by the verb of the noun that refers to it ("the claim": "X claimed that ..."; "the
    findings": "its inquiry found that ..."), in its cue's verb or in the first words of what was said; with
    ``in_cue_phrase``, anywhere in its cue ("said in a recent report"); ``stems``: the verbs of each noun."""
    noun = noun.lower()
    verbs = stems.get("story" if noun.startswith("stor") else noun.removesuffix("s"), ())
    if not verbs:
        return False
    for quote in claim.quotes:
        cue = quote.cue or ""
        verb = cue if in_cue_phrase else CUE_PHRASE_AFTER_VERB.split(cue, maxsplit=1)[0]
        opening = quote.content.split()[:CUE_IN_WORDS]
        if any(word.lower().startswith(verbs) for word in [*verb.split(), *opening]):
            return True
    return False


def denying_clauses(cue: str | None, content: str) -> list[tuple[int, int]] | None:
    """Where the clauses of a denial's words that deny begin and end; None when its cue denies (all of it does)."""
    matches = denial_matches(cue, content)
    if matches is None:
        return None
    clauses = []
    for match in matches:
        start = clause_start(content, match.start())
        end = CLAUSE_END.search(content, match.end())
        clauses.append((start, end.start() if end else len(content)))
    return clauses


def clause_start(content: str, at: int) -> int:
    """Where the clause of the words that holds ``at`` begins (after the last CLAUSE_END before it)."""
    return max((m.end() for m in CLAUSE_END.finditer(content, 0, at)), default=0)


def accusations_of(denier: Speaker, claims: list[DraftClaim]) -> list[DraftClaim]:
    """What others alleged, charged or accused the denier of, or said of the denier by name."""
    return [
        c
        for c in claims
        if other_side(denier, c.claimant) and (made_as_named([c], "allegation") or speaks_of(c.text, denier))
    ]


def spelled_out_keys(referring: str) -> set[str]:
    """The content words of the clause that spells out what a referring noun names ("the notion that ...")."""
    noun = REFERENCE.match(referring)
    rest = referring[noun.end() :] if noun else ""
    clause = SPELLED_OUT.match(rest)
    return content_keys(rest[clause.end() :]) if clause else set()


def contrary_to(denial: Quote, text: str) -> str | None:
    """The words before a statement's speaker or in its words that say whose claims it contradicts ("Contrary to
    Lazar's claims, " in "Contrary to Lazar's claims, authorities say he never obtained access"), or None."""
    lead = statement_lead(text, denial.content_spans, denial.cue_span, denial.source_span)
    found = CONTRARY_LEAD.search(lead) or CONTRARY_LEAD.search(denial.content)
    return found.group(0) if found else None


# "X said A, although Y denied B", "X said A, but Y denied B": the words between a claim and a denial in one sentence
PRONOUN = re.compile(r"\W*(?:he|she|they|it|i|we)\W*", re.IGNORECASE)
SET_AGAINST = re.compile(r"^[^.!?\n]*\b(?:although|though|but|while|whereas|however|yet)\b[^.!?\n]*$", re.IGNORECASE)


def contrasted_in_its_sentence(denial: Quote, claims: list[DraftClaim], text: str) -> DraftClaim | None:
    """ "IS launched the attack from Turkey, a Kurdish official said, although Turkey denied that the fighters had
    used its territory": the claim whose words end in the denial's sentence, set against it by "although" or "but"
    before the denial's cue (the nearest one)."""
    if denial.cue_span is None or denial.source_span is None or PRONOUN.fullmatch(denial.source or ""):
        return None
    cue, source = denial.cue_span[0], denial.source_span[0]
    # the denier named after the claim (not "Clinton said A, but denied B" nor "..., but she denied B": one speaker)
    set_against = [
        (end_of(q), claim)
        for claim in claims
        for q in claim.quotes
        if end_of(q) <= source < cue and SET_AGAINST.fullmatch(text[end_of(q) : cue])
    ]
    return max(set_against, key=lambda pair: pair[0])[1] if set_against else None
