"""A form's or a log's label that names a person's role: its value is a person's name.

``Reviewer: Haslinda`` is a person's field (:data:`~hybridllm.classifiers.name_company.FIELD`
lists ~40 such labels), and so are ``Driver: Haslinda``, ``Mentor: Grace``, ``Goalkeeper:
Wielowieyska``, ``Next of kin: Okafor``: a label is a role a person plays, and no hand-written
list holds every role a form, a roster or a log can give one. The label's last word is looked
up in WordNet's nouns whose first sense is a kind of person (``person_nouns.txt``, built by
``scripts/data/build_person_nouns.py``): ``driver``, ``payee``, ``goalkeeper``, ``landlady``,
7,099 of them; ``Date:``, ``Model:``, ``Subject:`` or ``Target:`` (a person only in a later
sense) are no role.

Only a label at the start of a line (after a list bullet, a quote mark or markdown emphasis),
with a value of one to three words that ends its field (the line's end, or a comma, a semicolon
or a bar after it), every word of it capitalised and no English word, the whole no product
(``Driver: Please confirm``, ``Driver: Nvidia``, ``host: localhost`` are no names). Not a
label in capitals (a screenplay's speaker: ``MAN: Yep``), nor one that also heads lines that
hold no name (a dialogue's speaker, its values what was said), nor on the copy of a lower-case
text the rules capitalised (its capitals are the rules' guesses). The label itself is no name
then, though a role may be a surname too (``Mentor``, ``Driver``).

Any other label's value at the end of its line counts when it is made of listed names (see
:func:`_listed`): a form's value is a name where a name list says so, whatever its label.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_context import nameish
from hybridllm.classifiers.name_fame import fame
from hybridllm.classifiers.name_role_nouns import load_roles, person_noun, role_nouns
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon
from hybridllm.classifiers.prefilter import finditer, per_text

__all__ = ["ROLE_AFTER", "ROLE_FIELD", "load_roles", "person_noun", "role_after", "role_values"]

_WORD = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
# A label at a line start (after a list bullet, a quote mark, markdown emphasis): one to three
# words, then a colon.
_LABEL_AT = (
    r"(?m)^[ \t>]*(?:[-*•][ \t]+)?[*_]{0,2}"
    r"(?P<label>[A-Za-z][A-Za-z'’/-]*(?:[ \t][A-Za-z][A-Za-z'’/-]*){0,2})[*_]{0,2}[ \t]*:"
)
ROLE_FIELD = re.compile(
    _LABEL_AT + r"[*_]{0,2}[ \t]*"
    rf"(?P<v>{_WORD}(?:[ \t](?:[A-Z]\.[ \t])?{_WORD}){{0,2}})"
    r"[*_]{0,2}[ \t]*(?=$|[,;|])"
)
"""A label at a line start and its value, up to the field's end: ``Driver: Haslinda``."""
ROLE_AFTER = re.compile(
    r"(?<![\w'’-])(?P<v>[A-Z][^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"(?:[ \t][A-Z][^\W\d_]+(?:['’\-][^\W\d_]+)*){0,3})"
    r"(?:,[ \t]+(?:our|my|your|the|his|her|their)[ \t]+(?P<a>[a-z]+(?:[ \t][a-z]+){0,2}),"
    r"|[ \t]+\((?P<b>[a-z]+(?:[ \t][a-z]+){0,2})\))"
)
"""A name and its role after it: ``Haslinda, our driver,``, ``Wielowieyska (goalkeeper)``."""
_LABEL = re.compile(_LABEL_AT)


_LOWER_SHARE = 200  # a text with a capital in fewer than 1 of this many characters is lower case


def _role(label: str) -> bool:
    """Whether the label's last word is a noun read first as a person (a plural too), or the
    label is a deed done by someone (``Handled by``, ``Escalated by``)."""
    words = label.lower().split()
    last = words[-1].rsplit("/", 1)[-1]  # "film/video editor"
    if last == "by":
        return len(words) == 2 and words[0].endswith("ed")  # "<verb>ed by"
    roles = role_nouns()
    return last in roles or (last.endswith("s") and last[:-1] in roles)


def role_values(text: str, lex: TokenLexicon) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The labels (see the module docstring) whose values could be names: the label's span
    (empty, ``(0, 0)``, for a label that is no role) and the value's. A role's label is no
    name then, though a role may be a surname too (``Mentor``, ``Driver``); any other label
    may be a speaker's name (``Anna: Marta``).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(label span, value span)`` per field, in order (computed once per text inside a
        classification).
    """
    return per_text(text, "role-values", lambda t: _fields(t, lex))


def _fields(text: str, lex: TokenLexicon) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    # (a label in capitals is a screenplay's speaker: "MAN: Yep")
    fields = [
        m
        for m in finditer(ROLE_FIELD, text)
        if not m.group("label").isupper() and (_role(m.group("label")) or _listed(text, m, lex))
    ]
    if not fields:
        return []
    # A label that also heads lines holding no name is a speaker of a dialogue ("MAN: Yep"
    # among "MAN: (takes a deep breath) ..."), its values what was said: a form names each
    # field once, or every time with a name.
    heads: dict[str, int] = {}
    for m in finditer(_LABEL, text):
        label = m.group("label")
        heads[label] = heads.get(label, 0) + 1
    named: dict[str, int] = {}
    for m in fields:
        named[m.group("label")] = named.get(m.group("label"), 0) + 1
    return [
        (m.span("label") if _role(m.group("label")) else (0, 0), m.span("v"))
        for m in fields
        if heads.get(m.group("label"), 0) <= named[m.group("label")]
        and (_could_name(lex, m.group("v")) or _listed(text, m, lex))
    ]


def role_after(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Names followed by the role their bearer plays (see :data:`ROLE_AFTER`): every word a
    listed name no English word spells or a word in no list, and no product.

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans of the names, in order.
    """
    roles = role_nouns()
    out: list[tuple[int, int]] = []
    for m in finditer(ROLE_AFTER, text):
        role = (m.group("a") or m.group("b")).rsplit(None, 1)[-1]
        value = m.group("v")
        if (
            role in roles
            and all(lex.kind(w) in (Kind.NAME, Kind.UNKNOWN) for w in value.split())
            and fame(value.lower()) != "product"
        ):
            out.append(m.span("v"))
    return out


def _listed(text: str, m: re.Match[str], lex: TokenLexicon) -> bool:
    """Any label's value that ends its line and is made of listed names: each word a listed
    name no English word spells, or a listed given name that is no everyday word, and no large
    place (``Attendees: Kowalczyk``, ``Present: Marta``; not ``Topic: Life``, ``mfr:
    Sitronix``, ``Location: Jordan``). A value in lower case only in a text typed in lower case
    (``present: nakamura``), not in a config pasted into ordinary text (``provider: waas``)."""
    end = m.end("v")
    if text[end : end + 1] not in ("", "\n", "\r"):
        return False
    value = m.group("v")
    if value.islower() and not per_text(text, "typed-lower", _typed_lower):
        return False
    return all(
        (lex.kind(w) is Kind.NAME or (w.lower() in lex.first and w.lower() not in lex.common))
        and w.lower() not in lex.places
        for w in value.split()
    )


def _typed_lower(text: str) -> bool:
    """Whether ``text`` is typed in lower case: capitals are at most 1 in 200 characters."""
    return sum(map(str.isupper, text)) * _LOWER_SHARE <= len(text)  # (no generator per char)


def _could_name(lex: TokenLexicon, value: str) -> bool:
    """Every word capitalised and no English word, and the whole no product's name
    (``Driver: Nvidia``, ``Host: Skaffold``)."""
    return nameish(lex, value, lower_ok=False) and fame(value.lower()) != "product"
