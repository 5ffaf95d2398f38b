"""Organisations a speaker mention names only by a description: "the company", "the ministry", "the newspaper",
"the watchdog", "The AIU" are an organisation named before (the methods `SpeakerResolver` shares)."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import words
from sayso.speaker_entity import Entity, abbreviated_as, by_initials, normalise_name
from sayso.speaker_names import NON_COMPANY_KINDS, POSSESSIVE_END, is_company, title_case_line
from sayso.speaker_phrases import (
    APPOSITION,
    PUBLICATION_NOUNS,
    TITLE_WORDS_OF_PAPERS,
    called_so,
    description_heads,
    in_another_mention,
    name_goes_on,
)
from sayso.speaker_roles import clean_role, premodifier_role

# "The company said": an organisation named before, whatever it is called.
GENERIC_ORG_NOUNS = words("company firm corporation group")
# "The watchdog said": a body that oversees others, named before by a name that need not say so ("Ofcom")
OVERSEER_NOUNS = words("regulator watchdog")
# "NASA denies ... '...,' the agency said": a public body named before by a name that need not say which kind it is
AGENCY_NOUNS = words("agency organisation organization institution")


LISTED_NOT_APPOSED = re.compile(r",\s+(?:the|a|an)\s")  # "Apple, Google and Microsoft", not "Ofwat, the regulator"
LIST_JOIN = re.compile(r"\b(?:and|or)\b|&")
LOCATED = re.compile(r",\s+(?:based|headquartered)\b")  # "Hanxin Steel, based in Shanghai,"
# "The Britain-based", "the London-based", "Washington-based": where an organisation named next is based
BASED_BEFORE_NAME = re.compile(
    r"(?P<the>[Tt]he\s+)?(?P<where>(?:[A-Z][\w.'’]*\s+){0,2}[A-Z][\w.'’]*-based)\s+(?=[A-Z])"
)
ENDS_IN_PREPOSITION = re.compile(r"\b(?:of|for|at|in|from|with|to|by)$", re.IGNORECASE)


def org_name_and_role(text: str, mention: SpacySpan, orgs: list[SpacySpan]) -> tuple[str, str | None]:
    """The name of the organisation a mention names (orgs: the organisations NER tags in it), and the role its
    other words give it: "Ofwat, the water regulator," is Ofwat, the water regulator; "El Diario de las Américas, a
    Florida-based publication," is El Diario de las Américas (NER tagged only "El Diario de"); "British retailer
    Harwell & Pike" is Harwell & Pike, a British retailer."""
    name, role = mention.text.strip(), None
    first, last = orgs[0], orgs[-1]
    apposed = APPOSITION.fullmatch(name)
    if apposed and first.start_char - mention.start_char < apposed.end("head"):
        role = clean_role(apposed.group("what"))
        return (apposed.group("head") if role else name), role
    after = text[first.end_char : mention.end_char]
    # (a list goes on past one comma or joins by "and": not "The Syrian Observatory ..., British activist group,")
    joined = LIST_JOIN.search(after) is not None or "," in after.strip(" ,")
    listed = len(orgs) > 1 and not LISTED_NOT_APPOSED.match(after) and joined
    located = LOCATED.match(after)
    if first.start_char == mention.start_char and after.startswith(",") and not listed and not located:
        role = clean_role(after)
        name = first.text if role else name
    before = text[mention.start_char : last.start_char].rstrip()
    if located:
        name = first.text
    elif role is None and name_goes_on(mention, last):
        role, name = None, mention.text.strip()  # "The Liberal Democrats" (NER: "Democrats"), no role "Liberal"
    elif role is None and not text[last.end_char : mention.end_char].strip(" ,") and _role_before(before):
        # "Acme's largest customer, Volta Motors,", "British retailer Harwell & Pike": a name and a role
        role = clean_role(before[:-1] if before.endswith(",") else before)
        alone = all(o.label_ == "NORP" for o in orgs[:-1])
        name = last.text if role and (before.endswith(",") or alone) else name
        role = role if name == last.text else None
    based = BASED_BEFORE_NAME.match(name)
    if role is None and based is not None:  # "The Britain-based Syrian Observatory ...": the Observatory, based there
        name, role = (based.group("the") or "") + name[based.end() :], based.group("where")
    return name, role


