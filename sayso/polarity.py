"""Polarity of a statement: does it assert, deny or question? From its cue and its words."""

from __future__ import annotations

import re

from sayso.model import Polarity, Span
from sayso.quotes.cues import is_denial_cue

# "there is no doubt", "there are no excuses", "there is no greater man": praise, certainty or blame, not a denial;
# "there are no plans to change the guidance": what someone means to do, not that something said is false
NOT_A_DENIAL_AFTER_THERE_IS_NO = (
    r"(?:doubt|question|excuses?|shortage|end|limit|substitute|need|plans?|place\s+like|one\s+(?:who|that|more|better)|"
    r"(?:great|greater|better|bigger|more|other)\b)"
)
# "never wanted", "never been", "never stopped fighting": what "never" says was not felt, seen or kept up, no act
NEVER_NOT_AN_ACT = (
    r"(?:wanted|been|seen|expected|imagined|thought|felt|forgotten|forgetting|stopped|ceased|wavered|dreamed|dreamt|"
    r"hesitated|tired|liked|loved|cared|believed|doubted|wanting|stopping|ending|failed|missed|lost|backed|looked|"
    r"needed|asked|understood|considered|planned|intended|realized|realised|heard|learned|learnt|crossed|worked)\b"
)
# "Contrary to Lazar's claims, authorities say ...", "that, contrary to Santilli's arguments in court, he saw ...":
# words said against what someone claimed
CONTRARY_TO_CLAIMS = (
    r"\bcontrary\s+to\s+(?:[\w.’'-]+\s+){0,3}?(?:claims?|assertions?|arguments?|statements?|accounts?|insistence|"
    r"contentions?|allegations?|reports?)\b|\bcontrary\s+to\s+what\s+(?:[\w.’'-]+\s+){1,4}?(?:said|says|claimed|claims|"
    r"argued|told)\b"
)
# "would fight the charges", "vowed to contest the allegations"
CHARGES_FOUGHT = (
    r"\b(?:fight|fighting|contest|contesting)\s+(?:the|these|those|all\s+(?:the\s+)?)\s*(?:\w+\s+)?"
    r"(?P<noun>charges|allegations|accusations)\b"
)
# 'called Benning "a convicted liar"', "called a sitting U.S. Representative a liar": the words of "called" open on
# whom they call a liar (him, her, a capitalised name, or a description of a few words)
CALLED_A_LIAR = (
    r"^\W*(?:him|her|(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)?|(?:the|a|an)\s+(?:(?!"
    r"(?:who|which|that|and|or|is|was|were|are|be|been)\b)[\w'’.-]+\s+){1,4}?)"
    r"\s*[“\"‘]?(?:a|an)\s+(?:\w+\s+)?liar\b"
)
# "the same stories ..., and most of them are rubbish": what was reported or claimed, called worthless in its sentence
STORIES_CALLED_WORTHLESS = (
    r"\b(?:the|these|those|such)\s+(?:\w+\s+)?(?:stories|reports|rumou?rs|claims|articles|headlines)\b[^.!?]{0,40}?"
    r"\b(?:they|them)\s+(?:are|were)\s+(?:all\s+|just\s+|simply\s+|complete\s+|total\s+)?"
    r"(?:rubbish|garbage|drivel|tosh|nonsense|lies)\b"
)
DENIAL_CONTENT = re.compile(
    # "is not true", "that's simply not true", "it isn't accurate"
    # (not "is not politically correct": unconventional, not false)
    r"\b(?:is|was|are|were|[’']s|[’']re)\s+[“\"‘]?(?:\w+ly\s+|just\s+)?(?:not|n[o’']t)\s+(?:(?!politically)\w+ly\s+)?"
    r"(?:true|correct|accurate)\b"
    r"|\b(?:is|was|are|were)n[’']t\s+(?:(?!politically)\w+ly\s+)?(?:true|correct|accurate)\b"
    # "Nice try, not true", "Not true." (not "not true to form"); "almost none of it is true"
    r"|(?:^|[,;:.!?…—-])\W*(?:\w+ly\s+)?not\s+(?:true|correct|accurate)(?=\s*(?:[.,;:!?…”\"’]|$))"
    r"|\bnone\s+of\s+(?:it|that|this|them|these|those)\s+(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:true|accurate|correct)\b"
    # "the figures are simply not the reality on the ground" (not "not the reality we hoped for")
    r"|\b(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:not|n[o’']t)\s+(?:the\s+)?reality(?=\s*(?:on\s+the\s+ground|[.,;:!?…”\"’]|$))"
    r"|\b(?:a|an|the)\s+[“\"‘]?(?:[\w-]+\s+)?(?:lie|lies|fabrication|"
    r"falsehood|hoax|smear)\b|\bno\s+(?:evidence|truth|basis|proof|substance)\b|\b(?:false|untrue|baseless|groundless|"
    # (not "under false pretences", "castrated under false claims that ...": deceived, not denied)
    r"unsubstantiated|unfounded|fabricated|made-up|fake news|nonsense)\b(?<!\bunder\sfalse)"
    # (not "countless false dawns", "carrying false identity papers", "a bit of false balance": no verdict)
    r"(?!\s+(?:dawns?|identit(?:y|ies)|papers|passports?|documents|names?|balance|teeth|starts?|modesty|pretences|"
    r"pretenses|flags?)\b)"
    # "the report was inaccurate", "called the articles inaccurate and misleading" (not "a wildly inaccurate chart")
    r"|\binaccurate\b(?=\s*(?:[.,;:!?…”\"’)]|and\b|or\b|$)|\s+(?:claims?|assertions?|statements?|suggestions?)\s+that\b)"
    # "none found any evidence whatsoever of wrongdoing", "did not find any evidence that the money was misspent"
    r"|\b(?:none|nobody|no\s+one|not|n[’']t|never)\s+(?:\w+\s+){0,2}?(?:find|found|seen|shown|produced)\s+(?:any\s+)?"
    r"(?:evidence|proof)\b"
    # "That is not what happened", "I don't think 31 per cent growth is what actually happened"
    r"|\bnot\s+what\s+(?:actually\s+|really\s+)?happened\b"
    r"|\bdo(?:n[’']t|\s+not)\s+think\b[^.!?]{0,60}\bis\s+what\s+(?:actually\s+|really\s+)?happened\b"
    # "These allegations do not reflect the facts", "based on a misreading of our disclosures"
    r"|\b(?:do|does|did)(?:\s+not|n[’']t)\s+reflect\s+(?:the\s+)?(?:facts|reality|truth)\b"
    r"|\b(?:a|their|his|her|its|your)\s+(?:\w+\s+)?misreading\s+of\b"
    # "No such words were spoken", "No such memo ever reached him": what was said to be, said not to be
    r"|^\W*no\s+such\s+\w+"
    # "its findings included debunking his conspiracy theories", "the debunked story of crowds cheering"
    r"|\bdebunk(?:s|ed|ing)?\b"
    # "the story was made up", "a made up story", "This was, in my opinion, made up." (not "women made up 40
    # percent", "made up their minds")
    r"|\b(?:is|was|are|were|been|be|totally|completely|entirely|all|just|simply)\s+made\s+up\b"
    r"|\bmade\s+up\s+(?:story|stories|claims?|quotes?|numbers?|figures?|charges?|allegations?|nonsense)\b|\bmade\s+up\s*(?:[.!?…,;”\"’]|$)"
    r"|\bnever\s+(?:happened|occurred|said|threatened)\b"
    # "he never obtained access", "his client was never encouraging violence", "she never would have instructed an
    # aide": an act a pronoun's person is said never to have done (not what was felt, seen or kept up: "never
    # wanted", "never stopped fighting"; nor a named one's record: "Obama has never respected the right ...")
    r"|\b(?:I|we|he|she|they|(?:my|our|his|her|their)\s+client)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)?"
    r"never\s+(?:(?:would|could)\s+have\s+)?(?!" + NEVER_NOT_AN_ACT + r")[a-z]{3,}(?:ed|ing)\b"
    # '"none of the professors at the live events" were handpicked', "says nothing of the kind", "no one believes
    # that ..."
    r"|\bnone\s+of\s+(?:the|these|those|his|her|their|our|its|them)\b[^.;:!?]{0,60}?\b(?:were|was|has|have|had)\s+"
    r"(?:ever\s+|been\s+)?[a-z]+ed\b"
    r"|\b(?:says?|said|saying|shows?|showed|is|was)\s+nothing\s+of\s+the\s+(?:kind|sort)\b"
    r"|\bno\s+one\s+(?:really\s+|seriously\s+)?believes\b"
    r"|" + CONTRARY_TO_CLAIMS +
    # "she just made it up", "he made the whole story up"
    r"|\bmade\s+(?:it|that|this|them|(?:the|this|that)\s+(?:whole\s+)?(?:thing|story|stories|claims?|quotes?))\s+up\b"
    # "That didn't happen", "none of that happened" (not "make sure it didn't happen again")
    r"|^\W*(?:that|this|it)\s+(?:just\s+|simply\s+)?(?:did\s*n[o’']t|did\s+not)\s+happen\s*(?:[.!…,;]|$)"
    r"|\bnone\s+of\s+(?:that|this|it|those\s+things)\s+(?:ever\s+)?happened\b"
    # "is absolutely innocent of this charge", "will enter a plea of not guilty"
    r"|\binnocent\s+of\s+(?:the|this|these|those|all|any|such)\s+(?:\w+\s+)?(?:charges?|allegations?|accusations?|crimes?)\b"
    r"|\b(?:plead|pleads|pleaded|pled|pleading|plea\s+of)\s+not\s+guilty\b"
    # "the states were exaggerating the agency's reach", "she overstates the danger", "the articles misrepresented the
    # documents" (not "I'm not exaggerating")
    r"|(?<!\bnot\s)(?<!n[’']t\s)\b(?:exaggerat|overstat|misrepresent|mischaracteri[sz])(?:s|es|ed|ing)\b"
    # "There is no question of anyone having been misled" (not "no question that ...": certainty)
    r"|\bno\s+question\s+of\s+(?:\w+\s+){1,3}?having\b"
    # "This is pure speculation" (not "prices rose on pure speculation")
    r"|\b(?:is|was|are|were|[’']s)\s+(?:all\s+)?(?:pure|complete|total|utter|mere)\s+speculation\b"
    # "he had never touched Fields", "I never met her": an act against someone, denied
    r"|\bnever\s+(?:touched|grabbed|hit|pushed|harassed|assaulted|attacked|targeted|met|(?:made|had)\s+(?:any\s+)?contact)\b"
    r"|\bthere\s+(?:were|was|is|are|(?:has|have|had)\s+been)\s+no\b(?!\s+" + NOT_A_DENIAL_AFTER_THERE_IS_NO + ")"
    # "There never was a stand-down order"
    r"|\bthere\s+(?:never\s+(?:was|were|has\s+been)|(?:was|were|has\s+been)\s+never)\s+(?:a|an|any)\b"
    r"(?!\s+" + NOT_A_DENIAL_AFTER_THERE_IS_NO + ")"
    r"|\b(?:is|are|was|were|[’']re|[’']s)\s+[“\"‘]?"
    r"(?:(?:\d+\s+percent|\w+ly|flat|dead|plain|flat-out|flat out|quite|just|so|very|all),?\s+){0,2}"
    r"(?:wrong|mistaken|misleading|incorrect)\b(?!\s+(?:to|for|with)\b)"
    # "When Twitter says, 'We can't do this,' I don't believe that" (not "I don't believe that we should ...")
    r"|\b(?:I|we)\s+(?:just\s+|simply\s+)?do(?:n[’']t|\s+not)\s+believe\s+(?:that|it|them|him|her)(?=\s*(?:[.,;!?…”\"’]|$))"
    # "London has proved him wrong", "the results proved the pollsters wrong"
    r"|\bprov(?:e|es|ed|en|ing)\s+(?:him|her|them|it|that|this|(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+wrong\b"
    # "it is wrong to imply that bombing is enough" (not "it would be wrong to cut taxes")
    r"|\b(?:wrong|mistaken|misleading)\s+to\s+(?:imply|suggest|say|claim|assert|think|believe)\b"
    # "I fundamentally disagree", "We strongly disagree with those claims" (opening the words or one of their
    # sentences)
    r"|(?:^|[.!?…]\s+)\W*(?:I|we)\s+(?:\w+ly\s+)?disagree\b"
    r"|\bdistorted\s+(?:portrayal|picture|account|view|version|image|record)\b"
    # "It's fantasy", "pure fiction" (not "the novel is fiction", "a fantasy football league")
    r"|\b(?:it|that|this)(?:[’']s|\s+is|\s+was)\s+(?:(?:a|pure|complete|total|utter|just)\s+)?fantasy\b"
    r"|\b(?:pure|complete|total|utter)\s+(?:fiction|fantasy)\b"
    # "That's complete rubbish", "the figure was plucked out of thin air" (not "rubbish collections")
    r"|\b(?:complete|total|utter|absolute|pure)\s+(?:rubbish|garbage|drivel|tosh)\b"
    r"|\b(?:it|that|this)(?:[’']s|\s+is|\s+was)\s+(?:just\s+|simply\s+)?(?:rubbish|garbage|drivel|tosh)\b"
    r"|\b(?:plucked|pulled|made\s+up)\s+out\s+of\s+thin\s+air\b"
    # "this fiction that there's widespread discrimination", "a bunch of malarkey", "a phony attack", "the Sanders
    # campaign lying about me" (not "a work of fiction", "a phony system", "low-lying farmland")
    r"|\b(?:this|the|that|a)\s+fiction\s+that\b|\b(?:malarkey|hogwash|baloney|poppycock|claptrap|bullshit|horseshit)\b"
    # "It's fake, dude", "It's implausible", "the story didn't wash", "a source told the congressman otherwise"
    r"|\b(?:it|that|this)(?:[’']s|\s+is|\s+was)\s+(?:all\s+|just\s+|\w+ly\s+)?(?:fake|implausible|not\s+plausible)\b"
    # 'described as "rubbish" a Daily Mirror report that ...', "dismissed the reports as complete fakes"
    r"|\bas\s+[“\"‘]?(?:(?:complete|total|utter|pure|absolute)\s+)?(?:rubbish|garbage|drivel|tosh|nonsense|fakes?|bogus)\b"
    r"|\b(?:do|does|did)(?:\s+not|n[’']t)\s+wash\b|\b(?:told|tells|tell)\s+(?:\w+\s+){1,3}?otherwise\b"
    r"|\bphony\s+(?:attacks?|charges?|claims?|allegations?|story|stories|scandals?|issues?)\b"
    r"|(?<!-)\blying\s+about\b"
    # "has never taken a dime from anyone", "would fight the charges", called 'Benning "a convicted liar"'
    # (not "Trump is a liar" in words that say what others say)
    r"|\bnever\s+(?:taken|took|accepted|received)\s+(?:a|one)\s+(?:single\s+)?(?:dime|penny|cent|bribe)\b"
    r"|"
    + CHARGES_FOUGHT
    + r"|"
    + CALLED_A_LIAR
    + r"|\bnot\s+the\s+case\b|\b(?:distortions?|propaganda|mischaracteri[sz]ation|misrepresentation)\b"
    r"|\b(?:stop|keeps?|kept|are|is|was|were)\s+lying\b|\b(?:are|were)\s+[“\"‘]?(?:all\s+)?lies\b|^\W*you\s+(?:lie|lied)\b"
    r"|\b(?:do|does|did)\s*n[o’']t\s+(?:hold\s+(?:up|water|weight)|stand\s+up)\b"
    # "Judge Reeves did not recognize that reality", "flies in the face of the facts", "divorced from reality"
    r"|\b(?:(?:do|does|did)\s*(?:not|n[’']t)|fail(?:s|ed)?\s+to|refus(?:e|es|ed)\s+to)\s+(?:recogni[sz]e|acknowledge|accept)\s+"
    r"(?:that|the|this)\s+(?:reality|facts?|truth)\b|\bignor(?:e|es|ed|ing)\s+the\s+(?:reality|facts|truth)\b"
    r"|\bfl(?:y|ies|ew)\s+in\s+the\s+face\s+of\s+the\s+facts?\b|\bdivorced\s+from\s+reality\b"
    # "the claims lacked evidence", "The allegations lack any evidence" (not "lacked the staff")
    r"|\black(?:s|ed|ing)?\s+(?:any\s+)?(?:evidence|proof|basis)\b"
    # "I read the same stories you do, and most of them are rubbish" (not "we were rubbish in the first half")
    r"|" + STORIES_CALLED_WORTHLESS +
    # a bare "No." or "No, ..." answering a question (not "No. 10 said", "No one asked")
    r"|^\W*no(?:[.!]|,)\s+(?!\d)"
    # "neither the nominee nor her campaign helped ...", "Neither Lowe nor his aides ever met him": an act no one of
    # those named did, opening the words (not "neither confirmed nor denied", "Neither side expects a deal", nor
    # "Neither the company nor its lawyers responded to requests for comment")
    r"|^\W*neither\b(?![^.;:!?]*\b(?:confirm|respond|comment|repl|return|answer|acknowledg|reach|contact))"
    r"[^.;:!?]{1,60}?\bnor\b[^.;:!?]{1,60}?\b(?:ever\s+)?(?:[a-z]{3,}ed|met|knew|saw|made|took|gave|told|said|paid|"
    r"sent|spoke)\b"
    # "We reject the suggestion that ...", "I categorically deny": the speaker's own denial, opening the words (not a
    # later sentence: "... I reject any proposal to intern anyone")
    r"|^\W*(?:we|i)\s+(?:\w+ly\s+)?(?:reject|deny|dispute|refute)\b",
    re.IGNORECASE,
)
# "that claim smacked of hypocrisy", "the allegations are ridiculous": words that open on a claim and judge it
# worthless deny it (the judgement must follow its subject: "the ridiculous claims kept coming" judges nothing), maybe
# after a short lead ("Turns out, the entire tale is rubbish")
CLAIM_JUDGED_WORTHLESS = re.compile(
    r"^\W*(?:(?:\w+\s+){0,2}\w+,\s+)?(?:the|that|this|these|those|such|his|her|their|[A-Z][\w.-]*[’']s)\s+(?:\w+\s+)?(?:claims?|charges?|allegations?|"
    r"accusations?|criticism|reports?|assertions?|story|stories|suggestions?|notion|tale|articles?|posts?)\b"
    r"(?:(?!\b(?:and|but|while)\b)[^.;:,]){0,40}?"
    r"\b(?:hypocri\w*|ridiculous|absurd|laughable|outrageous|preposterous|silly|garbage|rubbish|fake|bogus|nonsense|"
    r"meritless|without merit|"
    r"politically motivated|(?:political\s+)?manipulation|smear\w*|desperate|implausible|"
    r"(?:does|did)(?:\s+not|n[’']t)\s+make\s+(?:much\s+|any\s+)?sense)\b",
    re.IGNORECASE,
)
# 'Weaver called that "beyond preposterous."': what "called" names (it, that, or nothing the tagger kept) is only a
# verdict that it is false (not 'called the fine "ridiculous"', 'called it "a ridiculous waste of money"')
CALLING_CUE = re.compile(r"\b(?:call|calls|called|calling|labell?ed|branded)$", re.IGNORECASE)
CALLED_FALSE = re.compile(
    r"^\W*(?:(?:it|that|this|those|these|them)\s+)?[“\"‘]?(?:(?:\w+ly|beyond|just|simply|pure|complete|total|utter|a|an)"
    r"\s+){0,2}(?:false|untrue|baseless|unfounded|preposterous|absurd|ridiculous|laughable|nonsense|nonsensical|"
    r"fabricated|bogus|fake|lies?|fiction|fantasy|garbage|rubbish|hogwash|malarkey)\W*$",
    re.IGNORECASE,
)
# "his office has already dismissed many misdemeanor marijuana cases": a prosecutor's or court's act, no denial
CASES_DISMISSED = re.compile(
    r"\W*(?:(?:the|a|an|his|her|its|their|many|some|all|more|\d+|[\w-]+)\s+){0,4}?"
    r"(?:cases?|lawsuits?|suits?|indictments?|counts?|appeals?|motions?)\b(?!\s+that\b)",
    re.IGNORECASE,
)
# "challenged the assertion that he had ever attacked her", "contested the claim that ...": a claim challenged is
# denied (not "challenged him to a debate", "contested the seat")
CHALLENGING_CUE = re.compile(r"\b(?:challeng|contest)(?:e|es|ed|ing)?$", re.IGNORECASE)
CLAIM_OPENING = re.compile(
    r"^\W*(?:the|that|this|his|her|their|its)\s+(?:\w+\s+)?(?:assertions?|claims?|notion|suggestions?|allegations?|"
    r"contention|idea|premise|reports?|accounts?)\s+that\b",
    re.IGNORECASE,
)
# "What does Ruiz know about it": a question that waves away what someone says (not "what did they know", which asks,
# nor "well, what do you know", surprise)
DISMISSIVE_QUESTION = re.compile(
    r"\bwhat\s+(?:does|do)\s+(?!you\b)(?:\w+\s+){1,3}?know(?:\s+about\s+(?:it|that|this))?\s*(?:[?.…!]|$)",
    re.IGNORECASE,
)
# "we were told there was no money": words said to the speaker by someone else, not the speaker's own denial
TOLD_BEFORE = re.compile(r"\b(?:was|were|been|being|got|get)\s+told\s+(?:that\s+)?$", re.IGNORECASE)
TOLD_REACH = 30  # characters before a denying phrase in which "were told" reports it
# "did not deny", "refused to dismiss", "never denied": a denial cue negated denies nothing
NEGATED_CUE = re.compile(r"\b(?:not|never|nor|refused to|declined to)\b|n[’']t\b")
# 'The film shows him refusing and depicts a guard asking, "For what?"': a question the words report someone asking,
# not one their speaker asks
REPORTED_QUESTION = re.compile(
    r"\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|say|says|said|saying)\s*,?\s*[“\"‘'][^“\"”]*\?\W*$",
    re.IGNORECASE,
)
QUESTION_CUES = {"ask", "asked", "asks", "asking", "question", "questioned", "questions", "wondered", "wonders"}


