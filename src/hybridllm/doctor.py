"""``hybridllm doctor``: is every configured target reachable, authorised, and serving its model?

Each check makes one cheap, content-free request through the target's own adapter and SDK
(``models.list`` for OpenAI-compatible servers, ``count_tokens`` for Anthropic, ``list`` for
Ollama, a one-token chat for Cohere), so it sees exactly what a call would see: base URL,
API key, TLS, proxies.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any

from hybridllm.adapters import build_adapter
from hybridllm.config import Settings, TargetConfig
from hybridllm.errors import HybridLLMError, ProviderError, TransientProviderError

__all__ = ["TargetCheck", "check_all", "check_target"]


@dataclass(frozen=True)
class TargetCheck:
    """The outcome of checking one target."""

    target: str
    adapter: str
    model: str
    locality: str
    ok: bool
    problem: str = ""
    hint: str = ""
    latency_ms: float = 0.0


def _models(adapter: Any, cfg: TargetConfig) -> list[str] | None:
    """Model names the endpoint serves (None when the API cannot list them)."""
    if cfg.adapter in ("openai", "llamacpp"):
        return [m.id for m in adapter._client().models.list()]
    if cfg.adapter == "ollama":
        listed = adapter._client().list()
        return [m.model for m in listed.models]
    if cfg.adapter == "cohere":
        # no cheap model check in Cohere's v2 API: one token of chat proves auth and model
        adapter._client().chat(
            model=cfg.model, messages=[{"role": "user", "content": "ping"}], max_tokens=1
        )
        return None
    # Anthropic: counting tokens needs auth and a valid model, and generates nothing.
    adapter._client().messages.count_tokens(
        model=cfg.model, messages=[{"role": "user", "content": "ping"}]
    )
    return None


def _hint(cfg: TargetConfig, err: HybridLLMError) -> tuple[str, str]:
    status = err.status if isinstance(err, ProviderError) else None
    if status in (401, 403):
        env = cfg.api_key_env or "the API key variable"
        return f"authentication refused (HTTP {status})", f"check {env}"
    if status == 404:
        pull = f"`ollama pull {cfg.model}`" if cfg.adapter == "ollama" else "the model name"
        return f"model '{cfg.model}' not found (HTTP 404)", f"check {pull}"
    if isinstance(err, TransientProviderError):
        where = cfg.base_url or "the SDK's default endpoint"
        hint = (
            "start it: `hybridllm local start`"
            if cfg.adapter == "llamacpp"
            else f"is {where} up and reachable?"
        )
        return f"unreachable ({type(err).__name__})", hint
    if "not set" in str(err):
        return "API key missing", f"export {cfg.api_key_env}=..."
    return type(err).__name__, "see the error type; run with a single call to reproduce"


def check_target(name: str, cfg: TargetConfig) -> TargetCheck:
    """Check one target; never raises for provider problems, it reports them."""
    make = functools.partial(TargetCheck, name, cfg.adapter, cfg.model, cfg.effective_locality)
    t = time.perf_counter()
    try:
        adapter = build_adapter(name, cfg)
    except HybridLLMError as exc:
        return make(ok=False, problem=type(exc).__name__, hint=str(exc))
    try:
        models = _models(adapter, cfg)
    except HybridLLMError as exc:
        problem, hint = _hint(cfg, exc)
        return make(ok=False, problem=problem, hint=hint)
    except Exception as exc:  # an SDK error: map it the way a real call would
        problem, hint = _hint(cfg, adapter._map_error(exc))  # type: ignore[attr-defined]
        return make(ok=False, problem=problem, hint=hint)
    finally:
        adapter.close()
    ms = (time.perf_counter() - t) * 1000
    if (
        models is not None
        and cfg.model not in models
        and not any(m.split(":")[0] == cfg.model for m in models)
    ):
        shown = ", ".join(models[:5]) or "none"
        return make(
            ok=False,
            problem=f"model '{cfg.model}' not served (serves: {shown})",
            hint="fix `model` in the target, or load/pull the model",
            latency_ms=ms,
        )
    return make(ok=True, latency_ms=ms)


def check_all(settings: Settings) -> list[TargetCheck]:
    """Check every configured target, in config order."""
    return [check_target(name, cfg) for name, cfg in settings.targets.items()]
