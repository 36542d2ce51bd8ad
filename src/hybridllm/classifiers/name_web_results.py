"""Layout and greetings inside a quoted web page are the page's, not the prompt's.

:mod:`~.name_public_web` finds the snippets of pasted search results (a numbered quote of a page
and its address on the next line) and :func:`~.name_public.drop_public` drops the names in them,
unless a record, a table row or a personal cue is near: the evidence it reads for any name.
Inside a snippet a table's bar and a greeting or a sign-off are the page's own text, a byline
or a forum signature (``Auto Complete Search Bar | by Paulo Pereira | ProAndroidDev``, ``Kind
regards Sidney 1 person found this reply helpful``), and say nothing of a private person the
prompt discloses. :func:`web_quote` takes a finding for a public name of the page where it lies
inside a snippet and

- no contact detail, long number or street address is near it (a people-search page's
  ``Jane Roe, 555-0134`` stays);
- the prompt names the same words nowhere outside the snippets (in its question: ``Query: what
  has Jane Roe written``, the user asks about that person).
"""

from __future__ import annotations

from hybridllm.classifiers.name_public_record import Records
from hybridllm.classifiers.name_public_web import in_snippet, web_snippets
from hybridllm.models import Finding

__all__ = ["web_quote"]

_POSSESSIVES = ("'s", "’s")


def web_quote(text: str, f: Finding) -> bool:
    """Whether the PERSON finding ``f`` of ``text`` is a name of a quoted web page, named
    nowhere else and with no contact details near (see the module docstring)."""
    if "URL:" not in text and "Source:" not in text:
        return False  # most texts: no snippet to find
    spans = web_snippets(text)
    if not in_snippet(spans, f.start, f.end) or Records(text).near(f.start, f.end):
        return False
    low = text.lower()
    name = low[f.start : f.end]
    for end in _POSSESSIVES:
        name = name.removesuffix(end)
    at = low.find(name)
    while at >= 0:
        if not in_snippet(spans, at, at + len(name)):
            return False  # named outside the quotes too: the user asks about them
        at = low.find(name, at + len(name))
    return True
