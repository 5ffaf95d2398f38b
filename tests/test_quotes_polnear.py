"""PolNeAR's span conventions (`sayso eval polnear`): short excerpts in the style of the errors that
bench/attrib_errors.py found on PolNeAR dev."""

from __future__ import annotations

import pytest

from sayso import nlp
from sayso.ingest import read_text
from sayso.pipeline import analyze_article
from sayso.quotes.according import widen_according_sources
from sayso.quotes.boundaries import drop_connectives
from sayso.quotes.candidate import Candidate
from sayso.quotes.coordinated import relative_subject_sources
from sayso.quotes.frame import Frame


def _tagged(text: str, spans: list[tuple[int, int]], cue: str, speaker: str) -> tuple[Frame, Candidate]:
    """The parsed text and a tagger candidate: the words at spans, the first cue and speaker named."""
    at, src = text.index(cue), text.index(speaker)
    cand = Candidate("indirect", spans, (at, at + len(cue)), (src, src + len(speaker)), 0.9, "tagger")
    return Frame.build(text, nlp.parse(text)), cand


def _span_of(text: str, words: str) -> tuple[int, int]:
    return text.index(words), text.index(words) + len(words)


def polnear(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, source) of each attribution, in PolNeAR's scheme."""
    analysis = analyze_article(read_text(text, id="t"), nested=False, scheme="polnear")
    return [(q.content, q.cue, q.source) for q in analysis.quotes]


def test_intentions_are_attributions_in_polnear_but_not_statements_in_sayso() -> None:
    text = "The council plans to close two libraries next year to balance its budget."
    assert polnear(text) == [("to close two libraries next year to balance its budget", "plans", "The council")]
    sayso = analyze_article(read_text(text, id="t"), nested=False, scheme="sayso")
    assert sayso.quotes == []


@pytest.mark.parametrize(
    ("opening", "kept"),
    [("But ", False), ("However, ", False), ("In fact, ", False), ("Even so, ", False), ('"But ', True)],
)
def test_a_connective_opening_reported_words_before_their_cue_is_left_out(opening: str, kept: bool) -> None:
    words = "the new ferry terminal will not be ready until June"
    close = '"' if kept else ""
    text = f"The harbour reopened on Monday. {opening}{words}{close}, the mayor said."
    start, end, cue = (
        text.index(opening.strip('"')),
        text.index(words) + len(words),
        text.index("said"),
    )
    cand = Candidate("indirect", [(start, end)], (cue, cue + 4), None, 0.9, "tagger")
    drop_connectives(Frame.build(text, nlp.parse(text)), [cand])
    s, e = cand.content_spans[0]
    assert text[s:e] == (text[start:end] if kept else words)


def test_a_quote_going_on_in_the_next_paragraph_is_more_content_of_the_same_attribution() -> None:
    text = (
        '"We will rebuild the whole harbour," said Mayor Ann Lee.\n\n'
        '"The second paragraph of her speech goes on here with the plan."'
    )
    ((content, cue, source),) = polnear(text)
    assert (cue, source) == ("said", "Mayor Ann Lee")
    assert "rebuild the whole harbour" in content and "second paragraph" in content


def test_statements_without_a_cue_are_left_out_of_polnear_but_kept_in_sayso() -> None:
    from sayso.quotes.boundaries import one_cue_each

    with_cue = Candidate("indirect", [(30, 60)], (20, 24), (0, 10), 0.9, "tagger")
    follow_on = Candidate("direct", [(80, 120)], None, None, 0.7, "quote-follow-on", continues=with_cue)
    loose = Candidate("indirect", [(140, 170)], None, None, 0.9, "tagger")
    assert one_cue_each([with_cue, follow_on, loose]) == [with_cue]
    assert with_cue.content_spans == [(30, 60), (80, 120)]


def test_a_denial_cue_that_took_the_claim_noun_does_not_beat_the_whole_claim() -> None:
    from sayso.quotes.merge import arbitrate

    text = "The ministry denied claims by the union that wages had been cut."
    frame = Frame.build(text, nlp.parse(text))
    cue, claims, wages = text.index("denied"), text.index("claims"), text.index("wages")
    rule = Candidate("indirect", [(claims, len(text) - 1)], (cue, cue + 6), (0, 12), 0.8, "reported")
    tagged = Candidate("indirect", [(wages, len(text) - 1)], (cue, claims + 6), (0, 12), 0.8, "tagger")
    assert arbitrate(frame, [rule], [tagged]) == [rule]


