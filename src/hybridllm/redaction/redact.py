"""Build outbound payloads. Nothing else in hybridllm constructs an :class:`OutboundRequest`.

Adapters accept only :class:`OutboundRequest`; remote adapters additionally refuse one that was
built for local use from sensitive data (``local_only``). Together with the type, this makes
"an unredacted sensitive payload reaches a remote adapter" a bug that fails loudly.

What a remote payload gets, per message (system prompt, history and last turn alike):

1. every finding of a redacted category is replaced by its operator's token;
2. every value this scope already knows (from an earlier turn) is replaced again, even where
   the classifier missed it this time, so a conversation never leaks a value it once hid;
3. input text that looks like one of our tokens (a placeholder shape, or a surrogate of this
   scope) is itself replaced by a ``[LITERAL_n]`` placeholder: it reaches the model neutralised
   and comes back as the very text the user wrote, never as someone's value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hybridllm.errors import PrivacyViolationError
from hybridllm.models import Category, Finding, Message
from hybridllm.redaction.config import RedactionConfig
from hybridllm.redaction.literals import LiteralIndex
from hybridllm.redaction.operators import hmac_token, mask, surrogate_factory
from hybridllm.redaction.restore import restore
from hybridllm.redaction.tokens import shown
from hybridllm.redaction.vault import LITERAL_LABEL, Vault, is_word_char

__all__ = [
    "OutboundRequest",
    "Redaction",
    "local_request",
    "redact_messages",
    "redact_text",
    "retry_request",
]

_MINT_KEY = object()
_DEFAULT_CONFIG = RedactionConfig()


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    """A payload ready for an adapter, built by :func:`redact_messages` or :func:`local_request`.

    Attributes:
        messages: the messages exactly as the target will receive them.
        local_only: True if it carries raw values that the policy keeps on this machine.
        redacted_count: distinct values replaced (by any operator) in this payload.
    """

    messages: tuple[Message, ...] = field(repr=False)
    local_only: bool
    redacted_count: int = 0
    _key: object = field(default=None, repr=False, compare=False)
    placeholders: tuple[str, ...] = field(default=(), repr=False)
    """The restorable placeholders in ``messages``, as sent (sorted)."""

    def __post_init__(self) -> None:
        if self._key is not _MINT_KEY:
            raise PrivacyViolationError("OutboundRequest may only be built by hybridllm.redaction")


def local_request(messages: Sequence[Message], *, sensitive: bool) -> OutboundRequest:
    """The payload for a local target: unchanged, and marked local-only if it is sensitive."""
    return OutboundRequest(tuple(messages), local_only=sensitive, _key=_MINT_KEY)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    entity_type: str
    category: str | None  # None: placeholder-like input to neutralise


@dataclass(slots=True)
class _Job:
    """One :func:`redact_messages` call: the scope, the rules, and what it used so far."""

    vault: Vault
    wanted: frozenset[str]
    config: RedactionConfig
    avoid: tuple[str, ...]
    """Every input text: a new surrogate may not occur in any of them."""
    values: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Every value found in this payload: (entity type, category)."""
    index: LiteralIndex = field(default_factory=LiteralIndex)
    """The same values, to find them again in one pass."""
    used: set[str] = field(default_factory=set)
    placeholders: dict[str, str] = field(default_factory=dict)
    """Restorable placeholders minted for this payload: canonical token -> as sent."""
    reversible: bool = False
    """Whether any restorable token (placeholder, surrogate, literal) went out."""
    origin: str = "user"
    """Role of the message being redacted."""
    _hmac_key: bytes | None = None

    def hmac_key(self) -> bytes:
        if self._hmac_key is None:
            self._hmac_key = self.config.hmac_key()
            if self._hmac_key is None:  # validated at load time; never fall back to raw text
                raise PrivacyViolationError("the hmac operator has no key")
        return self._hmac_key


