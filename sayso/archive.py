"""Views of the archive composed from the store's queries, shared by the REST API and the pages.

A claim here is one article's claim (the store's per-article claims and disputes); its id is
``ARTICLE_ID:CLAIM_ID``. ``claim_detail`` is the one place that reads a claim: its statements in its
article, then the statements of other articles that state or deny the same claim (`sayso.related`),
so that its timeline runs across articles and outlets.
"""

from __future__ import annotations

from collections import Counter
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from sayso.model import Analysis, Polarity
from sayso.related import related_statements
from sayso.store import ClaimRow, SpeakerName, Store

T = TypeVar("T")
Stance = Literal["asserts", "refutes", "supports"]
SPEAKER_ARTICLES = 50  # the speaker page looks for claims in this many of the speaker's latest articles
RELATED_STATEMENTS = 200  # statements of other articles shown with a claim, the most similar first
NETWORK_CLAIMS = 2000  # the network is drawn from this many of the latest disputed claims


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last page.")


def page_of(rows: list[T], limit: int, offset: int) -> Page[T]:
    """A page from ``limit + 1`` rows fetched (the extra one only says that there is a next page)."""
    more = len(rows) > limit
    return Page[T](items=rows[:limit], limit=limit, offset=offset, next_offset=offset + limit if more else None)


class ClaimItem(ClaimRow):
    id: str = Field(description="ARTICLE_ID:CLAIM_ID, the claim's id in /api/claims/{id}.")


def claim_item(row: ClaimRow) -> ClaimItem:
    return ClaimItem(id=f"{row.article_id}:{row.claim_id}", **row.model_dump())


class Statement(BaseModel):
    """A statement about a claim and where it stands: it asserts the claim, refutes or supports it."""

    quote_id: str
    stance: Stance
    content: str
    cue: str | None
    polarity: Polarity
    speaker: SpeakerName | None
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


class TimelinePoint(BaseModel):
    date: str | None
    outlet: str | None
    stance: Stance
    statements: int


class ClaimDetail(BaseModel):
    id: str
    text: str
    claimant: SpeakerName | None
    disputed: bool
    statements: list[Statement]
    timeline: list[TimelinePoint]


def _statement(analysis: Analysis, quote_id: str, stance: Stance, speaker: SpeakerName | None) -> Statement | None:
    quote = next((q for q in analysis.quotes if q.id == quote_id), None)
    if quote is None:
        return None
    if speaker is None and quote.speaker:
        speaker = SpeakerName(id=None, name=quote.speaker.name)
    return Statement(
        quote_id=quote.id, stance=stance, content=quote.content, cue=quote.cue, polarity=quote.polarity,
        speaker=speaker, article_id=analysis.id, title=analysis.title, url=analysis.url, outlet=analysis.source,
        published=analysis.published,
    )  # fmt: skip


def _statements(row: ClaimRow, analysis: Analysis) -> list[Statement]:
    """The claim's own statements, then each dispute's statements by its disputers (archive names)."""
    names: dict[str, SpeakerName] = {}
    local = {d.claim_id: d for d in analysis.disputes}
    if row.claimant is not None and (claim := next((c for c in analysis.claims if c.id == row.claim_id), None)):
        names[claim.claimant_id or ""] = row.claimant
    if (mine := local.get(row.claim_id)) is not None:
        for dispute in row.disputes:
            names.update(zip(mine.disputed_by, dispute.disputed_by, strict=False))
    speaker_of = {q.id: names.get(q.speaker_id or "") for q in analysis.quotes}
    found = [_statement(analysis, qid, "asserts", speaker_of.get(qid)) for qid in row.quote_ids]
    for dispute in row.disputes:
        stance: Stance = "refutes" if dispute.stance == "refutes" else "supports"
        own = [qid for qid in dispute.quote_ids if qid not in row.quote_ids]
        found += [_statement(analysis, qid, stance, speaker_of.get(qid)) for qid in own]
    return [s for s in found if s is not None]


