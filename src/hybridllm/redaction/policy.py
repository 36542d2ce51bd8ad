"""Where a restored value may go: the restore policy (DESIGN.md invariant 8).

Restoring a placeholder hands a real value to whatever the reply feeds: the user's screen, or a
tool the application runs. A prompt injection can make the model write any placeholder it saw
anywhere, so "restore whatever was minted" turns redaction into disclosure. The policy decides,
per category, by where the value goes and where it came from:

- reply text (and JSON-mode output): PII and PHI yes, SECRET no; and only values that came
  from a ``user`` (or ``assistant``) message, never one that appeared only in the system prompt
  or a tool result;
- tool-call arguments: SECRET never; PII and PHI only into arguments the caller marked
  (``x-hybridllm-restore: true`` in the argument's schema, or ``[restore.tool_arguments]``).

A withheld value stays a placeholder; the result and the audit say how many, of which type,
and why, never the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from hybridllm.redaction.config import RestoreConfig
    from hybridllm.redaction.vault import Entry

__all__ = ["MARK", "RestorePolicy", "Where", "marked_arguments", "strip_marks"]

Where = Literal["text", "tool_arguments"]
"""Where a restored value would go."""

MARK = "x-hybridllm-restore"
"""Schema keyword marking a tool argument that may receive restored PII/PHI values."""


class RestorePolicy:
    """The effective restore policy of one call (config, per-call overrides, marked arguments).

    Args:
        config: the ``[restore]`` settings.
        marked: tool name -> top-level argument names marked in the tool schemas.
    """

    __slots__ = ("_args", "config")

    def __init__(
        self, config: RestoreConfig, marked: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self.config = config
        args: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in config.tool_arguments.items()
        }
        for tool, names in (marked or {}).items():
            args[tool] = args.get(tool, frozenset()) | frozenset(names)
        self._args = args

    def allowed_arguments(self, tool: str) -> frozenset[str]:
        """Top-level arguments of ``tool`` that may receive ``marked`` categories' values."""
        return self._args.get(tool, frozenset())

    def check(self, entry: Entry, where: Where, *, arg_allowed: bool = False) -> str | None:
        """None if ``entry``'s value may go to ``where``, else the reason it is withheld.

        Reasons: ``category`` (the category's rule keeps it out of this place), ``origin``
        (it came only from a message role the rule does not trust), ``tool_argument`` (the
        argument is not marked as allowed).
        """
        if entry.category is None:
            return None  # a neutralised literal: the caller's own text, never a value
        rule = self.config.rule(entry.category)
        if where == "text":
            untrusted = bool(entry.origins) and not entry.origins.intersection(rule.origins)
            return "category" if not rule.text else ("origin" if untrusted else None)
        if rule.tool_arguments == "never":
            return "category"
        refused = rule.tool_arguments == "marked" and not arg_allowed
        return "tool_argument" if refused else None


def marked_arguments(name: str, schema: Mapping[str, Any] | None) -> list[str]:
    """Top-level properties of a tool schema that carry ``x-hybridllm-restore: true``."""
    props = (schema or {}).get("properties")
    if not isinstance(props, Mapping):
        return []
    return [k for k, v in props.items() if isinstance(v, Mapping) and v.get(MARK) is True]


def strip_marks(schema: Any) -> Any:
    """The schema without our keyword (providers get only standard JSON Schema)."""
    if isinstance(schema, Mapping):
        return {k: strip_marks(v) for k, v in schema.items() if k != MARK}
    if isinstance(schema, list):
        return [strip_marks(v) for v in schema]
    return schema
