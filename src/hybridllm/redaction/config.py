"""Redaction settings: which operator replaces which data, how long a scope lives, where it lives.

In ``hybridllm.toml``::

    [redaction]
    ttl_seconds = 3600               # a vault entry is forgotten an hour after its last use
    store = "memory"                 # or "encrypted": conversations that outlive the process,
                                     # or "redis": conversations shared by every worker
    store_path = ".hybridllm-vault"  # directory of the encrypted store
    redis_url_env = "HYBRIDLLM_REDIS_URL"  # store = "redis": the URL (may hold a password) ...
    # redis_url = "redis://127.0.0.1:6379/0"   # ... or here when it holds none
    conversation_ttl_seconds = 86400 # store = "redis": a conversation is erased a day after its
                                     # last change
    key_env = "HYBRIDLLM_VAULT_KEY"  # AES-256-GCM key (urlsafe base64 of 32 bytes) ...
    # key_file = "/run/secrets/hybridllm-vault.key"   # ... or a file holding it
    hmac_key_env = "HYBRIDLLM_HMAC_KEY"
    surrogate_locale = "en_US"
    placeholder_style = "bracket"    # [EMAIL_ADDRESS_1]; or "bare": EMAIL_ADDRESS_1

    [redaction.operators]            # by category or by entity type (entity type wins)
    PII = "placeholder"              # placeholder | mask | hmac | surrogate
    PERSON = "surrogate"
    CREDIT_CARD = { operator = "mask", keep_last = 4 }
    SECRET = "hmac"

Keys never appear in the config itself, only the name of the variable or file that holds them.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hybridllm.errors import ConfigError

__all__ = [
    "DEFAULT_INSTRUCTION",
    "RETRY_NOTE",
    "CategoryRestore",
    "OperatorConfig",
    "OperatorName",
    "PlaceholderStyle",
    "RedactionConfig",
    "RestoreConfig",
]

OperatorName = Literal["placeholder", "mask", "hmac", "surrogate"]
PlaceholderStyle = Literal["bare", "bracket"]


class OperatorConfig(BaseModel):
    """How one category or entity type is replaced before a payload leaves the machine.

    Attributes:
        operator: ``placeholder`` (reversible token, the default), ``mask`` (irreversible
            ``****``), ``hmac`` (keyed hash: the same value gives the same token in every scope,
            for correlation without reversal), ``surrogate`` (a realistic fake from Faker,
            consistent per scope and restored like a placeholder).
        mask_char: the character a mask is made of.
        keep_last: characters a mask leaves visible at the end (e.g. 4 for card numbers).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    operator: OperatorName = "placeholder"
    mask_char: str = Field(default="*", min_length=1, max_length=1)
    keep_last: int = Field(default=0, ge=0, le=8)


_DEFAULT_OPERATOR = OperatorConfig()


def _read_key(env: str, file: str | None, what: str) -> bytes | None:
    raw: str | None = None
    if file:
        try:
            raw = Path(file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"{what} key file unreadable ({type(exc).__name__})", key=file
            ) from None
    elif env and os.environ.get(env):
        raw = os.environ[env].strip()
    if raw is None:
        return None
    try:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        # never echo the key: name where it came from and what it should look like
        raise ConfigError(
            f"{what} key is not valid",
            source=file or f"${env}",
            expected="urlsafe base64 of 32 random bytes (hybridllm.redaction.generate_key())",
        )
    return key


