"""A bulk load's writes in a second process (PostgreSQL): while the database writes one chunk, the load reads,
resolves and makes the rows of the next one.

The load (:mod:`sayso.bulkload`) prepares each chunk's :class:`~sayso.store.bulk.Plan` in its own process, the
next one on top of the one being written (its keys after that one's, its articles taken as stored, the speaker
index as that one leaves it), and hands it to the writer process, which writes it in one transaction of the
store's write lock (with its own connection), as ``Store.save_bulk`` would. The writer first checks, under the
lock, that the archive is as the plan expects (the largest ``articles.seq`` and ``quotes.pk`` one before the
plan's first): if another writer came between, or the database refused the chunk, nothing of it is written and
the load writes it again itself (the index read again from the database), then prepares the next one anew.

Only data crosses between the processes: the plan, pickled, its rows already ``COPY``'s text (formatted by
psycopg in the load's process: the writer only sends them, about 1 CPU-second per 50,000 quotes). The writer
dies with the load (Linux: ``PR_SET_PDEATHSIG``): a load killed midway leaves only whole chunks, as the
one-process load does.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import queue
import signal
import sys
import threading
from multiprocessing.connection import Connection as Pipe

import sqlalchemy as sa

from sayso.errors import StoreError
from sayso.store import engine
from sayso.store import schema as t
from sayso.store.bulk import PgSettings, Plan, write
from sayso.store.store import WRITE_LOCK
from sayso.store.writer import next_key

STALE = "stale"  # the writer's answer when the archive is not as the plan expects


class WriterProcess:
    """A second process that writes plans, one at a time, to the database at ``url``: forked (Linux only, see
    :func:`available`), so that it starts at once with what this process imported (a spawned one would import
    it all again, 1.5 CPU-seconds, and run the caller's main script again); it opens its own connection and
    never touches this process's, and ends with ``os._exit``."""

    def __init__(self, url: str) -> None:
        context = multiprocessing.get_context("fork")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, url), name="sayso-load-writer", daemon=True)
        self.process.start()
        theirs.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def send(self, plan: Plan) -> None:
        """Starts writing the plan (the previous one's result taken)."""
        try:
            self.pipe.send(plan)
        except OSError as exc:
            raise StoreError(f"the load's writer process is gone ({exc})") from None

    def result(self) -> set[str] | str | StoreError:
        """What became of the plan sent last: the ids stored, STALE (nothing written), or the database's error
        (nothing written)."""
        try:
            answer: set[str] | str | StoreError = self.pipe.recv()
        except (OSError, EOFError) as exc:
            return StoreError(f"the load's writer process is gone ({exc or 'no answer'})")
        return answer

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.pipe.send(None)
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.pipe.close()


class WriterThread:
    """SQLite: a thread of this process that writes plans, one at a time, with a connection of the store's
    engine (SQLite steps through a statement, checkpoints and commits without Python's lock, so the database's
    work overlaps the next chunk's resolving); the same answers as :class:`WriterProcess`."""

    def __init__(self, eng: sa.Engine) -> None:
        self.inbox: queue.SimpleQueue[Plan | None] = queue.SimpleQueue()
        self.outbox: queue.SimpleQueue[set[str] | str | StoreError] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._serve, args=(eng,), name="sayso-load-writer", daemon=True)
        self.thread.start()

    def alive(self) -> bool:
        return self.thread.is_alive()

    def send(self, plan: Plan) -> None:
        if not self.alive():
            raise StoreError("the load's writer thread is gone")
        self.inbox.put(plan)

    def result(self) -> set[str] | str | StoreError:
        while True:
            try:
                return self.outbox.get(timeout=1.0)
            except queue.Empty:
                if not self.alive():
                    return StoreError("the load's writer thread is gone")

    def close(self) -> None:
        self.inbox.put(None)
        self.thread.join()

    def _serve(self, eng: sa.Engine) -> None:
        settings = PgSettings()
        while (plan := self.inbox.get()) is not None:
            try:
                answer = _write(eng, plan, settings)
            except Exception as exc:  # never a thread that ends without an answer
                answer = StoreError(f"the load's writer: {engine._one_line(exc)}")
            del plan
            self.outbox.put(answer)
            if isinstance(answer, set):
                self._checkpoint(eng)

    def _checkpoint(self, eng: sa.Engine) -> None:
        """The chunk just written copied into the database file (PASSIVE: as far as readers let it), while the
        load prepares the next one; the load's own checkpoint at its end then has only the last chunk to copy."""
        with contextlib.suppress(sa.exc.DBAPIError), eng.connect() as conn:
            engine.checkpoint(conn)
            conn.rollback()


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def available() -> bool:
    """Whether a load may write in a second process: on Linux, where it is forked (and dies with the load)."""
    return sys.platform.startswith("linux")


def _serve(pipe: Pipe, url: str) -> None:
    _die_with_parent()
    gc.disable()  # the plans are large, and garbage only once written
    eng = engine.create_engine(url)
    settings = PgSettings()
    try:
        while True:
            try:
                plan = pipe.recv()
            except (OSError, EOFError):
                return
            if plan is None:
                return
            answer = _write(eng, plan, settings)
            del plan
            gc.collect(1)  # the plan is gone: few young objects left to look at
            try:
                pipe.send(answer)
            except OSError:
                return
    finally:
        eng.dispose()


class _Stale(Exception):
    pass


def _write(eng: sa.Engine, plan: Plan, settings: PgSettings) -> set[str] | str | StoreError:
    """The plan in one transaction of the store's write lock (as ``Store._write`` of a bulk chunk), if the
    archive is as it expects; else nothing."""
    try:
        with eng.connect() as conn:
            conn.execution_options(**{engine.WRITE: True})
            with engine.checkpoints_deferred(conn), conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                if (next_key(conn, t.articles.c.seq), next_key(conn, t.quotes.c.pk)) != (plan.first_seq, plan.first_pk):
                    raise _Stale
                write(conn, plan, settings)
    except _Stale:
        return STALE
    except sa.exc.DBAPIError as exc:
        return StoreError(f"{engine.redact(eng.url)}: {engine._one_line(exc)}")
    except StoreError as exc:
        return exc
    return set(plan.ids)


def url_of(eng: sa.Engine) -> str:
    """The engine's URL with its password, for the writer process to connect as the store does."""
    return eng.url.render_as_string(hide_password=False)
