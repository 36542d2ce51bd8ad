"""The sans-I/O core: classify -> decide -> redact -> (call) -> restore -> audit record.

:func:`completion_flow` is a generator. It yields *effects* (:class:`Classify`, :class:`Call`,
:class:`WriteAudit`, defined with the streaming session in :mod:`hybridllm.core.effects`) and
receives their results; it never performs I/O itself. The sync and
async clients are thin loops that execute the effects (see :mod:`hybridllm.client.clients`), so
the privacy logic exists exactly once. Fallback lives here too: every hop re-applies the policy
to that hop's target (:func:`hybridllm.policy.permit`) before a payload is built for it.

Audit before anything leaves (DESIGN.md invariant 9): before each :class:`Call` the flow yields a
:class:`WriteAudit` of an ``intent`` record (what goes where, under which decision; never text).
The driver must store it durably before it runs the call, and an error storing it ends the call
before anything is sent. The outcome record lists the intents it completes. If the call is
interrupted (``KeyboardInterrupt``, task cancellation), the driver throws the exception into the
flow, which yields the outcome record of the interrupted call and re-raises: so an interrupted
call leaves intent + outcome, and only a crash leaves an intent alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import replace
from typing import Any, Literal, TypeVar

from hybridllm.adapters.base import Adapter, CallOptions, ChatResponse
from hybridllm.audit.record import prompt_hmac
from hybridllm.audit.sinks import AuditCopyError
from hybridllm.config import Settings, TargetConfig
from hybridllm.core.effects import Call, CallResult, Classify, StreamSession, WriteAudit
from hybridllm.core.flow_state import AuditContext, CallState, elapsed_ms
from hybridllm.core.hops import TargetCoolingDownError, hop_deadline
from hybridllm.core.restore_flow import (
    call_policy,
    check_unrestored,
    restore_reply,
)
from hybridllm.cost import call_cost
from hybridllm.errors import (
    HybridLLMError,
    NoTargetAvailableError,
    VaultUnavailableError,
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
    Vault,
    local_request,
    redact_messages,
    retry_request,
)
from hybridllm.redaction.config import RestoreConfig
from hybridllm.routing import estimate_complexity

__all__ = [
    "AuditContext",
    "Call",
    "CallResult",
    "Classify",
    "StreamSession",
    "WriteAudit",
    "completion_flow",
    "dispatch",
]

E = TypeVar("E")


FlowResult = Completion | StreamSession
Flow = Generator[Classify | Call | WriteAudit, Any, FlowResult]


def completion_flow(  # noqa: PLR0912, PLR0915 - every step of a call in one readable place
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
    restore: RestoreConfig | Mapping[str, Any] | None = None,
) -> Flow:
    """One call, as a generator of effects. See the module docstring.

    ``vault`` is the redaction scope: a fresh one per call unless a conversation passes its own,
    so that a value keeps its placeholder on every turn. ``restore`` overrides the configured
    restore policy for this call.
    """
    policy, options = call_policy(settings, options, restore)
    st = CallState(
        messages=messages,
        caller=caller,
        stream=stream,
        vault=vault if vault is not None else Vault(),
        policy=policy,
    )
    if audit is not None:
        st.ctx = audit
        if audit.prompt_key is not None:
            st.prompt_hmac = prompt_hmac(audit.prompt_key, [m.content for m in messages])
    # The deadline covers classification too, which may use half of it: a slow classifier
    # fails the call closed (local or blocked) with time left for a local answer.
    deadline_at = time.monotonic() + settings.deadline
    t = time.perf_counter()
    got = yield Classify(tuple(m.content for m in messages), timeout=settings.deadline / 2)
    if isinstance(got, Classification):
        st.classification = got
    else:
        st.classification = Classification(error=type(got).__name__)
    st.timings["classify"] = elapsed_ms(t)

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
    sensitive = bool(st.classification.findings) or st.decision.fail_closed
    for i, name in enumerate(chain):
        admitted = _admit(st, name, settings, get_adapter, deadline_at)
        if admitted is None:
            continue
        adapter, allowed = admitted
        request = _outbound(st, name, adapter, allowed, settings, sensitive=sensitive)
        if request is None:  # the shared vault is down: this remote hop fails closed
            continue
        # -- leak guard (issue 12): a clinical payload leaves only if nothing is left over --
        if _leak_guard(st, name, adapter, request, settings):
            if st.decision.route == "blocked":
                stored = yield WriteAudit(st.record(status="blocked"))
                return st.completion(stored, "", Usage(), 0)
            chain.extend(n for n in settings.chain(keep_local=True) if n not in chain)
            continue
        # -- end of leak guard --
        cfg = settings.targets[name]
        call = _budgeted(
            st,
            Call(name, adapter, request, options, stream, cfg, deadline_at),
            chain[i + 1 :],
            settings,
        )
        result: CallResult = yield from _dispatch(st, call)
        if st.failed(_hop(name, result, cfg), result.error):
            continue
        if stream:
            return StreamSession(st, call, result, request, settings.cost)
        result, text, calls, restored = yield from _reply(st, call, result)
        assert result.response is not None
        resp = result.response
        st.timings["provider"] = result.latency_ms
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
        check_unrestored(st.report, st.policy, stored.id)
        done = st.completion(stored, text, resp.usage, request.redacted_count)
        return done.model_copy(update={"tool_calls": calls, "finish_reason": resp.finish_reason})

    stored = yield WriteAudit(st.record(status="error", error="NoTargetAvailableError"))
    tried = [(h.target, h.outcome + (f": {h.detail}" if h.detail else "")) for h in st.hops]
    raise NoTargetAvailableError(
        f"no target could serve this {route} call: " + "; ".join(f"{n} ({o})" for n, o in tried),
        hops=tried,
        audit_id=stored.id,
    ) from st.last_error


def _dispatch(st: CallState, call: Call) -> Generator[WriteAudit | Call, Any, CallResult]:
    """One completion hop under :func:`dispatch`."""
    result: CallResult = yield from dispatch(
        st,
        call,
        target=call.target,
        adapter=call.adapter,
        redacted=call.request.redacted_count,
        config=call.config,
        model=call.adapter.model,
    )
    return result


def dispatch(
    st: CallState,
    effect: E,
    *,
    target: str,
    adapter: Adapter,
    redacted: int,
    config: TargetConfig,
    model: str | None,
) -> Generator[WriteAudit | E, Any, Any]:
    """One hop: the intent record, durable before the payload leaves (invariant 9), then
    ``effect`` (a :class:`Call`, or an embedding call); returns what the driver sent back.

    If the intent cannot be written, the driver's error ends the flow here with nothing sent. If
    the call is interrupted (the driver throws ``KeyboardInterrupt`` or ``CancelledError`` in),
    the outcome of the interrupted call is recorded and the exception goes on.
    """
    facts: dict[str, Any] = {
        "target": target,
        "adapter": adapter,
        "redacted": redacted,
        "config": config,
    }
    try:
        intent: AuditRecord = yield WriteAudit(st.record(status="intent", model=model, **facts))
    except AuditCopyError as exc:  # the log has the intent, a required copy does not: unsent
        st.intents.append(exc.stored.id)
        yield WriteAudit(st.record(status="error", error=type(exc).__name__, **facts))
        raise
    st.intents.append(intent.id)
    try:
        result = yield effect
    except GeneratorExit:
        raise
    except BaseException as exc:  # the caller's interrupt or cancellation, mid-call
        yield WriteAudit(st.record(status="error", error=type(exc).__name__, **facts))
        raise
    st.notes.update(getattr(result, "notes", ()))
    return result


def _outbound(
    st: CallState,
    name: str,
    adapter: Adapter,
    allowed: Permit,
    settings: Settings,
    *,
    sensitive: bool,
) -> OutboundRequest | None:
    """The payload for one hop: as is for a local target, redacted per policy for a remote one.

    None (and the hop recorded as an error) when the shared vault cannot mint: nothing is sent.
    """
    t = time.perf_counter()
    if adapter.locality == "local":
        request = local_request(st.messages, sensitive=sensitive)
    else:
        try:
            request = redact_messages(
                st.messages,
                st.classification.findings,
                allowed.redact_categories,
                st.vault,
                config=settings.redaction,
                instruction=st.policy.config.instruction,
            )
            if st.stream and st.policy.config.on_unrestored == "retry":
                # a stream cannot be asked again: it is told up front what a retry would say
                request = retry_request(request, st.policy.config.retry_note)
        except VaultUnavailableError as exc:
            st.hops.append(Hop(target=name, outcome="error", detail=describe_error(exc)))
            st.last_error = exc
            return None
        st.remote_targets.append(name)
    st.timings["redact"] = elapsed_ms(t)
    return request


def _leak_guard(
    st: CallState, name: str, adapter: Adapter, request: OutboundRequest, settings: Settings
) -> bool:
    """Re-scan a clinical payload bound for a remote target; fail closed on any residue.

    Not applied when the policy lets PHI out unredacted (``PHI = "allow"``).

    Returns True when the hop must not be sent: the decision then fails closed (local or
    blocked, per ``on_classifier_error``) and says why; the hop is recorded as skipped.
    """
    if (
        adapter.locality == "local"
        or not st.classification.clinical
        or settings.policy.get("PHI") == "allow"  # PHI may leave as is (e.g. a BAA target)
    ):
        return False
    from hybridllm.classifiers.leak_guard import residual_identifiers

    ignore, _, _ = st.vault.matcher()
    left = residual_identifiers([m.content for m in request.messages], ignore)
    if not left:
        return False
    kinds = ", ".join(f"{k} x{n}" for k, n in sorted(left.items()))
    route: Literal["local", "blocked"] = (
        "local" if settings.on_classifier_error == "local" else "blocked"
    )
    where = "kept on a local model" if route == "local" else "blocked"
    st.decision = Decision(
        route=route,
        reason=f"leak guard: the redacted clinical payload still held {kinds}; "
        f"failing closed: payload {where}",
        actions=dict(st.decision.actions) if st.decision is not None else {},
        fail_closed=True,
    )
    st.hops.append(Hop(target=name, outcome="skipped", detail=f"leak guard: {kinds}"))
    return True


# -- restore policy (issue 15) ------------------------------------------------------------------


def _reply(
    st: CallState, call: Call, result: CallResult
) -> Generator[WriteAudit | Call, Any, tuple[CallResult, str, tuple[ToolCall, ...], int]]:
    """Restore a whole reply; with ``on_unrestored = "retry"``, ask once more if it kept junk."""
    assert result.response is not None
    text, calls, restored = _restore_call(st, result.response, call)
    cut_short = result.response.finish_reason == "length"
    if st.report.junk and st.policy.config.on_unrestored == "retry" and not cut_short:
        # One more try on the same target, told which placeholders there are (the same payload
        # would give a greedy model the same reply); the second reply is kept. Not for a reply
        # that hit its token limit: the retry would be cut at the same length (a cut placeholder
        # stays reported in ``unrestored``).
        retry = replace(call, request=retry_request(call.request, st.policy.config.retry_note))
        again: CallResult = yield from _dispatch(st, retry)  # its own intent record first
        st.hops.append(_hop(call.target, again, call.config))
        if again.error is None and again.response is not None:
            result = again
            text, calls, restored = _restore_call(st, again.response, call)
        st.report.retried = True
    return result, text, calls, restored


def _restore_call(
    st: CallState, resp: ChatResponse, call: Call
) -> tuple[str, tuple[ToolCall, ...], int]:
    redacted = bool(call.request.redacted_count)
    text, calls, st.report = restore_reply(
        st.vault, st.policy, resp, call.options, redacted=redacted
    )
    return text, calls, st.report.restored


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
    st: CallState,
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


def _budgeted(st: CallState, call: Call, later_names: list[str], settings: Settings) -> Call:
    """``call`` with its share of the deadline, given the later hops the policy admits."""
    assert st.decision is not None
    later = [
        settings.targets[n]
        for n in later_names
        if permit(st.decision, settings.targets[n], settings.requirements, name=n).allowed
    ]
    hop_at = hop_deadline(call.deadline_at, call.config, later, call.options.max_tokens)
    return replace(call, deadline_at=hop_at, has_next=bool(later))


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
