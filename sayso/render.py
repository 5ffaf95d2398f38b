"""Output formats for analyses: a readable table, a JSON array, JSON Lines, CSV (one row a statement)."""

from __future__ import annotations

import csv
import shutil
import textwrap
from collections.abc import Sequence
from typing import TextIO

from sayso.model import Analysis, ClaimThread, Quote

FORMATS = ("table", "json", "jsonl", "csv")
HEADERS = ("speaker", "role", "cue", "kind", "words")
CSV_COLUMNS = (
    "article_id",
    "quote_id",
    "kind",
    "polarity",
    "speaker",
    "speaker_type",
    "role",
    "cue",
    "source",
    "content",
    "start",
    "end",
    "nested_in",
    "confidence",
)


class Writer:
    """Writes analyses one by one in one format; ``close`` finishes the document (the JSON array)."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt = fmt
        self.out = out
        self.count = 0
        self._csv = csv.writer(out) if fmt == "csv" else None

    def write(self, analysis: Analysis) -> None:
        if self.fmt == "jsonl":
            self.out.write(analysis.model_dump_json() + "\n")
        elif self.fmt == "json":
            self.out.write(("[\n" if self.count == 0 else ",\n") + analysis.model_dump_json(indent=1))
        elif self._csv is not None:
            if self.count == 0:
                self._csv.writerow(CSV_COLUMNS)
            self._csv.writerows(csv_rows(analysis))
        else:
            self.out.write(table(analysis) + "\n")
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "[]\n")


def csv_rows(analysis: Analysis) -> list[list[object]]:
    return [
        [
            analysis.id,
            q.id,
            q.kind,
            q.polarity,
            q.speaker.name if q.speaker else "",
            q.speaker.type if q.speaker else "",
            (q.speaker.role if q.speaker else None) or "",
            q.cue or "",
            q.source or "",
            q.content,
            q.content_spans[0][0],
            q.content_spans[-1][1],
            q.nested_in or "",
            q.confidence,
        ]
        for q in analysis.quotes
    ]


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
    widths = [
        min(limit, max([len(h)] + [len(r[i]) for r in rows]))
        for i, (h, limit) in enumerate(zip(HEADERS[:4], (24, 20, 12, 16), strict=True))
    ]
    words_width = max(30, width - sum(widths) - 2 * 4)
    lines = [
        f"{analysis.id}: {len(analysis.quotes)} statements, {len(analysis.speakers)} speakers, "
        f"{len(analysis.disputes)} disputes"
    ]
    lines.append("  ".join(h.ljust(w) for h, w in zip(HEADERS, [*widths, 0], strict=True)).rstrip())
    for row in rows:
        wrapped = textwrap.wrap(row[4], words_width) or [""]
        cells = [c[:w].ljust(w) for c, w in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, wrapped[0]]))
        pad = " " * (sum(widths) + 2 * 4)
        lines.extend(pad + more for more in wrapped[1:3])
    lines.extend(_dispute_lines(analysis))
    return "\n".join(lines)


def _dispute_lines(analysis: Analysis) -> list[str]:
    names = {s.id: s.name for s in analysis.speakers}
    claims = {c.id: c.text for c in analysis.claims}
    out = []
    for d in analysis.disputes:
        disputers = ", ".join(names.get(x, "?") for x in d.disputed_by)
        out.append(
            f'disputed: {names.get(d.claimant_id or "", "?")} claims "{claims.get(d.claim_id, "")}"'
            f" -- {d.stance} by {disputers}"
        )
    return out


THREAD_CSV_COLUMNS = (
    "thread_id",
    "claim",
    "article_id",
    "quote_id",
    "published",
    "source",
    "speaker",
    "stance",
    "words",
)


def write_threads(threads: Sequence[ClaimThread], fmt: str, out: TextIO) -> None:
    """Claim threads in one of FORMATS: table and csv show each statement, json/jsonl the whole objects."""
    if fmt == "jsonl":
        out.writelines(t.model_dump_json() + "\n" for t in threads)
    elif fmt == "json":
        out.write("[\n" + ",\n".join(t.model_dump_json(indent=1) for t in threads) + "\n]\n" if threads else "[]\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(THREAD_CSV_COLUMNS)
        for t in threads:
            for s in t.statements:
                who = s.speaker.name if s.speaker else ""
                writer.writerow([t.id, t.text, s.article_id, s.quote_id, s.published, s.source, who, s.stance, s.text])
    else:
        out.write("\n\n".join(thread_table(t) for t in threads) + ("\n" if threads else ""))


def thread_table(thread: ClaimThread, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 20)).columns, 120)
    names = ", ".join(r.name for r in thread.asserted_by) or "-"
    against = ", ".join(r.name for r in thread.disputed_by) or "-"
    lines = [
        textwrap.shorten(f"CLAIM {thread.text}", width),
        f"  asserted by: {names}",
        f"  disputed by: {against}",
        f"  first seen {thread.first_seen or '-'}; {thread.articles} article(s), {len(thread.statements)} statement(s)",
    ]
    for s in thread.statements:
        where = " ".join(x for x in ((s.published or "")[:10], s.source or s.article_id) if x)
        who = s.speaker.name if s.speaker else "?"
        lines.append(textwrap.shorten(f"  {s.stance:<9} {where} | {who}: {s.text}", width))
    return "\n".join(lines)
