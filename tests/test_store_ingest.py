"""`sayso ingest` as a user runs it (a subprocess, the real pipeline), on SQLite and PostgreSQL: kill -9 in
the middle then the same command again gives the archive one clean run gives; ingesting again changes
nothing; a bad input is recorded and the rest go on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from store_fixtures import articles_in, dump, make_db  # noqa: F401 - fixtures

from sayso.store import open_store

PEOPLE = [
    ("Dmitry Peskov", "Kremlin spokesman"),
    ("Boris Johnson", "former prime minister"),
    ("Elena Varga", "mayor"),
    ("Tomas Reyes", "council chair"),
]
ARTICLES = 14


def write_articles(folder: Path, n: int = ARTICLES) -> None:
    """Short articles in which the same people speak, named in full, by surname, with their roles."""
    folder.mkdir()
    for i in range(n):
        (name, role), (other, other_role) = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        surname = name.split()[-1]
        text = (
            f"The {role} {name} said on Monday that plan number {i} would fail within a year. "
            f'"We have seen this before, in case {i}," {surname} told reporters.\n\n'
            f"{other}, the {other_role}, denied that plan {i} would fail. "
            f'"There was never a problem with plan {i}," {other.split()[-1]} said.\n'
        )
        (folder / f"article{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # fails: recorded, the rest go on


def sayso(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sayso.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)


def kill_midway(folder: Path, url: str, after: int) -> int:
    """Starts `sayso ingest`, kills it (-9) once ``after`` articles are stored; returns how many were."""
    open_store(url).close()  # the schema, so that the count below can be read from the start
    command = [sys.executable, "-m", "sayso.cli", "ingest", str(folder), "--db", url, "--quiet"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        stored = 0
        while proc.poll() is None and stored < after:
            time.sleep(0.02)
            stored = articles_in(url)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    return articles_in(url)


def test_kill_9_midway_then_rerun_equals_one_clean_run(make_db: Callable[[], str], tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "articles"
    write_articles(folder)
    clean, killed = make_db(), make_db()

    once = sayso("ingest", str(folder), "--db", clean, "--workers", "2", "--quiet")
    assert once.returncode == 1, once.stderr  # the empty file failed
    assert f"ingested {ARTICLES}, skipped 0 already present, failed 1" in once.stderr
    assert "empty.txt" in once.stderr and "Traceback" not in once.stderr

    stored = kill_midway(folder, killed, after=3)
    assert 3 <= stored < ARTICLES
    rerun = sayso("ingest", str(folder), "--db", killed)
    assert f"ingested {ARTICLES - stored}, skipped {stored} already present, failed 1" in rerun.stderr

    assert dump(killed) == dump(clean)
    stats = [sayso("stats", "--db", url, "--format", "json").stdout for url in (clean, killed)]
    assert stats[0] == stats[1] and f'"articles": {ARTICLES}' in stats[0]

    again = sayso("ingest", str(folder), "--db", killed, "--quiet")
    assert f"ingested 0, skipped {ARTICLES} already present, failed 1" in again.stderr
    assert dump(killed) == dump(clean)

    with open_store(killed) as store:
        names = {s.name: s for s in store.top_speakers()}
        assert {"Dmitry Peskov", "Boris Johnson", "Elena Varga", "Tomas Reyes"} <= set(names)
        assert "Peskov" in names["Dmitry Peskov"].aliases
        assert [f.input for f in store.failures()] == [str(folder / "empty.txt")]


def test_ingest_reads_mapped_columns_and_records_bad_inputs(tmp_path: Path) -> None:
    rows = [
        {"key": "k1", "body": '"The bridge is safe," Mayor Elena Varga said on Monday.', "outlet": "Port News"},
        {"key": "k2", "body": '"It is not," council chair Tomas Reyes told reporters.', "outlet": "Harbour Times"},
    ]
    feed = tmp_path / "archive.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,title\n1,Headline only\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    columns = ["--id-column", "key", "--text-column", "body", "--source-column", "outlet"]
    done = sayso("ingest", str(feed), str(no_text), "--db", url, "--quiet", *columns)
    assert done.returncode == 1, done.stderr
    assert "ingested 2, skipped 0 already present, failed 1" in done.stderr and "no_text.csv" in done.stderr
    with open_store(url) as store:
        assert {q.outlet for q in store.quotes()} == {"Port News", "Harbour Times"}
        assert store.article("k1") is not None
        assert [f.input for f in store.failures()][0].startswith(str(no_text))
