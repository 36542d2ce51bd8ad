"""The restore step of the flow (issue 15): the call's restore policy, a reply restored under it.

Pure functions over the reply and the call's vault; :mod:`hybridllm.core.flow` calls them. What was
withheld (by policy) and what was left (junk the model made of placeholders) is reported in counts
and types only, for ``Completion`` and the audit record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from hybridllm.adapters.base import CallOptions, ChatResponse
from hybridllm.config import Settings
from hybridllm.errors import UnrestoredPlaceholderError
from hybridllm.models import ToolCall, Withheld
from hybridllm.redaction import Vault, restore, restore_json, restore_tool_arguments
from hybridllm.redaction.config import RestoreConfig
from hybridllm.redaction.policy import RestorePolicy, marked_arguments, strip_marks
from hybridllm.redaction.restore import RestoreReport

__all__ = ["call_policy", "check_unrestored", "restore_reply", "warnings_of", "withheld_of"]


def call_policy(
    settings: Settings, options: CallOptions, override: RestoreConfig | Mapping[str, Any] | None
) -> tuple[RestorePolicy, CallOptions]:
    """The call's restore policy; tool schemas lose our marks before they are sent."""
    config = settings.restore.merged(override)
    marked = {t.name: marked_arguments(t.name, t.parameters) for t in options.tools}
    marked = {k: v for k, v in marked.items() if v}
    if marked:
        tools = tuple(replace(t, parameters=strip_marks(t.parameters)) for t in options.tools)
        options = replace(options, tools=tools)
    return RestorePolicy(config, marked), options


def restore_reply(
    vault: Vault, policy: RestorePolicy, resp: ChatResponse, options: CallOptions, *, redacted: bool
) -> tuple[str, tuple[ToolCall, ...], RestoreReport]:
    """Restore a whole reply's text and tool-call arguments under the call's policy."""
    report = RestoreReport()
    unredact = restore_json if options.json_schema is not None else restore
    text, _ = unredact(resp.text, vault, policy=policy, report=report)
    calls = tuple(
        ToolCall(
            id=c.id,
            name=c.name,
            arguments=restore_tool_arguments(
                c.arguments, vault, policy=policy, report=report, tool=c.name
            ),
        )
        for c in resp.tool_calls
    )
    if not redacted:
        report.junk.clear()  # nothing was replaced: brackets in the reply are the model's own
    return text, calls, report


def withheld_of(report: RestoreReport) -> tuple[Withheld, ...]:
    """What the policy withheld, as result models (sorted)."""
    return tuple(
        Withheld(where=w, reason=r, category=c, entity_type=t, count=n)  # type: ignore[arg-type]
        for (w, r, c, t), n in sorted(report.withheld.items())
    )


def warnings_of(report: RestoreReport, policy: RestorePolicy) -> tuple[str, ...]:
    """The audit record's warnings (``unrestored_retried``: the reply is the retry's)."""
    junk = report.junk and policy.config.on_unrestored != "ignore"
    out = ("unrestored_placeholders",) if junk else ()
    return (*out, "unrestored_retried") if report.retried else out


def check_unrestored(report: RestoreReport, policy: RestorePolicy, audit_id: str) -> None:
    """``on_unrestored = "fail"``: raise once the call is audited."""
    if report.junk and policy.config.on_unrestored == "fail":
        counts = dict(sorted(report.junk.items()))
        raise UnrestoredPlaceholderError(
            f"the reply kept {sum(counts.values())} placeholder-like token(s): "
            + ", ".join(f"{k} x{v}" for k, v in counts.items()),
            counts=counts,
            audit_id=audit_id,
        )
