"""Forms of attribution news copy uses that the probe articles h1-h8 (bench/probes) showed wrong: a claim noun
opening its sentence, quotes split by a long cue, quotes that run on past a quoted word, scare quotes. Short
fictional excerpts, each in the style it tests."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with

from sayso import analyze, nlp
from sayso.quotes.boundaries import drop_addressees, gerunds_out_of_cues, widen_quoted_modifiers
from sayso.quotes.candidate import Candidate
from sayso.quotes.extract import attributions
from sayso.quotes.frame import Frame
from sayso.quotes.nominal import end_subject_claims
from sayso.quotes.sources import drop_possessive_marks
from sayso.quotes.tagger import TaggedAttribution


def _tagged(text: str, spans: list[tuple[int, int]], cue: str, speaker: str) -> tuple[Frame, Candidate]:
    """The parsed text and a tagger candidate: the words at spans, the first cue and speaker named."""
    at, src = text.index(cue), text.index(speaker)
    cand = Candidate("indirect", spans, (at, at + len(cue)), (src, src + len(speaker)), 0.9, "tagger")
    return Frame.build(text, nlp.parse(text)), cand


@pytest.mark.parametrize(
    ("text", "claim", "noun", "owner"),
    [
        ("Harlow Foods' denial that any files had been lost was quick.", "any files had been lost", "denial",
         "Harlow Foods'"),
        ("Mr Dunn's assertion that the trust had met its targets at every quarter was also disputed by the auditor.",
         "the trust had met its targets at every quarter", "assertion", "Mr Dunn's"),
        ("The mayor's claim that the bridge was safe when the inspectors were sent in was ridiculed on Monday.",
         "the bridge was safe when the inspectors were sent in", "claim", "The mayor's"),
        ("Claims by the union that the man who ran the depot had lied were dismissed by the company.",
         "the man who ran the depot had lied", "Claims", "the union"),
    ],
)  # fmt: skip
def test_a_claim_noun_opening_its_sentence_ends_before_the_sentence_s_verb(
    text: str, claim: str, noun: str, owner: str
) -> None:
    # as the tagger took them in the h1 and h2 probes: the claim running on to the end of the sentence
    start = text.index(claim)
    frame, cand = _tagged(text, [(start, len(text) - 1)], noun, owner)
    end_subject_claims(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == [claim]


def test_a_claim_noun_opening_what_another_says_ends_before_that_clause_s_verb() -> None:
    text = "Her spokeswoman said the mayor's claim that the pier was in favour of the plan is simply false."
    start = text.index("the pier")
    frame, cand = _tagged(text, [(start, len(text) - 1)], "claim", "the mayor's")
    end_subject_claims(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == ["the pier was in favour of the plan"]


def test_a_claim_noun_opening_a_quote_ends_before_the_quote_s_verb() -> None:
    text = 'Her spokeswoman said the mayor\'s claim that the pier was in favour of the plan is "simply false."'
    nested = next(q for q in analyze(text, id="t").quotes if q.nested_in is not None)
    assert nested.content == "the pier was in favour of the plan" and nested.polarity == "asserts"


def test_a_claim_noun_inside_a_sentence_keeps_its_words() -> None:
    text = "She rejected the union's claim that the man who ran the depot lied about the fires."
    start = text.index("the man")
    frame, cand = _tagged(text, [(start, len(text) - 1)], "claim", "the union's")
    end_subject_claims(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == ["the man who ran the depot lied about the fires"]


@pytest.mark.parametrize(
    ("text", "owner", "speaker"),
    [
        ("Lumora's denial that any units had overheated came within the hour.", "Lumora's", "Lumora"),
        ("Lumora\u2019s denial that any units had overheated came within the hour.", "Lumora\u2019s", "Lumora"),
        ("The inspectors' finding that the wall was sound was published.", "The inspectors'", "The inspectors"),
    ],
)
def test_the_owner_of_a_claim_noun_speaks_without_the_possessive_mark(text: str, owner: str, speaker: str) -> None:
    frame, cand = _tagged(text, [(text.index("that") + 5, len(text) - 1)], " ", owner)
    cand.cue_span = (text.index(owner) + len(owner) + 1, text.index(" that"))
    drop_possessive_marks(frame, [cand])
    assert cand.source_span is not None and text[cand.source_span[0] : cand.source_span[1]] == speaker


def test_a_name_ending_in_s_keeps_its_s() -> None:
    text = "Siemens denied that any units had overheated."
    frame, cand = _tagged(text, [(text.index("any"), len(text) - 1)], "denied", "Siemens")
    drop_possessive_marks(frame, [cand])
    assert cand.source_span == (0, len("Siemens"))


@pytest.mark.parametrize(
    "between",
    ["he told the jury on the ninth day of the trial", "Ms Okoro said in a statement released late on Friday night"],
)
def test_a_quote_split_by_a_long_attribution_stays_one_statement(between: str) -> None:
    text = f'"I have never seen that note before," {between}, "and I do not know who put it in my desk."'
    quote = quote_with(analyze(text, id="t"), "never seen")
    assert [text[s:e] for s, e in quote.content_spans] == [
        "I have never seen that note before",
        "and I do not know who put it in my desk",
    ]


def test_a_quote_after_a_clause_of_its_own_is_no_continuation() -> None:
    text = '"Winning?" she said on the night of the count, as Lee went on about "the plan for the next four years".'
    assert "the plan" not in quote_with(analyze(text, id="t"), "Winning").content


def test_words_quoted_inside_a_quote_after_a_common_noun_s_cue_are_that_one_s() -> None:
    text = '"My grandmother used to say, \'Fix the roof while the sun shines,\' and that is what we do," she says.'
    inner = quote_with(analyze(text, id="t"), "Fix the roof")
    assert inner.content == "Fix the roof while the sun shines" and inner.nested_in is not None
    assert inner.source == "My grandmother" and inner.cue == "say"


@pytest.mark.parametrize(
    "text",
    [
        "Harbor Air unveils new jet, denies engine fault report\n\nHarbor Air showed off its first long-range jet.",
        "Lumora unveils folding tablet, denies battery fault report\n\nLumora, the consumer electronics maker, "
        "unveiled its first folding tablet on Wednesday.",
    ],
)
def test_a_headline_s_second_verb_takes_an_object_not_a_speaker(text: str) -> None:
    assert not [q for q in analyze(text, id="t").quotes if q.source and "fault report" in q.source]


def test_an_inverted_cue_s_speaker_may_be_a_bare_plural() -> None:
    quote = quote_with(analyze("Talks between the two sides collapsed late on Friday night, said police.", id="t"),
                       "Talks")  # fmt: skip
    assert quote.source == "police"


def test_according_to_a_source_with_a_relative_clause_reports_the_words_after_its_comma() -> None:
    text = "According to two diplomats who attended the talks, the meeting on Monday became heated."
    quote = quote_with(analyze(text, id="t"), "heated")
    assert quote.content == "the meeting on Monday became heated"
    assert quote.source == "two diplomats who attended the talks" and quote.cue == "According to"


def test_the_one_warned_is_no_piece_of_the_warning() -> None:
    # as the tagger took it in the h3 probe: "him" and "that he faced ..." both reported words
    text = 'Judge Ann Ward warned him that he faced "a substantial term of imprisonment".'
    start = text.index("that he")
    frame, cand = _tagged(text, [(text.index("him"), text.index("him") + 3), (start, len(text) - 1)], "warned",
                          "Judge Ann Ward")  # fmt: skip
    drop_addressees(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == [text[start : len(text) - 1]]


@pytest.mark.parametrize(
    "text",
    [
        "The summit's final communique, titled \"Shared Seas, Shared Future\", made no mention of quotas.",
        "The army has sent 600 soldiers to the region under what the defence ministry calls \"Operation High Water\".",
    ],
)
def test_a_name_given_in_quote_marks_is_no_statement(text: str) -> None:
    assert analyze(text, id="t").quotes == []


def test_words_someone_calls_a_thing_are_their_statement() -> None:
    text = 'The minister called the plan "a disaster for the whole coast" on Monday.'
    assert quote_with(analyze(text, id="t"), "a disaster").cue == "called"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Summit ends as Norland rejects 'blackmail' charge", "'blackmail' charge"),
        ('The club dismissed the "fake news" stories on Friday.', '"fake news" stories'),
    ],
)
def test_quoted_words_before_a_noun_are_part_of_what_the_cue_takes(text: str, content: str) -> None:
    # as the tagger took the h8 headline: the quoted word alone
    quoted = text.index(content) + 1
    frame, cand = _tagged(text, [(quoted, text.index(content[0], quoted))], "rejects" if "rejects" in text
                          else "dismissed", "Norland" if "Norland" in text else "The club")  # fmt: skip
    widen_quoted_modifiers(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == [content] and cand.kind == "indirect"


def test_words_said_before_a_time_phrase_are_no_modifier() -> None:
    text = "Trump posted a message on Twitter reading \u201cThank you Georgia\u201d moments after polls closed."
    quoted = text.index("Thank")
    frame, cand = _tagged(text, [(quoted, quoted + len("Thank you Georgia"))], "reading", "Trump")
    widen_quoted_modifiers(frame, [cand])
    assert [text[s:e] for s, e in cand.content_spans] == ["Thank you Georgia"]


def test_a_gerund_the_tagger_took_into_the_cue_opens_what_was_denied() -> None:
    # as the tagger took it in the h3 probe: cue "denied writing", content "the note"
    text = "Hollins denied writing the note."
    frame, cand = _tagged(text, [(text.index("the note"), len(text) - 1)], "denied writing", "Hollins")
    gerunds_out_of_cues(frame, [cand])
    assert cand.cue_span is not None and text[cand.cue_span[0] : cand.cue_span[1]] == "denied"
    assert [text[s:e] for s, e in cand.content_spans] == ["writing the note"]


@pytest.mark.parametrize(
    "text",
    [
        'Ruth Adeyemi does not like the word "politician". She calls herself a nurse.',
        "A former council treasurer was found guilty on Friday of stealing more than $400,000 from a pension fund, "
        "after a jury rejected his claim that the payments had been approved.",
    ],
)
def test_a_liking_or_a_verdict_is_no_statement(text: str) -> None:
    analysis = analyze(text, id="t")
    assert not [q for q in analysis.quotes if q.cue and ("like" in q.cue or "guilty" in q.cue)]


def test_the_subject_of_a_clause_opened_by_after_is_its_speaker() -> None:
    text = (
        "A summit ended on Tuesday without agreement, after Norland rejected claims by its neighbours that it had "
        "threatened to close its ports to their fleets."
    )
    quotes = analyze(text, id="t").quotes
    assert [q.source for q in quotes if q.cue and q.cue.startswith("rejected")] == ["Norland"]
    claim = quote_with(analyze(text, id="t"), "it had threatened")
    assert (claim.source, claim.cue, claim.nested_in is not None) == ("its neighbours", "claims", True)


def test_the_object_of_a_denial_verb_the_tagger_linked_to_a_later_cue_is_a_denial_of_its_own() -> None:
    from sayso.quotes.merge import denied_objects_apart

    text = "Corvex denied the report, saying this year will meet expectations."
    frame, cand = _tagged(text, [(14, 24), (33, 65)], "saying", "Corvex")
    (denied,) = denied_objects_apart(frame, [cand])
    assert text[denied.cue_span[0] : denied.cue_span[1]] == "denied"
    assert [text[s:e] for s, e in denied.content_spans] == ["the report"]
    assert [text[s:e] for s, e in cand.content_spans] == ["this year will meet expectations"]


def test_a_second_that_clause_joined_by_and_is_the_same_speakers_words() -> None:
    """ "has said she is fine, and that rumours of her capture are untrue": one statement of the woman (the tagger
    read "are untrue" as a second cue)."""
    text = (
        "A Canadian nurse who was reportedly kidnapped by rebels has said she is fine, and that rumours of her capture "
        "are untrue."
    )
    (quote,) = analyze(text).quotes
    assert quote.source == "A Canadian nurse who was reportedly kidnapped by rebels"
    assert quote.content == "she is fine, and that rumours of her capture are untrue" and quote.polarity == "denies"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"The whole story is nonsense," said the singer’s agent to the Guardian.', "the singer’s agent"),
        ('"The whole story is nonsense," said a spokesman to reporters.', "a spokesman"),
        ('"The plan is sound," said a senior adviser to the President.', "a senior adviser to the President"),
    ],
)
def test_the_one_told_after_an_inverted_cue_s_speaker_is_no_part_of_the_speaker(text: str, source: str) -> None:
    assert quote_with(analyze(text, id="t"), "is ").source == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The council (which runs the port) said the ferry would run in June.", "The council"),
        ("Rep. Dale Morrow (R-Mont.) said the ferry would run in June.", "Rep. Dale Morrow (R-Mont.)"),
        (
            'The misleading report on Ledger.website (not to be confused with the real Ledger) said: "Sources say the '
            'actor has died."',
            "The misleading report on Ledger.website",
        ),
    ],
)
def test_an_aside_in_brackets_before_the_cue_is_no_part_of_the_speaker(text: str, source: str) -> None:
    quote = next(q for q in analyze(text, id="t").quotes if q.nested_in is None)
    assert quote.source == source



def test_with_a_speaker_and_a_participle_but_no_comma_is_a_statement_of_its_own() -> None:
    text = (
        "UPDATE: False alarm! The Boston Herald have confirmed that the statue is safe on the set of the new film "
        "with Boston police spokesman Sgt. Mary Quinn saying that they reached out to the producers of the movie to "
        "confirm that it had not been stolen."
    )
    analysis = analyze(text, id="t")
    herald = quote_with(analysis, "the statue is safe")
    assert herald.content == "the statue is safe on the set of the new film"
    police = quote_with(analysis, "reached out to the producers")
    assert police.speaker and police.speaker.name == "Mary Quinn" and police.source and "Boston police" in police.source


def test_a_denial_giving_its_verdict_before_what_it_denies() -> None:
    text = (
        "Harbour officials Tuesday flatly rejected as false a post on the Coast Daily website that said the ferry "
        "had sunk with forty passengers aboard."
    )
    denial = quote_with(analyze(text, id="t"), "a post on the Coast Daily website")
    assert denial.cue == "rejected as false" and denial.polarity == "denies"
    assert denial.speaker and denial.speaker.name == "Harbour officials"
    assert denial.content.endswith("forty passengers aboard")


def test_a_speaker_with_a_long_apposition_before_told_is_not_the_one_told() -> None:
    text = (
        '"We have no record of any such case," Mara Lind, director of communications for the agency, told '
        "Channel 9, though the agency has offered help."
    )
    quote = quote_with(analyze(text, id="t"), "no record of any such case")
    assert quote.speaker and quote.speaker.name == "Mara Lind"


def test_an_article_in_a_named_paper_that_said_something_is_the_paper_s_statement() -> None:
    text = (
        'The scare started with an article in the state newspaper, Al-Nahar Daily, that said smugglers had brought '
        "cholera into the port."
    )
    quote = quote_with(analyze(text, id="t"), "smugglers had brought cholera")
    assert quote.speaker and quote.speaker.name == "Al-Nahar Daily" and quote.cue == "said"


def test_a_claim_noun_after_a_denial_verb_is_what_is_denied_not_the_denier_s_claim() -> None:
    tagged = [
        TaggedAttribution(content_spans=((15, 43),), cue_span=(8, 14), source_span=(0, 7), confidence=0.9),
        TaggedAttribution(content_spans=((50, 98),), cue_span=(44, 49), source_span=(0, 7), confidence=0.9),
    ]
    text = "Meteo-X denies both the photo and the bogus claim that the solar eclipse will last three full days."
    found = attributions(text, nlp.parse(text), tagger_output=tagged)
    assert [(text[c.cue_span[0] : c.cue_span[1]] if c.cue_span else None) for c in found] == ["denies"]
    assert text[found[0].start : found[0].end].endswith("three full days")


def test_a_story_that_appeared_in_a_paper_suggesting_something_is_the_paper_s_statement_once() -> None:
    text = (
        "Fans will be disappointed to learn that a story that appeared in the Daily Courier suggesting that the "
        "singer Mara Lind turned down a $5 million tour is false, according to the Herald."
    )
    analysis = analyze(text, id="t")
    courier = [q for q in analysis.quotes if q.speaker and q.speaker.name == "the Daily Courier"]
    assert [q.content for q in courier] == ["the singer Mara Lind turned down a $5 million tour"]
    assert courier[0].polarity == "asserts" and courier[0].nested_in is not None
    ((claim, claimant, disputers),) = [
        (c.text, d.claimant_id, d.disputed_by) for d in analysis.disputes for c in analysis.claims if c.id == d.claim_id
    ]
    names = {s.id: s.name for s in analysis.speakers}
    assert names[claimant or ""] == "the Daily Courier" and [names[x] for x in disputers] == ["the Herald"]


def test_no_evidence_to_suggest_something_is_no_one_s_statement() -> None:
    text = (
        "The agency continues to have no credible intelligence to suggest smugglers are using the tunnel, a "
        'spokeswoman said. "We have no evidence to suggest that the ship sank," she added.'
    )
    analysis = analyze(text, id="t")
    assert [q.source for q in analysis.quotes] == ["a spokeswoman", "she"]


def test_a_time_word_after_the_speaker_is_no_part_of_their_name() -> None:
    """ "Mayor Ilse Brandt today said ...": Brandt is the speaker, merged with "Mayor Ilse Brandt" (not a second
    speaker "Ilse Brandt today" who then disputes her); "A reporter for USA Today" keeps the paper's name."""
    text = (
        "Mayor Ilse Brandt said the harbour would reopen in May.\n\n"
        "Ilse Brandt today said the reopening had been a mistake, adding that there was no money left for it.\n\n"
        'A reporter for USA Today said the harbour was still closed.'
    )
    analysis = analyze(text)
    sources = {q.source for q in analysis.quotes}
    assert "Ilse Brandt" in sources and "A reporter for USA Today" in sources
    assert [s.name for s in analysis.speakers if "Brandt" in s.name] == ["Ilse Brandt"]


