"""Tests for `sayso batch` (local and Ray engines), its output folder, and `sayso load`.

The Ray tests start one local Ray (2 CPUs, no dashboard) for the module; they are few and small because
Ray's start-up is slow. The comparison with `sayso analyze` uses ../shared (skipped when it is absent).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from store_fixtures import analysis, dump, make_db  # noqa: F401 - fixtures

from sayso import batch
from sayso.batchrun import run_batch
from sayso.bulkload import load_run
from sayso.cli import cli
from sayso.errors import BatchError
from sayso.model import Analysis
from sayso.partitions import ANALYSIS_SCHEMA, RunFolder, RunSpec, read_run
from sayso.sources import Columns
from sayso.store import open_store

SPEAKERS = ["Mayor Elena Varga", "Tomas Reyes", "Priya Nair", "the ministry", "Police", "Dr. Ana Costa"]


def _short_articles(count: int) -> list[dict[str, str]]:
    """Small generated news items, each with a direct quote and a reported statement."""
    rows = []
    for n in range(count):
        a, b = SPEAKERS[n % len(SPEAKERS)], SPEAKERS[(n + 2) % len(SPEAKERS)]
        text = (
            f'"We will finish bridge number {n} before the winter," {a} said on Monday.\n\n'
            f"{b} told reporters that the inspection of bridge {n} had never been completed, "
            f"and that the council would meet again on day {n % 28 + 1}."
        )
        rows.append({"id": f"n{n:03d}", "text": text, "source": "Harbour Gazette"})
    return rows


def _jsonl(path: Path, rows: list[dict[str, str]], bad_lines: int = 0) -> Path:
    lines = [json.dumps(r) for r in rows] + ["{not json"] * bad_lines
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _spec(*inputs: str, size: int = 4) -> RunSpec:
    return RunSpec(tuple(inputs), asdict(Columns()), False, True, size)


def _expected(path: Path) -> dict[str, Analysis]:
    """What `sayso analyze` gives for each article of a JSONL file, read the same way."""
    from sayso.sources import iter_articles

    options = batch.Options()
    return {a.id: batch.analyze_one(a, options) for a in iter_articles([str(path)]) if not hasattr(a, "error")}


def _ids(out: Path) -> list[str]:
    return [a.id for a in read_run(out)]


# --------------------------------------------------------------------------- the output folder (local engine)


def test_local_batch_partitions_and_failures(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _short_articles(6), bad_lines=1)
    out = tmp_path / "run"
    summary = run_batch(_spec(str(source)), out, workers=1)
    assert (summary.analyzed, summary.failed, summary.partitions_written) == (6, 1, 2)
    assert sorted(p.name for p in out.glob("part-*.parquet")) == ["part-000000.parquet", "part-000001.parquet"]
    assert pq.read_schema(out / "part-000000.parquet").equals(ANALYSIS_SCHEMA, check_metadata=False)
    assert pq.read_table(out / "part-000000.parquet").num_rows == 4
    failed = [json.loads(line) for line in (out / "failed.jsonl").read_text().splitlines()]
    assert failed == [{"input": f"{source}:7", "error": "not JSON (Expecting property name enclosed in double quotes)"}]
    expected = _expected(source)
    got = list(read_run(out))
    assert [a.id for a in got] == [f"n{n:03d}" for n in range(6)]
    assert all(a == expected[a.id] for a in got)
    assert sum(len(a.quotes) for a in got) >= 6


def test_rerun_keeps_finished_partitions_and_redoes_the_rest(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _short_articles(9))
    out = tmp_path / "run"
    run_batch(_spec(str(source)), out, workers=1)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    again = run_batch(_spec(str(source)), out, workers=1)
    assert (again.analyzed, again.partitions_written, again.partitions_skipped) == (0, 0, 3)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")} == stamps
    (out / "part-000001.parquet").unlink()  # as if the run had been killed before this partition was written
    resumed = run_batch(_spec(str(source)), out, workers=1)
    assert (resumed.analyzed, resumed.partitions_written) == (4, 1)
    assert (out / "part-000000.parquet").stat().st_mtime_ns == stamps["part-000000.parquet"]
    assert _ids(out) == [f"n{n:03d}" for n in range(9)]


def test_folder_of_another_run_is_refused(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _short_articles(2))
    out = tmp_path / "run"
    run_batch(_spec(str(source)), out, workers=1)
    before = {p.name: p.read_bytes() for p in out.glob("part-*")}
    with pytest.raises(BatchError, match="holds a different run"):
        run_batch(_spec(str(source), size=7), out, workers=1)
    with pytest.raises(BatchError, match="holds a different run"):
        run_batch(_spec(str(source), str(source)), out, workers=1)
    assert {p.name: p.read_bytes() for p in out.glob("part-*")} == before
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(BatchError, match="not empty and not a sayso batch output"):
        RunFolder(other, _spec(str(source))).claim()


def test_cli_batch_and_errors(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [{"key": "k1", "body": '"Yes," she said.'}], bad_lines=1)
    out = tmp_path / "run"
    runner = CliRunner()
    done = runner.invoke(
        cli, ["batch", str(source), "--out", str(out), "--workers", "1", "--id-column", "key", "--text-column", "body"]
    )
    assert done.exit_code == 1  # one line of the input failed
    assert f"failed: {source}:2: not JSON" in done.stderr
    assert "analyzed 1, failed 1" in done.stderr
    assert _ids(out) == ["k1"]
    other = runner.invoke(cli, ["batch", str(source), "--out", str(out), "--workers", "1"])
    assert isinstance(other.exception, BatchError)  # main() prints it as one line
    assert "holds a different run" in str(other.exception)
    usage = runner.invoke(cli, ["batch", str(source), "--out", str(tmp_path / "x"), "--address", "h:1"])
    assert usage.exit_code == 2 and "--address needs --engine ray" in usage.stderr


def test_unreachable_cluster_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = _jsonl(tmp_path / "in.jsonl", _short_articles(1))
    out = tmp_path / "run"
    command = [sys.executable, "-m", "sayso.cli", "batch", str(source), "--out", str(out), "--engine", "ray"]
    done = subprocess.run([*command, "--address", f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == f"sayso: 127.0.0.1:{port}: cannot reach the Ray cluster (Connection refused)"
    assert not out.exists()


# --------------------------------------------------------------------------- same answers as `sayso analyze`


def _shared_sample(shared_dir: Path, polnear: int) -> list[Path]:
    examples = sorted(shared_dir.glob("examples/*/article.txt"))
    dev = sorted((shared_dir / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    if not examples or not dev:
        pytest.skip(f"no examples or PolNeAR dev texts under {shared_dir}")
    return examples + dev[:: max(1, len(dev) // polnear)][:polnear]


def _analyze_command(paths: list[Path]) -> list[Analysis]:
    """`sayso analyze PATH... --format jsonl`, run as a user runs it."""
    runner = CliRunner()
    done = runner.invoke(cli, ["analyze", *map(str, paths), "--format", "jsonl"])
    assert done.exit_code == 0, done.stderr
    return [Analysis.model_validate_json(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
def test_local_batch_equals_analyze(shared_dir: Path, tmp_path: Path) -> None:
    paths = _shared_sample(shared_dir, polnear=3)
    out = tmp_path / "run"
    summary = run_batch(_spec(*map(str, paths), size=2), out, workers=2)
    assert summary.failed == 0
    assert list(read_run(out)) == _analyze_command(paths)


# --------------------------------------------------------------------------- the Ray engine (local Ray, 2 CPUs)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray = pytest.importorskip("ray", reason="the Ray engine needs the ray extra (make test installs it)")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.slow
@pytest.mark.usefixtures("local_ray")
def test_ray_batch_equals_analyze(shared_dir: Path, tmp_path: Path) -> None:
    paths = _shared_sample(shared_dir, polnear=2)
    bad = tmp_path / "unreadable.txt"
    bad.write_bytes(b"")
    out = tmp_path / "run"
    summary = run_batch(_spec(*map(str, paths), str(bad), size=2), out, engine="ray", workers=2)
    assert summary.failed == 1
    assert list(read_run(out)) == _analyze_command(paths)
    assert json.loads((out / "failed.jsonl").read_text()) == {"input": str(bad), "error": "empty file"}


def _actor_processes() -> list[psutil.Process]:
    """The Ray worker processes that hold a sayso Analyzer actor (Ray names them after the actor)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if cmdline.startswith("ray::") and "Analyzer" in cmdline:
            found.append(proc)
    return found


