"""Attribution errors on PolNeAR, classified and ranked by the F1 points they cost.

    python bench/attrib_errors.py PRED.jsonl [--gold ../shared/data/polnear/dev] [--examples N] [--only CATEGORY]

PRED.jsonl is what `sayso eval polnear --predictions` writes. Predictions and gold are paired exactly as
../shared/eval/score_quotes.py pairs them (its own functions are imported; greedy by content Jaccard). Each
error falls in one category:

  content: missing (gold unpaired; keyed by its cue), spurious (prediction unpaired; keyed by its cue),
      split (an unpaired prediction that overlaps a gold paired with another), merged (a paired prediction
      that also overlaps another gold), start/end (paired, boundary off at that end: extra or missing, keyed
      by the first differing word), inner (paired, the ends agree but words inside differ);
  cue / source (paired pairs only): none (predicted none), extra (gold has none), shorter / longer (one
      holds the other; keyed by the differing words), other (disjoint or crossing).

The cost of a category is the rise of the F1 it hurts were all of its errors fixed (content_exact for
content categories, cue_exact and source_exact for theirs); a missing or spurious attribution also costs
cue and source points, shown in those columns.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from sayso.config import settings


def scorer_module() -> ModuleType:
    path = settings().scorer
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        sys.exit(f"bench/attrib_errors.py: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1(tp: float, n_pred: float, n_gold: float) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def span_text(text: str, spans: list[tuple[int, int]] | None) -> str:
    return " | ".join(text[s:e] for s, e in spans or [])


def words_of(text: str, indices: set[int]) -> str:
    """The text of a set of character offsets, gaps shown as one space."""
    out, last = [], None
    for i in sorted(indices):
        if last is not None and i != last + 1:
            out.append(" ")
        out.append(text[i])
        last = i
    return "".join(out).strip()


def first_word(s: str) -> str:
    return (s.split() or ["?"])[0].lower().strip("\"'“”‘’,.")


def last_word(s: str) -> str:
    return (s.split() or ["?"])[-1].lower().strip("\"'“”‘’,.")


class Analysis:
    def __init__(self) -> None:
        self.errors: dict[str, Counter[str]] = defaultdict(Counter)
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.totals = {"n_gold": 0, "n_pred": 0, "exact": 0, "cue": 0, "source": 0}
        # per category: (content tp gained, cue tp gained, source tp gained, n_pred change)
        self.gain: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(self, category: str, key: str, example: str, gain: tuple[int, int, int, int]) -> None:
        self.errors[category][key] += 1
        self.examples[category].append(example)
        for k, g in enumerate(gain):
            self.gain[category][k] += g


def boundary(text: str, sc: ModuleType, g: dict[str, Any], p: dict[str, Any]) -> tuple[str, str]:
    """Category and key of a paired, not exact content."""
    gc, pc = sc.chars(text, g["content"]), sc.chars(text, p["content"])
    g0, g1, p0, p1 = min(gc), max(gc), min(pc), max(pc)
    if g0 != p0:
        lo, hi = sorted((g0, p0))
        diff = {i for i in (gc ^ pc) if lo <= i < hi}
        return "content start", f"{'extra' if p0 < g0 else 'missing'} {first_word(words_of(text, diff))}"
    if g1 != p1:
        lo, hi = sorted((g1, p1))
        diff = {i for i in (gc ^ pc) if lo < i <= hi}
        return "content end", f"{'extra' if p1 > g1 else 'missing'} {first_word(words_of(text, diff))}"
    return "content inner", "gap" if len(p["content"]) != len(g["content"]) else "other"


def role_error(text: str, sc: ModuleType, role: str, g: dict[str, Any], p: dict[str, Any]) -> tuple[str, str] | None:
    gs, ps = g[role], p[role]
    if gs is None and ps is None:
        return None if role == "source" else (f"{role} none", "(gold none too)")
    if gs is None:
        return f"{role} extra", first_word(span_text(text, ps))
    if ps is None:
        return f"{role} none", first_word(span_text(text, gs)) if role == "cue" else kind_of(span_text(text, gs))
    gc, pc = sc.chars(text, gs), sc.chars(text, ps)
    if gc == pc:
        return None
    if pc < gc:
        return f"{role} shorter", "missing " + words_of(text, gc - pc).lower()[:30]
    if gc < pc:
        return f"{role} longer", "extra " + words_of(text, pc - gc).lower()[:30]
    return f"{role} other", f"{kind_of(span_text(text, gs))} vs {kind_of(span_text(text, ps))}"


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which"}


def kind_of(source: str) -> str:
    w = source.split()
    if len(w) == 1 and w[0].lower() in PRONOUNS:
        return "pronoun"
    return f"{min(len(w), 5)}{'+' if len(w) > 5 else ''} words"


def analyse(sc: ModuleType, gold: dict[str, Any], preds: dict[str, list[dict[str, Any]]]) -> Analysis:
    out = Analysis()
    for doc_id, (text, golds) in gold.items():
        ps = preds.get(doc_id, [])
        G = [(g, sc.chars(text, g["content"])) for g in golds]
        P = [(p, sc.chars(text, p["content"])) for p in ps]
        out.totals["n_gold"] += len(G)
        out.totals["n_pred"] += len(P)
        pairs = []
        for i, (_, pc) in enumerate(P):
            for j, (_, gc) in enumerate(G):
                inter = len(pc & gc)
                if inter:
                    pairs.append((inter / len(pc | gc), inter, i, j))
        used_p: dict[int, int] = {}
        used_g: dict[int, int] = {}
        for _jac, _inter, i, j in sorted(pairs, reverse=True):
            if i in used_p or j in used_g:
                continue
            used_p[i], used_g[j] = j, i
        overlaps_p: dict[int, set[int]] = defaultdict(set)
        for _jac, _inter, i, j in pairs:
            overlaps_p[i].add(j)
        where = f"{doc_id}"
        for j, (g, _gc) in enumerate(G):
            if j in used_g:
                continue
            cue = span_text(text, g["cue"]) or "<none>"
            ex = f"{where} cue={cue!r} src={span_text(text, g['source'])!r} :: {span_text(text, g['content'])[:150]}"
            out.add("content missing", first_word(cue), ex, (1, 1, 1, 1))
        for i, (p, _pc) in enumerate(P):
            ex = f"{where} cue={span_text(text, p['cue'])!r} :: {span_text(text, p['content'])[:150]}"
            if i not in used_p:
                cat = "content split" if overlaps_p[i] else "content spurious"
                out.add(cat, first_word(span_text(text, p["cue"]) or "<none>"), ex, (0, 0, 0, -1))
                continue
            g, gc = G[used_p[i]]
            if len(overlaps_p[i]) > 1:
                out.errors["merged (info)"][first_word(span_text(text, p["cue"]) or "<none>")] += 1
            pc = P[i][1]
            gold_line = (
                f"\n      gold cue={span_text(text, g['cue'])!r} src={span_text(text, g['source'])!r}"
                f" :: {span_text(text, g['content'])[:150]}"
                f"\n      pred cue={span_text(text, p['cue'])!r} src={span_text(text, p['source'])!r}"
                f" :: {span_text(text, p['content'])[:150]}"
            )
            if pc == gc:
                out.totals["exact"] += 1
            else:
                cat, key = boundary(text, sc, g, p)
                out.add(cat, key, where + gold_line, (1, 0, 0, 0))
            cue_err = role_error(text, sc, "cue", g, p)
            if cue_err is None:
                out.totals["cue"] += 1
            elif g["cue"] is not None:
                out.add(cue_err[0], cue_err[1], where + gold_line, (0, 1, 0, 0))
            else:
                out.errors["cue gold none (unfixable)"][cue_err[1]] += 1
            src_err = role_error(text, sc, "source", g, p)
            if src_err is None:
                out.totals["source"] += 1
            else:
                out.add(src_err[0], src_err[1], where + gold_line, (0, 0, 1, 0))
    return out


def report(out: Analysis, examples: int, only: str | None) -> None:
    t = out.totals
    base = [f1(t[k], t["n_pred"], t["n_gold"]) for k in ("exact", "cue", "source")]
    print(
        f"gold {t['n_gold']}  predicted {t['n_pred']}  content_exact {base[0]:.3f}  cue {base[1]:.3f}"
        f"  source {base[2]:.3f}"
    )
    rows = []
    for cat, (dc, dq, ds, dn) in out.gain.items():
        n_pred = t["n_pred"] + dn
        costs = [
            f1(t[k] + d, n_pred, t["n_gold"]) - b
            for k, d, b in zip(("exact", "cue", "source"), (dc, dq, ds), base, strict=True)
        ]
        rows.append((max(costs), cat, costs))
    print(f"\n{'category':22s} {'n':>5s} {'content':>8s} {'cue':>7s} {'source':>7s}   top keys")
    for _, cat, costs in sorted(rows, reverse=True):
        n = sum(out.errors[cat].values())
        top = ", ".join(f"{k} {v}" for k, v in out.errors[cat].most_common(8))
        print(f"{cat:22s} {n:5d} {costs[0]:8.3f} {costs[1]:7.3f} {costs[2]:7.3f}   {top}")
    for cat in sorted(c for c in out.errors if c not in out.gain):
        top = ", ".join(f"{k} {v}" for k, v in out.errors[cat].most_common(8))
        print(f"{cat:22s} {sum(out.errors[cat].values()):5d}   (not counted)   {top}")
    if examples:
        for cat, exs in sorted(out.examples.items()):
            if only and only not in cat:
                continue
            print(f"\n== {cat}")
            for ex in exs[:examples]:
                print("  " + ex)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--gold", type=Path, default=None, help="PolNeAR split folder (default: dev)")
    parser.add_argument("--examples", type=int, default=0, help="print this many examples of each category")
    parser.add_argument("--only", help="examples of the categories whose name holds this")
    args = parser.parse_args()
    sc = scorer_module()
    gold_dir = args.gold or settings().polnear_dir / "dev"
    if not gold_dir.is_dir():
        sys.exit(f"bench/attrib_errors.py: {gold_dir} is absent (../shared/data)")
    gold = sc.load_gold(gold_dir, "first")
    preds: dict[str, list[dict[str, Any]]] = {}
    for line in args.predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[str(rec["id"])] = [sc.pred_attr(q) for q in rec.get("quotes", [])]
    gold = {k: v for k, v in gold.items() if k in preds}  # a sample of a split scores what it ran
    report(analyse(sc, gold, preds), args.examples, args.only)


if __name__ == "__main__":
    main()
