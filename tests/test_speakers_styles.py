"""Speaker resolution in news styles unlike PolNeAR's: court reports, sports, wire and business copy,
the British press. Short fictional excerpts."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze
from sayso.nlp import parse
from sayso.speaker_roles import premodifier_role

COURT = (
    "Daniel Whitcombe, 47, of Harrogate, admitted 12 counts of fraud at Leeds Crown Court.\n\n"
    "Prosecutor Helen Ashby told the court Whitcombe had used the money to pay gambling debts.\n\n"
    "Outside court, the charity's chief executive said she was relieved the case was over.\n\n"
    "Sentencing him, Judge Robert Kane said: \"You knew exactly what you were doing.\"\n\n"
    "The judge said the charity had been forced to cancel two summer camps."
)


def test_court_report() -> None:
    analysis = analyze(COURT, id="t")
    told = quote_with(analysis, "gambling debts")
    assert told.content == "Whitcombe had used the money to pay gambling debts"
    assert speaker(told) == "Helen Ashby" and told.speaker and told.speaker.role == "Prosecutor"
    relieved = quote_with(analysis, "relieved")
    assert relieved.source == "the charity's chief executive" and speaker(relieved) == "the charity's chief executive"
    assert speaker(quote_with(analysis, "You knew exactly")) == "Robert Kane"
    assert speaker(quote_with(analysis, "summer camps")) == "Robert Kane"
    whitcombe = next(s for s in analysis.speakers if s.name == "Daniel Whitcombe")
    assert whitcombe.roles == []  # neither "47 of Harrogate" nor "court" ("told the court Whitcombe")


def test_an_age_set_off_by_commas_is_no_part_of_the_name() -> None:
    text = (
        "The novelist Maria Okafor spoke about her new book.\n\n"
        "Okafor, 52, says she wrote most of the book in a rented room above a pharmacy."
    )
    q = quote_with(analyze(text, id="t"), "rented room")
    assert speaker(q) == "Maria Okafor" and q.source == "Okafor, 52,"


def test_a_place_after_of_is_no_speaker() -> None:
    text = (
        "The mayor of Eastbrook, Sandra Lowe, defended the decision to close the library at a council meeting.\n\n"
        '"I know how much this building means to people," Lowe said.'
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "close the library")
    assert speaker(q) == "Sandra Lowe" and q.speaker and q.speaker.role == "mayor of Eastbrook"
    assert speaker(quote_with(analysis, "this building")) == "Sandra Lowe"


def test_a_pronoun_after_a_question_put_to_someone_is_that_person() -> None:
    text = (
        'Riverside manager Paul Doyle said his side deserved to lose. "We were poor," said Doyle.\n\n'
        '"The gaffer told us to get in their faces early," Castleford striker Jamal Hughes said. "It worked."\n\n'
        'Doyle was asked whether his job was under threat. "That\'s not for me to say," he replied.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "not for me to say")) == "Paul Doyle"
    assert speaker(quote_with(analysis, "It worked")) == "Jamal Hughes"


def test_organisations_as_speakers() -> None:
    text = (
        "LONDON (Reuters) - British retailer Harwell & Pike said on Tuesday it would close 40 stores.\n\n"
        "The company said affected staff would be offered redeployment where possible.\n\n"
        "A spokesman for the Royal College of Nursing said staff were exhausted.\n\n"
        "Analysts at Barrow Capital said the closures were overdue.\n\n"
        "Acme's largest customer, Volta Motors, said it had no plans to change its suppliers.\n\n"
        "The foreign ministry said it had summoned the ambassador.\n\n"
        '"This kind of behaviour is unacceptable," the ministry said in a statement.'
    )
    analysis = analyze(text, id="t")
    stores = quote_with(analysis, "close 40 stores")
    assert speaker(stores) == "Harwell & Pike" and stores.speaker and stores.speaker.role == "British retailer"
    assert quote_with(analysis, "redeployment").speaker_id == stores.speaker_id
    rcn = quote_with(analysis, "exhausted")
    assert rcn.speaker and rcn.speaker.type == "UNNAMED"
    analysts = quote_with(analysis, "overdue")
    assert analysts.speaker and analysts.speaker.type == "GROUP"
    volta = quote_with(analysis, "suppliers")
    assert speaker(volta) == "Volta Motors" and volta.speaker and volta.speaker.role == "Acme's largest customer"
    ministry = quote_with(analysis, "summoned")
    assert speaker(ministry) == "The foreign ministry"
    assert quote_with(analysis, "unacceptable").speaker_id == ministry.speaker_id


def test_an_indefinite_description_is_no_one_named_before() -> None:
    text = (
        "The council leader, Ruth Okonjo, told BBC Radio Bristol the sale had followed every proper procedure.\n\n"
        "A council spokesman said the documents would be published next week."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "proper procedure")) == "Ruth Okonjo"
    assert speaker(quote_with(analysis, "published next week")) == "A council spokesman"


def test_a_clause_after_a_name_is_no_role() -> None:
    text = (
        "Lead author Dr Erik Nystrom of the Karolinska Institute said the risk was highest in the first month.\n\n"
        "According to Nystrom, the findings could change prescribing guidelines."
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "prescribing guidelines")
    assert speaker(q) == "Erik Nystrom" and q.speaker and q.speaker.role == "Lead author"
    nystrom = next(s for s in analysis.speakers if s.name == "Erik Nystrom")
    assert not any("findings" in r for r in nystrom.roles)


def test_a_utility_story() -> None:
    text = (
        'In a statement, Northgate Water said it was "deeply sorry" for the disruption.\n\n'
        "The statement said engineers had worked through the night to repair the main.\n\n"
        "Local MP Diane Foster was scathing. She told Sky News: \"This is the third burst in a month. Northgate has "
        'had years to fix this network and has done nothing."\n\n'
        "The company's chief operating officer, Martin Shaw, insisted the network was safe. The repairs, he said, "
        "would be finished by Friday.\n\n"
        "Asked about compensation, Mr Shaw said customers would receive £30 each.\n\n"
        "Ofwat, the water regulator, said it was monitoring the situation closely."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "deeply sorry")) == "Northgate Water"
    assert speaker(quote_with(analysis, "through the night")) == "Northgate Water"  # "The statement said"
    burst = quote_with(analysis, "third burst")
    assert burst.kind == "direct" and speaker(burst) == "Diane Foster" and burst.cue == "told"
    repairs = quote_with(analysis, "finished by Friday")
    assert [text[s:e] for s, e in repairs.content_spans] == ["The repairs", "would be finished by Friday"]
    assert speaker(repairs) == "Martin Shaw"
    assert speaker(quote_with(analysis, "£30 each")) == "Martin Shaw"
    ofwat = quote_with(analysis, "monitoring")
    assert speaker(ofwat) == "Ofwat" and ofwat.speaker and ofwat.speaker.role == "water regulator"


def test_a_sports_report_s_pronouns() -> None:
    text = (
        'Tennis star Emma Rowe said she was "gutted" after retiring injured from her quarter-final on Tuesday.\n\n'
        'Rowe, 24, felt a sharp pain in her wrist in the second set. "I knew straight away something was wrong," '
        'she said.\n\n'
        "Her coach, Luis Ortega, said the team would decide on her next tournament after a scan.\n\n"
        '"She\'s a fighter," Ortega said. "She\'ll be back."\n\n'
        "Rowe's opponent, Kasia Nowak, said: \"I'm sorry it ended like this. Emma is a great player.\""
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "something was wrong")) == "Emma Rowe"
    coach = quote_with(analysis, "next tournament")
    assert speaker(coach) == "Luis Ortega" and coach.speaker and coach.speaker.role == "coach"
    assert speaker(quote_with(analysis, "a fighter")) == "Luis Ortega"
    nowak = quote_with(analysis, "great player")
    assert speaker(nowak) == "Kasia Nowak" and nowak.speaker and nowak.speaker.role == "Rowe's opponent"


MATCH_REPORT = (
    "'We were robbed,' says Hartley boss after late penalty\n\n"
    'Hartley Town manager Steve Gibbs accused the referee of "bottling" the decision that cost his side the match.'
    "\n\nGibbs and his assistant, Karen Mills, both confronted the officials at full-time. She later told "
    'reporters she had "never seen anything like it".\n\n'
    '"...and that is why we need video replays in this league," Mills said.'
)


def test_a_headline_is_no_part_of_the_first_line_s_speaker() -> None:
    analysis = analyze(MATCH_REPORT, id="t")
    accused = quote_with(analysis, "bottling")
    assert accused.source == "Hartley Town manager Steve Gibbs" and speaker(accused) == "Steve Gibbs"
    assert accused.speaker and accused.speaker.role == "Hartley Town manager"
    assert all(q.source is None or "\n" not in q.source for q in analysis.quotes)
    headline = quote_with(analysis, "We were robbed")
    assert headline.kind == "direct" and headline.source == "Hartley boss" and headline.cue == "says"


def test_a_surname_read_as_a_noun_and_a_role_before_the_name() -> None:
    analysis = analyze(MATCH_REPORT, id="t")
    replays = quote_with(analysis, "video replays")
    assert speaker(replays) == "Karen Mills" and replays.speaker and replays.speaker.role == "assistant"
    assert speaker(quote_with(analysis, "never seen anything")) == "Karen Mills"


def test_a_description_before_the_name_and_post_nominals() -> None:
    text = (
        'The judge told Harris he had shown "no remorse whatsoever".\n\n'
        '"You preyed on the vulnerable," Judge Amanda Price told him. "You will serve at least eight years."\n\n'
        "Harris's barrister, Neil Patel KC, said his client intended to appeal."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "no remorse")) == "Amanda Price"
    assert speaker(quote_with(analysis, "preyed on")) == "Amanda Price"
    appeal = quote_with(analysis, "appeal")
    assert speaker(appeal) == "Neil Patel" and appeal.speaker and appeal.speaker.role == "Harris's barrister"


def test_a_person_described_by_age() -> None:
    text = (
        "Former England captain Rachel Dunn has announced her retirement from international cricket.\n\n"
        'The 36-year-old said she had "given everything" to the team over 15 years.\n\n'
        '"It feels like the right time," the former captain said.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "given everything")) == "Rachel Dunn"
    assert speaker(quote_with(analysis, "the right time")) == "Rachel Dunn"


def test_pronouns_of_two_genders_and_a_follow_on_quote_across_paragraphs() -> None:
    text = (
        "Dr Sarah Klein, who runs the clinic, said funding had been cut by a third. Her deputy, Tom Reyes, "
        'agreed.\n\n"We turn people away every day," he said.\n\n'
        '"It breaks my heart," she added. "These are families we have known for years."\n\n'
        '"Nobody in government has visited us. Not once."\n\n'
        "Klein said she had written to the health minister twice without reply."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "funding had been cut")) == "Sarah Klein"
    assert speaker(quote_with(analysis, "turn people away")) == "Tom Reyes"
    assert speaker(quote_with(analysis, "breaks my heart")) == "Sarah Klein"
    assert speaker(quote_with(analysis, "Not once")) == "Sarah Klein"


def test_wire_copy_unnamed_sources() -> None:
    text = (
        "FRANKFURT (Reuters) - Volker Bank is preparing to cut up to 3,000 jobs, two people familiar with the "
        "matter told Reuters on Wednesday.\n\n"
        "A Volker Bank spokesman said the bank did not comment on market speculation.\n\n"
        '"We are not going to be the last bank to do this," a senior executive at a rival lender said.'
    )
    analysis = analyze(text, id="t")
    jobs = quote_with(analysis, "3,000 jobs")
    assert jobs.content == "Volker Bank is preparing to cut up to 3,000 jobs" and jobs.cue == "told"
    assert speaker(jobs) == "two people familiar with the matter"
    assert speaker(quote_with(analysis, "market speculation")) == "A Volker Bank spokesman"
    last = quote_with(analysis, "last bank")
    assert speaker(last) == "a senior executive at a rival lender" and last.speaker and last.speaker.type == "UNNAMED"


def test_an_apposition_role_stops_at_its_relative_clause() -> None:
    text = "Jane Roe, a nurse who works nights at the hospital, said the ward was full."
    q = quote_with(analyze(text, id="t"), "ward")
    assert speaker(q) == "Jane Roe" and q.speaker and q.speaker.role == "nurse"


def test_a_pronoun_after_an_unnamed_person() -> None:
    text = (
        "Mayor Ann Lee opened the bridge on Monday.\n\n"
        "A senior official said the talks had stalled. \"We are not close,\" he said.\n\n"
        "A council spokeswoman said the road would reopen on Friday. She added that the cost was not yet known."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "not close")) == "A senior official"
    assert speaker(quote_with(analysis, "not yet known")) == "A council spokeswoman"



@pytest.mark.parametrize(
    ("text", "words", "issuer"),
    [
        ('The mayor\'s office later issued a statement. "The Mayor stands by every word," it read.',
         "stands by every word", "The mayor's office"),
        ('Acme Corp released a statement on Monday. "We regret the error," the statement said.', "regret the error",
         "Acme Corp"),
    ],
)
def test_a_statement_speaks_for_whoever_issued_it(text: str, words: str, issuer: str) -> None:
    """ "it read" / "the statement said" right after "X issued a statement": X."""
    assert speaker(next(q for q in analyze(text, id="t").quotes if words in q.content)) == issuer


def test_an_issued_statement_two_sentences_back_is_not_the_speaker() -> None:
    text = 'Acme Corp released a statement on Monday.\n\nThe council met later. "It was a long night," it read.'
    q = next(q for q in analyze(text, id="t").quotes if "long night" in q.content)
    assert "Acme" not in (speaker(q) or "")


def test_it_after_an_organisation_that_spoke() -> None:
    """ "It insisted that ..." after the organisation was quoted in the paragraph: that organisation; not a
    study or report that no organisation was quoted before."""
    text = (
        "For decades, the Ministry of Defence denied any role in the tests. But in 2010, historians found papers "
        "that forced the ministry to apologise. Even so, it insisted that it had never tested on civilians.\n\n"
        "The study by Oxford researchers was published on Monday. It found that the drug cut deaths by a third."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "never tested")) == speaker(quote_with(analysis, "any role"))
    assert "Defence" in (speaker(quote_with(analysis, "never tested")) or "")
    assert "Oxford" not in (speaker(quote_with(analysis, "cut deaths")) or "")


def test_an_organisation_is_not_its_spokeswomans_role() -> None:
    """ "the Smith campaign" after "Smith campaign spokeswoman Jo Reed": the campaign, not the spokeswoman
    (the description's head is a word that only qualifies her role)."""
    text = (
        '"He is innocent," Smith campaign spokeswoman Jo Reed said in a statement.\n\n'
        "In the days after the incident, Smith's campaign said it believed the reporter was grabbed by another man.\n\n"
        "Later, the spokeswoman said the matter was closed."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "another man")) != "Jo Reed"
    assert speaker(quote_with(analysis, "matter was closed")) == "Jo Reed"


