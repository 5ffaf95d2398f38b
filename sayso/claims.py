"""Claims and disputes within one article.

Each statement that asserts something yields a claim (a short normalised proposition and its
claimant); statements by one claimant that say the same thing share a claim. Each denial is linked to
the claim it targets: a claim nested in the denial ("denied claims by X that Y"), a claim by a person
the denial names ("What Mr. Johnson said is not true"), or the claim whose words it shares ("there
were no threats" -> "threatened him with a missile").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sayso.claim_base import (
    MIN_SHARED_KEYS,
    NEGATED,
    NEGATION_KEYS,
    REFERENCE_REACH,
    DraftClaim,
    claim_just_after,
    claim_just_before,
    content_keys,
    document_called_so,
    end_of,
    is_document,
    names_speaker,
    other_side,
    owns,
    same_side,
    speaks_of,
    start_of,
)
from sayso.claim_references import (
    ACCUSATION,
    BARE_REPORTS,
    CHARGES_FOUGHT,
    CLAUSE_END,
    POSSESSED_REFERENCE,
    REFERENCE_IN_CUE,
    REPORTED_AFTER_REACH,
    WRONGDOING,
    accusations_of,
    charges_fought,
    contrary_to,
    contrasted_in_its_sentence,
    denying_clauses,
    made_as,
    made_as_named,
    reference_noun,
    referring_words,
    reports_denied,
    spelled_out_keys,
)
from sayso.claim_replies import (
    acts_denied_by_those_named,
    contradicting_answers,
    contradicting_replies,
    defending_replies,
    disagreeing,
    evidence_against,
    existence_answered,
    negated_restatements,
    reaffirmed,
    shown_wrong,
)
from sayso.model import Claim, Dispute, Quote, Speaker
from sayso.polarity import denial_matches
from sayso.quotes.cues import WRONG_FOR, is_denial_cue, is_owned_claim_noun, words
from sayso.quotes.nominal import VERDICT_ON_IT

PRONOUNS_OF = {"PERSON": ("he", "him", "she", "her"), "DIRECT": ("i", "me")}
PRONOUNS_BY_GENDER = (("he", "him"), ("she", "her"))
# where a claim's first clause ends: a clause break (not a thousands comma: "£12,000"), or a sentence's end (not an
# abbreviation's period: "U.S.", "Mr.")
CLAIM_CUTS = re.compile(
    r",(?!\d)|;| during | when | while | after | before | because | although | as part of "
    r"|(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"(?<!\bGen)(?<!\bNo)[.!?…](?=\s)"
)
NAMED_BONUS = 3  # a denial that names the claimant ("What Mr. Johnson said is not true")
SAME_CLAIM_OVERLAP = 0.3
SAME_CLAIM_SHARED = 3
# a denial that calls a piece a hoax or false, and says no more: "it is a hoax", "The story is fake", "almost none of
# it is true"
HOAX_VERDICT = re.compile(
    r"^\W*(?:(?:it|this|that|(?:the|this|that)\s+(?:whole\s+|entire\s+)?(?:story|article|report|tale|news|thing|"
    r"claim|rumou?r|post|piece))(?:[’']s|\s+(?:is|was))\s+(?:(?:all|just|definitely|completely|totally|simply)\s+)?"
    r"(?:a\s+)?(?:hoax|fake|false|untrue|made\s+up|fabricated|satire|bogus|rubbish|nonsense)|(?:almost\s+)?"
    r"(?:none|nothing|no\s+part)\s+of\s+(?:it|this|that|the\s+story)\s+(?:is|was)\s+true)\W*$",
    re.IGNORECASE,
)
PUBLISHER_NAME = re.compile(
    r"\b(?:report|news|website|site|daily|times|post|mail|mirror|tabloids?|newspaper|paper|magazine|blog|journal|"
    r"herald|tribune|gazette|chronicle|courier|telegraph|examiner|inquirer|observer)\b|\.\w{2,7}\b",
    re.IGNORECASE,
)
PUBLISHER_REACH = 40  # characters from a denial's words to the publisher named in them ("a posting on the ... website")
POSSESSIVE_PRONOUNS = words("his her its their")
UNRESOLVED_PRONOUNS = words(
    "it which who whom you they we them he she i this that these those several some many others"
)
# what no one says: a rumour or speculation named as a statement's source ("A recent rumor claimed ...") names no party
HEARSAY = words("rumor rumors rumour rumours speculation gossip hearsay")
NO_ONE = {"no one", "no-one", "nobody", "none", "anyone", "anybody", "everyone", "everybody", "someone", "somebody"}
NOUN_CUE_LEAD = words("a an the his her its their was is were are")  # before a claim noun as a statement's cue
REQUEST_NOUNS = re.compile(
    r"\b(?:requests?|motions?|bids?|appeals?|petitions?|proposals?|offers?|pleas?|applications?|invitations?|"
    r"lawsuits?|demands?|amendments?|bills?|nominations?|changes?|permission|access|entry|efforts?|attempts?|calls)"
    r"(?:\s+(?:being\s+|was\s+|were\s+)?(?:sought|requested|proposed|asked for))?$",
    re.IGNORECASE,
)
DENYING_CUE = re.compile(r"\bden(?:y|ies|ied|ying|ial)\b", re.IGNORECASE)
# "criticism from Giles, Millis and Harold Doley", "the allegations by two former aides": whose words a denial names
CRITICISM_FROM = re.compile(
    r"^(?:(?:the|these|those|their|his|her|its)\s+)?(?:\w+\s+)?(?:criticisms?|claims?|allegations?|accusations?|"
    r"charges?|attacks?|complaints?)\s+(?:from|by)\s+",
    re.IGNORECASE,
)
POLICY_NOUNS = re.compile(
    r"\b(?:plans?|measures?|legislation|deals?|agreements?|compromises?|budgets?|resolutions?|policy|policies|"
    r"settlements?|treaty|treaties|nominees?|nominations?)$",
    re.IGNORECASE,
)
NOUN_PHRASE_END = re.compile(r"\s+(?:to|that|of|from|for|by|about|on|in|with|which|who)\s+|[,;:]")
# A short denial of "that" ("That never happened", "I never said that"): the claim beside it.
ANAPHORIC_DENIAL = re.compile(r"^\W*(?:that|this|it)\b|\b(?:said|say|says|did|do|does)\s+(?:that|this|it)\b", re.I)
# "This is a lie", "That story was false", "It's nonsense": a clause whose subject is what it points back to
DEMONSTRATIVE_SUBJECT = re.compile(
    r"^\W*(?:this|that|it|these|those|such)(?:\s+[\w’'-]+){0,2}?\s+(?:is|was|are|were)\b|^\W*(?:this|that|it)[’']s\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(r"^\W*(?:it|that|this)(?:[’']s|\s+(?:is|was))\s", re.IGNORECASE)
SENTENCE_OR_CLAUSE = re.compile(r"[,;:]\s|[.!?…]+\s+|\s(?:but|while|although|though|whereas)\s")
ANAPHORIC_MAX_KEYS = 3  # content words in the denial beyond which it says what it denies
# A denial that opens by pointing back ("that is a distortion, ...", "that was never true") disputes
# what was claimed right before it, whatever words follow ("This is a disgusting day" points nowhere); so does a bare
# "No." answering what was just put to the speaker (not "No. 10 said", "No one"), and one denying there was such a
# thing ("No such words were spoken")
POINTING_BACK = re.compile(
    r"^\W*that\s+(?:is|was|[’']s|has|had|never|simply|just|would|will)\b|^\W*no(?:[.!]|,)\s+(?!\d)|^\W*no\s+such\b",
    re.IGNORECASE,
)
POINTING_BACK_IN_DENIAL = re.compile(r"\b(?:him|her|them|that|this|it)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s)")
POINTING_REACH = 300  # characters back from the denial
GOING_ON_REACH = 300  # characters from a denial to the same speaker's next denial of "this" or "that"
# A cue that offers proof ("a study proved that ...", "documents show"): against a claim that it never happened
# "Fields had fabricated the story", "Lane lied about it", "She made the story up", "she overstates the danger" (a
# name, or "he" or "she" opening a sentence or the words)
FABRICATED = re.compile(
    r"(?:^\W*(?P<pronoun>he|she)|\b(?P<who>[A-Z][\w'’.-]+))\s+(?:had\s+|has\s+|have\s+|was\s+|is\s+)?"
    r"(?:just\s+|simply\s+)?(?:fabricated|invented|lied|lying|overstat(?:es|ed|ing)|exaggerat(?:es|ed|ing)|"
    r"made\s+(?:it|that|this|the\s+\w+)\s+up|made\s+up)\b"
)
# cues of what someone orders, urges or calls for: no claim that can be true or false
DIRECTIVE_CUE = re.compile(
    r"\b(?:orders?|ordered|ordering|urges?|urged|urging|instruct(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:for|on)|"
    r"propos(?:e|es|ed|ing)|offer(?:s|ed|ing)?)$",  # nor a proposal ("Clinton proposed they debate on April 4")
    re.IGNORECASE,
)
DENIED_GUILT = re.compile(r"\b(?:innocent|not\s+guilty)\b", re.IGNORECASE)
THAT_CLAUSE = re.compile(r"\s+that\s+")
SAID_OF = re.compile(r"\s*(?:of|about)\s+")
# "has denied a report | by the newspaper Diario do Planalto that ...": whose report
REPORT_CUE = re.compile(r"\b(?:reports?|story|stories|articles?|claims?|allegations?|accounts?)$", re.IGNORECASE)
REPORT_BY = re.compile(r"\s*(?:by|in|from)\s+")
ANSWERING_CUE = re.compile(r"\b(?:respond|responded|responding|replied|replying|answered|retorted|hit back)\b", re.I)
# 'McCaskill scolded him: "... the products you called miracles"': a denial put to someone, who made the claim
ADDRESSING = re.compile(
    r"\b(?:scolded|told|pressed|chided|rebuked|lectured|confronted|challenged|warned|grilled|admonished|berated|"
    r"upbraided|reminded|corrected)\s+(?P<who>him|her|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s*[:,]?\s*[“\"]?\s*$"
)
# "tweeting back at him", "responded to Holt": whom a speaker answered, in the sentence before their words
REPLIED_TO = re.compile(
    r"\b(?:(?:tweet|tweeted|tweeting|wrote|writing|fired|firing|shot|hit|hitting|lashed|lashing)\s+back|"
    r"(?:responded|responding|replied|replying)\s+(?:directly\s+)?to|corrected|correcting)\s+(?:at\s+)?"
    r"(?P<who>him|her|(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){0,2})\b",
    re.IGNORECASE,
)
CALLED_WRONG = re.compile(WRONG_FOR + "$", re.IGNORECASE)
REPORTED_FIRST_PERSON = re.compile(r"\b(?:I|me|my)\b")
TO_ME = re.compile(r"\s+me\s+(?:that\s+)?$")
ADDRESSED = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
REFERRING_PREFIX = 30  # characters of a denial's referring words looked for in its words
LEDE_REACH = 600  # characters from the start: a news article's lede, which sums up what its body then tells
ADDRESSING_REACH = 200  # characters before the denial's words in which its cue names whom it addresses


def link(quotes: list[Quote], speakers: list[Speaker], text: str) -> tuple[list[Claim], list[Dispute]]:
    """The article's claims, and a dispute for each claim that some other speaker denies."""
    by_id = {s.id: s for s in speakers if _identifiable(s)}
    parent_speaker = {q.id: q.speaker_id for q in quotes}
    claims = _claims(quotes, by_id, text)
    denials = (q for q in quotes if q.polarity == "denies" and q.speaker_id in by_id and not _rejects_a_request(q))
    last_target: dict[str, tuple[int, DraftClaim]] = {}  # each denier's latest denial: where it ends, what it disputes
    for denial in denials:
        denier = by_id[denial.speaker_id or ""]
        target = (
            _account_called_false(denial, claims, by_id, text)
            or _going_on(denial, last_target, claims, text)
            or _addressee_claim(denial, claims, by_id, text)
        )
        if target is None:
            target = _target(denial, claims, text, parent_speaker, denier)
            if target is not None and _answered_later(denial, target, text) and other_side(denier, target.claimant):
                claims.append(_counter_claim(denial, target, denier, by_id, text))
                continue
        target = (
            target
            or _question_answered(denial, quotes, claims, by_id, text)
            or _pointed_back_to(denial, claims, denier, parent_speaker)
        )
        if target is not None and not same_side(denier, target.claimant):
            target.denials.append(denial)
            last_target[denial.speaker_id or ""] = (end_of(denial), target)
            for also in _named_beside(denial, target, claims, denier, text):
                also.denials.append(denial)
    for denial, reply in list(defending_replies(quotes, claims, by_id)):  # the denial becomes its speaker's claim
        denier = by_id[denial.speaker_id or ""]
        words = normalise(denial, denier, by_id.values(), text)
        claims.append(DraftClaim(denier, words, [denial], content_keys(denial.content), [reply]))
    for claim, reply in disagreeing(quotes, claims, by_id, text):
        claim.denials.append(reply)
    for claim, reply in shown_wrong(quotes, claims, by_id, text):
        claim.denials.append(reply)
    for claim, reply in reaffirmed(quotes, claims, by_id, text):
        claim.denials.append(reply)
    for claim, reply in evidence_against(quotes, claims, by_id):
        claim.denials.append(reply)
    for claim, reply in contradicting_replies(quotes, claims, by_id):
        claim.denials.append(reply)
    for claim, reply in contradicting_answers(quotes, claims, by_id):
        claim.denials.append(reply)
    for claim, reply in acts_denied_by_those_named(quotes, claims, by_id):
        claim.denials.append(reply)
    for claim, reply in negated_restatements(quotes, claims, by_id):
        claim.denials.append(reply)
    for claim, reply in existence_answered(quotes, claims, by_id):
        claim.denials.append(reply)
    out_claims = [
        Claim(id=c.id, text=c.text, quote_ids=[q.id for q in c.quotes], claimant_id=c.claimant.id) for c in claims
    ]
    disputes = [_dispute(c) for c in claims if c.denials]
    return out_claims, disputes


