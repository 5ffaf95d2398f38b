"""Stance of a text toward a claim: supports / refutes / discusses / unrelated.

Two parts, both trained by training/train_stance.py on FNC-1, ARC and Emergent (train portions):
- a relatedness gate: a logistic model over lexical overlap features (claim terms found in the text,
  in its best sentence, claim bigrams, names and numbers) gives P(related);
- a MiniLM cross-encoder ([CLS] claim [SEP] text [SEP], ONNX, int8) gives supports / refutes /
  discusses among related pairs. Long texts (article bodies) are cut down to the sentences most
  relevant to the claim: claim-term overlap, the lead sentence, and denial cues ("denied", "false",
  "hoax", "no evidence") near claim terms, kept in their original order, up to the model's length.

The final probabilities are P(related) * P(stance | related) for the first three labels and
1 - P(related) for `unrelated`. A small softmax head (config "head") may sit on the cross-encoder:
it takes its log-probabilities and claim-focused cue features (stance_features: refutation and
negation words near claim terms, hedges, questions, confirmations) and gives the stance probabilities;
short texts (headlines, statements) and long ones (article bodies) have a layer each. A short layer whose
"features" is "short" reads short_features alone (debunking words, denial verbs, negation scoping over a claim
term, modal and reporting hedges, questions, a source named at the end); the shipped short layer reads
stance_features, and its "headline" layer headline_features (short_features with attribution hedges, debunking
phrases and "alive" toward a claimed death): texts the caller says are headlines get that one.
Only onnxruntime, tokenizers and numpy are used at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sayso import onnx
from sayso.errors import ModelError

DEFAULT_DIR = Path(__file__).resolve().parent / "models" / "stance"
LABELS = ("supports", "refutes", "discusses", "unrelated")
STANCES = LABELS[:3]  # what the cross-encoder tells apart
FloatArray = npt.NDArray[np.float32]

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n?")


def _lexicon(text: str) -> frozenset[str]:
    """A lexicon written as one string of words."""
    return frozenset(text.split())


_STOP = _lexicon("""
    a an the and or but if of in on at to for from by with about as into over after before under than then
    is are was were be been being has have had do does did will would shall should can could may might must
    it its it's this that these those there their they them he him his she her we our you your i me my
    not no so such too very just also only own same other more most some any all each both few
    who whom whose which what when where why how said says say report reports reported according
    new news via up out off down s t
""")
# words that mark a denial or a refutation (words, or their stems by _stem)
DENIAL_CUES = _lexicon("""
    deni deny refut reject dismiss debunk disput contradict retract false fake hoax untru
    myth rumor rumour lie lies lying bogus baseless unfound fabricat satir prank misleading mistaken
    no not never nothing nor none neither isn't aren't wasn't weren't didn't doesn't don't won't
    can't cannot couldn't hasn't haven't
""")
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s", "ly")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A crude suffix strip, enough to match "denied" with "denies" and "missiles" with "missile"."""
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith(("i", "y", "e")) else word


def content_terms(text: str) -> list[str]:
    """Stems of the content words of a text, in order (stop words left out)."""
    return [_stem(w) for w in words(text) if w not in _STOP and len(w) > 1]


def split_sentences(text: str) -> list[str]:
    """Sentences (and paragraphs) of a text by a light rule; pieces keep their words, not their spacing."""
    parts = [p.strip() for p in _SENT_END.split(text)]
    return [p for p in parts if p]


def _cue_near(sent_words: list[str], claim: set[str], window: int = 6) -> bool:
    """Whether a denial cue stands within `window` words of a claim term in one sentence."""
    stems = [_stem(w) for w in sent_words]
    cues = [i for i, (w, s) in enumerate(zip(sent_words, stems, strict=True)) if w in DENIAL_CUES or s in DENIAL_CUES]
    hits = [i for i, s in enumerate(stems) if s in claim]
    return any(abs(c - h) <= window for c in cues for h in hits)


