"""The learned quote tagger: packaged model, decoding, window merging and linking."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from sayso.errors import ModelError
from sayso.quotes.tagger import (
    QuoteTagger,
    RoleSpan,
    Sentences,
    TaggedAttribution,
    _windows,
    link,
    tags_to_spans,
    viterbi,
)

LABELS = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]


@pytest.fixture(scope="module")
def tagger() -> QuoteTagger:
    return QuoteTagger.load(threads=1)


def texts(text: str, att: TaggedAttribution) -> tuple[list[str], str | None, str | None]:
    def cut(span: tuple[int, int] | None) -> str | None:
        return None if span is None else text[span[0] : span[1]]

    return [text[s:e] for s, e in att.content_spans], cut(att.cue_span), cut(att.source_span)


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        QuoteTagger.load(tmp_path)


def test_packaged_model_is_small() -> None:
    folder = Path(__file__).resolve().parent.parent / "sayso" / "models" / "quote_tagger"
    assert sum(p.stat().st_size for p in folder.iterdir()) < 40 * 2**20


@pytest.mark.parametrize("text", ["", "   \n\t ", ".", "“"])
def test_empty_or_trivial_text(tagger: QuoteTagger, text: str) -> None:
    assert tagger.attributions(text) == []


def test_direct_quote(tagger: QuoteTagger) -> None:
    text = '"We will win this election," Smith said on Tuesday.'
    [att] = tagger.attributions(text)
    content, cue, source = texts(text, att)
    assert "We will win this election" in content[0]
    assert cue == "said" and source == "Smith"
    assert 0.0 < att.confidence <= 1.0


def test_quote_split_by_cue_is_one_attribution(tagger: QuoteTagger) -> None:
    text = "The Kremlin denied it. “It is a lie,” said Dmitry Peskov, the spokesman. “There were no threats.”"
    found = [texts(text, a) for a in tagger.attributions(text)]
    peskov = [f for f in found if f[1] == "said"]
    assert peskov and len(peskov[0][0]) == 2
    assert peskov[0][2] is not None and peskov[0][2].startswith("Dmitry Peskov")


def test_indirect_speech_and_according_to(tagger: QuoteTagger) -> None:
    text = "Mr. Johnson said that Putin had threatened him. According to police, the suspect fled on foot."
    found = [texts(text, a) for a in tagger.attributions(text)]
    assert (["that Putin had threatened him"], "said", "Mr. Johnson") in found
    assert any("the suspect fled on foot" in f[0][0] and f[2] == "police" for f in found)


def test_spans_are_trimmed_sorted_and_inside(tagger: QuoteTagger) -> None:
    para = ("  “We are not going to accept this,”   the minister told reporters on Monday.\n\n"
            "Critics said the plan would fail, while the company insisted it was legal.   \n")
    text = para * 30
    atts = tagger.attributions(text)
    assert len(atts) >= 30
    for att in atts:
        spans = list(att.content_spans) + [s for s in (att.cue_span, att.source_span) if s]
        assert list(att.content_spans) == sorted(att.content_spans)
        for s, e in spans:
            assert 0 <= s < e <= len(text)
            assert not text[s].isspace() and not text[e - 1].isspace()


def test_long_text_is_windowed_consistently(tagger: QuoteTagger) -> None:
    para = "“Prices will rise next year,” the central bank governor said in a statement.\n"
    text = para * 200  # several thousand word pieces: many windows
    atts = tagger.attributions(text)
    starts = {a.content_spans[0][0] % len(para) for a in atts}
    assert len(atts) == 200 and starts == {0}


def test_batch_equals_single(tagger: QuoteTagger) -> None:
    docs = ["“Yes,” she said.", "", "He claimed that the vote was rigged, according to aides."]
    assert tagger.attributions_batch(docs) == [tagger.attributions(d) for d in docs]


def test_windows_keep_every_token_once() -> None:
    for n in (0, 5, 254, 255, 1000, 4321):
        wins = _windows(n, 254, 190)
        kept = [i for s, e, k0, k1 in wins for i in range(k0, k1)]
        assert kept == list(range(n))
        assert all(s <= k0 <= k1 <= e and e - s <= 254 for s, e, k0, k1 in wins)
        # no window runs back over its neighbour: only the shared (254 - 190) tokens are encoded twice
        assert sum(e - s for s, e, _, _ in wins) <= n + (len(wins) - 1) * (254 - 190)
        # every kept token has at least half the shared part around it in its window (or the text's edge)
        margin = (254 - 190) // 2
        assert all((k0 - s >= margin or s == 0) and (e - k1 >= margin or e == n) for s, e, k0, k1 in wins)


def test_viterbi_respects_bio() -> None:
    logp = np.log(np.array([[0.1, 0.0, 0.0, 0.0, 0.0, 0.3, 0.6]] + [[0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.9]] * 2) + 1e-9)
    path = [LABELS[i] for i in viterbi(logp, LABELS)]
    assert path[0] == "B-CONTENT" and path[1:] == ["I-CONTENT", "I-CONTENT"]
    assert viterbi(np.zeros((0, 7)), LABELS) == []


def test_tags_to_spans_splits_on_b() -> None:
    text = "aa bb cc dd"
    words = [(0, 2), (3, 5), (6, 8), (9, 11)]
    spans = tags_to_spans(text, words, ["B-CONTENT", "I-CONTENT", "B-CONTENT", "O"], [1.0] * 4)
    assert [(s.start, s.end) for s in spans] == [(0, 5), (6, 8)]


def test_link_rules() -> None:
    text = '"Yes," he said. "No."'
    spans = [RoleSpan("CONTENT", 0, 6), RoleSpan("SOURCE", 7, 9), RoleSpan("CUE", 10, 14),
             RoleSpan("CONTENT", 16, 21)]
    [att] = link(text, spans)
    assert att.content_spans == ((0, 6), (16, 21)) and att.cue_span == (10, 14) and att.source_span == (7, 9)
    far = "x" * 10 + ". " + "Yes we can. " * 5 + "w"
    [alone] = link(far, [RoleSpan("CONTENT", 0, 10), RoleSpan("CUE", len(far) - 1, len(far))])
    assert alone.cue_span is None and alone.source_span is None


def test_sentences_skip_titles() -> None:
    text = "Mr. Johnson met Sen. Warren. Then he left.\nNew paragraph."
    s = Sentences(text)
    assert [text[a:b].strip() for a, b in zip(s.starts, [*s.starts[1:], len(text)], strict=True)] == [
        "Mr. Johnson met Sen. Warren.", "Then he left.", "New paragraph."]


def test_link_is_linear() -> None:
    unit = '"Yes," he said. '
    spans = [RoleSpan("CONTENT", 0, 6), RoleSpan("SOURCE", 7, 9), RoleSpan("CUE", 10, 14)]
    n = 20000
    text = unit * n
    many = [RoleSpan(s.role, s.start + i * len(unit), s.end + i * len(unit)) for i in range(n) for s in spans]
    t0 = time.perf_counter()
    assert len(link(text, many)) == n
    assert time.perf_counter() - t0 < 20


def test_words_in_the_sentence_before_a_cue_are_not_its_fragment() -> None:
    text = "Her budget plan drew fire. Lee said the plan would fail."
    spans = [RoleSpan("CONTENT", 0, 25), RoleSpan("SOURCE", 27, 30), RoleSpan("CUE", 31, 35),
             RoleSpan("CONTENT", 36, 55)]
    found = {att.cue_span: att.content_spans for att in link(text, spans)}
    assert found == {(31, 35): ((36, 55),), None: ((0, 25),)}


def test_content_broken_off_with_only_marks_between_stays_in_the_statement() -> None:
    text = "Lee said the port would reopen -- ''first for ferries, then for freight.''\n\nOther news."
    a = text.index("the port")
    b = text.index("first")
    spans = [RoleSpan("SOURCE", 0, 3), RoleSpan("CUE", 4, 8), RoleSpan("CONTENT", a, a + 21),
             RoleSpan("CONTENT", b, b + 36)]
    [att] = link(text, spans)
    assert att.content_spans == ((a, a + 21), (b, b + 36)) and att.cue_span == (4, 8)
    other = text.index("Other news")
    found = link(text, [*spans, RoleSpan("CONTENT", other, other + 10)])
    assert [f.cue_span for f in found] == [(4, 8), None]  # a new paragraph is no continuation


def test_lean_graph_drops_attention_guards_and_keeps_the_logits() -> None:
    import onnx as onnx_lib

    from sayso import onnx

    path = Path(__file__).resolve().parent.parent / "sayso" / "models" / "quote_tagger" / "model.onnx"
    model = onnx_lib.load(str(path))
    guards = sum(n.op_type == "IsNaN" for n in model.graph.node)
    assert guards > 0 and onnx.lean_graph(model) >= 2 * guards
    assert not any(n.op_type == "IsNaN" for n in model.graph.node)
    plain, lean = onnx.session(path, 1), onnx.session(path, 1, lean=True)
    rng = np.random.default_rng(0)
    ids = rng.integers(1000, 20000, (3, 200))
    mask = np.ones_like(ids)
    mask[1:, 150:] = 0  # padded rows, as a batch of windows of unequal length has
    feed = {"input_ids": ids, "attention_mask": mask}
    assert np.array_equal(plain.run(None, feed)[0], lean.run(None, feed)[0])


def test_unmasked_graph_drops_the_attention_mask_and_keeps_the_logits_of_unpadded_rows() -> None:
    import onnx as onnx_lib

    from sayso import onnx

    path = Path(__file__).resolve().parent.parent / "sayso" / "models" / "quote_tagger" / "model.onnx"
    model = onnx_lib.load(str(path))
    onnx.lean_graph(model)
    adds = sum(n.op_type == "Add" for n in model.graph.node)
    assert onnx.unmasked_graph(model) > 6  # one Add a layer, and what built the mask
    assert sum(n.op_type == "Add" for n in model.graph.node) <= adds - 6
    lean, unpadded = onnx.session(path, 1, lean=True), onnx.session(path, 1, lean=True, unpadded=True)
    ids = np.random.default_rng(1).integers(1000, 20000, (2, 300))
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    assert np.array_equal(lean.run(None, feed)[0], unpadded.run(None, feed)[0])
    feed["attention_mask"][:, 250:] = 0
    assert not np.array_equal(lean.run(None, feed)[0], unpadded.run(None, feed)[0])  # so: unpadded rows only


def test_lean_graph_leaves_other_graphs_alone() -> None:
    from onnx import TensorProto, helper

    from sayso import onnx

    node = helper.make_node("Relu", ["x"], ["y"])
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
    )
    model = helper.make_model(graph)
    before = model.SerializeToString()
    assert onnx.lean_graph(model) == 0 and model.SerializeToString() == before
    assert onnx.unmasked_graph(model) == 0 and model.SerializeToString() == before


def test_integer_products_of_signed_weights_are_exact_on_every_cpu(tmp_path: Path) -> None:
    """The largest activations times the largest weights: on a CPU without VNNI (AVX2 only) onnxruntime's
    kernel for unsigned by signed bytes clips such sums at 16 bits; the graph as sessions load it gives the
    exact products (unsaturated_graph), so the tagger tags alike on every CPU."""
    from onnx import TensorProto, helper, numpy_helper
    from onnx import save as save_model

    from sayso import onnx

    weights = np.full((64, 4), 127, dtype=np.int8)
    weights[:, 1] = -128
    node = helper.make_node("MatMulInteger", ["a", "w", "a_zero", "w_zero"], ["y"])
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [2, 64])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [2, 4])],
        initializer=[
            numpy_helper.from_array(weights, "w"),
            numpy_helper.from_array(np.array(0, dtype=np.uint8), "a_zero"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), "w_zero"),
        ],
    )
    path = tmp_path / "matmul.onnx"
    save_model(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))
    activations = np.full((2, 64), 255, dtype=np.uint8)
    got = onnx.session(path, 1).run(None, {"a": activations})[0]
    assert np.array_equal(got, activations.astype(np.int64) @ weights.astype(np.int64))


def test_packaged_graph_reads_back_as_a_teacher() -> None:
    """training/onnx_teacher.py (the distillation teacher on a device run) recovers every weight of the
    packaged int8 graph under BERT's names, with the layer count the config gives."""
    import json
    import sys

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "training"))
    try:
        from onnx_teacher import read_arrays
    finally:
        sys.path.remove(str(root / "training"))
    folder = root / "sayso" / "models" / "quote_tagger"
    state, layers = read_arrays(folder / "model.onnx")
    config = json.loads((folder / "config.json").read_text())
    assert layers == config.get("layers", 6)
    hidden = state["bert.embeddings.word_embeddings.weight"].shape[1]
    for i in range(layers):
        layer = f"bert.encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            assert state[layer + name + ".weight"].shape == (hidden, hidden)
        assert state[layer + "intermediate.dense.weight"].shape == (4 * hidden, hidden)
        assert state[layer + "output.dense.weight"].shape == (hidden, 4 * hidden)
    assert state["classifier.weight"].shape == (len(config["labels"]), hidden)
    assert not any(k.startswith(f"bert.encoder.layer.{layers}.") for k in state)
    for value in state.values():
        assert np.isfinite(value).all() and np.abs(value).max() > 0


