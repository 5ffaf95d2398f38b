"""Span helpers that the quote stage's passes share: whether spans overlap, the spans the statements found
take, a cue's words, whether words are quoted, a span's lines."""

from __future__ import annotations

from collections.abc import Iterable

from sayso.quotes.candidate import Candidate
from sayso.quotes.frame import Frame, Span


def spans_of(found: list[Candidate], *, sources: bool = True) -> list[Span]:
    """Every content, cue and (unless ``sources`` is off) source span of the statements found."""
    return [span for c in found for span in [*c.content_spans, c.cue_span, c.source_span if sources else None] if span]


def overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def line_pieces(text: str, s: int, e: int) -> list[Span]:
    pieces, start = [], s
    for i in range(s, e):
        if text[i] == "\n":
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, e))
    return pieces


def cue_words(text: str, cue: Span | None) -> list[str]:
    """The cue's words, lower-cased (none without a cue)."""
    return text[cue[0] : cue[1]].lower().split() if cue else []


def is_quoted(frame: Frame, span: Span) -> bool:
    quote = frame.quote_around(span[0])
    return (
        quote is not None
        and quote.open < span[0]
        and span[1] <= quote.close + 1
        and (span[0] - quote.open <= 2 and quote.close - span[1] <= 2)
    )