def sentence_scores(claim: str, sentences: Sequence[str]) -> list[float]:
    """How relevant each sentence is to the claim: the share of claim terms it holds (rarer terms of the
    text count more), plus a bonus for the lead sentence and for a denial cue near a claim term."""
    terms = set(content_terms(claim))
    sent_terms = [set(content_terms(s)) for s in sentences]
    n = len(sentences)
    df: dict[str, int] = {}
    for st in sent_terms:
        for t in st & terms:
            df[t] = df.get(t, 0) + 1
    weight = {t: math.log(1 + n / df[t]) for t in df}
    total = sum(math.log(1 + n) for _ in terms) or 1.0
    scores = []
    for i, (sent, st) in enumerate(zip(sentences, sent_terms, strict=True)):
        score = sum(weight[t] for t in st & terms) / total
        if i == 0:
            score += 0.3
        if score > 0 and _cue_near(words(sent), terms):
            score += 0.3
        scores.append(score)
    return scores


def select_sentences(claim: str, sentences: Sequence[str], lengths: Sequence[int], budget: int) -> list[int]:
    """Indices (in text order) of the most claim-relevant sentences whose lengths fit the budget; the
    first chosen sentence is always kept, cut by the caller when it alone is too long."""
    if sum(lengths) <= budget:
        return list(range(len(sentences)))
    scores = sentence_scores(claim, sentences)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if not chosen or used + lengths[i] <= budget:
            chosen.append(i)
            used += lengths[i]
        if used >= budget - 4:
            break
    return sorted(chosen)


# ---------------------------------------------------------------- relatedness features

GATE_FEATURES = ("coverage", "best_sentence", "bigrams", "names", "log_claim_terms", "log_text_terms")


def _names(claim: str) -> set[str]:
    """Stems of the claim's names and numbers (capitalised words not opening it, digits)."""
    toks = _WORD.findall(claim)
    out = {_stem(t.lower()) for i, t in enumerate(toks) if (i > 0 and t[:1].isupper()) or t[:1].isdigit()}
    return {t for t in out if t not in _STOP}


@dataclass(frozen=True)
class _Profile:
    terms: frozenset[str]
    sentences: tuple[frozenset[str], ...]
    bigrams: frozenset[tuple[str, str]]


@lru_cache(maxsize=4096)
def _profile(text: str) -> _Profile:
    """A text's content terms, those of each sentence and its term bigrams (cached: a body is often
    compared with many claims)."""
    tt = content_terms(text)
    sents = tuple(frozenset(content_terms(s)) for s in split_sentences(text))
    return _Profile(frozenset(tt), sents, frozenset(zip(tt, tt[1:], strict=False)))


def gate_features(claim: str, text: str) -> list[float]:
    """Lexical overlap of a claim and a text, the inputs of the relatedness gate (GATE_FEATURES)."""
    ct = content_terms(claim)
    terms = set(ct)
    prof = _profile(text)
    if not terms or not prof.terms:
        return [0.0, 0.0, 0.0, 0.0, math.log1p(len(terms)), math.log1p(len(prof.terms))]
    coverage = len(terms & prof.terms) / len(terms)
    best = max((len(terms & st) / len(terms) for st in prof.sentences), default=0.0)
    cb = set(zip(ct, ct[1:], strict=False))
    bigrams = len(cb & prof.bigrams) / len(cb) if cb else 0.0
    names = _names(claim)
    name_cov = len(names & prof.terms) / len(names) if names else coverage
    return [coverage, best, bigrams, name_cov, math.log1p(len(terms)), math.log1p(len(prof.terms))]


def gate_probability(
    features: Sequence[Sequence[float]] | npt.NDArray[np.float64], weights: Sequence[float], bias: float
) -> FloatArray:
    x = np.asarray(features, dtype=np.float64).reshape(-1, len(weights))
    z = x @ np.asarray(weights, dtype=np.float64) + bias
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)


# ---------------------------------------------------------------- claim-focused stance features

REFUTE_CUES = _lexicon("""
    deni deny refut reject dismiss debunk disput contradict retract false fake hoax untru myth bogus baseless
    unfound fabricat satir prank lie lies lying misleading wrong nonsense rubbish rebuff libel misinform
    erroneous spoof parody scam
""")
_REFUTE_PREFIXES = tuple(sorted(w for w in REFUTE_CUES if len(w) >= 5))
NEGATIONS = _lexicon("""
    no not never nothing nor none neither isn't aren't wasn't weren't didn't doesn't don't won't can't cannot
    couldn't hasn't haven't
""")
HEDGES = _lexicon("""
    reportedly allegedly alleged claim claims claimed report reports reported rumor rumors rumour rumours may
    might could possibly purportedly apparently sources source says said according could would investigate
    investigating unconfirmed if whether
""")
CONFIRMS = _lexicon("""
    confirm confirms confirmed confirmation official officially proof proves proven indeed real true actually
    finally really video photos
""")
STANCE_FEATURES = (
    "refute",
    "refute_near",
    "negation",
    "negation_near",
    "claim_negated",
    "hedge",
    "question",
    "confirm",
    "coverage",
    "best_sentence",
    "log_words",
)


