"""The one a news report's first paragraph describes before naming: "The industry regulator has accused ...", "The
prime minister has refused ...", "A former sheriff of Dale County pleaded ..." open many reports, and the next
paragraph opens with the one described ("Ofwat said ...", "Speaking in Leeds, Mr Dunmore said ...", "Walter
Pruitt, 66, entered the plea"): that organisation or person, whom the description gives a role."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import words
from sayso.speaker_names import BODY_KINDS, NON_COMPANY_KINDS, ORG_LABELS, title_case_line
from sayso.speaker_phrases import DATELINE, another_holder
from sayso.speaker_roles import DESCRIPTION_STOP, ROLE_COMPLEMENT, ROLE_TITLES, clean_role

# what heads a description of one office holder ("The prime minister", "A former sheriff of ...", "The head of ...")
# what heads a description of a person by no office, whom any role fits ("The Canadian woman who was kidnapped")
PLAIN_PERSON_HEADS = words("man woman teenager boy girl student mother father")
PERSON_HEADS = ROLE_TITLES | words("head leader boss") | PLAIN_PERSON_HEADS
RELATIVE_WORDS = words("who that")
# what heads a description of an organisation ("The industry regulator", "The company", "gossip site StarWatch")
BODY_HEADS = BODY_KINDS | words("""
    regulator watchdog firm company group newspaper paper tabloid broadcaster magazine website site channel outlet blog
""")
# the roles of one who heads a body: "the head of the largest union" may be its "general secretary"
LEADER_WORDS = words("head leader boss chief")
LEADING_ROLES = words("""
    executive director chair chairman chairwoman president leader head secretary chief founder principal governor
    commissioner
""")
BODY_LABELS = ORG_LABELS - {"NORP"}  # the small model calls some bodies places ("Ofwat")
FINITE = {"VBD", "VBZ", "VBP", "MD"}
DESCRIPTION_WORDS = {"ADJ", "NOUN", "PROPN", "NUM", "DET", "PART"}
# a headline's word for the head of a description: "PM" for "prime minister", "watchdog" for "regulator"
HEAD_WORDS = {"pm": "minister", "watchdog": "regulator"}
# the kinds a body's name may end with that tell one body from another: "The union" is no "Electoral Commission"
# (not a function some kind of body has: "the regulator" may be a "... Authority", "the government" a "... Office")
NAMED_KINDS = NON_COMPANY_KINDS - words("regulator government authority administration service office")


@dataclass(frozen=True)
class LedeDescription:
    """The lede's opening description, the name the next paragraph opens with, and the role the description gives."""

    span: SpacySpan
    named: SpacySpan
    role: str
    person: bool
    headline_end: int  # where the headline ends (0: none)

    def describes(self, mention: SpacySpan) -> bool:
        """Whether a mention is the description itself or the headline's for it."""
        span = self.span
        overlaps = mention.start_char < span.end_char and span.start_char < mention.end_char
        return overlaps or self.heads_headline(mention)

    def heads_headline(self, mention: SpacySpan) -> bool:
        """Whether a mention is the headline's short description of the one the lede describes ("Former mayor
        pleads ..." over "A former mayor of Redfield pleaded ..."; "PM defies ..." over "The prime minister has
        ..."): up to three words in the headline, with the lede description's head or a word for it."""
        if mention.end_char > self.headline_end or len(mention) > 3:
            return False
        return _canonical(mention[-1].lower_) == _canonical(_head(self.span))


def _canonical(head: str) -> str:
    return HEAD_WORDS.get(head, head)


def lede_span(text: str) -> tuple[int, int] | None:
    """The first paragraph under the headline (a first line with no full stop, or in title case), or the first
    paragraph."""
    first = text.find("\n\n")
    if first < 0:
        return None
    if "\n" not in text[:first] and (not re.search(r"[.!?][\"'”’]?\s*$", text[:first]) or title_case_line(text, 0)):
        start = first + 2
        end = text.find("\n\n", start)
        return (start, end) if end > 0 else None
    return 0, first


