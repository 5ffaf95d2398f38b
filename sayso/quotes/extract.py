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
from sayso.quotes.boundaries import (
    QUOTE_MARKS,
    add_missing_subjects,
    add_parenthetical_leads,
    add_what_leads,
    apply_scheme,
    closing_mark_kept,
    complete_dangling_prepositions,
    drop_addressees,
    drop_connectives,
    drop_lead_fragments,
    end_before_next_speakers,
    extend_to_sentence_end,
    gerunds_out_of_cues,
    one_cue_each,
    split_at_paragraphs,
    verdicts_into_cues,
    widen_cues,
    widen_quoted_modifiers,
    without_colon,
)
from sayso.quotes.candidate import Candidate
from sayso.quotes.coordinated import relative_subject_sources
from sayso.quotes.cues import CALLING, is_denial_cue, words
from sayso.quotes.frame import Frame, Span, trim, trim_content
from sayso.quotes.merge import (
    arbitrate,
    denied_claim_nouns_joined,
    denied_objects_apart,
    join_split_quotes,
    split_at_own_cue,
)
from sayso.quotes.nominal import end_subject_claims
from sayso.quotes.reported import CITING, claim_appositions, next_statement_at
from sayso.quotes.sources import (
    drop_addressee_sources,
    drop_asked_sources,
    drop_possessive_marks,
    fill_sources,
    participle_sources,
    passive_addressee_sources,
    relative_pronoun_sources,
    relative_sources,
    reopen_relative_sources,
    speakers_before_according,
    tidy_sources,
    unshare_sources,
    widen_sources,
)
from sayso.quotes.spans import cue_words, is_quoted, line_pieces
from sayso.quotes.tagger import QuoteTagger, TaggedAttribution, join_and_that_clauses

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
    if scheme == "sayso":  # (PolNeAR's annotators keep "..., and that ..." apart: train-100 exact 0.840 -> 0.839)
        raw = join_and_that_clauses(text, raw)
    tagged = [c for t in raw if (c := from_tagger(frame, t, scheme)) and not (scheme == "sayso" and _cites(frame, c))]
    tagged += denied_objects_apart(frame, tagged) if scheme == "sayso" else []
    tagged = denied_claim_nouns_joined(frame, tagged) if scheme == "sayso" else tagged
    top = join_split_quotes(frame, arbitrate(frame, ruled, tagged))
    if scheme == "sayso":
        top = cut_before_own_statements(frame, top, ruled)
    appositions = claim_appositions(frame, top, polnear=scheme == "polnear")
    top = [c for c in top if not any(_noun_read_as_a_statement(c, a) for a in appositions)] + appositions
    top += split_at_own_cue(frame, top) if scheme == "polnear" else []
    drop_lead_fragments(frame, top)
    drop_addressees(frame, top)
    add_parenthetical_leads(frame, top)
    add_what_leads(frame, top)
    unshare_sources(frame, top)
    fill_sources(frame, top)
    relative_subject_sources(frame, top)
    add_missing_subjects(frame, top)
    complete_dangling_prepositions(frame, top)
    tidy_sources(frame, top, keep_asides=scheme == "polnear")
    widen_sources(frame, top)
    widen_according_sources(frame, top)
    if scheme == "sayso":
        speakers_before_according(frame, top)
    drop_asked_sources(frame, top)
    relative_sources(frame, top)
    participle_sources(frame, top)
    if scheme == "sayso":  # (PolNeAR's scheme takes the speaker named before: dev source_exact 0.779 -> 0.778)
        relative_pronoun_sources(frame, top)
    reopen_relative_sources(frame, top)
    drop_addressee_sources(frame, top)
    passive_addressee_sources(frame, top)
    widen_cues(frame, top)
    if scheme == "sayso":
        gerunds_out_of_cues(frame, top)
        verdicts_into_cues(frame, top)
    extend_to_sentence_end(frame, top)
    drop_connectives(frame, top)
    end_before_next_speakers(frame, top)
    end_subject_claims(frame, top)
    widen_quoted_modifiers(frame, top)
    split_at_paragraphs(frame, top)
    apply_scheme(frame, top, scheme)
    if scheme == "polnear":
        top = one_cue_each(top)
    else:
        top = [
            closing_mark_kept(frame, without_colon(frame, c))
            for c in top
            if not _bare_object(frame, c) and not _a_name_given(frame, c) and not _liking_or_verdict(frame, c)
        ]
        drop_possessive_marks(frame, top)
    rules.set_kinds(frame, top)
    inner = rules.nested_in(frame, top) if nested and scheme == "sayso" else []
    found = _without_published_held(top, inner) + inner
    if scheme == "sayso":
        # questions put by no one named ("asked whether ..."), and sources that say there is none: no statements
        unsaid = [
            c
            for c in found
            if (not c.nested and _asked_by_no_one(frame, c)) or _said_by_none(frame, c) or _asked_about(frame, c)
        ]
        found = _without(found, unsaid)
    return sorted(found, key=lambda c: (c.start, -c.end))


