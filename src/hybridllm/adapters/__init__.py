"""Stage 4 of the flow, call: one adapter per provider SDK, each with a locality.

SDKs are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hybridllm.adapters.base import Adapter, CallOptions, ChatResponse, StreamDelta
from hybridllm.errors import ConfigError

if TYPE_CHECKING:
    from hybridllm.config import TargetConfig

__all__ = ["Adapter", "CallOptions", "ChatResponse", "StreamDelta", "build_adapter"]


def build_adapter(name: str, config: TargetConfig) -> Adapter:
    """Create the adapter for a configured target (the SDK is imported here, not before)."""
    if config.adapter == "openai":
        from hybridllm.adapters.openai import OpenAIAdapter

        return OpenAIAdapter(name, config)
    if config.adapter == "llamacpp":
        from hybridllm.adapters.llamacpp import LlamaCppAdapter

        return LlamaCppAdapter(name, config)
    if config.adapter == "anthropic":
        from hybridllm.adapters.anthropic import AnthropicAdapter

        return AnthropicAdapter(name, config)
    if config.adapter == "ollama":
        from hybridllm.adapters.ollama import OllamaAdapter

        return OllamaAdapter(name, config)
    if config.adapter == "cohere":
        from hybridllm.adapters.cohere import CohereAdapter

        return CohereAdapter(name, config)
    raise ConfigError("unknown adapter", key=f"targets.{name}.adapter", expected="a known adapter")