def _description(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ "The industry regulator", "A former sheriff of Dale County": a/an/the, then nouns and their modifiers (and
    "of" with its object) up to the sentence's finite verb (not "The head of the PAC backing Bush, Mike Murphy,")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span[0].lower_ not in {"the", "a", "an"}:
        return None
    k = span.start + 1
    while k < span.end and (doc[k].pos_ in DESCRIPTION_WORDS or doc[k].tag_ == "POS" or doc[k].lower_ == "of"):
        k += 1
    end = k
    if k < span.end and doc[k].lower_ in RELATIVE_WORDS:
        k = _after_relative_clause(doc, k, span.end)  # "The Canadian woman who was reportedly kidnapped has said"
    if k >= span.end or doc[k].tag_ not in FINITE or doc[end - 1].lower_ == "of":
        return None
    return doc[span.start : end]


def _after_relative_clause(doc: Doc, k: int, end: int) -> int:
    """The second finite verb after the relative pronoun at k (the first is the clause's own), within the sentence
    and before any comma; else ``end``."""
    finite = 0
    for tok in doc[k + 1 : end]:
        if tok.is_punct or tok.is_sent_start:
            break
        finite += tok.tag_ in FINITE
        if finite == 2:
            return tok.i
    return end


def _head(description: SpacySpan) -> str:
    """The description's head word: the last before its "of" ("head" in "The head of the largest union")."""
    own = next((t for t in description if t.lower_ == "of"), None)
    last = description.doc[own.i - 1] if own is not None else description[-1]
    return last.lower_ if last.tag_ == "NN" else ""


def _first_named(doc: Doc, names: Sequence[SpacySpan], start: int) -> SpacySpan | None:
    """The first name in the paragraph's first sentence that is no object of a preposition nor a possessive; the
    first right before a finite verb where one is ("Giving evidence at the trial of the chairman, Victor Hale,
    Peter Lindqvist said")."""
    sentence = doc.char_span(start, len(doc.text), alignment_mode="expand")
    if sentence is None:
        return None
    sent_end = sentence[0].sent.end_char
    found = []
    for name in names:
        if name.start_char < start or name.start_char >= sent_end:
            continue
        k = name.start - 1
        while k > 0 and doc[k].pos_ == "DET":  # "A report by the Ledger said": the object of "by"
            k -= 1
        before = doc[k] if k >= 0 else None
        if (before is not None and before.pos_ == "ADP") or doc.text.startswith(("'s", "’s"), name.end_char):
            continue
        found.append(name)
    subjects = [n for n in found if n.end < len(doc) and doc[n.end].tag_ in FINITE]
    return next(iter(subjects or found), None)


def lede_description(doc: Doc, people: Sequence[SpacySpan], ents: Sequence[SpacySpan]) -> LedeDescription | None:
    """The lede's description and the name the next paragraph opens with, where their kinds agree and the name is
    not in the lede already (a person's roles are checked by the caller: `fits_roles`)."""
    text = doc.text
    people_at = {(p.start_char, p.end_char) for p in people}
    lede = lede_span(text)
    if lede is None:
        return None
    start = lede[0]
    dateline = DATELINE.match(text, start, lede[1])
    description = _description(doc, dateline.end() if dateline else start, lede[1])
    head = _head(description) if description is not None else ""
    person = head in PERSON_HEADS
    if description is None or not (person or head in BODY_HEADS):
        return None
    own = next((t.i for t in description if t.lower_ == "of"), description.end)
    if any(e.start < own and e.end > description.start for e in [*people, *ents] if e.label_ not in {"GPE", "NORP"}):
        return None  # "The Kremlin spokesman": a described person of an organisation it names ("of Redfield" may)
    bodies = [e for e in ents if e.label_ in BODY_LABELS and (e.start_char, e.end_char) not in people_at]
    names = sorted([*people, *bodies], key=lambda e: e.start)
    named = _first_named(doc, names, lede[1] + 2)
    if named is None or ((named.start_char, named.end_char) in people_at) != person:
        return None
    if not person and _another_kind(named.text, head):
        return None
    if head in PLAIN_PERSON_HEADS and not _opens_paragraph(text, names, lede[1], named):
        return None  # "The man who found the painting ..." is no "Art dealer Colin Marsh": a plain person opens it
    if any(n.text == named.text or n.text.endswith(" " + named.text) for n in names if n.end_char <= lede[1]):
        return None  # named in the lede (or the headline) already: not the one it describes
    role = clean_role(description.text)
    return LedeDescription(description, named, role, person, 0 if lede[0] == 0 else lede[0] - 2) if role else None


def _opens_paragraph(text: str, names: Sequence[SpacySpan], start: int, named: SpacySpan) -> bool:
    """Whether the paragraph after ``start`` opens with the name, or a longer one of the same surname ("Gill
    Rosenberg, 31, joined ..." for "Rosenberg")."""
    opening = next((n for n in names if n.start_char >= start), None)
    return (
        opening is not None
        and not text[start : opening.start_char].strip()
        and opening.text.split()[-1] == named.text.split()[-1]
    )


def _another_kind(name: str, head: str) -> bool:
    """Whether a body's name says it is another kind of body than the description's head ("The union" and "the
    Electoral Commission")."""
    kind = name.split()[-1].lower()
    return head in NAMED_KINDS and kind in NAMED_KINDS and kind != head


def fits_roles(description: LedeDescription, roles: list[str]) -> bool:
    """Whether a person's roles leave them the one described: none, or some sharing its words ("secretary of the
    teachers' union" for "the head of the largest teaching union"; not "shadow health secretary" for "the health
    secretary"), or one who heads a body for "the head of ..."; any for a plain person ("The Canadian woman")."""
    described = [t.lower_ for t in description.span if t.lower_ not in DESCRIPTION_STOP]
    if any(another_holder(r, described) for r in roles):
        return False
    if not roles or _head(description.span) in PLAIN_PERSON_HEADS:
        return True
    nouns = {t.lower_.rstrip("s") for t in description.span if t.pos_ in {"NOUN", "PROPN"}}
    if nouns & {w.lower().rstrip("s") for r in roles for w in re.findall(r"[A-Za-z]+", r)}:
        return True
    own_heads = {w.lower() for r in roles for w in ROLE_COMPLEMENT.sub("", r).split()[-1:]}
    return _head(description.span) in LEADER_WORDS and bool(own_heads & LEADING_ROLES)
