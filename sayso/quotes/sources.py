"""Repairs of the statements' sources after the rules and the tagger are merged: a speaker phrase filled in
beside a cue that has none, cut before a trailing time phrase, widened over an apposition opening the
sentence, moved from a relative pronoun to its antecedent or from the one told to the one telling, and
dropped where the one beside the cue was asked rather than speaking.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import is_speech_verb, words
from sayso.quotes.frame import Frame, Span, trim_content
from sayso.quotes.phrases import (
    FINITE_TAGS,
    NP_POS,
    np_left,
    sentence_subject,
    source_after,
    source_before,
    subject_of_participle,
)
from sayso.quotes.spans import cue_words, overlaps, spans_of

AS_ASIDE = re.compile(r"\W*as\s+", re.IGNORECASE)  # " - as " before "Rubio has said"


def unshare_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "He ... even assured the crowd that he doesn't have small hands - as Rubio has said - and ...": a speaker phrase
    the tagger gave both to the cue right after it ("Rubio has said") and to an earlier cue whose words it follows
    ("assured") is the later cue's; the earlier statement loses it (fill_sources then finds its own). So does the
    statement of a noun cue in a prepositional phrase (_noun_cue_in_a_phrase)."""
    for cand in found:
        source, cue = cand.source_span, cand.cue_span
        if source is None or cue is None or source[0] < cand.end:
            continue
        if not AS_ASIDE.fullmatch(frame.text, cand.end, source[0]) and not _noun_cue_in_a_phrase(frame, cue):
            continue  # ("Citing a theory, Trump said": the subject after an opening participle speaks both)
        if any(other is not cand and _speaks_right_after(other, source) for other in found):
            cand.source_span = None


def _noun_cue_in_a_phrase(frame: Frame, cue: Span) -> bool:
    """ "Days after the web blew up with reports that ..., reps for the actor have said": a noun cue that is a
    preposition's object; the speaker of the clause after is not the one whose reports these are."""
    first, last = frame.token_index_at(cue[0]), frame.token_index_at(cue[1] - 1)
    return frame.doc[last].pos_ == "NOUN" and first > 0 and frame.doc[first - 1].pos_ == "ADP"


def _speaks_right_after(cand: Candidate, source: Span) -> bool:
    """Whether a statement has that speaker phrase with its cue right after it ("Rubio has said")."""
    return cand.source_span == source and cand.cue_span is not None and 0 <= cand.cue_span[0] - source[1] <= 2


def fill_sources(frame: Frame, found: list[Candidate]) -> None:
    """A statement with a cue but no tagged source takes the speaker phrase the rules see beside that cue
    ("Trump continues his adulation of Putin": the tagger left "Trump" untagged)."""
    for cand in found:
        if cand.cue_span is None or cand.source_span is not None:
            continue
        first, last = frame.token_index_at(cand.cue_span[0]), frame.token_index_at(cand.cue_span[1] - 1)
        sent_start = frame.sentence_start_before(cand.cue_span[0])
        floor = frame.token_index_at(sent_start)
        floor += frame.doc[floor].idx < sent_start
        source = source_before(frame, first, floor) if first > floor else None
        if source is None and frame.doc[first].tag_ == "VBG" and first > floor and frame.doc[first - 1].text == ",":
            source = subject_of_participle(frame, frame.doc[first], floor)  # "Singer sues producer, alleging ..."
        if source is None:
            source = source_after(frame, last, frame.token_index_at(frame.sentence_end_after(cand.cue_span[1])))
        if source is not None and not overlaps(source, cand.content_spans):
            cand.source_span = source


def participle_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "An official denied that the woman is the wife of Omar Haddad, the group's leader, adding that ...": a
    participle cue after a comma is said by the speaker of the sentence's statement before it, not by a noun phrase
    in that statement's words (the tagger takes "the group's leader" as the source of "adding")."""
    doc = frame.doc
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.source_span[1] > cand.cue_span[0]:
            continue
        first = frame.token_index_at(cand.cue_span[0])
        if doc[first].tag_ != "VBG" or first == 0 or doc[first - 1].text != ",":
            continue
        sentence = frame.sentence_start_before(cand.cue_span[0])
        earlier = [
            other
            for other in found
            if other is not cand and other.cue_span is not None and other.source_span is not None
            and sentence <= other.source_span[0] and other.source_span[1] <= other.cue_span[0]
            and other.cue_span[1] <= cand.source_span[0] and _right_after(frame.text, other, cand.source_span[0])
        ]
        if earlier:
            cand.source_span = max(earlier, key=lambda other: other.cue_span[0] if other.cue_span else 0).source_span


