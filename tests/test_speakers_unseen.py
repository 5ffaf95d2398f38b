"""Speakers found wrong on articles no rule had been written against (bench/disputes_gold_fresh.json): each a short
excerpt in the style of the failure."""

from __future__ import annotations

from sayso import analyze


def speaker_of(text: str, words: str) -> str | None:
    quote = next(q for q in analyze(text).quotes if words in q.content)
    return quote.speaker.name if quote.speaker else None


def test_a_person_named_in_what_the_last_speaker_said_is_not_who_he_is_next() -> None:
    text = (
        "Later on Sunday, Senator Tom Reed questioned Mr. Hale's honesty. He called him a ''serial liar'' for "
        "repeating the story."
    )
    assert speaker_of(text, "serial liar") == "Tom Reed"
    text = (
        "In his reply, Mr. Ruiz said he had been surprised that Mr. Hale had made ''serious allegations.''\n\n"
        "He went on to rebut the points in the letter, writing that the inquiry had been fair."
    )
    assert speaker_of(text, "the inquiry had been fair") == "Ruiz"


def test_a_first_name_that_only_leans_female_is_a_man_the_article_calls_mr() -> None:
    text = (
        "Later on Sunday, Senator Bernie Sanders said the plan was a giveaway to the banks.\n\n"
        "He called the tax cut ''a scandal'' for working families.\n\n"
        "''We will fight it,'' Mr. Sanders said."
    )
    assert speaker_of(text, "a scandal") == "Bernie Sanders"
    assert speaker_of(text, "We will fight it") == "Bernie Sanders"


def test_a_quote_attributed_before_according_to_is_its_speakers() -> None:
    text = (
        "The senator's office rejected the lawsuit.\n\n"
        '"The committee understands that a lawsuit has been filed," spokesman Jamal Ware said in a statement '
        'according to The Blaze. "We disagree strongly with those claims, which are meritless."\n\n'
        "Hewitt challenged Trump about this line of attack.\n\n"
        '"But he\'s not sympathetic to them. He hates them," Hewitt said, according to a transcript of the show.'
    )
    assert speaker_of(text, "He hates them") == "Hewitt"
    assert speaker_of(text, "a lawsuit has been filed") == "Jamal Ware"


def test_a_quote_the_tagger_runs_on_into_its_attribution_before_according_to_is_its_speakers() -> None:
    text = (
        '"But he\'s not sympathetic to them. He hates them," Hewitt said, according to a transcript of the show.\n\n'
        '"The committee understands that a lawsuit has been filed," spokesman Jamal Ware said in a statement '
        "according to The Blaze."
    )
    assert speaker_of(text, "a lawsuit has been filed") == "Jamal Ware"
