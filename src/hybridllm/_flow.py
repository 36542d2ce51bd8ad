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

from hybridllm._resilience import TargetCoolingDownError
from hybridllm.adapters.base import Adapter, CallOptions, ChatResponse, StreamDelta
from hybridllm.audit.record import new_record_id, prompt_hmac, utc_now_iso
from hybridllm.config import Settings, TargetConfig
from hybridllm.cost import CostConfig, call_cost
from hybridllm.errors import (
    HybridLLMError,
    NoTargetAvailableError,
    describe_error,
)
from hybridllm.models import (
    AuditRecord,
    Category,
    Classification,
    Completion,
    Decision,
    Hop,
    Message,
    ToolCall,
    Usage,
)
from hybridllm.policy import Permit, decide, permit
from hybridllm.redaction import (
    OutboundRequest,
    StreamRestorer,
    Vault,
    local_request,
    redact_messages,
    restore_json,
    restore_tool_arguments,
)
from hybridllm.redaction import restore as restore_text
from hybridllm.routing import estimate_complexity

__all__ = [
    "AuditContext",
    "Call",
    "CallResult",
    "Classify",
    "StreamSession",
    "WriteAudit",
    "completion_flow",
]


@dataclass(frozen=True, slots=True)
class Classify:
    """Effect: classify these message texts. Send back a Classification or the exception."""

    texts: tuple[str, ...]


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
    """``time.monotonic()`` value after which no attempt may start."""


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


@dataclass(frozen=True, slots=True)
class AuditContext:
    """Per-client facts every audit record carries (never payload text)."""

    app: str = ""
    policy_version: str = ""
    prompt_key: bytes | None = field(default=None, repr=False)
    key_id: str = ""
    conversation_id: str | None = None


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
    ctx: AuditContext = field(default_factory=AuditContext)
    prompt_hmac: str = ""
    remote_targets: list[str] = field(default_factory=list)
    last_error: HybridLLMError | None = None  # chained as the cause of NoTargetAvailableError

    def failed(self, hop: Hop, error: HybridLLMError | None) -> bool:
        """Record one tried hop; True when it failed (its error becomes the chained cause)."""
        self.hops.append(hop)
        if error is not None:
            self.last_error = error
        return error is not None

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
        cost_usd: float = 0.0,
        config: TargetConfig | None = None,
    ) -> AuditRecord:
        assert self.decision is not None
        c = self.classification
        scores: dict[str, float] = {}
        for f in c.findings:
            scores[f.entity_type] = max(scores.get(f.entity_type, 0.0), f.score)
        per_category: dict[str, int] = {}
        for f in c.findings:
            per_category[f.category] = per_category.get(f.category, 0) + 1
        self.timings["total"] = _ms(self.t0)
        return AuditRecord(
            id=new_record_id(),
            ts=utc_now_iso(),
            caller=self.caller,
            status=status,  # type: ignore[arg-type]
            # where the payload actually went (a fallback hop may differ from the first choice)
            route=self.decision.route
            if adapter is None
            else ("local" if adapter.locality == "local" else "cloud"),
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
            cost_usd=cost_usd,
            redacted_count=redacted,
            restored_count=restored,
            stream=self.stream,
            latency_ms=dict(self.timings),
            error=error,
            app=self.ctx.app,
            conversation_id=self.ctx.conversation_id,
            policy_version=self.ctx.policy_version,
            prompt_hmac=self.prompt_hmac,
            key_id=self.ctx.key_id if self.prompt_hmac else "",
            category_counts=dict(sorted(per_category.items())),
            entity_scores=dict(sorted(scores.items())),
            remote_targets=tuple(dict.fromkeys(self.remote_targets)),
            region=config.region if config is not None else None,
            target_attributes=config.attributes() if config is not None else {},
            input_count=len(self.messages),
        )

    def completion(self, stored: AuditRecord, text: str, usage: Usage, redacted: int) -> Completion:
        assert self.decision is not None
        return Completion(
            text=text,
            route=stored.route,
            target=stored.target,
            model=stored.model,
            decision=self.decision,
            usage=usage,
            cost_usd=stored.cost_usd,
            audit_id=stored.id,
            classification=self.classification,
            hops=tuple(self.hops),
            redacted_count=redacted,
            latency_ms=stored.latency_ms.get("total", 0.0),
        )


