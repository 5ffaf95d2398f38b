"""Reported speech without quote marks: "X said (that) Y", "Talks collapsed, the union said.", "according to
X", and the writer's apposition that names words a claim (", a claim Kyiv denied").
Surface patterns over spaCy tokens and POS tags; no dependency parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import is_cue_noun, is_denial_cue, is_speech_verb, that_only_forms
from sayso.quotes.frame import Frame, Span, trim, trim_content
from sayso.quotes.phrases import (
    FINITE_TAGS,
    MAX_NP_TOKENS,
    NP_POS,
    TIME_ENTS,
    finite_speech_verb,
    source_after,
    source_before,
)

CLAUSE_START_POS = {"PRON", "DET", "PROPN", "NOUN", "ADJ", "NUM", "ADV"}
FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}
TELL_VERBS = {"told", "tell", "tells", "telling", "reminded", "assured", "warned", "urged"}


# --- reported speech ----------------------------------------------------------------------------


# pronouns that inside a quote name no one who speaks: "it", "they", and "I have nothing to add to what ... said"
NO_SPEAKER_INSIDE = {"it", "they", "nothing", "something", "anything", "everything"}


def reported_speech(frame: Frame, *, nested: bool, within: Candidate | None = None) -> list[Candidate]:
    """ "X said (that) Y": a speech verb with a speaker before it and a clause after it."""
    out: list[Candidate] = []
    lo, hi = (within.start, within.end) if within else (0, len(frame.text))
    for tok in frame.speech_verbs_between(lo, hi):
        inside = frame.quote_around(tok.idx)
        if (inside is not None) != nested:
            continue
        # "X told me that Y," Z said. "...": within a quote of several parts, the part that holds the cue
        part_hi = next((e for s, e in within.content_spans if s <= tok.idx < e), hi) if within else hi
        cand = _reported_at(frame, tok, out, lo, part_hi)
        if cand is None:
            continue
        if nested:
            src = frame.text[cand.source_span[0] : cand.source_span[1]].lower() if cand.source_span else ""
            if not src or src.split()[0] in FIRST_SECOND_PERSON or src in NO_SPEAKER_INSIDE:
                continue
        cand.parent = within
        out.append(cand)
    return out


def _reported_at(frame: Frame, cue: Token, earlier: list[Candidate], lo: int, hi: int) -> Candidate | None:
    start_tok = clause_start(frame, cue)
    if start_tok is None:
        return None
    floor_char = max(lo, frame.sentence_start_before(cue.idx))
    floor = frame.token_index_at(floor_char)
    if frame.doc[floor].idx < floor_char:
        floor += 1
    participle = cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ","
    source = None if participle else source_before(frame, cue.i, floor)
    if participle:
        source = _shared_source(frame, cue, earlier)
    if source is None or _anyone_in_a_condition(frame, source):
        return None
    end = min(hi, _content_end(frame, start_tok.idx, nested=lo > 0 or hi < len(frame.text)))
    if start_tok.tag_ == "VBG":
        end = _gerund_end(frame, start_tok, end)
    content = trim_content(frame.text, (start_tok.idx, end))
    if content is None:
        return None
    said = frame.text[content[0] : content[1]].split()
    # (two words only where a denial names what it denies: "BuzzFeed denied the report, saying ...")
    if len(said) < 3 and not (len(said) == 2 and is_denial_cue(cue.text) and is_cue_noun(said[-1].strip(",."))):
        return None
    return Candidate("indirect", [content], (cue.idx, cue.idx + len(cue)), source, 0.8, "reported")


# "denied striking the hospital as the war escalated", "... amid growing anger": the writer's context after the
# gerund's words ("while" stays: "denied paying him while he was injured" is one thing denied)


def _gerund_end(frame: Frame, gerund: Token, end: int) -> int:
    """Where the words of "denied doing X" end: before "amid" or before "as" opening a clause of its own."""
    toks = frame.tokens_between(gerund.idx, end)
    for n, tok in enumerate(toks):
        clause = tok.lower_ == "as" and any(t.tag_ in FINITE_TAGS for t in toks[n + 1 : n + 5])
        if tok.lower_ == "amid" or clause:
            return tok.idx
    return end


def _shared_source(frame: Frame, cue: Token, earlier: list[Candidate]) -> Span | None:
    """ "Peskov said X, noting that Y": the participle's speaker is the sentence's speaker; X ends at the comma."""
    for prev in reversed(earlier):
        if prev.cue_span and prev.cue_span[0] < cue.idx and prev.end >= cue.idx - 2:
            cut = trim_content(frame.text, (prev.content_spans[-1][0], cue.idx - 1))
            if cut is not None:
                prev.content_spans[-1] = cut
            return prev.source_span
    return None


def clause_start(frame: Frame, cue: Token) -> Token | None:
    """First token of the reported clause after a cue, skipping a "that", an object of "told" and
    one prepositional phrase; None when no clause follows (e.g. '"...," he said.')."""
    doc = frame.doc
    k = _skip_citation(doc, _skip_time(doc, cue.i + 1))
    if k < len(doc) and cue.lower_ in TELL_VERBS:
        k = _skip_np(frame, k)
    phrase_skipped = False
    for _ in range(2):
        if k < len(doc) and doc[k].pos_ == "ADP" and doc[k].lower_ not in {"that", "as"}:
            k = _skip_time(doc, _skip_np(frame, k + 1))
            phrase_skipped = True
    if k >= len(doc):
        return None
    if doc[k].lower_ == "that":  # the reported clause begins after it, unless it is the clause's subject
        if _that_closes_a_condition(doc, cue.i, k):
            return None
        if that_is_demonstrative(doc, k):
            # "charged after a crash that killed a cyclist": after a phrase's noun, "that" and a verb are a
            # relative clause of that noun, nothing said
            relative = phrase_skipped and doc[k - 1].pos_ == "NOUN" and not doc[k - 1].ent_type_
            return None if relative else doc[k]
        return doc[k + 1] if k + 1 < len(doc) else None
    if is_cue_noun(doc[k].text) or (doc[k].pos_ == "DET" and k + 1 < len(doc) and is_cue_noun(doc[k + 1].text)):
        return doc[k]
    if doc[k].tag_ == "VBG" and (is_denial_cue(cue.text) or cue.lemma_ == "admit"):
        return doc[k]  # "denied targeting civilians", "admitted taking the money": the gerund's clause
    if cue.lower_ in that_only_forms():
        return None
    if doc[k].pos_ in CLAUSE_START_POS and doc[k].text not in {'"', "“", "‘"} and _has_verb_soon(frame, k):
        return doc[k]
    return None


SUBORDINATORS = {"when", "whenever", "if", "once", "unless", "until", "because"}


ANYONE = {"a", "an", "anyone", "anybody", "someone", "somebody", "you", "people", "nobody"}


def _anyone_in_a_condition(frame: Frame, source: Span) -> bool:
    """ "When a company says it has no plans, investors hear the opposite", "If anyone tells you ...": someone
    unnamed speaking in a condition is no one's statement."""
    doc = frame.doc
    first = frame.token_index_at(source[0])
    return first > 0 and doc[first - 1].lower_ in SUBORDINATORS and doc[first].lower_ in ANYONE


