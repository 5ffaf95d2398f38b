"""The article as HTML with its statements, sources and cues marked; every piece of text escaped.

Spans may nest (a quote inside a quote) or overlap; the marks are written properly nested by closing and
reopening them at each boundary, so one statement can be several elements that share its ``data-q``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from sayso.model import Analysis, Quote

# Distinct colours, readable as a light background and as a border (Tableau 10, then a few more).
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#17becf", "#8c564b", "#bcbd22",
)  # fmt: skip
UNKNOWN_COLOUR = "#8a8a8a"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = field(default=())
    rank: int = 0  # at equal spans, lower ranks are outer

    def open(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def speaker_colours(analysis: Analysis) -> dict[str, str]:
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(analysis.speakers)}


def quote_title(quote: Quote) -> str:
    who = quote.speaker.name if quote.speaker else (quote.source or "unknown speaker")
    role = quote.speaker.role if quote.speaker and quote.speaker.role else None
    lines = [f"{who} ({role})" if role else who, f"cue: {quote.cue or '-'}", f"polarity: {quote.polarity}"]
    lines.append(f"kind: {quote.kind}")
    return "\n".join(lines)


def marks_of(analysis: Analysis, colours: dict[str, str]) -> list[Mark]:
    text_len = len(analysis.text or "")
    marks: list[Mark] = []
    for quote in analysis.quotes:
        colour = colours.get(quote.speaker_id or "", UNKNOWN_COLOUR)
        attrs = (
            ("class", f"stmt pol-{quote.polarity}"),
            ("data-q", quote.id),
            ("data-speaker", quote.speaker_id or ""),
            ("title", quote_title(quote)),
            ("style", f"--c:{colour}"),
        )
        depth = 1 if quote.nested_in else 0
        marks += [Mark(s, e, "mark", attrs, rank=depth) for s, e in quote.content_spans]
        side = (("style", f"--c:{colour}"), ("data-q", quote.id))
        if quote.source_span:
            marks.append(Mark(*quote.source_span, "span", (("class", "src"), *side), rank=2))
        if quote.cue_span:
            marks.append(Mark(*quote.cue_span, "span", (("class", "cue"), *side), rank=2))
    return [m for m in marks if 0 <= m.start < m.end <= text_len]


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` as properly nested elements."""
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    order = sorted(marks, key=lambda m: (m.start, -m.end, m.rank))
    out: list[str] = []
    stack: list[Mark] = []
    for a, b in zip(points, points[1:], strict=False):
        active = [m for m in order if m.start <= a and m.end >= b]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out += [m.close() for m in reversed(stack[keep:])]
        out += [m.open() for m in active[keep:]]
        stack = active
        out.append(str(escape(text[a:b])))
    out += [m.close() for m in reversed(stack)]
    return Markup("".join(out))


def article_html(analysis: Analysis) -> Markup:
    return highlight(analysis.text or "", marks_of(analysis, speaker_colours(analysis)))