def cut_before_own_statements(frame: Frame, top: list[Candidate], ruled: list[Candidate]) -> list[Candidate]:
    """ "The air force said it had shot down 40 drones, while Moscow denied targeting civilians": reported words the
    tagger ran on into a statement of its own (", while X denied ...", ", adding ...") end where that one begins,
    when a rule found it there; the rule's statement is kept beside them (sayso's scheme)."""
    out = list(top)
    for cand in top:
        if cand.origin != "tagger" or cand.kind == "direct":
            continue
        start, end = cand.start, cand.end
        cut = next_statement_at(frame, start, end)
        rest = [r for r in ruled if cut is not None and cut <= r.start and r.end <= end and r not in out]
        if cut is None or not rest:
            continue
        kept = [span for s, e in cand.content_spans if s < cut and (span := trim_content(frame.text, (s, min(e, cut))))]
        if kept:
            cand.content_spans = kept
            out += rest
    return out


# a source that says there is none: "no evidence", "no credible intelligence", "nothing" (not "no one", a speaker)
NO_SOURCE = re.compile(r"\W*(?:no|nothing)\b(?!\s+(?:one|other)\b)", re.IGNORECASE)
# A yes-no question's opening up to its subject: an auxiliary first (after an interview's "Q:", a "But" or "So").
QUESTION_LEAD = re.compile(
    r"\s*(?:Q[:.]\s+)?(?:(?:but|and|so|then|now),?\s+)?"
    r"(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have|had)(?:n[’']t)?\s+",
    re.IGNORECASE,
)


def _without_published_held(top: list[Candidate], nested: list[Candidate]) -> list[Candidate]:
    """The top-level statements but what a published piece said where another statement holds those same words ("...
    a story that appeared in the Daily Courier suggesting that Y is false, according to the Herald": Y is the
    Courier's inside the Herald's statement, once)."""
    held = {tuple(c.content_spans) for c in nested}
    return [c for c in top if c.origin != "published" or tuple(c.content_spans) not in held]


def _without(found: list[Candidate], dropped: list[Candidate]) -> list[Candidate]:
    """The statements but those dropped; what a dropped one held stands on its own."""
    for cand in found:
        if cand.parent is not None and any(cand.parent is d for d in dropped):
            cand.parent = None
    return [c for c in found if not any(c is d for d in dropped)]


def _asked_about(frame: Frame, cand: Candidate) -> bool:
    """Whether the source is the subject of a yes-no question ("Does Bernie Sanders represent the left?", "Q: Will
    the mayor back the plan?"): a question about what someone says or does, not their statement."""
    if cand.source_span is None:
        return False
    source = cand.source_span[0]
    end = frame.sentence_end_after(source)
    if not frame.text[source:end].rstrip().endswith("?"):
        return False
    return QUESTION_LEAD.fullmatch(frame.text, frame.sentence_start_before(source), source) is not None


def _said_by_none(frame: Frame, cand: Candidate) -> bool:
    """Whether the source says there is none ("We have no evidence to suggest that the ship sank": no one suggests
    it)."""
    return cand.source_span is not None and NO_SOURCE.match(frame.text, *cand.source_span) is not None


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
    verbless = not any(t.pos_ in {"VERB", "AUX"} for t in toks)
    if verbless and cand.kind == "indirect" and cue_words(frame.text, cand.cue_span)[-1:] in (["over"], ["on"]):
        return True  # "traded sharp attacks over crime and taxes": what they fought over, no one's words
    quoted = any(ch in frame.text[cand.start : cand.end] for ch in QUOTE_MARKS)  # 'called that "preposterous"'
    return len(cand.content_spans) == 1 and len(toks) <= 2 and verbless and not quoted


# 'its report, titled "Running Dry"', 'under what the ministry calls "Operation High Water"': a name given to a
# report, an operation or a scheme in quote marks is no one's statement (sayso's scheme; PolNeAR's counts some)
TITLING = words("titled entitled headlined named dubbed nicknamed billed")