def test_reports_in_a_phrase_before_the_main_clause_are_not_its_speaker_s() -> None:
    """ "Days after social media blew up with reports that X, reps for the singer have said ...": the reports are
    not the reps' (who deny them), so the reps do not dispute their own claim."""
    text = (
        "Days after social media blew up with reports that the singer Lena Marsh had died, reps for the singer have "
        "said news of her death is simply a hoax."
    )
    analysis = analyze(text)
    reports = quote_with(analysis, "Lena Marsh had died")
    assert reports.source is None or "reps" not in reports.source
    hoax = quote_with(analysis, "simply a hoax")
    assert hoax.source == "reps for the singer" and hoax.polarity == "denies"


@pytest.mark.parametrize(
    ("text", "words", "source"),
    [
        ("Catholic blogger Mary Hale apologised on Sunday. After she was informed that her post about the priest is "
         "based on a lie, she wrote an apology.", "her post about the priest", None),
        ("The governor said the plan would work. He was told by aides that the bridge was unsafe.",
         "the bridge was unsafe", "aides"),
    ],
)  # fmt: skip
def test_the_subject_of_a_passive_telling_is_the_one_told_not_the_speaker(
    text: str, words: str, source: str | None
) -> None:
    assert quote_with(analyze(text), words).source == source
