"""Merging the rules' statements with the tagger's: where both find the same words, whose boundaries win
(``arbitrate``); a quote broken off by its cue joined into one statement, and a tagged fragment with a
speech verb of its own split off as a statement of its own.
"""

from __future__ import annotations

import re

from sayso.model import QuoteKind
from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import is_cue_noun, is_denial_cue, is_speech_verb
from sayso.quotes.frame import Frame, Span
from sayso.quotes.phrases import FINITE_TAGS
from sayso.quotes.spans import is_quoted, overlaps

# Rules whose boundaries are as exact as the tagger's (quote marks, "according to", a denial in the passive, whose
# subject the tagger reads as reported words running on into "have been denied by", one giving its verdict first,
# "rejected as false a post that said ...", or what a piece published somewhere said): they win overlaps.
EXACT_RULES = {
    "quote-cue-after", "quote-cue-before", "quote-follow-on", "according", "transcript", "passive", "verdict-first",
    "published",
}


def arbitrate(frame: Frame, ruled: list[Candidate], tagged: list[Candidate]) -> list[Candidate]:
    """Each statement once: where a rule and the tagger find the same words, the exact rules (quote
    marks, "according to") keep theirs, and so does a rule whose statement the tagger broke up;
    otherwise the tagger wins. What only one finds is kept."""
    out: list[Candidate] = []
    tagged_chars = [t.content_chars() for t in tagged]
    beaten: set[int] = set()
    kept: set[int] = set()  # the characters of the statements the rules keep
    for rule in ruled:
        chars = rule.content_chars()
        rivals = [i for i, tc in enumerate(tagged_chars) if tc & chars]
        theirs = [tagged[i] for i in rivals]
        _take_cue_in_own_sentence(frame, rule, theirs)
        exact = rule.origin in EXACT_RULES and not _inside_reported_words(frame, rule, theirs)
        kept_whole = _broken_up(frame, rule, theirs) or _cut_after_subject(frame, rule, theirs)
        if not rivals or exact or kept_whole:
            out.append(_with_tagged_source(frame, rule, theirs))
            beaten.update(rivals)
            kept |= chars
        else:
            _fill_missing_source(theirs, rule)
    out += [t for i, t in enumerate(tagged) if i not in beaten]
    out += [r for i in sorted(beaten) if (r := _rest_of_beaten(frame, tagged[i], kept))]
    return out


def _take_cue_in_own_sentence(frame: Frame, rule: Candidate, rivals: list[Candidate]) -> None:
    """ '"Riders came back," she points out': a quote the rules took to go on in the voice before (no speech verb
    of their lexicon after it) takes the cue and source the tagger found for the same words in the quote's own
    sentence."""
    if rule.origin != "quote-follow-on" or rule.cue_span is not None:
        return
    start, end = frame.sentence_start_before(rule.start), frame.sentence_end_after(rule.end - 1)
    for rival in rivals:
        cue = rival.cue_span
        if cue is not None and start <= cue[0] and cue[1] <= end and rival.content_chars() >= rule.content_chars():
            rule.cue_span, rule.source_span, rule.continues = cue, rival.source_span, None
            return


def _inside_reported_words(frame: Frame, rule: Candidate, rivals: list[Candidate]) -> bool:
    """ 'Lee has praised the plan as “a model for the coast,” telling reporters ...', 'Lee said “it makes me
    furious” every time she reads ...': a quote rule linked a quoted phrase to a verb beside it, where the tagger
    reads the phrase as a piece of reported words that run on past its marks, in one span, with a cue of their
    own (a mixed quote): those words win."""
    if rule.kind != "direct" or len(rule.content_spans) != 1:
        return False
    text = frame.text
    return any(
        s <= rule.start and rule.end <= e and (WORD.search(text, s, rule.start) or WORD.search(text, rule.end, e))
        for rival in rivals
        if rival.cue_span != rule.cue_span
        for s, e in rival.content_spans
    )


WORD = re.compile(r"\w")