class RedactionConfig(BaseModel):
    """The ``[redaction]`` table of ``hybridllm.toml`` (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    operators: dict[str, OperatorConfig] = Field(default_factory=dict)
    """Keyed by category (PII, PHI, SECRET) or entity type (PERSON, EMAIL_ADDRESS, ...)."""
    ttl_seconds: float | None = Field(default=None, gt=0)
    """Forget a vault entry this long after its last use; None keeps it for the scope's life."""
    store: Literal["memory", "encrypted", "redis"] = "memory"
    store_path: str = ".hybridllm-vault"
    redis_url: str = "redis://127.0.0.1:6379/0"
    """``store = "redis"``: where Redis is, unless ``$redis_url_env`` is set (it wins)."""
    redis_url_env: str = "HYBRIDLLM_REDIS_URL"
    redis_prefix: str = "hybridllm"
    """Namespace of this SDK's Redis keys (the rest of each key name is an HMAC)."""
    conversation_ttl_seconds: float | None = Field(default=86400, gt=0)
    """``store = "redis"``: Redis drops a conversation this long after its last change."""
    key_env: str = "HYBRIDLLM_VAULT_KEY"
    key_file: str | None = None
    hmac_key_env: str = "HYBRIDLLM_HMAC_KEY"
    hmac_key_file: str | None = None
    surrogate_locale: str = "en_US"
    placeholder_style: PlaceholderStyle = "bracket"
    """How a placeholder is written into the payload: ``bracket`` (``[EMAIL_ADDRESS_1]``) or
    ``bare`` (``EMAIL_ADDRESS_1``; brackets kept where it would touch a letter, digit, ``_``,
    backslash or bracket, so it always reads back as itself). Restore reads both."""

    @field_validator("operators", mode="before")
    @classmethod
    def _normalise_operators(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, spec in value.items():
            out[str(key).upper()] = {"operator": spec} if isinstance(spec, str) else spec
        return out

    @model_validator(mode="after")
    def _check_keys(self) -> RedactionConfig:
        # Fail at load time, not in the middle of a call, when a needed key is missing.
        if self.store != "memory" and self.vault_key() is None:
            raise ValueError(f"store = {self.store!r} needs a key in ${self.key_env} or key_file")
        uses_hmac = any(op.operator == "hmac" for op in self.operators.values())
        if uses_hmac and self.hmac_key() is None:
            raise ValueError(
                f"the hmac operator needs a key in ${self.hmac_key_env} or hmac_key_file"
            )
        return self

    def operator_for(self, entity_type: str, category: str) -> OperatorConfig:
        """The operator for one finding: its entity type's, else its category's, else default."""
        return (
            self.operators.get(entity_type.upper())
            or self.operators.get(category)
            or _DEFAULT_OPERATOR
        )

    def vault_key(self) -> bytes | None:
        """The encrypted store's key (32 bytes), or None when none is configured."""
        return _read_key(self.key_env, self.key_file, "vault")

    def resolved_redis_url(self) -> str:
        """The Redis URL: ``$redis_url_env`` if set, else ``redis_url``."""
        return (os.environ.get(self.redis_url_env) if self.redis_url_env else None) or (
            self.redis_url
        )

    def hmac_key(self) -> bytes | None:
        """The HMAC operator's key (32 bytes), or None when none is configured."""
        return _read_key(self.hmac_key_env, self.hmac_key_file, "hmac")


Origin = Literal["system", "user", "assistant", "tool"]

DEFAULT_INSTRUCTION = (
    "Some values in this conversation were replaced by placeholders in square brackets, such "
    "as [TYPE_N]. Each stands for a real value. When you refer to one, "
    "copy the placeholder exactly, brackets and all; never invent new ones."
)
"""Added to a redacted payload (``[restore] instruction``); see docs/benchmarks.md."""

RETRY_NOTE = (
    "The only placeholders in this conversation are: {placeholders}. Copy them exactly; "
    "write no other placeholder."
)
"""Added to the payload of the one retry (``[restore] retry_note``); ``{placeholders}`` lists
the placeholders the payload carries, as sent."""


class CategoryRestore(BaseModel):
    """Where the values of one category may be restored.

    Attributes:
        text: restore into reply text (and JSON-mode output).
        tool_arguments: ``never``, ``marked`` (only arguments the caller marked) or ``always``.
        origins: message roles a value must have come from to be restored into reply text
            (``system``: the system prompt; ``tool``: a tool result).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: bool = True
    tool_arguments: Literal["never", "marked", "always"] = "marked"
    origins: tuple[Origin, ...] = ("user", "assistant")


_SECRET_RULE = CategoryRestore(text=False, tool_arguments="never")


class RestoreConfig(BaseModel):
    """The ``[restore]`` table: where restored values may go (invariant 8), and what to do
    about placeholders the model mangled beyond recognition.

    In ``hybridllm.toml``::

        [restore]
        on_unrestored = "retry"           # ignore | warn | fail | retry
        PII = { text = true, tool_arguments = "marked" }
        SECRET = { text = false, tool_arguments = "never" }

        [restore.tool_arguments]          # tool -> arguments that may receive PII/PHI
        send_mail = ["to"]

    Per call: ``client.complete(..., restore={"SECRET": {"text": True}})``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    pii: CategoryRestore = Field(default_factory=CategoryRestore, alias="PII")
    """``[restore.PII]``: into reply text yes, into tool arguments only marked ones."""
    phi: CategoryRestore = Field(default_factory=CategoryRestore, alias="PHI")
    """``[restore.PHI]``: as PII."""
    secret: CategoryRestore = Field(default=_SECRET_RULE, alias="SECRET")
    """``[restore.SECRET]``: never restored, neither into reply text nor tool arguments."""
    tool_arguments: dict[str, list[str]] = Field(default_factory=dict)
    """Tool name -> top-level argument names that may receive ``marked`` categories' values."""
    on_unrestored: Literal["ignore", "warn", "fail", "retry"] = "retry"
    """Placeholder-like text left in a reply: ``warn`` (audit warning), ``fail`` (raise
    UnrestoredPlaceholderError), ``retry`` (the default: ask the same target once more, with
    ``retry_note`` naming the placeholders there are, and keep the second reply; the audit
    record says ``unrestored_retried``; a stream, which cannot be asked again, carries the
    note from the start and is only warned about)."""
    retry_note: str = RETRY_NOTE
    """What the retry adds to the payload; ``{placeholders}`` is replaced by its placeholders."""
    instruction: str | None = DEFAULT_INSTRUCTION
    """Told to the model (as a system message) when a payload carries placeholders; None: off."""

    def rule(self, category: str) -> CategoryRestore:
        """The rule of a category (an unknown one gets the strictest, SECRET's)."""
        return {"PII": self.pii, "PHI": self.phi}.get(category, self.secret)

    def merged(self, override: RestoreConfig | Mapping[str, Any] | None) -> RestoreConfig:
        """This config with a per-call override applied (a mapping overrides field by field)."""
        if override is None:
            return self
        if isinstance(override, RestoreConfig):
            return override
        base = self.model_dump(by_alias=True)
        for name, value in override.items():
            key = name.upper() if name.upper() in ("PII", "PHI", "SECRET") else name
            if isinstance(value, Mapping) and isinstance(base.get(key), dict):
                base[key] = {**base[key], **value}
            else:
                base[key] = value
        return RestoreConfig.model_validate(base)
