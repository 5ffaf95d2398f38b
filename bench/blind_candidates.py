"""The articles a blind disputes gold is drawn from, in the order to read them.

--pool polnear (default): PolNeAR train articles past the first 200 (sorted by name), not in the golds made before
the blind sets, under 12,000 characters, with a denial word, shuffled with random.Random(13).
bench/disputes_gold_holdout3.json took positions 0-53, holdout4 54-96, holdout5 97-201, holdout6 202-264: that was
the last candidate of this pool.
--pool fnc1: FNC-1 train article bodies (../shared/data/stance/fnc1/train_bodies.csv) of the official training ids
(not the hold-out ids the stance eval scores), 1,000 to 8,000 characters, with a denial word, shuffled with
random.Random(14): news of another kind (2014-15 viral stories, rumours and hoaxes) that no rule was written against
before bench/disputes_gold_holdout7.json (positions 0-99); holdout8 took 100-199, holdout9 200-299 and holdout10
300-353, the last candidate of this pool.
--pool fnc1-holdout: the same for the bodies of FNC-1's official hold-out ids (which the stance eval scores, and no
dispute rule was written against), shuffled with random.Random(15); holdout11 took positions 0-45 and holdout13
46-91, the last of this pool.
--pool polnear-dev: PolNeAR dev articles under 12,000 characters with a denial word, shuffled with random.Random(16)
(quote attribution is measured on them; no dispute gold had them before session 16); holdout12 took all of them
(positions 0-33).
--pool polnear-long: the PolNeAR articles the other PolNeAR pools left out for length, 12,000 to 18,000 characters
with a denial word (train past the first 200, then dev), shuffled with random.Random(17); holdout14 took them all.
A gold names such an article "fnc1/train_bodies/<Body ID>" (bench/disputes.py reads it from the CSV).

An annotator must not run sayso on a set before it is scored once. --show FILE prints the text sayso analyzes (the
one cue offsets count in).

    python bench/blind_candidates.py [--pool polnear|polnear-dev|polnear-long|fnc1|fnc1-holdout] [--start 0]
        [--count 40]
    python bench/blind_candidates.py --show fnc1/train_bodies/1234
"""

from __future__ import annotations

import argparse
import csv
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
LONG_CHARS = 18_000
FIRST = 200  # the articles before this position (sorted) were read while rules were written
FNC1_CHARS = (1_000, 8_000)
FNC1_PREFIX = "fnc1/train_bodies/"
csv.field_size_limit(sys.maxsize)


def fnc1_bodies(data: Path) -> dict[str, str]:
    """Body ID -> article body of FNC-1's train bodies (data: the folder holding polnear/ and stance/)."""
    with (data / "stance" / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}


def article_text(data: Path, file: str) -> str:
    """The text of a gold's article: "fnc1/train_bodies/ID" from the FNC-1 CSV, else a PolNeAR path."""
    if file.startswith(FNC1_PREFIX):
        return fnc1_bodies(data)[file.removeprefix(FNC1_PREFIX)]
    return (data / "polnear" / file).read_text(encoding="utf-8")


def fnc1_candidates(data: Path, ids: str = "training_ids.txt", seed: int = 14) -> list[tuple[str, int, int]]:
    """(gold file name, denial words, characters) of every FNC-1 candidate of one id list, in the seeded order."""
    chosen = set((data / "stance" / "fnc1" / ids).read_text().split())
    out = []
    for body_id, text in sorted(fnc1_bodies(data).items(), key=lambda item: int(item[0])):
        hits = len(DENIAL_WORDS.findall(text))
        if body_id in chosen and hits and FNC1_CHARS[0] <= len(text) <= FNC1_CHARS[1]:
            out.append((FNC1_PREFIX + body_id, hits, len(text)))
    random.Random(seed).shuffle(out)
    return out


def dev_candidates(data: Path) -> list[tuple[str, int, int]]:
    """(file name, denial words, characters) of every PolNeAR dev candidate (data: the PolNeAR folder)."""
    out = []
    for path in sorted((data / "dev" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        hits = len(DENIAL_WORDS.findall(text))
        if hits and len(text) <= MAX_CHARS:
            out.append(("dev/text/" + path.name, hits, len(text)))
    random.Random(16).shuffle(out)
    return out


def long_candidates(data: Path) -> list[tuple[str, int, int]]:
    """(file name, denial words, characters) of every PolNeAR article of MAX_CHARS to LONG_CHARS characters with a
    denial word: train past FIRST, then dev (data: the PolNeAR folder), in the seeded order."""
    paths = sorted((data / "train" / "text").glob("*.txt"))[FIRST:] + sorted((data / "dev" / "text").glob("*.txt"))
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        hits = len(DENIAL_WORDS.findall(text))
        if hits and MAX_CHARS < len(text) <= LONG_CHARS:
            out.append((f"{path.parent.parent.name}/text/{path.name}", hits, len(text)))
    random.Random(17).shuffle(out)
    return out


def candidates(data: Path) -> list[tuple[str, int, int]]:
    """(file name, denial words, characters) of every PolNeAR candidate (data: the PolNeAR folder), in the seeded
    order."""
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
    parser.add_argument("--data", type=Path, default=BENCH.parent.parent / "shared" / "data")
    pools = ("polnear", "polnear-dev", "polnear-long", "fnc1", "fnc1-holdout")
    parser.add_argument("--pool", choices=pools, default="polnear")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--show", metavar="FILE", help="print the text of one article of a gold")
    args = parser.parse_args()
    if not (args.data / "polnear").is_dir() and not (args.data / "stance").is_dir():
        sys.exit(f"{args.data}: no PolNeAR or stance data there (see ../shared/data/README)")
    if args.show:
        print(article_text(args.data, args.show), end="")
        return
    pool = {
        "polnear": lambda: candidates(args.data / "polnear"),
        "polnear-dev": lambda: dev_candidates(args.data / "polnear"),
        "polnear-long": lambda: long_candidates(args.data / "polnear"),
        "fnc1": lambda: fnc1_candidates(args.data),
        "fnc1-holdout": lambda: fnc1_candidates(args.data, "hold_out_ids.txt", 15),
    }[args.pool]()
    for position, (name, hits, chars) in enumerate(pool):
        if args.start <= position < args.start + args.count:
            print(position, name, hits, chars)


if __name__ == "__main__":
    main()
