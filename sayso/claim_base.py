"""What every linker of claims and denials shares: a claim being built, the content words of statements, where
statements are, the claims just before or after a denial, whether words name a speaker, and whether two speakers are
on one side."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sayso.model import Quote, Speaker, content_id
from sayso.quotes.cues import words
from sayso.speaker_names import is_first_name
from sayso.speaker_roles import ROLE_TITLES, role_heads

STOPWORDS = words("""
    a an the and or but if of to in on at by for with from as is are was were be been being it its this
    that these those there their they them he him his she her we our you your i me my not no nor so than
    then what which who whom whose will would can could should may might must do does did have has had
    said says say told tell about into over after before during while more most very just also only such
    any some
""")
# speakers that are documents: a denial that names the kind names the document
DOCUMENT_NOUNS = words("""
    report study story audit review poll survey memo letter affidavit complaint lawsuit ruling book film movie
    video documentary investigation analysis article column editorial post tweet
""")
# "a book", "another damning report": a noun phrase that brings in something new (up to two words before its noun)
INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another|any|no)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# "the article", "this new report": a document the words point back to, by its kind
DOCUMENT_POINTED_AT = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w’'-]+\s+)?(" + "|".join(sorted(DOCUMENT_NOUNS)) + r")\b", re.IGNORECASE
)
# the words end on an attribution: a name after it is who says them, not whom they name
SAID_BY = re.compile(r"\b(?:said|says|told|wrote|according\s+to)\s+(?:[A-Z][\w'’.-]*\s+){0,3}$")
# a name after one of these prepositions (and its first name or title) is an act's object ("made an offer for
# Harry Kane"), not the one whose words are denied
OBJECT_OF = re.compile(r"\b(?:for|to|with|against|on|about|at)\s+(?:[A-Z][\w.'’-]*\s+){0,2}$")
# ... or after the "by" of a passive act that is no making of a claim ("suspended for a month by the Tour": who
# suspended, in the claim; not "allegations made by the Tour")
ACTED_BY = re.compile(
    r"\b(?!(?:made|raised|put|brought|leveled|levelled|published|reported|issued|voiced|aired|posted)\b)\w+(?:ed|en)\s+"
    r"(?:[\w-]+\s+){0,4}?by\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,2}$"
)
# ... or as the one whose family or home it is ("denied that al-Baghdadi's wife had been arrested")
KIN_OF = re.compile(
    r"[’']s?\s+(?:\w+\s+)?(?:wife|husband|son|daughter|sons|daughters|child|children|kids|family|mother|father|"
    r"brother|sister|parents|widow|girlfriend|boyfriend|fianc[ée]e?|home|house)\b"
)
REFERENCE_REACH = 1200  # characters back from the denial
MIN_SHARED_KEYS = 2
NEGATION_KEYS = {"never", "nothi", "nobod"}  # content keys that say "not", not what
NEGATED = re.compile(r"\b(?:never|no|not|nor|neither|nobody|nothing)\b|n[’']t\b", re.IGNORECASE)
ANAPHORIC_AFTER = 160  # characters after the denial
ANSWERS = re.compile(r"\b(?:after|when|in response to|responding to|replying to)\b", re.I)


# the same key for words news uses for one thing: "ISIL" and "ISIS", "apprehended" and "caught" and "arrested"
SAME_KEYS = {
    "isil": "isis",
    "appre": "arres",
    "caugh": "arres",
    "detai": "arres",
    "died": "dead",
    "death": "dead",
    "kille": "dead",
}


def content_keys(text: str) -> set[str]:
    """Content words, cut to five letters so that 'threats' meets 'threatened' and 'missiles' 'missile' (and
    words for one thing given one key: SAME_KEYS)."""
    words = re.findall(r"[a-z][a-z’']+", text.lower())
    keys = {w[:5] for w in words if w not in STOPWORDS and len(w) > 3}
    return {SAME_KEYS.get(k, k) for k in keys}


@dataclass
class DraftClaim:
    claimant: Speaker
    text: str
    quotes: list[Quote] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    denials: list[Quote] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.claimant.id, self.text)


def claim_just_before(denial: Quote, claims: list[DraftClaim], reach: int = REFERENCE_REACH) -> DraftClaim | None:
    """The claim by someone else whose words end closest before the denial, within reach (characters)."""
    start = denial.content_spans[0][0] if denial.content_spans else 0
    ends = [(q.content_spans[-1][1] if q.content_spans else start, c) for c, q in others_quotes(denial, claims)]
    near = [(end, c) for end, c in ends if 0 <= start - end <= reach]
    return max(near, key=lambda pair: pair[0])[1] if near else None


def claim_just_after(
    denial: Quote, claims: list[DraftClaim], text: str, reach: int = ANAPHORIC_AFTER
) -> tuple[DraftClaim, bool] | None:
    """The claim by someone else whose words start closest after the denial's end, within its
    sentence's reach (or ``reach`` characters), and whether the words between say that the denial answers it ('"I
    never said that," X said, after Y said ...')."""
    end = denial.content_spans[-1][1] if denial.content_spans else 0
    starts = [(q.content_spans[0][0] if q.content_spans else end, c) for c, q in others_quotes(denial, claims)]
    near = [(start, c) for start, c in starts if 0 <= start - end <= reach]
    if not near:
        return None
    start, claim = min(near, key=lambda pair: pair[0])
    return claim, ANSWERS.search(text, end, start) is not None


