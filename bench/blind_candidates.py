"""The articles a blind disputes gold is drawn from, in the order to read them: PolNeAR train articles past the first
200 (sorted by name), not in the golds made before the blind sets, under 12,000 characters, with a denial word,
shuffled with random.Random(13). bench/disputes_gold_holdout3.json took positions 0-53, holdout4 54-96 and holdout5
97-201, holdout6 202-264: that was the last candidate. A further blind set needs another pool (e.g. longer articles,
or the first 200 articles not in any gold), drawn the same way; its annotator must not run sayso on it before the
set is scored once.

    python bench/blind_candidates.py [--data ../shared/data/polnear] [--start 0] [--count 40]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
EARLIER_GOLDS = ["disputes_gold.json", "disputes_gold_fresh.json", "disputes_gold_holdout.json",
                 "disputes_gold_holdout2.json"]
DENIAL_WORDS = re.compile(
    r"deny|denied|denies|denial|reject|dismiss|refute|rebut|disput|false|untrue|not true|\blie\b|\blies\b|lying|"
    r"liar|wrong|mislead|debunk|inaccurate|nonsense|ridiculous|absurd|baseless|unfounded|fabricat|contrary to",
    re.IGNORECASE,
)
MAX_CHARS = 12_000
FIRST = 200  # the articles before this position (sorted) were read while rules were written


def candidates(data: Path) -> list[tuple[str, int, int]]:
    """(file name, denial words, characters) of every candidate, in the seeded order."""
    used = {
        Path(article["file"]).name
        for gold in EARLIER_GOLDS
        for article in json.loads((BENCH / gold).read_text(encoding="utf-8"))["articles"]
    }
    out = []
    for path in sorted((data / "train" / "text").glob("*.txt"))[FIRST:]:
        text = path.read_text(encoding="utf-8")
        hits = len(DENIAL_WORDS.findall(text))
        if path.name not in used and hits and len(text) <= MAX_CHARS:
            out.append((path.name, hits, len(text)))
    random.Random(13).shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=BENCH.parent.parent / "shared" / "data" / "polnear")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    if not (args.data / "train" / "text").is_dir():
        sys.exit(f"{args.data}: no PolNeAR train texts there (see ../shared/data/README)")
    for position, (name, hits, chars) in enumerate(candidates(args.data)):
        if args.start <= position < args.start + args.count:
            print(position, name, hits, chars)


if __name__ == "__main__":
    main()
