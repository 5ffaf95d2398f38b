"""Speaker resolution within one article: names, pronouns, descriptions, organisations, roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze


def speakers_of(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (q.speaker.name if q.speaker else None, q.speaker.role if q.speaker else None)
        for q in analyze(text).quotes
        if q.nested_in is None
    ]


def test_surname_and_pronoun_resolve_to_the_full_name_with_role() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks had stalled.\n\n"
        '"There are no such contacts," Peskov said.\n\n'
        "He added that the next round was not planned."
    )
    assert [name for name, _ in speakers_of(text)] == ["Dmitry Peskov"] * 3
    assert speakers_of(text)[0][1] == "Kremlin spokesman"


def test_pronouns_follow_gender() -> None:
    text = (
        "Mayor Elena Varga said the bridge was safe.\n\n"
        '"We have not signed off," said Tom Nair, the agency director.\n\n'
        '"I told them last month," she said.'
    )
    assert [name for name, _ in speakers_of(text)] == ["Elena Varga", "Tom Nair", "Elena Varga"]


def test_title_in_parentheses_and_honorifics() -> None:
    text = (
        "Former Prime Minister Boris Johnson spoke on Monday.\n\n"
        '"What Mr. (Boris) Johnson said is not true," spokesman Dmitry Peskov said.\n\n'
        '"I stand by it," Mr. Johnson said.'
    )
    names = [name for name, _ in speakers_of(text)]
    assert names == ["Dmitry Peskov", "Boris Johnson"]


def test_description_resolves_through_roles() -> None:
    text = (
        "Russian President Vladimir Putin met officials on Monday. Spokesman Dmitry Peskov briefed reporters.\n\n"
        "The Russian leader said the meeting had been productive."
    )
    assert speakers_of(text)[-1][0] == "Vladimir Putin"


def test_organisations_and_groups() -> None:
    text = (
        "The Kremlin said the report was false.\n\n"
        "Police said they had closed the road.\n\n"
        "Officials said the budget would be cut."
    )
    analysis = analyze(text)
    types = {q.speaker.name: q.speaker.type for q in analysis.quotes if q.speaker}
    assert types["The Kremlin"] == "ORG"
    assert types["Officials"] in {"GROUP", "UNNAMED"}


def test_speaker_ids_are_stable_across_articles() -> None:
    a = analyze('"Yes," said Dmitry Peskov, the Kremlin spokesman.')
    b = analyze("Kremlin spokesman Dmitry Peskov said the claim was a lie.")
    assert a.quotes[0].speaker_id == b.quotes[0].speaker_id


def test_a_later_full_name_of_another_gender_does_not_take_a_titled_surname() -> None:
    """Seen on real news: "President Obama ... Mr. Obama said" was resolved to Michelle Obama, named
    only further down; and a headline NER error ("Obama Speech") became a first name."""
    text = (
        '"My name may not be on the ballot," Mr. Obama said on Saturday.\n\n'
        "[Video: President Obama Speech at the gala.]\n\n"
        "President Obama said the stakes were high.\n\n"
        "Michelle Obama said she would campaign in Ohio."
    )
    names = [name for name, _ in speakers_of(text)]
    assert names[:2] == ["Obama", "Obama"] and names[-1] == "Michelle Obama"


def test_a_persons_campaign_is_not_the_person() -> None:
    text = "Mrs. Clinton's campaign said the rally would go ahead as planned."
    assert speakers_of(text)[0][0] != "Clinton"


def test_the_first_name_heads_an_apposition_a_possessive_name_does_not() -> None:
    text = (
        '"We are not there yet," said Minyon Moore, a senior adviser to Mrs. Clinton.\n\n'
        "Clinton's spokesman Brian Fallon said the campaign would respond."
    )
    assert [name for name, _ in speakers_of(text)] == ["Minyon Moore", "Brian Fallon"]


def test_a_dateline_is_not_part_of_the_speaker() -> None:
    text = "BRUSSELS - European leaders said on Friday that the bloc would stay united."
    assert speakers_of(text)[0][0] == "European leaders"


def test_a_dateline_with_a_country_a_date_or_an_agency_is_no_part_of_a_source_phrase() -> None:
    from sayso.speaker_phrases import mention_bounds

    for dateline in ("NAIROBI, Kenya — ", "LIMA, Peru, May 4 (Reuters) - ", "OSLO (AP) — ", "NEW YORK -- "):
        text = dateline + "The head of the teachers' union rejected reports of a deal with the government."
        source = (0, text.index(" rejected"))
        assert text[slice(*mention_bounds(text, source))] == "The head of the teachers' union", dateline
        assert speakers_of(text)[0][0] == "The head of the teachers' union", dateline


def test_two_people_who_share_a_surname_stay_apart() -> None:
    """The scorer's speaker accuracy counts equal surnames as a match, so this checks full names."""
    text = (Path(__file__).parent / "data" / "gold" / "two-johnsons" / "article.txt").read_text(encoding="utf-8")
    names = [name for name, _ in speakers_of(text)]
    assert names[:2] == ["Mike Johnson", "Mike Johnson"]
    assert "Boris Johnson" in names
    assert names[-3:-1] == ["Carla Mendes", "Mike Johnson"]  # "the former" / "the latter"


