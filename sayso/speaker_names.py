"""Speakers' names: which of spaCy's entities are people (a name or title shows it where NER says ORG: "Mayor
Elena Varga"), the words of a name without titles and post-nominals, a person's gender from a title, a role
word or the first name, and organisation names NER split at "and" ("Avon and Somerset Police")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import words
from sayso.speaker_roles import NAME_PARTICLES, ORG_WORDS, ROLE_TITLES, TITLES

ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}

FEMALE_WORDS = words("""
    she her mrs ms miss spokeswoman chairwoman congresswoman queen princess dame businesswoman woman
    madam
""")

MALE_WORDS = words("""
    he him his mr spokesman chairman congressman king prince sir businessman man
""")

POST_NOMINALS = {"KC", "QC", "MP", "MSP", "MEP", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD"}
POST_NOMINALS |= {"Jr", "Sr", "II", "III", "IV"}  # generational suffixes: "Joseph R. Biden Jr." is Mr. Biden

# Bodies that are no company: "the company" is never an organisation whose name ends in one of these.
NON_COMPANY_KINDS = words("""
    trust charity agency council university department ministry committee association union office court police
    army senate congress parliament government institute foundation commission authority regulator federation
    society church school college hospital service administration party campaign museum gallery military navy force
""")

# Kinds of company: "his publisher", "the carmaker" are an organisation, whichever
COMPANY_KINDS = words("company firm corporation publisher broadcaster carmaker automaker retailer airline bank")

# Kinds of body ("council", "police", "trust"): a name may join places with "and" before one ("Avon and Somerset
# Police"); a headline may call one by its kind alone ("Harbour council").
BODY_KINDS = ORG_WORDS | NON_COMPANY_KINDS | words("constabulary trusts hospitals")


def name_words(name: str) -> list[str]:
    words = [w for w in re.sub(r"[()\[\],]", " ", name).split() if w.lower().rstrip(".") not in TITLES]
    while len(words) > 1 and (words[0].lower().rstrip(".") in ROLE_TITLES or _party_before_name(words)):
        words.pop(0)  # "Mayor Ann Ruiz"; "NDP Angus" (a party's initials of three letters or more, not "AJ Styles")
    while len(words) > 2 and words[-1].rstrip(".") in POST_NOMINALS:
        words.pop()  # "Neil Patel KC", "Sir Keith Hale MP", "Joseph R. Biden Jr."
    return [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]


def _party_before_name(words: list[str]) -> bool:
    return re.fullmatch(r"[A-Z]{3,}", words[0]) is not None and words[1][:1].isupper() and not words[1].isupper()


def one_slip_apart(a: str, b: str) -> bool:
    """Whether two words of the same first letter differ by one slip of the keyboard: a letter added, dropped or
    changed, or two neighbours swapped ("Fuetnes" for "Fuentes")."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    rest_a, rest_b = _past_common_start(a, b)
    return letters_swapped(a, b) or rest_a[1:] == rest_b[1:] or rest_a[1:] == rest_b or rest_a == rest_b[1:]


def letters_swapped(a: str, b: str) -> bool:
    """Whether two words of one length differ only by two neighbouring letters swapped ("Fuetnes", "Fuentes")."""
    rest_a, rest_b = _past_common_start(a, b)
    return a != b and len(a) == len(b) and rest_a[:2] == rest_b[1::-1] and rest_a[2:] == rest_b[2:]


def _past_common_start(a: str, b: str) -> tuple[str, str]:
    start = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[start:], b[start:]


def misspelt_surname(word: str, surnames: Iterable[str], text: str) -> str | None:
    """ '"...," said Fuetnes' in an article that names "Tom Fuentes ... Fuentes said": the one surname a word written
    only once is one slip from, when that surname is written more than once (a name written once may be another
    person's, "Johnston" beside "Johnson"), or is two neighbouring letters swapped (a typing slip, no other name)."""
    if len(word) < 5 or word in surnames or _times_written(word, text) != 1:
        return None
    near = {
        name
        for name in surnames
        if one_slip_apart(word, name) and (_times_written(name, text) >= 2 or letters_swapped(word, name))
    }
    return near.pop() if len(near) == 1 else None


