"""Repairs of where the statements' words and cues begin and end after the rules and the tagger are merged:
fragments before the speaker dropped or added, a missing subject or a preposition's object taken in, words
run on to their sentence's end, a connective left out, quotes split at paragraphs, cues widened over their
auxiliaries, and each scheme's own conventions ("that", closing marks, a colon after the cue).
"""

from __future__ import annotations

import re

from sayso.model import Scheme
from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import CALLING, is_denial_cue, words
from sayso.quotes.frame import Frame, Span, trim, trim_content
from sayso.quotes.phrases import FINITE_TAGS, NP_POS
from sayso.quotes.reported import that_is_demonstrative
from sayso.quotes.sources import RELATIVES
from sayso.quotes.spans import line_pieces, overlaps, spans_of

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


MAX_MODIFIER_WORDS = 3


def widen_quoted_modifiers(frame: Frame, found: list[Candidate]) -> None:
    """ "Norland rejects 'blackmail' charge": a quoted word or two after the cue that premodify a noun are no
    statement on their own; what the cue takes is the noun phrase ("'blackmail' charge")."""
    text = frame.text
    for cand in found:
        if cand.cue_span is None or len(cand.content_spans) != 1 or cand.start < cand.cue_span[1]:
            continue
        s, e = cand.content_spans[0]
        quote = frame.quote_around(s)
        if quote is None or len(text[s:e].split()) > MAX_MODIFIER_WORDS or text[e : quote.close].strip(".,!?"):
            continue
        if not text[s].islower():
            continue  # 'a message reading "Thank you Georgia" moments after': words said, not a modifier
        if text[quote.close + 1 : quote.close + 2] != " ":
            continue
        nouns = []
        for tok in frame.tokens_between(quote.close + 2, frame.sentence_end_after(quote.close)):
            if tok.tag_ not in {"NN", "NNS"} or tok.ent_type_ in {"DATE", "TIME"}:
                break
            nouns.append(tok)
        if nouns:
            cand.content_spans[0] = (quote.open, nouns[-1].idx + len(nouns[-1]))
            cand.kind = "indirect"


OBJECT_PRONOUNS = {"him", "her", "them", "us", "me", "you"}


def drop_addressees(frame: Frame, found: list[Candidate]) -> None:
    """ "Judge Leckie warned him that he faced ...": the one spoken to, a pronoun right after the cue that the
    tagger took as a first piece of the reported words, is none of them."""
    for cand in found:
        if cand.cue_span is None or len(cand.content_spans) < 2:
            continue
        (s, e), (s2, _) = cand.content_spans[:2]
        if frame.text[s:e].lower() not in OBJECT_PRONOUNS or frame.text[cand.cue_span[1] : s].strip():
            continue
        if frame.text[s2 : s2 + 5].lower() == "that " and not frame.text[e:s2].strip():
            cand.content_spans = cand.content_spans[1:]


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


ADMISSIONS = {"admit", "admits", "admitted", "admitting", "acknowledged", "acknowledges", "confessed", "confesses"}


def _denies_or_admits(word: str) -> bool:
    return is_denial_cue(word) or word.lower() in ADMISSIONS


# "dismissed as baseless | a report by the Daily Ledger that ...": the verdict a denial verb gives what it denies
VERDICT_FIRST = re.compile(
    r"as\s+(?:\w+ly\s+)?(?:false|baseless|untrue|unfounded|groundless|inaccurate|fabricated|fake|nonsense|rubbish|"
    r"speculation|(?:a\s+)?lies?|(?:a\s+)?hoax)(?=\s+\w)",
    re.IGNORECASE,
)


def verdicts_into_cues(frame: Frame, found: list[Candidate]) -> None:
    """ "The ministry dismissed as baseless a report by the Daily Ledger that ...": the verdict between a denial
    verb and what it denies is the cue's ("dismissed as baseless"), not the first words of what was denied (sayso's
    scheme; the nominal rules then find the report's own claim in the words)."""
    text = frame.text
    for cand in found:
        cue = cand.cue_span
        if cue is None or cand.kind == "direct" or not is_denial_cue(text[cue[0] : cue[1]]):
            continue
        start, end = cand.content_spans[0]
        verdict = VERDICT_FIRST.match(text, start, end)
        if verdict is None or text[cue[1] : start].strip():
            continue
        rest = text[verdict.end() : end]
        cand.cue_span = (cue[0], verdict.end())
        cand.content_spans[0] = (end - len(rest.lstrip()), end)


def gerunds_out_of_cues(frame: Frame, found: list[Candidate]) -> None:
    """ "Hollins denied writing the note": the gerund after a denial or admission cue is the first word of what was
    denied or admitted, not part of the cue ("denied writing" / "the note"); sayso's scheme (PolNeAR's cues often
    hold the gerund: moving every gerund out cost 0.011 content exact F1 on dev)."""
    text = frame.text
    for cand in found:
        if cand.cue_span is None or cand.kind == "direct" or text[cand.cue_span[1] : cand.start].strip():
            continue
        toks = [t for t in frame.tokens_between(*cand.cue_span) if not t.is_space]
        if len(toks) < 2 or toks[-1].tag_ != "VBG" or not _denies_or_admits(toks[-2].text):
            continue
        s, e = cand.content_spans[0]
        cand.cue_span = (cand.cue_span[0], toks[-2].idx + len(toks[-2]))
        cand.content_spans[0] = (toks[-1].idx, e)


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


# what joins reported words to the next speaker phrase ("... on the set with police spokesman X saying")
JOINING_NEXT_SPEAKER = re.compile(r"(?:\s*,)?\s*(?:\b(?:with|and|while|as)\s*)?$", re.IGNORECASE)


def end_before_next_speakers(frame: Frame, found: list[Candidate]) -> None:
    """Reported words that run into the speaker phrase of a statement whose cue comes after them ("the Batmobile is
    safe on the set with Detroit police": "... with Detroit police spokesman Sgt. Michael Woody saying that ...") end
    before that phrase and the word joining them."""
    for cand in found:
        if cand.kind == "direct" or cand.cue_span is None:
            continue
        s, e = cand.content_spans[-1]
        starts = [
            o.source_span[0]
            for o in found
            if o is not cand and o.source_span and o.cue_span and s < o.source_span[0] < e <= o.cue_span[0]
        ]
        if not starts:
            continue
        cut = JOINING_NEXT_SPEAKER.search(frame.text, s, min(starts))
        trimmed = trim_content(frame.text, (s, cut.start() if cut else min(starts)))
        if trimmed is not None:
            cand.content_spans[-1] = trimmed


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
    before = frame.text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in CALLING:
        return False  # 'called that "preposterous"': what is called so, no clause
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


def closing_mark_kept(frame: Frame, cand: Candidate) -> Candidate:
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


def without_colon(frame: Frame, cand: Candidate) -> Candidate:
    """ "said:" -> "said": the colon introducing a quote is no part of the cue (sayso's scheme; PolNeAR's gold
    keeps it 2 times in 100)."""
    cue = cand.cue_span
    if cue is not None and cue[1] - cue[0] > 1 and frame.text[cue[1] - 1] == ":":
        cand.cue_span = trim(frame.text, (cue[0], cue[1] - 1)) or cue
    return cand