def _right_after(text: str, statement: Candidate, at: int) -> bool:
    """Whether ``at`` lies in a statement's words or just after them past a comma (an apposition of their end)."""
    return statement.start <= at and (at <= statement.end or not text[statement.end : at].strip(" ,"))


# "A third nurse at the hospital that night said": a time phrase between the speaker and the cue (or the
# word it was cut at) is no part of the speaker phrase, nor is an article or preposition ending it, nor an
# aside set off by commas ("Donald Trump, in particular, said": PolNeAR train leaves such asides out 48 times
# of 51).
TRAILING_TIME = re.compile(
    r"(?:\s+(?:that|this|earlier|later)(?:\s+(?:night|evening|morning|afternoon|day|week|"
    r"weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
    r"|(?<!ed)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"  # "officials Tuesday"
    r"|\s+(?-i:today|yesterday|tonight)"  # "Tayyip Erdogan today said" (not "A reporter for USA Today")
    r"|\s+(?:the|a|an|of|at|in|neither|either)"
    r"|,\s+(?:in particular|however|meanwhile|for example|for instance|too),?)$",
    re.IGNORECASE,
)


# After a cue, the speaker phrase ends before a phrase of when or why they spoke ("says Hartley boss after late
# penalty", "said Lee following the vote").
TRAILING_EVENT = re.compile(r"\s+(?:after|before|during|following|amid|despite)\s+[^,;:]*$", re.IGNORECASE)


# After a cue, the speaker phrase ends before the one it was said to ('," said Plant's publicist to the Guardian',
# "said a spokesman to reporters"), unless "to" names whom the speaker serves ("a senior adviser to the President").
TRAILING_ADDRESSEE = re.compile(
    r"(?P<last>[\w’']+)\s+to\s+(?:reporters|journalists|(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})$"
)
SERVES_WHOM = words(
    "adviser advisor aide counsel counselor counsellor assistant consultant ambassador envoy secretary heir successor"
    " attorney lawyer deputy liaison representative minister special senior chief"
)


def tidy_sources(frame: Frame, found: list[Candidate], *, keep_asides: bool = False) -> None:
    """Source spans without a trailing time phrase or function word (see TRAILING_TIME), after the cue without the
    one spoken to (TRAILING_ADDRESSEE), and before the cue without an aside in brackets (unless keep_asides: PolNeAR
    marks "many colleges (private ones, in particular)" whole; a source inside the aside moves before it in any
    case)."""
    for cand in found:
        if cand.source_span is None:
            continue
        start, end = cand.source_span
        while (cut := TRAILING_TIME.search(frame.text, start, end)) is not None and cut.start() > start:
            end = cut.start()
        after_cue = cand.cue_span is not None and start >= cand.cue_span[1]
        if after_cue and (cut := TRAILING_EVENT.search(frame.text, start, end)) is not None and cut.start() > start:
            end = cut.start()  # "'We were robbed,' says Hartley boss after late penalty"
        if after_cue and (told := TRAILING_ADDRESSEE.search(frame.text, start, end)) is not None:
            to_reporters = not told.group(0).split()[-1][:1].isupper()
            if told.start() > start and (to_reporters or told.group("last").lower() not in SERVES_WHOM):
                end = told.end("last")
        cand.source_span = _before_an_aside(frame, (start, end), cand.cue_span, keep_asides)


# an aside of three words or more (not "(R-Utah)", "(D)": who someone is, part of the name as PolNeAR marks it)
ASIDE_BEFORE_CUE = re.compile(r"\((?:[^()\s]+\s+){2,}[^()]{0,100}\)\s*$")


def _before_an_aside(frame: Frame, source: Span, cue: Span | None, keep_asides: bool) -> Span:
    """ "The council (which runs the port) said", "The report on MSNBC.website (not to be confused with the real
    MSNBC) said": an aside in brackets right before the cue is no part of the speaker, who is named before it."""
    if cue is None or source[1] > cue[0]:
        return source
    aside = ASIDE_BEFORE_CUE.search(frame.text, max(0, source[0] - 120), cue[0])
    if aside is None or source[0] >= aside.end() or frame.text[source[1] : aside.start()].strip():
        return source
    if keep_asides and source[0] < aside.start() and frame.text[source[0] - 1 : source[0]].strip() == "":
        return source  # (a source that begins at a word's start, before the aside: kept whole for PolNeAR)
    named_end = source[0] + len(frame.text[source[0] : aside.start()].rstrip())
    floor = frame.token_index_at(frame.sentence_start_before(aside.start()))
    before = source_before(frame, frame.token_index_at(aside.start()), floor)
    if before is not None and (before[0] <= source[0] or source[0] >= aside.start()):
        # the phrase before the aside, up to it, when it holds what was taken ("website" of "Ledger.website")
        return (before[0], before[0] + len(frame.text[before[0] : aside.start()].rstrip()))
    return (source[0], named_end) if named_end > source[0] else source