def test_a_fragment_after_a_speech_verb_of_its_own_is_split_off_with_the_same_speaker() -> None:
    from sayso.quotes.merge import split_at_own_cue

    text = '"We lost the vote," Lee said, adding that the fares were "too high" for most riders.'
    frame = Frame.build(text, nlp.parse(text))
    first, said, later = (1, 17), text.index("said"), text.index("the fares")
    cand = Candidate("direct", [first, (later, len(text) - 1)], (said, said + 4), (20, 23), 0.9, "tagger")
    (added,) = split_at_own_cue(frame, [cand])
    assert cand.content_spans == [first]
    assert text[slice(*added.cue_span)] == "adding" and added.source_span == (20, 23)
    assert added.content_spans == [(later, len(text) - 1)]


def test_a_quote_after_a_second_cue_in_the_same_sentence_is_not_a_follow_on_of_the_first() -> None:
    text = (
        '"We have come a long way on housing in this city, and we are not going to go back to the old days," '
        'Mayor Ann Lee said, going on to say that the council had spent "twenty years fighting for fair rents…. '
        'Our tenants are way past that debate. They want homes they can afford."'
    )
    found = polnear(text)
    lee = "Mayor Ann Lee"
    assert [(cue, source) for _, cue, source in found] == [("said", lee), ("going on to say", lee)]
    assert "twenty years" not in found[0][0] and found[1][0].startswith("that the council had spent")


def test_a_quote_split_by_its_cue_stays_one_statement() -> None:
    text = '"We lost the vote on the ferry," Mayor Ann Lee said, "and we will fight on until the fares come down."'
    ((content, cue, source),) = polnear(text)
    assert (cue, source) == ("said", "Mayor Ann Lee")
    assert "ferry" in content and "fight on" in content


def test_a_verb_joined_by_and_after_a_quoted_phrase_is_not_that_quotes_cue() -> None:
    text = (
        'The fact-checking site claimed "the mayor exaggerates" the deficit through a "selective reading of the '
        'budget," and concluded her remarks were "Mostly False."'
    )
    found = polnear(text)
    assert all(source != "her remarks" for _, _, source in found)
    assert not [content for content, _, _ in found if content.startswith("selective reading")]


def test_according_to_opening_a_sentence_takes_its_source_up_to_the_comma() -> None:
    from sayso.quotes import rules

    text = (
        "According to early figures from surveys carried out for the regional papers, most ferry riders "
        "want the old timetable back."
    )
    found = [c for c in rules.top_level(Frame.build(text, nlp.parse(text))) if c.origin == "according"]
    got = [(text[c.start : c.end], text[c.source_span[0] : c.source_span[1]]) for c in found if c.source_span]
    source = "early figures from surveys carried out for the regional papers"
    assert got == [("most ferry riders want the old timetable back", source)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Mayor Lee says "the tide has turned" despite the loss in the council vote.',
            'the tide has turned" despite the loss in the council vote',
        ),
        ('Mayor Lee says "the tide has turned," and the council agrees.', "the tide has turned"),
        ('Mayor Lee says: "The tide has turned" at last.', "The tide has turned"),
    ],
)
def test_a_quote_right_after_its_cue_runs_on_to_the_end_of_its_sentence(text: str, content: str) -> None:
    from sayso.quotes import rules

    found = [c for c in rules.top_level(Frame.build(text, nlp.parse(text))) if c.origin == "quote-cue-before"]
    assert [text[c.start : c.end] for c in found] == [content]


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Councillor Ana Ruiz, in particular,", "Councillor Ana Ruiz"),
        ("The harbour board, however,", "The harbour board"),
        ("A third nurse at the hospital that night", "A third nurse at the hospital"),
    ],
)
def test_an_aside_or_a_time_phrase_after_the_speaker_is_no_part_of_the_source(speaker: str, expected: str) -> None:
    from sayso.quotes.sources import tidy_sources

    text = f"{speaker} said the ferry fares were far too high."
    cue = text.index(" said") + 1
    cand = Candidate("indirect", [(cue + 5, len(text) - 1)], (cue, cue + 4), (0, len(speaker)), 0.9, "tagger")
    tidy_sources(Frame.build(text, nlp.parse(text)), [cand])
    assert cand.source_span is not None
    assert text[cand.source_span[0] : cand.source_span[1]] == expected