def test_a_person_opening_a_sentence_after_a_title_is_who_he_means() -> None:
    text = (
        'Head coach Tom Silva said the squad was tired. "Nobody is blaming the players," Silva said.\n\n'
        'Former captain Mark Doyle, now a radio pundit, disagreed. "They look lost out there," he said.'
    )
    assert speaker(quote_with(analyze(text, id="t"), "look lost")) == "Mark Doyle"


def test_the_company_is_not_a_trust_nor_the_agency_a_company() -> None:
    text = (
        "Brightmoor Energy was fined £2m on Monday for overcharging customers.\n\n"
        "The Citizens Advice Trust said the fine was far too low.\n\n"
        "The company said it would appeal against the ruling.\n\n"
        "The Food Standards Agency also fined Harlow Foods £50,000. Harlow Foods said it had acted in good faith. "
        "The agency said the firm had ignored three warnings."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "would appeal")) == "Brightmoor Energy"
    assert speaker(quote_with(analysis, "ignored three warnings")) == "The Food Standards Agency"


def test_a_nationality_is_the_person_the_report_is_about() -> None:
    text = (
        "Rovers manager Luis Ortega admitted his side had been poor.\n\n"
        '"I take full responsibility," the Spaniard said after the match.'
    )
    assert speaker(quote_with(analyze(text, id="t"), "full responsibility")) == "Luis Ortega"