class StreamSession:
    """Returned by the flow for ``stream=True``: restores deltas, then builds the audit record."""

    def __init__(
        self,
        state: _State,
        call: Call,
        result: CallResult,
        request: OutboundRequest,
        cost: CostConfig,
    ) -> None:
        self._state = state
        self._cost = cost
        self._call = call
        self.head = result.head
        self.rest = result.rest
        self._request = request
        # JSON-schema output: values are restored inside JSON strings, escaped, so it stays valid
        self._restorer = StreamRestorer(state.vault, json_mode=call.options.json_schema is not None)
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
            config=self._call.config,
            cost_usd=call_cost(
                self._call.config.adapter,
                self._model or self._call.adapter.model,
                self._usage,
                config=self._cost,
            ),
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
    assume: frozenset[Category] = frozenset(),
    requested_max_tokens: int | None = None,
    audit: AuditContext | None = None,
) -> Flow:
    """One call, as a generator of effects. See the module docstring.

    ``vault`` is the redaction scope: a fresh one per call unless a conversation passes its own,
    so that a value keeps its placeholder on every turn.
    """
    st = _State(
        messages=messages,
        caller=caller,
        stream=stream,
        vault=vault if vault is not None else Vault(),
    )
    if audit is not None:
        st.ctx = audit
        if audit.prompt_key is not None:
            st.prompt_hmac = prompt_hmac(audit.prompt_key, [m.content for m in messages])
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
        assumed=assume,
    )
    if st.decision.route == "blocked":
        stored = yield WriteAudit(st.record(status="blocked"))
        return st.completion(stored, "", Usage(), 0)

    primary = None
    if target is None and settings.routing.enabled and not assume and not st.decision.actions:
        primary, st.decision = _tier(messages, settings, requested_max_tokens)
    route = st.decision.route
    keep_local = st.decision.fail_closed or "local" in st.decision.actions.values()
    chain = [target] if target else settings.chain(keep_local=keep_local, primary=primary)
    deadline_at = time.monotonic() + settings.deadline
    sensitive = bool(st.classification.findings) or st.decision.fail_closed
    for name in chain:
        admitted = _admit(st, name, settings, get_adapter, deadline_at)
        if admitted is None:
            continue
        adapter, allowed = admitted
        request = _outbound(st, name, adapter, allowed, settings, sensitive=sensitive)
        call = Call(name, adapter, request, options, stream, settings.targets[name], deadline_at)
        result: CallResult = yield call
        if st.failed(_hop(name, result, settings.targets[name]), result.error):
            continue
        if stream:
            return StreamSession(st, call, result, request, settings.cost)
        assert result.response is not None
        resp = result.response
        st.timings["provider"] = result.latency_ms
        unredact = restore_json if options.json_schema is not None else restore_text
        text, restored = unredact(resp.text, st.vault)
        cfg = settings.targets[name]
        cost = call_cost(cfg.adapter, resp.model, resp.usage, config=settings.cost)
        record = st.record(
            status="ok",
            target=name,
            adapter=adapter,
            model=resp.model,
            usage=resp.usage,
            redacted=request.redacted_count,
            restored=restored,
            config=cfg,
            cost_usd=cost,
        )
        stored = yield WriteAudit(record)
        done = st.completion(stored, text, resp.usage, request.redacted_count)
        calls = tuple(
            ToolCall(id=c.id, name=c.name, arguments=restore_tool_arguments(c.arguments, st.vault))
            for c in resp.tool_calls
        )
        return done.model_copy(update={"tool_calls": calls, "finish_reason": resp.finish_reason})

    stored = yield WriteAudit(st.record(status="error", error="NoTargetAvailableError"))
    tried = [(h.target, h.outcome + (f": {h.detail}" if h.detail else "")) for h in st.hops]
    raise NoTargetAvailableError(
        f"no target could serve this {route} call: " + "; ".join(f"{n} ({o})" for n, o in tried),
        hops=tried,
        audit_id=stored.id,
    ) from st.last_error


def _outbound(
    st: _State,
    name: str,
    adapter: Adapter,
    allowed: Permit,
    settings: Settings,
    *,
    sensitive: bool,
) -> OutboundRequest:
    """The payload for one hop: as is for a local target, redacted per policy for a remote one."""
    t = time.perf_counter()
    if adapter.locality == "local":
        request = local_request(st.messages, sensitive=sensitive)
    else:
        request = redact_messages(
            st.messages,
            st.classification.findings,
            allowed.redact_categories,
            st.vault,
            config=settings.redaction,
        )
        st.remote_targets.append(name)
    st.timings["redact"] = _ms(t)
    return request


def _tier(
    messages: tuple[Message, ...], settings: Settings, requested_max_tokens: int | None
) -> tuple[str, Decision]:
    """Nothing sensitive: pick a tier by estimated complexity (pure, well under 1 ms)."""
    choice = estimate_complexity(
        messages, requested_max_tokens=requested_max_tokens, config=settings.routing
    )
    local = settings.targets[choice.target].effective_locality == "local"
    return choice.target, Decision(route="local" if local else "cloud", reason=choice.reason)


def _admit(
    st: _State,
    name: str,
    settings: Settings,
    get_adapter: Callable[[str], Adapter],
    deadline_at: float,
) -> tuple[Adapter, Permit] | None:
    """Whether this hop may be tried (policy re-applied to this target); records skips."""
    try:
        adapter = get_adapter(name)
    except HybridLLMError as exc:
        st.hops.append(Hop(target=name, outcome="error", detail=describe_error(exc)))
        st.last_error = exc
        return None
    assert st.decision is not None
    allowed = permit(st.decision, settings.targets[name], settings.requirements, name=name)
    if not allowed.allowed:
        st.hops.append(Hop(target=name, outcome="skipped", detail=allowed.reason))
        return None
    if time.monotonic() >= deadline_at:
        st.hops.append(Hop(target=name, outcome="skipped", detail="call deadline exceeded"))
        return None
    return adapter, allowed


def _hop(name: str, result: CallResult, cfg: TargetConfig) -> Hop:
    ok = result.error is None
    cooling = isinstance(result.error, TargetCoolingDownError)
    return Hop(
        target=name,
        outcome="ok" if ok else ("skipped" if cooling else "error"),
        detail="" if ok else describe_error(result.error, where=cfg.base_url),
        attempts=result.attempts,
        latency_ms=result.latency_ms,
    )
