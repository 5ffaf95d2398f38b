"""Speakers' roles: the words that say what a person is ("Kremlin spokesman", "mayor of Eastbrook"), read
from the words before a name, an apposition after it or a role set off before it, and how a description
("the spokesman", "the Russian leader") fits the roles a person was given."""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sayso.nlp import RANK_ABBREVIATIONS
from sayso.quotes.cues import words

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "rev", "sen", "rep", "gov", "gen", "cllr"} | {
    rank.lower() for rank in RANK_ABBREVIATIONS
}
TITLE_WORDS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "prof": "professor"}
OFFICE_TITLES = {"sen", "rep", "gov", "gen"}  # titles that name an office ("Mr" names no one's office)
ROLE_SYNONYMS = {
    "leader": {"president", "minister", "premier", "chancellor", "king", "queen", "leader", "head"},
    "official": {"spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "official"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
}
DESCRIPTION_STOP = {"the", "a", "an", "this", "that", "his", "her", "its", "their", "your", "our", "my"}
# Title words that NER often folds into a name: "Mayor Elena Varga" is Elena Varga, role Mayor.
ROLE_TITLES = words("""
    president mayor senator sen governor gov minister chancellor secretary chair chairman chairwoman
    spokesman spokeswoman judge general gen king queen prince princess pope premier commissioner sheriff
    chief director ceo rep representative congressman congresswoman ambassador prosecutor officer
    detective coach professor councillor councilor councilman councilwoman alderman
""")
# Heads of a description of one person ("a council spokeswoman", "the victim's mother", "a senior official").
PERSON_NOUNS = words("""
    spokesman spokeswoman spokesperson official source aide adviser advisor executive officer defendant witness
    victim mother father wife husband son daughter brother sister man woman neighbour neighbor resident lawyer
    prosecutor judge doctor nurse teacher worker employee driver passenger backbencher minister diplomat analyst
    economist researcher scientist professor student friend relative colleague insider member fighter soldier
    militant commander activist expert agent rebel guard protester pilot player coach survivor suspect detective
    engineer farmer owner founder
""")
ORG_WORDS = words("""
    party company inc corp council university agency department ministry committee bank news times post
    group association union office court police army house senate congress parliament government
    institute foundation fund board
""")


def title_prefix(name: str) -> str | None:
    words = name.split()
    lead = [w for w in words[:-1] if w.lower().rstrip(".") in ROLE_TITLES]
    return " ".join(lead) if lead and words[: len(lead)] == lead else None


ONE_OF = re.compile(r"one\s+of\s+(?:the|his|her|its|their)\s+", re.IGNORECASE)  # "one of the former prosecutors"
ROLE_COMPLEMENT = re.compile(r"\s+(?:of|for|at|in|to|with|from|on|behind)\s+.*$", re.IGNORECASE)


def role_heads(roles: list[str]) -> set[str]:
    """The head word of each role ("leader" in "union leader of the port"): "the union" is no union leader."""
    return {heads[-1].lower() for r in roles if (heads := ROLE_COMPLEMENT.sub("", r).split())}


def singular_description(phrase: str) -> str:
    """ "one of the former prosecutors for the state" -> "former prosecutors for the state" with its head in the
    singular ("former prosecutor for the state"); any other description as it is."""
    one_of = ONE_OF.match(phrase)
    if one_of is None:
        return phrase
    rest = phrase[one_of.end() :]
    head = ROLE_COMPLEMENT.sub("", rest)
    return singular(head) + rest[len(head) :]


PLURAL_ENDING = re.compile(r"(?<=[sxh])es$|s$")


def singular(words: str) -> str:
    """Words whose last one, a plural, is put in the singular ("former prosecutors" -> "former prosecutor")."""
    return PLURAL_ENDING.sub("", words)


def described_words(phrase: str) -> list[str]:
    """The words of a description before its complement, the head in the singular after "one of the"
    (`words_before_complement`)."""
    return words_before_complement(singular_description(phrase))


def words_before_complement(phrase: str) -> list[str]:
    """The words of a role or description before its complement, lowercased and split at hyphens ("the
    deputy-director of the Guild": the, deputy, director)."""
    return [w.lower() for w in re.findall(r"[A-Za-z]+", ROLE_COMPLEMENT.sub("", phrase))]


def role_words(roles: list[str]) -> set[str]:
    """The words of the roles before their complements (words_before_complement)."""
    return {w for r in roles for w in words_before_complement(r)}


def qualifies_role(head: str, roles: list[str]) -> bool:
    """Whether a description's head word only qualifies the role of someone ("campaign" in "campaign spokeswoman",
    "Marsh's campaign manager"): the campaign is another party than its spokeswoman or manager (a judge may be "the
    court")."""
    heads = role_heads(roles)
    modifiers = {w.lower() for r in roles for w in ROLE_COMPLEMENT.sub("", r).split()} - heads
    return head in modifiers and not heads & (ROLE_SYNONYMS.get(head, {head}) | VOICES_OF.get(head, set()))


# the institutions that speak through the one whose role they qualify: "the court" ruled, said its justice
VOICES_OF = {"court": words("judge justice magistrate")}


def role_overlap(words: list[str], roles: list[str]) -> float:
    """How well a description's words fit a person's roles: the roles' own words, not those of what
    they are a role of ("the book" is not "the author of the book")."""
    role_words = {w.lower() for r in roles for w in ROLE_COMPLEMENT.sub("", r).split()}
    score = 0.0
    for w in words:
        if w in role_words:
            score += 1
        elif role_words & ROLE_SYNONYMS.get(w, set()):
            score += 0.8
    return score / len(words)


def head_fits(head: str, roles: list[str]) -> bool:
    """Whether a description's head word is a word of the roles, or a synonym of one ("leader" for "President"):
    "Colorado Republican leaders" share a word with "the only Republican candidate", but are no candidate."""
    role_words = {w.lower().rstrip(".") for r in roles for w in ROLE_COMPLEMENT.sub("", r).split()}
    role_words |= {TITLE_WORDS[w] for w in role_words & TITLE_WORDS.keys()}  # "the Florida senator": "Florida Sen."
    heads = {head, re.sub(r"men$", "man", head), head.removesuffix("s")}  # "the committee chairmen": "Chairman"
    return bool(heads & role_words) or bool(role_words & ROLE_SYNONYMS.get(head, set()))


ROLE_WORDS = re.compile(r"^[A-Za-z][\w.'’-]*$")


# Lowercase particles inside a person's name ("Erik ten Hag", "Ursula von der Leyen", "Virgil van Dijk")
NAME_PARTICLES = words("ten ter van von der den de da di do du dos das del la le")


def premodifier_role(ent: SpacySpan) -> str | None:
    """ "former UK Prime Minister Boris Johnson" -> "former UK Prime Minister"."""
    role_tokens = title_before(ent)
    if not any(t.pos_ == "NOUN" or t.text.istitle() for t in role_tokens):
        return None
    if role_tokens[-1].lower_ in ORG_WORDS:
        return None  # "told the court Whitcombe had ...": an institution, no title of the name after it
    before = ent.doc[role_tokens.start - 1] if role_tokens.start > 0 else None  # (not the doc's last word)
    if len(role_tokens) == 1 and role_tokens[0].is_lower and before is not None and before.lower_ in {"a", "an"}:
        return None  # "a remark Trump made": the name opens a clause that tells of the thing
    return role_before_name(role_tokens.text)


def role_before_name(words: str) -> str | None:
    """The role the words before a name in a speaker phrase give ("former UK Prime Minister"), if a post heads them."""
    role = clean_role(words)
    return role if role is not None and headed_by_a_post(role) else None


def headed_by_a_post(role: str) -> bool:
    """Whether a role's head word names what a person is ("former UK Prime Minister", "billionaire investor", "CEO"),
    not a thing ("the speech Hillary Clinton gave", "a trade bill Obama signed", "46 percent")."""
    words = ROLE_COMPLEMENT.sub("", singular_description(role)).split()  # ("one of the family's attorneys")
    head = words[-1].rstrip(".") if words else ""
    if "percent" in role or not head:
        return False
    if head.isupper() and len(head) <= 5:
        return True
    for part in head.lower().split("-"):  # "vice-chair", "president-elect", "co-founder": any part
        singular = part[:-1] if part.endswith("s") else part
        if part in POST_HEADS or singular in POST_HEADS or PERSON_ENDING.search(singular) is not None:
            return True
    return False


def title_before(ent: SpacySpan) -> SpacySpan:
    """The title words right before a name ("former UK Prime Minister" before "Boris Johnson"), maybe none."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and ent.start - k <= 6:
        tok = doc[k]
        titled = tok.pos_ in {"PROPN", "NOUN", "ADJ"} or (tok.tag_ == "VBN" and tok.text[:1].isupper())  # "Retired"
        if not titled or tok.ent_type_ == "PERSON" or not ROLE_WORDS.match(tok.text):
            break
        k -= 1
    return doc[k + 1 : ent.start]


def apposition_role(text: str, end: int, doc: Doc | None = None) -> str | None:
    """ "Dmitry Peskov, the Kremlin spokesman, said" -> "Kremlin spokesman"; not a clause ("According to Lind,
    the findings could change ...": a finite verb in ``doc``)."""
    # (the role stops at a relative clause: "Mark Hale, a cardiologist at King's College London who was not ...")
    # (or after a possessive name: "Graham Birch, Canada's ex-defence minister,")
    m = re.match(
        r",\s+((?:the|a|an)\s+|(?P<of>[A-Z][\w.]*['’]s\s+))?([A-Za-z][\w .'’-]{2,60}?)"
        r"(?:,|;|\.(?:\s|$)|\s+(?:who|which|whose)\s)",
        text[end : end + 70],
    )
    if not m or not m.group(1) or is_relative_clause(m.group(3)):
        return None
    if m.group("of") and not re.search(r"\b[a-z]", m.group(3)):
        return None  # "Lester Holt, ABC's Martha Raddatz, CNN's ...": a list of names
    if doc is not None:
        words = doc.char_span(end + m.start(3), end + m.end(3), alignment_mode="expand")
        if words is not None and any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in words):
            return None
    role = clean_role(m.group(3))
    return (m.group("of") or "") + role if role else None


# a role of up to five words ending in a lower-case one, then the comma before the name
ROLE_BEFORE_NAME = r"((?:[\w'’-]+\s+){0,4}[a-z][\w'’-]*),\s*$"
PREPOSED_ROLE = re.compile(
    r"(?:^|[\s(])(?:[Tt]he\s+|[Hh]is\s+|[Hh]er\s+|[Tt]heir\s+|[Ii]ts\s+|[Oo]ur\s+|(?=[A-Z][\w.]*['’]s\s))"
    + ROLE_BEFORE_NAME
)
AFTER_PREPOSITION = re.compile(r"\b(?:of|for|at|in|to|with|from|by|on|about)\s*$", re.IGNORECASE)


def preposed_role(text: str, ent: SpacySpan) -> str | None:
    """ "his assistant, Karen Mills, confronted", "the education secretary, James Porter, refused" -> the role
    before the name, set off by commas on both sides."""
    if not text.startswith(",", ent.end_char):
        return None
    m = PREPOSED_ROLE.search(text, max(0, ent.start_char - 60), ent.start_char)
    if m is None:
        return None
    office = m.group(1).split()[-1].lower() in ROLE_TITLES  # "the trial of the company's chairman, Victor Hale"
    if not office and AFTER_PREPOSITION.search(text, max(0, m.start() - 8), m.start() + 1):
        return None  # "the author of the book, Mitchell Zane": not "book"
    return clean_role(m.group(1))


LED_BY = re.compile(
    r"(?:^|[\s(])((?:[Tt]he\s+)?(?:[\w'’-]+\s+){0,3}[a-z][\w'’-]*),\s+(?:led|headed)\s+by\s+(?:[A-Z][a-z]{1,4}\.?\s+)?$"
)


def leader_role(text: str, start: int) -> str | None:
    """ "The researchers, led by Dr Sofia Lindgren" -> "leader of the researchers" (for the name at ``start``)."""
    m = LED_BY.search(text, max(0, start - 80), start)
    group = m.group(1) if m else ""
    return f"leader of {group[0].lower()}{group[1:]}" if group and len(group) <= 50 else None


def is_relative_clause(words: str) -> bool:
    """ "who chairs the committee": a relative clause, not a role."""
    first = words.split(maxsplit=1)[0].lower() if words.strip() else ""
    return first in {"who", "which", "that", "whose", "whom"}


WHO_IS = re.compile(r",\s+who\s+(?:is|was)\s+(?:the|a|an|his|her|their|its)\s+([a-z][\w '’-]+?)\s*[,.;]")


def relative_role(words: str) -> str | None:
    """ ", who was his deputy at the time": the office the clause gives (up to "at", "in", "with", "from")."""
    m = WHO_IS.match(words)
    return clean_role(LONG_ROLE_CUT.split(m.group(1), maxsplit=1)[0]) if m else None


PART_OF = re.compile(
    r"(?:one|some|many|most|all|each|none|another|two|three|four)\s+of\s+(?:them|us|those|these)\b", re.IGNORECASE
)
OFFICE_QUALIFIERS = {"state", "former", "retired", "then", "lt.", "u.s."}


def _qualified_office(words: list[str]) -> bool:
    """Whether the words end in an office's title after its qualifiers: a place, a party, "state", "former"
    ("Texas Sen.", "Former Pennsylvania Gov."; not "party convention Sen." nor "panel Chairman Rep.", which are
    other roles before a title)."""
    title, before = words[-1].lower().rstrip("."), words[:-1]
    qualifiers = all(
        w.lower() in OFFICE_QUALIFIERS or (w[:1].isupper() and w.lower() not in ROLE_TITLES) for w in before
    )
    return title in OFFICE_TITLES and bool(before) and qualifiers


LONG_ROLE_CUT = re.compile(r"\s+(?:at|in|with|from)\s+")
# how words before a name end that are no role of it: what the person said ("derogatory comments Trump had made"), or
# a preposition whose object the name is ("A new ad from Donald Trump's campaign")
NO_ROLE_END = words("""
    comments remarks statements claims words tweets posts ad ads from of by with to for about in on including like as
    and
""")
CLAUSE_LINKS = words("who whom which")  # where a role runs on into what follows ("chief of staff to X whom")
GOES_BY = words("as called named nicknamed dubbed")  # how the words before a name may end: "known as", "called"
# words that pick some of a group, no one's post ("Many Democrats", "Some Republicans", "Both")
QUANTIFIERS = words("many some most one both several few all at least more other people")
# what a word heading a role before a name ends with: a person's ("adviser", "director", "economist", "nominee")
PERSON_ENDING = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ary|ive|ate|crat|eur|ster)$")
# other heads of such roles
ROLE_HEADS = words("""
    aide chief host general justice scholar fellow widow personality nominee candidate surrogate staffer partner
    veteran delegate del liberal conservative libertarian independent republican rival opponent ally analyst attorney
    counsel envoy consul admiral colonel major captain lieutenant sergeant corporal marshal ensign bishop cardinal rabbi
    imam reverend priest pastor sheikh lord lady baron duke dame sir star actress rapper pundit mogul tycoon magnate
    heir heiress chef pilot nurse dean provost principal head boss athlete quarterback clerk chaplain monk nun
    billionaire millionaire critic cleric skeptic sceptic archbishop baroness duchess earl countess deputy constable
    forward model czar tsar whip
""")
POST_HEADS = ROLE_TITLES | PERSON_NOUNS | TITLES | ROLE_HEADS  # the words that head a role before a name


