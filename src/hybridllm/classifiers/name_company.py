"""The company a word keeps: a relation, the speaker or a role around it that only people have.

:func:`~hybridllm.classifiers.name_context.person_context` reads the verbs and cues that
follow or precede one person (``Wade never showed``, ``my kid Oona``); these read the shapes in
which messages name people whatever the name is (found missing on a name set written by a
helper that read neither the detector nor any other template, ``bench/data/names_gen4``):

- **a plural relation** before a list of names: ``her children Aprilia and Afiat``, ``my
  colleagues Solvei and Ingunn``;
- **the speaker and another**: ``a photo of me and Solvei``, ``Solvei and I``, ``Solvei and me``;
- **one introducing themselves**: ``Hi, this is Sidse again``, ``this is Goca from billing``;
- **a role in brackets** after the word: ``Mensur (Head of Ops at Brightbridge)``, ``Femi
  (our AE)``, ``Charity (buyer)``; of, from or at a company its legal form names: ``Judyta of
  Bluegate Analytics plc``;
- **a booking under a name, someone known for years**: ``dinner booked under Ogu``, ``I have
  known Sylvester Moremi for four years``;
- **someone addressed at the end of a wish**: ``Congratulations on the new baby, Lindokuhle.``;
- **an action item**: a word that starts a line or a sentence and is to do something (``Orale
  to send a case study.``, ``- Rokita to book rooms``);
- **a field or a label** that holds a person's name (:data:`FIELD`), in JSON, a log line, a
  form or a markdown note: ``"agent": "Luciene"``, ``approved_by=Hanna``, ``**Reviewer:** Boma
  Mary-Odeh``; a ``"name"`` in a JSON object that holds a person's age, e-mail address or birth
  date too (:func:`person_object`).

Each asks only about the characters around the word; whether the word may be a name at all is
the token lists' call (a plain English word never reaches these).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_cue_tails import tail_ends
from hybridllm.classifiers.prefilter import finditer, per_text

__all__ = ["FIELD", "NAME_KEY", "field_matches", "in_company", "person_object"]

_WORD = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_VALUE = rf"{_WORD}(?:[ \t](?:[A-Z]\.?[ \t])?{_WORD}){{0,3}}"
# A field or a label that holds a person's name, in a form, JSON, a log line or a markdown note.
FIELD = re.compile(
    r"(?i:\b(?:(?:first|last|given|family|full|sur|middle|maiden|display)[_ -]?name"
    r"|(?:contact|patient|customer|client|employee|author|owner|assignee|reporter|sender"
    r"|recipient|agent|approver|reviewer|requester|interviewer|candidate|applicant|tenant"
    r"|landlord|chair|chairperson|secretary|treasurer|witness|guardian|spouse|supervisor)"
    r"(?:[_ -]?name)?|(?:approved|created|updated|modified|signed|reviewed|submitted|requested"
    r"|assigned|owned|authored|prepared|checked|verified|closed|opened|reported)[_-]by))"
    # a markdown label's emphasis around the colon: "**Owner:** Solomon Ibekwe"
    rf"[*_'\"]{{0,2}}[ \t]*[:=][ \t]*[*_'\"]{{0,2}}[ \t]*(?P<v>{_VALUE})"
)
"""A field or a label that holds a person's name: ``first_name='Yurina'``, ``"agent":
"Luciene"``, ``approved_by=Hanna``, ``**Reviewer:** Boma Mary-Odeh``; the value is group ``v``."""


def field_matches(text: str) -> list[re.Match[str]]:
    """The matches of :data:`FIELD` in ``text``, found once per text inside a classification
    (the capitalised and the lower-case rules both read them)."""
    return per_text(text, "field-matches", _field_matches)


def _field_matches(text: str) -> list[re.Match[str]]:
    return list(finditer(FIELD, text))


# A "name" key in a JSON or dict object that also holds a person's attributes: the object is a
# person's record ({"name": "Muammer", "age": 34}), not a product's ({"name": "Widget"}).
NAME_KEY = re.compile(rf"""["'](?i:name)["'][ \t]*:[ \t]*["'](?P<v>{_VALUE})["']""")
"""A ``"name": "..."`` pair of a JSON or dict object; the value is group ``v``."""
_PERSON_KEY = re.compile(
    r"""["'](?i:age|e-?mail|phone|mobile|dob|date_of_birth|birth_?date|birthday|gender|sex"""
    r"""|ssn|salary|nationality|marital_status|department|employee_id|patient_id)["'][ \t]*:"""
)
_OBJECT_REACH = 200  # characters of the object around a "name" key that are read