def _elsewhere(store: Store, claim: str, article_id: str) -> list[Statement]:
    """Statements of other articles that state the claim (asserts) or deny it (refutes)."""
    found = []
    for related in related_statements(store, claim)[:RELATED_STATEMENTS]:
        hit = related.hit
        if hit.article_id == article_id:
            continue
        speaker = SpeakerName(id=hit.speaker_id, name=hit.speaker_name) if hit.speaker_name else None
        found.append(
            Statement(
                quote_id=hit.id, stance="refutes" if related.refutes else "asserts", content=hit.content,
                cue=hit.cue, polarity=hit.polarity, speaker=speaker, article_id=hit.article_id, title=hit.title,
                url=hit.url, outlet=hit.outlet, published=hit.published,
            )  # fmt: skip
        )
    return found


def timeline(statements: list[Statement]) -> list[TimelinePoint]:
    counts = Counter((s.published[:10] if s.published else None, s.outlet, s.stance) for s in statements)
    points = [TimelinePoint(date=d, outlet=o, stance=st, statements=n) for (d, o, st), n in counts.items()]
    return sorted(points, key=lambda p: (p.date or "", p.outlet or "", p.stance))


def claim_detail(store: Store, claim_id: str) -> ClaimDetail | None:
    """One claim with its statements (each with its stance) and their timeline; None if there is no such claim."""
    article_id, _, local_id = claim_id.rpartition(":")
    if not article_id or not local_id:
        return None
    row = next((r for r in store.claims(article_id=article_id, limit=10_000) if r.claim_id == local_id), None)
    analysis = store.article(article_id) if row is not None else None
    if row is None or analysis is None:
        return None
    statements = _statements(row, analysis) + _elsewhere(store, row.text, article_id)
    return ClaimDetail(
        id=claim_id, text=row.text, claimant=row.claimant, disputed=row.disputed, statements=statements,
        timeline=timeline(statements),
    )  # fmt: skip


class SpeakerClaims(BaseModel):
    asserted: list[ClaimItem]
    disputed: list[ClaimItem]


def speaker_claims(store: Store, speaker_id: str, article_ids: list[str]) -> SpeakerClaims:
    """The claims the speaker makes and those they refute, in these articles (the speaker's latest)."""
    asserted: list[ClaimItem] = []
    disputed: list[ClaimItem] = []
    for article_id in list(dict.fromkeys(article_ids))[:SPEAKER_ARTICLES]:
        for row in store.claims(article_id=article_id, limit=10_000):
            if row.claimant is not None and row.claimant.id == speaker_id:
                asserted.append(claim_item(row))
            if any(d.stance == "refutes" and any(s.id == speaker_id for s in d.disputed_by) for d in row.disputes):
                disputed.append(claim_item(row))
    return SpeakerClaims(asserted=asserted, disputed=disputed)


class NetworkNode(BaseModel):
    id: str
    name: str
    disputes: int = Field(description="How many claims this speaker refutes.")
    disputed: int = Field(description="How many of this speaker's claims others refute.")


class NetworkEdge(BaseModel):
    source: str = Field(description="The speaker who refutes.")
    target: str = Field(description="The speaker whose claim is refuted.")
    claims: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


def _key(name: SpeakerName) -> str:
    return name.id or f"name:{name.name}"


def dispute_network(store: Store, *, claims: int = NETWORK_CLAIMS) -> Network:
    """Who refutes whose claims, from the latest disputed claims."""
    names: dict[str, str] = {}
    edges: Counter[tuple[str, str]] = Counter()
    for row in store.claims(disputed=True, limit=claims):
        if row.claimant is None:
            continue
        target = _key(row.claimant)
        names[target] = row.claimant.name
        by = {_key(s): s.name for d in row.disputes if d.stance == "refutes" for s in d.disputed_by}
        for source, name in by.items():
            if source != target:
                names[source] = name
                edges[(source, target)] += 1
    out_deg: Counter[str] = Counter()
    in_deg: Counter[str] = Counter()
    for (source, target), n in edges.items():
        out_deg[source] += n
        in_deg[target] += n
    used = sorted({k for pair in edges for k in pair})
    return Network(
        nodes=[NetworkNode(id=k, name=names[k], disputes=out_deg[k], disputed=in_deg[k]) for k in used],
        edges=[NetworkEdge(source=s, target=t, claims=n) for (s, t), n in sorted(edges.items())],
    )
