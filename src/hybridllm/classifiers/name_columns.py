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

An SQL ``INSERT INTO staff (name, dept) VALUES ('berill lamlum', 'hr'), (...)`` is the same
table written on one line: its column list is the header, each quoted value under a person
column is read as a cell is.
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


_INSERT_WORD = re.compile(r"(?i:\binsert\s+into\b)")
_INSERT = re.compile(
    r"(?i:\binsert\s+into\s+(?P<table>[\w.`\"\[\]]+)\s*\((?P<cols>[^()]{1,400})\)"
    r"\s*values\s*)"
)
# A table of people: its "name" column holds people's names ("insert into staff (name, ...").
_PEOPLE_TABLE = re.compile(
    r"(?:\w*[._])?(?:staff|employees?|users?|customers?|clients?|people|persons?|contacts?"
    r"|members?|students?|patients?|authors?|guests?|tenants?|applicants?|candidates?"
    r"|attendees?|participants?|teachers?|doctors?|players?|volunteers?|drivers?|speakers?)"
)
_TUPLE_GAP = re.compile(r"\s*,?\s*\(")


def _sql_cells(text: str, pos: int) -> tuple[list[tuple[int, int]], int]:
    """The cells of the parenthesised tuple whose ``(`` is at ``pos`` (single quotes honoured)
    and the offset after its ``)``; no cells if it does not close."""
    cells: list[tuple[int, int]] = []
    lo, quoted = pos + 1, False
    for k in range(pos + 1, min(len(text), pos + 2000)):
        c = text[k]
        if c == "'":
            quoted = not quoted
        elif not quoted and c in ",)":
            cells.append((lo, k))
            lo = k + 1
            if c == ")":
                return cells, k + 1
    return [], pos + 1


def _sql_values(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """The quoted values under the person columns of SQL ``INSERT ... VALUES`` statements."""
    out: list[tuple[int, int]] = []
    for m in _INSERT.finditer(text):
        header = [c.strip(' \t\n`"[]').lower() for c in m.group("cols").split(",")]
        table = _PEOPLE_TABLE.fullmatch(m.group("table").strip('`"[]').lower()) is not None
        people = [
            (k, _NAME_FIELD.fullmatch(h) is not None or (table and h == "name"))
            for k, h in enumerate(header)
            if _NAME_FIELD.fullmatch(h) or _ROLE.fullmatch(h)
        ]
        pos = m.end()
        while people and (gap := _TUPLE_GAP.match(text, pos)) is not None:
            cells, pos = _sql_cells(text, gap.end() - 1)
            if len(cells) != len(header):
                break
            for k, field in people:
                a, b = _stripped(text, *cells[k])
                value = _VALUE.fullmatch(text, a, b)
                quoted = text[cells[k][0] : b + 1].strip()[:1] == "'"
                if value is not None and quoted and _person(value.group(), field, lex):
                    out.append((a, b))
    return out


def column_values(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the values under the person columns of the tables in ``text``.

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each value, sorted.
    """
    out = _sql_values(text, lex) if _INSERT_WORD.search(text) else []
    if "\n" not in text:
        return out
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
