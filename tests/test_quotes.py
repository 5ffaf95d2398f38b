"""Every kind of attributed statement, from short excerpts in the style of real news."""

from __future__ import annotations

import pytest

from sayso import Analysis, analyze


def statements(text: str) -> Analysis:
    return analyze(text, id="t")


def find(analysis: Analysis, words: str) -> dict[str, object]:
    for q in sorted(analysis.quotes, key=lambda q: len(q.content)):  # the innermost statement first
        if words in q.content:
            return {
                "kind": q.kind,
                "cue": q.cue,
                "speaker": q.speaker.name if q.speaker else None,
                "polarity": q.polarity,
                "nested": q.nested_in is not None,
                "content": q.content,
            }
    raise AssertionError(f"no statement with {words!r} in {[q.content for q in analysis.quotes]}")


@pytest.mark.parametrize(
    ("text", "words", "speaker", "cue", "kind"),
    [
        ('"We will not back down," Senator Ann Ruiz said.', "We will not back down", "Ann Ruiz", "said", "direct"),
        ("“Where did the money go?” Councillor Ames demanded.", "Where did the money go", "Ames", "demanded", "direct"),
        ("“Is anyone listening?” she shouted.", "Is anyone listening", "she", "shouted", "direct"),
        (
            "“The deal is done,” said Mark Olsen, the union’s negotiator.",
            "The deal is done",
            "Mark Olsen",
            "said",
            "direct",
        ),
        (
            'Health Minister Joan Park said: "The hospital will stay open until the review is complete."',
            "hospital will stay open",
            "Joan Park",
            "said",
            "direct",
        ),
        (
            "Inspector Raj Patel said the fire had started in the kitchen.",
            "the fire had started",
            "Raj Patel",
            "said",
            "indirect",
        ),
        (
            "The company said in a statement that profits had fallen by a third.",
            "profits had fallen",
            "The company",
            "said",
            "indirect",
        ),
        (
            "According to the fire service, three homes were destroyed overnight.",
            "three homes were destroyed",
            "the fire service",
            "According to",
            "indirect",
        ),
        (
            "Three homes were destroyed overnight, according to the fire service.",
            "three homes were destroyed".capitalize(),
            "the fire service",
            "according to",
            "indirect",
        ),
        (
            'Coach Dana Wells said the team had been "completely outplayed" in the second half.',
            "completely outplayed",
            "Dana Wells",
            "said",
            "mixed",
        ),
    ],
)
def test_statement_kinds(text: str, words: str, speaker: str, cue: str, kind: str) -> None:
    got = find(statements(text), words)
    assert (got["speaker"], got["kind"]) == (speaker, kind)
    assert str(got["cue"]).startswith(cue)  # PolNeAR's cues may run on: "said in a statement"


def test_quote_split_by_said_is_one_statement_with_two_fragments() -> None:
    text = '"We asked three times," Reyes said. "Nobody answered."'
    (quote,) = statements(text).quotes
    assert len(quote.content_spans) == 2
    assert [text[s:e] for s, e in quote.content_spans] == ["We asked three times", "Nobody answered"]


def test_quote_broken_by_a_comma_and_its_cue_is_one_statement() -> None:
    text = (
        "The port reopened on Monday.\n\n"
        '"Our first worry," harbour master Ines Lund said, "is that the cranes are still not insured."'
    )
    (quote,) = statements(text).quotes
    assert [text[s:e] for s, e in quote.content_spans] == [
        "Our first worry",
        "is that the cranes are still not insured",
    ]
    assert quote.cue == "said" and quote.speaker is not None and quote.speaker.name == "Ines Lund"


def test_nominal_claim_by_x_that_y_is_nested_under_the_denial() -> None:
    text = "The ministry on Friday denied claims by opposition leader Karl Brandt that the election had been rigged."
    analysis = statements(text)
    denial = find(analysis, "claims by opposition leader")
    claim = find(analysis, "the election had been rigged")
    assert denial["speaker"] == "The ministry" and denial["polarity"] == "denies"
    assert claim["speaker"] == "Karl Brandt" and claim["nested"] and claim["cue"] == "claims"


