"""Speaker resolution in styles met first on fresh probe articles (bench/probes g1-g8): earnings calls, doping
cases, trials, briefings, product scares, art disputes, referee rows, wire round-ups. Short fictional excerpts."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze, nlp
from sayso.speaker_entity import Entity, Resolution
from sayso.speakers import SpeakerResolver


def test_another_official_is_no_one_quoted_before() -> None:
    text = (
        'Trade Minister Ana Ruiz said the deal was "a good one for farmers".\n\n'
        'Another former minister, speaking on condition of anonymity, called the deal "a giveaway".'
    )
    q = quote_with(analyze(text, id="t"), "giveaway")
    assert speaker(q) == "Another former minister"


def test_a_name_ner_missed_before_of_an_organisation_is_a_person() -> None:
    text = (
        'Chief executive Helen Marsh said the quarter had been "the strongest in our history".\n\n'
        "Other analysts were more measured. Sofia Reyes of Hartwell Securities said the quarter had been solid.\n\n"
        '"The market just wants to see the usage numbers," she said.'
    )
    analysis = analyze(text, id="t")
    solid = quote_with(analysis, "had been solid")
    assert speaker(solid) == "Sofia Reyes" and solid.speaker is not None and solid.speaker.type == "PERSON"
    assert speaker(quote_with(analysis, "usage numbers")) == "Sofia Reyes"


def test_figures_released_by_an_organisation_are_its_word() -> None:
    text = "Measles cases more than doubled last year, according to figures released by the World Health Organization."
    assert speaker(quote_with(analyze(text, id="t"), "Measles cases")) == "World Health Organization"


def test_an_organisation_s_initials_are_that_organisation() -> None:
    text = (
        "The Athletics Integrity Unit said on Tuesday that the sprinter had been provisionally suspended.\n\n"
        'The AIU said a sample had returned an adverse finding. "The athlete may ask for the B sample," it said.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "adverse finding")) == speaker(quote_with(analysis, "suspended"))
    assert len(analysis.speakers) == 1


def test_initials_told_first_are_the_organisation_named_in_full_later() -> None:
    text = (
        "DHS said the reports were categorically false.\n\n"
        "Rep. Dale Morrow insisted the department was wrong.\n\n"
        "The Department of Homeland Security said on Wednesday that it stood by its statement."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "categorically false")) == "The Department of Homeland Security"
    assert speaker(quote_with(analysis, "stood by")) == "The Department of Homeland Security"


def test_the_statement_after_a_press_release_is_its_issuer() -> None:
    text = (
        "Acme Foods has denied that its snacks made children ill.\n\n"
        "In a press release issued on Wednesday, Acme Foods said it had tested every batch.\n\n"
        '"Claims that our snacks are unsafe are categorically false," the statement said.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "categorically false")) == "Acme Foods"


def test_the_company_is_not_a_brand_named_in_its_description() -> None:
    text = (
        "Lullen, the maker of the popular DreamWatch baby monitor, has denied that its devices can overheat.\n\n"
        "The company said it had tested more than 2,000 units."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "2,000 units")) == "Lullen"


def test_a_body_described_by_its_kind_is_an_organisation() -> None:
    text = (
        "At least 14 people were killed when a bus left the road overnight, according to police.\n\n"
        "Brazil's environment ministry has denied the report.\n\n"
        "Her national federation said it would respect the process."
    )
    analysis = analyze(text, id="t")
    for words in ("14 people", "the report", "respect the process"):
        q = quote_with(analysis, words)
        assert q.speaker is not None and q.speaker.type == "ORG", words


def test_a_person_familiar_with_something_is_one_unnamed_person() -> None:
    text = "The portrait is now worth millions, according to a person familiar with the museum's insurance deals."
    q = quote_with(analyze(text, id="t"), "worth millions")
    assert q.speaker is not None and q.speaker.type == "UNNAMED"


def test_he_is_the_subject_named_after_an_opening_phrase() -> None:
    text = (
        'Rajiv Anand, an analyst at Calder Brothers, said the number "flatters the business".\n\n'
        'Finance director Oliver Grant said trial accounts were excluded "by definition".\n\n'
        "Later, in a note to clients, Anand stood by his questions. He wrote that the answer missed the point."
    )
    assert speaker(quote_with(analyze(text, id="t"), "missed the point")) == "Rajiv Anand"


def test_he_is_the_one_named_after_a_possessive_club_not_the_club() -> None:
    text = (
        "Castlebury manager Tomasz Nowak said the referee had bottled it.\n\n"
        "Redmoor scored the penalty to win 2-1.\n\n"
        "Redmoor’s manager, Luis Ortega, declined to comment on the penalty. “I only talk about my team,” he said."
    )
    assert speaker(quote_with(analyze(text, id="t"), "my team")) == "Luis Ortega"


def test_the_lede_s_description_is_the_subject_not_a_name_in_an_opening_clause() -> None:
    text = (
        "Former finance chief tells fraud trial he warned board\n\n"
        "A former finance chief of the collapsed builder Hollins Grange told a court on Monday that he had warned "
        "the board about mounting losses.\n\n"
        "Giving evidence at the trial of the company's former chairman, Victor Hale, who denies fraud, Peter "
        "Lindqvist said he had raised the problem in February."
    )
    analysis = analyze(text, id="t")
    lindqvist = next(s for s in analysis.speakers if s.name == "Peter Lindqvist")
    assert any("finance chief" in r for r in lindqvist.roles)
    assert all("finance chief" not in r for s in analysis.speakers if s.name == "Victor Hale" for r in s.roles)


def test_the_museum_is_the_museum_named_with_a_possessive() -> None:
    text = (
        "Scholar challenges museum's claim that portrait is a lost van Roost\n\n"
        "The Rijnhaven Museum's announcement that a small portrait is a lost work has been challenged.\n\n"
        "The museum said last week that technical analysis had confirmed the attribution."
    )
    analysis = analyze(text, id="t")
    said = quote_with(analysis, "technical analysis")
    assert speaker(said) == "The Rijnhaven Museum" and said.speaker is not None and said.speaker.type == "ORG"
    assert speaker(quote_with(analysis, "lost van Roost")) == "The Rijnhaven Museum"


def test_the_newspaper_is_the_paper_named_after_that_word() -> None:
    text = (
        "Brazil's environment ministry has denied a report by the newspaper Diario do Planalto that alerts were "
        "held back. The newspaper said it stood by its story."
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "stood by its story")
    assert speaker(q) == "Diario do Planalto" and q.speaker is not None and q.speaker.type == "ORG"
    assert next(s for s in analysis.speakers if s.id == q.speaker_id).roles == ["newspaper"]


def test_a_long_apposition_after_a_name_gives_its_role_up_to_the_preposition() -> None:
    text = (
        '"Both sides have done this dance many times," said Ioannis Pappas, a defence researcher at the '
        "Athens-based Hellenic Policy Institute."
    )
    q = quote_with(analyze(text, id="t"), "this dance")
    assert speaker(q) == "Ioannis Pappas" and q.speaker is not None and q.speaker.role == "defence researcher"


def test_a_possessive_apposition_is_a_role_and_no_part_of_a_group_s_name() -> None:
    text = (
        "Former cabinet colleagues of Graham Birch, Canada's ex-defence minister, have denied claims in his memoir "
        'that he was told to bury a report. In the book, Birch writes that he was told to "keep it in a drawer".'
    )
    analysis = analyze(text, id="t")
    denied = quote_with(analysis, "bury a report")
    assert speaker(denied) == "Former cabinet colleagues of Graham Birch"
    birch = next(s for s in analysis.speakers if s.name == "Graham Birch")
    assert birch.roles == ["Canada's ex-defence minister"]


def test_an_office_set_off_before_a_name_after_of_is_its_role() -> None:
    text = (
        "Giving evidence at the trial of the company's former chairman, Victor Hale, who denies fraud, Peter "
        "Lindqvist said he had warned the board.\n\nHale said that was a matter for the auditors."
    )
    analysis = analyze(text, id="t")
    hale = next(s for s in analysis.speakers if s.name == "Victor Hale")
    assert hale.roles == ["company's former chairman"]


def test_a_first_name_ner_left_out_of_a_person_s_name_is_part_of_it() -> None:
    text = "Lullen’s chief executive, Anders Holm, said in an interview that the company took every report seriously."
    q = quote_with(analyze(text, id="t"), "every report")
    assert speaker(q) == "Anders Holm" and q.speaker is not None and q.speaker.role == "Lullen’s chief executive"


def test_a_headline_s_possessive_description_is_the_one_with_that_role() -> None:
    text = (
        "Sprinter's lawyer blames contaminated supplement for positive test\n\n"
        "The sprinter Dara Okafor has been provisionally suspended.\n\n"
        'Her lawyer, Marcus Feld, said: "There is no truth in any suggestion that Dara cheated."'
    )
    assert speaker(quote_with(analyze(text, id="t"), "contaminated supplement")) == "Marcus Feld"


def test_a_headline_s_description_of_a_company_is_the_one_the_lede_describes_so() -> None:
    text = (
        "Baby monitor maker denies devices overheat\n\n"
        "Lullen, the maker of the popular DreamWatch baby monitor, has denied that its devices can overheat."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "devices overheat")) == "Lullen"
    assert [s.name for s in analysis.speakers] == ["Lullen"]


def test_an_analyst_in_the_lede_is_the_one_analyst_named_later() -> None:
    text = (
        "Norvane shares slide\n\n"
        "Norvane Systems lost 9 per cent of its value on Thursday after an analyst openly questioned its subscriber "
        "numbers during the company's earnings call.\n\n"
        'Chief executive Helen Marsh opened the call by telling investors that the quarter had been "the strongest '
        'in our history". She said paying subscribers had grown to 4.2 million.\n\n'
        "The mood changed when Rajiv Anand, a software analyst at Calder Brothers, asked how many subscribers were "
        "on free trials."
    )
    assert speaker(quote_with(analyze(text, id="t"), "subscriber numbers")) == "Rajiv Anand"


def test_who_was_his_deputy_gives_a_role() -> None:
    text = '"That is categorically false," said Laura Chen, who was his deputy at the time.'
    q = quote_with(analyze(text, id="t"), "categorically false")
    assert speaker(q) == "Laura Chen" and q.speaker is not None and q.speaker.role == "deputy"


def test_the_company_named_after_its_kind_has_that_role() -> None:
    text = (
        "Shares in the chipmaker Hanbit Semiconductor jumped 8 per cent after the company said it had won a large "
        "order from a US customer."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "large order")) == "Hanbit Semiconductor"
    assert next(s for s in analysis.speakers if s.name == "Hanbit Semiconductor").roles == ["chipmaker"]


def test_a_publisher_is_an_organisation() -> None:
    text = "Birch's publisher said the author stood by every word."
    q = quote_with(analyze(text, id="t"), "every word")
    assert q.speaker is not None and q.speaker.type == "ORG"


def test_a_country_in_the_headline_is_its_body_that_speaks_in_the_lede() -> None:
    text = (
        'Turkey dismisses Greek accusation of airspace violations as "baseless"\n\n'
        "Turkey's foreign ministry on Thursday dismissed Greek accusations that Turkish jets had violated Greek "
        'airspace, calling the claims "baseless and provocative".'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "Greek accusation of")) == "Turkey's foreign ministry"
    assert [s.name for s in analysis.speakers] == ["Turkey's foreign ministry"]


def test_a_company_in_general_is_no_organisation_that_spoke() -> None:
    text = (
        "The consumer group SafeHome urged parents to unplug the monitors.\n\n"
        "“A company saying its own product is safe is not the same as an independent test,” said its director, "
        "Priya Nair."
    )
    q = quote_with(analyze(text, id="t"), "A company saying")
    assert speaker(q) == "Priya Nair" and q.speaker is not None and q.speaker.role == "SafeHome director"


def test_a_named_person_and_their_advisers_are_that_person() -> None:
    text = (
        "Harold Benning opened the academy in 2009.\n\n"
        "Two lawsuits accuse the academy of misleading its students. Benning and his lawyers have denied the claims, "
        "pointing to the grades students gave their courses."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "the claims")) == "Harold Benning"
    assert speaker(quote_with(analysis, "the grades")) == "Harold Benning"


def test_a_name_and_others_no_one_named_is_no_person_of_that_surname() -> None:
    text = "Smith and Wesson said the new model would ship in May."
    assert speaker(analyze(text, id="t").quotes[0]) != "Smith"


def test_a_description_then_a_name_opening_the_next_sentence_is_that_person() -> None:
    text = (
        "Even as the governor claimed the two cases were alike, one of the former prosecutors in the Halvorsen case "
        "said the two cases were quite different.\n\n"
        "Marcus Ellery said on CNN that there was no sign of intent in the governor's case."
    )
    q = quote_with(analyze(text, id="t"), "quite different")
    assert speaker(q) == "Marcus Ellery" and q.speaker is not None
    assert q.speaker.role == "former prosecutor in the Halvorsen case"


def test_a_spokeswoman_for_someone_then_a_name_with_a_post_of_theirs_is_that_person() -> None:
    text = (
        "A spokeswoman for Mayor Ruth Kane says neither the mayor nor her office helped the developer get a permit."
        "\n\nKane press secretary Olivia Marsh spoke to reporters Friday after the developer's claims appeared online."
    )
    q = quote_with(analyze(text, id="t"), "helped the developer")
    assert speaker(q) == "Olivia Marsh" and q.speaker is not None
    assert q.speaker.role == "spokeswoman for Mayor Ruth Kane"


def test_an_initial_ends_no_sentence_before_the_name_that_opens_the_next() -> None:
    text = (
        "A spokeswoman for Mayor Ruth Kane says neither the mayor nor her office helped the developer get U.S. "
        "funds.\n\nKane press secretary Olivia Marsh spoke to reporters Friday after the claims appeared online."
    )
    assert speaker(quote_with(analyze(text, id="t"), "helped the developer")) == "Olivia Marsh"


def test_a_description_then_a_name_with_another_s_post_is_not_that_person() -> None:
    text = (
        "A spokeswoman for Mayor Ruth Kane says the permit was issued lawfully.\n\n"
        "Harbour Board chairman Owen Price spoke to reporters Friday about the permit."
    )
    assert speaker(quote_with(analyze(text, id="t"), "issued lawfully")) != "Owen Price"


def test_a_description_then_a_name_said_who_it_is_is_not_that_person() -> None:
    text = (
        "A former prosecutor in the Halvorsen case said the two cases were quite different.\n\n"
        "Marcus Ellery, a defence lawyer, said on CNN that there was no sign of intent in the governor's case."
    )
    assert speaker(quote_with(analyze(text, id="t"), "quite different")) != "Marcus Ellery"


def test_what_a_person_said_or_a_preposition_before_the_name_is_no_role() -> None:
    text = (
        "At the debate, Senator Mia Lund cited derogatory comments Harlan Voss had made about a nurse.\n\n"
        "A new ad from Harlan Voss's campaign attacks Lund. Voss said he regretted nothing."
    )
    voss = next(s for s in analyze(text, id="t").speakers if s.name == "Harlan Voss")
    assert voss.roles == []


def test_a_thing_or_a_quantifier_before_a_name_is_no_role() -> None:
    text = (
        "The trade bill Arlo Penn signed in May was a mistake, Senator Ruth Kaye said.\n\n"
        "Penn said the bill created jobs. Some Democrats said the bill was flawed."
    )
    roles = {s.name: s.roles for s in analyze(text, id="t").speakers}
    assert roles["Arlo Penn"] == [] and roles.get("Democrats", []) == [] and roles["Ruth Kaye"] == ["Senator"]


def test_an_outlet_s_name_before_a_name_in_a_speaker_phrase_is_no_role() -> None:
    text = "The county has swung twice since 2008, NBC's Dana Chen said on Tuesday."
    chen = next(s for s in analyze(text, id="t").speakers if s.name == "Dana Chen")
    assert "NBC's" not in chen.roles


def test_who_after_an_apposition_ending_in_a_body_is_the_person_named_before_it() -> None:
    text = (
        "The mayor's plan was backed on Friday by Sen. Laura Quist of Oregon, the ranking Democrat on the Senate "
        "Budget Committee, who said none of the money came from the state."
    )
    assert speaker(quote_with(analyze(text, id="t"), "none of the money")) == "Laura Quist"


def test_who_after_people_of_a_place_is_those_people() -> None:
    text = "The plan was opposed by dairy farmers in Wisconsin, who said prices would fall."
    assert speaker(quote_with(analyze(text, id="t"), "prices would fall")) == "dairy farmers in Wisconsin"


def test_who_after_a_thing_for_a_country_is_the_country() -> None:
    text = (
        "The arms deal had been a highly sensitive subject for Hungary, who says the rebels who were given the "
        "rifles are linked to a banned militia."
    )
    assert speaker(quote_with(analyze(text, id="t"), "linked to a banned militia")) == "Hungary"


def test_who_after_a_thing_done_with_people_is_those_people() -> None:
    text = (
        "The rebels have carried on a weekend campaign of violence, holding running battles with Nigerian security "
        "forces, who say that they have yet to receive any order to cease fire."
    )
    assert speaker(quote_with(analyze(text, id="t"), "any order to cease fire")) == "Nigerian security forces"


def test_which_after_an_organisation_named_with_for_is_that_organisation() -> None:
    text = (
        "Their claims would appear to match those of the London-based Syrian Network for Human Rights, which said "
        "the militants had seized at least one cache."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "seized at least")) == "Syrian Network for Human Rights"
    assert not [s for s in analysis.speakers if s.name == "Human Rights"]


def test_it_after_a_sentence_about_a_site_s_report_is_that_site() -> None:
    text = (
        "Brightline's engineer also disputed the report in a blog post today.\n\n"
        "The NetWatchers report has other problems. It falsely stated that Brightline already monitors its customers."
    )
    assert speaker(quote_with(analyze(text, id="t"), "already monitors")) == "NetWatchers"


def test_it_after_a_report_published_by_a_paper_is_that_paper() -> None:
    text = (
        "The incident is described in a report published the following year by the Courier. It said the man had "
        "been questioned twice."
    )
    assert speaker(quote_with(analyze(text, id="t"), "questioned twice")) == "Courier"


def test_the_post_of_one_known_by_a_first_name_only_is_their_role() -> None:
    text = '"There never was such an order," said the base chief known as Bob, speaking publicly for the first time.'
    q = analyze(text, id="t").quotes[0]
    assert speaker(q) == "Bob" and q.speaker is not None and q.speaker.role == "base chief"


def test_the_two_lawmakers_are_the_two_people_named_together_before() -> None:
    text = (
        "Rep. Ann Holt (R-Va.) and Judiciary Committee Chairman Tom Reyes (R-S.C.) sent a letter to the agency on "
        'Monday. The two lawmakers, however, argue that "there is precedent for prosecution."'
    )
    q = quote_with(analyze(text, id="t"), "precedent for prosecution")
    assert speaker(q) == "Ann Holt and Tom Reyes" and q.speaker is not None and q.speaker.type == "GROUP"


def test_hyphenated_and_less_common_posts_before_a_name_stay_roles() -> None:
    text = (
        "Vice-chair Ana Ruiz said the vote would pass. President-elect Tom Hale said he would sign it. "
        "Chief Whip Amy Lowe said the party was united."
    )
    roles = {s.name: s.roles for s in analyze(text, id="t").speakers}
    assert roles == {"Ana Ruiz": ["Vice-chair"], "Tom Hale": ["President-elect"], "Amy Lowe": ["Chief Whip"]}


def test_one_candidate_s_spokeswoman_is_not_the_other_candidate_s() -> None:
    text = (
        "Voss's spokeswoman Dana Pike said Voss is proud to back the plan. \"Mia Lund is attacking our nominee,\" she "
        "said.\n\n"
        "(Lund's spokeswoman challenged the assertion that Lund had ever attacked the nominee.)"
    )
    q = quote_with(analyze(text, id="t"), "had ever attacked")
    assert speaker(q) != "Dana Pike" and q.polarity == "denies"


def test_an_envoy_for_a_place_or_body_is_a_person_not_it() -> None:
    text = (
        "On Monday, the former administration envoy for closing Guantánamo underscored the president's plan to shut "
        "the prison.\n\n"
        "The UN envoy to Yemen said the talks would resume."
    )
    analysis = analyze(text, id="t")
    envoy = quote_with(analysis, "the president's plan").speaker
    assert envoy is not None and envoy.type != "ORG" and "envoy" in envoy.name
    assert speaker(quote_with(analysis, "the talks would resume")) != "Yemen"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("U.S. Ambassador to the United Nations Samantha Power said the vote was a disgrace. Ms. Power had voted "
         "against it.", "Samantha Power", "U.S. Ambassador to the United Nations"),
        ("Special envoy to Norland Marta Vik said the talks would resume. Ms. Vik has led them since May.",
         "Marta Vik", "Special envoy to Norland"),
    ],
)  # fmt: skip
def test_a_person_named_after_the_body_of_their_post_is_that_person(text: str, name: str, role: str) -> None:
    """NER runs "the United Nations Samantha Power" into one organisation: a sure first name after a body's name
    starts the person, where the article names the surname a person's elsewhere (not after a place that is a first
    name too: "Syria Staffan de Mistura" stays one)."""
    said = analyze(text, id="t").quotes[0].speaker
    assert said is not None and (said.name, said.type, said.role) == (name, "PERSON", role)


@pytest.mark.parametrize(
    ("text", "words", "name", "kind"),
    [
        ("A United States official following North Korea said there were no signs that he was ill.", "no signs",
         "A United States official following North Korea", "UNNAMED"),
        ("Doctors writing in the journal Family Practice Today said the remedy was useless.", "the remedy",
         "Doctors writing in the journal Family Practice Today", "UNNAMED"),
        ("The Climate Prediction Center in College Park, Md., said the winter would be mild.", "the winter",
         "The Climate Prediction Center", "ORG"),
        ("The government of Syria said the town was safe.", "the town", "The government of Syria", "ORG"),
    ],
)  # fmt: skip
def test_an_organisation_after_the_head_of_the_speaker_phrase_is_not_the_speaker(
    text: str, words: str, name: str, kind: str
) -> None:
    said = quote_with(analyze(text, id="t"), words).speaker
    assert said is not None and (said.name, said.type) == (name, kind)


def test_the_army_after_a_country_s_army_is_that_army() -> None:
    text = (
        "The sergeant was freed in May.\n\n"
        "US army denies reports it will charge sergeant with desertion.\n\n"
        "The army said it was still investigating whether he should be charged."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "still investigating")) == "US army"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Pentagon press secretary Rear Admiral John Dunn said the strikes would go on.", "the strikes",
         "John Dunn"),
        ("Rear Admiral Joan Keller said the strikes would go on.\n\nHeavily outgunned Kurdish defenders said the "
         "militants had pushed into two districts of the town.", "the militants",
         "Heavily outgunned Kurdish defenders"),
    ],
)  # fmt: skip
def test_a_rank_or_an_adverb_ner_calls_a_person_is_no_name(text: str, words: str, name: str) -> None:
    assert speaker(quote_with(analyze(text, id="t"), words)) == name


def test_a_paper_s_name_without_the_is_the_name_of_a_body() -> None:
    """Where NER tags nothing and the source was cut after "The" ("... in April. The Wall Street Journal reports"),
    the paper's name by its last word is a body's (and so the same speaker as "The Wall Street Journal")."""
    doc = nlp.parse("Wall Street Journal reports that the watch will launch in April.")
    assert SpeakerResolver._untagged_title(doc[0:3])
    assert not SpeakerResolver._untagged_title(nlp.parse("Jessica Tan reports that it rained.")[0:2])


@pytest.mark.parametrize(
    ("text", "read_as", "kind"),
    [
        ("Boko Haram said it held the town. Boko Haram later denied it.", [("Boko Haram", "PERSON"),
         ("Boko Haram", "ORG")], "ORG"),
        ("Mr Quill said he had been held. Quill added that he was tired.", [("Mr Quill", "ORG"), ("Quill", "PERSON")],
         "PERSON"),
        ("Consumerist reported the call. Consumerist said it had been recorded.", [("Consumerist", "ORG"),
         ("Consumerist", "UNNAMED")], "ORG"),
    ],
)  # fmt: skip
def test_one_name_read_as_two_kinds_of_speaker_is_one_speaker(
    text: str, read_as: list[tuple[str, str]], kind: str
) -> None:
    resolver = SpeakerResolver(text, nlp.parse(text))
    found = [Resolution(Entity(name, speaker_type), None) for name, speaker_type in read_as]  # type: ignore[arg-type]
    for k, res in enumerate(found):
        res.entity.mentions.append((k, k + 1))
    resolver.one_speaker_per_name(found)
    assert found[0].entity is found[1].entity and found[0].entity.type == kind


def test_a_surname_written_with_the_other_apostrophe_is_the_same_person() -> None:
    text = (
        "The briefing was led by Police Commissioner Sean O’Malley.\n\n"
        "\"The cause has not been determined,\" said O'Malley.\n\n"
        "O'Malley said officials had video of the blast."
    )
    analysis = analyze(text, id="t")
    assert {q.speaker.name for q in analysis.quotes if q.speaker} == {"Sean O’Malley"}


def test_a_surname_with_a_particle_opening_a_sentence_is_the_same_person() -> None:
    text = "Tribal leader Omar al-Fadhli said the town had fallen.\n\nAl-Fadhli said the fighters had fled."
    analysis = analyze(text, id="t")
    assert {q.speaker.name for q in analysis.quotes if q.speaker} == {"Omar al-Fadhli"}


def test_he_after_an_unnamed_speaker_who_named_someone_is_that_speaker() -> None:
    text = (
        "Al-Fadhli said his movement was growing.\n\n"
        'A rebel fighter denied that al-Fadhli\'s wife had been detained. "I have checked with our brothers," he said.'
    )
    assert speaker(quote_with(analyze(text, id="t"), "checked with our brothers")) == "A rebel fighter"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Algerian news site al-Fadjr on Aug. 6 reported that the minister had quit.", "al-Fadjr", "ORG"),
        ("Al-Sabaah, an Iraqi newspaper, said the militants had fled.", "Al-Sabaah", "ORG"),
        ("Jane Smith, a newspaper columnist, said the militants had fled.", "Jane Smith", "PERSON"),
    ],
)  # fmt: skip
def test_a_name_ner_calls_a_person_that_a_kind_of_publication_describes_is_that_publication(
    text: str, name: str, kind: str
) -> None:
    said = analyze(text, id="t").quotes[0].speaker
    assert said is not None and (said.name, said.type) == (name, kind)


def test_police_after_a_named_police_force_is_that_force() -> None:
    text = "Cumbria Police said the man had been arrested on Monday.\n\nThe man was later released, police said."
    assert speaker(quote_with(analyze(text, id="t"), "later released")) == "Cumbria Police"


def test_a_party_s_initials_before_a_surname_are_no_part_of_the_name() -> None:
    text = "NDP MP Carla Angus said the rules were broken.\n\nNDP Angus said the minister should resign."
    assert speaker(quote_with(analyze(text, id="t"), "should resign")) == "Carla Angus"
