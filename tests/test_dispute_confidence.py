from __future__ import annotations

import json

from sayso import analyze
from sayso.claims import link
from sayso.dispute_confidence import FEATURES, MODEL_FILE, DisputeFilter, keep_confident, load_filter, pair_features

ARTICLE = (
    "Carl Benning said on Monday that the mayor, Nadia Kerr, had taken money from the builders.\n\n"
    "Kerr denied Benning's claim that she had taken money, calling it a lie.\n\n"
    "Her deputy, Tom Ashe, also rejected the claim."
)


def test_the_shipped_filter_reads_the_features_this_code_computes_and_keeps_the_blind_golds_out() -> None:
    spec = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(spec["features"]) == FEATURES and len(spec["weights"]) == len(FEATURES)
    assert 0.0 < spec["threshold"] < 1.0
    assert not {f"disputes_gold_holdout{n}.json" for n in (10, 11, 12, 13)} & set(spec["trained_on"])
    assert load_filter() is not None


def test_a_denial_that_names_the_claimant_right_after_the_claim_is_trusted() -> None:
    analysis = analyze(ARTICLE)
    names = {s.id: s.name for s in analysis.speakers}
    assert [(names[d.claimant_id or ""], names[d.disputed_by[0]]) for d in analysis.disputes][:1] == [
        ("Carl Benning", "Nadia Kerr")
    ]


def _raw(text: str):  # type: ignore[no-untyped-def]
    analysis = analyze(text)
    claims, disputes = link(analysis.quotes, analysis.speakers, text)
    return analysis, claims, disputes


def test_each_denial_of_a_dispute_gets_features_of_its_own() -> None:
    analysis, claims, disputes = _raw(ARTICLE)
    scored = pair_features(disputes, claims, analysis.quotes, analysis.speakers, ARTICLE)
    assert len(scored) == 3  # Kerr's two denials and Ashe's, of Benning's claim
    assert all(len(f) == len(FEATURES) for f in scored.values())
    named = FEATURES.index("claimant_named_in_sentence")
    assert sorted(f[named] for f in scored.values()) == [0.0, 1.0, 1.0]  # (Ashe's sentence does not name Benning)


def _filter_on(feature: str) -> DisputeFilter:
    """A filter that trusts only denials with that feature."""
    weights = tuple(10.0 if name == feature else 0.0 for name in FEATURES)
    return DisputeFilter(weights, -5.0, 0.5)


def test_a_denial_the_filter_does_not_trust_leaves_the_dispute_and_a_dispute_with_none_left_is_dropped(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    analysis, claims, disputes = _raw(ARTICLE)
    names = {s.id: s.name for s in analysis.speakers}
    module = "sayso.dispute_confidence.load_filter"
    monkeypatch.setattr(module, lambda: _filter_on("claimant_named_in_sentence"))
    (kept,) = keep_confident(disputes, claims, analysis.quotes, analysis.speakers, ARTICLE)
    assert [names[s] for s in kept.disputed_by] == ["Nadia Kerr"]
    assert len(kept.quote_ids) == len(disputes[0].quote_ids) - 1
    monkeypatch.setattr(module, lambda: _filter_on("claimant_group"))
    assert keep_confident(disputes, claims, analysis.quotes, analysis.speakers, ARTICLE) == []


def test_a_filter_file_that_is_unreadable_or_for_other_features_keeps_every_dispute(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"features": ["x"], "weights": [1.0], "bias": 0.0, "threshold": 0.5}), encoding="utf-8")
    assert load_filter(broken) is None and load_filter(other) is None
