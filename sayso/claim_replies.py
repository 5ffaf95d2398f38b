"""Statements that answer a claim or a denial without a denial word of their own: the claimant's side standing by
what was denied ("the £1.2m estimate came from the council's own surveyors"), and one who "disagreed, saying ..."."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sayso.claim_base import DraftClaim, claim_just_before, end_of, names_speaker, other_side, same_side, start_of
from sayso.claim_references import REFERENCE_NOUNS
from sayso.model import Quote, Speaker

REPLY_REACH = 400  # characters after a denial within which the first statement of another may answer it
# "the £1.2m estimate came from the council's own surveyors": words that open on what was said or counted
STANDING_BY = re.compile(r"^\W*(?:the|that|this|these|those|our|its|their)\s+(?:\S+\s+){0,2}?" + REFERENCE_NOUNS, re.I)
# "Tom Reed, disagreed, saying ...", 'Tom Reed disagreed. "..."': the words right before a statement (its cue or its
# words, whichever comes first) say its speaker disagreed (not "did not disagree", "agreed to disagree")
DISAGREED = re.compile(
    r"(?<!\bnot\s)(?<!n[’']t\s)(?<!\bto\s)\b(?:disagreed|disagrees|begged\s+to\s+differ|begs\s+to\s+differ)"
    r"[\s,.:;“\"]*$",
    re.IGNORECASE,
)
DISAGREED_REACH = 60  # characters before a statement in which it is said that its speaker disagreed
DISAGREEING_REACH = 300  # characters back from such a statement to the claim it disagrees with
SENTENCE_END = re.compile(r"[.!?…]\s+|\n")


def defending_replies(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[Quote, Quote]]:
    """ 'Price said the bridge needed £3m of work. Booth said the repair figure had been "plucked out of thin air". A
    council spokesperson said the £3m estimate came from the council's own engineers': the first statement of another
    after a denial, from the claimant's side (the claimant, or one the claimant's role or name ties to them), that
    opens on what was said or counted ("the £3m estimate") stands by the claim: it disputes the denial (each denial
    and the reply that disputes it)."""
    for claim in claims:
        for denial in claim.denials:
            denier = speakers.get(denial.speaker_id or "")
            reply = _first_reply(denial, claim, quotes)
            defender = speakers.get(reply.speaker_id or "") if reply is not None else None
            if denier is None or reply is None or defender is None or not STANDING_BY.match(reply.content):
                continue
            on_claimant_side = defender.id == claim.claimant.id or same_side(defender, claim.claimant)
            if on_claimant_side and other_side(defender, denier):
                yield denial, reply


def _first_reply(denial: Quote, claim: DraftClaim, quotes: list[Quote]) -> Quote | None:
    """The first statement of another after the denial, within reach, when it asserts something in its own words (not
    words nested in another's, nor the claim's own words told after its denial: "dismissed a report that ... The
    report said ...")."""
    others = [q for q in quotes if q.speaker_id != denial.speaker_id and q not in claim.quotes]
    after = [q for q in others if start_of(q) >= end_of(denial)]
    reply = min(after, key=start_of, default=None)
    if reply is None or start_of(reply) - end_of(denial) > REPLY_REACH or reply.nested_in:
        return None
    return reply if reply.polarity == "asserts" else None


def disagreeing(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ 'The mayor said the bridge would "transform the town". The council leader, Tom Reed, disagreed, saying ...': a
    statement of one the words right before it say disagreed disputes the claim of another side just before it (the
    statement and the claim it disputes), whatever its words say."""
    for q in quotes:
        if q.nested_in or q.polarity != "asserts" or q.speaker_id not in speakers or not q.content_spans:
            continue
        speaker = speakers[q.speaker_id or ""]
        if not _said_to_disagree(q, speaker, text):
            continue
        others = [c for c in claims if other_side(speaker, c.claimant) and q not in c.denials]
        claim = claim_just_before(q, others, reach=DISAGREEING_REACH)
        if claim is not None:
            yield claim, q


def _said_to_disagree(quote: Quote, speaker: Speaker, text: str) -> bool:
    """Whether the words right before the statement (its cue or its words, whichever comes first) say that its speaker,
    named in the same sentence before the verb, disagreed ("Tom Reed, disagreed, saying", not "40 percent disagreed.
    The timing doesn't surprise pollster Tom Reed")."""
    at = min(start_of(quote), quote.cue_span[0] if quote.cue_span else start_of(quote))
    disagreed = DISAGREED.search(text, max(0, at - DISAGREED_REACH), at)
    if disagreed is None:
        return False
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, disagreed.start())), default=0)
    subject = text[sentence_start : disagreed.start()]
    named_at = [s for s, e in speaker.mentions if sentence_start <= s and e <= disagreed.start()]
    return bool(named_at) or names_speaker(subject, speaker)
