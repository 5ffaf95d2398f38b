"""The Ray engine of `sayso batch`: Ray Data reads the numbered input stream and maps it over an actor pool.

Each actor (``Analyzer``) loads the spaCy pipeline and the quote tagger once, in ``__init__``, and analyses
batches of articles with ``sayso.batch.analyze_one``, the function `sayso analyze` runs. Order is preserved,
so the driver gets the results in input order and writes each partition once (sayso.batchrun). A worker
that dies is replaced by Ray and its batch retried; as results reach the driver only from finished
batches, an article is neither lost nor written twice.

Ray is an optional dependency (``pip install 'sayso[ray]'``).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from sayso import batch
from sayso.errors import BatchError
from sayso.model import Article
from sayso.partitions import ANALYSIS_SCHEMA, Row, RunSpec
from sayso.sources import Failure

ROWS_PER_BLOCK = 32
CONNECT_TIMEOUT = 5.0
ARTICLES_PER_BATCH = 4
IN_FLIGHT_PER_ACTOR = 2  # blocks queued on an actor: enough to keep it busy, few enough to spread the work
ITEM_SCHEMA = pa.schema([("seq", pa.int64()), ("article", pa.string()), ("input", pa.string()), ("error", pa.string())])
# An actor's output: the item's number, the Analysis fields (null for a failure), the failure's input and error.
RESULT_SCHEMA = pa.schema([pa.field("seq", pa.int64()), *ANALYSIS_SCHEMA, pa.field("input", pa.string()),
                           pa.field("error", pa.string())])  # fmt: skip


def _item_blocks(spec: RunSpec, skip: frozenset[int]) -> Iterator[pa.Table]:
    """The numbered input stream as Arrow blocks: an article as JSON, or a failure's input and error."""
    from sayso.batchrun import numbered_items

    rows: list[dict[str, Any]] = []
    for seq, item in numbered_items(spec, skip):
        if isinstance(item, Failure):
            rows.append({"seq": seq, "article": None, "input": item.input, "error": item.error})
        else:
            rows.append({"seq": seq, "article": item.model_dump_json(), "input": None, "error": None})
        if len(rows) >= ROWS_PER_BLOCK:
            yield pa.Table.from_pylist(rows, schema=ITEM_SCHEMA)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=ITEM_SCHEMA)


class Analyzer:
    """A Ray Data actor: the models loaded once, then batches of articles analysed."""

    def __init__(self, nested: bool, scheme: str = "sayso") -> None:
        os.environ["SAYSO_THREADS"] = "1"  # one core per actor: the actors share the machine's cores
        batch._warm_worker()
        self.options = batch.Options(nested=nested, scheme="polnear" if scheme == "polnear" else "sayso")

    def __call__(self, items: pa.Table) -> pa.Table:
        rows = []
        for row in items.to_pylist():
            if row["article"] is None:
                rows.append({"seq": row["seq"], "input": row["input"], "error": row["error"]})
                continue
            article = Article.model_validate_json(row["article"])
            outcome = batch._run_article((article, self.options))
            if outcome.analysis is not None:
                rows.append({"seq": row["seq"], **outcome.analysis.model_dump(), "input": None, "error": None})
            else:
                from sayso.batchrun import _failure_of

                failure = _failure_of(outcome)
                rows.append({"seq": row["seq"], "input": failure.input, "error": failure.error})
        return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def _check_reachable(address: str) -> None:
    """Fail fast (one line) when nothing listens at ``address`` (``HOST:PORT`` or ``ray://HOST:PORT``):
    Ray itself retries an unreachable head for minutes."""
    rest = address.split("://", 1)[-1]
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", or a form Ray resolves itself
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BatchError(f"{address}: cannot reach the Ray cluster ({reason})") from None


def connect(address: str | None, workers: int) -> None:
    """Join the Ray cluster at ``address``, or start a local Ray of ``workers`` CPUs; reuses a running one."""
    try:
        import ray
    except ImportError:
        raise BatchError("the Ray engine needs Ray: pip install 'sayso[ray]'") from None
    if ray.is_initialized():
        return
    if address:
        _check_reachable(address)
    quiet: dict[str, Any] = {"include_dashboard": False, "logging_level": "ERROR", "log_to_driver": False}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers, **quiet)
    except Exception as exc:  # noqa: BLE001 - Ray raises ConnectionError, RuntimeError, ValueError...
        where = address or "local Ray"
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise BatchError(f"{where}: cannot reach the Ray cluster ({detail})") from None


def _dataset(spec: RunSpec, skip: frozenset[int], options: batch.Options, workers: int) -> Any:
    import ray.data
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class ItemSource(Datasource):
        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]

        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, *args: Any, **kwargs: Any) -> list[ReadTask]:
            meta = BlockMetadata(num_rows=None, size_bytes=None, exec_stats=None, input_files=None)
            return [ReadTask(lambda: _item_blocks(spec, skip), meta)]

    context = ray.data.DataContext.get_current()
    saved = context.target_max_block_size
    context.execution_options.preserve_order = True  # results in input order: partitions by number
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # One row a block: the single read task's output is otherwise one block, which one actor would take
    # whole. The dataset keeps the context it was made with, so the user's setting comes back after.
    context.target_max_block_size = 1
    try:
        items = ray.data.read_datasource(ItemSource(), num_cpus=0, override_num_blocks=1)
    finally:
        context.target_max_block_size = saved
    return items.map_batches(
        Analyzer,
        fn_constructor_kwargs={"nested": options.nested, "scheme": options.scheme},
        batch_size=ARTICLES_PER_BATCH,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=IN_FLIGHT_PER_ACTOR),
        num_cpus=1,
    )


def ray_results(
    spec: RunSpec, skip: frozenset[int], options: batch.Options, *, workers: int
) -> Iterator[tuple[int, Row | Failure]]:
    """Results in input order from a Ray Data pipeline with ``workers`` actors; analyses stay in Arrow form
    (the driver only slices and writes them: it would otherwise be the bottleneck of a large cluster)."""
    dataset = _dataset(spec, skip, options, workers)
    names = ANALYSIS_SCHEMA.names
    for block in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        seqs, inputs, errors = (block.column(c).to_pylist() for c in ("seq", "input", "error"))
        analyses = block.select(names)
        for i, seq in enumerate(seqs):
            if errors[i] is None:
                yield seq, Row(analyses.slice(i, 1))
            else:
                yield seq, Failure(inputs[i], errors[i])
