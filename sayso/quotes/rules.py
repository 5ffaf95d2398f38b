"""Attribution rules where they are exact: quote marks with their cue and source, reported speech
("X said (that) Y"), "according to X", nominal attributions ("claims by X that Y") and statements
nested inside quotes. Surface patterns over spaCy tokens and POS tags; no dependency parse.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from sayso.model import QuoteKind
from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import WRONG_FOR, is_cue_noun, is_speech_verb
from sayso.quotes.frame import Frame, Span, trim_content
from sayso.quotes.marks import QuotedSpan
from sayso.quotes.phrases import (
    FINITE_TAGS,
    HEAD_POS,
    MAX_NP_TOKENS,
    TIME_ENTS,
    abbrev,
    np_left,
    np_token,
    source_after,
    source_before,
)
from sayso.quotes.reported import according_to, clause_start, reported_speech, trailing_attributions

ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}
OWNER_PRONOUNS = {"his", "her", "their"}
# '" ― Jorge Falcon', '" — Donald J. Trump (@realDonaldTrump)': a dash, then a capitalised name that ends its line.
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][\w'’.-]*(?:[ \u00a0]+(?:[A-Z][\w'’.-]*|de|van|von|da|del))*)"
    r"[ \t\u00a0]*(?:\([^)\n]*\))?(?:[ \t\u00a0]+[A-Z][a-z]+\.? \d{1,2}, \d{4})?[ \t\u00a0.]*(?:\n|$)"
)
# A transcript's speaker label: a paragraph opening with one to three words in capitals and a colon.
TRANSCRIPT_LABEL = re.compile(r"^[ \t]*[\"“]?((?:[A-Z][A-Z.'’-]*[ \t]){0,2}[A-Z][A-Z'’-]+):[ \t]+(?=\S)", re.MULTILINE)
NOT_SPEAKER_LABELS = {
    "UPDATE", "UPDATED", "VIDEO", "PHOTO", "PHOTOS", "WATCH", "READ", "BYLINE", "EMAIL", "EXCLUSIVE", "BREAKING",
    "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "SOURCE", "SOURCES", "LISTEN", "AUDIO", "RELATED", "Q", "A",
}  # fmt: skip
QUOTE_CHARS = '"“”‘’«»„'
MIN_STATEMENT_WORDS = 4
# A quote in the sentence of an earlier cue goes on from that attribution when at most this many words come
# between ('"We lost," Lee said at the rally, "and ..."'); more words are a clause of their own (PolNeAR
# train-100 and dev: the same figures from 5 to 8 words, better than no limit).
FOLLOW_ON_MAX_WORDS = 6


def find_candidates(frame: Frame) -> list[Candidate]:
    """Every attribution the rules find, nested ones included (``parent`` set)."""
    top = top_level(frame)
    return sorted(top + nested_in(frame, top), key=lambda c: (c.start, -c.end))


def top_level(frame: Frame) -> list[Candidate]:
    """Statements that no other statement contains."""
    top = transcript_lines(frame) + interview_answers(frame)
    top += reported_speech(frame, nested=False)
    top += according_to(frame)
    top += trailing_attributions(frame, top)
    top += direct_quotes(frame, list(top))
    set_kinds(frame, top)
    return top


def nested_in(frame: Frame, top: list[Candidate]) -> list[Candidate]:
    """Statements inside others: "denied claims by X that Y", "Putin noted that ..." inside a quote,
    single-quoted words inside a quote."""
    nested: list[Candidate] = []
    for cand in top:
        nested += nominal_attributions(frame, cand) + claim_named_in_cue(frame, cand) + said_wrongly(frame, cand)
        if cand.kind != "indirect":
            nested += reported_speech(frame, nested=True, within=cand)
            nested += nested_single_quotes(frame, cand)
    set_kinds(frame, nested)
    return nested


def set_kinds(frame: Frame, found: list[Candidate]) -> None:
    for cand in found:
        if cand.kind != "direct":
            cand.kind = _indirect_kind(frame, cand)


def _indirect_kind(frame: Frame, cand: Candidate) -> QuoteKind:
    """ "mixed" when reported words carry a quoted fragment of their own, else "indirect"."""
    quoted = any(cand.start <= q.open < cand.end for q in frame.quotes if not cand.nested or q.depth > 0)
    return "mixed" if quoted else "indirect"


# --- quote marks --------------------------------------------------------------------------------


def direct_quotes(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """Quoted statements with the cue and source beside them; follow-on quotes keep their speaker."""
    out: list[Candidate] = []
    for quote in frame.outer_quotes:
        if any(c.covers(quote.open + 1) for c in found + out):
            continue
        content = trim_content(frame.text, quote.inner)
        if content is None or not _is_statement(frame, quote):
            continue
        cand = _attributed_quote(frame, quote, content) or _follow_on(frame, quote, content, out)
        if cand is not None:
            out.append(cand)
    return out


def transcript_lines(frame: Frame) -> list[Candidate]:
    """ "RUIZ: I did not." -- a paragraph opening with a speaker's name in capitals and a colon, where
    the name is someone the article names or (by its last word) heads more than one paragraph ("UPDATE:", "VIDEO:"
    are not)."""
    found = [m for m in TRANSCRIPT_LABEL.finditer(frame.text) if m.group(1).upper() not in NOT_SPEAKER_LABELS]
    counts = Counter(m.group(1).split()[-1] for m in found)  # "JANE COLE:" then "COLE:" is one speaker's
    out: list[Candidate] = []
    for m in found:
        label = m.group(1)
        surname = label.split()[-1].title()
        if counts[label.split()[-1]] < 2 and not re.search(rf"\b{re.escape(surname)}\b", frame.text):
            continue
        content = trim_content(frame.text, (m.end(), frame.paragraph_bounds(m.end())[1]))
        if content is not None:
            out.append(Candidate("direct", [content], (m.end(1), m.end(1) + 1), m.span(1), 0.95, "transcript"))
    return out


QA_LABEL = re.compile(r"^[ \t]*(Q|A)[:.][ \t]+(?=\S)", re.MULTILINE)


def interview_answers(frame: Frame) -> list[Candidate]:
    """An interview printed as questions and answers ("Q: Why Enugu?" / "A: I had been away."): each answer
    is the words of the person the introduction names first; the questions are the interviewer's, no one
    named. Needs two questions and two answers at least."""
    labels = list(QA_LABEL.finditer(frame.text))
    if sum(m.group(1) == "Q" for m in labels) < 2 or sum(m.group(1) == "A" for m in labels) < 2:
        return []
    intro = labels[0].start()
    person = next((e for e in frame.doc.ents if e.label_ == "PERSON" and e.end_char <= intro), None)
    if person is None:
        return []
    out: list[Candidate] = []
    for m in labels:
        content = trim_content(frame.text, (m.end(), frame.paragraph_bounds(m.end())[1]))
        if m.group(1) == "A" and content is not None:
            cue = (m.end(1), m.end(1) + 1)
            out.append(Candidate("direct", [content], cue, (person.start_char, person.end_char), 0.9, "transcript"))
    return out


def _is_statement(frame: Frame, quote: QuotedSpan) -> bool:
    """Scare quotes ("woke") and titles are short and carry no sentence of their own."""
    inner = frame.text[quote.inner[0] : quote.inner[1]]
    if _title(frame, quote, inner):
        return False
    if len(inner.split()) >= MIN_STATEMENT_WORDS:
        return True
    # short, but punctuated as speech: '"We will win," he said' / 'He said: "No."'
    before = frame.text[max(0, quote.open - 2) : quote.open]
    return inner.rstrip()[-1:] in {",", "!", "?", "."} or ":" in before


TITLE_BEFORE = {"on", "of", "in", "at", "to", "from", "for", "titled", "entitled", "called", "dubbed"}
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "&"}


def _title(frame: Frame, quote: QuotedSpan, inner: str) -> bool:
    """A show, book or film named after a preposition or its owner ('Flynn said on "Fox and Friends."', 'an
    episode of "The Morning Show"', 'CBS's "Face the Nation"'): a few capitalised words, no statement."""
    before = frame.text[max(0, quote.open - 12) : quote.open].split()
    last = before[-1] if before else ""
    owner = last[:1].isalnum() and not last[:1].islower() and last.endswith(("'s", "’s"))  # CBS's "Face the Nation"
    if not (owner or last.lower() in TITLE_BEFORE):
        return False
    words = [w.strip(".,!?;:'’\"”“") for w in inner.split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in SMALL_WORDS for w in words)


def _attributed_quote(frame: Frame, quote: QuotedSpan, content: Span) -> Candidate | None:
    after = _cue_after(frame, quote) or _dash_after(frame, quote)
    if after is not None:
        cue, source = after
        lead = _lead_in(frame, quote)
        tail = _tail_before_cue(frame, quote, min(cue[0], source[0]))
        if lead is not None or tail is not None:  # 'The country "has changed," he said': a mixed quote
            span = (lead if lead is not None else content[0], tail if tail is not None else content[1])
            return Candidate("indirect", [span], cue, source, 0.95, "quote-cue-after")
        return Candidate("direct", [content], cue, source, 0.95, "quote-cue-after")
    before = _cue_before(frame, quote)
    if before is not None:
        cue, source = before
        run_on = _run_on(frame, quote, cue)
        if run_on is not None:  # 'Lee says "the tide has turned" despite the loss': the quote is a clause's start
            return Candidate("indirect", [(content[0], run_on)], cue, source, 0.9, "quote-cue-before")
        # a participle's speaker found before its clause's verb ("she responded ... by saying, '...'") is less
        # sure: the tagger's reading of the same words wins
        further_back = frame.doc[frame.token_index_at(cue[0])].tag_ == "VBG" and not _next_to(frame, source, cue)
        origin = "quote-participle" if further_back else "quote-cue-before"
        return Candidate("direct", [content], cue, source, 0.9, origin)
    return None


def _run_on(frame: Frame, quote: QuotedSpan, cue: Span) -> int | None:
    """Where the reported words end when a quote follows its cue with no comma or colon between and the
    sentence goes on after the closing mark ('Lee says "the tide has turned" despite the loss'): at the
    sentence's end. None when the quote stands on its own."""
    inner = frame.text[quote.inner[0] : quote.inner[1]].rstrip()
    if frame.text[cue[1] : quote.open].strip() or inner[-1:] in {",", ".", "!", "?", ";"}:
        return None
    end = frame.sentence_end_after(quote.close)
    tail = frame.text[quote.close + 1 : end]
    if not any(ch.isalnum() for ch in tail) or tail.lstrip()[:1] in {",", ";", "—", "-", "–"}:
        return None
    span = trim_content(frame.text, (quote.open, end))
    return span[1] if span is not None else None


