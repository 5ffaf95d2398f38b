"""Quote search finds a page by one of two plans (the statements read newest first, or gathered through the
speaker, article or full-text indexes and their keys sorted), chosen by the share of the archive that passes.
Both plans must give the same page, and that page must be what the filters say, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from store_fixtures import analysis, db_url, make_db  # noqa: F401 - fixtures

from sayso.store import QuoteHit, Store, open_store, queries
from sayso.store.queries import QuoteFilter

OUTLETS = ["Reuters", "TASS", "AP", "BBC", "Le Monde"]
PEOPLE = ["Anna Varga", "Elena Varga", "Dmitry Peskov", "Boris Johnson", "Maria Johnson", "Tom Hale"]
WORDS = ["missile", "strike", "talks", "border", "grain", "deal", "ceasefire", "sanctions", "energy", "pipeline"]
START = date(2024, 1, 1)


def archive(store: Store, articles: int = 90, seed: int = 5) -> None:
    rng = random.Random(seed)
    batch = []
    for n in range(articles):
        statements = [
            (rng.choice(PEOPLE), "said", " ".join(rng.choice(WORDS) for _ in range(6)) + f" {n}-{i}")
            for i in range(rng.randint(1, 5))
        ]
        day = START + timedelta(days=rng.randrange(60))
        batch.append(analysis(f"art{n:03d}", statements, published=day.isoformat(), source=rng.choice(OUTLETS)))
    store.save_many(batch)


def expected(everything: list[QuoteHit], store: Store, f: QuoteFilter) -> list[QuoteHit]:
    """What the filters say, worked out here from every statement (newest ingested first)."""
    with store.engine.connect() as conn:
        speakers = set(queries.speaker_ids(conn, f.speaker)) if f.speaker else None
    return [
        q
        for q in everything
        if (speakers is None or q.speaker_id in speakers)
        and (f.source is None or q.outlet == f.source)
        and (f.since is None or (q.published or "") >= str(f.since))
        and (f.until is None or (q.published or "")[:10] <= str(f.until))
        and (f.search is None or all(w in q.content.split() for w in f.search.split()))
    ]


FILTERS = [
    QuoteFilter(source="TASS"),
    QuoteFilter(since="2024-01-10", until="2024-02-20"),
    QuoteFilter(since="2024-01-15", until="2024-01-15"),
    QuoteFilter(source="AP", since="2024-01-01", until="2024-01-31"),
    QuoteFilter(speaker="Varga"),
    QuoteFilter(speaker="Johnson", since="2024-02-01"),
    QuoteFilter(speaker="Tom Hale", source="BBC"),
    QuoteFilter(search="missile", source="Reuters"),
    QuoteFilter(until="2023-12-31"),
]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in vars(f).items() if v))
def test_both_plans_give_the_page_the_filters_say(
    f: QuoteFilter, make_db: Callable[[], str], monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    url = make_db()
    with open_store(url) as store:
        archive(store)
        everything = store.quotes(limit=10_000)
        assert len(everything) > 150 and [q.id for q in everything] == [q.id for q in store.quotes(limit=10_000)]
        want = expected(everything, store, f)
        for scan in (False, True):
            monkeypatch.setattr(queries, "_scan_newest", lambda *_, scan=scan: scan)
            monkeypatch.setattr(queries, "_pg_gather_matches", lambda *_, scan=scan: not scan)
            for limit, offset in ((10, 0), (7, 5), (50, 30), (10_000, 0)):
                got = store.quotes(limit=limit, offset=offset, **_kwargs(f))
                assert got == want[offset : offset + limit], (scan, limit, offset)


def _kwargs(f: QuoteFilter) -> dict[str, Any]:
    return {k: v for k, v in vars(f).items() if v is not None}


def test_sqlite_reads_newest_first_when_many_pass_and_uses_the_indexes_when_few_do(tmp_path: Any) -> None:
    with open_store(f"sqlite:///{tmp_path / 'plans.db'}") as store:
        archive(store, articles=150)
        with store.engine.connect() as conn:

            def newest_first(wanted: int = 10, **filters: Any) -> bool:
                f = QuoteFilter(**filters)
                ids = queries.speaker_ids(conn, f.speaker) if f.speaker else None
                return queries._scan_newest(conn, f, ids, wanted)

            assert newest_first(since="2024-01-01", until="2024-02-29")  # every article
            assert not newest_first(since="2024-01-20", until="2024-01-20")  # one day of sixty
            assert newest_first(source="TASS") and not newest_first(wanted=400, source="TASS")
            assert newest_first(speaker="Varga")  # two of six people
            assert not newest_first(speaker="Tom Hale")  # one speaker: its index is in key order already
            assert not newest_first(search="missile", source="TASS")  # the full-text index leads
