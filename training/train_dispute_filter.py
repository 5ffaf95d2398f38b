"""Train the dispute filter (sayso/dispute_confidence.py) on the hand-annotated dispute golds.

For every article of the golds read so far (bench/disputes_gold*.json but the blind ones, BLIND) and every probe
article (bench/probes/*.txt, the disputes bench/probes/expected.json expects), sayso's linking rules run unfiltered;
each (denial, claim) pair they make is labelled by the gold: 1 when a gold pair of the article names the denier and
the claimant (bench/disputes.py's name match) and its cue (where the gold gives one) lies within the denial's reach, 0
when no gold pair names them, left out when only another denial of theirs (or an optional pair) does. The golds are
real news annotated by a definition that leaves out parties no one names; the probes, written for sayso, hold the
disputes a reader expects in styles the golds lack ("The complaint", "a report by StarWatch" as the claimant).
A logistic regression over dispute_confidence.FEATURES is scored leave-one-gold-out (each gold's pairs predicted by a
model trained on the others, with bench/disputes.py's measure of name pairs), the threshold with the best F1 there is
chosen, and the model trained on all the pairs is written with it. About two minutes on this machine's CPU.

    python training/train_dispute_filter.py [--out sayso/models/disputes/filter.json] [--threshold T]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from blind_candidates import article_text  # noqa: E402
from disputes import judged, pair_matches  # noqa: E402

from sayso.claims import link  # noqa: E402
from sayso.config import settings  # noqa: E402
from sayso.dispute_confidence import FEATURES, MODEL_FILE, extent, pair_features  # noqa: E402
from sayso.model import Article, Quote  # noqa: E402
from sayso.pipeline import analyze_article  # noqa: E402

# kept out of training so that they stay a blind measure (scored, never read); add them once they have been read
BLIND = {f"disputes_gold_holdout{n}.json" for n in (10, 11, 12, 13)}
CUE_REACH = 80  # characters around a denial within which a gold pair's cue marks it as that pair's denial
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
Pair = dict  # one (denial, claim) pair: gold, file, names, features, label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--threshold", type=float, help="instead of the one with the best cross-validated F1")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    data = settings().shared_dir / "data"
    if not data.is_dir():
        sys.exit(f"train_dispute_filter.py: {data} is absent (../shared/data)")
    golds = sorted(p for p in (ROOT / "bench").glob("disputes_gold*.json") if p.name not in BLIND)
    pairs, gold_pairs = collect(golds, data)
    probe_pairs, probe_golds = collect_probes(ROOT / "bench" / "probes")
    pairs, gold_pairs = pairs + probe_pairs, gold_pairs | probe_golds
    print(f"{len(pairs)} pairs from {len(golds)} golds and the probes, {sum(p['label'] == 1 for p in pairs)} disputes")
    by_threshold = cross_validate(pairs, gold_pairs, args.C)
    threshold = args.threshold if args.threshold is not None else best_threshold(by_threshold)
    model = fit([p for p in pairs if p["label"] is not None], args.C)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    spec = {
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 5),
        "threshold": threshold,
        "trained_on": [g.name for g in golds] + ["probes/expected.json"],
        "cross_validated": {str(t): figures for t, figures in by_threshold.items()},
    }
    args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {threshold})")


def collect(golds: list[Path], data: Path) -> tuple[list[Pair], dict[str, list[dict]]]:
    """Every pair the rules make in the golds' articles, labelled; and each article's gold pairs."""
    pairs: list[Pair] = []
    gold_pairs: dict[str, list[dict]] = {}
    for gold in golds:
        for article in json.loads(gold.read_text(encoding="utf-8"))["articles"]:
            key = f"{gold.name}:{article['file']}"
            gold_pairs[key] = article["disputes"]
            text = article_text(data, article["file"])
            pairs += _pairs(gold.name, key, Path(article["file"]).stem, text, article["disputes"])
    return pairs, gold_pairs


def collect_probes(folder: Path) -> tuple[list[Pair], dict[str, list[dict]]]:
    """The same for the probe articles and the disputes expected of them (a claimant may be a list of names)."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    pairs: list[Pair] = []
    gold_pairs: dict[str, list[dict]] = {}
    for name, probe in expected.items():
        if name.startswith("_") or not (folder / f"{name}.txt").is_file():
            continue
        key = f"probes:{name}"
        gold_pairs[key] = probe.get("disputes", [])
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        pairs += _pairs("probes", key, name, text, gold_pairs[key])
    return pairs, gold_pairs