def _times_written(word: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def joined_organisations(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """The entities, where NER split "Avon and Somerset Police" at "and" (into a PERSON "Avon" and an ORG
    "Somerset Police" -- or a PERSON that its last word shows is none --, or left "Brent" untagged) with one
    ORG over the whole name: the words before "and" (and commas: "Tees, Esk and Wear Valleys NHS Trust") are
    capitalised names of one to three words, none of them a person's full name nor an organisation's own name."""
    out = list(ents)
    for ent in ents:
        if ent.label_ not in ORG_LABELS | {"PERSON"} or ent[-1].lower_ not in BODY_KINDS or ent.start < 2:
            continue
        start = _joined_start(ent)
        if start < ent.start:
            out = [e for e in out if e.end <= start or e.start >= ent.end]
            out.append(SpacySpan(ent.doc, start, ent.end, label="ORG"))
    return sorted(out, key=lambda e: e.start)


# What only a company has: "Shares in Brightwave", "Brightwave's chief executive"
COMPANY_CONTEXT = (
    r"\b[Ss]hares (?:in|of) {name}\b",
    r"\b{name}(?:'s|’s)? (?:shares|stock|share price|shareholders|chief executive|chief financial officer|"
    r"board of directors|customers|headquarters|profits|revenues?|subsidiary)\b",
    r"\b(?:[Cc]harity|[Cc]ompany|[Ff]irm|[Rr]etailer|[Rr]egulator|[Ww]atchdog|[Bb]roadcaster|[Aa]irline|[Ll]ender|"
    r"[Ii]nsurer|[Cc]armaker|[Pp]ublisher|[Ss]upermarket|[Cc]hain|[Ww]ebsite|[Ss]ite|[Ss]tartup|[Gg]iant|[Mm]aker|"
    r"[Pp]rovider|[Oo]perator|[Pp]latform|[Cc]ampaign group|[Pp]ressure group|[Tt]hink tank) {name}\b",
)


# the last words of companies' names ("Harwell Payments Ltd", "Volta Motors Inc.")
COMPANY_SUFFIXES = words("inc ltd plc llc corp corporation co group holdings company sa ag gmbh nv")


def is_company(name: str, text: str) -> bool:
    """Whether an organisation's name or what the article says of it shows it to be a company."""
    last = name.split()[-1].lower().rstrip(".") if name.split() else ""
    return last in COMPANY_SUFFIXES or any(re.search(c.format(name=re.escape(name)), text) for c in COMPANY_CONTEXT)


def companies_named_like_people(ents: Sequence[SpacySpan], text: str) -> list[SpacySpan]:
    """The entities, where NER called a company of one word a person or nothing ("Brightwave rejected the
    findings"), with one ORG over each of its mentions: a one-word name that NER calls an organisation once or
    that the article speaks of as only a company is spoken of ("Shares in Brightwave fell"), and that is no
    first name, no part of a person's longer name and never after an honorific."""
    ents = [_as_a_body(e, text) for e in ents]
    names = _company_names(ents, text)
    if not names:
        return list(ents)
    out = [e for e in ents if e.text not in names or len(e) != 1]
    covered = {i for e in out for i in range(e.start, e.end)}
    doc = ents[0].doc
    out += [SpacySpan(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in names and t.i not in covered]
    return sorted(out, key=lambda e: e.start)


WHICH_AFTER = re.compile(r",\s+(?:which|based\s+in|headquartered\s+in)\s")
# the nouns of a kind of body that go right before its name ("the jihadist group al-Shabab", "the firm Acme")
BODY_BEFORE_NAME = r"(?:company|firm|group|militia|movement|organi[sz]ation|network|party|band)"
PUBLICATION_KIND = r"(?:newspaper|tabloid|magazine|broadcaster|website|site|blog|outlet|channel)"
# "the newspaper Diario do Planalto", "the broadcaster WDS", "the jihadist group al-Shabab", "the Algerian news site
# al-Fadjr": a kind of body right before its name, after up to two words (a capitalised one only before a lower-case
# one)
KIND_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:(?:[a-z][\w-]*|[A-Z][\w-]*(?=\s+[a-z]))\s+){0,2}(?:" + PUBLICATION_KIND + "|" + BODY_BEFORE_NAME
    + r")\s+$"
)
# "Al-Sabaah, an Iraqi newspaper,": a kind of publication in apposition right after the name
# (the kind ends the apposition: not "Jane Smith, a newspaper columnist,")
KIND_AFTER = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}" + PUBLICATION_KIND
    + r"(?=\s*[,.;:)—–]|\s+(?:in|based|from|of|that|which|run|owned)\b)"
)
KIND_REACH = 32  # characters before a name in which its kind is looked for