def _is_cue(word: str, stem: str, lexicon: frozenset[str], skip: frozenset[str] = frozenset()) -> bool:
    if word in skip:
        return False
    if word in lexicon or stem in lexicon:
        return True
    return lexicon is REFUTE_CUES and stem.startswith(_REFUTE_PREFIXES)


def _has(ws: Sequence[str], stems: Sequence[str], lexicon: frozenset[str], skip: frozenset[str] = frozenset()) -> bool:
    return any(_is_cue(w, s, lexicon, skip) for w, s in zip(ws, stems, strict=True))


def _near(
    ws: Sequence[str],
    stems: Sequence[str],
    lexicon: frozenset[str],
    claim: set[str],
    skip: frozenset[str] = frozenset(),
    window: int = 6,
) -> bool:
    cues = [i for i, (w, s) in enumerate(zip(ws, stems, strict=True)) if _is_cue(w, s, lexicon, skip)]
    hits = [i for i, s in enumerate(stems) if s in claim]
    return any(abs(c - h) <= window for c in cues for h in hits)


def stance_features(claim: str, text: str) -> list[float]:
    """Cue words of refutation, negation, hedging and confirmation in the text, and whether refutation
    or negation cues stand near claim terms (STANCE_FEATURES); cue words the claim itself holds do not
    count ("Hands up, don't shoot" is no denial of a claim that quotes it)."""
    cw = words(claim)
    own = frozenset(cw)
    terms = set(content_terms(claim))
    sents = split_sentences(text) or [text]
    ws = [words(s) for s in sents]
    stems = [[_stem(w) for w in x] for x in ws]
    flat_w = [w for x in ws for w in x]
    flat_s = [s for x in stems for s in x]
    prof = _profile(text)
    coverage = len(terms & prof.terms) / len(terms) if terms else 0.0
    best = max((len(terms & st) / len(terms) for st in prof.sentences), default=0.0) if terms else 0.0
    return [
        float(_has(flat_w, flat_s, REFUTE_CUES, own)),
        float(any(_near(w, s, REFUTE_CUES, terms, own) for w, s in zip(ws, stems, strict=True))),
        float(_has(flat_w, flat_s, NEGATIONS, own)),
        float(any(_near(w, s, NEGATIONS, terms, own) for w, s in zip(ws, stems, strict=True))),
        float(any(w in NEGATIONS for w in cw)),
        float(_has(flat_w, flat_s, HEDGES)),
        float("?" in text),
        float(_has(flat_w, flat_s, CONFIRMS)),
        coverage,
        best,
        math.log1p(len(flat_w)),
    ]


# ---------------------------------------------------------------- cue features of short texts (headlines)