def test_an_organisations_official_named_after_its_possessive_is_the_official() -> None:
    text = "The European Union's foreign policy chief Kaja Kallas wrote on X that the attack showed contempt for talks."
    analysis = analyze(text)
    (quote,) = analysis.quotes
    assert quote.speaker is not None and quote.speaker.name == "Kaja Kallas"


def test_a_campaign_is_not_the_other_campaigns_manager() -> None:
    text = (
        "Marsh's campaign manager, Luis Ortega, insisted that the governor had won, "
        "while the Gaines campaign said its candidate had exposed four years of failure."
    )
    analysis = analyze(text)
    assert [q.speaker.name if q.speaker else None for q in analysis.quotes][-1] != "Luis Ortega"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Rovers boss Erik ten Hoven said the squad was complete. Ten Hoven said no one would be sold.",
            "Erik ten Hoven",
            "Rovers boss",
        ),
        (
            "Manager Jan van der Berg said his side had been unlucky. Van der Berg added that the referee had "
            "missed a clear penalty.",
            "Jan van der Berg",
            "Manager",
        ),
    ],
)
def test_a_name_with_a_lowercase_particle_is_one_name(text: str, name: str, role: str) -> None:
    """NER cuts "Erik ten Hoven" at "ten" (a number to it); the particle and the surname are the name, and
    "Ten Hoven" later is the same person, with no role "Ten"."""
    analysis = analyze(text, id="t")
    assert [(speaker(q), q.speaker and q.speaker.role) for q in analysis.quotes] == [(name, role)] * 2


