"""Statements in quote marks: a quote with the cue and speaker beside it ('"...," Peskov said', 'Peskov said:
"..."', a colon introduction on the line before, a dash and a name after it), a quote going on in the voice
before it, transcripts ("RUIZ: ...") and printed interviews ("Q: ... A: ..."), and single-quoted words with a
cue of their own inside a quote. Surface patterns over spaCy tokens and POS tags; no dependency parse.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import is_cue_noun, is_speech_verb
from sayso.quotes.frame import Frame, Span, trim_content
from sayso.quotes.marks import QuotedSpan
from sayso.quotes.phrases import (
    FINITE_TAGS,
    HEAD_POS,
    MAX_NP_TOKENS,
    TIME_ENTS,
    abbrev,
    np_token,
    source_after,
    source_before,
    subject_of_participle,
)
from sayso.quotes.reported import clause_start

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
    "MORE", "READ MORE", "SEE ALSO", "ALSO", "ALSO READ", "SEE", "WATCH MORE", "LATEST", "TOP STORIES", "RECOMMENDED",
}  # fmt: skip
QUOTE_CHARS = '"“”‘’«»„'
MIN_STATEMENT_WORDS = 4
# A quote in the sentence of an earlier cue goes on from that attribution when at most this many words come
# between ('"We lost," Lee said at the rally, "and ..."'); more words are a clause of their own (PolNeAR
# train-100 and dev: the same figures from 5 to 8 words, better than no limit).
FOLLOW_ON_MAX_WORDS = 6


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
        if _heading_after(frame.text, m.end()):
            continue  # "LONDON: POLICE ALLEGE ISLAMIST PLOT TO KILL POLICE": a section's heading, no speaker's line
        content = trim_content(frame.text, (m.end(), frame.paragraph_bounds(m.end())[1]))
        if content is not None:
            out.append(Candidate("direct", [content], (m.end(1), m.end(1) + 1), m.span(1), 0.95, "transcript"))
    return out


def _heading_after(text: str, at: int) -> bool:
    """Whether the line from ``at`` is a heading in capitals: three words or more, no lower-case letter."""
    end = text.find("\n", at)
    line = text[at : end if end >= 0 else len(text)]
    return len(line.split()) >= 3 and not any(ch.islower() for ch in line)


QA_LABEL = re.compile(r"^[ \t]*(Q|A)[:.][ \t]+(?=\S)", re.MULTILINE)


def interview_labels(text: str) -> list[re.Match[str]]:
    """The "Q:" and "A:" labels of an interview printed as questions and answers: two of each at least, else none."""
    labels = list(QA_LABEL.finditer(text))
    if sum(m.group(1) == "Q" for m in labels) < 2 or sum(m.group(1) == "A" for m in labels) < 2:
        return []
    return labels


def interviewee(doc: Doc, labels: list[re.Match[str]]) -> SpacySpan | None:
    """Who answers an interview's questions: the person its introduction (before the first label) names first."""
    if not labels:
        return None
    return next((e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= labels[0].start()), None)


def interview_answers(frame: Frame) -> list[Candidate]:
    """An interview printed as questions and answers ("Q: Why Enugu?" / "A: I had been away."): each answer
    is the words of the person the introduction names first, with the unlabelled paragraphs after it up to the
    next question (the last answer: its own paragraph only, an article may go on after the interview); the
    questions are the interviewer's, no one named. Needs two questions and two answers at least."""
    labels = interview_labels(frame.text)
    person = interviewee(frame.doc, labels)
    if person is None:
        return []
    out: list[Candidate] = []
    for m, after in zip(labels, [*labels[1:], None], strict=True):
        end = frame.paragraph_bounds(m.end())[1] if after is None else after.start()
        content = trim_content(frame.text, (m.end(), end))
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
TITLE_WORDS_MAX = 8  # 'Appearing on "On the Record with Greta Van Susteren," Hunter said': seven words
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
    capitalised = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in SMALL_WORDS for w in words)
    return 0 < len(words) <= TITLE_WORDS_MAX and capitalised