def _as_a_body(ent: SpacySpan, text: str) -> SpacySpan:
    """ "Volt Beverages, which makes ...", "Hanxin Steel, based in Shanghai,", "the newspaper Diario do Planalto":
    what NER calls a person but a relative "which" (or "based in") follows or a kind of body comes before, an
    organisation; so is "the Observatory", "the Telegraph": one word after "the" (no first name, title or family:
    not "the Pope", "the Clintons")."""
    kind_before = KIND_BEFORE.search(text, max(0, ent.start_char - KIND_REACH), ent.start_char)
    after = WHICH_AFTER.match(text, ent.end_char) or KIND_AFTER.match(text, ent.end_char)
    if ent.label_ == "PERSON" and (after or kind_before or _one_word_after_the(ent)):
        return SpacySpan(ent.doc, ent.start, ent.end, label="ORG")
    return ent


def _one_word_after_the(ent: SpacySpan) -> bool:
    word = ent[0]
    if len(ent) != 1 or ent.start == 0 or ent.doc[ent.start - 1].lower_ != "the" or word.tag_ == "NNPS":
        return False
    return word.lower_ not in ROLE_TITLES | TITLES and not word.text.endswith("s") and not is_first_name(word.text)


def _company_names(ents: Sequence[SpacySpan], text: str) -> set[str]:
    longer = {w for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in name_words(e.text)}
    single = {e.text for e in ents if len(e) == 1 and e.label_ in {"PERSON", "ORG"} and e.text[:1].isupper()}
    person = {e.text for e in ents if e.label_ == "PERSON"}
    return {
        name
        for name in single
        if name not in longer
        and not is_first_name(name)
        and not re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+{re.escape(name)}\b", text)
        and (name not in person or is_company(name, text) or _short_for_an_organisation(name, ents))
    }


def _short_for_an_organisation(name: str, ents: Sequence[SpacySpan]) -> bool:
    """ "Varnex denied the allegations" in an article about "Varnex Systems": the first word of a longer
    organisation's name that is not named after a person ("the Trump Organization", "the Clinton Foundation")."""
    return any(
        e.label_ == "ORG" and len(e) > 1 and e[0].text == name and e[-1].lower_ not in NAMED_AFTER_A_PERSON
        for e in ents
    )


# what is often named after a person: "the Clinton Foundation", "the Obama administration", "the Trump campaign"
NAMED_AFTER_A_PERSON = words("""
    organization organisation foundation administration campaign institute center centre library museum
    initiative trust fund school university college prize award doctrine era team family estate
""")


