"""Attribution in news styles unlike PolNeAR's 2016 US politics: British press, wire copy, court reports,
business, sports and science news. Short fictional excerpts, each in the style it tests."""

from __future__ import annotations

import pytest
from statement_helpers import quote_with, speaker

from sayso import analyze
from sayso.quotes.marks import find_quotes

BRITISH = (
    "Speaking on a visit to a clinic in Leeds, Mr Harding said the figures were 'robust and independently "
    "checked'.\n\n'Nobody is fiddling the numbers,' he told the BBC. 'I would invite anyone who doubts that to "
    "come and look for themselves.'\n\nLabour's health spokeswoman, Priya Raman, said the government had 'lost "
    "touch with patients'.\n\n'People are waiting months for a scan,' Ms Raman said. 'That is the reality on "
    "the wards.'"
)


def test_british_single_marks_are_quotes() -> None:
    analysis = analyze(BRITISH, id="t")
    scan = quote_with(analysis, "People are waiting months")
    assert scan.kind == "direct" and speaker(scan) == "Priya Raman" and scan.cue == "said"
    assert scan.speaker and scan.speaker.role == "Labour's health spokeswoman"
    assert [BRITISH[s:e] for s, e in scan.content_spans] == [
        "People are waiting months for a scan",
        "That is the reality on the wards",
    ]
    nobody = quote_with(analysis, "Nobody is fiddling")
    assert nobody.kind == "direct" and speaker(nobody) == "Harding" and nobody.cue == "told"
    figures = quote_with(analysis, "the figures were")
    assert figures.kind == "mixed" and figures.content == "the figures were 'robust and independently checked"
    assert quote_with(analysis, "lost touch").content == "the government had 'lost touch with patients"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'The nurses' union is wrong,' she said.", [("The nurses' union is wrong,", 0)]),
        ("‘It’s the nurses’ union that’s ignored,’ she said.", [("It’s the nurses’ union that’s ignored,", 0)]),
        ("He called the plans 'ridiculous' and left.", [("ridiculous", 0)]),
        ("'He told me \"never again\",' she said.", [('He told me "never again",', 0), ("never again", 1)]),
        ("'First paragraph.\n\n'Second one,' she said.", [("First paragraph.\n\n'Second one,", 0)]),
        # double marks lead: single ones stay nested, apostrophes stay apostrophes
        ("\"He said, 'no',\" Lee said. The '90s were Lee's.", [("He said, 'no',", 0), ("no", 1)]),
    ],
)
def test_single_mark_pairing(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[q.inner[0] : q.inner[1]], q.depth) for q in find_quotes(text)] == expected


def test_reported_words_stop_at_their_paragraph_when_the_splitter_runs_on() -> None:
    # the sentence splitter reads no end after "checked'." and runs into the next paragraphs' quotes
    analysis = analyze(BRITISH, id="t")
    assert "\n" not in quote_with(analysis, "the figures were").content


WIRE = (
    "LONDON (Reuters) - Harwell & Pike said on Tuesday it would close 40 stores.\n\n"
    "A spokeswoman for Acme declined to comment on whether job cuts were planned.\n\n"
    "Harwell & Pike declined to say which stores would close."
)


def test_a_refusal_to_comment_is_no_statement() -> None:
    analysis = analyze(WIRE, id="t")
    assert quote_with(analysis, "close 40 stores").cue.startswith("said")
    assert not [q for q in analysis.quotes if "job cuts" in q.content or "which stores" in q.content]


def test_a_relative_clause_cut_off_by_the_tagger_keeps_its_noun_phrase() -> None:
    text = (
        "A senior administration official, who spoke on condition of anonymity because he was not authorized to "
        "discuss the matter, said the president had made calls to several senators."
    )
    q = quote_with(analyze(text, id="t"), "made calls")
    assert q.source is not None and q.source.startswith("A senior administration official, who spoke")
    assert speaker(q) == "A senior administration official" and q.speaker and q.speaker.type == "UNNAMED"


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (AP) — The Senate passed the bill late Thursday after a marathon session.",
        "The Iran deal, a deal that was rejected by large majorities in Congress, will not play well.",
    ],
)
def test_a_bare_object_is_no_statement(text: str) -> None:
    analysis = analyze(text, id="t")
    assert not [q for q in analysis.quotes if q.content in {"the bill", "that"}]


