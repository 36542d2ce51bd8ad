"""The name that signs a message: the line after a closing, or the words after it on its line.

A letter, an e-mail or a chat message ends the same way in any case and any template::

    best,                     yours faithfully,        thanks, sanjay
    rea turković              nickole walsh            cheers - Mike O'Neil
    kestrel aerospace support

A complimentary close (``best``, ``kind regards``, ``yours faithfully``, ``thanks``, ``cheers``
...) alone on its line, then one to three words alone on the next line, or after the close and
a comma or dash at the end of its line, are the writer's name when they read as one: every word
a listed name, a word in no list or a foreign form (not an English word alone, not a function
word), one of them a listed name or with a letter English does not use, and not all of them
English words (``best,\\nthe support team``, ``thanks,\\nmarketing`` and ``thanks, will do``
sign no person; nor, by this rule alone, ``thanks, mark``: a given name that is an English word
too needs other evidence).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, Kind, TokenLexicon

__all__ = ["signoff_names"]

_CLOSE = (
    r"(?:(?:best|kind|kindest|warm|warmest)[ \t]+(?:regards|wishes)|best|regards|many[ \t]+thanks"
    r"|thanks|thank[ \t]+you|thx|cheers|love|sincerely|yours(?:[ \t]+(?:sincerely|faithfully"
    r"|truly))?|(?:sincerely|faithfully|truly)[ \t]+yours|respectfully|cordially|warmly"
    r"|all[ \t]+the[ \t]+best|talk[ \t]+soon|take[ \t]+care)"
)
_WORD = r"[^\W\d_][\w'’.-]*"
_NAME = rf"(?P<n>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]*"
# The close alone on its line, the name alone on the next; or the close, a comma or a dash and
# the name at the end of the line.
_SIGNED = re.compile(
    rf"(?im:(?:^[ \t>]*{_CLOSE}[ \t]*(?:[,.!-][ \t]*)?\r?\n[ \t>]*"
    rf"|\b{_CLOSE}[ \t]*(?:,|[-–—])[ \t]*){_NAME}(?=\r?\n|\Z))"
)


def _name_like(lex: TokenLexicon, word: str) -> bool:
    if word in PARTICLES:
        return True
    if word in FUNCTION_WORDS or len(word) < 2:
        return False
    return lex.kind(word) in (Kind.NAME, Kind.AMBIGUOUS, Kind.UNKNOWN) or not word.isascii()


def signoff_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the names that sign ``text`` (see the module docstring), in any case.

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each signing name.
    """
    if "\n" not in text and "," not in text and "-" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _SIGNED.finditer(text):
        start = m.start("n")
        value = m.group("n").rstrip(".")
        parts = [p.lower().strip("'’") for p in value.split()]
        if not parts or not all(_name_like(lex, p) for p in parts):
            continue
        listed = any(p in lex.first or p in lex.last or not p.isascii() for p in parts)
        if listed and not all(p in lex.vocab for p in parts):
            out.append((start, start + len(value)))
    return out