def clean_role(role: str) -> str | None:
    words = re.sub(r"[,()]", " ", role).split()
    while words and words[0].lower() in DESCRIPTION_STOP:
        words.pop(0)  # "a porter at the same hospital": the article goes, the words inside stay
    while words and (words[-1].lower().rstrip(".") in TITLES or words[-1].lower() in DESCRIPTION_STOP):
        if _qualified_office(words):
            break  # "state Sen.", "Former Florida Gov.": the office, not "state"
        words.pop()
    while words and words[-1].lower() in NAME_PARTICLES:
        words.pop()  # "Ten" before "Hag", "Van der" before "Berg": the name's own first words, no role
    while words and words[-1].lower() in CLAUSE_LINKS:
        words.pop()
    if words and words[-1].lower() in GOES_BY:  # "the base chief known as Bob": the post, then what he goes by
        while words and words[-1].lower() in GOES_BY | {"to", "known", "referred"}:
            words.pop()
    if words and words[-1].lower() in NO_ROLE_END or all(w.lower() in QUANTIFIERS for w in words):
        return None
    cleaned = " ".join(words).strip()
    if PART_OF.match(cleaned):
        return None  # "One of them, Angela Price,": which of a group, no role
    if len(cleaned) > 60:  # "a defence researcher at the Athens-based Hellenic Policy Institute": what is before "at"
        cleaned = LONG_ROLE_CUT.split(cleaned, maxsplit=1)[0]
        cleaned = "" if re.search(r"\b(?:who|which|that|whose)\b", cleaned) else cleaned  # no clause
    return cleaned if cleaned and len(cleaned) <= 60 else None
