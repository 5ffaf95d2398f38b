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


def test_sqlite_reads_newest_first_when_many_pass_and_uses_the_indexes_when_few_do(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
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
            wanted = (5, 20, 60, 120, 200, 400)
            listed = [newest_first(n, speaker="Varga") for n in wanted]
            monkeypatch.setattr(queries, "MAX_SPEAKERS_LISTED", 1)  # a subquery: their statements counted up to need
            assert [newest_first(n, speaker="Varga") for n in wanted] == listed and True in listed and False in listed


def test_quotes_as_json_are_what_pydantic_writes(make_db: Callable[[], str]) -> None:  # noqa: F811
    """Store.quote_json (the service's rows: SQLite writes them itself, all but the confidence) is byte for byte
    what pydantic writes for the QuoteHits: text with quotes, backslashes, control and non-ASCII characters, a
    confidence of 17 digits, a tiny one, nulls."""
    with open_store(make_db()) as store:
        archive(store, articles=20)
        text = 'tab\there "quoted" \\ back\x01 é 😀 \u2028 end'
        odd = analysis("odd", [("Zoë Ångström", "said", text), ("Tom Hale", "said", "x")], published="2024-03-01",
                       source="Le Monde")  # fmt: skip
        quotes = [q.model_copy(update={"confidence": c}) for q, c in zip(odd.quotes, (0.1 + 0.2, 1e-05), strict=True)]
        store.save(odd.model_copy(update={"quotes": quotes}))
        filters = [{}, {"source": "Le Monde"}, {"speaker": "Hale"}, {"search": "missile"}, {"since": "2024-02-01"}]
        for f in filters:
            for limit, offset in ((5, 0), (500, 0), (3, 4)):
                got = store.quote_json(limit=limit, offset=offset, **f)
                want = [q.model_dump_json().encode() for q in store.quotes(limit=limit, offset=offset, **f)]
                assert got == want and (got or f.get("search")), (f, limit, offset)
        assert b'"confidence":0.30000000000000004' in b"".join(store.quote_json(source="Le Monde"))


def test_one_shape_of_search_answers_each_of_its_values(make_db: Callable[[], str]) -> None:  # noqa: F811
    """A search's SQL is compiled once per shape (sayso.store.compiled): asked again with other values of the same
    filters, it answers those values (nothing of the first question is kept)."""
    with open_store(make_db()) as store:
        archive(store, articles=60)
        everything = store.quotes(limit=10_000)
        for outlet in OUTLETS:
            assert [q.id for q in store.quotes(source=outlet, limit=10_000)] == [
                q.id for q in everything if q.outlet == outlet
            ]
        for first, last in (("2024-01-05", "2024-01-09"), ("2024-02-01", "2024-02-03"), ("2024-01-20", "2024-01-20")):
            on = [q.id for q in everything if first <= (q.published or "")[:10] <= last]
            assert [q.id for q in store.quotes(since=first, until=last, limit=10_000)] == on
            assert store.count_quotes(since=first, until=last) == len(on)
        for name in PEOPLE:
            said = [q.id for q in everything if q.speaker_name == name]
            assert said and [q.id for q in store.quotes(speaker=name, limit=10_000)] == said


def test_sqlite_finds_an_outlets_or_a_periods_page_in_its_newest_articles(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filters on the article alone read the articles newest first, each with its statements (an outlet's through
    the index on articles(source, seq)), and the page's rows by key: no query plan reads every statement."""
    from sayso.store.compiled import Reader

    asked: list[tuple[Any, ...]] = []
    rows = Reader.rows

    def recording(self: Reader, key: Any, build: Any, params: Any, *, prefix: str = "") -> list[Any]:
        if not prefix and isinstance(key, tuple) and key[0] == "hits":
            asked.append((self, key, build, params))
        return rows(self, key, build, params, prefix=prefix)

    with open_store(f"sqlite:///{tmp_path / 'walk.db'}") as store:
        archive(store, articles=150)
        monkeypatch.setattr(Reader, "rows", recording)
        for scan in (False, True):
            monkeypatch.setattr(queries, "_scan_newest", lambda *_, scan=scan: scan)
            asked.clear()
            store.quote_json(source="TASS", limit=10)
            store.quote_json(source="AP", since="2024-01-01", until="2024-01-31", limit=10)
            store.quote_json(since="2024-01-10", until="2024-02-20", limit=10)
            assert len(asked) == 3 and all(queries.by_article(key[1]) for _, key, _, _ in asked)
            for reader, key, build, params in asked:
                plan = [row[3] for row in rows(reader, key, build, params, prefix="EXPLAIN QUERY PLAN ")]
                assert not any(step.startswith("SCAN quotes") for step in plan), plan
                if key[1].source:
                    assert any("ix_articles_source_seq" in step for step in plan), plan
