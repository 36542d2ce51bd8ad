"""Lower-case names the token strengths of :mod:`~hybridllm.classifiers.name_lower` miss.

Three shapes that do not depend on one sentence template:

- **a subject pair** (:func:`subject_pair`): a listed or unknown given name (or a listed
  surname that is no English word: ``pinheiro``) and a listed surname, even one that is an
  everyday word, or a word in no list (``nickole walsh``, ``timon holenstein``, ``wulf
  jaeger``), when a person's predicate follows (``has rented``, ``wants``, ``wrote``, ``and
  her mother``) or a person's cue comes before (``with``, ``ask``, ``i am``); two English
  words are never a pair (``can you``, ``art she``);
- **a foreign form** (:func:`foreign_form`): a word with a letter English does not use whose
  plain form is only a rare English word (``virgília``: Webster's lists ``virgilia``), five
  letters or more, is read as a word in no list; loanwords whose plain form is an everyday word
  (``café``, ``naïve``, ``résumé``) stay words;
- **a person field** (:func:`field_values`), in any case: the quoted value of a key that only
  names a person (``first_name='lídia'``, ``"last_name": "sari"``, ``fullname: 'x y'``), or a
  two- or three-word value after a ``name`` / ``manager`` / ``author`` / ``owner`` /
  ``contact`` / ``assignee`` key whose words are names or in no list, one of them a listed
  name or with a letter English does not use, not all English words (``{"name": "regna
  magnusson"}``; not ``"name": "webpack"``, ``name: 'vue cli'`` nor ``owner: 'rose gold'``),
  or all in no list and spelt like names (``name: 'jannetje halrijtt'``; not ``'kube dns'``);
- **a surname after a found given name** (:func:`surname_after`): a listed surname, even an
  English word, right after a lower-case given name the rules found, where the name ends
  (punctuation, ``and``, a person's predicate): ``pete gray,``, ``annika marker and``,
  ``melle seller wants``; not ``emma rose early``; after a found given name and surname, a
  second surname from the curated lists (``lucia ferrer rodriguez's``);
- **a surname, a comma and the given name** (:func:`inverted_pair`): a listed surname that is
  no English word, then a listed given name or a word in no list, where a record's value or a
  list's item ends (``reviewer: kowal, bohdan``); not three items of a list (``rigatoni,
  penne, or fusilli``);
- **a chat mention** (:func:`mentions`), in any case: ``@name`` asked to act (``@lütold can
  you review``, ``@van de velde, please``), a listed name or a word in no list, not
  ``@here`` / ``@channel`` nor an everyday word that is no listed name (``@media``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_arrays import array_names
from hybridllm.classifiers.name_company import field_matches, person_object
from hybridllm.classifiers.name_handles import mentioned_given
from hybridllm.classifiers.name_lower_context import census_first, code_line, faker_last
from hybridllm.classifiers.name_lower_rota import rota_names
from hybridllm.classifiers.name_roles import person_noun
from hybridllm.classifiers.name_shape import SPELT_LIKE_A_NAME, name_likeness
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    PARTICLES,
    TRANSCRIPT_ROLES,
    Kind,
    TokenLexicon,
    fold,
)

__all__ = [
    "HELPER_VERBS",
    "PEOPLE_VERBS",
    "PERSON_AFTER",
    "PERSON_BEFORE",
    "RELATION",
    "VOCATIVE",
    "field_values",
    "foreign_form",
    "inverted_pair",
    "mentions",
    "subject_pair",
    "surname_after",
    "told_or_related",
    "with_surnames",
]

# Kin: before or after a person's name.
_KIN = (
    r"(?:mother|father|mom|mum|dad|brother|sister|cousin|aunt|uncle|niece|nephew|son|daughter"
    r"|wife|husband|boyfriend|girlfriend|fianc[eé]e?|grandmother|grandfather|grandma|grandpa"
    r"|partner|family|kids|children|parents)"
)
# Before a person, rarely before a thing.
PERSON_BEFORE = re.compile(
    r"(?i:\b(?:said|says|asked|asks|told|tell|ask|ping|thank|thanks|thx|hi|hey|hello|dear|with"
    r"|cc|met|meet|email|text|call|including|starring|featuring|said\s+\w+\s+to"
    # a message or a wish addressed to someone: "reply to elu", "shoutout to arcely"
    r"|(?:reply|replying|respond|responding|shout[ \t]?out|congrats|congratulations|kudos"
    r"|condolences)[ \t]+to"
    # someone made to do something: "i want algel to take my room"
    r"|want|wants|wanted|remind|reminded|invite|invited|convince|persuade"
    # a person's doing: "organised by kulle", "hosted by yeri" (not "powered by", "caused by")
    r"|(?:hosted|organi[sz]ed|arranged|planned|run|led|signed|approved|reviewed|written"
    r"|sent|shared|posted|submitted|recommended|referred|coached|taught)[ \t]+by"
    # one's own kin or relation before their name: "my ex, erisa", "our neighbour tavrenka"
    r"|\b(?:my|our|his|her|their)[ \t]+(?:ex|" + _KIN[3:-1] + r"|friend|neighbou?r|colleague"
    r"|coworker|classmate|roommate|flatmate|boss|landlord|landlady))[,:]?[ \t]+)$"
)
# A relation in apposition ("it was erdin, my mother's cousin, who lent them the money"), or
# kin of their own after "and" ("run by marinho costa and his sister").
_RELATION = (
    r",[ \t]+(?:my|our|your|his|her|their)[ \t]+(?:[a-z]+['’]s[ \t]+)?(?:"
    + _KIN[3:-1]
    + r"|friend|neighbou?r|colleague|coworker|classmate|roommate|flatmate|boss|manager|landlord"
    r"|landlady)\b"
    r"|[ \t]+and[ \t]+(?:his|her|their)[ \t]+" + _KIN + r"s?\b"
    # the team they work in ("chad from accounts", "rose in payroll")
    r"|[ \t]+(?:from|in)[ \t]+(?:(?:the|their|our|your|his|her|my)[ \t]+)?(?:accounts|accounting"
    r"|finance|sales|marketing|legal|hr|payroll|billing|procurement|reception|compliance"
    r"|customer[ \t]+service)"
    r"(?:[ \t]+(?:team|department|dept))?\b"
    # their role in parentheses ("bertram (head of ops at ...)", "jules (our account manager)")
    r"|[ \t]*\((?:the|our|your|my|their)?[ \t]*(?:head[ \t]+of|ceo|cfo|cto|coo|vp|founder"
    r"|co-founder|director|manager|account[ \t]+manager|team[ \t]+lead|lead)\b"
)
RELATION = re.compile(_RELATION)
"""After a person: a relation in apposition or their own kin (``sylvester, my mother's cousin``,
``costa and his sister``), their team (``from accounts``) or their role in parentheses."""
# After a person: an auxiliary, a person's verb, a possessive, a speaker colon (not a key before
# a block of code: "setters: ["), a vocative comma, a relation.
PERSON_AFTER = re.compile(
    r"(?:['’]s\b|:[ \t]+(?![\[{(][ \t]*(?:\n|$))\S"
    r"|,[ \t]+(?:can|could|would|will|please|do|did|are|is|have)\b"
    r"|[ \t]+(?:is|was|has|had|will|would|can|could|does|did|said|says|says|told|asked|wants"
    r"|wanted|thinks|spent|lives|lived|works|worked|went|loves|likes|called|replied|wrote"
    r"|mentioned|joined|left|and[ \t]+i|just|never|also"
    # an action item's owner: "orale to send a case study", "priya to follow up with legal"
    r"|to[ \t]+(?:send|share|follow[ \t]+up|review|schedule|update|prepare|draft|book|confirm"
    r"|circulate|set[ \t]+up|reach[ \t]+out|look[ \t]+into|own|lead|chase)"
    # any past tense, not a participle of a thing ("arduino based", "a story inspired by",
    # "have jetstream enabled")
    r"|(?!based\b|enabled\b|disabled\b|related\b|powered\b)[a-z]{3,}ed(?![ \t]+(?:by|on|with)\b))\b"
    r"|" + _RELATION + ")"
)
# A verb of telling or asking before a person, and the clause after them.
_TOLD = re.compile(r"\b(?:told|tell|tells|asked|ask|asks|remind|reminded|warned|promised)[ \t]+$")
_CLAUSE = re.compile(r"[ \t]+(?:that|to|about|if|whether)\b")
# What someone is: "cody is a bootcamp graduate", "was an excellent nurse" (the head noun
# among the next three words, before the clause ends).
_IS_A = re.compile(r"[ \t]+(?:is|was)[ \t]+an?[ \t]+([a-z-]+(?:[ \t]+[a-z-]+){0,2})")


def _is_a_person(text: str, end: int) -> bool:
    m = _IS_A.match(text, end)
    return m is not None and any(person_noun(w) for w in m[1].split())


_DETERMINER = re.compile(r"\b(?:a|an|the|this|that|its|each|every|any|some|no)[ \t]+$")


def told_or_related(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is told something or asked to do it (``emilio told
    stella that``, ``asked rose to``) or a relation follows it (:data:`RELATION`) and no
    determiner makes it a thing (``a grant from finance``, ``the bill from accounts``)."""
    if RELATION.match(text, end) is not None or _is_a_person(text, end):
        return _DETERMINER.search(text, max(0, start - 8), start) is None
    return (
        _TOLD.search(text, max(0, start - 10), start) is not None
        and _CLAUSE.match(text, end) is not None
    )


