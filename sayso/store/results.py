"""What the store's queries return: plain pydantic models, the same for the CLI, the REST API and Python.

Speaker ids here are the archive's (one identity across articles), not the per-article ids of an Analysis.
Dates are ISO 8601 strings (``published`` as normalised at ingest: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from sayso.model import Polarity, QuoteKind, Span, SpeakerType


class QuoteHit(BaseModel):
    """One stored statement with its speaker and its article."""

    id: str
    article_id: str
    kind: QuoteKind
    content: str
    content_spans: list[Span]
    polarity: Polarity
    cue: str | None = None
    source: str | None = None  # the attribution words as written ("Kremlin spokesman Dmitry Peskov")
    speaker_id: str | None = None  # the archive's speaker
    speaker_name: str | None = None  # the archive speaker's canonical name
    speaker_type: SpeakerType | None = None
    role: str | None = None  # the role this article gives the speaker
    nested_in: str | None = None
    confidence: float = 1.0
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class RoleSpan(BaseModel):
    """A role a speaker was given, and the first and last publication dates it was seen with."""

    role: str
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int = 0


class SpeakerSummary(BaseModel):
    """One identity across the archive."""

    id: str
    name: str
    type: SpeakerType
    aliases: list[str] = Field(default_factory=list)
    roles: list[RoleSpan] = Field(default_factory=list)
    quotes: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


class SpeakerDetail(BaseModel):
    speaker: SpeakerSummary
    quotes: list[QuoteHit]


class SpeakerName(BaseModel):
    id: str | None
    name: str


class DisputeRow(BaseModel):
    stance: str  # refutes | supports
    disputed_by: list[SpeakerName]
    quote_ids: list[str]


class ClaimRow(BaseModel):
    """A claim made in one article, with the disputes that article links to it."""

    article_id: str
    claim_id: str
    text: str
    claimant: SpeakerName | None
    quote_ids: list[str]
    disputes: list[DisputeRow] = Field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None

    @property
    def disputed(self) -> bool:
        return any(d.stance == "refutes" for d in self.disputes)


class FailureRow(BaseModel):
    input: str
    error: str
    failed_at: str


class Stats(BaseModel):
    """Counts only, so that two equal archives print the same."""

    articles: int
    quotes: int
    speakers: int
    claims: int
    disputes: int
    failed: int
