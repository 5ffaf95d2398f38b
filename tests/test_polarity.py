"""Polarity from a statement's cue and words: asserts, denies or questions."""

from __future__ import annotations

import pytest

from sayso.polarity import polarity


@pytest.mark.parametrize(
    "content",
    [
        "The governor's reasons for the veto don't hold water. They are 100 percent wrong",
        "It's a distortion of what happened on the bridge that night",
        "I had no dealings with them. That is total propaganda",
        "Seriously, just stop lying",
        "That is a false equivalency! How many attacks have there been, and how many by the other side?",
        "his use of the term to describe the territory was incorrect",
        "So it is correct to imply the root is overseas. But it is wrong to imply that bombing alone is sufficient",
        "I fundamentally disagree. The bottom line is that more bombing has no bearing on him",
        "That is not what happened on the night of the fire",
        "I don't think 31 per cent growth is what actually happened",
        "These allegations do not reflect the facts",
        "The report is based on a misreading of our disclosures",
        "No such words were spoken by any member of our delegation",
        "No such memo ever reached the prime minister's desk",
        "The inquiry answered all the questions. Its findings included debunking his latest conspiracy theories",
        "he kept repeating the debunked story of the crowds cheering on the bridge",
        "That account is simply not the case",
        "The figures in the report are misleading",
        "He is flat wrong about the budget",
        "the mayor's late-night posts about the port deal are lies and smears",
        "You lie!",
        "what you hear from the council is absolutely, unequivocally wrong",
        "It picked a few days of her diary to give a distorted picture of her meetings",
        "he had never touched the reporter",
        "I never met her, and I never made contact with her staff",
        "I am disappointed the council did not recognize that reality",
        "The ruling flies in the face of the facts about the harbour",
        "They continue to ignore the facts on the ferry budget",
        "the harbour master is “absolutely wrong” for saying the pier was safe",
        "there were no substantive contacts between the two ministries",
        "There was no threat to the harbour at any time",
        "I was told about it later. There were no threats",
        "That is simply not true",
        "The figures the ministry quotes are simply not the reality on the ground",
        "The mayor's version of events isn't accurate",
        "the council's figures on the ferry were inaccurate",
        "The minister's claim does not stand up to scrutiny",
        "She just made it up",
        "He made the whole story up to sell papers",
        "That didn't happen. I was at home all evening",
        "None of that happened",
        "Mr. Dale is completely innocent of these charges",
        "She will enter a plea of not guilty",
        "There never was an order to close the harbour",
        "There has been no offer, and there will be no offer",
        'Officials said the army "has never targeted" the harbour district',
        'the ferry company\'s posts about the mayor are "lies and smears',
        "the opposition was exaggerating the cost of the new bridge",
        "There is no question of anyone having been misled",
        "there was no question of the minister having broken the rules",
        "I think she overstates what a new road can do",
        "Daniel is under contract and we have had no offer. This is pure speculation",
        "Nice try, not true",
        "a sitting county councillor a liar",
        'The mayor\'s claim that the pier is safe is "simply not true."',
        "Not true. The mayor was at home all evening",
        "The trouble with the ferry story is that almost none of it is true",
        "neither the mayor nor her office helped the developer get the permit",
        "Neither Lowe nor any of his aides ever met the lobbyist",
    ],
)
def test_contradicting_words_deny(content: str) -> None:
    assert polarity("said", content) == "denies"


@pytest.mark.parametrize(
    ("cue", "content", "expected"),
    [
        ("challenged", 'the assertion that Lund had ever "attacked" the mayor', "denies"),
        ("contested", "the claim that the plant was losing money", "denies"),
        ("challenged", "the mayor to a debate on the harbour plan", "asserts"),
        ("challenging", "voters to read the plan for themselves", "asserts"),
        ("has already dismissed", "many misdemeanor marijuana cases", "asserts"),
        ("dismissed", "the lawsuit against the city", "asserts"),
        ("dismissed", "the claims that the plant was unsafe", "denies"),
    ],
)
def test_a_claim_challenged_or_dismissed_is_denied_not_a_case(cue: str, content: str, expected: str) -> None:
    assert polarity(cue, content) == expected


