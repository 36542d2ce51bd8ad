"""What one completion call knows so far, and how it becomes an audit record or a result.

Split from :mod:`hybridllm.core.flow` (which drives it) to keep both short. Holds no raw values
besides the caller's messages, and never puts them in a record.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from hybridllm.adapters.base import Adapter
from hybridllm.audit.record import new_record_id, utc_now_iso
from hybridllm.config import TargetConfig
from hybridllm.core.restore_flow import warnings_of, withheld_of
from hybridllm.errors import HybridLLMError
from hybridllm.models import AuditRecord, Classification, Completion, Decision, Hop, Message, Usage
from hybridllm.redaction import Vault
from hybridllm.redaction.config import RestoreConfig
from hybridllm.redaction.policy import RestorePolicy
from hybridllm.redaction.restore import RestoreReport

__all__ = ["AuditContext", "CallState", "elapsed_ms"]


@dataclass(frozen=True, slots=True)
class AuditContext:
    """Per-client facts every audit record carries (never payload text)."""

    app: str = ""
    policy_version: str = ""
    prompt_key: bytes | None = field(default=None, repr=False)
    key_id: str = ""
    conversation_id: str | None = None


def elapsed_ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000.0, 3)


@dataclass
class CallState:
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
    intents: list[str] = field(default_factory=list)
    notes: set[str] = field(default_factory=set)
    """Degraded conditions the drivers met (see ``CallResult.notes``); audited as warnings."""
    """Ids of the intent records written so far (the outcome record completes them)."""
    last_error: HybridLLMError | None = None  # chained as the cause of NoTargetAvailableError
    # -- restore policy (issue 15): where values may go, and what the reply kept --
    policy: RestorePolicy = field(default_factory=lambda: RestorePolicy(RestoreConfig()))
    report: RestoreReport = field(default_factory=RestoreReport)
    kind: Literal["complete", "embed"] = "complete"
    space: str | None = None
    """Embedding space (``embed`` calls)."""

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
        self.timings["total"] = elapsed_ms(self.t0)
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
            intents=() if status == "intent" else tuple(self.intents),
            withheld={w.key: w.count for w in withheld_of(self.report)},
            unrestored=dict(sorted(self.report.junk.items())),
            warnings=(*warnings_of(self.report, self.policy), *sorted(self.notes)),
            kind=self.kind,
            space=self.space,
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
            withheld=withheld_of(self.report),
            unrestored=dict(sorted(self.report.junk.items())),
        )