def _spans(
    content: str,
    findings: Iterable[Finding],
    job: _Job,
    candidates: list[tuple[str, int, int]] | None = None,
) -> list[_Span]:
    vault = job.vault
    spans = [_Span(f.start, f.end, f.entity_type, f.category) for f in findings]
    # Values the classifier found anywhere in this payload or on an earlier turn, found again
    # wherever it missed them (one pass over the text, however many values the scope holds).
    for start, end, value in vault.find_known(content, job.wanted, job.index):
        entry = vault.entry_for_value(job.wanted, value)
        if entry is not None and entry.category is not None:
            spans.append(_Span(start, end, entry.label, entry.category))
        elif value in job.values:
            etype, category = job.values[value]
            spans.append(_Span(start, end, etype, category))
    neutral = vault.find_neutral(content, candidates)
    spans.extend(_Span(s, e, LITERAL_LABEL, None) for s, e in neutral)
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[_Span] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            # Overlap: one token covers the union, so no part of a finding is ever left out.
            last = merged[-1]
            last.end = max(last.end, s.end)
            if last.category is None and s.category is not None:
                last.entity_type, last.category = s.entity_type, s.category
        else:
            merged.append(_Span(s.start, s.end, s.entity_type, s.category))
    return merged


def _redact_one(
    content: str,
    findings: Iterable[Finding],
    job: _Job,
    candidates: list[tuple[str, int, int]] | None = None,
) -> str:
    vault = job.vault
    spans = _spans(content, findings, job, candidates)
    for allow_surrogates in (True, False):
        parts: list[str] = []
        expected: list[str] = []  # what restoring the redacted text must give back
        pos = 0
        surrogates = False
        tokens: list[str] = []
        for k, s in enumerate(spans):
            value = content[s.start : s.end]
            before = content[pos : s.start]
            parts.append(before)
            expected.append(before)
            # the characters the token will sit between (another token's, when adjacent)
            glued = k + 1 < len(spans) and spans[k + 1].start == s.end
            around = (_last_char(parts), "x" if glued else content[s.end : s.end + 1])
            token, reversible, is_surrogate = _apply(s, content, job, allow_surrogates, around)
            surrogates = surrogates or is_surrogate
            parts.append(token)
            expected.append(value if reversible else token)
            if s.category is not None:
                tokens.append(token)
            pos = s.end
        parts.append(content[pos:])
        expected.append(content[pos:])
        out = "".join(parts)
        # Surrogates are plain text: make sure this one reads back unambiguously, or fall back.
        if not surrogates or restore(out, vault)[0] == "".join(expected):
            job.used.update(tokens)
            return out
    job.used.update(tokens)
    return out


def _last_char(parts: list[str]) -> str:
    for part in reversed(parts):
        if part:
            return part[-1]
    return ""


def _apply(
    s: _Span, content: str, job: _Job, allow_surrogates: bool, around: tuple[str, str]
) -> tuple[str, bool, bool]:
    """Token for one span: (token, restorable, is a surrogate)."""
    vault, config, avoid, origin = job.vault, job.config, job.avoid, job.origin
    value = content[s.start : s.end]
    if s.category is None:
        job.reversible = True
        token = vault.mint_literal(value)
        job.placeholders[token] = shown = _shown(token, around, config)
        return shown, True, False
    spec = config.operator_for(s.entity_type, s.category)
    if spec.operator in ("mask", "hmac"):
        if spec.operator == "mask":
            token = mask(value, spec)
        else:
            token = hmac_token(s.entity_type.upper(), value, job.hmac_key())
        token = vault.record_irreversible(s.entity_type, value, token, s.category, origin=origin)
        return token, False, False
    job.reversible = True
    if spec.operator == "surrogate" and allow_surrogates:
        glued = (s.start > 0 and is_word_char(content[s.start - 1])) or (
            s.end < len(content) and is_word_char(content[s.end])
        )
        factory = surrogate_factory(s.entity_type, config.surrogate_locale)
        if factory is not None and not glued:
            surrogate = vault.mint_surrogate(
                s.entity_type,
                value,
                factory,
                category=s.category,
                avoid=lambda cand: any(cand in text for text in avoid),
                origin=origin,
            )
            if surrogate is not None:
                return surrogate, True, True
    token = vault.mint(s.entity_type, value, category=s.category, origin=origin)
    job.placeholders[token] = shown = _shown(token, around, config)
    return shown, True, False


def _shown(token: str, around: tuple[str, str], config: RedactionConfig) -> str:
    return shown(token, config.placeholder_style, *around)