@pytest.mark.parametrize("cue", ["pooh-poohed", "scoffed at", "bristles at", "debunked", "repudiated", "contradicting"])
def test_denial_cues_deny(cue: str) -> None:
    assert polarity(cue, "the suggestion that the plant would close") == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "She has done nothing wrong",
        "The new tariffs are not the reality we hoped for, but we will adapt",
        "We got the timing wrong, and we will fix it",
        "What went wrong at the plant is still being investigated",
        "The council approved the budget on Tuesday",
        "there is no great man that has done more for this city than Ali",
        "There are no excuses. The governor knew about the lead and did nothing",
        "There is no doubt that the plant will close",
        "There is no question that the bridge is safe",
        "There is no question of the mayor resigning",
        "I am not overstating the risk to the harbour",
        "Prices rose on pure speculation about a takeover",
        "I never wanted to be mayor",
        "He never gave up on the harbour plan",
        "there were no plans to change guidance on night work for hospital staff",
        "There are no plans at present to close the library",
        "We asked the council again and again, and we were told there was no money",
        "they were told there were no places left at the school",
        "Women made up 40 percent of the crowd",
        "The voters have made up their minds",
        "We will make sure that it didn't happen again",
        "there never was a better time to buy a house",
        "Innocent people were hurt in the blast",
        "He posted a wildly inaccurate chart of the harbour figures",
        "I am not exaggerating when I say the harbour is our future",
        "The film shows the captain refusing and depicts a sailor asking, \"Why are we still here?\"",
        "Roger Ailes is the epitome of somebody that is not politically correct and has the guts to say it",
        "he and other devotees were castrated under false claims that they would be able to realise god",
        "She obtained the loan under false pretences, the court heard",
        "Whether the bridge will open is not certain, but not true to form, the council is silent",
        "None of it is finished yet",
        "neither confirmed nor denied that the plant would close",
        "Neither side expects a deal before the summer",
        "the talks have seen countless false dawns in the long conflict",
        "the woman and child were carrying false identity papers after crossing the border",
        "the paper went with a bit of false balance",
        "Neither the company nor its lawyers responded to requests for comment",
        "neither the mayor nor her office returned calls on Friday",
    ],
)
def test_other_statements_assert(content: str) -> None:
    assert polarity("said", content) == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "that claim smacked of hypocrisy, because they had done the same",
        "The allegations are ridiculous",
        "those charges are politically motivated",
        "the article was fake",
        "The whole tale is rubbish",
        "the story is a hoax, he said",
        "Turns out, the entire tale is “rubbish",
    ],
)
def test_a_claim_judged_worthless_is_denied(content: str) -> None:
    assert polarity("said", content) == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the ridiculous claims kept coming all week",
        "His opponents are ridiculous",
        "The report came out on Tuesday and it was absurd that nobody read it",
    ],
)
def test_a_judgement_of_something_else_is_not_a_denial(content: str) -> None:
    assert polarity("said", content) == "asserts"


@pytest.mark.parametrize(
    "content", ["as “rubbish” a Daily Courier report that he quit", "the reports as complete fakes"]
)
def test_describing_a_report_as_rubbish_denies_it(content: str) -> None:
    assert polarity("has described", content) == "denies"


@pytest.mark.parametrize(
    "content", ['"beyond preposterous."', 'that "beyond preposterous."', "it “a complete fabrication”"]
)
def test_calling_what_was_said_false_denies_it(content: str) -> None:
    assert polarity("called", content) == "denies"


@pytest.mark.parametrize("content", ['the fine "ridiculous"', 'him a "great leader"', '"a ridiculous waste of money"'])
def test_calling_something_else_names_asserts(content: str) -> None:
    assert polarity("called", content) == "asserts"


def test_describing_a_plan_as_ambitious_asserts() -> None:
    assert polarity("described", "the plan as ambitious but affordable") == "asserts"