def widen_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "A lawyer for the news outlets, David Schulz, said": a common-noun phrase opening the sentence and set
    off by a comma before the speaker's name is the same speaker, and part of the source (not a time phrase,
    a connective, a lone name, or a relative pronoun's antecedent)."""
    text = frame.text
    taken = spans_of(found, sources=False)
    for cand in found:
        if cand.source_span is None or text[cand.source_span[0] : cand.source_span[1]].lower() in RELATIVES:
            continue
        before = text[: cand.source_span[0]].rstrip()
        if not before.endswith(","):
            continue
        comma = len(before) - 1
        start = frame.sentence_start_before(comma)
        toks = [t for t in frame.tokens_between(start, comma) if not t.is_space]
        if not toks or len(toks) > 8 or "," in text[start:comma] or not _appositive_phrase(toks):
            continue
        if not overlaps((start, comma), taken):
            cand.source_span = (toks[0].idx, cand.source_span[1])


RELATIVES = {"who", "which", "that"}


TELL = {"told", "tells", "telling", "tell"}


def drop_addressee_sources(frame: Frame, found: list[Candidate]) -> None:
    """ '"...," Ramos, 58, told AFP': the noun phrase after "told" is the one told, not the speaker (the
    tagger and the rules after the cue take it); the speaker before the cue is taken instead, if any, or the
    subject opening the sentence ("Lee praised the crew, telling reporters ...")."""
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.source_span[0] < cand.cue_span[1]:
            continue
        words = cue_words(frame.text, cand.cue_span)
        if not words or words[-1] not in TELL:
            continue
        first = frame.token_index_at(cand.cue_span[0])
        floor = frame.token_index_at(frame.sentence_start_before(cand.cue_span[0]))
        source = source_before(frame, first, floor) if first > floor else None
        if source is None and first - 1 > floor and frame.doc[first - 1].text == ",":
            source = sentence_subject(frame, floor, first - 1)  # "Lee praised the crew, telling reporters"
        if source is not None and overlaps(source, cand.content_spans):
            source = None
        cand.source_span = source


# "she was informed that ...", "He was told by aides that ...": the subject of a passive telling is the one told
TOLD_PASSIVE = {"told", "informed", "notified", "assured", "advised", "reminded"}
BE_BEFORE_TOLD = {"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"}