def redact_messages(
    messages: Sequence[Message],
    findings: Iterable[Finding],
    categories: Iterable[Category],
    vault: Vault,
    *,
    config: RedactionConfig | None = None,
    instruction: str | None = None,
) -> OutboundRequest:
    """Replace every finding of ``categories`` in every message, as the config's operators say.

    The same value gets the same token in all messages (system prompt, history, last turn) and,
    with a conversation's vault, on every turn. Each value remembers the role of the messages
    it was found in (its origin), for the restore policy.

    Args:
        messages: the payload as the caller gave it.
        findings: the classifier's findings (``message_index`` says which message).
        categories: the categories the policy redacts for this target.
        vault: the scope (one call, or a conversation).
        config: operators per category / entity type; placeholders everywhere by default.
        instruction: told to the model when the payload carries a restorable token: added to
            the first system message, or as a new one before the first message.
    """
    config = config or _DEFAULT_CONFIG
    wanted: frozenset[str] = frozenset(categories)
    by_message: dict[int, list[Finding]] = {}
    for f in findings:
        if f.category in wanted:
            by_message.setdefault(f.message_index, []).append(f)
    job = _Job(vault, wanted, config, tuple(m.content for m in messages))
    for i, fs in by_message.items():
        if 0 <= i < len(messages):
            for f in fs:
                value = messages[i].content[f.start : f.end]
                if value.strip():
                    job.values.setdefault(value, (f.entity_type, f.category))
                    job.index.add(value)
    with vault.batch():
        candidates = [vault.reserve(m.content) for m in messages]
        redacted: list[Message] = []
        for i, m in enumerate(messages):
            job.origin = m.role
            content = _redact_one(m.content, by_message.get(i, ()), job, candidates[i])
            redacted.append(Message(role=m.role, content=content))
    if instruction and job.reversible:
        redacted = _instruct(redacted, instruction)
    out = tuple(redacted)
    vault.matcher()  # compile the restore pattern now, so the reply's first token never waits
    return OutboundRequest(
        out,
        local_only=False,
        redacted_count=len(job.used),
        _key=_MINT_KEY,
        placeholders=tuple(job.placeholders[t] for t in sorted(job.placeholders)),
    )


def retry_request(request: OutboundRequest, note: str) -> OutboundRequest:
    """The payload of a retry after a reply kept junk: ``note`` names the placeholders there are.

    ``note``'s ``{placeholders}`` is replaced by the payload's placeholders (nothing else is
    added: they are already in the payload). A payload without placeholders is returned as is.
    """
    if not request.placeholders or request.local_only:
        return request
    text = note.replace("{placeholders}", ", ".join(request.placeholders))
    return OutboundRequest(
        tuple(_instruct(list(request.messages), text)),
        local_only=False,
        redacted_count=request.redacted_count,
        _key=_MINT_KEY,
        placeholders=request.placeholders,
    )


def _instruct(messages: list[Message], instruction: str) -> list[Message]:
    if messages and messages[0].role == "system":
        first = messages[0]
        merged = Message(role="system", content=f"{first.content}\n\n{instruction}")
        return [merged, *messages[1:]]
    return [Message(role="system", content=instruction), *messages]


class Redaction:
    """The result of :func:`hybridllm.redact`: placeholder text plus the means to restore it."""

    __slots__ = ("_vault", "findings", "text")

    def __init__(self, text: str, findings: tuple[Finding, ...], vault: Vault) -> None:
        self.text = text
        self.findings = findings
        self._vault = vault

    def __repr__(self) -> str:
        return f"Redaction(<{len(self.text)} chars>, findings={len(self.findings)})"

    def restore(self, reply_text: str) -> str:
        """Put the original values back wherever a token of this redaction appears."""
        return restore(reply_text, self._vault)[0]

    def restore_json(self, reply_json: str) -> str:
        """Like :meth:`restore`, for JSON text: values are escaped so the JSON stays valid."""
        from hybridllm.redaction.restore import restore_json

        return restore_json(reply_json, self._vault)[0]


def redact_text(
    text: str,
    findings: tuple[Finding, ...],
    *,
    config: RedactionConfig | None = None,
    vault: Vault | None = None,
) -> Redaction:
    """Redact every finding of every category in ``text`` (what a remote target would get)."""
    vault = vault if vault is not None else Vault()
    req = redact_messages(
        [Message(role="user", content=text)],
        findings,
        ("PII", "PHI", "SECRET"),
        vault,
        config=config,
    )
    return Redaction(req.messages[0].content, findings, vault)