def test_a_name_before_a_role_noun_is_a_premodifier_not_the_speaker() -> None:
    text = (
        "Senator Maria Vance toured the flooded towns on Monday.\n\n"
        '"She did nothing wrong," Vance campaign spokesman Tom Reilly said in a statement.'
    )
    assert speakers_of(text)[-1] == ("Tom Reilly", "Vance campaign spokesman")


def test_a_surname_shared_by_a_speaker_and_a_relative_named_in_passing_is_the_speaker() -> None:
    text = (
        "The mayor said the families had misremembered the meeting.\n\n"
        "However, Laura Ortiz, the mother of flood victim Daniel Ortiz, rejected the mayor's account.\n\n"
        '"He looked me in the eye and told me the dam was safe," Ortiz said.'
    )
    assert speakers_of(text)[-1][0] == "Laura Ortiz"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The plan angered local farmers, who said it would ruin them.", "local farmers"),
        ("The decision was welcomed by the Harbour Trust, which said the port would reopen.", "the Harbour Trust"),
        ("The move upset families of the flood victims, many of whom say the warnings came too late.",
         "families of the flood victims"),
        ("The plan was criticised by Tom Reilly, who said it would fail.", "Tom Reilly"),
    ],
)  # fmt: skip
def test_a_relative_pronoun_speaks_for_the_phrase_before_its_comma(sentence: str, speaker: str) -> None:
    quotes = analyze("Mayor Ann Lee spoke first.\n\n" + sentence).quotes
    relative = [q for q in quotes if q.source and q.source.split()[-1] in {"who", "whom", "which"}]
    assert relative and all(q.speaker and q.speaker.name == speaker for q in relative)


@pytest.mark.parametrize(
    "text, name",
    [
        ("A third nurse at Mercy Hospital that night supported Garcia's account.", "A third nurse at Mercy Hospital"),
        ("A senior aide at City Hall that week disputed Brown's account.", "A senior aide at City Hall"),
    ],
)
def test_a_time_phrase_before_the_cue_is_no_part_of_the_speaker(text: str, name: str) -> None:
    """ "A second officer at Benghazi that evening backed Bob's account": the speaker was "... Benghazi that"."""
    assert [s.name for s in analyze(text).speakers] == [name]


def test_a_headline_verb_before_a_name_is_no_part_of_it() -> None:
    """ "Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'": the speaker "Trump" was "Rip Donald Trump"."""
    text = "Black Senators Rip Donald Trump As A Dangerous Liar\n\nTrump said on Friday that the plant would stay open."
    assert "Donald Trump" in [s.name for s in analyze(text).speakers]


def test_a_description_matches_a_roles_head_not_the_words_after_it() -> None:
    text = (
        "The author of the book, Mitchell Zane, said in an interview that he stands by it.\n\n"
        "The book says the base chief ordered the team to stand down.\n\n"
        '"That never happened," said the base chief, Robert Hale.'
    )
    by_content = {q.content: q.speaker.name if q.speaker else None for q in analyze(text).quotes}
    said_by_the_book = next(name for content, name in by_content.items() if content.startswith("the base chief"))
    assert said_by_the_book == "The book"


def test_a_description_is_matched_by_its_own_head_not_its_complement() -> None:
    """ "the families of the Benghazi victims" was resolved to a person whose role was "Benghazi victim"."""
    text = (
        "Ruth Cole, mother of harbour victim Sam Cole, spoke on Monday.\n\n"
        "The families of the harbour victims said the mayor had lied to them."
    )
    assert speakers_of(text)[-1][0] == "The families of the harbour victims"


def test_a_name_after_a_preposition_in_the_pronouns_sentence_is_not_its_antecedent() -> None:
    text = (
        "Reporter Michelle Fields did not reply to a request for comment Tuesday.\n\n"
        'On Twitter, she responded to one of the mayor\'s messages by saying, "Seriously, just stop lying."'
    )
    assert speakers_of(text)[-1][0] == "Michelle Fields"


