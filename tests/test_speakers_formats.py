"""Speakers in news formats of their own: a liveblog's timestamped entries, an opinion column's first person, an
interview's questions, a council report's titles, a headline that names a company NER tags only below it. Short
fictional excerpts."""

from __future__ import annotations

from statement_helpers import quote_with, speaker

from sayso import analyze, nlp
from sayso.quotes.candidate import Candidate
from sayso.speakers import SpeakerResolver


def test_a_liveblog_entry_s_time_is_no_part_of_its_speaker() -> None:
    text = (
        "Floods live: river levels still rising\n\n"
        "08:40 The Environment Agency said river levels were still rising in the north.\n\n"
        "09:15 Kestrel Power says engineers are working to restore supplies to 3,000 homes.\n\n"
        "10:02 Kestrel Power said most homes would be reconnected by the evening.\n\n"
        "11:15 Residents in Tregaron say the power has been off since midnight."
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "off since midnight")) == "Residents in Tregaron"
    supplies = quote_with(analysis, "restore supplies")
    assert speaker(supplies) == "Kestrel Power"
    assert quote_with(analysis, "reconnected").speaker_id == supplies.speaker_id
    assert not any(s.name[:1].isdigit() for s in analysis.speakers)


def test_a_column_s_own_first_person_is_its_author() -> None:
    text = (
        "Opinion: The bypass will not fix the town's traffic\n\n"
        "By Harriet Lowe\n\n"
        'The transport minister, Sam Price, said last week that the bypass would "end the jams for good".\n\n'
        "I think she overstates what a new road can do."
    )
    analysis = analyze(text, id="t")
    column = quote_with(analysis, "overstates")
    assert speaker(column) == "Harriet Lowe"


def test_a_first_person_inside_a_quote_is_still_the_one_quoted() -> None:
    text = (
        "By Harriet Lowe\n\n"
        '"I think the bypass will end the jams," the transport minister, Sam Price, said on Monday.'
    )
    analysis = analyze(text, id="t")
    assert speaker(quote_with(analysis, "end the jams")) == "Sam Price"


def test_a_role_said_to_the_interviewee_drops_your() -> None:
    text = (
        "Q: Your predecessor, Mark Ellery, said last year that the pension age would have to rise. Do you agree?\n\n"
        "DONNELLY: No. We will not raise it in this parliament."
    )
    ellery = next(s for s in analyze(text, id="t").speakers if s.name == "Mark Ellery")
    assert ellery.roles == ["predecessor"]


def test_a_councillor_s_title_is_no_part_of_the_name() -> None:
    text = (
        "The council's cabinet member for housing, Cllr Janet Ross, said the homes would be finished in May. "
        '"We are on schedule," Cllr Ross said.'
    )
    analysis = analyze(text, id="t")
    first = quote_with(analysis, "finished in May")
    assert speaker(first) == "Janet Ross"
    assert quote_with(analysis, "on schedule").speaker_id == first.speaker_id


def test_a_headline_name_that_ner_tags_as_an_organisation_below_is_that_organisation() -> None:
    text = (
        "Cloudline blames configuration error for outage\n\n"
        "Cloud provider Cloudline has blamed a faulty configuration change for an outage on Monday."
    )
    analysis = analyze(text, id="t")
    cloudline = [s for s in analysis.speakers if s.name == "Cloudline"]
    assert len(cloudline) == 1 and cloudline[0].type == "ORG"


def test_a_comma_closing_a_source_is_no_part_of_the_speaker() -> None:
    """The tagger may end a source at the comma before its relative clause ("A senior European diplomat,")."""
    text = (
        "A senior European diplomat, who spoke on condition of anonymity, said the strikes were deliberate.\n\n"
        "The Kremlin, in a statement, said nothing."
    )
    source = (0, text.index(", who") + 1)
    cue = (text.index("said"), text.index("said") + 4)
    content = (cue[1] + 1, text.index(".\n"))
    cand = Candidate("indirect", [content], cue, source, 1.0, "test")
    found = SpeakerResolver(text, nlp.parse(text)).resolve(cand)
    assert found is not None and (found.entity.name, found.entity.type) == ("A senior European diplomat", "UNNAMED")