# lexicons of the short head: debunking words, denial verbs, negation, modal and reporting hedges, question
# openers, confirmations; whole words (a claim's own words never count)
DEBUNK_WORDS = _lexicon("""
    hoax hoaxes fake fakes faked false falsely myth bogus baseless untrue fabricated fabrication fabricating
    satire satirical prank pranks prankster scam spoof parody misleading wrong nonsense debunk debunked
    debunks debunking lie lies lying phony fiction fictional fictitious doctored photoshopped joke
""")
DENIAL_VERBS = _lexicon("""
    deny denies denied denying dismiss dismisses dismissed reject rejects rejected refute refutes refuted
    rebuff rebuffs rebuffed dispute disputes disputed contradict contradicts retract retracts retracted
    slams slammed quash quashes quashed dispel dispels dispelled squash squashes doubt doubts doubtful
    denial denials skeptical sceptical
""")
NEGATION_WORDS = NEGATIONS | _lexicon("hadn't shouldn't wouldn't nobody")
MODALS = _lexicon("may might could would possibly possible likely perhaps probably maybe potentially expected")
REPORTING = _lexicon("""
    reportedly allegedly alleged claim claims claimed report reports reported rumor rumors rumour rumours
    rumored rumoured purportedly apparently speculation speculate speculates according source sources says
    said suggests suggest believed appears appear seems seem suspected supposedly unconfirmed unverified
    viral story allegation allegations
""")
SAYING = _lexicon("says say said tells told claims claim according")
QUESTION_OPENERS = _lexicon("did is are was were could can will does do has have why how what who would should")
CONFIRMATIONS = _lexicon("""
    confirm confirms confirmed confirmation official officially proof proves proven indeed really actually
    finally true truth real genuine verified
""")
DEATH_WORDS = _lexicon("dead death dies died die killed")
# a source named at the end ("...: CNN", "... - police say")
_ATTRIBUTION = re.compile(
    r"(?:[:\-–—|]\s*[A-Z][\w.&']*(?:\s+[A-Za-z.&']+){0,3}\s*$)"
    r"|(?:\b(?:says|say|said|report|reports|sources|claims|official|officials|police)\s*$)",
    re.IGNORECASE,
)
_IF_WHETHER = re.compile(r"\b(?:if|whether)\b", re.IGNORECASE)
SHORT_FEATURES = (
    "debunk",
    "debunk_near",
    "denial",
    "denial_near",
    "negation",
    "negation_near",
    "negation_scopes",
    "opens_with_no",
    "claim_negated",
    "modal",
    "reporting",
    "reporting_near",
    "question",
    "ends_with_question",
    "question_opener",
    "colon",
    "if_whether",
    "confirm",
    "confirm_near",
    "coverage",
    "claim_share",
    "log_words",
    "number_mismatch",
    "claim_of_death",
    "all_caps",
    "attribution",
    "saying",
    "log_hedges",
    "log_refutations",
)


def short_features(claim: str, text: str) -> list[float]:
    """Cue features of a short text (a headline, a statement) toward a claim (SHORT_FEATURES): debunking
    words and denial verbs, negation and whether it stands just before a claim term (scopes over it: "isn't
    dead"), modal and reporting hedges, questions, a source named at the end, confirmations, how much of the
    claim the text holds and numbers that differ from the claim's. Words the claim itself holds never count."""
    cw = words(claim)
    own = frozenset(cw)
    terms = set(content_terms(claim))
    tw = words(text)
    ts = [_stem(w) for w in tw]
    hits = [i for i, (w, s) in enumerate(zip(tw, ts, strict=True)) if s in terms and w not in _STOP]

    def cues(lexicon: frozenset[str]) -> list[int]:
        if lexicon is DEBUNK_WORDS:  # with the refutation cues of the long texts (stems: "rubbish", "misinform...")
            return [
                i
                for i, (w, s) in enumerate(zip(tw, ts, strict=True))
                if w not in own and (w in lexicon or _is_cue(w, s, REFUTE_CUES))
            ]
        return [i for i, w in enumerate(tw) if w in lexicon and w not in own]

    def has(lexicon: frozenset[str]) -> float:
        return float(bool(cues(lexicon)))

    def near(lexicon: frozenset[str], window: int) -> float:
        return float(any(abs(c - h) <= window for c in cues(lexicon) for h in hits))

    def before(lexicon: frozenset[str], window: int) -> float:
        return float(any(0 < h - c <= window for c in cues(lexicon) for h in hits))

    stripped = text.strip()
    first = tw[0] if tw else ""
    claim_numbers = {w for w in cw if w.isdigit()}
    text_numbers = {w for w in tw if w.isdigit()}
    return [
        has(DEBUNK_WORDS),
        near(DEBUNK_WORDS, 4),
        has(DENIAL_VERBS),
        near(DENIAL_VERBS, 4),
        has(NEGATION_WORDS),
        near(NEGATION_WORDS, 3),
        before(NEGATION_WORDS, 3),
        float(first == "no"),
        float(any(w in NEGATION_WORDS for w in cw)),
        has(MODALS),
        has(REPORTING),
        near(REPORTING, 3),
        float("?" in stripped),
        float(stripped.endswith("?")),
        float(first in QUESTION_OPENERS and "?" in stripped),
        float(":" in stripped),
        float(_IF_WHETHER.search(stripped) is not None),
        has(CONFIRMATIONS),
        near(CONFIRMATIONS, 3),
        len(terms & set(ts)) / len(terms) if terms else 0.0,
        len(hits) / max(1, len(tw)),
        math.log1p(len(tw)),
        float(bool(claim_numbers) and bool(text_numbers) and not claim_numbers & text_numbers),
        float(any(w in DEATH_WORDS for w in cw)),
        float(text.isupper()),
        float(_ATTRIBUTION.search(stripped) is not None),
        has(SAYING),
        math.log1p(len(cues(MODALS)) + len(cues(REPORTING))),
        math.log1p(len(cues(DEBUNK_WORDS)) + len(cues(DENIAL_VERBS))),
    ]


