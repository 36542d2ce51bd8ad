"""The nicks of a chat log pasted in lower case: ``<akam> who's on for the raid at 9`` /
``<njei> me`` / ``<jaures> maybe``.

Two lines or more that start with a word in angle brackets and go on with text, two different
words at least: each word is a participant when it could be a name (a listed name, or a word
in no English list) and is no HTML or XML tag (``<div> hello``, ``<li> item``), no function
word and no role (``<user>``, ``<assistant>``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import name_like
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, TokenLexicon

__all__ = ["nick_lines"]

_NICK_LINE = re.compile(r"(?m)^[ \t]*<([a-zß-öø-ÿ][\w'’.-]{1,30})>[ \t]+[^\W\d_<]")
_TAG_TEXT = (
    "div span li ul ol td tr th table body html head title script style form input label button"
    " option select img section article nav header footer main aside pre code blockquote strong"
    " small sup sub item name value text data message user assistant system human bot model"
)
_NOT_NICKS = frozenset(_TAG_TEXT.split())
_MIN_LINES = 2


def nick_lines(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the nicks of a lower-case chat log (see the module docstring).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans of the nicks, at every line they start.
    """
    lines = list(_NICK_LINE.finditer(text)) if "<" in text else []
    if len(lines) < _MIN_LINES or len({m.group(1) for m in lines}) < _MIN_LINES:
        return []
    return [
        m.span(1)
        for m in lines
        if m.group(1) not in _NOT_NICKS
        and m.group(1) not in FUNCTION_WORDS
        and (name_like(lex, m.group(1)) or m.group(1) in lex.first)
    ]
