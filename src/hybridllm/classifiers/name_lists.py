"""Names in a list next to a found name (``founders: Dudek, Miller and Alvarado``), the
cased text's list rule (the lower-case one is :func:`.name_lower_records.list_neighbours`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hybridllm.classifiers.name_context import TITLE_WORDS, TITLES, nameish
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon

__all__ = ["list_names"]

# A list after these is a list of places: "stores in Adelaide, Marion and Austin".
_PLACE_PREP = re.compile(r"\b(?:in|at|from|to|near|across)\s+$")
_LIST_SEP = re.compile(
    # an item's count or age in brackets: "Odete (14), Jovanovic (11) and Mensur (7)"
    r"(?:[ \t]*\(\d{1,3}\))?"
    # quoted items of an array: ["Dezi Veizi", "Arbër Nazeraj", "Bona"]
    r"(?:[\"'”’][ \t]*(?=,))?"
    r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+|&[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    r"(?:(?<=,)[\"'“‘]|(?<=, )[\"'“‘])?"
    # the next item's title: "Høgh, Prof. Lindqvist" (the title is no item of its own)
    rf"(?:(?:{TITLES}|(?i:mr|mrs|ms|dr))\.?[ \t]+)?"
)


def _seeds_itself(text: str, lex: TokenLexicon, group: list[tuple[int, int]]) -> bool:
    """Whether a list is one of names without a found one: three items or more, one a listed
    or unlisted name; two listed names that are no word, place or brand (``Kovačević and
    Živković``)."""
    kinds = [lex.kind(text[a:b]) for a, b in group]
    if len(group) >= 3:
        return any(k in (Kind.NAME, Kind.UNKNOWN) for k in kinds)
    return len(group) == 2 and all(k is Kind.NAME for k in kinds)


def list_names(
    text: str, lex: TokenLexicon, items: Iterable[tuple[int, int]], found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Names in a list next to names already found: ``Dudek, Miller and Alvarado``.

    Args:
        text: the text.
        lex: the token lists.
        items: spans of capitalised words or runs that could be list items (in text order).
        found: spans already found to be names.

    Returns:
        Spans of items that sit in one list with a found name and could be names themselves.
    """
    ordered, is_found = sorted(set(items) | set(found)), set(found)
    out: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []

    def flush(alternative: bool) -> None:
        if len(group) < 2:
            return  # one item is no list: nothing more to ask of it
        # Two items need a found name, or to be a list of names by themselves (not when "or"
        # joins them: an alternative of two things).
        seeded = any(g in is_found for g in group) or (
            not alternative and _seeds_itself(text, lex, group)
        )
        placed = bool(group and _PLACE_PREP.search(text, max(0, group[0][0] - 8), group[0][0]))
        if placed and group[0] in is_found:  # "from Gök, Iclal": a found name no place bears
            placed = lex.kind(text[group[0][0] : group[0][1]]) is not Kind.NAME
        if seeded and not placed:
            # after "or", only a name the lists hold or none does ("Kotze or Indongo"; not
            # "the Make-up Cover or Fixing Powder", whatever NER makes of the powder)
            out.extend(
                g
                for g in group
                if g not in is_found
                and (not alternative or lex.kind(text[g[0] : g[1]]) in (Kind.NAME, Kind.UNKNOWN))
            )

    alternative = False
    for span in ordered:
        if text[span[0] : span[1]].lower() in TITLE_WORDS:
            continue  # read as part of the separator before the next item
        sep = _LIST_SEP.fullmatch(text[group[-1][1] : span[0]]) if group else None
        if sep and (span in is_found or nameish(lex, text[span[0] : span[1]], lower_ok=False)):
            group.append(span)
            alternative = alternative or "or" in sep.group()
            continue
        flush(alternative)
        alternative = False
        seed = span in is_found or nameish(lex, text[span[0] : span[1]], lower_ok=False)
        group = [span] if seed else []
    flush(alternative)
    return out
