"""Restore tokens in a reply: whole, incrementally while streaming, or inside JSON.

Only tokens minted by the reply's own vault are restored (placeholders by lookup, surrogates by
their exact text as whole words); anything else is left exactly as the model wrote it.

The streaming restorer holds back only a suffix that could still become a token and releases
everything before it, so its output is always exactly the whole-text restore of the same reply,
however the reply was cut into chunks (the property tests check every cut).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from hybridllm.redaction.vault import Vault, placeholder_prefix_len

__all__ = [
    "StreamRestorer",
    "restore",
    "restore_json",
    "restore_tool_arguments",
    "restore_value",
]

_JSON_SPECIAL = re.compile(r'["\\]')


class _JsonScan:
    """Tracks whether the text released so far ends inside a JSON string."""

    __slots__ = ("escape", "in_string")

    def __init__(self) -> None:
        self.in_string = False
        self.escape = False

    def advance(self, s: str, start: int, end: int) -> None:
        i = start
        if self.escape and i < end:
            self.escape = False
            i += 1
        while True:
            m = _JSON_SPECIAL.search(s, i, end)
            if m is None:
                return
            j = m.start()
            if not self.in_string:
                self.in_string = s[j] == '"'  # outside a string a backslash means nothing
                i = j + 1
            elif s[j] == "\\":
                if j + 1 >= end:
                    self.escape = True
                    return
                i = j + 2
            else:
                self.in_string = False
                i = j + 1

    def encode(self, value: str) -> str:
        """The value as it must appear here: escaped in a string, a JSON string outside one."""
        quoted = json.dumps(value, ensure_ascii=False)
        return quoted[1:-1] if self.in_string else quoted


def _restore(
    s: str, pos: int, cut: int, vault: Vault, *, final: bool, scan: _JsonScan | None
) -> tuple[str, int, int]:
    """Restore tokens in ``s[pos:cut]``; return the text, the count and where it stopped.

    It stops early (before ``cut``) at a token that might continue past ``cut``.
    """
    pattern, _, _ = vault.matcher()
    out: list[str] = []
    last = pos
    count = 0
    for m in pattern.finditer(s, pos):
        start, end = m.span()
        if start >= cut:
            break
        # A surrogate is a whole word: without the next character it is not decided yet.
        undecided = not final and end == len(s) and m.group(1) is None
        if end > cut or undecided:
            cut = start
            break
        value = vault.lookup(m.group(0))
        if value is None:
            continue
        if scan is not None:
            scan.advance(s, last, start)
            repl = scan.encode(value)
            scan.advance(s, start, end)
        else:
            repl = value
        out.append(s[last:start])
        out.append(repl)
        last = end
        count += 1
    if scan is not None:
        scan.advance(s, last, cut)
    out.append(s[last:cut])
    return "".join(out), count, cut


def restore(text: str, vault: Vault) -> tuple[str, int]:
    """Replace every token minted by ``vault``; leave anything else untouched.

    Returns:
        The restored text and the number of tokens replaced.
    """
    out, n, _ = _restore(text, 0, len(text), vault, final=True, scan=None)
    return out, n


def restore_json(text: str, vault: Vault) -> tuple[str, int]:
    """Restore tokens in JSON text (JSON mode output, tool-call arguments); keep it valid.

    A token inside a JSON string becomes the JSON-escaped value; a bare token (invalid JSON
    where a value belongs) becomes a JSON string. Works on partial or invalid JSON too: it
    never parses, it only tracks whether each token sits inside a string.
    """
    out, n, _ = _restore(text, 0, len(text), vault, final=True, scan=_JsonScan())
    return out, n


def restore_value(obj: Any, vault: Vault) -> Any:
    """Restore tokens in every string (keys included) of already-parsed JSON data."""
    if isinstance(obj, str):
        return restore(obj, vault)[0]
    if isinstance(obj, Mapping):
        return {restore_value(k, vault): restore_value(v, vault) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [restore_value(v, vault) for v in obj]
    return obj


def restore_tool_arguments(arguments: str | Mapping[str, Any], vault: Vault) -> Any:
    """Restore a tool call's arguments: an OpenAI JSON string, or an Anthropic ``input`` dict.

    Returns:
        The same shape as given: a JSON string stays a (valid) JSON string.
    """
    if isinstance(arguments, str):
        return restore_json(arguments, vault)[0]
    return restore_value(arguments, vault)


def _surrogate_hold(buf: str, prefixes: frozenset[str], longest: int) -> int:
    for k in range(min(longest, len(buf)), 0, -1):
        if buf[-k:] in prefixes:
            return k
    return 0


class StreamRestorer:
    """Incremental restore: feed chunks, get restored text out as early as is safe.

    Only a suffix that could still become a token is held back; at the end of the stream,
    :meth:`flush` emits whatever is left (restored only if it is a whole token; never guessed).

    Args:
        vault: the scope whose tokens are restored.
        json_mode: the reply is JSON (JSON mode, tool-call arguments): keep it valid.
    """

    __slots__ = ("_ctx", "_pending", "_scan", "_vault", "restored")

    def __init__(self, vault: Vault, *, json_mode: bool = False) -> None:
        self._vault = vault
        self._pending = ""
        self._ctx = ""  # the last released raw character: surrogates need a word boundary
        self._scan = _JsonScan() if json_mode else None
        self.restored = 0

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the text that can be released now."""
        buf = self._pending + chunk
        _, prefixes, longest = self._vault.matcher()
        hold = max(placeholder_prefix_len(buf), _surrogate_hold(buf, prefixes, longest))
        s = self._ctx + buf
        pos = len(self._ctx)
        out, n, cut = _restore(s, pos, len(s) - hold, self._vault, final=False, scan=self._scan)
        if cut > pos:
            self._ctx = s[cut - 1]
        self._pending = s[cut:]
        self.restored += n
        return out

    def flush(self) -> str:
        """End of stream: release what is held back (restored if it is a whole token)."""
        s = self._ctx + self._pending
        pos = len(self._ctx)
        out, n, _ = _restore(s, pos, len(s), self._vault, final=True, scan=self._scan)
        self._pending = ""
        self._ctx = s[-1:] if len(s) > pos else self._ctx
        self.restored += n
        return out