def test_a_surname_with_a_particle_opening_a_sentence_is_the_person_named_in_full() -> None:
    text = (
        "Manchester United have denied making an offer, with manager Erik ten Hag insisting his squad was complete.\n\n"
        '"There has been no bid," Ten Hag told reporters.'
    )
    assert speaker(quote_with(analyze(text), "no bid")) == "Erik ten Hag"


def test_a_person_ner_never_tags_is_named_by_a_first_name_and_a_name_that_stands_alone() -> None:
    text = (
        "The TV doctor with a trunk of critics.\n\n"
        "Mehmet Oz — Ivy League-trained surgeon and daytime TV star — has been called a charlatan by fellow "
        "physicians. Oz has denied wrongdoing.\n\n"
        "Bornstein's earlier letter was widely mocked, said Dr Maria Feld, a professor of surgery.\n\n"
        'Oz is hardly an impartial figure. "I stand by my advice," he said on Friday.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "wrongdoing")) == "Mehmet Oz"
    assert speaker(quote_with(analysis, "stand by my advice")) == "Mehmet Oz"
    assert not any(s.name == "Ivy League" for s in analysis.speakers)


def test_a_noun_after_a_before_a_name_is_no_title() -> None:
    text = (
        "Max Hale spoke in Leeds on Monday.\n\n"
        'He bases this claim on a remark Hale made in 2012. "I never said that," Hale told reporters.'
    )
    hale = next(s for s in analyze(text, id="t").speakers if s.name == "Max Hale")
    assert "remark" not in hale.roles


def test_he_in_a_new_paragraph_is_the_one_person_named_before_it_in_his_sentence() -> None:
    text = (
        "Dr Kenan Arslan has a trunk of critics.\n\n"
        '"Arslan has a huge platform," said Tomas Krall, a professor of surgery. "He cannot ignore facts."\n\n'
        "In 2014 Arslan's advice earned him the attention of lawmakers, and at a hearing he once again claimed that "
        "a bean extract was a miracle cure."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "bean extract")) == "Kenan Arslan"


