"""The data contract every stage shares (DESIGN.md): Article in, Analysis out.

Offsets are code-point offsets into the article text, end-exclusive, as ``(start, end)`` tuples.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
QuoteKind = Literal["direct", "indirect", "mixed"]
Polarity = Literal["asserts", "denies", "questions", "unknown"]
SpeakerType = Literal["PERSON", "ORG", "GROUP", "UNNAMED"]
# Span conventions: sayso's own, or PolNeAR's for evaluation (content starts at "that"; no nesting).
Scheme = Literal["sayso", "polnear"]


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id: the sha1 of the parts, so that re-running is idempotent."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class Article(BaseModel):
    """One input article, whatever it came from."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class SpeakerRef(BaseModel):
    """The speaker as embedded in a quote."""

    id: str
    name: str
    type: SpeakerType
    role: str | None = None


class Quote(BaseModel):
    id: str
    kind: QuoteKind
    content: str
    content_spans: list[Span]
    cue: str | None = None
    cue_span: Span | None = None
    source: str | None = None
    source_span: Span | None = None
    speaker_id: str | None = None
    speaker: SpeakerRef | None = None
    polarity: Polarity = "unknown"
    nested_in: str | None = None
    confidence: float = 1.0


class Speaker(BaseModel):
    id: str
    name: str
    type: SpeakerType
    roles: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Claim(BaseModel):
    id: str
    text: str
    quote_ids: list[str]
    claimant_id: str | None


class Dispute(BaseModel):
    claim_id: str
    claimant_id: str | None
    disputed_by: list[str]
    quote_ids: list[str]
    stance: Literal["refutes", "supports"] = "refutes"


class Analysis(BaseModel):
    id: str
    text_sha1: str
    language: str = "en"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    text: str | None = None
    quotes: list[Quote] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)


Stance = Literal["supports", "refutes", "discusses"]


class ClaimStatement(BaseModel):
    """One statement about a claim followed across articles, and where and when it appeared."""

    article_id: str
    quote_id: str | None
    speaker: SpeakerRef | None
    text: str
    stance: Stance
    published: str | None = None
    source: str | None = None
    url: str | None = None


class TimelineEntry(BaseModel):
    """How many statements supported, refuted or discussed the claim on one day in one outlet."""

    date: str | None
    source: str | None
    supports: int = 0
    refutes: int = 0
    discusses: int = 0


class ClaimThread(BaseModel):
    """One proposition as stated, repeated and disputed across articles and outlets."""

    id: str
    text: str
    asserted_by: list[SpeakerRef] = Field(default_factory=list)
    disputed_by: list[SpeakerRef] = Field(default_factory=list)
    first_seen: str | None = None
    articles: int = 0
    disputed: bool = False
    statements: list[ClaimStatement] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
