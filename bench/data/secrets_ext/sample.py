"""Draw random strings that fully match a regular expression (for the secrets evaluation data).

Walks the parse tree of Python's own regex parser (as the ``rstr``/``exrex`` generators do),
bounded: an open repeat (``*``, ``+``, ``{n,}``) draws at most ``n + 12`` items. Lookarounds and
anchors produce nothing; a conditional or back-reference raises :class:`UnsamplableError`.
"""

from __future__ import annotations

import random
import re
import string
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as p  # type: ignore[attr-defined]
from typing import Any

_PRINTABLE = string.ascii_letters + string.digits + "_-./+=@#"
_CATEGORY = {
    c.CATEGORY_DIGIT: string.digits,
    c.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
    c.CATEGORY_SPACE: " ",
    c.CATEGORY_NOT_DIGIT: string.ascii_letters,
    c.CATEGORY_NOT_WORD: "-.+/",
    c.CATEGORY_NOT_SPACE: _PRINTABLE,
}


class UnsamplableError(ValueError):
    """The expression uses a construct the sampler does not draw from."""


def _class_chars(items: list[tuple[Any, Any]]) -> str:
    chars: list[str] = []
    negate = False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            chars.append(chr(av))
        elif op is c.RANGE:
            chars.extend(chr(i) for i in range(av[0], av[1] + 1))
        elif op is c.CATEGORY:
            chars.extend(_CATEGORY[av])
        else:
            raise UnsamplableError(str(op))
    if negate:
        return "".join(ch for ch in _PRINTABLE if ch not in set(chars))
    return "".join(dict.fromkeys(chars))


def _draw(tree: Any, rng: random.Random, groups: dict[int, str]) -> str:  # noqa: PLR0912
    out: list[str] = []
    for op, av in tree:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.NOT_LITERAL:
            out.append(rng.choice([ch for ch in _PRINTABLE if ord(ch) != av]))
        elif op is c.ANY:
            out.append(".")  # an unescaped "." in a rule almost always means a literal dot
        elif op is c.IN:
            out.append(rng.choice(_class_chars(av)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            hi = min(hi, lo + 12) if hi is not c.MAXREPEAT else lo + 12
            out.extend(_draw(sub, rng, groups) for _ in range(rng.randint(lo, hi)))
        elif op is c.BRANCH:
            out.append(_draw(rng.choice(av[1]), rng, groups))
        elif op is c.SUBPATTERN:
            gid, _add, _del, sub = av
            text = _draw(sub, rng, groups)
            if gid is not None:
                groups[gid] = text
            out.append(text)
        elif op is c.ATOMIC_GROUP:
            out.append(_draw(av, rng, groups))
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        elif op is c.CATEGORY:
            out.append(rng.choice(_CATEGORY[av]))
        else:
            raise UnsamplableError(str(op))
    return "".join(out)


def _find_group(tree: Any, gid: int) -> Any:
    for op, av in tree:
        if op is c.SUBPATTERN:
            if av[0] == gid:
                return av[3]
            found = _find_group(av[3], gid)
            if found is not None:
                return found
        elif op is c.BRANCH:
            for alt in av[1]:
                found = _find_group(alt, gid)
                if found is not None:
                    return found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            found = _find_group(av[2], gid)
            if found is not None:
                return found
    return None


def sample(regex: str, rng: random.Random, group: int | str = 0, tries: int = 40) -> str:
    """A random string matched by ``regex`` (or by its capture group ``group``).

    The draw is re-checked with ``re.fullmatch`` against the group's own pattern when the group
    is the whole expression; for a sub-group, the caller checks it in context.

    Raises:
        UnsamplableError: the expression (or group) cannot be drawn from.
    """
    tree = p.parse(regex)
    if isinstance(group, str):
        group = tree.state.groupdict[group]
    sub = tree if group == 0 else _find_group(tree, group)
    if sub is None:
        raise UnsamplableError(f"no group {group}")
    for _ in range(tries):
        text = _draw(sub, rng, {})
        if group != 0 or re.fullmatch(regex, text):
            return text
    raise UnsamplableError("no full match drawn")