def test_he_said_after_a_name_in_a_new_paragraph_is_still_the_last_speaker() -> None:
    text = (
        '"Arslan has a huge platform," said Tomas Krall, a professor of surgery.\n\n'
        "In his view Arslan's show is a marketing machine, he said."
    )
    assert speaker(quote_with(analyze(text, id="t"), "marketing machine")) == "Tomas Krall"


def test_a_company_called_by_the_first_word_of_its_name_is_that_organisation_once() -> None:
    text = (
        "Varnex sued over promotions\n\n"
        "Three former employees of Varnex Systems have filed a lawsuit accusing the software company of bias.\n\n"
        'Varnex denied the allegations. "These claims are without merit," the company said in a statement.'
    )
    analysis = analyze(text, id="t")
    varnex = [s for s in analysis.speakers if s.name.startswith("Varnex")]
    assert len(varnex) == 1 and varnex[0].type == "ORG"
    assert speaker(quote_with(analysis, "without merit")) == varnex[0].name
    assert len({s.id for s in analysis.speakers}) == len(analysis.speakers)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("The United States", "The United States"),
        ("The Charlotte Observer", "The Charlotte Observer"),
        ("A count by The Associated Press", "Associated Press"),
        ("Early exit polls conducted by Edison Research for the television networks", "Edison Research"),
    ],
)
def test_an_organisation_whose_name_opens_like_a_person_s_is_no_person(source: str, name: str) -> None:
    text = f"Voters went to the polls on Tuesday in six states.\n\n{source} said turnout was higher than in 2012."
    q = quote_with(analyze(text, id="t"), "turnout was higher")
    assert speaker(q) == name and q.speaker is not None and q.speaker.type == "ORG"


