"""analyze_many (spaCy in batches, the tagger a thread ahead) gives what analyze_article gives, one by one."""

from __future__ import annotations

from sayso import nlp, pipeline
from sayso.config import PACKAGE_DIR
from sayso.ingest import read_path, read_text
from sayso.model import Article
from sayso.quotes.candidate import Candidate

TEXTS = [
    '"We will not back down," Senator Ann Ruiz said. Her rival, Tom Berg, said the plan was dead.',
    "No one said anything here.",
    "Peskov said there were no contacts. “That is a lie,” Johnson told reporters on Monday.",
]


def articles() -> list[Article]:
    demo = read_path(PACKAGE_DIR / "data" / "demo_article.txt")
    return [demo, *(read_text(t, id=f"t{i}") for i, t in enumerate(TEXTS)), demo]


def test_many_equals_one_at_a_time() -> None:
    many = list(pipeline.analyze_many(articles()))
    one = [pipeline.analyze_article(a) for a in articles()]
    assert len(many) == len(one) == 5
    assert [a.model_dump() for a in many] == [a.model_dump() for a in one]
    assert sum(len(a.quotes) for a in many) >= 6


def test_many_in_polnear_scheme_equals_one_at_a_time() -> None:
    many = list(pipeline.analyze_many(articles(), nested=False, scheme="polnear"))
    one = [pipeline.analyze_article(a, nested=False, scheme="polnear") for a in articles()]
    assert [a.model_dump() for a in many] == [a.model_dump() for a in one]


def test_many_stopped_early_leaves_no_tagger_thread_behind() -> None:
    import threading

    stream = pipeline.analyze_many(articles() * 10)
    first = next(stream)
    stream.close()
    assert first.quotes
    assert not [t for t in threading.enumerate() if t.name.startswith("sayso-tagger")]


CLAIM_DENIED = "Moscow said its troops had taken the town, a claim Kyiv denied."


def _claim_and_denial() -> list[Candidate]:
    """Moscow's statement and Kyiv's denial of the same words: "..., a claim Kyiv denied"."""
    t = CLAIM_DENIED
    words = (t.index("its"), t.index(", a claim"))
    said = Candidate("indirect", [words], (7, 11), (0, 6), 0.9, "test")
    denied = Candidate(
        "indirect", [words], (t.index("denied"), t.index(".")), (t.index("Kyiv"), t.index(" denied")), 0.9, "test"
    )
    return [said, denied]


def test_quotes_sharing_their_words_get_ids_of_their_own_stable_across_runs() -> None:
    article = read_text(CLAIM_DENIED, id="t")
    doc = nlp.parse(article.text)
    first = pipeline.build_analysis(article, doc, _claim_and_denial())
    again = pipeline.build_analysis(article, doc, _claim_and_denial())
    ids = [q.id for q in first.quotes]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert ids == [q.id for q in again.quotes]
    assert [q.cue for q in first.quotes] == ["said", "denied"]


def test_every_quote_id_is_unique_in_an_analysis() -> None:
    for analysis in pipeline.analyze_many(articles()):
        assert len({q.id for q in analysis.quotes}) == len(analysis.quotes)
