"""Disputes whose denial points to a report's account, rejects claims its own side answered, or waves a story off."""

from __future__ import annotations

import pytest

from sayso import Analysis, analyze


def disputes_of(analysis: Analysis) -> list[tuple[str, str, list[str]]]:
    names = {s.id: s.name for s in analysis.speakers}
    claims = {c.id: c.text for c in analysis.claims}
    return [
        (claims[d.claim_id], names[d.claimant_id or ""], [names[x] for x in d.disputed_by]) for d in analysis.disputes
    ]


def test_a_denial_of_the_account_disputes_the_reports_claim_not_the_answer_before_it() -> None:
    text = (
        "The report, published by the Harbour Times on Monday, said the governor had fired her chief of staff "
        "after a heated argument, according to three aides.\n\n"
        'Asked whether the governor trusted her team, spokeswoman Lena Ford said: "Completely."\n\n'
        "The chief of staff, Omar Reyes, also denied the account."
    )
    disputes = disputes_of(analyze(text))
    assert disputes and all(claimant != "Lena Ford" for _, claimant, _ in disputes)
    assert any(claimant in {"three aides", "the Harbour Times"} for _, claimant, _ in disputes)


def test_rejecting_claims_disputes_the_accuser_not_a_statement_that_agrees() -> None:
    text = (
        "The Treasury has rejected claims that the chancellor misled the committee about the cost of the rail line.\n\n"
        "The chancellor's spokeswoman said the department stood by its figures. \"The chancellor has always been clear "
        'about the costs," she said. "There is no question of the committee having been misled."\n\n'
        'The opposition leader, Ruth Kemp, accused the chancellor of "hiding the bill from voters".'
    )
    disputes = disputes_of(analyze(text))
    assert all("spokeswoman" not in claimant for _, claimant, _ in disputes)


def test_waving_a_story_off_as_fantasy_disputes_the_report_just_before() -> None:
    text = (
        "Newspapers in Italy claimed on Monday that striker Marco Brandt had met officials of Roma about a transfer. "
        'Brandt shrugged off the story. "I have never talked to Roma. It\'s fantasy," he said.'
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "met officials of Roma" in claim and disputers == ["Marco Brandt"]


def test_a_lawyer_who_says_the_client_will_fight_the_charges_disputes_the_allegation_after() -> None:
    text = (
        "Former councillor Paul Hale, 58, entered the plea in court on Monday. His lawyer, Irene Cole, said that her "
        'client "has never taken a penny from anyone" and would fight the charges.\n\n'
        "Prosecutors allege that Hale sold building permits to a developer and in return received cash and a car."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Prosecutors", ["Irene Cole"])]


def test_calling_a_witness_a_liar_disputes_the_witness() -> None:
    text = (
        'The builder Sam Price told investigators that Hale had asked for "a little extra" at a lunch in 2020.\n\n'
        'Cole called Price "a convicted liar trying to save himself." '
    )
    prefix = "His lawyer, Irene Cole, spoke outside the court.\n\n"
    ((_, claimant, disputers),) = disputes_of(analyze(prefix + text))
    assert (claimant, disputers) == ("Sam Price", ["Irene Cole"])


def test_it_after_the_denier_s_own_words_points_to_them_not_to_the_claim_before() -> None:
    text = (
        "More than 40 MPs have signed an amendment that would block the cuts. One of them, Angela Price, said the "
        "plans would push thousands of people into poverty.\n\n"
        "'It is simply wrong,' she told the BBC. 'Ministers have not listened.'"
    )
    assert disputes_of(analyze(text)) == []


def test_rejecting_a_body_s_account_in_the_lede_disputes_the_account_given_after_it() -> None:
    text = (
        "KYIV, June 9 (Wire) - Russia on Sunday rejected the Ukrainian military's account of a strike on a school "
        "in the east of the country.\n\n"
        "The Ukrainian military said on Saturday that a Russian missile had hit the school in the early morning, "
        "injuring four teachers."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, by) for _, claimant, by in disputes] == [("The Ukrainian military", ["Russia"])]


def test_dismissing_a_country_s_statement_by_its_adjective_disputes_that_country() -> None:
    text = (
        "MANILA, June 9 (Wire) - China on Sunday said a Philippine supply boat had \"deliberately rammed\" a Chinese "
        "coast guard ship near a disputed shoal.\n\n"
        "Philippine national security adviser Eduardo Ramos dismissed the Chinese statement as \"pure propaganda\" "
        "and said video taken by the crew showed the Chinese ship turning into the supply boat."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, by) for _, claimant, by in disputes] == [("China", ["Eduardo Ramos"])]


