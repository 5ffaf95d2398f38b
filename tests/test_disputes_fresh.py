"""Disputes found wrong or missed on articles no rule had been written against (bench/disputes_gold_fresh.json):
each a short excerpt in the style of the failure."""

from __future__ import annotations

from statement_helpers import dispute_pairs

from sayso import analyze


def test_turning_down_a_proposal_disputes_no_claim() -> None:
    text = (
        "The mayor proposed that the two candidates debate at the city library on May 3. Ms. Price rejected that, "
        "saying she had a rally planned for the evening.\n\n"
        "The mayor then offered to move the debate to a Sunday. Ms. Price turned down that offer too."
    )
    assert dispute_pairs(analyze(text)) == []


def test_all_of_the_claims_in_the_suit_are_the_plaintiffs_not_the_senators_whose_office_denies_them() -> None:
    text = (
        "A former aide, Nina Holt, alleges in her lawsuit that she was fired for taking time off for her reserve "
        "duties.\n\n"
        "Senator Carl Dorsey also pointed out that the committee employs several reservists, and that none of them "
        "has ever been penalized.\n\n"
        "Dorsey's office assured voters that all of the claims in the suit are false."
    )
    disputes = dispute_pairs(analyze(text))
    assert ("Nina Holt", ["Dorsey's office"]) in disputes
    assert all(claimant != "Carl Dorsey" for claimant, _ in disputes)


def test_rebutting_an_accusation_that_calls_articles_misleading_disputes_the_accuser() -> None:
    text = (
        "The dean of the journalism school published a letter on Tuesday disputing accusations by Halvard Oil that "
        "reporters from the school had produced inaccurate and misleading articles about the company.\n\n"
        "The Coastal Herald, which published the articles, said its editors had reviewed the company's complaints "
        "and found the reporting fair."
    )
    disputes = dispute_pairs(analyze(text))
    assert ("Halvard Oil", ["The dean of the journalism school"]) in disputes or any(
        claimant == "Halvard Oil" for claimant, _ in disputes
    )
    assert all(claimant != "The Coastal Herald" for claimant, _ in disputes)


def test_calling_those_statements_wrong_disputes_the_testimony_just_before() -> None:
    text = (
        "Ms. Grant testified that she never kept official papers at her home and that she had returned every file. "
        "The inspector general, Paul Ruiz, said those statements were wrong during a hearing last week."
    )
    disputes = dispute_pairs(analyze(text))
    assert any(claimant == "Grant" or claimant.endswith("Grant") for claimant, _ in disputes)
    assert any("Paul Ruiz" in disputers for _, disputers in disputes)


def test_dismissing_efforts_of_a_party_disputes_nothing_it_claimed() -> None:
    text = (
        "Most Republicans say the tax plan will pay for itself.\n\n"
        "Senator Ada Moore dismissed efforts by some Republicans to distance themselves from the plan's author."
    )
    assert dispute_pairs(analyze(text)) == []


def test_rejecting_the_notion_that_a_party_could_act_is_no_dispute_of_that_party() -> None:
    text = (
        '"Most Democrats agree that a governor should not be able to waive the rules," Senator Hale said.\n\n'
        "Rep. Tom Vine also rejected the notion that Democrats could walk away from the bill over the waivers."
    )
    assert all(claimant != "Democrats" for claimant, _ in dispute_pairs(analyze(text)))


def test_rejecting_a_notion_spelled_out_disputes_only_a_claim_that_shares_its_words() -> None:
    unrelated = (
        "Several senators said the bill would cost thousands of jobs in the steel industry.\n\n"
        "Rep. Tom Vine rejected the notion that the party could walk away from the deal over the waivers."
    )
    assert dispute_pairs(analyze(unrelated)) == []
    related = (
        "Senator Ruth Kemp said the governor had lied about the cost of the bridge.\n\n"
        "The governor's spokesman rejected the suggestion that the governor had lied about the bridge."
    )
    assert dispute_pairs(analyze(related)) == [("Ruth Kemp", ["The governor's spokesman"])]


def test_denying_any_wrongdoing_disputes_the_allegation_against_the_denier() -> None:
    letter = (
        "A rival campaign sent a letter on Monday alleging that the Ortiz campaign's fundraising arrangement with the "
        "party was illegal.\n\n"
        "The Ortiz campaign denies any wrongdoing and points out that its rival signed the same agreement."
    )
    assert dispute_pairs(analyze(letter)) == [("A rival campaign", ["The Ortiz campaign"])]
    charge = (
        "Prosecutors allege that Halden Bank hid losses of $40 million from investors in 2019.\n\n"
        "The bank denies wrongdoing."
    )
    assert dispute_pairs(analyze(charge)) == [("Prosecutors", ["The bank"])]