def _named_beside(
    denial: Quote, target: DraftClaim, claims: list[DraftClaim], denier: Speaker, text: str
) -> list[DraftClaim]:
    """ "dismissed criticism from Giles, Millis and Harold Doley": the claims (the closest before the denial) of the
    others its reference names beside the one whose claim it disputes."""
    critics = CRITICISM_FROM.match(denial.content.strip())
    if critics is None:
        return []
    head = THAT_CLAUSE.split(denial.content.strip()[critics.end() :], maxsplit=1)[0]
    named = {
        c.claimant.id
        for c in claims
        if c.claimant.id not in {target.claimant.id, denier.id}
        and not same_side(denier, c.claimant)
        and names_speaker(head, c.claimant)
    }
    if not names_speaker(head, target.claimant):
        return []
    found = (_before_or_within(denial, [c for c in claims if c.claimant.id == who], text) for who in named)
    return [c for c in found if c is not None and denial not in c.denials]


def _before_or_within(denial: Quote, claims: list[DraftClaim], text: str) -> DraftClaim | None:
    """The claim in the denial's own sentence ("criticism from Doley, a banker who has suggested ..."), else the
    closest before."""
    end = SENTENCE_END.search(text, end_of(denial))
    near = end.start() if end else len(text)
    within = [c for c in claims if any(start_of(denial) <= start_of(q) <= near for q in c.quotes)]
    return within[0] if within else claim_just_before(denial, claims)