def _a_name_given(frame: Frame, cand: Candidate) -> bool:
    cue = set(cue_words(frame.text, cand.cue_span))
    named = [(s, e) for s, e in cand.content_spans if frame.text[s:e].lower() != "what"]
    if len(named) != 1 or not is_quoted(frame, named[0]):
        return False
    if cue & TITLING:
        return True
    led_by_what = len(cand.content_spans) == 2 and frame.text[slice(*cand.content_spans[0])].lower() == "what"
    name = frame.text[slice(*named[0])].split()
    return bool(cue & CALLING) and led_by_what and all(w[:1].isupper() or not w[:1].isalpha() for w in name)


# "Adeyemi does not like the word "politician"", "A former treasurer was found guilty on Friday of stealing ...":
# a liking for a thing, or a court's verdict, reports no one's words (sayso's scheme; PolNeAR counts "liked" 10
# times in train)
LIKING = words("like likes liked love loves loved hate hates hated dislike dislikes disliked enjoy enjoys enjoyed")
VERDICT = re.compile(r"\bfound\s+(?:not\s+)?(?:guilty|liable)\b", re.IGNORECASE)


def _liking_or_verdict(frame: Frame, cand: Candidate) -> bool:
    if cand.cue_span is None or cand.kind == "direct":
        return False
    if VERDICT.search(frame.text, *cand.cue_span):
        return True
    cue = cue_words(frame.text, cand.cue_span)
    if not cue or cue[-1] not in LIKING or cand.start < cand.cue_span[1]:
        return False
    toks = [t for s, e in cand.content_spans for t in frame.tokens_between(s, e)]
    return not any(t.pos_ in {"VERB", "AUX"} for t in toks)


# whom or what a report cites: "citing people familiar with the matter", "citing court documents"
CITED_SOURCES = words("""
    people person sources source officials official documents document records filings report reports data
    statement statements analysts executives aides diplomats investigators insiders witnesses someone
""")


def _cites(frame: Frame, cand: Candidate) -> bool:
    """ "reported that ..., citing people familiar with the matter": whom a report cites says nothing itself
    (sayso's scheme; "citing low growth", the reasons someone gave, stays)."""
    cue = cue_words(frame.text, cand.cue_span)
    if not cue or cue[0] not in CITING:
        return False
    nouns = [t for t in frame.tokens_between(cand.start, cand.end) if t.pos_ in {"NOUN", "PROPN"}]
    return bool(nouns) and nouns[0].lower_ in CITED_SOURCES


def _asked_by_no_one(frame: Frame, cand: Candidate) -> bool:
    """ "Asked about the hospital, he said: ...": the question of a reporter no one names is no one's statement
    (sayso's scheme; PolNeAR's counts it); the answer is."""
    cue = cue_words(frame.text, cand.cue_span)
    return cand.source_span is None and cue[:1] == ["asked"]


def _denied_object(frame: Frame, cand: Candidate) -> bool:
    """ "Ellis dismissed that", "dismissed the criticism": the object after a denial cue is what it disputes
    (not "a deal that was rejected by large majorities", a relative pronoun before a passive); so is the subject of a
    denial in the passive ("The claim was rejected by the ministry", passive.py)."""
    if cand.origin == "passive":
        return True
    cue = cand.cue_span
    return cue is not None and cue[1] <= cand.start and is_denial_cue(frame.text[cue[0] : cue[1]])


NOUN_TO_DENIER = 8  # characters from a claim noun to the deniers after it ("a claim that the army ...")


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _noun_read_as_a_statement(cand: Candidate, apposition: Candidate) -> bool:
    """ "..., a claim (that) the army and the border police deny": "claim" read as the cue of a statement whose
    words are the deniers and their verb, where the apposition is the deniers' statement."""
    if cand.cue_span is None or apposition.source_span is None or not cand.content_spans:
        return False
    if cand is not apposition and apposition.cue_span and _within(cand.cue_span, apposition.cue_span):
        return True  # (", a claim DHS said was false": "said" read as the cue of "a claim ... was false")
    start, end = apposition.source_span[0], max(apposition.source_span[1], (apposition.cue_span or (0, 0))[1])
    noun_end = cand.cue_span[1]
    before = 0 <= start - noun_end <= NOUN_TO_DENIER
    return before and all(noun_end <= s and e <= end for s, e in cand.content_spans)
