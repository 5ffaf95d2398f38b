"""What a speaker mention's words say, apart from the resolver's state: descriptions of bodies and of other office
holders, epithets and nationalities, the antecedent of a relative clause, a group opening a sentence, a statement
issued, possessive and premodifying names."""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import words
from sayso.quotes.frame import Span
from sayso.speaker_entity import Entity, normalise_name
from sayso.speaker_names import BODY_BEFORE_NAME, NON_COMPANY_KINDS, PUBLISHER_WORDS, is_first_name
from sayso.speaker_roles import ORG_WORDS, PERSON_NOUNS, headed_by_a_post

# Singular nouns of a group that news calls "they": "The family said ...; they added".
COLLECTIVE_NOUNS = words("family families couple crew staff")
OWN_PEOPLE_POSSESSIVES = words("his her their")  # "Benning and his lawyers"

# "analysts at Barrow Capital", "a nurse at Mercy Hospital": people of an organisation, not the organisation.
MEMBERS_OF = re.compile(r"^(?:\w+\s+){0,3}?([a-z]+)\s+(?:at|from|with|of|in)\s+(?:the\s+)?$", re.IGNORECASE)

QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")

# "The mayor's office later issued a statement.": who issued it (group 1), the sentence's subject.
ISSUED_STATEMENT = re.compile(
    r"(?:^|[.!?\n][\"'”’]?\s+)([A-Z][^.!?\n]{1,80}?)\s+(?:(?:\w+ly|also|later|then|today|yesterday|on\s+\w+day)\s+)*"
    r"(?:issued|released|put\s+out|published|posted|sent)\s+(?:an?|the)\s+(?:\w+\s+)?statement\b"
)


