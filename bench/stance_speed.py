"""Speed of the stance model (sayso.stance) in pairs per second, on dev pairs of ../shared/data/stance.

A benchmark that prints figures (not a test): headline pairs (Emergent dev: claim vs article headline)
and body pairs (FNC-1 hold-out: headline vs article body, related and unrelated as they come), after a
warm-up, with the thread count of SAYSO_THREADS (0: all cores).

    .venv/bin/python bench/stance_speed.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from sayso import stance_eval
from sayso.config import settings
from sayso.stance import StanceModel


def timed(model: StanceModel, pairs: list[stance_eval.Pair], labels: dict[str, str]) -> float:
    t0 = time.perf_counter()
    stance_eval.predict_pairs(model, pairs, labels)
    return len(pairs) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=settings().stance_data_dir)
    ap.add_argument("--limit", type=int, default=300, help="pairs of each kind")
    args = ap.parse_args()
    model = StanceModel.load()
    rng = random.Random(0)
    emergent = stance_eval.emergent_pairs(args.data / "emergent" / "url-versions-2015-06-14-clean-train.csv", "dev")
    fnc = args.data / "fnc1"
    bodies = stance_eval.fnc_pairs(
        fnc / "train_stances.csv", fnc / "train_bodies.csv", stance_eval.read_ids(fnc / "hold_out_ids.txt")
    )
    emergent = rng.sample(emergent, min(args.limit, len(emergent)))
    bodies = rng.sample(bodies, min(args.limit, len(bodies)))
    related = [p for p in bodies if p.label != "unrelated"]
    timed(model, emergent[:20], stance_eval.EMERGENT_LABELS)  # warm-up
    rate = timed(model, emergent, stance_eval.EMERGENT_LABELS)
    print(f"headline pairs (Emergent dev, {len(emergent)}): {rate:.1f}/s")
    print(f"body pairs (FNC-1 hold-out, {len(bodies)}): {timed(model, bodies, stance_eval.FNC_LABELS):.1f}/s")
    print(f"related body pairs ({len(related)}): {timed(model, related, stance_eval.FNC_LABELS):.1f}/s")


if __name__ == "__main__":
    main()