def _attributed_quote(frame: Frame, quote: QuotedSpan, content: Span) -> Candidate | None:
    after = _cue_after(frame, quote) or _dash_after(frame, quote) or _headline_colon(frame, quote)
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
        cue, source, origin = before
        run_on = _run_on(frame, quote, cue)
        if run_on is not None:  # 'Lee says "the tide has turned" despite the loss': the quote is a clause's start
            return Candidate("indirect", [(content[0], run_on)], cue, source, 0.9, "quote-cue-before")
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
    if not lead.strip() or lead.rstrip().endswith(":") or not _quoted_words_only(frame, start, quote.open):
        return None
    if any(_introduces(t) for t in frame.tokens_between(start, quote.open)):
        return None
    span = trim_content(frame.text, (start, quote.open))
    return span[0] if span is not None else None


QUOTED_WORDS_MAX = 4  # words in a quoted fragment that is no statement of its own ('"incorrect" and "unfounded,"')


def _quoted_words_only(frame: Frame, start: int, end: int) -> bool:
    """Whether the quotes between start and end, if any, are whole short fragments ('The reports are "incorrect"
    and "unfounded," he said'), none a statement of its own."""
    if not any(ch in QUOTE_CHARS for ch in frame.text[start:end]):
        return True
    inside = [q for q in frame.outer_quotes if start <= q.open and q.close < end]
    marks = sum(frame.text[start:end].count(ch) for ch in QUOTE_CHARS)
    short = all(len(frame.text[q.inner[0] : q.inner[1]].split()) <= QUOTED_WORDS_MAX for q in inside)
    return bool(inside) and marks == 2 * len(inside) and short


def _introduces(tok: Token) -> bool:
    """A speech verb, a "that" opening a clause ("Marsh fired back that the claim was "wrong.""), or a claim noun
    that is no subject of a verb of its own ("In a statement, "...,"" introduces the quote; "The reports are
    "unfounded,"" does not)."""
    if is_speech_verb(tok.text) and tok.pos_ != "NOUN":  # ("reports" may be either)
        return True
    if tok.lower_ == "that" and tok.pos_ == "SCONJ":
        return True
    following = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return is_cue_noun(tok.text) and (following is None or following.pos_ not in {"AUX", "VERB"})