# "(A) review of state police data by", "analysis by": a study whose finding is its author's
FINDING_BY = re.compile(
    r"(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:analysis|review|study|survey|poll|audit|investigation|report|inquiry|count|tally"
    r"|results|figure|data|statistic|research|video|ad|advert|advertisement)s?\b"
    r"[^,;]*\bby\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "a spokesman for X", "a lawyer to X", "the wife of X", "the campaign of X": someone who speaks for X, not X
PROXY_OF = re.compile(
    r"\b(?:spokes(?:man|woman|person)|lawyers?|attorneys?|aides?|advis[eo]rs?|representatives?|counsel|"
    r"staffers?|assistants?|deputy|allies|ally|friends?|wife|husband|son|daughter|brother|sister|mother|father|"
    r"campaign|office|team|camp)"
    r"\s+(?:for|to|of)\s+(?:[\w.’'-]+\s+){0,4}$",
    re.IGNORECASE,
)
STATEMENT = re.compile(r"\bin\s+an?\s+(?:written\s+)?(?:statement|(?:press|news)\s+release)\b", re.IGNORECASE)
THE_STATEMENT = re.compile(r"(?:the|that|this) statement", re.IGNORECASE)
# "the 36-year-old", "the 47-year-old father of two": a person described by age.
AGED = re.compile(r"\b\d{1,3}-year-old\b")
# "The mayor of Eastbrook, Sandra Lowe, said": a name after "of" is what the speaker is a role of, not the speaker.
# "Ana Ruiz, a computer scientist at Tulane,", "El Diario de las Américas, a Florida-based publication read by exiles":
# a name (no comma in it), and an apposition that says what it is (or between dashes: "Snopes.com—the premier debunker
# of internet myths—")
APPOSITION = re.compile(
    r"(?P<head>[^,—–]{2,80}?)(?:,\s+|\s*[—–]\s*)(?:a|an|the)\s+(?P<what>[^,—–]+?)(?:,|\s*[—–])?"
)
# "one of the former auditors for Dan Harlow", "a rival to Ann Ruiz": a name that is a preposition's object
# ... or after a kind of body ("The leader of Islamist group Boko Haram": Boko Haram is the group, not its leader)
OF_NAME = re.compile(
    r"\w\s+(?:of|for|to|against|with)\s+(?:the\s+)?(?:(?:[\w-]+\s+)?" + BODY_BEFORE_NAME + r"\s+)?$",
    re.IGNORECASE,
)
# "Sofia Lindgren of the Karolinska Institute", "Jo Hale, of Avon Police,": "of" (group "the": where the
# organisation's name may begin).
AFFILIATION_OF = re.compile(r",?\s+of\s+(?P<the>)(?:the\s+)?")
OF_TAIL = re.compile(r",\s*of\s", re.IGNORECASE)
# "shadow health secretary", "former governor", "deputy mayor": not the one "the health secretary" means
OTHER_HOLDER = words("shadow former ex deputy vice acting assistant")


def another_holder(role: str, words: list[str]) -> bool:
    """Whether a role names another holder of the office a description names ("Labour's shadow health secretary"
    for "the health secretary"): a word of OTHER_HOLDER in the role that the description does not have."""
    role_words = {w.lower().strip(".,’'") for w in role.replace("-", " ").split()}
    return bool(role_words & OTHER_HOLDER - set(words))


DESCRIBED_BODY_HEADS = ORG_WORDS | NON_COMPANY_KINDS


def described_body(name: str) -> bool:
    """ "The defence ministry", "the city council": an organisation described, not named."""
    words = name.lower().split()
    return len(words) > 1 and words[0] == "the" and words[-1] in DESCRIBED_BODY_HEADS


# what news calls the person an article is about: "the striker said", "the singer added"
EPITHETS = words("striker midfielder defender goalkeeper winger forward star singer actor actress rapper veteran")


def epithet(mention: SpacySpan) -> bool:
    """ "the striker", "the singer": "the" and one epithet of a person."""
    return len(mention) == 2 and mention[0].lower_ == "the" and mention[1].lower_ in EPITHETS


def some_of_a_kind(mention: SpacySpan) -> bool:
    """ "More GOP candidates", "Republican voters": a plural without "the", some people of a kind, never the one
    person of the article whose role has that word ("the committee chairmen" may be the two named so)."""
    return mention[-1].tag_ in {"NNS", "NNPS"} and mention[0].lower_ != "the"


def nationality(mention: SpacySpan) -> bool:
    """ "the Spaniard", "the Briton": "the" and one singular nationality noun."""
    return len(mention) == 2 and mention[0].lower_ == "the" and mention[1].ent_type_ == "NORP" and mention[1].tag_ in {
        "NN",
        "NNP",
    }


RELATIVE_PRONOUNS = {"who", "whom", "which"}
ANTECEDENT_POS = {"NOUN", "PROPN", "ADJ", "NUM", "DET", "PART"}


def relative_antecedent(mention: SpacySpan) -> SpacySpan | None:
    """ "local farmers, who said", "families of the victims, many of whom say": the phrase before the
    comma is the speaker. Walks back over its nouns, adjectives, names and inner "of"."""
    if mention[-1].lower_ not in RELATIVE_PRONOUNS:
        return None
    doc = mention.doc
    comma = mention.start - 1
    if comma < 1 or doc[comma].text != ",":
        return _restrictive_antecedent(mention)
    start = comma
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ in ANTECEDENT_POS or (
            prev.lower_ == "of" and start - 2 >= 0 and doc[start - 2].pos_ in {"NOUN", "PROPN"}
        ):
            start -= 1
        elif prev.ent_type_ and doc[start].ent_type_ == prev.ent_type_ and doc[start].ent_iob_ == "I":
            start -= 1  # "the Syrian Observatory for Human Rights, which said": a name with its own preposition
        else:
            break
    while start < comma and doc[start].lower_ == "of":
        start += 1
    if start < comma and mention[-1].lower_ == "who" and doc[start - 1].pos_ == "ADP":
        # "the ranking Democrat on the Intelligence Committee, who said": the one the preposition's phrase is of
        held = _holder_before(doc, start - 1)
        if held is not None and _holds(doc[held.start : start - 1], doc[start:comma]):
            return _named_before_apposition(doc, held.start) or held
    return doc[start:comma] if start < comma and doc[comma - 1].pos_ in {"NOUN", "PROPN"} else None


def head_before_modifier(mention: SpacySpan) -> tuple[Token, int] | None:
    """The head noun of a phrase that a preposition or participle goes on after ("official" of "a U.S. official
    following North Korea", "Center" of "The Climate Prediction Center in College Park"), with the index of that
    word; None where there is none, or punctuation comes first (an apposition: "Ofwat, the regulator")."""
    last = None
    for token in mention:
        if token.pos_ == "PUNCT":
            return None
        if token.pos_ in {"ADP", "VERB"} and last is not None:
            return last, token.i
        if token.pos_ in {"NOUN", "PROPN"}:
            last = token
    return None


def _holds(holder: SpacySpan, object_: SpacySpan) -> bool:
    """Whether "who" after "holder + preposition + object" is the holder's: its head is a name or a post ("the
    ranking Democrat on the committee"), or the object is a place ("farmers in Wisconsin"); not "running battles with
    security forces, who say" (the forces), nor "a sensitive subject for Hungary, who says" (a thing's place is the
    one who says)."""
    if holder and (holder[-1].pos_ == "PROPN" or headed_by_a_post(holder.text)):
        return True
    people = holder[-1].tag_ == "NNS" or holder[-1].lower_ in PERSON_NOUNS
    return people and any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in object_)


