"""Denials told in the passive: "Reports that militants in Mosul had Ebola have been refuted as 'unfounded' by the
country's health ministry", "Earlier reports claiming that ... have now been denied by Iraq", "The claim was flatly
rejected by the Kremlin". The agent after "by" is who denies; what they deny is the subject, a claim or report (or
someone's claim): the statement reads as "the ministry refuted reports that ...", and what it holds is found as in
that active form ("Mr Hale's assertion that the depot had flooded" nests Hale's claim; "Reports that ..." names no
claimant, and the linker finds the claim by its words). Written as a pattern, not found by the tagger (PolNeAR has
few: 3 in 840 train articles; FNC-1's viral-news bodies 16 in about 1,700).
"""

from __future__ import annotations

import re

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame, trim

# the subject: a claim or report, maybe someone's ("Johnson's claim") or with a determiner ("the", "earlier")
CLAIM_SUBJECT = re.compile(
    r"(?:(?:but|and|however|yet)\b,?\s+)?(?P<subject>(?:(?:the|these|those|that|this|such|earlier|recent|initial|"
    r"media|news|press|online|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}[’']s)\s+){0,3}"
    r"(?:claims?|reports?|allegations?|accusations?|rumou?rs?|stories|story|assertions?|suggestions?|speculation)\b"
    r"[^.!?;]*?)\s+"
    r"(?P<cue>(?:(?:has|have|had)\s+(?:(?:now|since|also|already|repeatedly|\w+ly)\s+)?been|was|were|is|are)\s+"
    r"(?:(?:now|also|since|quickly|\w+ly)\s+)?"
    r"(?:denied|refuted|rejected|dismissed|debunked|disputed|contradicted|rebutted|shot\s+down|knocked\s+down))"
    r"(?P<manner>\s+as\s+[^,.;!?]{1,60}?)?\s+by\s+",
    re.IGNORECASE,
)
# where the agent's name ends: punctuation, or a word that starts a phrase of its own
AGENT_END = re.compile(
    r"\s*[,.;:!?()\n\"“”]|\s+(?:on|in|at|after|before|who|which|that|last|this|earlier|since|because|when|while|and|"
    r"saying|calling|adding|as|for|over|amid)\b"
)
MAX_AGENT = 80  # characters
# a name set off after the agent's description: "by the authority's chairman, Lord Fenwick, who wrote ..."
APPOSED_NAME = re.compile(r",\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?=\s*,|\s+who\b|\s*\.)")


def passive_denials(frame: Frame) -> list[Candidate]:
    """Each denial in the passive whose subject, at its sentence's start, is a claim or report."""
    found = []
    for start in _sentence_starts(frame):
        match = CLAIM_SUBJECT.match(frame.text, start)
        if match is None:
            continue
        agent = _agent(frame, match.end())
        content = trim(frame.text, match.span("subject"))
        if agent is None or content is None:
            continue
        cue_end = match.end("manner") if match.group("manner") else match.end("cue")
        found.append(Candidate("indirect", [content], (match.start("cue"), cue_end), agent, 1.0, "passive"))
    return found


def _sentence_starts(frame: Frame) -> list[int]:
    """Where each sentence's first word is (after the splitter's ends and after each line break)."""
    breaks = [0] + frame.sentence_ends + [m.end() for m in re.finditer(r"\n", frame.text)]
    return sorted({len(frame.text) - len(frame.text[s:].lstrip()) for s in breaks if s < len(frame.text)})


def _agent(frame: Frame, start: int) -> tuple[int, int] | None:
    """The agent's phrase after "by" (the country's health ministry), up to where it ends."""
    stop = AGENT_END.search(frame.text, start, min(len(frame.text), start + MAX_AGENT + 1))
    end = stop.start() if stop else -1
    if end <= start:
        return None
    named = APPOSED_NAME.match(frame.text, end)
    return trim(frame.text, (start, named.end() if named else end))


def without_subjects_misread(found: list[Candidate], passive: list[Candidate]) -> list[Candidate]:
    """The statements but those that start inside a passive denial's subject and run on past its cue ("reports
    claiming that X have now been denied by Iraq" read as the reports' words "X have now been denied by Iraq")."""
    return [c for c in found if not any(_runs_into(c, p) for p in passive)]


def _runs_into(cand: Candidate, denial: Candidate) -> bool:
    cue_start = denial.cue_span[0] if denial.cue_span else denial.end
    return denial.start <= cand.start < denial.end and cand.end > cue_start
