"""Read PolNeAR (brat standoff) into per-document attributions and char-level role labels.

Layout: <split>/text/<id>.txt and <split>/attributions/<id>_<annotator>.ann; the first .ann of each
article (sorted by name) is used, as the scorer (shared/eval/score_quotes.py) does.
Standard library only, so the device machine can run it too.
"""

from __future__ import annotations

import gzip
import importlib
import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_sayso(name: str) -> types.ModuleType:
    """A sayso module without running the package __init__ files (their dependencies need not be here)."""
    for package, folder in (("sayso", "sayso"), ("sayso.quotes", "sayso/quotes")):
        if package not in sys.modules:
            stub = types.ModuleType(package)
            stub.__path__ = [str(ROOT / folder)]
            sys.modules[package] = stub
    return importlib.import_module(f"sayso.{name}")


trim_whitespace = import_sayso("quotes.tagger").trim_whitespace

ROLES = ("SOURCE", "CUE", "CONTENT")  # role ids 1, 2, 3; 0 = outside
Span = tuple[int, int]


@dataclass
class Attribution:
    content: list[Span]
    cue: list[Span]
    source: list[Span]


@dataclass
class Document:
    id: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def _logical_lines(raw_text: str) -> list[str]:
    """brat lines; a span text that contains a newline continues on the next physical line."""
    lines: list[str] = []
    for raw in raw_text.split("\n"):
        head = raw.split("\t", 1)[0]
        if raw[:1] in "TEA#" and "\t" in raw and head[1:].isdigit():
            lines.append(raw)
        elif lines:
            lines[-1] += "\n" + raw
    return lines


def _frags(offsets: str) -> list[Span]:
    out: list[Span] = []
    for frag in offsets.split(";"):
        s, e = (int(x) for x in frag.split())
        out.append((s, e))
    return out


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in _logical_lines(path.read_text(encoding="utf-8")):
        key, rest = line.split("\t", 1)
        if key.startswith("T"):
            head = rest.split("\t", 1)[0]
            _label, offs = head.split(" ", 1)
            spans[key] = _frags(offs)
        elif key.startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in rest.split()))
    out: list[Attribution] = []
    for ev in events:
        if not any(k.startswith("Attribution") for k in ev):
            continue
        content = [sp for k, v in ev.items() if k.startswith("Content") for sp in spans[v]]
        cue = [sp for k, v in ev.items() if k.startswith("Cue") for sp in spans[v]]
        source = [sp for k, v in ev.items() if k.startswith("Source") for sp in spans[v]]
        out.append(Attribution(sorted(content), sorted(cue), sorted(source)))
    return out


def load_split(split_dir: Path, limit: int | None = None) -> list[Document]:
    docs: list[Document] = []
    for txt in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        docs.append(Document(txt.stem, txt.read_text(encoding="utf-8"), read_ann(anns[0])))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def char_labels(doc: Document) -> tuple[list[int], list[int]]:
    """Per character: role id (0 outside, 1 source, 2 cue, 3 content) and a segment id.

    A segment is one span fragment; a new segment id marks where a B- tag must start. Where spans of
    two attributions overlap (nested attributions), the shorter (inner) span wins.
    """
    n = len(doc.text)
    role = [0] * n
    seg = [-1] * n
    pieces: list[tuple[int, int, int]] = []
    for att in doc.attributions:
        for rid, spans in ((3, att.content), (1, att.source), (2, att.cue)):
            for s, e in spans:
                s, e = trim_whitespace(doc.text, max(0, s), min(n, e))
                if s < e:
                    pieces.append((s, e, rid))
    # longest first, so that inner spans overwrite outer ones
    pieces.sort(key=lambda p: -(p[1] - p[0]))
    for k, (s, e, rid) in enumerate(pieces):
        for i in range(s, e):
            role[i] = rid
            seg[i] = k
    return role, seg


def export(data_dir: Path, out: Path) -> None:
    """Write train+dev (texts and attributions) as gzipped JSON, for a machine without the data."""
    payload = {
        split: [
            {"id": d.id, "text": d.text, "attributions": [[a.content, a.cue, a.source] for a in d.attributions]}
            for d in load_split(data_dir / split)
        ]
        for split in ("train", "dev")
    }
    with gzip.open(out, "wt", encoding="utf-8") as f:
        json.dump(payload, f)


def _spans(rows: list[list[int]]) -> list[Span]:
    return [(int(s), int(e)) for s, e in rows]


def from_export(path: Path, split: str, limit: int | None = None) -> list[Document]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)[split][:limit]
    return [
        Document(r["id"], r["text"], [Attribution(_spans(c), _spans(q), _spans(s)) for c, q, s in r["attributions"]])
        for r in rows
    ]


if __name__ == "__main__":
    export(Path(sys.argv[1]), Path(sys.argv[2]))