def without_relative_clause(mention: SpacySpan) -> SpacySpan:
    """A source phrase up to a relative clause inside it ("One longtime NBC employee who has worked with Williams on
    several occasions": the employee), not a clause's pronoun that ends it (relative_antecedent reads those), nor a
    clause that says what the speaker goes by ("a supporter of the mayor who runs the page @PortFirst")."""
    clause = next((k for k in range(2, len(mention) - 1) if mention[k].lower_ in {"who", "whose"}), None)
    if clause is None or GOES_BY_CLAUSE.search(mention[clause:].text):
        return mention
    return mention[:clause]


GOES_BY_CLAUSE = re.compile(r"@\w|\b(?:runs|ran|goes\s+by|went\s+by|known\s+as|calls\s+(?:him|her|them)sel(?:f|ves)|"
                            r"(?:tweets|posts|writes)\s+(?:as|under))\b", re.IGNORECASE)


def _holder_before(doc: Doc, preposition: int) -> SpacySpan | None:
    """The noun phrase right before a preposition ("the ranking Democrat" of "... on the committee"), up to the whole
    phrase's comma."""
    start = preposition
    while start > 0 and doc[start - 1].pos_ in ANTECEDENT_POS:
        start -= 1
    if start == preposition or doc[preposition - 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    end = next((t.i for t in doc[preposition:] if t.text == ","), preposition)
    return doc[start:end]


def _named_before_apposition(doc: Doc, start: int) -> SpacySpan | None:
    """ "Sen. Dianne Feinstein of California, the ranking Democrat ...": the person named right before an apposition
    that opens at ``start`` (a home town or state after the name may come between)."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end > start - 1 or start - 1 - ent.end > 3:
            continue
        if all(t.lower_ == "of" or t.pos_ == "PROPN" for t in doc[ent.end : start - 1]):
            return ent
    return None


def _restrictive_antecedent(mention: SpacySpan) -> SpacySpan | None:
    """ "Harold Doley, a banker and former Treasury official who has suggested": the name whose apposition the
    relative clause follows, else the noun phrase right before the pronoun ("the crews who said")."""
    doc = mention.doc
    end = start = mention.start
    while start > 0 and (doc[start - 1].pos_ in ANTECEDENT_POS or doc[start - 1].lower_ == "and"):
        start -= 1
    while start < end and doc[start].lower_ == "and":
        start += 1
    if start == end or doc[end - 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    name_end = start - 1  # the comma before an apposition
    if name_end >= 1 and doc[name_end].text == "," and doc[name_end - 1].pos_ == "PROPN":
        name_start = name_end - 1
        while name_start > 0 and doc[name_start - 1].pos_ == "PROPN":
            name_start -= 1
        return doc[name_start:name_end]
    return doc[start:end]


def member_of(lead: str) -> bool:
    """Whether the words before an organisation's name are someone of it ("a nurse at"), not a part of it
    ("the government of")."""
    m = MEMBERS_OF.search(lead)
    return m is not None and m.group(1).lower() not in ORG_WORDS


SUBJECT_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"}


def line_start(doc: Doc, i: int) -> int:
    """The first token of the paragraph (line) that holds token ``i``: spaCy's sentences may run across one."""
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text):
        i -= 1
    return i


