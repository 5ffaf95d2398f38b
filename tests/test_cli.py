"""Tests for the `sayso` command: output formats, stdin, the demo, bad inputs in a batch, workers,
exit codes (0 ok, 1 some inputs failed, 2 usage) and `sayso eval polnear`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sayso.cli import cli

SIMPLE = '"We will win," the senator said.'
TWO_SPEAKERS = (
    '"We will win," Senator Jane Smith said on Monday.\n\nThe opposition leader, Tom Brown, said the vote was lost.\n'
)
UNBALANCED = 'He said "this is open. Officials said the plan was delayed.'
# HTML with a menu and a title but no article text.
HTML_NO_ARTICLE = (
    "<!DOCTYPE html><html><head><title>Home</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
    "</body></html>"
)
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
ENTRY_POINT = Path(sys.executable).with_name("sayso")


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def error_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


def assert_spans_index_text(analysis: dict[str, Any]) -> None:
    """Every quote's spans cut its words, cue and source out of the analysis text."""
    text = analysis["text"]
    for quote in analysis["quotes"]:
        assert " … ".join(text[s:e] for s, e in quote["content_spans"]) == quote["content"]
        if quote["cue_span"] is not None:
            assert text[slice(*quote["cue_span"])] == quote["cue"]
        if quote["source_span"] is not None:
            assert text[slice(*quote["source_span"])] == quote["source"]


def statements(analysis: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(q["speaker"]["name"] if q["speaker"] else None, q["content"]) for q in analysis["quotes"]]


@pytest.fixture
def simple(tmp_path: Path) -> Path:
    path = tmp_path / "senator.txt"
    path.write_text(SIMPLE, encoding="utf-8")
    return path


