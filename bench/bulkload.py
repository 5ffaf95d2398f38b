"""`sayso load` rate: generated batch output (Parquet partitions, as `sayso batch` writes them) bulk-loaded
into a fresh SQLite file and, with ``--pg``, a fresh PostgreSQL database. A benchmark that prints figures.

The articles come from bench/generate_quotes.py (Zipf-popular people, some sharing surnames, some named by
surname only, organisations; ~4 KB of text an article), so speaker identity does its real work. The figure
is quotes stored per second of ``load_run`` (reading the partitions included). Target: >= 5,000 quotes/s.
On a shared machine the wall time depends on the other jobs, so the CPU seconds are given too: the
loader's (its writer process included), and for PostgreSQL the local server's (all its processes, that
server's only), and quotes per CPU-second of both.

    nice -n 10 .venv/bin/python bench/bulkload.py [--quotes 50000] [--pg postgresql+psycopg://...] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa
from generate_quotes import World, article

from sayso.bulkload import load_run
from sayso.partitions import RunFolder, RunSpec
from sayso.store import open_store

TARGET = 5_000


def write_run(out: Path, quotes: int, per_article: int, partition: int, seed: int) -> None:
    world = World(seed)
    folder = RunFolder(out, RunSpec(("generated",), {}, False, True, partition))
    folder.claim()
    total = quotes // per_article
    for number, first in enumerate(range(0, total, partition)):
        items = [article(world, n, per_article) for n in range(first, min(total, first + partition))]
        folder.write(number, items, [])
    folder.finish()


def server_cpu(postmaster: psutil.Process | None) -> float:
    """CPU seconds of the local PostgreSQL server's processes so far (0 when there is none): the postmaster,
    the processes it runs, and those that ended (its children's times: a connection's backend ends with it).
    Only this server's: another one on the machine (another job's) is left out."""
    if postmaster is None:
        return 0.0
    total = 0.0
    for proc in [postmaster, *postmaster.children()]:
        try:
            times = proc.cpu_times()
        except psutil.Error:  # ended since
            continue
        total += times.user + times.system
    times = postmaster.cpu_times()
    return total + times.children_user + times.children_system


def loader_cpu() -> float:
    """CPU seconds of this process and of the processes it started and waited for (the load's writer)."""
    own, children = psutil.Process().cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.user + own.system + children.ru_utime + children.ru_stime


def postmaster_of(url: str) -> psutil.Process | None:
    """The local server's postmaster (the parent of this connection's backend); None for SQLite or a server
    on another machine."""
    if not url.startswith("postgresql"):
        return None
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            backend = psutil.Process(int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()))
        return backend.parent()
    except psutil.Error:
        return None
    finally:
        engine.dispose()


def time_load(out: Path, url: str) -> dict[str, Any]:
    print(f"loading into {url.split(':', 1)[0]} ...", file=sys.stderr, flush=True)
    postmaster = postmaster_of(url)
    with open_store(url) as store:
        cpu, server = loader_cpu(), server_cpu(postmaster)
        first = load_run(store, out)
        cpu, server = loader_cpu() - cpu, server_cpu(postmaster) - server
        again = load_run(store, out)
        stats = store.stats()
    return {
        "articles": first.articles,
        "quotes": first.quotes,
        "speakers": stats.speakers,
        "seconds": round(first.seconds, 2),
        "quotes_per_s": round(first.quotes_per_second),
        "loader_cpu_s": round(cpu, 2),
        "server_cpu_s": round(server, 2),
        "quotes_per_cpu_s": round(first.quotes / (cpu + server)),
        "second_load_seconds": round(again.seconds, 2),
        "second_load_stored": again.articles,
    }


def fresh_pg(server: str) -> tuple[str, str]:
    name = f"sayso_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False), name


def drop_pg(server: str, name: str) -> None:
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--per-article", type=int, default=8)
    parser.add_argument("--partition", type=int, default=250, help="articles a partition")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", help="a PostgreSQL server URL: the load goes into a new database there (dropped after)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures: dict[str, Any] = {"cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        print(f"writing {args.quotes} generated quotes as batch output ...", file=sys.stderr, flush=True)
        write_run(out, args.quotes, args.per_article, args.partition, args.seed)
        figures["sqlite"] = time_load(out, f"sqlite:///{tmp}/bench.db")
        if args.pg:
            url, name = fresh_pg(args.pg)
            try:
                figures["postgresql"] = time_load(out, url)
            finally:
                drop_pg(args.pg, name)
    figures["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
    for key in ("sqlite", "postgresql"):
        if key in figures:
            f = figures[key]
            met = "met" if f["quotes_per_s"] >= TARGET else "not met"
            print(
                f"load {key}: {f['quotes']} quotes of {f['articles']} articles ({f['speakers']} speakers) in "
                f"{f['seconds']} s = {f['quotes_per_s']} quotes/s (target {TARGET}: {met}); CPU: loader "
                f"{f['loader_cpu_s']} s + server {f['server_cpu_s']} s = {f['quotes_per_cpu_s']} quotes/CPU-s; "
                f"loading again: {f['second_load_stored']} stored in {f['second_load_seconds']} s"
            )
    print(f"load average {figures['load_average_1min_at_end']} at the end, {figures['cpu_count']} CPUs")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