def others_quotes(denial: Quote, claims: list[DraftClaim]) -> Iterator[tuple[DraftClaim, Quote]]:
    """Each claim's statements, but for the claims of the denial's own speaker."""
    for c in claims:
        if c.claimant.id != denial.speaker_id:
            for q in c.quotes:
                yield c, q


WORD = re.compile(r"\w+")


def names_speaker(content: str, speaker: Speaker) -> bool:
    """Whether the words name the speaker: their surname, the organisation's name, or a document's kind ("the
    AP report" names the speaker "The report")."""
    words = speaker.name.split()
    if speaker.type != "PERSON" and (names_its_country(content, speaker) or _whole_name_in(content, speaker)):
        return True
    if is_document(speaker):
        return _document_named(content, words[-1])
    if not words or speaker.type not in {"PERSON", "ORG"} or words[-1] not in content:
        return False
    for match in re.finditer(rf"\b{re.escape(words[-1])}\b", content):
        if SAID_BY.search(content[: match.start()]):  # '... prosecution," said Rep. Elijah Cummings': the one who says
            continue
        if OBJECT_OF.search(content[: match.start()]):  # "an offer for Harry Kane": whom an act is about, no claimant
            continue
        if ACTED_BY.search(content[: match.start()]):  # "suspended by the Tour": who acted, in the claim
            continue
        if KIN_OF.match(content, match.end()):  # "al-Baghdadi's wife had been arrested": whose kin, in the claim
            continue
        before = re.search(r"([A-Z][a-z]+)\s+$", content[: match.start()])
        # "Ivana Trump" names a namesake of Donald Trump, not him ("Senator Ruiz", "Judge Ruiz" are still Ann Ruiz)
        if (
            speaker.type != "PERSON"
            or before is None
            or before.group(1) in words
            or before.group(1).lower() in ROLE_TITLES
            or not is_first_name(before.group(1))
        ):
            return True
    return False


def document_called_so(content: str, before: int, speakers: Iterable[Speaker], text: str) -> str | None:
    """The id of the speaker last called, before ``before``, by a kind of document the words point back to ("the
    article was fake": the one called "The article" in "The article quoted the CDC as saying ..."), or None."""
    nouns = {m.group(1).lower() for m in DOCUMENT_POINTED_AT.finditer(content)}
    if not nouns:
        return None
    called = [
        (start, speaker.id)
        for speaker in speakers
        for start, end in speaker.mentions
        if end <= before and (text[start:end].split() or [""])[-1].lower() in nouns
    ]
    return max(called)[1] if called else None


def is_document(speaker: Speaker) -> bool:
    """Whether the speaker is a document with no name ("The article", "the AP report")."""
    words = speaker.name.split()
    return speaker.type == "UNNAMED" and bool(words) and words[-1].lower() in DOCUMENT_NOUNS


