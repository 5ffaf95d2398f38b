"""The quote stage: rules where they are exact, the learned tagger for the rest, merged.

Rules see quote marks, cue lexicons and syntax-like patterns; the tagger (MiniLM trained on PolNeAR)
sees reported speech that no lexicon lists. Where both find a statement, ``arbitrate`` (merge.py) decides whose
boundaries win; statements nested inside others come from the rules alone (PolNeAR has none).
Measured on PolNeAR dev against simpler merges: rules-first 0.533, tagger-first 0.595, tagger alone
0.597, arbitrated 0.612 (content exact F1); with split quotes joined, sources filled in and the linking
and rule repairs of tagger.py and rules.py, 0.647.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from spacy.tokens import Doc

from sayso.config import settings
from sayso.errors import ModelError
from sayso.model import Scheme
from sayso.quotes import rules
from sayso.quotes.according import widen_according_sources
from sayso.quotes.candidate import Candidate
from sayso.quotes.coordinated import relative_subject_sources
from sayso.quotes.cues import is_denial_cue, words
from sayso.quotes.frame import Frame, Span, trim, trim_content
from sayso.quotes.merge import arbitrate, join_split_quotes, split_at_own_cue
from sayso.quotes.phrases import FINITE_TAGS, NP_POS
from sayso.quotes.reported import claim_appositions, that_is_demonstrative
from sayso.quotes.sources import (
    RELATIVES,
    drop_addressee_sources,
    drop_asked_sources,
    fill_sources,
    relative_sources,
    reopen_relative_sources,
    tidy_sources,
    widen_sources,
)
from sayso.quotes.spans import cue_words, is_quoted, line_pieces, overlaps, spans_of
from sayso.quotes.tagger import QuoteTagger, TaggedAttribution

log = logging.getLogger(__name__)
# Below this mean token probability a tagged statement is more often wrong than right (PolNeAR dev). PolNeAR's
# scheme counts more as attributions (beliefs, intentions, acts of expression), and statements without a cue
# are left out of it: there the floor is lower (chosen on 120 PolNeAR train articles among 0.6-0.85).
MIN_TAGGER_CONFIDENCE: dict[Scheme, float] = {"sayso": 0.8, "polnear": 0.75}
# "agreed to send tanks" reports an act or intention, not a statement, unless the cue is a speech act.
# PolNeAR's scheme annotates intentions ("plans to", "wants to", "declined to comment") as attributions, so
# its mode keeps them (PolNeAR dev: content exact F1 0.648 -> 0.652, cue 0.708 -> 0.714).
SPEECH_ACTS_WITH_TO = words("""
    promised promise promises promising vowed vows vow vowing pledged pledges pledging threatened threatens
    threatening urged urges urging asked asks asking told tells telling warned warns warning swore swearing
    called calls calling ordered orders ordering encouraged encourages encouraging invited invites inviting
    challenged challenges challenging demanded demands demanding
""")


@lru_cache(maxsize=2)
def load_tagger(threads: int | None = None) -> QuoteTagger | None:
    """The learned tagger, once per process (and per ``threads``: its onnxruntime threads, default
    SAYSO_THREADS); None (rules only, with a warning) when its files are missing."""
    config = settings()
    try:
        return QuoteTagger.load(config.tagger_dir, threads=config.threads if threads is None else threads)
    except ModelError as exc:
        log.warning("quote tagger unavailable, using rules only: %s", exc)
        return None


def tag(text: str, threads: int | None = None) -> list[TaggedAttribution]:
    """The learned tagger's attributions of a text (none when it is unavailable); needs no parse.
    ``threads``: as `load_tagger`'s (the same results whatever the thread count)."""
    tagger = load_tagger(threads)
    return tagger.attributions(text) if tagger else []


