"""Claims across articles: the index (neighbours, average linkage, linking) and the claim threads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sayso import claim_index, timeline
from sayso.cli import cli
from sayso.config import settings
from sayso.model import Article
from sayso.pipeline import analyze_article

FERRY = [
    Article(
        id="gazette-0302",
        source="Harbour Gazette",
        published="2026-03-02",
        text="Mayor Ellen Ward said on Monday that the city would close the old ferry terminal by June. "
        "Separately, the council said it would raise parking fees next year.",
    ),
    Article(
        id="tide-0304",
        source="Daily Tide",
        published="2026-03-04",
        text="The ferry operators' union on Wednesday denied that the city would close the ferry terminal by June. "
        '"Nobody is closing anything," said union leader Tom Baines.',
    ),
    Article(
        id="radio-0303",
        source="Coast Radio",
        published="2026-03-03",
        text="The old ferry terminal will be shut down by June, Ward told the station.",
    ),
]


@pytest.fixture(scope="module")
def ferry_analyses() -> list:
    return [analyze_article(a) for a in FERRY]


def test_missing_pairs_count_as_unrelated_in_average_linkage() -> None:
    # a-b and b-c are close, a-c is not an edge: {a,b} and c average (0 + 0.9) / 2 < 0.6, so c stays out
    rows, cols = np.array([0, 1, 3]), np.array([1, 2, 4])
    sims = np.array([0.95, 0.9, 0.8], dtype=np.float32)
    labels = claim_index.average_linkage(5, rows, cols, sims, 0.6)
    assert labels.tolist() == [0, 0, 2, 3, 3]


def test_cell_search_finds_the_neighbours_exact_search_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((300, 64)).astype(np.float32)
    vectors = np.repeat(centres, 10, axis=0) + 0.3 * rng.standard_normal((3000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = claim_index.nearest(vectors, k=9)
    monkeypatch.setattr(claim_index, "EXACT_UP_TO", 100)
    monkeypatch.setattr(claim_index, "CELL_SIZE", 100)
    monkeypatch.setattr(claim_index, "SEARCH_DIMENSIONS", 32)
    approximate = claim_index.nearest(vectors, k=9)
    found = np.mean([len(set(a) & set(b)) / 9 for a, b in zip(exact.indices, approximate.indices, strict=True)])
    assert found >= 0.9
    assert (approximate.indices != np.arange(3000)[:, None]).all()  # never itself


def test_paraphrases_cluster_and_other_claims_stay_apart() -> None:
    texts = [
        "The city will close the old ferry terminal by June",
        "Old ferry terminal to shut down in June, city says",
        "City plans to close ferry terminal by the summer",
        "The central bank raised interest rates by half a point",
        "Central bank lifts rates 0.5 percentage points",
        "Interest rates go up by half a point at the central bank",
    ]
    labels = claim_index.cluster(claim_index.claim_vectors(texts)).tolist()
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] == labels[5]
    assert labels[0] != labels[3]


def test_statements_link_to_the_claim_they_state() -> None:
    claims = ["Apple will sell 19 million watches in 2015", "A burger was kept for 20 years without rotting"]
    statements = ["Analysts forecast 19M Apple Watch sales this year", "Men keep Quarter Pounder for two decades"]
    best, _ = claim_index.link(statements, claims)
    assert best.tolist() == [0, 1]


def test_a_claim_followed_across_outlets_with_its_dispute(ferry_analyses: list) -> None:
    threads = timeline.follow(ferry_analyses)
    ferry = threads[0]
    assert ferry.articles == 3
    assert "ferry terminal" in ferry.text
    assert "Ellen Ward" in [r.name for r in ferry.asserted_by]
    assert "Ward" not in [r.name for r in ferry.asserted_by]  # the bare surname joins the full name
    assert ferry.disputed
    assert any("union" in r.name for r in ferry.disputed_by)
    assert ferry.first_seen == "2026-03-02"
    assert [e.date for e in ferry.timeline] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert ferry.timeline[-1].refutes >= 1
    parking = [t for t in threads if "parking" in t.text]
    assert parking and not parking[0].disputed
    assert [t.id for t in timeline.follow(ferry_analyses, disputed=True)] == [ferry.id]


def test_claims_command_reads_jsonl_and_names_bad_lines(ferry_analyses: list, tmp_path: Path) -> None:
    path = tmp_path / "analyses.jsonl"
    lines = [a.model_dump_json() for a in ferry_analyses]
    path.write_text("\n".join([lines[0], "{not json", lines[1], json.dumps({"id": 3}), lines[2]]) + "\n")
    result = CliRunner().invoke(cli, ["claims", str(path), "--disputed", "--format", "csv"])
    assert result.exit_code == 1
    assert f"{path}:2: not an Analysis" in result.stderr
    assert f"{path}:4: not an Analysis" in result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert {r["source"] for r in rows} == {"Harbour Gazette", "Daily Tide", "Coast Radio"}
    assert "refutes" in {r["stance"] for r in rows}
    missing = CliRunner().invoke(cli, ["claims", str(tmp_path / "missing.jsonl")])
    assert missing.exit_code == 1
    assert "missing.jsonl: cannot read" in missing.stderr


EMERGENT = settings().shared_dir / "data" / "stance" / "emergent" / "url-versions-2015-06-14-clean-train.csv"


@pytest.mark.slow
@pytest.mark.skipif(not EMERGENT.is_file(), reason=f"Emergent data absent: {EMERGENT}")
def test_emergent_linking_and_clustering_floors() -> None:
    from sklearn.metrics import adjusted_rand_score

    with EMERGENT.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    claims = sorted({r["claimId"]: r["claimHeadline"] for r in rows}.items())
    ids = [c for c, _ in claims]
    gold = np.array([ids.index(r["claimId"]) for r in rows])
    headlines = [r["articleHeadline"] for r in rows]
    best, _ = claim_index.link(headlines, [t for _, t in claims])
    assert (best == gold).mean() >= 0.93
    labels = claim_index.cluster(claim_index.claim_vectors(headlines))
    assert adjusted_rand_score(gold, labels) >= 0.82


def test_claims_command_reads_the_archive(ferry_analyses: list, tmp_path: Path) -> None:
    from sayso.store import open_store

    url = f"sqlite:///{tmp_path / 'archive.db'}"
    with open_store(url) as store:
        store.save_many(ferry_analyses)
    result = CliRunner().invoke(cli, ["claims", "--db", url, "--disputed", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [thread] = [json.loads(line) for line in result.stdout.splitlines()]
    assert thread["articles"] == 3 and thread["disputed"]
    assert thread["first_seen"] == "2026-03-02"


def test_stance_model_labels_statements_toward_the_thread_claim(ferry_analyses: list) -> None:
    from sayso.stance import StanceModel

    threads = timeline.follow(ferry_analyses, stance=StanceModel.load())
    ferry = threads[0]
    assert {s.stance for s in ferry.statements} <= {"supports", "refutes", "discusses"}
    assert ferry.disputed  # a denial stays a refutation whatever the model says of it