@pytest.mark.parametrize(("after", "goes_on"), [(" it further wrote.", False), (" The council met at noon.", True)])
def test_a_quote_with_a_speech_verb_after_it_does_not_go_on_in_the_previous_voice(after: str, goes_on: bool) -> None:
    from sayso.quotes import rules

    text = (
        '"The harbour will reopen in June," the Gazette wrote on Monday.\n\n'
        f'"Since then the plans have changed again and again,"{after}'
    )
    found = rules.top_level(Frame.build(text, nlp.parse(text)))
    covering = [c for c in found if c.covers(text.index("Since then"))]
    assert any(c.origin == "quote-follow-on" for c in covering) == goes_on


@pytest.mark.parametrize(
    ("between", "goes_on"),
    [
        (" Lee said at the rally, ", True),
        (" Lee said, but her husband was asleep by then, and as the mayor went on about ", False),
    ],
)
def test_a_quote_later_in_the_sentence_of_a_cue_goes_on_only_when_few_words_come_between(
    between: str, goes_on: bool
) -> None:
    from sayso.quotes import rules

    text = f'"We lost the vote,"{between}"the harbour plan and its costs."'
    found = rules.top_level(Frame.build(text, nlp.parse(text)))
    first = next(c for c in found if c.covers(text.index("We lost")))
    assert first.covers(text.index("the harbour plan")) == goes_on


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            '"We cut the fares in half" to win the riders back, she said.',
            'We cut the fares in half" to win the riders back',
        ),
        ('"We cut the fares in half," Ruiz, 58, told the council.', "We cut the fares in half"),
    ],
)
def test_words_after_a_quote_up_to_the_comma_before_its_cue_are_more_of_its_content(text: str, content: str) -> None:
    from sayso.quotes.quoted import direct_quotes

    found = direct_quotes(Frame.build(text, nlp.parse(text)), [])
    assert [text[c.start : c.end] for c in found] == [content]


@pytest.mark.parametrize(
    ("joint", "kept"),
    [(", but", False), ("; later", False), (" and so", True)],
)
def test_words_before_the_speaker_that_another_clause_keeps_apart_are_no_fragment(joint: str, kept: bool) -> None:
    from sayso.quotes.boundaries import drop_lead_fragments

    lead = "what looked like a swipe at the harbour board"
    words = "she was not speaking about the board"
    text = f"The host followed up with {lead}{joint} Mayor Lee said {words}."
    spans = [_span_of(text, lead), _span_of(text, words)]
    frame, cand = _tagged(text, list(spans), "said", "Mayor Lee")
    drop_lead_fragments(frame, [cand])
    assert cand.content_spans == (spans if kept else spans[1:])


