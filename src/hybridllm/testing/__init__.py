"""Public test helpers: wire-level servers that stand in for cloud and Ollama endpoints.

- :class:`RecordingProxy` records what an SDK sends and forwards it to a real upstream
  (a local llama-server).
- :class:`OllamaShim` speaks Ollama's HTTP API and forwards to llama-server's OpenAI API.

Both record every request and inject wire-level faults into the next ones (:class:`Fault`:
HTTP errors with ``Retry-After``, delays, dropped connections, malformed bodies, streams cut
mid-way), through ``inject`` or the shorthands ``fail_next``, ``delay_next``,
``disconnect_next``, ``malformed_next`` and ``cut_stream_next``.
"""

from hybridllm.testing.faults import Fault, FaultKind
from hybridllm.testing.ollama_shim import OllamaShim
from hybridllm.testing.recording import (
    LoopbackServer,
    RecordedRequest,
    RecordingProxy,
    RecordingServer,
)

__all__ = [
    "Fault",
    "FaultKind",
    "LoopbackServer",
    "OllamaShim",
    "RecordedRequest",
    "RecordingProxy",
    "RecordingServer",
]