# ---------------------------------------------------------------- headline features (short_features and more)

# attribution and hedging words the short lexicons lack ("Video purports to show...", "analyst predicts...")
ATTRIBUTION_HEDGES = _lexicon("""
    predict predicts predicted prediction accuse accuses accused accusing purport purports purported purportedly
    suspect suspects suspected monitors analyst analysts nears expects experts official officials claiming
    believed rumored rumoured speculation likely probably possibly perhaps
""")
# debunking phrases of more than one word, or slang ("kills rumor", "made it all up", "isn't real", "nope")
_DEBUNK_PHRASE = re.compile(
    r"\b(?:kills?\b.*\brumou?rs?|busts?|busted|trolls?|trolled|trolling|fact[- ]check(?:ed|s)?|not\s+real|"
    r"isn'?t\s+real|no\s+evidence|not\s+true|isn'?t\s+true|never\s+happened|exaggerated|bullshit|bs|inaccurate|"
    r"fooled|made\s+(?:it\s+(?:all\s+)?)?up|put\s+to\s+rest|record\s+straight|not\s+a\s+thing|nope|good\s+one|"
    r"mock(?:s|ed)?|makes?\s+fun|too\s+good\s+to\s+check|probably\s+not)\b",
    re.IGNORECASE,
)
ALIVE_WORDS = _lexicon("alive safe fine well recovering survived survives")
HEADLINE_FEATURES = (*SHORT_FEATURES, "attribution_hedge", "debunk_phrase", "alive_for_death")


def headline_features(claim: str, text: str) -> list[float]:
    """short_features and three more cues of a headline toward a claim (HEADLINE_FEATURES): an attribution or
    hedging word ("purports", "analyst", "suspected"), a debunking phrase the claim lacks ("kills rumor", "isn't
    real", "made it all up") and, for a claim that someone died, a word that they live ("alive", "safe")."""
    own = frozenset(words(claim))
    tw = [w for w in words(text) if w not in own]
    claims_death = any(w in DEATH_WORDS for w in own)
    return [
        *short_features(claim, text),
        float(any(w in ATTRIBUTION_HEDGES for w in tw)),
        float(_DEBUNK_PHRASE.search(text) is not None and _DEBUNK_PHRASE.search(claim) is None),
        float(claims_death and any(w in ALIVE_WORDS for w in tw)),
    ]


FEATURE_FUNCTIONS = {"short": short_features, "headline": headline_features}


def head_inputs(encoder_probs: npt.ArrayLike, features: Sequence[Sequence[float]]) -> npt.NDArray[np.float64]:
    """The head's inputs: the cross-encoder's log-probabilities, then the stance features."""
    logp = np.log(np.clip(np.asarray(encoder_probs, dtype=np.float64), 1e-6, 1.0))
    return np.hstack([logp, np.asarray(features, dtype=np.float64).reshape(len(logp), -1)])


def head_probabilities(
    head: dict[str, Any], encoder_probs: npt.ArrayLike, features: Sequence[Sequence[float]]
) -> FloatArray:
    """P(supports, refutes, discusses) from a layer of the head: a softmax layer over head_inputs
    (standardised), or over the features alone for a layer whose "features" is "short" or "headline"."""
    raw = (
        np.asarray(features, dtype=np.float64)
        if head.get("features") in FEATURE_FUNCTIONS
        else head_inputs(encoder_probs, features)
    )
    x = (raw - np.asarray(head["mean"])) / np.asarray(head["scale"])
    z = x @ np.asarray(head["weights"], dtype=np.float64) + np.asarray(head["bias"], dtype=np.float64)
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(z / z.sum(axis=1, keepdims=True), dtype=np.float32)