VOCATIVE = re.compile(r",[ \t]+(?:i|you|we)\b")
"""A word addressed before a pronoun, in lower case: "reminder: somer, you have"."""
HELPER_VERBS = frozenset(
    "will would could should shall may might must can did does do has had was were is are be"  # noqa: SIM905
    " been".split()
)
"""Auxiliaries and modals: after a name they say what the person does, never who else."""
_I_AM = re.compile(r"(?i:\bi[ \t]+am[ \t]+)$")
_GAP = re.compile(r"[ \t]")
# Shorter accented words are as often words of another language (Vietnamese "hàng", "bán").
_FOREIGN_MIN = 5


def foreign_form(lex: TokenLexicon, word: str) -> bool:
    """Whether a lower-case word the lists call a word is rather a name's form: a letter
    English does not use, the word itself in no list, its plain form no everyday word."""
    return (
        len(word) >= _FOREIGN_MIN
        and not word.isascii()
        and word not in lex.vocab
        and fold(word) not in lex.common
    )


def _unknown(lex: TokenLexicon, word: str) -> bool:
    if len(word) < 3 or not word.isalpha():
        return False
    kind = lex.kind(word)
    return kind is Kind.UNKNOWN or (kind is Kind.WORD and foreign_form(lex, word))


PEOPLE_VERBS = frozenset(
    (  # noqa: SIM905 - a word list reads better as a string
        "said says told tells asked asks replied thinks thought know knows knew believes feels felt"
        " hates hated agreed agrees decided promised explained suggested complained apologised"
        " apologized married divorced died studied graduated quit resigned retired emailed"
        " texted smiled laughed cried nodded witnessed presented enjoyed wrote merges merged"
    ).split()
)
"""Verbs only people do, as one word: no part of a lower-case name before them ("bill said",
"judith merges": the capitalised copy's "Said" and "Merges" are listed surnames)."""