def test_a_first_name_in_a_headline_is_the_person_named_in_full_below() -> None:
    text = (
        "Ruth: Harbour Workers 'Absolutely Wrong' to Call Me a Liar.\n\n"
        "Mayor Ruth Ingram said on Wednesday that the harbour workers were wrong about the closure."
    )
    assert [name for name, _ in speakers_of(text)] == ["Ruth Ingram", "Ruth Ingram"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A spokesman for Democratic presidential candidate Ann Ruiz called the report outrageous.", None),
        ("A lawyer for Mayor Dan Harlow said the charges would be dropped.", None),
        ("Former Secretary of State Ann Ruiz said the talks would resume.", "Ann Ruiz"),
        ("Dan Harlow, a lawyer for the union, said the charges would be dropped.", "Dan Harlow"),
    ],
)
def test_a_name_after_a_preposition_speaks_only_when_it_heads_the_phrase(sentence: str, speaker: str | None) -> None:
    """ "a spokesman for X" is X's spokesman, not X; "Secretary of State X" is X."""
    ((name, _),) = speakers_of(sentence)
    if speaker is None:
        assert name is not None and name not in {"Ann Ruiz", "Dan Harlow"}
    else:
        assert name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The reports, first published by the Wexmoor Echo, say Lena Brandt accepted free flights from a builder.",
        "The stories, published by the Wexmoor Echo last week, claim that the mayor took free flights from a builder.",
    ],
)
def test_reports_published_by_someone_are_theirs(text: str) -> None:
    """ "The reports, first published by the Wexmoor Echo, say ...": the Echo says it."""
    assert [name for name, _ in speakers_of(text)] == ["the Wexmoor Echo"]


def test_an_official_described_in_the_lead_is_the_one_of_that_title_named_next() -> None:
    """Wire copy: "A senior senator accused ..." and, in the next paragraph, "said Sen. Maria Delgado"."""
    text = (
        "A senior senator on Tuesday accused the aviation agency of hiding near-miss reports from Congress.\n\n"
        '"The public has a right to know how close we came," said Sen. Maria Delgado, who chairs the aviation '
        "subcommittee."
    )
    assert [name for name, _ in speakers_of(text)] == ["Maria Delgado", "Maria Delgado"]


@pytest.mark.parametrize(
    "text",
    [
        (  # the one named next has another title
            "A senior senator on Tuesday accused the aviation agency of hiding reports from Congress.\n\n"
            '"We will look at it," said Gov. Tom Ruiz.'
        ),
        (  # a senator named in the description's own sentence is someone else
            "A senior senator on Tuesday accused Sen. Tom Ruiz of hiding reports from Congress.\n\n"
            '"We will look at it," said Gov. Ann Lee.'
        ),
    ],
)
def test_a_described_official_is_not_someone_of_another_title_or_named_in_the_same_sentence(text: str) -> None:
    assert speakers_of(text)[0][0] == "A senior senator"


def test_a_company_that_ner_calls_a_person_is_an_organisation() -> None:
    text = (
        "Brightwave said the findings were wrong. \"We disagree,\" a company spokesman said.\n\n"
        "Shares in Brightwave fell 4%. The firm said it would appeal."
    )
    assert [name for name, _ in speakers_of(text)] == [
        "Brightwave",
        "a company spokesman for Brightwave",
        "Brightwave",
    ]
    types = {s.name: s.type for s in analyze(text).speakers}
    assert types["Brightwave"] == "ORG"


def test_a_ministry_spokesman_after_the_ministry_spoke_speaks_for_it() -> None:
    text = (
        "According to the Ministry of Health, no hospital in the city can test for the virus. The reports are "
        '"incorrect" and "unfounded," a ministry spokesman said.'
    )
    assert [name for name, _ in speakers_of(text)] == [
        "the Ministry of Health",
        "a ministry spokesman for the Ministry of Health",
    ]


def test_a_ministry_spokesman_after_another_body_spoke_is_no_spokesman_of_it() -> None:
    text = "According to the city council, no hospital can test for the virus. It is untrue, a ministry spokesman said."
    assert speakers_of(text)[-1][0] == "a ministry spokesman"


def test_the_watchdog_is_the_body_that_spoke_before_not_the_company_it_accuses() -> None:
    text = (
        "Ofcom said its inquiry had found that Brightwave misled customers.\n\n"
        "Brightwave said the findings were wrong. Shares in Brightwave fell.\n\n"
        "The watchdog said the company could face a fine. The regulator said it would decide in March."
    )
    assert [name for name, _ in speakers_of(text)] == ["Ofcom", "Brightwave", "Ofcom", "Ofcom"]


