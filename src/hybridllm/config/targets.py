"""One target of the configuration: an adapter, a model, where to reach it, what it promises.

:class:`TargetConfig` (``[targets.<name>]``) and :class:`Requirement` (``[requirements]``: what a
remote target must offer before a category may go to it). Re-exported by :mod:`hybridllm.config`.
"""

from __future__ import annotations

import os
from ipaddress import ip_address
from typing import Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field

from hybridllm.errors import ConfigError
from hybridllm.models import Locality

__all__ = ["AdapterName", "Requirement", "TargetConfig"]

AdapterName = Literal["llamacpp", "ollama", "openai", "anthropic", "cohere"]
_LOCAL_ADAPTERS: frozenset[str] = frozenset({"llamacpp", "ollama"})


def _is_loopback(url: str | None) -> bool:
    if not url:
        return True  # the SDK default for a local adapter is localhost
    host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _first_token_default() -> float | None:
    """3 s, or ``$HYBRIDLLM_FIRST_TOKEN_TIMEOUT`` (seconds, or "none") for every target that
    does not set its own: e.g. for endpoints known to be slow to start (CPU servers)."""
    raw = os.environ.get("HYBRIDLLM_FIRST_TOKEN_TIMEOUT", "").strip()
    if not raw:
        return 3.0
    if raw.lower() == "none":
        return None
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(
            "invalid first-token timeout",
            source="environment",
            key="HYBRIDLLM_FIRST_TOKEN_TIMEOUT",
            expected="seconds or 'none'",
        ) from None


class TargetConfig(BaseModel):
    """One named target: an adapter, a model and where to reach it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adapter: AdapterName
    model: str = Field(min_length=1)
    base_url: str | None = None
    """Endpoint; for ``ollama`` this is the host URL. Defaults to each SDK's own default."""
    api_key_env: str | None = None
    """Name of the environment variable holding the API key (the key itself is never in config)."""
    timeout: float = Field(default=60.0, gt=0)
    """Per-attempt cap in seconds: the longest wait for a reply (or between stream chunks) when
    no later target could take the call."""
    connect_timeout: float = Field(default=2.0, gt=0)
    """Seconds to establish a connection."""
    first_token_timeout: float | None = Field(default_factory=_first_token_default, gt=0)
    """While a later target in the chain could still take the call: seconds of silence allowed
    before the first token of a stream (and between its chunks), plus one per 50,000 prompt
    characters (prefill); also the base of the wait for a whole reply (see
    ``min_tokens_per_second``). A timeout is not retried on this target: the call fails over at
    once. None: wait up to ``timeout``."""
    min_tokens_per_second: float = Field(default=20.0, gt=0)
    """A non-streamed reply is awaited ``first_token_timeout + max_tokens / this`` seconds
    while a later target could take the call: a server that has not answered by then is hung."""
    max_retries: int = Field(default=2, ge=0, le=10)
    """Retries after the first attempt, on transient errors only."""
    backoff_multiplier: float = Field(default=0.1, ge=0)
    backoff_max: float = Field(default=2.0, ge=0)
    """Exponential backoff with full jitter: ``random(0, min(max, multiplier * 2**n))`` seconds."""
    retry_after_cap: float = Field(default=30.0, ge=0)
    """A provider's Retry-After is honoured up to this many seconds."""
    cooldown_after: int = Field(default=3, ge=1)
    """Consecutive failed calls after which the target is skipped (circuit open) ..."""
    cooldown_seconds: float = Field(default=30.0, ge=0)
    """... for this long; then one call probes it again."""
    max_tokens: int = Field(default=512, gt=0)
    locality: Locality | None = None
    """Defaults to "local" for llamacpp/ollama on a loopback address, "remote" otherwise."""
    region: str | None = None
    """Data residency of the endpoint, e.g. "eu", "us"."""
    retention_days: int | None = Field(default=None, ge=0)
    """How long the provider keeps inputs; 0 with a zero-data-retention agreement."""
    trains_on_inputs: bool | None = None
    """Whether the provider may use inputs for training (None: unknown, treated as yes)."""
    baa: bool = False
    """A HIPAA Business Associate Agreement covers this endpoint."""
    zdr: bool = False
    """A zero-data-retention agreement covers this endpoint."""

    def attributes(self) -> dict[str, str | int | bool | None]:
        """The compliance-relevant attributes, as recorded in the audit log."""
        return {
            "locality": self.effective_locality,
            "region": self.region,
            "retention_days": self.retention_days,
            "trains_on_inputs": self.trains_on_inputs,
            "baa": self.baa,
            "zdr": self.zdr,
        }

    @property
    def effective_locality(self) -> Locality:
        """Where a payload sent to this target ends up."""
        if self.locality is not None:
            return self.locality
        if self.adapter in _LOCAL_ADAPTERS and _is_loopback(self.base_url):
            return "local"
        return "remote"


class Requirement(BaseModel):
    """What a remote target must offer before a category of data may be sent to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    baa: bool = False
    zdr: bool = False
    regions: list[str] | None = None
    max_retention_days: int | None = Field(default=None, ge=0)
    no_training: bool = False

    def unmet(self, target: TargetConfig) -> list[str]:
        """Human-readable reasons why ``target`` does not satisfy this requirement."""
        out: list[str] = []
        if self.baa and not target.baa:
            out.append("needs baa = true")
        if self.zdr and not target.zdr:
            out.append("needs zdr = true")
        if self.regions is not None and target.region not in self.regions:
            out.append(f"needs region in {self.regions} (target: {target.region})")
        if self.max_retention_days is not None and (
            target.retention_days is None or target.retention_days > self.max_retention_days
        ):
            out.append(f"needs retention_days <= {self.max_retention_days}")
        if self.no_training and target.trains_on_inputs is not False:
            out.append("needs trains_on_inputs = false")
        return out