def _tail_before_cue(frame: Frame, quote: QuotedSpan, attribution: int) -> int | None:
    """Where the reported words end when words go on after the closing mark up to the comma before the
    attribution ('"We cut the fares" to win riders back, she said'): at that comma. None when only marks
    and punctuation come between."""
    first = next((t for t in frame.tokens_between(quote.close + 1, attribution) if t.is_alpha), None)
    if first is None or not first.text.islower() or first.pos_ not in {"ADP", "PART", "VERB", "ADV", "SCONJ"}:
        return None  # '"...," Ramos, 58, told AFP': the words between are the speaker's
    comma = frame.text.rfind(",", quote.close + 1, attribution)
    if comma < 0 or frame.text[comma + 1 : attribution].strip():
        return None
    span = trim_content(frame.text, (quote.open, comma))
    return span[1] if span is not None else None


def _lead_in(frame: Frame, quote: QuotedSpan) -> int | None:
    """Where the reported words begin when a quote opens mid-sentence ('The country "has changed," he
    said'): at the sentence's start, unless the words before the mark introduce the quote themselves
    (a cue, a colon) or hold other quotes."""
    start = frame.sentence_start_before(quote.open)
    lead = frame.text[start : quote.open]
    if not lead.strip() or lead.rstrip().endswith(":") or any(ch in QUOTE_CHARS for ch in lead):
        return None
    if any(is_speech_verb(t.text) or is_cue_noun(t.text) for t in frame.tokens_between(start, quote.open)):
        return None
    span = trim_content(frame.text, (start, quote.open))
    return span[0] if span is not None else None


