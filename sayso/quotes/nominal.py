"""Nominal attributions inside another statement: a claim named by a noun with its owner ("denied claims by X
that Y", "X's denial that Y", "the intelligence community consensus that Y") and "X is wrong for saying Y".
Surface patterns over spaCy tokens and POS tags; no dependency parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import WRONG_FOR, is_cue_noun, is_owned_claim_noun, is_speech_verb
from sayso.quotes.frame import Frame, Span, trim_content
from sayso.quotes.phrases import FINITE_TAGS, MAX_NP_TOKENS, finite_speech_verb, np_left, source_after

ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}
OWNER_PRONOUNS = {"his", "her", "their"}
SPELLING_OUT = {"saying", "claiming", "alleging", "suggesting", "asserting"}  # "a report saying (that) ..."


def nominal_attributions(frame: Frame, outer: Candidate) -> list[Candidate]:
    """ "claims by X that Y", "X's denial that Y" inside another statement's content."""
    out: list[Candidate] = []
    for tok in frame.tokens_between(outer.start, outer.end):
        if tok.lower_ in PUBLISHED_NOUNS and (found := _published_saying(frame, tok, outer.end, outer)) is not None:
            out.append(found)
        if not is_owned_claim_noun(tok.text):
            continue
        found = _noun_by_that(frame, tok, outer)
        if not is_cue_noun(tok.text):  # "attacks", "criticism": only with their owner and "that" after them
            if found is not None:
                out.append(found)
            continue
        found = (
            found
            or _possessive_that(frame, tok, outer)
            or _possessive_about(frame, tok, outer)
            or _premodified_that(frame, tok, outer)
        )
        if found is not None:
            out.append(found)
    return out


def published_sayings(frame: Frame) -> list[Candidate]:
    """ "The discussion started with an article in Iraq's official newspaper, Al-Sabah, that said ...": what a piece
    published somewhere said, where no statement holds it, up to its sentence's end."""
    out = []
    for tok in frame.doc:
        if tok.lower_ in PUBLISHED_NOUNS:
            end = frame.sentence_end_after(tok.idx)
            found = _published_saying(frame, tok, end, None)
            out += [found] if found is not None else []
    return out


APPOSED_NAME = re.compile(r",\s*(?P<name>[A-Z][\w.'’-]*(?:[\s-][A-Z][\w.'’-]*){0,3}),\s*")
# what a site or an account publishes: "a posting on the National Report website that said ..."
PUBLISHED_NOUNS = {"post", "posting", "article", "story", "item", "piece", "tweet", "video", "message", "blog"}
# "a story ... suggesting that Y is false": the sentence's verdict on the piece, where what it said ends
VERDICT_ON_IT = re.compile(
    r"\s+(?:is|was|are|were|has\s+been|have\s+been)\s+(?:(?:totally|completely|entirely|simply)\s+)?"
    r"(?:false|untrue|not\s+true|fake|wrong|a\s+hoax|bogus|inaccurate|rubbish|nonsense|baseless|unfounded)\b",
    re.IGNORECASE,
)
PUBLISHED_VERBS = {"appeared", "published", "posted", "ran", "printed", "carried"}  # "a story that appeared in X"


def _published_saying(frame: Frame, noun: Token, end: int, outer: Candidate | None) -> Candidate | None:
    """ "rejected as false a posting on the National Report website that said Y": the site (or account) whose
    piece said Y claimed Y; the speech verb is the cue."""
    doc = frame.doc
    prep = _publisher_preposition(doc, noun.i)
    if prep is None or prep + 2 >= len(doc):
        return None
    verb_at = next(
        (
            k + 1 if doc[k].lower_ in {"that", "which"} else k
            for k in range(prep + 2, min(len(doc) - 1, prep + 2 + MAX_NP_TOKENS))
            if (doc[k].lower_ in {"that", "which"} and finite_speech_verb(doc[k + 1])) or doc[k].lower_ in SPELLING_OUT
        ),
        None,
    )
    if verb_at is None:
        return None
    phrase_end = verb_at - 1 if doc[verb_at - 1].lower_ in {"that", "which"} else verb_at
    src = source_after(frame, prep, phrase_end)
    named = APPOSED_NAME.fullmatch(frame.text, src[1], doc[phrase_end].idx) if src is not None else None
    src = named.span("name") if named else src  # "an article in Iraq's official newspaper, Al-Sabah, that said"
    said_from = verb_at + 1 + (verb_at + 1 < len(doc) and doc[verb_at + 1].lower_ == "that")
    if src is None or said_from >= len(doc) or doc[said_from].idx >= end:
        return None
    verdict = VERDICT_ON_IT.search(frame.text, doc[said_from].idx, end)
    content = trim_content(frame.text, (doc[said_from].idx, verdict.start() if verdict else end))
    if content is None:
        return None
    verb, origin = doc[verb_at], "nominal" if outer is not None else "published"
    return Candidate("indirect", [content], (verb.idx, verb.idx + len(verb)), src, 0.8, origin, parent=outer)