def test_words_said_of_someones_request_dispute_that_ones_claim() -> None:
    text = (
        "The inquiry concluded that the mayor's aides had been careless, but that no charges were warranted.\n\n"
        "Councillor Dan Pike on Tuesday asked for a new inquiry into whether the mayor had destroyed records.\n\n"
        'The mayor said of Pike\'s latest request: "The inquiry resolved all of this. Its findings included '
        'debunking his latest conspiracy theories."'
    )
    disputes = dispute_pairs(analyze(text))
    assert any(claimant == "Dan Pike" for claimant, _ in disputes)
    assert all(claimant != "The inquiry" for claimant, _ in disputes)


def test_no_such_words_were_spoken_disputes_the_claim_just_before() -> None:
    text = (
        'Tomas Berg told reporters that the delegation had threatened to close every harbour to Dalmark\'s boats.\n\n'
        'A spokesman for the Norland foreign ministry said: "No such words were spoken by any member of our '
        'delegation."'
    )
    ((claimant, disputers),) = dispute_pairs(analyze(text))
    assert claimant == "Tomas Berg" and disputers[0].startswith("A spokesman")


def test_denying_a_report_by_a_newspaper_disputes_that_newspaper() -> None:
    text = (
        "LONDON - The former minister Graham Birch writes that he was told to keep the report in a drawer.\n\n"
        "BRASILIA - Brazil's environment ministry has denied a report by the newspaper Diario do Planalto that logging "
        'alerts were held back before the summit. "There is no truth in the report," the ministry said. The '
        "newspaper said it stood by its story."
    )
    disputes = dispute_pairs(analyze(text))
    assert any(claimant == "Diario do Planalto" for claimant, _ in disputes)
    assert all(claimant != "Graham Birch" for claimant, _ in disputes)


def test_the_words_between_a_report_cue_and_its_content_say_whose_report_it_is() -> None:
    from sayso.claims import _named_or_owner, _whose_words_between
    from sayso.model import Quote, Speaker

    text = "The ministry has denied a report by the newspaper Diario do Planalto that alerts were held back."
    cue_end = text.index(" by the")
    start = text.index("alerts")
    denial = Quote(
        id="q1", kind="indirect", content=text[start:-1], content_spans=[(start, len(text) - 1)],
        cue="has denied a report", cue_span=(text.index("has"), cue_end), source="The ministry",
        source_span=(0, 12), speaker_id="s1", polarity="denies", confidence=0.9,
    )
    paper = Speaker(id="s2", name="Diario do Planalto", type="ORG")
    about = _whose_words_between(denial, text)
    assert about is not None and _named_or_owner(about, paper)
    assert _whose_words_between(denial.model_copy(update={"cue": "has denied"}), text) is None


def test_rejecting_attacks_from_a_rival_that_he_was_not_something_disputes_that_rival() -> None:
    text = (
        "At a rally in Columbia, Mr. Harlan rejected attacks from Governor Ames and other rivals that he was not a "
        "real farmer, saying he had worked his family's land for 30 years."
    )
    assert ("Ames", ["Harlan"]) in dispute_pairs(analyze(text))


def test_a_point_that_others_have_disputed_after_a_dash_disputes_the_claim_before_it() -> None:
    text = "Senator Lee has said that the funds were never misused - a point that state auditors have disputed."
    assert dispute_pairs(analyze(text)) == [("Lee", ["state auditors"])]


def test_a_view_someone_rejects_in_apposition_disputes_the_claim_before_it() -> None:
    text = "The mayor said the bridge was safe, a view the engineers' union strongly rejects."
    assert dispute_pairs(analyze(text)) == [("The mayor", ["the engineers' union"])]


def test_calling_a_report_that_says_someone_fabricated_a_story_a_lie_disputes_the_report() -> None:
    text = (
        "Mayor Dunn has faced questions about his past. On Friday, it was a report by Politico that he "
        "\"fabricated\" the story of an offer to attend the academy. "
        "Dunn called that report Friday a \"boldfaced lie.\""
    )
    assert ("Politico", ["Dunn"]) in dispute_pairs(analyze(text))


def test_rejecting_a_plan_disputes_no_claim_but_denying_a_deal_does() -> None:
    text = (
        "Democrats insist the political tide is turning their way on the budget.\n\n"
        "Senator Joe Marin rejected the Democratic plan, saying it went too far."
    )
    assert dispute_pairs(analyze(text)) == []
    text = (
        "Senator Joe Marin said the mayor had struck a secret deal with the lender.\n\n"
        "The mayor denied any deal with the lender."
    )
    assert dispute_pairs(analyze(text)) == [("Joe Marin", ["The mayor"])]