def _that_closes_a_condition(doc: Doc, cue_i: int, k: int) -> bool:
    """ "When a minister says that, you know ...": "that" and a comma end a clause that a subordinator opened
    just before the cue; the words after the comma are the main clause, not what was said."""
    if k + 1 >= len(doc) or doc[k + 1].text != ",":
        return False
    for tok in reversed(doc[max(0, cue_i - 6) : cue_i]):
        if tok.is_punct:
            return False
        if tok.lower_ in SUBORDINATORS:
            return True
    return False


def that_is_demonstrative(doc: Doc, k: int) -> bool:
    """Whether the "that" at k points back ("said that is a distortion", "said that claim was false")
    rather than introducing the reported clause ("said that the plan was dead"): a verb right after it
    (an adverb between allowed: "that never happened"), or a singular claim noun and then a verb."""
    after = [t for t in doc[k + 1 : k + 4] if not t.is_punct]
    if not after:
        return False
    if after[0].pos_ == "ADV" and len(after) > 1:
        after = after[1:]
    if after[0].tag_ in FINITE_TAGS:
        return True
    # "that claim smacked of ...": the tagger reads a past tense after a noun as a participle as often as not
    noun_then_verb = len(after) > 1 and (after[1].tag_ in FINITE_TAGS or after[1].tag_ == "VBN")
    return after[0].tag_ == "NN" and is_cue_noun(after[0].text) and noun_then_verb


