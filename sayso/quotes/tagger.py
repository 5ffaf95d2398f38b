"""Learned quote-attribution span model: a MiniLM token tagger (ONNX, int8) plus linking rules.

The tagger labels every word of an article with BIO tags for SOURCE, CUE and CONTENT (trained on
PolNeAR). Long articles run as overlapping windows; each token keeps the prediction of the window in
which it lies most centrally. Tagged spans are then linked into attributions: every cue anchors one;
content spans join the nearest cue in the same or an adjacent sentence (on either side, so a quote
split by "he said" gives one attribution with two fragments), except that words before a cue must share
its sentence (PolNeAR dev: content in the sentence before a cue was another statement far more often than a
first fragment), and words before a cue that follow another cue of their sentence lean to that earlier cue;
a source joins its nearest cue in the same sentence; content with no cue near becomes an
attribution without cue, unless it goes straight on from linked content with only marks between.

Only onnxruntime (with onnx, which trims the graph at load: sayso/onnx.py), tokenizers and numpy are used at
run time.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sayso import onnx
from sayso.errors import ModelError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "models" / "quote_tagger"
ROLES = ("SOURCE", "CUE", "CONTENT")
FloatArray = npt.NDArray[np.float32]
Span = tuple[int, int]

NEIGHBOURS = 2  # cues (and sources) looked at on each side of a span
MAX_CONTENT_GAP = 1  # content joins a cue in the same or an adjacent sentence
SENTENCE_COST = 80  # characters a sentence boundary between content and cue counts as
# content before a cue that another cue of its sentence precedes ("Lee told the council that X, saying that Y":
# X is what "told" introduces) costs this many characters more to link to the later cue (PolNeAR dev: flat
# from 15 to 80)
BEFORE_COST = 40
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "supt",
        "det",
        "insp",
        "adm",
        "cmdr",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
    }
)
# a sentence ends at . ! or ? (closing marks after it) before a capital or digit, with up to two opening
# marks between ("assessments. ''We should": newspapers write a quote opening as two apostrophes)
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]{0,2}[A-Z0-9])|\n\s*")


@dataclass(frozen=True)
class TaggedAttribution:
    content_spans: tuple[Span, ...]
    cue_span: Span | None
    source_span: Span | None
    confidence: float


# what joins a second clause of reported words to the first: "said she is fine, and that rumours ... are untrue"
AND_THAT = re.compile(r",?\s+and\s+(?=that\s)", re.IGNORECASE)


def join_and_that_clauses(text: str, tagged: list[TaggedAttribution]) -> list[TaggedAttribution]:
    """ "has said she is fine, and that rumours of her capture are untrue": a second clause the tagger tagged apart
    (words with no cue or source, or with its verb for a cue: "are untrue", and the same source), right after the
    first's words and joined by "and that", goes on the first's words."""
    out: list[TaggedAttribution] = []
    for cand in sorted(tagged, key=lambda t: t.content_spans[0][0] if t.content_spans else -1):
        first = out[-1] if out else None
        if first is not None and first.content_spans and cand.content_spans and _goes_on(text, first, cand):
            end = max(cand.content_spans[-1][1], cand.cue_span[1] if cand.cue_span else 0)
            spans = (*first.content_spans[:-1], (first.content_spans[-1][0], end))
            out[-1] = TaggedAttribution(spans, first.cue_span, first.source_span, first.confidence)
            continue
        out.append(cand)
    return out


def _goes_on(text: str, first: TaggedAttribution, then: TaggedAttribution) -> bool:
    own_source = then.source_span is not None and then.source_span != first.source_span
    cue_before = then.cue_span is not None and then.cue_span[0] < then.content_spans[0][0]
    if own_source or cue_before or first.cue_span is None:
        return False
    start = then.content_spans[0][0]
    gap = AND_THAT.match(text, first.content_spans[-1][1])  # ("that" in the second's words or not)
    return gap is not None and gap.end() in (start, start + len("that "))


@dataclass(frozen=True)
class RoleSpan:
    """One tagged span: role is SOURCE, CUE or CONTENT; prob the mean probability of its tags."""

    role: str
    start: int
    end: int
    prob: float = 1.0


@dataclass
class _Group:
    cue: RoleSpan | None
    contents: list[RoleSpan] = field(default_factory=list)
    source: RoleSpan | None = None


@dataclass(frozen=True)
class _Encoded:
    ids: npt.NDArray[np.int64]
    offsets: list[Span]
    first: npt.NDArray[np.bool_]


# ---------------------------------------------------------------- sentences and linking


class Sentences:
    """Sentence index of a character offset, from a light rule-based splitter."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [
            m.end() for m in _SENT_END.finditer(text) if "\n" in m.group() or not _abbreviation(text, m.start())
        ]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def gap(self, a: RoleSpan, b: RoleSpan) -> int:
        """Sentences between two spans: 0 when they share a sentence."""
        a0, a1 = self.index(a.start), self.index(max(a.start, a.end - 1))
        b0, b1 = self.index(b.start), self.index(max(b.start, b.end - 1))
        return max(0, b0 - a1, a0 - b1)


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at text[dot] ends a title or an initial ("Mr.", "Sen.", "W.")."""
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    return word is not None and (word.group().lower() in _ABBREVIATIONS or len(word.group()) == 1)


def _char_gap(a: RoleSpan, b: RoleSpan) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _neighbours(starts: list[int], span: RoleSpan, k: int) -> range:
    """Indices of the k cues before and the k cues after a span (cues sorted by start)."""
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end)
    return range(max(0, lo - k), min(len(starts), hi + k))


def _side(span: RoleSpan, cue: RoleSpan) -> int:
    """0: span before the cue; 1: after it; 2: around or inside it."""
    if span.end <= cue.start:
        return 0
    return 1 if span.start >= cue.end else 2


def _content_pairs(
    text: str, contents: list[RoleSpan], cues: list[RoleSpan], sents: Sentences
) -> list[tuple[int, ...]]:
    """(cost, content index, cue index, side) for each cue near enough to a content span."""
    starts = [c.start for c in cues]
    pairs: list[tuple[int, ...]] = []
    for ci, content in enumerate(contents):
        for k in _neighbours(starts, content, NEIGHBOURS):
            gap = sents.gap(content, cues[k])
            side = _side(content, cues[k])
            if side == 1 and _new_paragraph(text, cues[k], content):
                continue
            if gap <= (0 if side == 0 else MAX_CONTENT_GAP):
                cost = _char_gap(content, cues[k]) + SENTENCE_COST * gap
                if side == 0 and _cue_before(cues, k, content, sents):
                    cost += BEFORE_COST
                pairs.append((cost, ci, k, side))
    return sorted(pairs)


def _new_paragraph(text: str, cue: RoleSpan, content: RoleSpan) -> bool:
    """Whether words after a cue open a new paragraph of their own: not a quote going on there, nor the
    words that a colon at the cue's paragraph end introduces ('“Mostly False.“\n\nThe rate is ...': a
    stray mark, then the article's own words)."""
    word = next((i for i in range(content.start, content.end) if text[i].isalnum()), content.end)
    between = text[cue.end : word]
    if "\n" not in between:
        return False
    lead = between[between.rfind("\n") + 1 :].strip()
    return not lead and not text[cue.start : cue.end + between.find("\n")].rstrip().endswith(":")