@pytest.mark.parametrize(
    ("text", "denied", "denier"),
    [
        ('Tom Porter said there would be no talks.\n\nJane Ellis dismissed that. "He has not negotiated anywhere," she '
         "said.", "that", "Ellis"),
        ('Another critic, Ann Cole, likened the plan to "robbing the poor." Mr. Hale dismissed the criticism as the '
         'work of Ms. Cole\'s employer, a bank. "I like Ann," he said, "but she has a history of working for banks."',
         "the criticism", "Hale"),
    ],
)
def test_a_denial_of_a_bare_object_is_a_statement(text: str, denied: str, denier: str) -> None:
    """What a denial names in a word or two ("dismissed that", "dismissed the criticism") is the claim it
    disputes: a fact-checker's statement, and the next "he said" is still the denier's."""
    analysis = analyze(text, id="t")
    q = quote_with(analysis, denied)
    assert q.polarity == "denies" and denier in (speaker(q) or "")
    later = [x for x in analysis.quotes if x.kind == "direct" and x.content_spans[0][0] > q.content_spans[0][0]]
    assert later and all(denier in (speaker(x) or "") for x in later)


def test_a_refusal_to_acknowledge_is_a_statement() -> None:
    text = "Critics said the figures were wrong. The minister refused to acknowledge that any figures were wrong."
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "any figures were wrong")
    assert "minister" in (speaker(q) or "")


def test_wire_copy_with_dashes_and_ellipses() -> None:
    text = (
        '"This is — and I mean this — the most important vote of my career," said Sen. Laura Whitfield, a '
        "Democrat from Oregon.\n\n"
        'Republicans were less enthusiastic. "It\'s a start... but only a start," said Sen. Mark Daley of Texas.\n\n'
        '"We\'ll see," Daley added, "whether the House has the stomach for it."'
    )
    analysis = analyze(text, id="t")
    vote = quote_with(analysis, "most important vote")
    assert vote.content == "This is — and I mean this — the most important vote of my career"
    assert speaker(vote) == "Laura Whitfield" and vote.speaker and vote.speaker.role == "Democrat from Oregon"
    start = quote_with(analysis, "only a start")
    assert start.content == "It's a start... but only a start" and speaker(start) == "Mark Daley"
    see = quote_with(analysis, "We'll see")
    assert [text[s:e] for s, e in see.content_spans] == ["We'll see", "whether the House has the stomach for it"]
    assert speaker(see) == "Mark Daley" and see.cue == "added"


def test_the_tagger_s_dangling_preposition_takes_its_object() -> None:
    text = (
        "Riverside manager Paul Doyle admitted his side deserved to lose after a 3-0 defeat at home to Castleford "
        "on Saturday.\n\nThe defeat leaves Riverside fourth, six points behind the leaders.\n\n"
        '"We were poor," said Doyle.'
    )
    q = quote_with(analyze(text, id="t"), "deserved to lose")
    assert not q.content.endswith(" on")


def test_a_quote_over_paragraphs_is_one_span_per_paragraph() -> None:
    text = (
        "The mayor, Sandra Lowe, defended the decision at a packed council meeting on Monday.\n\n"
        '"I know how much this building means to people," Lowe said. "I grew up reading in that building.\n\n'
        '"But we have a budget gap of four million dollars, and the state will not help us.\n\n'
        '"If anyone here has a better idea, I want to hear it tonight."\n\n'
        "Several residents shouted at the mayor as she left the stage."
    )
    q = quote_with(analyze(text, id="t"), "budget gap")
    assert [text[s:e] for s, e in q.content_spans] == [
        "I know how much this building means to people",
        "I grew up reading in that building",
        "But we have a budget gap of four million dollars, and the state will not help us",
        "If anyone here has a better idea, I want to hear it tonight",
    ]
    assert q.kind == "direct" and speaker(q) == "Sandra Lowe"


