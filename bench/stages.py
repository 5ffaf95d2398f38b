"""Where sayso's analyze spends its CPU, stage by stage, on the PolNeAR dev texts (a benchmark that prints).

    .venv/bin/python bench/stages.py [--data DIR] [--limit N] [--json OUT]

Every stage runs in this one thread, the tagger's onnxruntime session on one thread too, so that the CPU
seconds of each stage are its own (``time.process_time``: every thread of the process, so threads that spaCy,
numpy or onnxruntime start would count). The stages are timed by wrapping the functions `sayso.pipeline`
calls, so the profile follows the code as it is:

  spaCy (each component on its own: the tokenizer, tok2vec, tagger, senter, ner, sayso's POS table),
  the quote tagger (word pieces, the ONNX model, decoding, linking), the quote rules and merge
  (`extract.attributions` given the tagger's output), speakers (`SpeakerResolver`), polarity, claims and
  disputes (`claims.link`), and the Analysis itself (pydantic models, hashes).

It also prints issue 3's cost figure: what polarity, claims and disputes (and stance, where analyze runs it)
add to the rest of analyze, per article, in CPU seconds (target: at most 30%).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sayso import nlp, pipeline
from sayso.config import settings
from sayso.ingest import read_path
from sayso.quotes import extract
from sayso.quotes import tagger as tagger_mod

CPU: dict[str, float] = defaultdict(float)
WALL: dict[str, float] = defaultdict(float)
# the tagger's word pieces: in the texts, and sent to the ONNX model (window overlaps run twice), and its runs
PIECES: dict[str, int] = defaultdict(int)


@contextmanager
def spent(name: str) -> Iterator[None]:
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        yield
    finally:
        CPU[name] += time.process_time() - cpu
        WALL[name] += time.perf_counter() - wall


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with spent(name):
            return func(*args, **kwargs)

    return wrapper


def spacy_components(texts: list[str]) -> list[Any]:
    """The pipeline's docs, each component timed on its own over all texts (in nlp.BATCH_SIZE batches)."""
    pipe = nlp.load()
    with spent("spacy: tokenizer"):
        docs = [pipe.nlp.make_doc(t) for t in texts]
    for name, proc in pipe.nlp.pipeline:
        with spent(f"spacy: {name}"):
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=nlp.BATCH_SIZE))
            else:
                docs = [proc(d) for d in docs]
    if pipe.pos is not None:
        with spent("spacy: POS table"):
            docs = [pipe.pos(d) for d in docs]
    return docs


def wrap_tagger() -> Any:
    """The tagger on one onnxruntime thread, its steps timed and its word pieces counted."""
    tagger = extract.load_tagger(1)
    if tagger is None:
        sys.exit("bench/stages.py: the quote tagger is not there (SAYSO_TAGGER)")
    encode, run_model = tagger._encode, tagger._run

    def counted_encode(text: str) -> Any:
        encoded = encode(text)
        PIECES["in the texts"] += len(encoded.ids)
        return encoded

    def counted_run(rows: Any) -> Any:
        PIECES["runs"] += 1
        PIECES["sent"] += sum(len(r) for r in rows)
        return run_model(rows)

    tagger._encode = timed("tagger: word pieces", counted_encode)
    tagger._run = timed("tagger: ONNX model", counted_run)
    tagger._decode = timed("tagger: decoding", tagger._decode)
    tagger_mod.link = timed("tagger: linking", tagger_mod.link)  # type: ignore[attr-defined]
    return tagger


def wrap_pipeline() -> None:
    pipeline.SpeakerResolver = timed("speakers", pipeline.SpeakerResolver)  # type: ignore[misc]
    from sayso.speakers import SpeakerResolver

    SpeakerResolver.resolve = timed("speakers", SpeakerResolver.resolve)  # type: ignore[method-assign]
    SpeakerResolver.speakers = timed("speakers", SpeakerResolver.speakers)  # type: ignore[method-assign]
    pipeline.polarity = timed("polarity", pipeline.polarity)  # type: ignore[attr-defined]
    pipeline.link_claims = timed("claims and disputes", pipeline.link_claims)  # type: ignore[attr-defined]