def subject_pair(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the last word of a lower-case given name + surname at word ``i`` that a
    person's predicate follows or a person's cue precedes (see the module docstring)."""
    first = words[i].group()
    if (
        len(first) < 3
        or first in lex.places
        or not (first in lex.first or _unknown(lex, first) or lex.kind(first) is Kind.NAME)
    ):
        return None
    j = i + 1
    while j < len(words) and j < i + 3 and words[j].group() in PARTICLES:
        j += 1
    if j >= len(words) or not _GAP.fullmatch(text[words[j - 1].end() : words[j].start()]):
        return None
    w = words[j].group()
    bare = w.removesuffix("'s").removesuffix("’s")
    if (
        not w.islower()
        or bare in FUNCTION_WORDS
        or bare in PEOPLE_VERBS
        or bare in lex.places
        or len(bare) < 3
        # a curated surname, or a census one that is no English word ("rate", "planes")
        or not (
            bare in faker_last()
            or _unknown(lex, bare)
            or (bare in lex.last and bare not in lex.vocab)
        )
        or (first in lex.vocab and bare in lex.vocab)  # "can you", "art she"
    ):
        return None
    end = words[j].end() - (len(w) - len(bare))
    start = words[i].start()
    before = text[max(0, start - 16) : start]
    person = PERSON_AFTER.match(text, end) or PERSON_BEFORE.search(before) or _I_AM.search(before)
    return j if person and not code_line(text, start) else None


# After a surname: ", " and its given name (a middle initial may follow), then where a list's
# item or a field's value ends; not a list of more words ("rigatoni, penne, or conchiglie").
_INVERTED_GAP = re.compile(r",[ \t]")
_INVERTED_END = re.compile(r"(?:[ \t][a-z]\.)?[ \t]*(?:[,;)\n]|\.(?:\s|$)|$)")
_MORE_ITEMS = re.compile(r",[ \t]*(?:(?:and|or)\b|[^\W\d_][\w'’-]*[ \t]*(?:[,;]|(?:and|or)\b))")
_ITEM_BEFORE = re.compile(r"[^\W\d_][\w'’-]*,[ \t]+$")


def inverted_pair(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the given name of a lower-case ``surname, given name`` at word ``i``
    (``employee: kaya, karl-heinz``, ``50 eur from kohoutek, mikola, 20 eur``): a listed
    surname that is no English word, a comma, a listed given name or a word in no list, where
    an item or a value ends, and no third word makes it a list."""
    if i + 1 >= len(words) or code_line(text, words[i].start()):
        return None
    last, first = words[i].group(), words[i + 1].group()
    end = words[i + 1].end()
    if (
        not first.islower()
        or not _INVERTED_GAP.fullmatch(text[words[i].end() : words[i + 1].start()])
        or not _INVERTED_END.match(text, end)
        or _MORE_ITEMS.match(text, end)
        or _ITEM_BEFORE.search(text, max(0, words[i].start() - 24), words[i].start())
    ):
        return None
    if any(len(w) < 3 or w in FUNCTION_WORDS for w in (last, first)) or first in lex.places:
        return None
    if not (last in lex.last or last in faker_last()) or last in lex.vocab:
        return None
    if last in lex.places and first in lex.vocab:  # a place only before no English word
        return None
    given = first in lex.first or lex.kind(first) is Kind.NAME or _unknown(lex, first)
    return i + 1 if given else None


# A quoted value after ":" or "=" (the scan starts at a character class: fast), then the key
# before it: one that only names a person, or one that holds a person's or a thing's name.
_QUOTED_VALUE = re.compile(r"[:=][ \t]*['\"]")
_KEY = re.compile(
    r"(?i:\b(?:((?:first|last|full|given|family|middle|maiden|sur)[_ -]?name)"
    r"|name|manager|author|owner|contact|assignee|employee|customer)['\"]?[ \t]*)$"
)
_VALUE = re.compile(r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,2}(?=['\"])")


def field_values(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of person-field values (see the module docstring), in any case."""
    out: list[tuple[int, int]] = []
    for m in _QUOTED_VALUE.finditer(text):
        key = _KEY.search(text, max(0, m.start() - 24), m.start())
        v = None if key is None else _VALUE.match(text, m.end())
        if key is None or v is None:
            continue
        parts = v.group().lower().split()
        # a given name the lists hold as a word too counts in a name's field ("roman geiger");
        # under a first or last name's key one name's word is enough ("ka levu")
        named = [_name_word(lex, p) or p in lex.first for p in parts]
        if not (all(named) or (key.group(1) and any(named))):
            continue
        # A listed name or a letter English does not use, and not only English words.
        evidence = any(p in lex.first or p in lex.last or not p.isascii() for p in parts)
        if (
            key.group(1)
            or (len(parts) >= 2 and evidence and not all(p in lex.vocab for p in parts))
            # words in no list, each spelt like a name ("name: 'jannetje halrijtt'")
            or (
                len(parts) >= 2 and all(p not in lex.vocab and name_likeness(p) >= 0 for p in parts)
            )
            # one word in an object with a person's attribute ('"name": "muammer", "age": 34')
            or ((evidence or parts[0] not in lex.vocab) and person_object(text, *v.span()))
        ):
            out.append(v.span())
    out.extend(rota_names(text, lex))  # "volunteer rota: mon yuito, tue erin, wed nahum"
    out.extend(array_names(text, lex))  # {"guests": ["dezi veizi", "arbër nazeraj", "bona"]}
    out.extend(mentioned_given(text, lex))  # "@james: fine by me", "thanks @sandy"
    if "(" in text:  # a speaker's name after their role: "agent (kara): thanks for holding"
        for m in _ROLE_NAME.finditer(text):
            said = m["v"].split()
            if all(_field_word(lex, w, alone=len(said) == 1) for w in said):
                out.append(m.span("v"))
    for m in field_matches(text):  # "approved_by=hanna", "**reviewer:** boma mary-odeh"
        run = list(_FIELD_WORDS.finditer(m["v"]))
        n = 0
        while n < len(run) and run[n].group().islower() and _field_word(lex, run[n].group()):
            n += 1
        if n > 1 or (n == 1 and _field_word(lex, run[0].group(), alone=True)):
            out.append((m.start("v"), m.start("v") + run[n - 1].end()))
    return out


_FIELD_WORDS = re.compile(r"\S+")
_ROLE_NAME = re.compile(
    r"(?m:^[ \t]*(?:[-*•][ \t]+)?(?:"
    + "|".join(sorted(TRANSCRIPT_ROLES))
    + r")[ \t]*\((?P<v>[a-z][\w'’-]*(?:[ \t][a-z][\w'’-]*)?)\)[ \t]*:)"
)


def _field_word(lex: TokenLexicon, word: str, *, alone: bool = False) -> bool:
    """A lower-case word of a person's field value (:data:`~.name_company.FIELD`) that is a
    name: a listed name no English word spells, a given name of the census that is a word too
    (``hanna``; any listed given name before another name word: ``boma mary-odeh``), or an
    unlisted word spelt like a name; no auxiliary (``owner: will be ...``) or bot (``bot``)."""
    if word in FUNCTION_WORDS or word in HELPER_VERBS or len(word) < _MIN_FIELD_WORD:
        return False
    kind = lex.kind(word)
    if kind is Kind.NAME:
        return True
    if kind is Kind.AMBIGUOUS:
        return word in census_first() or (not alone and word in lex.first)
    return kind is Kind.UNKNOWN and name_likeness(word) >= SPELT_LIKE_A_NAME


_MIN_FIELD_WORD = 3


# "@anna can you ...", "@van de velde, please ...": a chat mention someone is asked to act on.
_MENTION = re.compile(
    r"@([^\W\d_][\w'’-]*(?:[ \t]+(?:van|von|de|der|den|la|le|da|di|du)"
    r"[ \t]+[^\W\d_][\w'’-]*)?)(?=[ \t]*,?[ \t]+(?:can|could|would|will|please|pls|plz"
    r"|thanks|thank|ty|do|did|are|is|have|when|what|any|ok)\b)",
    re.IGNORECASE,
)
_CHANNEL = frozenset(("here", "channel", "everyone", "all", "team", "admin", "admins", "bot"))


def mentions(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of chat mentions of a person (``@anna can you``), in any case: a name-like word
    (a listed name or a word in no list, not ``@here`` or ``@channel``), not on a code line."""
    if "@" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _MENTION.finditer(text):
        if m.start() > 0 and text[m.start() - 1] not in " \t\n(":
            continue  # an e-mail address, a package scope
        parts = m.group(1).lower().split()
        head = parts[-1]
        if (
            parts[0] in _CHANNEL
            or not all(_name_word(lex, p) for p in parts)
            or (head in lex.vocab and head not in lex.first and head not in faker_last())
            or code_line(text, m.start())
        ):
            continue
        out.append(m.span(1))
    return out


def _name_word(lex: TokenLexicon, word: str) -> bool:
    if word in PARTICLES:
        return True
    if word in FUNCTION_WORDS or len(word) < 2:
        return False
    kind = lex.kind(word)
    return kind in (Kind.NAME, Kind.AMBIGUOUS, Kind.UNKNOWN) or foreign_form(lex, word)


_NEXT_WORD = re.compile(r"[ \t]([^\W\d_][\w'’-]*)")
# Where a name ends: a possessive, punctuation, a line or text end, "and".
_NAME_END = re.compile(r"['’]s\b|[ \t]*(?:[,;:.!?)|\"'\r\n]|\Z)|[ \t]+(?:and|at)\b")


def surname_after(text: str, start: int, end: int, lex: TokenLexicon) -> int | None:
    """The new end of the lower-case given name found at ``start:end`` when a listed surname
    follows it where a name ends (see the module docstring), else None."""
    found = text[start:end].split(" ")
    first = found[0]
    if (
        len(found) > 2  # a given name, or it and one surname
        or not all(w.isalpha() and w.islower() for w in found)
        or not (first in lex.first or lex.kind(first) is Kind.UNKNOWN)
        # a second surname after a first one ("ramon kadar rodriguez's")
        or (len(found) == 2 and not (found[1] in lex.last or _unknown(lex, found[1])))
    ):
        return None
    m = _NEXT_WORD.match(text, end)
    if m is None or PERSON_AFTER.match(text, end):
        return None  # the next word is the person's predicate ("anna just replied")
    bare = m.group(1).removesuffix("'s").removesuffix("’s")
    if (
        len(bare) < 3
        or not bare.islower()
        or bare in FUNCTION_WORDS
        or bare in PARTICLES
        or (bare in lex.places and bare not in lex.place_surnames)  # "rodriguez" is both
        or bare not in lex.last
        or (len(found) == 2 and bare not in faker_last())  # a curated one
    ):
        return None
    stop = m.start(1) + len(bare)
    return stop if _NAME_END.match(text, stop) or PERSON_AFTER.match(text, stop) else None


def with_surnames(
    text: str, spans: list[tuple[int, int]], lex: TokenLexicon, taken: bytearray
) -> list[int]:
    """The end of each of ``spans``, grown over the surname after a lower-case given name
    (:func:`surname_after`) where ``taken`` (a mask of every finding so far, ``spans``
    included) is free."""
    ends = []
    for start, end in spans:
        stop = surname_after(text, start, end, lex)
        ends.append(stop if stop is not None and not any(taken[end:stop]) else end)
    return ends
