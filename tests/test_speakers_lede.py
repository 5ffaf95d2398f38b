"""Speakers a news article describes before it names them: the lede's "The industry regulator has accused ...",
"The prime minister has refused ..." or "A former sheriff ... pleaded" is the person or organisation the next
paragraph opens with (and a headline's "PM" or "Former sheriff" is who the article calls so). Short fictional
excerpts."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze


def test_a_regulator_described_in_the_lede_is_the_organisation_named_next() -> None:
    text = (
        "Watchdog accuses Kestrel Water of hiding leaks\n\n"
        "The industry regulator has accused Kestrel Water of misleading hundreds of thousands of customers about "
        "leaks from its pipes, in a report published on Monday.\n\n"
        "Ofwat said the company had failed to repair more than 2,000 bursts. The watchdog said a fine was likely."
    )
    analysis = analyze(text, id="t")
    lede = quote_with(analysis, "misleading hundreds")
    assert speaker(lede) == "Ofwat" and lede.speaker and lede.speaker.type == "ORG"
    assert quote_with(analysis, "a fine was likely").speaker_id == lede.speaker_id
    ofwat = next(s for s in analysis.speakers if s.name == "Ofwat")
    assert "industry regulator" in ofwat.roles


def test_the_prime_minister_of_the_lede_is_the_mr_named_next_and_the_headline_s_pm() -> None:
    text = (
        "'We will not back down': PM rejects calls to scrap fuel duty rise\n\n"
        "The prime minister has refused to drop a planned rise in fuel duty, saying the money was needed for "
        "schools.\n\n"
        'Speaking on a visit to Leeds, Mr Dunmore said: "We made a promise to parents and we will keep it."\n\n'
        "A No 10 source said the policy would not change."
    )
    analysis = analyze(text, id="t")
    pm = quote_with(analysis, "We made a promise")
    assert speaker(pm) == "Dunmore" and pm.speaker and pm.speaker.role == "prime minister"
    assert quote_with(analysis, "needed for schools").speaker_id == pm.speaker_id
    assert quote_with(analysis, "We will not back down").speaker_id == pm.speaker_id
    assert speaker(quote_with(analysis, "would not change")) == "A No 10 source"


def test_the_head_of_a_body_described_in_the_lede_is_its_chief_named_next() -> None:
    text = (
        "The head of the country's largest teaching union has warned that schools face a winter of strikes unless "
        "pay rises.\n\n"
        "In a letter to ministers, Mary Colbert, general secretary of the National Teachers' Union, wrote: "
        '"Our members have run out of patience."'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "winter of strikes")) == "Mary Colbert"


def test_a_former_officer_of_the_headline_and_lede_is_the_one_named_next() -> None:
    text = (
        "Former sheriff pleads not guilty to bribery charges\n\n"
        "A former sheriff of Dale County pleaded not guilty on Monday to charges that he took bribes from a "
        "towing company.\n\n"
        "Walter Pruitt, 66, entered the plea in federal court. His lawyer, Dana Kim, said her client would fight "
        "the charges."
    )
    analysis = analyze(text, id="t")
    headline = quote_with(analysis, "not guilty to bribery charges")
    assert speaker(headline) == "Walter Pruitt"
    assert headline.speaker and "former sheriff" in (headline.speaker.role or "")


@pytest.mark.parametrize(
    "text",
    [
        (  # another holder of the office
            "The health secretary has said hospital funding is at a record high.\n\n"
            "Labour's shadow health secretary, Tom Ashdown, said the figures were misleading."
        ),
        (  # someone of another role
            "The mayor has said the bridge will reopen in May.\n\nLocal shopkeeper Ann Briggs said trade had halved."
        ),
        (  # named in the lede's own paragraph
            "The mayor has said the bridge will reopen in May, despite a warning from engineer Ann Briggs.\n\n"
            "Briggs said the steel was corroded."
        ),
    ],
)
def test_a_described_speaker_is_not_someone_else_named_next(text: str) -> None:
    analysis = analyze(text, id="t")
    first = min(analysis.quotes, key=lambda q: q.content_spans[0][0])
    assert speaker(first) not in ("Tom Ashdown", "Ann Briggs")


def test_each_speaker_is_listed_once() -> None:
    text = (
        "Ofcom said its inquiry had found that Brightwave misled customers.\n\n"
        "Brightwave said the findings were wrong.\n\n"
        "The watchdog said the company could face a fine. The regulator said it would decide in March."
    )
    ids = [s.id for s in analyze(text, id="t").speakers]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Cybersecurity firm Kestrelnet said it had traced the attacks to servers abroad.", "Kestrelnet",
         "Cybersecurity firm"),
        ('Disability charity Scope said the cuts were "a betrayal".', "Scope", "Disability charity"),
        ("Italian newspaper Corriere dello Sport reported on Tuesday that Juventus had agreed terms with him.",
         "Corriere dello Sport", "Italian newspaper"),
    ],
)  # fmt: skip
def test_a_kind_of_body_before_a_name_is_the_organisation_s_role(sentence: str, name: str, role: str) -> None:
    text = "Ministers announced the plan on Monday.\n\n" + sentence
    q = analyze(text, id="t").quotes[-1]
    assert speaker(q) == name and q.speaker and q.speaker.type == "ORG" and q.speaker.role == role


def test_a_congressman_of_the_lede_is_the_representative_named_paragraphs_later() -> None:
    # "a congressman's assertion" in the lede; "Rep. Dale Morrow" three paragraphs on: the only one of that office
    text = (
        "The Interior Department is denying a congressman's assertion that wolves released in the park have killed "
        "dozens of cattle on nearby ranches.\n\n"
        '"The suggestion that the released wolves have killed any cattle is categorically false," an Interior '
        "Department spokeswoman said in a statement.\n\n"
        "Wildlife groups welcomed the statement.\n\n"
        "Rep. Dale Morrow, R-Mont., told a radio station on Tuesday that the wolves had killed at least 40 head of "
        "cattle since March."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "dozens of cattle")) == "Dale Morrow"
    claimants = {s.id: s.name for s in analysis.speakers}
    assert [claimants[d.claimant_id or ""] for d in analysis.disputes] == ["Dale Morrow"]


def test_a_congressman_of_the_lede_is_no_one_where_two_representatives_are_named() -> None:
    text = (
        "The Interior Department is denying a congressman's assertion that wolves released in the park have killed "
        "dozens of cattle on nearby ranches.\n\n"
        "Rep. Dale Morrow, R-Mont., and Rep. Ann Lister, R-Wyo., have both called for the wolves to be removed."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "dozens of cattle")) == "a congressman"


def test_an_expert_described_then_quoted_by_name_with_a_post_in_the_next_paragraph_is_that_person() -> None:
    text = (
        "For this fact check, a terrorism expert said the claim does not make much sense.\n\n"
        '"It is implausible to have ten fighters arrested at the border and never charged," said Daniel Ross-Hart, '
        "director of the Center for the Study of Radicalization in Washington."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "much sense")) == "Daniel Ross-Hart"


def test_an_expert_is_not_the_next_person_quoted_with_no_word_of_who_they_are() -> None:
    text = (
        "A terrorism expert said the claim does not make much sense.\n\n"
        '"We have seen nothing like it," said Daniel Ross-Hart.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "much sense")) == "A terrorism expert"


def test_the_officer_of_a_body_described_then_quoted_by_name_with_that_post_is_that_person() -> None:
    text = (
        'The Ministry of Transport has said that reports of cracks in the new bridge are "entirely false."\n\n'
        "But the deputy director of the largest union representing bridge inspectors told reporters on Monday that "
        "the ministry is wrong.\n\n"
        '"We have seen the cracks with our own eyes," said Karen Holt, the deputy-director of the Bridge Inspectors '
        "Guild, which represents 4,000 inspectors."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "the ministry is wrong")) == "Karen Holt"


def test_the_officer_of_a_body_is_not_one_named_next_with_another_post() -> None:
    text = (
        "The deputy director of the largest union representing bridge inspectors told reporters on Monday that the "
        "ministry is wrong.\n\n"
        '"We have seen nothing like it," said Karen Holt, the treasurer of the Bridge Inspectors Guild.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "the ministry is wrong")) != "Karen Holt"


def test_a_woman_described_in_the_lede_with_a_relative_clause_is_the_one_named_next() -> None:
    text = (
        "Hiker says reports of her kidnapping are false\n\n"
        "The Norwegian woman who was reportedly kidnapped by rebels has said she is fine, and that rumors of her "
        "capture spread on rebel websites are untrue.\n\n"
        "Ingrid Solberg, 29, had been hiking near the border this week.\n\n"
        "A French newspaper reported on Monday that Solberg had been captured."
    )
    analysis = analyze(text, id="t")
    lede = quote_with(analysis, "she is fine")
    assert speaker(lede) == "Ingrid Solberg"
    assert lede.speaker is not None and lede.speaker.role == "Norwegian woman"


def test_a_man_described_in_the_lede_is_not_one_named_next_in_another_role() -> None:
    text = (
        "The man who found the painting in his attic has said he will not sell it.\n\n"
        "Art dealer Colin Marsh said the work could fetch millions."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "not sell it")) != "Colin Marsh"


def test_a_woman_described_in_the_lede_is_the_one_named_next_whatever_her_role() -> None:
    text = (
        "The Canadian woman who was reportedly kidnapped by rebels has said she is fine.\n\n"
        "Ruth Adler, 31, joined a volunteer medical unit this year.\n\n"
        "Adler, a nurse from Toronto, travelled to the region in May."
    )
    assert speaker(quote_with(analyze(text, id="t"), "she is fine")) == "Ruth Adler"


def test_an_official_described_first_is_the_one_named_as_the_statement_s_author_later() -> None:
    text = (
        "A Norwegian official denied that the trawler seized off Svalbard belonged to a Russian fishing firm.\n\n"
        "Wednesday's denial comes a day after Russian officials said the trawler was theirs.\n\n"
        "The statement by Norway's Fisheries Ministry spokesman Lars Dahl adds to the confusion about the ship."
    )
    q = quote_with(analyze(text, id="t"), "the trawler seized")
    assert speaker(q) == "Lars Dahl"


def test_an_official_is_not_the_author_of_a_statement_from_another_country() -> None:
    text = (
        "A Norwegian official denied that the trawler seized off Svalbard belonged to a Russian fishing firm.\n\n"
        "The statement by Russia's Fisheries Ministry spokesman Pavel Orlov said the trawler was theirs."
    )
    assert speaker(quote_with(analyze(text, id="t"), "the trawler seized")) != "Pavel Orlov"
