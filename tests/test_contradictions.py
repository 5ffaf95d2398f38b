"""Contradictions without a denial word: opposite phrasings, and a claim about someone answered by them."""

from __future__ import annotations

import pytest
from statement_helpers import dispute_pairs

from sayso import analyze
from sayso.contradictions import opposed, reaffirming


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lind initially supported the harbour closure in 2003", 'he was "totally against the closure"'),
        ("The port company was set up to fail", "The port company was highly successful for a decade"),
    ],
)
def test_opposite_phrasings_are_opposed(a: str, b: str) -> None:
    assert opposed(a, b) and opposed(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lind supported the harbour closure", "Lind is in a fight against the council"),
        ("Lind supported the closure and was against the toll", "he was against the closure"),
        ("The council met on Tuesday", "The port company was highly successful"),
    ],
)
def test_other_pairs_are_not_opposed(a: str, b: str) -> None:
    assert not opposed(a, b)


def test_a_claim_about_someone_answered_in_opposite_words_is_disputed_by_them() -> None:
    text = (
        "Councillor Joe Lind called his vote for the harbour closure a mistake. But he noted that Mayor Dan Harlow "
        "also initially supported the closure in 2003.\n\n"
        'Harlow told the forum he was "totally against the closure" because it cost jobs.'
    )
    pairs = dispute_pairs(analyze(text))
    assert ("Joe Lind", ["Dan Harlow"]) in pairs


def test_opposite_words_about_someone_else_dispute_nothing() -> None:
    text = (
        "Councillor Joe Lind said the ferry operator initially supported the closure in 2003.\n\n"
        'Mayor Dan Harlow told the forum he was "totally against the closure" because it cost jobs.'
    )
    assert analyze(text).disputes == []


def test_an_answer_in_opposite_words_on_the_same_subject_disputes_the_claim_before_it() -> None:
    text = (
        '"The story in the harbour is that the ferry company was set up as a dumping ground for debt," said Ann Ruiz, '
        'a lawyer for the port authority. "It was destined to fail."\n\n'
        'In a statement, Harbour Holdings said: "The ferry company was highly successful when it was spun off a '
        'decade ago," adding that its revenue doubled in two years.'
    )
    pairs = dispute_pairs(analyze(text))
    assert pairs == [("Ann Ruiz", ["Harbour Holdings"])]


def test_opposite_words_on_oneself_after_a_claim_about_someone_else_dispute_nothing() -> None:
    text = (
        "Councillor Joe Lind said the ferry operator initially supported the harbour closure in 2003.\n\n"
        'Mayor Dan Harlow told the forum he was "totally against the harbour closure" because it cost jobs.'
    )
    assert analyze(text).disputes == []


@pytest.mark.parametrize(
    ("denied", "reply", "found"),
    [
        ("that the photos aren't real", "Well, yes, they are real.", ("aren't real", "are real")),
        ("the survey does not exist", "Oh, it does exist.", ("does not exist", "does exist")),
        ("the report isn't accurate", "It's indeed accurate.", ("isn't accurate", "'s indeed accurate")),
        ("the photos aren't real", "And she was right: they aren't real.", None),
        ("the photos aren't real", "They are fakes.", None),
        ("he isn't going to resign", "He is going to stay.", None),
    ],
)
def test_a_reply_that_says_again_what_was_denied(denied: str, reply: str, found: tuple[str, str] | None) -> None:
    match = reaffirming(denied, reply)
    assert (match and (match[0].group(0), match[1].group(0))) == found


def test_a_claim_said_again_with_its_act_negated_by_another_is_disputed_by_them() -> None:
    text = (
        "Militant websites claimed on Saturday that Dana Ruiz had been captured by rebel fighters near the dam.\n\n"
        "But Tomas Greer of the regional radio tweeted, saying Ruiz was not captured by the rebels and was safe."
    )
    assert dispute_pairs(analyze(text)) == [("Militant websites", ["Tomas Greer"])]


@pytest.mark.parametrize(
    "reply",
    [
        "But Tomas Greer of the regional radio said he was not captured by the rebels.",  # no subject of the claim's
        "But Tomas Greer of the regional radio said Ruiz was not paid by the rebels.",  # another act
        "But Tomas Greer of the regional radio said the convoy was not captured by the rebels.",  # another subject
    ],
)
def test_another_act_or_subject_negated_disputes_nothing(reply: str) -> None:
    text = f"Militant websites claimed on Saturday that Dana Ruiz had been captured by rebel fighters.\n\n{reply}"
    assert dispute_pairs(analyze(text)) == []