def _cue_after(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """'"...," Peskov said' / '"...," said Peskov' / '"...," spokesman Dmitry Peskov told a briefing'."""
    para_end = frame.paragraph_bounds(quote.close)[1]
    next_open = min((q.open for q in frame.outer_quotes if q.open > quote.close), default=para_end)
    toks = frame.tokens_between(quote.close + 1, min(para_end, next_open))[: MAX_NP_TOKENS + 2]
    first = next((t for t in toks if not t.is_punct), None)
    if first is not None and first.pos_ == "CCONJ":
        return None  # 'through a "selective reading," and concluded her remarks were': another predicate
    if first is not None and _new_sentence_clause(frame, quote, first):
        return None  # '"... in Texas." When Van Susteren asked how he knew that, Hunter replied': the next sentence
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


def _new_sentence_clause(frame: Frame, quote: QuotedSpan, first: Token) -> bool:
    """Whether a quote ends its sentence and the next opens with a subordinate clause ("When", "After", "As")."""
    inner = frame.text[quote.inner[0] : quote.inner[1]].rstrip()
    subordinator = first.pos_ == "SCONJ" or first.tag_ == "WRB" or first.lower_ in {"after", "as"}
    return inner[-1:] in {".", "!", "?"} and first.text[:1].isupper() and subordinator


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


HEADLINE_COLON = re.compile(r"[ \t]*(:)[ \t]*(?=\S)")


def _headline_colon(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span] | None:
    """ "'We will not be bullied': PM defies rebels over cuts": a quote opening its line, then a colon and the
    subject of a verb, is that subject's (the colon stands for the cue)."""
    line_start = frame.text.rfind("\n", 0, quote.open) + 1
    colon = HEADLINE_COLON.match(frame.text, quote.close + 1)
    if colon is None or frame.text[line_start : quote.open].strip():
        return None
    toks = frame.tokens_between(colon.end(), frame.paragraph_bounds(colon.end())[1])[: MAX_NP_TOKENS + 1]
    verb = next((k for k, t in enumerate(toks) if t.pos_ not in {"PROPN", "NOUN", "DET", "ADJ", "NUM"}), None)
    if not verb or toks[verb].pos_ not in {"VERB", "AUX"} or not any(t.pos_ in HEAD_POS for t in toks[:verb]):
        return None
    return (colon.start(1), colon.end(1)), (toks[0].idx, toks[verb - 1].idx + len(toks[verb - 1]))


def _cue_before(frame: Frame, quote: QuotedSpan) -> tuple[Span, Span, str] | None:
    """'Peskov said: "..."' / 'Peskov said, "..."', or a colon introduction on the line before: the cue, the
    source, and the rule's origin ("quote-participle" for a participle's speaker found before its clause's verb,
    'she responded ... by saying, "..."', which is less sure: the tagger's reading of the same words wins)."""
    toks = frame.tokens_between(frame.sentence_start_before(quote.open - 1), quote.open)
    while toks and (toks[-1].text in {",", ":"} or not toks[-1].text.strip()):
        toks.pop()
    if not toks or not is_speech_verb(toks[-1].text):
        intro = _colon_intro(frame, quote)
        return (*intro, "quote-cue-before") if intro is not None else None
    cue = toks[-1]
    cue_span = (cue.idx, cue.idx + len(cue))
    source = source_before(frame, cue.i, toks[0].i) if cue.i > toks[0].i else None
    if source is not None:
        return cue_span, source, "quote-cue-before"
    subject = subject_of_participle(frame, cue, toks[0].i) if cue.tag_ == "VBG" else None
    return (cue_span, subject, "quote-participle") if subject is not None else None


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


def _split_by_attribution(frame: Frame, prev: Candidate, quote: QuotedSpan) -> bool:
    """ '"I never saw it," he told the jury on the ninth day of the trial, "and I do not know ...': a quote broken
    off at a comma and taken up again in lower case after a comma, with no clause of their own between (no finite
    verb but the cue's, no conjunction), is one sentence split by its attribution, however long that is."""
    text = frame.text
    if not text[prev.end : prev.end + 2].lstrip("\"'”’").startswith(","):
        return False
    if not text[: quote.open].rstrip().endswith(",") or not text[quote.inner[0] : quote.inner[0] + 1].islower():
        return False
    cue = prev.cue_span[0] if prev.cue_span else -1
    between = frame.tokens_between(prev.end, quote.open)
    return not any(
        (t.tag_ in FINITE_TAGS and t.idx != cue) or t.pos_ in {"CCONJ", "SCONJ"} or t.tag_ in {"WDT", "WP", "WRB"}
        for t in between
    )


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
        if sum(t.is_alpha for t in between) > FOLLOW_ON_MAX_WORDS and not _split_by_attribution(frame, prev, quote):
            return None  # '"Winning?" she said, but Kevin was asleep, and as Lee went on about "the plan"'
        tail_end = quote.open
    gap = frame.text[tail_end : quote.open]
    if gap.strip(" \t\n\u00a0.,\"'“”‘’") or gap.count("\n") > 4:
        return None
    if frame.paragraph_bounds(quote.open) == frame.paragraph_bounds(prev.end) and len(gap) < 200:
        prev.content_spans.append(content)
        return None
    return Candidate("direct", [content], None, None, 0.7, "quote-follow-on", continues=prev.continues or prev)


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
        speaker = _nearest_third_person(toks[:-1]) or _subject_noun_before(toks[:-1])
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


HABITUAL = {"used", "would", "always", "often", "once", "never", "to"}


def _subject_noun_before(toks: list[Token]) -> Span | None:
    """ '"My grandmother used to say, 'Fix the roof ...'"': the noun phrase right before the cue (but for "used to",
    "would", an adverb), with its possessive or determiner, when no name or pronoun comes before."""
    k = len(toks) - 1
    while k >= 0 and (toks[k].pos_ in {"ADV", "AUX", "PART"} or toks[k].lower_ in HABITUAL):
        k -= 1
    if k < 1 or toks[k].pos_ != "NOUN" or toks[k - 1].tag_ not in {"PRP$", "DT"}:
        return None
    return toks[k - 1].idx, toks[k].idx + len(toks[k])

