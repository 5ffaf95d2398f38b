"""How far to trust each dispute the linking rules find, and which to keep.

The rules of claims.py link each denial to a claim; on hand-annotated news (bench/disputes_gold*.json) about half of
the pairs they make are wrong, and what tells the right ones from the wrong is spread over many weak signals no one
rule holds: whether the denial names the claimant near it, what kind of party each side is (a named person or body,
or "a congressman", "reports"), whether the claim comes before the denial, how near, whether the denial's words
are a denial's. A logistic regression over those signals (FEATURES), trained on the annotated golds
(training/train_dispute_filter.py; weights in sayso/models/disputes/filter.json), gives each (denial, claim) pair
the rules made a probability of being a dispute an annotator would mark; a denial below the threshold is dropped
from its dispute, and a dispute left with no denial is dropped. No model file: every dispute is kept.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sayso.claim_base import NEGATED, content_keys, end_of, start_of
from sayso.config import PACKAGE_DIR
from sayso.model import Claim, Dispute, Quote, Speaker
from sayso.quotes.cues import is_denial_cue

log = logging.getLogger(__name__)
MODEL_FILE = PACKAGE_DIR / "models" / "disputes" / "filter.json"
NEAR = 300  # characters: a claimant named this far before the denial, or a claim this near it
FAR = 3000  # characters: distances are counted up to this
SHARED_CAP = 6  # content words in common counted up to this
PARTY_TYPES = ("PERSON", "ORG", "UNNAMED", "GROUP")
REFERENCE = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?|rumou?rs?|story|stories|assertions?|charges?|suggestions?|"
    r"hoax|accounts?)\b",
    re.IGNORECASE,
)
DENIAL_WORDS = re.compile(
    r"\b(?:den(?:y|ied|ies|ial)|reject|dismiss|refut|rebut|disput|false|untrue|not true|lie|lies|lying|wrong|"
    r"mislead|debunk|inaccurate|nonsense|ridiculous|absurd|baseless|unfounded|fabricat|hoax|fake|incorrect|"
    r"not accurate)",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"\.\s|\n")
FEATURES = (
    "claimant_named_near",
    "claimant_named_in_sentence",
    *(f"claimant_{t.lower()}" for t in PARTY_TYPES),
    *(f"denier_{t.lower()}" for t in PARTY_TYPES),
    "claim_after_denial",
    "claim_before_denial",
    "claim_nested_in_denial",
    "near",
    "distance",
    "nearest_claim",
    "most_shared_claim",
    "other_claims",
    "denial_cue",
    "denial_words_in_words",
    "denial_words_in_sentence",
    "negated_words",
    "reference_in_words",
    "reference_in_sentence",
    "shared_words",
    "shares_two_words",
    "denial_is_nested",
    "denial_is_quoted",
    "denial_polarity",
)


@dataclass(frozen=True)
class DisputeFilter:
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def trusts(self, features: list[float]) -> bool:
        return self.probability(features) >= self.threshold


@lru_cache(maxsize=1)
def load_filter(path: Path = MODEL_FILE) -> DisputeFilter | None:
    """The trained filter, or None (every dispute kept) where its file is missing, unreadable or for other features."""
    if not path.is_file():
        return None
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
        weights = tuple(float(w) for w in spec["weights"])
        model = DisputeFilter(weights, float(spec["bias"]), float(spec["threshold"]))
        same_features = tuple(spec["features"]) == FEATURES and len(weights) == len(FEATURES)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("dispute filter unreadable in %s, keeping every dispute: %s", path, exc)
        return None
    if not same_features:
        log.warning("dispute filter in %s is for other features (retrain: make train-disputes)", path)
        return None
    return model


def keep_confident(
    disputes: list[Dispute], claims: list[Claim], quotes: list[Quote], speakers: list[Speaker], text: str
) -> list[Dispute]:
    """The disputes with only the denials the filter trusts (each dispute's other fields as they were)."""
    model = load_filter()
    if model is None:
        return disputes
    scored = pair_features(disputes, claims, quotes, speakers, text)
    speaker_of = {q.id: q.speaker_id for q in quotes}
    by_id = {c.id: c for c in claims}
    kept = []
    for dispute in disputes:
        denials = _denials(dispute, by_id.get(dispute.claim_id))
        features_of = [scored.get((d, dispute.claim_id)) for d in denials]
        trusted = [d for d, f in zip(denials, features_of, strict=True) if f is None or model.trusts(f)]
        if not trusted:
            continue
        disputers = list(dict.fromkeys(s for d in trusted if (s := speaker_of.get(d))))
        quote_ids = [i for i in dispute.quote_ids if i not in denials or i in trusted]
        kept.append(dispute.model_copy(update={"disputed_by": disputers, "quote_ids": quote_ids}))
    return kept


def _denials(dispute: Dispute, claim: Claim | None) -> list[str]:
    """The ids of a dispute's denials: its quotes that are not its claim's own."""
    own = set(claim.quote_ids) if claim is not None else set()
    return [i for i in dispute.quote_ids if i not in own]


def pair_features(
    disputes: list[Dispute], claims: list[Claim], quotes: list[Quote], speakers: list[Speaker], text: str
) -> dict[tuple[str, str], list[float]]:
    """FEATURES of each (denial id, claim id) pair of the disputes."""
    by_id = {q.id: q for q in quotes}
    party = {s.id: s for s in speakers}
    claim_of = {c.id: c for c in claims}
    out = {}
    for dispute in disputes:
        claim = claim_of.get(dispute.claim_id)
        for denial_id in _denials(dispute, claim):
            denial = by_id.get(denial_id)
            if claim is None or denial is None:
                continue
            others = [
                c for c in claims if c.claimant_id not in (None, denial.speaker_id) and denial_id not in c.quote_ids
            ]
            out[(denial_id, claim.id)] = features(denial, claim, others, by_id, party, text)
    return out


def features(
    denial: Quote,
    claim: Claim,
    others: list[Claim],
    quotes: dict[str, Quote],
    speakers: dict[str, Speaker],
    text: str,
) -> list[float]:
    """The FEATURES of one denial and the claim it is linked to (others: every claim by someone else)."""
    lo, hi = extent(denial)
    sentence = _sentence(text, lo, hi)
    claimant = speakers.get(claim.claimant_id or "")
    denier = speakers.get(denial.speaker_id or "")
    mentions = claimant.mentions if claimant else []
    distance = _distance(denial, claim, quotes)
    keys = content_keys(denial.content)
    shared = len(keys & content_keys(claim.text))
    distances = [abs(_distance(denial, c, quotes)) for c in others] or [abs(distance)]
    shares = [len(keys & content_keys(c.text)) for c in others] or [shared]
    nested = any(quotes[i].nested_in == denial.id for i in claim.quote_ids if i in quotes)
    return [
        float(any(lo - NEAR <= start <= hi for start, _ in mentions)),
        float(any(lo <= start < hi or (text[start:end] and text[start:end] in sentence) for start, end in mentions)),
        *(float(claimant is not None and claimant.type == t) for t in PARTY_TYPES),
        *(float(denier is not None and denier.type == t) for t in PARTY_TYPES),
        float(distance < 0),
        float(distance > 0),
        float(nested),
        float(abs(distance) < NEAR),
        min(abs(distance), FAR) / FAR,
        float(abs(distance) <= min(distances)),
        float(shared > 0 and shared >= max(shares)),
        1.0 / (1 + len(others)),
        float(bool(denial.cue) and is_denial_cue(denial.cue or "")),
        float(bool(DENIAL_WORDS.search(denial.content))),
        float(bool(DENIAL_WORDS.search(sentence))),
        float(bool(NEGATED.search(denial.content))),
        float(bool(REFERENCE.search(denial.content))),
        float(bool(REFERENCE.search(sentence))),
        min(shared, SHARED_CAP) / SHARED_CAP,
        float(shared >= 2),
        float(denial.nested_in is not None),
        float(denial.kind == "direct"),
        float(denial.polarity == "denies"),
    ]


def extent(quote: Quote) -> tuple[int, int]:
    """Where a statement's source, cue and words begin and end."""
    spans = list(quote.content_spans) + [s for s in (quote.cue_span, quote.source_span) if s]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _sentence(text: str, lo: int, hi: int) -> str:
    """The text from the sentence break before lo to the one after hi."""
    starts = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, lo)]
    after = SENTENCE_BREAK.search(text, hi)
    return text[starts[-1] if starts else 0 : after.start() if after else len(text)]


def _distance(denial: Quote, claim: Claim, quotes: dict[str, Quote]) -> int:
    """Characters from the end of the claim's words to the denial's start (negative: the claim comes after the
    denial; 0: they overlap)."""
    own = [quotes[i] for i in claim.quote_ids if i in quotes and quotes[i].content_spans]
    if not own or not denial.content_spans:
        return 0
    start, end = start_of(denial), end_of(denial)
    claim_start, claim_end = min(start_of(q) for q in own), max(end_of(q) for q in own)
    if start >= claim_end:
        return start - claim_end
    if claim_start >= end:
        return -(claim_start - end)
    return 0
