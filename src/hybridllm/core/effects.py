"""What the completion flow yields and returns: its effects, and the session of a stream.

The flow (:mod:`hybridllm.core.flow`) yields :class:`Classify`, :class:`Call` and
:class:`WriteAudit`; a driver performs each and sends back the result (for a call, a
:class:`CallResult`). For ``stream=True`` the flow returns a :class:`StreamSession`, which
restores the deltas as they come and builds the audit record at the end. Re-exported by
:mod:`hybridllm.core.flow`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from hybridllm.adapters.base import Adapter, CallOptions, ChatResponse, StreamDelta
from hybridllm.config import TargetConfig
from hybridllm.core.flow_state import CallState, elapsed_ms
from hybridllm.core.restore_flow import check_unrestored
from hybridllm.cost import CostConfig, call_cost
from hybridllm.errors import HybridLLMError, describe_error
from hybridllm.models import AuditRecord, Completion, Usage
from hybridllm.redaction import OutboundRequest, StreamRestorer

__all__ = ["Call", "CallResult", "Classify", "StreamSession", "WriteAudit"]


@dataclass(frozen=True, slots=True)
class Classify:
    """Effect: classify these message texts. Send back a Classification or the exception."""

    texts: tuple[str, ...]
    timeout: float | None = None
    """Seconds the classification may take; past it the call fails closed (None: no bound)."""


@dataclass(frozen=True, slots=True)
class Call:
    """Effect: call ``adapter`` with retries. Send back a :class:`CallResult`.

    For ``stream=True`` the driver opens the stream and reads up to the first delta with text
    inside the retry loop (so a failure before the first token can still fall back), then
    hands the rest back. A failure after the first token raises from the stream iterator:
    text has already reached the caller, so falling back would duplicate output.
    """

    target: str
    adapter: Adapter
    request: OutboundRequest
    options: CallOptions
    stream: bool
    config: TargetConfig
    deadline_at: float
    """``time.monotonic()`` value after which no attempt may start: the call's deadline less
    what the later hops are guaranteed (:func:`hybridllm.core.hops.hop_reserve`)."""
    has_next: bool = False
    """A later target could take the call: a hang fails over instead of being waited out."""


@dataclass(slots=True)
class CallResult:
    """What the driver observed for one :class:`Call`."""

    response: ChatResponse | None = None
    head: list[StreamDelta] = field(default_factory=list)
    """Stream deltas read before committing to this target (up to the first text)."""
    rest: Any = None
    """The remaining stream (a sync or async iterator of StreamDelta)."""
    error: HybridLLMError | None = None
    attempts: int = 1
    latency_ms: float = 0.0
    notes: tuple[str, ...] = ()
    """Degraded conditions met on the way (e.g. ``shared_breakers_unavailable``): audited."""


@dataclass(frozen=True, slots=True)
class WriteAudit:
    """Effect: append this record to the audit store. Send back the stored record."""

    record: AuditRecord


class StreamSession:
    """Returned by the flow for ``stream=True``: restores deltas, then builds the audit record."""

    def __init__(
        self,
        state: CallState,
        call: Call,
        result: CallResult,
        request: OutboundRequest,
        cost: CostConfig,
    ) -> None:
        self._state = state
        self._cost = cost
        self._call = call
        self.call = call
        """The hop that is streaming (its breaker is settled when the stream ends)."""
        self._finish: str | None = None
        self.head = result.head
        self.rest = result.rest
        self._request = request
        # JSON-schema output: values are restored inside JSON strings, escaped, so it stays valid
        self._restorer = StreamRestorer(
            state.vault, json_mode=call.options.json_schema is not None, policy=state.policy
        )
        self._usage = Usage()
        self._model: str | None = None
        self._t_provider = time.perf_counter() - result.latency_ms / 1000.0
        self.completion: Completion | None = None
        self._parts: list[str] = []
        self.settled = False
        """True once the outcome record was built (finished, failed or abandoned)."""

    def feed(self, delta: StreamDelta) -> str:
        """Take one raw delta; return restored text that is safe to release now."""
        if delta.usage is not None:
            self._usage = delta.usage
        if delta.model:
            self._model = delta.model
        if delta.finish_reason:
            self._finish = delta.finish_reason
        out = self._restorer.feed(delta.text) if delta.text else ""
        self._parts.append(out)
        return out

    def finish(self) -> tuple[str, AuditRecord]:
        """End of stream: the held-back tail, and the audit record to write."""
        tail = self._restorer.flush()
        self._parts.append(tail)
        self.settled = True
        self._state.report = self._restorer.report
        if not self._request.redacted_count:
            self._state.report.junk.clear()  # nothing was replaced: brackets are the model's own
        self._state.timings["provider"] = elapsed_ms(self._t_provider)
        rec = self._state.record(
            status="ok",
            target=self._call.target,
            adapter=self._call.adapter,
            model=self._model or self._call.adapter.model,
            usage=self._usage,
            redacted=self._request.redacted_count,
            restored=self._restorer.restored,
            config=self._call.config,
            cost_usd=call_cost(
                self._call.config.adapter,
                self._model or self._call.adapter.model,
                self._usage,
                config=self._cost,
            ),
        )
        return tail, rec

    def failed(self, error: BaseException | str) -> AuditRecord:
        """The stream broke, or was dropped unread: the audit record of the failed call.

        Args:
            error: the exception, or a name for what happened (e.g. ``StreamAbandoned``).
        """
        self.settled = True
        hops = self._state.hops
        if hops and hops[-1].target == self._call.target and hops[-1].outcome == "ok":
            # it had looked fine when the first token came: the hop is an error too
            detail = (
                error
                if isinstance(error, str)
                else describe_error(error, where=self._call.config.base_url)
            )
            hops[-1] = hops[-1].model_copy(update={"outcome": "error", "detail": detail})
        return self._state.record(
            status="error",
            target=self._call.target,
            adapter=self._call.adapter,
            redacted=self._request.redacted_count,
            error=error if isinstance(error, str) else type(error).__name__,
        )

    def done(self, stored: AuditRecord) -> Completion:
        """Build the final :class:`Completion` once the record is stored."""
        done = self._state.completion(
            stored, "".join(self._parts), self._usage, self._request.redacted_count
        )
        self.completion = done.model_copy(update={"finish_reason": self._finish})
        # the text has streamed: "fail" raises at the end
        check_unrestored(self._state.report, self._state.policy, stored.id)
        return self.completion