def _publisher_preposition(doc: Doc, noun: int) -> int | None:
    """Where the preposition that names a piece's publisher is: right after the noun ("a posting on"), or after
    a relative clause or participle that says it was published ("a story that appeared in", "an article
    published on")."""
    k = noun + 1
    k += k < len(doc) and doc[k].lower_ in {"that", "which"}
    k += k < len(doc) and doc[k].lower_ in {"was", "were"} and k > noun + 1
    if k < len(doc) and doc[k].lower_ in PUBLISHED_VERBS:
        k += 1
    elif k > noun + 1:
        return None  # ("a story that he wrote in ...": no publisher)
    return k if k < len(doc) and doc[k].lower_ in {"on", "in", "by", "from"} else None


def _noun_by_that(frame: Frame, noun: Token, outer: Candidate) -> Candidate | None:
    doc = frame.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ not in {"by", "from"}:
        return None
    # "claims by the union that ...": the phrase ends before "that", however the tagger took "that"
    that_at = next(
        (
            k
            for k in range(noun.i + 2, min(len(doc), noun.i + 3 + MAX_NP_TOKENS))
            if doc[k].lower_ == "that" or doc[k].lower_ in SPELLING_OUT
        ),
        None,
    )
    if that_at is None or (said_from := _spelled_out_from(doc, that_at)) is None:
        return None
    src = source_after(frame, noun.i + 1, that_at)
    before_that = doc[that_at - 1]
    up_to_that = before_that.idx + len(before_that)
    if src is not None and _placed_up_to(frame, src, that_at):  # "officials in the Gaza strip that": where they are
        src = (src[0], up_to_that)
    if src is None or not (src[1] == up_to_that or _coordinated_up_to(frame, src, that_at)):
        return None  # the phrase must run up to "that" ("attacks from Bush and other candidates that": Bush)
    content = trim_content(frame.text, (doc[said_from].idx, outer.end))
    if content is None:
        return None
    return _nominal(noun, src, [_up_to_own_verb(frame, src, content, outer)], outer)


def _placed_up_to(frame: Frame, src: Span, that_at: int) -> bool:
    """Whether the words from the source phrase to "that" say where its people are ("government officials | in the
    Gaza strip | that")."""
    return _phrase_up_to(frame, src, that_at, {"in", "from"})


def _coordinated_up_to(frame: Frame, src: Span, that_at: int) -> bool:
    """Whether the words from the source phrase to "that" are "and" or "or" and another noun phrase ("Bush and
    other candidates")."""
    return _phrase_up_to(frame, src, that_at, {"and", "or"})


def _phrase_up_to(frame: Frame, src: Span, that_at: int, openers: set[str]) -> bool:
    """Whether the words from the source phrase to "that" are one of the openers and a noun phrase."""
    doc = frame.doc
    rest = [t for t in doc[that_at - MAX_NP_TOKENS - 1 : that_at] if t.idx >= src[1]]
    return (
        len(rest) >= 2
        and rest[0].lower_ in openers
        and all(t.pos_ in {"NOUN", "PROPN", "ADJ", "DET", "NUM"} for t in rest[1:])
    )