INTERVIEW = (
    "The novelist Maria Okafor spoke to us about her new book and the town that inspired it.\n\n"
    "Q: Why did you go back to Enugu for this novel?\n\n"
    "A: I had been away for twenty years. I wanted to see whether the place in my head still existed.\n\n"
    "Q: Did it?\n\n"
    "A: Parts of it. The market is the same. The people are not.\n\n"
    'Her publisher, Graham Tate, said the novel was "the most ambitious thing she has done".'
)


def test_an_interview_s_answers_are_the_interviewee_s() -> None:
    analysis = analyze(INTERVIEW, id="t")
    answers = [q for q in analysis.quotes if q.cue == ":"]
    assert [q.content for q in answers] == [
        "I had been away for twenty years. I wanted to see whether the place in my head still existed",
        "Parts of it. The market is the same. The people are not",
    ]
    assert all(speaker(q) == "Maria Okafor" and q.kind == "direct" for q in answers)
    assert not [q for q in analysis.quotes if "Enugu" in q.content or "Did it" in q.content]  # the questions
    assert not [q for q in analysis.quotes if "her new book" in q.content]  # a topic, no statement
    assert speaker(quote_with(analysis, "most ambitious")) == "Graham Tate"


def test_an_answer_runs_on_over_its_unlabelled_paragraphs_and_its_i_is_the_interviewee() -> None:
    text = (
        "Mayor Helen Varga spoke to the Courier about the budget and her plans for the harbour.\n\n"
        "Q: Are you worried about the deficit?\n\n"
        "A: Not in the least. The books balance this year.\n\n"
        "My advisers warned me not to promise a new ferry, but I said we would build it anyway.\n\n"
        "Q: You said last year that the harbour would close. Will you run again?\n\n"
        "A: I have not decided."
    )
    analysis = analyze(text, id="t")
    first = next(q for q in analysis.quotes if q.cue == ":" and "books balance" in q.content)
    assert "build it anyway" in first.content and "Will you run" not in first.content
    assert speaker(quote_with(analysis, "build it anyway")) == "Helen Varga"
    assert speaker(quote_with(analysis, "harbour would close")) == "Helen Varga"  # the interviewer's "you"


def test_question_and_answer_labels_need_an_interview() -> None:
    text = "A: The first option.\n\nB: The second option.\n\nQ: Which is cheaper?"
    assert not [q for q in analyze(text, id="t").quotes if q.cue == ":"]


def test_parliament_single_marks_among_double_ones_and_anonymity() -> None:
    text = (
        'The Prime Minister told MPs that the government would "not be blown off course" by the defeat.\n\n'
        "The Leader of the Opposition, Jane Marlow, said the country had \"lost faith\" in the government. "
        "'The Prime Minister is in denial,' she told the Commons.\n\n"
        "One Tory backbencher, who asked not to be named, said: 'Colleagues are furious. Nobody is saying it "
        "in public yet.'"
    )
    analysis = analyze(text, id="t")
    denial = quote_with(analysis, "in denial")
    assert denial.kind == "direct" and denial.content == "The Prime Minister is in denial"
    assert speaker(denial) == "Jane Marlow" and denial.cue == "told"
    furious = quote_with(analysis, "Colleagues are furious")
    assert furious.kind == "direct" and furious.cue == "said"  # no colon in the cue
    assert speaker(furious) == "One Tory backbencher"
    assert not [q for q in analysis.quotes if "to be named" in q.content]


def test_an_expectation_is_no_one_s_statement() -> None:
    text = (
        "The chancellor, Rishi Kaur, is expected to announce the cuts on Wednesday.\n\n"
        "The bill is widely expected to pass, analysts said."
    )
    analysis = analyze(text, id="t")
    assert not [q for q in analysis.quotes if "announce the cuts" in q.content]
    bill = quote_with(analysis, "expected to pass")
    assert bill.content == "The bill is widely expected to pass" and speaker(bill) == "analysts"