def run(paths: list[Path]) -> dict[str, Any]:
    articles = [read_path(p) for p in paths]
    texts = [a.text for a in articles]
    tagger = wrap_tagger()
    pipeline.analyze_article(articles[0], tagged=tagger.attributions(texts[0]))  # models loaded, warm
    tagger.attributions_batch(texts[:2])
    list(nlp.parse_many(texts[:2]))
    CPU.clear()
    WALL.clear()
    PIECES.clear()

    docs = spacy_components(texts)
    with spent("tagger (all)"):
        tagged = [tagger.attributions(t) for t in texts]
    with spent("rules and merge"):
        found = [
            extract.attributions(a.text, d, tagger_output=t) for a, d, t in zip(articles, docs, tagged, strict=True)
        ]
    with spent("end to end: analyze_article"):
        for article, t in zip(articles, tagged, strict=True):
            pipeline.analyze_article(article, tagged=t)
    wrap_pipeline()
    with spent("build_analysis (all)"):
        for article, doc, cands in zip(articles, docs, found, strict=True):
            pipeline.build_analysis(article, doc, cands)
    return {"articles": len(articles), "cpu": dict(CPU), "wall": dict(WALL), "word_pieces": dict(PIECES)}


def report(fig: dict[str, Any]) -> None:
    cpu, wall, n = fig["cpu"], fig["wall"], fig["articles"]
    spacy = sum(v for k, v in cpu.items() if k.startswith("spacy: "))
    spacy_wall = sum(v for k, v in wall.items() if k.startswith("spacy: "))
    speakers, pol, claims = cpu.get("speakers", 0.0), cpu.get("polarity", 0.0), cpu.get("claims and disputes", 0.0)
    build_rest = cpu["build_analysis (all)"] - speakers - pol - claims
    rows: list[tuple[str, float, float]] = [(k, cpu[k], wall[k]) for k in cpu if k.startswith("spacy: ")]
    rows.append(("spaCy (sum)", spacy, spacy_wall))
    rows += [(k, cpu[k], wall[k]) for k in cpu if k.startswith("tagger: ")]
    rows.append(("tagger (all)", cpu["tagger (all)"], wall["tagger (all)"]))
    rows.append(("rules and merge", cpu["rules and merge"], wall["rules and merge"]))
    rows += [(k, cpu.get(k, 0.0), wall.get(k, 0.0)) for k in ("speakers", "polarity", "claims and disputes")]
    rows.append(("Analysis (quotes, models, hash)", build_rest, float("nan")))
    total = spacy + cpu["tagger (all)"] + cpu["rules and merge"] + cpu["build_analysis (all)"]
    rows.append(("total of the stages", total, float("nan")))
    print(f"{n} articles; CPU seconds by stage (one thread; wall beside it; % of the total of the stages)")
    print(f"{'stage':34} {'CPU s':>8} {'wall s':>8} {'ms/article':>10} {'%':>6}")
    for name, c, w in rows:
        print(f"{name:34} {c:8.2f} {w:8.2f} {1000 * c / n:10.1f} {100 * c / total:6.1f}")
    print(
        f"analyze_article end to end (parse included, tagger output given): {cpu['end to end: analyze_article']:.2f} "
        f"CPU s; stages without the tagger: {total - cpu['tagger (all)']:.2f}"
    )
    pieces = fig["word_pieces"]
    if pieces.get("in the texts"):
        sent, inside = pieces["sent"], pieces["in the texts"]
        print(
            f"tagger: {pieces['runs']} ONNX runs; {sent} word pieces sent for {inside} in the texts "
            f"(+{100 * (sent - inside) / inside:.1f}% run twice in window overlaps), {sent / n:.0f} an article; "
            f"{1e6 * cpu['tagger: ONNX model'] / sent:.0f} CPU us a word piece sent"
        )
    added = pol + claims
    print(
        f"issue 3 cost: polarity {pol:.3f} + claims/disputes {claims:.3f} CPU s "
        f"= +{100 * added / (total - added):.1f}% over the rest of analyze (target <= 30%); "
        "stance is not run by analyze (cross-article only)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=settings().polnear_dir / "dev" / "text")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts (sorted by name)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here as JSON")
    args = parser.parse_args()
    paths = sorted(args.data.glob("*.txt"))[: args.limit] if args.data.is_dir() else []
    if not paths:
        print(f"skipped: no .txt files in {args.data} (the PolNeAR dev texts live in ../shared/data/polnear)")
        return 0
    figures = run(paths)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
