"""Where each missed dispute of the annotated golds is lost: the pipeline stage that failed, by the gold's cue_offset.

    python bench/dispute_stages.py [--gold bench/disputes_gold_holdout9.json ...] [-v]

For every gold pair (disputer, claimant) that bench/disputes.py does not find, the first stage that fails:
  1 no statement   no statement of sayso's covers the gold's cue_offset (its cue, source and words, a few characters
                   either side)
  2 wrong speaker  statements cover it, none under a name of the disputer
  3 not denies     the disputer's statement there is no denial (asserts, questions)
  4 no claim       a denial, but no claim of the article is under a name of the claimant
  5 filtered       the linking rules make the pair and the dispute filter drops it (sayso/dispute_confidence.py)
  5 unlinked       both are there and the rules do not link them
Without --gold: every bench/disputes_gold*.json. The sets kept unread (BLIND) only ever print their counts, with -v
too: their misses must not be read (bench/disputes.py says why).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from blind_candidates import article_text
from disputes import gold_names, judged, named_pairs, pair_matches, same_party

from sayso.claims import link
from sayso.config import settings
from sayso.dispute_confidence import extent
from sayso.model import Analysis, Article, Quote
from sayso.pipeline import analyze_article

BENCH = Path(__file__).resolve().parent
BLIND = {f"disputes_gold_holdout{n}.json" for n in (10, 11, 12, 13)}
MARGIN = 3  # characters either side of a statement within which a gold cue_offset still falls in it


def names_party(gold_name: str, name: str) -> bool:
    """Whether a predicted name is one of a gold name's."""
    return any(same_party(g, name) for g in gold_names(gold_name))


def stage(gold: dict[str, str | int], analysis: Analysis, text: str) -> str:
    """The first stage at which one missed gold pair is lost (the module's list)."""
    disputer, claimant, offset = str(gold["disputer"]), str(gold["claimant"]), gold.get("cue_offset")
    names = {s.id: s.name for s in analysis.speakers}
    covering = [q for q in analysis.quotes if isinstance(offset, int) and _covers(q, offset)]
    if not covering:
        return "1 no statement"
    theirs = [q for q in covering if names_party(disputer, names.get(q.speaker_id or "", ""))]
    if not theirs:
        return "2 wrong speaker"
    if not any(q.polarity == "denies" for q in theirs):
        return "3 not denies"
    if not any(names_party(claimant, names.get(c.claimant_id or "", "")) for c in analysis.claims):
        return "4 no claim"
    unfiltered = link(analysis.quotes, analysis.speakers, text)[1]
    made = any(pair_matches((disputer, claimant), p) for p in named_pairs(analysis, unfiltered))
    return "5 filtered" if made else "5 unlinked"


def _covers(quote: Quote, offset: int) -> bool:
    if not quote.content_spans:
        return False
    start, end = extent(quote)
    return start - MARGIN <= offset <= end + MARGIN


def score_set(path: Path, data: Path, verbose: bool) -> Counter[str]:
    """Stage counts of one gold set's misses; prints its line (and each miss with -v, unless the set is blind)."""
    counts: Counter[str] = Counter()
    found = total = right = predicted = 0
    for article in json.loads(path.read_text(encoding="utf-8"))["articles"]:
        text = article_text(data, article["file"])
        analysis = analyze_article(Article(id=Path(article["file"]).stem, text=text))
        gold = [d for d in article["disputes"] if not d.get("optional")]
        optional = [(d["disputer"], d["claimant"]) for d in article["disputes"] if d.get("optional")]
        hits, correct, counted = judged(
            [(d["disputer"], d["claimant"]) for d in gold], optional, named_pairs(analysis, analysis.disputes)
        )
        found, total = found + len(hits), total + len(gold)
        right, predicted = right + len(correct), predicted + len(counted)
        for pair in gold:
            if (pair["disputer"], pair["claimant"]) in hits:
                continue
            lost = stage(pair, analysis, text)
            counts[lost] += 1
            if verbose and path.name not in BLIND:
                print(f"  {article['file']} {lost}: {pair['disputer']} <- {pair['claimant']} @{pair.get('cue_offset')}")
    misses = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{path.stem}: found {found}/{total}, right {right}/{predicted}; missed: {misses}", flush=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, nargs="*", default=sorted(BENCH.glob("disputes_gold*.json")))
    parser.add_argument("-v", "--verbose", action="store_true", help="Print each miss of the sets not kept blind.")
    args = parser.parse_args()
    data = settings().shared_dir / "data"
    if not data.is_dir():
        sys.exit(f"bench/dispute_stages.py: {data} is absent (../shared/data)")
    read: Counter[str] = Counter()
    blind: Counter[str] = Counter()
    for path in args.gold:
        (blind if path.name in BLIND else read).update(score_set(path, data, args.verbose))
    for label, counts in (("read sets", read), ("blind sets", blind)):
        if counts:
            print(f"{label}: missed " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
