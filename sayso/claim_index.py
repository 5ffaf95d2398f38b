"""Claims in other words: vectors, nearest neighbours, clustering and linking, all sub-quadratic.

A claim's vector joins what it means (MiniLM, `sayso.embed`) with how it is worded (character n-grams
hashed into a few hundred signed buckets), each weighted so that a dot product of two claim vectors is
``(meaning + LEXICAL_WEIGHT * wording) / (1 + LEXICAL_WEIGHT)``. Neighbours come from a faiss index
(exact up to EXACT_UP_TO vectors, inverted lists above); clusters from average linkage over the
neighbour graph, pairs that are not neighbours counting as unrelated. Settings measured on Emergent
(claim-disjoint halves agree; see bench/claims.py).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sayso.embed import DIMENSIONS as MEANING_DIMENSIONS
from sayso.embed import Vectors
from sayso.embed import encode as embed

LEXICAL_WEIGHT = 0.75
LEXICAL_DIMENSIONS = 256
DIMENSIONS = MEANING_DIMENSIONS + LEXICAL_DIMENSIONS
NEIGHBOURS = 20
SAME_CLAIM = 0.30  # average similarity at which two groups of statements make one claim
WEAK_EDGE = 0.20  # neighbours less similar than this are dropped from the graph
EXACT_UP_TO = 20_000
SEARCH_DIMENSIONS = 128
CELL_SIZE = 400
LINK_LEXICAL_WEIGHT = 0.5
LINK_ROUNDS = 3
LINK_PULL = 2.0  # how far a claim moves toward the statements linked to it, per round

Labels = npt.NDArray[np.int64]


def wording_vectors(texts: Sequence[str]) -> Vectors:
    """Signed hashing of character 3-5-grams (within words), log counts, unit length."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    hasher = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=LEXICAL_DIMENSIONS, alternate_sign=True, norm=None
    )
    counts = hasher.transform(texts)
    counts.data = np.sign(counts.data) * np.log1p(np.abs(counts.data))
    return np.asarray(normalize(counts).toarray(), dtype=np.float32)


