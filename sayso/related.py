"""The same claim elsewhere in the archive: statements in other articles that state or deny one claim.

A claim page follows its claim across articles and outlets at the time it is opened: the store's word
search finds statements sharing two of the claim's most telling words (a bounded number of searches,
each served by the full-text index); the closest in wording are compared by the claim vectors of
`claim_index`, which keep those that say the same thing in other words. Asserting statements support
the claim, denials refute it; questions are left out (they neither state nor deny it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from sayso import claim_index
from sayso.claim_base import STOPWORDS
from sayso.store import QuoteHit, Store

SEARCH_TERMS = 4  # the claim's most telling words; every pair of them is one word search
PER_SEARCH = 50  # statements read per search
RESCORED = 40  # the candidates closest in wording (cheap) are compared in meaning (MiniLM, ~10 ms each)
SAME_CLAIM = 0.5  # claim-vector similarity from which a statement says the same as the claim
# On the Emergent headlines (bench/claims.py data): 0.72 of headlines reach their own claim at 0.5,
# and 0.46 of the other 239 claims per headline do; 0.45 gives 0.82 and 0.97.


@dataclass(frozen=True)
class Related:
    hit: QuoteHit
    similarity: float
    refutes: bool


def search_terms(claim: str, count: int = SEARCH_TERMS) -> list[str]:
    """The claim's most telling words: names first, then the longest words, each once."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z’'-]+", claim) if w.lower() not in STOPWORDS and len(w) > 3]
    unique = list(dict.fromkeys(w.strip("’'-") for w in words))
    ranked = sorted(unique, key=lambda w: (not w[0].isupper(), -len(w)))
    return ranked[:count]


def candidates(store: Store, claim: str) -> list[QuoteHit]:
    """Statements sharing two of the claim's telling words (one word when it has only one)."""
    terms = search_terms(claim)
    searches = [" ".join(pair) for pair in combinations(terms, 2)] or terms
    found: dict[str, QuoteHit] = {}
    for words in searches:
        for hit in store.quotes(search=words, limit=PER_SEARCH):
            found.setdefault(f"{hit.article_id}:{hit.id}", hit)
    return list(found.values())


def related_statements(store: Store, claim: str, *, threshold: float = SAME_CLAIM) -> list[Related]:
    """Stored statements that state or deny the claim, the most similar first."""
    if not claim.strip():
        return []
    hits = [h for h in candidates(store, claim) if h.polarity != "questions" and h.content.strip()]
    if not hits:
        return []
    wording = claim_index.wording_vectors([claim] + [h.content for h in hits])
    closest = np.argsort(-(wording[1:] @ wording[0]), kind="stable")[:RESCORED].tolist()
    hits = [hits[i] for i in closest]
    vectors = claim_index.claim_vectors([claim] + [h.content for h in hits])
    similarity = vectors[1:] @ vectors[0]
    order = np.argsort(-similarity, kind="stable")
    return [
        Related(hits[i], float(similarity[i]), hits[i].polarity == "denies")
        for i in order.tolist()
        if similarity[i] >= threshold
    ]