@pytest.mark.parametrize(
    ("lead", "kept"),
    [("The new ferry crews", True), ("So", False), ('"The crews', False)],
)
def test_words_before_an_attribution_set_off_by_commas_are_the_first_fragment(lead: str, kept: bool) -> None:
    from sayso.quotes.boundaries import add_parenthetical_leads

    words = "were paid well for the night shifts"
    text = f"{lead}, Mayor Lee said at the hearing, {words}."
    frame, cand = _tagged(text, [_span_of(text, words)], "said", "Mayor Lee")
    add_parenthetical_leads(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == ([lead, words] if kept else [words])


@pytest.mark.parametrize(("word", "kept"), [("what", True), ("which", False)])
def test_what_right_before_the_speaker_is_the_first_fragment(word: str, kept: bool) -> None:
    from sayso.quotes.boundaries import add_what_leads

    words = "the new timetable would do for riders"
    text = f"Nobody has checked {word} Mayor Lee says {words}."
    frame, cand = _tagged(text, [_span_of(text, words)], "says", "Mayor Lee")
    add_what_leads(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == ([word, words] if kept else [words])


@pytest.mark.parametrize(
    ("lead", "widened"),
    [
        ("A lawyer for the harbour board", True),
        ("Last month", False),
        ("Councillor Ruiz", False),
        ("Contrary to the ferry operator's claims", False),  # what the speaker contradicts, not who speaks
        ("Unlike the mayor's office", False),
    ],
)
def test_a_noun_phrase_set_off_before_the_speakers_name_is_part_of_the_source(lead: str, widened: bool) -> None:
    from sayso.quotes.sources import widen_sources

    words = "no decision had been made about the ferry"
    text = f"{lead}, Anna Berg, said {words}."
    frame, cand = _tagged(text, [_span_of(text, words)], "said", "Anna Berg")
    widen_sources(frame, [cand])
    assert cand.source_span is not None
    assert text[cand.source_span[0] : cand.source_span[1]] == (f"{lead}, Anna Berg" if widened else "Anna Berg")


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "kept"),
    [
        ("Asked whether the ferry would run in June, Mayor Lee said it would.", "Asked", "Mayor Lee", False),
        ("Mayor Lee was asked whether the ferry would run in June.", "was asked", "Mayor Lee", False),
        ("Mayor Lee smiled when asked whether the ferry would run in June.", "asked", "Mayor Lee", False),
        ("Mayor Lee smiled when pressed on whether the ferry would run in June.", "pressed on", "Mayor Lee", False),
        ("Mayor Lee told the crew whether the ferry would run in June.", "told", "Mayor Lee", True),
        ("Mayor Lee is expected to say whether the ferry would run in June.", "is expected to", "Mayor Lee", False),
        ("Mayor Lee was booed, whether the ferry would run in June or not.", "was booed", "Mayor Lee", False),
        ("Mayor Lee was worried whether the ferry would run in June.", "was worried", "Mayor Lee", True),
        ("Mayor Lee asked whether the ferry would run in June.", "asked", "Mayor Lee", True),
        ("Asked by Mayor Lee whether the ferry would run in June, the captain nodded.", "Asked", "Mayor Lee", True),
    ],
)
def test_the_one_asked_is_no_source_of_the_question(text: str, cue: str, speaker: str, kept: bool) -> None:
    from sayso.quotes.sources import drop_asked_sources

    words = "whether the ferry would run in June"
    frame, cand = _tagged(text, [_span_of(text, words)], cue, speaker)
    drop_asked_sources(frame, [cand])
    assert cand.source_span == (_span_of(text, speaker) if kept else None)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Mayor Lee, who opened the new pier last week, said the ferry would run in June.", "Mayor Lee"),
        ("The harbour master — who ran the port for years — said the ferry would run in June.", "The harbour master"),
        ("Mayor Lee thanked the crews who said the ferry would run in June.", "who"),
    ],
)
def test_the_speaker_of_a_verb_after_a_relative_clause_is_its_antecedent(text: str, source: str) -> None:
    from sayso.quotes.sources import relative_sources

    words = "the ferry would run in June"
    said = text.index(" said ") + 1
    who = text.index("who")
    cand = Candidate("indirect", [_span_of(text, words)], (said, said + 4), (who, who + 3), 0.9, "tagger")
    relative_sources(Frame.build(text, nlp.parse(text)), [cand])
    assert cand.source_span == _span_of(text, source)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"It will run," Ann Lee, 58, told reporters in June.', "Ann Lee, 58"),
        ("Ann Lee praised the crew, telling reporters the ferry would run.", "Ann Lee"),
        ("After the race the crew was praised, telling reporters the ferry would run.", None),
    ],
)
def test_the_one_told_is_no_source(text: str, source: str | None) -> None:
    from sayso.quotes.sources import drop_addressee_sources

    cue = next(w for w in ("telling", "told") if w in text)
    words = "will run" if "will run" in text else "the ferry would run"
    frame, cand = _tagged(text, [_span_of(text, words)], cue, "reporters")
    drop_addressee_sources(frame, [cand])
    assert cand.source_span == (None if source is None else _span_of(text, source))