def _answered_later(denial: Quote, target: DraftClaim, text: str) -> bool:
    """ '"There never was an order to abandon the ship," the captain said. ... The first mate said he heard the captain
    give the order': a denial in its own words (not by its cue: "denied that ...") whose words are those of a claim made
    only after it, which neither names nor points to (no "the reports", "that", no name), is what that claim answers."""
    if not target.quotes or any(start_of(q) < end_of(denial) for q in target.quotes):
        return False
    if denying_clauses(denial.cue, denial.content) is None:  # "debunks ...", "denied that ...": its words are the claim
        return False
    content = denial.content.strip()
    pointing = ANAPHORIC_DENIAL.search(content) or POINTING_BACK.search(content) or BARE_REPORTS.match(content)
    named = names_speaker(denial.content, target.claimant) or _speaks_of_in_cue(denial, target.claimant)
    referring = referring_words(denial, text) or CHARGES_FOUGHT.search(content)  # "the charges": named by a noun
    return not (pointing or named or referring or POSSESSED_REFERENCE.match(content))


def _speaks_of_in_cue(denial: Quote, claimant: Speaker) -> bool:
    return denial.cue is not None and _named_or_owner(denial.cue, claimant)


def _named_or_owner(words: str, speaker: Speaker) -> bool:
    """Whether the words name the speaker or call something theirs ("Harlow's messages")."""
    return names_speaker(words, speaker) or owns(words, speaker)


def _counter_claim(
    denial: Quote, answer: DraftClaim, denier: Speaker, speakers: dict[str, Speaker], text: str
) -> DraftClaim:
    """The denial as a claim of its speaker, disputed by the later statements that answer it."""
    words = normalise(denial, denier, speakers.values(), text)
    claim = DraftClaim(denier, words, [denial], content_keys(denial.content))
    claim.denials.extend(q for q in answer.quotes if q.speaker_id != denier.id)
    return claim


