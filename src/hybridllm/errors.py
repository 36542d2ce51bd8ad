"""The hybridllm exception tree.

Every error the SDK raises on purpose derives from :class:`HybridLLMError`::

    HybridLLMError
    ├── ConfigError                 bad toml, env or arguments (names file, key, expectation)
    ├── InputError                  bad request: empty, huge, wrong type, unknown role, bad UTF-8
    │   └── UnknownTargetError      a target name that the config does not define
    ├── ClassificationError         the classifier failed (the call fails closed, see Decision)
    ├── PolicyError
    │   ├── BlockedError            the policy blocks this payload (raised only when asked to raise)
    │   └── PrivacyViolationError   an internal guard refused to send raw sensitive data remotely
    ├── ProviderError               a target failed
    │   ├── TransientProviderError  retryable: 429, 5xx, 529, timeouts, connection errors
    │   │   └── ProviderTimeoutError  no answer in time (connect, first token, read): fails over
    │   └── PermanentProviderError  not retryable: 400, 401/403, 404, content filter
    ├── NoTargetAvailableError      every target allowed for this route failed (carries the hops)
    ├── UnrestoredPlaceholderError  the reply kept placeholder-like text (on_unrestored=fail)
    ├── MissingDependencyError      an optional SDK is missing (names the extra); an ImportError
    ├── VaultUnavailableError       the shared vault (Redis) failed: nothing redacted or sent
    └── AuditError                  the audit store could not be written or read
        └── AuditVerificationError  the hash chain does not verify (names the first bad record)

Messages never contain raw matched text: they name entity types, offsets and counts only.
"""

from __future__ import annotations

__all__ = [
    "AuditError",
    "AuditVerificationError",
    "BlockedError",
    "ClassificationError",
    "ConfigError",
    "HybridLLMError",
    "InputError",
    "MissingDependencyError",
    "NoTargetAvailableError",
    "PermanentProviderError",
    "PolicyError",
    "PrivacyViolationError",
    "ProviderError",
    "ProviderTimeoutError",
    "TransientProviderError",
    "UnknownTargetError",
    "UnrestoredPlaceholderError",
    "VaultUnavailableError",
    "describe_error",
]


class HybridLLMError(Exception):
    """Root of every error hybridllm raises on purpose."""


class ConfigError(HybridLLMError):
    """The configuration is invalid.

    Attributes:
        source: the file (or "environment" / "arguments") the bad value came from.
        key: dotted key of the bad value, e.g. ``policy.PHI``.
        expected: what a valid value looks like.
    """

    def __init__(
        self, message: str, *, source: str = "", key: str = "", expected: str = ""
    ) -> None:
        self.source = source
        self.key = key
        self.expected = expected
        parts = [message]
        if source:
            parts.append(f"in {source}")
        if key:
            parts.append(f"at key '{key}'")
        if expected:
            parts.append(f"expected {expected}")
        detail = f" ({'; '.join(parts[1:])})" if parts[1:] else ""
        super().__init__(message + detail)


class InputError(HybridLLMError, ValueError):
    """The request itself is invalid; nothing was classified or sent."""


class UnknownTargetError(InputError):
    """A target name that the effective config does not define."""


class ClassificationError(HybridLLMError):
    """The classifier failed. Calls fail closed when this happens."""


class PolicyError(HybridLLMError):
    """Base for policy refusals."""


class BlockedError(PolicyError):
    """The policy blocks this payload."""


class PrivacyViolationError(PolicyError):
    """A guard refused to hand an unredacted sensitive payload to a remote adapter.

    Reaching this is a bug in hybridllm, never in the caller: it is the last line of defence.
    """


class ProviderError(HybridLLMError):
    """A provider call failed.

    Attributes:
        target: the target name that failed.
        status: HTTP status if known.
        retry_after: seconds the provider asked us to wait, if it said.
    """

    def __init__(
        self,
        message: str,
        *,
        target: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.target = target
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class TransientProviderError(ProviderError):
    """A fault worth retrying: rate limits, 5xx, overload, timeouts, connection errors."""


class ProviderTimeoutError(TransientProviderError):
    """The target did not answer in time: no connection, no first token, or a silent stream.

    While a later target in the chain could take the call, a timeout is not retried on the same
    target: a server that accepted the request and said nothing is likely to do it again.
    """


class PermanentProviderError(ProviderError):
    """A fault that retrying will not fix: bad request, auth, unknown model, content filter."""


class NoTargetAvailableError(HybridLLMError):
    """Every target the policy allows for this call failed or was skipped.

    Attributes:
        hops: ``(target, outcome)`` pairs in the order they were tried.
        audit_id: id of the audit record written for the failed call.
    """

    def __init__(self, message: str, *, hops: list[tuple[str, str]], audit_id: str = "") -> None:
        self.hops = hops
        self.audit_id = audit_id
        super().__init__(message)


class MissingDependencyError(HybridLLMError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""


class VaultUnavailableError(HybridLLMError):
    """The shared vault store could not be read or written (e.g. Redis is down).

    Raised before a payload is redacted, so nothing went out: a remote hop is skipped (and
    audited as such); a local hop does not need the vault and still runs.
    """


class AuditError(HybridLLMError):
    """The audit store failed."""


class AuditVerificationError(AuditError):
    """The audit chain does not verify.

    Attributes:
        record_id: id of the first record that fails verification.
    """

    def __init__(self, message: str, *, record_id: str = "") -> None:
        self.record_id = record_id
        super().__init__(message)


def describe_error(error: BaseException | None, *, where: str | None = None) -> str:
    """One hop's failure in words a user can act on, never payload text.

    Our adapters build their messages from the target name, HTTP status, exception type
    names and configuration facts only (``cloud: environment variable OPENAI_API_KEY is not
    set``, ``local: HTTP 429 (RateLimitError)``), so the message is safe to show and to audit;
    the leading ``target:`` is dropped because the hop already names the target. A
    connection failure says where it tried to connect (``where``: the target's base URL).
    """
    if error is None:
        return ""
    text = str(error)
    target = getattr(error, "target", "")
    if target and text.startswith(f"{target}: "):
        text = text[len(target) + 2 :]
    kind = type(error).__name__
    if isinstance(error, ProviderTimeoutError):
        return f"{kind}: no answer in time from {where or 'the endpoint'} ({text})"
    if isinstance(error, TransientProviderError) and error.status is None:
        place = where or "the SDK's default endpoint"
        return f"{kind}: cannot reach {place} ({text})"
    if isinstance(
        error, ProviderError | MissingDependencyError | ConfigError | VaultUnavailableError
    ):
        return f"{kind}: {text}" if text else kind
    return kind  # anything else: the type only (its message is not ours to vouch for)


class UnrestoredPlaceholderError(HybridLLMError):
    """The reply kept placeholder-like text that no minted token accounts for.

    Raised only with ``[restore] on_unrestored = "fail"``, after the call was audited.

    Attributes:
        counts: label -> occurrences (e.g. ``{"NAME": 1}``), never a value.
        audit_id: id of the call's audit record.
    """

    def __init__(self, message: str, *, counts: dict[str, int], audit_id: str) -> None:
        super().__init__(message)
        self.counts = counts
        self.audit_id = audit_id
