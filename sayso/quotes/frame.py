"""The article as the quote rules see it: text, tokens, quoted spans, sentence and paragraph ends."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from sayso.quotes.cues import is_speech_verb
from sayso.quotes.marks import QuotedSpan, find_quotes

Span = tuple[int, int]
TRAILING_PUNCT = " \t\n\u00a0,;:—–-\"'“”‘’«»"


@dataclass
class Frame:
    text: str
    doc: Doc
    quotes: list[QuotedSpan] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, doc: Doc) -> Frame:
        return cls(text=text, doc=doc, quotes=find_quotes(text))

    @cached_property
    def tokens(self) -> list[Token]:
        """The doc's tokens, made once: spaCy makes a new Token object at every index into the doc and every
        step over it or over a slice of it."""
        return list(self.doc)

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.idx for t in self.tokens]

    @cached_property
    def _token_ends(self) -> list[int]:
        """Where each token ends: increasing, as tokens follow one another without overlapping."""
        return [t.idx + len(t) for t in self.tokens]

    @cached_property
    def outer_quotes(self) -> list[QuotedSpan]:
        return [q for q in self.quotes if q.depth == 0]

    def token_index_at(self, char: int) -> int:
        """Index of the token covering (or starting after) a character offset."""
        i = bisect.bisect_right(self.token_starts, char) - 1
        return max(0, i)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens that start at or after ``start`` and end by ``end``."""
        i = bisect.bisect_left(self.token_starts, start)
        j = bisect.bisect_left(self.token_starts, end)
        return self.tokens[i : bisect.bisect_right(self._token_ends, end, i, max(i, j))]

    @cached_property
    def speech_verbs(self) -> list[Token]:
        """The tokens that are speech verbs tagged as verbs (VERB or AUX), in order: the cues the rules look for."""
        return [t for t in self.tokens if is_speech_verb(t.text) and t.pos_ in {"VERB", "AUX"}]

    @cached_property
    def _speech_verb_bounds(self) -> tuple[list[int], list[int]]:
        return [t.idx for t in self.speech_verbs], [t.idx + len(t) for t in self.speech_verbs]

    def speech_verbs_between(self, start: int, end: int) -> list[Token]:
        """`speech_verbs` among `tokens_between` (start, end), in the same order."""
        starts, ends = self._speech_verb_bounds
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end)
        return self.speech_verbs[i : bisect.bisect_right(ends, end, i, max(i, j))]

    @cached_property
    def _outer_opens(self) -> list[int]:
        return [q.open for q in self.outer_quotes]

    def quote_around(self, char: int) -> QuotedSpan | None:
        """The outer quoted span whose marks enclose a character, if any (outer spans never overlap)."""
        i = bisect.bisect_left(self._outer_opens, char) - 1
        if i >= 0 and char < self.outer_quotes[i].close:
            return self.outer_quotes[i]
        return None

    def paragraph_bounds(self, char: int) -> Span:
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return (start, len(self.text) if end < 0 else end)

    @cached_property
    def splitter_ends(self) -> list[int]:
        """Every sentence end from the sentence splitter, in order."""
        return [sent.end_char for sent in self.doc.sents]

    def splitter_end_after(self, char: int) -> int:
        """The first sentence end (inside quotes too) after a character offset; the text's end if none."""
        i = bisect.bisect_right(self.splitter_ends, char)
        return self.splitter_ends[i] if i < len(self.splitter_ends) else len(self.text)

    @cached_property
    def sentence_ends(self) -> list[int]:
        """Sentence ends from the sentence splitter, except those inside quoted spans."""
        return [
            end
            for end in self.splitter_ends
            if self.quote_around(end - 1) is None or self.text[end - 1] in '"”’\''
        ]

    def sentence_end_after(self, char: int) -> int:
        """End of the sentence that goes on at char, not counting ends inside quotes or past the paragraph."""
        para_end = self.paragraph_bounds(char)[1]
        i = bisect.bisect_right(self.sentence_ends, char)
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        quote = self.quote_around(min(end, len(self.text) - 1))
        if quote is not None and quote.open >= char:
            end = self.sentence_end_after(quote.close + 1)
        return min(end, para_end)

    def sentence_start_before(self, char: int) -> int:
        para_start = self.paragraph_bounds(char)[0]
        i = bisect.bisect_left(self.sentence_ends, char + 1) - 1
        start = self.sentence_ends[i] if i >= 0 else 0
        return max(start, para_start)


def trim(text: str, span: Span, extra: str = "") -> Span | None:
    """Strip whitespace, commas, dashes and quote marks (and `extra`) from both ends of a span."""
    chars = TRAILING_PUNCT + extra
    s, e = span
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return (s, e) if e > s else None


def trim_content(text: str, span: Span) -> Span | None:
    """A content span without its outer marks and the sentence's final period."""
    return trim(text, span, ".")