def _claims(quotes: list[Quote], speakers: dict[str, Speaker], text: str) -> list[DraftClaim]:
    claims: list[DraftClaim] = []
    denials = {q.id for q in quotes if q.polarity == "denies"}
    # "The WHO is investigating claims made by Al-Sabah that ...": words that are all another's claim inside them
    by_id = {q.id: q for q in quotes}
    reporting = {q.nested_in for q in quotes if q.nested_in and _reports_only(q, by_id.get(q.nested_in))}
    for q in quotes:
        if q.speaker_id not in speakers or q.polarity == "questions":  # a question claims nothing
            continue
        if q.id in reporting:
            continue
        if q.polarity == "denies" and not _accusation_denied(q, denials):
            continue
        if DIRECTIVE_CUE.search(q.cue or ""):  # nor does an order or a call ("orders his team to stand down")
            continue
        claimant = speakers[q.speaker_id]
        keys = content_keys(q.content)
        same = next((c for c in claims if c.claimant.id == claimant.id and _same_claim(c.keys, keys)), None)
        if same is None:
            claims.append(DraftClaim(claimant, normalise(q, claimant, speakers.values(), text), [q], keys))
            continue
        same.quotes.append(q)
        same.keys |= keys
        if q.kind == "indirect" and all(o.kind != "indirect" for o in same.quotes[:-1]):
            same.text = normalise(q, claimant, speakers.values(), text)  # reported words read as a claim
    return claims


def _reports_only(nested: Quote, outer: Quote | None) -> bool:
    """Whether the statement the nested one is in asserts just its words, said by another."""
    return (
        outer is not None
        and outer.polarity == "asserts"
        and outer.speaker_id != nested.speaker_id
        and outer.content_spans == nested.content_spans
    )


def _accusation_denied(quote: Quote, denials: set[str]) -> bool:
    """ "disputing accusations by Exxon that the articles were misleading", "a report by Politico that he
    "fabricated" the story": an accusation a denial names as its object, or one the writer names a claim, is a claim,
    though its own words call something false."""
    cue = (quote.cue or "").lower().split()  # "a report", "was a report", "accusations" (not "said in a statement")
    bare_noun = bool(cue) and all(w in NOUN_CUE_LEAD for w in cue[:-1])
    named_a_claim = bare_noun and is_owned_claim_noun(cue[-1]) and not is_denial_cue(cue[-1])
    return named_a_claim and (quote.nested_in in denials or quote.nested_in is None)


def _published_denied(denial: Quote, nested: Quote, text: str) -> bool:
    """ "rejected as false a posting on the National Report website that said Y": the piece (and so its publisher's
    claim) is what the denial's words open with, the publisher named within their first words; or the denial's words
    call it false right after what it said ("a story that appeared in the Courier suggesting that Y is false")."""
    if not denial.content_spans or nested.source_span is None:
        return False
    if VERDICT_ON_IT.match(text, end_of(nested)):
        return True
    start = denial.content_spans[0][0]
    return start <= nested.source_span[0] <= start + PUBLISHER_REACH and denial.content.split()[:1] != ["that"]


def _called_wrong(quote: Quote, text: str) -> bool:
    """Whether the words right before the quote's cue say its speaker is wrong for saying it ("wrong for saying")."""
    if quote.cue_span is None:
        return False
    return CALLED_WRONG.search(text[max(0, quote.cue_span[0] - 40) : quote.cue_span[0]]) is not None


def _rejects_a_request(denial: Quote) -> bool:
    """ "rejected a media request to unseal the files", "denied the change being sought": turning down a request,
    motion, bill or change disputes no claim; nor does rejecting a plan or a deal (denying one may: "denied any
    deal with the lender")."""
    head = NOUN_PHRASE_END.split(denial.content.strip(), maxsplit=1)[0]
    if REQUEST_NOUNS.search(head) is not None:
        return True
    words = head.lower().split()
    a_noun_phrase = 1 < len(words) <= 5 and words[0] in POSSESSIVE_PRONOUNS | {"the", "a", "an", "this", "that", "any"}
    denied = DENYING_CUE.search(denial.cue or "") is not None
    return a_noun_phrase and not denied and POLICY_NOUNS.search(head) is not None


def _identifiable(speaker: Speaker) -> bool:
    """A speaker that can be a party to a claim: not a pronoun left unresolved ("it", "many of whom"), nor a thing
    of someone unresolved ("her campaign": whose?), nor "no one", "everyone" or "no government agency", nor a rumour
    ("A recent rumor", "Speculation")."""
    words = speaker.name.lower().split()
    if not words:
        return False
    nobody = " ".join(words) in NO_ONE or words[0] == "no" or words[-1] in HEARSAY
    unresolved = words[-1] in UNRESOLVED_PRONOUNS or words[0] in POSSESSIVE_PRONOUNS
    return not ((speaker.type == "UNNAMED" and unresolved) or (speaker.type in {"UNNAMED", "GROUP"} and nobody))


