"""The sans-I/O core: classify -> decide -> redact -> (call) -> restore -> audit record.

:func:`completion_flow` is a generator. It yields *effects* (:class:`Classify`, :class:`Call`,
:class:`WriteAudit`) and receives their results; it never performs I/O itself. The sync and
async clients are thin loops that execute the effects (see ``_client.py``), so the privacy
logic exists exactly once. Fallback lives here too: every hop re-applies the policy to that
hop's target (:func:`hybridllm.policy.permit`) before a payload is built for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from hybridllm.adapters.base import Adapter, CallOptions, ChatResponse, StreamDelta
from hybridllm.audit.record import new_record_id, utc_now_iso
from hybridllm.config import Settings
from hybridllm.errors import HybridLLMError, NoTargetAvailableError, ProviderError
from hybridllm.models import AuditRecord, Classification, Completion, Decision, Hop, Message, Usage
from hybridllm.policy import decide, permit
from hybridllm.redaction import (
    OutboundRequest,
    StreamRestorer,
    Vault,
    local_request,
    redact_messages,
)
from hybridllm.redaction import restore as restore_text

__all__ = ["Call", "CallResult", "Classify", "StreamSession", "WriteAudit", "completion_flow"]


@dataclass(frozen=True, slots=True)
class Classify:
    """Effect: classify these message texts. Send back a Classification or the exception."""

    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Call:
    """Effect: call ``adapter`` with retries. Send back a :class:`CallResult`.

    For ``stream=True`` the driver opens the stream and reads the first delta inside the retry
    loop (so a failure before the first token can still fall back), then hands the rest back.
    """

    target: str
    adapter: Adapter
    request: OutboundRequest
    options: CallOptions
    stream: bool
    max_retries: int


@dataclass(slots=True)
class CallResult:
    """What the driver observed for one :class:`Call`."""

    response: ChatResponse | None = None
    first: StreamDelta | None = None
    rest: Any = None
    """The remaining stream (a sync or async iterator of StreamDelta)."""
    error: HybridLLMError | None = None
    attempts: int = 1
    latency_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class WriteAudit:
    """Effect: append this record to the audit store. Send back the stored record."""

    record: AuditRecord


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000.0, 3)


@dataclass
class _State:
    """Everything known about one call so far (no raw values besides the caller's messages)."""

    messages: tuple[Message, ...]
    caller: str
    stream: bool
    t0: float = field(default_factory=time.perf_counter)
    classification: Classification = field(default_factory=Classification)
    decision: Decision | None = None
    hops: list[Hop] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    vault: Vault = field(default_factory=Vault)

    def record(
        self,
        *,
        status: str,
        target: str | None = None,
        adapter: Adapter | None = None,
        model: str | None = None,
        usage: Usage | None = None,
        redacted: int = 0,
        restored: int = 0,
        error: str | None = None,
    ) -> AuditRecord:
        assert self.decision is not None
        c = self.classification
        self.timings["total"] = _ms(self.t0)
        return AuditRecord(
            id=new_record_id(),
            ts=utc_now_iso(),
            caller=self.caller,
            status=status,  # type: ignore[arg-type]
            route=self.decision.route,
            reason=self.decision.reason,
            fail_closed=self.decision.fail_closed,
            categories=tuple(sorted(c.categories)),
            entities=c.entity_counts(),
            max_score=max((f.score for f in c.findings), default=0.0),
            actions=dict(self.decision.actions),
            hops=tuple(self.hops),
            target=target,
            model=model,
            locality=adapter.locality if adapter is not None else None,
            input_tokens=usage.input_tokens if usage else 0,
            output_tokens=usage.output_tokens if usage else 0,
            redacted_count=redacted,
            restored_count=restored,
            stream=self.stream,
            latency_ms=dict(self.timings),
            error=error,
        )

    def completion(self, stored: AuditRecord, text: str, usage: Usage, redacted: int) -> Completion:
        assert self.decision is not None
        return Completion(
            text=text,
            route=self.decision.route,
            target=stored.target,
            model=stored.model,
            decision=self.decision,
            usage=usage,
            audit_id=stored.id,
            classification=self.classification,
            hops=tuple(self.hops),
            redacted_count=redacted,
            latency_ms=stored.latency_ms.get("total", 0.0),
        )


class StreamSession:
    """Returned by the flow for ``stream=True``: restores deltas, then builds the audit record."""

    def __init__(
        self, state: _State, call: Call, result: CallResult, request: OutboundRequest
    ) -> None:
        self._state = state
        self._call = call
        self.first = result.first
        self.rest = result.rest
        self._request = request
        self._restorer = StreamRestorer(state.vault)
        self._usage = Usage()
        self._model: str | None = None
        self._t_provider = time.perf_counter() - result.latency_ms / 1000.0
        self.completion: Completion | None = None
        self._parts: list[str] = []

    def feed(self, delta: StreamDelta) -> str:
        """Take one raw delta; return restored text that is safe to release now."""
        if delta.usage is not None:
            self._usage = delta.usage
        if delta.model:
            self._model = delta.model
        out = self._restorer.feed(delta.text) if delta.text else ""
        self._parts.append(out)
        return out

    def finish(self) -> tuple[str, AuditRecord]:
        """End of stream: the held-back tail, and the audit record to write."""
        tail = self._restorer.flush()
        self._parts.append(tail)
        self._state.timings["provider"] = _ms(self._t_provider)
        rec = self._state.record(
            status="ok",
            target=self._call.target,
            adapter=self._call.adapter,
            model=self._model or self._call.adapter.model,
            usage=self._usage,
            redacted=self._request.redacted_count,
            restored=self._restorer.restored,
        )
        return tail, rec

    def failed(self, error: BaseException) -> AuditRecord:
        """The stream broke after it started: the audit record of the failed call."""
        return self._state.record(
            status="error",
            target=self._call.target,
            adapter=self._call.adapter,
            redacted=self._request.redacted_count,
            error=type(error).__name__,
        )

    def done(self, stored: AuditRecord) -> Completion:
        """Build the final :class:`Completion` once the record is stored."""
        self.completion = self._state.completion(
            stored, "".join(self._parts), self._usage, self._request.redacted_count
        )
        return self.completion


FlowResult = Completion | StreamSession
Flow = Generator[Classify | Call | WriteAudit, Any, FlowResult]


def completion_flow(
    messages: tuple[Message, ...],
    settings: Settings,
    get_adapter: Callable[[str], Adapter],
    *,
    options: CallOptions,
    stream: bool = False,
    target: str | None = None,
    caller: str = "",
    vault: Vault | None = None,
) -> Flow:
    """One call, as a generator of effects. See the module docstring.

    ``vault`` is the redaction scope: a fresh one per call unless a conversation passes its own,
    so that a value keeps its placeholder on every turn.
    """
    st = _State(messages=messages, caller=caller, stream=stream)
    if vault is not None:
        st.vault = vault
    t = time.perf_counter()
    got = yield Classify(tuple(m.content for m in messages))
    if isinstance(got, Classification):
        st.classification = got
    else:
        st.classification = Classification(error=type(got).__name__)
    st.timings["classify"] = _ms(t)

    default = target or settings.default_target
    st.decision = decide(
        st.classification,
        settings.policy,
        default_locality=settings.targets[default].effective_locality,
        on_error=settings.on_classifier_error,
        default_target=default,
    )
    if st.decision.route == "blocked":
        stored = yield WriteAudit(st.record(status="blocked"))
        return st.completion(stored, "", Usage(), 0)

    route = st.decision.route
    chain = [target] if target else settings.chain("local" if route == "local" else "cloud")
    sensitive = bool(st.classification.findings) or st.decision.fail_closed
    for name in chain:
        try:
            adapter = get_adapter(name)
        except HybridLLMError as exc:
            st.hops.append(Hop(target=name, outcome="error", detail=type(exc).__name__))
            continue
        allowed = permit(st.decision, adapter.locality)
        if not allowed.allowed:
            st.hops.append(Hop(target=name, outcome="skipped", detail=allowed.reason))
            continue
        t = time.perf_counter()
        if adapter.locality == "local":
            request = local_request(messages, sensitive=sensitive)
        else:
            request = redact_messages(
                messages, st.classification.findings, allowed.redact_categories, st.vault
            )
        st.timings["redact"] = _ms(t)
        call = Call(name, adapter, request, options, stream, settings.targets[name].max_retries)
        result: CallResult = yield call
        hop_ok = result.error is None
        st.hops.append(
            Hop(
                target=name,
                outcome="ok" if hop_ok else "error",
                detail="" if hop_ok else _describe_error(result.error),
                attempts=result.attempts,
                latency_ms=result.latency_ms,
            )
        )
        if not hop_ok:
            continue
        if stream:
            return StreamSession(st, call, result, request)
        assert result.response is not None
        st.timings["provider"] = result.latency_ms
        text, restored = restore_text(result.response.text, st.vault)
        stored = yield WriteAudit(
            st.record(
                status="ok",
                target=name,
                adapter=adapter,
                model=result.response.model,
                usage=result.response.usage,
                redacted=request.redacted_count,
                restored=restored,
            )
        )
        return st.completion(stored, text, result.response.usage, request.redacted_count)

    stored = yield WriteAudit(st.record(status="error", error="NoTargetAvailableError"))
    tried = [(h.target, h.outcome + (f": {h.detail}" if h.detail else "")) for h in st.hops]
    raise NoTargetAvailableError(
        f"no target could serve this {route} call: " + "; ".join(f"{n} ({o})" for n, o in tried),
        hops=tried,
        audit_id=stored.id,
    )


def _describe_error(error: HybridLLMError | None) -> str:
    if isinstance(error, ProviderError) and error.status is not None:
        return f"{type(error).__name__} (HTTP {error.status})"
    return type(error).__name__
