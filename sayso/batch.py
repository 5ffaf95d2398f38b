"""Many inputs, one or several processes; one bad input never stops the others."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from sayso.errors import SaysoError
from sayso.ingest import read_input
from sayso.model import Analysis, Article, Scheme

IN_FLIGHT_PER_WORKER = 4
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


def _warm_worker() -> None:
    """Each worker process: one tagger thread (the processes share the cores), models loaded once."""
    os.environ["SAYSO_THREADS"] = "1"
    from sayso import nlp
    from sayso.quotes import extract

    nlp.load_pipeline()
    extract.load_tagger()


def analyze_inputs(specs: list[str], options: Options, *, workers: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order. Workers are spawned, not forked: a fork of a process whose onnxruntime
    or BLAS threads hold a lock can hang (seen in the test suite), so each worker loads its own models."""
    jobs = [(spec, options) for spec in specs]
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_run, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(min(workers, len(jobs)), initializer=_warm_worker) as pool:
        yield from pool.imap(_run, jobs, chunksize=1)


def analyze_articles(articles: Iterable[Article], options: Options, *, workers: int = 1) -> Iterator[Outcome]:
    """Outcomes (``spec`` = the article id) in input order, for articles already read (archives, feeds)."""
    return map_in_workers(_run_article, ((article, options) for article in articles), workers)


def map_in_workers(run: Callable[[J], R], jobs: Iterable[J], workers: int) -> Iterator[R]:
    """``run(job)`` for each job, results in input order: in this process, or in ``workers`` spawned processes
    with at most IN_FLIGHT_PER_WORKER jobs a worker read ahead (a pool's imap would read the whole stream
    first), so a stream of millions is never held in memory at once. ``run`` must be a module-level function."""
    if workers <= 1:
        yield from map(run, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_warm_worker) as pool:
        pending: deque[AsyncResult[R]] = deque()
        for job in jobs:
            pending.append(pool.apply_async(run, (job,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
