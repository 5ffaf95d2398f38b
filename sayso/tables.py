"""Listings from the archive (statements, speakers, counts) in the shared output formats.

json / jsonl give the whole models; csv one flat row a model (lists joined with '; ', nested objects as
JSON); table the chosen columns, the last one wrapped to the terminal.
"""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from pydantic import BaseModel

Column = tuple[str, Callable[[Any], object]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def write(fmt: str, rows: Sequence[BaseModel], out: TextIO, columns: Sequence[Column]) -> None:
    if fmt == "json":
        out.write(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        out.writelines(r.model_dump_json() + "\n" for r in rows)
    elif fmt == "csv":
        _csv(rows, out)
    else:
        out.write(table(rows, columns) + "\n")


def _csv(rows: Sequence[BaseModel], out: TextIO) -> None:
    if not rows:
        return
    dumped = [r.model_dump(mode="json") for r in rows]
    writer = csv.writer(out)
    writer.writerow(list(dumped[0]))
    writer.writerows([_cell(v) for v in d.values()] for d in dumped)


def table(rows: Sequence[BaseModel], columns: Sequence[Column], width: int | None = None) -> str:
    width = width or max(80, shutil.get_terminal_size((120, 20)).columns)
    cells = [[" ".join(_cell(get(r)).split()) for _, get in columns] for r in rows]
    heads = [h for h, _ in columns]
    widths = [min(28, max([len(h)] + [len(c[i]) for c in cells])) for i, h in enumerate(heads[:-1])]
    last = max(24, width - sum(widths) - 2 * len(widths))
    lines = ["  ".join([*(h.ljust(w) for h, w in zip(heads, widths, strict=False)), heads[-1]]).rstrip()]
    for row in cells:
        wrapped = textwrap.wrap(row[-1], last) or [""]
        lines.append("  ".join([*(c[:w].ljust(w) for c, w in zip(row, widths, strict=False)), wrapped[0]]).rstrip())
        lines.extend(" " * (sum(widths) + 2 * len(widths)) + more for more in wrapped[1:3])
    return "\n".join(lines)
