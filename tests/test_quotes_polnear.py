"""PolNeAR's span conventions (`sayso eval polnear`): short excerpts in the style of the errors that
bench/attrib_errors.py found on PolNeAR dev."""

from __future__ import annotations

import pytest

from sayso import nlp
from sayso.ingest import read_text
from sayso.pipeline import analyze_article
from sayso.quotes.candidate import Candidate
from sayso.quotes.extract import drop_connectives
from sayso.quotes.frame import Frame


def polnear(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, source) of each attribution, in PolNeAR's scheme."""
    analysis = analyze_article(read_text(text, id="t"), nested=False, scheme="polnear")
    return [(q.content, q.cue, q.source) for q in analysis.quotes]


def test_intentions_are_attributions_in_polnear_but_not_statements_in_sayso() -> None:
    text = "The council plans to close two libraries next year to balance its budget."
    assert polnear(text) == [("to close two libraries next year to balance its budget", "plans", "The council")]
    sayso = analyze_article(read_text(text, id="t"), nested=False, scheme="sayso")
    assert sayso.quotes == []


@pytest.mark.parametrize(("opening", "kept"), [("But ", False), ("However, ", False), ('"But ', True)])
def test_a_connective_opening_reported_words_before_their_cue_is_left_out(opening: str, kept: bool) -> None:
    words = "the new ferry terminal will not be ready until June"
    close = '"' if kept else ""
    text = f"The harbour reopened on Monday. {opening}{words}{close}, the mayor said."
    start, end, cue = (
        text.index("But" if "But" in opening else "However"),
        text.index(words) + len(words),
        text.index("said"),
    )
    cand = Candidate("indirect", [(start, end)], (cue, cue + 4), None, 0.9, "tagger")
    drop_connectives(Frame.build(text, nlp.parse(text)), [cand])
    s, e = cand.content_spans[0]
    assert text[s:e] == (text[start:end] if kept else words)
