"""analyze_many (spaCy in batches, the tagger a thread ahead) gives what analyze_article gives, one by one."""

from __future__ import annotations

from sayso import pipeline
from sayso.config import PACKAGE_DIR
from sayso.ingest import read_path, read_text
from sayso.model import Article

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