def test_your_facts_are_wrong_after_tweeting_back_at_him_disputes_his_claim() -> None:
    text = (
        "On the same day, Senator Vance Holt continued to portray migrant workers as violent criminals. Journalist "
        "Rosa Ibarra corrected the senator by tweeting back at him with a study showing \"migrants are less likely to "
        "be criminals than the native-born.\"\n\n"
        "\"Your facts are wrong,\" Ibarra wrote. \"Migrants are less likely to be criminals than native born.\""
    )
    assert dispute_pairs(analyze(text)) == [("Vance Holt", ["Rosa Ibarra"])]


def test_pushing_back_on_those_charges_disputes_the_charge_before() -> None:
    text = (
        'Governor Ames has argued that the agency runs a "rigged" permit process. Agency chief Ray Colt has '
        "aggressively pushed back on those charges."
    )
    assert dispute_pairs(analyze(text)) == [("Ames", ["Ray Colt"])]


def test_saying_there_was_no_campaign_and_naming_someone_disputes_nothing_they_claimed() -> None:
    text = (
        "Governor Ellen Marsh said the pardons were a fair exchange for the two pilots held abroad.\n\n"
        '"In the case of the two pilots, there were no protests, no vigils, no letters to the statehouse ... This '
        'was Governor Marsh and her aides quietly deciding to use the leverage they had," said Paul Wendt, a former '
        "negotiator."
    )
    assert dispute_pairs(analyze(text)) == []


def test_something_he_denied_after_a_dash_disputes_the_words_before() -> None:
    text = (
        "Three aides told me they believed Mr. Vance was angling for a cabinet post -- something he denied to me as "
        "laughable in an interview on Friday."
    )
    assert dispute_pairs(analyze(text)) == [("Three aides", ["Vance"])]


def test_we_disagree_with_those_claims_in_a_later_sentence_disputes_the_claims_named() -> None:
    text = (
        "Nina Holt alleges that the committee fired her for her reserve duties.\n\n"
        '"The committee understands that a lawsuit has been filed by Nina Holt," spokesman Jamal Reed said in a '
        'statement. "We disagree strongly with those claims, which are meritless."'
    )
    assert dispute_pairs(analyze(text)) == [("Nina Holt", ["Jamal Reed"])]


def test_a_company_set_off_by_a_relative_clause_denying_the_report_disputes_the_reporter() -> None:
    text = (
        "Then came relief: The Daily Ledger reported that Corvex -- best known for its cheap phones -- missed its "
        "sales targets last year. Corvex, which does not publish its accounts, denied the report, saying this year "
        "will meet expectations."
    )
    assert dispute_pairs(analyze(text)) == [("The Daily Ledger", ["Corvex"])]


def test_dismissing_criticism_from_several_people_disputes_each_ones_claim() -> None:
    text = (
        "Former adviser Bill Mills said the campaign staff had been kept from the candidate for weeks.\n\n"
        "Reached by phone, Bennett dismissed criticism from Giles, Mills and Harold Doley, a banker and former "
        "Treasury official who has suggested the aides have been making an unseemly amount of money off the campaign."
    )
    disputes = dispute_pairs(analyze(text))
    assert ("Bill Mills", ["Bennett"]) in disputes and ("Harold Doley", ["Bennett"]) in disputes


def test_i_dont_believe_that_after_reporting_someones_words_disputes_them() -> None:
    text = (
        "\"When Halvik says, 'We can't filter these posts,' I don't believe that,\" said Ana Ruiz, a computer "
        "scientist at Tulane University."
    )
    ((claimant, disputers),) = dispute_pairs(analyze(text))
    assert claimant == "Halvik" and disputers[0].startswith("Ana Ruiz")


def test_words_a_denier_reports_after_the_denial_are_not_what_it_denies() -> None:
    text = (
        '"This is a lie, there were no threats. Speaking about security, President Putin noted that any missile '
        'would reach Moscow in minutes," spokesman Dmitry Peskov said.'
    )
    assert all(claimant != "Putin" for claimant, _ in dispute_pairs(analyze(text)))


def test_denying_something_of_a_named_person_s_wife_disputes_who_reported_it_not_that_person() -> None:
    text = (
        "Security officials said the army had detained a wife of rebel leader Omar al-Fadhli at the border.\n\n"
        "Al-Fadhli said his movement was growing in four other countries.\n\n"
        "A rebel fighter denied that al-Fadhli's wife had been detained."
    )
    disputes = dispute_pairs(analyze(text))
    assert ("Security officials", ["A rebel fighter"]) in disputes
    assert all(claimant != "Omar al-Fadhli" for claimant, _ in disputes)
