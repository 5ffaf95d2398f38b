"""Export the archive: JSON Lines (one Analysis a line, as ``sayso analyze --format jsonl`` writes), or one
statement a row as CSV or Parquet (for pandas / R), read in batches so that memory stays flat."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sayso.store import schema as t
from sayso.store.store import Store

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
ROW_COLUMNS = (
    "article_id", "quote_id", "published", "outlet", "title", "url", "kind", "polarity", "speaker_id", "speaker",
    "speaker_type", "role", "cue", "source", "content", "start", "end", "nested_in", "confidence",
)  # fmt: skip
BATCH = 5000


def quote_rows(store: Store, batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Every statement as a flat row, in ingest order, ``batch`` rows at a time (keyset on ``pk``)."""
    q, a, s = t.quotes, t.articles, t.speakers
    speaker = sa.func.coalesce(s.c.name, q.c.speaker_name).label("speaker")
    columns = [
        q.c.pk, q.c.article_id, q.c.id.label("quote_id"), a.c.published_at.label("published"),
        a.c.source.label("outlet"), a.c.title, a.c.url, q.c.kind, q.c.polarity, q.c.speaker_id, speaker,
        q.c.speaker_type, q.c.speaker_role.label("role"), q.c.cue, q.c.source, q.c.content, q.c.content_spans,
        q.c.nested_in, q.c.confidence,
    ]  # fmt: skip
    base = sa.select(*columns).select_from(q.join(a, a.c.id == q.c.article_id).outerjoin(s, s.c.id == q.c.speaker_id))
    after = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(base.where(q.c.pk > after).order_by(q.c.pk).limit(batch)).all()
        if not rows:
            return
        after = rows[-1].pk
        yield [_flat(row._mapping) for row in rows]


def _flat(row: Any) -> dict[str, Any]:
    out = {k: row[k] for k in ROW_COLUMNS if k not in {"start", "end"}}
    spans = row["content_spans"]
    out["start"], out["end"] = int(spans[0][0]), int(spans[-1][1])
    return {k: out[k] for k in ROW_COLUMNS}


def export(store: Store, fmt: str, out: Path) -> int:
    """Writes the archive to ``out`` (replaced only when complete); returns the number of records."""
    partial = out.with_name(out.name + ".partial")
    try:
        count = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt](store, partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _jsonl(store: Store, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for analysis in store.iter_analyses():
            f.write(analysis.model_dump_json() + "\n")
            count += 1
    return count


def _csv(store: Store, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ROW_COLUMNS)
        writer.writeheader()
        for rows in quote_rows(store):
            writer.writerows(rows)
            count += len(rows)
    return count


def _parquet(store: Store, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"start": pa.int64(), "end": pa.int64(), "confidence": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in ROW_COLUMNS])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in quote_rows(store):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
