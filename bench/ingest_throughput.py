"""Ingest against analyze: `sayso ingest DIR --db (a new SQLite file)` against `sayso analyze FILES --format
jsonl` on the same folder with the same workers, run alternately as a user runs them (each a fresh
process, models loaded in each). Prints wall and CPU seconds (this process's children) and the ratio of
throughputs (target: ingest >= 0.9 x analyze: the store is never the bottleneck).

    .venv/bin/python bench/ingest_throughput.py [--data DIR] [--workers 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sayso.config import settings


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], articles: int) -> tuple[float, float]:
    """Wall and CPU seconds of the command, which must have analyzed (or ingested) every article."""
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall, used = time.perf_counter() - start, children_cpu() - cpu
    analyzed = len(done.stdout.splitlines()) if "analyze" in command else 0
    ingested = f"ingested {articles}," in done.stderr
    if done.returncode != 0 or not (analyzed == articles or ingested):
        raise SystemExit(f"{' '.join(command[2:4])} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return wall, used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=settings().polnear_dir / "dev" / "text")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.data.glob("*.txt"))
    if not files:
        print(f"skipped: no .txt files in {args.data} (the PolNeAR dev texts live in ../shared/data/polnear)")
        return 0
    sayso = [sys.executable, "-m", "sayso.cli"]
    workers = ["--workers", str(args.workers)]
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            db = f"sqlite:///{Path(tmp) / f'ingest{round_}.db'}"
            for label, command in (
                ("analyze", [*sayso, "analyze", *files, "--format", "jsonl", *workers]),
                ("ingest", [*sayso, "ingest", str(args.data), "--db", db, "--quiet", *workers]),
            ):
                wall, cpu = run(command, len(files))
                print(f"round {round_ + 1} {label}: {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)
                old = best.get(label, (float("inf"), float("inf")))
                best[label] = (min(old[0], wall), min(old[1], cpu))
    n = len(files)
    (aw, ac), (iw, ic) = best["analyze"], best["ingest"]
    print(f"{n} articles, --workers {args.workers}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"analyze: {n / aw:.2f} articles/s wall, {n / ac:.2f} per CPU-second (best of {args.rounds})")
    print(f"ingest:  {n / iw:.2f} articles/s wall, {n / ic:.2f} per CPU-second (best of {args.rounds})")
    print(f"ingest / analyze throughput: {aw / iw:.2f} x wall, {ac / ic:.2f} x CPU (target >= 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
