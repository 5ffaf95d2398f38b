"""Claims and disputes within one article."""

from __future__ import annotations

import json

import pytest

from sayso import Analysis, analyze
from sayso.config import settings


def disputes_of(analysis: Analysis) -> list[tuple[str, str, list[str]]]:
    names = {s.id: s.name for s in analysis.speakers}
    claims = {c.id: c.text for c in analysis.claims}
    return [
        (claims[d.claim_id], names[d.claimant_id or ""], [names[x] for x in d.disputed_by]) for d in analysis.disputes
    ]


def test_denial_of_a_nominal_claim_disputes_that_claim() -> None:
    text = "The ministry on Friday denied claims by opposition leader Karl Brandt that the election had been rigged."
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claim.startswith("the election had been rigged")
    assert (claimant, disputers) == ("Karl Brandt", ["The ministry"])


def test_denial_of_a_post_that_said_something_disputes_its_publisher() -> None:
    text = (
        "Harbour officials on Tuesday flatly rejected as false a post on the Coast Daily website that said the "
        "ferry had sunk with forty passengers aboard."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claim.startswith("the ferry had sunk")
    assert (claimant, disputers) == ("Coast Daily", ["Harbour officials"])  # the site, not "the ... website"


def test_denial_that_names_the_claimant_disputes_their_claim() -> None:
    text = (
        "Senator Ann Ruiz said the factory would close in May.\n\n"
        '"What Senator Ruiz said is simply false," the company spokesman Mark Olsen said.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "factory would close" in claim and claimant == "Ann Ruiz" and disputers == ["Mark Olsen"]


def test_denial_sharing_the_claims_words_disputes_it() -> None:
    text = (
        "Councillor Joe Lind said the mayor had threatened to cut the library budget.\n\n"
        '"This is a lie. There were never any threats to the library budget," Mayor Rita Gomez said.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Joe Lind" and disputers == ["Rita Gomez"]


@pytest.mark.parametrize(
    "reply",
    [
        "The Harlow campaign called the charges unsubstantiated and fabricated by former staff.",
        "Mr. Harlow dismissed the criticism as the work of his rivals.",
    ],
)
def test_denial_of_the_charges_disputes_the_claim_just_made(reply: str) -> None:
    text = (
        "Several former employees said Mayor Dan Harlow had shouted at junior staff for years.\n\n"
        f"{reply}\n\n"
        "The council said it would publish its annual budget next week."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "shouted at junior staff" in claim
    assert claimant == "Several former employees" and disputers and "Harlow" in disputers[0]


def test_unrelated_negative_statements_dispute_nothing() -> None:
    text = (
        "Councillor Joe Lind said the new stadium would open in June.\n\n"
        "Police said there were no injuries in the crash on the motorway."
    )
    assert analyze(text).disputes == []


def test_model_case_has_exactly_its_one_dispute() -> None:
    case = settings().shared_dir / "examples" / "kremlin-johnson"
    if not case.is_dir():
        pytest.skip(f"{case}: the model case is absent")
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))["disputes"]
    analysis = analyze((case / "article.txt").read_text(encoding="utf-8"))
    ((claim, claimant, disputers),) = disputes_of(analysis)
    assert claimant == gold[0]["claimant"]
    assert sorted(disputers) == sorted(gold[0]["disputed_by"])
    assert "threatened" in claim and "missile" in claim


@pytest.mark.parametrize(
    "reply",
    [
        "\"The governor's reasons for the veto don't hold water,\" said Nora Quinn, who lost her son in the flood.",
        "Nora Quinn, who lost her son in the flood, rejected Lane's account of the rescue.",
    ],
)
def test_a_denial_of_a_named_persons_claim_disputes_that_persons_claim(reply: str) -> None:
    text = (
        "Governor Tom Lane said he vetoed the flood bill because it would bankrupt the state.\n\n"
        "Senator Ada Bell said the bill would pass again in the spring.\n\n"
        f"{reply}"
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Tom Lane" and disputers == ["Nora Quinn"]


def test_a_speaker_left_as_a_bare_pronoun_is_no_party_to_a_dispute() -> None:
    from sayso.claims import link
    from sayso.model import Quote, Speaker

    text = "Joe Lind said the mayor cut the library budget. It said the mayor never cut the library budget."
    lind = Speaker(id="s1", name="Joe Lind", type="PERSON")
    it = Speaker(id="s2", name="It", type="UNNAMED")
    claim = Quote(
        id="q1",
        kind="indirect",
        content="the mayor cut the library budget",
        content_spans=[(14, 46)],
        speaker_id="s1",
        polarity="asserts",
    )
    denial = Quote(
        id="q2",
        kind="indirect",
        content="the mayor never cut the library budget",
        content_spans=[(56, 94)],
        speaker_id="s2",
        polarity="denies",
    )
    assert link([claim, denial], [lind, it], text)[1] == []
    whose = Speaker(id="s2", name="her campaign", type="UNNAMED")  # a thing of someone unresolved
    assert link([claim, denial], [lind, whose], text)[1] == []
    nobody = Speaker(id="s2", name="no one", type="UNNAMED")  # "no one believes ...": nobody speaks
    assert link([claim, denial], [lind, nobody], text)[1] == []
    no_agency = Speaker(id="s2", name="No government agency", type="UNNAMED")  # "No government agency has said ..."
    assert link([claim, denial], [lind, no_agency], text)[1] == []
    named = Speaker(id="s2", name="The mayor's office", type="ORG")
    assert len(link([claim, denial], [lind, named], text)[1]) == 1


@pytest.mark.parametrize(
    "text",
    [
        '"I never said that. I never said that," Mayor Dan Harlow said, after reporter Jill Moss said he had '
        "called the harbour council a circus of amateurs.",
        "Reporter Jill Moss said the mayor had called the harbour council a circus of amateurs.\n\n"
        '"That never happened," Mayor Dan Harlow said.',
    ],
)
def test_a_short_denial_of_that_disputes_the_claim_beside_it(text: str) -> None:
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "circus" in claim and claimant == "Jill Moss" and disputers == ["Dan Harlow"]


@pytest.mark.parametrize(
    "refusal",
    [
        "A state judge on Friday rejected a media request to unseal the council files.",
        "The rules committee report was finalized and denied the change being sought by the council.",
        "The board denied the changes sought by the council.",
    ],
)
def test_rejecting_a_request_disputes_no_claim(refusal: str) -> None:
    text = "Lawyers for Mayor Dan Harlow said the council files and rules should change.\n\n" + refusal
    assert analyze(text).disputes == []


def test_denying_what_a_denial_already_denies_is_agreement_not_a_dispute() -> None:
    text = (
        '"There never was an order to close the harbour," said port chief Lena Ode.\n\n'
        "A later inquiry found no evidence that there was an order to close the harbour."
    )
    assert analyze(text).disputes == []


def test_a_denial_whose_cue_names_the_suggestion_disputes_the_claim_before_it() -> None:
    text = (
        '"There is real doubt whether she can raise the money," said Quentin Hale, a professor of politics.\n\n'
        "Senator Mara Ode bristles at the suggestion she won't be ready."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Quentin Hale" and disputers == ["Mara Ode"]


@pytest.mark.parametrize(
    "content, named",
    [
        ("Ivana Trump that there was no reason to intrude on her privacy", False),
        ("what Trump said about the divorce is not true", True),
        ("what Donald Trump said is not true", True),
        ("Mr. Trump's account is wrong", True),
        ('there was no basis for any prosecution," said Rep. Donald Trump, the top Democrat', False),
    ],
)
def test_a_namesake_is_not_the_speaker_named(content: str, named: bool) -> None:
    """ "The judge agreed with Ivana Trump that there was no reason ...": the denial named Ivana, not Donald Trump,
    yet it was linked to Donald Trump's claim."""
    from sayso.claim_base import names_speaker
    from sayso.model import Speaker

    donald = Speaker(id="s1", name="Donald Trump", type="PERSON", roles=[], mentions=[])
    assert names_speaker(content, donald) is named


@pytest.mark.parametrize(
    "reply",
    [
        "Mayor Dan Harlow said that claim was false.",
        'Mayor Dan Harlow said that is a "distortion," and praised his staff.',
        "Mayor Dan Harlow said that charge smacked of hypocrisy, because his critics had shouted too.",
        'Mayor Dan Harlow called that "beyond preposterous."',
        'Mayor Dan Harlow called that "utterly false."',
    ],
)
def test_a_demonstrative_that_stays_in_the_denial_and_points_back(reply: str) -> None:
    text = f"Several former employees said Mayor Dan Harlow had shouted at junior staff for years.\n\n{reply}"
    analysis = analyze(text)
    denial = next(q for q in analysis.quotes if q.polarity == "denies")
    assert denial.content.lower().startswith("that ")
    ((claim, claimant, disputers),) = disputes_of(analysis)
    assert "shouted at junior staff" in claim and claimant == "Several former employees" and disputers == ["Dan Harlow"]


def test_a_complementizer_that_is_still_left_out() -> None:
    quote = analyze("Mayor Dan Harlow said that the harbour would reopen in May.").quotes[0]
    assert quote.content.startswith("the harbour")


def test_a_denial_opening_with_that_disputes_the_claim_right_before_it() -> None:
    from sayso.claims import link
    from sayso.model import Quote, Speaker

    lind = "Councillor Joe Lind said the harbour staff were highly accomplished and loyal. "
    report = 'The report accuses Mayor Dan Harlow of treating his staff like "hired help." '
    reply = 'He said that is a "distortion," describing the harbour staff as highly accomplished.'
    text = lind + report + reply

    def quote(qid: str, words: str, speaker: str, polarity: str) -> Quote:
        start = text.index(words)
        span = (start, start + len(words))
        kind = "indirect"
        return Quote(id=qid, kind=kind, content=words, content_spans=[span], speaker_id=speaker, polarity=polarity)

    quotes = [
        quote("q1", "the harbour staff were highly accomplished and loyal", "s1", "asserts"),
        quote("q2", 'Mayor Dan Harlow of treating his staff like "hired help', "s2", "asserts"),
        quote("q3", 'that is a "distortion," describing the harbour staff as highly accomplished', "s3", "denies"),
    ]
    speakers = [
        Speaker(id="s1", name="Joe Lind", type="PERSON"),
        Speaker(id="s2", name="The report", type="UNNAMED"),
        Speaker(id="s3", name="Dan Harlow", type="PERSON"),
    ]
    ((dispute,),) = [link(quotes, speakers, text)[1]]
    assert dispute.claimant_id == "s2" and dispute.disputed_by == ["s3"]


def test_a_denial_of_an_owners_claims_about_something_disputes_that_owner() -> None:
    text = (
        "President Anna Ruiz vetoed the port bill on Friday.\n\n"
        "Dock workers say the president's claims about lost jobs at the harbour are unfounded."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "lost jobs" in claim and claimant == "Anna Ruiz" and disputers == ["Dock workers"]


def test_a_denial_whose_cue_names_a_claim_and_its_owner_disputes_that_owner() -> None:
    text = "Mayor Dan Harlow has dismissed the state weather service consensus that the river is rising fast."
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "the river is rising" in claim and claimant == "state weather service" and disputers == ["Dan Harlow"]


def test_a_denial_that_others_were_wrong_in_their_claim_disputes_them_not_the_claim_before() -> None:
    text = (
        "After the storm, Mayor Dan Harlow publicly blamed the flooding on the new dam while knowing the dam had "
        "held, according to emails released by the council.\n\n"
        "Last week, Harlow said the residents of Elm Street were wrong in their recollections that he blamed the "
        "dam for the flooding."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "the residents of Elm Street" and disputers == ["Dan Harlow"]
    assert "blamed the dam" in claim


def test_a_possessive_pronoun_that_disagrees_with_the_subject_names_no_owner() -> None:
    analysis = analyze("Harlow said the resident was wrong in their recollection that he blamed the dam.")
    assert all(q.cue != "recollection" for q in analysis.quotes)


@pytest.mark.parametrize(
    ("text", "claimant", "disputer", "claimed"),
    [
        (  # the cue names whose words it answers
            "Mayor Dan Harlow said on Monday that the reporter had grabbed his arm first at the dock.\n\n"
            "Councillor Joe Lind said the harbour budget would grow by a tenth next year.\n\n"
            "On Twitter, reporter Ann Ruiz responded Tuesday to one of Harlow's messages by saying, "
            '"Seriously, just stop lying."',
            "Dan Harlow",
            "Ann Ruiz",
            "grabbed his arm",
        ),
        (  # the denial replies to the last question put to the one who replies
            "Moderator Joan Pike asked Mayor Dan Harlow about his ties to a dredging firm called Silt Co.\n\n"
            "The firm agreed in 2009 to a settlement with the state over its billing, the state said.\n\n"
            '"I had no dealings with them. That is total propaganda," Harlow replied.',
            "Joan Pike",
            "Dan Harlow",
            "dredging firm",
        ),
    ],
)
def test_a_denial_that_answers_someone_disputes_what_they_said_or_asked(
    text: str, claimant: str, disputer: str, claimed: str
) -> None:
    ((claim, found_claimant, disputers),) = disputes_of(analyze(text))
    assert found_claimant == claimant and disputers == [disputer] and claimed in claim


def test_saying_someone_fabricated_their_story_disputes_their_account() -> None:
    text = (
        "Reporter Ann Ruiz filed a complaint with the harbour police on Friday.\n\n"
        '"Seriously, just stop lying," Ruiz wrote on Twitter.\n\n'
        "Mayor Dan Harlow told the radio station that he believed Ruiz had fabricated the story."
    )
    disputes = disputes_of(analyze(text))
    assert ("Ann Ruiz", ["Dan Harlow"]) in [(claimant, disputers) for _, claimant, disputers in disputes]


def test_a_fabrication_by_someone_not_quoted_makes_no_dispute() -> None:
    text = "Mayor Dan Harlow told the radio station that he believed the reporter had fabricated the story."
    assert analyze(text).disputes == []


def test_a_question_nobody_answers_with_a_denial_is_no_claim() -> None:
    text = "Moderator Joan Pike asked Mayor Dan Harlow about his ties to a dredging firm called Silt Co."
    assert analyze(text).claims == []


def test_contradicting_someones_earlier_claim_disputes_it() -> None:
    text = (
        "Mayor Dan Harlow spoke at the funeral of Joe Lind on Friday.\n\n"
        "Footage from a bystander shows that Lind had raised his hands, contradicting the harbour police's earlier "
        "claim that Lind had refused to raise them."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "refused to raise" in claim and claimant == "the harbour police"


def test_a_spokesman_does_not_dispute_the_one_he_speaks_for() -> None:
    text = (
        "Senator Ann Ruiz said the harbour plan discriminates against fishermen.\n\n"
        'In a statement, Ruiz spokesman Tom Reilly said, "Ann has opposed any plan that discriminates against '
        'fishermen, believing that such plans are wrong and not who we are."'
    )
    assert disputes_of(analyze(text)) == []


@pytest.mark.parametrize(
    ("text", "claimant", "disputer"),
    [
        (  # "his comments": the man quoted just before
            "Councillor Joe Lind said the harbour budget would grow by a tenth next year.\n\n"
            'The rating was given to this statement by Mayor Dan Harlow on June 11: "Crime in the port is up '
            '40 percent; 40 percent."\n\n'
            'The Port Watch website claimed "Harlow inflates" the crime figures, and concluded his comments were '
            '"Mostly False."',
            "Dan Harlow",
            "Port Watch",
        ),
        (  # a denial of "this" right after the same speaker's denial disputes the same claim
            "Reporter Ann Ruiz wrote that a guard had grabbed her arm at the dock.\n\n"
            "Councillor Joe Lind said the mayor was responsible for whatever happens at his events.\n\n"
            "Mayor Dan Harlow told the radio station that he believed Ruiz had fabricated the story. "
            '"This was, in my opinion, made up," Harlow said.',
            "Ann Ruiz",
            "Dan Harlow",
        ),
        (  # a denial naming a document's kind names the document
            "The state audit found that the harbour authority had overspent by a tenth.\n\n"
            "Councillor Joe Lind said the authority's budget for next year had been approved in March by the board.\n\n"
            "A spokesman, Tom Reilly, said the state audit was misleading because it left out the ferry contracts "
            "approved by the board.",
            "The state audit",
            "Tom Reilly",
        ),
        (  # "the state report was ...": the report's claim, not the claim just before the denial
            "The state report found that the harbour authority had overspent on the ferry contracts by a tenth.\n\n"
            "Harbour authority spokesman Tom Reilly said the report is misleading because it looks at one year.\n\n"
            "Senator Ann Ruiz said the authority's board should resign over the ferry contracts.\n\n"
            "In a statement on Friday, Reilly added that the state report was misleading because it left out the "
            "savings on fuel.",
            "The state report",
            "Tom Reilly",
        ),
    ],
)
def test_the_one_dispute_is_with_the_claimant_the_denial_points_to(text: str, claimant: str, disputer: str) -> None:
    disputes = disputes_of(analyze(text))
    assert [(found, disputers) for _, found, disputers in disputes] == [(claimant, [disputer])]


def test_a_denial_put_to_someone_disputes_the_claim_of_the_one_addressed() -> None:
    text = (
        "Mayor Dan Harlow has said on his radio show that the new harbour wall was a miracle of engineering.\n\n"
        "Councillor Ann Ruiz said the engineers were almost unanimous that the ferry budget gives people real hope.\n\n"
        "Harlow's claims earned him a hearing in the state Senate in March. Senator Joan Pike scolded him: "
        '"The engineers are almost unanimous against you on the wall you called a miracle," Pike said. '
        '"When you call a wall a miracle, it gives people false hope."'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Dan Harlow" and disputers == ["Joan Pike"] and "miracle" in claim


def test_denying_an_act_against_someone_disputes_their_account() -> None:
    text = (
        "Reporter Ann Ruiz told the police that the mayor's aide, Joe Lind, had grabbed her arm at the dock after the "
        "rally.\n\n"
        "The police charged Lind with battery on Tuesday.\n\n"
        "Even after the complaint was filed, Lind continued to say he had never touched Ruiz."
    )
    assert [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text))] == [
        ("Ann Ruiz", ["Joe Lind"])
    ]


def test_a_denial_that_a_judge_did_not_recognize_the_facts_disputes_the_judges_ruling() -> None:
    text = (
        "Judge Ann Ruiz ruled on Friday that the harbour law allows arbitrary discrimination against fishermen.\n\n"
        "Gov. Dan Harlow said he expects an appeal of Ruiz's ruling. \"The law simply protects the harbour's "
        'traditional trades. I am disappointed Judge Ruiz did not recognize that reality," he said in a statement.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Ann Ruiz" and disputers == ["Dan Harlow"] and "discrimination" in claim


def test_words_beside_what_a_denial_denies_do_not_link_it() -> None:
    text = (
        "Mayor Dan Harlow said the harbour's ferry counting systems cost the town too much to run.\n\n"
        "The state will send inspectors to the port next month, officials said.\n\n"
        'Councillor Ann Ruiz said that with hundreds of ferry counting systems, "there is no single point of failure."'
    )
    assert disputes_of(analyze(text)) == []


def test_the_writers_verdict_that_someone_was_wrong_and_the_statement_showing_it_make_a_dispute() -> None:
    text = (
        "Mayor Dan Harlow told a rally on Monday that he would bring jobs back to the harbour.\n\n"
        "Harlow, for instance, was wrong in his claim about Seaways Ltd closing its ferry depot in Dover. "
        "Seaways Ltd itself said the depot would stay open.\n\n"
        "Councillor Ann Ruiz said the harbour budget would grow by a tenth next year."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Dan Harlow" and disputers == ["Seaways Ltd"] and "depot" in claim


def test_a_speaker_described_in_another_speakers_name_is_on_its_side() -> None:
    from sayso.claims import link
    from sayso.model import Polarity, Quote, Speaker

    text = (
        "USCIS, the agency that oversees the program, said it would vet applicants for the regional center program. "
        "Critics want the regional center program to end. But the agency said there are no grounds to end the "
        "regional center program."
    )
    agency = Speaker(id="s1", name="USCIS, the agency that oversees the program,", type="ORG")
    critics = Speaker(id="s2", name="Critics", type="GROUP")
    described = Speaker(id="s3", name="the agency", type="UNNAMED")

    def quote(qid: str, speaker: str, words: str, polarity: Polarity) -> Quote:
        at = text.index(words)
        return Quote(
            id=qid,
            kind="indirect",
            content=words,
            content_spans=[(at, at + len(words))],
            speaker_id=speaker,
            polarity=polarity,
        )

    quotes = [
        quote("q1", "s1", "it would vet applicants for the regional center program", "asserts"),
        quote("q2", "s2", "the regional center program to end", "asserts"),
        quote("q3", "s3", "there are no grounds to end the regional center program", "denies"),
    ]
    claims, disputes = link(quotes, [agency, critics, described], text)
    claimant_of = {c.id: c.claimant_id for c in claims}
    assert [(claimant_of[d.claim_id], d.disputed_by) for d in disputes] == [("s2", ["s3"])]


def test_a_denial_naming_someone_disputes_their_claim_though_it_says_not_about_something_else() -> None:
    text = (
        "Reporter Ann Ruiz said she never wanted to file a complaint, but did so to show that she had not lied.\n\n"
        "Mayor Dan Harlow said his aide had touched Ruiz on the arm at the dock.\n\n"
        "The aide, Joe Lind, continued to say he had never touched Ruiz."
    )
    assert [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text))] == [
        ("Ann Ruiz", ["Joe Lind"])
    ]


def test_a_denial_of_the_criticism_disputes_the_claim_that_criticised_the_denier() -> None:
    """ "dismissed the criticism": the criticism is the claim before that speaks of the denier (her name or
    role), not merely the last claim before it."""
    text = (
        'Council chair Tom Reed said the mayor "may simply have misread" the engineers\' report.\n\n'
        'The agency\'s spokeswoman, Ann Lee, said: "We have not signed off on the plan."\n\n'
        'Mayor Jo Hart dismissed the criticism as "nonsense" and said the council was playing politics.'
    )
    assert [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text, id="t"))] == [
        ("Tom Reed", ["Jo Hart"])
    ]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ('Priya Nair said: "We have not signed off on the structure. Until we do, heavy vehicles should stay off it."',
         "We have not signed off on the structure"),
        ("Senator Ann Smith said the U.S. Army had not been told about the plan.",
         "the U.S. Army had not been told about the plan"),
        ("The newspaper said the firm paid Lee Tan £12,000 a year for advice.",
         "the firm paid Lee Tan £12,000 a year for advice"),
    ],
)
def test_a_claim_is_the_first_sentence_of_the_words(text: str, claim: str) -> None:
    assert [c.text for c in analyze(text, id="t").claims] == [claim]


EVIDENCE_TEXT = (
    "The agency said it had never shared the names and addresses of its customers with the police.\n\n"
    "In 2019, a study by Ann Ray of Kent University {verb} that the agency gave the police the names and addresses "
    "of all its customers in the city."
)


def test_evidence_that_what_was_denied_happened_disputes_the_denial_s_claim() -> None:
    """ "X said it had never shared the names" then "a study by Y proved that X gave ... the names": Y disputes X's
    claim, though Y uses no denial word."""
    found = disputes_of(analyze(EVIDENCE_TEXT.format(verb="proved"), id="t"))
    assert [(claimant, disputers) for _, claimant, disputers in found] == [("The agency", ["Ann Ray"])]


@pytest.mark.parametrize(
    "text",
    [
        EVIDENCE_TEXT.format(verb="said"),  # an assertion, no evidence: not a dispute by itself
        "The agency said it had never shared the names of its customers.\n\n"
        "A study by Ann Ray proved that customers value their privacy.",  # evidence about something else
    ],
)
def test_evidence_needs_a_proof_and_the_denied_claim_s_words(text: str) -> None:
    assert not [d for d in disputes_of(analyze(text, id="t")) if d[2] == ["Ann Ray"]]


def test_a_denial_reported_in_a_quote_and_the_reply_that_reaffirms_it_dispute_each_other() -> None:
    """ '"Jane Moore told me I was mistaken, that the photos aren't real," Adams said. "Well, they are real."': Moore
    disputes what Adams claimed (the "I" of words reported in Adams's quote is Adams), and Adams disputes Moore's
    denial by saying again what it denied."""
    text = (
        "Governor Tom Adams said last week that he had seen photos of the flooded reactor hall.\n\n"
        '"Jane Moore told me I was mistaken, that the photos aren\'t real," Adams told supporters on Friday. '
        '"Well, they are real."'
    )
    pairs = {(claimant, tuple(disputers)) for _, claimant, disputers in disputes_of(analyze(text))}
    assert ("Tom Adams", ("Jane Moore",)) in pairs
    assert ("Jane Moore", ("Tom Adams",)) in pairs


def test_a_reported_denial_the_quote_goes_on_to_agree_with_is_not_disputed() -> None:
    text = (
        '"Jane Moore told me the photos aren\'t real," Adams told supporters on Friday. '
        '"And she was right: they aren\'t real."'
    )
    assert all(claimant != "Jane Moore" for _, claimant, _ in disputes_of(analyze(text)))


def test_waving_away_what_someone_knows_disputes_their_claim() -> None:
    text = (
        "Mayor Dan Harlow was wrong about the ferry contract. Northgate said on Monday the contract was still in "
        "force.\n\n"
        '"Please," wrote a supporter of the mayor who runs the page @PortFirst. '
        '"What does Northgate know about it . . ."'
    )
    pairs = [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text))]
    assert any(claimant == "Northgate" and "@PortFirst" in " ".join(d) for claimant, d in pairs), pairs