def _skip_time(doc: Doc, k: int) -> int:
    """Past "Friday", "on Tuesday afternoon": when a statement was made is no part of it."""
    while k < len(doc) and doc[k].ent_type_ in TIME_ENTS:
        k += 1
    return k


CITING = {"citing", "quoting"}


def _skip_citation(doc: Doc, k: int) -> int:
    """Past ", citing sources," ("Bloomberg reported, citing sources, that ..."): whom a report cites is no part
    of what it says."""
    if k + 1 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in CITING:
        return k
    end = next((t.i for t in doc[k + 2 : min(len(doc), k + 14)] if t.text == ","), None)
    return end + 1 if end is not None else k


def _skip_np(frame: Frame, k: int) -> int:
    doc = frame.doc
    while k < len(doc) and (
        doc[k].pos_ in NP_POS - {"PRON"} or doc[k].lower_ in {"reporters", "him", "her", "them", "us", "me"}
    ):
        if doc[k].lower_ == "that":
            break
        k += 1
    return k


def _has_verb_soon(frame: Frame, k: int) -> bool:
    """Whether a clause follows: a finite verb soon after k ("letters for friends, trying to help" has none)."""
    doc = frame.doc
    end = frame.sentence_end_after(doc[k].idx)
    for t in range(k, min(len(doc), k + 12)):
        if doc[t].idx >= end:
            break
        if doc[t].pos_ in {"VERB", "AUX"} and doc[t].tag_ in FINITE_TAGS:
            return True
    return False


def _content_end(frame: Frame, start: int, *, nested: bool) -> int:
    """End of the reported clause: its sentence's end (inside a quote, that sentence's own end), or the comma
    before an apposition that names it a claim (", a claim Kyiv denied")."""
    if nested:
        return frame.splitter_end_after(start)
    end = frame.sentence_end_after(start)
    apposition = CLAIM_APPOSITION.search(frame.text, start, end)
    end = apposition.start() if apposition else end
    own = next_statement_at(frame, start, end)
    return end if own is None else own


# "calling them a provocation", "describing the report as false": participles that say something of an object
NAMING_PARTICIPLES = {"calling", "branding", "describing", "labelling", "labeling", "dubbing", "terming"}
CONTRASTS = {"while", "whereas"}


def next_statement_at(frame: Frame, start: int, end: int) -> int | None:
    """Where a statement of its own begins after reported words (the comma or semicolon before it): a speech
    participle (", adding ...", ", calling them ..."), "(,) with X insisting ...", or ", while X denied ..." and
    "; X said ..." (a subject and a speech verb of their own), or ", and accused ..." (the speaker's next verb)."""
    doc = frame.doc
    around = frame.quote_around(start)
    for tok in frame.tokens_between(start, end):
        if tok.lower_ == "with" and tok.i > 0 and frame.quote_around(tok.idx) == around:
            if _subject_then(frame, tok.i + 1, _speech_participle):
                return tok.idx  # "... on the set with police spokesman Sgt. Michael Woody saying ...": no comma
            continue
        if tok.text not in {",", ";"} or tok.i + 2 >= len(doc) or frame.quote_around(tok.idx) != around:
            continue
        nxt = doc[tok.i + 1]
        if _speech_participle(nxt):
            return tok.idx
        if nxt.lower_ == "with" and _subject_then(frame, tok.i + 2, _speech_participle):
            return tok.idx
        if nxt.lower_ in {"and", "but"} and finite_speech_verb(doc[tok.i + 2]):
            return tok.idx  # "..., and accused Washington of hypocrisy": the subject's next statement
        first = tok.i + 2 if nxt.lower_ in CONTRASTS else tok.i + 1
        if (tok.text == ";" or nxt.lower_ in CONTRASTS) and _subject_then(frame, first, finite_speech_verb):
            return tok.idx
    return None


def _speech_participle(tok: Token) -> bool:
    return tok.tag_ == "VBG" and (is_speech_verb(tok.text) or tok.lower_ in NAMING_PARTICIPLES)


def _subject_then(frame: Frame, k: int, is_verb: Callable[[Token], bool]) -> bool:
    """Whether a noun phrase at k (a name, "manager Erik ten Hag", "aid groups") is followed, past any
    auxiliaries and adverbs, by a verb that ``is_verb`` accepts."""
    doc = frame.doc
    after = _skip_np(frame, k)
    if after == k or after - k > MAX_NP_TOKENS:
        return False
    while after < len(doc) and doc[after].pos_ in {"ADV", "AUX"} and not is_verb(doc[after]):
        after += 1
    return after < len(doc) and is_verb(doc[after])