@pytest.mark.parametrize(
    "content",
    ["Meh … What does the council know about it . . .", "What do those people know about that?", "What does he know?"],
)
def test_a_question_that_waves_away_what_someone_knows_denies(content: str) -> None:
    """ "What does Ruiz know about it": not a question to be answered, but a dismissal of what Ruiz said."""
    assert polarity("wrote", content) == "denies"


@pytest.mark.parametrize(
    ("cue", "content"),
    [
        ("asked", "what the council knew about the leak"),
        ("said", "What did the mayor know about the payments, and when did he know it?"),
        ("said", "What does the council know about the leak at the plant?"),
        ("said", "Well, what do you know?"),
    ],
)
def test_a_question_about_what_someone_knew_is_a_question(cue: str, content: str) -> None:
    assert polarity(cue, content) == "questions"


def test_questions() -> None:
    assert polarity("asked", "whether the plant would close") == "questions"
    assert polarity("said", "Why would we do that?") == "questions"


def test_a_moral_judgement_is_not_a_denial() -> None:
    assert polarity("said", "It's wrong to separate families at the border") == "asserts"


@pytest.mark.parametrize(
    "cue", ["did not dismiss", "didn't deny", "refused to deny", "never denied", "would not rule out"]
)
def test_a_negated_denial_cue_does_not_deny(cue: str) -> None:
    assert polarity(cue, "the report that the plant would close") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "That is a flat-out lie. Mark voted for every veterans' budget",
        "We reject the suggestion that we are flooding the European market",
        "I categorically deny that I ever met him",
        'the report a "boldfaced lie."',
        "an “artful smear” of her record",
    ],
)
def test_a_hyphenated_lie_and_the_speaker_s_own_rejection_deny(content: str) -> None:
    assert polarity("said", content) == "denies"


def test_rejecting_in_the_middle_of_the_words_is_no_denial_of_them() -> None:
    assert polarity("said", "Voters who reject the plan will decide the race") == "asserts"


@pytest.mark.parametrize(
    "content",
    ["That's complete rubbish and they know it", "The figure was plucked out of thin air", "It is simply garbage"],
)
def test_rubbish_and_thin_air_deny(content: str) -> None:
    assert polarity("said", content) == "denies"


def test_rubbish_collections_are_no_denial() -> None:
    assert polarity("said", "Rubbish collections will move to every other week from April") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        'the government "firmly rejects all forms of fraud" and that the opposition\'s claims lacked evidence',
        "The allegations lack any evidence",
        'the charges were "political manipulation."',
        "the accusations were aimed at smearing the mayor's name",
        "I read the same reports you do, and most of them are rubbish",
        "No. We will not close the harbour this year",
        "No, that is not what the minister said to me",
    ],
)
def test_lacking_evidence_manipulation_rubbish_stories_and_a_bare_no_deny(content: str) -> None:
    assert polarity("said", content) == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "No. 10 said the prime minister would travel to Paris",
        "No one has asked me about the harbour",
        "We were rubbish in the first half, and they punished us",
        "The police lacked the staff to patrol the harbour",
        "Most of the players are rubbish at penalties, and they know it",
    ],
)
def test_a_number_ten_nobody_and_a_rubbish_half_are_no_denials(content: str) -> None:
    assert polarity("said", content) == "asserts"


@pytest.mark.parametrize(
    "cue",
    ["has aggressively pushed back on", "fought back against", "quickly shot down", "shoots down", "slapped down"],
)
def test_pushing_back_on_the_charges_denies_them(cue: str) -> None:
    assert polarity(cue, "those charges") == "denies"


def test_saying_the_articles_misrepresented_the_documents_denies() -> None:
    assert polarity("said", "the company felt the articles still misrepresented the source documents") == "denies"


def test_we_disagree_opening_a_later_sentence_denies() -> None:
    content = "The committee understands a lawsuit has been filed … We disagree strongly with those claims"
    assert polarity("said", content) == "denies"