def group_subject(sent: SpacySpan) -> SpacySpan | None:
    """The words opening a sentence, up to its verb, where they name a group: a noun phrase headed by a
    plural or collective common noun ("The woman's family", "McConnell aides", "Twenty-seven states")."""
    start = sent.start
    while start < sent.end and (sent.doc[start].is_space or sent.doc[start].is_punct):
        start += 1
    end = start
    while end < sent.end and (sent.doc[end].pos_ in SUBJECT_POS or sent.doc[end].tag_ in {"POS", "HYPH"}):
        end += 1
    if end == start or end >= sent.end or sent.doc[end].pos_ not in {"VERB", "AUX", "ADP"}:
        return None
    head = sent.doc[end - 1]
    if head.pos_ != "NOUN" or not (head.tag_ == "NNS" or head.lower_ in COLLECTIVE_NOUNS):
        return None
    return sent.doc[start:end]


def with_their_own(mention: SpacySpan) -> SpacySpan:
    """ "Benning and his lawyers": the one whose people they are ("Benning"); else the mention itself (not "Smith and
    Wesson", "Kay Hagan and Phil Bryant": no one's own people)."""
    for tok in mention[1:-1]:
        if tok.lower_ == "and" and tok.nbor(1).lower_ in OWN_PEOPLE_POSSESSIVES:
            return mention[: tok.i - mention.start]
    return mention


def people_of(lead: str) -> bool:
    """Whether the words before a name are people of it ("Analysts at Morgan Stanley", "a lawyer at Paul
    Weiss"): a name that employs people is an organisation's, whatever its first word ("a new ad from Trump" is
    no one of Trump)."""
    m = MEMBERS_OF.search(lead)
    head = m.group(1).lower() if m else ""
    return head in PERSON_NOUNS or (head.endswith("s") and head[:-1] in PERSON_NOUNS)


def head_before(mention: SpacySpan, k: int) -> bool:
    """Whether the preposition at k follows the common noun heading the mention ("analysts at ...", "a person
    familiar with ...", "sources close to ...")."""
    if mention[k].pos_ != "ADP":
        return False
    before = mention[k - 1]
    return before.pos_ == "NOUN" or (k >= 2 and before.pos_ in {"ADJ", "ADV"} and mention[k - 2].pos_ == "NOUN")


def in_another_mention(ent: SpacySpan, orgs: list[Entity]) -> bool:
    """ "DreamWatch" in "Lullen, the maker of the DreamWatch monitor, said": a name inside the mention of another
    organisation (after its start), no name of its own."""
    own = normalise_name(ent.text)
    return any(
        s < ent.start_char and ent.end_char <= e and normalise_name(o.name) != own for o in orgs for s, e in o.mentions
    )


def called_so(text: str, ent: SpacySpan, noun: str, before: int) -> bool:
    """ "the newspaper Diario do Planalto" for "the newspaper" at ``before``: a name right after that noun."""
    start = ent.start_char
    return ent.end_char <= before and re.search(rf"\b{noun}\s+$", text[max(0, start - 20) : start], re.I) is not None


def own_body(text: str, name: str, start: int) -> str | None:
    """ "Turkey dismisses ..." over "Turkey's foreign ministry on Thursday dismissed ...": the body of the headline's
    organisation (or country) that opens the first paragraph, by its name there."""
    kinds = "|".join(sorted(NON_COMPANY_KINDS))
    body = re.compile(rf"(?:[Tt]he\s+)?{re.escape(name)}['’]s(?:\s+[a-z-]+){{0,3}}?\s+(?:{kinds})\b")
    found = body.match(text, start)
    return found.group(0) if found else None