def people_after_bodies(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """The entities, where NER ran a body's or place's name into the person named after it ("the United Nations
    Samantha Power": ORG) with the person apart from it: from a sure first name after a capitalised word that is
    none, through at most three capitalised words or particles, no body's word, to a surname NER tags a person's
    elsewhere in the article ("Power said"; not "the Kennebunk River Club")."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON"}
    out: list[SpacySpan] = []
    for ent in ents:
        k = _person_starts_inside(ent) if ent.label_ in ORG_LABELS and len(ent) >= 3 else None
        if k is None or ent[-1].text not in surnames:
            out.append(ent)
            continue
        out += [SpacySpan(ent.doc, ent.start, k, label=ent.label_), SpacySpan(ent.doc, k, ent.end, label="PERSON")]
    return out


def _person_starts_inside(ent: SpacySpan) -> int | None:
    """Where a person's name starts inside a body's name NER tagged ("Samantha" of "the United Nations Samantha
    Power"), if it does (not "Mayfield Memorial Baptist Church", "The Charlotte Observer")."""
    doc = ent.doc
    if is_first_name(next((t.text for t in ent if t.is_alpha), "")):
        return None  # ("― Christina N Luis Olidem": a person's name from its first word)
    for k in range(ent.start + 1, ent.end - 1):
        before, first, rest = doc[k - 1], doc[k], doc[k + 1 : ent.end]
        if before.pos_ != "PROPN" or is_first_name(before.text) or not _a_left_out_first_name(first):
            continue
        named = all(t.text[:1].isupper() or t.text in NAME_PARTICLES for t in rest)
        if named and len(rest) <= 3 and not any(t.lower_ in NOT_IN_A_PERSON_S_NAME for t in rest):
            return k
    return None


def names_with_first_names(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """The entities, where NER left a sure first name out of a person's name ("Anders" untagged, "Holm" PERSON):
    one PERSON over both (not a title: "General", "Pastor")."""
    tagged = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for ent in ents:
        k = ent.start - 1
        first = ent.doc[k] if ent.label_ == "PERSON" and len(ent) == 1 and k >= 0 and k not in tagged else None
        if first is not None and _a_left_out_first_name(first):
            ent = SpacySpan(ent.doc, k, ent.end, label="PERSON")
        out.append(ent)
    return out


def _a_left_out_first_name(word: Token) -> bool:
    title = word.lower_.rstrip(".") in ROLE_TITLES | TITLES
    return word.pos_ == "PROPN" and word.text[:1].isupper() and not title and is_first_name(word.text)


def names_with_particles(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """The entities, where NER cut a person's name at a lowercase particle ("Erik" PERSON, "ten" CARDINAL,
    "Hag" untagged) with one PERSON over the whole name: the particles and the capitalised word after them."""
    out = list(ents)
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        doc, k = ent.doc, ent.end
        while k < len(doc) and doc[k].text in NAME_PARTICLES:
            k += 1
        if k == ent.end or k >= len(doc) or not (doc[k].is_alpha and doc[k].text[:1].isupper()):
            continue
        out = [e for e in out if e.end <= ent.start or e.start > k]
        out.append(SpacySpan(doc, ent.start, k + 1, label="PERSON"))
    return sorted(out, key=lambda e: e.start)


def _joined_start(ent: SpacySpan) -> int:
    """Where a name joined to ``ent`` by "and" begins (``ent.start`` where none is)."""
    doc = ent.doc
    if doc[ent.start - 1].lower_ not in {"and", "&"}:
        return ent.start
    start, k = ent.start, ent.start - 1
    while k > 0 and doc[k].lower_ in {"and", "&", ","}:
        name_end, j = k, k
        while j > 0 and k - j < 3 and doc[j - 1].is_alpha and doc[j - 1].text[:1].isupper():
            j -= 1
        j += j < name_end and doc[j].lower_ == "the"  # "The Avon and Somerset Police"
        if j == name_end or not _a_joined_place(doc[j:name_end]):
            break
        start, k = j, j - 1
    return start


def _a_joined_place(name: SpacySpan) -> bool:
    """ "Avon", "North Somerset": no person ("Sarah Jones and Kent Police"), no body ("Kent County Council and
    Medway Police")."""
    if any(t.lower_ in BODY_KINDS for t in name):
        return False
    ents = [e for e in name.doc.ents if e.start < name.end and e.end > name.start]
    return not any(e.start < name.start or (e.label_ == "PERSON" and looks_like_person(e)) for e in ents)


def people_mentions(doc: Doc, ents: Sequence[SpacySpan] | None = None, text: str | None = None) -> list[SpacySpan]:
    """PERSON entities, plus what the small NER model calls ORG/GPE but a name or title shows to be a
    person ("Mayor Elena Varga"), plus lone surnames of those people ("Varga said"). ``ents`` and ``text``:
    doc.ents and doc.text where the caller has them (spaCy builds both anew at each call)."""
    ents = doc.ents if ents is None else ents
    text = doc.text if text is None else text
    people = [
        _without_leading_word(e, text)
        for e in ents
        if (e.label_ == "PERSON" and not named_like_a_body(e) and not _no_name(e))
        or (e.label_ in ORG_LABELS and looks_like_person(e))
    ]
    words = _Words.of(doc, ents)
    known = {parts[-1] for e in people if (parts := name_words(e.text))} | _standing_alone(words)
    for name in _untagged_full_names(words, known) + _untagged_affiliated(words, ents):
        people.append(name)
        words.tagged[name.start : name.end] = [True] * len(name)
    surnames = {parts[-1] for e in people if len(parts := name_words(e.text)) >= 2}
    straight = {_straight(name) for name in surnames}  # ("O'Neill" after "James O’Neill")
    lone = [
        e
        for e in ents
        if e.label_ in ORG_LABELS
        and len(e) == 1
        and (_straight(e.text) in straight or e.label_ == "ORG" and misspelt_surname(e.text, surnames, text))
    ]
    one_word = surnames | {e.text for e in people if len(e) == 1}
    recurring = _untagged_recurrences(words, one_word)
    return sorted(set(people) | set(lone) | set(recurring), key=lambda e: e.start_char)


def _straight(word: str) -> str:
    return word.replace("’", "'")


@dataclass
class _Words:
    """A doc's words as plain lists, read once (a spaCy Token is built anew at each index): each word's text,
    whether it is a proper noun, whether NER tagged it (the names found untagged are marked as they are found)."""

    doc: Doc
    texts: list[str]
    propn: list[bool]
    tagged: list[bool]

    @classmethod
    def of(cls, doc: Doc, ents: Sequence[SpacySpan]) -> _Words:
        tagged = [False] * len(doc)
        for e in ents:
            tagged[e.start : e.end] = [True] * len(e)
        return cls(doc, [t.text for t in doc], [t.pos_ == "PROPN" for t in doc], tagged)

    def untagged_name_word(self, i: int) -> bool:
        """A capitalised proper noun NER left untagged."""
        return not self.tagged[i] and self.propn[i] and self.texts[i][:1].isupper()

    def in_a_longer_name(self, i: int) -> bool:
        """ "Disavow Lindsey Graham" in a headline: the word is one of several capitalised proper nouns in a row
        (not "CONGRESS HAS INVESTIGATED HIM — Oz's ...")."""
        return any(
            0 <= k < len(self.texts)
            and self.untagged_name_word(k)
            and not (len(self.texts[k]) > 1 and self.texts[k].isupper())
            for k in (i - 1, i + 1)
        )


def _untagged_full_names(words: _Words, surnames: set[str]) -> list[SpacySpan]:
    """ "Mehmet Oz — Ivy League-trained surgeon — has been called ...": two or three capitalised proper nouns NER
    left untagged, opening with a sure first name and ending in a name NER tags a person elsewhere or that
    stands alone twice ("Oz said"; not "Ivy League")."""
    found: list[SpacySpan] = []
    i = 0
    while i < len(words.texts):
        j = i
        while j < len(words.texts) and words.untagged_name_word(j):
            j += 1
        sure = 2 <= j - i <= 3 and words.texts[j - 1] in surnames and is_first_name(words.texts[i])
        if sure and looks_like_person(name := words.doc[i:j]):
            found.append(name)
        i = max(j, i + 1)
    return found


def _untagged_affiliated(words: _Words, ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """ "Sofia Reyes of Hartwell Securities said": two or three capitalised proper nouns NER left untagged, opening
    with a sure first name, right before "of" and an organisation NER tagged."""
    orgs = {e.start for e in ents if e.label_ in ORG_LABELS}
    found: list[SpacySpan] = []
    for k, text in enumerate(words.texts):
        if text != "of" or not ({k + 1, k + 2} & orgs) or (k + 2 in orgs and words.texts[k + 1].lower() != "the"):
            continue
        i = k
        while i > 0 and k - i < 3 and words.untagged_name_word(i - 1):
            i -= 1
        if k - i >= 2 and is_first_name(words.texts[i]) and looks_like_person(name := words.doc[i:k]):
            found.append(name)
    return found


def _standing_alone(words: _Words) -> set[str]:
    """Capitalised proper nouns NER left untagged that stand alone, with no article, at least twice ("Oz took
    ...", "Oz is hardly ...")."""
    seen: dict[str, int] = {}
    for i, text in enumerate(words.texts):
        if not words.untagged_name_word(i) or words.in_a_longer_name(i):
            continue
        if i > 0 and words.texts[i - 1].lower() in {"the", "a", "an"}:
            continue
        seen[text] = seen.get(text, 0) + 1
    return {word for word, n in seen.items() if n >= 2}


def _untagged_recurrences(words: _Words, names: set[str]) -> list[SpacySpan]:
    """ "Oz took Trump through ...": a one-word name of a person the article names ("Mehmet Oz", or "Oz" that NER
    tagged a person once) where NER tagged nothing, as a proper noun on its own."""
    return [
        words.doc[i : i + 1]
        for i, text in enumerate(words.texts)
        if text in names and not words.tagged[i] and words.propn[i] and not words.in_a_longer_name(i)
    ]


# the last words of sports clubs' names ("Manchester United", "Bristol Rovers")
CLUB_WORDS = words("united city rovers athletic wanderers albion hotspur rangers fc afc")
BODY_OR_CLUB_WORDS = ORG_WORDS | CLUB_WORDS

# words a body's or a place's name may end in after a first name ("Mayfield Memorial Baptist Church")
NOT_IN_A_PERSON_S_NAME = BODY_OR_CLUB_WORDS | BODY_KINDS | NAMED_AFTER_A_PERSON | words("""
    church chapel cathedral mosque temple synagogue hall park street avenue road bridge airport station observer
""")


def named_like_a_body(ent: SpacySpan) -> bool:
    """ "Manchester United have denied ...": what NER calls a person but whose name ends in a body's word and opens
    with no first name."""
    parts = ent.text.split()
    last = parts[-1].lower().rstrip(".,") if parts else ""
    return len(parts) >= 2 and last in BODY_OR_CLUB_WORDS and not is_first_name(parts[0])


# ranks NER reads as a name of their own before the name ("Rear" of "Rear Admiral John Kirby")
RANK_WORDS = words("rear vice admiral lieutenant colonel sergeant captain commander brigadier corporal marshal")


def _no_name(ent: SpacySpan) -> bool:
    """What NER calls a person that is one adverb ("Heavily outgunned Kurdish defenders said") or one rank before
    more capitalised words ("Rear Admiral John Kirby": the name comes after)."""
    if len(ent) != 1:
        return False
    word, doc = ent[0], ent.doc
    rank = word.lower_ in RANK_WORDS and ent.end < len(doc) and doc[ent.end].text[:1].isupper()
    return rank or word.pos_ == "ADV"


def _without_leading_word(ent: SpacySpan, text: str) -> SpacySpan:
    """ "Lawmakers Rip Donald Trump As A Fraud": in a title-case headline NER takes the verb before a name
    into it; there a first word that is no sure first name nor a title, before a sure first name, is dropped."""
    if len(ent) < 3 or not title_case_line(text, ent.start_char):
        return ent
    while (
        len(ent) >= 3
        and ent[0].text.lower().rstrip(".") not in ROLE_TITLES | TITLES
        and is_first_name(ent[1].text)
        and not is_first_name(ent[0].text)
    ):
        ent = ent[1:]
    return ent


def is_first_name(word: str) -> bool:
    """Whether the word is a first name of a man or a woman for sure (not "Rip", "Jo", "Lee")."""
    return str(_gender_detector().get_gender(word)) in {"male", "female"}


def title_case_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` reads as a headline: four words or more, nearly all capitalised."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(line) >= 4 and sum(w[0].isupper() for w in line) >= 0.8 * len(line)


def untagged_name(mention: SpacySpan) -> list[SpacySpan]:
    """ "Mayor Rita Gomez said" where NER tagged nothing: the trailing proper nouns, if they read as a name (those
    before an apposition: "Ana Ruiz, a computer scientist at Tulane,")."""
    comma = next((t.i for t in mention if t.text == ","), None)
    apposed = comma is not None and comma + 1 < mention.end and mention.doc[comma + 1].lower_ in {"a", "an", "the"}
    found = _trailing_name(mention.doc[mention.start : comma]) if apposed and comma is not None else []
    return found or _trailing_name(mention)


def _trailing_name(mention: SpacySpan) -> list[SpacySpan]:
    end = len(mention)
    while end > 0 and not mention[end - 1].text[:1].isalpha():
        end -= 1
    start = end
    while start > 0 and (_name_word(mention[start - 1]) or _joins_a_name(mention, start - 1)):
        if mention[start - 1].lower_.rstrip(".") in ROLE_TITLES | TITLES:
            break  # "Phoenix Mayor Greg Stanton" (NER: a work of art): the name after the title
        start -= 1
    name = mention[start:end]
    return [name] if len(name) >= 2 and looks_like_person(name) else []


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _joins_a_name(mention: SpacySpan, k: int) -> bool:
    """ "Jean-Marc": a hyphen with no space around it between two words of a name."""
    return (
        mention[k].text == "-"
        and k > 0
        and not mention[k - 1].whitespace_
        and not mention[k].whitespace_
        and _name_word(mention[k - 1])
    )


# the last words of newspapers' and research firms' names: "Charlotte Observer", "Edison Research" are no people
PUBLISHER_WORDS = words("""
    journal observer herald tribune gazette chronicle courier telegraph examiner inquirer research press review
""")
NO_NAME_WORDS = ORG_WORDS | PUBLISHER_WORDS  # no word of a person's name
POSSESSIVE_END = re.compile(r"[’']s$")


def looks_like_person(ent: SpacySpan) -> bool:
    words = ent.text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or words[0].lower() in {"the", "a", "an"}:
        return False  # (no one's name opens with an article: "The United States", whose "The" is a woman's name)
    if any(POSSESSIVE_END.sub("", w.lower()) in NO_NAME_WORDS for w in words):  # "The European Union's"
        return False
    if words[0].lower().rstrip(".") in ROLE_TITLES | TITLES:
        return True
    names = name_words(ent.text)
    return len(names) >= 2 and (_first_name(names[0]) or all(map(_first_name, names[0].split("-"))))


def _first_name(word: str) -> bool:
    """Whether a word is a first name (a double one by each of its parts: "Jean-Marc", not "Urban-Brookings")."""
    return str(_gender_detector().get_gender(word)) in {"male", "female", "mostly_male", "mostly_female"}


@lru_cache(maxsize=1)
def _gender_detector() -> Any:
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def honorific_gender(words: str) -> str | None:
    """ "female" / "male" from Mrs./Ms./Mr. in the words, else None."""
    found = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z.]+", words)} & {"mr", "mrs", "ms", "miss"}
    if not found:
        return None
    return "male" if found == {"mr"} else "female" if "mr" not in found else None


def gender_of(name: str, context: str, titled: str | None = None) -> str | None:
    """ "female" / "male" from a title or role word near the name, else from the first name; where the first name
    only leans one way ("Bernie": mostly female), the article's own title for the surname (``titled``: "Mr.
    Sanders") says."""
    words = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z.]+", context + " " + name)}
    if words & FEMALE_WORDS:
        return "female"
    if words & MALE_WORDS:
        return "male"
    parts = name_words(name)
    if len(parts) < 2:
        return None
    guess = str(_gender_detector().get_gender(parts[0]))
    if guess in {"female", "male"}:
        return guess
    return titled or {"mostly_female": "female", "mostly_male": "male"}.get(guess)


def _titles_of(text: str, surname: str) -> list[str]:
    """Each "Mr." / "Mrs." / "Ms." / "Miss" the article puts before the surname."""
    return re.findall(rf"\b(Mrs?|Ms|Miss)\.?\s+{re.escape(surname)}\b", text)


def title_gender(text: str, surname: str) -> str | None:
    """The gender every "Mr./Mrs./Ms. <surname>" of the article gives, where they agree."""
    return honorific_gender(" ".join(_titles_of(text, surname)))


def titles_agree(text: str, surname: str, full: str) -> bool:
    """Whether every "Mr./Mrs./Ms. <surname>" in the article fits the full name's gender."""
    titled = _titles_of(text, surname)
    gender = gender_of(full, "", honorific_gender(" ".join(titled)))
    return gender is None or all(honorific_gender(t) in (None, gender) for t in titled)