def _possessive_that(frame: Frame, noun: Token, outer: Candidate) -> Candidate | None:
    """ "the union's claim that Y", "the police's earlier claim that Y"; "the residents were wrong in their
    recollections that Y"."""
    doc = frame.doc
    if noun.i < 2 or noun.i + 1 >= len(doc) or doc[noun.i + 1].lower_ != "that":
        return None
    before = doc[noun.i - 1]
    if before.tag_ in ADJECTIVE_TAGS and noun.i >= 3 and _possessive_mark(doc[noun.i - 2]):
        before = doc[noun.i - 2]
    if before.tag_ == "PRP$":
        src: Span | None = _subject_owning(frame, before, outer)
    elif _possessive_mark(before):
        src = _possessive_owner(frame, before, outer)
    else:
        return None
    content = trim_content(frame.text, (doc[noun.i + 1].idx + 4, outer.end))
    if src is None or content is None:
        return None
    return _nominal(noun, src, [_up_to_own_verb(frame, src, content, outer)], outer)


def _possessive_about(frame: Frame, noun: Token, outer: Candidate) -> Candidate | None:
    """ "the president's claims about lost jobs are unfounded": X claimed something about "lost jobs"
    (the words up to the outer statement's own verb)."""
    doc = frame.doc
    if noun.i < 2 or noun.i + 2 >= len(doc) or not _possessive_mark(doc[noun.i - 1]):
        return None
    if doc[noun.i + 1].lower_ not in {"about", "regarding"}:
        return None
    src = _possessive_owner(frame, doc[noun.i - 1], outer)
    end = next((t.idx for t in doc[noun.i + 2 :] if t.tag_ in FINITE_TAGS or t.idx >= outer.end), outer.end)
    content = trim_content(frame.text, (doc[noun.i + 2].idx, min(end, outer.end)))
    if src is None or content is None:
        return None
    return _nominal(noun, src, [_up_to_own_verb(frame, src, content, outer)], outer)


def claim_named_in_cue(frame: Frame, outer: Candidate) -> list[Candidate]:
    """ "has pooh-poohed the intelligence community consensus that Russia hacked ...": the cue ends
    with a claim noun whose owner premodifies it; the outer statement's words are that owner's claim (or its owner
    follows it: "is investigating claims made by the newspaper Al-Sabah that ...", see _owner_after_claim_noun)."""
    if outer.cue_span is None or outer.kind == "direct" or not outer.content_spans:
        return []
    toks = frame.tokens_between(*outer.cue_span)
    owned_after = _owner_after_claim_noun(frame, outer, toks)
    if owned_after is not None:
        return [owned_after]
    if not toks or not is_cue_noun(toks[-1].text):
        return []
    if not re.fullmatch(r"\s+that\s+", frame.text[outer.cue_span[1] : outer.content_spans[0][0]]):
        return []
    noun = toks[-1]
    src = _premodifying_owner(frame, noun)
    if src is None:
        return []
    return [_nominal(noun, src, list(outer.content_spans), outer)]


# "claims made by the local newspaper Al-Sabah that ...", "allegations from lawmakers that ...": the owner after it
OWNER_AFTER_NOUN = re.compile(
    r"\s+(?:(?:made|published|issued|raised|levell?ed|reported|posted|spread)\s+)?(?:by|from)\s+"
    r"(?P<owner>[^,;:.!?“”\"]{2,80}?)\s+that\s+",
    re.IGNORECASE,
)


def _owner_after_claim_noun(frame: Frame, outer: Candidate, cue: list[Token]) -> Candidate | None:
    """ "The WHO is investigating claims made by the newspaper Al-Sabah that Ebola is spreading": the owner named after
    the cue's claim noun (between the cue and the words, or taken into the words by the tagger: "is looking into
    allegations by | the Daily Ledger that ...", whose words then begin after "that") owns the claim inside."""
    noun = next((t for t in reversed(cue) if is_cue_noun(t.text)), None)
    if noun is None:
        return None
    owned = OWNER_AFTER_NOUN.match(frame.text, noun.idx + len(noun))
    start, end = outer.content_spans[0]
    if owned is None or start not in {owned.end(), owned.start("owner")}:
        return None
    outer.content_spans[0] = (owned.end(), end)
    source = (owned.start("owner"), owned.end("owner"))
    return _nominal(noun, source, [(owned.end(), end)], outer)