def is_short(text: str, head: dict[str, Any]) -> bool:
    """Whether a text gets the head of short texts (headlines, statements) rather than that of bodies."""
    return len(words(text)) <= int(head.get("short_words", 50))


def apply_head(
    head: dict[str, Any], claim: str, texts: Sequence[str], encoder_probs: FloatArray, *, headlines: bool = False
) -> FloatArray:
    """The head's P(supports, refutes, discusses): one softmax layer for short texts, one for long ones; a
    layer whose "features" is "short" reads short_features alone (not the cross-encoder's output). Texts the
    caller knows to be headlines get the "headline" layer where the head has one."""
    out = np.array(encoder_probs, dtype=np.float32)
    if headlines and "headline" in head:
        return _layer_probabilities(head["headline"], claim, texts, out)
    for kind in ("short", "long"):
        rows = [i for i, t in enumerate(texts) if is_short(t, head) == (kind == "short")]
        if rows and kind in head:
            out[rows] = _layer_probabilities(head[kind], claim, [texts[i] for i in rows], out[rows])
    return out


def _layer_probabilities(
    layer: dict[str, Any], claim: str, texts: Sequence[str], encoder_probs: FloatArray
) -> FloatArray:
    """One layer of the head over the texts, with the features it reads (short_features, headline_features or
    stance_features)."""
    feature_fn = FEATURE_FUNCTIONS.get(layer.get("features", ""), stance_features)
    return head_probabilities(layer, encoder_probs, [feature_fn(claim, t) for t in texts])


# ---------------------------------------------------------------- pair encoding


@dataclass(frozen=True)
class PairEncoder:
    """Turns (claim, text) into word-piece ids [CLS] claim [SEP] text [SEP] within max_length."""

    tokenizer: Any
    max_length: int = 160
    max_claim: int = 48

    def ids(self, claim: str, text: str) -> tuple[list[int], int]:
        """The pair's ids and where the text part starts."""
        tok = self.tokenizer
        cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
        c = tok.encode(claim, add_special_tokens=False).ids[: self.max_claim]
        budget = max(8, self.max_length - len(c) - 3)
        sents = split_sentences(text) or [text]
        encs = tok.encode_batch(sents, add_special_tokens=False)
        lengths = [len(e.ids) for e in encs]
        chosen = select_sentences(claim, sents, lengths, budget)
        t = [i for k in chosen for i in encs[k].ids][:budget]
        return [cls, *c, sep, *t, sep], len(c) + 2