def _role_before(before: str) -> bool:
    return bool(before) and not ENDS_IN_PREPOSITION.search(before)


class OrganisationLookup:
    """What the resolver knows of the article that finding an organisation needs."""

    text: str
    entities: dict[str, Entity]
    spoken: list[Entity]
    people: list[SpacySpan]
    _doc_ents: list[SpacySpan]

    def _org_roles(self) -> list[str]:
        return [r for e in self.entities.values() if e.type == "ORG" for r in e.roles]

    def _last_org(self, noun: str, at: int) -> Entity | None:
        """ "The company said", "the retailer said": the organisation named last before (or, for a role word,
        the one of that role)."""
        known = [e for e in self.entities.values() if e.type == "ORG"]
        roled = [e for e in known if any(noun in r.lower().split() for r in e.roles)]
        if roled:
            return max(roled, key=lambda e: max(e.mentions) if e.mentions else (-1, -1))
        orgs = [e for e in self._doc_ents if e.label_ == "ORG" and e.end_char <= at and e.text[:1].isupper()]
        orgs = [o for o in orgs if not in_another_mention(o, known)]
        # "the agency": the Food Standards Agency (not a headline that NER ran into one name: "... Named By Police")
        named_so = [  # (and "The Rijnhaven Museum's announcement": "the museum")
            e
            for e in orgs
            if POSSESSIVE_END.sub("", e.text.lower().split()[-1]) == noun
            and not title_case_line(self.text, e.start_char)
        ]
        if not named_so and noun in GENERIC_ORG_NOUNS:
            # "the company" is no "Citizens Advice Trust": a name that says it is another kind of body
            named_so = [e for e in orgs if e.text.lower().split()[-1] not in NON_COMPANY_KINDS]
        if not named_so:
            return None
        org = self._organisation_for(POSSESSIVE_END.sub("", named_so[-1].text))
        org.add_role(premodifier_role(named_so[-1]))  # "Shares in the chipmaker Hanbit Semiconductor"
        return org

    def _tagged_below(self, name: str) -> Entity | None:
        """ "Cloudline blames ..." over "Cloud provider Cloudline has blamed ...": a name NER left untagged here but
        tags as an organisation elsewhere in the article is that organisation (not a name a person's is made of:
        the small model tags "Trump" an organisation too)."""
        tagged = any(e.label_ == "ORG" and e.text == name for e in self._doc_ents)
        if not tagged or any(re.search(rf"\b{re.escape(name)}\b", p.text) for p in self.people):
            return None
        return self._organisation_for(name)

    def _named_before(self, name: str, at: int) -> Entity | None:
        """ "the ministry" after "The foreign ministry said": a definite description by the head noun of an
        organisation or unnamed speaker quoted before is that speaker, the one quoted last."""
        words = name.lower().split()
        if len(words) != 2 or words[0] != "the":
            return None
        if words[1] in PUBLICATION_NOUNS:  # "The Sunday Courier reported ... The newspaper said"
            named = [e for e in self.spoken if e.type == "ORG" and e.name.split()[-1].lower() in TITLE_WORDS_OF_PAPERS]
            called = [e.text for e in self._doc_ents if e.label_ == "ORG" and called_so(self.text, e, words[1], at)]
            if named or not called:
                return named[-1] if named else None
            paper = self._organisation_for(called[-1])  # "a report by the newspaper Diario do Planalto"
            paper.add_role(words[1])
            return paper
        if words[1] in GENERIC_ORG_NOUNS or any(words[1] in r.lower().split() for r in self._org_roles()):
            org = self._last_org(words[1], at)
            if org is not None:
                return org
        fits = [e for e in self.entities.values() if e.type != "PERSON" and e.mentions and _headed_by(e, words[1])]
        if fits:
            return max(fits, key=lambda e: max(e.mentions))
        org = self._last_org(words[1], at) if words[1] in NON_COMPANY_KINDS else None
        org = org or (self._overseer_before() if words[1] in OVERSEER_NOUNS else None)
        return org or (self._body_that_spoke_last() if words[1] in AGENCY_NOUNS else None)

    def _overseer_before(self) -> Entity | None:
        """ "Ofcom said ... Brightwave rejected the findings. ... The watchdog said": "the regulator" or "the
        watchdog" whose name does not say so is the organisation that spoke last that is no company."""
        orgs = [e for e in self.spoken if e.type == "ORG" and not is_company(e.name, self.text)]
        return orgs[-1] if orgs else None

    def _body_that_spoke_last(self) -> Entity | None:
        """ "the agency" of a body whose name does not say so: the speaker quoted last, when that is an organisation
        and no company."""
        last = self.spoken[-1] if self.spoken else None
        return last if last is not None and last.type == "ORG" and not is_company(last.name, self.text) else None

    def _by_last_word(self, name: str) -> Entity | None:
        """ "the Post" after "The Washington Post", "(a review by The) Times" after "The New York Times", "the Mirror"
        after "Daily Mirror", "The Daily News" after "the New York Daily News", "the (Syrian) Observatory" after "the
        Syrian Observatory for Human Rights": the one organisation met before whose name (without "the"), or its
        words before "for" or "of", ends in these capitalised words (without "the"), the name having more words."""
        words = _without_the(name)
        if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
            return None
        fits = {}
        for entity in self.entities.values():
            full = _without_the(entity.name)
            # (a name of capitalised words, not "the Center for ... at the more conservative Tax Foundation")
            named = all(w[:1].isupper() or w in {"of", "for", "and", "&"} for w in full)
            if entity.type != "ORG" or len(full) <= len(words) or not named:
                continue
            if any(form[-len(words) :] == words for form in _name_and_head(full)):
                fits[entity.id] = entity
        return next(iter(fits.values())) if len(fits) == 1 else None

    def _organisation_for(self, name: str) -> Entity:
        """The organisation of that name, the one entity every mention of it shares."""
        key = "ORG:" + normalise_name(name)
        found = self.entities.get(key) or by_initials(name, self.entities.values())  # "The AIU"
        found = found or self._by_last_word(name)
        initials = None if found else abbreviated_as(name, self.entities.values())
        if initials is not None:  # "DHS said ...", then "The Department of Homeland Security": its name in full
            initials.name = name
        return self.entities.setdefault(key, found or initials or Entity(name, "ORG"))


def _headed_by(entity: Entity, noun: str) -> bool:
    """Whether a speaker's name of three words or more is headed by the noun ("the Texas Department of State Health
    Services": "the department"), or an organisation's of two ends in it after a capitalised word ("US army": "the
    army"; not the headline's "Popular Website")."""
    words = entity.name.split()
    if len(words) == 2:
        return entity.type == "ORG" and words[0][:1].isupper() and words[1].lower() == noun
    return len(words) > 2 and noun in description_heads(entity.name)


def _name_and_head(words: list[str]) -> list[list[str]]:
    """A name's words, and its words before its first "for" or "of" ("Syrian Observatory" of "Syrian Observatory
    for Human Rights")."""
    cut = next((k for k, word in enumerate(words) if word in {"for", "of"}), 0)
    return [words, words[:cut]] if cut else [words]


def _without_the(name: str) -> list[str]:
    """The words of a name without a leading "the"."""
    words = name.split()
    return words[1:] if words[:1] in (["the"], ["The"]) else words