def attributions(
    text: str,
    doc: Doc,
    *,
    nested: bool = True,
    scheme: Scheme = "sayso",
    tagger_output: list[TaggedAttribution] | None = None,
) -> list[Candidate]:
    """Top-level statements (and nested ones unless ``nested`` is off) in the span conventions of
    ``scheme``: sayso's own (content without the complementizer "that", nested statements kept) or
    PolNeAR's ("that" inside the content, no nesting). ``tagger_output``: ``tag(text)`` where the caller
    ran it already."""
    frame = Frame.build(text, doc)
    ruled = rules.top_level(frame)
    raw = tag(text) if tagger_output is None else tagger_output
    tagged = [c for t in raw if (c := from_tagger(frame, t, scheme))]
    top = join_split_quotes(frame, arbitrate(frame, ruled, tagged))
    top += claim_appositions(frame, top, polnear=scheme == "polnear")
    top += split_at_own_cue(frame, top) if scheme == "polnear" else []
    drop_lead_fragments(frame, top)
    add_parenthetical_leads(frame, top)
    add_what_leads(frame, top)
    fill_sources(frame, top)
    relative_subject_sources(frame, top)
    add_missing_subjects(frame, top)
    complete_dangling_prepositions(frame, top)
    tidy_sources(frame, top)
    widen_sources(frame, top)
    widen_according_sources(frame, top)
    drop_asked_sources(frame, top)
    relative_sources(frame, top)
    reopen_relative_sources(frame, top)
    drop_addressee_sources(frame, top)
    widen_cues(frame, top)
    extend_to_sentence_end(frame, top)
    drop_connectives(frame, top)
    split_at_paragraphs(frame, top)
    apply_scheme(frame, top, scheme)
    if scheme == "polnear":
        top = one_cue_each(top)
    else:
        top = [_closing_mark_kept(frame, _without_colon(frame, c)) for c in top if not _bare_object(frame, c)]
    rules.set_kinds(frame, top)
    found = top + (rules.nested_in(frame, top) if nested and scheme == "sayso" else [])
    return sorted(found, key=lambda c: (c.start, -c.end))


# A coordinating word after a comma, a semicolon or a closing mark starts a clause of its own.
NEW_CLAUSE = re.compile(r"(?:[,;][\"'”’]*|[\"”’])\s*(?:but|and|yet|while|whereas)\s|;\s", re.IGNORECASE)


def drop_lead_fragments(frame: Frame, found: list[Candidate]) -> None:
    """ "Tapper followed up with what appeared to be a reference to Lee, but Lee said he was not speaking
    about her": the tagger links words before the speaker to the cue after them; unquoted words before the
    speaker that another clause (", but", "; ", a closing mark and "and") or a quote of its own keeps apart
    from the cue are no fragment of what follows it, when that cue has words of its own after it."""
    for cand in found:
        if cand.origin != "tagger" or cand.cue_span is None or len(cand.content_spans) < 2:
            continue
        if not any(s >= cand.cue_span[1] for s, _ in cand.content_spans):
            continue
        stop = min(cand.cue_span[0], cand.source_span[0]) if cand.source_span else cand.cue_span[0]
        cand.content_spans = [
            (s, e)
            for s, e in cand.content_spans
            if not (e <= stop and frame.quote_around(s) is None and _kept_apart(frame, e, stop))
        ]


def _kept_apart(frame: Frame, end: int, stop: int) -> bool:
    if NEW_CLAUSE.search(frame.text, end, stop) is not None:
        return True
    return any(end < q.open < stop for q in frame.outer_quotes)


QUOTE_MARKS = "\"“”„«»"