def test_a_quote_the_tagger_ran_into_the_next_paragraph_s_quote_keeps_its_own_words() -> None:
    """The tagger linked '"The Mayor stands by every word," it read' and the next paragraph's opening quote to
    one cue; the rule that finds that next quote (with its own speaker) takes it, and the first quote stays."""
    text = (
        'The mayor\'s office later issued a statement. "The Mayor stands by every word," it read.\n\n'
        "“This is not about politics.\n\n"
        "“It is about whether the people of Port Alder can trust what they are told,” said Reyes, who chairs the "
        "council's finance committee."
    )
    analysis = analyze(text, id="t")
    q = quote_with(analysis, "The Mayor stands by every word")
    assert q.cue == "read" and q.content == "The Mayor stands by every word" and q.kind == "direct"
    assert speaker(quote_with(analysis, "This is not about politics")) == "Reyes"


@pytest.mark.parametrize("mark", [('"', '"'), ("“", "”")])
def test_a_mixed_quote_ending_in_quoted_words_keeps_their_closing_mark(mark: tuple[str, str]) -> None:
    opening, closing = mark
    text = f"Varga dismissed the criticism as {opening}woke nonsense{closing} and said the council was playing games."
    q = quote_with(analyze(text, id="t"), "woke nonsense")
    assert q.content == f"the criticism as {opening}woke nonsense{closing}"


def test_a_claim_reported_inside_a_quote_ends_at_its_closing_mark() -> None:
    """ "X told me I was wrong, that Y," Z told ...: X's nested claim is the quoted words only, not the
    attribution after the closing mark."""
    text = (
        '"Jane Moore told me I was mistaken, that the report does not exist," Adams told supporters on Friday. '
        '"Well, it does exist."'
    )
    analysis = analyze(text, id="t")
    nested = [q for q in analysis.quotes if speaker(q) == "Jane Moore"]
    assert nested, [(speaker(q), q.content) for q in analysis.quotes]
    assert all("Adams" not in q.content and "supporters" not in q.content for q in nested)
    assert any("does not exist" in q.content for q in nested)


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday at the county fair, candidate Ann Lee said Tom Hart, the owner of the Harbour Inn, who bought it "
        "in the spring of 2014 is \u201cplainly wrong\u201d for saying Lee lied to him about the pier being safe.",
        "At the town hall meeting, Mayor Ann Lee said Tom Hart, the brother of Joe Hart, who ran the ferry in 2012 is "
        "\u201cabsolutely wrong\u201d for saying Lee misled him about the harbour fees.",
    ],
)
def test_reported_words_with_a_long_subject_are_not_cut_after_it(text: str) -> None:
    """ "Lee said Tom Hart, the owner of ..., who bought it in 2014 is wrong ...": the whole clause is what Lee said,
    not its subject alone; and what Hart is said to be wrong for saying is Hart's claim, nested in it."""
    analysis = analyze(text, id="t")
    outer = quote_with(analysis, "Tom Hart, the")
    assert speaker(outer) == "Ann Lee" and "wrong" in outer.content and outer.content.startswith("Tom Hart")
    inner = [q for q in analysis.quotes if q.nested_in == outer.id]
    assert len(inner) == 1 and speaker(inner[0]) == "Tom Hart" and inner[0].content.startswith("Lee ")


@pytest.mark.parametrize("mark", [('"', '"'), ("“", "”")])
def test_quoted_words_ending_the_sentence_keep_their_closing_mark_after_the_stop(mark: tuple[str, str]) -> None:
    opening, closing = mark
    text = f"The regulator's spokeswoman said the report was {opening}deeply misleading.{closing} She gave no details."
    q = quote_with(analyze(text, id="t"), "deeply misleading")
    assert q.content == f"the report was {opening}deeply misleading.{closing}"


@pytest.mark.parametrize(
    "text",
    [
        '"When a minister says that, you know the deal is dead," said Tom Reid, a former diplomat.',
        '"When a company says it has no plans for layoffs, investors hear the opposite," said Tom Reid, a trader.',
        '"If anyone tells you the market has bottomed, be careful," said Tom Reid, a trader.',
    ],
)
def test_says_in_a_when_clause_of_someone_unnamed_reports_nothing(text: str) -> None:
    analysis = analyze(text, id="t")
    assert [speaker(q) for q in analysis.quotes] == ["Tom Reid"]