@pytest.mark.slow
@pytest.mark.usefixtures("local_ray")
def test_ray_worker_killed_midway_loses_nothing_and_writes_nothing_twice(tmp_path: Path) -> None:
    rows = _short_articles(24)
    source = _jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "run"
    killed: list[tuple[int, int]] = []  # (pid, partitions finished when it was killed)

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            done = len(list(out.glob("part-*.parquet"))) if out.is_dir() else 0
            workers = _actor_processes()
            if done >= 1 and workers:
                os.kill(workers[0].pid, signal.SIGKILL)
                killed.append((workers[0].pid, done))
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_worker, daemon=True)
    killer.start()
    summary = run_batch(_spec(str(source), size=2), out, engine="ray", workers=2)
    killer.join(timeout=5)
    assert killed, "no Analyzer worker was found to kill"
    assert killed[0][1] < 12  # killed before the last partition was written
    assert not psutil.pid_exists(killed[0][0]) or psutil.Process(killed[0][0]).status() == psutil.STATUS_ZOMBIE
    assert (summary.analyzed, summary.failed) == (24, 0)
    ids = _ids(out)
    assert ids == [r["id"] for r in rows]  # every article once, in order
    assert len(list(out.glob("part-*.parquet"))) == 12
    expected = _expected(source)
    assert all(a == expected[a.id] for a in read_run(out))