def _cue_after(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """'"...," Peskov said' / '"...," said Peskov' / '"...," spokesman Dmitry Peskov told a briefing'."""
    para_end = frame.paragraph_bounds(quote.close)[1]
    next_open = min((q.open for q in frame.outer_quotes if q.open > quote.close), default=para_end)
    toks = frame.tokens_between(quote.close + 1, min(para_end, next_open))[: MAX_NP_TOKENS + 2]
    first = next((t for t in toks if not t.is_punct), None)
    if first is not None and first.pos_ == "CCONJ":
        return None  # 'through a "selective reading," and concluded her remarks were': another predicate
    for tok in toks:
        if tok.text in {".", "!", "?"} and tok.i > 0 and not abbrev(tok):
            return None
        if is_speech_verb(tok.text) and tok.pos_ in {"VERB", "AUX"}:
            floor = toks[0].i
            source = source_before(frame, tok.i, floor) if tok.i > floor else None
            source = source or source_after(frame, tok.i, toks[-1].i + 1)
            if source is None or _opens_its_own_statement(frame, quote, tok, source):
                return None
            return (tok.idx, tok.idx + len(tok)), source
    return None


def _opens_its_own_statement(frame: Frame, quote: QuotedSpan, cue: Token, source: Span) -> bool:
    """'... like "hired help." He said that is a distortion': a quote that ends its sentence, then a
    cue that reports words of its own, starts another statement rather than attributing the quote."""
    inner = frame.text[quote.inner[0] : quote.inner[1]].rstrip()
    if inner[-1:] not in {".", "!", "?"}:
        return False
    after = cue if source[1] <= cue.idx else frame.doc[frame.token_index_at(source[1] - 1)]
    return clause_start(frame, after) is not None


def _dash_after(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """'"We deserve better." ― Ana Ruiz': a dash and a name after a quote (reader voices, posts, epigraphs)."""
    m = DASH_SIGNATURE.match(frame.text, quote.close + 1)
    if m is None:
        return None
    name = frame.text[m.start(2) : m.end(2)]
    return (m.start(1), m.end(1)), (m.start(2), m.start(2) + len(name.rstrip(".")))


def _cue_before(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """'Peskov said: "..."' / 'Peskov said, "..."', or a colon introduction on the line before."""
    toks = frame.tokens_between(frame.sentence_start_before(quote.open - 1), quote.open)
    while toks and (toks[-1].text in {",", ":"} or not toks[-1].text.strip()):
        toks.pop()
    if not toks or not is_speech_verb(toks[-1].text):
        return _colon_intro(frame, quote)
    cue = toks[-1]
    source = source_before(frame, cue.i, toks[0].i) if cue.i > toks[0].i else None
    if source is None and cue.tag_ == "VBG":
        source = _subject_of_participle(frame, cue, toks[0].i)
    if source is None:
        return None
    return (cue.idx, cue.idx + len(cue)), source


def _next_to(frame: Frame, source: Span, cue: Span) -> bool:
    """Whether only a comma, an adverb or a phrase source_before skips stands between a speaker and its cue."""
    return not any(t.tag_ in {"VBD", "VBZ", "VBP"} for t in frame.tokens_between(source[1], cue[0]))


def _subject_of_participle(frame: Frame, cue: Token, floor: int) -> Span | None:
    """ 'she responded to his messages by saying, "..."' / 'He hit back, saying: "..."': the speaker of a
    participle cue is the subject of the clause's verb before it."""
    doc = frame.doc
    verb = next((k for k in range(cue.i - 1, floor, -1) if doc[k].tag_ in {"VBD", "VBZ", "VBP"}), None)
    return source_before(frame, verb, floor) if verb is not None else None


def _colon_intro(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """ "Smith said:" closing one paragraph, the quote opening the next."""
    para_start = frame.paragraph_bounds(quote.open)[0]
    if frame.text[para_start : quote.open].strip():
        return None
    prev_end = frame.text[:para_start].rstrip()
    if not prev_end.endswith(":"):
        return None
    colon = len(prev_end) - 1
    cue_i = frame.token_index_at(colon) - 1
    if cue_i >= 0 and not is_speech_verb(frame.doc[cue_i].text):
        return _claim_by_intro(frame, cue_i)
    if cue_i < 0:
        return None
    floor = frame.token_index_at(frame.sentence_start_before(colon))
    source = source_before(frame, cue_i, floor)
    if source is None:
        return None
    cue = frame.doc[cue_i]
    return (cue.idx, cue.idx + len(cue)), source


def _claim_by_intro(frame: Frame, last: int) -> tuple[Span, Span] | None:
    """ "... rated this statement by Trump on June 11:" closing one paragraph: the claim noun is the cue of
    the quote opening the next, and the name after "by" (a date after it left out) its speaker. Read back
    from the colon, word by word, so that markup or a long sentence before it does not matter."""
    doc = frame.doc
    j = last
    while j >= 0 and (doc[j].ent_type_ in TIME_ENTS or doc[j].lower_ in {"on", "in", "at"}):
        j -= 1
    k = j
    while k >= 0 and j - k < MAX_NP_TOKENS and doc[k].lower_ != "by" and np_token(doc[k]):
        k -= 1
    if k < 1 or k == j or doc[k].lower_ != "by" or not is_cue_noun(doc[k - 1].text):
        return None
    if not any(doc[t].pos_ in HEAD_POS for t in range(k + 1, j + 1)):
        return None
    noun = doc[k - 1]
    return (noun.idx, noun.idx + len(noun)), (doc[k + 1].idx, doc[j].idx + len(doc[j]))


def _cue_verb_after(frame: Frame, quote: QuotedSpan) -> bool:
    """Whether a speech verb follows a quote in its sentence ('"...," it further wrote' / '"..." was written by
    Lee'): the quote has a cue of its own, even where the rules find no speaker beside it."""
    end = min(frame.paragraph_bounds(quote.close)[1], frame.sentence_end_after(quote.close + 1))
    toks = [t for t in frame.tokens_between(quote.close + 1, end) if not t.is_punct][:4]
    return any(is_speech_verb(t.text) and t.pos_ in {"VERB", "AUX"} for t in toks)


def _follow_on(frame: Frame, quote: QuotedSpan, content: Span, earlier: list[Candidate]) -> Candidate | None:
    """A quote with no cue of its own right after another speaker's quote goes on in that voice."""
    if not earlier or _cue_verb_after(frame, quote):
        return None
    prev = earlier[-1]
    attribution_end = max([prev.end, *(s[1] for s in (prev.cue_span, prev.source_span) if s)])
    tail_end = frame.sentence_end_after(attribution_end - 1) if attribution_end > prev.end else attribution_end
    if tail_end > quote.open:
        # the quote opens in the sentence of the earlier cue: it goes on from that attribution ('"We lost,"
        # Lee said at the rally, "and ...'), unless a speech verb of its own comes between ('Lee said, going
        # on to say that the council had spent "twenty years ..."')
        between = frame.tokens_between(attribution_end, quote.open)
        if any(is_speech_verb(t.text) and t.pos_ in {"VERB", "AUX"} for t in between):
            return None
        if sum(t.is_alpha for t in between) > FOLLOW_ON_MAX_WORDS:
            return None  # '"Winning?" she said, but Kevin was asleep, and as Lee went on about "the plan"'
        tail_end = quote.open
    gap = frame.text[tail_end : quote.open]
    if gap.strip(" \t\n\u00a0.,\"'“”‘’") or gap.count("\n") > 4:
        return None
    if frame.paragraph_bounds(quote.open) == frame.paragraph_bounds(prev.end) and len(gap) < 200:
        prev.content_spans.append(content)
        return None
    return Candidate("direct", [content], None, None, 0.7, "quote-follow-on", continues=prev.continues or prev)


# --- nested statements --------------------------------------------------------------------------


def nominal_attributions(frame: Frame, outer: Candidate) -> list[Candidate]:
    """ "claims by X that Y", "X's denial that Y" inside another statement's content."""
    out: list[Candidate] = []
    for tok in frame.tokens_between(outer.start, outer.end):
        if not is_cue_noun(tok.text):
            continue
        found = (
            _noun_by_that(frame, tok, outer)
            or _possessive_that(frame, tok, outer)
            or _possessive_about(frame, tok, outer)
            or _premodified_that(frame, tok, outer)
        )
        if found is not None:
            out.append(found)
    return out


def _noun_by_that(frame: Frame, noun: Token, outer: Candidate) -> Candidate | None:
    doc = frame.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ not in {"by", "from"}:
        return None
    # "claims by the union that ...": the phrase ends before "that", however the tagger took "that"
    that_at = next(
        (k for k in range(noun.i + 2, min(len(doc), noun.i + 3 + MAX_NP_TOKENS)) if doc[k].lower_ == "that"), None
    )
    if that_at is None or that_at + 1 >= len(doc):
        return None
    src = source_after(frame, noun.i + 1, that_at)
    before_that = doc[that_at - 1]
    if src is None or src[1] != before_that.idx + len(before_that):  # the phrase must run up to "that"
        return None
    content = trim_content(frame.text, (doc[that_at + 1].idx, outer.end))
    if content is None:
        return None
    return _nominal(noun, src, [content], outer)


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
    return _nominal(noun, src, [content], outer)


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
    return _nominal(noun, src, [content], outer)


def claim_named_in_cue(frame: Frame, outer: Candidate) -> list[Candidate]:
    """ "has pooh-poohed the intelligence community consensus that Russia hacked ...": the cue ends
    with a claim noun whose owner premodifies it; the outer statement's words are that owner's claim."""
    if outer.cue_span is None or outer.kind == "direct" or not outer.content_spans:
        return []
    toks = frame.tokens_between(*outer.cue_span)
    if not toks or not is_cue_noun(toks[-1].text):
        return []
    if not re.fullmatch(r"\s+that\s+", frame.text[outer.cue_span[1] : outer.content_spans[0][0]]):
        return []
    noun = toks[-1]
    src = _premodifying_owner(frame, noun)
    if src is None:
        return []
    return [_nominal(noun, src, list(outer.content_spans), outer)]


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
    """ "dismissed the weather service consensus that the river is rising": the owner before the noun."""
    doc = frame.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "that":
        return None
    src = _premodifying_owner(frame, noun)
    if src is None or src[0] < outer.start:
        return None
    content = trim_content(frame.text, (doc[noun.i + 2].idx, outer.end))
    if content is None:
        return None
    return _nominal(noun, src, [content], outer)


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


def _nominal(noun: Token, source: Span, content: list[Span], outer: Candidate) -> Candidate:
    """A claim named by a noun ("claims", "consensus") inside or at the end of another statement."""
    return Candidate("indirect", content, (noun.idx, noun.idx + len(noun)), source, 0.8, "nominal", parent=outer)


def _possessive_mark(tok: Token) -> bool:
    """ "the union's", and a plural's bare apostrophe: "the inspectors' assessment"."""
    if tok.lower_ in {"'s", "’s"}:
        return True
    return tok.text in {"'", "’"} and tok.i > 0 and tok.doc[tok.i - 1].lower_.endswith("s")


def nested_single_quotes(frame: Frame, outer: Candidate) -> list[Candidate]:
    """'Putin "threatened me and said, ‘Boris, ...’"': single-marked words with their own cue; the
    speaker is the nearest third-person name or pronoun before that cue."""
    out: list[Candidate] = []
    for quote in frame.quotes:
        if quote.depth != 1 or not outer.covers(quote.open):
            continue
        toks = frame.tokens_between(outer.start - 40, quote.open)
        while toks and (toks[-1].is_punct or not toks[-1].text.strip()):
            toks.pop()
        if not toks or not is_speech_verb(toks[-1].text):
            continue
        cue = toks[-1]
        speaker = _nearest_third_person(toks[:-1])
        content = trim_content(frame.text, quote.inner)
        if speaker is None or content is None:
            continue
        out.append(
            Candidate("direct", [content], (cue.idx, cue.idx + len(cue)), speaker, 0.85, "nested-quote", parent=outer)
        )
    return out


def _nearest_third_person(toks: list[Token]) -> Span | None:
    for tok in reversed(toks):
        if tok.ent_type_ in {"PERSON", "ORG"} or tok.lower_ in {"he", "she", "they"}:
            first = tok
            while first.i > 0 and first.doc[first.i - 1].ent_type_ == tok.ent_type_ and tok.ent_type_:
                first = first.doc[first.i - 1]
            return (first.idx, tok.idx + len(tok))
    return None