def _span(text: str, role: str, words: str) -> RoleSpan:
    start = text.index(words)
    return RoleSpan(role, start, start + len(words))


def _by_cue(text: str, spans: list[RoleSpan]) -> dict[str | None, list[str]]:
    cue = lambda a: text[slice(*a.cue_span)] if a.cue_span else None  # noqa: E731
    return {cue(a): [text[s:e] for s, e in a.content_spans] for a in link(text, spans)}


def test_content_between_two_cues_of_one_sentence_joins_the_cue_before_it() -> None:
    text = "Lee told the council that the port would reopen in May, saying that ferries would run first."
    first, second = "that the port would reopen in May", "that ferries would run first"
    spans = [_span(text, "SOURCE", "Lee"), _span(text, "CUE", "told"), _span(text, "CONTENT", first),
             _span(text, "CUE", "saying"), _span(text, "CONTENT", second)]  # fmt: skip
    assert _by_cue(text, spans) == {"told": [first], "saying": [second]}
    # with no cue before it, content before a cue is still that cue's
    text = "The port will reopen in May, Lee said."
    words = "The port will reopen in May"
    spans = [_span(text, "CONTENT", words), _span(text, "SOURCE", "Lee"), _span(text, "CUE", "said")]
    assert _by_cue(text, spans) == {"said": [words]}