@pytest.mark.parametrize(
    ("relative", "denier", "verb"),
    [
        ("", "the army", "denied"),
        ("that ", "the army", "denied"),
        ("that ", "the army", "has long rejected"),
        ("", "the army and the border police", "vehemently deny"),  # two deniers
        ("that ", "the army and the border police", "vehemently deny"),
    ],
)
def test_a_claim_denied_in_an_apposition_is_denied_by_the_one_named_after_the_claim_noun(
    relative: str, denier: str, verb: str
) -> None:
    """ "Moscow said ..., a claim Kyiv denied": the apposition reports a denial by Kyiv (not by "a claim Kyiv"),
    and is no part of what Moscow said."""
    text = f"The ministry said its troops had taken the village overnight, a claim {relative}{denier} {verb}."
    analysis = analyze(text, id="t")
    said = quote_with(analysis, "its troops had taken")
    assert said.cue == "said" and said.content == "its troops had taken the village overnight"
    denied = next(q for q in analysis.quotes if q.cue == verb)
    assert denied.source == denier and denied.polarity == "denies"
    assert [q.cue for q in analysis.quotes] == ["said", verb]  # no claim "that the army ... deny" of the ministry
    assert len({q.id for q in analysis.quotes}) == len(analysis.quotes)


@pytest.mark.parametrize("apposition", ["a claim that was immediately disputed by", "a claim disputed by"])
def test_a_claim_denied_in_a_passive_apposition_is_denied_by_the_one_after_by(apposition: str) -> None:
    text = f"The ministry said its troops had taken the village overnight, {apposition} the border police."
    analysis = analyze(text, id="t")
    denied = next(q for q in analysis.quotes if q.cue and "disputed" in q.cue)
    assert denied.source == "the border police" and denied.polarity == "denies"
    assert denied.content == "its troops had taken the village overnight"


def test_a_headline_charge_with_a_relative_clause_is_no_statement() -> None:
    text = "Driver charged after crash that killed cyclist\n\nA 41-year-old man was arrested at the scene, police said."
    analysis = analyze(text, id="t")
    assert [q.cue for q in analysis.quotes] == ["said"]


@pytest.mark.parametrize(
    "text",
    [
        'Peskov spoke to reporters. Asked about the Kharkiv hospital, he said: "I have nothing to add."',
        'Kane has a year left on his deal. Asked last month whether he would stay, the striker said: "I am focused."',
    ],
)
def test_a_question_put_by_no_one_named_is_no_statement(text: str) -> None:
    analysis = analyze(text)
    assert [q.cue for q in analysis.quotes] == ["said"]


@pytest.mark.parametrize("passive", ["has been accused of", "had been accused of", "was accused of"])
def test_the_one_accused_is_not_the_accuser(passive: str) -> None:
    text = (
        "Minister accused of misleading MPs over hospital funding\n\n"
        f"The health secretary {passive} misleading Parliament after figures published on Tuesday appeared to "
        "contradict her claim that hospital funding had risen in real terms."
    )
    assert all(q.speaker is None or q.speaker.name != "The health secretary" for q in analyze(text).quotes)


def test_a_topic_fought_over_is_no_statement() -> None:
    text = (
        "Rivals clash over crime figures in fiery debate\n\n"
        "Governor Ellen Marsh and her Republican challenger, state Senator Tom Gaines, traded sharp attacks over "
        "crime and taxes in their only televised debate on Thursday night."
    )
    assert analyze(text).quotes == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Poland's border guard said on Monday it had stopped 30 of the 45 migrants who tried to cross overnight, "
            "while Minsk denied pushing people toward the fence.",
            "it had stopped 30 of the 45 migrants who tried to cross overnight",
            ("pushing people toward the fence", "denied", "Minsk"),
        ),
        (
            "The union said the talks had collapsed, whereas the employer insisted that a deal was still close.",
            "the talks had collapsed",
            ("a deal was still close", "insisted", "the employer"),
        ),
        (
            "The league said its referees had applied the rules correctly; the club denied that any rule was broken.",
            "its referees had applied the rules correctly",
            ("any rule was broken", "denied", "the club"),
        ),
    ],
)
def test_reported_words_end_where_another_speaker_s_statement_begins(
    text: str, first: str, second: tuple[str, str, str]
) -> None:
    """ "X said Y, while Z denied W": the clause after ", while", ", whereas" or "; " with its own subject and
    speech verb is a statement of its own, no part of X's words."""
    analysis = analyze(text, id="t")
    assert quote_with(analysis, first.split(" ", 3)[-1]).content == first
    content, cue, source = second
    other = quote_with(analysis, content)
    assert (other.content, other.cue, other.source) == second