def _document_named(content: str, noun: str) -> bool:
    """Whether the words speak of a document of the noun's kind already told of: "the AP report", "its report", not
    "a book" (in "she was writing a book": another one, new to the reader)."""
    return any(
        not INDEFINITE_BEFORE.search(content, 0, match.start())
        for match in re.finditer(rf"\b{re.escape(noun)}\b", content, re.IGNORECASE)
    )


def _whole_name_in(content: str, speaker: Speaker) -> bool:
    """ "the Ukrainian military's account" names "The Ukrainian military": all of a name of two words or more (but
    for the kind of body it ends in: "the Esquire story" names "Esquire Magazine")."""
    name = re.sub(r"^(?:the|a|an)\s+", "", speaker.name.strip(), flags=re.IGNORECASE)
    kind = KIND_AT_END.search(name)
    if kind is not None and kind.start() > 0 and re.search(rf"\b{re.escape(name[: kind.start()])}\b", content):
        return True
    if len(name.split()) < 2 or name.lower() not in content.lower():  # (the cheap test first)
        return False
    return re.search(rf"\b{re.escape(name)}\b", content, re.IGNORECASE) is not None


# the kind of body a name may end in ("Esquire Magazine", "Fox News Network"), which mentions of it leave out
KIND_AT_END = re.compile(r"\s+(?:magazine|newspaper|website|network|group|company|corporation|inc\.?|corp\.?)$", re.I)
# a capitalised word, but not "Baghdadi" of "al-Baghdadi" nor "Russian" of "pro-Russian"
CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]{3,}\b")
SIDE = re.compile(r"\b([A-Z][a-z]{3,})\s+side\b")


def names_its_country(content: str, speaker: Speaker) -> bool:
    """ "the Philippines' account" names "The Philippine armed forces", "the Chinese statement" names China: a
    capitalised word of the name and one of the words that are a country and its adjective."""
    own = CAPITALISED.findall(speaker.name)
    if not own:  # (the cheap test first: "officials" names no country)
        return False
    named = set(CAPITALISED.findall(content))
    sides = set(SIDE.findall(content))  # "The Philippine side is spreading false information": the same word too
    return any(_country_and_adjective(a, b) or (b in sides and a == b) for a in own for b in named)


def _country_and_adjective(a: str, b: str) -> bool:
    """ "China" and "Chinese", "Russia" and "Russian": two words that differ only after all but at most one letter
    of the shorter one (and in at least four letters in common), and not as a noun and its plural ("State" and
    "States", "Muslim" and "Muslims"; so not "Philippine" and "Philippines" either)."""
    a, b = a.lower(), b.lower()
    common = len(os.path.commonprefix([a, b]))
    tails = {a[common:], b[common:]}
    return len(tails) == 2 and tails != {"", "s"} and common >= 4 and common >= min(len(a), len(b)) - 1


def speaks_of(content: str, speaker: Speaker) -> bool:
    """Whether the words name the speaker or call them by one of their roles ("the mayor" for Mayor Jo Hart)."""
    roles = role_words(speaker)
    return names_speaker(content, speaker) or (bool(roles) and any(w.lower() in roles for w in WORD.findall(content)))


def role_words(speaker: Speaker) -> set[str]:
    """The head word of each of the speaker's roles, lower-cased ("mayor" for "Mayor of Eastbrook")."""
    return role_heads(speaker.roles)


def owns(content: str, speaker: Speaker) -> bool:
    """Whether the words name the speaker as the owner of what they dispute: "Lane's account", "the
    governor's reasons" (the speaker's surname or one of their roles' head word, before 's)."""
    if speaker.type not in {"PERSON", "ORG"}:
        return False
    names = {n.lower() for n in speaker.name.split()[-1:]} | role_words(speaker)
    owners = {m.lower() for m in re.findall(r"(\w+)[’']s\s+\w", content)}
    return bool(names & owners)


def start_of(q: Quote) -> int:
    return q.content_spans[0][0] if q.content_spans else 0


def end_of(q: Quote) -> int:
    return q.content_spans[-1][1] if q.content_spans else 0