def add_parenthetical_leads(frame: Frame, found: list[Candidate]) -> None:
    """ "These employees, Stumpf explained at the hearing, were well paid": an attribution set off by commas
    inside the sentence it reports; the words before it (from the clause's start: the last comma before)
    are the statement's first fragment, unless they are quoted, a single word ("So, he said, ...") or
    another statement's, or the speaker is a relative pronoun ("the ceremony, who joked, ...")."""
    text = frame.text
    taken = spans_of(found)
    for cand in found:
        if cand.cue_span is None or cand.kind == "direct" or cand.start < cand.cue_span[1]:
            continue
        if cand.source_span and text[cand.source_span[0] : cand.source_span[1]].lower() in RELATIVES:
            continue
        attribution = min(cand.cue_span[0], cand.source_span[0]) if cand.source_span else cand.cue_span[0]
        before = text[:attribution].rstrip()
        gap = text[cand.cue_span[1] : cand.start]
        if not before.endswith(",") or gap.count(",") != 1 or len(gap.split()) > 5:
            continue
        comma = len(before) - 1
        start = frame.sentence_start_before(comma)
        raw = (max(start, text.rfind(",", start, comma) + 1), comma)
        lead = trim_content(text, raw)
        quoted = any(ch in QUOTE_MARKS for ch in text[raw[0] : raw[1]])
        if lead is None or quoted or len(text[lead[0] : lead[1]].split()) < 2:
            continue
        if not overlaps(lead, taken):
            cand.content_spans = [lead, *cand.content_spans]


def add_what_leads(frame: Frame, found: list[Candidate]) -> None:
    """ "the gap between what Trump says his plan would do and ...": the "what" right before the speaker is
    the reported words' first fragment (PolNeAR train: 50 times of 69). "which" (73 of 127) lost 3 exact
    matches on train-100 and on dev; "who" (13 of 18) changed nothing."""
    text = frame.text
    taken = spans_of(found)
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or not cand.source_span[1] <= cand.cue_span[0]:
            continue
        if cand.start < cand.cue_span[1]:
            continue
        m = WHAT_BEFORE.search(text, max(0, cand.source_span[0] - 8), cand.source_span[0])
        if m is None:
            continue
        what = m.span(1)
        if not overlaps(what, taken):
            cand.content_spans = [what, *cand.content_spans]


WHAT_BEFORE = re.compile(r"\b(what|What)\s+$")


def add_missing_subjects(frame: Frame, found: list[Candidate]) -> None:
    """ "Ashby told the court Whitcombe had used the money": reported words after their cue that open with a
    finite verb lack their subject; the name right before them (after the one told) is it."""
    doc = frame.doc
    for cand in found:
        if cand.kind == "direct" or cand.cue_span is None or cand.start < cand.cue_span[1]:
            continue
        first = frame.token_index_at(cand.start)
        if doc[first].idx != cand.start or doc[first].tag_ not in FINITE_TAGS or first < 1:
            continue
        k = first
        while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].idx >= cand.cue_span[1]:
            k -= 1
        if k == first or k < 1 or doc[k - 1].pos_ != "NOUN":
            continue  # the name must follow the one told ("the court"), not be the cue's own object
        subject = (doc[k].idx, cand.start)
        if not overlaps(subject, [s for s in (cand.source_span,) if s]):
            cand.content_spans[0] = (doc[k].idx, cand.content_spans[0][1])


def complete_dangling_prepositions(frame: Frame, found: list[Candidate]) -> None:
    """ "his side deserved to lose after a defeat at home to Castleford on [Saturday]": tagged words that stop
    at a preposition go on over the noun phrase after it (the tagger left out its object)."""
    doc = frame.doc
    taken = spans_of(found)
    for cand in found:
        if cand.origin != "tagger":
            continue
        s, e = cand.content_spans[-1]
        last = doc[frame.token_index_at(e - 1)]
        if last.pos_ != "ADP" or last.idx + len(last) != e or last.i + 1 >= len(doc):
            continue
        k = last.i + 1
        while k < len(doc) and doc[k].pos_ in NP_POS - {"PRON"} and not doc[k].is_punct:
            k += 1
        if k == last.i + 1:
            continue
        more = (doc[last.i + 1].idx, doc[k - 1].idx + len(doc[k - 1]))
        if not overlaps(more, taken) and frame.quote_around(more[0]) == frame.quote_around(s):
            cand.content_spans[-1] = (s, more[1])