def main_subject(ent: SpacySpan) -> bool:
    """ "Later, in a note to clients, Anand stood by his questions", "Redmoor's manager, Luis Ortega, declined": a
    name after an opening phrase set off by a comma, right before a verb or set off itself before one (no parser:
    by the words' parts of speech)."""
    doc = ent.doc
    verb = ent.end + 1 if ent.end < len(doc) and doc[ent.end].text == "," else ent.end
    return (
        ent.start - ent.sent.start >= 2
        and doc[ent.start - 1].text == ","
        and verb < len(doc)
        and doc[verb].pos_ in {"VERB", "AUX"}
    )


def object_of_preposition(ent: SpacySpan) -> bool:
    return ent.start > 0 and ent.doc[ent.start - 1].pos_ == "ADP"


def issued_statement(text: str, before: int) -> Span | None:
    """Where the issuer of a statement is named in the last sentence before `before` or the one before that
    ("The mayor's office later issued a statement. \"...,\" it read."), or None."""
    start = max(0, before - 400)
    found = list(ISSUED_STATEMENT.finditer(text, start, before))
    if not found:
        return None
    name = found[-1]
    between = QUOTED.sub("", text[name.end() : before])  # only the quote may stand between
    return (name.start(1), name.end(1)) if len(re.findall(r"[.!?]", between)) <= 1 else None


# "Clinton's", "Woods'": the mark of a possessive right after a name ('s, or ' alone after an s)
POSSESSIVE_MARK = re.compile(r"[’']s\b|(?<=s)[’'](?!\w)")


def possessive(text: str, ent: SpacySpan) -> bool:
    """ "Clinton's spokesman Brian Fallon", "Woods' agent": the name before the possessive mark is not the speaker."""
    return POSSESSIVE_MARK.match(text, ent.end_char) is not None


def possessive_within(text: str, ent: SpacySpan, end: int, named_elsewhere: Callable[[SpacySpan], bool]) -> bool:
    """ "Clinton's spokesman Brian Fallon": a name before 's that more of the mention (up to ``end``) follows is not
    the speaker; a mention that ends at the name is, when the article names that person elsewhere too ("Podliska" as
    the source of "Podliska's claim is that ...", after "Bradley Podliska")."""
    mark = POSSESSIVE_MARK.match(text, ent.end_char)
    if mark is None:
        return False
    return text[mark.end() : end].strip() != "" or not named_elsewhere(ent)


def premodifier(ent: SpacySpan, mention: SpacySpan) -> bool:
    """ "Vance campaign spokesman Tom Reilly": a name followed by a common noun of the same phrase
    qualifies that noun; the speaker is the name the phrase ends with."""
    after = ent.end
    return after < mention.end and ent.doc[after].pos_ == "NOUN" and ent.doc[after].is_lower


def description_heads(name: str) -> set[str]:
    """The words a definite description may call an unnamed speaker by: its last word ("The foreign ministry")
    and, for "A representative for the singer", the word before the preposition."""
    words = name.lower().split()
    before = next((words[k - 1] for k in range(1, len(words)) if words[k] in {"for", "of", "at", "to"}), None)
    return {words[-1]} | ({before} if before else set())


def name_goes_on(mention: SpacySpan, org: SpacySpan) -> bool:
    """Whether the words before an organisation's name in the mention are proper nouns that NER left out of it
    ("The Liberal Democrats"; not "Fellow Republicans" opening a sentence, nor another name), up to the mention's
    end."""
    doc = mention.doc
    first = mention.start + (mention[0].lower_ == "the")
    before = doc[first : org.start]
    if not before or org.end != mention.end or opens_a_sentence(before[0]):
        return False
    return all(t.tag_ in {"NNP", "NNPS"} and not t.ent_type_ for t in before)


SENTENCE_ENDS = {".", "!", "?", "”", '"'}


def opens_a_sentence(tok: Token) -> bool:
    doc = tok.doc
    return tok.is_sent_start or tok.i == 0 or doc[tok.i - 1].is_space or doc[tok.i - 1].text in SENTENCE_ENDS