def test_a_claim_denied_ends_before_the_denier_s_own_words_after_a_participle() -> None:
    text = (
        "The ministry rejected claims by Tbilisi that a dam near Gori had been breached, calling them "
        '"a fabrication aimed at foreign donors".'
    )
    analysis = analyze(text, id="t")
    rejected = next(q for q in analysis.quotes if q.cue == "rejected")
    assert rejected.content == "claims by Tbilisi that a dam near Gori had been breached"
    claim = next(q for q in analysis.quotes if q.cue == "claims")
    assert claim.content == "a dam near Gori had been breached" and speaker(claim) == "Tbilisi"
    calling = quote_with(analysis, "a fabrication")
    assert calling.cue == "calling" and calling.source == "The ministry"


def test_a_denial_ends_before_a_with_clause_holding_another_speaker_s_words() -> None:
    text = (
        "Rovers have denied reports that they made a £40 million offer for Dan Moore, with manager Paul Grant "
        'insisting his squad was "complete" for the season.'
    )
    analysis = analyze(text, id="t")
    denied = next(q for q in analysis.quotes if q.cue == "have denied")
    assert denied.content == "reports that they made a £40 million offer for Dan Moore"
    insisting = quote_with(analysis, "his squad was")
    assert insisting.content == 'his squad was "complete" for the season' and insisting.cue == "insisting"
    assert speaker(insisting) == "Paul Grant" and insisting.speaker and insisting.speaker.role == "manager"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Police denied using tear gas amid clashes in the capital.", "using tear gas"),
        ("The army denied shelling the town as the ceasefire took hold.", "shelling the town"),
        ("The minister denied acting as a go-between for the firm.", "acting as a go-between for the firm"),
        ("The club admitted paying the player while he was injured.", "paying the player while he was injured"),
    ],
)
def test_a_denial_of_doing_something_reports_the_gerund_s_words(text: str, content: str) -> None:
    """ "denied using tear gas": the gerund's words are what is denied; the writer's "amid ..." or "as <clause>"
    after them is not."""
    analysis = analyze(text, id="t")
    assert [q.content for q in analysis.quotes] == [content]


def test_nothing_to_add_to_what_someone_said_reports_no_one_else() -> None:
    text = 'Asked about the hospital, Peskov said: "I have nothing to add to what the defence ministry said."'
    assert [q.cue for q in analyze(text).quotes] == ["said"]


def test_a_participle_after_a_headline_verb_is_the_headline_subject_s() -> None:
    text = (
        "Singer sues former producer, alleging that he withheld her royalties for years\n\n"
        "Pop singer Lana Reyes has filed a lawsuit against her former producer, court documents show."
    )
    alleging = next(q for q in analyze(text).quotes if q.cue == "alleging")
    assert alleging.speaker is not None and alleging.speaker.name == "Lana Reyes"


def test_words_the_tagger_ran_into_another_speakers_statement_end_where_it_begins() -> None:
    from sayso import nlp
    from sayso.quotes import rules
    from sayso.quotes.candidate import Candidate
    from sayso.quotes.extract import cut_before_own_statements
    from sayso.quotes.frame import Frame

    text = (
        "Ukraine's air force said on Tuesday it had shot down 40 of the 52 drones Russia launched overnight, "
        "while Moscow denied targeting civilian infrastructure."
    )
    frame = Frame.build(text, nlp.parse(text))
    start, cue = text.index("it had"), text.index("said on Tuesday")
    ran_on = Candidate("indirect", [(start, len(text) - 1)], (cue, cue + 15), (0, cue - 1), 0.9, "tagger")
    found = cut_before_own_statements(frame, [ran_on], rules.top_level(frame))
    words = sorted(text[c.start : c.end] for c in found)
    assert words == [
        "it had shot down 40 of the 52 drones Russia launched overnight",
        "targeting civilian infrastructure",
    ]