def _rest_of_beaten(frame: Frame, cand: Candidate, kept: set[int]) -> Candidate | None:
    """ '"The Mayor stands by every word," it read. / “This is not about politics.': the tagger linked a quote
    and the next paragraph's opening to one cue; where a rule's statement took some of its pieces, the pieces
    before them that no rule took stay a quote of the tagger's cue (its cue outside what the rules kept)."""
    rest: list[Span] = []
    for span in cand.content_spans:
        if any(i in kept for i in range(*span)):
            break
        rest.append(span)
    if not rest or len(rest) == len(cand.content_spans) or cand.cue_span is None or cand.cue_span[0] in kept:
        return None
    if not all(is_quoted(frame, s) for s in rest):
        return None  # reported words cut short by a rule's quote are rarely a statement of their own
    return Candidate("direct", rest, cand.cue_span, cand.source_span, cand.confidence, cand.origin)


def split_at_own_cue(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """ '"We lost," Lee said, adding that the fares were "too high."': the tagger links a later fragment to
    the first cue when it did not tag the speech verb before that fragment; a fragment with a speech verb of
    its own between it and the words before it is a statement of its own, with the same speaker. Returns
    the new statements (the fragments are taken out of the ones they were linked to)."""
    cues = {c.cue_span for c in found if c.cue_span}
    out: list[Candidate] = []
    for cand in found:
        if cand.origin != "tagger" or cand.cue_span is None or len(cand.content_spans) < 2:
            continue
        before = cand.cue_span[1]
        for k, (s, e) in enumerate(cand.content_spans):
            if s < before:
                before = max(before, e)
                continue
            verb = next(
                (t for t in frame.tokens_between(before, s) if is_speech_verb(t.text) and t.pos_ in {"VERB", "AUX"}),
                None,
            )
            if verb is not None and k > 0 and (verb.idx, verb.idx + len(verb)) not in cues:
                rest = cand.content_spans[k:]
                cand.content_spans = cand.content_spans[:k]
                kind: QuoteKind = "direct" if all(is_quoted(frame, r) for r in rest) else "indirect"
                cue = (verb.idx, verb.idx + len(verb))
                out.append(Candidate(kind, rest, cue, cand.source_span, cand.confidence, "tagger"))
                break
            before = e
    return out


def denied_objects_apart(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """ "BuzzFeed, which does not disclose its finances, denied the report, saying this year will meet expectations":
    words right after a denial verb the tagger did not tag, which it linked to another cue ("saying", "does not
    disclose"), are that verb's denial (sayso's scheme). Where they were linked to a later cue with more words after
    it, they become a statement of their own, with the same speaker (returned); else their cue is the verb."""
    out: list[Candidate] = []
    for cand in found:
        if cand.origin != "tagger" or cand.cue_span is None:
            continue
        start, end = cand.content_spans[0]
        before = frame.tokens_between(frame.sentence_start_before(start), start)
        if not before or not is_denial_cue(before[-1].text) or before[-1].pos_ != "VERB":
            continue
        verb = (before[-1].idx, before[-1].idx + len(before[-1]))
        if cand.cue_span[0] <= verb[0] < cand.cue_span[1]:
            continue  # the verb is the cue, or in it
        if end <= cand.cue_span[0] and len(cand.content_spans) > 1:
            cand.content_spans = cand.content_spans[1:]
            out.append(Candidate("indirect", [(start, end)], verb, cand.source_span, cand.confidence, "tagger"))
        elif cand.cue_span[1] <= start:
            cand.cue_span = verb
    return out


def denied_claim_nouns_joined(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """ "NASA denies both the tweet and the bogus claim that a planetary alignment will let you float": the tagger
    cut the denial's words before "claim" and made the claim noun a cue of the same speaker (NASA claiming what it
    denies); the claim is the denial's object, so the two are one denial (sayso's scheme)."""
    out = list(found)
    for denial in found:
        if denial.origin != "tagger" or denial.cue_span is None or denial.source_span is None:
            continue
        if not is_denial_cue(frame.text[denial.cue_span[0] : denial.cue_span[1]]):
            continue
        for claim in found:
            cue = claim.cue_span
            if claim is denial or cue is None or claim.source_span != denial.source_span or claim.end <= cue[1]:
                continue
            between = frame.text[denial.end : cue[0]]
            if is_cue_noun(frame.text[cue[0] : cue[1]]) and 0 <= cue[0] - denial.end <= 2 and not between.strip():
                denial.content_spans = [*denial.content_spans[:-1], (denial.content_spans[-1][0], claim.end)]
                out = [c for c in out if c is not claim]
    return out


def join_split_quotes(frame: Frame, found: list[Candidate]) -> list[Candidate]:
    """ '"My hope," Lee said, "is that they listen."': a quote broken off by a comma before its cue and
    the quote that goes on after that cue (found by different rules, or by a rule and the tagger) are the
    fragments of one statement."""
    by_cue: dict[Span, Candidate] = {}
    for cand in found:
        if cand.kind == "direct" and cand.cue_span and cand.end <= cand.cue_span[0] and _broken_by_comma(frame, cand):
            by_cue[cand.cue_span] = cand
    out: list[Candidate] = []
    for cand in found:
        cue = cand.cue_span
        first = by_cue.get(cue) if cue else None
        if first is None or cue is None or cand is first or cand.kind != "direct" or cand.start < cue[1]:
            out.append(cand)
            continue
        first.content_spans = sorted([*first.content_spans, *cand.content_spans])
        first.source_span = first.source_span or cand.source_span
    return out


def _broken_by_comma(frame: Frame, cand: Candidate) -> bool:
    """Whether a quote's words stop at a comma ('"My hope," he said' / '"My hope", he said')."""
    tail = frame.text[cand.end : cand.end + 3]
    return tail.lstrip("\"'”’").startswith(",") or tail.startswith(",")


def _broken_up(frame: Frame, rule: Candidate, rivals: list[Candidate]) -> bool:
    """ "denied claims by X that Y": the tagger tends to split a denied claim into a bare "claims" and
    an unattributed "Y", or to take "claims" into the denial's cue ("denied claims"); the rule keeps the
    claim whole (and finds X's claim nested in it)."""
    first_word = frame.text[rule.start : rule.end].split(" ", 1)[0]
    split = len(rivals) > 1 or any(r.cue_span is None for r in rivals)
    took_noun = any(r.cue_span is not None and r.cue_span[0] <= rule.start < r.cue_span[1] for r in rivals)
    # (or the unattributed "Y" was dropped, and "claims" alone is left: "rejected claims by officials in Gaza that")
    bare_noun = any(frame.text[r.start : r.end] == first_word and r.end < rule.end for r in rivals)
    return (split or took_noun or bare_noun) and is_cue_noun(first_word)


def _cut_after_subject(frame: Frame, rule: Candidate, rivals: list[Candidate]) -> bool:
    """ "Lee said Tom Hart, the owner of the inn, who bought it in 2014 is wrong ...": the tagger took only the
    reported clause's subject, with no verb of its own, as what the cue says (the rest unattributed or left out);
    the rule's clause is whole."""
    attributed = [r for r in rivals if r.cue_span is not None]
    if len(attributed) != 1 or attributed[0].cue_span != rule.cue_span or rule.end <= attributed[0].end:
        return False
    words = [t for s, e in attributed[0].content_spans for t in frame.tokens_between(s, e)]
    if not words or any(t.pos_ in {"VERB", "AUX"} for t in words):
        return False
    # ... and the rule's clause goes on to the subject's own verb ("that argument in a ruling released Thursday" is
    # no clause)
    rest = frame.tokens_between(attributed[0].end, rule.end)
    return any(t.tag_ in FINITE_TAGS for t in rest)


def _fill_missing_source(winners: list[Candidate], rule: Candidate) -> None:
    """A tagged statement that lost its source (the tagger linked it elsewhere) takes the rule's, when
    both hang on the same cue."""
    for winner in winners:
        if winner.source_span is None and winner.cue_span == rule.cue_span and rule.source_span:
            winner.source_span = rule.source_span


def _with_tagged_source(frame: Frame, rule: Candidate, rivals: list[Candidate]) -> Candidate:
    """The tagger draws source boundaries the PolNeAR way ("Smith, a spokesman for X"); where it agrees
    with the rule on the cue, its source is taken."""
    for rival in rivals:
        if rival.cue_span != rule.cue_span or rival.source_span is None or rule.source_span is None:
            continue
        if overlaps(rule.source_span, [rival.source_span]) or _told_one_after(frame, rule, rival):
            rule.source_span = rival.source_span
    return rule


def _told_one_after(frame: Frame, rule: Candidate, rival: Candidate) -> bool:
    """ '"...," Christy Feig, director of communications for WHO, told Mashable': the rule took the one told, after
    the cue, and the tagger a speaker before it."""
    cue, source, theirs = rule.cue_span, rule.source_span, rival.source_span
    if cue is None or source is None or theirs is None or source[0] < cue[1] or theirs[1] > cue[0]:
        return False
    return frame.text[cue[0] : cue[1]].split()[-1].lower() in {"told", "tells", "tell"}
