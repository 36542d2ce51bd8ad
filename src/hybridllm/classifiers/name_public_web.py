"""Names quoted from public web pages: the snippets of pasted web search results.

Prompts often paste web search results for the model to answer from (browser extensions write
them so)::

    Web search results:

    [1] "Tim Cook said the company ... Luca Maestri, Apple's CFO ..."
    URL: https://www.example-news.com/...

    [2] "..."
    URL: https://...

    Query: ...

Each snippet is text a public web page shows to anyone, with the page's address after it: the
people it names (``Jules Rimet``, ``Lionel Scaloni``, ``Katherine Burton``) are named in public
already, and redacting them strips the answer of its subject. :func:`web_snippets` finds the
snippets (a numbered quote followed by a ``URL:`` or a ``Source:`` line); a finding inside one
is of the kind ``"web"``. What the user writes around them (the query, the instructions) is not
a snippet and is judged as any prose. As for every kind,
:func:`hybridllm.classifiers.name_public.drop_public` keeps a name with contact details or a
personal cue near it, and every name of a clinical text (but see :mod:`.name_web_results`: a
table's bar or a sign-off inside a snippet is the page's).
"""

from __future__ import annotations

import re

__all__ = ["in_snippet", "web_snippets"]

_SNIPPET_START = re.compile(r"^\[\d{1,3}\][ \t]*[\"“]", re.MULTILINE)
_SNIPPET_END = re.compile(r"[\"”][ \t]*\r?\n(?:URL|Source):[ \t]*https?://")
_MAX_SNIPPET = 3000  # characters: a search result's snippet is short


def web_snippets(text: str) -> list[tuple[int, int]]:
    """The spans of the web search results' snippets of ``text``, in order (none in most
    texts: the search runs only when ``URL:`` occurs).

    Args:
        text: the text.

    Returns:
        (start, end) of each snippet's quoted text.
    """
    if "URL:" not in text and "Source:" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for m in _SNIPPET_START.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        end = _SNIPPET_END.search(text, m.end(), m.end() + _MAX_SNIPPET)
        if end is not None:
            spans.append((m.end(), end.start()))
    return spans


def in_snippet(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the snippet ``spans``."""
    return any(lo <= start and end <= hi for lo, hi in spans)
