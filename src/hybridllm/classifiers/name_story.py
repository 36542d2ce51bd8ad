"""One-word names of invented people: characters of word problems, stories and personas.

Real prompts are full of people nobody could be identified by: ``Jana is 24 years old. She had
twice as many years as Hana ...``, ``a story about a cat named Bernie``, ``You are now Xavier,
the copywriter ...``. A given name alone in such a text names a character the author made up.
:func:`invented` tells which one-word names of a text are such characters:

- **word problems**: the text asks for a quantity (``how many``, ``how much``, ``how old``,
  ``twice as``, ``what is the total ...``) and holds a number (or the variables ``N``, ``M``):
  every one-word name of it is a character of the problem;
- **characters**: the name is introduced as one (``a boy vampire named Adrian``, ``a pet camel
  named roger``, ``the main character is chris``, ``a story about isabella``) in a text that
  asks for fiction (a story, poem, script, game, character ...);
- **personas**: the model is told to be someone (``you are now Xavier``, ``act as Gal``);
- **fiction requests**: the text asks for a story, poem, script, chapter, scene, song ...
  (``write a story where Mila finds a map``, ``continue this chapter``): its one-word names are
  characters.

:mod:`hybridllm.classifiers.name_public` drops those findings unless the name sits in a
record-like context or after a personal cue (``my daughter Linoy``), and never in a clinical
text. Names of two words or more (a surname) are never taken for characters here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["invented"]

_PROBLEM_MAX = 1500  # characters: word problems are short; a long text is something else
# Both read the lower-cased text (IGNORECASE makes Python's re several times slower).
_WORD_PROBLEM = re.compile(
    r"(?:\b(?:how\s+(?:many|much|old|long|far|fast|often)"
    r"|what\s+(?:is|was|are|were)\s+the\s+(?:total|probability|hourly|average|sum|ratio"
    r"|number|cost|price|value|age|difference)"
    r"|(?:twice|half|times)\s+as\s+(?:many|much|old|long|fast)"  # "three times as many"
    # a programming exercise: "Return the number of friends of John", "find the minimum ..."
    r"|(?:count|find|return|print|output|compute|determine|calculate)\s+the\s+(?:number|total"
    r"|minimum|maximum|sum|count)\s+of))"
)
# "Sally has 8 grapes. ... Who ...?": a quantity someone has, in a text that asks a question.
_HAS_QUANTITY = re.compile(
    r"(?:\b(?:has|have|had|owns|buys|bought|sells|sold|spends|spent|earns|earned|saves|saved)"
    r"\s+\$?\d)"
)
# Substrings every match of the pattern above holds (checked first: a few microseconds).
_PROBLEM_WORDS = frozenset(("how", "what", " as", " the "))
_QUANTITY_VERBS = frozenset("has have had own buy bought sell sold spen earn sav".split())  # noqa: SIM905
_QUANTITY = re.compile(r"\d|\b[NMK]\b")
_CHARACTER = re.compile(
    # "a boy vampire named Adrian", "an old camel called roger": someone introduced by an
    # article (not "my son named ...", which is a relative)
    r"(?i:(?:\b(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:named|called)\s+"
    r"|\b(?:character|protagonist|hero|heroine|villain|persona|narrator)s?\s+(?:named|called)\s+"
    r"|\bmain\s+character\s+(?:is|was|will\s+be)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:named|called)\s+)?"
    r"|\b(?:story|stories|tale|poem|script|song)\s+(?:about|of|for)\s+)$)"
)
_PERSONA = re.compile(r"(?i:\b(?:you\s+are\s+(?:now\s+)?|act\s+as\s+|pretend\s+to\s+be\s+)$)")
# The last word of every cue above: a name after any other word needs no regex.
_CUE_LAST = frozenset({"named", "called", "is", "was", "be", "about", "of", "for", "are", "now"})
_CUE_LAST |= {"as"}
_LOOK_BACK = 80
# A request for fiction: "write a story where ...", "continue this chapter", "rewrite the scene".
# Matched on the lower-cased text at each place one of _FICTION_VERBS occurs (found with
# str.find: a regex scan of a 10 KB text costs a millisecond).
_FICTION_REQUEST = re.compile(
    r"(?:write|continue|rewrite|create|generate|compose|expand)\b[^.?!\n]{0,40}?"
    r"\b(?:story|stories|fairy\s*tale|tale|poem|script|screenplay|novel|fanfic|fan\s+fiction"
    r"|chapter|scene|episode|sitcom|lyrics|rap\s+song|song|limerick|dialogue)\b"
)
_FICTION_VERBS = ("write", "continue", "create", "generate", "compose", "expand")
_FICTION = re.compile(
    r"(?i:\b(?:story|stories|tale|poem|script|screenplay|novel|fanfic|fiction|fictional"
    r"|character|episode|chapter|scene|roleplay|role-play|game|d&d|dnd|5e|comic|lyrics|song"
    r"|book|imagine|pretend)\b)"
)


def invented(text: str, names: Mapping[str, Sequence[int]]) -> set[str]:
    """Which one-word names of ``text`` are invented characters (see the module docstring).

    Args:
        text: the text.
        names: each one-word name found in ``text`` (any case, as a key) with the start
            offsets of its mentions.

    Returns:
        The keys of ``names`` that are characters of a word problem, a story or a persona.
    """
    if not names:
        return set()
    if (
        len(text) <= _PROBLEM_MAX
        and ("?" in text or " as " in text or " of " in text)  # every form asks or compares
        and _QUANTITY.search(text)
    ):
        low = text.lower()
        # Substring checks first: a regex scan costs ~0.1 ms per KB.
        if (any(w in low for w in _PROBLEM_WORDS) and _WORD_PROBLEM.search(low) is not None) or (
            "?" in text
            and any(w in low for w in _QUANTITY_VERBS)
            and _HAS_QUANTITY.search(low) is not None
        ):
            return set(names)
    if _fiction_request(text.lower()):
        return set(names)
    out: set[str] = set()
    fiction: bool | None = None  # decided on the first character cue (one scan of the text)
    for key, starts in names.items():
        for start in starts:
            before = text[max(0, start - _LOOK_BACK) : start]
            last = before[-12:].split()
            if not last or last[-1].lower() not in _CUE_LAST:
                continue
            if _PERSONA.search(before):
                out.add(key)
                break
            if _CHARACTER.search(before):
                if fiction is None:
                    fiction = _FICTION.search(text) is not None
                if fiction:
                    out.add(key)
                    break
    return out


def _fiction_request(low: str) -> bool:
    """Whether the lower-cased text asks for fiction (see _FICTION_REQUEST)."""
    for verb in _FICTION_VERBS:
        i = low.find(verb)
        while i >= 0:
            # "rewrite" holds "write": match from its start too
            at = i - 2 if verb == "write" and low.startswith("re", max(0, i - 2)) else i
            if (at == 0 or not low[at - 1].isalnum()) and _FICTION_REQUEST.match(low, at):
                return True
            i = low.find(verb, i + 1)
    return False
