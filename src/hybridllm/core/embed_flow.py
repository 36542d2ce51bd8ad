"""The sans-I/O core of ``embed``: classify -> decide -> (refuse | redact) -> embed -> audit.

Like :func:`hybridllm.core.flow.completion_flow`, :func:`embed_flow` is a generator of effects
(:class:`~hybridllm.core.flow.Classify`, :class:`EmbedCall`,
:class:`~hybridllm.core.flow.WriteAudit`); the client's drivers execute them (batching,
concurrency, retries, coalescing).

Embeddings have their own privacy rule, because a redacted text embeds to a different meaning:
a space bound to a local target takes every text; a space bound to a remote target refuses a
text the policy would keep local or redact, unless the space sets ``redact_sensitive = true``
(then it is redacted first). Categories the policy allows go as they are, blocked ones never.
Each text travels as its own one-message :class:`OutboundRequest`, so the driver can split and
coalesce requests without ever building a payload itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, cast

from hybridllm.adapters.base import Adapter, EmbedInputType, EmbedOptions, EmbedResponse
from hybridllm.audit.record import prompt_hmac
from hybridllm.config import Settings, TargetConfig
from hybridllm.core.flow import AuditContext, Classify, WriteAudit, dispatch
from hybridllm.core.flow_state import CallState, elapsed_ms
from hybridllm.embeddings import (
    EmbeddingData,
    EmbeddingRefusedError,
    Embeddings,
    EmbeddingSpace,
    EmbeddingUsage,
    ModelIdentity,
    l2_normalize,
)
from hybridllm.errors import (
    HybridLLMError,
    NoTargetAvailableError,
    PermanentProviderError,
    describe_error,
)
from hybridllm.models import Category, Classification, Decision, Hop, Message, Usage
from hybridllm.policy import decide
from hybridllm.redaction import OutboundRequest, Vault, local_request, redact_messages

__all__ = ["EmbedCall", "EmbedCallResult", "EmbedFlow", "embed_flow", "space_identity"]


@dataclass(frozen=True, slots=True)
class EmbedCall:
    """Effect: embed ``requests`` (one text each) on ``adapter``. Send back an EmbedCallResult.

    The driver splits them into ``batch_size`` requests, runs at most ``max_concurrency`` at
    once, retries each with tenacity, and may coalesce them with other calls' requests.
    """

    target: str
    adapter: Adapter
    requests: tuple[OutboundRequest, ...]
    options: EmbedOptions
    config: TargetConfig
    deadline_at: float
    batch_size: int
    max_concurrency: int
    coalesce_ms: float = 0.0
    coalesce_max: int = 1


@dataclass(slots=True)
class EmbedCallResult:
    """What the driver observed for one :class:`EmbedCall`."""

    response: EmbedResponse | None = None
    error: HybridLLMError | None = None
    attempts: int = 1
    latency_ms: float = 0.0
    notes: tuple[str, ...] = ()
    """Degraded conditions met on the way (see ``CallResult.notes``): audited."""


EmbedFlow = Generator[Classify | EmbedCall | WriteAudit, Any, Embeddings]


def space_identity(space: EmbeddingSpace, target: TargetConfig) -> ModelIdentity:
    """The identity a space's vectors carry (dimensions as configured, maybe unknown)."""
    return ModelIdentity(
        provider=target.adapter,
        model=target.model,
        revision=space.revision,
        dimensions=space.dimensions,
        normalization="l2" if space.normalize else "none",
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    allowed: bool
    redact: frozenset[Category]
    reason: str


def _plan(
    decision: Decision, space: EmbeddingSpace, name: str, target: TargetConfig, settings: Settings
) -> _Plan:
    """Whether one target of the space may receive these texts, and what to redact first."""
    if target.effective_locality == "local":
        return _Plan(True, frozenset(), "local space: texts embedded on this machine")
    if decision.fail_closed:
        return _Plan(False, frozenset(), "classifier failed; a remote space takes no texts")
    redact: set[Category] = set()
    for category, action in decision.actions.items():
        if action == "allow":
            continue
        if not space.redact_sensitive:
            return _Plan(
                False,
                frozenset(),
                f"{category} found; remote target '{name}' takes no sensitive text "
                "(set redact_sensitive = true to embed it redacted)",
            )
        redact.add(cast(Category, category))
    for category in decision.actions:
        req = settings.requirements.get(cast(Category, category))
        unmet = req.unmet(target) if req is not None else []
        if unmet:
            return _Plan(
                False, frozenset(), f"{category} may not go to '{name}': {'; '.join(unmet)}"
            )
    if redact:
        cats = ", ".join(sorted(redact))
        return _Plan(True, frozenset(redact), f"redacted {cats} before embedding remotely")
    return _Plan(True, frozenset(), "nothing sensitive; embedded remotely")


def _requests(
    st: CallState, plan: _Plan, remote: bool, settings: Settings
) -> tuple[tuple[OutboundRequest, ...], int]:
    findings = st.classification.findings
    sensitive = bool(findings) or bool(st.decision and st.decision.fail_closed)
    if not remote:
        return tuple(local_request((m,), sensitive=sensitive) for m in st.messages), 0
    by_text: dict[int, list[Any]] = {}
    for f in findings:
        by_text.setdefault(f.message_index, []).append(f.model_copy(update={"message_index": 0}))
    vault = st.vault
    out = tuple(
        redact_messages((m,), by_text.get(i, ()), plan.redact, vault, config=settings.redaction)
        for i, m in enumerate(st.messages)
    )
    return out, len(vault)


def _check(resp: EmbedResponse, n: int, space: EmbeddingSpace, target: str) -> str | None:
    if len(resp.vectors) != n:
        return f"{target}: {len(resp.vectors)} vectors for {n} texts"
    dims = {len(v) for v in resp.vectors}
    if len(dims) > 1:
        return f"{target}: vectors of mixed sizes {sorted(dims)}"
    if space.dimensions is not None and dims and dims != {space.dimensions}:
        return f"{target}: {dims.pop()} dimensions, space expects {space.dimensions}"
    return None


def embed_flow(  # noqa: PLR0912, PLR0915 - one linear walk of the chain, like completion_flow
    texts: tuple[str, ...],
    space_name: str,
    space: EmbeddingSpace,
    settings: Settings,
    get_adapter: Callable[[str], Adapter],
    *,
    caller: str = "",
    audit: AuditContext | None = None,
    coalesce: bool = False,
    input_type: EmbedInputType | None = None,
) -> EmbedFlow:
    """One ``embed`` call, as a generator of effects. See the module docstring."""
    st = CallState(
        messages=tuple(Message(role="user", content=t) for t in texts),
        caller=caller,
        stream=False,
        vault=Vault(),
        kind="embed",
        space=space_name,
    )
    if audit is not None:
        st.ctx = audit
        if audit.prompt_key is not None:
            st.prompt_hmac = prompt_hmac(audit.prompt_key, list(texts))
    # The deadline covers classification too, which may use half of it (fails closed).
    deadline_at = time.monotonic() + settings.deadline
    t = time.perf_counter()
    got = yield Classify(texts, timeout=settings.deadline / 2)
    if isinstance(got, Classification):
        st.classification = got
    else:
        st.classification = Classification(error=type(got).__name__)
    st.timings["classify"] = elapsed_ms(t)
    primary = settings.targets[space.target]
    decision = decide(
        st.classification,
        settings.policy,
        default_locality=primary.effective_locality,
        on_error=settings.on_classifier_error,
        default_target=space.target,
    )
    prefix = f"space '{space_name}', {len(texts)} texts: "
    st.decision = decision.model_copy(update={"reason": prefix + decision.reason})
    identity = space_identity(space, primary)
    categories = tuple(sorted(st.classification.categories))

    def refuse(reason: str) -> Generator[WriteAudit, Any, EmbeddingRefusedError]:
        st.decision = Decision(
            route="blocked",
            reason=prefix + reason,
            actions=decision.actions,
            fail_closed=decision.fail_closed,
        )
        record = st.record(status="blocked", target=space.target, model=identity.model_id)
        stored = yield WriteAudit(record)
        return EmbeddingRefusedError(
            f"embedding refused in space '{space_name}': {reason}",
            space=space_name,
            categories=categories,
            audit_id=stored.id,
        )

    if decision.route == "blocked":
        raise (yield from refuse(decision.reason))
    skipped: list[str] = []
    options = EmbedOptions(
        dimensions=space.dimensions if space.request_dimensions else None, input_type=input_type
    )
    last_error: HybridLLMError | None = None
    for name in [space.target, *space.fallback]:
        try:
            adapter = get_adapter(name)
        except HybridLLMError as exc:
            st.hops.append(Hop(target=name, outcome="error", detail=describe_error(exc)))
            last_error = exc
            continue
        cfg = settings.targets[name]
        plan = _plan(decision, space, name, cfg, settings)
        if not plan.allowed:
            st.hops.append(Hop(target=name, outcome="skipped", detail=plan.reason))
            skipped.append(plan.reason)
            continue
        if time.monotonic() >= deadline_at:
            st.hops.append(Hop(target=name, outcome="skipped", detail="call deadline exceeded"))
            continue
        remote = adapter.locality != "local"
        t = time.perf_counter()
        requests, redacted = _requests(st, plan, remote, settings)
        st.timings["redact"] = elapsed_ms(t)
        if remote:
            st.remote_targets.append(name)
        call = EmbedCall(
            target=name,
            adapter=adapter,
            requests=requests,
            options=options,
            config=cfg,
            deadline_at=deadline_at,
            batch_size=space.batch_size,
            max_concurrency=space.max_concurrency,
            coalesce_ms=space.coalesce_ms if coalesce else 0.0,
            coalesce_max=space.coalesce_max,
        )
        # the intent record is durable before the texts leave (invariant 9)
        result: EmbedCallResult = yield from dispatch(
            st,
            call,
            target=name,
            adapter=adapter,
            redacted=redacted,
            config=cfg,
            model=identity.model_id,
        )
        error = result.error
        if error is None and result.response is not None:
            problem = _check(result.response, len(texts), space, name)
            if problem is not None:
                error = PermanentProviderError(problem, target=name)
        st.hops.append(_hop(name, result, error, cfg.base_url))
        if error is not None:
            last_error = error
        if error is not None or result.response is None:
            continue
        resp = result.response
        st.timings["provider"] = result.latency_ms
        vectors = l2_normalize(resp.vectors) if space.normalize else resp.vectors
        dims = len(vectors[0]) if vectors else space.dimensions
        got_identity = identity.model_copy(update={"dimensions": dims})
        if plan.redact:
            why = f"{plan.reason} (redact_sensitive = true)"
            st.decision = st.decision.model_copy(update={"reason": prefix + why})
        record = st.record(
            status="ok",
            target=name,
            adapter=adapter,
            model=got_identity.model_id,
            usage=resp.usage,
            redacted=redacted,
            config=cfg,
        )
        stored = yield WriteAudit(record)
        tokens = resp.usage.input_tokens
        return Embeddings(
            data=[
                EmbeddingData.model_construct(object="embedding", index=i, embedding=v)
                for i, v in enumerate(vectors)
            ],
            model=resp.model,
            usage=EmbeddingUsage(prompt_tokens=tokens, total_tokens=tokens),
            space=space_name,
            identity=got_identity,
            route=stored.route,
            target=name,
            audit_id=stored.id,
            decision=st.decision,
            redacted_count=redacted,
            hops=tuple(st.hops),
        )

    if skipped and not any(h.outcome == "error" for h in st.hops):
        raise (yield from refuse(skipped[0]))
    record = st.record(status="error", model=identity.model_id, error="NoTargetAvailableError")
    stored = yield WriteAudit(record)
    tried = [(h.target, h.outcome + (f": {h.detail}" if h.detail else "")) for h in st.hops]
    raise NoTargetAvailableError(
        f"no target of space '{space_name}' could embed: "
        + "; ".join(f"{n} ({o})" for n, o in tried),
        hops=tried,
        audit_id=stored.id,
    ) from last_error


def _hop(
    name: str, result: EmbedCallResult, error: HybridLLMError | None, where: str | None
) -> Hop:
    return Hop(
        target=name,
        outcome="ok" if error is None else "error",
        detail=describe_error(error, where=where),
        attempts=result.attempts,
        latency_ms=result.latency_ms,
    )


def split_usage(usage: Usage, parts: list[int]) -> list[Usage]:
    """Share one request's token count among coalesced calls, by their number of texts."""
    total = sum(parts) or 1
    return [Usage(input_tokens=usage.input_tokens * n // total) for n in parts]
