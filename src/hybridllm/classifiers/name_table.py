"""Names in a table's person column: ``| Task | Owner | Due |`` then ``| Venue | Sainimili | 12
Apr |``, ``first_name;last_name`` then ``Laisani;Ka Levu``, in any case.

Under a header cell that names a person's column (an owner, an assignee, a guest, a driver, a
first or last name; a bare ``Name`` is not one, products have names too), a cell of one to four
words is a name when no word is an English word only, a function word, code, a number or an
address, and one of them is a listed name or a word in no list (``TBD``, ``n/a`` and ``me`` are
none). The header and its table are read as :func:`.phones_table.column_cells` reads them.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, code_word
from hybridllm.classifiers.phones_table import column_cells

__all__ = ["PERSON_HEADER", "name_cells"]

PERSON_HEADER = re.compile(
    r"(?i:\b(?:(?:first|last|full|given|family|middle|display)[ _-]?name|surname|owner|assignee"
    r"|customer|employee|guest|driver|author|teacher|student|member|player|attendee|participant"
    r"|speaker|host|tenant|patient|client|manager|volunteer|coach|person|staff|reviewer"
    r"|approver|requester|reporter|contact[ _-]?person)s?\b)"
)
"""A column's name that says a person (the prefilter scans texts for it)."""
_PLACEHOLDERS = frozenset(("tbd", "tba", "n/a", "na", "none", "null", "unknown", "todo", "me"))
_MAX_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def name_cells(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the names in a table's person columns (see the module docstring).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans of the cells' names, spaces and quotes trimmed.
    """
    out: list[tuple[int, int]] = []
    for a, b in column_cells(text, PERSON_HEADER):
        cell = text[a:b].strip(" \t\"'")
        words = cell.split()
        if not 1 <= len(words) <= _MAX_WORDS or any(not _WORD.fullmatch(w) for w in words):
            continue
        lows = [w.lower().rstrip(".") for w in words]
        kinds = [lex.kind(w) for w in lows]
        if (
            any(k is Kind.WORD for k in kinds)
            or any(w in FUNCTION_WORDS or w in _PLACEHOLDERS or code_word(w) for w in lows)
            or not any(k in (Kind.NAME, Kind.UNKNOWN) for k in kinds)
        ):
            continue
        start = text.index(cell, a)
        out.append((start, start + len(cell)))
    return out