def passive_addressee_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "After she was informed that her post was based on a lie, ...": the subject of a passive cue of telling
    is the one told, no speaker; the speaker is the agent after "by" where one follows ("He was told by aides
    that ...": the aides)."""
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.source_span[1] > cand.cue_span[0]:
            continue
        last = frame.token_index_at(cand.cue_span[1] - 1)
        told = frame.doc[last]
        if told.lower_ not in TOLD_PASSIVE or last == 0 or frame.doc[last - 1].lower_ not in BE_BEFORE_TOLD:
            continue
        agent = None
        if last + 1 < len(frame.doc) and frame.doc[last + 1].lower_ == "by":
            agent = source_after(frame, last + 1, frame.token_index_at(frame.sentence_end_after(cand.cue_span[1])))
        cand.source_span = None if agent is None or overlaps(agent, cand.content_spans) else agent


def relative_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "Barkley, who said he votes Democratic, said ...": a source that is a relative pronoun whose clause
    closes (a comma, a dash) before the cue speaks the relative clause, not the cue; the cue's speaker is the
    pronoun's antecedent ("Barkley"). A cue inside the clause keeps the pronoun ("the crews who said")."""
    text = frame.text
    for cand in found:
        if cand.source_span is None or cand.cue_span is None or cand.source_span[1] > cand.cue_span[0]:
            continue
        pronoun = frame.doc[frame.token_index_at(cand.source_span[0])]
        if pronoun.lower_ not in {"who", "which"} or pronoun.idx != cand.source_span[0]:
            continue
        if not CLAUSE_CLOSED.search(text, cand.source_span[1], cand.cue_span[0]):
            continue
        mark = pronoun.i - 1
        if mark < 1 or not CLAUSE_OPENED.fullmatch(frame.doc[mark].text):
            continue
        floor = frame.token_index_at(frame.sentence_start_before(pronoun.idx))
        start = np_left(frame, mark - 1, floor) if mark - 1 >= floor else None
        if start is not None:
            cand.source_span = (frame.doc[start].idx, frame.doc[mark - 1].idx + len(frame.doc[mark - 1]))


def relative_pronoun_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "He dismissed criticism from Harold Doley, a former official who has suggested the aides were overpaid": a
    cue right after "who" (past auxiliaries and adverbs) is said by the one "who" stands for, not by a speaker named
    earlier in the sentence (the speakers stage reads the pronoun's antecedent)."""
    doc = frame.doc
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.source_span[1] > cand.cue_span[0]:
            continue
        k = frame.token_index_at(cand.cue_span[0]) - 1
        while k >= 0 and doc[k].pos_ in {"AUX", "ADV", "PART"}:
            k -= 1
        if k >= 0 and doc[k].lower_ == "who" and doc[k].idx >= cand.source_span[1]:
            cand.source_span = (doc[k].idx, doc[k].idx + len(doc[k]))


def reopen_relative_sources(frame: Frame, found: list[Candidate]) -> None:
    """ "A senior official, who spoke on condition of anonymity because he was not authorized to discuss the
    matter, said": a source cut inside a relative clause set off by commas ("he was not authorized ...") starts
    at the noun phrase the clause belongs to, when that phrase opens the sentence."""
    text = frame.text
    for cand in found:
        if cand.source_span is None or cand.cue_span is None or cand.source_span[1] > cand.cue_span[0]:
            continue
        if RELATIVE_END.search(text, cand.source_span[0], cand.source_span[1]):
            # "A senior official, who": the clause runs on to the comma before the cue
            comma = text.rfind(",", cand.source_span[1], cand.cue_span[0])
            if comma > cand.source_span[1] and not text[comma + 1 : cand.cue_span[0]].strip():
                cand.source_span = (cand.source_span[0], comma + 1)
            continue
        if not any(t.tag_ in FINITE_TAGS for t in frame.tokens_between(*cand.source_span)):
            continue  # a speaker phrase of its own ("he" after "..., but"), not a piece of a clause
        start = frame.sentence_start_before(cand.source_span[0])
        m = OPENING_RELATIVE.match(text, start, cand.source_span[0])
        if m is None or overlaps((start, cand.source_span[0]), cand.content_spans):
            continue
        toks = [t for t in frame.tokens_between(start, m.start(1)) if not t.is_space]
        if toks and _appositive_phrase(toks) or (toks and all(t.pos_ in NP_POS for t in toks)):
            cand.source_span = (toks[0].idx, cand.source_span[1])


RELATIVE_END = re.compile(r"\w,\s+(?:who|which)$")
# A sentence opening with a noun phrase and a relative clause after a comma: "A senior official, who ..."
OPENING_RELATIVE = re.compile(r"\s*[\"“]?[A-Z][^,;:\"“”]{0,80}?(,)\s+(?:who|which|whose)\s[^;:\"“”]*$")
CLAUSE_OPENED = re.compile(r"[,(\u2014\u2013\u2015]|--")
CLAUSE_CLOSED = re.compile(r"[,)\u2014\u2013\u2015]|--")


# "Asked whether ..., Lee said", "Lee was asked whether ...", "when pressed on ...": the one asked answers,
# the question is not theirs (PolNeAR train: such cues with "asked" have no source 91 times of 108, those
# with "pressed", "questioned", "challenged" or "told" 12 of 17, and those that have one name the asker
# after "by").
ASKED_CUE = re.compile(
    r"(?:(?:was|were|is|are|been|being)\s+)?(?:asked|pressed|questioned|challenged|told)(?:\s+(?:about|on))?",
    re.IGNORECASE,
)
PASSIVE_AUX = {"was", "were", "is", "are", "been", "being"}
BEFORE_ASKED = {"when", "if", "after", "before", "once", "being", "been", "was", "were"}
# "The bill is expected to pass", "Lee was booed", "contests known as Super Tuesday": in a passive whose
# subject is what is reported on, not who reports it, the source is the agent after "by" or none (PolNeAR
# train, without "by": "expected" no source 68 times of 68, "known" 17 of 18, "seen" 17 of 18, "announced"
# 6 of 6, "shown" 5 of 6, "criticized" 3 of 3, "accused" 4 of 5, "known as" and "titled" bare 12 of 14).
PATIENT_PASSIVE = re.compile(
    r"(?:(?:(?:has|have|had)\s+)?(?:is|are|was|were|been|being|be|’s|'s)\s+(?:(?:\w+ly|not|also|still|long)\s+)*"
    r"(?:expected|known|seen|announced|shown|criticized|criticised|booed|reported|accused|briefed|greeted)"
    r"|(?:also\s+)?known|titled)(?:\s+(?:as|to|for|of|on|about))?",
    re.IGNORECASE,
)


# "said | in a statement according to | The Blaze", "said, | according to | a transcript": the quote's own cue
# (maybe with a phrase after it), then the one who reports it
SPEECH_VERB_OPENING = re.compile(r"(\w+)")
ACCORDING_AFTER_CUE = re.compile(
    r"(?P<own>(?:\s+(?:in|on|at|to|during|after)\s[^,.;]{0,40}?)?)\s*,?\s*according\s+to\s+$", re.IGNORECASE
)


def speakers_before_according(frame: Frame, found: list[Candidate]) -> None:
    """ '"He hates them," Hewitt said, according to a transcript': the one before the speech verb says the quote's
    words (they end at its close); the source after "according to" only reports them."""
    text = frame.text
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.source_span[0] < cand.cue_span[0]:
            continue
        verb = SPEECH_VERB_OPENING.match(text, cand.cue_span[0], cand.source_span[0])
        after = ACCORDING_AFTER_CUE.fullmatch(text, verb.end(), cand.source_span[0]) if verb else None
        closes = [q.close for q in frame.outer_quotes if cand.start <= q.close < cand.cue_span[0]]
        if verb is None or after is None or not closes or not is_speech_verb(verb.group(1)):
            continue
        close = max(closes)
        speaker = source_before(frame, frame.token_index_at(cand.cue_span[0]), frame.token_index_at(close + 1))
        if speaker is not None:
            cand.source_span = speaker
            cand.cue_span = (cand.cue_span[0], after.end("own"))
            kept = [trim_content(text, (s, min(e, close))) for s, e in cand.content_spans if s < close]
            cand.content_spans = [span for span in kept if span is not None] or cand.content_spans


def drop_asked_sources(frame: Frame, found: list[Candidate]) -> None:
    """A question put to someone ("Asked whether ...", "was asked", "when pressed on") has no source unless the
    asker follows ("asked by the host"): the speaker beside the cue is the one who answers; so for other
    passives whose subject is what is reported on (see PATIENT_PASSIVE)."""
    text = frame.text
    for cand in found:
        if cand.cue_span is None or cand.source_span is None:
            continue
        s, e = cand.cue_span
        cue = text[s:e]
        if re.match(r"\s+by\s", text[e : e + 5]):
            continue
        if PATIENT_PASSIVE.fullmatch(cue) is not None:
            cand.source_span = None
            continue
        if ASKED_CUE.fullmatch(cue) is None:
            continue
        before = text[:s].rstrip()
        previous = before.rsplit(None, 1)[-1].lower() if before else ""
        opening = cue[0].isupper() and (not before or before[-1] in ".!?\"”\n")
        if cue.split()[0].lower() in PASSIVE_AUX or opening or previous in BEFORE_ASKED:
            cand.source_span = None


# "Outside court, the charity's chief executive said": a place or time phrase, whatever the tagger reads its
# first word as, is no apposition of the speaker.
# words that open a phrase of place, time or contrast ("Contrary to Lazar's claims, authorities say"), not a speaker
PREPOSITION_WORDS = words(
    "outside inside after before during near behind beyond within since until despite"
    " contrary unlike besides apart aside"
)


def _appositive_phrase(toks: list[Token]) -> bool:
    if toks[0].pos_ in {"ADP", "CCONJ", "ADV", "PART"} or toks[-1].pos_ not in {"NOUN", "PROPN"}:
        return False
    if toks[0].lower_ in PREPOSITION_WORDS:
        return False
    if not any(t.pos_ == "NOUN" for t in toks):
        return False
    return not any(
        t.tag_ in {"VBD", "VBZ", "VBP", "MD", "VBG"}
        or t.pos_ in {"VERB", "AUX", "SCONJ"}
        or t.ent_type_ in {"DATE", "TIME"}
        or t.text in {"—", "–", "-", ":"}
        for t in toks
    )


POSSESSIVE_END = re.compile(r"(?<=\w)(?:['\u2019]s|(?<=s)['\u2019])$")


def drop_possessive_marks(frame: Frame, found: list[Candidate]) -> None:
    """ "Lumora's denial that ...", "the inspectors' finding that ...": the owner of a claim noun is the speaker,
    without the possessive mark (sayso's scheme; PolNeAR's sources keep it)."""
    for cand in found:
        if cand.source_span is None:
            continue
        start, end = cand.source_span
        mark = POSSESSIVE_END.search(frame.text, start, end)
        if mark is not None and mark.start() > start:
            cand.source_span = (start, mark.start())