def claim_vectors(texts: Sequence[str], meaning: Vectors | None = None) -> Vectors:
    """Unit vectors of DIMENSIONS; pass `meaning` when the MiniLM vectors are already known."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    meaning = embed(texts) if meaning is None else meaning
    return join(meaning, wording_vectors(texts))


def join(meaning: Vectors, wording: Vectors) -> Vectors:
    a = math.sqrt(1 / (1 + LEXICAL_WEIGHT))
    b = math.sqrt(LEXICAL_WEIGHT / (1 + LEXICAL_WEIGHT))
    return np.hstack([a * meaning, b * wording]).astype(np.float32)


@dataclass(frozen=True)
class Neighbours:
    """For each vector, its k nearest others (index -1 where there are fewer) and their similarities."""

    indices: npt.NDArray[np.int64]
    similarities: npt.NDArray[np.float32]


def nearest(vectors: Vectors, k: int = NEIGHBOURS) -> Neighbours:
    """Exact up to EXACT_UP_TO vectors. Above, the search runs in a SEARCH_DIMENSIONS projection (the
    principal axes of a sample) within cells of spherical k-means (faiss): each vector looks for its
    neighbours among the vectors whose nearest or second-nearest cell is its own. The similarities of the
    pairs found are the full vectors' dot products. Matrix products throughout: here faiss' inverted-list
    search was several times slower than blocked BLAS over the same candidates."""
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    if len(data) <= EXACT_UP_TO:
        return _exact(data, k)
    reduced = _project(data, SEARCH_DIMENSIONS)
    cells = _cells(reduced, max(2, len(data) // CELL_SIZE))
    return _rescore(data, _within_cells(reduced, cells, k))


def _exact(data: Vectors, k: int) -> Neighbours:
    k = max(min(k, len(data) - 1), 0)
    indices = np.full((len(data), k), -1, dtype=np.int64)
    similarities = np.zeros((len(data), k), dtype=np.float32)
    for start in range(0, len(data), 2048):
        sims = data[start : start + 2048] @ data.T
        rows = np.arange(len(sims))
        sims[rows, rows + start] = -np.inf
        top = _top(sims, k)
        indices[start : start + len(sims)] = top
        similarities[start : start + len(sims)] = np.take_along_axis(sims, top, axis=1)
    return Neighbours(indices, similarities)


def _top(sims: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.int64]:
    if k <= 0:
        return np.zeros((len(sims), 0), dtype=np.int64)
    if sims.shape[1] > k:
        return np.argpartition(-sims, k - 1, axis=1)[:, :k].astype(np.int64)
    return np.argsort(-sims, axis=1)[:, :k].astype(np.int64)


def _project(data: Vectors, dimensions: int) -> Vectors:
    sample = data[np.random.default_rng(0).choice(len(data), size=min(len(data), 50_000), replace=False)]
    centred = sample - sample.mean(axis=0)
    _, axes = np.linalg.eigh(centred.T @ centred)  # ascending eigenvalues: the last columns are the main axes
    reduced = data @ axes[:, -dimensions:]
    unit: Vectors = (reduced / np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)).astype(np.float32)
    return unit


def _cells(reduced: Vectors, count: int) -> npt.NDArray[np.int64]:
    """The nearest and second-nearest cell of each vector."""
    import faiss

    rng = np.random.default_rng(1)
    sample = reduced[rng.choice(len(reduced), size=min(len(reduced), 20 * count), replace=False)]
    kmeans = faiss.Kmeans(reduced.shape[1], count, niter=10, spherical=True, seed=1, verbose=False)
    kmeans.train(sample)
    _, cells = kmeans.index.search(reduced, 2)
    return np.asarray(cells, dtype=np.int64)


def _within_cells(reduced: Vectors, cells: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.int64]:
    indices = np.full((len(reduced), k), -1, dtype=np.int64)
    count = int(cells.max()) + 1
    by_primary = np.argsort(cells[:, 0], kind="stable")
    primary_bounds = np.searchsorted(cells[by_primary, 0], np.arange(count + 1))
    flat = cells.ravel()
    by_either = np.argsort(flat, kind="stable")
    either_bounds = np.searchsorted(flat[by_either], np.arange(count + 1))
    for cell in range(count):
        queries = by_primary[primary_bounds[cell] : primary_bounds[cell + 1]]
        pool = by_either[either_bounds[cell] : either_bounds[cell + 1]] // 2
        if len(queries) == 0 or len(pool) < 2:
            continue
        sims = reduced[queries] @ reduced[pool].T
        sims[pool[None, :] == queries[:, None]] = -np.inf
        found = pool[_top(sims, min(k, len(pool) - 1))]
        indices[queries, : found.shape[1]] = found
    return indices


def _rescore(data: Vectors, indices: npt.NDArray[np.int64]) -> Neighbours:
    sims = np.zeros(indices.shape, dtype=np.float32)
    for start in range(0, len(indices), 1024):
        block = indices[start : start + 1024]
        dots = np.einsum("nd,nkd->nk", data[start : start + 1024], data[np.maximum(block, 0)])
        sims[start : start + 1024] = np.where(block >= 0, dots, 0)
    return Neighbours(indices, sims)


def cluster(vectors: Vectors, *, threshold: float = SAME_CLAIM, k: int = NEIGHBOURS) -> Labels:
    """A cluster label for each vector (labels are the smallest member index of each cluster)."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    found = nearest(vectors, k)
    rows = np.repeat(np.arange(n), found.indices.shape[1])
    cols, sims = found.indices.ravel(), found.similarities.ravel()
    keep = (cols >= 0) & (sims >= WEAK_EDGE)
    return average_linkage(n, rows[keep], cols[keep], sims[keep], threshold)