def person_object(text: str, start: int, end: int) -> bool:
    """Whether the object around the ``"name"`` value at ``text[start:end]`` holds a person's
    attribute too (an age, an e-mail address, a birth date, ...)."""
    lo = text.rfind("{", max(0, start - _OBJECT_REACH), start)
    hi = text.find("}", end, end + _OBJECT_REACH)
    if lo < 0 or hi < 0:
        return False
    return _PERSON_KEY.search(text, lo, hi) is not None


_REACH = 60  # characters before a word that a cue may take
# A plural relation right before the word (and the names a list adds after it: "and", ",").
_RELATIONS = re.compile(
    r"(?i:\b(?:children|kids|sons|daughters|grandchildren|grandsons|granddaughters|siblings"
    r"|brothers|sisters|cousins|nieces|nephews|twins|parents|grandparents|friends|colleagues"
    r"|teammates|co-?workers|classmates|flatmates|roommates)[ \t]+"
    r"(?:[^\W\d_][\w'’-]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)){0,3})$"
)
# The last words _RELATIONS can end with before a name ("co-workers" is searched as any word
# with a hyphen is).
_RELATION_ENDS = words(
    "children kids sons daughters grandchildren grandsons granddaughters siblings brothers sisters"
    " cousins nieces nephews twins parents grandparents friends colleagues teammates coworkers"
    " classmates flatmates roommates and"
)
# The speaker and another: "me and X", "myself and X" before; "X and I", "X and me" after.
_WITH_ME_BEFORE = re.compile(r"(?i:\b(?:me|myself)[ \t]+and[ \t]+)$")
_WITH_ME_AFTER = re.compile(r"[ \t]+and[ \t]+(?:I|me)\b(?![’'-])")
# One introducing themselves: "Hi, this is X again" (a greeting before, or a word after that
# says so: "this is X here", "this is X from billing", "this is X speaking").
_INTRO_BEFORE = re.compile(
    r"(?i:\b(?P<hi>(?:hi|hello|hey|morning|good[ \t]+(?:morning|afternoon|evening))[,!.]?[ \t]+)?"
    r"this[ \t]+is[ \t]+)$"
)
_INTRO_AFTER = re.compile(r"[ \t]+(?:again|here|speaking|calling|from)\b")
# A role in brackets after the word: "(Head of Ops at ...)", "(our AE)", "(buyer)".
_ROLE_AFTER = re.compile(
    r"[ \t]*\((?i:(?:our|their|your|my|his|her)[ \t]+\w+"
    r"|(?:head|vp|svp|evp|director|manager|chief|ceo|cto|cfo|coo|cmo|founder|co-?founder"
    r"|owner|buyer|seller|lead|engineer|analyst|consultant|assistant|intern|secretary|chair"
    r"|treasurer|coach|teacher|nurse|doctor|partner)\b)"
)
# An action item: the word starts a line or a sentence (a list marker or an "AI:" label may come
# first) and is "to" do something.
_ITEM_LEAD = r"[ \t]*(?:(?:[-*•>]|\d{1,2}[.)]|(?i:ai|action|todo):)[ \t]*)?$"
_LINE_ITEM = re.compile(rf"^{_ITEM_LEAD}")
_SENTENCE_ITEM = re.compile(rf"[.!?]{_ITEM_LEAD}")
_TO_DO = re.compile(
    r"[ \t]+to[ \t]+(?:send|book|follow|check|review|draft|update|confirm|share|schedule|call"
    r"|email|e-mail|prepare|chase|fix|organi[sz]e|arrange|circulate|contact|investigate|write"
    r"|ping|reach|ask|present|sign|collect|order|finish|test|merge|deploy|look)\b"
)
# A booking held under a person's name, someone known for years: "dinner booked under Ogu", "a
# reservation under McCabe-McShane", "I have known Sylvester Moremi for four years".
_HELD_UNDER = re.compile(
    r"(?i:\b(?:(?:booked|reserved|registered|listed|held)[ \t]+under|(?:reservation|booking"
    r"|table|order)[ \t]+(?:is[ \t]+)?under|(?:have|has|had|i['’]ve)[ \t]+known)[ \t]+)$"
)
# Someone addressed at the end of a wish or thanks: "Congratulations on the new baby,
# Lindokuhle.", "Welcome to the team, Oyelaran!" (the sentence starts with the wish).
_WISH = re.compile(
    r"(?i:(?:congratulations|congrats|welcome|happy[ \t]+\w+|good[ \t]+luck|well[ \t]+done"
    r"|great[ \t]+(?:job|work)|get[ \t]+well|best[ \t]+wishes|thank[ \t]+you|thanks|sorry)\b)"
)
_ADDRESSED_END = re.compile(r"[ \t]*[.!]")
# Someone of, from or at a company its legal form names: "the closing remarks by Judyta of
# Bluegate Analytics plc", "a call with Milla from Northwind Traders Ltd".
_OF_COMPANY = re.compile(
    r"[ \t]+(?:of|from|at)[ \t]+(?:(?:the[ \t]+)?[A-Z][\w&'’.-]*[ \t]+){1,4}"
    r"(?:Ltd|Limited|plc|PLC|Inc|LLC|LLP|GmbH|Corp|Corporation|AG|SA|BV|Pty|Pvt|SRL|Oy|AB|ApS)\b"
)


