"""Denials that give their verdict before what they deny: "Navarro County officials Tuesday emphatically rejected as
false a posting on the National Report website that said ...", "The ministry dismissed as baseless the reports that
...". The verb, "as" and the verdict are the cue; the noun phrase after it, to the sentence's end, is what is denied
(and holds whose claim it was: "a posting ... that said ..."). Written as a pattern: the tagger, trained on PolNeAR
(where the order is rare), is unsure of it and its statement falls under the confidence floor.
"""

from __future__ import annotations

import re

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame, trim_content
from sayso.quotes.phrases import source_before

VERDICT_FIRST = re.compile(
    r"\b(?P<cue>(?:rejected|rejects|dismissed|dismisses|denounced|denounces|branded|brands|decried|refuted)\s+as\s+"
    r"(?:(?:completely|totally|utterly|entirely|patently|wholly|simply)\s+)?"
    r"(?:false|untrue|baseless|fake|bogus|unfounded|inaccurate|fabricated|erroneous|incorrect|groundless|nonsense|"
    r"a\s+(?:hoax|lie|fabrication)))\s+"
    r"(?=(?:the|a|an|this|that|these|those|his|her|its|their|reports?|claims?|rumou?rs?|allegations?|stories)\b)",
    re.IGNORECASE,
)


def verdict_first_denials(frame: Frame) -> list[Candidate]:
    """Each "<speaker> rejected as false <what>" with a speaker before the verb."""
    found = []
    for match in VERDICT_FIRST.finditer(frame.text):
        verb = frame.token_index_at(match.start("cue"))
        floor = frame.token_index_at(frame.sentence_start_before(match.start()))
        source = source_before(frame, verb, floor) if verb > floor else None
        content = trim_content(frame.text, (match.end(), frame.sentence_end_after(match.end())))
        if source is None or content is None:
            continue
        found.append(Candidate("indirect", [content], match.span("cue"), source, 0.95, "verdict-first"))
    return found