def _cue_before(cues: list[RoleSpan], k: int, content: RoleSpan, sents: Sentences) -> bool:
    """Whether one of the cues before cue k comes before the content span in the same sentence."""
    return any(c.end <= content.start and sents.gap(c, content) == 0 for c in cues[max(0, k - NEIGHBOURS) : k])


def _source_for(cue: RoleSpan, sources: list[RoleSpan], starts: list[int], sents: Sentences) -> RoleSpan | None:
    near = [sources[k] for k in _neighbours(starts, cue, NEIGHBOURS) if sents.gap(sources[k], cue) == 0]
    return min(near, key=lambda s: _char_gap(s, cue), default=None)


def link(text: str, spans: Sequence[RoleSpan]) -> list[TaggedAttribution]:
    """Group tagged spans into attributions (see the module doc)."""
    sents = Sentences(text)
    by_role = {r: sorted((s for s in spans if s.role == r), key=lambda s: s.start) for r in ROLES}
    cues, sources = by_role["CUE"], by_role["SOURCE"]
    contents = [c for c in by_role["CONTENT"] if any(ch.isalnum() for ch in text[c.start : c.end])]
    groups = [_Group(cue) for cue in cues]
    used: dict[int, int] = {}  # content index -> its cue's index
    slots: set[tuple[int, int]] = set()
    for _cost, ci, k, side in _content_pairs(text, contents, cues, sents):
        if ci not in used and (k, side) not in slots:
            used[ci] = k
            slots.add((k, side))
            groups[k].contents.append(contents[ci])
    for ci in range(1, len(contents)):
        if ci not in used and ci - 1 in used and _continues(text, contents[ci - 1], contents[ci]):
            used[ci] = used[ci - 1]
            groups[used[ci]].contents.append(contents[ci])
    source_starts = [s.start for s in sources]
    for g in groups:
        if g.contents and g.cue is not None:
            g.source = _source_for(g.cue, sources, source_starts, sents)
    loose = [_Group(None, [c]) for i, c in enumerate(contents) if i not in used]
    found = [_attribution(g) for g in groups + loose if g.contents]
    return sorted(found, key=lambda a: a.content_spans)


