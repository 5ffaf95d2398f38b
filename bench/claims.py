"""Claims across articles, measured: Emergent linking and clustering, and clustering 1 million vectors.

    python bench/claims.py emergent   # headline -> its claim (top-1), headline clusters (adjusted Rand)
    python bench/claims.py scale --n 1000000
Emergent: the train file of ../shared/data/stance/emergent (the test split is held out). Figures are also
given on two claim-disjoint halves, to show that the settings were not fitted to one of them, and over
random sets of 60 claims (the size of the held-out test split: 524 headlines, 60 claims), to show the spread
a set of that size gives.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import resource
import sys
import time

import numpy as np

from sayso import claim_index
from sayso.config import settings

EMERGENT = "stance/emergent/url-versions-2015-06-14-clean-train.csv"
TEST_SIZED_CLAIMS = 60  # the held-out test split's claims
TEST_SIZED_DRAWS = 16


def emergent() -> None:
    path = settings().shared_dir / "data" / EMERGENT
    if not path.is_file():
        sys.exit(f"bench/claims.py: {path} is absent (../shared/data)")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    claims = sorted({r["claimId"]: r["claimHeadline"] for r in rows}.items())
    claim_ids = [c for c, _ in claims]
    headlines = [r["articleHeadline"] for r in rows]
    gold = np.array([claim_ids.index(r["claimId"]) for r in rows])
    half = np.array([int(hashlib.sha1(r["claimId"].encode()).hexdigest(), 16) % 2 for r in rows])
    started = time.perf_counter()
    best, _ = claim_index.link(headlines, [t for _, t in claims])
    hit = best == gold
    print(
        f"linking: {len(headlines)} headlines -> {len(claims)} claims, top-1 accuracy {hit.mean():.4f} "
        f"(halves {hit[half == 0].mean():.4f} / {hit[half == 1].mean():.4f}), {time.perf_counter() - started:.1f} s"
    )
    from sklearn.metrics import adjusted_rand_score

    started = time.perf_counter()
    vectors = claim_index.claim_vectors(headlines)
    labels = claim_index.cluster(vectors)
    ari = adjusted_rand_score(gold, labels)
    halves = [adjusted_rand_score(gold[half == h], labels[half == h]) for h in (0, 1)]
    print(
        f"clustering headlines without claim text: adjusted Rand {ari:.4f} (halves {halves[0]:.4f} / "
        f"{halves[1]:.4f}), {len(set(labels.tolist()))} clusters for {len(claims)} claims, "
        f"{time.perf_counter() - started:.1f} s"
    )
    _test_sized(rows, claim_ids, gold, vectors)


def _test_sized(rows: list[dict[str, str]], claim_ids: list[str], gold: np.ndarray, vectors: np.ndarray) -> None:
    """Linking and clustering on random sets of TEST_SIZED_CLAIMS claims: mean and worst of TEST_SIZED_DRAWS."""
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(0)
    accuracy, ari = [], []
    for _ in range(TEST_SIZED_DRAWS):
        chosen = set(rng.choice(len(claim_ids), TEST_SIZED_CLAIMS, replace=False).tolist())
        members = np.array([g in chosen for g in gold])
        order = sorted(chosen)
        claims = [next(r["claimHeadline"] for r in rows if r["claimId"] == claim_ids[c]) for c in order]
        headlines = [r["articleHeadline"] for r, m in zip(rows, members, strict=True) if m]
        truth = np.array([order.index(g) for g in gold[members]])
        best, _ = claim_index.link(headlines, claims)
        accuracy.append(float((best == truth).mean()))
        ari.append(adjusted_rand_score(truth, claim_index.cluster(vectors[members])))
    print(
        f"{TEST_SIZED_DRAWS} random sets of {TEST_SIZED_CLAIMS} claims: linking top-1 mean {np.mean(accuracy):.4f} "
        f"(worst {min(accuracy):.4f}), adjusted Rand mean {np.mean(ari):.4f} (worst {min(ari):.4f})"
    )


def generated(n: int, group: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors shaped like an archive's claims: topics, claims about each topic (different claims on one
    topic are related), each claim stated `group` times in other words. Returns the vectors and claim ids."""
    rng = np.random.default_rng(seed)
    dim = claim_index.DIMENSIONS
    claims = n // group
    topics = rng.standard_normal((max(1, claims // 100), dim), dtype=np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    centres = topics[rng.integers(0, len(topics), claims)]
    centres += 1.5 * rng.standard_normal(centres.shape, dtype=np.float32) / np.sqrt(dim)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    truth = np.repeat(np.arange(claims), group)
    vectors = np.empty((len(truth), dim), dtype=np.float32)
    for start in range(0, len(truth), 100_000):
        part = truth[start : start + 100_000]
        noisy = centres[part] + 0.7 * rng.standard_normal((len(part), dim), dtype=np.float32) / np.sqrt(dim)
        vectors[start : start + len(part)] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    return vectors, truth


def scale(n: int, group: int, seed: int) -> None:
    vectors, truth = generated(n, group, seed)
    started = time.perf_counter()
    labels = claim_index.cluster(vectors)
    took = time.perf_counter() - started
    from sklearn.metrics import adjusted_rand_score

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"clustering {len(vectors):,} generated claim vectors ({claim_index.DIMENSIONS} dims): {took:.0f} s "
        f"({took / 60:.1f} min), {len(set(labels.tolist())):,} clusters for {len(truth) // group:,} claims, "
        f"adjusted Rand {adjusted_rand_score(truth, labels):.4f}, peak RSS {peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("emergent")
    sc = sub.add_parser("scale")
    sc.add_argument("--n", type=int, default=1_000_000)
    sc.add_argument("--group", type=int, default=10)
    sc.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.what == "emergent":
        emergent()
    else:
        scale(args.n, args.group, args.seed)


if __name__ == "__main__":
    main()
