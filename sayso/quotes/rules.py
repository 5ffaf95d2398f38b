"""Attribution rules where they are exact: quote marks with their cue and source (quoted.py), reported speech
("X said (that) Y") and "according to X" (reported.py), nominal attributions ("claims by X that Y", nominal.py)
and statements nested inside quotes. Surface patterns over spaCy tokens and POS tags; no dependency parse.
This module runs them: the top-level statements, those nested in them, and their kinds.
"""

from __future__ import annotations

from sayso.model import QuoteKind
from sayso.quotes.according import CUE as ACCORDING
from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame
from sayso.quotes.nominal import claim_named_in_cue, nominal_attributions, published_sayings, said_wrongly
from sayso.quotes.passive import passive_denials, without_subjects_misread
from sayso.quotes.quoted import direct_quotes, interview_answers, nested_single_quotes, transcript_lines
from sayso.quotes.reported import according_to, reported_speech, trailing_attributions
from sayso.quotes.verdict_first import verdict_first_denials


def top_level(frame: Frame) -> list[Candidate]:
    """Statements that no other statement contains."""
    top = transcript_lines(frame) + interview_answers(frame)
    top += reported_speech(frame, nested=False)
    top += according_to(frame)
    top += published_sayings(frame)
    passive = passive_denials(frame) + verdict_first_denials(frame)
    top = without_subjects_misread(top, passive) + passive
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
        if cand.kind != "indirect" or _according(frame, cand):
            # "X told officers he ..., according to court documents": X's words, as the documents report them
            nested += reported_speech(frame, nested=cand.kind != "indirect", within=cand)
            nested += nested_single_quotes(frame, cand)
    set_kinds(frame, nested)
    return nested


def _according(frame: Frame, cand: Candidate) -> bool:
    cue = cand.cue_span
    return cue is not None and frame.text[cue[0] : cue[1]].lower().startswith(ACCORDING)


def set_kinds(frame: Frame, found: list[Candidate]) -> None:
    for cand in found:
        if cand.kind != "direct":
            cand.kind = _indirect_kind(frame, cand)


def _indirect_kind(frame: Frame, cand: Candidate) -> QuoteKind:
    """ "mixed" when reported words carry a quoted fragment of their own, else "indirect"."""
    quoted = any(cand.start <= q.open < cand.end for q in frame.quotes if not cand.nested or q.depth > 0)
    return "mixed" if quoted else "indirect"
