"""The source of "according to X" after the words it reports.

"... among the group of voters, according to the Roper Center for Public Opinion Research.": the speaker
phrase the rules see stops at the first preposition or hyphen ("the Roper Center", "Virginia AFL"), while
PolNeAR's gold runs on to the punctuation that ends it (PolNeAR train: 251 times of 301 where the reported
words come first; most of the others stop before a participle, a relative clause or a time phrase, which
stop this widening too).
"""

from __future__ import annotations

import re

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame

CUE = "according to"
# What ends the phrase: a comma or other stop, a bracket, a quote mark (or two apostrophes), a dash between spaces.
PHRASE_END = re.compile(r"[,;:!?()\[\]\"“”]|''|\s--?\s|\s[—–]\s")
NOT_IN_NAME_TAGS = {"VBD", "VBZ", "VBP", "MD", "VBN", "VBG", "VB", "WDT", "WP", "WP$", "TO"}
TIME_ENTS = {"DATE", "TIME"}
MAX_EXTRA_TOKENS = 8


def widen_according_sources(frame: Frame, found: list[Candidate]) -> None:
    """A source after "according to", the reported words before it, runs on to the end of its phrase when
    only more of a name or noun phrase comes before that end (no verb, relative pronoun or time phrase)."""
    for cand in found:
        if cand.cue_span is None or cand.source_span is None or cand.start > cand.cue_span[0]:
            continue
        if frame.text[cand.cue_span[0] : cand.cue_span[1]].lower() != CUE:
            continue
        start, end = cand.source_span
        if end <= cand.cue_span[1]:
            continue
        stop = _phrase_end(frame, end)
        if stop > end and _more_of_the_name(frame, end, stop):
            cand.source_span = (start, stop)


def _phrase_end(frame: Frame, end: int) -> int:
    """Where the phrase going on at ``end`` stops: its punctuation or its sentence's end (without the stop)."""
    sentence_end = frame.sentence_end_after(end)
    m = PHRASE_END.search(frame.text, end, sentence_end)
    stop = m.start() if m else sentence_end
    return len(frame.text[:stop].rstrip().rstrip(".!?").rstrip())


def _more_of_the_name(frame: Frame, end: int, stop: int) -> bool:
    toks = [t for t in frame.tokens_between(end, stop + 1) if not t.is_space]
    if not toks or len(toks) > MAX_EXTRA_TOKENS:
        return False
    return not any(t.tag_ in NOT_IN_NAME_TAGS or t.ent_type_ in TIME_ENTS for t in toks)
