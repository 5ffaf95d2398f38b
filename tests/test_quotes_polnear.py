"""PolNeAR's span conventions (`sayso eval polnear`): short excerpts in the style of the errors that
bench/attrib_errors.py found on PolNeAR dev."""

from __future__ import annotations

from sayso.ingest import read_text
from sayso.pipeline import analyze_article


def polnear(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, source) of each attribution, in PolNeAR's scheme."""
    analysis = analyze_article(read_text(text, id="t"), nested=False, scheme="polnear")
    return [(q.content, q.cue, q.source) for q in analysis.quotes]


def test_intentions_are_attributions_in_polnear_but_not_statements_in_sayso() -> None:
    text = "The council plans to close two libraries next year to balance its budget."
    assert polnear(text) == [("to close two libraries next year to balance its budget", "plans", "The council")]
    sayso = analyze_article(read_text(text, id="t"), nested=False, scheme="sayso")
    assert sayso.quotes == []