def test_reported_speech_inside_a_direct_quote_is_nested() -> None:
    text = (
        '"The minister noted that the budget would be balanced by next year, which is simply wrong," '
        "the auditor Jane Cole said."
    )
    nested = find(statements(text), "the budget would be balanced")
    assert nested["nested"] and nested["cue"] == "noted"


def test_colon_introduction_on_the_line_before() -> None:
    text = 'Mayor Lisa Grant said:\n\n"We will rebuild every house that was lost in this flood."'
    got = find(statements(text), "We will rebuild")
    assert got["speaker"] == "Lisa Grant"


def test_multi_paragraph_quote_is_one_statement() -> None:
    text = (
        "“This is not about politics.\n\n“It is about whether people can trust what they are told,” said Tomas Reyes."
    )
    got = find(statements(text), "not about politics")
    assert "trust what they are told" in str(got["content"]) and got["speaker"] == "Tomas Reyes"


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "woke" agenda dominated the conference.',
        'The film "Steel Over Water" opened in March.',
        "Germany last week agreed to send 14 battle tanks to Ukraine.",
    ],
)
def test_scare_quotes_titles_and_events_are_not_statements(text: str) -> None:
    assert statements(text).quotes == []


def test_unbalanced_marks_keep_the_other_statements() -> None:
    text = 'He said "this is open.\nOfficials said the plan was delayed by two years.'
    got = find(statements(text), "the plan was delayed")
    assert got["speaker"] == "Officials"


def test_offsets_index_the_text() -> None:
    text = '“Once again: this is a lie," Peskov added.\n\nPeskov said there were no contacts at all.'
    for q in statements(text).quotes:
        assert q.content in text or " … " in q.content
        for s, e in q.content_spans:
            assert text[s:e] in q.content
        if q.cue_span:
            assert text[q.cue_span[0] : q.cue_span[1]] == q.cue


def test_polarity_of_denials_and_questions() -> None:
    text = (
        '"What he said is not true," the spokesman said.\n\n'
        '"Why would we do that?" the minister asked.\n\n'
        "The agency rejected the report's findings that the dam was unsafe."
    )
    analysis = statements(text)
    assert find(analysis, "not true")["polarity"] == "denies"
    assert find(analysis, "Why would we")["polarity"] == "questions"


def test_reported_words_do_not_run_from_a_headline_into_the_first_paragraph() -> None:
    text = (
        "Harbour council rejects mayor's claim that the new bridge is safe\n\n"
        "The city council on Tuesday rejected claims by Mayor Elena Varga that the bridge had passed "
        "every inspection."
    )
    for q in statements(text).quotes:
        for s, e in q.content_spans:
            assert "\n" not in text[s:e], q.content


def test_relative_clause_is_not_a_role() -> None:
    text = '"It is about trust," said Tomas Reyes, who chairs the finance committee.'
    (quote,) = statements(text).quotes
    assert quote.speaker is not None and quote.speaker.role is None


def test_first_line_after_a_headline_keeps_its_speaker() -> None:
    text = (
        "Harbour council rejects mayor's claim that the new bridge is safe\n\n"
        "The Port Alder city council on Tuesday rejected claims by Mayor Elena Varga that the new harbour "
        "bridge had passed every safety inspection."
    )
    got = find(statements(text), "claims by Mayor Elena Varga")
    assert got["speaker"] == "The Port Alder city council"


def ruled(text: str) -> list[tuple[str, str | None]]:
    """What the attribution rules alone find: (content, cue) pairs."""
    from sayso import nlp
    from sayso.quotes import rules
    from sayso.quotes.frame import Frame

    found = rules.top_level(Frame.build(text, nlp.parse(text)))
    return [(text[c.start : c.end], text[c.cue_span[0] : c.cue_span[1]] if c.cue_span else None) for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "In her 2019 book, Open Water, Morales noted the storm's cost.",  # a fronted phrase, a cue with an object
        "When the council cut the ferry budget last spring, the mayor said enough.",  # a fronted clause
        "The volunteers painted the hall and fixed the roof, adding colour to the square.",  # a participle
        "Dr. Ellis wrote a history of the clinic entitled Open Doors.",  # "wrote" with an object
        "The strike organisers said Friday afternoon, as crowds gathered outside the hall.",  # when, not what
        "Brandt has written letters for several of his neighbours, trying to help them.",  # no clause follows
    ],
)
def test_rules_leave_out_what_is_not_reported(text: str) -> None:
    assert ruled(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks on the contract collapsed, the union said Friday.", ("Talks on the contract collapsed", "said")),
        ("Varga said Friday that the bridge was safe.", ("the bridge was safe", "said")),
        ("Peskov said on Tuesday there were no contacts.", ("there were no contacts", "said")),
    ],
)
def test_rules_skip_when_a_statement_was_made(text: str, expected: tuple[str, str]) -> None:
    assert ruled(text) == [expected]