# "has repeatedly said", "often said": auxiliaries and frequency adverbs right before a cue are part of it in
# PolNeAR (train: "has" 725 times in a cue, 7 right before one; "often" 21 and 0); "then" is not (24 and 17).
CUE_LEFT_WORDS = words("""
    has have had will would did does could can may also often repeatedly once previously recently publicly
    already never
""")


def widen_cues(frame: Frame, found: list[Candidate]) -> None:
    """A cue takes the auxiliaries and frequency adverbs right before it (not a source's or content's)."""
    text = frame.text
    for cand in found:
        if cand.cue_span is None:
            continue
        taken = [span for span in [*cand.content_spans, cand.source_span] if span]
        start = cand.cue_span[0]
        while (m := WORD_BEFORE.search(text, max(0, start - 20), start)) is not None:
            if m.group(1).lower() not in CUE_LEFT_WORDS or overlaps((m.start(1), start), taken):
                break
            start = m.start(1)
        cand.cue_span = (start, cand.cue_span[1])


WORD_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+$")


def apply_scheme(frame: Frame, found: list[Candidate], scheme: Scheme) -> None:
    """Where reported words begin: after "that" (sayso, as the model case's gold) or at it (PolNeAR)."""
    for cand in found:
        if cand.kind == "direct":
            continue
        s, e = cand.content_spans[0]
        if scheme == "sayso" and _complementizer_at(frame, s) and e - s > 5:
            cand.content_spans[0] = (s + 5, e)
        elif scheme == "polnear" and frame.text[max(0, s - 5) : s].lower() == "that ":
            cand.content_spans[0] = (s - 5, e)


# "But the plan is still tilted toward the rich, he said": the connective links the sentence to the article,
# it is no part of what was said (PolNeAR train: "But" before such content left out 54 times, kept 22).
CONNECTIVE = re.compile(
    r"(?:But|And|However,|Still,|Yet,|Indeed,|In fact,|Moreover,|Even so,|In addition,|Nevertheless,|Nonetheless,"
    r"|Furthermore,|Also,)\s+(?=\S)"
)


def drop_connectives(frame: Frame, found: list[Candidate]) -> None:
    """Reported words before their cue, not quoted, start after a sentence-opening connective."""
    for cand in found:
        if cand.kind == "direct" or cand.cue_span is None or cand.start >= cand.cue_span[0]:
            continue
        s, e = cand.content_spans[0]
        m = CONNECTIVE.match(frame.text, s, e)
        if m is not None and frame.quote_around(s) is None and m.end() < e:
            cand.content_spans[0] = (m.end(), e)


def split_at_paragraphs(frame: Frame, found: list[Candidate]) -> None:
    """A quote running over paragraphs, an opening mark on each: its words are one span per paragraph, without
    the marks that open the later ones (as PolNeAR's gold)."""
    for cand in found:
        if not any("\n" in frame.text[s:e] for s, e in cand.content_spans):
            continue
        spans: list[Span] = []
        for s, e in cand.content_spans:
            spans += [p for piece in line_pieces(frame.text, s, e) if (p := trim_content(frame.text, piece))]
        cand.content_spans = spans or cand.content_spans


def one_cue_each(found: list[Candidate]) -> list[Candidate]:
    """PolNeAR's scheme: every attribution has one cue (PolNeAR train: 35 of 19,868 gold attributions lack
    one), and a quote going on in a later paragraph is more content of the attribution it continues. A
    follow-on quote joins that attribution; other statements without a cue are left out."""
    kept = [c for c in found if c.cue_span is not None]
    kept_ids = {id(c) for c in kept}
    for cand in found:
        if cand.cue_span is None and cand.continues is not None and id(cand.continues) in kept_ids:
            cand.continues.content_spans = sorted([*cand.continues.content_spans, *cand.content_spans])
    return kept


