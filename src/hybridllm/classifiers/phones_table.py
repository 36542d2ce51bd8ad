"""Phone numbers in a table's phone column: ``name,team,phone`` then ``Lidia Villarpando,
Support,7746 3543``.

Under a header that names a phone column (``phone``, ``tel``, ``mobile``, ``cell``, ``fax``),
the cell of that column in each row below (same separator: comma, semicolon, tab or pipe) is a
phone number when it holds 6 to 15 digits and nothing but a phone's punctuation, whatever the
country and with or without a trunk ``0`` or a ``+``: the column says what it is. The table
ends at a row with another number of cells.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding, new_finding

__all__ = ["PHONE_HEADER", "column_cells", "phone_cells"]

PHONE_HEADER = re.compile(r"(?i:\b(?:phone|tel|telephone|mobile|cell|fax|contact[ _]no))\b")
"""A column's or a field's name that says phone number."""
_SEPARATORS = ("|", "\t", ";", ",")
_CELL = re.compile(r"[ \t]*(\+?[\d(][\d ()./-]{4,22}\d)[ \t]*")
_MIN_DIGITS = 6
_MAX_DIGITS = 15
_MAX_ROWS = 500
_MAX_HEADER = 24  # characters of a column's name at most
_HEADER_WORDS = 3
_CODE = re.compile(r"[=(){}\[\]<>]")


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of ``line`` split at ``sep``, offsets in the line."""
    out: list[tuple[int, int]] = []
    start = 0
    for part in line.split(sep):
        out.append((start, start + len(part)))
        start += len(part) + 1
    return out


def column_cells(text: str, header_name: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The cells under the columns a table's header names with ``header_name``.

    A header is a line of two cells or more split at one of ``|``, tab, ``;``, ``,`` whose
    matching cells are short column names (a few words, no sentence: "the phone column is
    messy:" is none); its table is the run of lines below with as many cells.

    Args:
        text: the text.
        header_name: what a matching column's name holds (no match holds a line break).

    Yields:
        ``(start, end)`` of each such cell in ``text``, each at most once.
    """
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    seen: set[int] = set()
    # The lines where a column's name occurs, from one pass over the text (its matches hold no
    # line break, and its word boundaries read a line's ends as the text's: the same lines as
    # a search of each line, most of which hold none).
    heads = {bisect.bisect_right(offsets, m.start()) - 1 for m in finditer(header_name, text)}
    for h in sorted(heads):
        line = lines[h]
        sep = next((s for s in _SEPARATORS if s in line), "")
        if not sep or _CODE.search(line):
            continue  # (a line of code is no header: "async function f(event, context) {")
        header = _cells(line, sep)
        columns = [
            i
            for i, (a, b) in enumerate(header)
            if b - a <= _MAX_HEADER
            and len(line[a:b].split()) <= _HEADER_WORDS
            and ":" not in line[a:b]
            and header_name.search(line, a, b)
        ]
        if sum(1 for a, b in header if line[a:b].strip()) < 2 or not columns:
            continue  # (two named columns at least: " host: event.cron.host," is code)
        for k in range(h + 1, min(len(lines), h + 1 + _MAX_ROWS)):
            cells = _cells(lines[k], sep)
            if len(cells) != len(header):
                break
            for i in columns:
                start = offsets[k] + cells[i][0]
                if start not in seen:
                    seen.add(start)
                    yield start, offsets[k] + cells[i][1]


def phone_cells(text: str, recognizer: str) -> list[Finding]:
    """``PHONE_NUMBER`` findings for the phone column's cells (see the module docstring).

    Args:
        text: the text.
        recognizer: the name the findings carry.

    Returns:
        Findings covering the numbers only.
    """
    out: list[Finding] = []
    for a, b in column_cells(text, PHONE_HEADER):
        m = _CELL.fullmatch(text, a, b)
        digits = sum(c.isdigit() for c in m.group(1)) if m else 0
        if m and _MIN_DIGITS <= digits <= _MAX_DIGITS:
            out.append(
                new_finding(
                    entity_type="PHONE_NUMBER",
                    category="PII",
                    start=m.start(1),
                    end=m.end(1),
                    score=0.6,
                    recognizer=recognizer,
                )
            )
    return out
