"""What the pages show, computed from the library's data types (no HTML here, except the marked article)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from sayso.model import Analysis, Quote, Speaker
from sayso.web.highlight import UNKNOWN_COLOUR, article_html, speaker_colours


@dataclass
class SpeakerView:
    id: str
    name: str
    type: str
    roles: list[str]
    colour: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Side:
    speakers: list[SpeakerView]
    quotes: list[Quote]


@dataclass
class DisputeView:
    claim: str
    stance: str
    asserted: Side
    disputed: Side


@dataclass
class AnalysisView:
    analysis: Analysis
    article: Markup
    speakers: list[SpeakerView]
    unattributed: list[Quote]
    disputes: list[DisputeView]


def _speaker_view(speaker: Speaker, colour: str) -> SpeakerView:
    return SpeakerView(speaker.id, speaker.name, speaker.type, list(speaker.roles), colour)


def analysis_view(analysis: Analysis) -> AnalysisView:
    colours = speaker_colours(analysis)
    speakers = {s.id: _speaker_view(s, colours.get(s.id, UNKNOWN_COLOUR)) for s in analysis.speakers}
    unattributed: list[Quote] = []
    for quote in sorted(analysis.quotes, key=lambda q: q.content_spans[0] if q.content_spans else (0, 0)):
        view = speakers.get(quote.speaker_id or "")
        (view.quotes if view else unattributed).append(quote)
    quotes = {q.id: q for q in analysis.quotes}
    claims = {c.id: c for c in analysis.claims}
    disputes = []
    for dispute in analysis.disputes:
        claim = claims.get(dispute.claim_id)
        claimant = speakers.get(dispute.claimant_id or "")
        claim_quotes = claim.quote_ids if claim else []
        asserted = Side([claimant] if claimant else [], [quotes[i] for i in claim_quotes if i in quotes])
        disputed = Side(
            [speakers[i] for i in dispute.disputed_by if i in speakers],
            [quotes[i] for i in dispute.quote_ids if i in quotes and i not in claim_quotes],
        )
        disputes.append(DisputeView(claim.text if claim else dispute.claim_id, dispute.stance, asserted, disputed))
    listed = [v for v in speakers.values() if v.quotes]
    return AnalysisView(analysis, article_html(analysis), listed, unattributed, disputes)
