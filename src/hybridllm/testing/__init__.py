"""Public test helpers: wire-level servers that stand in for cloud and Ollama endpoints.

- :class:`RecordingProxy` records what an SDK sends and forwards it to a real upstream
  (a local llama-server), with fault injection.
- :class:`OllamaShim` speaks Ollama's HTTP API and forwards to llama-server's OpenAI API.
"""

from hybridllm.testing.ollama_shim import OllamaShim
from hybridllm.testing.recording import LoopbackServer, RecordedRequest, RecordingProxy

__all__ = ["LoopbackServer", "OllamaShim", "RecordedRequest", "RecordingProxy"]
