"""Load on the service over loopback: quote search by concurrent clients on a 100,000-statement archive, and
the Analyze page on the model case. A benchmark that prints figures (not a test), bounded in count and time.

It starts the real server (`sayso serve`, a separate process) on a free loopback port over the archive
(filled first by bench/generate_quotes.py through the store's write path when it has fewer statements),
then:

  (1) search: CLIENTS clients, each sending its next request as soon as the last is answered (or THINK
      seconds after), until
      REQUESTS requests or SECONDS seconds; a mix of /api/quotes searches (words, phrases, speaker, outlet,
      dates, combinations) made from words, names and outlets found in the archive; errors and latency
      percentiles. Target: no errors, p99 <= 200 ms.
  (2) analyze: the Analyze page (POST /, the form) on ../shared/examples/kremlin-johnson/article.txt,
      one warm-up then RUNS timed, one at a time. Target: <= 2 s.

Beside the latencies it reports the CPU time each search cost the server (all its processes) and this client,
and the same clients' rate on /api/health (which asks nothing of the archive) for FLOOR_SECONDS: with CLIENTS
clients always waiting, no search can be answered faster on average than CLIENTS / that rate.

    nice -n 10 .venv/bin/python bench/load.py [--db sqlite:///bench-load.db] [--quotes 100000] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from sayso.config import settings
from sayso.store import open_store

HERE = Path(__file__).resolve().parent
P99_TARGET_MS = 200.0
ANALYZE_TARGET_S = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_archive(url: str, quotes: int) -> int:
    """The archive at ``url`` with at least ``quotes`` statements (generated when it has fewer)."""
    with open_store(url) as store:
        have = store.stats().quotes
    if have >= quotes:
        return have
    print(f"filling {url} with {quotes} generated statements ...", file=sys.stderr)
    cmd = [sys.executable, str(HERE / "generate_quotes.py"), "--db", url, "--quotes", str(quotes)]
    subprocess.run(cmd, check=True)
    with open_store(url) as store:
        return store.stats().quotes


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "sayso.cli", "serve", "--db", url, "--port", str(port)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    server = subprocess.Popen(cmd)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not answer within 300 s")


KINDS = ["word", "words", "phrase", "speaker", "outlet", "dates", "word+outlet", "latest"]


def query_mix(base: str, seed: int, count: int, kinds: list[str]) -> list[tuple[str, dict[str, str]]]:
    """(kind, params) for /api/quotes, made from what the archive holds."""
    rows = httpx.get(f"{base}/api/quotes", params={"limit": 500}, timeout=60).json()["items"]
    words = [w for r in rows for w in re.findall(r"[a-z]{4,}", r["content"].lower())]
    names = sorted({r["speaker_name"] for r in rows if r["speaker_name"]})
    outlets = sorted({r["outlet"] for r in rows if r["outlet"]})
    days = sorted({r["published"][:10] for r in rows if r["published"]})
    rng = random.Random(seed)

    def one() -> tuple[str, dict[str, str]]:
        kind = rng.choice(kinds)
        if kind == "word":
            return kind, {"search": rng.choice(words)}
        if kind == "words":
            return kind, {"search": f"{rng.choice(words)} {rng.choice(words)}"}
        if kind == "phrase":
            r = rng.choice(rows)["content"].split()
            i = rng.randrange(max(1, len(r) - 2))
            return kind, {"search": '"' + " ".join(r[i : i + 2]) + '"'}
        if kind == "speaker":
            return kind, {"speaker": rng.choice(names).split()[-1]}
        if kind == "outlet":
            return kind, {"source": rng.choice(outlets)}
        if kind == "dates":
            a, b = sorted(rng.sample(days, 2)) if len(days) > 1 else (days[0], days[0])
            return kind, {"since": a, "until": b}
        if kind == "word+outlet":
            return kind, {"search": rng.choice(words), "source": rng.choice(outlets)}
        return kind, {}

    return [one() for _ in range(count)]


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for p in processes:
        try:
            times = p.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


async def health_rate(base: str, clients: int, seconds: float) -> float:
    """Requests per second the same clients get from /api/health: the most this client and server can do."""
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:

        async def client() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                await http.get("/api/health")
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        return round(done / (time.perf_counter() - started), 1)


async def search_load(
    base: str, mix: list[tuple[str, dict[str, str]]], clients: int, seconds: float, think: float
) -> dict[str, Any]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    retried: list[str] = []
    position = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:

        async def client() -> None:
            nonlocal position
            while position < len(mix) and time.perf_counter() < deadline:
                number, (kind, params) = position, mix[position]
                position += 1
                start = time.perf_counter()
                try:
                    try:
                        response = await http.get("/api/quotes", params=params)
                    except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
                        # a kept-alive connection the server closed as idle just as this request went out: a GET
                        # is retried once on a new connection, as browsers do; counted apart from errors
                        retried.append(f"request {number}: {exc!r}")
                        response = await http.get("/api/quotes", params=params)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {params}: {response.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"request {number} after {time.perf_counter() - start:.2f} s: {exc!r} {params}")
                latencies.append((kind, time.perf_counter() - start))
                if think:
                    await asyncio.sleep(think)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for _, x in latencies)
    by_kind: dict[str, list[float]] = {}
    for kind, x in latencies:
        by_kind.setdefault(kind, []).append(x * 1000)
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:5],
        "retried_after_closed_connection": len(retried),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "latency_ms": percentiles(ms),
        "p99_ms_by_kind": {k: percentiles(sorted(v))["p99"] for k, v in sorted(by_kind.items())},
    }


def percentiles(ms: list[float]) -> dict[str, float]:
    def at(q: float) -> float:
        return round(ms[min(len(ms) - 1, int(q * len(ms)))], 1) if ms else 0.0

    return {"p50": at(0.50), "p90": at(0.90), "p99": at(0.99), "max": round(ms[-1], 1) if ms else 0.0}


def analyze_page(base: str, text: str, runs: int) -> dict[str, Any]:
    times: list[float] = []
    with httpx.Client(base_url=base, timeout=120) as http:
        for i in range(runs + 1):
            start = time.perf_counter()
            response = http.post("/", data={"text": text})
            took = time.perf_counter() - start
            if response.status_code != 200 or 'class="stmt' not in response.text:
                raise SystemExit(f"the Analyze page failed: {response.status_code} {response.text[:300]}")
            if i:  # the first is the warm-up
                times.append(took)
    return {"runs": runs, "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite:///bench-load.db", help="the archive (filled when too small)")
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="at most this many searches")
    parser.add_argument("--seconds", type=float, default=120, help="and for at most this long")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each client waits between its searches")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"the searches to mix (of {','.join(KINDS)})")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the Analyze page")
    parser.add_argument("--workers", type=int, default=1, help="server processes (sayso serve --workers)")
    parser.add_argument("--floor-seconds", type=float, default=10, help="seconds of /api/health at CLIENTS clients")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    article = settings().shared_dir / "examples" / "kremlin-johnson" / "article.txt"
    quotes = ensure_archive(args.db, args.quotes)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.workers)
    try:
        mix = query_mix(base, args.seed, args.requests, args.kinds.split(","))
        processes = [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
        server_cpu, client_cpu = cpu_seconds(processes), own_cpu_seconds()
        search = asyncio.run(search_load(base, mix, args.clients, args.seconds, args.think))
        served = max(1, search["requests"])
        search["server_cpu_ms_per_search"] = round((cpu_seconds(processes) - server_cpu) / served * 1000, 2)
        search["client_cpu_ms_per_search"] = round((own_cpu_seconds() - client_cpu) / served * 1000, 2)
        if args.floor_seconds > 0:
            rate = asyncio.run(health_rate(base, args.clients, args.floor_seconds))
            search["health_requests_per_s"] = rate
            search["fastest_possible_mean_ms"] = round(args.clients / rate * 1000, 1) if rate else None
        runs = args.runs if article.is_file() else 0
        analyze = analyze_page(base, article.read_text(encoding="utf-8"), runs) if runs else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {
        "archive_quotes": quotes,
        "clients": args.clients,
        "think_s": args.think,
        "kinds": args.kinds,
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "server_workers": args.workers,
        "cpus": os.cpu_count(),
        "search": search,
        "analyze_page": analyze,
        "targets": {
            "search_no_errors": search["errors"] == 0,
            "search_p99_ms<=200": search["latency_ms"]["p99"] <= P99_TARGET_MS,
            "analyze_page_s<=2": None if analyze is None else analyze["max_s"] <= ANALYZE_TARGET_S,
        },
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
