"""A llama.cpp server (``llama-server``) through its OpenAI-compatible API."""

from __future__ import annotations

from hybridllm.adapters.openai import OpenAIAdapter

__all__ = ["LlamaCppAdapter"]


class LlamaCppAdapter(OpenAIAdapter):
    """llama-server speaks OpenAI's chat API under ``/v1``; its API key is optional."""

    extra = "openai"
    default_api_key = "no-key"

    def _base_url(self) -> str | None:
        url = (self.config.base_url or "http://127.0.0.1:8080").rstrip("/")
        return url if url.endswith("/v1") else url + "/v1"
