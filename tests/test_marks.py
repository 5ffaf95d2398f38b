"""Quote-mark pairing: curly, straight, mismatched, nested, multi-paragraph and odd counts."""

from __future__ import annotations

import pytest

from sayso.quotes.marks import double_quotes, find_quotes


def words(text: str) -> list[str]:
    return [text[q.inner[0] : q.inner[1]] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Straight quotes," he said.', ["Straight quotes,"]),
        ("“Curly quotes,” he said.", ["Curly quotes,"]),
        ('“Opened curly, closed straight," he said.', ["Opened curly, closed straight,"]),
        ("”Wrong glyph first,” he said.", ["Wrong glyph first,"]),
        ('He said "one" and "two".', ["one", "two"]),
    ],
)
def test_pairs_double_marks_of_any_style(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_single_quotes_nested_in_double_are_found_apostrophes_are_not() -> None:
    text = '“He said, ‘Boris, I don’t want to hurt you’, or something like that," Johnson said.'
    found = find_quotes(text)
    assert [q.depth for q in found] == [0, 1]
    assert text[found[1].inner[0] : found[1].inner[1]] == "Boris, I don’t want to hurt you"


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_once() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph, still quoting,” she said."
    (quote,) = double_quotes(text)
    assert text[quote.inner[0] : quote.inner[1]].endswith("still quoting,")
    assert quote.open == 0


def test_odd_number_of_marks_loses_only_the_broken_quote() -> None:
    text = (
        'He said "this is open.\nNo mark opens this line.\n"This one is fine," she said. And "so is this," they said.'
    )
    assert words(text) == ["This one is fine,", "so is this,"]


def test_inches_and_possessives_do_not_open_quotes() -> None:
    text = "The players’ union said the 6'2\" guard was fine. “Yes,” he said."
    assert words(text)[-1] == "Yes,"


def test_a_stray_straight_mark_does_not_run_into_the_curly_quote_of_the_next_paragraph() -> None:
    text = '"Nobody in the house was awake yet.\n\n“There he is,” she said. “Right on time.”'
    assert words(text) == ["There he is,", "Right on time."]


def test_a_straight_quote_over_paragraphs_may_hold_a_curly_one() -> None:
    text = (
        'The bulletin read:\n\n"The council has not decided yet.\n\n"Reporters asked the mayor about it.\n\n'
        '“We will decide in June,” the mayor said."\n\nThen the meeting ended.'
    )
    first = text[double_quotes(text)[0].inner[0] : double_quotes(text)[0].inner[1]]
    assert first.startswith("The council") and "Reporters asked" in first and "We will decide" in first