def test_what_someone_said_according_to_a_document_is_theirs_inside_the_document_s() -> None:
    text = "The suspect told officers he had been at home all night, according to court documents."
    analysis = analyze(text, id="t")
    outer = quote_with(analysis, "The suspect told officers")
    inner = quote_with(analysis, "he had been at home")
    assert (speaker(outer), speaker(inner)) == ("court documents", "The suspect")
    assert inner.content == "he had been at home all night"
    assert inner.nested_in == outer.id


@pytest.mark.parametrize(
    "text",
    [
        "The newspaper reported that the mayor had resigned, citing people familiar with the matter.",
        "Bloomberg reported, citing sources, that the bank would cut jobs.",
    ],
)
def test_whom_a_report_cites_is_no_statement(text: str) -> None:
    analysis = analyze(text, id="t")
    assert [q.cue for q in analysis.quotes] == ["reported"]


def test_a_denial_ends_where_the_denier_s_next_coordinated_statement_begins() -> None:
    text = (
        'Beijing on Monday rejected as "groundless" accusations by Washington that its hackers had broken into '
        "the networks of water utilities, and accused the United States of hypocrisy."
    )
    analysis = analyze(text, id="t")
    claim = quote_with(analysis, "hackers had broken")
    assert claim.content == "its hackers had broken into the networks of water utilities"
    assert (speaker(quote_with(analysis, "of hypocrisy")), quote_with(analysis, "of hypocrisy").cue) == (
        "Beijing",
        "accused",
    )


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Daily coffee linked to lower risk of heart failure, study finds\n\nIt was a large study.", "finds"),
        ("Most renters cannot afford a deposit, a new survey shows.", "shows"),
    ],
)
def test_what_a_study_finds_after_its_words_is_the_study_s(text: str, cue: str) -> None:
    q = analyze(text, id="t").quotes[0]
    assert q.cue == cue
    assert q.source is not None and q.source.split()[-1] in {"study", "survey"}


@pytest.mark.parametrize("marks", [("'", "'"), ("‘", "’"), ('"', '"')])
def test_a_headline_quote_before_a_colon_is_the_subject_s(marks: tuple[str, str]) -> None:
    text = f"{marks[0]}We will not be bullied{marks[1]}: PM defies rebels over welfare cuts\n\nThe vote is on Monday."
    q = quote_with(analyze(text, id="t"), "We will not be bullied")
    assert (q.content, q.source, q.kind) == ("We will not be bullied", "PM", "direct")


@pytest.mark.parametrize("verdict", ["was false", "is untrue", "was simply wrong"])
def test_a_claim_someone_said_was_false_is_their_denial_of_the_words_before(verdict: str) -> None:
    """ "..., a claim DHS said was false": DHS denies the words before (one statement, not DHS asserting them)."""
    text = f"The ministry said its troops had taken the village overnight, a claim the army said {verdict}."
    analysis = analyze(text, id="t")
    denied = [q for q in analysis.quotes if q.source == "the army"]
    assert [q.polarity for q in denied] == ["denies"]
    assert denied[0].content == "its troops had taken the village overnight"


def test_the_subject_of_a_yes_no_question_says_nothing() -> None:
    text = (
        "Mayor Helen Varga spoke to the Courier about the budget and her rivals.\n\n"
        "Q: Does Tom Reyes think the harbour should be sold?\n\n"
        "A: No, he goes beyond that.\n\n"
        "Q: Will you debate him?\n\n"
        "A: I will."
    )
    analysis = analyze(text, id="t")
    assert not [q for q in analysis.quotes if "harbour" in q.content]
    assert speaker(quote_with(analysis, "goes beyond that")) == "Helen Varga"