def _continues(text: str, before: RoleSpan, after: RoleSpan) -> bool:
    """Content that the tagger broke off right after linked content, with only marks between ("... history
    books -- ''the president but also the slave''"), goes on in the same statement (same paragraph)."""
    word = next((i for i in range(after.start, after.end) if text[i].isalnum()), after.end)
    gap = text[before.end : word]  # the marks opening the later span count: '“Mostly False.“\n\nThe rate'
    return not any(ch.isalnum() for ch in gap) and "\n" not in gap


def _attribution(group: _Group) -> TaggedAttribution:
    parts = [*group.contents, *(x for x in (group.cue, group.source) if x is not None)]
    confidence = sum(p.prob for p in parts) / len(parts)
    return TaggedAttribution(
        content_spans=tuple(sorted((c.start, c.end) for c in group.contents)),
        cue_span=None if group.cue is None else (group.cue.start, group.cue.end),
        source_span=None if group.source is None else (group.source.start, group.source.end),
        confidence=round(float(confidence), 4),
    )


# ---------------------------------------------------------------- decoding


def _allowed(labels: Sequence[str]) -> npt.NDArray[np.float64]:
    """Transition scores: 0 where allowed, -inf where I-X would follow anything but B-X or I-X."""
    n = len(labels)
    trans = np.zeros((n, n))
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            for i, prev in enumerate(labels):
                if prev[2:] != lab[2:]:
                    trans[i, j] = -np.inf
    return trans


