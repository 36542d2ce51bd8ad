"""Street names of one word that end in a street type of another language, with no number.

``He lives on the north side of Spatenstrasse``, ``the clubs on Mannerheimintie``, ``we met on
Nordtoftevej``: German, Dutch, Nordic, Baltic and Central European streets are often one word,
a name glued to its type (``-strasse``, ``-gasse``, ``-laan``, ``-vej``, ``-gatan``, ``-intie``,
``-utca`` ...). The core rules of :mod:`~hybridllm.classifiers.addresses` take such a word only
with its house number (``Bahnhofstrasse 12``); a street named alone is still a street
(Safe Harbor's "street address" and a place smaller than a state).

The types here are the ones no English word ends in (not ``-gate``, ``-ring``, ``-tee``,
``-way``); a word counts when it is longer than its type by three letters or more and is
neither an English word nor a listed name (``Committee``, ``Lindqvist``). Any case: lower-case
chat names streets so too.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import token_lexicon

__all__ = ["street_words"]

_TYPES = (  # noqa: SIM905 - a word list, read as one
    "straße strasse gasse platz allee damm ufer laan straat gracht plein singel kade dijk steeg "
    "veien vegen gata gatan vägen gränd stigen gade vej vejen stræde sträte intie katu kuja "
    "polku iela gatvė utca körút ulice náměstí braut vegur stræti götu sokak sokağı caddesi "
    "bulvarı"
).split()
# The word before a type found at a word's end.
_WORD_START = re.compile(r"[^\W\d_][^\W\d_-]*$")
_AFTER = re.compile(r"[\w'’-]")


def street_words(text: str) -> list[tuple[int, int]]:
    """Spans of one-word streets named by a glued street type (see the module docstring)."""
    out: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would shift
        return out
    lex = None
    for kind in _TYPES:  # str.find per type: ~0.1 ms per 10 KB, a regex scan costs 30x more
        at = low.find(kind)
        while at >= 0:
            end = at + len(kind)
            nxt, at = at, low.find(kind, at + 1)
            if end < len(text) and _AFTER.match(text, end):
                continue  # inside a word
            word = _WORD_START.search(text, max(0, nxt - 40), nxt)
            if word is None or nxt - word.start() < 3:
                continue  # the type word alone, or one or two letters before it
            start = word.start()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-/.@"):
                continue  # part of an identifier, a path or an address of another kind
            whole = low[start:end]
            lex = lex or token_lexicon()
            if whole in lex.vocab or whole in lex.first or whole in lex.last:
                continue
            out.append((start, end))
    return sorted(set(out))