@pytest.mark.parametrize(
    ("lead", "cue"),
    [("Mayor Lee often said", "often said"), ("Mayor Lee has repeatedly said", "has repeatedly said"),
     ("Mayor Lee then said", "said")],
)
def test_auxiliaries_and_adverbs_right_before_the_cue_are_part_of_it(lead: str, cue: str) -> None:
    from sayso.quotes.boundaries import widen_cues

    words = "the ferry would run in June"
    text = f"{lead} {words}."
    frame, cand = _tagged(text, [_span_of(text, words)], "said", "Mayor Lee")
    widen_cues(frame, [cand])
    assert cand.cue_span == _span_of(text, cue)


@pytest.mark.parametrize(
    ("text", "words", "quote", "cue", "rule_cue"),
    [
        (
            "The mayor has praised the harbour plan as “a model for the coast,” telling reporters it would pay off.",
            "the harbour plan as “a model for the coast",
            "a model for the coast",
            "has praised",
            "telling",
        ),
        (
            "Lee said “it makes me furious” every time she reads about the closed wards at the hospital.",
            "it makes me furious” every time she reads about the closed wards at the hospital",
            "it makes me furious",
            "said",
            "reads",
        ),
    ],
)
def test_a_quote_inside_tagged_reported_words_is_their_fragment_not_a_statement_of_its_own(
    text: str, words: str, quote: str, cue: str, rule_cue: str
) -> None:
    """A quote rule links a quoted phrase to a verb after it; the tagger reads the phrase as part of reported
    words that run on past its marks (a mixed quote): those words, with their cue, win."""
    from sayso.quotes.merge import arbitrate

    frame = Frame.build(text, nlp.parse(text))
    q, rc, tc = text.index(quote), text.index(rule_cue), text.index(cue)
    rule = Candidate("direct", [(q, q + len(quote))], (rc, rc + len(rule_cue)), None, 0.9, "quote-cue-after")
    tagged = Candidate("indirect", [_span_of(text, words)], (tc, tc + len(cue)), None, 0.9, "tagger")
    assert arbitrate(frame, [rule], [tagged]) == [tagged]


def test_a_quote_the_tagger_only_joined_to_another_quote_keeps_the_rules_boundaries() -> None:
    from sayso.quotes.merge import arbitrate

    text = '"We lost the vote," Lee said. "We will fight on."'
    frame = Frame.build(text, nlp.parse(text))
    said, second = text.index("said"), text.index("We will")
    rule = Candidate("direct", [(1, 17)], (said, said + 4), (19, 22), 0.9, "quote-cue-after")
    tagged = Candidate("direct", [(1, 17), (second, len(text) - 2)], (said, said + 4), (19, 22), 0.9, "tagger")
    assert arbitrate(frame, [rule], [tagged])[0] is rule


def test_a_quote_the_rules_took_for_a_follow_on_takes_a_cue_the_tagger_found_in_its_sentence() -> None:
    """ '"...," she points out': no speech verb of the lexicon after the quote, so the rules read it as going
    on in the voice before; the tagger's cue and source in the quote's own sentence are its attribution."""
    from sayso.quotes.merge import arbitrate

    text = '"We cut the fares," Lee said. "Riders came back within a month," she points out.'
    frame = Frame.build(text, nlp.parse(text))
    first = Candidate("direct", [(1, 17)], _span_of(text, "said"), _span_of(text, "Lee"), 0.95, "quote-cue-after")
    words = _span_of(text, "Riders came back within a month")
    rule = Candidate("direct", [words], None, None, 0.7, "quote-follow-on", continues=first)
    tagged = Candidate("direct", [words], _span_of(text, "points out"), _span_of(text, "she"), 0.9, "tagger")
    found = arbitrate(frame, [first, rule], [tagged])
    assert [(c.cue_span, c.source_span, c.continues) for c in found if c.start == words[0]] == [
        (tagged.cue_span, tagged.source_span, None)
    ]


def test_a_follow_on_quote_keeps_the_voice_before_when_the_tagger_cue_is_in_another_sentence() -> None:
    from sayso.quotes.merge import arbitrate

    text = '"We cut the fares," Lee said. "Riders came back within a month." The mayor praised the move.'
    frame = Frame.build(text, nlp.parse(text))
    first = Candidate("direct", [(1, 17)], _span_of(text, "said"), _span_of(text, "Lee"), 0.95, "quote-cue-after")
    words = _span_of(text, "Riders came back within a month.")
    rule = Candidate("direct", [words], None, None, 0.7, "quote-follow-on", continues=first)
    tagged = Candidate("direct", [words], _span_of(text, "praised"), _span_of(text, "The mayor"), 0.9, "tagger")
    found = arbitrate(frame, [first, rule], [tagged])
    assert [(c.cue_span, c.continues) for c in found if c.start == words[0]] == [(None, first)]



