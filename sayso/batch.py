"""Many inputs, one or several processes; one bad input never stops the others."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

from sayso.errors import SaysoError
from sayso.ingest import read_input
from sayso.model import Analysis, Article, Scheme

IN_FLIGHT_PER_WORKER = 4
READY_TIMEOUT = 600  # seconds `start_workers` waits for its workers to load their models
J = TypeVar("J")
R = TypeVar("R")


@dataclass(frozen=True)
class Options:
    allow_private: bool = False
    nested: bool = True
    scheme: Scheme = "sayso"


@dataclass(frozen=True)
class Outcome:
    spec: str
    analysis: Analysis | None = None
    error: str | None = None


def analyze_one(article: Article, options: Options) -> Analysis:
    from sayso.pipeline import analyze_article

    return analyze_article(article, nested=options.nested, scheme=options.scheme)


def _run(job: tuple[str, Options]) -> Outcome:
    spec, options = job
    try:
        article = read_input(spec, allow_private=options.allow_private)
        return Outcome(spec, analysis=analyze_one(article, options))
    except SaysoError as exc:
        return Outcome(spec, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the batch
        return Outcome(spec, error=f"{spec}: could not analyze ({type(exc).__name__}: {exc})")


def _run_article(job: tuple[Article, Options]) -> Outcome:
    article, options = job
    try:
        return Outcome(article.id, analysis=analyze_one(article, options))
    except SaysoError as exc:
        return Outcome(article.id, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        return Outcome(article.id, error=f"{article.id}: could not analyze ({type(exc).__name__}: {exc})")


def _warm_worker(ready: Any = None) -> None:
    """Each worker process: one tagger thread (the processes share the cores), models loaded once.
    ``ready``: a barrier of the pool (`start_workers`) that `_ready` waits at."""
    global _READY
    _READY = ready
    os.environ["SAYSO_THREADS"] = "1"
    from sayso import nlp
    from sayso.quotes import extract

    nlp.load_pipeline()
    extract.load_tagger()


_READY: Any = None


def _ready(_: int) -> int:
    """A task that analyzes the bundled demo article (the first analysis of a process pays for allocations and
    caches that later ones reuse) and returns once every worker of the pool holds one."""
    from sayso.config import PACKAGE_DIR
    from sayso.pipeline import analyze

    analyze((PACKAGE_DIR / "data" / "demo_article.txt").read_text(encoding="utf-8"))
    if _READY is not None:
        _READY.wait(timeout=READY_TIMEOUT)
    return os.getpid()


@contextmanager
def start_workers(workers: int, *, wait: bool = True) -> Iterator[Pool]:
    """A pool of ``workers`` spawned processes that load the models (`_warm_worker`); with ``wait``, returned
    once every one of them has, and has analyzed one article (so that what runs on it next finds them warm:
    bench/throughput.py times the start-up apart). Closed (the workers ended) when the block ends."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers) if wait else None
    with context.Pool(workers, initializer=_warm_worker, initargs=(barrier,)) as pool:
        if wait:
            pool.map(_ready, range(workers), chunksize=1)
        yield pool