@pytest.mark.parametrize("content", ["Donald Trump thinks they are incompatible -- London has proved him wrong",
                                     "the results proved the pollsters wrong"])
def test_proving_someone_wrong_denies(content: str) -> None:
    assert polarity("said", content) == "denies"


def test_i_dont_believe_that_denies_but_believing_that_something_should_happen_does_not() -> None:
    assert polarity("said", "When Halvik says, 'We can't filter these posts,' I don't believe that") == "denies"
    assert polarity("said", "I don't believe that we should raise taxes this year") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "he never obtained access to the council's email server",
        "We have never expressed interest in buying the ferry, and have no plans to",
        "his client was never encouraging people toward violence",
        "she never would have instructed an aide to send the files",
        '"none of the inspectors at the plant" were handpicked by the owner',
        "As you can see, the text of the law they cite says nothing of the kind",
        'the allegations had "no substance."',
        "I think that's quite wrong. I would answer him: isn't your own port the busiest?",
        "Try as they might, no one believes that the mayor is anything but a moderate",
        "that, contrary to the operator's arguments in court, he saw the ferry leave late",
        "there have been four inquiries into the fire and none found any evidence whatsoever of wrongdoing",
        "the auditors did not find any evidence that the money was misspent",
        "The mayor's absurd and factually inaccurate claim that the ferry makes a profit has angered the port",
        "He keeps putting out this fiction that the harbour is losing money",
        "To repeat myself, it's a bunch of malarkey. The council knows it",
        "the council is mounting a phony attack on the ferry's record",
        "I am so sick of the Ruiz campaign lying about my record",
        "the story was complete bullshit",
        "It's fake, dude. You can go ahead and confirm it",
        "Hale's claim doesn't make much sense",
        "It's implausible given the way the courts work",
        "the story didn't wash with what we know about spider behaviour",
        "talk of the special panel was \"false info\"",
        "A high level source within the Border Patrol told the congressman otherwise",
    ],
)
def test_an_act_said_never_done_and_a_claim_said_to_have_nothing_in_it_deny(content: str) -> None:
    assert polarity("said", content) == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "I have never seen anything like it at the harbour",
        "We never stopped fighting for the harbour",
        "He has never been more popular in the city",
        "I will never forget that night",
        "She never expected to win the seat",
        "Is that not quite wrong? Ask anyone in the port.",
        "The novel is a work of fiction that sold well",
        "Shifting monsoon patterns could affect a billion people who depend on low-lying farmland",
        "It's a phony system, and everybody knows it",
        "It doesn't make sense to build the bridge before the road",
        "Otherwise the council would have to close the pool",
    ],
)
def test_never_for_what_was_felt_or_seen_and_a_question_do_not_deny(content: str) -> None:
    assert polarity("said", content) == "asserts" or polarity("said", content) == "questions"


def test_words_said_contrary_to_someones_claims_deny() -> None:
    lead = "Contrary to the operator's claims, "
    assert polarity("say", "the ferry carried 200 passengers that night", lead=lead) == "denies"
    assert polarity("say", "the ferry carried 200 passengers that night", lead="On Friday, ") == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "However, the singer's representatives cleared up the rumours on Friday and issued a statement saying that "
        "she is still alive.",
        "The ferry company denied the reports and said in a statement that its boats were safe.",
        "Astronomer Lena Park also took down the hoax in her column, pointing out that the planets are always moving.",
    ],
)
def test_a_statement_made_beside_a_denial_of_the_reports_denies(text: str) -> None:
    from sayso import analyze

    quote = next(q for q in analyze(text, id="t").quotes if q.nested_in is None)
    assert quote.polarity == "denies"


def test_a_statement_made_beside_something_else_done_with_the_reports_asserts() -> None:
    from sayso import analyze

    text = "The ferry company published the reports and said in a statement that its boats were safe."
    quote = next(q for q in analyze(text, id="t").quotes if q.nested_in is None)
    assert quote.polarity == "asserts"
