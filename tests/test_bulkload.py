"""`sayso load`'s bulk path on SQLite and PostgreSQL: the archive it leaves is the one ``Store.save`` of the
same analyses, one at a time, leaves (speakers across articles, quotes, claims, search), on real analyses
(../shared) and on generated ones full of surname-only speakers that later join a full name; another
writer between its chunks; kill -9 midway then again; unreadable partitions as failed inputs."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from store_fixtures import analysis, articles_in, dump, make_db  # noqa: F401 - fixtures

from sayso import batch
from sayso.bulkload import load_run
from sayso.cli import cli
from sayso.errors import StoreError
from sayso.model import Analysis, Article
from sayso.partitions import ANALYSIS_SCHEMA, RunFolder, RunSpec
from sayso.sources import Columns, iter_articles
from sayso.store import bulk_pipe, open_store
from sayso.store import schema as t
from sayso.store.bulk import PgSettings
from sayso.store.bulk_rows import may_skip_row_checks, merge_many, references_checked_once
from sayso.store.speaker_sql import merge

# Names as articles give them: full, surname only, with titles and roles, people who share a surname,
# organisations under two spellings, an unnamed speaker.
NAMES = [
    "Elena Varga", "Varga", "Mayor Varga", "Mrs. Varga", "Boris Johnson", "Stanley Johnson", "Johnson",
    "Mr. Johnson", "Dmitry Peskov", "Peskov", "Kremlin spokesman Dmitry Peskov", "D. Peskov", "Mrs. Peskov",
    "Anna Peskova", "Tomas Reyes", "Reyes", "Council chair Tomas Reyes", "the Kremlin", "Kremlin",
    "Police", "a senior official",
]  # fmt: skip
KINDS = {"the Kremlin": "ORG", "Kremlin": "ORG", "Police": "GROUP", "a senior official": "PERSON"}
ROLES = ["mayor", "former prime minister", "spokesman", "council chair", "father"]


def generated(count: int, seed: int) -> list[Analysis]:
    rng = random.Random(seed)
    items = []
    for n in range(count):
        names = rng.sample(NAMES, rng.randint(1, 3))
        statements = [(name, rng.choice(["said", "denied"]), f"Statement {i} of article {n}") for i, name in
                      enumerate(names)]  # fmt: skip
        roles = {name: [rng.choice(ROLES)] for name in names if rng.random() < 0.3}
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.9 else None
        dispute = (0, 1) if len(names) > 1 and rng.random() < 0.3 else None
        items.append(analysis(f"g{seed}-{n:04d}", statements, roles=roles, published=published,
                              source=rng.choice(["Gazette", "Herald"]), types=KINDS, dispute=dispute))  # fmt: skip
    return items


# A surname-only speaker joins the full name, then a second full name makes the surname ambiguous again:
# the surname-only speaker comes back under the id the merge deleted (in later articles and in the same one).
RETURNING = [
    analysis("r1", [("Johnson", "said", "One")]),
    analysis("r2", [("Boris Johnson", "said", "Two")]),
    analysis("r3", [("Stanley Johnson", "said", "Three")]),
    analysis("r4", [("Johnson", "said", "Four")]),
    analysis("r5", [("Varga", "said", "Five"), ("Elena Varga", "said", "Six"), ("Mrs. Varga", "said", "Seven")]),
    analysis("r6", [("Andrea Varga", "said", "Eight"), ("Varga", "said", "Nine")]),
]


def write_run(out: Path, analyses: Sequence[Analysis], size: int) -> None:
    folder = RunFolder(out, RunSpec(("test",), asdict(Columns()), False, True, size))
    folder.claim()
    for number, first in enumerate(range(0, len(analyses), size)):
        folder.write(number, analyses[first : first + size], [])
    folder.finish()


def saved_one_at_a_time(url: str, analyses: Sequence[Analysis]) -> None:
    with open_store(url) as store:
        for a in analyses:
            store.save(a)


def searches(url: str, words: Sequence[str]) -> list[object]:
    """What the questions answer: word searches, speaker searches, the speakers with their aliases."""
    with open_store(url) as store:
        found: list[object] = [[q.model_dump() for q in store.quotes(search=w, limit=1000)] for w in words]
        for name in ("Johnson", "Varga", "Peskov", "Kremlin"):
            found.append([q.model_dump() for q in store.quotes(speaker=name, limit=1000)])
        found.append([s.model_dump() for s in store.top_speakers(limit=1000)])
    return found


def assert_same_archive(bulk: str, one_by_one: str, words: Sequence[str] = ("statement", "article")) -> None:
    assert dump(bulk) == dump(one_by_one)
    assert searches(bulk, words) == searches(one_by_one, words)


@pytest.mark.parametrize("size", [1, 7, 2000])  # analyses a transaction
def test_bulk_load_equals_saving_one_at_a_time(make_db: Callable[[], str], tmp_path: Path, size: int) -> None:  # noqa: F811
    items = [*RETURNING, *generated(300, seed=size)]
    expected, loaded = make_db(), make_db()
    saved_one_at_a_time(expected, items)
    write_run(tmp_path / "run", items, 50)
    with open_store(loaded) as store:
        summary = load_run(store, tmp_path / "run", chunk=size)
    assert (summary.articles, summary.present, summary.not_loaded) == (len(items), 0, [])
    assert summary.quotes == sum(len(a.quotes) for a in items)
    assert_same_archive(loaded, expected)
    with open_store(loaded) as store:  # merges did happen, and came back
        speakers = store.top_speakers(limit=1000)
        assert {"Boris Johnson", "Stanley Johnson", "Johnson", "Elena Varga"} <= {s.name for s in speakers}
        assert any({"Kremlin", "the Kremlin"} <= set(s.aliases) for s in speakers)


def test_bulk_load_onto_a_filled_archive_with_another_writer_between_chunks(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    before, during = generated(80, seed=11), generated(40, seed=12)
    items = generated(120, seed=13)
    expected, loaded = make_db(), make_db()
    writes = iter(during)

    def another_writer(_: object) -> None:  # `sayso ingest` saving while the load runs
        with open_store(loaded) as other:
            for a in [next(writes, None) for _ in range(3)]:
                if a is not None:
                    other.save(a)

    write_run(tmp_path / "run", items, 10)
    saved_one_at_a_time(loaded, before)
    with open_store(loaded) as store:
        load_run(store, tmp_path / "run", progress=another_writer, chunk=10)
    # the same saves in the order they happened: 3 of `during` after each chunk (a partition) of 10
    order = list(before)
    for part in range(12):
        order += items[part * 10 : part * 10 + 10] + during[part * 3 : part * 3 + 3]
    saved_one_at_a_time(expected, order)
    assert_same_archive(loaded, expected)


def test_loading_twice_changes_nothing_and_a_kill_midway_then_again_is_one_run(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    items = generated(3000, seed=5)
    out = tmp_path / "run"
    write_run(out, items, 50)
    clean, killed = make_db(), make_db()
    with open_store(clean) as store:
        load_run(store, out)
        once = dump(clean)
        again = load_run(store, out)
    assert (again.articles, again.present) == (0, len(items))
    assert dump(clean) == once

    open_store(killed).close()
    command = [sys.executable, "-m", "sayso.cli", "load", str(out), "--db", killed, "--quiet"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    while proc.poll() is None and stored < 100:
        time.sleep(0.01)
        stored = articles_in(killed)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    assert 100 <= articles_in(killed) < len(items)
    rerun = CliRunner().invoke(cli, ["load", str(out), "--db", killed, "--quiet"])
    assert rerun.exit_code == 0, rerun.stderr
    assert dump(killed) == once


def test_unreadable_partitions_are_failed_inputs_and_the_rest_loads(tmp_path: Path) -> None:
    items = generated(12, seed=3)
    out = tmp_path / "run"
    write_run(out, items, 4)
    (out / "part-000001.parquet").write_bytes(b"PAR1 this is not parquet")
    rows = [a.model_dump() for a in items[8:]]
    rows[1]["quotes"][0]["kind"] = "shouted"  # not a kind of quote
    pq.write_table(pa.Table.from_pylist(rows, schema=ANALYSIS_SCHEMA), out / "part-000002.parquet")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    done = CliRunner().invoke(cli, ["load", str(out), "--db", url, "--quiet"])
    assert done.exit_code == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("not loaded: ")]
    assert lines[0].startswith(f"not loaded: {out / 'part-000001.parquet'}: not a readable partition (")
    assert lines[1].startswith(f"not loaded: {out / 'part-000002.parquet'}#1: row 1 is not an analysis (")
    assert "quotes.0.kind" in lines[1] and len(lines) == 2
    assert "stored 7 articles" in done.stderr and "2 failed inputs recorded" in done.stderr
    with open_store(url) as store:
        assert {f.input for f in store.failures()} == {
            str(out / "part-000001.parquet"),
            f"{out / 'part-000002.parquet'}#1",
        }
        assert store.stats().articles == 7
    again = CliRunner().invoke(cli, ["load", str(out), "--db", url, "--quiet"])
    assert again.exit_code == 1 and "stored 0 articles" in again.stderr and "0 failed inputs recorded" in again.stderr


def test_an_article_the_database_refuses_is_a_failed_input_and_the_rest_loads(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    url = make_db()
    if not url.startswith("postgresql"):
        pytest.skip("SQLite stores any text; PostgreSQL refuses a NUL character")
    items = generated(30, seed=9)
    items[12] = items[12].model_copy(update={"title": "A title with a NUL \x00 in it"})
    write_run(tmp_path / "run", items, 10)
    with open_store(url) as store:
        summary = load_run(store, tmp_path / "run")
        assert (summary.articles, summary.failures) == (29, 1)
        [line] = summary.not_loaded
        assert line.startswith(f"{items[12].id}: not stored (") and "\n" not in line
        assert [f.input for f in store.failures()] == [items[12].id]
    expected = make_db()
    saved_one_at_a_time(expected, items[:12] + items[13:])
    loaded, saved = dump(url), dump(expected)
    assert loaded.pop("failures") != saved.pop("failures") == []
    assert loaded == saved


def test_postgresql_checks_the_loads_references_once_a_chunk_and_refuses_a_reference_to_nothing(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    """On PostgreSQL (as a role that may set session_replication_role) the article rows are written without the
    per-row foreign-key checks, their references checked once a chunk instead: the archive is the same (the
    tests above), a reference to a speaker or an article that is not stored is refused before anything is
    written, the setting does not outlive the load's transactions, and a trigger on the tables turns it off."""
    db_url = make_db()
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite checks its foreign keys itself")
    write_run(tmp_path / "run", generated(20, seed=4), 10)
    with open_store(db_url) as store:
        load_run(store, tmp_path / "run")
        with store._write() as conn:
            speaker = conn.exec_driver_sql("SELECT min(id) FROM speakers").scalar()
            assert may_skip_row_checks(conn)
            new = {"id": "new", "article_id": "new", "speaker_id": speaker}
            references_checked_once(conn, [{"id": "new"}], [(t.quotes, [new])])
            stored = {**new, "article_id": "g4-0003"}
            references_checked_once(conn, [], [(t.article_speakers, [stored])])
            for bad, missing in (({**new, "speaker_id": "nobody"}, "speakers id 'nobody'"), (
                {**new, "article_id": "elsewhere"}, "articles id 'elsewhere'")):  # fmt: skip
                with pytest.raises(StoreError, match=missing):
                    references_checked_once(conn, [{"id": "new"}], [(t.quotes, [bad])])
            assert conn.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"
            conn.exec_driver_sql("CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'")
            conn.exec_driver_sql("CREATE TRIGGER noop BEFORE INSERT ON quotes FOR EACH ROW EXECUTE FUNCTION noop()")
            assert not may_skip_row_checks(conn)
            conn.rollback()


