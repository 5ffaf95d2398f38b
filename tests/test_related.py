"""The same claim elsewhere in the archive: a claim page's statements run across articles and outlets."""

from __future__ import annotations

from pathlib import Path

from sayso.archive import claim_detail
from sayso.ingest import read_text
from sayso.pipeline import analyze_article
from sayso.related import related_statements, search_terms
from sayso.store import Store, open_store

ARTICLES = [
    ("Harbour Herald", "2025-02-03", "Mayor Ruth Akers said the Elm Street bridge would close in March for repairs."),
    ("Valley Times", "2025-02-10",
     "City engineers said the Elm Street bridge will be closed for repairs from March, confirming the mayor's plan."),
    ("Harbour Herald", "2025-02-17",
     "Councillor Ben Ford denied that the Elm Street bridge would close in March for repairs, calling it false."),
    ("Valley Times", "2025-02-20", "Vendors said the Elm Street market had its busiest weekend since the autumn."),
]  # fmt: skip


def saved(path: Path) -> Store:
    store = open_store(f"sqlite:///{path / 'archive.db'}")
    for outlet, published, text in ARTICLES:
        article = read_text(text).model_copy(update={"source": outlet, "published": published})
        store.save(analyze_article(article))
    return store


def test_search_terms_put_names_first_and_skip_small_words() -> None:
    assert search_terms("the Elm Street bridge would close in March for repairs") == [
        "Street", "March", "repairs", "bridge",
    ]  # fmt: skip


def test_related_statements_state_or_deny_the_claim_and_leave_the_rest(tmp_path: Path) -> None:
    with saved(tmp_path) as store:
        found = related_statements(store, "the Elm Street bridge would close in March for repairs")
    contents = [r.hit.content for r in found]
    assert any("engineers" not in c and "will be closed for repairs" in c for c in contents)
    assert not any("market" in c for c in contents)
    denials = [r for r in found if r.refutes]
    assert denials and all(r.hit.speaker_name == "Ben Ford" for r in denials)


def test_a_claim_page_runs_across_articles_and_outlets(tmp_path: Path) -> None:
    with saved(tmp_path) as store:
        row = next(r for r in store.claims(limit=100) if r.claimant and r.claimant.name == "Ruth Akers")
        detail = claim_detail(store, f"{row.article_id}:{row.claim_id}")
    assert detail is not None
    assert {s.outlet for s in detail.statements} == {"Harbour Herald", "Valley Times"}
    assert {p.date for p in detail.timeline} >= {"2025-02-03", "2025-02-10", "2025-02-17"}
    assert "refutes" in {s.stance for s in detail.statements}
    assert len({s.quote_id + s.article_id for s in detail.statements}) == len(detail.statements)
