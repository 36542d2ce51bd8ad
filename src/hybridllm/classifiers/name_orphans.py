"""A later mention of a word is a name only while the mention it repeats is one.

The name stage adds, before the public-figure and everyday-word rules judge anything, the later
mentions of a found name's words (``names+repeat``: ``Madison`` after ``Madison S. Leonard``).
When those rules then find the first mention no name (a run of everyday words, ``Cobalt Blue``;
a paint's or a book's title, ``Violet Flame``; a rod of a puzzle, ``Rod A:``; a word of another
language or script, ``... Newvalue``), its repeats were judged one word at a time and a lone
capitalised word is seldom judged a word: ``Cobalt`` and ``Blue`` stayed as a name at the second
mention. :func:`judged_public` drops such orphans: a repeat all of whose words belong to a
judged finding the rules dropped and to no finding they kept. (``PUBLIC_RE``, the patterns
those rules have the prefilter find, is passed on for the recognizer that calls them here.)
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_eponym_possessive import possessive_eponym
from hybridllm.classifiers.name_foreign_line import foreign_line
from hybridllm.classifiers.name_kind_lists import kind_item, kind_lists
from hybridllm.classifiers.name_labels import label
from hybridllm.classifiers.name_possessive import split_possessive
from hybridllm.classifiers.name_public import PUBLIC_RE, drop_public
from hybridllm.classifiers.name_shop import shop
from hybridllm.classifiers.name_sky import PLANETS, planet
from hybridllm.classifiers.name_web_results import web_quote
from hybridllm.classifiers.name_widen import trim_weekdays
from hybridllm.models import Finding

__all__ = ["PUBLIC_RE", "judged_public"]

_REPEAT = "names+repeat"
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s\Z", re.IGNORECASE)


def _words(text: str, f: Finding) -> set[str]:
    return {_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(text, f.start, f.end)}


def judged_public(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings :func:`~.name_public.drop_public` keeps (weekday abbreviations trimmed
    first, see :func:`~.name_widen.trim_weekdays`; a kept one that holds a possessive is judged
    again as the two parts it cuts, see :mod:`~.name_possessive`: ``Amdahl's Law`` goes whole,
    ``Rick Astley's Never Gonna`` in parts) and that are no planet amid words of space
    (:mod:`~.name_sky`), less the repeats of dropped mentions.

    Args:
        text: the text the findings were found in.
        findings: PERSON findings of ``text``, the repeats of found names among them.

    Returns:
        The findings to keep, in their order.
    """
    trimmed = trim_weekdays(text, findings)
    kept = drop_public(text, trimmed)
    split = split_possessive(text, kept)
    if split != kept:  # judged again as the parts they were cut to
        trimmed = trimmed + [f for f in split if f not in kept]
        kept = drop_public(text, split)
    low = text.lower()  # (a planet's name is one of PLANETS in lower case: none, no test)
    if any(name in low for name in PLANETS):
        kept = [f for f in kept if not planet(text, f)]  # "a space colonist on Mars"
    kept = [f for f in kept if not foreign_line(text, f)]  # "Mikä päivä on 1311861118074000"
    if "'" in text or "’" in text:  # (a possessive's apostrophe: none, no eponym's)
        kept = [f for f in kept if not possessive_eponym(text, f)]  # "Dalton's Law"
    if kind_lists(text):  # (a kind's noun: none, no lead-in, most texts)
        kept = [f for f in kept if not kind_item(text, f)]  # "the counties: ... Lee"
    kept = [f for f in kept if not label(text, f)]  # "| Clear Time |", "Patient Information:"
    kept = [f for f in kept if not shop(text, f)]  # "Gayle's Bakery"
    kept = [f for f in kept if not web_quote(text, f)]  # '[2] "... | by Paulo Pereira |'
    if len(kept) == len(trimmed) or not any(f.recognizer == _REPEAT for f in kept):
        return kept
    spans = {(f.start, f.end) for f in kept}
    dropped: set[str] = set()
    for f in trimmed:
        if f.recognizer != _REPEAT and (f.start, f.end) not in spans:
            dropped |= _words(text, f)
    if not dropped:
        return kept
    named: set[str] = set()
    for f in kept:
        if f.recognizer != _REPEAT:
            named |= _words(text, f)
    return [
        f
        for f in kept
        if f.recognizer != _REPEAT
        or not (words := _words(text, f))
        or not words <= dropped
        or bool(words & named)
    ]
