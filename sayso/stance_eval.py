"""`sayso eval stance`: stance data sets (FNC-1, ARC, Emergent), their dev splits, and the scores.

Readers use the csv module only. Label names map to the model's: FNC-1 / ARC agree, disagree, discuss,
unrelated; Emergent for, against, observing (Emergent has no unrelated pairs, so its predictions are
the most probable of its three labels).

Dev splits, never trained on when the shipped model was selected:
- FNC-1: the rows of train_stances.csv whose Body ID is in hold_out_ids.txt (the official baseline's);
- Emergent: a claim-disjoint 20% of the train file's claims (claimId), drawn with a fixed seed.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.errors import DataError

FNC_LABELS = {"agree": "supports", "disagree": "refutes", "discuss": "discusses", "unrelated": "unrelated"}
EMERGENT_LABELS = {"for": "supports", "against": "refutes", "observing": "discusses"}
EMERGENT_DEV_SHARE = 0.2
EMERGENT_SEED = 13

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Pair:
    claim: str
    text: str
    label: str  # the data set's own label name
    group: str  # body id (FNC-1, ARC) or claim id (Emergent)


def read_rows(path: Path, required: Sequence[str]) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file; a one-line DataError when it is missing or lacks a column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot read as CSV ({exc})") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
    return header, rows


def read_bodies(path: Path) -> dict[str, str]:
    _, rows = read_rows(path, ("Body ID", "articleBody"))
    return {r["Body ID"].strip(): r["articleBody"] or "" for r in rows}


def read_ids(path: Path) -> set[str]:
    try:
        return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc})") from exc


def fnc_pairs(stances: Path, bodies: Path, body_ids: set[str] | None = None) -> list[Pair]:
    """FNC-1 (or ARC, same format) pairs; only bodies in body_ids when given. A row whose Body ID has
    no body gets an empty text."""
    _, rows = read_rows(stances, ("Headline", "Body ID", "Stance"))
    texts = read_bodies(bodies)
    out = []
    for r in rows:
        bid = r["Body ID"].strip()
        if body_ids is None or bid in body_ids:
            out.append(Pair(r["Headline"] or "", texts.get(bid, ""), (r["Stance"] or "").strip(), bid))
    return out


def emergent_dev_claims(
    claim_ids: Sequence[str], share: float = EMERGENT_DEV_SHARE, seed: int = EMERGENT_SEED
) -> set[str]:
    """The claim ids of the Emergent dev split: a fixed-seed sample of `share` of the distinct claims."""
    ids = sorted(set(claim_ids))
    random.Random(seed).shuffle(ids)
    return set(ids[: round(len(ids) * share)])


def emergent_pairs(path: Path, split: str = "all") -> list[Pair]:
    """Emergent pairs (claimHeadline, articleHeadline); split all, train (dev claims left out) or dev."""
    _, rows = read_rows(path, ("claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId"))
    pairs = [
        Pair(
            r["claimHeadline"] or "",
            r["articleHeadline"] or "",
            (r["articleHeadlineStance"] or "").strip(),
            r["claimId"].strip(),
        )
        for r in rows
    ]
    if split == "all":
        return pairs
    dev = emergent_dev_claims([p.group for p in pairs])
    return [p for p in pairs if (p.group in dev) == (split == "dev")]


# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]

    def report(self) -> str:
        per = "  ".join(f"{k} {v:.4f}" for k, v in self.f1.items())
        return f"pairs {self.n}\naccuracy {self.accuracy:.4f}\nmacro_f1 {self.macro_f1:.4f}\nf1 {per}\n"


def scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> Scores:
    """Accuracy, F1 of each label and their mean (macro-F1) over the given labels."""
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    f1 = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        denom = sum(g == lab for g in gold) + sum(p == lab for p in pred)
        f1[lab] = 2 * tp / denom if denom else 0.0
    return Scores(n, correct / n if n else 0.0, sum(f1.values()) / len(f1) if f1 else 0.0, f1)


# ---------------------------------------------------------------- running the model


def predict_pairs(
    model: Any,
    pairs: Sequence[Pair],
    labels: dict[str, str],
    progress: Callable[[int, int], None] | None = None,
    *,
    headlines: bool = False,
) -> list[str]:
    """The data set's label name predicted for each pair (grouped by claim, so each claim is batched);
    only the data set's labels compete (Emergent: no unrelated). headlines=True: the texts are headlines."""
    back = {v: k for k, v in labels.items()}
    out = [""] * len(pairs)
    by_claim: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        by_claim.setdefault(p.claim, []).append(i)
    done = 0
    for claim, idx in by_claim.items():
        texts = [pairs[i].text for i in idx]
        preds = model.predict(claim, texts, all_stances="unrelated" not in labels, headlines=headlines)
        for i, pred in zip(idx, preds, strict=True):
            best = max(back, key=lambda lab: pred.probabilities[lab])
            out[i] = back[best]
        done += len(idx)
        if progress:
            progress(done, len(pairs))
    return out


def _check_labels(path: Path, pairs: Sequence[Pair], labels: dict[str, str]) -> None:
    bad = sorted({p.label for p in pairs if p.label not in labels})
    if bad:
        raise DataError(f"{path}: unknown label(s) {', '.join(repr(b) for b in bad[:5])}; expected {', '.join(labels)}")


def write_predictions(
    src: Path, out: Path, required: Sequence[str], keep: Callable[[dict[str, str]], bool], predicted: Sequence[str]
) -> None:
    """Every row of the input that was scored, in input order, with a `Predicted` column added."""
    header, rows = read_rows(src, required)
    rows = [r for r in rows if keep(r)]
    try:
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[*header, "Predicted"], extrasaction="ignore")
            writer.writeheader()
            for r, p in zip(rows, predicted, strict=True):
                writer.writerow({**r, "Predicted": p})
    except OSError as exc:
        raise DataError(f"{out}: cannot write ({exc})") from exc


def evaluate_fnc(
    stances: Path,
    bodies: Path,
    *,
    predictions: Path | None = None,
    body_ids: set[str] | None = None,
    model: Any = None,
    model_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Scores:
    """Predict every row of an FNC-1-format file (only bodies in body_ids when given) and score it."""
    pairs = fnc_pairs(stances, bodies, body_ids)
    _check_labels(stances, pairs, FNC_LABELS)
    model = model or _model(model_dir)
    pred = predict_pairs(model, pairs, FNC_LABELS, progress)
    if predictions is not None:
        write_predictions(
            stances,
            predictions,
            ("Headline", "Body ID", "Stance"),
            lambda r: body_ids is None or r["Body ID"].strip() in body_ids,
            pred,
        )
    return scores([p.label for p in pairs], pred, list(FNC_LABELS))


def evaluate_emergent(
    path: Path,
    *,
    split: str = "all",
    predictions: Path | None = None,
    model: Any = None,
    model_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Scores:
    """Predict every row of an Emergent-format file (split all, dev or train) and score it."""
    pairs = emergent_pairs(path, split)
    _check_labels(path, pairs, EMERGENT_LABELS)
    model = model or _model(model_dir)
    pred = predict_pairs(model, pairs, EMERGENT_LABELS, progress, headlines=True)  # Emergent's texts are headlines
    if predictions is not None:
        claims = {p.group for p in pairs}
        write_predictions(
            path,
            predictions,
            ("claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId"),
            lambda r: r["claimId"].strip() in claims,
            pred,
        )
    return scores([p.label for p in pairs], pred, list(EMERGENT_LABELS))


def _model(folder: Path | None) -> Any:
    from sayso.stance import StanceModel

    return StanceModel.load(folder)