def test_quote_opening_mid_sentence_is_mixed_from_its_subject() -> None:
    text = 'The ferry service "has never been more reliable," operations chief Dana Holt said on Monday.'
    (quote,) = statements(text).quotes
    assert quote.content == 'The ferry service "has never been more reliable'
    assert quote.kind == "mixed" and quote.speaker is not None and quote.speaker.name == "Dana Holt"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('The reports are "unfounded," a ministry spokesman said.', 'The reports are "unfounded'),
        (
            'The allegations are "incorrect" and "unfounded," a ministry spokesman said.',
            'The allegations are "incorrect" and "unfounded',
        ),
    ],
)
def test_a_quoted_verdict_on_what_was_said_is_mixed_from_its_subject(text: str, content: str) -> None:
    (quote,) = statements(text).quotes
    assert quote.content == content and quote.kind == "mixed" and quote.polarity == "denies"


def test_a_quote_after_a_claim_noun_that_introduces_it_is_no_mixed_quote() -> None:
    (quote,) = statements('In a statement, "We never saw the letter," the ministry said.').quotes
    assert quote.content == "We never saw the letter"


def test_quote_signed_with_a_dash_and_a_name() -> None:
    text = (
        "We asked readers what they made of the debate.\n"
        "“Nobody on that stage spoke about the rents we actually pay.” ―\u00a0Marta Okafor.\n"
        "“I still have not decided, and the debate did not help me.” — Piet de Vries\n"
    )
    found = {q.content: (q.cue, q.speaker.name if q.speaker else None) for q in statements(text).quotes}
    assert found == {
        "Nobody on that stage spoke about the rents we actually pay": ("―", "Marta Okafor"),
        "I still have not decided, and the debate did not help me": ("—", "Piet de Vries"),
    }


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“The vote matters for every family here,” Rep. Dana Cole (D-Ore.) said Friday.", "Rep. Dana Cole (D-Ore.)"),
        ("“We will finish it soon,” Tacoma police Chief Lena Ortiz said Monday.", "Tacoma police Chief Lena Ortiz"),
        ("“We are not just counting ballots,” she\u00a0told the Ledger.", "she"),
    ],
)
def test_quote_sources_with_party_labels_places_and_odd_spaces(text: str, source: str) -> None:
    (quote,) = statements(text).quotes
    assert quote.source == source


def test_tagged_statement_without_a_source_takes_the_speaker_beside_its_cue() -> None:
    from sayso import nlp
    from sayso.quotes.candidate import Candidate
    from sayso.quotes.frame import Frame
    from sayso.quotes.sources import fill_sources

    text = "The ferry line opened in May. Mayor Ruiz continues her praise of the new route."
    frame = Frame.build(text, nlp.parse(text))
    cue = text.index("continues")
    content = text.index("the new route")
    cand = Candidate("indirect", [(content, len(text) - 1)], (cue, content - 1), None, 0.9, "tagger")
    fill_sources(frame, [cand])
    assert cand.source_span is not None and text[cand.source_span[0] : cand.source_span[1]] == "Mayor Ruiz"


@pytest.mark.parametrize(("cue", "is_intention"), [("promising", False), ("demanded", False), ("agreed", True)])
def test_promises_and_demands_with_to_are_statements_but_agreements_are_acts(cue: str, is_intention: bool) -> None:
    from sayso.quotes.extract import _intention
    from sayso.quotes.tagger import TaggedAttribution

    text = f"The mayor, {cue} to cut ferry fares by half, left the hall."
    start, at = text.index("to cut"), text.index(cue)
    tagged = TaggedAttribution(((start, start + 29),), (at, at + len(cue)), None, 0.9)
    assert _intention(text, tagged) is is_intention


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("The ministry rejected allegations by the union that wages had been cut.", "the union"),
        ("The ministry rejected claims from the dock workers that wages had been cut.", "the dock workers"),
        ("The minister dismissed the inspectors' assessment that wages had been cut.", "the inspectors"),
        ("The minister dismissed the union's conclusion that wages had been cut.", "the union"),
    ],
)
def test_a_denial_holds_the_nominal_claim_it_denies(text: str, owner: str) -> None:
    nested = find(statements(text), "wages had been cut")
    assert nested["nested"] and nested["speaker"] == owner and nested["polarity"] == "asserts"
    ((dispute),) = statements(text).disputes
    assert dispute.claimant_id is not None