def test_the_newspaper_is_the_paper_that_reported_last() -> None:
    text = (
        "Downing Street has denied that the prime minister was warned about the cuts.\n\n"
        "The Sunday Courier reported that a memo sent to Number 10 in March set out the risks in detail. "
        "The newspaper said it had seen a copy of the memo."
    )
    q = quote_with(analyze(text, id="t"), "seen a copy")
    assert speaker(q) == "The Sunday Courier" and q.speaker is not None and q.speaker.type == "ORG"


def test_a_name_followed_by_which_is_an_organisation() -> None:
    text = (
        "Volt Beverages, which makes the best-selling Volt Max, said the study did not prove that its drinks "
        'caused any harm. "Our products are safe," a company spokesperson said.'
    )
    analysis = analyze(text, id="t")
    volt = quote_with(analysis, "did not prove")
    assert speaker(volt) == "Volt Beverages" and volt.speaker is not None and volt.speaker.type == "ORG"
    assert "Volt Beverages" in (speaker(quote_with(analysis, "products are safe")) or "")


def test_a_name_followed_by_based_in_is_an_organisation_without_that_role() -> None:
    text = (
        "The European Commission said exports had risen by 40 percent.\n\n"
        "Hanxin Steel, based in Shanghai, said the Commission's numbers counted the same shipments twice."
    )
    q = quote_with(analyze(text, id="t"), "same shipments")
    assert speaker(q) == "Hanxin Steel" and q.speaker is not None and q.speaker.type == "ORG"
    assert q.speaker.role is None


def test_the_campaign_of_a_candidate_is_no_candidate_with_a_role() -> None:
    text = (
        "The campaign of Republican Senate candidate Mark Dillard on Friday accused his Democratic rival, Karen "
        "Solis, of lying about his record on veterans' health care."
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "lying about his record")
    assert speaker(q) != "Mark Dillard"
    assert all("campaign of" not in role for s in analysis.speakers for role in s.roles)


def test_downing_street_is_an_organisation() -> None:
    text = "Downing Street has denied that the prime minister was warned last year about the cuts."
    q = quote_with(analyze(text, id="t"), "prime minister was warned")
    assert speaker(q) == "Downing Street" and q.speaker is not None and q.speaker.type == "ORG"


def test_a_capital_that_speaks_for_its_government_is_its_country_when_the_report_names_it() -> None:
    text = (
        "Beijing rejects Manila's account of shoal collision\n\n"
        "China on Sunday rejected the Philippines' account of a collision between their vessels."
    )
    speakers = [s.name for s in analyze(text, id="t").speakers]
    assert "China" in speakers and "Beijing" not in speakers


def test_a_capital_stays_itself_in_a_report_that_never_names_its_country() -> None:
    text = "Paris said on Monday that the new tram line would open in May."
    assert speaker(quote_with(analyze(text, id="t"), "tram line")) == "Paris"


def test_a_title_opening_the_text_is_a_role_whatever_the_text_s_last_word() -> None:
    doc = parse("spokeswoman Lena Ford said the council would publish a")
    ford = next(e for e in doc.ents if e.label_ == "PERSON")
    assert premodifier_role(ford) == "spokeswoman"


def test_an_abbreviated_rank_before_a_name_is_neither_the_speaker_nor_a_sentence_end() -> None:
    text = (
        "Harbour police spokesman Sgt. Ana Ortiz said the boat had been found.\n\n"
        "Capt. Leo Brandt, who led the search, said the crew were safe. Ortiz added that no one was hurt."
    )
    analysis = analyze(text, id="t")
    first = quote_with(analysis, "boat had been found")
    assert speaker(first) == "Ana Ortiz" and first.speaker and first.speaker.role == "Harbour police spokesman"
    assert speaker(quote_with(analysis, "crew were safe")) == "Leo Brandt"
    assert quote_with(analysis, "no one was hurt").speaker_id == first.speaker_id


def test_the_agency_after_a_public_body_spoke_is_that_body() -> None:
    text = (
        "ESA denies the claim that the comet will pass close enough to be seen at noon.\n\n"
        '"These rumours are false and the image circulating is doctored," the agency said in a statement.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "These rumours are false")) == "ESA"


def test_which_after_a_piece_someone_has_on_something_is_the_piece_s_owner() -> None:
    text = (
        "Fact-checking site TruthLens.org also has a writeup on the fake bulletin, which says: \"Within hours the "
        'flood story was shared thousands of times, and it is entirely made up."'
    )
    assert speaker(quote_with(analyze(text, id="t"), "entirely made up")) == "TruthLens.org"


def test_the_petition_speaks_for_the_one_who_filed_it() -> None:
    text = (
        "The company's legal battle with Owen Ames, its former sales chief, became public after Ames filed a petition "
        "on Tuesday in the state Supreme Court. The petition accuses the company of \"attempting to bully Mr. Ames "
        'into silence."\n\n'
        'The company\'s attorney, Jo Reed, said Ames was "looking for free publicity using false claims."'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "bully Mr. Ames")) == "Owen Ames"


