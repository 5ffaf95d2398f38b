"""Speakers of cues coordinated with an earlier verb of the same clause.

"wealthy investors, who make up most of the applicants and see the program as a way in": the cue "see" shares
the subject of "make up", the relative pronoun "who" (PolNeAR's gold names it 18 times of 28 where "who ...
and" comes right before a cue; 6 times a speaker outside the clause, 4 times none). The tagger often tags no
source there, and the rules see none beside the cue.
"""

from __future__ import annotations

import re

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame

# "who" and its clause's words, no punctuation or quote mark, then "and"/"or"/"but" right before the cue.
WHO_AND = re.compile(r"\b(who)\s+[^,;:.!?()\"“”\n]{1,100}?\s+(?:and|or|but)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
BEFORE_RELATIVE = {"NOUN", "PROPN", "PRON"}
LOOK_BACK = 140


def relative_subject_sources(frame: Frame, found: list[Candidate]) -> None:
    """A cue without a source, coordinated with the verb of a relative clause opened by "who" (after a noun
    or a comma, not a question's "who"), takes that "who" as its source."""
    for cand in found:
        if cand.cue_span is None or cand.source_span is not None:
            continue
        cue_start = cand.cue_span[0]
        m = WHO_AND.search(frame.text, max(0, cue_start - LOOK_BACK), cue_start)
        if m is None or m.end() != cue_start or not _relative(frame, m.start(1)):
            continue
        if any(s < cue_start and e > m.start(1) for s, e in cand.content_spans):
            continue
        cand.source_span = (m.start(1), m.end(1))


def _relative(frame: Frame, who: int) -> bool:
    """Whether the "who" at this offset opens a relative clause: a comma or a noun phrase's head before it."""
    i = frame.token_index_at(who)
    if i < 1 or frame.doc[i].idx != who:
        return False
    before = frame.doc[i - 1]
    return before.text == "," or before.pos_ in BEFORE_RELATIVE
