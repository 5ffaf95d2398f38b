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

The clients (--client): `raw` (the default), each its own HTTP/1.1 keep-alive connection over asyncio streams,
about 0.3 ms of this process's CPU per request; `httpx`, one httpx.AsyncClient pooling CLIENTS connections, about
8.5 ms per request at 50 clients (its pool's bookkeeping grows with the clients), as much as the server's search:
on a machine of two cores that benchmark mostly measures itself. Both count as errors any answer but 200, a
timeout (30 s) and a broken connection; a kept-alive connection found closed before anything came back is retried
once on a new one and counted apart.

    nice -n 10 .venv/bin/python bench/load.py [--db sqlite:///bench-load.db] [--quotes 100000] [--json OUT]
        [--client raw|httpx] [--workers N]
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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psutil

try:
    import uvloop
except ImportError:  # Windows
    uvloop = None

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
    cmd = [sys.executable, str(HERE / "generate_quotes.py"), "--db", url, "--quotes", str(quotes), "--direct"]
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


class RequestFailed(Exception):
    """A request that got no answer: timeout, refused or broken connection, unreadable response."""


class ClosedIdle(RequestFailed):
    """A kept-alive connection the server had closed as idle just as a request went out on it (nothing came
    back): a GET is retried once on a new connection, as browsers do; counted apart from errors."""


Get = Callable[[str], Awaitable[tuple[int, bytes]]]


class RawConnection:
    """One HTTP/1.1 keep-alive connection over asyncio streams, GET only: the lean client. It writes the
    request line and Host, reads the status line and headers, and the body by Content-Length or chunks."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.head = f"HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, target: str) -> tuple[int, bytes]:
        reused = self.writer is not None
        try:
            async with asyncio.timeout(self.timeout):
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                assert self.reader is not None
                self.writer.write(b"GET " + target.encode() + b" " + self.head)
                try:
                    head = await self.reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError) as exc:
                    nothing = not isinstance(exc, asyncio.IncompleteReadError) or not exc.partial
                    raise (ClosedIdle if reused and nothing else RequestFailed)(repr(exc)) from None
                status, body, keep = await self._rest(head)
        except TimeoutError:
            self.close()
            raise RequestFailed(f"no answer in {self.timeout} s") from None
        except RequestFailed:
            self.close()
            raise
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            self.close()
            raise RequestFailed(repr(exc)) from None
        if not keep:
            self.close()
        return status, body

    async def _rest(self, head: bytes) -> tuple[int, bytes, bool]:
        assert self.reader is not None
        lines = head.decode("latin-1").split("\r\n")
        version, code = lines[0].split(" ", 2)[:2]
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip().lower()
        keep = headers.get("connection") != "close" and version == "HTTP/1.1"
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                pass
            body = b"".join(parts)
        else:
            body, keep = await self.reader.read(), False
        return int(code), body, keep


@asynccontextmanager
async def getters(kind: str, base: str, clients: int, timeout: float = 30) -> AsyncIterator[list[Get]]:
    """One GET function per client: ``raw``, a keep-alive connection of its own each; ``httpx``, one shared
    httpx.AsyncClient with a pool of ``clients`` connections."""
    if kind == "raw":
        host, _, port = base.removeprefix("http://").partition(":")
        connections = [RawConnection(host, int(port), timeout) for _ in range(clients)]
        try:
            yield [c.get for c in connections]
        finally:
            for c in connections:
                c.close()
        return
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:

        async def get(target: str) -> tuple[int, bytes]:
            try:
                response = await http.get(target)
            except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
                raise ClosedIdle(repr(exc)) from None
            except httpx.HTTPError as exc:
                raise RequestFailed(repr(exc)) from None
            return response.status_code, response.content

        yield [get] * clients


async def health_rate(base: str, kind: str, clients: int, seconds: float) -> float:
    """Requests per second the same clients get from /api/health: the most this client and server can do."""
    done = 0
    deadline = time.perf_counter() + seconds
    async with getters(kind, base, clients) as gets:

        async def client(get: Get) -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                status, _ = await get("/api/health")
                if status != 200:
                    raise SystemExit(f"/api/health answered {status}")
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(client(get) for get in gets))
        return round(done / (time.perf_counter() - started), 1)


async def search_load(
    base: str, kind: str, mix: list[tuple[str, dict[str, str]]], clients: int, seconds: float, think: float
) -> dict[str, Any]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    retried: list[str] = []
    position = 0
    deadline = time.perf_counter() + seconds

    async with getters(kind, base, clients) as gets:

        async def client(get: Get) -> None:
            nonlocal position
            while position < len(mix) and time.perf_counter() < deadline:
                number, (what, params) = position, mix[position]
                position += 1
                start = time.perf_counter()
                target = "/api/quotes?" + urlencode(params) if params else "/api/quotes"
                try:
                    try:
                        status, body = await get(target)
                    except ClosedIdle as exc:
                        retried.append(f"request {number}: {exc}")
                        status, body = await get(target)
                    if status != 200:
                        errors.append(f"{status} {params}: {body[:200]!r}")
                except RequestFailed as exc:
                    errors.append(f"request {number} after {time.perf_counter() - start:.2f} s: {exc} {params}")
                latencies.append((what, time.perf_counter() - start))
                if think:
                    await asyncio.sleep(think)

        started = time.perf_counter()
        await asyncio.gather(*(client(get) for get in gets))
        elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for _, x in latencies)
    by_kind: dict[str, list[float]] = {}
    for what, x in latencies:
        by_kind.setdefault(what, []).append(x * 1000)
    return {
        "client": kind,
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
    parser.add_argument(
        "--client", choices=["raw", "httpx"], default="raw",
        help="raw: HTTP/1.1 keep-alive over asyncio streams, a connection per client (lean); httpx: httpx.AsyncClient",
    )  # fmt: skip
    parser.add_argument(
        "--loop", choices=["uvloop", "asyncio"], default="uvloop" if uvloop else "asyncio",
        help="this client's event loop",
    )  # fmt: skip
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
        run = uvloop.run if args.loop == "uvloop" and uvloop else asyncio.run
        search = run(search_load(base, args.client, mix, args.clients, args.seconds, args.think))
        served = max(1, search["requests"])
        search["server_cpu_ms_per_search"] = round((cpu_seconds(processes) - server_cpu) / served * 1000, 2)
        search["client_cpu_ms_per_search"] = round((own_cpu_seconds() - client_cpu) / served * 1000, 2)
        if args.floor_seconds > 0:
            rate = run(health_rate(base, args.client, args.clients, args.floor_seconds))
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
        "client": args.client,
        "client_loop": args.loop,
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