def test_a_report_set_off_by_a_participle_phrase_speaks_for_its_publisher() -> None:
    text = (
        "The report, published by the Capital Ledger on Wednesday, said the two men had argued for an hour.\n\n"
        "The study, published in the journal Nature, said the ice was melting faster than expected."
    )
    assert [name for name, _ in speakers_of(text)] == ["the Capital Ledger", "The study"]


def test_police_are_not_an_officer_affiliated_with_them() -> None:
    text = (
        "The fire was started deliberately, police said on Monday.\n\n"
        "Detective Inspector Sarah Quinn of Eastfield Police said officers had found an accelerant.\n\n"
        "No arrests had been made, police said."
    )
    names = [name for name, _ in speakers_of(text)]
    assert names[1] == "Sarah Quinn"
    assert "Sarah Quinn" not in (names[0], names[2])


def test_a_capitalised_word_before_an_organisation_s_name_is_part_of_it() -> None:
    text = (
        "The Liberal Democrats said the inquiry must be independent. British retailer Harwell & Pike said sales fell."
    )
    assert [name for name, _ in speakers_of(text)] == ["The Liberal Democrats", "Harwell & Pike"]


def test_where_an_organisation_is_based_is_its_role_not_part_of_its_name() -> None:
    text = (
        "Fighting went on near the border town, the Syrian Observatory for Human Rights said.\n\n"
        "The Britain-based Syrian Observatory for Human Rights, which has a network of activists, said the militants "
        "had seized a cache."
    )
    assert speakers_of(text) == [
        ("the Syrian Observatory for Human Rights", None),
        ("the Syrian Observatory for Human Rights", "Britain-based"),
    ]


def test_an_apposition_without_an_article_after_an_organisation_is_its_role() -> None:
    text = "The Syrian Observatory for Human Rights, British activist group, said ten people had died."
    assert speakers_of(text) == [("The Syrian Observatory for Human Rights", "British activist group")]


def test_an_organisation_named_by_the_head_of_its_name_is_that_organisation() -> None:
    text = (
        "Fighting went on near the border town, the Syrian Observatory for Human Rights said.\n\n"
        "The Syrian Observatory said ten people had died.\n\n"
        "The number of those killed was likely to rise, the Observatory said."
    )
    assert {name for name, _ in speakers_of(text)} == {"the Syrian Observatory for Human Rights"}


def test_a_headline_s_role_word_ner_calls_an_organisation_is_the_person_of_that_role() -> None:
    text = (
        "Coach says he will not quit after cup exit\n\n"
        "Rovers head coach Luis Ortega insisted on Saturday that he would not resign after the defeat."
    )
    assert [name for name, _ in speakers_of(text)] == ["Luis Ortega", "Luis Ortega"]


def test_an_office_title_after_its_qualifier_is_the_role() -> None:
    text = "The bill's sponsor, state Sen. Dale Whitaker, said the governor was wrong."
    assert speakers_of(text) == [("Dale Whitaker", "state Sen.")]


def test_the_spokesperson_again_is_the_one_described_for_whom_they_speak() -> None:
    text = (
        "A representative for the singer Mara Voss denied reports that the couple had separated.\n\n"
        '"They are very happy," the representative told People magazine.'
    )
    names = [name for name, _ in speakers_of(text)]
    assert names[0] == names[1] and names[0].startswith("A representative for")


def test_a_body_described_before_its_one_word_name_is_an_organisation_and_its_officer_s() -> None:
    text = (
        'Disability charity Scope said the cuts were "a betrayal". Its chief executive, Mark Hodgkinson, added: '
        '"Disabled people are being asked to pay the price."'
    )
    assert speakers_of(text) == [("Scope", "Disability charity"), ("Mark Hodgkinson", "Scope chief executive")]


def test_one_of_a_group_is_no_role() -> None:
    text = "More than 40 MPs signed it. One of them, Angela Price, the MP for Dunmore, said the plans were unfair."
    assert speakers_of(text) == [("Angela Price", "MP for Dunmore")]


def test_most_of_them_are_the_group_named_before() -> None:
    text = "Economists polled by the agency had expected the decision. Most of them forecast a cut in May."
    assert speakers_of(text) == [("Economists", None)]


@pytest.mark.parametrize("described", ["A rebel fighter", "A former soldier", "An opposition activist"])
def test_he_after_an_unnamed_person_who_denied_is_that_person_not_a_man_named_before(described: str) -> None:
    text = (
        "President Anton Hale has vowed to crush the uprising in the north.\n\n"
        f"{described} denied that the rebels' commander had been captured. \"I have checked with our leaders and it "
        'is false news,\" he said from inside the country.'
    )
    assert [(name or "").lower() for name, _ in speakers_of(text)][-2:] == [described.lower()] * 2