def test_sentences_end_before_a_quote_opened_with_two_apostrophes() -> None:
    text = "It could sue over the wall. ''We should fight it in every court,'' Mr. Lee said."
    s = Sentences(text)
    assert [text[a:b].strip() for a, b in zip(s.starts, [*s.starts[1:], len(text)], strict=True)] == [
        "It could sue over the wall.", "''We should fight it in every court,'' Mr. Lee said."]  # fmt: skip


def test_words_opening_the_next_paragraph_after_a_stray_mark_are_not_the_cues() -> None:
    text = "The site concluded his remarks were “Mostly False.“\n\nThe jobless rate is a widely used term."
    first, later = "his remarks were “Mostly False.", "“\n\nThe jobless rate is a widely used term"
    spans = [_span(text, "SOURCE", "The site"), _span(text, "CUE", "concluded"), _span(text, "CONTENT", first),
             _span(text, "CONTENT", later)]  # fmt: skip
    assert _by_cue(text, spans) == {"concluded": [first], None: [later]}
    # a colon ending the cue's paragraph introduces the next one
    text = "The minister added:\n\nThe plan is dead and the budget will change."
    words = "The plan is dead and the budget will change"
    spans = [_span(text, "SOURCE", "The minister"), _span(text, "CUE", "added:"), _span(text, "CONTENT", words)]
    assert _by_cue(text, spans) == {"added:": [words]}