def test_merging_stored_speakers_at_once_equals_merging_them_in_turn(make_db: Callable[[], str]) -> None:  # noqa: F811
    """merge_many (PostgreSQL: a few statements for all the chunk's merges) leaves what speaker_sql.merge of
    each in turn leaves: two surname-only speakers into one full name (shared aliases, words and a role whose
    dates are partly unknown), a third into another that already has its alias."""
    keys = ("id", "name", "type", "key", "surname", "gender", "quote_count", "article_count", "first_seen", "last_seen")
    speakers = [
        ("o1", "Varga", "PERSON", "varga", "varga", None, 2, 1, "2024-01-02", "2024-03-01"),
        ("o2", "Mrs Varga", "PERSON", "varga", "varga", "female", 1, 1, "2023-11-01", None),
        ("n1", "Elena Varga", "PERSON", "elena varga", "varga", "female", 5, 3, "2024-02-01", None),
        ("o3", "Reyes", "PERSON", "reyes", "reyes", None, 1, 1, "2024-05-01", "2024-05-01"),
        ("n2", "Tomas Reyes", "PERSON", "tomas reyes", "reyes", "male", 0, 0, None, None),
    ]
    aliases = [("o1", "Varga"), ("o2", "Varga"), ("o2", "Mrs Varga"), ("n1", "Elena Varga"), ("o3", "Reyes"),
               ("n2", "Reyes")]  # fmt: skip
    tokens = [("o1", "varga"), ("o2", "varga"), ("n1", "varga"), ("n1", "elena"), ("o3", "reyes"), ("n2", "reyes")]
    roles = [("o1", "mayor", "2024-01-02", "2024-01-05", 1), ("o2", "mayor", "2023-12-01", None, 2),
             ("n1", "mayor", "2024-02-01", "2024-02-01", 1), ("o2", "chair", "2024-01-01", "2024-01-01", 1),
             ("o3", "spokesman", None, None, 1)]  # fmt: skip
    pairs = [("o1", "n1"), ("o2", "n1"), ("o3", "n2")]
    urls = make_db(), make_db()
    for url, at_once in zip(urls, (True, False), strict=True):
        with open_store(url) as store:
            store.save(analysis("a1", [("Alpha", "said", "One"), ("Beta", "said", "Two"), ("Gamma", "said", "Three")]))
            with store._write() as conn:
                conn.execute(t.speakers.insert(), [dict(zip(keys, row, strict=True)) for row in speakers])
                conn.execute(t.speaker_aliases.insert(), [{"speaker_id": s, "alias": a} for s, a in aliases])
                conn.execute(t.speaker_tokens.insert(), [{"speaker_id": s, "token": w} for s, w in tokens])
                role_keys = ("speaker_id", "role", "first_seen", "last_seen", "articles")
                conn.execute(t.speaker_roles.insert(), [dict(zip(role_keys, row, strict=True)) for row in roles])
                for name, content, sid in (("Alpha", "One", "o1"), ("Beta", "Two", "o2"), ("Gamma", "Three", "o3")):
                    conn.execute(t.quotes.update().where(t.quotes.c.content == content).values(speaker_id=sid))
                    s = t.article_speakers
                    conn.execute(s.update().where(s.c.name == name).values(speaker_id=sid))
            with store._write() as conn:
                if at_once:
                    merge_many(conn, pairs)
                else:
                    for old, new in pairs:
                        merge(conn, old, new)
    merged, in_turn = dump(urls[0]), dump(urls[1])
    assert merged == in_turn
    assert {row[0] for row in merged["speakers"]} >= {"'n1'", "'n2'"} and "'o1'" not in str(merged["speakers"])


