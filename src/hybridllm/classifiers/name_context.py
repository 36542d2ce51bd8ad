"""Contexts that make a word a person's name, whatever the word is.

Some places in a text hold a person's name by their form alone: a name field in JSON, SQL or a
form (``first_name='Yurina'``), a code owner (``TODO(Khasanbek)``), a chat mention (``@anne``), a
speaker label at a line start (``Jerónima: rolling back now``), a list whose other items are
names (``Table 1: Tsuneto, Carolina, Ms. Gairbekov``), every handle of a time-stamped chat log
(``[09:14] T: morning``), whom a text says to reach at an address or a number (``Contact
Dulcineia at a@b.com``), and a word right before a verb that only people do (``Hrůza raised
churn concerns``, ``Wade never showed``). Each function here returns
``(start, end)`` spans; :mod:`hybridllm.classifiers.names` turns them into findings.

Every rule still asks :class:`~hybridllm.classifiers.name_tokens.TokenLexicon` about the words it
would flag, so ``first_name='Widget'`` or ``TODO(refactor)`` are not names.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_caps import CAPS_PATTERNS, caps_names
from hybridllm.classifiers.name_company import FIELD as _FIELD
from hybridllm.classifiers.name_company import NAME_KEY, field_matches, in_company, person_object
from hybridllm.classifiers.name_cue_tails import cue_may_end, greeted, memo, tail_ends
from hybridllm.classifiers.name_fame import fame
from hybridllm.classifiers.name_gate import measured, rare_pair
from hybridllm.classifiers.name_initials import INITIALS, INITIALS_LOWER, initial_names
from hybridllm.classifiers.name_role_nouns import person_role
from hybridllm.classifiers.name_table import PERSON_HEADER, name_cells
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    PARTICLES,
    TRANSCRIPT_ROLES,
    Kind,
    TokenLexicon,
    is_cap,
    lexicon_cache,
    token_lexicon,
)
from hybridllm.classifiers.name_upper import UPPER_RUN, upper_names
from hybridllm.classifiers.prefilter import finditer

__all__ = [
    "CONTEXT_PATTERNS",
    "CUE",
    "NAME_CUE",
    "ORG_BEFORE",
    "PERSON_VERB",
    "SPEECH_CUE",
    "STRONG_CUE",
    "THING_NAME",
    "TITLES",
    "TITLE_NAME",
    "TITLE_WORDS",
    "context_names",
    "greeted",
    "nameish",
    "person_context",
    "thing_named",
]

_WORD_RE = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"

_OWNER = re.compile(rf"\b(?:TODO|FIXME|XXX|HACK|NOTE|todo|fixme)\((?P<v>{_WORD_RE})\)")
_MENTION = re.compile(rf"(?<![\w.@])@(?P<v>{_WORD_RE})(?=[\s,:;!?]|$)")
# "@Bean", "@Override" alone on their line: annotations and decorators, not mentions.
_ANNOTATION = re.compile(r"(?m)^[ \t]*@\w+[ \t]*$")
# A speaker's turn, after a chat log's time stamp too: "[09:15] Stella: morning!".
TIME_STAMP = r"\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?\]?[ \t]+"
"""A chat log's time stamp and the space after it, as a pattern's text (``[09:15] ``,
``[2026-03-03 10:01] ``)."""
# ``*+``: no backing off over a blank line (nothing after the blanks starts with one): 10x faster.
_SPEAKER = re.compile(
    rf"(?m)^[ \t>]*+(?:[-*•][ \t]+)?(?P<t>{TIME_STAMP})?(?P<v>{_WORD_RE}(?: {_WORD_RE})?):[ \t]+\S"
)
STAMPED_TURN = re.compile(rf"[ \t>]*{TIME_STAMP}$")
"""A chat log's time stamp before a speaker's label, from the line start: ``[09:15] ``."""
# Verbs (and verb phrases) whose subject is a person in ordinary prose.
_PERSON_VERB = re.compile(
    r"\s+(?:(?:just|never|also|then|already|finally|still|only)\s+)?"
    r"(?:said|says|told|tells|asked|asks|replied|wrote|writes|mentioned|thinks|thought|believes"
    r"|wants|wanted|signed|witnessed|emailed|texted|called|phoned|lives|lived|died|married"
    r"|shouted|smiled|laughed|cried|felt|feels|enjoyed|raised|presented|resigned|retired|"
    r"showed|joined|missed|recommended|reported|complained|agreed|promised|apologi[sz]ed"
    r"|co-founded|is\s+out|was\s+born|is\s+moving|will\s+shadow|keeps?|has\s+to|had\s+to)\b"
)
PERSON_VERB = _PERSON_VERB
# After a word, what only a person has: kin and a household ("Santhiago's sister", "Aleck's
# dad"; a company has engineers and customers, not a mother).
_KIN_AFTER = re.compile(
    r"['’]s\s+(?:(?:little|big|older|younger|elder|baby|twin|step|late|new|best)\s+)?"
    r"(?:sister|brother|mother|father|mum|mom|dad|son|daughter|wife|husband|fianc[ée]e?"
    r"|boyfriend|girlfriend|aunt|uncle|cousin|niece|nephew|grandma|grandmother|grandpa"
    r"|grandfather|grandson|granddaughter|kids?|children|parents|in-laws|siblings?|stepmother"
    r"|stepfather|godmother|godfather|roommate|flatmate)s?\b(?!\s+(?:company|companies|firm|brand))"
)
# "Let Gatt know": the one to be told.
_LET = re.compile(r"(?i:\blet)\s+\Z")
_KNOW = re.compile(r"\s+know\b")
"""What follows a person's name and rarely anything else ("Hrůza raised", "Wade never showed")."""
# Words right before a name that do not also precede companies ("with", "from", "at" do).
_PERSON_CUE = re.compile(
    r"(?:(?i:\b(?:said|says|asked|told|tell|ask|thank|thanks|hi|hello|hey|morning|evening"
    r"|afternoon|dear|named|called"
    r"|met|married|son|daughter|wife|husband|mother|father|brother|sister|friend|colleague"
    r"|boss|kid|child|nurse|patient|customer|caller|tenant|between\s+(?:him|her|me|us)\s+and"
    r"|loop(?:ing|ed)?\s+in|(?:said|whispered|shouted|replied)\s+\w+\s+to"  # "said David to"
    # "cc Maori Oomori", "cc: Alys"; not "250 cc Honda"
    r"|cc'?(?:ing|d)|(?<!\d\s)cc|shadow|(?:asking|covering|subbing)\s+for"
    # a ticket's people: "opened by Quionia", "assigned to Sabina", "escalated to Alys"
    r"|(?:opened|raised|filed|submitted|reported|closed|resolved)\s+by"
    r"|(?:re)?assigned\s+to|escalated\s+to|handed\s+(?:over\s+)?to)[,:]?\s+(?:to\s+)?"
    # one introducing oneself: "I am Toby West", "Hi, I'm Alma" (not the title "I Am Legend")
    r")|\bI(?:\s+am|['’]m)\s+)$"
)
# A person's role right before a word, after a determiner or a preposition: "the florist
# Hbibe", "our guide Kostandin", "with hygienist Magui", "the letting agent Dorra" (WordNet's
# person nouns; not the roles software names: "the user Admin", "for developer Docker"); set
# off by commas too ("The handyman, Sesekonamata, quoted"; the name ends at a comma).
_ROLE_BEFORE = re.compile(
    r"(?:(?i:\b(?:the|my|our|your|his|her|their)[ \t]+)(?:[a-z]+[ \t]+)?"
    r"|(?i:\b(?:with|by|from|for)[ \t]+))(?P<r>[a-z]{4,})(?P<c>,)?[ \t]+\Z"
)
_GIVE_TO = re.compile(r"(?i:\b(?:send|forward|give|show|pay|remind|introduce|brief|invite))\s+$")
_GIVEN = re.compile(r"['’]s\b|\s+(?:the|a|an|my|your|our|his|her|their|this|that|to|about)\b")
_CSV_COMMAS = 3  # a CSV record: four fields or more
_CSV_WORDS = 3  # words of a name field at most
_CSV_CELL_WORDS = 5  # words of any field of a record at most
_FIELD_REACH = 64  # characters from a word to its field's ends at most
# Words right before a company or a place, rarely before a person.
_ORG_CUE = re.compile(r"(?<!shouted )(?<!yelled )(?<!look )\b(?:at|join|joined|joins|from)\s+$")
ORG_BEFORE = _ORG_CUE
"""Words right before a company or a place, rarely before a person ("our team at Initech")."""
# Titles and naming cues used by hybridllm.classifiers.names.
_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sir|Dame|Rev|Nurse|Patient|Pt|Mme|Mlle|Herr"
    r"|Frau|Sr|Sra|Srta|Señor|Señora)"
)
TITLE_WORDS = frozenset(_TITLES[3:-1].lower().split("|"))
TITLES = _TITLES
"""The titles before a name, a regex alternation (``Mr``, ``Prof``, ``Herr``)."""
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?=[\w'’-]*[a-zß-öø-ÿ])[^\W\d_]*(?:['’-][^\W\d_]+)*"
_PARTICLES = (
    r"(?:(?:van|von|de|der|den|del|della|da|das|do|dos|di|du|la|le|ter|ten|te|ó|ní|uí|Ó|Ní|Uí)"
    r"\s+)*"
)
TITLE_NAME = re.compile(
    rf"(?:\b{_TITLES}\.?|\b(?i:mr|mrs|ms|dr)\.)\s+"
    rf"(?P<v>{_PARTICLES}{_CAP}(?:\s+(?:[A-Z]\.\s+)?{_CAP}){{0,2}})",
    re.UNICODE,
)
# "My name is Kolos Pálffy", "Last name: Jakobsen": whatever capitalised words follow.
NAME_CUE = re.compile(
    r"(?:(?i:\b(?:name\s+is|(?:last\s+|first\s+|full\s+|sur)?name\s*[:?]|surname\s+is))"
    # a name given in so many words: "everyone calls me Joi", "she named him Garland" (the
    # pronoun in lower case: "Call Me Maybe" is a title)
    r"|\b(?:[Cc]all(?:s|ed)?|[Nn]ick(?:-|\s)?named|[Nn]amed)[ \t]+(?:me|him|her|them)"
    r"|\b[Gg]oes[ \t]+by)[ \t]*"
    # a title before the name is no part of it: "My name is Dr. Michele Josey"; no verb before
    # a determiner: "Name: Enter a name for ..." is an instruction
    rf"(?:{_TITLES}\.?[ \t]+)?(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.?[ \t]+)?{_CAP}){{0,2}})"
    r"(?![\w'’-]|[ \t]+(?:a|an|the|your|their|this)\b)"
)
# "Plan name:", "File name:", "Product name is": a thing's name. A person's name field has no
# word before "name" or one of these.
THING_NAME = re.compile(
    r"(?i:\b(?!(?:first|last|full|sur|given|family|middle|maiden|my|your|his"
    r"|her|their|our|legal|preferred|user|customer|client|patient|contact|the|a|whose|its)\b)"
    r"[a-z]+[ \t]+(?:name|surname)\s*(?:is|[:?])[ \t]*)$"
)
CUE = re.compile(
    r"(?:name\s+is|named|called|dear|signed|sincerely|regards|attn|patient|client|mr|mrs|ms|dr"
    r"|from|to|cc|by|with|for|and|met|ask|tell|call|email|contact|son|daughter|wife|husband"
    r"|mother|father|brother|sister|friend|colleague|manager|boss)\W*$",
    re.IGNORECASE,
)
# A one-word NER PERSON ("Austin", "Zendesk's") counts only after one of these.
STRONG_CUE = re.compile(
    r"(?:name\s+is|name\?|named|called|dear|signed|sincerely|regards|attn|patient|client|ask"
    r"|tell|call"
    r"|email|text|contact|son|daughter|wife|husband|mother|father|brother|sister|friend"
    r"|colleague|manager|boss|met|thank|thanks|hi|hello|morning|evening|afternoon|from)\W*$",
    re.IGNORECASE,
)
SPEECH_CUE = re.compile(
    r"(?i:\b(?:said|says|asked|told|replied|shouted\s+at|yelled\s+at|call(?:ed)?\s+me|named\s+(?:him"
    r"|her|me)|married|thanks|thank\s+you|hi|hello|hey|dear|love|with|and\s+I|I\s+and)\W{0,3})$"
)
# A mailbox, "Display Name <address>" (RFC 5322; git's Author:, Signed-off-by:, Reviewed-by:
# trailers, mail headers): two to four capitalised words before an address in angle brackets.
_MAILBOX = re.compile(
    rf"(?<![\w.-])(?P<v>{_WORD_RE}(?:[ \t]+{_WORD_RE}){{1,3}})[ \t]+<[^<>\s@]+@[^<>\s@]+\.\w+>"
)
# An age in apposition, news style: "Herb Carver, 54, was named chief executive", "the
# tenant, Ola Berg, 37, of Bergen": one to four capitalised words, a comma, an age, a comma.
_AGED = re.compile(
    rf"(?<![\w.-])(?P<v>{_WORD_RE}(?:[ \t]+{_WORD_RE}){{0,3}}),[ \t]+\d{{1,3}},[ \t]+[a-z]"
)
# Whom to reach, and how: "Contact Dulcineia at a@b.com", "ring aaberg on +46 270 351 526",
# "text janek at 555-201-3344": one or two words between a verb of reaching someone and an
# e-mail address or a phone number.
_REACH = re.compile(
    r"(?i:\b(?:contact|call|ring|phone|text|txt|e-?mail|message|whatsapp|reach|ask\s+for)"
    r"[ \t]+)"
    rf"(?P<v>{_WORD_RE}(?:[ \t]+{_WORD_RE})?)"
    r"[ \t]+(?i:at|on|via)[ \t]+:?[ \t]*(?:[\w.+-]+@[\w-]+\.\w|\+?\(?\d[\d ().-]{6,}\d)"
)
# What the name recognizer scans whole texts for: one prefilter pass finds where each can match.
CONTEXT_PATTERNS: tuple[re.Pattern[str], ...] = (TITLE_NAME, NAME_CUE, _FIELD, _OWNER, _MENTION)
CONTEXT_PATTERNS += (_ANNOTATION, _SPEAKER, _MAILBOX, _AGED, _REACH, NAME_KEY)
CONTEXT_PATTERNS += (INITIALS, INITIALS_LOWER, UPPER_RUN, PERSON_HEADER, *CAPS_PATTERNS)
_SPACES = re.compile(r"\s+")


