"""Griffe extension: turn Sphinx cross-reference roles in docstrings into mkdocs links.

The docstrings use Sphinx roles (``:func:`name```, ``:class:`~pkg.Name```, ``:meth:``,
``:mod:``, ``:attr:``, ``:data:``, ``:exc:``, ``:obj:``). mkdocstrings renders docstrings as
Markdown, where a role is literal text (``:func:`` then a code span). This extension rewrites
each role, before rendering, into an mkdocs-autorefs reference to the object's full path
(resolved in the scope of the documented object, as Sphinx would): a link where that object is
documented on the site, plain code where it is not (``optional``, so an object left out of the
API pages is not a broken-link error under ``mkdocs build --strict``).

Used from ``mkdocs.yml`` (``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(func|class|meth|mod|attr|data|exc|obj|const):`(~?)([^`<>]+)`")
_CALLABLE = frozenset({"func", "meth"})


def _resolve(obj: griffe.Object, name: str) -> str | None:
    """The full path ``name`` means where ``obj`` is documented, or None if unknown."""
    name = name.lstrip(".")
    head, _, rest = name.partition(".")
    scope: griffe.Object | None = obj
    while scope is not None:
        try:
            base = scope.resolve(head)
        except (griffe.NameResolutionError, AttributeError, KeyError):
            base = None
        if base:
            return f"{base}.{rest}" if rest else base
        if head in scope.members:
            path = scope.members[head].path
            return f"{path}.{rest}" if rest else path
        scope = scope.parent
    return name if name.startswith("hybridllm") else None


def _replace(obj: griffe.Object, match: re.Match[str]) -> str:
    role, short, name = match.group(1), match.group(2), match.group(3).strip()
    title = name.rsplit(".", 1)[-1] if short else name
    if role in _CALLABLE and not title.endswith(")"):
        title += "()"
    code = f"<code>{html.escape(title)}</code>"
    target = _resolve(obj, name)
    if target is None:  # e.g. a builtin exception: shown as code, not linked
        return code
    return f'<autoref identifier="{html.escape(target)}" optional>{code}</autoref>'


def rewrite(obj: griffe.Object, text: str) -> str:
    """``text`` with every Sphinx role replaced (see the module docstring)."""
    return _ROLE.sub(lambda m: _replace(obj, m), text)


class SphinxRoles(griffe.Extension):
    """Rewrites the roles of every docstring of the loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Walk the package once it is loaded (names resolve only then)."""
        seen: set[int] = set()
        stack: list[griffe.Object] = [pkg]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = rewrite(obj, obj.docstring.value)
            stack.extend(m for m in obj.members.values() if not m.is_alias)
