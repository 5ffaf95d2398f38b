"""`sayso serve --workers N`: N server processes, each listening on a socket of its own bound to the same address
(SO_REUSEPORT), so that the kernel spreads the connections over the processes by their addresses.

uvicorn's own workers share one listening socket, and whichever process is awake takes the next connection: with
clients that keep their connections, one process ended up serving most of them (41 of 50 connections against 9 in
bench/load.py with two workers) while the other idled, and the clients of the busy one waited the longest. Where
SO_REUSEPORT is missing (Windows), uvicorn's workers are used.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
from types import FrameType

from sayso.errors import SaysoError


def reuse_port_socket(host: str, port: int, *, listen: bool) -> socket.socket:
    """A socket bound to ``host``:``port`` that others of this user can bind too (port 0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        if listen:
            sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise SaysoError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def _worker(host: str, port: int) -> None:
    """One server process: the models are loaded before its socket listens, so that no connection the kernel
    gives it waits for them (the others may be answering already)."""
    import uvicorn

    from sayso.api import app_from_settings, warm_up

    try:
        app = app_from_settings()
        warm_up()
        sock = reuse_port_socket(host, port, listen=True)
    except SaysoError as exc:
        print(f"sayso: {exc}", file=sys.stderr)
        sys.exit(1)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(host: str, port: int, workers: int) -> None:
    """Serve ``sayso.api.app_from_settings`` (the archive at SAYSO_DB) in ``workers`` processes until SIGINT or
    SIGTERM, which each process is then given to shut down. A process that exits on its own stops the service."""
    if not hasattr(socket, "SO_REUSEPORT"):
        import uvicorn

        uvicorn.run(
            "sayso.api:app_from_settings", factory=True, workers=workers, host=host, port=port,
            log_level="warning", access_log=False,
        )  # fmt: skip
        return
    held = reuse_port_socket(host, port, listen=False)  # the port (a free one for 0), held till the end
    port = held.getsockname()[1]
    stop = threading.Event()

    def asked_to_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, asked_to_stop)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(host, port), name=f"sayso-serve-{i}") for i in range(workers)]
    try:
        for process in processes:
            process.start()
        while not stop.is_set() and all(p.is_alive() for p in processes):
            stop.wait(0.5)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
        held.close()
    exited = [p.exitcode for p in processes if p.exitcode not in (0, -signal.SIGTERM)]
    if not stop.is_set() and exited:
        raise SaysoError(f"a server process exited with {exited[0]}; the service stopped")