def analyze_inputs(
    specs: list[str], options: Options, *, workers: int = 1, pool: Pool | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order. Workers are spawned, not forked: a fork of a process whose onnxruntime
    or BLAS threads hold a lock can hang (seen in the test suite), so each worker loads its own models
    (``pool``: workers from `start_workers`, used instead of new ones). In this process (``workers`` 1, no
    ``pool``) the articles go through `pipeline.analyze_many`: the quote tagger runs beside spaCy."""
    if pool is None and (workers <= 1 or len(specs) <= 1):
        yield from _in_process(((spec, _read(spec, options)) for spec in specs), options)
        return
    jobs = [(spec, options) for spec in specs]
    if pool is not None:
        yield from pool.imap(_run, jobs, chunksize=1)
        return
    with start_workers(min(workers, len(jobs)), wait=False) as started:
        yield from started.imap(_run, jobs, chunksize=1)


def analyze_articles(
    articles: Iterable[Article], options: Options, *, workers: int = 1, pool: Pool | None = None
) -> Iterator[Outcome]:
    """Outcomes (``spec`` = the article id) in input order, for articles already read (archives, feeds)."""
    if pool is None and workers <= 1:
        return _in_process(((article.id, article) for article in articles), options)
    return map_in_workers(_run_article, ((article, options) for article in articles), workers, pool=pool)


def _read(spec: str, options: Options) -> Article | Outcome:
    try:
        return read_input(spec, allow_private=options.allow_private)
    except SaysoError as exc:
        return Outcome(spec, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the batch
        return Outcome(spec, error=f"{spec}: could not read ({type(exc).__name__}: {exc})")


def _in_process(items: Iterable[tuple[str, Article | Outcome]], options: Options) -> Iterator[Outcome]:
    """Outcomes in input order (items that are Outcomes already, inputs that could not be read, in their
    place) through `pipeline.analyze_many`, which gives what `analyze_one` gives each article. Where it
    fails, the oldest article not yet answered is analyzed alone (its own outcome, error or not) and the
    stream starts again from the next one: one bad article never stops the others."""
    from sayso.pipeline import analyze_many

    source = iter(items)
    waiting: deque[tuple[str, Article | Outcome]] = deque()  # read, not yet answered, in input order
    broken: list[BaseException] = []  # what the input stream itself raised (re-raised, never retried)

    def articles() -> Iterator[Article]:
        yield from [item for _, item in waiting if isinstance(item, Article)]  # left by a failed stream
        while True:
            try:
                spec, item = next(source)
            except StopIteration:
                return
            except Exception as exc:
                broken.append(exc)
                raise
            waiting.append((spec, item))
            if isinstance(item, Article):
                yield item

    def read_failures() -> Iterator[Outcome]:
        while waiting and isinstance(waiting[0][1], Outcome):
            yield waiting.popleft()[1]  # type: ignore[misc]

    while True:
        stream = analyze_many(articles(), nested=options.nested, scheme=options.scheme)
        try:
            for analysis in stream:
                yield from read_failures()
                yield Outcome(waiting.popleft()[0], analysis=analysis)
            yield from read_failures()
            return
        except Exception:  # noqa: BLE001 - the oldest article left is analyzed alone below
            if broken:
                raise
            yield from read_failures()
            if not waiting:
                return
        finally:
            stream.close()
        spec, article = waiting.popleft()
        yield _analyzed(spec, article, options)  # type: ignore[arg-type]


def _analyzed(spec: str, article: Article, options: Options) -> Outcome:
    outcome = _run_article((article, options))
    return Outcome(spec, analysis=outcome.analysis, error=outcome.error)


def map_in_workers(run: Callable[[J], R], jobs: Iterable[J], workers: int, *, pool: Pool | None = None) -> Iterator[R]:
    """``run(job)`` for each job, results in input order: in this process, or in ``workers`` spawned processes
    (or ``pool``'s, from `start_workers`) with at most IN_FLIGHT_PER_WORKER jobs a worker read ahead (a pool's
    imap would read the whole stream first), so a stream of millions is never held in memory at once. ``run``
    must be a module-level function."""
    if pool is not None:
        yield from _bounded(pool, run, jobs, workers)
    elif workers <= 1:
        yield from map(run, jobs)
    else:
        with start_workers(workers, wait=False) as started:
            yield from _bounded(started, run, jobs, workers)


def _bounded(pool: Pool, run: Callable[[J], R], jobs: Iterable[J], workers: int) -> Iterator[R]:
    pending: deque[AsyncResult[R]] = deque()
    for job in jobs:
        pending.append(pool.apply_async(run, (job,)))
        if len(pending) >= max(1, workers) * IN_FLIGHT_PER_WORKER:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