def batch_arrays(rows: Sequence[tuple[list[int], int]], pad: int) -> dict[str, npt.NDArray[np.int64]]:
    length = max(len(r) for r, _ in rows)
    ids = np.full((len(rows), length), pad, dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=np.int64)
    types = np.zeros((len(rows), length), dtype=np.int64)
    for i, (r, split) in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
        types[i, split : len(r)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class StancePrediction:
    """label: the most probable of LABELS; probabilities: one per label, in LABELS order, summing to 1."""

    label: str
    probabilities: dict[str, float]

    @property
    def related(self) -> float:
        return 1.0 - self.probabilities["unrelated"]


class StanceModel:
    """Stance of texts toward a claim. `StanceModel.load()` reads the files shipped in sayso/models/stance."""

    def __init__(self, session: Any, tokenizer: Any, config: dict[str, Any]) -> None:
        self._session = session
        self.config = config
        self.encoder = PairEncoder(tokenizer, int(config.get("max_length", 160)), int(config.get("max_claim", 48)))
        self.batch_size = int(config.get("batch_size", 32))
        self._pad = int(tokenizer.token_to_id("[PAD]"))
        self._inputs = {i.name for i in session.get_inputs()}
        gate = config["gate"]
        self._gate_w = [float(w) for w in gate["weights"]]
        self._gate_b = float(gate["bias"])
        self._gate_mean = np.asarray(gate.get("mean", [0.0] * len(self._gate_w)), dtype=np.float64)
        self._gate_scale = np.asarray(gate.get("scale", [1.0] * len(self._gate_w)), dtype=np.float64)
        self.head: dict[str, Any] | None = config.get("head")

    @classmethod
    def load(cls, directory: Path | str | None = None, threads: int | None = None) -> StanceModel:
        from sayso.config import settings

        folder = Path(directory) if directory is not None else settings().stance_dir
        paths = [folder / n for n in ("model.onnx", "tokenizer.json", "config.json")]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise ModelError(f"stance model missing in {folder}: {', '.join(missing)}")
        n = settings().threads if threads is None else threads
        try:
            return cls(onnx.session(paths[0], n), onnx.tokenizer(paths[1]), json.loads(paths[2].read_text()))
        except Exception as exc:  # onnxruntime, tokenizers and json raise their own types
            raise ModelError(f"stance model unreadable in {folder}: {exc}") from exc

    def relatedness(self, claim: str, texts: Sequence[str]) -> FloatArray:
        """P(related) of each text to the claim, from the lexical gate alone."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        x = (np.asarray([gate_features(claim, t) for t in texts]) - self._gate_mean) / self._gate_scale
        return gate_probability(x, self._gate_w, self._gate_b)

    def stance_probabilities(
        self, claim: str, texts: Sequence[str], only: Sequence[int] | None = None, *, headlines: bool = False
    ) -> FloatArray:
        """P(supports, refutes, discusses | related) of each text (of those with index in `only` when
        given), from the cross-encoder; other rows, and those of empty texts or an empty claim, are uniform.
        headlines=True: the texts are headlines (the head's "headline" layer, where it has one)."""
        out = np.full((len(texts), len(STANCES)), 1.0 / len(STANCES), dtype=np.float32)
        idx = range(len(texts)) if only is None else only
        todo = [i for i in idx if texts[i].strip()] if claim.strip() else []
        rows = {i: self.encoder.ids(claim, texts[i]) for i in todo}
        by_length = sorted(todo, key=lambda i: len(rows[i][0]))
        for b in range(0, len(by_length), self.batch_size):
            chunk = by_length[b : b + self.batch_size]
            out[chunk] = self._run([rows[i] for i in chunk])
        if self.head is not None and todo:
            out[todo] = apply_head(self.head, claim, [texts[i] for i in todo], out[todo], headlines=headlines)
        return out

    def encoder_probabilities(self, claim: str, texts: Sequence[str]) -> FloatArray:
        """The cross-encoder's own P(supports, refutes, discusses) of each text, before the head."""
        head, self.head = self.head, None
        try:
            return self.stance_probabilities(claim, texts)
        finally:
            self.head = head

    def predict(
        self, claim: str, texts: Sequence[str], *, all_stances: bool = False, headlines: bool = False
    ) -> list[StancePrediction]:
        """The stance of each text toward the claim (see the module doc); empty texts are unrelated.

        The cross-encoder runs only where P(related) > 0.5 (elsewhere `unrelated` wins whatever it says,
        and the three stance probabilities share P(related) equally); all_stances=True runs it on every
        text, for callers that compare the stances alone. headlines=True: the texts are headlines."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        related = self.relatedness(claim, texts)
        only = None if all_stances else [i for i in range(len(texts)) if related[i] > 0.5]
        stance = self.stance_probabilities(claim, texts, only, headlines=headlines)
        preds = []
        for i, text in enumerate(texts):
            rel = float(related[i]) if text.strip() and claim.strip() else 0.0
            probs = [rel * float(p) for p in stance[i]] + [1.0 - rel]
            label = LABELS[int(np.argmax(probs))]
            preds.append(StancePrediction(label, {k: round(v, 5) for k, v in zip(LABELS, probs, strict=True)}))
        return preds

    def __call__(self, claim: str, texts: Sequence[str]) -> list[str]:
        """The most probable of supports / refutes / discusses for each text, unrelated left out (for
        texts already known to be about the claim, e.g. the statements of one claim cluster)."""
        return [max(STANCES, key=p.probabilities.__getitem__) for p in self.predict(claim, texts, all_stances=True)]

    def _run(self, rows: Sequence[tuple[list[int], int]]) -> FloatArray:
        feed = {k: v for k, v in batch_arrays(rows, self._pad).items() if k in self._inputs}
        logits = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        z = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return np.asarray(z / z.sum(axis=-1, keepdims=True), dtype=np.float32)
