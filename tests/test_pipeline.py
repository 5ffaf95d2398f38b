"""analyze_many (spaCy in batches, the tagger threads ahead) gives what analyze_article gives, one by one; so do the
batch paths in one process (which run through it) and on started workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from sayso import batch, nlp, pipeline
from sayso.config import PACKAGE_DIR
from sayso.ingest import read_path, read_text
from sayso.model import Article
from sayso.quotes import extract
from sayso.quotes.candidate import Candidate
from sayso.quotes.tagger import TaggedAttribution

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


# --------------------------------------------------------------------------- the batch paths in one process


def _written(tmp_path: Path) -> list[str]:
    specs = []
    for i, article in enumerate(articles()):
        path = tmp_path / f"a{i}.txt"
        path.write_text(article.text, encoding="utf-8")
        specs.append(str(path))
    return specs


def test_inputs_in_one_process_equal_one_at_a_time_with_failures_in_place(tmp_path: Path) -> None:
    specs = _written(tmp_path)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    specs[2:2] = [str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")]
    outcomes = list(batch.analyze_inputs(specs, batch.Options()))
    assert [o.spec for o in outcomes] == specs
    assert [o.analysis is None for o in outcomes] == [False, False, True, True, False, False, False]
    for outcome in outcomes:
        if outcome.analysis is not None:
            alone = batch.analyze_one(read_path(Path(outcome.spec)), batch.Options())
            assert outcome.analysis.model_dump() == alone.model_dump()


def test_one_failing_article_in_one_process_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger raising on one text (as a broken model file might): that article is one error, the others are
    what they are alone, in order."""
    tag = extract.tag
    bad = "No one said anything here."

    def failing(text: str, threads: int | None = None) -> list[TaggedAttribution]:
        if text == bad:
            raise RuntimeError("tagger broke")
        return tag(text, threads)

    monkeypatch.setattr(extract, "tag", failing)
    outcomes = list(batch.analyze_articles(articles() * 3, batch.Options()))
    assert [o.spec for o in outcomes] == [a.id for a in articles() * 3]
    assert [o.error is not None for o in outcomes] == [a.text == bad for a in articles() * 3]
    assert all("tagger broke" in o.error for o in outcomes if o.error)
    one = [pipeline.analyze_article(a).model_dump() for a in articles() if a.text != bad]
    assert [o.analysis.model_dump() for o in outcomes[:5] if o.analysis] == one


def test_articles_in_one_process_are_read_as_they_go() -> None:
    consumed = 0

    def stream() -> Iterator[Article]:
        nonlocal consumed
        for i in range(3 * pipeline.TAGGER_AHEAD):
            consumed += 1
            yield Article(id=f"a{i}", text=f'"We won game {i}," coach Ann Lee said.')

    outcomes = batch.analyze_articles(stream(), batch.Options())
    assert next(outcomes).spec == "a0"
    assert consumed <= pipeline.TAGGER_AHEAD + 1
    assert [o.spec for o in outcomes] == [f"a{i}" for i in range(1, 3 * pipeline.TAGGER_AHEAD)]


def test_started_workers_are_warm_and_give_the_same(tmp_path: Path) -> None:
    specs = _written(tmp_path)
    with batch.start_workers(1) as pool:
        rss = max(child.memory_info().rss for child in psutil.Process().children())  # the worker (and a tracker)
        assert rss > 200 * 2**20  # spaCy's pipeline and the tagger loaded before any job
        pooled = list(batch.analyze_inputs(specs, batch.Options(), pool=pool))
    here = list(batch.analyze_inputs(specs, batch.Options()))
    assert [o.analysis.model_dump() for o in pooled if o.analysis] == [
        o.analysis.model_dump() for o in here if o.analysis
    ]
    assert len(pooled) == len(specs)
