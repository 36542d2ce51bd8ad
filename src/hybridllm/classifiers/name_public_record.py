"""Contact details and identifiers near a name: a private person's record, not a mention of a
public figure (the evidence :mod:`hybridllm.classifiers.name_public` keeps a name for).

:func:`record_near` tells whether an e-mail address, a phone number, a long number or an id, or
a street address stands within ``_NEAR`` characters of a name. Digits inside a web address are
none of these: pasted web search results, citations and links carry article ids and dates in
their URLs (``https://www.aljazeera.com/news/2021/11/14/...-192654``,
``https://stackoverflow.com/questions/64419367/...``), and every public name beside them read
as a record. A match that lies in a URL (a whitespace-delimited token holding ``://`` or
starting ``www.``) does not count; an e-mail address or a phone number written beside the URL
still does.
"""

from __future__ import annotations

import re

__all__ = ["NEAR", "record_near"]

NEAR = 150  # characters around a name searched for contact details
_RECORD = re.compile(
    r"[\w.+-]+@[\w-]+\.\w"  # e-mail address
    r"|\+?\(?\d{2,4}\)?[ .-]\d{3}[ .-]?\d{3,4}\b"  # phone number
    r"|\b\d{6,}\b|#\d{3,}\b|\b[A-Z]{1,4}-?\d{4,}\b"  # long number, ticket / account id
    r"|\b\d{1,5}[ \t]+(?:[A-Z]\w+[ \t]+){1,3}(?i:street|st|avenue|ave|road|rd|lane|ln|drive"
    r"|boulevard|blvd|way|court|ct|place|pl)\b"  # street address
)
_SPACE = re.compile(r"\s")


def record_near(text: str, start: int, end: int) -> bool:
    """Whether contact details or an identifier stand within ``NEAR`` characters of
    ``text[start:end]``, outside web addresses (see the module docstring).

    Args:
        text: the text.
        start: offset of the name.
        end: end offset of the name.

    Returns:
        True when a record-like match lies near the name and not inside a URL.
    """
    lo, hi = max(0, start - NEAR), min(len(text), end + NEAR)
    if "://" not in text and "www." not in text:  # most texts: one search
        return _RECORD.search(text, lo, hi) is not None
    return any(not _in_url(text, m.start(), m.end()) for m in _RECORD.finditer(text, lo, hi))


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in a whitespace-delimited token that is a web address."""
    i = start
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    m = _SPACE.search(text, end)
    token = text[i : m.start() if m else len(text)]
    return "://" in token or token.startswith(("www.", "(www.", "[www."))