def test_a_quote_running_on_over_several_paragraphs_keeps_its_speaker_to_the_end() -> None:
    text = (
        '"We will rebuild the whole harbour," said Mayor Ann Lee.\n\n'
        '"The second paragraph of her speech goes on here."\n\n'
        '"And a third paragraph of the speech ends it."'
    )
    analysis = statements(text)
    assert find(analysis, "second paragraph")["speaker"] == "Ann Lee"
    assert find(analysis, "third paragraph")["speaker"] == "Ann Lee"


def test_a_quote_ending_its_sentence_is_not_attributed_to_the_next_sentences_speaker() -> None:
    text = (
        'The report accuses Mayor Dan Harlow of treating his staff like "hired help." '
        'He said that is a distortion of his record.'
    )
    analysis = statements(text)
    assert all(not (q.content == "hired help" and q.cue == "said") for q in analysis.quotes)
    assert find(analysis, "distortion")["cue"] == "said"


def test_a_claim_noun_ending_a_denial_cue_is_its_owners_claim() -> None:
    from sayso import nlp
    from sayso.quotes.candidate import Candidate
    from sayso.quotes.frame import Frame
    from sayso.quotes.nominal import claim_named_in_cue

    text = "Harlow has pooh-poohed the state weather service consensus that the river is rising."
    frame = Frame.build(text, nlp.parse(text))
    cue_end = text.index(" that")
    content = (text.index("the river"), len(text) - 1)
    outer = Candidate("indirect", [content], (text.index("has"), cue_end), (0, 6), 0.9, "tagger")
    (claim,) = claim_named_in_cue(frame, outer)
    assert claim.source_span is not None and claim.cue_span is not None
    assert text[slice(*claim.source_span)] == "state weather service"
    assert text[slice(*claim.cue_span)] == "consensus" and claim.content_spans == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The health agency is investigating claims made by the local newspaper Al-Ayam that the virus is spreading "
        "among residents of the city.",
        "The health agency is looking into allegations by the local newspaper Al-Ayam that the virus is spreading "
        "among residents of the city.",
    ],
)
def test_a_claim_noun_in_the_cue_with_its_owner_after_it_is_that_owner_s_claim(text: str) -> None:
    from statement_helpers import speaker

    quotes = statements(text).quotes
    nested = [q for q in quotes if q.nested_in is not None]
    words = "the virus is spreading among residents of the city"
    assert [(speaker(q), q.content) for q in nested] == [("Al-Ayam", words)]
    assert all(q.content == words for q in quotes)


def test_transcript_lines_are_statements_of_their_speaker_labels() -> None:
    text = (
        "Senator Ann Ruiz took questions at Tuesday's debate. A partial transcript follows.\n\n"
        "JANE COLE: Senator, did you mislead the families about the harbour closure?\n\n"
        "RUIZ: I did not. I never told anyone the harbour would stay open.\n\n"
        "COLE: Thank you, Senator.\n\n"
        "UPDATE: This story has been corrected."
    )
    analysis = statements(text)
    lines = [(q.speaker.name if q.speaker else None, q.cue, q.content) for q in analysis.quotes]
    assert lines == [
        ("Jane Cole", ":", "Senator, did you mislead the families about the harbour closure?"),
        ("Ann Ruiz", ":", "I did not. I never told anyone the harbour would stay open"),
        ("Jane Cole", ":", "Thank you, Senator"),
    ]


