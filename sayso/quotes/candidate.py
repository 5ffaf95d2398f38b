"""One attribution as the quote stage finds it, before speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from sayso.model import QuoteKind

Span = tuple[int, int]


@dataclass
class Candidate:
    kind: QuoteKind
    content_spans: list[Span]
    cue_span: Span | None
    source_span: Span | None
    confidence: float
    origin: str  # which rule or model found it
    parent: Candidate | None = field(default=None, repr=False)  # the quote this one is nested in
    continues: Candidate | None = field(default=None, repr=False)  # same speaker as an earlier quote

    @property
    def start(self) -> int:
        return self.content_spans[0][0]

    @property
    def end(self) -> int:
        return self.content_spans[-1][1]

    @property
    def nested(self) -> bool:
        return self.parent is not None

    def covers(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.content_spans)

    def content_chars(self) -> set[int]:
        return {i for s, e in self.content_spans for i in range(s, e)}