def test_he_is_not_a_group_the_tagger_took_for_a_person() -> None:
    """ "where the militant group al-Shabab operates. He denied ...": "al-Shabab" (NER: PERSON) is a group."""
    text = (
        "Kamal Odeh then flew to Amsterdam, where he claimed to be met by agents from MI5 who accused him of trying to "
        "travel to Somalia, where the militant group al-Shabab operates. He denied the accusation."
    )
    assert speakers_of(text)[-1][0] == "Kamal Odeh"


def test_a_description_between_dashes_is_no_part_of_the_name() -> None:
    text = "Snopes.com—the premier debunker of internet myths—said the article was fake."
    assert speakers_of(text)[0][0] == "Snopes.com"


def test_the_article_after_the_site_called_so_is_that_sites() -> None:
    text = (
        "The fake recall first appeared on a satirical website called “Harbour Report.” The article quoted the "
        "health agency as saying millions of turkeys were unsafe."
    )
    assert speakers_of(text)[-1][0] == "Harbour Report"


@pytest.mark.parametrize(
    "lead", ["The leader of Islamist group Boko Haram", "The head of the Harbour Authority", "The founder of Tidewater"]
)
def test_the_leader_of_an_organisation_is_a_person_not_the_organisation(lead: str) -> None:
    analysis = analyze(f"{lead} has dismissed claims that the group signed a truce.")
    (quote,) = [q for q in analysis.quotes if q.nested_in is None]
    assert quote.speaker is not None and quote.speaker.name == lead  # (not "Boko Haram", a leader of itself)


def test_a_description_in_apposition_whose_closing_comma_is_missing_is_the_person_named_before_it() -> None:
    text = (
        "Despite reports on Monday in the local paper that two bridges had been closed, Omar Haddad, the transport "
        "ministry’s spokesman dismissed the speculation.\n\nHe said the bridges were open."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "the speculation")) == "Omar Haddad"
    assert speaker(quote_with(analysis, "the bridges were open")) == "Omar Haddad"


def test_a_surname_misspelt_once_is_the_person_named_so_elsewhere() -> None:
    text = (
        "Tom Fuentes, a former police official, looked at the recording. Fuentes said it was short.\n\n"
        '"When I heard it yesterday, I thought it was a hoax," said Fuetnes.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "it was a hoax")) == "Tom Fuentes"


def test_a_surname_named_once_and_typed_with_two_letters_swapped_is_that_person() -> None:
    text = (
        "Retired judge Anna Kowalski and former police analyst Tom Fuentes both said the recording looked edited.\n\n"
        '"When I heard it yesterday, I thought it was a hoax," Fuetnes said.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "it was a hoax")) == "Tom Fuentes"


def test_a_surname_one_letter_off_that_recurs_is_another_person() -> None:
    text = (
        "Boris Johnson spoke first. Johnson said the plan was sound.\n\n"
        "Johnston said the plan would fail. Later Johnston said he had doubts."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "would fail")) == "Johnston"


def test_a_pronoun_after_a_name_and_a_comma_is_not_that_name() -> None:
    text = (
        "According to the book, the guards gathered at the gate. Bob, they said, ordered them to wait.\n\n"
        "Bob said that never happened."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "ordered them to wait")) != "Bob"


def test_an_abbreviation_in_capitals_keeps_its_capitals() -> None:
    text = "NASA denies the claim that the planets will align.\n\nFEMA said the aid was on its way."
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "planets will align")) == "NASA"
    assert speaker(quote_with(analysis, "aid was on its way")) == "FEMA"


def test_a_place_one_letter_off_a_surname_is_no_misspelt_name() -> None:
    text = (
        "“If I were Abu Bakr Baghdadi, I would be worried,” the analyst said.\n\n"
        "A profile of al-Baghdadi posted online described him as a scholar.\n\n"
        "Born in 1971, al-Baghdadi comes from a family of teachers, according to a biography posted on forums that "
        "says he studied at a university in Baghdad.\n\n"
        "According to media reports, al-Baghdadi was held for years at a prison in southern Iraq."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "family of teachers")) != "Abu Bakr Baghdadi"


def test_a_description_of_no_one_s_post_after_a_name_and_a_comma_is_not_that_name() -> None:
    text = "The group ran commercials opposing Bush, the reports show."
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "commercials opposing")) != "Bush"
