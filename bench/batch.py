"""`sayso batch` on 1,000 articles: the Ray engine against the local process engine, and the bulk load.

A benchmark that prints figures (not a test). The articles are the PolNeAR dev texts, repeated under new
ids until there are ``--articles`` of them, each cut to its first ``--chars`` characters (at a paragraph
break; 0 keeps whole texts); without the data, generated news items. In one run it times:

  (a) ``run_batch(engine="local", workers=N)``: N spawned processes;
  (b) ``run_batch(engine="ray", workers=N)`` on a local Ray of N CPUs (an actor pool of N), Ray's own
      start-up timed apart;
  (c) ``load_run`` of the partitions into a fresh SQLite file (and PostgreSQL with ``--pg URL``);

with the peak resident memory and the CPU seconds of every worker process, sampled while it runs.

    nice -n 10 .venv/bin/python bench/batch.py [--articles 1000] [--workers 2] [--chars 2000] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil

from sayso.batchrun import run_batch
from sayso.bulkload import load_run
from sayso.config import settings
from sayso.partitions import RunSpec
from sayso.sources import Columns
from sayso.store import open_store

MB = 1024 * 1024


class WorkerSampler:
    """Peak RSS and last CPU seconds of the worker processes: this process's children (local engine) or
    the Ray workers that hold an Analyzer actor."""

    def __init__(self, ray: bool, interval: float = 0.1) -> None:
        self.ray = ray
        self.interval = interval
        self.peak_rss: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _workers(self) -> list[psutil.Process]:
        if not self.ray:
            return psutil.Process().children(recursive=True)
        found = []
        for proc in psutil.process_iter(["cmdline"]):
            cmdline = " ".join(proc.info["cmdline"] or [])
            if cmdline.startswith("ray::") and "Analyzer" in cmdline:
                found.append(proc)
        return found

    def _loop(self) -> None:
        while not self._stop.is_set():
            for proc in self._workers():
                try:
                    rss, times = proc.memory_info().rss, proc.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self.peak_rss[proc.pid] = max(self.peak_rss.get(proc.pid, 0), rss)
                self.cpu[proc.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def __enter__(self) -> WorkerSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cut(text: str, chars: int) -> str:
    if not chars or len(text) <= chars:
        return text
    cut = text.rfind("\n\n", 0, chars)
    return text[: cut if cut > chars // 2 else chars]


def make_input(path: Path, articles: int, chars: int) -> tuple[int, str]:
    """A JSONL of ``articles`` articles; returns their total characters and where the texts came from."""
    texts_dir = settings().polnear_dir / "dev" / "text"
    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
    origin = f"PolNeAR dev ({len(texts)} texts, repeated)"
    if not texts:
        origin = "generated"
        texts = [
            f'"We will finish bridge {n} before winter," Mayor Elena Varga said.\n\n'
            f"Council chair Tomas Reyes said that the inspection of bridge {n} had never been completed."
            for n in range(50)
        ]
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for n in range(articles):
            text = _cut(texts[n % len(texts)], chars)
            total += len(text)
            fh.write(json.dumps({"id": f"a{n:05d}", "text": text, "source": "bench"}) + "\n")
    return total, origin


def time_engine(engine: str, spec: RunSpec, out: Path, workers: int) -> dict[str, Any]:
    print(f"timing the {engine} engine ...", file=sys.stderr, flush=True)
    start_up = 0.0
    if engine == "ray":
        import ray

        began = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        start_up = time.perf_counter() - began
    try:
        with WorkerSampler(ray=engine == "ray") as sampler:
            began = time.perf_counter()
            summary = run_batch(spec, out, engine=engine, workers=workers)
            seconds = time.perf_counter() - began
    finally:
        if engine == "ray":
            ray.shutdown()
    return {
        "seconds": round(seconds, 1),
        "start_up_seconds": round(start_up, 1),
        "analyzed": summary.analyzed,
        "failed": summary.failed,
        "articles_per_s": round(summary.analyzed / seconds, 3),
        "articles_per_s_with_start_up": round(summary.analyzed / (seconds + start_up), 3),
        "worker_peak_rss_mb": sorted(round(v / MB) for v in sampler.peak_rss.values()),
        "worker_cpu_seconds": round(sum(sampler.cpu.values()), 1),
        "articles_per_worker_cpu_s": round(summary.analyzed / max(sum(sampler.cpu.values()), 1e-9), 3),
    }


def time_load(out: Path, url: str) -> dict[str, Any]:
    print(f"timing the bulk load into {url.split(':', 1)[0]} ...", file=sys.stderr, flush=True)
    with open_store(url) as store:
        summary = load_run(store, out)
    return {"articles": summary.articles, "quotes": summary.quotes, "seconds": round(summary.seconds, 2),
            "quotes_per_s": round(summary.quotes_per_second)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chars", type=int, default=2000, help="Cut each text to this many characters (0: whole).")
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--pg", help="Also time the bulk load into this PostgreSQL URL (an empty database).")
    parser.add_argument("--json", type=Path, help="Write the figures here as JSON too.")
    parser.add_argument("--keep", type=Path, help="Work in this (new) folder and keep the runs' outputs there.")
    args = parser.parse_args()
    figures: dict[str, Any] = {"workers": args.workers, "cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(args.keep or scratch)
        Path(tmp).mkdir(parents=True, exist_ok=True)
        source = Path(tmp) / "articles.jsonl"
        chars, origin = make_input(source, args.articles, args.chars)
        figures.update(articles=args.articles, characters=chars, texts=origin)
        spec = RunSpec((str(source),), asdict(Columns()), False, True, 250)
        for engine in args.engines.split(","):
            figures[engine] = time_engine(engine, spec, Path(tmp) / f"out-{engine}", args.workers)
        if "local" in figures:
            out = Path(tmp) / "out-local"
            figures["load_sqlite"] = time_load(out, f"sqlite:///{tmp}/bench.db")
            if args.pg:
                figures["load_postgresql"] = time_load(out, args.pg)
    figures["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
    if "local" in figures and "ray" in figures:
        local, ray = figures["local"], figures["ray"]
        figures["ray_vs_local"] = round(ray["articles_per_s"] / local["articles_per_s"], 3)
        figures["ray_vs_local_with_start_up"] = round(ray["articles_per_s_with_start_up"] / local["articles_per_s"], 3)
        per_cpu = ray["articles_per_worker_cpu_s"] / local["articles_per_worker_cpu_s"]
        figures["ray_vs_local_per_cpu_s"] = round(per_cpu, 3)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def report(fig: dict[str, Any]) -> None:
    print(f"{fig['articles']} articles ({fig['characters']} characters, {fig['texts']}), {fig['workers']} workers, "
          f"{fig['cpu_count']} CPUs, load average {fig['load_average_1min_at_end']} at the end")  # fmt: skip
    for engine in ("local", "ray"):
        if engine in fig:
            e = fig[engine]
            print(
                f"{engine}: {e['articles_per_s']:.2f} articles/s ({e['seconds']} s"
                + (f", Ray start-up {e['start_up_seconds']} s more" if engine == "ray" else "")
                + f"); {e['articles_per_worker_cpu_s']:.2f} articles per worker CPU-second; "
                f"peak RSS per worker {e['worker_peak_rss_mb']} MB; failed {e['failed']}"
            )
    if "ray_vs_local" in fig:
        print(
            f"ray / local: {fig['ray_vs_local']:.3f} ({fig['ray_vs_local_with_start_up']:.3f} with Ray's start-up; "
            f"{fig['ray_vs_local_per_cpu_s']:.3f} per worker CPU-second)"
        )
    for key in ("load_sqlite", "load_postgresql"):
        if key in fig:
            load = fig[key]
            print(f"{key}: {load['quotes']} quotes of {load['articles']} articles in {load['seconds']} s "
                  f"= {load['quotes_per_s']} quotes/s")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