def test_advisers_like_a_named_one_are_that_one() -> None:
    text = (
        "The senator's fact-check was retweeted 3,000 times, leading Lowe economic advisers like Dana Pike to counter "
        'that "every cent of the bailout was paid back."'
    )
    q = quote_with(analyze(text, id="t"), "every cent")
    assert speaker(q) == "Dana Pike" and q.speaker is not None and q.speaker.role == "Lowe economic adviser"


def test_one_compared_to_another_is_still_the_one() -> None:
    text = "Democratic candidate Ruth Kane, like Lowe, has said she will hold firm to the harbour plan."
    assert speaker(quote_with(analyze(text, id="t"), "hold firm")) == "Ruth Kane"


def test_a_name_before_the_kind_of_publication_it_is_is_that_publication() -> None:
    text = (
        "But aides were determined to turn his illness to good advantage, with the official Rodong Sinmun daily "
        "newspaper saying he had laboured on by visiting factories in the summer heat."
    )
    q = quote_with(analyze(text, id="t"), "laboured on")
    assert speaker(q) == "Rodong Sinmun" and q.speaker is not None and q.speaker.type == "ORG"


def test_a_description_s_apposition_is_no_part_of_its_name() -> None:
    text = (
        "News outlets in Miami, the de facto capital of the Cuban diaspora, reported that the leader had died. "
        "The foreign ministry denied it."
    )
    assert speaker(quote_with(analyze(text, id="t"), "had died")) == "News outlets in Miami"


def test_sources_close_to_a_body_are_not_that_body() -> None:
    text = (
        "Sources close to the production being filmed in metro Detroit also said it wasn't true that the car had "
        "been stolen."
    )
    q = quote_with(analyze(text, id="t"), "had been stolen")
    assert speaker(q) != "Detroit" and q.speaker is not None and q.speaker.type != "ORG"


def test_a_hyphenated_surname_alone_is_the_person_named_before() -> None:
    text = (
        "The Courier interviewed one of the tribunal's judges, Dr. Samir El-badawi. El-badawi said that the tribunal "
        "follows the law of the land. He also added that the tribunal is not arbitration."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "follows the law")) == "Samir El-badawi"


def test_a_paper_ner_left_untagged_is_an_organisation() -> None:
    text = "The Harbour Morning Herald reported that the ferry had sunk, but the Herald later withdrew the story."
    q = quote_with(analyze(text, id="t"), "ferry had sunk")
    assert q.speaker is not None and q.speaker.type == "ORG"


def test_an_unnamed_one_s_relative_clause_is_no_part_of_the_name() -> None:
    text = (
        "One longtime NBC employee who has worked with Williams on several occasions said the anchor had embellished "
        "the story."
    )
    q = quote_with(analyze(text, id="t"), "embellished")
    assert speaker(q) == "One longtime NBC employee" and q.speaker is not None and q.speaker.type == "UNNAMED"


def test_a_web_address_that_speaks_is_an_organisation() -> None:
    text = "The story first appeared on ynetnews.com, and ynetnews.com reported that the soldier had been released."
    q = quote_with(analyze(text, id="t"), "had been released")
    assert q.speaker is not None and q.speaker.type == "ORG"


def test_a_blog_named_after_its_kind_is_an_organisation() -> None:
    text = "The pro-Islamic State blog Samir al-Haddad posted that the convoy had been destroyed."
    q = quote_with(analyze(text, id="t"), "convoy had been destroyed")
    assert speaker(q) == "Samir al-Haddad" and q.speaker is not None and q.speaker.type == "ORG"


def test_a_name_with_jr_and_its_surname_alone_are_one_person() -> None:
    text = (
        "Vice President Joseph R. Hale Jr. said on Monday that the bridge would be rebuilt. Mr. Hale added that the "
        "money was already there."
    )
    analysis = analyze(text, id="t")
    assert quote_with(analysis, "be rebuilt").speaker_id == quote_with(analysis, "already there").speaker_id


