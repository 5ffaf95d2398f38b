"""`sayso batch`: an archive (JSONL, Parquet, WARC, ... through sayso.sources) analysed into Parquet partitions.

The input stream is numbered; item ``n`` belongs to partition ``n // partition_size``. Finished partitions
are skipped (so an interrupted run, started again, redoes only the unfinished ones), and each remaining
partition is written once, when all its items are back from the engine:

- ``local``: this machine, ``workers`` spawned processes (models loaded once in each);
- ``ray``: Ray Data, ``map_batches`` over an actor pool whose actors load the models once
  (sayso.raybatch); a local Ray on this machine, or a cluster by ``address``.

Both engines run the same per-article function (``sayso.batch.analyze_one``), so they give the same
analyses as ``sayso analyze``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sayso import batch
from sayso.model import Analysis, Article
from sayso.partitions import Row, RunFolder, RunSpec
from sayso.sources import Columns, Failure, iter_articles

ENGINES = ("local", "ray")
DEFAULT_PARTITION_SIZE = 1000
SHOWN_FAILURES = 50  # failures kept in the Summary; a run of millions keeps the rest on disk only

# One analysed item: its number in the input stream, and its analysis (or its Arrow row) or its failure.
Result = tuple[int, Analysis | Row | Failure]
Progress = Callable[["Summary"], None]


@dataclass
class Summary:
    analyzed: int = 0
    failed: int = 0
    partitions_written: int = 0
    partitions_skipped: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)  # the first SHOWN_FAILURES of this run (all: failed.jsonl)

    @property
    def rate(self) -> float:
        return self.analyzed / self.seconds if self.seconds > 0 else 0.0


def numbered_items(spec: RunSpec, skip: frozenset[int]) -> Iterator[tuple[int, Article | Failure]]:
    """The input stream numbered from 0, without the items of the partitions in ``skip``."""
    columns = Columns(**spec.columns)
    stream = iter_articles(list(spec.inputs), columns=columns, allow_private=spec.allow_private)
    for seq, item in enumerate(stream):
        if seq // spec.partition_size not in skip:
            yield seq, item


def _failure_of(outcome: batch.Outcome) -> Failure:
    error = outcome.error or "could not analyze"
    prefix = f"{outcome.spec}: "
    return Failure(outcome.spec, error[len(prefix) :] if error.startswith(prefix) else error)


def _outcome_result(seq: int, outcome: batch.Outcome) -> Result:
    return seq, outcome.analysis if outcome.analysis is not None else _failure_of(outcome)


def local_results(
    items: Iterator[tuple[int, Article | Failure]], options: batch.Options, workers: int
) -> Iterator[Result]:
    """Results in input order from this machine: in-process, or ``workers`` spawned processes with a
    bounded number of articles in flight (the stream is never read far ahead)."""
    return batch.map_in_workers(_run_item, ((seq, item, options) for seq, item in items), workers)


def _run_item(job: tuple[int, Article | Failure, batch.Options]) -> Result:
    seq, item, options = job
    if isinstance(item, Failure):
        return seq, item
    return _outcome_result(seq, batch._run_article((item, options)))


def run_batch(
    spec: RunSpec,
    out: Path,
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> Summary:
    """Analyse the inputs of ``spec`` into the run folder ``out`` (created, or resumed if it holds this run)."""
    if engine == "ray":
        from sayso import raybatch

        raybatch.connect(address, workers)  # before the folder is claimed: an unreachable cluster leaves none
    folder = RunFolder(out, spec)
    folder.claim()
    skip = frozenset(n for n in range(_highest_part(out) + 1) if folder.done(n))
    options = batch.Options(allow_private=spec.allow_private, nested=spec.nested)
    results: Iterator[Result]
    if engine == "ray":
        results = raybatch.ray_results(spec, skip, options, workers=workers)
    else:
        results = local_results(numbered_items(spec, skip), options, workers)
    summary = Summary(partitions_skipped=len(skip))
    start = time.perf_counter()
    for number, part in _partitions(results, spec.partition_size):
        analyses = [r for r in part if not isinstance(r, Failure)]
        failures = [r for r in part if isinstance(r, Failure)]
        folder.write(number, analyses, [{"input": f.input, "error": f.error} for f in failures])
        summary.analyzed += len(analyses)
        summary.failed += len(failures)
        summary.failures.extend(failures[: max(0, SHOWN_FAILURES - len(summary.failures))])
        summary.partitions_written += 1
        summary.seconds = time.perf_counter() - start
        if progress:
            progress(summary)
    folder.finish()
    summary.seconds = time.perf_counter() - start
    return summary


def _highest_part(out: Path) -> int:
    numbers = [int(p.stem.split("-", 1)[1]) for p in out.glob("part-*.parquet") if p.stem.split("-", 1)[1].isdigit()]
    return max(numbers, default=-1)


def _partitions(results: Iterator[Result], size: int) -> Iterator[tuple[int, list[Analysis | Row | Failure]]]:
    """Consecutive results grouped by partition number."""
    current: int | None = None
    group: list[Analysis | Row | Failure] = []
    for seq, value in results:
        number = seq // size
        if number != current and current is not None:
            yield current, group
            group = []
        current = number
        group.append(value)
    if current is not None:
        yield current, group
