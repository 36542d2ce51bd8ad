"""``hybridllm scan``: findings of one text as a table or JSON, with the policy's decision.

Values are never printed: a finding shows its type, category, offsets, score and recognizer.
"""

from __future__ import annotations

import json

from hybridllm.classifiers.config import ClassifierConfig
from hybridllm.models import CATEGORIES, Classification

__all__ = ["scan_command"]

_STRICTNESS: dict[str, int] = {"block": 3, "local": 2, "redact": 1, "allow": 0}


def _decision(classification: Classification, policy: dict[str, str]) -> tuple[str, str]:
    """(action, reason) the policy takes: the strictest action over the categories found."""
    found = [c for c in CATEGORIES if c in classification.categories]
    if not found:
        return "default", "no sensitive data found: sent to the default target"
    actions = {c: policy.get(c, "local") for c in found}
    strictest = max(actions.values(), key=lambda a: _STRICTNESS.get(a, 3))
    why = ", ".join(f"{c} -> {a}" for c, a in actions.items())
    return strictest, why


def scan_command(
    text: str,
    as_json: bool,
    policy: dict[str, str],
    config: ClassifierConfig | None = None,
) -> str:
    """Classify ``text`` and render the findings and the decision.

    Args:
        text: the text to scan.
        as_json: render JSON instead of a table.
        policy: action per category (``{"PII": "redact", "PHI": "local", "SECRET": "block"}``);
            a category missing from it is treated as ``local``.
        config: classifier configuration (None: defaults).

    Returns:
        The output to print (no trailing newline).

    Raises:
        ClassificationError: classification failed.
    """
    from hybridllm.classifiers import get_classifier

    c = get_classifier(config).classify(text)
    action, why = _decision(c, policy)
    if as_json:
        return json.dumps(
            {
                "findings": [f.model_dump(exclude={"message_index"}) for f in c.findings],
                "categories": sorted(c.categories),
                "decision": {"action": action, "reason": why},
                "elapsed_ms": round(c.elapsed_ms, 3),
            },
            indent=2,
        )
    header = f"{'CATEGORY':8} {'ENTITY':28} {'START':>6} {'END':>6} {'SCORE':>5}  RECOGNIZER"
    lines = [header, "-" * len(header)]
    lines.extend(
        f"{f.category:8} {f.entity_type:28} {f.start:>6} {f.end:>6} {f.score:>5.2f}  {f.recognizer}"
        for f in c.findings
    )
    if not c.findings:
        lines.append("(no findings)")
    cats = ", ".join(sorted(c.categories)) or "none"
    lines.append("")
    lines.append(f"categories: {cats}")
    lines.append(f"decision:   {action} ({why})")
    lines.append(f"elapsed:    {c.elapsed_ms:.2f} ms")
    return "\n".join(lines)