def body_kind_then_name(mention: SpacySpan, kinds: AbstractSet[str]) -> tuple[SpacySpan, str] | None:
    """ "Disability charity Scope", "Cybersecurity firm Ironvale": a kind of body (a common noun of ``kinds``), then
    proper nouns: the name, and the words before it (its role)."""
    k = len(mention)
    while k > 0 and mention[k - 1].pos_ == "PROPN":  # (a particle inside: "Corriere dello Sport")
        k -= 1
    kind = mention[k - 1] if 0 < k < len(mention) and mention[k].text[:1].isupper() else None
    if kind is None or kind.pos_ != "NOUN" or kind.lower_ not in kinds:
        return None
    return mention[k:], mention[:k].text

# what a publication is, after its name: "the official Rodong Sinmun daily newspaper", "the Jordan Times website"
PUBLICATION_KINDS = words("""
    newspaper paper tabloid broadcaster magazine website site channel outlet daily weekly agency
""")


def name_then_publication_kind(mention: SpacySpan) -> tuple[SpacySpan, str] | None:
    """ "the official Rodong Sinmun daily newspaper": proper nouns, then common nouns or adjectives ending in a kind of
    publication (PUBLICATION_KINDS): the name, and the words after it (its role)."""
    kind = mention[-1]
    if len(mention) < 2 or kind.pos_ != "NOUN" or kind.lower_ not in PUBLICATION_KINDS or not kind.text.islower():
        return None  # (a headline's "Popular Website Shows Bias": no kind after a name)
    k = len(mention) - 1
    while k > 0 and mention[k - 1].pos_ in {"NOUN", "ADJ"} and mention[k - 1].text.islower():
        k -= 1
    end = k
    while k > 0 and mention[k - 1].pos_ == "PROPN":
        k -= 1
    if k == end:
        return None
    return mention[k:end], mention[end:].text


# "BRUSSELS - European leaders said ...", "ABUJA, Nigeria — The leader of ...", "LIMA, Peru, May 4 (Reuters) - ...":
# the dateline (a place in capitals, maybe a country or a date after a comma, an agency in brackets) is no part of
# the speaker's name.
DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,\s+[A-Z0-9][\w.'’]*(?:\s+[A-Z0-9][\w.'’]*){0,3}){0,2}"
    r"(?:\s*\([^()\n]{1,40}\))?\s+[-—–]+\s+"
)

# "11:15 Residents in Tregaron say ...": a liveblog entry's time is no part of its speaker either.
LIVE_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|[A-Z]{2,3}T))?\s+")
# "Okafor, 52, says", "Daniel Whitcombe, 47, of Harrogate, admitted": an age (and a home town) set off by
# commas is no part of the name, nor a role.
AGE_TAIL = re.compile(r",\s*\d{1,3}\s*(?:,\s*(?:of|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?\s*,?\s*$")

# "A senior official, who spoke on condition of anonymity, said": the relative clause is no part of the name;
# nor "led by ..." ("The researchers, led by Dr Sofia Lindgren, said": the researchers said it).
RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose|(?:led|headed)\s+by)(?:\s.*)?$", re.DOTALL)
# "The study, published in the journal Nature, said": nor is a participle's phrase (who published it, the
# one "published by", may speak for it: PUBLISHED_BY)
PARTICIPLE_TAIL = re.compile(
    r",\s+(?:first\s+|originally\s+)?(?:published|released|issued|commissioned|conducted|written|compiled|posted)"
    r"\s+(?:by|in|on|at|for|last|this)\b.*$",
    re.DOTALL,
)

MENTION_TAILS = (AGE_TAIL, RELATIVE_TAIL, PARTICIPLE_TAIL)
RELATIVE_AFTER = re.compile(r"\s*(?:who|which|whose)\b")


def mention_bounds(text: str, span: Span) -> Span:
    """A source span without a dateline or a liveblog entry's time before it, nor an age, a relative clause, a
    participle's phrase or a comma after it."""
    start = span[0]
    line = text.rfind("\n", 0, start) + 1
    stamp = LIVE_TIME.match(text, line)
    dateline = DATELINE.match(text, start, span[1])
    if stamp is not None and start < stamp.end() < span[1]:
        start = stamp.end()
    elif dateline is not None:
        start = dateline.end()
    tail = next(filter(None, (t.search(text, *span) for t in MENTION_TAILS)), None)
    end = tail.start() if tail and tail.start() > span[0] else span[1]
    if text[start:end].rstrip().endswith(",") and RELATIVE_AFTER.match(text, end):
        end = text.rindex(",", start, end)  # "A senior European diplomat," (the tagger's, before "who spoke ...")
    return start, end