@pytest.fixture
def two_speakers(tmp_path: Path) -> Path:
    path = tmp_path / "vote.txt"
    path.write_text(TWO_SPEAKERS, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- formats, stdin, demo


def test_table_shows_speaker_names(two_speakers: Path) -> None:
    result = invoke("analyze", str(two_speakers))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("vote: 2 statements, 2 speakers")
    assert "Jane Smith" in result.stdout
    assert "Tom Brown" in result.stdout
    assert result.stderr == ""


def test_jsonl_spans_index_the_text(simple: Path) -> None:
    result = invoke("analyze", "--format", "jsonl", str(simple))
    assert result.exit_code == 0, result.output
    [analysis] = records(result)
    assert analysis["id"] == "senator"
    assert analysis["text"] == SIMPLE
    [quote] = analysis["quotes"]
    assert [SIMPLE[s:e] for s, e in quote["content_spans"]] == ["We will win"]
    assert SIMPLE[slice(*quote["cue_span"])] == "said"
    assert SIMPLE[slice(*quote["source_span"])] == "the senator"
    assert quote["speaker"]["name"] == "the senator"
    assert quote["kind"] == "direct"


def test_jsonl_one_object_per_input(simple: Path, two_speakers: Path) -> None:
    result = invoke("analyze", "--format", "jsonl", str(two_speakers), str(simple))
    assert result.exit_code == 0, result.output
    found = records(result)
    assert [a["id"] for a in found] == ["vote", "senator"]
    assert statements(found[0]) == [("Jane Smith", "We will win"), ("Tom Brown", "the vote was lost")]
    for analysis in found:
        assert_spans_index_text(analysis)


def test_json_is_one_array(simple: Path, two_speakers: Path) -> None:
    result = invoke("analyze", "--format", "json", str(simple), str(two_speakers))
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert isinstance(found, list)
    assert [a["id"] for a in found] == ["senator", "vote"]


def test_json_with_a_failed_first_input_is_still_an_array(tmp_path: Path, simple: Path) -> None:
    result = invoke("analyze", "--format", "json", str(tmp_path / "missing.txt"), str(simple))
    assert result.exit_code == 1
    assert [a["id"] for a in json.loads(result.stdout)] == ["senator"]


def test_json_with_every_input_failed_is_an_empty_array(tmp_path: Path) -> None:
    result = invoke("analyze", "--format", "json", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_csv_has_one_row_a_statement(simple: Path) -> None:
    result = invoke("analyze", "--format", "csv", str(simple))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:4] == ["article_id", "quote_id", "kind", "polarity"]
    assert len(rows) == 2 and rows[1][0] == "senator"


def test_stdin(simple: Path) -> None:
    result = invoke("analyze", "--format", "jsonl", "-", input=SIMPLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    [analysis] = records(result)
    assert analysis["id"] == "stdin"
    assert statements(analysis) == [("the senator", "We will win")]


def test_empty_stdin_is_one_line_error() -> None:
    result = invoke("analyze", "-", input=b"")
    assert result.exit_code == 1
    assert error_lines(result) == ["sayso: stdin: empty input"]


def test_demo_lists_statements() -> None:
    result = invoke("demo")
    assert result.exit_code == 0, result.output
    assert "statements" in result.stdout.splitlines()[0]
    for name in ("Varga", "Reyes", "Priya Nair"):
        assert name in result.stdout


def test_demo_jsonl() -> None:
    result = invoke("demo", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [analysis] = records(result)
    assert len(analysis["quotes"]) >= 5
    assert_spans_index_text(analysis)


# --------------------------------------------------------------------------- bad and odd inputs


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _blank(tmp_path: Path) -> Path:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "picture.txt"
    path.write_bytes(BINARY)
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "folder"
    path.mkdir()
    return path


def _html_no_article(tmp_path: Path) -> Path:
    path = tmp_path / "menu.html"
    path.write_text(HTML_NO_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("make_bad", [_empty, _blank, _binary, _missing, _directory, _html_no_article])
def test_bad_input_is_one_line_and_the_batch_goes_on(make_bad: Any, tmp_path: Path, simple: Path) -> None:
    bad = make_bad(tmp_path)
    result = invoke("analyze", "--format", "jsonl", str(bad), str(simple))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    [line] = error_lines(result)
    assert line.startswith(f"sayso: {bad}: ")
    assert "Traceback" not in result.output
    assert [a["id"] for a in records(result)] == ["senator"]


def test_every_bad_input_in_one_batch_is_reported(tmp_path: Path, simple: Path) -> None:
    bad = [make(tmp_path) for make in (_empty, _binary, _missing, _html_no_article)]
    result = invoke("analyze", "--format", "jsonl", str(bad[0]), str(simple), *map(str, bad[1:]))
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == len(bad)
    for path, line in zip(bad, lines, strict=True):
        assert line.startswith(f"sayso: {path}: ")
    assert [a["id"] for a in records(result)] == ["senator"]


MINISTER = '"Café prices will rise," the minister said.'


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("latin1", MINISTER.encode("latin-1"), ("the minister", "Café prices will rise")),
        ("cp1252", "“Prices will rise,” the minister said.".encode("cp1252"), ("the minister", "Prices will rise")),
        ("utf16", MINISTER.encode("utf-16"), ("the minister", "Café prices will rise")),
        ("utf16le_no_bom", MINISTER.encode("utf-16-le"), ("the minister", "Café prices will rise")),
        ("utf8_bom", MINISTER.encode("utf-8-sig"), ("the minister", "Café prices will rise")),
        ("unbalanced", UNBALANCED.encode("utf-8"), ("Officials", "the plan was delayed")),
    ],
)
def test_odd_inputs_work(tmp_path: Path, name: str, data: bytes, expected: tuple[str, str]) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    result = invoke("analyze", "--format", "jsonl", str(path))
    assert result.exit_code == 0, result.output
    [analysis] = records(result)
    assert analysis["id"] == name
    assert expected in statements(analysis)
    assert_spans_index_text(analysis)


def _long_text(filler: str, size: int) -> str:
    head = '"We will win," Senator Jane Smith said.\n\n'
    tail = '"The count is not over," Tom Brown said on Tuesday.\n'
    para = filler + "\n\n"
    return head + para * ((size - len(head) - len(tail)) // len(para) + 1) + tail


def _check_long(tmp_path: Path, text: str) -> None:
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", str(path))
    assert result.exit_code == 0, result.output
    [analysis] = records(result)
    assert len(analysis["text"]) == len(text)
    found = statements(analysis)
    assert ("Jane Smith", "We will win") in found
    assert ("Tom Brown", "The count is not over") in found  # past the 1M-character pieces
    assert_spans_index_text(analysis)


def test_five_megabyte_text(tmp_path: Path) -> None:
    """5 MB in one article, cut into pieces for spaCy; long tokens keep it quick (a few seconds)."""
    _check_long(tmp_path, _long_text(" ".join(["0123456789" * 100] * 50), 5_000_000))


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("SAYSO_SLOW_TESTS"), reason="minutes of CPU; set SAYSO_SLOW_TESTS=1")
def test_five_megabyte_prose(tmp_path: Path) -> None:
    filler = (
        "The council met on Tuesday to discuss the budget, and members asked for more time to read "
        "the reports before the vote, which is now expected next month."
    )
    _check_long(tmp_path, _long_text(filler, 5_000_000))


def test_private_url_refused(simple: Path) -> None:
    url = "http://127.0.0.1:9/article.html"
    result = invoke("analyze", "--format", "jsonl", url, str(simple))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith(f"sayso: {url}: refused")
    assert "--allow-private" in line
    assert [a["id"] for a in records(result)] == ["senator"]


# --------------------------------------------------------------------------- workers, usage errors


def test_two_workers_give_the_same_output_in_order(tmp_path: Path, simple: Path, two_speakers: Path) -> None:
    third = tmp_path / "unbalanced.txt"
    third.write_text(UNBALANCED, encoding="utf-8")
    paths = [str(two_speakers), str(third), str(simple)]
    one = invoke("analyze", "--format", "jsonl", "--workers", "1", *paths)
    two = invoke("analyze", "--format", "jsonl", "--workers", "2", *paths)
    assert one.exit_code == two.exit_code == 0, two.output
    assert [a["id"] for a in records(two)] == ["vote", "unbalanced", "senator"]
    assert two.stdout == one.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--no-such-option", "x.txt"],
        ["analyze"],
        ["analyze", "--format", "xml", "x.txt"],
        ["analyze", "--workers", "0", "x.txt"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- eval


def test_eval_polnear_prints_scores(shared_dir: Path) -> None:
    data = shared_dir / "data" / "polnear"
    if not (data / "dev" / "text").is_dir():
        pytest.skip(f"{data}/dev is not there")
    result = invoke("eval", "polnear", "--data", str(data), "--split", "dev", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "content_exact" in result.stdout


# --------------------------------------------------------------------------- the installed command


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ENTRY_POINT), *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(not ENTRY_POINT.exists(), reason=f"{ENTRY_POINT} is not installed")
def test_entry_point_exit_codes(tmp_path: Path, simple: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = _run("analyze", "--format", "jsonl", str(missing), str(simple))
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [f"sayso: {missing}: file not found"]
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["senator"]

    done = _run("eval", "polnear", "--data", str(tmp_path / "no-data"), "--limit", "1")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("sayso: ") and "no-data" in line

    done = _run("analyze", "--no-such-option", str(simple))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_worker_pool_reads_a_stream_only_a_few_articles_ahead() -> None:
    from sayso import batch
    from sayso.model import Article

    consumed = 0

    def stream() -> Iterator[Article]:
        nonlocal consumed
        for i in range(40):
            consumed += 1
            yield Article(id=f"a{i}", text=f'"We won game {i}," coach Ann Lee said.')

    outcomes = batch.analyze_articles(stream(), batch.Options(), workers=2)
    first = next(outcomes)
    assert first.spec == "a0" and first.analysis is not None
    assert consumed <= 2 * batch.IN_FLIGHT_PER_WORKER + 1
    assert [o.spec for o in outcomes] == [f"a{i}" for i in range(1, 40)]
