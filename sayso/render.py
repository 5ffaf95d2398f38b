"""Output formats for analyses: a readable table, a JSON array, JSON Lines."""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from sayso.model import Analysis, Quote

HEADERS = ("speaker", "role", "cue", "kind", "words")


def write(analysis: Analysis, fmt: str, *, first: bool, out: TextIO) -> None:
    if fmt == "jsonl":
        out.write(analysis.model_dump_json() + "\n")
    elif fmt == "json":
        out.write(("[\n" if first else ",\n") + analysis.model_dump_json(indent=1))
    else:
        out.write(table(analysis) + "\n")


def finish(fmt: str, out: TextIO, *, wrote_any: bool = True) -> None:
    if fmt == "json":
        out.write("\n]\n" if wrote_any else "[]\n")


def _speaker(q: Quote) -> str:
    if q.speaker is None:
        return q.source or "?"
    return q.speaker.name


def table(analysis: Analysis, width: int | None = None) -> str:
    """Who said what, one row a statement; nested statements indented under their quote."""
    width = width or max(80, shutil.get_terminal_size((120, 20)).columns)
    rows = [
        (
            ("  " if q.nested_in else "") + _speaker(q),
            (q.speaker.role if q.speaker else None) or "",
            q.cue or "",
            q.kind + ("" if q.polarity in {"asserts", "unknown"} else f"/{q.polarity}"),
            q.content.replace("\n", " "),
        )
        for q in analysis.quotes
    ]
    widths = [min(28, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(HEADERS[:4])]
    words_width = max(30, width - sum(widths) - 2 * 4)
    lines = [f"{analysis.id}: {len(analysis.quotes)} statements, {len(analysis.speakers)} speakers"]
    lines.append("  ".join(h.ljust(w) for h, w in zip(HEADERS, [*widths, 0], strict=True)).rstrip())
    for row in rows:
        wrapped = textwrap.wrap(row[4], words_width) or [""]
        cells = [c[:w].ljust(w) for c, w in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, wrapped[0]]))
        pad = " " * (sum(widths) + 2 * 4)
        lines.extend(pad + more for more in wrapped[1:3])
    return "\n".join(lines)