def _complementizer_at(frame: Frame, start: int) -> bool:
    """Whether reported words begin with a "that" that only introduces them (not "that is a lie")."""
    if frame.text[start : start + 5].lower() != "that ":
        return False
    return not that_is_demonstrative(frame.doc, frame.token_index_at(start))


ELABORATION = re.compile(r",\s+(?:which|particularly|especially|including|notably)\b")


def extend_to_sentence_end(frame: Frame, found: list[Candidate]) -> None:
    """Reported words that stop before an elaboration (", which began last February, particularly
    ...") go on to the end of their sentence, unless another statement or its attribution lies there."""
    taken = sorted(s for c in found for s in [*c.content_spans, c.cue_span, c.source_span] if s)
    for cand in found:
        if cand.origin != "tagger" or cand.kind == "direct":
            continue
        s, e = cand.content_spans[-1]
        if not ELABORATION.match(frame.text, e):
            continue
        end = frame.sentence_end_after(e)
        if any(e < a < end for a, _ in taken) or frame.quote_around(e) is not None:
            continue
        longer = trim_content(frame.text, (s, end))
        if longer is not None:
            cand.content_spans[-1] = longer


def from_tagger(frame: Frame, tagged: TaggedAttribution, scheme: Scheme = "sayso") -> Candidate | None:
    if tagged.confidence < MIN_TAGGER_CONFIDENCE[scheme]:
        return None
    if scheme == "sayso" and (_intention(frame.text, tagged) or _refusal(frame.text, tagged)):
        return None
    spans: list[Span] = [s for span in tagged.content_spans if (s := trim_content(frame.text, span))]
    spans = [s for span in spans if (s := _within_paragraph(frame, span, tagged.cue_span))]
    if not spans:
        return None
    direct = all(is_quoted(frame, s) for s in spans)
    source = _source_within_paragraph(frame, tagged.source_span, tagged.cue_span)
    return Candidate("direct" if direct else "indirect", spans, tagged.cue_span, source, tagged.confidence, "tagger")


def _source_within_paragraph(frame: Frame, source: Span | None, cue: Span | None) -> Span | None:
    """ "'We were robbed,' says Hartley boss after late penalty" then "Hartley Town manager Steve Gibbs accused":
    a source stops at a paragraph break (the tagger ran a headline into the first line); the piece next to
    the cue is kept."""
    if source is None or cue is None or "\n" not in frame.text[source[0] : source[1]]:
        return source
    piece = _line_piece(frame.text, source, cue)
    return trim(frame.text, piece) if piece else None


def _within_paragraph(frame: Frame, span: Span, cue: Span | None) -> Span | None:
    """Reported words stop at a paragraph break (a headline runs into the first line otherwise); the
    piece next to the cue is kept. Quoted words may run on: a quote can span paragraphs."""
    s, e = span
    if "\n" not in frame.text[s:e] or frame.quote_around(s + 1) is not None:
        return span
    piece = _line_piece(frame.text, span, cue)
    return trim_content(frame.text, piece) if piece else None


def _line_piece(text: str, span: Span, cue: Span | None) -> Span | None:
    """Of a span's lines that are not blank, the one next to the cue (without a cue, the longest); None if all are."""
    pieces = [p for p in line_pieces(text, *span) if text[p[0] : p[1]].strip()]
    if not pieces:
        return None
    if cue is None:
        return max(pieces, key=lambda p: p[1] - p[0])
    return min(pieces, key=lambda p: min(abs(p[0] - cue[1]), abs(cue[0] - p[1])))


# "One Tory backbencher, who asked not to be named, said": a request for anonymity, no statement.
ANONYMITY = re.compile(r"not\s+to\s+be\s+(?:named|identified|quoted)", re.IGNORECASE)