# "By Harriet Lowe" on a line of its own near the top: the byline
BYLINE = re.compile(r"^By\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*)\s*$", re.MULTILINE)
BYLINE_REACH = 400
QUOTE_MARKS = re.compile(r"[\"“”]")


def byline(text: str) -> re.Match[str] | None:
    """The byline near the article's top, if any (group 1: the name)."""
    return BYLINE.search(text, 0, BYLINE_REACH)


def in_own_words(text: str, at: int) -> bool:
    """Whether ``at`` is in the article's own words: outside quote marks in its paragraph (a paragraph that opens
    with a quote mark is a quote's, closed or not)."""
    line = text.rfind("\n", 0, at) + 1
    before = text[line:at]
    return not before.lstrip().startswith(("\"", "“", "‘", "'")) and len(QUOTE_MARKS.findall(before)) % 2 == 0


# the last words of places whose names stand for the bodies in them ("Downing Street", "Capitol Hill")
PLACES_FOR_BODIES = words("street hill square hall house palace yard")


def place_for_a_body(mention: SpacySpan) -> bool:
    """ "Downing Street said", "Capitol Hill reacted": capitalised proper nouns NER left untagged, ending in a word of
    the places whose names stand for the bodies in them ("Beck Pimentel" is no such place)."""
    words = mention[1:] if mention[0].lower_ == "the" else mention
    return (
        2 <= len(words) <= 4
        and words[-1].lower_ in PLACES_FOR_BODIES
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in words)
        and not any(t.ent_type_ for t in words)
        and not is_first_name(words[0].text)
    )


# "The reports, first published by the Wexmoor Echo, say": what the reports say, the one who published them says
REPORTS = re.compile(
    r"(?:the|these|those)\s+(?:\w+\s+)?(?:reports?|claims?|allegations?|stories|story|revelations?)", re.I
)
PUBLISHED_BY = re.compile(
    r",\s+(?:first\s+|originally\s+)?(?:published|reported|made|aired|broadcast|revealed|carried)\s+by\s+"
    r"(?P<by>[^,;.]{2,60}?)(?:\s+(?:on|in|last|this|earlier)\s+[^,;.]*)?,"
)
# "The Sunday Courier reported ... The newspaper said": what a newspaper is called, and its titles' last words
PUBLICATION_NOUNS = words("newspaper paper tabloid magazine publication")
TITLE_WORDS_OF_PAPERS = PUBLISHER_WORDS | words("times post news mail express mirror star sun standard record daily")


# Capitals that news reports use for their governments ("Beijing rejected ...", "Moscow said"), and the country
CAPITALS = {
    "beijing": "China", "moscow": "Russia", "kyiv": "Ukraine", "kiev": "Ukraine", "tehran": "Iran",
    "pyongyang": "North Korea", "seoul": "South Korea", "tokyo": "Japan", "paris": "France", "berlin": "Germany",
    "ankara": "Turkey", "riyadh": "Saudi Arabia", "damascus": "Syria", "baghdad": "Iraq", "kabul": "Afghanistan",
    "islamabad": "Pakistan", "new delhi": "India", "manila": "Philippines", "hanoi": "Vietnam", "caracas": "Venezuela",
    "havana": "Cuba", "minsk": "Belarus", "taipei": "Taiwan", "canberra": "Australia", "ottawa": "Canada",
    "cairo": "Egypt", "warsaw": "Poland", "budapest": "Hungary", "rome": "Italy", "madrid": "Spain",
}


def country_of_capital(name: str, text: str) -> str | None:
    """ "Beijing" in a report that also says "China": the country its government speaks for (else None: "Paris"
    in a report on a Paris council vote that never names France stays Paris)."""
    country = CAPITALS.get(name.strip().lower())
    if country is None or re.search(rf"\b{re.escape(country)}\b", text) is None:
        return None
    return country
