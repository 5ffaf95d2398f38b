"""A document as a speaker ("the suit claims", "the letter reads") is its author where the article says whose it is
before: "Menzies's lawsuit", "a lawsuit filed by a former aide named Carla Menzies", "Halvorsen Oil sent a letter",
"Halvorsen Oil argued in its letter"; else it stays a speaker of its own (and so where several are named). "The report"
or "the new study" is the document of that kind the article spoke of before ("according to a report from the
inspector general"), the latest one where there are several; "The article" right after "a satirical website called
'National Report'" is that site's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan

from sayso.quotes.cues import words
from sayso.speaker_entity import Entity, Resolution

# the words one document goes by ("the suit" is "the lawsuit")
DOCUMENT_WORDS = {"suit": "suit lawsuit", "lawsuit": "suit lawsuit", "complaint": "complaint", "letter": "letter"}
DOCUMENT_WORDS |= {"memo": "memo memorandum", "memorandum": "memo memorandum", "petition": "petition"}
THE_DOCUMENT = re.compile(r"(?:[Tt]he\s+)?(" + "|".join(DOCUMENT_WORDS) + ")")
NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# a name that opens a clause, no preposition's object ("Three former employees of Varnex Systems have filed a suit")
SUBJECT = r"(?<![A-Za-z])" + "".join(rf"(?<!\b{word}\s)" for word in words("of by at to in on for from with"))
FEW = r"(?:[\w,-]+\s+){0,4}?"  # "a detailed, six-page"
# "by a former aide named Carla Menzies", "by Carla Menzies": a name, maybe after a short description of whom
BY_NAME = rf"by\s+(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+){{0,4}}?(?:named\s+|called\s+)?)?(?P<by>{NAME})"


def _authorship(nouns: str) -> list[re.Pattern[str]]:
    noun = "(?:" + "|".join(nouns.split()) + ")"
    return [
        re.compile(rf"(?P<by>{NAME})['’]s?\s+{FEW}{noun}\b"),  # "Menzies's lawsuit"
        re.compile(rf"\b{noun}s?\s+(?:[\w-]+\s+){{0,2}}?(?:filed|brought|sent|signed|issued)\s+{BY_NAME}"),
        re.compile(rf"{SUBJECT}(?P<by>{NAME})\s+(?:[a-z]\w*\s+){{0,2}}?(?:filed|sent|wrote|issued|brought)\s+(?:a|an)\s+{FEW}{noun}\b"),
        re.compile(rf"{SUBJECT}(?P<by>{NAME})\s+(?:[a-z]\w*\s+){{0,2}}?in\s+(?:its|his|her|their)\s+{FEW}{noun}\b"),
    ]


# "Snopes.com also has a writeup on the bogus report, which says": the one who has (or ran) the piece "which" follows
PIECE_WHICH = re.compile(
    rf"{SUBJECT}(?P<by>{NAME})\s+(?:(?:also|then|later|now)\s+)?(?:has|had|ran|runs|published|posted|wrote|put\s+out)\s+"
    r"(?:a|an|its\s+own)\s+(?:[\w-]+\s+){0,2}?(?:writeup|write-up|article|post|piece|column|analysis|explainer|"
    r"fact[- ]?check|review|story)(?:\s+(?:on|about|of)\s+[^,.;:!?]{1,60})?,\s*$"
)


def piece_owner(mention: SpacySpan, resolve: Callable[[SpacySpan], Resolution | None]) -> Resolution | None:
    """ "Snopes.com also has a writeup on the bogus report, which says: ...": "which" is the piece, and the piece
    speaks for the one who has it (not the report it is on, the noun before the comma)."""
    if mention.text.strip().lower() != "which":
        return None
    text = mention.doc.text
    start = max(mention.sent.start_char, text.rfind("\n", 0, mention.start_char) + 1)
    found = PIECE_WHICH.search(text, start, mention.start_char)
    span = mention.doc.char_span(*found.span("by"), alignment_mode="expand") if found else None
    owner = resolve(span) if span is not None else None
    return owner if owner is not None and owner.entity.type in {"PERSON", "ORG"} else None


def document_author(mention: SpacySpan, resolve: Callable[[SpacySpan], Resolution | None]) -> Resolution | None:
    """ "the suit reads": the one person or organisation named as its author before the mention, if only one is."""
    the = THE_DOCUMENT.fullmatch(mention.text.strip())
    if the is None:
        return None
    doc, text = mention.doc, mention.doc.text
    found = []
    for pattern in _authorship(DOCUMENT_WORDS[the.group(1).lower()]):
        for named in pattern.finditer(text, 0, mention.start_char):
            span = doc.char_span(named.start("by"), named.end("by"), alignment_mode="expand")
            author = resolve(span) if span is not None else None
            if author is not None and author.entity.type in {"PERSON", "ORG"}:
                found.append(author.entity)
    if not found or any(entity is not found[0] for entity in found):
        return None
    return Resolution(found[0], the.group(1).lower())


# "the report", "The new report", "this study": a document of a kind named before, by its kind alone
THE_KIND_AGAIN = re.compile(
    r"(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:new|latest|recent|same|full|final|draft|original|initial|\d{4})\s+)?"
    r"(report|study|survey|poll|audit|review|analysis)"
)


def earlier_document(mention: SpacySpan, entities: Iterable[Entity]) -> Resolution | None:
    """ "The report says" after "according to a report from the inspector general": the speaker whose name is a
    document of that kind, mentioned before (the latest such mention), if any."""
    the = THE_KIND_AGAIN.fullmatch(mention.text.strip())
    if the is None:
        return None
    kind = re.compile(rf"\b{the.group(1)}\b", re.IGNORECASE)
    before = [
        (max(start for start, _ in e.mentions if start < mention.start_char), e)
        for e in entities
        if e.type != "PERSON" and kind.search(e.name) and any(start < mention.start_char for start, _ in e.mentions)
    ]
    if not before:
        return None
    return Resolution(max(before, key=lambda pair: pair[0])[1], None)


# "The article", "the story": a piece a site published, right after the sentence that names the site
THE_PIECE = re.compile(r"[Tt]he\s+(?:article|story|post|piece)")
# "a satirical website called “National Report.”", "a blog named Racket Report"
SITE_CALLED = re.compile(
    r"\b(?:website|site|blog|page|outlet|newspaper|tabloid|magazine)\s+(?:called|named)\s+[“\"‘']?"
    rf"(?P<name>{NAME})"
)
SITE_REACH = 200  # characters before the mention in which the site is named


def site_of_the_piece(mention: SpacySpan) -> str | None:
    """ "The article quoted the CDC ..." after "The fake recall first appeared on a satirical website called
    “National Report.”": the name of the one site named so just before (in the reach), if any."""
    if THE_PIECE.fullmatch(mention.text.strip()) is None:
        return None
    text = mention.doc.text
    named = list(SITE_CALLED.finditer(text, max(0, mention.start_char - SITE_REACH), mention.start_char))
    if len({m.group("name").rstrip(".") for m in named}) != 1:
        return None
    return named[0].group("name").rstrip(".")


