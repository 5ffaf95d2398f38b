"""`sayso eval polnear`: run the pipeline on a PolNeAR-format split and score it with the one scorer,
../shared/eval/score_quotes.py (run as is, never re-implemented)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from sayso.batch import Options, analyze_inputs
from sayso.config import settings
from sayso.errors import DataError


def polnear_texts(data_dir: Path, split: str, limit: int | None = None) -> list[Path]:
    folder = data_dir / split / "text"
    if not folder.is_dir():
        raise DataError(f"{folder}: no PolNeAR split here (expected {split}/text/*.txt and {split}/attributions)")
    texts = sorted(folder.glob("*.txt"))
    return texts[:limit] if limit else texts


def write_predictions(texts: list[Path], out: Path, workers: int = 1) -> int:
    """Analyses in PolNeAR's span conventions (no nesting, "that" opens reported content) as JSON Lines;
    returns how many inputs failed."""
    failed = 0
    options = Options(nested=False, scheme="polnear")
    with out.open("w", encoding="utf-8") as fh:
        for outcome in analyze_inputs([str(p) for p in texts], options, workers=workers):
            if outcome.analysis is None:
                failed += 1
                print(f"sayso: {outcome.error}", file=sys.stderr)
                continue
            fh.write(outcome.analysis.model_dump_json(exclude={"text"}) + "\n")
    return failed


def score(gold_dir: Path, predictions: Path, scorer: Path | None = None) -> str:
    scorer = scorer or settings().scorer
    if not scorer.is_file():
        raise DataError(f"{scorer}: the quote scorer is not there")
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold_dir), str(predictions)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise DataError(f"{scorer}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def evaluate_polnear(
    data_dir: Path, split: str, *, predictions: Path | None = None, limit: int | None = None, workers: int = 1
) -> str:
    texts = polnear_texts(data_dir, split, limit)
    with tempfile.TemporaryDirectory() as tmp:
        out = predictions or Path(tmp) / "predictions.jsonl"
        write_predictions(texts, out, workers)
        gold = data_dir / split
        if limit:
            gold = _gold_subset(gold, texts, Path(tmp) / "gold")
        return score(gold, out)


def _gold_subset(gold: Path, texts: list[Path], into: Path) -> Path:
    """A gold folder with only the chosen articles, so that a --limit run scores what it ran."""
    (into / "text").mkdir(parents=True)
    (into / "attributions").mkdir()
    for txt in texts:
        (into / "text" / txt.name).symlink_to(txt)
        for ann in (gold / "attributions").glob(txt.stem + "_*.ann"):
            (into / "attributions" / ann.name).symlink_to(ann)
    return into


def parse_figures(report: str) -> dict[str, float]:
    """The scorer's printed lines as {"content_exact.f1": 0.52, ...}."""
    figures: dict[str, float] = {}
    for line in report.splitlines():
        name, _, rest = line.partition(" ")
        for item in rest.split():
            key, sep, value = item.partition("=")
            if sep:
                figures[f"{name}.{key}"] = float(value)
        if rest.strip() and "=" not in rest:
            try:
                figures[name] = float(rest.strip())
            except ValueError:
                continue
    return figures
