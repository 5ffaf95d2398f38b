"""The quote stage: rules where they are exact, the learned tagger for the rest, merged."""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame
from sayso.quotes.rules import find_candidates


def attributions(text: str, doc: Doc, *, nested: bool = True) -> list[Candidate]:
    frame = Frame.build(text, doc)
    found = find_candidates(frame)
    if not nested:
        found = [c for c in found if not c.nested]
    return found


def load_tagger() -> None:
    """Load the learned tagger once per process (a no-op until the tagger is wired in)."""
