"""Speaker resolution on short fictional excerpts in the styles of British regional and wire news: organisation
names with "and", a group that speaks as "they", an unnamed spokeswoman after her organisation, the people of
an organisation, the leader of a team of researchers."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze


@pytest.mark.parametrize(
    "org",
    ["Avon and Somerset Police", "Devon and Cornwall Police", "Brent and Harrow Council",
     "Kingsmere and Dalby Hospitals Trust"],
)  # fmt: skip
def test_an_organisation_named_x_and_y_stays_whole(org: str) -> None:
    text = (
        "A man has been arrested after a woman was found injured in a flat on Monday night.\n\n"
        f"{org} said officers were called to the address shortly after 10pm."
    )
    q = quote_with(analyze(text, id="t"), "officers were called")
    assert speaker(q) == org and q.speaker and q.speaker.type == "ORG"


def test_an_officer_of_a_force_named_x_and_y_has_the_force_for_a_role() -> None:
    text = (
        "A man was arrested.\n\nA spokesman for Avon and Somerset Police said inquiries were continuing. "
        'Detective Inspector Jo Hale, of Avon and Somerset Police, said: "We are appealing for witnesses."'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "inquiries")) == "A spokesman for Avon and Somerset Police"
    assert speaker(quote_with(analysis, "witnesses")) == "Jo Hale"
    hale = next(s for s in analysis.speakers if s.name == "Jo Hale")
    assert hale.roles == ["Detective Inspector", "Avon and Somerset Police"]


def test_a_home_town_after_a_name_is_no_role_an_organisation_is() -> None:
    text = (
        "Johnnie Walsh, of Springfield, Va., said he had waited four hours.\n\n"
        "The Rev. Peter Marsh, of Mayfield Memorial Baptist Church, said the queue was peaceful."
    )
    analysis = analyze(text, id="t")
    roles = {s.name: s.roles for s in analysis.speakers}
    assert roles["Johnnie Walsh"] == [] and roles["Peter Marsh"] == ["Mayfield Memorial Baptist Church"]


def test_they_after_a_group_that_is_the_subject_of_the_sentence_before() -> None:
    text = (
        "A woman who died after being hit by a bus in Hallam Road has been named as Joan Pryce, 71.\n\n"
        "The woman's family paid tribute to her, describing her as the heart of the street. "
        '"She will be missed by everyone who knew her," they said.'
    )
    q = quote_with(analyze(text, id="t"), "missed by everyone")
    assert speaker(q) == "The woman's family" and q.speaker and q.speaker.type == "GROUP"


def test_they_after_a_group_quoted_in_a_clause_of_the_sentence_before() -> None:
    text = (
        "Tuesday's arrest comes a week after harbour authorities said they had seized a boat carrying stolen cars.\n\n"
        "They said its crew had forged the cargo papers."
    )
    q = quote_with(analyze(text, id="t"), "forged the cargo")
    assert speaker(q) == "harbour authorities" and q.speaker and q.speaker.type == "GROUP"


def test_a_spokeswoman_right_after_an_organisation_spoke_speaks_for_it() -> None:
    text = (
        "Northvale Water denied that the leak had been caused by years of neglect.\n\n"
        "A spokeswoman said engineers were working around the clock to restore supplies. She added that bottled "
        "water would be handed out."
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "around the clock")
    assert speaker(q) == "A spokeswoman for Northvale Water" and q.speaker and q.speaker.type == "UNNAMED"
    assert q.speaker.role == "Northvale Water spokeswoman"  # as "a Kremlin spokesman": the body, then the job
    assert quote_with(analysis, "bottled water").speaker_id == q.speaker_id


def test_an_unnamed_spokeswoman_with_no_organisation_before_stays_unnamed() -> None:
    text = "Mayor Ann Lee opened the bridge on Monday.\n\nA spokeswoman said the road would reopen on Friday."
    q = quote_with(analyze(text, id="t"), "reopen on Friday")
    assert speaker(q) == "A spokeswoman" and q.speaker and q.speaker.type == "UNNAMED"


@pytest.mark.parametrize(
    "bank",
    ["Morgan Stanley", "Barrow Capital", "Goldman Sachs"],
)
def test_the_people_of_an_organisation_are_a_group_with_no_preposition_in_a_role(bank: str) -> None:
    text = f"Shares in the retailer fell 12% on Tuesday.\n\nAnalysts at {bank} said the closures were overdue."
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "overdue")
    assert q.speaker and q.speaker.type == "GROUP" and speaker(q) == f"Analysts at {bank}"
    roles = [r for s in analysis.speakers for r in s.roles]
    assert not any(r.split()[-1].lower() in {"at", "of", "for", "from"} for r in roles)


def test_the_leader_of_a_team_of_researchers_has_a_role_and_organisation() -> None:
    text = (
        "A daily walk may halve the risk of a second stroke, a study suggests.\n\n"
        "The researchers, led by Dr Sofia Lindgren of the Karolinska Institute, said the effect was strongest "
        "in the over-60s.\n\n"
        '"We were surprised by how large the effect was," Lindgren said.'
    )
    analysis = analyze(text, id="t")
    team = quote_with(analysis, "strongest")
    assert speaker(team) == "The researchers" and team.speaker and team.speaker.type == "GROUP"
    q = quote_with(analysis, "surprised")
    assert speaker(q) == "Sofia Lindgren" and q.speaker and q.speaker.role == "leader of the researchers"
    lindgren = next(s for s in analysis.speakers if s.name == "Sofia Lindgren")
    assert lindgren.roles == ["leader of the researchers", "Karolinska Institute"]


def _by_source(text: str) -> dict[str | None, str | None]:
    return {q.source: speaker(q) for q in analyze(text, id="t").quotes}


def test_a_headlines_short_name_for_a_body_is_the_body_the_first_paragraph_names() -> None:
    text = (
        "Hospital trust denies surgeon's claim that wards are unsafe\n\n"
        "The Kelby Vale health trust on Monday denied claims by surgeon Omar Haddad that two wards were unsafe.\n\n"
        '"I have raised this for a year," Haddad said.'
    )
    assert _by_source(text)["Hospital trust"] == _by_source(text)["The Kelby Vale health trust"]
    assert _by_source(text)["Hospital trust"] == "The Kelby Vale health trust"


def test_a_headlines_body_not_named_in_the_first_paragraph_stays_apart() -> None:
    text = (
        "Hospital trust denies surgeon's claim that wards are unsafe\n\n"
        "A health trust on Monday denied claims by surgeon Omar Haddad that two wards were unsafe.\n\n"
        "The Kelby Vale health trust said the wards met every standard."
    )
    assert _by_source(text)["Hospital trust"] == "Hospital trust"


def test_a_company_spokesman_right_after_the_company_spoke_speaks_for_it() -> None:
    text = (
        "Ofcom said Fastline Communications had misled its customers about broadband speeds.\n\n"
        "Fastline Communications rejected the findings. "
        '"We strongly disagree and will respond robustly," a company spokesman said.'
    )
    q = quote_with(analyze(text, id="t"), "strongly disagree")
    assert speaker(q) == "a company spokesman for Fastline Communications" and q.speaker and q.speaker.type == "UNNAMED"
    assert q.speaker.role == "Fastline Communications spokesman"


def test_a_club_the_tagger_calls_a_person_gets_no_role_from_its_former_captain() -> None:
    text = (
        "Manchester United have denied reports that they made an offer for Harry Kane.\n\n"
        "Former United captain Gary Neville said on Sky Sports that the club needed a striker."
    )
    analysis = analyze(text, id="t")
    club = quote_with(analysis, "an offer for Harry Kane")
    assert speaker(club) == "Manchester United" and club.speaker and club.speaker.type != "PERSON"
    assert club.speaker.role is None


@pytest.mark.parametrize("office", ["shadow health secretary", "former health secretary", "deputy health secretary"])
def test_the_office_is_not_its_shadow_or_former_or_deputy_holder(office: str) -> None:
    text = (
        f"Labour's {office}, Tom Ashford, said the figures were wrong.\n\n"
        "The health secretary said funding was higher than ever."
    )
    q = quote_with(analyze(text, id="t"), "higher than ever")
    assert speaker(q) != "Tom Ashford"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Analysis by the Institute for Fiscal Studies found that costs fell.", "Institute for Fiscal Studies"),
        ("A review of state police data by the Tribune found that violent crime fell.", "Tribune"),
    ],
)
def test_a_study_by_an_organisation_is_that_organisations_finding(text: str, name: str) -> None:
    (q,) = analyze(text, id="t").quotes
    assert speaker(q) == name and q.speaker and q.speaker.type == "ORG" and q.speaker.role is None


@pytest.mark.parametrize("epithet", ["the striker", "the singer", "the veteran"])
def test_an_epithet_after_a_name_is_that_person(epithet: str) -> None:
    text = (
        "Harry Kane has a year left on his contract and has said he wants to win trophies.\n\n"
        f'Asked last month whether he would stay, {epithet} said: "I am focused on this season."'
    )
    q = quote_with(analyze(text, id="t"), "focused on this season")
    assert speaker(q) == "Harry Kane"


def test_a_participle_cue_after_an_apposition_is_said_by_the_sentence_speaker() -> None:
    text = (
        "A Libyan official denied that a man detained in Tunisia is a son of Khalid al-Mansouri, the leader of the "
        "Islamic Front group, adding that he is the nephew of a terror suspect being held in Libya."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "nephew of a terror suspect")) == "A Libyan official"
    assert speaker(quote_with(analysis, "a son of Khalid")) == "A Libyan official"
