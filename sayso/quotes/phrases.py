"""Speaker phrases as the quote rules see them: the noun phrase before or after a cue ("The Kremlin denied",
'," said Peskov'), with its apposition, age or party; and the part-of-speech and tag sets the rules share.
Surface patterns over spaCy tokens and POS tags; no dependency parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from sayso.quotes.cues import is_speech_verb
from sayso.quotes.frame import Frame, Span

NP_POS = {"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PART"}
HEAD_POS = {"PROPN", "NOUN", "PRON"}
SKIPPABLE_BEFORE_CUE = {"ADV", "AUX", "PART", "SPACE"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
PASSIVE_AUX = {"was", "were", "been", "being", "is", "are", "be"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
TIME_ENTS = {"DATE", "TIME"}
MAX_NP_TOKENS = 10
# words spaCy tags as prepositions that open a clause ("..., after Norland rejected claims that ...")
SUBORDINATORS = {"after", "before", "since", "until", "as", "because", "while", "although", "though", "once", "if"}


def np_left(frame: Frame, j: int, floor: int) -> int | None:
    """Start index of the noun phrase ending at token j (walking left), or None."""
    doc = frame.doc
    if doc[j].pos_ == "PRON":
        return j if doc[j].lower_ not in {"it", "that", "this", "which", "what"} else None
    if doc[j].lower_ in {"latter", "former"} and j - 1 >= floor and doc[j - 1].lower_ == "the":
        return j - 1
    k = j
    while k >= floor and j - k < MAX_NP_TOKENS and np_token(doc[k]):
        if doc[k].pos_ == "PRON" and k < j:
            break
        k -= 1
    if k >= floor and doc[k].lower_ == "of" and k - 1 >= floor and doc[k - 1].pos_ in HEAD_POS:
        return np_left(frame, k - 1, floor)
    start = k + 1
    if start > j or not any(doc[t].pos_ in HEAD_POS for t in range(start, j + 1)):
        return None
    return start


def np_token(tok: Token) -> bool:
    """A word that can be part of a speaker phrase ("Tulsa police Chief", a name the tagger took for a verb)."""
    return tok.pos_ in NP_POS or abbrev(tok) or (tok.ent_type_ in NAME_ENTS and tok.text[:1].isupper())


def abbrev(tok: Token) -> bool:
    return tok.text in {".", "(", ")"} and tok.i > 0 and tok.doc[tok.i - 1].text in {"Mr", "Mrs", "Ms", "Dr"}


def source_before(frame: Frame, cue_i: int, floor: int) -> Span | None:
    """The speaker phrase before a cue: "The Kremlin (on Monday) denied", "Peskov, the spokesman, said"."""
    doc = frame.doc
    j = cue_i - 1
    if j >= floor and doc[j].lower_ in PASSIVE_AUX and doc[cue_i].tag_ == "VBN":
        return None  # "we were told": the speaker is not the subject
    while j >= floor and doc[j].pos_ in SKIPPABLE_BEFORE_CUE and doc[j].lower_ not in {"'s"}:
        j -= 1
    if j < floor:
        return None
    if doc[j].lower_ in {"and", "but"}:
        return sentence_subject(frame, floor, j)
    if doc[j].text == ",":
        return _apposition_source(frame, j, floor)
    if _it_speaks(frame, j, doc[cue_i], floor):
        return (doc[j].idx, doc[j].idx + len(doc[j]))
    end = j
    if doc[j].text == ")":  # "Rep. Gwen Moore (D-Wis.) said": the party and state go with the name
        opening = next((k for k in range(j - 1, max(floor, j - 8) - 1, -1) if doc[k].text == "("), None)
        if opening is None or opening - 1 < floor:
            return None
        j = opening - 1
    start = np_left(frame, j, floor)
    if start is not None and start - 1 >= floor and doc[start - 1].pos_ == "ADP" and doc[start - 1].lower_ != "of":
        # a prepositional phrase ("on Monday", "in a statement") stands between speaker and cue
        before = np_left(frame, start - 2, floor) if start - 2 >= floor else None
        if doc[start - 1].lower_ == "with" and doc[cue_i].tag_ == "VBG":
            return (doc[start].idx, doc[end].idx + len(doc[end]))  # "... with a police spokesman saying": who says
        if before is None and doc[start - 1].lower_ in SUBORDINATORS:
            return (doc[start].idx, doc[end].idx + len(doc[end]))  # ", after Norland rejected": the clause's subject
        start = before
        end = _last_np_token(frame, start) if start is not None else end
    if start is None:
        return _relative_clause_subject(frame, j, floor)
    return (doc[start].idx, doc[end].idx + len(doc[end]))


def _relative_clause_subject(frame: Frame, j: int, floor: int) -> Span | None:
    """ "The woman who was reportedly kidnapped by rebels has said": the noun phrase a relative clause ending right
    before the cue is about, with its clause (no comma between)."""
    doc = frame.doc
    for k in range(j, floor, -1):
        if doc[k].is_punct:
            return None
        if doc[k].lower_ == "who" and doc[k - 1].pos_ in {"NOUN", "PROPN"}:
            start = np_left(frame, k - 1, floor)
            return (doc[start].idx, doc[j].idx + len(doc[j])) if start is not None else None
    return None


def _it_speaks(frame: Frame, j: int, cue: Token, floor: int) -> bool:
    """ "It rejected claims by Kyiv that ...": "it" opening a clause before a speech verb in the active voice is an
    organisation named before (noun phrases leave "it" out: mostly no speaker, "it is unclear")."""
    doc = frame.doc
    opens = j == floor or doc[j - 1].is_punct or doc[j - 1].pos_ in {"CCONJ", "SCONJ"}
    return doc[j].lower_ == "it" and cue.tag_ in {"VBD", "VBZ"} and is_speech_verb(cue.text) and opens


def sentence_subject(frame: Frame, floor: int, before: int) -> Span | None:
    """ "Varga dismissed X and said Y": the subject that opens the sentence speaks both verbs (after a time
    phrase opening it: "Hours later, Varga ...")."""
    doc = frame.doc
    floor = _past_time_phrase(frame, floor, before)
    k = floor
    while k < before and (doc[k].pos_ in NP_POS or abbrev(doc[k])):
        k += 1
    if k == floor or k >= before or doc[k].pos_ not in {"VERB", "AUX", "ADV"}:
        return None
    if not any(doc[t].pos_ in HEAD_POS for t in range(floor, k)):
        return None
    return (doc[floor].idx, doc[k - 1].idx + len(doc[k - 1]))


LATER = {"later", "earlier", "ago", "afterward", "afterwards"}


def _past_time_phrase(frame: Frame, floor: int, before: int) -> int:
    """Where the sentence goes on after a time phrase opening it ("Hours later,", "A few minutes later",
    "On Monday,"); ``floor`` when none does."""
    doc = frame.doc
    k = floor + (doc[floor].pos_ == "ADP")
    j = k
    while j < before and doc[j].ent_type_ in TIME_ENTS and doc[j].lower_ not in LATER:
        j += 1
    if j == k:  # "Hours later": no time entity, but a noun phrase and "later"
        while j < before and doc[j].pos_ in NP_POS and doc[j].lower_ not in LATER:
            j += 1
        if j == k or j >= before or doc[j].lower_ not in LATER:
            return floor
    if j < before and doc[j].lower_ in LATER:
        j += 1
    elif j >= before or doc[j].text != ",":
        return floor  # "This year's report": a time word that opens the subject itself
    if j < before and doc[j].text == ",":
        j += 1
    return j if j < before else floor


def _last_np_token(frame: Frame, start: int) -> int:
    k = start
    doc = frame.doc
    while k + 1 < len(doc) and (doc[k + 1].pos_ in NP_POS or abbrev(doc[k + 1])) and doc[k + 1].pos_ != "ADP":
        k += 1
    return k


def _apposition_source(frame: Frame, comma: int, floor: int) -> Span | None:
    """ "Peskov, the Kremlin spokesman, said": the name and its apposition."""
    doc = frame.doc
    if comma - 3 >= floor and doc[comma - 1].like_num and doc[comma - 2].text == ",":
        # "Ramos, 58, said": the name and the age set off by commas (PolNeAR train: 23 times of 35)
        name = np_left(frame, comma - 3, floor)
        return (doc[name].idx, doc[comma - 1].idx + len(doc[comma - 1])) if name is not None else None
    appos = np_left(frame, comma - 1, floor)
    if appos is None or appos - 1 < floor or doc[appos - 1].text != ",":
        appos = _participle_phrase(frame, comma, floor) or _relative_clause(frame, comma, floor)
    if appos is None:
        return None
    name = np_left(frame, appos - 2, floor)
    if name is None:
        return None
    return (doc[name].idx, doc[comma - 1].idx + len(doc[comma - 1]))


def _relative_clause(frame: Frame, comma: int, floor: int) -> int | None:
    """ "BuzzFeed, which does not disclose its finances, denied": where a relative clause set off by commas after a
    name begins."""
    doc = frame.doc
    for k in range(comma - 1, max(floor, comma - 12) - 1, -1):
        if doc[k].text == ",":
            opens = k + 1 < comma and doc[k + 1].lower_ in {"which", "who"}
            return k + 1 if opens and k - 1 >= floor and doc[k - 1].pos_ == "PROPN" else None
        if doc[k].is_sent_start:
            return None
    return None


def _participle_phrase(frame: Frame, comma: int, floor: int) -> int | None:
    """ "The report, published by the Ledger on Wednesday, said": where a participle's phrase set off by commas
    after a noun begins (no finite verb in it)."""
    doc = frame.doc
    for k in range(comma - 1, max(floor, comma - 12) - 1, -1):
        if doc[k].text == ",":
            opens = k + 1 < comma and doc[k + 1].tag_ == "VBN"
            return k + 1 if opens and k - 1 >= floor and doc[k - 1].pos_ in HEAD_POS else None
        if doc[k].tag_ in FINITE_TAGS or doc[k].is_sent_start:
            return None
    return None


def source_after(frame: Frame, cue_i: int, ceiling: int) -> Span | None:
    """The speaker phrase after a cue: '," said Peskov' / '," said the Kremlin spokesman'."""
    doc = frame.doc
    k = cue_i + 1
    while (
        k < ceiling
        and (doc[k].pos_ in NP_POS or abbrev(doc[k]) or doc[k].lower_ == "of")
        and k - cue_i <= MAX_NP_TOKENS
    ):
        k += 1
    toks = [doc[t] for t in range(cue_i + 1, k)]
    while toks and toks[-1].lower_ == "of":
        toks.pop()
    if not toks or not any(t.pos_ in HEAD_POS for t in toks) or toks[0].ent_type_ in TIME_ENTS:
        return None  # '," he said Friday' is no speaker
    return (toks[0].idx, toks[-1].idx + len(toks[-1]))


def finite_speech_verb(tok: Token) -> bool:
    """A speech verb in a finite form ("said", "claims"), not a participle or an infinitive."""
    return tok.tag_ in FINITE_TAGS and is_speech_verb(tok.text)


def subject_of_participle(frame: Frame, cue: Token, floor: int) -> Span | None:
    """ 'she responded to his messages by saying, "..."' / 'He hit back, saying: "..."': the speaker of a
    participle cue is the subject of the clause's verb before it."""
    doc = frame.doc
    verb = next((k for k in range(cue.i - 1, floor, -1) if doc[k].tag_ in {"VBD", "VBZ", "VBP"}), None)
    return source_before(frame, verb, floor) if verb is not None else None