def _addressed_at_the_end(text: str, start: int, end: int) -> bool:
    if text[max(0, start - 2) : start].rstrip(" \t")[-1:] != "," or not _ADDRESSED_END.match(
        text, end
    ):
        return False
    lo = max(0, start - 2 * _REACH)
    opening = max(text.rfind(c, lo, start - 2) for c in ".!?:\n")
    head = text[opening + 1 if opening >= 0 else lo : start].lstrip(' \t"“')
    return (opening >= 0 or lo == 0) and _WISH.match(head) is not None


def in_company(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` stands where messages name a person (see the
    module docstring)."""
    lo = max(0, start - _REACH)
    # The patterns before the word end in a space or tab right before it (a list of relations
    # in a comma too), after a word of their own: without the space, or after a plain ASCII
    # word that is none of theirs, the windows are not searched (any other word is).
    last = text[start - 1 : start]
    spaced = last in (" ", "\t")
    word = text[lo:start].rstrip(" \t").rpartition(" ")[2].lower() if spaced else ""
    other = word.isascii() and word.isalpha()
    if (
        (
            (last == "," or (spaced and (not other or word in _RELATION_ENDS)))
            and _RELATIONS.search(text, lo, start)
        )
        or (
            spaced
            and (not other or word == "and")
            and tail_ends(text, lo, start, ("and",))
            and _WITH_ME_BEFORE.search(text, lo, start)
        )
        or (
            spaced
            and (not other or word in ("under", "known"))
            and tail_ends(text, lo, start, ("under", "known"))
            and _HELD_UNDER.search(text, lo, start)
        )
    ):
        return True
    if any(p.match(text, end) for p in (_WITH_ME_AFTER, _ROLE_AFTER, _OF_COMPANY)):
        return True
    intro = (
        _INTRO_BEFORE.search(text, lo, start)
        if spaced and (not other or word == "is") and tail_ends(text, lo, start, ("is",), fold=True)
        else None
    )
    if intro is not None and (intro["hi"] or _INTRO_AFTER.match(text, end)):
        return True
    if _addressed_at_the_end(text, start, end):
        return True
    if _TO_DO.match(text, end) is None:
        return False
    line = text.rfind("\n", 0, start) + 1
    lead = text[max(line, lo) : start]
    return bool((line >= lo and _LINE_ITEM.match(lead)) or _SENTENCE_ITEM.search(lead))