# "Hart is "absolutely wrong" for saying (that) ...": what the one said to be wrong said
WRONG_FOR_SAYING = re.compile(
    WRONG_FOR + r"(?P<cue>saying|claiming|suggesting|asserting)\s+(?:that\s+)?", re.IGNORECASE
)


def said_wrongly(frame: Frame, outer: Candidate) -> list[Candidate]:
    """ "Lee said Tom Hart, the owner of the inn, is "absolutely wrong" for saying Lee lied to him": reported words
    that open on a name and say its bearer is wrong for saying something hold that person's claim."""
    if outer.kind == "direct" or not outer.content_spans:
        return []
    start, end = outer.content_spans[0]
    found = WRONG_FOR_SAYING.search(frame.text, start, end)
    if found is None:
        return []
    name = []
    for tok in frame.tokens_between(start, found.start()):
        if tok.pos_ != "PROPN":
            break
        name.append(tok)
    content = trim_content(frame.text, (found.end(), end))
    if not name or content is None or len(frame.text[content[0] : content[1]].split()) < 3:
        return []
    source = (name[0].idx, name[-1].idx + len(name[-1]))
    cue = (found.start("cue"), found.end("cue"))
    return [Candidate("indirect", [content], cue, source, 0.8, "wrong-for-saying", parent=outer)]


def _premodified_that(frame: Frame, noun: Token, outer: Candidate) -> Candidate | None:
    """ "dismissed the weather service consensus that the river is rising", "disputed a Golf.com report saying he was
    suspended": the owner before the noun."""
    doc = frame.doc
    said_from = _spelled_out_from(doc, noun.i + 1)
    if said_from is None:
        return None
    src = _premodifying_owner(frame, noun)
    if src is None or src[0] < outer.start:
        return None
    content = trim_content(frame.text, (doc[said_from].idx, outer.end))
    if content is None:
        return None
    return _nominal(noun, src, [_up_to_own_verb(frame, src, content, outer)], outer)


def _spelled_out_from(doc: Doc, at: int) -> int | None:
    """Where the words a claim noun names begin, when what follows it at ``at`` spells them out: "that ...",
    "saying (that) ...", "claiming (that) ..."; else None."""
    if at < len(doc) and doc[at].lower_ in SPELLING_OUT:
        at += 1
        if at < len(doc) and doc[at].lower_ == "that":
            at += 1
        return at if at < len(doc) else None
    return at + 1 if at + 1 < len(doc) and doc[at].lower_ == "that" else None


def _premodifying_owner(frame: Frame, noun: Token) -> Span | None:
    """ "the U.S. intelligence community" in "the U.S. intelligence community consensus": the nouns and
    names between a determiner and the claim noun."""
    doc = frame.doc
    k = noun.i - 1
    while k >= 0 and noun.i - k <= MAX_NP_TOKENS and doc[k].pos_ in {"PROPN", "NOUN"}:
        k -= 1
    if k == noun.i - 1 or k < 0 or doc[k].pos_ != "DET":
        return None
    last = doc[noun.i - 1]
    return doc[k + 1].idx, last.idx + len(last)


