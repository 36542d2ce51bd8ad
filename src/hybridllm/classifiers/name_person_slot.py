"""Slots that hold a person whatever the word in them: NER's "organisation" does not settle it.

The small NER model calls most unfamiliar one-word names an organisation or a place
(``Code review feedback from Tjiriange``, ``a farewell card for Diart``, ``I'm meeting with
Anxhi``, ``Assign the bug to Mbarga``): a word in no list has nothing but NER to vouch for it,
and NER's label follows the word's letters, not the sentence. The prepositions before such a
word (``with``, ``from``, ``for``, ``to``) precede companies and places too, so alone they prove
nothing; with the noun or verb they complete they do. What people, and rarely anything else,
are met, talked or argued *with*; what one has *from* a person (feedback, a message, a
voicemail); what is written or bought *for* one (a farewell card, a gift, a eulogy); what is
assigned, handed, delegated or introduced *to* one (a bug, a task). Then slots of no
preposition: the object of what is done only to people (``remind``, ``mentor``, ``ping``,
``call``), one of two with the writer (``Malti and I``), what acts on the writer (``is avoiding
me``), someone of a department (``from accounts``), who reviewed or approved a document, the
name alone under a letter's close, the one addressed at a request's end (``..., Thanasis?``),
a person's home or occasion (``Ouahiba's place``), and the subject of a past tense or a verb of
wanting or saying at a sentence start (``Ouahiba sent the contract``).

:func:`person_slot` says whether a word sits in such a slot. The caller asks it only of a word
no vocabulary holds (no English word, brand, place or listed name: those the lists decide) and
written as a name is (a capital, then lower case): such a word in such a slot is a name, and
masking it is the safe error where it is a small company's (``meeting with Initech``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_runs import at_sentence_start
from hybridllm.classifiers.name_shape import name_likeness

__all__ = ["person_slot"]

_GAP = r"[ \t]+"
# Met, talked or argued with someone (and the nouns of such an event); "went with", "work
# with", "integrate with" take tools and companies as often and are not here.
_WITH = re.compile(
    r"(?i:\b(?:meet|meets|meeting|met|speak|speaks|speaking|spoke|spoken|talk|talks|talking"
    r"|talked|chat|chats|chatting|chatted|catch(?:ing)?[ \t]+up|caught[ \t]+up|lunch|dinner"
    r"|coffee|date|dating|dated|argue|argued|arguing|argument|fight|fought|fighting"
    r"|hang(?:ing)?[ \t]+out|hung[ \t]+out|broke[ \t]+up|breaking[ \t]+up|quarrel(?:led)?"
    r"|discussions?|meetings?|conversations?|interviews?|catch-up|1:1|one-on-one|appointment"
    r"|appointments)[ \t]+with)[ \t]+\Z"
)
# Something one has from a person: feedback, a message, a voicemail, a card.
_FROM = re.compile(
    r"(?i:\b(?:feedback|messages?|e-?mails?|texts?|voicemails?|notes?|letters?|reply|replies"
    r"|comments?|complaints?|cards?|gifts?|presents?|invitations?|invites?|phone[ \t]+calls?"
    r"|(?:a|an|the)[ \t]+call|apology|apologies|condolences|compliments?)[ \t]+from)[ \t]+\Z"
)
# Something written, said or bought for a person.
_FOR = re.compile(
    r"(?i:\b(?:(?:surprise|farewell|leaving|retirement|engagement|going-away|birthday)[ \t]+"
    r"(?:party|dinner|lunch|drinks)|card|gift|present|farewell|surprise|toast|speech|eulogy|obituary|tribute"
    r"|condolences?|apology|thank-you|recommendation|birthday(?:[ \t]+(?:party|cake|message))?"
    r"|(?:card|note|message|letter|poem)[ \t]+of[ \t]+\w+"
    # an employee's records: "Performance review for Ouahiba", "interview notes for Mbarga"
    r"|performance[ \t]+reviews?|appraisals?|interview[ \t]+notes|offer[ \t]+letter"
    r"|reference[ \t]+letter|recommendation[ \t]+letter|letter[ \t]+of[ \t]+recommendation)"
    r"[ \t]+for)[ \t]+\Z"
)
# Given, assigned or introduced to a person: "Assign the bug to Mbarga", "handed over to".
_TO = re.compile(
    r"(?i:\b(?:(?:re)?assign(?:s|ed|ing)?|delegat(?:e|es|ed|ing)|hand(?:s|ed|ing)?(?:[ \t]+over)?"
    r"|introduc(?:e|es|ed|ing)|forward(?:s|ed|ing)?|apologi[sz](?:e|es|ed|ing)"
    r"|(?:was|is|got|get)[ \t]+married"
    r"|(?:is|was|got|get)[ \t]+engaged)"
    r"(?:[ \t]+(?!to\b)[\w'’-]+){0,4}?[ \t]+to)[ \t]+\Z"
)
# Done only to people, the word its object: "remind Nexhat twice", "I'm mentoring Gayatri".
_DONE_TO = re.compile(
    r"(?i:\b(?:remind(?:s|ed|ing)?|congratulat(?:e|es|ed|ing)|mentor(?:s|ed|ing)?"
    r"|babysit(?:s|ting)?|hug(?:s|ged|ging)?|kiss(?:es|ed|ing)?|marry|marries|married|marrying"
    r"|divorc(?:e|es|ed|ing)|comfort(?:s|ed|ing)?|console[sd]?|consoling|persuad(?:e|es|ed|ing)"
    r"|convinc(?:e|es|ed|ing)|ask(?:s|ed|ing)|thank(?:s|ed|ing)?|owe[sd]?|owing|dump(?:s|ed)"
    r"|befriend(?:s|ed)?|fir(?:e|es|ed|ing)|hir(?:e|es|ed|ing)"
    # reached by a message: "Ping Tjiriange about the outage", "Call Chrysoula after lunch"
    r"|message|ping|call|text|e-?mail|dm|nudge))[ \t]+\Z"
)
# One of two people, the other the writer: "Malti and I are", "me and Tahmina".
_ME_AND = re.compile(r"(?i:\b(?:me|myself)[ \t]+and)[ \t]+\Z")
_AND_ME = re.compile(r"(?:[ \t]+\([^()\n]{1,30}\))?[ \t]+and[ \t]+(?:I\b(?![.'’])|me\b|myself\b)")
# Doing something to the writer: "Charikleia is avoiding me", "Tjiriange blocked us".
_TO_ME = re.compile(
    r"[ \t]+(?:(?:is|was|keeps|kept|has|had|just|never|always|still)[ \t]+){0,2}"
    r"[a-z]{3,}(?:ed|ing|s)[ \t]+(?:me|us)\b(?![ \t]*[-/])"
)
# A department after "from": "Karapet from accounts wants the receipts".
_DEPARTMENT = (
    r"(?:the[ \t]+)?(?:(?i:accounts|accounting|billing|finance|payroll|human[ \t]+resources"
    r"|legal|sales|marketing|support|procurement|purchasing|reception|admissions|facilities"
    r"|compliance|logistics|engineering|customer[ \t]+(?:service|support|success))|IT|HR)"
    r"(?:[ \t]+(?:team|department|dept))?"
)
# "from" a department, or "in" one at a clause's end ("from Ouahiba in procurement."; not
# "spog in it systems").
_OF_DEPARTMENT = re.compile(
    rf"[ \t]+(?:from[ \t]+{_DEPARTMENT}\b(?![ \t]*[A-Z])"
    rf"|in[ \t]+{_DEPARTMENT}[ \t]*(?:[,.;:!?)]|\Z))"
)
# The subject of a clause whose verb says the subject acted: a past tense before its object or
# a clause ("Ouahiba sent the contract", "Beckhaus argued that"), or a present tense of a verb
# of wanting, owing or saying ("Tjiriange needs the report"), at a sentence start, where the
# small model is not asked (its capital may be the position's); mid-sentence NER decides.
_ACTS = re.compile(
    r"[ \t]+(?:(?:just|never|also|still|already|always|finally)[ \t]+)?"
    r"(?:(?:[a-z]{2,}ed|sent|told|took|gave|made|got|bought|paid|brought|wrote|spoke|met|found"
    r"|kept|lost|won|saw|knew|heard|held|lent|forgot|broke|chose|drove|sold|taught)"
    r"[ \t]+(?:the|a|an|my|our|your|his|her|their|that|this|me|us|him|them|it|to|on|up|back)\b"
    r"|(?:sent|told|said|left|quit|came|went|needs|wants|says|thinks|knows|owes|refuses|insists"
    r"|claims|likes|loves|hates)\b)"
)
# Alone on the line after a letter's or a message's close: "Best regards,\nThanasis".
_SIGNED = re.compile(
    r"(?im:^[ \t>]*(?:(?:best|kind|kindest|warm|warmest)[ \t]+(?:regards|wishes)|best|regards"
    r"|many[ \t]+thanks|thanks|thank[ \t]+you|cheers|love|sincerely|respectfully|warmly"
    r"|yours(?:[ \t]+(?:sincerely|faithfully|truly))?|take[ \t]+care)[ \t]*[,.!-]?[ \t]*\r?\n"
    r"[ \t>]*)\Z"
)
_LINE_END = re.compile(r"(?:[ \t]+[^\W\d_][\w'’-]*)?[ \t]*(?:\r?\n|\Z)")
# Who signed a document off: "Reviewed by Mbarga on 3 May", "Approved: Zoubida".
_BY = re.compile(
    r"(?i:\b(?:reviewed|approved|signed|checked|verified|prepared|requested|authori[sz]ed"
    r"|countersigned|witnessed|referred|supervised|interviewed)(?:[ \t]+by|[ \t]*(?:by)?[ \t]*:))"
    r"[ \t]+\Z"
)
# Addressed at a request's end: "Could you look at this, Thanasis?"
_VOCATIVE = re.compile(r",[ \t]*\Z")
_ASKED = re.compile(r"[ \t]*[?!]")
_YOU = re.compile(r"(?i:\b(?:you|your|please)\b)")
# A person's home or occasion after the possessive: "dinner at Zoubida's place".
_HOME = re.compile(
    r"['’]s[ \t]+(?:place|house|flat|apartment|home|birthday|wedding|funeral|retirement"
    r"|farewell|graduation)\b"
)
_CODE_LIKE = -1.0  # a subject spelt far more like a word or a tool than a name: no person
_SLOTS = (_WITH, _FROM, _FOR, _TO, _DONE_TO, _ME_AND, _BY)
_AFTER = (_AND_ME, _TO_ME, _OF_DEPARTMENT, _HOME)
_REACH = 48  # characters before the word a slot's cue may take


def person_slot(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start`` of ``text`` fills a slot that holds a person: after a
    meeting or a talk *with*, something had *from* someone, a card or a gift *for*, or
    something assigned, handed or introduced *to* (see the module docstring).

    Args:
        text: the text.
        start: where the word starts.
        end: where it ends.

    Returns:
        True where one of the slots ends right before the word.
    """
    if any(p.match(text, end) is not None for p in _AFTER):
        return True
    if (
        _ACTS.match(text, end) is not None
        and at_sentence_start(text, start)
        and name_likeness(text[start:end]) > _CODE_LIKE  # not "rustc needs a newer version"
    ):
        return True
    if (
        text[start - 1 : start] == "\n"
        and _LINE_END.match(text, end)
        and _SIGNED.search(text, max(0, start - _REACH), start)
    ):
        return True
    if start < 3 or text[start - 1] not in " \t":
        return False
    lo = max(0, start - _REACH)
    if (
        text[start - 2 : start - 1] == ","
        and _ASKED.match(text, end)
        and _VOCATIVE.search(text, start - 3, start)
        and _YOU.search(text, max(0, text.rfind("\n", 0, start), start - 120), start)
    ):
        return True
    return any(p.search(text, lo, start) is not None for p in _SLOTS)