@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("Hours later, the mayor returned the favour to the union, telling reporters the deal was fair.", "telling",
         "the mayor"),
        ("A few minutes later they changed course, let everyone in and said the vote would go ahead.", "said", "they"),
        ("Two days later, Lee praised the crews, saying the bridge would reopen.", "saying", "Lee"),
        ("On Monday, the mayor thanked the crews, telling reporters the deal was fair.", "telling", "the mayor"),
        ("The mayor thanked the crews, telling reporters the deal was fair.", "telling", "The mayor"),
    ],
)
def test_a_time_phrase_opening_the_sentence_is_no_subject_of_its_verbs(text: str, verb: str, subject: str) -> None:
    """ "Hours later, the mayor ..., telling reporters": the speaker of a verb after the sentence's first clause is
    the subject after an opening time phrase, not the time phrase."""
    from sayso.quotes.phrases import sentence_subject

    frame = Frame.build(text, nlp.parse(text))
    before = frame.token_index_at(text.index(verb)) - 1
    assert sentence_subject(frame, 0, before) == _span_of(text, subject)


def test_a_claim_denied_in_an_apposition_has_the_relative_pronoun_for_its_content_in_polnear() -> None:
    text = "The ministry said its troops had taken the village overnight, a claim that the army denied."
    found = polnear(text)
    assert ("that", "denied", "the army") in found
    assert ("its troops had taken the village overnight", "said", "The ministry") in found


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Fares went up for commuters, who pay most of the costs and called for a freeze.", "called for", "who"),
        ("The plan angered farmers who own the land and quickly said they would sue.", "said", "who"),
        ("Lee asked who owned the land and said nothing more.", "said", None),
        ("The bill, which passed on Monday and was hailed by the unions, goes further.", "was hailed", None),
    ],
)
def test_a_cue_coordinated_with_a_relative_clause_verb_has_the_relative_pronoun_for_its_source(
    text: str, cue: str, source: str | None
) -> None:
    """ 'citizens, who make up most of the investors and see the program as ...': PolNeAR's gold names the
    relative pronoun (train: 18 times of 28 where "who ... and" comes right before the cue)."""
    at = text.index(cue)
    words = text[at + len(cue) + 1 : -1]
    cand = Candidate("indirect", [_span_of(text, words)], (at, at + len(cue)), None, 0.9, "tagger")
    relative_subject_sources(Frame.build(text, nlp.parse(text)), [cand])
    assert cand.source_span == (_span_of(text, source) if source else None)


@pytest.mark.parametrize(
    ("text", "found", "source"),
    [
        (
            "Turnout among young voters fell by a third, according to the Centre for Electoral Studies.",
            "the Centre",
            "the Centre for Electoral Studies",
        ),
        (
            "The plant will close in May, according to the GMB-Unite convenor Sara Pole, who spoke to staff.",
            "the GMB",
            "the GMB-Unite convenor Sara Pole",
        ),
        ("Rents rose by 9 percent, according to a survey released on Thursday.", "a survey", "a survey"),
        ("He owes the firm $2 million, according to a filing he submitted in court.", "a filing", "a filing"),
        ("Sales fell, according to the company, which blamed the weather.", "the company", "the company"),
        ("''Sales fell,'' according to its annual report.'' It gave no reason.", "its annual", "its annual report"),
    ],
)
def test_the_source_after_according_to_runs_on_to_the_clause_end_unless_a_verb_or_time_phrase_follows(
    text: str, found: str, source: str
) -> None:
    """ 'according to the Roper Center for Public Opinion Research.': PolNeAR's source after 'according to'
    runs on to the punctuation that ends it (train: 251 times of 301 where the reported words come first)."""
    at = text.index("according to")
    cand = Candidate("indirect", [(0, at - 2)], (at, at + 12), _span_of(text, found), 0.8, "according")
    widen_according_sources(Frame.build(text, nlp.parse(text)), [cand])
    assert cand.source_span == _span_of(text, source)