def test_a_place_before_a_heading_in_capitals_is_no_speaker_label() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "LONDON: POLICE ALLEGE ISLAMIST PLOT TO KILL POLICE\n\n"
        "Four men appeared in court in London on Friday.\n\n"
        "BRITAIN: A 14TH-CENTURY TREASON LAW REVISITED\n\n"
        "The law dates from 1351, said London lawyer Ann Britain."
    )
    assert all(q.cue != ":" for q in statements(text).quotes)


def test_link_labels_are_no_speakers() -> None:
    text = (
        "Three schoolgirls from east London are believed to have travelled to Syria, police said.\n\n"
        "MORE: Soldier who went to fight in Syria is going to get a smacked bottom\n\n"
        "MORE: Desperate plea for missing schoolgirls heading to Syria\n\n"
        "SEE ALSO: Families urge the girls to come home"
    )
    assert not [q for q in statements(text).quotes if q.cue == ":"]


def test_a_quote_introduced_by_a_claim_by_someone_and_a_colon_is_theirs() -> None:
    text = (
        'The watchdog has a record. <post data="rated it False">Its editors looked at the budget</post>.\n\n'
        "The bias shows in how the watchdog rated this claim by Mayor Ann Lee on March 3:\n\n"
        '"Our city has the lowest crime rate in the whole state, and it is falling every year."\n\n'
        'The watchdog said the claim was "False."'
    )
    quote = find(statements(text), "Our city has the lowest crime rate")
    assert (quote["speaker"], quote["cue"]) == ("Ann Lee", "claim")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ('"We will rebuild the harbour," Mayor Ann Lee said on "Harbour Hour." "It is time."', "Harbour Hour"),
        ('"We will rebuild it all," Mayor Ann Lee said on Channel 4\'s "Coast Today." "It is time."', "Coast Today"),
        ('The mayor spoke on an episode of "The Long Harbour Show," which airs on Fridays.', "Long Harbour"),
        ('Appearing on "Late Night with Ann Lee and the Band," Mayor Lee said, "We will rebuild it."', "Late Night"),
    ],
)
def test_a_quoted_show_title_after_a_preposition_or_its_owner_is_not_a_statement(text: str, title: str) -> None:
    from sayso import nlp
    from sayso.quotes import rules
    from sayso.quotes.frame import Frame

    found = rules.top_level(Frame.build(text, nlp.parse(text)))
    fragments = [text[s:e] for c in found for s, e in c.content_spans]
    assert not any(title in fragment for fragment in fragments)
    assert all("It is time" in fragment or "rebuild" in fragment for fragment in fragments)


def test_a_quote_ending_its_sentence_is_not_the_words_of_a_when_clause_after_it() -> None:
    text = (
        'Appearing on "Late Night with Ann Lee and the Band," Mayor Tom Reyes said, "Ten trucks were stolen '
        'from the depot." When the host asked how he knew that, Reyes replied, "Because I asked the police."'
    )
    found = {q.cue: (q.speaker.name if q.speaker else None, q.content) for q in analyze(text, id="t").quotes}
    assert found["said"] == ("Tom Reyes", "Ten trucks were stolen from the depot")
    assert found["asked"][1] == "how he knew that"


@pytest.mark.parametrize("noun", ["allegations", "claims"])
def test_nominal_claim_by_people_somewhere_that_y_is_nested_under_the_denial(noun: str) -> None:
    """ "rejected allegations by government officials in the Gaza strip that ...": the place is part of who."""
    text = f"The ministry has rejected {noun} by government officials in the northern province that it opened the dams."
    analysis = statements(text)
    denial = find(analysis, f"{noun} by government officials")
    claim = find(analysis, "it opened the dams")
    assert denial["speaker"] == "The ministry" and denial["polarity"] == "denies"
    assert claim["speaker"] == "government officials in the northern province" and claim["nested"]


def test_a_denied_claim_is_not_cut_to_its_noun() -> None:
    text = "Israel has rejected claims by government officials in Gaza that authorities released storm water."
    denial = find(statements(text), "claims by government officials")
    assert denial["content"] == "claims by government officials in Gaza that authorities released storm water"


def test_a_quote_ending_a_clause_another_verb_reports_is_no_mixed_quote_of_the_next_attribution() -> None:
    text = 'Marsh fired back that the claim was "flat-out wrong." Crime, she said, had fallen 12 percent.'
    quote = next(q for q in statements(text).quotes if "wrong" in q.content)
    assert not quote.content.startswith("Marsh")