# ", a claim Kyiv denied", ", a charge that the ministry rejects", " - a point that auditors have disputed",
# " -- something he denied": the writer's apposition naming the words before it a claim; what follows the noun (and
# "that" or "which") is who disputes or backs it.
FORMS_OF_BE = {"is", "was", "were", "are", "be", "been"}  # (the parse here has no lemmas)
CLAIM_APPOSITION = re.compile(
    r"(?:,|\s[-–—]+)\s+(?:(?:a|an|the)\s+(?:claim|charge|allegation|assertion|accusation|contention|point|view|"
    r"notion|idea|characteri[sz]ation|account|version|assessment|conclusion|finding|estimate|figure)|something)\s+"
    r"(?:(?:that|which)\s+)?(?=\w)"
)


def claim_appositions(frame: Frame, found: list[Candidate], *, polnear: bool) -> list[Candidate]:
    """ "The ministry said its troops took the village, a claim (that) the army denied": the apposition reports
    the army's denial of the words before it: those of the statement ending at its comma, else the clause
    before it (PolNeAR's scheme: "that", or the claim noun phrase, is the content). In sayso's scheme the statement
    whose words end at the apposition loses any words after it ("... overnight … a claim": the tagger's)."""
    out: list[Candidate] = []
    text = frame.text
    for m in CLAIM_APPOSITION.finditer(text):
        toks = frame.tokens_between(m.end(), frame.sentence_end_after(m.start()))
        denier = _denier_and_cue(toks)
        if denier is None:
            continue
        source, cue = denier
        claimed = next((c for c in found if c.cue_span and _ends_at(c, m.start())), None)
        if claimed is not None and not polnear:  # (its words end at the apposition: not "... overnight … a claim")
            claimed.content_spans = [(a, b) for a, b in claimed.content_spans if b <= m.start()]
        if polnear and "something" in m.group(0):
            continue  # (PolNeAR's scheme takes "something" for no statement's words)
        if polnear:
            relative = re.search(r"\b(?:that|which)\s+$", text[m.start() : m.end()])
            noun = (m.start() + 1, m.end()) if relative is None else (m.start() + relative.start(), m.end())
            content = [span] if (span := trim(text, noun)) else []
        elif claimed is not None:
            content = list(claimed.content_spans)
        else:
            span = trim_content(text, (frame.sentence_start_before(m.start()), m.start()))
            content = [span] if span else []
        if content:
            out.append(Candidate("indirect", content, cue, source, 0.8, "claim-apposition"))
    return out


def _denier_and_cue(toks: list[Token]) -> tuple[Span, Span] | None:
    """The source and cue of the words after a claim noun: "the army (has long) denied" (active), "(was) disputed
    by the border police" (passive), or None when they are no statement."""
    verb = _main_verb(toks)
    if verb is None or not (is_speech_verb(toks[verb].text) or is_denial_cue(toks[verb].text)):
        return None
    k = verb
    while k > 0 and toks[k - 1].pos_ in {"AUX", "ADV"}:
        k -= 1
    cue = (toks[k].idx, _verdict_end(toks, verb))
    if k == 0 and toks[verb].tag_ == "VBN" and verb + 2 < len(toks) and toks[verb + 1].lower_ == "by":
        np = verb + 2
        while np < len(toks) and _in_noun_phrase(toks, np):
            np += 1
        return ((toks[verb + 2].idx, toks[np - 1].idx + len(toks[np - 1])), cue) if np > verb + 2 else None
    if k == 0 or not all(_in_noun_phrase(toks, i) for i in range(k)):
        return None
    return (toks[0].idx, toks[k - 1].idx + len(toks[k - 1])), cue


def _verdict_end(toks: list[Token], verb: int) -> int:
    """Where the cue ends: after its verb, or after the verdict that follows a verb of saying ("a claim DHS said was
    false", "said is untrue": the verdict is how the denier called the claim)."""
    k = verb + 1
    if k < len(toks) and toks[k].lower_ in FORMS_OF_BE and is_speech_verb(toks[verb].text):
        k += 1
        while k < len(toks) and toks[k].pos_ in {"ADV", "PART"}:
            k += 1
        if k < len(toks) and toks[k].pos_ == "ADJ":
            return toks[k].idx + len(toks[k])
    return toks[verb].idx + len(toks[verb])


