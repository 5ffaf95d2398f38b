"""Search latency and size of an archive (fill one first with bench/generate_quotes.py).

Word searches use one or two words of statements drawn at random (so common words come up as often as
they occur); speaker searches the full name or the bare surname of the speakers of statements drawn at
random. Each question is `Store.quotes(..., limit=20)`, as `sayso quotes` asks it. Prints p50 / p95 /
max in milliseconds, and the database's bytes per statement (targets: p95 <= 50 ms, <= 3 KB).

    .venv/bin/python bench/search.py --db sqlite:///bench-1m.db [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from sayso.store import Store, open_store
from sayso.store import schema as t


def sample_quotes(store: Store, n: int, rng: random.Random) -> list[tuple[str, str | None, str | None]]:
    """(content, archive speaker name, speaker type) of n statements drawn at random."""
    q, s = t.quotes, t.speakers
    with store.engine.connect() as conn:
        top = conn.execute(sa.select(sa.func.max(q.c.pk))).scalar_one() or 0
        picks = [rng.randint(1, top) for _ in range(n)]
        query = (
            sa.select(q.c.content, s.c.name, s.c.type).outerjoin(s, s.c.id == q.c.speaker_id).where(q.c.pk.in_(picks))
        )
        return [(row[0], row[1], row[2]) for row in conn.execute(query)]


def word_queries(samples: list[tuple[str, str | None, str | None]], rng: random.Random) -> list[str]:
    out = []
    for content, _, _ in samples:
        words = re.findall(r"\w{3,}", content)
        if words:
            out.append(" ".join(rng.sample(words, min(len(words), rng.choice((1, 2))))))
    return out


def speaker_queries(samples: list[tuple[str, str | None, str | None]], rng: random.Random) -> list[str]:
    """People by full name or by surname (half each); organisations by name."""
    people = [(name, kind == "PERSON") for _, name, kind in samples if name]
    return [name.split()[-1] if person and rng.random() < 0.5 else name for name, person in people]


def timed(ask: Callable[[str], int], queries: list[str]) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds of each question (SQLite runs in this process, so its CPU time is the
    work a question takes, whatever else the machine is doing), and the hits."""
    for query in queries[:10]:  # warm-up
        ask(query)
    wall, cpu, hits = [], [], 0
    for query in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        hits += ask(query)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu, hits


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def size_bytes(store: Store) -> int | None:
    if store.dialect != "sqlite" or not store.engine.url.database:
        return None
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(store.engine.url.database)
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    store = open_store(args.db)
    stats = store.stats()
    if not stats.quotes:
        print(f"skipped: {store.url} has no statements (fill it with bench/generate_quotes.py)")
        return 0
    samples = sample_quotes(store, args.queries, rng)
    print(f"{store.url}: {stats.quotes} statements, {stats.articles} articles, {stats.speakers} speakers")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for label, queries, ask in (
        ("word search", word_queries(samples, rng), lambda w: len(store.quotes(search=w, limit=args.limit))),
        ("speaker search", speaker_queries(samples, rng), lambda n: len(store.quotes(speaker=n, limit=args.limit))),
    ):
        wall, cpu, hits = timed(ask, queries)
        print(
            f"{label}: {len(wall)} queries, {hits / len(wall):.1f} hits a query; "
            f"wall p50 {statistics.median(wall):.1f} ms, "
            f"p95 {percentile(wall, 95):.1f} ms, max {max(wall):.1f} ms (target p95 <= 50 ms); "
            f"CPU p50 {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms"
        )
    size = size_bytes(store)
    if size is not None:
        print(f"database size: {size / 1e6:.0f} MB = {size / stats.quotes:.0f} bytes per statement (target <= 3072)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