def denial_matches(cue: str | None, content: str) -> list[re.Match[str]] | None:
    """Where the words deny ("there is no single point of failure"), or None when the cue itself denies (then all
    the words are what is denied: "denied claims that ...")."""
    if _cue_denies(cue):
        return None
    return _denying_words(content) + list(CLAIM_JUDGED_WORTHLESS.finditer(content))


def _denying_words(content: str) -> list[re.Match[str]]:
    """The phrases that deny in the words, but for those reported as told to the speaker ("we were told ...")."""
    return [
        m
        for m in DENIAL_CONTENT.finditer(content)
        if not TOLD_BEFORE.search(content[max(0, m.start() - TOLD_REACH) : m.start()])
    ]


STATED_SENTENCE = re.compile(r"[^.!?…]*[.!…](?=\s)")  # one that ends otherwise than with a question mark
CONTRARY_LEAD = re.compile(CONTRARY_TO_CLAIMS, re.IGNORECASE)
# "The singer's representatives cleared up the rumours and issued a statement saying ...", "Plait also took down the
# hoax in his column, pointing out that ...": the speaker denies what was reported in the same breath
REPORTS_DENIED_BESIDE = re.compile(
    r"(?<!\bnot\s)(?<!n[’']t\s)\b(?:denied|denies|dismissed|rejected|refuted|debunked|quashed|dispelled|cleared\s+up|"
    r"shot\s+down|put\s+to\s+rest|took\s+down|knocked\s+down|laughed\s+off|brushed\s+off)\s+"
    r"(?:the|these|those|such|all|any)\s+(?:\w+\s+)?(?:rumou?rs?|reports?|claims?|allegations?|stories|story|"
    r"speculation|hoax)\b",
    re.IGNORECASE,
)


