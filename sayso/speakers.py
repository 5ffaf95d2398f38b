"""Speakers: each source mention resolved, within the article, to one canonical person or organisation.

No off-the-shelf coreference runs offline here, so this is sayso's own, built on spaCy's entities:
names cluster by surname ("Mr. (Boris) Johnson", "Johnson" -> Boris Johnson); pronouns go to the most
recent speaker or person; descriptions ("the spokesman", "the Russian leader") to the person whose
role shares their words; "the latter"/"the former" to the last two people named. Roles come from
premodifiers ("spokesman Dmitry Peskov") and appositions ("Peskov, the Kremlin spokesman,").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sayso.model import Speaker, SpeakerType
from sayso.quotes.candidate import Candidate
from sayso.quotes.cues import is_speech_verb, words
from sayso.quotes.quoted import interview_labels, interviewee
from sayso.speaker_campaign import campaign_description, campaign_role, described_candidate
from sayso.speaker_documents import (
    document_author,
    earlier_document,
    piece_just_before,
    piece_owner,
    site_of_the_piece,
)
from sayso.speaker_entity import Entity, Resolution, normalise_name
from sayso.speaker_lede import BODY_HEADS, LedeDescription, fits_roles, lede_description, lede_span
from sayso.speaker_names import (
    BODY_KINDS,
    COMPANY_KINDS,
    NON_COMPANY_KINDS,
    ORG_LABELS,
    POSSESSIVE_END,
    companies_named_like_people,
    gender_of,
    honorific_gender,
    is_first_name,
    joined_organisations,
    misspelt_surname,
    name_words,
    names_with_first_names,
    names_with_particles,
    people_after_bodies,
    people_mentions,
    title_gender,
    titles_agree,
    untagged_name,
)
from sayso.speaker_orgs import GENERIC_ORG_NOUNS, OrganisationLookup, org_name_and_role
from sayso.speaker_phrases import (
    AFFILIATION_OF,
    AGED,
    COLLECTIVE_NOUNS,
    FINDING_BY,
    OF_NAME,
    OF_TAIL,
    PROXY_OF,
    PUBLICATION_KINDS,
    PUBLISHED_BY,
    REPORTS,
    STATEMENT,
    THE_STATEMENT,
    TITLE_WORDS_OF_PAPERS,
    another_holder,
    body_kind_then_name,
    byline,
    country_of_capital,
    described_body,
    epithet,
    group_subject,
    head_before,
    head_before_modifier,
    in_own_words,
    issued_statement,
    line_start,
    main_subject,
    member_of,
    mention_bounds,
    name_then_publication_kind,
    nationality,
    object_of_preposition,
    own_body,
    people_of,
    place_for_a_body,
    possessive_within,
    premodifier,
    relative_antecedent,
    some_of_a_kind,
    with_their_own,
    without_relative_clause,
)
from sayso.speaker_roles import (
    DESCRIPTION_STOP,
    NAME_PARTICLES,
    ONE_OF,
    PERSON_NOUNS,
    ROLE_BEFORE_NAME,
    ROLE_COMPLEMENT,
    ROLE_TITLES,
    TITLE_WORDS,
    apposition_role,
    clean_role,
    described_words,
    head_fits,
    is_relative_clause,
    leader_role,
    premodifier_role,
    preposed_role,
    qualifies_role,
    relative_role,
    role_before_name,
    role_heads,
    role_overlap,
    role_words,
    singular,
    singular_description,
    title_before,
    title_prefix,
    words_before_complement,
)

Span = tuple[int, int]
PERSON_PRONOUNS = {"he", "she", "him", "her", "who", "i"}
GROUP_PRONOUNS = {"they", "we", "them"}
PART_OF_THEM = re.compile(r"(?:most|some|many|all|several|few|none|each|one|two|three)\s+of\s+them")
SPOKESPEOPLE = words("spokesman spokeswoman spokesperson")
UNNAMED_HEADS = {"source", "sources", "official", "officials", "person", "people", "aide", "aides"}


WEB_ADDRESS = re.compile(r"\w\.(?:com|org|net|co\.uk|info)$", re.IGNORECASE)
# What may come before a name that opens its sentence: nothing, or the end of the sentence before.
SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\"'”’]?)\s*[\"“‘]?$")
TITLE_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
# the words a description gives the office a title names ("a congressman" for "Rep. Dale Morrow")
OFFICE_WORDS = {
    "representative": words("representative congressman congresswoman lawmaker legislator"),
    "senator": words("senator lawmaker legislator"),
    "governor": words("governor"),
}
# "advisers like Gene Sperling": a plural, then an example (not "Hillary Clinton, like Obama,": a comparison)
NAMED_EXAMPLE = re.compile(r"(?<=[a-z]s)\s+(?:like|such\s+as|including)\s+")
HONORIFIC_BEFORE = re.compile(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss)\.?\s+$")
LAST_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*$")
# "Sources close to the production being filmed in Detroit", "people close to the Kremlin": not the body named
# "the former envoy for closing Guantánamo", "the UN envoy to Yemen" (no name after: _named_person reads "Ambassador
# to the United Nations Samantha Power"): a person posted to a place or body, not it
POSTED_TO = re.compile(r"\b(?:envoys?|emissar(?:y|ies)|ambassadors?)\s+(?:for|to|of)\s+(?:[\w.’'-]+\s+){0,4}$", re.I)
CLOSE_TO = re.compile(r"\b(?:sources?|people|those|persons?|insiders?|officials?|someone|one)\s+close\s+to\b", re.I)
# "Grayson's spokeswoman": the one whose post a description names; "Murphy's spokeswoman " right before a name
DESCRIBED_OWNER = re.compile(r"^\W*(?:the\s+)?([A-Z][\w-]*)['’]s\s")
OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]*)['’]s\s+(?:[\w-]+\s+){0,3}$")
OWNER_REACH = 60  # characters before a name in which its owner's post is read
SENTENCE_END = re.compile(
    r"(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bProf)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)"
    r"(?<![\s.][A-Z])[.!?][\"'”’]?\s|\n"  # (nor an initial: "U.S. citizenship", "John F. Kennedy")
)
# NER's labels of places ("Baghdad" is no misspelt "Baghdadi")
PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
# "a ministry spokesman" after the Ministry of Health spoke: the kinds of body whose name says the kind
BODY_NOUNS = words("ministry department agency embassy council commission office")
# the ranks that make a post another one ("the deputy director" is not "the director")
RANK_WORDS = {"vice", "deputy", "assistant", "associate", "acting", "interim", "former", "shadow", "junior"}
# what describes someone quoted for what they know, whose role when named is a post ("director of the Center for ...")
EXPERT_HEADS = {"expert", "analyst", "specialist", "scholar", "researcher", "academic", "economist", "historian"}
# "The two lawmakers", "the two men", "Both senators": two people named together before
THE_TWO = re.compile(r"(?:[Tt]he\s+two|[Bb]oth(?:\s+the)?)\s+(?:[a-z]+\s+)?[a-z]+(?:men|s)")
# a name, "and", maybe a title, right before another name: "Goodlatte and Benghazi Committee Chairman [Trey Gowdy]"
JOINED_BEFORE = re.compile(
    r"(?P<first>[A-Z][\w'’-]+)(?:\s*\([^()]{1,12}\))?\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,4}$"
)
JOINED_REACH = 80  # characters before the second name in which the first is
# "The statement by Iraq's Interior Ministry spokesman Saad Maan Ibrahim", "the denial from ...": whose statement it was
STATEMENT_BY = re.compile(r"\b[Tt]he\s+(?:\w+\s+)?(?:statement|denial|comments|remarks)\s+(?:by|from)\s+")
AUTHOR_REACH = 60  # characters after "The statement by" within which the author's name begins
INTRODUCED_REACH = 400  # characters after the description's sentence within which the one it describes is named
POSSESSIVE = re.compile(r"[’']s\b")
HEADLINE_BODY = r"\b[Tt]he\s+(?:[\w'’-]+\s+){{0,4}}?{head}\b"
NAME_THEN_KIND = r"((?-i:[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,3}})),\s+the\s+(?:[\w'’-]+\s+){{0,3}}?{head}\b"
# "Its chief executive, Mark Hodgkinson,": an organisation's officer, named after the role
ITS_ROLE = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+" + ROLE_BEFORE_NAME)


def _named(entity: Entity) -> bool:
    """A person or an organisation, or an unnamed speaker by a name of capitalised words ("Consumerist")."""
    if entity.type in {"PERSON", "ORG"}:
        return True
    words = entity.name.split()
    return entity.type == "UNNAMED" and bool(words) and all(w[:1].isupper() for w in words)


class SpeakerResolver(OrganisationLookup):
    """Resolves the source mentions of one article, in text order."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.entities: dict[str, Entity] = {}
        # (spaCy builds doc.ents anew at each call)
        ents = names_with_particles(names_with_first_names(people_after_bodies(joined_organisations(doc.ents))))
        self._doc_ents = companies_named_like_people(ents, text)
        self.people = people_mentions(doc, self._doc_ents, text)
        self._people_at = {(e.start_char, e.end_char) for e in self.people}
        self.last_speaker: Entity | None = None
        self.last_said: list[Span] = []  # the words of the last speaker's latest statement
        self.issuer: Entity | None = None  # who last spoke "in a statement"
        self.last_quoted: Entity | None = None  # the speaker of the statement resolved last, of any type
        self.last_quoted_words: list[Span] = []  # ... and the words of that statement
        self.spoken: list[Entity] = []
        self._title_genders: dict[str, str | None] = {}  # by surname: the gender the article's "Mr./Ms. X" give
        self._collect_people()
        self._lede = self._lede_named()

    # --- the people the article names --------------------------------------------------------

    def _collect_people(self) -> None:
        for ent in self.people:
            entity = self._person_for(ent.text, ent.start_char)
            entity.mentions.append((ent.start_char, ent.end_char))
            role = premodifier_role(ent) or title_prefix(ent.text)
            role = role or apposition_role(self.text, ent.end_char, self.doc) or preposed_role(self.text, ent)
            entity.add_role(role)
            entity.add_role(leader_role(self.text, ent.start_char))
            entity.add_role(self._affiliation(ent))
            if entity.gender is None:
                before = self.text[max(0, ent.start_char - 5) : ent.start_char]
                words = name_words(ent.text)
                titled = self._title_gender(words[-1]) if words else None
                entity.gender = gender_of(ent.text, before + " " + (role or ""), titled)

    def _title_gender(self, surname: str) -> str | None:
        if surname not in self._title_genders:
            self._title_genders[surname] = title_gender(self.text, surname)
        return self._title_genders[surname]

    def _lede_named(self) -> tuple[LedeDescription, Entity] | None:
        """The lede's description ("The industry regulator has accused ..."), the one the next paragraph opens with
        ("Ofwat said ..."), who takes the description as a role, and that role (speaker_lede)."""
        lede = lede_description(self.doc, self.people, self._doc_ents)
        if lede is None:
            return None
        if lede.person:
            entity = self._person_for(lede.named.text, lede.named.start_char)
            if not fits_roles(lede, entity.roles):
                return None
        else:
            name = re.sub(r"^[Tt]he\s+", "", lede.named.text)
            entity = self._organisation_for(name)
        entity.add_role(lede.role)
        return lede, entity

    def _lede_described(self, mention: SpacySpan) -> Resolution | None:
        if self._lede is None or not self._lede[0].describes(mention):
            return None
        return Resolution(self._lede[1], self._lede[0].role)

    def _affiliation(self, ent: SpacySpan) -> str | None:
        """ "Dr Sofia Lindgren of the Karolinska Institute": the organisation named right after "of"."""
        of = AFFILIATION_OF.match(self.text, ent.end_char)
        if of is None:
            return None
        at = {of.end(), of.end("the")}
        org = next((e for e in self._doc_ents if e.label_ == "ORG" and e.start_char in at), None)
        return clean_role(org.text) if org is not None else None

    def _person_for(self, name: str, at: int) -> Entity:
        words = name_words(name)
        if len(words) == 1:
            title = HONORIFIC_BEFORE.search(self.text, max(0, at - 8), at)  # (not "ms." of "systems.")
            hint = honorific_gender((title.group(0) if title else "") + " " + name)
            full = self._full_name_for(words, at, hint)
        else:
            full = self._full_name_with_particle(words) or " ".join(words)
        key = "PERSON:" + normalise_name(full)
        if key not in self.entities:
            self.entities[key] = Entity(full, "PERSON")
        return self.entities[key]

    def _full_name_with_particle(self, words: list[str]) -> str | None:
        """ "Ten Hag told reporters" (a sentence's first word capitalised) after "manager Erik ten Hag": the one
        person whose full name ends in that surname with its particle."""
        if len(words) != 2 or words[0].lower() not in NAME_PARTICLES:
            return None
        tail = [w.lower() for w in words]
        fulls = {
            " ".join(p)
            for _, p in self._full_names.get(words[-1], [])
            if len(p) > len(words) and [w.lower() for w in p[-2:]] == tail  # (not "de Vos" itself)
        }
        return next(iter(fulls)) if len(fulls) == 1 else None

    def _full_name_for(self, words: list[str], at: int, gender: str | None) -> str:
        """The full name this single word (a surname, or a first name) stands for: the one named most
        recently before ``at``, a speaker first; else, where the article names one only later (a headline before the
        first line) by that surname or first name, that one, unless a title says otherwise ("Mr. Obama" is
        never Michelle Obama)."""
        word = self._as_indexed(words[0])
        fits = [
            (start, parts)
            for start, parts in self._full_names.get(word, [])
            if not gender or gender_of(" ".join(parts), "", self._title_gender(parts[-1])) in (None, gender)
        ]
        earlier = [(start, parts) for start, parts in fits if start < at]
        if earlier:
            # a speaker before a person only named ("Laura Ortiz, mother of victim Daniel Ortiz, said")
            spoken = {e.name for e in self.spoken}
            start, parts = max(earlier, key=lambda c: (c[1][-1] == word, " ".join(c[1]) in spoken, c[0]))
            return " ".join(parts)
        later = {" ".join(parts) for _, parts in fits if word in (parts[-1], parts[0])}
        if len(later) == 1 and titles_agree(self.text, word, next(iter(later))):
            return later.pop()
        return self._misspelt_surname(word, at) or word

    def _misspelt_surname(self, word: str, at: int) -> str | None:
        """ '"...," said Fuetnes' after "Tom Fuentes ... Fuentes said": the one person named in full before, whose
        surname a word written once is one slip from (speaker_names.misspelt_surname)."""
        if any(e.text == word and e.label_ in PLACE_LABELS for e in self._doc_ents):
            return None  # "Baghdad" is no slip for "al-Baghdadi"
        surname = misspelt_surname(word, self._full_names, self.text)
        earlier = self._full_names.get(surname or "", [])
        named = {" ".join(parts) for start, parts in earlier if start < at and parts[-1] == surname}
        return named.pop() if len(named) == 1 else None

    def _as_indexed(self, word: str) -> str:
        """The word as the full names of the article write it: "O'Neill" after "James O’Neill" (either apostrophe),
        "Al-Bredi" opening a sentence after "Ali al-Bredi" (a particle's case)."""
        apostrophe = word.replace("’", "'") if "’" in word else word.replace("'", "’")
        particle = word[:1].swapcase() + word[1:] if "-" in word[1:4] else word
        return next((w for w in (word, apostrophe, particle) if w in self._full_names), word)

    @cached_property
    def _full_names(self) -> dict[str, list[tuple[int, list[str]]]]:
        """Names of two words or more, by their surname and by their first name."""
        index: dict[str, list[tuple[int, list[str]]]] = {}
        for ent in self.people:
            parts = name_words(ent.text)
            if len(parts) >= 2:
                index.setdefault(parts[-1], []).append((ent.start_char, parts))
                if gender_of(" ".join(parts), "") is not None:  # a real first name ("Obama Speech" is not)
                    index.setdefault(parts[0], []).append((ent.start_char, parts))
        return index

    # --- one source mention -------------------------------------------------------------------

    def resolve(self, cand: Candidate) -> Resolution | None:
        if cand.source_span is None:
            return None
        span = cand.source_span
        mention = self.doc.char_span(*mention_bounds(self.text, span), alignment_mode="expand")
        if mention is None:
            return None
        owner = piece_owner(mention, self._person_or_organisation)
        mention = relative_antecedent(mention) or without_relative_clause(mention)
        found = (
            owner
            or self._narrator(mention, cand)
            or self._interviewer_s_you(mention)
            or self._published_by(mention)
            or self._lede_described(mention)
            or self._document(mention)
            or self._name_in_capitals(mention)
            or self._named_after_its_kind(mention)
            or self._publication_named(mention)
            or self._named_example(mention)
            or self._named_person(mention)
            or self._campaign_description(mention, cand)
            or self._organisation(mention)
            or self._pronoun(mention)
            or self._the_two(mention)
            or self._description(mention)
            or self._spokesperson_of_last_organisation(mention)
            or self._headline_body(mention)
            or self._unnamed(mention)
        )
        found.entity.mentions.append(span)
        self.last_quoted = found.entity
        self.last_quoted_words = list(cand.content_spans)
        if found.entity.type in {"PERSON", "ORG"} and cand.cue_span is not None and self._in_a_statement(cand.cue_span):
            self.issuer = found.entity
        if found.entity.type in {"PERSON", "ORG"} or described_body(found.entity.name):
            self.last_speaker = found.entity
            self.last_said = list(cand.content_spans)
            if found.entity in self.spoken:
                self.spoken.remove(found.entity)
            self.spoken.append(found.entity)
        return found

    def _person_or_organisation(self, name: SpacySpan) -> Resolution | None:
        return self._named_person(name) or self._organisation(name) or self._site(name)

    def _piece_owner(self, name: SpacySpan) -> Resolution | None:
        """Whose a piece is, by the name before its noun ("The DeepDotWeb report"): a person or organisation, or an
        organisation of that name NER left untagged (not a date: "The Monday report")."""
        if any(t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"} for t in name):
            return None
        return self._person_or_organisation(name) or Resolution(self._organisation_for(name.text), None)

    def _site(self, name: SpacySpan) -> Resolution | None:
        """A web site by its address ("TruthLens.org"), which NER may leave untagged."""
        return Resolution(self._organisation_for(name.text), None) if WEB_ADDRESS.search(name.text) else None

    def _narrator(self, mention: SpacySpan, cand: Candidate) -> Resolution | None:
        """ "I think she overstates the danger" in the article's own words: its author, the byline's name (else "The
        author"), not the last person quoted."""
        if mention.text.strip() != "I" or cand.nested or not in_own_words(self.text, mention.start_char):
            return None
        if by := byline(self.text):
            return Resolution(self._person_for(by.group(1), by.start(1)), None)
        return Resolution(self.entities.setdefault("UNNAMED:author", Entity("The author", "UNNAMED")), None)

    @cached_property
    def _interview(self) -> tuple[list[re.Match[str]], SpacySpan | None]:
        labels = interview_labels(self.text)
        return labels, interviewee(self.doc, labels)

    def _interviewer_s_you(self, mention: SpacySpan) -> Resolution | None:
        """ "Q: You said last year that ..." in an interview printed as questions and answers: the interviewee."""
        labels, person = self._interview
        if person is None or mention.text.strip().lower() != "you":
            return None
        label = next((m for m in reversed(labels) if m.start() <= mention.start_char), None)
        if label is None or label.group(1) != "Q" or "\n" in self.text[label.start() : mention.start_char]:
            return None
        return Resolution(self._person_for(person.text, person.start_char), None)

    def _in_a_statement(self, cue: Span) -> bool:
        """Whether the cue's sentence says the words came "in a statement" ("In a statement, X said")."""
        start = max(self.text.rfind(ch, 0, cue[0]) for ch in ".!?\n") + 1
        ends = [i for i in (self.text.find(". ", cue[1]), self.text.find("\n", cue[1])) if i >= 0]
        return STATEMENT.search(self.text, start, min(ends, default=len(self.text))) is not None

    def _document(self, mention: SpacySpan) -> Resolution | None:
        """ "The statement said" after "In a statement, Northgate Water said": the statement's issuer; "it
        read" or "the statement said" right after "The mayor's office issued a statement.": the issuer named
        there (a person or organisation, else the words that name it)."""
        if (piece := piece_just_before(mention, self._piece_owner)) is not None:
            return piece  # "The DeepDotWeb report has other problems. It falsely stated ...": DeepDotWeb
        by = document_author(mention, lambda name: self._named_person(name) or self._organisation(name))
        if by := by or earlier_document(mention, self.entities.values()):
            return by  # "the suit reads" after "Podliska's lawsuit", "the report" after "a report from the IG"
        site = site_of_the_piece(mention)
        if site is not None:  # "The article quoted ..." after "a satirical website called 'National Report.'"
            return Resolution(self._organisation_for(site), None)
        said = mention.text.strip()
        the_statement = THE_STATEMENT.fullmatch(said) is not None
        if the_statement or said.lower() == "it":
            issued = issued_statement(self.text, mention.start_char)
            if issued is not None:
                issuer = self.doc.char_span(*issued, alignment_mode="expand")
                found = issuer and (
                    self._named_person(issuer) or self._organisation(issuer) or self._unnamed(issuer)
                )
                if found:
                    return found
        if self.issuer is None or not the_statement:
            return None
        return Resolution(self.issuer, self.issuer.roles[0] if self.issuer.roles else None)

    def _published_by(self, mention: SpacySpan) -> Resolution | None:
        """ "The reports, first published by the Wexmoor Echo, say ...": the person or organisation named as the one
        who published what the mention names."""
        by = PUBLISHED_BY.match(self.text, mention.end_char)
        if REPORTS.fullmatch(mention.text.strip()) is None or by is None:
            return None
        publisher = self.doc.char_span(by.start("by"), by.end("by"), alignment_mode="expand")
        if publisher is None:
            return None
        return self._named_person(publisher) or self._organisation(publisher) or self._unnamed(publisher)

    def _named_person(self, mention: SpacySpan) -> Resolution | None:
        persons = [e for e in self._ents_in(mention) if (e.start_char, e.end_char) in self._people_at]
        own = with_their_own(mention)  # "Benning and his lawyers": Benning
        persons = persons or self._known_surname(own) or untagged_name(mention) or self._people_in(mention)
        if not persons:
            return None
        # "Minyon Moore, a senior adviser to Mrs. Clinton": the first name heads the phrase, but not a
        # possessive one ("Clinton's spokesman Brian Fallon"; "Mrs. Clinton's campaign" is not her)
        heads = [
            e
            for e in persons
            if not possessive_within(self.text, e, mention.end_char, self._named_elsewhere)
            and not premodifier(e, mention)
            and not PROXY_OF.search(self.text, mention.start_char, e.start_char)
            and not OF_NAME.search(self.text, mention.start_char, e.start_char)
            and not people_of(self.text[mention.start_char : e.start_char])
        ]
        if not heads:
            return None
        ent = heads[0]
        entity = self._person_for(ent.text, ent.start_char)
        role = self._its_role(ent) or role_before_name(self.text[mention.start_char : ent.start_char])
        role = role or apposition_role(self.text, ent.end_char, self.doc)
        trailing = self.text[ent.end_char : mention.end_char]
        # (not ", of Springfield, Va.,": a home town is no role; ", of <an organisation>," is its affiliation)
        if trailing.startswith(",") and not is_relative_clause(trailing.strip(" ,")) and not OF_TAIL.match(trailing):
            role = role or clean_role(trailing)
        role = role or relative_role(self.text[ent.end_char : ent.end_char + 80])  # ", who was his deputy then,"
        entity.add_role(role)
        return Resolution(entity, role or (entity.roles[0] if entity.roles else None))

    def _named_elsewhere(self, name: SpacySpan) -> bool:
        """Whether the person a name is, is named elsewhere in the article too ("Bradley Podliska" for "Podliska")."""
        person = self._person_for(name.text, name.start_char)
        return any(span != (name.start_char, name.end_char) for span in person.mentions)

    def _campaign_description(self, mention: SpacySpan, cand: Candidate) -> Resolution | None:
        """ "The GOP front-runner complained": the candidate the article was just about (speaker_campaign), else no one:
        the description as an unnamed speaker (not a person whose role shares a word with it)."""
        description = campaign_description(mention.text)
        if description is None:
            return None
        own = list(cand.content_spans)
        target = described_candidate(mention, self.people, self._person_for, own, description)
        if target is None:
            return self._unnamed(mention)
        role = campaign_role(mention.text)
        if description.candidate:  # (a party's nominee is no other party's; "the billionaire" tells no party)
            target.add_role(role)
        return Resolution(target, role)

    def _people_in(self, mention: SpacySpan) -> list[SpacySpan]:
        """The full names found in the mention that NER left untagged ("Sofia Reyes of Hartwell Securities")."""
        inside = (p for p in self.people if mention.start_char <= p.start_char and p.end_char <= mention.end_char)
        return [p for p in inside if len(p) >= 2]

    def _named_after_its_kind(self, mention: SpacySpan) -> Resolution | None:
        """ "Disability charity Scope said", "Italian newspaper Corriere dello Sport reported": the organisation of
        that name, the kind its role."""
        found = body_kind_then_name(mention, BODY_HEADS)
        if found is None or self._tagged_otherwise(mention, found[0], found[1].split()[-1].lower()):
            return None
        name, role = found[0].text, clean_role(found[1])
        entity = self._organisation_for(name)
        entity.add_role(role)
        return Resolution(entity, role)

    def _publication_named(self, mention: SpacySpan) -> Resolution | None:
        """ "the official Rodong Sinmun daily newspaper" (NER: a person): the publication of that name, what it is
        its role."""
        if (found := name_then_publication_kind(mention)) is None:
            return None
        role = clean_role(found[1])
        entity = self._organisation_for(found[0].text)
        entity.add_role(role)
        return Resolution(entity, role)

    def _named_example(self, mention: SpacySpan) -> Resolution | None:
        """ "Clinton economic advisers like Gene Sperling", "experts such as Ann Hale": the one person named as an
        example of those who speak (not "Clinton"), the description before "like" their role."""
        found = NAMED_EXAMPLE.search(mention.text)
        if found is None:
            return None
        start = mention.start_char + found.end()
        named = next((p for p in self.people if p.start_char == start and p.end_char <= mention.end_char), None)
        if named is None:
            return None
        described = re.sub(r"^(?:[a-z]+ing\s+)+", "", mention.text[: found.start()].strip())  # ("leading ...")
        role = role_before_name(singular(described))  # one of them: the head in the singular
        person = self._person_for(named.text, named.start_char)
        person.add_role(role)
        return Resolution(person, role)

    def _tagged_otherwise(self, mention: SpacySpan, name: SpacySpan, kind: str) -> bool:
        """Whether NER tagged a person in the mention (but after a kind of publication: "the pro-Islamic State blog
        Samoach al-Islam"), or something but a nationality or a group before the name."""
        ents = self._ents_in(mention)
        person = kind not in PUBLICATION_KINDS | {"blog"}
        return any((person and e.label_ == "PERSON") or (e.label_ != "NORP" and e.start < name.start) for e in ents)

    def _its_role(self, name: SpacySpan) -> str | None:
        """ "Scope said ... Its chief executive, Mark Hodgkinson, added": "Scope chief executive" (the organisation
        that spoke last, as "it" would be)."""
        its = ITS_ROLE.search(self.text, max(0, name.start_char - 60), name.start_char)
        org = self._organisation_before(name.start_char) if its else None
        role = clean_role(its.group(1)) if its else None
        return f"{org.name} {role}" if org is not None and org.type == "ORG" and role else None

    def _ents_in(self, mention: SpacySpan) -> list[SpacySpan]:
        """``mention.ents`` (the same walk, spaCy's Span.ents) over the doc's entities taken once."""
        ents = []
        for ent in self._doc_ents:
            if ent.start >= mention.start:
                if ent.end > mention.end:
                    break
                ents.append(ent)
        return ents

    def _name_in_capitals(self, mention: SpacySpan) -> Resolution | None:
        """A transcript's speaker label ("RUIZ", "JANE COLE"): the person of that name, in its usual case."""
        name = mention.text.strip()
        if not name.isupper() or not re.fullmatch(r"[A-Z][A-Z.'’ -]+", name) or len(name) <= 3:
            return None  # (not "PM", "BBC": an abbreviation, no name in capitals)
        title = name.title()
        labelled = {e.name: e for e in self.entities.values() if e.type == "PERSON" and e.name.endswith(" " + title)}
        label = self.text.startswith(":", mention.end_char)
        if " " not in name and not labelled and not label:
            return None  # "NASA denies ...", "FEMA said": an abbreviation, no transcript's speaker label
        entity = labelled.popitem()[1] if len(labelled) == 1 else self._person_for(title, mention.start_char)
        return Resolution(entity, entity.roles[0] if entity.roles else None)

    def _known_surname(self, mention: SpacySpan) -> list[SpacySpan]:
        """A name the tagger missed ("Varga said", "Benning and his lawyers" opening a sentence) that is the surname
        of a person named elsewhere, or a slip of one named before ('"...," Fuetnes said' after "Tom Fuentes")."""
        last = mention[-1]
        if last.pos_ != "PROPN" and not last.text[:1].isupper():
            return []  # (a capitalised word may be one whatever the tagger read it as: "Mills said", a plural noun)
        slip = misspelt_surname(last.text, self._full_names, self.text) if len(mention) == 1 else None
        word = LAST_WORD.search(mention.text.rstrip())  # "El-badawi" (three tokens); not '">Sanders' (one)
        at = mention.start_char + word.start() if word else -1
        surname = word.group(0) if word and any(t.idx == at for t in mention) else last.text
        for ent in self.people:
            parts = name_words(ent.text)
            slipped = slip is not None and parts[-1] == slip and ent.start_char < mention.start_char
            if len(parts) >= 2 and (parts[-1] in {last.text, surname} or slipped):
                start = mention.start
                while start < last.i and mention.doc[start].pos_ != "PROPN":
                    start += 1
                return [mention.doc[start : last.i + 1]]
        return []

    def _organisation(self, mention: SpacySpan) -> Resolution | None:
        orgs = [e for e in self._ents_in(mention) if e.label_ in ORG_LABELS]
        if not orgs or mention[-1].pos_ == "PRON" or nationality(mention) or self._a_role_word(mention):
            return None
        by = next((o for o in orgs if FINDING_BY.match(self.text, mention.start_char, o.start_char)), None)
        if by is not None:
            # "Analysis by the Institute for Fiscal Studies found", "exit polls conducted by Edison Research for the
            # Associated Press": what the organisation's study finds, it does
            name = re.sub(r"^[Tt]he\s+", "", by.text)
            return Resolution(self._organisation_for(name), None)
        head = mention[-1]
        if head.ent_type_ not in ORG_LABELS and head.pos_ == "NOUN":
            # "the Kremlin spokesman": an unnamed person of that organisation
            return self._description(mention)
        lead = self.text[mention.start_char : orgs[0].start_char]
        if PROXY_OF.search(lead) or member_of(lead) or CLOSE_TO.search(lead) or POSTED_TO.search(lead):
            return None  # "a spokesman for the Royal College", "analysts at Barrow Capital": people, not it
        modified = head_before_modifier(mention)
        if modified is not None:
            head, stop = modified
            people = head.tag_ == "NNS" or head.lower_ in PERSON_NOUNS | ROLE_TITLES
            if people and head.pos_ == "NOUN" and head.ent_type_ not in ORG_LABELS and head.lower_ not in BODY_KINDS:
                return None  # "a U.S. official following North Korea", "doctors writing in the journal X"
            own = next((o for o in orgs if o.start <= head.i < o.end <= stop and o.label_ != "NORP"), None)
            if own is not None:  # "The Climate Prediction Center in College Park, Md.,": the Center (not a party's
                # "Republicans on the House Financial Services Committee")
                mention, orgs = mention.doc[mention.start : own.end], [own]
        name, role = org_name_and_role(self.text, mention, orgs)
        name = country_of_capital(name, self.text) or name
        if mention.end_char < (line := self.text.find("\n")) and self.text.startswith("\n\n", line):
            name = own_body(self.text, name, line + 2) or name  # "Turkey dismisses" over "Turkey's foreign ministry"
        entity = self._organisation_for(name)
        entity.add_role(role)
        return Resolution(entity, role)

    def _a_role_word(self, mention: SpacySpan) -> bool:
        """ "Coach says he will not quit" (NER: ORG): one word that is the head of a person's role in the article."""
        word = mention.text.strip().lower()
        people = [e for e in self.entities.values() if e.type == "PERSON"]
        return len(mention) == 1 and any(word in role_heads(e.roles) for e in people)

    def _pronoun(self, mention: SpacySpan) -> Resolution | None:
        word = mention.text.strip().lower()
        word = "they" if PART_OF_THEM.fullmatch(word) else word  # "Most of them forecast a cut": the group
        if word in PERSON_PRONOUNS:
            gender = {"he": "male", "him": "male", "she": "female", "her": "female"}.get(word)
            target = self._unnamed_person_before(mention.start_char, gender) or self._recent_person(
                mention.start_char, gender
            )
        elif word in GROUP_PRONOUNS:
            target = self.last_speaker if self.last_speaker and self.last_speaker.type != "PERSON" else None
            if word == "they":
                target = self._group_subject_before(mention, target) or self._group_quoted_last(mention) or target
        elif word == "it":
            target = self._organisation_before(mention.start_char)
        else:
            return None
        if target is None:
            return None
        return Resolution(target, target.roles[0] if target.roles else None)

    def _group_subject_before(self, mention: SpacySpan, spoke: Entity | None) -> Entity | None:
        """ "The woman's family paid tribute to her. '...,' they said": a group (a plural or collective noun)
        opening the sentence before the pronoun's, as its subject, when no group or organisation spoke since."""
        doc = mention.doc
        start = max(doc[mention.start].sent.start, line_start(doc, mention.start))
        while start > 0 and doc[start - 1].is_space:
            start -= 1  # a paragraph break may be a sentence of its own
        if start == 0:
            return None
        before = doc[max(doc[start - 1].sent.start, line_start(doc, start - 1)) : start]
        subject = group_subject(before)
        if subject is None or (spoke is not None and any(s >= subject.start_char for s, _ in spoke.mentions)):
            return None
        return self._unnamed(subject).entity

    def _group_quoted_last(self, mention: SpacySpan) -> Entity | None:
        """ "Lebanese authorities said they hold a woman. They said she had a fake ID": the group (a plural
        description) whose statement was resolved last, in the same paragraph or the one before."""
        group = self.last_quoted
        if group is None or group.type != "GROUP":
            return None
        return group if self._spoke_lately(group, mention.start_char) else None

    def _organisation_before(self, at: int) -> Entity | None:
        """ "The ministry denied any role. ... Even so, it insisted that ...": "it" is the organisation that spoke
        last, when no person spoke since and it spoke in the same paragraph or the one before."""
        last = self.last_speaker
        if last is None or last.type == "PERSON":
            return None
        return last if self._spoke_lately(last, at) else None

    def _spoke_lately(self, entity: Entity, at: int) -> bool:
        """Whether an entity was last mentioned in the paragraph of ``at`` or the one before."""
        return bool(entity.mentions) and self.text.count("\n\n", max(s for s, _ in entity.mentions), at) <= 1

    def _spokesperson_of_last_organisation(self, mention: SpacySpan) -> Resolution | None:
        """ "Northvale Water denied the leak was neglect. A spokeswoman said ...": an unnamed spokesperson right
        after an organisation spoke (as "it" would be that organisation) is its spokesperson, as "A spokesman
        for the Royal College" is: an unnamed speaker, called "A spokeswoman for Northvale Water" (and "a company
        spokesman" after a company spoke)."""
        words = mention.text.split()
        kind = words[1].lower() if len(words) == 3 else ""
        of_a_kind = kind in GENERIC_ORG_NOUNS or kind in BODY_NOUNS  # "a company spokesman", "a ministry spokesman"
        if of_a_kind:
            words = [words[0], words[2]]
        if len(words) != 2 or words[0].lower() not in {"a", "an", "the"} or words[1].lower() not in SPOKESPEOPLE:
            return None
        org = self._organisation_before(mention.start_char)
        if org is None or (of_a_kind and org is not self.last_quoted):
            return None  # "a company spokesman" speaks for the company just quoted, not a regulator quoted before
        if kind in BODY_NOUNS and kind not in org.name.lower().split():
            return None  # "a ministry spokesman" speaks for a ministry
        name = f"{mention.text.strip()} for {org.name}"
        entity = self.entities.setdefault("UNNAMED:" + normalise_name(name), Entity(name, "UNNAMED"))
        entity.add_role(f"{org.name} {words[1].lower()}")
        return Resolution(entity, entity.roles[0])

    def _headline_body(self, mention: SpacySpan) -> Resolution | None:
        """ "Harbour council rejects mayor's claim" over "The Port Alder city council on Tuesday rejected ...": a
        headline's short description of a body (its last word a kind of body: council, agency, police ...) is
        the body of that kind the first paragraph names with "the", as the first paragraph calls it."""
        first_line = self.text.find("\n")
        words = mention.text.split()
        if first_line < mention.end_char or not self.text.startswith("\n\n", first_line) or len(words) > 3:
            return None
        head = POSSESSIVE_END.sub("", words[-1].lower())  # "Scholar challenges museum's claim"
        if words[0].lower() in DESCRIPTION_STOP or not head.isalpha():
            return None
        start, kind = first_line + 2, head in BODY_KINDS
        end = self.text.find("\n\n", start)
        # (or "Baby monitor maker denies" over "Lullen, the maker of the popular DreamWatch baby monitor, has")
        body = HEADLINE_BODY if kind else NAME_THEN_KIND
        named = re.compile(body.format(head=head), re.I).search(self.text, start, end if end >= 0 else len(self.text))
        span = named and self.doc.char_span(named.start(), named.end(1 if not kind else 0), alignment_mode="expand")
        if not span:
            return None
        return self._organisation(span) or (self._unnamed(span) if kind else None)

    def _unnamed_person_before(self, at: int, gender: str | None) -> Entity | None:
        """ "A council spokeswoman said X. She added that Y": the unnamed person who spoke last, when no one
        was named since (but in their own words) and the pronoun fits (a singular person's description: no group, no
        organisation)."""
        last = self.last_quoted
        if last is None or last.type != "UNNAMED" or not last.mentions:
            return None
        words = last.name.lower().split()
        head = ROLE_COMPLEMENT.sub("", last.name).lower().split()[-1:]
        if not head or head[0] not in PERSON_NOUNS or words[0] not in {"a", "an", "the", "one"}:
            return None
        since = max(s for s, _ in last.mentions)
        # (a person named in its own words is not one named since: "A fighter denied that al-Fadhli's wife ...")
        said = self.last_quoted_words
        if any(since < e.start_char < at and not any(s <= e.start_char < t for s, t in said) for e in self.people):
            return None
        found = gender_of("", last.name)
        return last if gender is None or found in (None, gender) else None

    def _recent_person(self, at: int, gender: str | None) -> Entity | None:
        """The last person who spoke (or else was named), of the pronoun's gender where known."""

        def fits(e: Entity) -> bool:
            return gender is None or e.gender in (None, gender)

        newer = self._newer_subject(at, fits) or self._person_earlier_in_sentence(at, fits)
        if newer is not None:
            return newer
        if self.last_speaker is not None and self.last_speaker.type == "PERSON" and fits(self.last_speaker):
            return self.last_speaker
        recent_speakers = [e for e in self.spoken if e.type == "PERSON" and fits(e)]
        if recent_speakers:
            return recent_speakers[-1]
        for ent in reversed([e for e in self.people if e.end_char <= at]):
            if object_of_preposition(ent) and ent.sent.start_char <= at < ent.sent.end_char:
                continue  # "On Twitter, she ...": not who "she" is
            after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
            if len(ent) == 1 and after is not None and after.pos_ in {"NOUN", "ADJ"} and after.text.islower():
                continue  # "stocking up on Beehive freeze-dried food": a name that modifies a noun is no "she"
            person = self._person_for(ent.text, ent.start_char)
            if fits(person):
                return person
        return None

    def _person_earlier_in_sentence(self, at: int, fits: Callable[[Entity], bool]) -> Entity | None:
        """ "Oz's dubious advice earned him the attention of Congress, where he appeared ...": in a paragraph that
        never names the last speaker, the one person named earlier in the pronoun's own sentence, when the
        pronoun opens no speech verb ("Trump's plan would hurt families, he said" is the last speaker's)."""
        last = self.last_speaker
        pronoun = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if last is None or pronoun is None:
            return None
        after = [t for t in self.doc[pronoun.end : pronoun.end + 3] if t.pos_ in {"AUX", "VERB", "ADV"}]
        if any(is_speech_verb(t.text) for t in after[:2]):
            return None
        paragraph = self.text.rfind("\n\n", 0, at)
        if any(start > paragraph for start, _ in last.mentions):
            return None
        sentence = pronoun.sent.start_char
        before = (e for e in self.people if sentence <= e.start_char and e.end_char <= at)
        named = [self._person_for(e.text, e.start_char) for e in before if not object_of_preposition(e)]
        if not named or any(person is not named[0] for person in named):
            return None
        return named[0] if named[0] is not last and fits(named[0]) else None

    def _newer_subject(self, at: int, fits: Callable[[Entity], bool]) -> Entity | None:
        """ "Doyle was asked whether his job was under threat. '...,' he replied": a person opening a sentence
        (maybe after a title: "Former captain Mark Doyle ...") after the last speaker's last mention, and before
        the pronoun, is who the pronoun means; not one named in what the last speaker said ("Sanders questioned
        Mr. Trump's veracity. He called him ..."), unless the pronoun is in those words too."""
        if self.last_speaker is None:
            return None
        mentions = self.last_speaker.mentions
        said = [] if any(start <= at < end for start, end in self.last_said) else self.last_said
        for ent in reversed(self.people):
            if ent.end_char > at or any(start <= ent.start_char < end for start, end in said):
                continue
            if self._possessive_after(ent.start_char, ent.end_char, ent.start_char, at):
                continue  # "Wilkerson started Maher's rant when he ...": no subject, nor a later mention of one
            if ent.start_char <= max(
                (s for s, e in mentions if s <= at and not self._possessive_after(s, e, ent.end_char, at)), default=-1
            ):
                return None
            line = self.text.rfind("\n", 0, ent.start_char) + 1
            begins = max(line, ent.sent.start_char)
            title = title_before(ent).start_char
            openings = [self.text[begins : ent.start_char]] + ([self.text[begins:title]] if title >= begins else [])
            person = self._person_for(ent.text, ent.start_char)
            opens = any(SENTENCE_OPENS.search(opening) for opening in openings) or main_subject(ent)
            if opens and person is not self.last_speaker and fits(person):
                return person
        return None

    def _possessive_after(self, start: int, end: int, subject_end: int, at: int) -> bool:
        """Whether a mention is a possessive ("Maher's rant") between a subject and the pronoun, in one sentence."""
        return subject_end <= start and end <= at and bool(POSSESSIVE.match(self.text, end)) and (
            not SENTENCE_END.search(self.text, subject_end, at)
        )

    def _description(self, mention: SpacySpan) -> Resolution | None:
        # its own head's words: "the families of the victims" are no victim
        if mention[0].lower_ in {"a", "an", "another"} or ONE_OF.match(mention.text):
            # "A council spokesman said", "Another minister said": someone not named before; maybe named just after
            return (
                self._named_next(mention)
                or self._named_unintroduced(mention)
                or self._named_as_its_author(mention)
                or self._described_in_the_lede(mention)
            )
        if (named := self._named_just_before(mention)) is not None:
            return Resolution(named, clean_role(mention.text))
        own = ROLE_COMPLEMENT.sub("", mention.text)
        line = self.text.find("\n")
        if mention.end_char < line and self.text.startswith("\n\n", line):  # a headline's "Sprinter's lawyer"
            own = POSSESSIVE.split(own)[-1]  # (a lawyer named later)
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", own) if w.lower() not in DESCRIPTION_STOP]
        if not words:
            return None
        if words[0] in {"latter", "former"} and len(words) == 1:
            target = self._latter_or_former(mention.start_char, words[0])
        elif AGED.search(mention.text) and mention[0].lower_ == "the":
            # "The 36-year-old said": whoever the article is about at that point, as a pronoun would be
            target = self._recent_person(mention.start_char, gender_of("", mention.text))
        elif words[-1] in BODY_KINDS or some_of_a_kind(mention):
            return None  # "police said": the body, never one of its officers ("Sarah Quinn of Eastfield Police")
        else:
            owner = DESCRIBED_OWNER.match(mention.text)
            target = self._best_role_match(words, mention.start_char, owner.group(1) if owner else None)
            target = target or self._named_later(words)
            if target is None and mention[0].lower_ == "the":
                # "the vice president of the largest union ... told" then '"...," said Shawn Moran, the vice-president
                # of the National Border Patrol Council': the one newly named next with that post
                introduced = self._named_next(mention, introduced=True)
                target = introduced.entity if introduced else None
            if target is None and (nationality(mention) or epithet(mention)):
                # "the Spaniard said", "the striker added": as a pronoun would be, when no role says otherwise
                target = self._recent_person(mention.start_char, None)
        if target is None:
            return None
        return Resolution(target, target.roles[0] if target.roles else None)

    def _named_just_before(self, mention: SpacySpan) -> Entity | None:
        """ "Ahmed Rudaini, the health ministry's spokesman dismissed ...": the person named right before a description
        in apposition (its closing comma missing, so the description alone was read as the source)."""
        before = self.text[max(0, mention.start_char - 3) : mention.start_char]
        own = words_before_complement(mention.text)
        if not re.search(r",\s+$", before) or not own or own[-1] not in PERSON_NOUNS | ROLE_TITLES:
            return None  # ("Bob, they said, ...": others; "opposing Bush, the reports show": no one's post)
        comma = self.text.rfind(",", 0, mention.start_char)
        named = next((e for e in self.people if e.end_char == comma), None)
        return self._person_for(named.text, named.start_char) if named is not None else None

    def _described_in_the_lede(self, mention: SpacySpan) -> Resolution | None:
        """ "... after an analyst openly questioned its numbers" in the first paragraph: the one person of the
        article whose role is all the description's words, though named only paragraphs later."""
        lede = lede_span(self.text)
        if mention[0].lower_ == "another" or lede is None or not lede[0] <= mention.start_char < lede[1]:
            return None
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", mention.text) if w.lower() not in DESCRIPTION_STOP]
        target = self._named_later(words) if words else None
        return Resolution(target, None) if target is not None else None

    def _named_next(self, mention: SpacySpan, *, introduced: bool = False) -> Resolution | None:
        """ "A senior senator accused ..." and in the next sentence or paragraph "said Sen. Maria Delgado": the first
        person named after the description's sentence, when their title or role is the description's head word (or,
        for "a terrorism expert", when the name is new there and followed by who they are). introduced=True: the
        name must be new there and followed by who they are in any case, and a rank before the head ("vice", "deputy")
        must be the role's rank."""
        described = described_words(mention.text)
        head = described[-1] if described else ""
        if head not in ROLE_TITLES and head not in EXPERT_HEADS:
            return None
        end = SENTENCE_END.search(self.text, mention.end_char)
        after = end.start() if end else len(self.text)
        named = next((e for e in self.people if e.start_char > after), None)
        if named is None or named.start_char - after > INTRODUCED_REACH:
            return None
        person = self._person_for(named.text, named.start_char)
        if head in EXPERT_HEADS or introduced:
            if not self._introduced_at(person, named):
                return None
            if head in EXPERT_HEADS:
                return Resolution(person, None)
        if introduced and RANK_WORDS.intersection(described) != RANK_WORDS.intersection(role_words(person.roles)):
            return None  # "the deputy director" is not "the director"
        word = self._word_before_name(named.start_char)
        titles = {TITLE_WORDS.get(word, word)} | {h.rsplit("-", 1)[-1] for h in role_heads(person.roles)}
        return Resolution(person, None) if head in titles or TITLE_WORDS.get(head) in titles else None

    def _the_two(self, mention: SpacySpan) -> Resolution | None:
        """ "Goodlatte and Benghazi Committee Chairman Trey Gowdy sent a letter ... The two lawmakers argue ...": the
        two people named together last, as one group ("Bob Goodlatte and Trey Gowdy")."""
        if THE_TWO.fullmatch(mention.text.strip()) is None:
            return None
        for second in reversed([p for p in self.people if p.end_char <= mention.start_char]):
            joined = JOINED_BEFORE.search(self.text, max(0, second.start_char - JOINED_REACH), second.start_char)
            first = self._person_named(joined.group("first"), joined.end("first")) if joined else None
            if first is None:
                continue
            other = self._person_for(second.text, second.start_char)
            if first is not other:
                name = f"{first.name} and {other.name}"
                return Resolution(self.entities.setdefault("GROUP:" + name, Entity(name, "GROUP")), None)
        return None

    def _person_named(self, name: str, end: int) -> Entity | None:
        """The person a name ending at ``end`` is: one the article names there, or one whose surname it is."""
        at = next((p for p in self.people if p.end_char == end), None)
        if at is not None:
            return self._person_for(at.text, at.start_char)
        people = (e for e in self.entities.values() if e.type == "PERSON" and e.name.split()[-1] == name)
        return next(people, None)

    def _named_as_its_author(self, mention: SpacySpan) -> Resolution | None:
        """ "An Iraqi official denied that ..." and paragraphs later "The statement by Iraq's Interior Ministry
        spokesman Saad Maan Ibrahim adds to the confusion": the person the article names as the author of the
        statement, when the description fits their post (its head, or a word for it; its nationality, their country)."""
        described = described_words(mention.text)
        if not described:
            return None
        for ref in STATEMENT_BY.finditer(self.text, mention.end_char):
            named = next((p for p in self.people if 0 <= p.start_char - ref.end() <= AUTHOR_REACH), None)
            author = self.doc.char_span(ref.end(), named.end_char, alignment_mode="expand") if named else None
            person = self._named_person(author) if author is not None else None
            if person is None or person.entity.type != "PERSON" or not head_fits(described[-1], person.entity.roles):
                continue
            if self._same_country(mention, person.entity.roles):
                return person
        return None

    def _same_country(self, mention: SpacySpan, roles: list[str]) -> bool:
        """Whether a description's nationality ("Iraqi") is the country of a role ("Iraq's Interior Ministry
        spokesman"); true where the description has none."""
        nationalities = [t.text for t in mention if t.ent_type_ == "NORP"]
        return all(any(role.startswith(n[:4]) for role in roles) for n in nationalities)

    def _named_unintroduced(self, mention: SpacySpan) -> Resolution | None:
        """ "A former prosecutor in the case said ..." and the next sentence opens with a name not met before and not
        said who it is ("Marcus Ellery said on CNN that ..."), or only by a post of the one the description says
        they work for ("A spokeswoman for Hillary Clinton says ..." / "Clinton communications director Jennifer
        Palmieri spoke to reporters ..."): the one described, named only now, the description their role."""
        described = described_words(mention.text)
        if not described or described[-1] not in ROLE_TITLES | EXPERT_HEADS | PERSON_NOUNS:
            return None
        end = SENTENCE_END.search(self.text, mention.end_char)
        named = self._subject_opening(mention, end.end()) if end else None
        if named is None:
            return None
        person = self._person_for(named.text, named.start_char)
        earlier = (p for p in self.people if p.start_char < named.start_char)
        if any(self._person_for(p.text, p.start_char) is person for p in earlier):
            return None  # met before
        role = clean_role(singular_description(mention.text))
        person.add_role(role)
        return Resolution(person, role)

    def _subject_opening(self, mention: SpacySpan, start: int) -> SpacySpan | None:
        """The name that opens the sentence at `start` as the subject of its verb (not "Marcus Ellery, a lawyer,
        said": said who he is), maybe after a post of the one the description says its person works for."""
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        end = SENTENCE_END.search(self.text, start)
        for named in self.people:
            if named.start_char < start:
                continue
            if end is not None and named.start_char >= end.start():
                return None
            verb = named.doc[named.end] if named.end < len(named.doc) else None
            if verb is not None and verb.pos_ in {"VERB", "AUX"}:
                return named if self._opens_with(mention, self.text[start : named.start_char]) else None
        return None

    @staticmethod
    def _opens_with(mention: SpacySpan, before_name: str) -> bool:
        """Whether the words before a name opening a sentence are none, or a post of the one a description says its
        person works for ("Clinton communications director" after "A spokeswoman for Hillary Clinton")."""
        if not before_name.strip():
            return True
        employer = ROLE_COMPLEMENT.search(mention.text)
        capitalised = set(re.findall(r"\b[A-Z][\w’'-]+", employer.group(0))) if employer else set()
        role = role_before_name(before_name.strip())
        return role is not None and bool(capitalised & set(role.split()))

    def _word_before_name(self, at: int) -> str:
        """The word right before a name, lowercased ("sen" of "Sen. Maria Delgado"), or ""."""
        title = TITLE_BEFORE.search(self.text, max(0, at - 20), at)
        return title.group(1).lower() if title else ""

    def _introduced_at(self, person: Entity, named: SpacySpan) -> bool:
        """ "a terrorism expert said ..." then '"...," said Daveed Gartenstein-Ross, director of ...': whether the name
        is the person's first mention, followed by who they are."""
        first = min((start for start, _ in person.mentions), default=named.start_char)
        return first >= named.start_char and self.text.startswith(",", named.end_char)

    def _latter_or_former(self, at: int, which: str) -> Entity | None:
        seen: list[Entity] = []
        for ent in self.people:
            if ent.end_char > at:
                break
            person = self._person_for(ent.text, ent.start_char)
            if person in seen:
                seen.remove(person)
            seen.append(person)
        if len(seen) < 2:
            return None
        return seen[-1] if which == "latter" else seen[-2]

    def _best_role_match(self, words: list[str], at: int, owner: str | None = None) -> Entity | None:
        """The person met before whose roles best fit a description's words; not one whose post is another's
        ("Grayson's spokeswoman" is not "Murphy's spokeswoman Galia Slayen")."""
        best: tuple[float, Entity] | None = None
        for entity in self.entities.values():
            if entity.type != "PERSON" or not entity.mentions or min(s for s, _ in entity.mentions) > at:
                continue
            if owner is not None and self._owned_by_another(entity, owner):
                continue
            if qualifies_role(words[-1], entity.roles):
                continue  # "Smith's campaign" is not "Smith campaign spokeswoman" Jo Reed
            roles = [r for r in entity.roles if not another_holder(r, words)]
            if not head_fits(words[-1], roles):
                continue  # "Colorado Republican leaders" are not "the only Republican candidate"
            score = role_overlap(words, roles)
            if score > 0 and (best is None or score > best[0]):
                best = (score, entity)
        return best[1] if best else None

    def _owned_by_another(self, entity: Entity, owner: str) -> bool:
        """Whether a name of the entity comes after another owner's post ("Murphy's spokeswoman Galia Slayen")."""
        for start, _ in entity.mentions:
            before = OWNER_BEFORE.search(self.text, max(0, start - OWNER_REACH), start)
            if before is not None and before.group(1).lower() != owner.lower():
                return True
        return False

    def _named_later(self, words: list[str]) -> Entity | None:
        """ "The judge told Harris ..." before "Judge Amanda Price told him": the one person of the article whose
        role is all the description's words, though named only later (or, "a congressman" before "Rep. Dale
        Morrow", whose title is the office of the description's one word)."""
        fits = [
            e
            for e in self.entities.values()
            if e.type == "PERSON"
            and (
                role_overlap(words, roles := [r for r in e.roles if not another_holder(r, words)]) == 1
                and words[-1] in role_heads(roles)
                or len(words) == 1
                and any(words[0] in OFFICE_WORDS.get(office, ()) for office in self._titled_offices(e))
            )
        ]
        return fits[0] if len(fits) == 1 else None

    def _titled_offices(self, entity: Entity) -> set[str]:
        """The offices the titles before a person's mentions name ("Rep. Dale Morrow": representative)."""
        titles = {self._word_before_name(start) for start, _ in entity.mentions}
        return {TITLE_WORDS[title] for title in titles if title in TITLE_WORDS}

    def _unnamed(self, mention: SpacySpan) -> Resolution:
        mention = self._without_apposition(mention)
        name = mention.text.strip()
        kind = self._unnamed_kind(mention)
        key = kind + ":" + normalise_name(name)
        # ("police said" after "Cumbria Police said": as "the police" would be)
        definite = "the " + name if kind == "ORG" and re.fullmatch(r"[a-z]+", name) else name
        entity = self.entities.get(key) or self._named_before(definite, mention.start_char) or self._tagged_below(name)
        entity = entity or self._met_as_a(name, kind) or (self._by_last_word(name) if kind == "ORG" else None)
        entity = entity or Entity(name, kind)
        self.entities.setdefault(key, entity)
        return Resolution(entity, None)

    def _met_as_a(self, name: str, kind: str) -> Entity | None:
        """ "The representative of the plumbing company" after "a representative of the plumbing company": the one
        described in the same words before, then with "a" or "an"."""
        the = re.match(r"[Tt]he\s+", name)
        if the is None:
            return None
        rest = name[the.end() :]
        return self.entities.get(f"{kind}:{normalise_name('a ' + rest)}") or self.entities.get(
            f"{kind}:{normalise_name('an ' + rest)}"
        )

    def _without_apposition(self, mention: SpacySpan) -> SpacySpan:
        """A description up to its apposition: "Former colleagues of Graham Birch, Canada's ex-defence minister," up
        to the name the apposition is of; "News outlets in Miami, the de facto capital of the Cuban diaspora," up to
        the comma."""
        cut = next((p for p in self._people_in(mention) if self.text.startswith(",", p.end_char)), None)
        mention = (cut and self.doc.char_span(mention.start_char, cut.end_char)) or mention
        commas = (k for k in range(2, len(mention) - 1) if mention[k].text == ",")
        apposition = next((k for k in commas if mention[k + 1].lower_ in {"the", "a", "an"}), None)
        return mention[:apposition] if apposition is not None else mention

    def _unnamed_kind(self, mention: SpacySpan) -> SpeakerType:
        """What an unnamed speaker is: a body ("police", "the ministry", "the Telegraph"; not "a company" in
        general), a group (a plural head) or one unnamed."""
        # "Analysts at Barrow Capital", "a spokesman for the union": the head comes before a preposition
        head = next((mention[k - 1] for k in range(1, len(mention)) if head_before(mention, k)), mention[-1])
        plural = head.tag_ in {"NNS", "NNPS"} or head.lower_ in GROUP_PRONOUNS | COLLECTIVE_NOUNS
        plural = plural and ONE_OF.match(mention.text) is None  # ("One of the docs": one of them)
        one = head.lower_ in UNNAMED_HEADS or head.pos_ == "PRON" or not plural
        general = mention[0].lower_ in {"a", "an"}
        body = head.lower_ in NON_COMPANY_KINDS or (head.lower_ in COMPANY_KINDS and not general)
        site = WEB_ADDRESS.search(mention.text.strip()) is not None  # "ynetnews.com"
        if body or site or (one and place_for_a_body(mention)) or self._untagged_title(mention):
            return "ORG"
        return "UNNAMED" if one else "GROUP"

    @staticmethod
    def _untagged_title(mention: SpacySpan) -> bool:
        """ "the Sydney Morning Herald", "the Telegraph" (NER: nothing): "the" and capitalised proper nouns, no post
        ("the Congressman") and no people: the name of a body; so is "Wall Street Journal" without "the" (a source
        cut after it), a paper's name by its last word."""
        the = mention[0].lower_ == "the"
        words = list(mention)[1:] if the else list(mention)
        paper = len(words) >= 2 and words[-1].lower_ in TITLE_WORDS_OF_PAPERS
        if not (the or paper) or not words or words[-1].lower_ in ROLE_TITLES | PERSON_NOUNS:
            return False
        return all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ != "PERSON" for t in words)

    def one_speaker_per_name(self, resolutions: Iterable[Resolution | None]) -> None:
        """Where the article's mentions of one name were read as a person's and as an organisation's ("Mr Qureshi"
        NER called an organisation, "Qureshi" a person; "Boko Haram" both; "Consumerist" an organisation and an
        unnamed speaker), every one resolves to the entity of that name: a person's where _person_by_name says so or
        the only other reading is unnamed, else the organisation's."""
        found = [r for r in resolutions if r is not None and _named(r.entity)]
        by_name: dict[str, dict[int, Entity]] = {}  # normalised name -> its entities, by identity
        for res in found:
            by_name.setdefault(normalise_name(res.entity.name), {})[id(res.entity)] = res.entity
        replaced: dict[int, Entity] = {}  # id of an entity given up -> the one kept
        for same in by_name.values():
            types = {e.type for e in same.values()}
            if len(types) < 2:
                continue
            types -= {"UNNAMED"}
            person = "PERSON" in types and any(self._person_by_name(e.name) for e in same.values())
            kind = "PERSON" if person or types == {"PERSON"} else "ORG"  # (a name only unnamed besides: as read)
            kept = max((e for e in same.values() if e.type == kind), key=lambda e: len(e.mentions))
            for other in same.values():
                if other is not kept:
                    kept.mentions = sorted(set(kept.mentions) | set(other.mentions))
                    for role in other.roles:
                        kept.add_role(role)
                    replaced[id(other)] = kept
        for res in found:
            res.entity = replaced.get(id(res.entity), res.entity)

    def _person_by_name(self, name: str) -> bool:
        """Whether a name is a person's by a title the article gives it ("Mr Qureshi"), a sure first name, or a
        full name of the article that ends in it ("O'Neill" after "James O'Neill")."""
        words = name_words(name)
        if not words:
            return False
        titled = honorific_gender(name) is not None or title_gender(self.text, words[-1]) is not None
        surname = self._as_indexed(words[-1])  # ("O'Neill" after "James O’Neill")
        full = any(len(parts) > len(words) and parts[-1] == surname for _, parts in self._full_names.get(surname, []))
        return titled or full or (len(words) > 1 and is_first_name(words[0]))

    def speakers(self) -> list[Speaker]:
        """Every entity some quote was resolved to (the caller passes the ids it used), once: an entity may be
        known by several keys ("The watchdog" that is Ofcom)."""
        unique: dict[str, Speaker] = {}
        for e in self.entities.values():
            seen = unique.setdefault(e.id, Speaker(id=e.id, name=e.name, type=e.type, roles=e.roles))
            seen.mentions = sorted(set(seen.mentions) | set(e.mentions))
        return list(unique.values())
