"""Quote-mark pairing that survives curly/straight mixes, nested single quotes, quotes running over
several paragraphs (an opening mark on each, a closing one only at the end) and odd mark counts.

A mark's role (opens / closes) is read from its context first (a space before and a letter after opens;
a letter or punctuation before and a space after closes), from its glyph second, and toggled last.
A quote left open at the end of a paragraph continues only when the next paragraph opens with a mark;
otherwise it is dropped, so an odd number of marks loses one quote, never the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

DOUBLE_OPENERS = "“„«‟"
DOUBLE_CLOSERS = "”»"
DOUBLE_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + '"'
SINGLE_OPENERS = "‘‚"
SINGLE_CLOSERS = "’"
SINGLE_MARKS = SINGLE_OPENERS + SINGLE_CLOSERS + "'"
OPEN_CONTEXT = set(" \t\n\u00a0([{—–-/") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
CLOSE_CONTEXT = set(" \t\n\u00a0)]},.;:!?—–-…/") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
PARAGRAPH_BREAK = re.compile(r"\n")


class Role(Enum):
    OPENS = "opens"
    CLOSES = "closes"
    EITHER = "either"


@dataclass(frozen=True)
class QuotedSpan:
    """A pair of marks: ``open`` and ``close`` are the marks' offsets; the words lie between."""

    open: int
    close: int
    depth: int  # 0: the outer (double) marks; 1: single marks inside them

    @property
    def inner(self) -> tuple[int, int]:
        return (self.open + 1, self.close)

    @property
    def outer(self) -> tuple[int, int]:
        return (self.open, self.close + 1)


def mark_role(text: str, i: int, openers: str, closers: str) -> Role:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens_here = before in OPEN_CONTEXT and after not in " \t\n\u00a0"
    closes_here = before not in " \t\n\u00a0" and after in CLOSE_CONTEXT
    if opens_here and not closes_here:
        return Role.OPENS
    if closes_here and not opens_here:
        return Role.CLOSES
    if text[i] in openers:
        return Role.OPENS
    if text[i] in closers:
        return Role.CLOSES
    return Role.EITHER


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]


def _opens_paragraph(text: str, i: int) -> bool:
    """Whether the mark at i is the first non-space character of its line."""
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()


def double_quotes(text: str) -> list[QuotedSpan]:
    """Top-level quoted spans (double marks of any style), in text order."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and not _continues_next_paragraph(text, i, _kind(text, open_at, i)):
            open_at = None  # unclosed at paragraph end and not continued: drop it
            continue
        if ch not in DOUBLE_MARKS:
            continue
        role = mark_role(text, i, DOUBLE_OPENERS, DOUBLE_CLOSERS)
        if open_at is None:
            if role is not Role.CLOSES:
                open_at = i
        elif role is Role.OPENS and _opens_paragraph(text, i) and text.rfind("\n", open_at, i) >= 0:
            continue  # a multi-paragraph quote re-opens each paragraph
        elif role is Role.OPENS:
            open_at = i  # the earlier mark was stray; start again here
        else:
            spans.append(QuotedSpan(open_at, i, 0))
            open_at = None
    return spans


def _kind(text: str, open_at: int, newline: int) -> str | None:
    """The mark that opened a quote still open at a line break, when it opened in that line (a quote
    already running over paragraphs may hold nested quotes of any style): its next paragraph must open
    with a mark of the same kind."""
    return text[open_at] if text.rfind("\n", open_at, newline) < 0 else None


def _continues_next_paragraph(text: str, newline: int, opener: str | None = None) -> bool:
    """A quote still open at a line break goes on when the next non-blank line opens with a mark, of the
    kind of ``opener`` where given ('"Kevin was asleep.' then '“Here he is,” she said.': the straight mark
    was stray)."""
    j = newline
    while j < len(text) and text[j] in " \t\n\u00a0\r":
        j += 1
    if j >= len(text) or text[j] not in DOUBLE_MARKS:
        return False
    if opener is not None and (text[j] == '"') != (opener == '"'):
        return False
    return mark_role(text, j, DOUBLE_OPENERS, DOUBLE_CLOSERS) is not Role.CLOSES


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, Johnson's
    # '90s, 'em: an opening-looking mark before digits or a known elision
    return after.isdigit() and not before.isalnum()


def single_quotes_within(text: str, outer: QuotedSpan) -> list[QuotedSpan]:
    """Quotes in single marks nested inside one double-quoted span."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    start, end = outer.inner
    for i in range(start, end):
        if text[i] not in SINGLE_MARKS or _is_apostrophe(text, i):
            continue
        role = mark_role(text, i, SINGLE_OPENERS, SINGLE_CLOSERS)
        if open_at is None and role is Role.OPENS:
            open_at = i
        elif open_at is not None and role is not Role.OPENS:
            spans.append(QuotedSpan(open_at, i, 1))
            open_at = None
    if open_at is not None and end - open_at > 1 and text[end - 1] not in SINGLE_MARKS:
        # "... said, 'Boris, I don't want to hurt you.”: the single close merged into the double one
        spans.append(QuotedSpan(open_at, end, 1))
    return spans


