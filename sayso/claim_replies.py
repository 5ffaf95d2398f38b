"""Statements that answer a claim or a denial without a denial word of their own: the claimant's side standing by
what was denied ("the £1.2m estimate came from the council's own surveyors"), one who "disagreed, saying ...", the
writer's verdict that someone was wrong and the statement that shows it, evidence against a claim, and replies in
opposite words ("It was destined to fail" / "Patriot Coal was highly successful")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sayso.claim_base import (
    MIN_SHARED_KEYS,
    NEGATED,
    NEGATION_KEYS,
    REFERENCE_REACH,
    DraftClaim,
    claim_just_before,
    content_keys,
    end_of,
    names_speaker,
    other_side,
    same_side,
    speaks_of,
    start_of,
)
from sayso.claim_references import REFERENCE_NOUNS, clause_start
from sayso.contradictions import negated_act_matches, negated_acts, opposed, opposing, reaffirming
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
# "Willie Nelson is not dead", "the gap does not exist", "the actor doesn't even live at the address": a state or
# an act in the present said not to hold, its first content word
NEGATED_STATE = re.compile(
    r"\b(?:is|was|are|were|does|do|did)\s*(?:not|n[’']t)\s+(?:(?:even|in|at|a|an|the|actually|really)\s+)*"
    r"(?P<state>[a-z]+)\b",
    re.IGNORECASE,
)
NOT_A_STATE = {"sure", "clear", "known", "aware", "going", "able", "certain", "true", "right", "wrong", "possible"}


# "there's no precedent", "there was no evidence": a claim that something does not exist; "there is precedent", "there
# is clear evidence": that it does
THERE_IS = r"\bthere(?:[’']s|\s+is|\s+was|\s+are|\s+were|\s+has\s+been|\s+have\s+been)\s+"
NONE_THERE = re.compile(THERE_IS + r"no\s+(?:[a-z]+\s+)?(?P<what>[a-z]{4,})\b", re.IGNORECASE)
SOME_THERE = re.compile(
    THERE_IS + r"(?!no\b|not\b)(?:(?:a|an|some|clear|ample|plenty\s+of|strong|real)\s+)?(?P<what>[a-z]{4,})\b",
    re.IGNORECASE,
)
EVIDENCE = re.compile(
    r"\b(?:prove[sd]?|proven|show(?:s|ed|n)?|demonstrate[sd]?|establish(?:es|ed)?|document(?:s|ed))\b", re.IGNORECASE
)
EVIDENCE_SHARED_KEYS = 3
CONTRADICTING_REACH = 400  # characters after a claim about someone within which their words in opposite terms answer it
RESTATED_REACH = 800  # characters after a claim within which another's statement may say its act was not done
# "Trump, for instance, was wrong in his claim about Ford canceling its plant. Ford itself said the deal was on.": the
# writer's verdict on someone's claim, and the statement of another that shows it
VERDICT = re.compile(
    r"\b(?P<who>[A-Z][\w'’.-]+)(?:,[^,.]{1,40},)?\s+(?:was|is|were|are|had\s+been|has\s+been)\s+(?:\w+\s+)?"
    r"(?:wrong|mistaken|incorrect)\s+(?:in\s+(?:his|her|their|its)\s+(?:claims?|assertions?|statements?)|about|when\s+"
    r"(?:he|she|they|it)\s+(?:said|claimed))\b\s*(?:about\s+|that\s+)?(?P<what>[^.!?]*)"
)
VERDICT_REACH = 200  # characters from the verdict to the statement that shows it

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


def shown_wrong(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> Iterator[tuple[DraftClaim, Quote]]:
    """The writer's verdict that someone was wrong in a claim, outside any quote, and the statement of another
    speaker right after it ("Ford itself said the deal was on"): that speaker disputes the claim (the claimant's claim
    sharing words with the verdict, else the verdict's words as the claim)."""
    spans = [span for q in quotes for span in q.content_spans]
    for verdict in VERDICT.finditer(text):
        if any(s <= verdict.start() < e for s, e in spans):
            continue
        wrong = [sp for sp in speakers.values() if names_speaker(verdict.group("who"), sp)]
        after = [
            q
            for q in quotes
            if q.content_spans and 0 <= start_of(q) - verdict.end() <= VERDICT_REACH and not q.nested_in
        ]
        shown_by = min(after, key=start_of, default=None)
        if len(wrong) != 1 or shown_by is None or shown_by.speaker_id not in speakers:
            continue
        claimant, witness = wrong[0], speakers[shown_by.speaker_id or ""]
        if not other_side(witness, claimant):
            continue
        keys = content_keys(verdict.group("what"))
        theirs = [c for c in claims if c.claimant.id == claimant.id and c.keys & keys]
        if theirs:
            yield max(theirs, key=lambda c: len(c.keys & keys)), shown_by
        elif verdict.group("what").strip():
            claim = DraftClaim(claimant, verdict.group("what").strip(" ,;:"), keys=keys)
            claims.append(claim)
            yield claim, shown_by


def reaffirmed(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ '"Moore told me that the photos aren't real," Adams said. "Well, they are real."': what someone else says is
    not so, reported in a speaker's quote, which goes on to say it is, is disputed by that speaker (the clause that
    denies becomes the other's claim, when it is no claim yet)."""
    by_id = {q.id: q for q in quotes}
    for q in quotes:
        outer = by_id.get(q.nested_in or "")
        if outer is None or q.polarity == "questions" or q.speaker_id not in speakers:
            continue
        replier = speakers.get(outer.speaker_id or "")
        if replier is None or not other_side(replier, speakers[q.speaker_id or ""]):
            continue
        reply = " ".join(text[max(s, end_of(q)) : e] for s, e in outer.content_spans if e > end_of(q))
        found = reaffirming(q.content, reply)
        if found is None:
            continue
        claim = next((c for c in claims if q in c.quotes), None)
        if claim is None:
            start = clause_start(q.content, found[0].start())
            words = q.content[start : found[0].end()].strip().removeprefix("that ")
            claim = DraftClaim(speakers[q.speaker_id or ""], words, [q], content_keys(words))
            claims.append(claim)
        yield claim, outer


def evidence_against(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ '"It had never provided the names and addresses ..." ... a study by Seltzer proved that the Census gave the
    Secret Service the names and addresses ...': a statement whose cue offers proof ("proved", "showed", "documents
    show") that what someone else's claim says never happened did happen disputes that claim, without a denial word
    (the negated claim before it, within reach, sharing the most words, at least EVIDENCE_SHARED_KEYS)."""
    for q in quotes:
        if q.speaker_id not in speakers or q.polarity != "asserts" or q.nested_in or not EVIDENCE.search(q.cue or ""):
            continue
        if NEGATED.search(q.content):
            continue  # proof that something did not happen agrees with a claim that it never did
        witness, keys = speakers[q.speaker_id or ""], content_keys(q.content) - NEGATION_KEYS
        denied = [
            (len(keys & claim.keys), claim)
            for claim in claims
            if len(keys & claim.keys) >= EVIDENCE_SHARED_KEYS
            and other_side(witness, claim.claimant)
            and any(NEGATED.search(c.content) and 0 <= start_of(q) - end_of(c) <= REFERENCE_REACH for c in claim.quotes)
        ]
        if denied:
            yield max(denied, key=lambda pair: pair[0])[1], q


def contradicting_replies(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """A claim about someone that they contradict in opposite words elsewhere in the article."""
    replies = [
        (q, start_of(q), speakers[q.speaker_id or ""], content_keys(q.content))
        for q in quotes
        if q.speaker_id in speakers and q.polarity == "asserts" and not q.nested_in
    ]
    for claim in claims:
        if claim.denials:
            continue
        ends = [end_of(c) for c in claim.quotes]
        for q, start, subject, keys in replies:
            # the cheap tests first (all of them are pure)
            near = any(0 <= start - end <= CONTRADICTING_REACH for end in ends)
            if not (near or keys & claim.keys) or subject.id == claim.claimant.id:
                continue
            if not any(names_speaker(c.content, subject) for c in claim.quotes):
                continue
            if any(opposed(c.content, q.content) for c in claim.quotes):
                yield claim, q
                break


def existence_answered(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ "he said there's no precedent for prosecuting a case like this" ... "The two lawmakers argue that there is
    precedent for prosecution": another side's statement, just after a claim that there is no such thing, that says
    there is, disputes it."""
    for claim in claims:
        what = [m.group("what") for c in claim.quotes if (m := NONE_THERE.search(c.content))]
        if not what or claim.denials:
            continue
        ends = [end_of(c) for c in claim.quotes]
        for q in quotes:
            if q.speaker_id not in speakers or q.polarity != "asserts" or q in claim.quotes:
                continue
            if not any(0 <= start_of(q) - end <= CONTRADICTING_REACH for end in ends):
                continue
            there = SOME_THERE.search(q.content)
            if there and there.group("what") in what and other_side(speakers[q.speaker_id or ""], claim.claimant):
                yield claim, q
                break


def contradicting_answers(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ '"It was destined to fail," said Barrett. In a statement, Peabody said: "Patriot Coal was highly successful"':
    a statement right after someone else's claim on the same subject (content words shared) in opposite words answers
    it, though neither names the other (the claim sharing most words with it, when several before it are opposed)."""
    for q in quotes:
        if q.speaker_id not in speakers or q.polarity != "asserts" or q.nested_in:
            continue
        subject, keys = speakers[q.speaker_id or ""], content_keys(q.content)
        answered = [
            (len(keys & claim.keys), claim)
            for claim in claims
            if not claim.denials
            and len(keys & claim.keys) >= MIN_SHARED_KEYS
            and other_side(subject, claim.claimant)
            and any(
                0 <= start_of(q) - end_of(c) <= CONTRADICTING_REACH and _same_subject(c, q, claim.keys)
                for c in claim.quotes
            )
        ]
        if answered:
            yield max(answered, key=lambda pair: pair[0])[1], q


def acts_denied_by_those_named(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ "The claims say Park accepted free holidays from Stonegate Homes" ... "Stonegate said it had not offered the
    mayor any holidays": someone a claim names who says, right after it, that an act in its words was not done
    disputes it (an act sharing a content word with the claim; not a claim that itself says something was not)."""
    replies = [q for q in quotes if q.speaker_id in speakers and q.polarity == "asserts" and not q.nested_in]
    acts = [[content_keys(act) for act in negated_acts(q.content)] for q in replies]  # each reply's acts' words
    for claim in claims:
        if any(NEGATED.search(c.content) for c in claim.quotes):
            continue
        wanted = claim.keys - NEGATION_KEYS
        for q, act_keys in zip(replies, acts, strict=True):
            # the cheap tests first (all of them are pure)
            if not any(keys & wanted for keys in act_keys):
                continue
            if not any(0 <= start_of(q) - end_of(c) <= CONTRADICTING_REACH for c in claim.quotes) or q in claim.denials:
                continue
            replier = speakers[q.speaker_id or ""]
            if other_side(replier, claim.claimant) and any(speaks_of(c.content, replier) for c in claim.quotes):
                yield claim, q


def negated_restatements(
    quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker]
) -> Iterator[tuple[DraftClaim, Quote]]:
    """ "Websites claimed that Gill Rosenberg had been captured by IS" ... "Cicurel tweeted, saying Rosenberg was not
    captured by IS": another side's statement, after a claim and within reach, that says an act of the claim was not
    done, of the claim's own subject (its verb and the name or noun before it both the claim's words), disputes it."""
    for q in quotes:
        if q.speaker_id not in speakers or q.polarity != "asserts" or q.nested_in:
            continue
        replier, acts = speakers[q.speaker_id or ""], _negated_acts_of(q.content)
        for claim in claims:
            if not any(verb <= claim.keys and subject & claim.keys for subject, verb in acts):
                continue
            if q in claim.denials or not other_side(replier, claim.claimant):
                continue
            if any(NEGATED.search(c.content) for c in claim.quotes):
                continue
            if any(0 <= start_of(q) - end_of(c) <= RESTATED_REACH for c in claim.quotes):
                yield claim, q


def _negated_acts_of(content: str) -> list[tuple[set[str], set[str]]]:
    """The words of the subject (up to three words before the auxiliary) and of the verb of each act the words say
    was not done ("Rosenberg was not captured by IS": {rosen}, {captu})."""
    found = []
    for act in negated_act_matches(content):
        subject = _subject_keys(content, act.start())
        verb = content_keys((act.group("act") or act.group("past")).split()[0])
        if subject and verb:
            found.append((subject, verb))
    for state in NEGATED_STATE.finditer(content):
        word = state.group("state").lower()
        if word in NOT_A_STATE or word.endswith("ed"):  # (an act: NEGATED_ACT's)
            continue
        subject, verb = _subject_keys(content, state.start()), content_keys(word)
        if subject and verb:
            found.append((subject, verb))
    return found


def _subject_keys(content: str, at: int) -> set[str]:
    """The content words of the (up to three) words before ``at`` in its clause: the subject of what follows."""
    return content_keys(" ".join(re.split(r"[,;:]", content[:at])[-1].split()[-3:]))


def _same_subject(claim: Quote, reply: Quote, claim_keys: set[str]) -> bool:
    """Whether the reply holds a phrase opposed to the claim's, and the words before it in the reply (its subject:
    "Patriot Coal was highly successful") are the claim's words, not the one who replies ("he was against it")."""
    phrase = opposing(claim.content, reply.content)
    return phrase is not None and bool(content_keys(reply.content[: phrase.start()]) & claim_keys)