def test_calling_the_figure_in_a_post_a_fabrication_disputes_the_post() -> None:
    text = (
        "A viral post shared thousands of times on Facebook claims that Millbrook city council spent $2 million "
        "on a single bicycle shelter.\n\n"
        '"We spent $38,000 on the shelter," said Dana Whitlock, the council\'s finance director. She called the '
        'figure in the post "a complete fabrication".'
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, by) for _, claimant, by in disputes] == [("A viral post", ["Dana Whitlock"])]


def test_the_philippine_side_names_the_philippine_armed_forces() -> None:
    text = (
        "The Philippine armed forces said on Saturday that the Chinese vessel had fired water cannon at the supply "
        "boat and then struck its stern.\n\n"
        '"The Philippine side is spreading false information to mislead the international community," Chinese '
        "foreign ministry spokeswoman Mao Ling told a regular news briefing."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, by) for _, claimant, by in disputes] == [("The Philippine armed forces", ["Mao Ling"])]


def test_a_spokeswoman_saying_the_claims_lacked_evidence_and_an_embassy_calling_the_charges_manipulation() -> None:
    text = (
        "The European Commission on Friday accused Brazilian trawlers of fishing illegally in European waters and "
        "summoned Brazil's ambassador.\n\n"
        'Foreign ministry spokeswoman Ana Lima told reporters that Brazil "respects every maritime treaty" and that '
        "the E.U. claims lacked evidence.\n\n"
        'The Brazilian embassy in Brussels said in a statement that the charges were "political manipulation."'
    )
    disputes = disputes_of(analyze(text))
    disputers = {d for _, claimant, ds in disputes if claimant == "The European Commission" for d in ds}
    assert {"Ana Lima", "The Brazilian embassy in Brussels"} <= disputers