def test_a_title_before_a_name_ner_missed_is_no_part_of_it() -> None:
    text = (
        'The day after the primary, Republican Gov. Doug Ducey called the long lines "unacceptable." Phoenix Mayor '
        "Greg Stanton wrote a letter to Attorney General Loretta Lynch asking for an investigation."
    )
    stanton = [s for s in analyze(text, id="t").speakers if "Stanton" in s.name]
    assert [(s.name, s.type, s.roles) for s in stanton] == [("Greg Stanton", "PERSON", ["Phoenix Mayor"])]


def test_a_surname_with_its_particle_after_a_title_is_the_full_name() -> None:
    text = (
        "\"I've been watching this election,\" said Pierre de Vos, a professor of law in Cape Town.\n\n"
        "For decades, Mr. de Vos noted, the country had sent observers abroad."
    )
    analysis = analyze(text, id="t")
    assert quote_with(analysis, "watching this election").speaker_id == quote_with(analysis, "observers").speaker_id


def test_the_post_after_the_washington_post_is_that_paper() -> None:
    text = (
        "The Harbour City Post reported on Monday that the ferry contract had been cancelled. The mayor's office "
        "denied it. The Post later said its reporters stood by the story."
    )
    analysis = analyze(text, id="t")
    assert quote_with(analysis, "contract had been cancelled").speaker_id == quote_with(analysis, "stood by").speaker_id


def test_a_word_ending_in_ms_before_a_surname_is_no_title() -> None:
    text = (
        "\"You'll always have Democrats on both sides,\" said Marty Walz, chair of the council. \"They want to take "
        "over our school systems.\"\n\n"
        "Walz approaches it more diplomatically. \"We need more yes-votes,\" she said."
    )
    analysis = analyze(text, id="t")
    walz = [s.name for s in analysis.speakers if "Walz" in s.name]
    assert walz == ["Marty Walz"]


def test_a_review_by_the_times_after_the_new_york_times_is_that_paper() -> None:
    text = (
        "The plane was grounded after The Harbour City Times reported that its registration had lapsed. A review by "
        "The Times shows most of the hours were logged abroad."
    )
    analysis = analyze(text, id="t")
    first, later = quote_with(analysis, "registration had lapsed"), quote_with(analysis, "logged abroad")
    assert first.speaker_id == later.speaker_id


@pytest.mark.parametrize(
    ("first", "again"), [("Daily Mirror", "the Mirror"), ("the New York Daily News", "The Daily News")]
)
def test_a_paper_called_by_the_end_of_its_name_is_that_paper(first: str, again: str) -> None:
    text = (
        f"The story was first reported by the {first.removeprefix('the ')}, which said the ferry had sunk. "
        f"{again[0].upper() + again[1:]} later said its reporters had been misled."
    )
    analysis = analyze(text, id="t")
    first_quote, later = quote_with(analysis, "ferry had sunk"), quote_with(analysis, "been misled")
    assert first_quote.speaker_id == later.speaker_id


def test_the_one_described_again_with_the_is_the_one_met_with_a() -> None:
    text = (
        "A representative of the plumbing company in Harbour City said the workers had found nothing unusual. "
        "The representative of the plumbing company in Harbour City later said the story was invented."
    )
    analysis = analyze(text, id="t")
    assert quote_with(analysis, "nothing unusual").speaker_id == quote_with(analysis, "was invented").speaker_id


@pytest.mark.parametrize("body", ["The Metropolitan Police force", "Nigeria's military"])
def test_a_force_or_a_military_is_an_organisation(body: str) -> None:
    text = f"{body} said on Friday that the reports of a ceasefire were false."
    q = quote_with(analyze(text, id="t"), "ceasefire were false")
    assert q.speaker is not None and q.speaker.type == "ORG"


def test_markup_glued_to_a_surname_makes_no_person() -> None:
    text = (
        "Senator Bernie Sanders made a claim about jobs.\n\n"
        '<tweet a="we rate it Mostly True.">Sanders said that young people were out of work.</tweet>\n\n'
        "Mayor Ann Lee said she agreed with him."
    )
    people = [s.name for s in analyze(text, id="t").speakers if s.type == "PERSON"]
    assert all(name[:1].isalpha() for name in people), people


def test_one_of_a_group_is_one_unnamed_person() -> None:
    text = "One of the doctors who signed the letter said the surgeon had misled viewers."
    q = quote_with(analyze(text, id="t"), "misled viewers")
    assert q.speaker is not None and q.speaker.type == "UNNAMED"