def viterbi(logp: npt.NDArray[np.float64], labels: Sequence[str]) -> list[int]:
    """Best tag path under BIO constraints; logp is (words, labels) log-probabilities.

    A transition is allowed (score 0) or not (-inf), so the best way into a label is the best score among
    the labels allowed before it, ties to the lowest index, as numpy's argmax over the full transition
    matrix gives it: the same floats and path, in plain Python (numpy's per-step calls on 7 labels cost
    more than the arithmetic)."""
    if len(logp) == 0:
        return []
    trans = _allowed(labels)
    n = len(labels)
    # labels every label may follow (None: all of them)
    before: list[list[int] | None] = [
        None if all(trans[:, j] == 0) else [i for i in range(n) if trans[i, j] == 0] for j in range(n)
    ]
    rows: list[list[float]] = logp.tolist()
    score = [-math.inf if lab.startswith("I-") else 0.0 for lab in labels]
    score = [s + x for s, x in zip(score, rows[0], strict=True)]
    back: list[list[int]] = [[0] * n]
    for row in rows[1:]:
        top = max(score)
        top_at = score.index(top)
        step: list[int] = []
        new: list[float] = []
        for j in range(n):
            allowed = before[j]
            if allowed is None:
                best, at = top, top_at
            else:
                best, at = -math.inf, -1
                for i in allowed:
                    if score[i] > best:
                        best, at = score[i], i
                if at < 0:  # every way in is -inf: numpy's argmax of a column of -inf is 0
                    at = 0
            step.append(at)
            new.append(best + row[j])
        back.append(step)
        score = new
    path = [score.index(max(score))]
    for t in range(len(rows) - 1, 0, -1):
        path.append(back[t][path[-1]])
    return path[::-1]


