"""Lone capitalised words that their slot in the sentence marks as a person's name.

The token rules (:func:`~hybridllm.classifiers.name_runs.person_run`) leave a lone word open
when the lists cannot tell it from an everyday word (``Saunders``, ``Lane``: listed names that
are also English words) or when its capital may come from its place at a sentence start
(``Brodtkorb``, in no list at all). Some slots hold a person whatever the word is, and decide
without NER:

- the possessive before a thing people have: ``Ranveig's laptop was stolen``, ``why Brooks's
  chemistry grade dropped``, ``Oyelaran's manager approved``;
- the subject of a verb only people do, or the word after a cue that only precedes people
  (:func:`~hybridllm.classifiers.name_context.person_context`): ``Saunders wants to know``,
  ``Garth just replied``; a predicate calling it a person (``Tin is a very sympathetic
  person``, ``Grant is my cousin``); a relative ``who`` after it (``for Oyelaran who missed
  the call``); the subject of an infinitive after ``for`` (``shouted for Hajar to get out``;
  a listed name or a word in no list); a word in no list, spelt like a name, before any past
  tense (``By the time Herki reached the station``; not a thing's participle: ``Arduino based``);
  the team it is from (``Hjelmeland from their legal team``);
- the owner of an action item: a bullet, the word, ``to`` and a verb (``- Seth to send the
  revised budget``; an everyday word only when it is also a listed given name).

Brands and products are everyday words to the lists (``Google's team``), so they never reach
these rules.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_context import (
    ADDRESSED_ROLES,
    ORG_BEFORE,
    PERSON_VERB,
    greeted,
    person_context,
    thing_named,
)
from hybridllm.classifiers.name_person_slot import person_slot
from hybridllm.classifiers.name_public import public_name
from hybridllm.classifiers.name_runs import at_sentence_start
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    Kind,
    TokenLexicon,
    is_cap,
)

__all__ = ["slot_name"]

# What follows a person's possessive: kin and a person's own things and records. One lower-case
# word may stand between ("Brooks's chemistry grade").
_OWNED = re.compile(
    r"[ \t]+(?:[a-z]+[ \t]+)?(?:kids?|sons?|daughters?|child(?:ren)?|wife|husband|partner"
    r"|mom|mum|dad|mother|father|brother|sister|parents|boss|manager|laptop|phone|desk"
    r"|birthday|wedding|funeral|inbox|password|grades?|salary|flight|visa|badge|calendar"
    r"|leave|resignation|promotion|appraisal|cv|resume|diagnosis|surgery|appointment"
    r"|medication)\b"
)
# What a company has too ("Spire's team", "Acme's quote"): after a listed name or an unknown
# word only, not after one the lists also know as an everyday word.
_OWNED_TOO = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:team|quote|office|email|car|house)\b")
# A person of a team: "Ranveig from their legal team signed off", "Tove from accounting".
_OF_TEAM = re.compile(
    r"[ \t]+from[ \t]+(?:(?:their|the|our|your|his|her)[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:team|department|side|office)|(?:HR|IT|legal|finance|accounting|sales|marketing"
    r"|support|ops|engineering|procurement|payroll)\b)"
)
# A person at a company: "a follow-up to Hjelmeland at Northgate Marine Ltd" (a capitalised
# run of two words or more after "at"; a lone word after "at" is as often a place).
_AT_COMPANY = re.compile(r"[ \t]+at[ \t]+[A-Z][\w'’-]+(?:[ \t]+(?:&[ \t]+)?[A-Z][\w'’.-]+)+")
# An action item's owner: "- Seth to send the revised budget", "2. Jenna to book the venue":
# a bullet, the word, "to" and a lower-case verb.
_ACTION_TO = re.compile(r"[ \t]+to[ \t]+[a-z]{2,}\b")
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+$")
# A predicate that calls it a person: "Tin is a very sympathetic person", "Grant is my cousin".
_IS_A_PERSON = re.compile(
    r"[ \t]+(?:is|was|seems|became|remains)[ \t]+(?:a|an|such[ \t]+a|my|our|your|his|her"
    r"|their)[ \t]+(?:[a-z-]+[ \t]+){0,3}?(?:person|man|woman|guy|girl|boy|lady|gentleman|kid"
    r"|child|friend|colleague|co-?worker|neighbou?r|classmate|roommate|flatmate|student|pupil"
    r"|teacher|listener|leader|employee|mother|father|mom|mum|dad|wife|husband|son|daughter"
    r"|brother|sister|cousin|aunt|uncle|grandmother|grandfather|grandma|grandpa|niece|nephew"
    r"|boyfriend|girlfriend|fianc[eé]e?|patient|individual|human\s+being)s?\b"
    # what people work as, when the clause ends there ("Costa is a bootcamp graduate.", "Kai
    # is a senior engineer at ..."; not "Swift is a developer-friendly language")
    r"|[ \t]+(?:is|was|became)[ \t]+(?:a|an|our|my|their|the)[ \t]+(?:[a-z-]+[ \t]+){0,3}?"
    r"(?:graduate|engineer|developer|designer|programmer|intern|nurse|doctor|lawyer|accountant"
    r"|consultant|analyst|scientist|researcher|professor|lecturer|tutor|coach|chef|driver"
    r"|receptionist|secretary|volunteer|candidate|applicant|trainee|apprentice|contractor"
    r"|freelancer|therapist|dentist|surgeon|pharmacist|paramedic|midwife|caregiver|carer"
    r"|plumber|electrician|mechanic|journalist|photographer)(?=[ \t]*(?:[.,;!?\n]|$)|[ \t]+"
    r"(?:at|in|from|with|who|and|for)\b)"
)
_FOR_BEFORE = re.compile(r"\bfor[ \t]+$")
# Any past tense after a word in no list: "By the time Herki reached the station" (not a
# thing's participle: "Arduino based", "a story inspired by").
_PAST = re.compile(
    r"[ \t]+(?!based\b|enabled\b|disabled\b|related\b|powered\b)[a-z]{3,}ed\b"
    r"(?![ \t]+(?:by|on|with)\b)"
)
# A relative "who" after a word: it stands for a person ("for Oyelaran who missed the call").
_WHO = re.compile(r",?[ \t]+who[ \t]+[a-z]")
# Words the lists also hold as names that are pronouns or a family's and a workplace's names
# for people: "She raised her hand", "Dad said", "Boss wants".
_NOT_NAMES = words(
    "i he she you we they him her them us it me one dad mom mum mother father boss sir madam"
    " god lord baby honey everyone someone nobody anybody people folks guys users"
)
# A capitalised word right after: the word is part of a longer run, which the run rules read;
# one right before an everyday word that is also a name: a place or a title ("College Park is
# out", "Hello World").
_CAP_NEXT = re.compile(r"[ \t]+[A-Z]")
# A determiner before the word: a common noun's, not a name's ("For a Charity who is").
_DETERMINER = re.compile(
    r"(?i:\b(?:a|an|the|each|every|any|this|that|our|your|my|their|his|her|its)[ \t]+)$"
)
# "that" after a verb of saying or knowing introduces a clause, not a noun ("Mention that
# Gala enjoyed the portfolio", "I heard that Baron resigned").
_THAT_CLAUSE = re.compile(
    r"(?i:\b(?:mention|mentions|mentioned|say|says|said|tell|told|note|noted|think|thought"
    r"|know|knew|hope|believe|ensure|confirm|confirmed|explain|heard|learned|learnt|realized"
    r"|realised|feel|felt|sure|glad|sorry|clear|shows?|showed|means|seems|so|saw|see|and|but)"
    r"[ \t]+(?:(?:them|him|her|me|us|you)[ \t]+)?that[ \t]+)$"
)
_CAP_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")


def slot_name(
    text: str, word: re.Match[str], lex: TokenLexicon, *, cue: bool = True
) -> tuple[int, int] | None:
    """The span of a lone capitalised word that its slot marks as a person's name (see the
    module docstring), without its possessive ending; None when the slot does not tell.

    A word the lists also know as an everyday word (``Stone``, ``Lane``) counts in the
    possessive before a person's own things, before a person's verb and before ``who``; after
    a person's cue ("thanks Jade") only when it is a listed given name.

    Args:
        text: the text the word was found in.
        word: a word match over ``text`` that no token rule has decided.
        lex: the token lists.
        cue: also ask :func:`~hybridllm.classifiers.name_context.person_context` (False where
            the caller has asked it already).

    Returns:
        ``(start, end)`` of the name, or None.
    """
    w = word.group()
    start, end = word.span()
    owner = w.endswith(("'s", "’s"))
    bare = w[:-2] if owner else w
    low = bare.lower()
    if not is_cap(w) or low in FUNCTION_WORDS or low in _NOT_NAMES:
        return None
    kind = lex.kind(w)
    if kind not in (Kind.NAME, Kind.UNKNOWN, Kind.AMBIGUOUS):
        return None
    # greeted and addressed: "Hi Colon, can we ..."
    hail = (
        kind is Kind.AMBIGUOUS
        and not owner
        and low not in lex.places  # "Hello London, ..."; a given name too is asked elsewhere
        and low not in ADDRESSED_ROLES  # "Dear Sir,", "Hi Team,": nobody's name
        and greeted(text, start, end)
    )
    # The slot first (anchored matches that fail fast on most words), then what rules it out.
    if owner:
        slot = _OWNED.match(text, end) is not None or (
            kind is not Kind.AMBIGUOUS and _OWNED_TOO.match(text, end) is not None
        )
    else:
        slot = (
            PERSON_VERB.match(text, end) is not None
            or _IS_A_PERSON.match(text, end) is not None
            or _WHO.match(text, end) is not None
            or (
                kind is Kind.UNKNOWN
                and _PAST.match(text, end) is not None
                and name_likeness(low) > 0  # spelt like a name: no typo ("Frecuently exported")
            )
            # the subject of an infinitive after "for": "shouted for Hajar to get out"
            or (
                kind is not Kind.AMBIGUOUS
                and _FOR_BEFORE.search(text, max(0, start - 5), start) is not None
                and _ACTION_TO.match(text, end) is not None
            )
            or _OF_TEAM.match(text, end) is not None
            # a word in no list where only a person goes: "Malti and I", "remind Nexhat"
            or (
                kind is Kind.UNKNOWN
                and person_slot(text, start, start + len(bare))
                and public_name(bare) is None  # "Copernicus founded": no private person
            )
            or (
                (kind is not Kind.AMBIGUOUS or low in lex.first)
                and _ACTION_TO.match(text, end) is not None
                and _BULLET.search(text, max(0, start - 12), start) is not None
            )
            # at a company: a given name that is also a word too ("a follow-up to Kai at
            # Copperleaf Insurance")
            or ((lex.lone_name(w) or low in lex.first) and _AT_COMPANY.match(text, end) is not None)
            # greeted and addressed, a listed surname that is an everyday word too ("Hi Colon,
            # can we move it?"); not a role ("Dear Sir,", "Hi Team,")
            or hail
            # after a person's cue, an everyday word only if it is a given name ("Hello World")
            or (
                cue
                and (kind is not Kind.AMBIGUOUS or low in lex.first)
                and person_context(text, start, end)
            )
        )
    if not slot or _CAP_NEXT.match(text, end):
        return None
    before = max(0, start - 30)
    if (
        (
            kind is Kind.AMBIGUOUS
            and not hail
            and _CAP_BEFORE.search(text, before, start)
            and not at_sentence_start(text, start)
        )
        or thing_named(text, start)
        or ORG_BEFORE.search(text, before, start)
        or (
            _DETERMINER.search(text, before, start)
            and not _THAT_CLAUSE.search(text, max(0, start - 40), start)
        )
    ):
        return None
    return start, start + len(bare)
