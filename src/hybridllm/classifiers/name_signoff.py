"""The name that signs a message: the line after a closing, or the words after it on its line.

A letter, an e-mail or a chat message ends the same way in any case and any template::

    best,                     yours faithfully,        thanks, sanjay
    rea turković              nickole walsh            cheers - Mike O'Neil
    kestrel aerospace support

A complimentary close (``best``, ``kind regards``, ``yours faithfully``, ``thanks``, ``cheers``
...) alone on its line, then one to three words alone on the next line, or after the close and
a comma or dash at the end of its line, are the writer's name when they read as one: every word
a listed name, a word in no list or a foreign form (not an English word alone, not a function
word), one of them a listed name, a word in no list that is not spelt like an English word
(``Zlatomir``) or with a letter English does not use, and not all of them English words
(``best,\\nthe support team``, ``thanks,\\nmarketing`` and ``thanks, will do`` sign no
person). A listed given name that is also a word signs (``cheers,\\nrodney``, ``thanks,
mark``: the writer or the one thanked), unless it is an auxiliary (``thanks, will do``). A
message's last line alone after a blank line signs it too, on the same evidence (``... copy me
in.\\n\\nAghvarth``), and so does its last word after a kiss (``... again soon. x Lina``). Two
writers joined by ``and`` or ``&`` sign when each of them would alone (``love, yodalis and
yaki``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_english import WEAK, strength
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS
from hybridllm.classifiers.name_shape import latin_letters, name_likeness
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, Kind, TokenLexicon
from hybridllm.classifiers.prefilter import finditer

__all__ = ["CLOSING_WORDS", "SIGNED", "signoff_names"]

_CLOSE = (
    r"(?:(?:best|kind|kindest|warm|warmest)[ \t]+(?:regards|wishes)|best|regards|many[ \t]+thanks"
    r"|thanks|thank[ \t]+you|thx|cheers|love|sincerely|yours(?:[ \t]+(?:sincerely|faithfully"
    r"|truly))?|(?:sincerely|faithfully|truly)[ \t]+yours|respectfully|cordially|warmly"
    r"|all[ \t]+the[ \t]+best|talk[ \t]+soon|take[ \t]+care|signed)"
)
CLOSING_WORDS = frozenset(
    "best regards thanks thx cheers love sincerely yours respectfully cordially warmly".split()  # noqa: SIM905
)
"""The one-word closes of a letter (``love, ana``): no list's item before a name."""
_WORD = r"[^\W\d_][\w'’.-]*"
_ONE = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
# One writer, or two joined by "and" or "&" ("love, yodalis and yaki").
_NAME = rf"(?P<n>{_ONE}(?:[ \t]+(?:and|&)[ \t]+{_ONE})?)[ \t]*"
_JOIN = re.compile(r"[ \t]+(?:and|&)[ \t]+", re.IGNORECASE)
# The close, then the name on the next line (the close alone on its line: checked in code) or
# after a comma or a dash at the end of the close's line. It starts with the close, so the
# classifier's one-pass prefilter finds the few places it can match (see prefilter_patterns).
SIGNED = re.compile(
    rf"(?i:\b{_CLOSE}(?P<nl>[ \t]*(?:[,.!-][ \t]*)?\r?\n[ \t>]*|[ \t]*(?:,|[-–—])[ \t]*)"
    rf"{_NAME}(?=[\"'’”]?[ \t]*(?:\r?\n|\Z)))"
)
_LINE_HEAD = re.compile(r"[ \t>]*")
# A word in no list signs as a name when it is not spelt like an English word
# (:func:`~hybridllm.classifiers.name_shape.name_likeness`: "Zlatomir", not "Teamsync").
_NOT_A_WORD = 0.0
_INITIAL = re.compile(r"[^\W\d_]\.")


def _name_like(lex: TokenLexicon, word: str) -> bool:
    if word in PARTICLES:
        return True
    if word in FUNCTION_WORDS or len(word) < 2:
        return False
    return lex.kind(word) in (Kind.NAME, Kind.AMBIGUOUS, Kind.UNKNOWN) or not word.isascii()


# A message's last line alone after a blank line, one to three words: "...copy me in.\n\nAghvarth".
# A kiss before the last word of a message signs it: "Let's do it again soon. x Lina".
_KISS = re.compile(
    rf"(?:^|[.!?)][ \t]+|\n[ \t]*)(?i:x{{1,3}}|xo(?:xo)?)[ \t]+(?P<n>{_WORD})[ \t]*[.!]?\s*\Z"
)
_LAST_LINE = re.compile(rf"\n[ \t]*\r?\n[ \t>]*(?P<n>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]*\s*\Z")


def _signs(lex: TokenLexicon, value: str) -> bool:
    """Whether the words of ``value`` read as a writer's name (see the module docstring)."""
    parts = [p.lower().strip("'’") for p in value.split() if not _INITIAL.fullmatch(p)]
    if not parts or not all(_name_like(lex, p) for p in parts):
        return False
    listed = any(
        p in lex.first
        or p in lex.last
        or not p.isascii()
        or (lex.kind(p) is Kind.UNKNOWN and name_likeness(p) >= _NOT_A_WORD)
        for p in parts
    )
    return listed and not all(p in lex.vocab and not _given(lex, p) for p in parts)


def _given(lex: TokenLexicon, word: str) -> bool:
    """A listed given name that is a weak word (``rodney``, ``lars``, ``mark``), no auxiliary
    (``will``, ``may``)."""
    return word in lex.first and word not in HELPER_VERBS and strength(lex, word) == WEAK


def signoff_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the names that sign ``text`` (see the module docstring), in any case.

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each signing name.
    """
    out: list[tuple[int, int]] = []
    for m in finditer(SIGNED, text):
        if "\n" in m.group("nl"):  # the close alone on its line
            line = text.rfind("\n", 0, m.start()) + 1
            if _LINE_HEAD.fullmatch(text, line, m.start()) is None:
                continue
        start = m.start("n")
        value = m.group("n").rstrip(".")
        joined = _JOIN.search(value)
        if joined is None and _signs(lex, value):  # initials count too: "J. R. Okonkwo"
            out.append((start, start + len(value)))
        elif joined is not None:  # two writers: both must sign
            first, second = value[: joined.start()], value[joined.end() :]
            if _signs(lex, first) and _signs(lex, second):
                out += [(start, start + len(first)), (start + joined.end(), start + len(value))]
    kiss = _KISS.search(text, max(0, len(text) - 60))
    if kiss is not None and _signs(lex, kiss.group("n").rstrip(".")):
        out.append((kiss.start("n"), kiss.start("n") + len(kiss.group("n").rstrip("."))))
    last = _LAST_LINE.search(text, max(0, len(text) - 120))
    if last is not None and not any(a <= last.start("n") < b for a, b in out):
        value = last.group("n").rstrip(".")
        if (
            value[:1].isupper() == (not text.islower())
            and all(latin_letters(p) for p in value.split())
            and _signs(lex, value)
        ):
            out.append((last.start("n"), last.start("n") + len(value)))
    return out