def trim_whitespace(text: str, start: int, end: int) -> Span:
    """The span without surrounding whitespace (shared with training/polnear.py)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tags_to_spans(text: str, word_spans: Sequence[Span], tags: Sequence[str], probs: Sequence[float]) -> list[RoleSpan]:
    """BIO tags of words (with their char spans) to trimmed role spans."""
    out: list[RoleSpan] = []
    cur: list[int] = []

    def close() -> None:
        if cur:
            s, e = trim_whitespace(text, word_spans[cur[0]][0], word_spans[cur[-1]][1])
            if s < e:
                prob = sum(probs[k] for k in cur) / len(cur)
                out.append(RoleSpan(tags[cur[0]][2:], s, e, prob))
            cur.clear()

    for k, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-"):
            close()
        if tag != "O":
            cur.append(k)
    close()
    return out


# ---------------------------------------------------------------- the model


def _windows(n: int, width: int, stride: int) -> list[tuple[int, int, int, int]]:
    """(start, end, keep_from, keep_to) token ranges: windows of ``width`` tokens every ``stride``, the
    last one cut at the text's end (not moved back over its neighbour: a text of 400 tokens is windows of
    382 and 82, not two of 382); each token is kept from the window whose shared part it lies in the
    middle of, so it sees at least (width - stride) / 2 tokens on each side that its window also holds."""
    if n <= width:
        return [(0, n, 0, n)]
    starts = list(range(0, n - (width - stride), stride))
    ends = [min(n, s + width) for s in starts]
    bounds = [0] + [(b + e) // 2 for b, e in zip(starts[1:], ends, strict=False)] + [n]
    return [(s, e, bounds[k], bounds[k + 1]) for k, (s, e) in enumerate(zip(starts, ends, strict=True))]


def _batch_size(config: dict[str, Any]) -> int:
    """Windows a run (the model's config.json)."""
    return int(config.get("batch_size", 16))


class QuoteTagger:
    """Finds attributions (source, cue, content spans) in article text."""

    def __init__(self, session: Any, tokenizer: Any, config: dict[str, Any]) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.labels: list[str] = list(config["labels"])
        self.max_length = int(config.get("max_length", 256))
        self.stride = int(config.get("stride", self.max_length // 2))
        self.batch_size = _batch_size(config)
        # added to the log-probabilities before decoding (a negative B- bias merges split spans)
        self.log_bias = np.asarray(config.get("log_bias", [0.0] * len(self.labels)), dtype=np.float64)
        self._cls = int(tokenizer.token_to_id("[CLS]"))
        self._sep = int(tokenizer.token_to_id("[SEP]"))
        self._pad = int(tokenizer.token_to_id("[PAD]"))
        self._inputs = {i.name for i in session.get_inputs()}

    @classmethod
    def load(cls, directory: Path | None = None, threads: int | None = None) -> QuoteTagger:
        folder = Path(directory) if directory is not None else DEFAULT_DIR
        paths = [folder / n for n in ("model.onnx", "tokenizer.json", "config.json")]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise ModelError(f"quote tagger model missing in {folder}: {', '.join(missing)}")
        try:
            config = json.loads(paths[2].read_text())
            # windows never send a row of padding only; one window a run (batch_size 1) sends no padding at all
            unpadded = _batch_size(config) == 1
            session = onnx.session(paths[0], threads, lean=True, unpadded=unpadded)
            return cls(session, onnx.tokenizer(paths[1]), config)
        except Exception as exc:  # onnxruntime and tokenizers raise their own types
            raise ModelError(f"quote tagger model unreadable in {folder}: {exc}") from exc

    def attributions(self, text: str) -> list[TaggedAttribution]:
        return self.attributions_batch([text])[0]

    def attributions_batch(self, texts: Sequence[str]) -> list[list[TaggedAttribution]]:
        return [link(text, spans) for text, spans in zip(texts, self.spans_batch(texts), strict=True)]

    def spans_batch(self, texts: Sequence[str]) -> list[list[RoleSpan]]:
        """Tagged role spans of each text, before linking."""
        encoded = [self._encode(t) for t in texts]
        probs = self._probabilities(encoded)
        return [self._decode(t, e, p) for t, e, p in zip(texts, encoded, probs, strict=True)]

    def _encode(self, text: str) -> _Encoded:
        if not text.strip():
            return _Encoded(np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=bool))
        enc = self._tokenizer.encode(text, add_special_tokens=False)
        words = enc.word_ids
        first = np.array([True, *(a != b for a, b in zip(words, words[1:], strict=False))][: len(words)], dtype=bool)
        return _Encoded(np.asarray(enc.ids, dtype=np.int64), list(enc.offsets), first)

    def _probabilities(self, encoded: Sequence[_Encoded]) -> list[FloatArray]:
        return [self._doc_probabilities(e.ids) for e in encoded]

    def _doc_probabilities(self, ids: npt.NDArray[np.int64]) -> FloatArray:
        """Label probabilities of each token. Batches hold windows of one document only, so a document gets
        the same result whatever it is batched with; all are of one width but a document's last, so with
        batch_size 1 (the shipped model's) no run is padded, and the session runs without the attention mask
        (`onnx.unmasked_graph`)."""
        out = np.zeros((len(ids), len(self.labels)), dtype=np.float32)
        for batch in _chunks(_windows(len(ids), self.max_length - 2, self.stride), self.batch_size):
            rows = [ids[s:e] for s, e, _, _ in batch]
            for (s, _, k0, k1), p in zip(batch, self._run(rows), strict=True):
                out[k0:k1] = p[k0 - s : k1 - s]
        return out

    def _run(self, rows: Sequence[npt.NDArray[np.int64]]) -> list[FloatArray]:
        if not rows:
            return []
        length = max(len(r) for r in rows) + 2
        ids = np.full((len(rows), length), self._pad, dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r) + 2] = np.concatenate([[self._cls], r, [self._sep]])
            mask[i, : len(r) + 2] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        logits = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        z = np.exp(logits - logits.max(axis=-1, keepdims=True))
        probs = z / z.sum(axis=-1, keepdims=True)
        return [probs[i, 1 : len(r) + 1] for i, r in enumerate(rows)]

    def _decode(self, text: str, enc: _Encoded, probs: FloatArray) -> list[RoleSpan]:
        if len(enc.ids) == 0:
            return []
        starts = np.flatnonzero(enc.first)
        ends = np.append(starts[1:], len(enc.ids)) - 1
        word_spans = [(enc.offsets[s][0], enc.offsets[e][1]) for s, e in zip(starts, ends, strict=True)]
        wp = probs[starts].astype(np.float64)
        path = viterbi(np.log(np.clip(wp, 1e-9, 1.0)) + self.log_bias, self.labels)
        tags = [self.labels[k] for k in path]
        chosen: list[float] = wp[np.arange(len(path)), path].tolist()
        return tags_to_spans(text, word_spans, tags, chosen)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