def average_linkage(
    n: int, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64], sims: npt.NDArray[np.float32], threshold: float
) -> Labels:
    """Merge the two most similar groups while their average pair similarity reaches `threshold`;
    pairs without an edge count as 0. Groups never span two components of the graph of edges at or above
    the threshold (an average cannot reach it without one such pair), so each component is done alone."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = sims >= threshold
    graph = coo_matrix((np.ones(int(strong.sum())), (rows[strong], cols[strong])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    labels = np.arange(n, dtype=np.int64)
    sizes = np.bincount(component)
    inside = component[rows] == component[cols]
    edges_by_component: dict[int, list[tuple[int, int, float]]] = {}
    for r, c, s in zip(rows[inside].tolist(), cols[inside].tolist(), sims[inside].tolist(), strict=True):
        if sizes[component[r]] > 1 and r != c:
            edges_by_component.setdefault(int(component[r]), []).append((r, c, s))
    for edges in edges_by_component.values():
        for member, root in _merge_component(edges, threshold).items():
            labels[member] = root
    return _smallest_member_labels(labels)


def _merge_component(edges: list[tuple[int, int, float]], threshold: float) -> dict[int, int]:
    weights: dict[int, dict[int, float]] = {}
    for r, c, s in edges:
        weights.setdefault(r, {})[c] = max(s, weights.get(r, {}).get(c, s))
        weights.setdefault(c, {})[r] = weights[r][c]
    size = dict.fromkeys(weights, 1)
    root = {node: node for node in weights}
    heap = [(-s, a, b) for a, near in weights.items() for b, s in near.items() if a < b and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if root[a] != a or root[b] != b or b not in weights[a]:
            continue
        now = weights[a][b] / (size[a] * size[b])
        if now < -neg - 1e-9:  # a group grew since this pair was queued: queue it again at its new average
            if now >= threshold:
                heapq.heappush(heap, (-now, a, b))
            continue
        kept = _merge(a, b, weights, size, root)
        for other, total in weights[kept].items():
            average = total / (size[kept] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(kept, other), max(kept, other)))
    return {node: _find(root, node) for node in root}


def _merge(a: int, b: int, weights: dict[int, dict[int, float]], size: dict[int, int], root: dict[int, int]) -> int:
    """Merge the smaller group into the larger; return the one kept."""
    if len(weights[a]) < len(weights[b]):
        a, b = b, a
    del weights[a][b], weights[b][a]
    for other, s in weights.pop(b).items():
        del weights[other][b]
        total = weights[a].get(other, 0.0) + s
        weights[a][other] = weights[other][a] = total
    weights[b] = {}
    root[b] = a
    size[a] += size[b]
    return a


def _find(root: dict[int, int], node: int) -> int:
    while root[node] != node:
        node = root[node]
    return node


def _smallest_member_labels(labels: Labels) -> Labels:
    smallest: dict[int, int] = {}
    for i, label in enumerate(labels.tolist()):
        smallest.setdefault(label, i)
    return np.array([smallest[label] for label in labels.tolist()], dtype=np.int64)


def link(statements: Sequence[str], claims: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """For each statement, the claim it states (index into `claims`) and the score.

    Meaning (MiniLM) plus wording (character TF-IDF), then a few rounds in which each claim moves toward
    the statements linked to it, so that statements worded unlike the claim but like its other statements
    find it too."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not statements or not claims:
        return np.zeros(len(statements), dtype=np.int64), np.zeros(len(statements), dtype=np.float32)
    meaning_s, meaning_c = embed(statements), embed(claims)
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit([*claims, *statements])
    wording = np.asarray((tfidf.transform(statements) @ tfidf.transform(claims).T).toarray(), dtype=np.float32)
    scores = meaning_s @ meaning_c.T + LINK_LEXICAL_WEIGHT * wording
    for _ in range(LINK_ROUNDS):
        best = scores.argmax(axis=1)
        pull = np.zeros_like(meaning_c)
        np.add.at(pull, best, meaning_s)
        counts = np.bincount(best, minlength=len(claims))[:, None]
        moved = meaning_c + LINK_PULL * pull / np.maximum(counts, 1)
        moved /= np.linalg.norm(moved, axis=1, keepdims=True)
        scores = meaning_s @ moved.T + LINK_LEXICAL_WEIGHT * wording
    best = scores.argmax(axis=1)
    return best.astype(np.int64), scores[np.arange(len(best)), best].astype(np.float32)
