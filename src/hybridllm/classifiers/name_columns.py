"""Names in a table column whose header names a person: CSV, TSV, ``;``- and ``|``-separated.

A CRM export or a pasted sheet says in its header what each column holds (``name,company,city``,
``| Customer | Email |``, ``first_name\\tlast_name``); every value under a person column is a
person's name, in any case and language, and whatever NER makes of it (``sue hague``,
``Ingunn Bryndísardóttir``). :func:`column_values` finds runs of two or more lines split by the
same separator into the same number of cells, takes the first line as the header, and returns
the values under each header that names a person:

- a name field (``first name``, ``last_name``, ``surname``, ``full name``, ``customer name``,
  ``patient name``, ...): any value of one to four words of letters;
- a role (``name``, ``customer``, ``contact``, ``owner``, ``assignee``, ``agent``, ...): a value
  with a listed given name, or with a listed surname or a letter English does not use and not
  only English words (so ``name,version`` over ``react,18.2`` or ``owner`` over ``platform
  team`` and ``sre`` stay unnamed).

``company name``, ``file name`` or ``product name`` name no person and are not read.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import TokenLexicon

__all__ = ["column_values"]

_NAME_FIELD = re.compile(
    r"(?:first|last|full|given|family|middle|maiden|sur|fore|display|legal|preferred)[ _-]?name"
    r"|(?:customer|client|contact|patient|employee|member|student|attendee|guest|owner|author"
    r"|assignee|reporter|requester|agent|person|applicant|candidate|tenant|buyer|seller"
    r"|recipient|sender|driver|manager|rep)[ _-]?name|surname|forename"
)
_ROLE = re.compile(
    r"name|customer|client|contact|patient|employee|attendee|guest|owner|author|assignee"
    r"|reporter|requester|agent|person|applicant|candidate|tenant|recipient|sender|manager"
    r"|rep|sales ?rep|account manager|doctor|physician|nurse|teacher|speaker|participant"
)
_SEPARATORS = (",", "\t", ";", "|")
_VALUE = re.compile(r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}")
_NULL = frozenset(("n/a", "na", "none", "null", "nil", "unknown", "tbd", "tba", "anonymous"))
_RULE = re.compile(r"[ \t:|-]*")  # a markdown table's |---|---| line


def _cells(line: str, start: int, sep: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the cells of ``line`` (which starts at ``start``), quotes
    honoured, outer ``|`` of a markdown row dropped."""
    cells: list[tuple[int, int]] = []
    lo = 0
    if '"' not in line:  # no quoting: a plain split (most lines)
        for part in line.split(sep):
            cells.append((start + lo, start + lo + len(part)))
            lo += len(part) + 1
    else:
        quoted = False
        for k, c in enumerate(line):
            if c == '"':
                quoted = not quoted
            elif c == sep and not quoted:
                cells.append((start + lo, start + k))
                lo = k + 1
        cells.append((start + lo, start + len(line)))
    if sep == "|" and line.strip().startswith("|"):
        cells = cells[1:]
    if sep == "|" and line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\"'":
        a += 1
    while b > a and text[b - 1] in " \t\"'":
        b -= 1
    return a, b


def _tables(text: str) -> list[tuple[str, list[list[tuple[int, int]]]]]:
    """Runs of 2+ lines with the same separator and number of cells (2+): ``(separator,
    rows of cell offsets)``, header first."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out: list[tuple[str, list[list[tuple[int, int]]]]] = []
    for sep in _SEPARATORS:
        if sep not in text:
            continue
        run: list[list[tuple[int, int]]] = []
        for start, line in [*lines, (len(text), "")]:
            if sep == "|" and line.count("|") >= 2 and _RULE.fullmatch(line):
                continue  # the rule under a markdown header
            cells = _cells(line, start, sep) if sep in line else []
            if len(cells) >= 2 and (not run or len(cells) == len(run[0])):
                run.append(cells)
                continue
            if len(run) >= 2:
                out.append((sep, run))
            run = [cells] if len(cells) >= 2 else []
    return out


def _person(value: str, field: bool, lex: TokenLexicon) -> bool:
    """Whether a cell's ``value`` reads as a name under a name field (``field``) or a role."""
    if value.lower() in _NULL:
        return False
    if field:
        return True
    words = [w.strip(".'’-").lower() for w in value.split()]
    if any(w in lex.first for w in words):
        return True
    # a listed surname or a letter English does not use, and not only English words
    evidence = any(w in lex.last or not w.isascii() for w in words)
    return evidence and not all(w in lex.vocab for w in words)


def column_values(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the values under the person columns of the tables in ``text``.

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each value, sorted.
    """
    if "\n" not in text:
        return []
    out: list[tuple[int, int]] = []
    for _sep, rows in _tables(text):
        header = [text[slice(*_stripped(text, a, b))].lower() for a, b in rows[0]]
        for col, head in enumerate(header):
            field = _NAME_FIELD.fullmatch(head) is not None
            if not (field or _ROLE.fullmatch(head)):
                continue
            for row in rows[1:]:
                a, b = _stripped(text, *row[col])
                value = _VALUE.fullmatch(text, a, b)
                if value is not None and _person(value.group(), field, lex):
                    out.append((a, b))
    return sorted(set(out))