def _pairs(group: str, key: str, article_id: str, text: str, gold: list[dict]) -> list[Pair]:
    analysis = analyze_article(Article(id=article_id, text=text))
    claims, disputes = link(analysis.quotes, analysis.speakers, text)
    scored = pair_features(disputes, claims, analysis.quotes, analysis.speakers, text)
    quotes = {q.id: q for q in analysis.quotes}
    names = {s.id: s.name for s in analysis.speakers}
    claimant = {c.id: names.get(c.claimant_id or "", "") for c in claims}
    out = []
    for (denial_id, claim_id), features in scored.items():
        denial = quotes[denial_id]
        names_pair = (names.get(denial.speaker_id or "", ""), claimant[claim_id])
        label = _label(names_pair, denial, gold)
        out.append({"gold": group, "key": key, "names": names_pair, "features": features, "label": label})
    return out


def _matches_any(gold: dict, names: tuple[str, str]) -> bool:
    """Whether a gold pair names the denier and claimant (either side may be a list of other names)."""
    disputers, claimants = (v if isinstance(v, list) else [v] for v in (gold["disputer"], gold["claimant"]))
    return any(pair_matches((d, c), names) for d in disputers for c in claimants)


def _label(names: tuple[str, str], denial: Quote, gold: list[dict]) -> int | None:
    lo, hi = extent(denial)
    label: int | None = 0
    for pair in gold:
        if not _matches_any(pair, names):
            continue
        if pair.get("optional"):
            return None
        if "cue_offset" not in pair or lo - CUE_REACH <= pair["cue_offset"] <= hi + CUE_REACH:
            return 1
        label = None
    return label


def fit(pairs: list[Pair], c: float) -> LogisticRegression:
    x = np.array([p["features"] for p in pairs])
    y = np.array([p["label"] for p in pairs])
    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def cross_validate(pairs: list[Pair], gold_pairs: dict[str, list[dict]], c: float) -> dict[float, dict[str, float]]:
    """Leave one gold out: recall and precision of the name pairs kept at each threshold (1.0: the rules alone)."""
    kept: dict[float, dict[str, set[tuple[str, str]]]] = {t: defaultdict(set) for t in (*THRESHOLDS, 0.0)}
    for gold in sorted({p["gold"] for p in pairs}):
        model = fit([p for p in pairs if p["gold"] != gold and p["label"] is not None], c)
        held = [p for p in pairs if p["gold"] == gold]
        probabilities = model.predict_proba(np.array([p["features"] for p in held]))[:, 1]
        for pair, probability in zip(held, probabilities, strict=True):
            for threshold in kept:
                if probability >= threshold:
                    kept[threshold][pair["key"]].add(pair["names"])
    out = {}
    news = {k: v for k, v in gold_pairs.items() if not k.startswith("probes:")}
    probes = {k: v for k, v in gold_pairs.items() if k.startswith("probes:")}
    for threshold, predicted in kept.items():
        recall, precision = _score(predicted, gold_pairs)
        out[threshold] = {"recall": round(recall, 3), "precision": round(precision, 3)}
        label = "rules alone" if threshold == 0.0 else f"threshold {threshold}"
        groups = (("news", news), ("probes", probes))
        parts = ", ".join("{} {:.3f} / {:.3f}".format(name, *_score(predicted, golds)) for name, golds in groups)
        print(f"  cross-validated, {label}: recall {recall:.3f} precision {precision:.3f} ({parts})")
    return out


def _score(predicted: dict[str, set[tuple[str, str]]], gold_pairs: dict[str, list[dict]]) -> tuple[float, float]:
    """bench/disputes.py's measure over name pairs (each predicted name pair once)."""
    found = total = right = made = 0
    for key, gold in gold_pairs.items():
        wanted = [g for g in gold if not g.get("optional")]
        optional = [g for g in gold if g.get("optional")]
        hits, good, counted = judged(wanted, optional, predicted.get(key, set()), _matches_any)
        found, total, right, made = found + len(hits), total + len(wanted), right + len(good), made + len(counted)
    return found / max(total, 1), right / max(made, 1)


def best_threshold(by_threshold: dict[float, dict[str, float]]) -> float:
    def f1(figures: dict[str, float]) -> float:
        r, p = figures["recall"], figures["precision"]
        return 2 * r * p / (r + p) if r + p else 0.0

    return max((t for t in by_threshold if t > 0), key=lambda t: (f1(by_threshold[t]), -t))


if __name__ == "__main__":
    main()