def polarity(cue: str | None, content: str, lead: str = "", between: str = "") -> Polarity:
    """asserts / denies / questions, read from the cue first and the words second; lead: the words of the sentence
    before the statement's speaker and cue ("Contrary to Lazar's claims, authorities say ..."); between: the words
    from the speaker to the cue ("... representatives cleared up the rumours and issued a statement saying ...")."""
    cue_words = (cue or "").lower()
    called_false = CALLING_CUE.search(cue_words) and CALLED_FALSE.search(content)
    called_false = called_false or (CHALLENGING_CUE.search(cue_words) and CLAIM_OPENING.search(content))
    denying_cue = _cue_denies(cue) and not _cases_dismissed(cue_words, content)
    if denying_cue or CONTRARY_LEAD.search(lead) or called_false or REPORTS_DENIED_BESIDE.search(between):
        return "denies"
    if cue_words in QUESTION_CUES:
        return "questions"
    if DISMISSIVE_QUESTION.search(content):
        return "denies"
    if content.rstrip(" \"'”’").endswith("?") and not REPORTED_QUESTION.search(content):
        # "That is a false equivalency! How many ...?": a denial first, a rhetorical question after it
        # "I think that's quite wrong. I would answer him: isn't your country ...?": a denial in a sentence of its own
        told = any(_denying_words(m.group(0)) for m in STATED_SENTENCE.finditer(content))
        return "denies" if told else "questions"
    if _denying_words(content) or CLAIM_JUDGED_WORTHLESS.search(content):
        return "denies"
    return "asserts"