def _same_claim(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    return shared >= SAME_CLAIM_SHARED or (shared > 0 and shared / min(len(a), len(b)) >= SAME_CLAIM_OVERLAP)


def _target(
    denial: Quote,
    claims: list[DraftClaim],
    text: str,
    parent_speaker: dict[str, str | None],
    denier: Speaker,
) -> DraftClaim | None:
    """The claim a denial disputes, or None when it disputes nothing said in the article."""
    # "denied claims by X that Y": the claim the denial's own words name as their object
    # ... or "said Hart is wrong for saying Y": the claim the denial says is wrong
    nested = [
        c
        for c in claims
        if any(
            q.nested_in == denial.id
            and (is_owned_claim_noun(q.cue or "") or _called_wrong(q, text) or _published_denied(denial, q, text))
            for q in c.quotes
        )
    ]
    if nested:
        return nested[0]
    if (piece := _piece_called_a_hoax(denial, claims)) is not None:
        return piece
    same_words = _denied_in_apposition(denial, claims)
    if same_words is not None:
        return same_words
    reported = reports_denied(denial, claims, text) or charges_fought(denial, claims, text)
    if reported is not None:
        return reported
    contrary = contrary_to(denial, text)
    whose = _whose_words_between(denial, text) or contrary
    said_of = [c for c in claims if whose and c.claimant.id != denial.speaker_id and _named_or_owner(whose, c.claimant)]
    if said_of:  # "Clinton said of Chaffetz's latest request: ...": what Chaffetz claimed, the closest before
        return claim_just_before(denial, said_of, reach=len(text)) or said_of[0]
    if contrary:  # "contrary to the claims of some candidates": claims of no one identifiable
        return None
    if WRONGDOING.match(denial.content.strip()):  # "denies any wrongdoing": the accusation just before
        return claim_just_before(denial, accusations_of(denier, claims))
    referring = referring_words(denial, text)
    if referring is not None:
        # "the AP report was misleading": the report's claims, when a speaker is that report, else the claim before
        # (named before "that": in "the notion that Democrats could ..." they are what the notion is about)
        # (in the sentence of the reference: not "The PGA Tour has confirmed ..." after "These claims are false.")
        head = THAT_CLAUSE.split(_sentence_of(denial.content, referring), maxsplit=1)[0]
        named = [c for c in claims if c.claimant.id != denial.speaker_id and names_speaker(head, c.claimant)]
        if named:  # (or, "China rejected the Philippines' account" in a lede, the account given after it)
            return claim_just_before(denial, named, reach=len(text)) or named[0]
        noun = reference_noun(referring)
        made_so = made_as_named(claims, noun)
        if made_so and (made := claim_just_before(denial, made_so)) is not None:
            return made
        # "Comcast dismisses the rumor ... It began Saturday with a site called DeepDotWeb claiming that ...": in the
        # lede, what was claimed just after by the very verb of the noun (the body tells what the lede sums up)
        # (unless another's claim was told just before: "The article quoted the CDC as saying ... The USDA went on
        # Twitter to debunk the hoax", then "a website posted an article claiming" another one)
        by_its_verb = [c for c in made_so if made_as(c, noun)] if start_of(denial) < LEDE_REACH else []
        told_after = claim_just_after(denial, by_its_verb, text, reach=REPORTED_AFTER_REACH)
        if told_after is not None and not _told_just_before(denial, claims, denier):
            return told_after[0]
        if ACCUSATION.match(referring):  # "dismissed the criticism": the claim that spoke of the denier
            about = [c for c in claims if c.claimant.id != denial.speaker_id and speaks_of(c.text, denier)]
            before = claim_just_before(denial, about)
            if before is not None:
                return before
        # "The government's claim does not stand up," said the institute's director: not the institute's own finding,
        # nor an answer with no content word ("Absolutely"), which claims nothing an account could be
        others = [c for c in claims if not same_side(denier, c.claimant) and c.keys]
        spelled_out = spelled_out_keys(referring)
        if spelled_out:  # "rejected the notion that the party could walk away": a claim in those words
            others = [c for c in others if len(c.keys & spelled_out) >= MIN_SHARED_KEYS]
        before = claim_just_before(denial, others)
        if before is None and spelled_out:
            # "said the reports that Ebola has infected anyone in Mosul are incorrect. The discussion started with an
            # article in Al-Sabah that said ... brought Ebola to Mosul": the report in those words, told just after
            told_after = claim_just_after(denial, others, text, reach=REPORTED_AFTER_REACH)
            return told_after[0] if told_after is not None else None
        return before
    possessed = POSSESSED_REFERENCE.match(denial.content.strip())
    if possessed:
        people = possessed.group("owner").lower() != "their"
        owners = claim_just_before(denial, [c for c in claims if c.claimant.type == "PERSON" or not people])
        if owners is not None:
            return owners
    owned = [
        c
        for c in claims
        if c.claimant.id != denial.speaker_id and (owns(denial.content, c.claimant) or _answers(denial, c.claimant))
    ]
    if owned:  # "the governor's reasons", "Lane's account": what that speaker claimed, the closest before
        return claim_just_before(denial, owned) or owned[0]
    others = _others_claims(denial, claims, denier, parent_speaker)
    reported = next((c for c in others if _reported_then_denied(denial, c)), None)
    if reported is not None:  # "When Twitter says, 'We can't do this,' I don't believe that"
        return reported
    if POINTING_BACK.search(denial.content):
        before = claim_just_before(denial, others, reach=POINTING_REACH)
        if before is not None:
            return before
    keys = content_keys(denial.content)
    denied = _denied_keys(denial)
    told = _told(denial, parent_speaker, text)

    # "Mr. Lewandowski is innocent of this charge": the one a denial of guilt names is the accused, not a claimant, nor
    # what the charge says
    names_claimants = not DENIED_GUILT.search(denial.content)
    if not names_claimants:
        denied -= content_keys(" ".join(re.findall(r"\b[A-Z][\w’'-]+", denial.content)))

    # "there were no public campaigns ... This was President Obama quietly deciding": words that only say something
    # was not there deny no claim of the one they name
    names_claimants = names_claimants and not _only_says_there_was_none(denial)

    # "the article was fake": the one called "The article" before, not a speaker called so only after the denial
    called_so = document_called_so(denial.content, start_of(denial), [c.claimant for c in others], text)

    def score(c: DraftClaim) -> tuple[int, bool, bool]:
        named_in = names_claimants and names_speaker(denial.content, c.claimant)
        named_in = named_in and not _document_told_of_after(c, denial)
        named = NAMED_BONUS if c.claimant.id in (told, called_so) or named_in else 0
        # at equal scores, the claimant the denial names ("he had never touched Fields": Fields's account)
        return (len(c.keys & denied) + named, named > 0, not _nested(c))

    # a claim that is itself a denial ("there never was an order") is agreed with, not disputed, by
    # a denial of the same words ("no evidence that there was an order"); one that shares none of its words is
    # not ("she had not lied", by the Fields whom "he had never touched Fields" names)
    agreed = [c for c in others if _denies_too(c, denied)]
    best = max((c for c in others if c not in agreed), key=score, default=None)
    if best is not None and score(best)[0] >= MIN_SHARED_KEYS:
        return best
    disputed = _disputed_already(denial, [c for c in others if c not in agreed], denied)
    if disputed is not None:
        return disputed
    if ANAPHORIC_DENIAL.search(denial.content) and len(keys) <= ANAPHORIC_MAX_KEYS:
        return _anaphor_target(denial, others, text)
    if denial.cue and REFERENCE_IN_CUE.search(denial.cue):  # "bristles at the suggestion (that) ..."
        return claim_just_before(denial, others)
    return contrasted_in_its_sentence(denial, [c for c in others if c not in agreed], text)


def _piece_called_a_hoax(denial: Quote, claims: list[DraftClaim]) -> DraftClaim | None:
    """ "Banksy's PR has confirmed it is a hoax", "the story is a hoax", "almost none of it is true": what a published
    piece claimed, told before the denial (the first named publisher's, else the first piece's)."""
    if HOAX_VERDICT.match(denial.content) is None:
        return None
    before = [c for c in claims if c.claimant.id != denial.speaker_id and start_of(c.quotes[0]) < start_of(denial)]
    pieces = [c for c in before if _publisher(c.claimant)]
    named = [c for c in pieces if not is_document(c.claimant)]
    chosen = named or pieces
    return min(chosen, key=lambda c: start_of(c.quotes[0])) if chosen else None


def _publisher(speaker: Speaker) -> bool:
    """Whether a speaker is a site, a paper or a piece they published ("National Report", "nationalreport.net", "the
    Daily Mail", "An article")."""
    named = " ".join([speaker.name, *speaker.roles])
    return is_document(speaker) or PUBLISHER_NAME.search(named) is not None


def _told_just_before(denial: Quote, claims: list[DraftClaim], denier: Speaker) -> bool:
    """Whether someone not on the denier's side made a claim ending within POINTING_REACH before the denial."""
    others = [c for c in claims if not same_side(denier, c.claimant)]
    return claim_just_before(denial, others, POINTING_REACH) is not None


def _document_told_of_after(claim: DraftClaim, denial: Quote) -> bool:
    """Whether the claimant, a document with no name ("The article"), is first told of after the denial."""
    speaker = claim.claimant
    return is_document(speaker) and all(start >= end_of(denial) for start, _ in speaker.mentions)


def _sentence_of(content: str, words: str) -> str:
    """The sentence of the content in which the words begin (all of it where they are not found in it)."""
    at = content.find(words.strip()[:REFERRING_PREFIX])
    if at < 0:
        return content
    start = max((m.end() for m in SENTENCE_END.finditer(content, 0, at)), default=0)
    end = SENTENCE_END.search(content, at)
    return content[start : end.start() if end else len(content)]


def _denied_in_apposition(denial: Quote, claims: list[DraftClaim]) -> DraftClaim | None:
    """ "Lee said the funds were never misused, a point auditors have disputed": the claim whose words are the very
    words the denial denies (though they deny something themselves)."""
    return next(
        (
            c
            for c in claims
            if c.claimant.id != denial.speaker_id
            and any(q.content_spans == denial.content_spans and q.id != denial.id for q in c.quotes)
        ),
        None,
    )


def _disputed_already(denial: Quote, claims: list[DraftClaim], denied: set[str]) -> DraftClaim | None:
    """ '... non-citizens voted, a claim that county officials have rejected. "There were no non-citizen votes," said
    the elections director': a denial in its speaker's own words (not reported in another's quote: 'Graham said
    "when they hear a candidate say it's a hoax ..."') sharing a content word with a claim someone has already denied,
    just before it, denies it too (the closest such claim)."""
    if denial.nested_in:
        return None
    disputed = [c for c in claims if c.denials and (c.keys & denied) - NEGATION_KEYS]
    return claim_just_before(denial, disputed)


def _others_claims(
    denial: Quote, claims: list[DraftClaim], denier: Speaker, parent_speaker: dict[str, str | None]
) -> list[DraftClaim]:
    """The claims a denial may dispute: not the words of the denier or their side, nor words the denier reports
    ("Putin noted that ..." in Peskov's quote), unless the denial's words deny them after reporting them ("When
    Twitter says, 'We can't do this,' I don't believe that")."""
    return [
        c
        for c in claims
        if other_side(denier, c.claimant)
        and (
            not (c.quotes and all(parent_speaker.get(q.nested_in or "") == denial.speaker_id for q in c.quotes))
            or _reported_then_denied(denial, c)
        )
    ]


def _reported_then_denied(denial: Quote, claim: DraftClaim) -> bool:
    """Whether the denial's words report the claim and, after it, deny with a phrase that points back ("proved him
    wrong", "I don't believe that")."""
    nested = [q for q in claim.quotes if q.nested_in == denial.id]
    ends = [at + len(q.content) for q in nested if (at := denial.content.find(q.content)) >= 0]
    if not ends:
        return False
    return any(
        m.start() >= min(ends) and POINTING_BACK_IN_DENIAL.search(m.group(0))
        for m in denial_matches(denial.cue, denial.content) or []
    )


def _pointed_back_to(
    denial: Quote, claims: list[DraftClaim], denier: Speaker, parent_speaker: dict[str, str | None]
) -> DraftClaim | None:
    """ '"I have never spoken to them. It's fantasy," he said': a denial with a clause that denies "it" or "that",
    which disputes no claim by its words nor answers a question, disputes the claim just before it (not words
    reported in another's quote: 'when they hear a candidate say it's a hoax', where "it" is what the hoax is)."""
    if denial.nested_in or not _pronoun_clause_denies(denial):
        return None
    claim = claim_just_before(denial, _others_claims(denial, claims, denier, parent_speaker), reach=POINTING_REACH)
    if claim is None or _spoke_since(denial, claim, claims):
        return None  # '... said the plans would push people into poverty. "It is simply wrong"': her own subject
    return claim


def _spoke_since(denial: Quote, claim: DraftClaim, claims: list[DraftClaim]) -> bool:
    """Whether the denier said something of their own between the claim's words and the denial."""
    since, until = max(end_of(q) for q in claim.quotes), start_of(denial)
    own = [q for c in claims if c.claimant.id == denial.speaker_id for q in c.quotes if q.id != denial.id]
    return any(since <= start_of(q) < until for q in own)


def _pronoun_clause_denies(denial: Quote) -> bool:
    """Whether a clause of the denial's words that denies has a bare pronoun for its subject ("It's fantasy", "That
    is a lie"): it denies what was said just before, whatever its other words are about."""
    clauses = denying_clauses(denial.cue, denial.content) or []
    return any(PRONOUN_SUBJECT.match(denial.content[start:end]) for start, end in clauses)


def _denies_too(claim: DraftClaim, denied: set[str]) -> bool:
    """Whether the claim says, in one clause, that what the denial denies is not so: its text ("there never was an
    order") or a clause of its words ("There is no question of anyone having been misled")."""
    if NEGATED.search(claim.text) and (claim.keys & denied) - NEGATION_KEYS:
        return True
    clauses = [clause for q in claim.quotes for clause in SENTENCE_OR_CLAUSE.split(q.content)]
    return any(NEGATED.search(clause) and (content_keys(clause) & denied) - NEGATION_KEYS for clause in clauses)


def _told(denial: Quote, parent_speaker: dict[str, str | None], text: str) -> str | None:
    """ '"Moore told me I was mistaken," Adams said': the speaker whose quote reports words said to them ("told me")
    that call them "I" (a denial of what that speaker said), or None."""
    if denial.kind != "indirect" or not denial.nested_in or denial.cue_span is None or not denial.content_spans:
        return None
    first_clause = CLAUSE_END.split(denial.content, maxsplit=1)[0]
    said_to_me = TO_ME.match(text, denial.cue_span[1], start_of(denial)) is not None
    return parent_speaker.get(denial.nested_in) if said_to_me and REPORTED_FIRST_PERSON.search(first_clause) else None


def _only_says_there_was_none(denial: Quote) -> bool:
    """Whether all the phrases that deny in the words are "there was no ..." (none when the cue denies)."""
    matches = denial_matches(denial.cue, denial.content)
    return bool(matches) and all(m.group(0).lower().startswith("there") for m in matches or [])


def _denied_keys(denial: Quote) -> set[str]:
    """The content words of what a denial denies: all its words when its cue denies ("denied that ..."), else those
    of the clauses that deny ("With thousands of vote counting systems, there is no single point of failure": not
    the voting systems, which it does not deny), or all of them when those clauses say nothing but "this is a lie"."""
    clauses = denying_clauses(denial.cue, denial.content)
    if clauses is None:
        return content_keys(denial.content)
    keys: set[str] = set()
    for start, end in clauses:
        # "This is a lie. There were never any threats to the budget", "This news is unfounded, and chlorine gas has
        # not been used": a clause that denies only "this" leaves the rest of the words to say what
        if not DEMONSTRATIVE_SUBJECT.match(denial.content[start:end]):
            keys |= content_keys(denial.content[start:end])
    return keys or content_keys(denial.content)


def _going_on(
    denial: Quote, last_target: dict[str, tuple[int, DraftClaim]], claims: list[DraftClaim], text: str
) -> DraftClaim | None:
    """'... he believed Ruiz had fabricated the story. "This was made up," Harlow said': a denial of "this" or
    "that", or of "these stories" that names no one ("has denied reports that ... 'These stories are made up'"), right
    after the same speaker's denial disputes what that one disputed."""
    previous = last_target.get(denial.speaker_id or "")
    if previous is None or not 0 <= start_of(denial) - previous[0] <= GOING_ON_REACH:
        return None
    if ANAPHORIC_DENIAL.search(denial.content) or POINTING_BACK.search(denial.content):
        return previous[1]
    referring = referring_words(denial, text)
    if referring is None or any(names_speaker(referring, c.claimant) for c in claims):
        return None
    return previous[1]


def _anaphor_target(denial: Quote, claims: list[DraftClaim], text: str) -> DraftClaim | None:
    """What "that" in a short denial is: the claim it answers ("..., after Y said"), else the claim
    just before it, else the one just after it."""
    after = claim_just_after(denial, claims, text)
    if after is not None and after[1]:
        return after[0]
    before = claim_just_before(denial, claims)
    if before is not None:
        return before
    return after[0] if after is not None else None


def _nested(claim: DraftClaim) -> bool:
    return all(q.nested_in for q in claim.quotes)


def _account_called_false(
    denial: Quote, claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> DraftClaim | None:
    """ "he believed Fields had fabricated the story": the account of a speaker the denial says lied, made up or
    fabricated what they said, whether or not the article quotes that account (then it is added as a claim)."""
    for match in FABRICATED.finditer(denial.content):
        who = match.group("who") or match.group("pronoun")
        if who.lower() in {"he", "she"}:
            called = _called_so(denial, claims, who.lower(), text)
            if called is not None:
                return called
            continue
        accused = [sp for sp in speakers.values() if sp.id != denial.speaker_id and names_speaker(who, sp)]
        if len(accused) != 1:
            continue
        theirs = [c for c in claims if c.claimant.id == accused[0].id]
        found = claim_just_before(denial, theirs) or next(iter(theirs), None)
        if found is None:
            found = DraftClaim(accused[0], f"{accused[0].name}'s account")
            claims.append(found)
        return found
    return None


def _called_so(denial: Quote, claims: list[DraftClaim], pronoun: str, text: str) -> DraftClaim | None:
    """ '"She just made it up," he said': the claim just before the denial by a person the article calls by that
    pronoun (and by no pronoun of the other gender), not the denier; else by a person it calls by no pronoun ("Ruth
    Lane warned that ... I think she overstates the danger")."""
    pronouns = next(p for p in PRONOUNS_BY_GENDER if pronoun in p)
    people = [c for c in claims if c.claimant.type == "PERSON" and c.claimant.id != denial.speaker_id]
    called = [c for c in people if _third_person_pronouns(c.claimant, text) == pronouns]
    uncalled = [c for c in people if _third_person_pronouns(c.claimant, text) == PRONOUNS_OF["PERSON"]]
    return claim_just_before(denial, called) or claim_just_before(denial, uncalled)


def _addressee_claim(
    denial: Quote, claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> DraftClaim | None:
    """ 'McCaskill scolded him: "The scientific community is against you on the products you called miracles"': a
    denial put to "you", whose cue names whom it addresses (a name, or "him"/"her": the person named last before it),
    disputes a claim of theirs (the one sharing most words with it, else the last before it)."""
    if not denial.content_spans or not ADDRESSED.search(denial.content):
        return None
    start = start_of(denial)
    window = text[max(0, start - ADDRESSING_REACH) : start]
    cue = ADDRESSING.search(window) or _replied_to_before(denial, window)
    if cue is None:
        return None
    at = max(0, start - ADDRESSING_REACH) + cue.start("who")
    others = [sp for sp in speakers.values() if sp.id != denial.speaker_id]
    if cue.group("who").lower() in {"him", "her"}:
        mentioned = [(e, sp) for sp in others if _a_person(sp) for e in _named_at(sp, text) if e <= at]
        addressee = max(mentioned, key=lambda pair: pair[0])[1] if mentioned else None
    else:
        named = [sp for sp in others if names_speaker(cue.group("who"), sp)]
        addressee = named[0] if len(named) == 1 else None
    theirs = [c for c in claims if addressee is not None and c.claimant.id == addressee.id]
    if not theirs:
        return None
    keys = content_keys(denial.content)
    best = max(theirs, key=lambda c: len(c.keys & keys))
    return best if best.keys & keys else claim_just_before(denial, theirs) or theirs[-1]


def _replied_to_before(denial: Quote, window: str) -> re.Match[str] | None:
    """ 'Ibarra corrected the senator by tweeting back at him ... "Your facts are wrong," Ibarra wrote': whom the
    words before the denial (``window``) say its speaker answered ("tweeting back at him", "replied to Holt"), when
    the denial's cue follows its words (the last such phrase)."""
    if denial.cue_span is None or denial.cue_span[0] < start_of(denial):
        return None
    return next(reversed(list(REPLIED_TO.finditer(window))), None)


def _a_person(speaker: Speaker) -> bool:
    """A person, or a speaker the tagger left untyped whose name is a proper name ("Oz")."""
    words = speaker.name.split()
    return speaker.type == "PERSON" or (
        speaker.type == "UNNAMED" and 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)
    )


def _named_at(speaker: Speaker, text: str) -> list[int]:
    """Where the speaker is mentioned or their surname appears in the text (end offsets)."""
    ends = [e for _, e in speaker.mentions]
    surname = speaker.name.split()[-1] if speaker.name.split() else ""
    if surname[:1].isupper():
        ends += [m.end() for m in re.finditer(rf"\b{re.escape(surname)}\b", text)]
    return ends


def _question_answered(
    denial: Quote, quotes: list[Quote], claims: list[DraftClaim], speakers: dict[str, Speaker], text: str
) -> DraftClaim | None:
    """'"That is total propaganda," Carson replied' after "Quintanilla asked about his ties to Mannatech": a denial
    that replies disputes what the last question before it took for granted, when the one who replies has not spoken
    since (the question is added as a claim)."""
    if denial.cue is None or ANSWERING_CUE.search(denial.cue) is None or not denial.content_spans:
        return None
    start = start_of(denial)
    before = [q for q in quotes if q.content_spans and 0 <= start - end_of(q) <= REFERENCE_REACH]
    questions = [q for q in before if q.polarity == "questions" and q.speaker_id in speakers]
    last = max(questions, key=end_of, default=None)
    if last is None or last.speaker_id == denial.speaker_id:
        return None
    # the one who replies has not spoken since the question
    if any(q.speaker_id == denial.speaker_id and start_of(q) > end_of(last) for q in before):
        return None
    asker = speakers[last.speaker_id or ""]
    claim = DraftClaim(asker, normalise(last, asker, speakers.values(), text), [last], content_keys(last.content))
    claims.append(claim)
    return claim


def _answers(denial: Quote, speaker: Speaker) -> bool:
    """Whether the denial's cue says whom it answers: "responded to one of Harlow's messages by saying"."""
    cue = denial.cue or ""
    return ANSWERING_CUE.search(cue) is not None and _named_or_owner(cue, speaker)


def _whose_words_between(denial: Quote, text: str) -> str | None:
    """The words between the cue and what was said, where they say whose words the denial is about ("said of
    Chaffetz's latest request: ...", "denied a report by the newspaper Diario do Planalto that ...")."""
    if denial.cue_span is None or not denial.content_spans or denial.cue_span[1] > start_of(denial):
        return None
    between = text[denial.cue_span[1] : start_of(denial)]
    about = SAID_OF.match(between) or (REPORT_CUE.search(denial.cue or "") and REPORT_BY.match(between))
    return between if about else None


def _dispute(claim: DraftClaim) -> Dispute:
    disputers: list[str] = []
    for q in claim.denials:
        if q.speaker_id and q.speaker_id not in disputers:
            disputers.append(q.speaker_id)
    return Dispute(
        claim_id=claim.id,
        claimant_id=claim.claimant.id,
        disputed_by=disputers,
        quote_ids=[q.id for q in claim.quotes + claim.denials],
        stance="refutes",
    )


def normalise(quote: Quote, claimant: Speaker, speakers: Iterable[Speaker], text: str) -> str:
    """A short proposition: the first clause of the words, names in their canonical form, the
    claimant's own pronouns ("him" in reported speech, "me" in a direct quote) replaced by their name."""
    words = quote.content.strip(" \"'“”‘’").removeprefix("that ")
    cut = CLAIM_CUTS.search(words, pos=min(len(words), 25))
    words = words[: cut.start()] if cut else words
    for other in speakers:
        if other.type == "PERSON":
            for s, e in other.mentions:
                mention = text[s:e]
                if mention in words and len(mention.split()) > 1:
                    words = words.replace(mention, other.name)
    own = PRONOUNS_OF["DIRECT"] if quote.kind == "direct" else _third_person_pronouns(claimant, text)
    # "denied attacks from Ames that he was not a farmer": "he" is the one who denies, not the claimant
    nominal = quote.nested_in is not None and is_owned_claim_noun(quote.cue or "")
    if claimant.type == "PERSON" and not nominal:
        words = re.sub(rf"\b({'|'.join(own)})\b", claimant.name, words, flags=re.IGNORECASE)
    return words.strip(" ,.;:")


def _third_person_pronouns(claimant: Speaker, text: str) -> tuple[str, ...]:
    """The pronouns that can be the claimant in reported words: those of the gender the article calls them by ("he
    said": not the "she" in "crime doubled since she took office"), or both where it never does."""
    called = {text[s:e].lower() for s, e in claimant.mentions}
    genders = [pronouns for pronouns in PRONOUNS_BY_GENDER if called & set(pronouns)]
    return genders[0] if len(genders) == 1 else PRONOUNS_OF["PERSON"]