# --------------------------------------------------------------------------- sayso load


def _synthetic_run(out: Path, count: int, per_article: int = 3) -> RunSpec:
    spec = _spec("synthetic", size=5)
    folder = RunFolder(out, spec)
    folder.claim()
    items = [
        analysis(
            f"a{n:04d}",
            [(SPEAKERS[(n + i) % len(SPEAKERS)], "said", f"Statement {i} of article {n}") for i in range(per_article)],
            source="Gazette",
            published=f"2024-01-{n % 28 + 1:02d}",
        )
        for n in range(count)
    ]
    for part in range(0, count, 5):
        failures = [{"input": f"in.jsonl:{part}", "error": "not JSON"}] if part == 0 else []
        folder.write(part // 5, items[part : part + 5], failures)
    folder.finish()
    return spec


def test_load_twice_changes_nothing(make_db: Callable[[], str], tmp_path: Path) -> None:  # noqa: F811
    url = make_db()
    out = tmp_path / "run"
    _synthetic_run(out, 12)
    with open_store(url) as store:
        first = load_run(store, out)
        assert (first.articles, first.present, first.quotes, first.failures, first.partitions) == (12, 0, 36, 1, 3)
        stats = store.stats()
        assert (stats.articles, stats.quotes, stats.failed) == (12, 36, 1)
    once = dump(url)
    with open_store(url) as store:
        second = load_run(store, out)
        assert (second.articles, second.present, second.quotes, second.failures) == (0, 12, 0, 0)
    assert dump(url) == once


def test_cli_load(tmp_path: Path) -> None:
    out = tmp_path / "run"
    _synthetic_run(out, 3)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    runner = CliRunner()
    done = runner.invoke(cli, ["load", str(out), "--db", url, "--quiet"])
    assert done.exit_code == 0, done.stderr
    assert "stored 3 articles (9 quotes" in done.stderr
    not_a_run = runner.invoke(cli, ["load", str(tmp_path), "--db", url])
    assert isinstance(not_a_run.exception, BatchError)
    assert str(not_a_run.exception) == f"{tmp_path}: not a sayso batch output (no _run.json)"