def _subject_owning(frame: Frame, pronoun: Token, outer: Candidate) -> Span | None:
    """ "the residents of Elm Street" in "the residents of Elm Street were wrong in their recollections": the
    subject that opens the outer statement's words, when the possessive pronoun agrees with it in number."""
    if pronoun.lower_ not in OWNER_PRONOUNS:
        return None
    doc = frame.doc
    first = frame.token_index_at(outer.start)
    verb = next((t.i for t in doc[first : pronoun.i] if t.tag_ in FINITE_TAGS), None)
    if verb is None or verb == first or doc[verb - 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    # the head comes before any "of ..." ("the families of the victims")
    head = doc[next((t.i for t in doc[first:verb] if t.pos_ == "ADP"), verb) - 1]
    plural = head.tag_ in {"NNS", "NNPS"}
    if head.pos_ not in {"NOUN", "PROPN"} or plural != (pronoun.lower_ == "their"):
        return None
    end = doc[verb - 1]
    return doc[first].idx, end.idx + len(end)


def _possessive_owner(frame: Frame, mark: Token, outer: Candidate) -> Span | None:
    """ "the union" in "the union's claim": the noun phrase before the possessive mark, within the outer statement."""
    doc = frame.doc
    start = np_left(frame, mark.i - 1, frame.token_index_at(outer.start))
    if start is None:
        return None
    return doc[start].idx, doc[mark.i - 1].idx + len(doc[mark.i - 1])


def _up_to_own_verb(frame: Frame, src: Span, content: Span, outer: Candidate) -> Span:
    """ '"Rubio's claim that Cruz backed the plan is simply false," she said': a claim phrase opening the words it is
    in is their subject, so the claim ends before their verb (as end_subject_claims does for a sentence)."""
    opens = frame.text[outer.start : src[0]].strip(" \"“‘'").lower()
    if opens not in {"", "the", "a"}:
        return content
    cut = sentence_verb_at(frame, content[0], content[1])
    shorter = trim_content(frame.text, (content[0], cut)) if cut is not None else None
    return shorter or content


def _nominal(noun: Token, source: Span, content: list[Span], outer: Candidate) -> Candidate:
    """A claim named by a noun ("claims", "consensus") inside or at the end of another statement."""
    return Candidate("indirect", content, (noun.idx, noun.idx + len(noun)), source, 0.8, "nominal", parent=outer)


# words that open a clause inside the reported one, whose own finite verb comes later ("when", "who", "and", ",")
CLAUSE_OPENERS = {"SCONJ", "CCONJ"}
RELATIVE_TAGS = {"WDT", "WP", "WP$", "WRB"}


def end_subject_claims(frame: Frame, found: list[Candidate]) -> None:
    """ "Lumora's denial that any units had overheated was swift": a claim noun whose phrase opens its sentence is
    the sentence's subject, so the claim ends before the sentence's own verb ("was swift", "was disputed by ...")."""
    for cand in found:
        if not _subject_claim(frame, cand):
            continue
        s, e = cand.content_spans[0]
        cut = sentence_verb_at(frame, s, e)
        if cut is not None and (shorter := trim_content(frame.text, (s, cut))) is not None:
            cand.content_spans[0] = shorter


def _subject_claim(frame: Frame, cand: Candidate) -> bool:
    if cand.kind == "direct" or cand.cue_span is None or len(cand.content_spans) != 1:
        return False
    cue = frame.text[cand.cue_span[0] : cand.cue_span[1]]
    if not is_cue_noun(cue) or cand.start < cand.cue_span[1]:
        return False
    opens = min(cand.cue_span[0], cand.source_span[0] if cand.source_span else cand.cue_span[0])
    before = frame.text[frame.sentence_start_before(opens) : opens].strip()
    # or it opens what another says: "Frazier said Rubio's claim that Cruz backed the plan is simply false"
    reported = re.search(r"(?P<verb>\w+)(?:\s+that)?(?:\s+(?:the|a))?$", before)
    return before.lower() in {"", "the", "a"} or (reported is not None and is_speech_verb(reported.group("verb")))


def sentence_verb_at(frame: Frame, start: int, end: int) -> int | None:
    """Where a finite verb no clause of the reported words (between start and end) can take begins: each clause
    (the reported one, and each that "when", "who", "and" or a comma opens) takes one finite verb; a finite verb
    past them belongs to the sentence around. A leading "that" opens the reported clause itself."""
    toks = [t for t in frame.tokens_between(start, end) if not t.is_space]
    if toks and toks[0].lower_ == "that":
        toks = toks[1:]
    waiting = 1
    for tok in toks:
        if tok.tag_ in FINITE_TAGS:
            if waiting == 0:
                return tok.idx
            waiting -= 1
        elif tok.pos_ in CLAUSE_OPENERS or tok.tag_ in RELATIVE_TAGS or tok.text in {",", ";", "(", "-", "—"}:
            waiting += 1
    return None


def _possessive_mark(tok: Token) -> bool:
    """ "the union's", and a plural's bare apostrophe: "the inspectors' assessment"."""
    if tok.lower_ in {"'s", "’s"}:
        return True
    return tok.text in {"'", "’"} and tok.i > 0 and tok.doc[tok.i - 1].lower_.endswith("s")