def test_saying_someone_is_wrong_for_saying_something_disputes_that_claim() -> None:
    text = (
        "At the town hall meeting, Mayor Ann Lee said Tom Hart, the brother of Joe Hart, who ran the ferry in 2012 is "
        "\u201cabsolutely wrong\u201d for saying Lee misled him about the harbour fees."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claim.startswith("Lee misled") and claimant == "Tom Hart" and disputers == ["Ann Lee"]


def test_a_dismissed_criticism_is_the_claim_that_names_the_deniers_role_not_its_complement() -> None:
    """ "Jo Hart, the mayor of Eastbrook, dismissed the criticism": the claim about "the mayor", not the closer one
    about Eastbrook (the role's head word, "mayor", is what speaks of her)."""
    text = (
        "Councillor Joe Lind said the mayor had hidden the audit from the council. Budget officer Ann Cole said "
        "Eastbrook would run out of money by May. Jo Hart, the mayor of Eastbrook, dismissed the criticism."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Joe Lind" and disputers == ["Jo Hart"] and "hidden the audit" in claim


def test_a_reference_opening_a_later_sentence_of_a_denial_disputes_the_claim_before() -> None:
    text = (
        "The reports, first published by the Wexmoor Echo, say Lena Brandt accepted free flights from a builder.\n\n"
        '"I have never taken a penny from anyone who works for this council. These stories are lies, and my '
        'lawyers are looking at them," Brandt said.'
    )
    disputes = disputes_of(analyze(text, id="t"))
    assert [(claim, disputers) for claim, _, disputers in disputes] == [
        ("Lena Brandt accepted free flights from a builder", ["Lena Brandt"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        (  # no plans to change guidance: the department says what it will do, not that the study is wrong
            "Night-shift cleaners are twice as likely to develop heart disease as day workers, a study by researchers "
            "at Fenwick University found.\n\n"
            "The researchers said long-term shift work disrupted the body clock and raised blood pressure.\n\n"
            "A spokesperson for the Department of Labour said there were no plans to change guidance on shift work "
            "for council staff."
        ),
        (  # "we were told there was no money": what someone else said to the speaker, not the speaker's denial
            "Parents at Millbrook Primary said the school roof had leaked for three winters.\n\n"
            '"We asked the council again and again to fix the roof, and we were told there was no money," said Jane '
            "Arkwright, who chairs the parents' association.\n\n"
            "Councillor Tom Beale said the council had set aside money for the roof repairs in the spring."
        ),
    ],
)
def test_statements_that_deny_no_claim_make_no_dispute(text: str) -> None:
    assert disputes_of(analyze(text)) == []


def test_someone_named_in_a_claim_who_says_they_did_not_do_it_disputes_it() -> None:
    """The company the claim names says, without a denial word, that it did not do what the claim says."""
    text = (
        "Kingsbridge mayor Alan Park is facing calls to resign over gifts from a property developer.\n\n"
        "The claims, first reported by the Kingsbridge Gazette, say Park accepted free holidays worth £12,000 from "
        "Stonegate Homes while the council was weighing its plans for the riverside.\n\n"
        '"These claims are false. I have never accepted a gift from anyone with business before this council," '
        "Park said.\n\n"
        "Stonegate said it had not offered the mayor any holidays and that it had followed the council's rules."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, sorted(disputers)) for _, claimant, disputers in disputes] == [
        ("the Kingsbridge Gazette", ["Alan Park", "Stonegate"])
    ]


def test_the_claim_called_false_is_the_accusation_not_the_quote_beside_it() -> None:
    text = (
        "A senior senator on Tuesday accused the Federal Aviation Administration of hiding near-miss reports at three "
        "busy airports from Congress.\n\n"
        '"The public has a right to know how close we came," said Sen. Maria Delgado, who chairs the aviation '
        "subcommittee.\n\n"
        'FAA spokesman Greg Olin said the claim was "simply false" and that every report had been shared.'
    )
    ((claim, _, disputers),) = disputes_of(analyze(text))
    assert "hiding near-miss reports" in claim and disputers == ["Greg Olin"]


def test_disputing_that_account_disputes_the_statement_just_before() -> None:
    text = (
        "FAA spokesman Greg Olin said every report had been shared with the committee.\n\n"
        "Air traffic controllers warned managers last year that staffing at the airports was dangerously low, "
        "according to internal emails seen by the newspaper. Olin disputed that account."
    )
    ((claim, _, disputers),) = disputes_of(analyze(text))
    assert "staffing" in claim and disputers == ["Greg Olin"]


@pytest.mark.parametrize(
    "text, claim_words",
    [
        (  # a debate: "the claim" is what was claimed, not the quote said after it
            "State Senator Tom Reid claimed that burglaries in the county had doubled since 2022. "
            '"People are scared to leave their homes," he said.\n\n'
            'Governor Ana Pike said the claim was "simply wrong."',
            "burglaries",
        ),
        (  # a lawsuit: "the allegations" are what the complaint alleges, not the singer's feelings
            "The complaint alleges that the manager Carl Dunn moved fees into a company he owned. "
            "Singer Mia Lowe says she found out only after an audit.\n\n"
            '"I trusted him completely," Lowe wrote on Instagram.\n\n'
            'Dunn\'s lawyer, Ruth Hale, called the allegations "entirely false."',
            "moved fees",
        ),
        (  # a regulator: "the findings" are what its investigation found
            "The regulator said its investigation had found that Fastline advertised speeds few customers got. "
            "The watchdog said the company could face a large fine.\n\n"
            "Fastline rejected the findings.",
            "advertised speeds",
        ),
    ],
)
def test_a_denial_of_the_claim_or_allegations_disputes_the_statement_its_noun_names(
    text: str, claim_words: str
) -> None:
    ((claim, _, _),) = disputes_of(analyze(text))
    assert claim_words in claim


def test_a_claim_names_its_claimant_only_for_the_claimants_own_pronouns() -> None:
    text = (
        "Senator Tom Reid claimed that crime had doubled since she took office, and said he would cut taxes.\n\n"
        '"Nobody feels safe," he said.\n\n'
        'Governor Ana Pike said the claim was "simply wrong."'
    )
    analysis = analyze(text)
    claim = next(c.text for c in analysis.claims if "doubled" in c.text)
    assert claim == "crime had doubled since she took office"


def test_a_claim_rejected_by_it_after_its_name_is_still_the_claimants() -> None:
    text = (
        "The defence ministry said its forces had hit only military sites. "
        "It rejected claims by Kyiv that a hospital in Kharkiv had been damaged."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claim.startswith("a hospital in Kharkiv") and claimant == "Kyiv"
    assert disputers == ["The defence ministry"]


def test_a_denial_naming_someone_as_the_object_of_an_act_does_not_dispute_their_claims() -> None:
    text = (
        "Striker Harry Kane has said repeatedly that he wants to win trophies.\n\n"
        "Manchester United have denied reports that they made a £90 million offer for Harry Kane."
    )
    assert disputes_of(analyze(text)) == []


def test_denying_reports_that_disputes_the_outlet_that_reported_it_just_after() -> None:
    text = (
        "Manchester United have denied reports that they made an offer for Harry Kane.\n\n"
        "The Daily Mail reported on Saturday that United had tabled a bid for the striker."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "The Daily Mail" and disputers == ["Manchester United"] and "tabled a bid" in claim


def test_a_reference_to_someones_claim_disputes_the_claim_before_not_the_deniers_own_side() -> None:
    text = (
        "Speaking at a conference last week, Transport Minister Olga Brandt said rail fares had fallen in real "
        "terms.\n\n"
        "But a study by the Centre for Transport Policy found that the average fare rose by 4% last year. "
        '"The government\'s claim does not stand up," said the centre\'s research director, Ivo Lind.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "rail fares had fallen" in claim and claimant == "Olga Brandt" and disputers == ["Ivo Lind"]


def test_saying_she_made_it_up_disputes_her_claim() -> None:
    text = (
        '"He is the best friend the smugglers ever had," Senator Rita Vance said at a rally on Friday. '
        "She added that the port chief had signed off on the missing cargo.\n\n"
        'On Sunday, port chief Aldo Marek hit back. "She just made it up," he said.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Rita Vance" and disputers == ["Aldo Marek"]


def test_saying_someone_is_innocent_does_not_dispute_that_persons_claims() -> None:
    text = (
        "Councillor Piet Moll was charged with fraud on Monday. Moll later said he saw the audit as a political "
        "attack.\n\n"
        '"Mr. Moll is absolutely innocent of this charge. He will enter a plea of not guilty," his spokeswoman, '
        "Ana Ruiz, said."
    )
    assert not [d for d in disputes_of(analyze(text)) if d[1] == "Piet Moll"]


def test_a_denial_of_guilt_does_not_dispute_a_claim_only_for_naming_the_accused() -> None:
    text = (
        "Police said Councillor Piet Moll would be charged and that Moll went to the station on his own.\n\n"
        '"Mr. Moll is absolutely innocent of this charge," his spokeswoman, Ana Ruiz, said.'
    )
    assert disputes_of(analyze(text)) == []


def test_a_denial_that_agrees_with_a_claim_saying_nor_is_no_dispute() -> None:
    text = (
        '"Nor did I give an order to close the harbour," said port chief Lena Ode.\n\n'
        "A later inquiry found no evidence that there was an order to close the harbour."
    )
    assert analyze(text).disputes == []


def test_an_order_or_a_call_is_no_claim_to_dispute() -> None:
    text = (
        "In the film, coach Piet Moll orders his players to skip the final training session.\n\n"
        '"There was no final training session for anyone to skip," the club said.'
    )
    assert analyze(text).disputes == []


def test_denying_the_reports_disputes_the_outlet_that_reported_not_words_said_in_a_report() -> None:
    text = (
        "The Daily Herald reported on Monday that Norland Shipping had made a rival offer for the harbour lease.\n\n"
        "Analyst Tessa Grum of Bay Capital said in a recent report that the lease was worth more than the council "
        "had asked.\n\n"
        "Norland Shipping denied the reports."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "The Daily Herald" and disputers == ["Norland Shipping"] and "rival offer" in claim


def test_a_claim_made_after_a_denial_in_its_words_disputes_the_denial() -> None:
    text = (
        '"There never was an order to abandon the ship," said captain Ivo Brandt, who spoke for the first time.\n\n'
        "The ferry company said the crossing had been delayed by fog.\n\n"
        "Author Tessa Grum, whose book describes the night, said two sailors heard an order to abandon the ship."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Ivo Brandt" and disputers == ["Tessa Grum"] and "order to abandon" in claim


def test_a_denial_by_its_cue_disputes_the_claim_reported_after_it() -> None:
    text = (
        "The city auditor on Monday disputed that only one or two payments to the harbour fund were late.\n\n"
        "Mayor Jo Hart had said at a council meeting that only one or two payments to the harbour fund were late."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert claimant == "Jo Hart" and disputers == ["The city auditor"]


@pytest.mark.parametrize(
    "denial",
    [
        "Contrary to Hale's claims, fire investigators say he was in Leeds that night.",
        "Fire investigators say that, contrary to Hale's account, he was in Leeds that night.",
    ],
)
def test_words_said_contrary_to_someones_claims_dispute_them(denial: str) -> None:
    text = (
        "Tom Hale told reporters he had been inside the depot when the fire began. "
        f"The depot's owner, Mara Quinn, said the alarms had worked. {denial}"
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "inside the depot" in claim and claimant == "Tom Hale"
    assert [name.lower() for name in disputers] == ["fire investigators"]


@pytest.mark.parametrize(
    "text",
    [
        "The fire started in the depot's kitchen, the union's safety officer Tom Hale said, although the owner, "
        "Mara Quinn, denied that anyone had cooked there that night.",
        "Tom Hale said the fire started in the depot's kitchen, but Mara Quinn, the owner, denied that anyone had "
        "cooked there that night.",
    ],
)
def test_a_denial_set_against_a_claim_in_its_own_sentence_disputes_it(text: str) -> None:
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "kitchen" in claim and claimant == "Tom Hale" and disputers == ["Mara Quinn"]


def test_a_denial_after_a_claim_in_another_sentence_needs_more_than_a_but() -> None:
    text = (
        "Tom Hale said the fire started in the depot's kitchen. The inquiry continues, but Mara Quinn, the owner, "
        "denied that anyone had been paid to keep quiet."
    )
    assert disputes_of(analyze(text)) == []


def test_a_claim_someone_said_was_false_is_disputed_by_them() -> None:
    text = (
        "Rep. Dana Hill said Tuesday that ten militants were caught crossing the border, a claim the Border Agency "
        "said was false. Rep. Joe Marr has said that four men were arrested along the river."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "ten militants" in claim and claimant == "Dana Hill" and disputers == ["the Border Agency"]


def test_neither_confirming_nor_denying_a_report_disputes_nothing() -> None:
    text = (
        "The retailer is planning to launch a streaming service early next year, the Harbour Post reported on Friday."
        "\n\nIn a statement, a company spokeswoman neither confirmed nor denied the rumor."
    )
    analysis = analyze(text)
    answer = next(q for q in analysis.quotes if q.cue and "nor" in q.cue)
    assert answer.source == "a company spokeswoman" and answer.polarity != "denies"
    assert disputes_of(analysis) == []


def test_a_story_named_by_an_outlet_without_its_kind_is_the_outlets_claim() -> None:
    text = (
        "On Friday, Harbour Magazine reported that the network would air an all-male panel on Monday.\n\n"
        "Tide Weekly reported that the network had hired no women presenters this year. The network called the "
        "Harbour story false."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Harbour Magazine", ["The network"])]


@pytest.mark.parametrize(
    "content, named",
    [
        ("claims that he has been suspended for a month by the Tour", False),
        ("claims that the golfer was arrested by Tour officials", False),
        ("the allegations made by the Tour are false", True),
    ],
)
def test_the_agent_of_a_passive_act_is_not_a_claimant_named(content: str, named: bool) -> None:
    """ "denied claims that he has been suspended for a month by the Tour": the Tour is who suspended (in the claim),
    not whose claim is denied; "allegations made by the Tour" are the Tour's."""
    from sayso.claim_base import names_speaker
    from sayso.model import Speaker

    tour = Speaker(id="s1", name="the PGA Tour", type="ORG", roles=[], mentions=[])
    assert names_speaker(content, tour) is named


@pytest.mark.parametrize(
    "denial",
    [
        'Reports that the rebels in Dunmore had cholera have been refuted as "unfounded" by the country\'s health '
        "ministry.",
        "Earlier reports claiming that the rebels in Dunmore had cholera have now been denied by the health ministry.",
        "But the claim was flatly rejected by the health ministry on Tuesday.",
    ],
)
def test_a_claim_denied_in_the_passive_is_disputed_by_the_agent(denial: str) -> None:
    text = f"The newspaper Al-Waqt said the rebels in Dunmore had cholera.\n\n{denial}"
    analysis = analyze(text)
    disputes = disputes_of(analysis)
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Al-Waqt", [_health_ministry(denial)])]
    (denial_quote,) = [q for q in analysis.quotes if q.polarity == "denies"]
    assert "by" not in denial_quote.content.split()


def _health_ministry(denial: str) -> str:
    return "the country's health ministry" if "country" in denial else "the health ministry"


def test_a_rumour_is_no_party_to_a_dispute() -> None:
    text = (
        "A recent rumor claimed that Halden College had banned the word \"freshman\".\n\n"
        "Halden College denied that it had banned the word."
    )
    assert disputes_of(analyze(text)) == []


def test_the_agent_of_a_passive_denial_may_be_named_in_apposition() -> None:
    text = (
        "Councillor Ian Hale said the depot had flooded twice last winter.\n\n"
        "Mr Hale's assertion that the depot had flooded twice was disputed by the council's director, Mary Cole, who "
        "wrote that the records showed one flood."
    )
    assert [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text))] == [
        ("Ian Hale", ["Mary Cole"])
    ]


def test_a_statement_that_only_reports_someone_else_s_claim_is_no_claim_of_its_speaker() -> None:
    text = (
        "The health agency is investigating claims made by the local newspaper Al-Ayam that the virus is spreading "
        "among residents of the city."
    )
    analysis = analyze(text)
    names = {s.id: s.name for s in analysis.speakers}
    assert [(names[c.claimant_id or ""], c.text) for c in analysis.claims] == [
        ("Al-Ayam", "the virus is spreading among residents of the city")
    ]


def test_a_denial_of_reports_in_its_words_disputes_the_report_told_just_after() -> None:
    text = (
        "Spokesman Omar Latif said the reports that cholera has reached the port are \"incorrect\" and "
        '"unfounded."\n\nThe scare started with an article in the state newspaper, Al-Nahar Daily, that said '
        "smugglers had brought cholera to the port."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "smugglers had brought cholera" in claim
    assert (claimant, disputers) == ("Al-Nahar Daily", ["Omar Latif"])


def test_another_side_saying_a_claim_s_subject_is_not_in_that_state_disputes_it() -> None:
    text = (
        "Several celebrity websites reported on Monday that the singer Rosa Tamm was found dead in her car.\n\n"
        "Tamm's manager, Olav Kask, said on Tuesday that Tamm is not dead and was resting at home with her family."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "Rosa Tamm was found dead" in claim and disputers == ["Olav Kask"]


def test_a_piece_called_a_hoax_is_the_claim_of_the_site_that_published_it() -> None:
    text = (
        "Famous street artist arrested? Not quite\n\n"
        "The story on the satirical website Daily Currant says the artist Nox was arrested in Leeds after a police "
        "stake-out.\n\n"
        "The photo used is from a 2012 carnival. Local councillor Tom Reed said the arrest was a waste of police time, "
        "and fans said the artist had gone into hiding.\n\n"
        "And as if you needed more proof, Nox's agent, Pia Lund, has confirmed it is a hoax."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Daily Currant", ["Pia Lund"])]


def test_a_denial_in_other_words_for_the_same_things_disputes_the_claim() -> None:
    text = (
        "Rep. Dan Korver said at least ten ISIS fighters had been caught crossing the border in Texas.\n\n"
        "Officials at the border agency have been asked about it many times this month. Its spokeswoman, Mia Tran, "
        "said the suggestion that people with ties to ISIL have been apprehended at the southern border is "
        "categorically false."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Dan Korver", ["Mia Tran"])]


def test_another_side_saying_there_is_what_a_claim_says_there_is_not_disputes_it() -> None:
    text = (
        "Director Lena Dorn said there's no precedent for charging a case like this without evidence of intent. "
        "Senator Mark Hale, however, argues that there is precedent for prosecution."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Lena Dorn", ["Mark Hale"])]


def test_saying_there_is_something_else_is_no_dispute_of_there_being_none() -> None:
    text = (
        "Director Lena Dorn said there's no precedent for charging a case like this. "
        "Senator Mark Hale said there is growing support for the bill."
    )
    assert disputes_of(analyze(text)) == []


def test_a_company_s_spokesperson_is_no_party_against_the_company() -> None:
    text = (
        "Velora denies rumors of a chilli-flavoured toothpaste.\n\n"
        "Velora confirmed on Monday the product is fake. A Velora spokesperson told the Ledger: \"Velora has heard "
        "that people are saying we launched a chilli toothpaste. We can't claim this one.\""
    )
    pairs = [(claimant, disputers) for _, claimant, disputers in disputes_of(analyze(text))]
    assert not [p for p in pairs if "Velora" in p[0] and any("Velora" in d for d in p[1])], pairs

