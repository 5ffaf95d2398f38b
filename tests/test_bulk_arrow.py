"""The bulk load's rows made from Arrow columns (``sayso.store.bulk_arrow``): the same tuples as the rows of
``writer.Rows`` (what ``Store.save`` writes) made tuples by ``bulk_rows.values_of``; the column-wise check flags
every row pydantic refuses; a partition of another schema loads through pydantic, to the same archive."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError
from store_fixtures import dump, make_db  # noqa: F401 - fixtures
from test_bulkload import RETURNING, generated, saved_one_at_a_time, write_run

from sayso.bulkload import load_run
from sayso.model import Analysis, Claim, Dispute, Quote, Speaker, SpeakerRef
from sayso.partitions import ANALYSIS_SCHEMA, analyses_table
from sayso.store import open_store
from sayso.store import schema as t
from sayso.store.bulk_arrow import Batch, Kept, invalid_rows, schema_matches
from sayso.store.bulk_rows import values_of
from sayso.store.writer import Rows, normalise_date

ODD = Analysis(
    id="odd",
    text_sha1="0" * 40,
    language="de",
    title='A "title" with \\ and ünïcode',
    url=None,
    source=None,
    published="Tue, 02 Jan 2024 10:00:00 +0100",
    text=None,
    quotes=[
        Quote(id="q1", kind="indirect", content="x \t y\n", content_spans=[(0, 3), (5, 9)], confidence=0.25,
              polarity="denies", nested_in="q2"),
        Quote(id="q2", kind="mixed", content="z", content_spans=[], cue="said", cue_span=(1, 2), source="Anna",
              source_span=(3, 4), speaker_id="s1", speaker=SpeakerRef(id="s1", name="Anna", type="PERSON")),
        Quote(id="q3", kind="direct", content="w", content_spans=[(7, 8)], speaker_id="nobody"),
        Quote(id="q1", kind="direct", content="the same id again", content_spans=[(9, 10)]),
    ],
    speakers=[
        Speaker(id="s1", name="Anna", type="PERSON", roles=['a "role"', "ünï"], mentions=[(3, 4), (10, 14)]),
        Speaker(id="s2", name="The Board", type="ORG"),
        Speaker(id="s1", name="Anna again", type="PERSON"),
    ],
    claims=[Claim(id="c1", text="z", quote_ids=["q2"], claimant_id="s1"),
            Claim(id="c2", text="w", quote_ids=[], claimant_id=None)],
    disputes=[Dispute(claim_id="c1", claimant_id="s1", disputed_by=["s2"], quote_ids=["q2", "q3"]),
              Dispute(claim_id="c2", claimant_id=None, disputed_by=[], quote_ids=[], stance="supports")],
)  # fmt: skip


def test_batch_rows_are_the_tuples_of_the_rows_store_save_writes() -> None:
    """What decides that a bulk load stores the same rows: each table's tuples, column for column."""
    items = [ODD, *RETURNING, *generated(150, seed=21)]
    batch = Batch(analyses_table(items))
    kept, expected, pk = [], Rows(), 100

    def current(sid: str) -> str:  # a speaker merged into another since
        return "merged" if sid.endswith("3") else sid

    for n, a in enumerate(items):
        if n % 7 == 3:
            continue  # an article already stored
        speakers = {s.id: f"archive-{s.id}" for s in a.speakers[::2]}  # some resolved, some not
        day = normalise_date(a.published)
        kept.append(Kept(n, 10 + n, pk, day, speakers))
        expected.add(a, speakers, 10 + n, pk, day, "now")
        pk += len(a.quotes)
    for row in (*expected.speakers, *expected.quotes):
        if row["speaker_id"] is not None:
            row["speaker_id"] = current(row["speaker_id"])
    made = batch.rows(kept, "now", current)
    tables = ((t.articles, expected.articles), (t.article_speakers, expected.speakers), (t.quotes, expected.quotes),
              (t.claims, expected.claims), (t.disputes, expected.disputes))  # fmt: skip
    for table, rows in tables:
        assert made[table.name] == values_of(table, rows), table.name
    assert len(made["quotes"].values) < len(expected.quotes)  # the repeated quote id left out, as before
    assert [batch.speakers_of(0)[i].mentions for i in range(3)] == [[[3, 4], [10, 14]], [], []]
    assert batch.quote_speakers(0) == [None, "s1", "nobody", None]