@pytest.fixture(scope="module")
def real_analyses(shared_dir: Path) -> list[Analysis]:
    """The examples and a sample of PolNeAR dev texts analysed by the pipeline, each article twice more under
    other ids (as a news archive holds the same story from several outlets)."""
    examples = sorted(shared_dir.glob("examples/*/article.txt"))
    dev = sorted((shared_dir / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    if not examples or not dev:
        pytest.skip(f"no examples or PolNeAR dev texts under {shared_dir}")
    paths = examples + dev[:: max(1, len(dev) // 12)][:12]
    options = batch.Options()
    analyses = [batch.analyze_one(a, options) for a in iter_articles([str(p) for p in paths]) if isinstance(a, Article)]
    copies = [a.model_copy(update={"id": f"{a.id}-{n}", "source": f"Outlet {n}"}) for n in (1, 2) for a in analyses]
    return analyses + copies


@pytest.mark.slow
def test_bulk_load_of_real_analyses_equals_saving_one_at_a_time(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
    real_analyses: list[Analysis],
) -> None:
    assert sum(len(a.quotes) for a in real_analyses) > 100
    expected, loaded = make_db(), make_db()
    saved_one_at_a_time(expected, real_analyses)
    write_run(tmp_path / "run", real_analyses, 5)
    with open_store(loaded) as store:
        load_run(store, tmp_path / "run")
    assert_same_archive(loaded, expected, words=("president", "said", "Trump", '"the campaign"', "Russia"))


def test_saving_many_in_one_transaction_equals_saving_one_at_a_time(make_db: Callable[[], str]) -> None:  # noqa: F811
    """Store.save_many: a surname-only speaker merged into a full name and coming back in the same batch."""
    items = [*RETURNING, *generated(60, seed=3)]
    expected, many = make_db(), make_db()
    saved_one_at_a_time(expected, items)
    with open_store(many) as store:
        assert store.save_many(items) == len(items)
    assert_same_archive(many, expected)


def test_postgresql_writer_process_a_refused_chunk_and_a_killed_writer_leave_the_archive_of_one_process(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
) -> None:
    """On PostgreSQL a load of more than one chunk is written by a second process while the load prepares the
    next chunk: a chunk the database refuses (an article with a NUL) is written again by the load itself, one
    article at a time; a writer killed midway leaves the rest to the load's own process; the archive is the
    one saving the articles one at a time gives."""
    url = make_db()
    if not url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite is written by a thread (the next test)")
    items = generated(90, seed=21)
    items[25] = items[25].model_copy(update={"title": "A title with a NUL \x00 in it"})
    write_run(tmp_path / "run", items, 10)
    writers: list[int] = []  # the writer process at each chunk written

    def kill_the_writer(summary: object) -> None:
        found = [p.pid or 0 for p in multiprocessing.active_children() if p.name == "sayso-load-writer"]
        writers.extend(found)
        if len(writers) == 4 and found:  # the fourth chunk written: the writer killed, the rest in one process
            os.kill(found[0], signal.SIGKILL)

    with open_store(url) as store:
        summary = load_run(store, tmp_path / "run", progress=kill_the_writer, chunk=10)
        assert (summary.articles, summary.failures) == (89, 1)
        assert [line.split(":")[0] for line in summary.not_loaded] == [items[25].id]
    assert len(set(writers)) == 1 and len(writers) == 4, "the load had no writer process, or it was not killed"
    expected = make_db()
    saved_one_at_a_time(expected, items[:25] + items[26:])
    loaded, saved = dump(url), dump(expected)
    assert loaded.pop("failures") != saved.pop("failures") == []
    assert loaded == saved


def test_sqlite_writer_thread_a_failed_chunk_is_written_by_the_load_and_in_memory_there_is_no_thread(
    make_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite a load of more than one chunk is written by a thread while the load prepares the next chunk: a
    chunk the thread fails to write (here its third) is written by the load itself; the archive is the one
    saving the articles one at a time gives. An in-memory database (one connection) is loaded without one."""
    url = make_db()
    if not url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL is written by a process (the test before)")
    items = generated(60, seed=31)
    write_run(tmp_path / "run", items, 10)
    plans, threads = [], []
    write = bulk_pipe._write

    def failing_third(eng: object, plan: object, settings: object) -> object:
        plans.append(plan)
        if len(plans) == 3:
            raise RuntimeError("a disk gone")
        return write(eng, plan, settings)  # type: ignore[arg-type]

    def writer_seen(_: object) -> None:
        threads.append(any(thread.name == "sayso-load-writer" for thread in threading.enumerate()))

    monkeypatch.setattr(bulk_pipe, "_write", failing_third)
    with open_store(url) as store:
        summary = load_run(store, tmp_path / "run", progress=writer_seen, chunk=10)
    assert (summary.articles, summary.failures, summary.not_loaded) == (60, 0, [])
    assert len(plans) == 6 and all(threads)
    expected = make_db()
    saved_one_at_a_time(expected, items)
    assert_same_archive(url, expected)

    plans.clear()
    with open_store("sqlite://") as store:
        assert load_run(store, tmp_path / "run", chunk=10).articles == 60
    assert plans == []


def test_postgresql_checks_once_a_chunk_can_be_turned_off(
    make_db: Callable[[], str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = make_db()
    if not url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    with open_store(url) as store, store._write() as conn:
        on = PgSettings()
        on.set(conn)
        monkeypatch.setenv("SAYSO_LOAD_CHECKS_ONCE", "0")
        off = PgSettings()
        off.set(conn)
        assert (on.checks_once, off.checks_once) == (True, False)
