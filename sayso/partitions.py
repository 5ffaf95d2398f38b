"""The output folder of `sayso batch`: Parquet partitions of analyses, failed inputs, and the run's identity.

A folder holds one run::

    _run.json                 what was run (inputs, columns, options, partition size) and its fingerprint
    part-000000.parquet       one row per analysed article: ``id`` and every Analysis field as a column,
    part-000001.parquet       quotes/speakers/claims/disputes as lists of structs (schema from sayso.model)
    failed/part-000000.jsonl  {"input": ..., "error": ...} for the items of that partition that failed
    failed.jsonl              every failure of the run, in input order (rewritten at the end of a run)

Partition ``k`` holds items ``k*size .. (k+1)*size-1`` of the input stream, so the same run always puts an
article in the same partition. A partition is written to a temporary name and renamed into place after
its failures file: a ``part-*.parquet`` that exists is finished, and is never written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from sayso import __version__
from sayso.errors import BatchError
from sayso.model import Analysis

RUN_FILE = "_run.json"
FAILED_DIR = "failed"
FAILED_FILE = "failed.jsonl"
PART_GLOB = "part-*.parquet"


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a model field's annotation (str, int, float, bool, Literal, lists, spans, models)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) != 1:
            raise TypeError(f"no Arrow type for {annotation!r}")
        return arrow_type(present[0])
    if origin is typing.Literal:
        return pa.string()
    if origin in (list, tuple):
        return pa.list_(arrow_type(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(n, arrow_type(f.annotation)) for n, f in annotation.model_fields.items()])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def _schema() -> pa.Schema:
    struct = arrow_type(Analysis)
    return pa.schema([struct.field(i) for i in range(struct.num_fields)])


ANALYSIS_SCHEMA = _schema()


def analyses_table(analyses: Iterable[Analysis]) -> pa.Table:
    """Analyses as one Arrow table of ANALYSIS_SCHEMA (one row each)."""
    return pa.Table.from_pylist([a.model_dump() for a in analyses], schema=ANALYSIS_SCHEMA)


@dataclass(frozen=True)
class Row:
    """One analysis already in Arrow form (a one-row table of ANALYSIS_SCHEMA), as the Ray actors send it:
    the driver writes it as it is, without turning it back into an Analysis."""

    table: pa.Table


def partition_table(analyses: Sequence[Analysis | Row]) -> pa.Table:
    """The rows of one partition, in order, from Analysis objects and Arrow rows alike."""
    if all(isinstance(a, Analysis) for a in analyses):
        return analyses_table(a for a in analyses if isinstance(a, Analysis))
    pieces = [a.table if isinstance(a, Row) else analyses_table([a]) for a in analyses]
    return pa.concat_tables([piece.cast(ANALYSIS_SCHEMA) for piece in pieces]).combine_chunks()


def read_partition(path: Path) -> Iterator[Analysis]:
    """The analyses of one partition file, in order."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for row in batch.to_pylist():
            yield Analysis.model_validate(row)


def partition_files(folder: Path) -> list[Path]:
    """The finished partitions of a run folder, in order."""
    return sorted(folder.glob(PART_GLOB))


def read_run(folder: Path) -> Iterator[Analysis]:
    """Every analysis of a run folder, partition by partition."""
    for path in partition_files(folder):
        yield from read_partition(path)


# --------------------------------------------------------------------------- the run and its folder


@dataclass(frozen=True)
class RunSpec:
    """What decides a run's output: the same spec in the same folder resumes, a different one is refused."""

    inputs: tuple[str, ...]
    columns: dict[str, str]
    allow_private: bool
    nested: bool
    partition_size: int

    def fingerprint(self) -> str:
        data = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


class RunFolder:
    """The output folder of one run: claims it (or resumes it), and writes partitions exactly once."""

    def __init__(self, root: Path, spec: RunSpec) -> None:
        self.root = root
        self.spec = spec

    def part_path(self, number: int) -> Path:
        return self.root / f"part-{number:06d}.parquet"

    def failed_path(self, number: int) -> Path:
        return self.root / FAILED_DIR / f"part-{number:06d}.jsonl"

    def claim(self) -> None:
        """Create the folder or check that it holds this same run; a different run is a BatchError."""
        run_file = self.root / RUN_FILE
        if self.root.exists() and not self.root.is_dir():
            raise BatchError(f"{self.root}: not a folder")
        if run_file.is_file():
            try:
                held = json.loads(run_file.read_text(encoding="utf-8")).get("fingerprint")
            except (OSError, ValueError, AttributeError):
                held = None
            if held != self.spec.fingerprint():
                raise BatchError(
                    f"{self.root}: holds a different run (other inputs, columns or options); use another --out"
                )
            return
        if self.root.is_dir() and any(self.root.iterdir()):
            raise BatchError(f"{self.root}: not empty and not a sayso batch output; use another --out")
        try:
            (self.root / FAILED_DIR).mkdir(parents=True, exist_ok=True)
            record = {"fingerprint": self.spec.fingerprint(), "sayso": __version__, **asdict(self.spec)}
            _atomic_write(run_file, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
        except OSError as exc:
            raise BatchError(f"{self.root}: cannot write ({exc.strerror or exc})") from None

    def done(self, number: int) -> bool:
        return self.part_path(number).is_file()

    def write(self, number: int, analyses: Sequence[Analysis | Row], failures: Sequence[dict[str, str]]) -> None:
        """Write partition ``number`` (its failures first, the Parquet file last); never over a finished one."""
        if self.done(number):
            return
        lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures)
        (self.root / FAILED_DIR).mkdir(exist_ok=True)
        _atomic_write(self.failed_path(number), lines.encode("utf-8"))
        target = self.part_path(number)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        pq.write_table(partition_table(analyses), tmp)
        os.replace(tmp, target)

    def finish(self) -> int:
        """Gather every partition's failures into failed.jsonl, in order; returns how many there are."""
        count = 0
        parts = sorted((self.root / FAILED_DIR).glob("part-*.jsonl"))
        chunks = []
        for path in parts:
            text = path.read_text(encoding="utf-8")
            count += text.count("\n")
            chunks.append(text)
        _atomic_write(self.root / FAILED_FILE, "".join(chunks).encode("utf-8"))
        return count


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