# One change to an analysis' row each: what pydantic refuses, and what it takes.
CHANGES: list[tuple[tuple[Any, ...], Any]] = [
    (("id",), None), (("text_sha1",), None), (("language",), None), (("quotes",), None), (("speakers",), None),
    (("claims",), None), (("disputes",), None), (("quotes", 0), None), (("quotes", 0, "kind"), "shouted"),
    (("quotes", 0, "kind"), None), (("quotes", 0, "content"), None), (("quotes", 0, "content_spans"), None),
    (("quotes", 0, "content_spans"), [[1, 2, 3]]), (("quotes", 0, "content_spans"), [[1, None]]),
    (("quotes", 0, "content_spans"), [None]), (("quotes", 0, "cue_span"), [5]), (("quotes", 0, "source_span"), []),
    (("quotes", 0, "confidence"), None), (("quotes", 0, "polarity"), "maybe"), (("quotes", 0, "id"), None),
    (("quotes", 1, "speaker", "name"), None), (("quotes", 1, "speaker", "type"), "ALIEN"),
    (("speakers", 0, "roles"), None), (("speakers", 0, "roles"), ["x", None]), (("speakers", 0, "mentions"), None),
    (("speakers", 0, "mentions"), [[1]]), (("speakers", 0, "type"), "ROBOT"), (("speakers", 0), None),
    (("claims", 0, "quote_ids"), None), (("claims", 0, "text"), None), (("disputes", 0, "stance"), "discusses"),
    (("disputes", 0, "disputed_by"), [None]), (("disputes", 0, "claim_id"), None),
    # taken as they are
    (("title",), None), (("text",), None), (("quotes", 1, "speaker"), None), (("quotes", 1, "cue_span"), None),
    (("claims", 0, "claimant_id"), None), (("quotes", 0, "confidence"), float("nan")), (("speakers", 0, "roles"), []),
]  # fmt: skip


def _changed(row: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    row = copy.deepcopy(row)
    held: Any = row
    for key in path[:-1]:
        held = held[key]
    held[path[-1]] = value
    return row


def test_the_column_check_flags_every_row_pydantic_refuses_and_no_other() -> None:
    base = ODD.model_dump()
    rows = [base, *(_changed(base, path, value) for path, value in CHANGES), base]
    table = pa.Table.from_pylist(rows, schema=ANALYSIS_SCHEMA)
    assert schema_matches(table)
    refused = set()
    for n, row in enumerate(rows):
        try:
            Analysis.model_validate(row)
        except ValidationError:
            refused.add(n)
    flagged = set(invalid_rows(table))
    assert len(refused) == 33  # the changes above the line
    assert flagged == refused
    sliced = table.slice(5, 10)  # offsets inside the arrays
    assert set(invalid_rows(sliced)) == {n - 5 for n in refused if 5 <= n < 15}


def test_a_partition_of_another_schema_loads_through_pydantic_to_the_same_archive(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    items = [*RETURNING, *generated(40, seed=8)]
    out = tmp_path / "run"
    write_run(out, items, 10)
    rows = [a.model_dump() for a in items[:10]]
    for row in rows:
        del row["language"]  # an older writer: the model's default
    rows[3]["quotes"][0]["kind"] = "shouted"
    pq.write_table(pa.Table.from_pylist(rows), out / "part-000000.parquet")  # its own (inferred) schema
    loaded, expected = make_db(), make_db()
    with open_store(loaded) as store:
        summary = load_run(store, out, chunk=7)
    assert [line.split(": ")[0] for line in summary.not_loaded] == [f"{out / 'part-000000.parquet'}#3"]
    saved_one_at_a_time(expected, [a for a in items if a.id != items[3].id])
    one, other = dump(loaded), dump(expected)
    assert one.pop("failures") != other.pop("failures") == []
    assert one == other


@pytest.mark.parametrize("rows", [0, 1])
def test_a_batch_of_few_rows(rows: int) -> None:
    batch = Batch(analyses_table([ODD][:rows]))
    assert (batch.size, batch.ids) == (rows, ["odd"][:rows])
    assert {name: v.values for name, v in batch.rows([], "now", str).items()} == dict.fromkeys(
        ("articles", "article_speakers", "quotes", "claims", "disputes"), []
    )