LEAD_REACH = 200  # characters back from a statement's first word to the start of its sentence, at most
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+|\n")


def statement_lead(text: str, content_spans: list[Span], *spans: Span | None) -> str:
    """The words of a statement's sentence before its first span (of its words, cue or source)."""
    starts = [start for start, _ in content_spans] + [span[0] for span in spans if span is not None]
    return sentence_lead(text, min(starts)) if starts else ""


SPEAKER_TO_CUE_REACH = 120  # characters from a speaker to their cue within which words said beside it count


def speaker_to_cue(text: str, source: Span | None, cue: Span | None) -> str:
    """The words between a statement's speaker and its cue, when the speaker comes first, in one sentence."""
    if source is None or cue is None or not 0 <= cue[0] - source[1] <= SPEAKER_TO_CUE_REACH:
        return ""
    between = text[source[1] : cue[0]]
    return "" if SENTENCE_BREAK.search(between) else between


def sentence_lead(text: str, first: int) -> str:
    """The words of a sentence before the offset `first` ("Contrary to Lazar's claims, " before "authorities say
    he never obtained access")."""
    window = text[max(0, first - LEAD_REACH) : first]
    breaks = list(SENTENCE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


# a cue that calls what it introduces false: "a claim DHS said was false", "said is untrue"
FALSE_VERDICT_CUE = re.compile(
    r"\b(?:is|was|were|are|been)\s+(?:\w+ly\s+)?(?:false|untrue|wrong|inaccurate|incorrect|baseless|unfounded|"
    r"misleading|bogus|fake|fabricated|nonsense|ridiculous|absurd)$",
    re.IGNORECASE,
)


def _cases_dismissed(cue_words: str, content: str) -> bool:
    """ "has already dismissed many misdemeanor marijuana cases": a prosecutor's or court's act, no denial."""
    return "dismiss" in cue_words and CASES_DISMISSED.match(content) is not None


def _cue_denies(cue: str | None) -> bool:
    cue_words = (cue or "").lower()
    denies = is_denial_cue(cue_words) or FALSE_VERDICT_CUE.search(cue_words) is not None
    return bool(cue) and denies and not NEGATED_CUE.search(cue_words)
