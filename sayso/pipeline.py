"""analyze(): the per-article pipeline, ingest -> nlp -> quotes -> speakers -> polarity -> Analysis.

A pure function of the article, so an archive is a map over articles.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from spacy.tokens import Doc

from sayso import nlp
from sayso.claims import link as link_claims
from sayso.config import settings
from sayso.dispute_confidence import keep_confident
from sayso.ingest import read_text
from sayso.model import Analysis, Article, Quote, Scheme, SpeakerRef, content_id
from sayso.polarity import polarity, speaker_to_cue, statement_lead
from sayso.quotes import extract
from sayso.quotes.candidate import Candidate
from sayso.quotes.tagger import TaggedAttribution
from sayso.speaker_entity import Resolution
from sayso.speakers import SpeakerResolver

# analyze_many: articles the tagger thread may tag ahead of the parse (several of spaCy's batches, so that
# it never waits for one to finish)
TAGGER_AHEAD = 4 * nlp.BATCH_SIZE


def analyze(text: str, *, id: str | None = None, url: str | None = None, nested: bool = True) -> Analysis:
    """Who said what in one article (plain text or HTML)."""
    article = read_text(text, id=id, url=url)
    return analyze_article(article, nested=nested)


def analyze_article(
    article: Article,
    *,
    nested: bool = True,
    scheme: Scheme = "sayso",
    doc: Doc | None = None,
    tagged: list[TaggedAttribution] | None = None,
) -> Analysis:
    """``doc`` and ``tagged`` (the tagger's output, `extract.tag`): where the caller has them already."""
    doc = doc if doc is not None else nlp.parse(article.text)
    candidates = extract.attributions(article.text, doc, nested=nested, scheme=scheme, tagger_output=tagged)
    return build_analysis(article, doc, candidates)


def analyze_many(
    articles: Iterable[Article], *, nested: bool = True, scheme: Scheme = "sayso"
) -> Generator[Analysis, None, None]:
    """Analyses in input order: the same as one `analyze_article` each. spaCy parses the texts in batches
    while the quote tagger, which needs only the text, runs ahead over them (up to TAGGER_AHEAD articles) in
    `tagger_threads()` threads of its own: onnxruntime and most of spaCy's work run without the GIL, so they
    overlap. The input is read as it goes (a stream of millions is never held at once)."""
    source = iter(articles)
    threads, workers = tagger_threads()
    pool = ThreadPoolExecutor(workers, thread_name_prefix="sayso-tagger")
    ahead: deque[tuple[Article, Future[list[TaggedAttribution]]]] = deque()  # tagging, not yet given to spaCy
    parsing: deque[tuple[Article, Future[list[TaggedAttribution]]]] = deque()  # given to spaCy

    def texts() -> Iterator[str]:
        while True:
            while len(ahead) + len(parsing) < TAGGER_AHEAD and (article := next(source, None)) is not None:
                ahead.append((article, pool.submit(extract.tag, article.text, threads)))
            if not ahead:
                return
            parsing.append(ahead.popleft())
            yield parsing[-1][0].text

    try:
        for doc in nlp.parse_many(texts()):
            article, tagged = parsing.popleft()
            yield analyze_article(article, nested=nested, scheme=scheme, doc=doc, tagged=tagged.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def tagger_threads() -> tuple[int | None, int]:
    """(onnxruntime threads of each tagging, tagging threads) for `analyze_many`. Where SAYSO_THREADS caps the
    tagger (each of `--workers N` sets 1), one tagging thread with that cap; else one single-threaded tagging
    a core, beside spaCy's thread: the tagger takes about twice spaCy's CPU, and articles tagged side by side
    never wait on each other (one session on several intra-op threads waited on the core spaCy kept busy).
    Measured on 30 PolNeAR dev texts, 2 cores under load 8-9, taking turns: one tagging thread 81 and 83 s,
    two 56 and 67 s, CPU the same (22-24 s). Thread counts change no result."""
    if settings().threads:
        return None, 1
    return 1, max(1, os.cpu_count() or 1)


def build_analysis(article: Article, doc: Doc, candidates: list[Candidate]) -> Analysis:
    text = article.text
    resolver = SpeakerResolver(text, doc)
    resolutions: dict[int, Resolution | None] = {}
    for cand in sorted(candidates, key=lambda c: c.cue_span or (c.start, c.end)):
        resolutions[id(cand)] = resolver.resolve(cand)
    resolver.one_speaker_per_name(resolutions.values())
    quotes: list[Quote] = []
    quote_ids: dict[int, str] = {}
    taken: set[str] = set()
    for cand in candidates:
        res = resolutions.get(id(cand)) or (resolutions.get(id(cand.continues)) if cand.continues else None)
        quote = _quote(text, cand, res, quote_ids, _quote_id(article.id, cand, taken))
        taken.add(quote.id)
        quote_ids[id(cand)] = quote.id
        quotes.append(quote)
    used = {q.speaker_id for q in quotes if q.speaker_id}
    speakers = [s for s in resolver.speakers() if s.id in used]
    claims, disputes = link_claims(quotes, speakers, text)
    disputes = keep_confident(disputes, claims, quotes, speakers, text)
    return Analysis(
        id=article.id,
        text_sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        title=article.title,
        url=article.url,
        source=article.source,
        published=article.published,
        text=text,
        quotes=quotes,
        speakers=speakers,
        claims=claims,
        disputes=disputes,
    )


def _quote_id(article_id: str, cand: Candidate, taken: set[str]) -> str:
    """The hash of the statement's words; where another statement has the same words ("X said Y, a claim Kyiv
    denied": the claim and its denial), of its cue and source too, then of a count: unique in the analysis,
    and the same on every run (candidates come in a fixed order)."""
    qid = content_id(article_id, repr(cand.content_spans))
    if qid in taken:
        qid = content_id(article_id, repr(cand.content_spans), repr(cand.cue_span), repr(cand.source_span))
    base, n = qid, 1
    while qid in taken:
        qid, n = content_id(base, str(n)), n + 1
    return qid


def _quote(text: str, cand: Candidate, res: Resolution | None, ids: dict[int, str], quote_id: str) -> Quote:
    content = " … ".join(text[s:e] for s, e in cand.content_spans)
    cue = text[cand.cue_span[0] : cand.cue_span[1]] if cand.cue_span else None
    speaker = None
    if res is not None:
        e = res.entity
        speaker = SpeakerRef(id=e.id, name=e.name, type=e.type, role=res.role)
    return Quote(
        id=quote_id,
        kind=cand.kind,
        content=content,
        content_spans=list(cand.content_spans),
        cue=cue,
        cue_span=cand.cue_span,
        source=text[cand.source_span[0] : cand.source_span[1]] if cand.source_span else None,
        source_span=cand.source_span,
        speaker_id=speaker.id if speaker else None,
        speaker=speaker,
        polarity=polarity(
            cue,
            content,
            statement_lead(text, cand.content_spans, cand.cue_span, cand.source_span),
            speaker_to_cue(text, cand.source_span, cand.cue_span),
        ),
        nested_in=ids.get(id(cand.parent)) if cand.parent is not None else None,
        confidence=round(cand.confidence, 3),
    )
