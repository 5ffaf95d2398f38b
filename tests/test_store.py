"""The archive on SQLite and PostgreSQL: idempotent saves, Analyses given back as saved, one speaker across
articles, the questions (search, speaker, dates, outlet, polarity, claims, stats), export, bad databases."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from store_fixtures import analysis, db_url, dump, make_db  # noqa: F401 - fixtures

from sayso.cli import cli
from sayso.errors import StoreError
from sayso.store import open_store
from sayso.store.export import export
from sayso.store.identity import names_agree, parse_name

DENIAL = "The president never threatened anyone"
PESKOV_ROLE = {"Kremlin spokesman Dmitry Peskov": ["Kremlin spokesman"]}
PESKOV = [
    analysis("a1", [("Kremlin spokesman Dmitry Peskov", "said", "The claim about a missile strike is a lie")],
             published="2023-01-30", source="Reuters", roles=PESKOV_ROLE),
    analysis("a2", [("Peskov", "told reporters", DENIAL)],
             published="2023-02-01T10:00:00Z", source="TASS", polarity={DENIAL: "denies"}),
    analysis("a3", [("Dmitry Peskov", "said", "We have nothing more to add on the missile"),
                    ("Boris Johnson", "said", "He threatened me with a missile strike")],
             published="2023-02-03", source="Reuters", dispute=(1, 0)),
]  # fmt: skip


def speakers_by_name(url: str) -> dict[str, list[str]]:
    with open_store(url) as store:
        return {s.name: s.aliases for s in store.top_speakers(limit=100)}


def test_saving_twice_changes_nothing_and_analyses_come_back_as_saved(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        assert [store.save(a) for a in PESKOV] == [True, True, True]
        before = dump(db_url)
        assert [store.save(a) for a in PESKOV] == [False, False, False]
        assert store.save_many(PESKOV) == 0
        assert dump(db_url) == before
        assert list(store.iter_analyses(batch_size=2)) == PESKOV
        assert store.article("a2") == PESKOV[1]
        assert store.has_article("a1") and not store.has_article("nope")
    with open_store(db_url) as again:  # reopening migrates nothing and changes nothing
        assert again.stats().model_dump() == {
            "articles": 3, "quotes": 4, "speakers": 2, "claims": 1, "disputes": 1, "failed": 0,
        }  # fmt: skip
    assert dump(db_url) == before


def test_a_batch_saves_what_one_at_a_time_saves(make_db: Callable[[], str]) -> None:  # noqa: F811
    more = [*PESKOV, analysis("d1", [("Varga", "said", "One")]), analysis("d2", [("Elena Varga", "said", "Two")])]
    one_by_one, batched = make_db(), make_db()
    with open_store(one_by_one) as store:
        assert [store.save(a) for a in more] == [True] * 5
    with open_store(batched) as store:
        assert store.save_many([*more, more[0]]) == 5
    assert dump(batched) == dump(one_by_one)


def test_one_speaker_across_articles_with_aliases_and_roles(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        for a in PESKOV:
            store.save(a)
        [peskov] = store.find_speakers("Peskov")
        assert peskov.name == "Dmitry Peskov"
        assert set(peskov.aliases) >= {"Dmitry Peskov", "Peskov"}
        assert peskov.quotes == 3 and peskov.articles == 3
        assert peskov.first_seen == "2023-01-30" and peskov.last_seen == "2023-02-03"
        [role] = [r for r in peskov.roles if r.role == "Kremlin spokesman"]
        assert role.first_seen == role.last_seen == "2023-01-30"
        detail = store.speaker(peskov.id)
        assert detail is not None and len(detail.quotes) == 3
        assert {q.speaker_id for q in store.quotes(speaker="dmitry peskov")} == {peskov.id}


def test_a_surname_first_seen_alone_joins_the_full_name_later(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        store.save(analysis("b1", [("Varga", "said", "The bridge is safe")]))
        store.save(analysis("b2", [("Elena Varga", "said", "The bridge passed every inspection")]))
        store.save(analysis("b3", [("Mayor Varga", "said", "We open on Monday")]))
        [varga] = store.top_speakers()
        assert (varga.name, varga.quotes, varga.articles) == ("Elena Varga", 3, 3)
        assert {q.speaker_id for q in store.quotes()} == {varga.id}


def test_two_people_who_share_a_surname_stay_two(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        store.save(
            analysis(
                "c1",
                [("Boris Johnson", "said", "Putin threatened me")],
                roles={"Boris Johnson": ["former prime minister"]},
            )
        )
        store.save(
            analysis("c2", [("Stanley Johnson", "said", "My son is right")], roles={"Stanley Johnson": ["father"]})
        )
        store.save(analysis("c3", [("Johnson", "said", "Nobody knows which of us this is")]))
        store.save(
            analysis(
                "c4",
                [
                    ("Johnson", "said", "I was prime minister"),
                ],
                roles={"Johnson": ["former prime minister"]},
            )
        )
        store.save(analysis("c5", [("Mrs. Johnson", "said", "Neither of them")]))
        names = {s.name: s for s in store.top_speakers()}
    assert set(names) == {"Boris Johnson", "Stanley Johnson", "Johnson"}
    assert names["Boris Johnson"].quotes == 2  # the bare surname with his role is his
    assert names["Stanley Johnson"].quotes == 1
    assert names["Johnson"].quotes == 2  # ambiguous: neither of the two


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Dmitry Peskov", "Dmitry S. Peskov", True), ("George W. Bush", "George H. W. Bush", False),
     ("Boris Johnson", "Stanley Johnson", False), ("D. Peskov", "Dmitry Peskov", True),
     ("Hillary Clinton", "Bill Clinton", False)],
)  # fmt: skip
def test_full_names_agree_only_when_given_names_do(a: str, b: str, same: bool) -> None:
    assert names_agree(parse_name(a).words, parse_name(b).words) is same


def test_parse_name_splits_roles_titles_and_possessives() -> None:
    name = parse_name("Kremlin spokesman Dmitry Peskov's")
    assert (name.words, name.role, name.display) == (("dmitry", "peskov"), "Kremlin spokesman", "Dmitry Peskov")
    assert parse_name("Mrs. Johnson").gender == "female"
    assert parse_name("President Joe Biden Jr.").words == ("joe", "biden")


def test_questions(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        for a in PESKOV:
            store.save(a)
        assert [q.article_id for q in store.quotes(search="missile")] == ["a3", "a3", "a1"]
        assert [q.article_id for q in store.quotes(search='"missile strike"')] == ["a3", "a1"]
        assert store.quotes(search="threatened missile")[0].speaker_name == "Boris Johnson"
        assert store.quotes(search="zebra") == [] and store.quotes(search="!!! (") == []
        assert [q.article_id for q in store.quotes(since="2023-02-01", until="2023-02-01")] == ["a2"]
        assert {q.article_id for q in store.quotes(source="Reuters")} == {"a1", "a3"}
        assert [q.content for q in store.quotes(polarity="denies")] == ["The president never threatened anyone"]
        assert store.count_quotes(speaker="Peskov") == 3 and store.quotes(speaker="Nobody Here") == []
        assert [q.article_id for q in store.quotes(limit=2, offset=1)] == ["a3", "a2"]
        top = store.top_speakers(source="TASS")
        assert [(s.name, s.quotes) for s in top] == [("Dmitry Peskov", 1)]
        [claim] = store.claims(disputed=True)
        assert claim.claimant is not None and claim.claimant.name == "Boris Johnson"
        assert [d.name for d in claim.disputes[0].disputed_by] == ["Dmitry Peskov"]
        assert store.claims(disputed=False) == []
        store.record_failure("feed.xml#3", "feed.xml#3: not XML")
        store.record_failure("feed.xml#3", "feed.xml#3: still not XML")
        assert [(f.input, f.error) for f in store.failures()] == [("feed.xml#3", "feed.xml#3: still not XML")]
        assert store.stats().failed == 1
        with pytest.raises(StoreError, match="not a date"):
            store.quotes(since="yesterday")


def test_export_formats(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    with open_store(db_url) as store:
        for a in PESKOV:
            store.save(a)
        assert export(store, "jsonl", tmp_path / "a.jsonl") == 3
        lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["id"] for x in lines] == ["a1", "a2", "a3"]
        assert export(store, "csv", tmp_path / "q.csv") == 4
        rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
        assert rows[1]["speaker"] == "Dmitry Peskov" and rows[1]["outlet"] == "TASS"
        assert export(store, "parquet", tmp_path / "q.parquet") == 4
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "q.parquet")
    assert table.num_rows == 4 and table.column("content").to_pylist()[0] == PESKOV[0].quotes[0].content
    assert not list(tmp_path.glob("*.partial"))


def test_cli_questions(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        for a in PESKOV:
            store.save(a)
    runner = CliRunner()
    result = runner.invoke(cli, ["quotes", "--db", db_url, "--speaker", "Peskov", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    result = runner.invoke(cli, ["speakers", "--db", db_url, "--top", "1", "--format", "csv"])
    assert result.exit_code == 0 and "Dmitry Peskov" in result.stdout and "Boris" not in result.stdout
    result = runner.invoke(cli, ["stats", "--db", db_url, "--format", "json"])
    assert json.loads(result.stdout)[0]["quotes"] == 4
    result = runner.invoke(cli, ["quotes", "--db", db_url, "--search", "missile", "--since", "2023-02-02"])
    assert result.exit_code == 0 and "Boris Johnson" in result.stdout and "Kremlin" not in result.stdout


def test_a_newer_schema_is_refused_and_left_alone(db_url: str) -> None:  # noqa: F811
    with open_store(db_url) as store:
        store.save(PESKOV[0])
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    before = dump(db_url)
    with pytest.raises(StoreError, match="newer") as caught:
        open_store(db_url)
    assert "\n" not in str(caught.value)
    assert dump(db_url) == before
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://nobody@127.0.0.1:1/none", "sqlite:////no/such/folder/x.db", "mysql://x@y/z", "nonsense"],
)
def test_unreachable_databases_give_one_line(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "\n" not in str(caught.value)
    done = subprocess.run([sys.executable, "-m", "sayso.cli", "stats", "--db", url], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("sayso: "), done.stderr


def test_a_file_that_is_not_a_database_gives_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(f"sqlite:///{junk}")
    assert junk.read_bytes() == b"this is no database at all" * 100


def test_factory_gives_separate_databases(make_db: Callable[[], str]) -> None:  # noqa: F811
    first, second = make_db(), make_db()
    with open_store(first) as store:
        store.save(PESKOV[0])
    with open_store(second) as store:
        assert store.stats().articles == 0
