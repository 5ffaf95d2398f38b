"""The stance model (sayso.stance) and `sayso eval stance`: loading without torch, hand-written news
pairs, the eval commands on small CSV files, bad input, and a quality floor on a dev sample."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso import stance_eval
from sayso.cli import cli
from sayso.stance import (
    HEADLINE_FEATURES,
    LABELS,
    SHORT_FEATURES,
    StanceModel,
    headline_features,
    select_sentences,
    short_features,
    split_sentences,
)


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def test_loads_and_runs_without_torch() -> None:
    code = (
        "import sys\n"
        "sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from sayso.stance import StanceModel\n"
        "p = StanceModel.load().predict('The mayor resigned.', ['The mayor resigned on Monday.'])\n"
        "assert 'torch' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print(p[0].label)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in LABELS


CLAIM = "Russia's president threatened to strike London with a missile"
DENIALS = [
    "The Kremlin denied that Vladimir Putin had threatened a missile strike on London, calling the claim a lie.",
    "Moscow dismissed reports that Putin threatened to strike London with a missile as false.",
]
# plain restatements: in the training data's scheme, an attributed report ("..., X said") is `discusses`
RESTATEMENTS = [
    "Putin threatened to hit London with a missile during a phone call before the invasion.",
    "Russia's president threatened a missile strike on London.",
]
CLAIM2 = "Apple will stop making the iPhone mini next year"
DENIALS2 = [
    "Apple denied a report that it will stop making the iPhone mini, calling the story false.",
    "Apple says rumours that the iPhone mini will be discontinued next year are untrue.",
]
RESTATEMENTS2 = [
    "Apple will stop making the iPhone mini next year.",
    "Apple confirms the iPhone mini will be discontinued next year.",
]


@pytest.mark.parametrize(
    ("claim", "texts", "expected"),
    [
        (CLAIM, DENIALS, "refutes"),
        (CLAIM, RESTATEMENTS, "supports"),
        (CLAIM2, DENIALS2, "refutes"),
        (CLAIM2, RESTATEMENTS2, "supports"),
    ],
)
def test_denials_refute_and_restatements_support(
    model: StanceModel, claim: str, texts: list[str], expected: str
) -> None:
    for pred in model.predict(claim, texts):
        assert pred.label == expected, (claim, texts, pred)


def test_call_gives_the_stance_alone(model: StanceModel) -> None:
    assert model(CLAIM, [DENIALS[0], RESTATEMENTS[0], "Markets rose on Friday."])[:2] == ["refutes", "supports"]
    assert set(model(CLAIM, ["Markets rose on Friday."])) <= {"supports", "refutes", "discusses"}


def test_probabilities_and_unrelated(model: StanceModel) -> None:
    texts = [DENIALS[0], "The city council approved a new budget for road repairs on Tuesday.", "", "   "]
    preds = model.predict(CLAIM, texts)
    assert len(preds) == 4
    for p in preds:
        assert set(p.probabilities) == set(LABELS)
        assert sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
        assert p.label == max(p.probabilities, key=p.probabilities.__getitem__)
    assert [p.label for p in preds[1:]] == ["unrelated"] * 3
    assert preds[0].related > preds[1].related
    assert model.predict("", DENIALS)[0].label == "unrelated"
    assert model.predict(CLAIM, []) == []


def test_batching_barely_changes_results(model: StanceModel) -> None:
    """int8 dynamic quantisation scales activations per batch, so probabilities move a little with the
    company a text is batched in; labels of clear cases must not."""
    texts = DENIALS + RESTATEMENTS
    together = model.predict(CLAIM, texts)
    alone = [model.predict(CLAIM, [t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert a.label == b.label
        for k in LABELS:
            assert a.probabilities[k] == pytest.approx(b.probabilities[k], abs=0.05)


def test_long_body_keeps_the_sentences_about_the_claim() -> None:
    filler = [f"The weather in the region stayed mild on day {i} of the week." for i in range(30)]
    body = " ".join([filler[0], *filler[1:15], "Officials denied that the dam had collapsed.", *filler[15:]])
    sents = split_sentences(body)
    assert len(sents) == 31
    chosen = select_sentences("The dam collapsed", sents, [12] * len(sents), budget=40)
    assert sents.index("Officials denied that the dam had collapsed.") in chosen
    assert 0 in chosen  # the lead
    assert len(chosen) <= 4
    assert select_sentences("x", sents[:2], [5, 5], budget=40) == [0, 1]


def test_short_features_of_headlines() -> None:
    def feats(claim: str, text: str) -> dict[str, float]:
        values = short_features(claim, text)
        assert len(values) == len(SHORT_FEATURES)
        return dict(zip(SHORT_FEATURES, values, strict=True))

    claim = "Anonymous street artist Banksy was arrested"
    denial = feats(claim, "No, Banksy hasn't been arrested")
    assert denial["opens_with_no"] == denial["negation_scopes"] == denial["negation"] == 1.0
    assert denial["debunk"] == denial["question"] == 0.0
    hoax = feats(claim, "Banksy arrest story is a hoax, police say")
    assert hoax["debunk"] == hoax["debunk_near"] == hoax["attribution"] == 1.0
    assert hoax["negation"] == 0.0
    question = feats(claim, "Has Banksy really been arrested?")
    assert question["question"] == question["ends_with_question"] == question["question_opener"] == 1.0
    # a cue word the claim itself holds is no cue: this claim is the "hoax"
    own = feats("A photo of a shark on a flooded highway is a hoax", "Shark on highway photo is a hoax")
    assert own["debunk"] == 0.0 and own["coverage"] > 0.5
    assert feats("The watch will cost 349 USD", "Watch could cost 500")["number_mismatch"] == 1.0
    assert feats("", "")["coverage"] == 0.0


def test_headline_features_add_hedges_debunking_phrases_and_alive() -> None:
    def feats(claim: str, text: str) -> dict[str, float]:
        values = headline_features(claim, text)
        assert len(values) == len(HEADLINE_FEATURES)
        assert values[: len(SHORT_FEATURES)] == short_features(claim, text)
        return dict(zip(HEADLINE_FEATURES, values, strict=True))

    claim = "A pop star's van was stolen in Leeds"
    assert feats(claim, "Video purports to show the pop star's stolen van")["attribution_hedge"] == 1.0
    assert feats(claim, "Police kill stolen van rumour with one photo")["debunk_phrase"] == 1.0
    assert feats(claim, "That stolen van story you keep seeing isn't real")["debunk_phrase"] == 1.0
    plain = feats(claim, "Pop star's van stolen outside Leeds hotel")
    assert plain["attribution_hedge"] == plain["debunk_phrase"] == plain["alive_for_death"] == 0.0
    # a phrase the claim itself holds is no cue
    assert feats("Fans were fooled by a fake van video", "Fans fooled by van video")["debunk_phrase"] == 0.0
    death = "Veteran crooner Sid Lane has died"
    assert feats(death, "Sid Lane is alive and well, his agent says")["alive_for_death"] == 1.0
    assert feats("Sid Lane was found safe", "Sid Lane is alive")["alive_for_death"] == 0.0


@pytest.mark.parametrize(
    ("claim", "headline", "stance"),
    [
        ("A pop star's van was stolen in Leeds", "Police kill stolen van rumour with one photo", "refutes"),
        ("A pop star's van was stolen in Leeds", "That stolen van story you keep seeing isn't real", "refutes"),
        ("A pop star's van was stolen in Leeds", "Pop star's van stolen in Leeds is a hoax", "refutes"),
        ("Veteran crooner Sid Lane has died", "Sid Lane is alive and well, his agent says", "refutes"),
        ("A pop star's van was stolen in Leeds", "Pop star's van stolen outside Leeds hotel", "supports"),
        ("A pop star's van was stolen in Leeds", "Video purports to show pop star's van stolen?", "discusses"),
    ],
)
def test_headline_layer_on_hand_written_headlines(model: StanceModel, claim: str, headline: str, stance: str) -> None:
    probs = model.predict(claim, [headline], all_stances=True, headlines=True)[0].probabilities
    assert max(("supports", "refutes", "discusses"), key=probs.__getitem__) == stance, probs


def test_headlines_get_the_headline_layer_and_other_texts_do_not(model: StanceModel) -> None:
    import numpy as np

    from sayso.stance import apply_head

    assert model.head is not None and "headline" in model.head
    refuting = dict(model.head["headline"], bias=[-10.0, 10.0, -10.0])  # supports, refutes, discusses
    head = dict(model.head, headline=refuting)
    claim, texts = "The mayor of Springfield resigned", ["Springfield mayor resigns after vote, paper says"]
    uniform = np.full((1, 3), 1 / 3, dtype=np.float32)
    as_headline = apply_head(head, claim, texts, uniform, headlines=True)
    as_text = apply_head(head, claim, texts, uniform)
    assert as_headline.argmax() == 1
    assert np.allclose(as_text, apply_head(model.head, claim, texts, uniform))


def test_scores() -> None:
    s = stance_eval.scores(["a", "a", "b", "c"], ["a", "b", "b", "b"], ["a", "b", "c"])
    assert s.accuracy == 0.5
    assert s.f1 == {"a": pytest.approx(2 / 3), "b": pytest.approx(0.5), "c": 0.0}
    assert s.macro_f1 == pytest.approx((2 / 3 + 0.5) / 3)


def test_emergent_dev_split_is_claim_disjoint_and_fixed() -> None:
    ids = [f"c{i}" for i in range(50)]
    dev = stance_eval.emergent_dev_claims(ids)
    assert len(dev) == 10
    assert dev == stance_eval.emergent_dev_claims(list(reversed(ids)))


# ---------------------------------------------------------------- the eval commands


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_eval_fnc1_command(tmp_path: Path) -> None:
    bodies = _write(
        tmp_path / "bodies.csv",
        ["Body ID", "articleBody"],
        [
            ["7", "Apple denied a report that it will stop making the iPhone mini.\n\nA spokesman called it false."],
            ["9", "The city council approved a new budget for road repairs on Tuesday, officials said."],
        ],
    )
    stances = _write(
        tmp_path / "stances.csv",
        ["Headline", "Body ID", "Stance"],
        [[CLAIM2, "7", "disagree"], [CLAIM2, "9", "unrelated"], ["Council approves road budget", "9", "agree"]],
    )
    out = tmp_path / "pred.csv"
    args = ["eval", "stance", "fnc1", "--input", str(stances), "--bodies", str(bodies), "--predictions", str(out)]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    rows = _read(out)
    assert list(rows[0]) == ["Headline", "Body ID", "Stance", "Predicted"]
    assert [r["Stance"] for r in rows] == ["disagree", "unrelated", "agree"]
    assert {r["Predicted"] for r in rows} <= {"agree", "disagree", "discuss", "unrelated"}
    assert rows[1]["Predicted"] == "unrelated"
    assert "accuracy " in res.stdout and "macro_f1 " in res.stdout
    assert "f1 agree " in res.stdout and "disagree " in res.stdout and "unrelated " in res.stdout


def test_eval_emergent_command(tmp_path: Path) -> None:
    header = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
    rows = [
        ["0", CLAIM2, DENIALS2[0], "against", "a1", "c1"],
        ["1", CLAIM2, RESTATEMENTS2[1], "for", "a2", "c1"],
        ["2", CLAIM2, "Report: Apple may drop the iPhone mini", "observing", "a3", "c1"],
    ]
    src = _write(tmp_path / "emergent.csv", header, rows)
    out = tmp_path / "pred.csv"
    res = CliRunner().invoke(cli, ["eval", "stance", "emergent", "--input", str(src), "--predictions", str(out)])
    assert res.exit_code == 0, res.output
    got = _read(out)
    assert list(got[0]) == [*header, "Predicted"]
    assert [r["articleId"] for r in got] == ["a1", "a2", "a3"]
    assert {r["Predicted"] for r in got} <= {"for", "against", "observing"}
    assert got[0]["Predicted"] == "against"
    assert "pairs 3" in res.stdout and "f1 for " in res.stdout and "against " in res.stdout


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (["Headline", "Stance"], ["x", "agree"], "missing column(s) Body ID"),
        (["Headline", "Body ID", "Stance"], ["x", "1", "maybe"], "unknown label(s) 'maybe'"),
    ],
)
def test_eval_bad_input_is_one_line(tmp_path: Path, header: list[str], row: list[str], message: str) -> None:
    bodies = _write(tmp_path / "b.csv", ["Body ID", "articleBody"], [["1", "text"]])
    stances = _write(tmp_path / "s.csv", header, [row])
    res = CliRunner().invoke(cli, ["eval", "stance", "fnc1", "--input", str(stances), "--bodies", str(bodies)])
    assert res.exit_code == 1
    assert message in str(res.exception)
    missing = CliRunner().invoke(cli, ["eval", "stance", "emergent", "--input", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "cannot read" in str(missing.exception)
    usage = CliRunner().invoke(cli, ["eval", "stance", "fnc1", "--input", str(stances)])
    assert usage.exit_code == 2 and "--bodies" in usage.output


# ---------------------------------------------------------------- quality floor (dev samples)


def test_quality_floor_on_dev_samples(model: StanceModel, shared_dir: Path) -> None:
    data = shared_dir / "data" / "stance"
    emergent = data / "emergent" / "url-versions-2015-06-14-clean-train.csv"
    fnc = data / "fnc1"
    if not emergent.is_file() or not (fnc / "hold_out_ids.txt").is_file():
        pytest.skip(f"{data}: the stance data (Emergent, FNC-1) is absent")
    em = random.Random(0).sample(stance_eval.emergent_pairs(emergent, "dev"), 150)
    pred = stance_eval.predict_pairs(model, em, stance_eval.EMERGENT_LABELS, headlines=True)
    s = stance_eval.scores([p.label for p in em], pred, list(stance_eval.EMERGENT_LABELS))
    assert s.accuracy >= 0.78, s  # measured 0.800 (0.793 over short_features alone, 0.780 without the layer)
    assert s.f1["against"] >= 0.85, s  # measured 0.875
    ids = stance_eval.read_ids(fnc / "hold_out_ids.txt")
    pairs = stance_eval.fnc_pairs(fnc / "train_stances.csv", fnc / "train_bodies.csv", ids)
    sample = random.Random(0).sample(pairs, 250)
    pred = stance_eval.predict_pairs(model, sample, stance_eval.FNC_LABELS)
    s = stance_eval.scores([p.label for p in sample], pred, list(stance_eval.FNC_LABELS))
    assert s.accuracy >= 0.85, s
    assert s.f1["unrelated"] >= 0.93, s
