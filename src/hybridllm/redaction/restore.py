"""Restore tokens in a reply: whole, incrementally while streaming, or inside JSON.

Only tokens minted by the reply's own vault are restored (placeholders by lookup, in any form
of the supported mangling set of :mod:`hybridllm.redaction.shapes`; surrogates by their exact
text as whole words); anything else is left exactly as the model wrote it.

With a :class:`~hybridllm.redaction.policy.RestorePolicy`, a minted token is restored only
where the policy lets its value go (reply text, or a tool-call argument); a withheld token is
written in its canonical form and counted in the :class:`RestoreReport` (types, never values).

The streaming restorer holds back only a suffix that could still become a token and releases
everything before it, so its output is always exactly the whole-text restore of the same reply,
however the reply was cut into chunks (the property tests check every cut).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from hybridllm.redaction.policy import RestorePolicy, Where
from hybridllm.redaction.shapes import junk_label, loose_hold_len, loose_token
from hybridllm.redaction.vault import Entry, Vault

__all__ = [
    "RestoreReport",
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


@dataclass
class RestoreReport:
    """What a restore did, in counts and types only (safe to log and to audit).

    Attributes:
        restored: tokens replaced by their values.
        withheld: tokens left as placeholders because the policy keeps their value out of
            that place, by ``(where, reason, category, entity type)``.
        junk: placeholder-like text left in the reply that no minted token accounts for
            (``[NAME_1]``, ``[PERS``), by label.
    """

    restored: int = 0
    withheld: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    junk: Counter[str] = field(default_factory=Counter)
    retried: bool = False
    """The first reply kept junk and was asked again (``on_unrestored = "retry"``)."""

    def merge(self, other: RestoreReport) -> None:
        """Add another report's counts to this one."""
        self.restored += other.restored
        self.withheld.update(other.withheld)
        self.junk.update(other.junk)
        self.retried = self.retried or other.retried


@dataclass(slots=True)
class _Ctx:
    """Where restored text goes, under which policy, and what to record."""

    policy: RestorePolicy | None = None
    where: Where = "text"
    arg_allowed: bool = False
    report: RestoreReport | None = None
    gaps: list[str] | None = None

    def value_for(self, entry: Entry) -> tuple[str, bool]:
        """What replaces the token here: the value, or the canonical token if withheld."""
        reason = None
        if self.policy is not None:
            reason = self.policy.check(entry, self.where, arg_allowed=self.arg_allowed)
        if reason is None:
            return entry.value, True
        if self.report is not None:
            self.report.withheld[(self.where, reason, entry.category or "", entry.label)] += 1
        return entry.token, False

    def gap(self, text: str) -> None:
        """Keep raw reply text that no token covers (scanned for junk at the end)."""
        if self.gaps is not None:
            self.gaps.append(text)


def _candidate(
    pattern: re.Pattern[str], s: str, i: int, cut: int, *, final: bool, surrogates: bool
) -> tuple[int, int, int, str] | int | None:
    """The next token candidate at or after ``i``: (start, text start, end, canonical token).

    An int is where to stop (a candidate that might continue past ``cut``); None: no more.
    """
    while (m := pattern.search(s, i)) is not None:
        start, end = m.span()
        if start >= cut:
            return None
        if surrogates and m.group("sur") is not None:
            # A surrogate is a whole word: without the next character it is not decided yet.
            if end > cut or (not final and end == len(s)):
                return start
            return start, start, end, m.group(0)
        got = loose_token(m)
        if got is None:
            i = start + 1
            continue
        if end > cut:
            return start
        return start, got[1], end, got[0]
    return None


def _restore(
    s: str, pos: int, cut: int, vault: Vault, *, final: bool, scan: _JsonScan | None, ctx: _Ctx
) -> tuple[str, int, int]:
    """Restore tokens in ``s[pos:cut]``; return the text, the count and where it stopped.

    It stops early (before ``cut``) at a token that might continue past ``cut``. A candidate
    that is not a token of this scope is skipped one character at a time, so a minted token
    inside it (``[x PERSON_1]``) is still found, and nothing is ever guessed.
    """
    pattern, _, _ = vault.matcher(markdown=scan is None)
    surrogates = "sur" in pattern.groupindex
    out: list[str] = []
    last = i = pos
    count = 0
    while True:
        found = _candidate(pattern, s, i, cut, final=final, surrogates=surrogates)
        if found is None:
            break
        if isinstance(found, int):
            cut = found
            break
        start, tstart, end, token = found
        entry = _resolve(vault, token)
        if entry is None:
            i = start + 1
            continue
        value, restored = ctx.value_for(entry)
        count += restored
        if scan is not None:
            scan.advance(s, last, tstart)
            repl = scan.encode(value)
            scan.advance(s, tstart, end)
        else:
            repl = value
        out.append(s[last:tstart])
        ctx.gap(s[last:tstart])
        out.append(repl)
        last = i = end
    tail = _cut_token(s, last, cut, vault) if final and scan is None and cut == len(s) else None
    if tail is not None:  # the reply ends inside a placeholder (cut by max_tokens)
        tstart, entry = tail
        value, restored = ctx.value_for(entry)
        count += restored
        out.append(s[last:tstart])
        ctx.gap(s[last:tstart])
        out.append(value)
        return "".join(out), count, cut
    if scan is not None:
        scan.advance(s, last, cut)
    out.append(s[last:cut])
    ctx.gap(s[last:cut])
    return "".join(out), count, cut


def _resolve(vault: Vault, token: str) -> Entry | None:
    """The entry of a canonical token; ``[LABEL]`` (number dropped) only if its label is unique
    (a label may end in digits of its own: ``[AGE_OVER_89]``; ``[PERSON_9]`` names no label)."""
    entry = vault.resolve(token)
    if entry is not None or token[:1] != "[" or token[-1:] != "]":
        return entry
    sole = vault.sole_token(token[1:-1])
    return None if sole is None else vault.resolve(sole)


_CUT_RE = re.compile(r"(?<!\\)\[ ?([A-Za-z][A-Za-z0-9 _\-]{3,48})\Z")


def _cut_token(s: str, last: int, cut: int, vault: Vault) -> tuple[int, Entry] | None:
    """A placeholder cut off at the very end of the reply, if exactly one minted token fits."""
    m = _CUT_RE.search(s, max(last, cut - 52), cut)
    if m is None:
        return None
    fragment = re.sub(r"[ \-]", "_", m.group(1)).upper()
    sole = vault.sole_token(fragment, prefix=True)
    entry = None if sole is None else vault.resolve(sole)
    if entry is None or (len(fragment) < 6 and len(fragment) < len(entry.label)):
        return None  # "[Pers" may as well be "[Personal ...": too little to be sure
    return m.start(), entry


def _finish(ctx: _Ctx, count: int) -> None:
    if ctx.report is not None:
        ctx.report.restored += count
        if ctx.gaps is not None:
            # \x00 never occurs in a junk pattern: gaps are scanned apart, the last one at the end
            ctx.report.junk.update(junk_label("\x00".join(ctx.gaps)))


def _ctx(policy: RestorePolicy | None, report: RestoreReport | None, where: Where) -> _Ctx:
    return _Ctx(policy, where, False, report, [] if report is not None else None)


def restore(
    text: str,
    vault: Vault,
    *,
    policy: RestorePolicy | None = None,
    report: RestoreReport | None = None,
) -> tuple[str, int]:
    """Replace every token minted by ``vault`` (where ``policy`` allows); leave anything else.

    Args:
        text: reply text.
        vault: the scope whose tokens are restored.
        policy: where values may go (None: restore every minted token).
        report: filled with what was restored, withheld and left as junk.

    Returns:
        The restored text and the number of tokens replaced.
    """
    ctx = _ctx(policy, report, "text")
    out, n, _ = _restore(text, 0, len(text), vault, final=True, scan=None, ctx=ctx)
    _finish(ctx, n)
    return out, n


def restore_json(
    text: str,
    vault: Vault,
    *,
    policy: RestorePolicy | None = None,
    report: RestoreReport | None = None,
    where: Where = "text",
) -> tuple[str, int]:
    """Restore tokens in JSON text (JSON mode output, tool-call arguments); keep it valid.

    A token inside a JSON string becomes the JSON-escaped value; a bare token (invalid JSON
    where a value belongs) becomes a JSON string. Works on partial or invalid JSON too: it
    never parses, it only tracks whether each token sits inside a string.
    """
    ctx = _ctx(policy, report, where)
    out, n, _ = _restore(text, 0, len(text), vault, final=True, scan=_JsonScan(), ctx=ctx)
    _finish(ctx, n)
    return out, n


def _restore_str(s: str, vault: Vault, ctx: _Ctx, *, json_text: bool) -> str:
    scan = _JsonScan() if json_text else None
    out, n, _ = _restore(s, 0, len(s), vault, final=True, scan=scan, ctx=ctx)
    if ctx.report is not None:
        ctx.report.restored += n
    return out


def restore_value(
    obj: Any,
    vault: Vault,
    *,
    policy: RestorePolicy | None = None,
    report: RestoreReport | None = None,
    allowed: Collection[str] | None = None,
) -> Any:
    """Restore tokens in every string (keys included) of already-parsed JSON data.

    With a ``policy``, the data are tool-call arguments: ``allowed`` names the top-level
    arguments the caller marked as allowed to receive values (see ``RestorePolicy``).
    """
    where: Where = "text" if policy is None else "tool_arguments"

    def walk(o: Any, ok: bool) -> Any:
        if isinstance(o, str):
            ctx = _Ctx(policy, where, ok, report, None)
            return _restore_str(o, vault, ctx, json_text=False)
        if isinstance(o, Mapping):
            return {walk(k, False): walk(v, ok) for k, v in o.items()}
        if isinstance(o, list | tuple):
            return [walk(v, ok) for v in o]
        return o

    if isinstance(obj, Mapping) and policy is not None:
        marked = allowed or ()
        return {walk(k, False): walk(v, k in marked) for k, v in obj.items()}
    return walk(obj, True)


def restore_tool_arguments(
    arguments: str | Mapping[str, Any],
    vault: Vault,
    *,
    policy: RestorePolicy | None = None,
    report: RestoreReport | None = None,
    tool: str = "",
) -> Any:
    """Restore a tool call's arguments: an OpenAI JSON string, or an Anthropic ``input`` dict.

    Args:
        arguments: the arguments as the provider returned them.
        vault: the scope.
        policy: where values may go; None restores every minted token (no policy).
        report: filled with what was restored and withheld.
        tool: the tool's name (the policy's marked arguments are per tool).

    Returns:
        The same shape as given: a JSON string stays a (valid) JSON string.
    """
    allowed = policy.allowed_arguments(tool) if policy is not None else None
    if isinstance(arguments, str):
        if policy is not None:
            try:
                parsed = json.loads(arguments)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                done = restore_value(parsed, vault, policy=policy, report=report, allowed=allowed)
                return json.dumps(done, ensure_ascii=False)
        # not an object: no argument is marked, so only what the policy allows everywhere
        ctx = _Ctx(policy, "tool_arguments", False, report, None)
        return _restore_str(arguments, vault, ctx, json_text=True)
    return restore_value(arguments, vault, policy=policy, report=report, allowed=allowed)


def _surrogate_hold(buf: str, prefixes: frozenset[str], longest: int) -> int:
    for k in range(min(longest, len(buf)), 0, -1):
        if buf[-k:] in prefixes:
            return k
    return 0


class StreamRestorer:
    """Incremental restore: feed chunks, get restored text out as early as is safe.

    Only a suffix that could still become a token (in any supported mangled form) is held
    back; at the end of the stream, :meth:`flush` emits whatever is left (restored only if it
    is a whole token; never guessed). The output is always exactly :func:`restore` (or
    :func:`restore_json`) of the whole reply, under the same policy.

    Args:
        vault: the scope whose tokens are restored.
        json_mode: the reply is JSON (JSON mode, tool-call arguments): keep it valid.
        policy: where values may go (None: restore every minted token).
    """

    __slots__ = ("_ctx", "_pending", "_policy", "_raw", "_scan", "_vault", "report", "restored")

    def __init__(
        self, vault: Vault, *, json_mode: bool = False, policy: RestorePolicy | None = None
    ) -> None:
        self._vault = vault
        self._pending = ""
        self._ctx = ""  # the last released raw character: word boundaries need it
        self._scan = _JsonScan() if json_mode else None
        self._policy = policy
        self._raw: list[str] = []
        self.restored = 0
        self.report = RestoreReport()
        """Filled by :meth:`flush` (restored, withheld and junk counts for the whole reply)."""

    def _hold(self, buf: str) -> int:
        _, prefixes, longest = self._vault.matcher(markdown=self._scan is None)
        bodies = self._vault.body_prefixes()
        return max(loose_hold_len(buf, bodies), _surrogate_hold(buf, prefixes, longest))

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the text that can be released now."""
        self._raw.append(chunk)
        buf = self._pending + chunk
        hold = self._hold(buf)
        s = self._ctx + buf
        pos = len(self._ctx)
        ctx = _Ctx(self._policy, "text", False, None, None)
        out, n, cut = _restore(
            s, pos, len(s) - hold, self._vault, final=False, scan=self._scan, ctx=ctx
        )
        if cut > pos:
            self._ctx = s[cut - 1]
        self._pending = s[cut:]
        self.restored += n
        return out

    def flush(self) -> str:
        """End of stream: release what is held back (restored if it is a whole token)."""
        s = self._ctx + self._pending
        pos = len(self._ctx)
        ctx = _Ctx(self._policy, "text", False, None, None)
        out, n, _ = _restore(s, pos, len(s), self._vault, final=True, scan=self._scan, ctx=ctx)
        self._pending = ""
        self._ctx = s[-1:] if len(s) > pos else self._ctx
        self.restored += n
        # The report comes from one pass over the whole raw reply: junk split across chunks
        # is seen whole, and the counts are those a non-streaming call would report.
        report = RestoreReport()
        whole = "".join(self._raw)
        if self._scan is not None:
            restore_json(whole, self._vault, policy=self._policy, report=report)
        else:
            restore(whole, self._vault, policy=self._policy, report=report)
        self.report = report
        return out
