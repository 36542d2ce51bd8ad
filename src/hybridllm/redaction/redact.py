"""Build outbound payloads. Nothing else in hybridllm constructs an :class:`OutboundRequest`.

Adapters accept only :class:`OutboundRequest`; remote adapters additionally refuse one that was
built for local use from sensitive data (``local_only``). Together with the type, this makes
"an unredacted sensitive payload reaches a remote adapter" a bug that fails loudly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hybridllm.errors import PrivacyViolationError
from hybridllm.models import Category, Finding, Message
from hybridllm.redaction.restore import restore
from hybridllm.redaction.vault import Vault

__all__ = ["OutboundRequest", "Redaction", "local_request", "redact_messages", "redact_text"]

_MINT_KEY = object()


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    """A payload ready for an adapter, built by :func:`redact_messages` or :func:`local_request`.

    Attributes:
        messages: the messages exactly as the target will receive them.
        local_only: True if it carries raw values that the policy keeps on this machine.
        redacted_count: distinct values replaced by placeholders.
    """

    messages: tuple[Message, ...] = field(repr=False)
    local_only: bool
    redacted_count: int = 0
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._key is not _MINT_KEY:
            raise PrivacyViolationError("OutboundRequest may only be built by hybridllm.redaction")


def local_request(messages: Sequence[Message], *, sensitive: bool) -> OutboundRequest:
    """The payload for a local target: unchanged, and marked local-only if it is sensitive."""
    return OutboundRequest(tuple(messages), local_only=sensitive, _key=_MINT_KEY)


def _redact_one(content: str, findings: Iterable[Finding], vault: Vault) -> str:
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos:  # overlapping span: already covered by the previous replacement
            continue
        parts.append(content[pos : f.start])
        parts.append(vault.mint(f.entity_type, content[f.start : f.end]))
        pos = f.end
    parts.append(content[pos:])
    return "".join(parts)


def redact_messages(
    messages: Sequence[Message],
    findings: Iterable[Finding],
    categories: Iterable[Category],
    vault: Vault,
) -> OutboundRequest:
    """Replace every finding of ``categories`` in every message by a placeholder from ``vault``.

    The same value gets the same placeholder in all messages (system prompt, history, last turn).
    """
    wanted = frozenset(categories)
    for m in messages:
        vault.reserve(m.content)
    before = len(vault)
    by_message: dict[int, list[Finding]] = {}
    for f in findings:
        if f.category in wanted:
            by_message.setdefault(f.message_index, []).append(f)
    out = tuple(
        Message(role=m.role, content=_redact_one(m.content, by_message.get(i, ()), vault))
        if i in by_message
        else m
        for i, m in enumerate(messages)
    )
    return OutboundRequest(
        out, local_only=False, redacted_count=len(vault) - before, _key=_MINT_KEY
    )


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
        """Put the original values back wherever a placeholder of this redaction appears."""
        return restore(reply_text, self._vault)[0]


def redact_text(text: str, findings: tuple[Finding, ...]) -> Redaction:
    """Redact every finding of every category in ``text`` (what a remote target would get)."""
    vault = Vault()
    req = redact_messages(
        [Message(role="user", content=text)], findings, ("PII", "PHI", "SECRET"), vault
    )
    return Redaction(req.messages[0].content, findings, vault)