# "The DeepDotWeb report has other problems.", "... described in a report published the following year by the
# Independent.", "... according to the statement issued on behalf of her family.": a piece named in a sentence, its
# owner's name before its noun or after "by"
PIECE_NOUNS = r"(?:report|statement|article|study|story|post|blog\s+post|piece|letter|press\s+release|analysis)"
PIECE_IN_SENTENCE = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:(?P<own>{NAME})\s+)?(?:[a-z][\w-]*\s+){{0,2}}?{PIECE_NOUNS}\b"
    rf"(?:\s+(?:published|issued|released|posted|filed|put\s+out)\b[^.!?\n]*?\bby\s+(?:the\s+)?(?P<by>{NAME}))?"
)
SENTENCE_OPENING = re.compile(r"[.!?][\"'”’]?\s+|\n")


def piece_just_before(mention: SpacySpan, resolve: Callable[[SpacySpan], Resolution | None]) -> Resolution | None:
    """ "The DeepDotWeb report has other problems. It falsely stated ...": "It" opening a sentence is the piece that
    opens the sentence before, or ends it ("... in a report published the following year by the Independent. It
    identified ..."): the piece's owner where named, else None (the pronoun's other readings decide)."""
    if mention.text.strip() != "It":
        return None
    text = mention.doc.text
    before = text[: mention.start_char].rstrip()
    if not before.endswith((".", "!", "?")):
        return None
    paragraph = max(0, text.rfind("\n", 0, len(before) - 1))  # (a line break opens a sentence: none before counts)
    opening = [m.end() for m in SENTENCE_OPENING.finditer(text, paragraph, len(before) - 1)]
    start = opening[-1] if opening else 0
    sentence = text[start : len(before) - 1]
    pieces = list(PIECE_IN_SENTENCE.finditer(sentence))
    piece = next((p for p in pieces if p.start() == 0 or p.end() == len(sentence)), None)
    owner = piece and (piece.group("by") or piece.group("own"))
    if piece is None or not owner:
        return None
    at = start + piece.start("by" if piece.group("by") else "own")
    span = mention.doc.char_span(at, at + len(owner), alignment_mode="expand")
    found = resolve(span) if span is not None else None
    return found if found is not None and found.entity.type in {"PERSON", "ORG"} else None