def _ends_at(cand: Candidate, at: int) -> bool:
    """Whether one of the statement's spans of words ends right before `at` (a comma or dash after it)."""
    return any(at - 2 <= end <= at for _, end in cand.content_spans)


def _in_noun_phrase(toks: list[Token], i: int) -> bool:
    return toks[i].pos_ in NP_POS or _possessive(toks[i]) or _joins(toks, i)


def _main_verb(toks: list[Token]) -> int | None:
    """The first verb ("a claim Kyiv denied"), past auxiliaries and adverbs ("that officials have long rejected")."""
    verb = next((k for k, t in enumerate(toks) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or toks[verb].pos_ != "AUX":
        return verb
    after = next((k for k in range(verb + 1, len(toks)) if toks[k].pos_ not in {"AUX", "ADV", "PART"}), None)
    return after if after is not None and toks[after].pos_ == "VERB" else verb


def _possessive(tok: Token) -> bool:
    return tok.lower_ in {"'s", "’s"}


def _joins(toks: list[Token], i: int) -> bool:
    """ "the army and the border police": "and" or "or" between two words of noun phrases."""
    return toks[i].pos_ == "CCONJ" and 0 < i < len(toks) - 1 and toks[i + 1].pos_ in NP_POS


# --- "..., the union said." ---------------------------------------------------------------------


def trailing_attributions(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """Reported words first, the attribution after a comma at the sentence's end: "Talks collapsed,
    the union said." / "..., said a spokesman on Friday." (quoted words are left to the quote rules)."""
    out: list[Candidate] = []
    speech = {t.i for t in frame.speech_verbs}
    findings = [t for t in frame.tokens if t.lower_ in FINDING_VERBS and t.pos_ in {"VERB", "AUX"}]
    for tok in sorted([*frame.speech_verbs, *(t for t in findings if t.i not in speech)], key=lambda t: t.i):
        if frame.quote_around(tok.idx) or any(c.cue_span and c.cue_span[0] == tok.idx for c in found):
            continue
        cand = _trailing_at(frame, tok)
        if cand is not None and (tok.i in speech or _a_study(frame, cand)):
            out.append(cand)
    return out


# "..., study finds", "..., poll shows": what a study finds is what it says
FINDING_VERBS = {"finds", "found", "shows", "showed", "suggests", "suggested", "concludes", "concluded"}
STUDIES = {"study", "survey", "poll", "report", "analysis", "review", "research", "audit", "inquiry", "studies"}


def _a_study(frame: Frame, cand: Candidate) -> bool:
    source = frame.text[cand.source_span[0] : cand.source_span[1]].lower().split() if cand.source_span else []
    return bool(source) and source[-1] in STUDIES


def _trailing_at(frame: Frame, cue: Token) -> Candidate | None:
    doc = frame.doc
    if cue.tag_ == "VBG":
        return None  # ", adding levity": a participle, not the sentence's attribution
    sent_start = frame.sentence_start_before(cue.idx)
    sent_end = frame.sentence_end_after(cue.idx)
    tail = frame.tokens_between(cue.idx + len(cue), sent_end)
    if len(tail) > 7 or any(t.pos_ in {"VERB", "AUX"} or t.lower_ == "that" for t in tail):
        return None
    floor = frame.token_index_at(sent_start)
    source = source_before(frame, cue.i, floor)
    comma_char = source[0] if source else cue.idx
    if source is None:
        source = source_after(frame, cue.i, len(doc))
        if source is not None and _bare_singular(frame.tokens_between(*source)):
            return None  # "Lumora unveils tablet, denies battery fault report": the cue's object, no speaker
    if source is None:
        return None
    if CLAIM_APPOSITION.search(frame.text, sent_start, cue.idx):
        return None  # ", a claim Kyiv denied": claim_appositions takes it
    comma = frame.text.rfind(",", sent_start, comma_char)
    if comma < 0 or frame.text[comma + 1 : comma_char].strip():
        return None
    if source[1] <= cue.idx and tail and _has_object(tail):
        return None  # "In her book, Lee noted the cost": the cue has an object; nothing is reported before it
    content = trim_content(frame.text, (sent_start, comma))
    if content is None or len(frame.text[content[0] : content[1]].split()) < 4 or _fronted(frame, content[0]):
        return None
    if frame.text[content[0]] in '"“' and frame.text[content[1] - 1 : content[1] + 1].strip(",")[-1:] in '"”':
        return None  # a quote: the quote rules take it
    return Candidate("indirect", [content], (cue.idx, cue.idx + len(cue)), source, 0.75, "trailing")


def _bare_singular(toks: list[Token]) -> bool:
    """A singular common noun with no determiner and no name ("battery fault report"): after an inverted cue a
    speaker has one ("said a spokesman", "said Lee") or is a plural or mass noun ("said police", "said officials");
    a headline's object has none."""
    words = [t for t in toks if not t.is_punct]
    if not words or words[-1].tag_ != "NN":
        return False
    return all(t.pos_ in {"NOUN", "ADJ"} for t in words)


def _has_object(tail: list[Token]) -> bool:
    """Whether the words after a cue open with its object rather than with when or where it was said."""
    first = next((t for t in tail if not t.is_punct), None)
    return first is not None and first.ent_type_ not in TIME_ENTS and first.pos_ not in {"ADP", "ADV", "PART"}


def _fronted(frame: Frame, start: int) -> bool:
    """Whether words before a comma are a fronted phrase or clause ("When the council met", "In her book",
    "Campaigning in 2012") rather than a statement of their own."""
    toks = frame.tokens_between(start, frame.sentence_end_after(start))
    toks = toks[1:] if toks and toks[0].pos_ == "CCONJ" else toks
    return bool(toks) and (toks[0].pos_ in {"SCONJ", "ADP"} or toks[0].tag_ in {"VBG", "VBN"})


# --- "according to X" ---------------------------------------------------------------------------


def according_to(frame: Frame) -> list[Candidate]:
    out: list[Candidate] = []
    text = frame.text
    for tok in frame.tokens:
        if tok.lower_ != "according" or tok.i + 1 >= len(frame.doc) or tok.nbor(1).lower_ != "to":
            continue
        if frame.quote_around(tok.idx) is not None:
            continue
        src = source_after(frame, tok.i + 1, len(frame.doc))
        if src is None:
            continue
        sent_start, sent_end = frame.sentence_start_before(tok.idx), frame.sentence_end_after(tok.idx)
        if _quote_attributed_before(frame, sent_start, tok.idx):
            continue  # '"He hates them," Hewitt said, according to a transcript': Hewitt's words (the quote rules)
        if text[sent_start : tok.idx].strip(" ,"):
            content = trim_content(text, (sent_start, tok.idx))
        else:
            src = _source_to_comma(frame, src, sent_end)
            content = trim_content(text, (src[1], sent_end))
        if content is None or len(text[content[0] : content[1]].split()) < 3:
            continue
        cue = (tok.idx, tok.nbor(1).idx + 2)
        out.append(Candidate("indirect", [content], cue, src, 0.8, "according"))
    return out


ATTRIBUTION_TOKENS = 10  # at most this many words between a quote's close and "according to": its own attribution


def _quote_attributed_before(frame: Frame, start: int, at: int) -> bool:
    """Whether a quote closes between ``start`` and ``at`` and a speech verb follows it before ``at`` ('"...,"
    spokesman Jamal Ware said in a statement according to The Blaze')."""
    closed = [q.close for q in frame.outer_quotes if start <= q.open and q.close < at]
    between = frame.tokens_between(max(closed), at) if closed else []
    return len(between) <= ATTRIBUTION_TOKENS and any(is_speech_verb(t.text) for t in between)


def _source_to_comma(frame: Frame, src: Span, sent_end: int) -> Span:
    """ "According to early results of exit polls conducted for the networks, most voters ...": a source
    that opens its sentence runs on to the comma before the reported words, however the phrase goes on
    (a participle, a hyphenated name), as long as no clause of its own comes between."""
    comma = frame.text.find(",", src[1], sent_end)
    if comma < 0 or frame.quote_around(comma) is not None:
        return src
    between = frame.tokens_between(src[1], comma)
    phrase = frame.tokens_between(src[0], comma)
    if len(between) > MAX_NP_TOKENS + 4 or any(t.tag_ in FINITE_TAGS for t in _before_relative(phrase)):
        return src
    return (src[0], comma) if between else src


def _before_relative(toks: list[Token]) -> list[Token]:
    """The tokens before a relative clause ("two diplomats who attended the talks"): the clause's verb describes
    the source, it opens no clause of its own."""
    at = next((k for k, t in enumerate(toks) if k > 0 and t.lower_ in {"who", "which"}), len(toks))
    return toks[:at]