def find_quotes(text: str) -> list[QuotedSpan]:
    """All quoted spans: double-mark spans and the single-mark spans nested in them; in an article quoted
    the British way ('single marks outside, "double" inside'), single-mark spans and the double-mark ones
    nested in them."""
    outer = double_quotes(text)
    singles = single_quotes(text)
    if _single_marks_lead(outer, singles):
        return _single_style(text, outer, singles)
    nested = [inner for span in outer for inner in single_quotes_within(text, span)]
    # "'The Prime Minister is in denial,' she told the Commons" in an article quoting mostly with double marks
    # (not a paragraph of its own there: "'Legend in the Coal Fields.'" heads a section)
    alone = [
        s
        for s in singles
        if not any(o.open <= s.close and s.open <= o.close for o in outer) and not _whole_paragraph(text, s)
    ]
    return sorted(outer + nested + alone, key=lambda s: (s.open, -s.close))


def _whole_paragraph(text: str, span: QuotedSpan) -> bool:
    end = text.find("\n", span.close)
    return _opens_paragraph(text, span.open) and not text[span.close + 1 : len(text) if end < 0 else end].strip()


def _inside(span: QuotedSpan, spans: list[QuotedSpan]) -> bool:
    return any(o.open < span.open and span.close < o.close for o in spans)


def _single_marks_lead(doubles: list[QuotedSpan], singles: list[QuotedSpan]) -> bool:
    """Whether more quotes open with single marks than with double ones, counting only the outermost."""
    own = [s for s in singles if not _inside(s, doubles)]
    return len(own) > len([d for d in doubles if not _inside(d, singles)])


def _single_style(text: str, doubles: list[QuotedSpan], singles: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-mark spans outside, the double-mark spans inside them nested; a double-mark span outside every
    single-mark one (and crossing none) stays outer."""
    outer = [s for s in singles if not _inside(s, doubles)]
    inner = [QuotedSpan(d.open, d.close, 1) for d in doubles if _inside(d, outer)]
    alone = [d for d in doubles if not any(o.open <= d.close and d.open <= o.close for o in outer)]
    return sorted(outer + alone + inner, key=lambda s: (s.open, -s.close))


def single_quotes(text: str) -> list[QuotedSpan]:
    """Spans in single marks ('like this'), over paragraphs as double_quotes; apostrophes ("don't", "'90s")
    are skipped, and so is a plural possessive ("the nurses' union") when another closing mark follows in
    its paragraph."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and not _single_continues(text, i):
            open_at = None
            continue
        if ch not in SINGLE_MARKS or _is_apostrophe(text, i) or _doubled(text, i):
            continue
        role = mark_role(text, i, SINGLE_OPENERS, SINGLE_CLOSERS)
        if open_at is None:
            if role is Role.OPENS:
                open_at = i
        elif role is Role.OPENS and _opens_paragraph(text, i) and text.rfind("\n", open_at, i) >= 0:
            continue
        elif role is Role.OPENS:
            open_at = i
        elif not _plural_possessive(text, i):
            spans.append(QuotedSpan(open_at, i, 0))
            open_at = None
    return spans


def _doubled(text: str, i: int) -> bool:
    """ "''It's more tinkering,'' he said": two single marks standing for a double one (some archives)."""
    return text[i - 1 : i] in SINGLE_MARKS and i > 0 or text[i + 1 : i + 2] in SINGLE_MARKS and i + 1 < len(text)


def _single_continues(text: str, newline: int) -> bool:
    j = newline
    while j < len(text) and text[j] in " \t\n\u00a0\r":
        j += 1
    if j >= len(text) or text[j] not in SINGLE_MARKS:
        return False
    return mark_role(text, j, SINGLE_OPENERS, SINGLE_CLOSERS) is Role.OPENS


def _plural_possessive(text: str, i: int) -> bool:
    """ "the nurses' union": an s, the mark, a word; a possessive when a closing mark follows in the paragraph."""
    if text[i - 1 : i] != "s" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    end = text.find("\n", i)
    rest = text[i + 1 : len(text) if end < 0 else end]
    return any(
        ch in SINGLE_MARKS
        and not _is_apostrophe(text, i + 1 + k)
        and mark_role(text, i + 1 + k, SINGLE_OPENERS, SINGLE_CLOSERS) is Role.CLOSES
        for k, ch in enumerate(rest)
    )