def test_a_bare_no_to_a_question_disputes_the_claim_the_question_reports() -> None:
    text = (
        "The transport minister, Rhiannon Morgan, spoke to the Ledger about fares and the new rail timetable.\n\n"
        "Q: Your predecessor, Tom Hale, said last year that bus fares would have to double by 2027. Do you agree?\n\n"
        "MORGAN: No. We will not raise fares in this parliament. Tom was speaking for himself."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Tom Hale", ["Rhiannon Morgan"])]


def test_the_figures_a_body_quotes_called_wrong_dispute_that_body() -> None:
    text = (
        "The Department for Education said it had provided \"record funding\" to schools this year.\n\n"
        "But Dr Ann Hale, head of the Westfield schools trust, told the BBC that the money had gone on supply "
        'teachers. "The figures the department quotes are simply wrong," she said.'
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [
        ("The Department for Education", ["Ann Hale"])
    ]


def test_a_repair_figure_plucked_out_of_thin_air_disputes_the_one_who_gave_it() -> None:
    text = (
        "The council's finance chief, Cllr Ann Price, said the bridge needed £3m of work the council could not "
        "afford.\n\n"
        'Green group leader Cllr Sam Booth said the repair figure had been "plucked out of thin air".'
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Ann Price", ["Sam Booth"])]


def test_denied_reports_and_stories_called_made_up_dispute_the_blog_that_claimed_them_after() -> None:
    text = (
        "A spokesman for the actor Leo Grant has denied reports that Grant and his wife, the designer Mia Stone, have "
        "split after ten years together.\n\n"
        '"Leo and Mia are very happy," the spokesman told reporters. "These stories are completely made up."\n\n'
        "The rumours started last week when gossip blog CelebBuzz claimed that Grant had moved out of the family "
        "home."
    )
    disputes = disputes_of(analyze(text))
    assert [claimant for _, claimant, _ in disputes] == ["CelebBuzz"]


def test_a_denial_sharing_a_word_with_a_claim_others_have_rejected_disputes_it_too() -> None:
    text = (
        "Sen. Dale Hart has said repeatedly that dead people voted in the 2022 primary, a claim that county "
        "officials have rejected.\n\n"
        '"We audited every ballot. There were no ballots cast by the dead," said Rosa Diaz, the elections director '
        "of Lane County."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, sorted(disputers)) for _, claimant, disputers in disputes] == [
        ("Dale Hart", ["Rosa Diaz", "county officials"])
    ]


def test_the_stories_a_manager_calls_rubbish_are_the_paper_s_report() -> None:
    text = (
        "Italian paper Gazzetta reported on Tuesday that Milan had agreed terms with the striker Leon Dube.\n\n"
        '"Leon is under contract until 2029," a City spokesman said.\n\n'
        'City manager Ray Booth was more blunt. "He\'s staying," Booth said after training. "I read the same stories '
        'you do, and most of them are rubbish."'
    )
    disputes = disputes_of(analyze(text))
    assert ("Gazzetta", ["Ray Booth"]) in [(claimant, disputers) for _, claimant, disputers in disputes]


def test_a_columnist_who_thinks_she_overstates_the_danger_disputes_her() -> None:
    text = (
        "Opinion: The sugar tax is no disaster\n\nBy Tom Reed\n\n"
        "The Bakers' Federation is more hostile still. Its chief economist, Ruth Lane, warned last month that a "
        'sugar tax would "wipe out small bakers".\n\n'
        "I think she overstates the danger."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Ruth Lane", ["Tom Reed"])]


def test_the_claimant_s_side_standing_by_the_estimate_disputes_the_one_who_called_it_made_up() -> None:
    text = (
        "The council's cabinet member for transport, Cllr Ann Price, said the bridge needed £3m of work the council "
        "could not afford.\n\n"
        'Green group leader Cllr Sam Booth said the repair figure had been "plucked out of thin air".\n\n'
        'A council spokesperson said the £3m estimate came from the council\'s own engineers and had been "checked '
        'twice".'
    )
    disputes = disputes_of(analyze(text))
    pairs = [(claimant, disputers) for _, claimant, disputers in disputes]
    assert ("Ann Price", ["Sam Booth"]) in pairs and ("Sam Booth", ["A council spokesperson"]) in pairs


def test_words_reported_in_the_claimant_s_own_quote_do_not_join_the_dispute_of_the_claim() -> None:
    text = (
        "Sen. Lee Grant has acknowledged that the water crisis in the valley is real. Mayor Ann Cole has called the "
        "water crisis a hoax.\n\n"
        'Grant said: "Young voters believe the crisis is real, and when they hear a candidate call the crisis a hoax, '
        'that is a problem."'
    )
    disputes = disputes_of(analyze(text))
    assert all(set(disputers) <= {"Ann Cole"} for _, claimant, disputers in disputes if claimant == "Lee Grant")


@pytest.mark.parametrize(
    "reply",
    [
        'The council leader, Tom Reed, disagreed, saying the bridge had "achieved nothing except higher tolls".',
        'The council leader, Tom Reed, disagreed. "The bridge will cost us more than it brings in," he said.',
    ],
)
def test_one_who_disagreed_saying_something_disputes_the_claim_just_before(reply: str) -> None:
    text = 'The mayor, Ann Cole, said on Monday that the new bridge would "transform the town".\n\n' + reply
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Ann Cole", ["Tom Reed"])]


def test_one_who_did_not_disagree_disputes_nothing() -> None:
    text = (
        'The mayor, Ann Cole, said on Monday that the new bridge would "transform the town".\n\n'
        'The council leader, Tom Reed, did not disagree, saying the bridge had "brought in new shops".'
    )
    assert disputes_of(analyze(text)) == []


def test_a_statement_after_others_who_disagreed_disputes_nothing() -> None:
    text = (
        "The mayor, Ann Cole, said the new bridge would transform the town. Asked if the bridge was worth its cost, "
        "52 percent of residents agreed and 40 percent disagreed.\n\n"
        "The timing of the vote doesn't surprise pollster Tom Reed: "
        '"Voters always warm to a project once it opens," he said.'
    )
    assert disputes_of(analyze(text)) == []


@pytest.mark.parametrize(
    "denial",
    [
        '"There is no truth whatsoever to these claims," said Ruth Pell, a spokeswoman for the league.',
        '"Over the past year he has played twice. These claims are absolutely, totally false," said Ruth Pell, a '
        "spokeswoman for the league.",
    ],
)
def test_claims_named_inside_a_denying_sentence_are_the_ones_just_made(denial: str) -> None:
    text = (
        "Retired rider Dan Korr said on a radio show last week that the champion was serving a secret ban for doping."
        f"\n\n{denial}"
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "secret ban" in claim and claimant == "Dan Korr" and disputers == ["Ruth Pell"]


def test_a_rumour_dismissed_in_the_lede_is_the_claim_told_just_after() -> None:
    text = (
        "The rail operator dismissed the rumour as nonsense on Monday.\n\n"
        "It began on Saturday with a blog called TrackWatch claiming that the operator would close the night line."
    )
    ((claim, claimant, disputers),) = disputes_of(analyze(text))
    assert "night line" in claim and claimant == "TrackWatch" and disputers == ["The rail operator"]


def test_claims_called_false_are_not_those_of_someone_named_in_a_later_sentence() -> None:
    text = (
        "Retired rider Dan Korr said on a radio show last week that the champion was serving a secret ban for doping."
        '\n\n"These claims are completely false. The League has confirmed there is no truth to them," said Ruth '
        "Pell, the champion's agent.\n\nThe League has said it is required to announce any ban."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Dan Korr", ["Ruth Pell"])]


def test_a_book_the_denial_speaks_of_is_not_a_later_speaker_called_a_book() -> None:
    # "has denied that she was writing a book": "a book" is a new one, not "Mr. Pike's book" that speaks later on
    text = (
        "Even Nora Kerr, the senator's former chief of staff, was at one point shopping a memoir about the campaign. "
        "But the agreement faltered in May when Ms. Kerr backed away from the deal, after the Daily Ledger reported "
        "that she was writing a book. (Ms. Kerr, who did not respond to a request for comment, has denied that she "
        "was writing a book.)\n\n"
        "Publishers have been cautious. Several editors said sales of political memoirs had fallen.\n\n"
        "Mr. Pike's book included a statement from Ms. Kerr, inserted in the flyleaf, clarifying that she felt "
        "misquoted."
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("the Daily Ledger", ["Nora Kerr"])]


def test_a_name_with_al_is_no_adjective_of_a_place_a_speaker_is_named_by() -> None:
    # "al-Rashidi's wife" does not name "a biography ... at a university in Rashid" (as "Chinese" names China)
    text = (
        "Security officials said the army had detained a wife of the militant leader Abu Omar al-Rashidi as she "
        "crossed from Syria two weeks ago.\n\n"
        "The arrest was a powerful card in talks over captured soldiers, a security source said.\n\n"
        "A fighter with the group denied that al-Rashidi's wife had been arrested. \"The officials are lying,\" he "
        "said.\n\n"
        "Born in 1969, al-Rashidi comes from a family of preachers, according to a biography distributed on "
        "militant forums that says he studied at a university in Rashid."
    )
    disputes = disputes_of(analyze(text))
    assert [claimant for _, claimant, _ in disputes] == ["Security officials"]


def test_this_news_is_unfounded_leaves_the_rest_of_the_words_to_say_what_is_denied() -> None:
    # "This news is unfounded" says only that: "chlorine gas has not been used" says what the news was
    text = (
        "Survivors of the siege say the militants used gas against the besieged soldiers.\n\n"
        '"Terrorists used chlorine gas for the first time," said Ali Badri, a member of the provincial council.\n\n'
        'The provincial police chief, Maj. Gen. Karim Saleh, said: "We heard news that the militants used chlorine '
        'gas in the battles." He added, "This news is unfounded, and chlorine gas has not been used during the '
        'battles at all."'
    )
    disputes = disputes_of(analyze(text))
    assert [(claimant, disputers) for _, claimant, disputers in disputes] == [("Ali Badri", ["Karim Saleh"])]


HAM_HOAX = (
    "Your holiday ham is perfectly safe. There is no nationwide ham recall.\n\n"
    'The fake recall first appeared on a satirical website called "Daily Pretend." The article quoted health '
    "officials as saying millions of hams were tainted with listeria.\n\n"
    "The Agriculture Department went on Twitter to debunk the hoax, saying it would post any real recalls on its "
    "website.\n\n"
    "FactFinder.org said the article was fake.\n\n"
    "On Nov. 10, a website posted an article claiming more than 50,000 hams at an Iowa farm had been infected with "
    "swine fever. The article claimed a worker had handled the hams for three days after falling ill."
)


def test_the_hoax_and_the_article_are_the_ones_told_of_before_not_the_next_story() -> None:
    # "debunk the hoax" right after the satirical site's story: that story, not the one the next paragraphs tell;
    # "the article was fake": the article called so before ("The article quoted ..."), not "The article" after
    disputes = disputes_of(analyze(HAM_HOAX))
    pairs = {(claimant, disputer) for _, claimant, disputers in disputes for disputer in disputers}
    assert pairs == {("Daily Pretend", "The Agriculture Department"), ("Daily Pretend", "FactFinder.org")}


def test_a_report_saying_something_is_its_publisher_s_claim() -> None:
    text = (
        "Switching subjects, Olsen also claimed the commissioner had visited the golfer's home twice. Lyle Brandt "
        "has disputed a Fairway.com report saying he was suspended for that half-year period because of a failed "
        "drug test."
    )
    disputes = disputes_of(analyze(text))
    assert [(claim, claimant, by) for claim, claimant, by in disputes] == [
        ("he was suspended for that half-year period", "Fairway.com", ["Lyle Brandt"])
    ]


def test_allegations_from_someone_claiming_something_are_their_claim() -> None:
    text = "The ministry denied allegations from opposition lawmakers claiming that the vote was rigged."
    disputes = disputes_of(analyze(text))
    assert [(claim, claimant, by) for claim, claimant, by in disputes] == [
        ("the vote was rigged", "opposition lawmakers", ["The ministry"])
    ]


def test_a_verdict_after_the_denial_verb_is_the_cue_s_not_the_claimant_s_name() -> None:
    # "dismissed as baseless | the Daily Ledger's report": not a claimant called "baseless the Daily Ledger"
    text = "The ministry dismissed as baseless the Daily Ledger's report that the minister had resigned."
    analysis = analyze(text)
    assert disputes_of(analysis) == [("the minister had resigned", "the Daily Ledger", ["The ministry"])]
    assert analysis.quotes[0].cue == "dismissed as baseless"
