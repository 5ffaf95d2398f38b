"""The statements of a probe article against bench/probes/statements.json: found, missed, extra.

statements.json lists, for some probes, the statements a careful reader expects: the speaker (a name of that
probe's speakers in expected.json, or null), the cue word(s) (null: not scored), the opening words of the content
and, optionally, its closing words (`end`); and `not`: quoted words that are no statement (scare quotes, titles).

Matching is lenient:
- content: the expected opening words, as words (case and punctuation ignored), run inside the quote's content;
  `end`: the closing words run inside it too (a quote over several paragraphs or split by "she said" kept whole);
- speaker: the quote's speaker is one that probes.py matched to the expected name (a null speaker: any);
  a quote whose content matches but whose speaker does not is "wrong speaker", not found;
- start: one of the quote's pieces (but a leading "that" or "whether") opens with the expected opening words
  (counted among the found ones);
- cue: every expected cue word is among the words of the quote's cue (reported among the found ones);
- one quote may serve several expected statements (two quotes the article runs together), but not two speakers:
  a quote that holds another's (the grandmother's words inside the mayor's quote) does not stand for it; among
  the matching quotes, one with the right cue goes first; a quote serving none
  is an extra, unless it serves an `optional` one; a quote whose content is all inside a `not` entry is counted
  among the extras and listed as a non-statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from sayso.model import Analysis, Quote


def add_counts(total: Any, other: Any) -> None:
    """Adds each whole-number field of one score dataclass to another's."""
    for name in (f.name for f in fields(total) if f.type in ("int", int)):
        setattr(total, name, getattr(total, name) + getattr(other, name))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]s\b", " ", text.lower()))


def runs_inside(part: list[str], whole: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


@dataclass
class StatementScore:
    found: int = 0
    missed: int = 0
    wrong_speaker: int = 0
    extras: int = 0
    not_taken: int = 0
    cues: int = 0
    cues_asked: int = 0
    whole: int = 0
    whole_asked: int = 0
    starts: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: StatementScore) -> None:
        add_counts(self, other)

    def line(self) -> str:
        return (
            f"statements {self.found:3d} found {self.missed:3d} missed {self.wrong_speaker:2d} wrong speaker "
            f"{self.extras:3d} extra ({self.not_taken} non-statements)  |  start right {self.starts}/{self.found}, "
            f"cue right {self.cues}/{self.cues_asked}, whole {self.whole}/{self.whole_asked}"
        )


def _content_match(row: dict[str, Any], quote: Quote) -> bool:
    return runs_inside(words(row["content"]), words(quote.content))


def _opens_with(row: dict[str, Any], piece: str) -> bool:
    want, got = words(row["content"]), words(piece)
    if got[:1] in (["that"], ["whether"]) and want[:1] != got[:1]:
        got = got[1:]
    return got[: len(want)] == want


def _speaker_match(row: dict[str, Any], quote: Quote, found: dict[str, list[str]]) -> bool:
    return row["speaker"] is None or quote.speaker_id in found.get(row["speaker"], [])


def _show(quote: Quote) -> str:
    who = quote.speaker.name if quote.speaker else None
    content = quote.content if len(quote.content) < 70 else quote.content[:67] + "..."
    return f"[{who} | {quote.cue}] {content!r}"


def _cue_match(row: dict[str, Any], quote: Quote) -> bool:
    return row["cue"] is None or set(words(row["cue"])) <= set(words(quote.cue or ""))


def _score_row(row: dict[str, Any], quotes: list[Quote], found: dict[str, list[str]], score: StatementScore,
               used: dict[str, str | None]) -> None:  # fmt: skip
    """`used`: the quotes picked so far -> the expected speaker they were picked for."""
    matches = [q for q in quotes if _content_match(row, q) and used.get(q.id, row["speaker"]) == row["speaker"]]
    right = [q for q in matches if _speaker_match(row, q, found)]
    pick = next(iter(sorted(right or matches, key=lambda q: not _cue_match(row, q))), None)
    if pick is not None and pick.id not in used:
        used[pick.id] = row["speaker"]
    label = f"{row['speaker']} | {row['cue']}: {row['content']!r}"
    if row.get("optional"):
        return
    if pick is None:
        score.missed += 1
        score.notes.append(f"  missed stmt     {label}")
        return
    if not right:
        score.wrong_speaker += 1
        score.notes.append(f"  wrong speaker   {label}: got {_show(pick)}")
        return
    score.found += 1
    start_ok = any(_opens_with(row, piece) for piece in pick.content.split(" \u2026 "))
    score.starts += start_ok
    if not start_ok:
        score.notes.append(f"  wrong start     {label}: got {_show(pick)}")
    if row["cue"] is not None:
        score.cues_asked += 1
        cue_ok = _cue_match(row, pick)
        score.cues += cue_ok
        if not cue_ok:
            score.notes.append(f"  wrong cue       {label}: got {_show(pick)}")
    if row.get("end"):
        score.whole_asked += 1
        whole = any(runs_inside(words(row["end"]), words(q.content)) for q in right if _content_match(row, q))
        score.whole += whole
        if not whole:
            score.notes.append(f"  cut short       {label} ... {row['end']!r}: got {_show(pick)}")


def score_statements(spec: dict[str, Any], analysis: Analysis, found: dict[str, list[str]]) -> StatementScore:
    """Score one probe's statements; `found` maps expected speaker names to sayso speaker ids (probes.py)."""
    score = StatementScore()
    used: dict[str, str | None] = {}
    for row in spec["statements"]:
        _score_row(row, analysis.quotes, found, score, used)
    nots = [words(n) for n in spec.get("not", [])]
    for quote in analysis.quotes:
        if quote.id in used:
            continue
        score.extras += 1
        if any(runs_inside(words(quote.content), n) for n in nots):
            score.not_taken += 1
            score.notes.append(f"  non-statement   {_show(quote)}")
        else:
            score.notes.append(f"  extra stmt      {_show(quote)}")
    return score
