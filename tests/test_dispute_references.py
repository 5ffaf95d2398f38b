"""Disputes whose denial points to a report's account, rejects claims its own side answered, or waves a story off."""

from __future__ import annotations

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