@lexicon_cache(maxsize=16384)  # the same capitalised words recur on every line of a log or table
def nameish(lex: TokenLexicon, value: str, *, lower_ok: bool) -> bool:
    """Every word could be part of a name; a lower-case word only when it is a listed name."""
    words = [w for w in _SPACES.split(value) if len(w.rstrip(".")) > 1]
    if not words:
        return False
    for w in words:
        k = lex.kind(w)
        if k is Kind.WORD:
            return False
        if not is_cap(w) and (not lower_ok or k is not Kind.NAME):
            return False
    return True


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    if text[max(start, end - 2) : end] in ("'s", "’s"):
        end -= 2
    return start, end


def context_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans that a naming context marks as a person's name (see the module docstring).

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` character spans, in no particular order, possibly overlapping.
    """
    spans: list[tuple[int, int]] = []
    annotations = {m.start() for m in finditer(_ANNOTATION, text)} if "@" in text else set()
    for pattern, lower_ok in ((_FIELD, True), (_OWNER, True), (_MENTION, True)):
        for m in field_matches(text) if pattern is _FIELD else finditer(pattern, text):
            if pattern is _MENTION and text.rfind("\n", 0, m.start()) + 1 in annotations:
                continue
            # (a product's name in a field names no person: "Agent: Zapier")
            if nameish(lex, m.group("v"), lower_ok=lower_ok) and fame(m["v"].lower()) != "product":
                spans.append(_strip_possessive(text, *m.span("v")))
    spans.extend(_speakers(text, lex))
    for m in finditer(NAME_KEY, text):  # {"name": "Muammer", "age": 34}
        if nameish(lex, m["v"], lower_ok=True) and person_object(text, *m.span("v")):
            spans.append(m.span("v"))
    for m in finditer(_REACH, text):
        start, value = m.start("v"), m.group("v")
        head, _, rest = value.partition(" ")
        if rest and head.lower() in lex.vocab and head.lower() not in lex.first:
            start, value = m.end("v") - len(rest), rest  # "call writer Kowalczyk at ..."
        if _reached(value, lex):
            spans.append(_strip_possessive(text, start, m.end("v")))
    if "<" in text and "@" in text:
        spans.extend(_mailboxes(text, lex))
    spans.extend(_display_names(text, lex, _AGED))
    if ". " in text:
        spans.extend(initial_names(text, lex))
    spans.extend(caps_names(text, lex))  # a document's fixed shape first: its span is whole
    spans.extend(upper_names(text, lex))
    if any(True for _ in finditer(PERSON_HEADER, text)):
        spans.extend(name_cells(text, lex))
    return spans


_WORDS = re.compile(r"\S+")


def _mailboxes(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """The display names of mailboxes (``Alexa Travis <a.travis@example.org>``): the format
    says a person or a sender's name; not a run of everyday words (``Support Team``)."""
    return _display_names(text, lex, _MAILBOX)


def _display_names(text: str, lex: TokenLexicon, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The capitalised words that ``pattern``'s form marks as a person's name (a mailbox, an
    age in apposition), from the first that is no everyday word or is a given name ("Contact
    Jane Roe <...>" gives "Jane Roe"); not a run of everyday words."""
    spans: list[tuple[int, int]] = []
    for m in finditer(pattern, text):
        v = m.group("v")
        if not all(is_cap(w) for w in v.split()) or _everyday_run(v, lex):
            continue
        start = m.start("v")
        for w in _WORDS.finditer(v):  # "Contact Jane Roe <jr@x.org>": the name after the verb
            if not _everyday(w.group().lower(), lex):
                spans.append((start + w.start(), m.end("v")))
                break
    return spans


# Speakers of a chat transcript that are no names: "Me: ...", "You: ...", "Bot: ...".
_PRONOUNS = ("i", "me", "you", "he", "she", "we", "they", "him", "her", "us", "them")
_ROLES = TRANSCRIPT_ROLES | frozenset((*_PRONOUNS, "bot", "user", "ai"))
ADDRESSED_ROLES = frozenset((*_PRONOUNS, "bot", "user", "ai")) | frozenset(
    (
        *("sir", "madam", "madame", "ma'am", "maam", "sirs", "all", "everyone", "team"),
        *("assistant", "chatbot", "gpt", "chatgpt", "computer", "robot", "there", "friend"),
        *("friends", "folks", "lord", "god", "guys", "world"),
    )
)
"""Whom a greeting addresses that is nobody's name: "Dear Sir", "Hi Bot", "Hello there"."""

LOG_LEVELS = frozenset(
    (
        *("trace", "debug", "info", "notice", "warn", "warning", "error", "err", "fatal"),
        *("critical", "crit", "alert", "emerg", "emergency", "severe", "fine", "finer"),
        *("finest", "verbose"),
    )
)
"""Log levels (syslog, log4j, java.util.logging): a time-stamped line's label, never a speaker."""
# Whom one reaches that is nobody's name: "call us at", "email the office at".
_ROLE_RUN = re.compile(r"(?i:^(?:us|me|him|her|them|you|the|our|your|my|its|their)\b)")


def _reached(label: str, lex: TokenLexicon) -> bool:
    """Whom a verb of reaching names: no pronoun or determiner first, and a word that is no
    English word or is a given name (``Dulcineia``, ``Mark``; not ``Sales``, ``Customer
    Service``)."""
    if _ROLE_RUN.search(label):
        return False
    return any(w.lower() not in lex.vocab or w.lower() in lex.first for w in label.split())


def _everyday_run(label: str, lex: TokenLexicon) -> bool:
    """Every word an everyday word and none a given name: a heading ("Main Pain:", "Next
    Step:"), not a speaker."""
    return all(_everyday(p.lower(), lex) for p in label.split())


def _everyday(word: str, lex: TokenLexicon) -> bool:
    """An everyday word that is no given name; function words too (the vocabulary holds no
    two-letter words: "In", "Of")."""
    return (word in lex.common or word in FUNCTION_WORDS or len(word) < 3) and word not in lex.first


_OPENS_BLOCK = re.compile(r"[\[{(][ \t]*(?:\n|$)")


def _speakers(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Speaker labels at line starts (``Jerónima: rolling back now``): a label that is two words
    or a word alone that can be a name by itself; in a dialogue (two labels or more, one of them
    such a name) also a capitalised label the lists hold as a name and an everyday word
    (``Hancock: yes, merged`` after ``Nilo: api is down``)."""
    sure: list[tuple[int, int]] = []
    maybe: list[tuple[int, int]] = []
    matches = list(finditer(_SPEAKER, text))
    logged = sum(1 for m in matches if m.group("t")) >= 2
    for m in matches:
        v = m.group("v")
        if _OPENS_BLOCK.match(text, m.end() - 1) or measured(text, m.end("v")):
            continue  # a key of code or YAML: "setters: [", "config: {"; "Thyroxine: 5 µg/dL"
        if logged and m.group("t") and _handle(v, lex):
            sure.append(m.span("v"))
            continue
        particle, _, rest = v.partition(" ")
        if particle in PARTICLES and len(matches) > 1 and rest and is_cap(rest):
            sure.append(m.span("v"))  # a surname and its particle in a dialogue: "de Assis: ok"
            continue
        if not nameish(lex, v, lower_ok=True) and not rare_pair(lex, v):
            continue
        if (" " in v and not _everyday_run(v, lex)) or lex.lone_name(v):
            sure.append(m.span("v"))
        elif is_cap(v) and lex.kind(v) in (Kind.NAME, Kind.AMBIGUOUS) and v.lower() not in _ROLES:
            maybe.append(m.span("v"))
    return sure + maybe if sure and maybe else sure


def _handle(label: str, lex: TokenLexicon) -> bool:
    """A speaker's handle in a time-stamped chat log (``[09:14] T: morning all``, ``[09:15]
    Einstein: ...``): one word, or an initial, that is no role (``Me``, ``Bot``), no log level
    (``INFO``, ``Error``) and no everyday word that is no given name (``Break``, ``Lunch`` in
    an agenda)."""
    if " " in label or label.lower() in _ROLES or label.lower() in LOG_LEVELS:
        return False
    if len(label) == 1:
        return label.isupper()
    if label.isupper() or not is_cap(label):
        return False
    return not _everyday(label.lower(), lex) and lex.kind(label) is not Kind.WORD


# "a class named Fibbo", "a suburb called Burpengary": a thing's name after these.
_THING_NAMED = re.compile(
    r"(?i:\b(?:class|function|method|variable|file|folder|table|column|field|module|package"
    r"|repo|repository|app|application|program|script|project|product|brand|company|startup"
    r"|business|suburb|town|city|village|street|server|database|website|site|game|planet|ship"
    r"|plugin|library|tool|feature|endpoint|service)[ \t]+(?:named|called)[ \t]+)$"
)


_NAMED = ("named", "called")


def thing_named(text: str, start: int) -> bool:
    """Whether the word at ``start`` is what a thing is named ("a java class named Fibbo")."""
    lo = max(0, start - 40)
    if text[start - 1 : start] not in (" ", "\t") or not tail_ends(text, lo, start, _NAMED):
        return False  # where the pattern must end (its last word, blanks): no search
    return _THING_NAMED.search(text, lo, start) is not None


def person_context(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is followed by a verb only people do ("Wade never
    showed") or preceded by a cue that only precedes people ("thanks", "my kid") or by a chat
    log's time stamp at the line start, and not by one that precedes companies ("our team at
    Initech wants ..."). Asked once per word and text (see :mod:`.name_cue_tails`)."""
    verdicts = memo(text, "person-context")
    found = verdicts.get((start, end))
    if found is None:
        found = verdicts[start, end] = _person_context(text, start, end)
    return found


def _person_context(text: str, start: int, end: int) -> bool:
    spaced = text[start - 1 : start].isspace()  # where both cues end: no search without it
    if spaced and (_ORG_CUE.search(text, max(0, start - 24), start) or thing_named(text, start)):
        return False
    return (
        _PERSON_VERB.match(text, end) is not None
        or _KIN_AFTER.match(text, end) is not None
        or (
            spaced
            and _LET.search(text, max(0, start - 6), start) is not None
            and _KNOW.match(text, end) is not None
        )
        or (
            spaced
            and cue_may_end(text, start)
            and _PERSON_CUE.search(text, max(0, start - 24), start) is not None
        )
        # the first word after a chat log's time stamp is its speaker, when English does not
        # spell it: "[10:01] Abbe: ...", not "[09:15] Bot: hi"
        or (  # (a stamp is short: the line start is looked for in the 40 characters before)
            STAMPED_TURN.fullmatch(text, text.rfind("\n", max(0, start - 40), start) + 1, start)
            is not None
            and text[start:end].lower() not in token_lexicon().vocab
        )
        or _contact_field(text, start, end)
        or in_company(text, start, end)
        or (
            spaced
            and (role := _ROLE_BEFORE.search(text, max(0, start - 40), start)) is not None
            and person_role(role["r"])
            and (not role["c"] or text[end : end + 1] == ",")
            and text[start:end].lower() not in token_lexicon().common  # "our neighbour Said"
        )
        # sent or given something: "Forward Maria's notes", "Send Maria the file"
        or (
            spaced
            and _GIVE_TO.search(text, max(0, start - 12), start) is not None
            and _GIVEN.match(text, end) is not None
        )
    )


def _contact_field(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of a field of a CSV contact record: a line of four
    short fields or more with an e-mail address, the field one to three capitalised words and
    nothing else (``27758,Katsuko Koku,katsuko.38@example.com,Account Manager,open``)."""
    # The field first, within a field's reach of the word (most words stand in prose, with no
    # comma or line break close by): the row is read only for a word that fills a field.
    lo_reach, hi_reach = max(0, start - _FIELD_REACH), end + _FIELD_REACH
    left = max(text.rfind(",", lo_reach, start), text.rfind("\n", lo_reach, start))
    if left < 0 and lo_reach > 0:
        return False
    rights = [p for p in (text.find(",", end, hi_reach), text.find("\n", end, hi_reach)) if p >= 0]
    if not rights and hi_reach < len(text):
        return False
    field = text[left + 1 : min(rights) if rights else len(text)].split()
    if not (0 < len(field) <= _CSV_WORDS and all(w.isalpha() and w.istitle() for w in field)):
        return False
    line = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    row = text[line : len(text) if stop < 0 else stop]
    return (
        row.count(",") >= _CSV_COMMAS
        and "@" in row
        # a record's fields are short; prose with commas and an address is no record
        and all(len(cell.split()) <= _CSV_CELL_WORDS for cell in row.split(","))
    )