def _intention(text: str, tagged: TaggedAttribution) -> bool:
    content = text[tagged.content_spans[0][0] : tagged.content_spans[0][1]]
    if ANONYMITY.match(content):
        return True
    return content.lower().startswith("to ") and not (set(cue_words(text, tagged.cue_span)) & SPEECH_ACTS_WITH_TO)


# "A spokeswoman declined to comment on whether job cuts were planned": a refusal to speak reports no
# statement; what was not commented on is no one's words (PolNeAR's scheme annotates it, so its mode keeps it).
# A refusal to accept something ("refused to acknowledge that any facts were wrong") is a statement: it denies.
REFUSALS = words("declined declines decline declining refused refuses refuse refusing")
SPEAKING = words("""
    comment say discuss elaborate speak answer respond confirm specify disclose identify name detail reveal
    explain interviewed
""")


def _refusal(text: str, tagged: TaggedAttribution) -> bool:
    cue = set(cue_words(text, tagged.cue_span))
    return bool(cue & REFUSALS) and bool(cue & SPEAKING)


def _closing_mark_kept(frame: Frame, cand: Candidate) -> Candidate:
    """ 'dismissed the criticism as "woke nonsense"': quoted words that end a mixed quote keep their closing
    mark, and the stop before it where the sentence ends inside the marks ('was "simply false."'); sayso's
    scheme (PolNeAR's gold leaves them out)."""
    s, e = cand.content_spans[-1]
    inside, text = frame.text[s:e], frame.text
    mark = e + 1 if text[e : e + 1] in {".", "!", "?"} else e
    if mark < len(text) and (
        (text[mark] == "\u201d" and inside.count("\u201c") > inside.count("\u201d"))
        or (text[mark] == '"' and inside.count('"') % 2 == 1)
    ):
        cand.content_spans[-1] = (s, mark + 1)
    return cand


def _without_colon(frame: Frame, cand: Candidate) -> Candidate:
    """ "said:" -> "said": the colon introducing a quote is no part of the cue (sayso's scheme; PolNeAR's gold
    keeps it 2 times in 100)."""
    cue = cand.cue_span
    if cue is not None and cue[1] - cue[0] > 1 and frame.text[cue[1] - 1] == ":":
        cand.cue_span = trim(frame.text, (cue[0], cue[1] - 1)) or cue
    return cand


EXPECTED = re.compile(r"(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?(?:expected|seen|known)", re.IGNORECASE)
TALKED = words("spoke speaks speak speaking talked talks talk talking")


def _bare_object(frame: Frame, cand: Candidate) -> bool:
    """ "The Senate passed the bill", "Ellis dismissed that": a verb's object of a word or two, no verb in it and
    nothing quoted, reports no statement, nor does a topic ("Okafor spoke to us about her new book") (sayso's
    scheme; PolNeAR's counts some)."""
    if cand.kind != "indirect" or _denied_object(frame, cand):
        return False
    if cand.source_span is None and cand.cue_span and EXPECTED.fullmatch(frame.text, *cand.cue_span):
        return True  # "The chancellor, Rishi Kaur, is expected to announce the cuts": no one's words
    talked = set(cue_words(frame.text, cand.cue_span)) & TALKED
    if frame.text[cand.start : cand.start + 6].lower() == "about " and talked:
        return True  # (a question put "about" something is kept: a denial may answer it)
    toks = [t for t in frame.tokens_between(cand.start, cand.end) if not t.is_punct]
    return len(cand.content_spans) == 1 and len(toks) <= 2 and not any(t.pos_ in {"VERB", "AUX"} for t in toks)


def _denied_object(frame: Frame, cand: Candidate) -> bool:
    """ "Ellis dismissed that", "dismissed the criticism": the object after a denial cue is what it disputes
    (not "a deal that was rejected by large majorities", a relative pronoun before a passive)."""
    cue = cand.cue_span
    return cue is not None and cue[1] <= cand.start and is_denial_cue(frame.text[cue[0] : cue[1]])

