"""What polarity and within-article claims add to analyze time (issue target: at most 30%).

    python bench/claims_cost.py [--limit 30]
Times each stage of `sayso.pipeline` side by side on the same PolNeAR dev articles, in one process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sayso import pipeline
from sayso.config import settings
from sayso.ingest import read_path

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=30)
    args = parser.parse_args()
    folder = settings().polnear_dir / "dev" / "text"
    if not folder.is_dir():
        sys.exit(f"bench/claims_cost.py: {folder} is absent (../shared/data)")
    articles = [read_path(p) for p in sorted(folder.glob("*.txt"))[: args.limit]]
    pipeline.analyze_article(articles[0])  # models loaded before timing
    SPENT.clear()
    pipeline.polarity = timed("polarity", pipeline.polarity)  # type: ignore[attr-defined]
    pipeline.link_claims = timed("claims", pipeline.link_claims)  # type: ignore[attr-defined]
    whole = timed("analyze", pipeline.analyze_article)
    for article in articles:
        whole(article)
    added = SPENT["polarity"] + SPENT["claims"]
    rest = SPENT["analyze"] - added
    print(
        f"{len(articles)} articles, CPU seconds: whole analysis {SPENT['analyze']:.2f}, of which polarity "
        f"{SPENT['polarity']:.3f} and claims/disputes {SPENT['claims']:.3f}: +{100 * added / rest:.1f}% over "
        f"the rest of the pipeline"
    )


if __name__ == "__main__":
    main()
