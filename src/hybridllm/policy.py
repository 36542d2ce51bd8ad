"""Policy: from what was found to where a payload may go, with a reason a reviewer can read.

Two pure functions, used by the flow for every call and re-applied on every fallback hop:

* :func:`decide` turns a :class:`Classification` into a :class:`Decision` (route + why).
* :func:`permit` says whether one target may receive the payload, and in which form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

from hybridllm.config import Requirement, TargetConfig
from hybridllm.models import CATEGORIES, Action, Category, Classification, Decision, Locality

__all__ = ["Permit", "decide", "permit"]

_STRICTNESS: dict[Action, int] = {"block": 3, "local": 2, "redact": 1, "allow": 0}


def _describe(classification: Classification, category: Category) -> str:
    if category not in classification.categories:
        return f"{category} (assumed by policy scope)"
    counts: dict[str, int] = {}
    for f in classification.findings:
        if f.category == category:
            counts[f.entity_type] = counts.get(f.entity_type, 0) + 1
    inner = ", ".join(f"{t} x{n}" for t, n in sorted(counts.items()))
    return f"{category} ({inner})"


def decide(
    classification: Classification,
    policy: dict[Category, Action],
    *,
    default_locality: Locality,
    on_error: Literal["local", "block"],
    default_target: str,
    assumed: frozenset[Category] = frozenset(),
) -> Decision:
    """Decide the route for a classified payload.

    Args:
        classification: what the classifier found (``error`` set when it failed).
        policy: action per category.
        default_locality: locality of the default target (where plain prompts go).
        on_error: fail-closed route when classification failed.
        default_target: name of the default target, for the reason text.
        assumed: categories a policy scope says the payload contains, found or not. An assumed
            category with no finding cannot be redacted (there is no span), so ``redact``
            becomes ``local`` for it.

    Returns:
        The decision; ``fail_closed`` is set when forced by a classifier error.
    """
    if classification.error is not None:
        route: Literal["local", "blocked"] = "local" if on_error == "local" else "blocked"
        where = "kept on a local model" if route == "local" else "blocked"
        return Decision(
            route=route,
            reason=f"classifier failed ({classification.error}); failing closed: payload {where}",
            fail_closed=True,
        )
    found = [c for c in CATEGORIES if c in classification.categories or c in assumed]
    actions: dict[str, Action] = {c: policy[c] for c in found}
    for c in assumed - classification.categories:
        if actions[c] == "redact":
            actions[c] = "local"
    if not found:
        route_name: Literal["local", "cloud"] = "cloud" if default_locality == "remote" else "local"
        return Decision(
            route=route_name,
            reason=f"no sensitive data found; sent to default target '{default_target}'",
        )
    strictest = max(actions.values(), key=lambda a: _STRICTNESS[a])
    described = "; ".join(f"{_describe(classification, c)} -> {actions[c]}" for c in found)
    if strictest == "block":
        return Decision(route="blocked", reason=f"blocked by policy: {described}", actions=actions)
    if strictest == "local":
        return Decision(
            route="local",
            reason=f"kept on a local model by policy: {described}",
            actions=actions,
        )
    if default_locality == "local":
        return Decision(
            route="local",
            reason=f"found {described}; default target '{default_target}' is local, sent as is",
            actions=actions,
        )
    verb = "redacted before leaving the machine" if strictest == "redact" else "allowed as is"
    return Decision(route="cloud", reason=f"{verb}: {described}", actions=actions)


@dataclass(frozen=True, slots=True)
class Permit:
    """Whether one target may receive the payload, and whether it must be redacted."""

    allowed: bool
    redact_categories: frozenset[Category]
    reason: str


def permit(
    decision: Decision,
    target: TargetConfig,
    requirements: Mapping[Category, Requirement] | None = None,
    *,
    name: str = "",
) -> Permit:
    """Re-apply the decision to one concrete target (called for every hop of a chain).

    A local target receives the payload as is. A remote target is refused whenever the decision
    keeps the payload local (including every fail-closed decision), or when a category found
    has a requirement (BAA, region, retention, training) the target does not meet; otherwise it
    receives the payload with every ``redact`` category replaced by placeholders.
    """
    if decision.route == "blocked":
        return Permit(False, frozenset(), "the call is blocked")
    if target.effective_locality == "local":
        return Permit(True, frozenset(), "local target: the payload stays on this machine")
    # Refuse on what the policy says, not on decision.route: a prompt whose default target is
    # local may still fall back to a remote target, redacted as its categories require.
    if decision.fail_closed or any(a in ("local", "block") for a in decision.actions.values()):
        return Permit(False, frozenset(), "policy keeps this payload local; target is remote")
    for category in decision.actions:
        req = (requirements or {}).get(cast(Category, category))
        unmet = req.unmet(target) if req is not None else []
        if unmet:
            label = f"target '{name}'" if name else "target"
            return Permit(
                False, frozenset(), f"{category} may not go to {label}: {'; '.join(unmet)}"
            )
    redact = frozenset(cast(Category, c) for c, a in decision.actions.items() if a == "redact")
    redacting = ", ".join(sorted(redact)) or "nothing"
    return Permit(True, redact, f"remote target; redacting {redacting}")