ROLE_OWNER = re.compile(r"\b(\w+)[’']s\b")  # "institute's" in "the institute's deputy director"
# "Gowdy's office", "Exxon Mobil's", "the Clinton campaign's lawyers": a speaker on the side of the one named
POSSESSOR = re.compile(
    r"^(?:[Tt]he\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?:\s+campaign)?)[’']s?"
    r"(?:\s+(?:office|campaign|team|staff|aides?|lawyers?|attorneys?|spokes(?:man|woman|person)|representatives?))?$"
)


def other_side(a: Speaker, b: Speaker) -> bool:
    """Whether b is someone else than a and not on a's side (see same_side)."""
    return a.id != b.id and not same_side(a, b)


def same_side(a: Speaker, b: Speaker) -> bool:
    """ "Clinton spokesman Jesse Ferguson" and Hillary Clinton: one's role names the other, who it speaks for; "the
    agency" and "USCIS, the agency that oversees the program": one is a description the other's name holds."""
    return (
        _role_names(a, b)
        or _role_names(b, a)
        or _role_owner(a, b)
        or _role_owner(b, a)
        or _described_in(a, b)
        or _described_in(b, a)
        or _owned_by(a, b)
        or _owned_by(b, a)
        or _short_name_of(a, b)
        or _short_name_of(b, a)
        or _speaks_for(a, b)
        or _speaks_for(b, a)
    )


# who speaks for a body or a person: "a Durex spokesperson", "a spokesman for the Pentagon", "a Pentagon official"
PROXY_HEADS = words("""
    spokesman spokeswoman spokesperson spokespeople representative representatives rep reps lawyer lawyers attorney
    attorneys aide aides official officials publicist agent
""")


def _speaks_for(description: Speaker, other: Speaker) -> bool:
    """ "A Durex spokesperson" and Durex: an unnamed one whose description names the other and who speaks for it."""
    words = re.findall(r"[\w-]+", description.name.lower())
    named = re.findall(r"[\w-]+", other.name.lower())
    named = named[1:] if named[:1] == ["the"] else named
    if description.type not in {"UNNAMED", "GROUP"} or other.type not in {"ORG", "PERSON"} or not named:
        return False
    joined, own = " ".join(words), " ".join(named)
    return bool(PROXY_HEADS & set(words)) and re.search(rf"(?:^|\s){re.escape(own)}(?:\s|$)", joined) is not None


def _short_name_of(short: Speaker, body: Speaker) -> bool:
    """ "Exxon" and "Exxon Mobil": a body named by the first words of the other's name (not people: "Bill" and
    "Bill Clinton" may be two)."""
    a, b = short.name.split(), body.name.split()
    return "PERSON" not in (short.type, body.type) and 0 < len(a) < len(b) and b[: len(a)] == a


def _owned_by(speaker: Speaker, other: Speaker) -> bool:
    """ "Gowdy's office" and Trey Gowdy, "Exxon Mobil's" and Exxon Mobil: a speaker named as the other's."""
    owner = POSSESSOR.match(speaker.name)
    return owner is not None and names_speaker(owner.group(1), other)


def _described_in(description: Speaker, other: Speaker) -> bool:
    words = description.name.lower().split()
    if description.type != "UNNAMED" or len(words) < 2 or words[0] not in {"the", "this", "that"}:
        return False
    phrase, name = " ".join(words), other.name.lower()
    return phrase in name and re.search(rf"(?:^|\s){re.escape(phrase)}(?:\s|,|$)", name) is not None


def _role_owner(speaker: Speaker, other: Speaker) -> bool:
    """ "the institute's deputy director" and "the Institute for Fiscal Studies", "Labour's health spokesman" and
    Labour: a role's owner (the word before 's) is a word of the other's name, a body's."""
    if other.type == "PERSON":
        return False
    name_words = set(re.findall(r"\w+", other.name.lower()))
    return any(owner.lower() in name_words for role in speaker.roles for owner in ROLE_OWNER.findall(role))


ROLE_WORD = re.compile(r"[\w-]+")


def _role_names(speaker: Speaker, other: Speaker) -> bool:
    if other.type not in {"PERSON", "ORG"} or not other.name.split():
        return False
    surname = other.name.split()[-1]
    return any(surname in role and surname in ROLE_WORD.findall(role) for role in speaker.roles)
