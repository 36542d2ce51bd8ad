"""Pydantic models shared by every stage of the flow.

None of these models holds a raw sensitive value, except :class:`Message` (the caller's own input)
whose ``content`` is excluded from ``repr``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Action",
    "AuditRecord",
    "Category",
    "Classification",
    "Completion",
    "Decision",
    "Finding",
    "Hop",
    "Locality",
    "Message",
    "Role",
    "Route",
    "ToolCall",
    "Usage",
    "Withheld",
]

Category = Literal["PII", "PHI", "SECRET"]
"""The three data classes the policy speaks about."""

Action = Literal["local", "redact", "block", "allow"]
"""What the policy does with a data class."""

Route = Literal["local", "cloud", "blocked"]
Locality = Literal["local", "remote"]
Role = Literal["system", "user", "assistant"]

CATEGORIES: tuple[Category, ...] = ("PII", "PHI", "SECRET")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Message(_Frozen):
    """One chat message. ``content`` is never shown in ``repr``."""

    role: Role
    content: str = Field(repr=False)


class Finding(_Frozen):
    """A span of a text that a recognizer flagged. Holds offsets, never the matched text.

    Attributes:
        entity_type: e.g. ``PERSON``, ``MEDICAL_RECORD_NUMBER``, ``AWS_ACCESS_KEY``.
        category: ``PII``, ``PHI`` or ``SECRET``.
        start: offset of the first character, in the text that was classified.
        end: offset one past the last character.
        score: confidence in [0, 1].
        recognizer: name of the recognizer that produced it.
        message_index: index of the message the span is in (0 for a plain string).
    """

    entity_type: str
    category: Category
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    score: float = Field(ge=0.0, le=1.0)
    recognizer: str
    message_index: int = 0


_CATEGORIES = frozenset(CATEGORIES)
_new = object.__new__
_set = object.__setattr__
_slots = vars(BaseModel)  # the slot descriptors every pydantic model instance fills
_set_fields = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__
_FINDING_FIELDS = ("entity_type", "category", "start", "end", "score", "recognizer")


def new_finding(
    *,
    entity_type: str,
    category: Category,
    start: int,
    end: int,
    score: float,
    recognizer: str,
    message_index: int = 0,
) -> Finding:
    """``Finding(...)`` for the classifier's own recognizers, at less than half the cost
    (~1 µs instead of ~2.5; a 10 KB clinical note builds ~500 findings).

    Values of exactly the declared types that meet every constraint (what ``Finding(...)``
    would keep as they are) make the instance directly, equal in every respect to the
    validated one (``tests/test_models_finding.py``); anything else goes through the
    validator, which raises as ``Finding(...)`` would.

    Raises:
        pydantic.ValidationError: a value ``Finding(...)`` would refuse.
    """
    if not (
        type(start) is int
        and type(end) is int
        and type(score) is float
        and type(message_index) is int
        and type(entity_type) is str
        and type(recognizer) is str
        and start >= 0
        and end >= 0
        and 0.0 <= score <= 1.0
        and category in _CATEGORIES
    ):
        return Finding(
            entity_type=entity_type,
            category=category,
            start=start,
            end=end,
            score=score,
            recognizer=recognizer,
            message_index=message_index,
        )
    finding: Finding = _new(Finding)
    _set(
        finding,
        "__dict__",
        {
            "entity_type": entity_type,
            "category": category,
            "start": start,
            "end": end,
            "score": score,
            "recognizer": recognizer,
            "message_index": message_index,
        },
    )
    _set_fields(finding, {*_FINDING_FIELDS, "message_index"})
    _set_extra(finding, None)
    _set_private(finding, None)
    return finding


def replace_finding(finding: Finding, **changes: object) -> Finding:
    """``finding`` with ``changes`` (as :func:`new_finding`: checked, at less than half the
    cost of ``model_copy(update=...)``, which does not validate).

    Raises:
        pydantic.ValidationError: a changed value ``Finding(...)`` would refuse.
    """
    values = {**finding.__dict__, **changes}
    return new_finding(**values)


class Classification(_Frozen):
    """What the classifier found in a payload."""

    findings: tuple[Finding, ...] = ()
    error: str | None = None
    """Set (to an error type name) when classification failed; the call then fails closed."""
    elapsed_ms: float = 0.0
    clinical: bool = False
    """The payload reads as clinical: the Safe Harbor pass ran and the leak guard applies."""

    @property
    def categories(self) -> frozenset[Category]:
        """The set of categories with at least one finding."""
        return frozenset(f.category for f in self.findings)

    def entity_counts(self) -> dict[str, int]:
        """Count of findings per entity type (sorted by type)."""
        counts: dict[str, int] = {}
        for f in sorted(self.findings, key=lambda f: f.entity_type):
            counts[f.entity_type] = counts.get(f.entity_type, 0) + 1
        return counts


class Decision(_Frozen):
    """What the policy decided for a call, and why (in words a reviewer can read)."""

    route: Route
    reason: str
    actions: dict[str, Action] = Field(default_factory=dict)
    """Action applied per category found, e.g. ``{"PHI": "local"}``."""
    fail_closed: bool = False
    """True when the decision was forced by a classifier error."""


class Usage(_Frozen):
    """Token counts as reported by the provider (0 when it does not say)."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        """Input plus output tokens."""
        return self.input_tokens + self.output_tokens


class Hop(_Frozen):
    """One target tried for a call."""

    target: str
    outcome: Literal["ok", "error", "skipped"]
    detail: str = ""
    """Error type or the policy reason a hop was skipped; never payload text."""
    attempts: int = 0
    latency_ms: float = 0.0


class ToolCall(_Frozen):
    """A tool call the model asked for. ``arguments`` is a JSON string, already restored."""

    id: str
    name: str
    arguments: str = Field(repr=False)


class Withheld(_Frozen):
    """Tokens left as placeholders because the restore policy keeps their value out of a place.

    Attributes:
        where: ``text`` (reply text or JSON output) or ``tool_arguments``.
        reason: ``category`` (the category's rule), ``origin`` (the value came only from the
            system prompt or a tool result) or ``tool_argument`` (argument not marked allowed).
        category: ``PII``, ``PHI`` or ``SECRET``.
        entity_type: the placeholder's label, e.g. ``AWS_ACCESS_KEY``.
        count: occurrences.
    """

    where: Literal["text", "tool_arguments"]
    reason: Literal["category", "origin", "tool_argument"]
    category: str
    entity_type: str
    count: int

    @property
    def key(self) -> str:
        """``where:reason:category:entity_type``, as the audit record counts it."""
        return f"{self.where}:{self.reason}:{self.category}:{self.entity_type}"


class Completion(_Frozen):
    """The result of :meth:`hybridllm.Client.complete`."""

    text: str = Field(repr=False)
    route: Route
    target: str | None
    model: str | None
    decision: Decision
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    audit_id: str
    classification: Classification = Field(default_factory=Classification)
    hops: tuple[Hop, ...] = ()
    redacted_count: int = 0
    """How many distinct values were replaced by placeholders before sending."""
    latency_ms: float = 0.0
    tool_calls: tuple[ToolCall, ...] = ()
    """Tool calls the model asked for (non-streaming calls), arguments restored."""
    finish_reason: str | None = None
    """``stop``, ``length``, ``tool_calls`` or ``content_filter``, as the provider said."""
    withheld: tuple[Withheld, ...] = ()
    """Tokens the restore policy left as placeholders (what, where and why; never values)."""
    unrestored: dict[str, int] = Field(default_factory=dict)
    """Placeholder-like text left in the reply that no token of this call accounts for
    (``[NAME_1]``, a cut-off ``[PERS``): label -> count. Empty when the reply is clean."""


class AuditRecord(_Frozen):
    """One audit entry. Never contains a raw sensitive value (nor any prompt text).

    ``prev_hash`` and ``hash`` form the chain: ``hash = sha256(prev_hash + canonical_json(body))``
    where body is every other field. Schema history is in ``docs/audit-schema.md``; version 2
    added the fields from ``app`` down (a version-1 record is hashed without them); version 3
    added ``intents`` and the ``intent`` status.

    An ``intent`` record is written (durably) before a payload leaves for a target: what will be
    sent where, under which decision. The call's outcome record lists the intents it completes in
    ``intents``; an intent that no outcome completes is a call that crashed or is still running.
    Version 4 added ``withheld``, ``unrestored`` and ``warnings`` (the restore policy).
    """

    schema_version: int = 4
    id: str
    ts: str
    """UTC time, ISO 8601 with microseconds and a ``Z``."""
    kind: Literal["complete", "embed"] = "complete"
    caller: str = ""
    status: Literal["ok", "blocked", "error", "intent"]
    route: Route
    reason: str
    fail_closed: bool = False
    categories: tuple[str, ...] = ()
    entities: dict[str, int] = Field(default_factory=dict)
    max_score: float = 0.0
    actions: dict[str, str] = Field(default_factory=dict)
    hops: tuple[Hop, ...] = ()
    target: str | None = None
    model: str | None = None
    locality: Locality | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    redacted_count: int = 0
    restored_count: int = 0
    stream: bool = False
    latency_ms: dict[str, float] = Field(default_factory=dict)
    error: str | None = None
    # -- schema version 2 --
    app: str = ""
    """Application / service name (``Settings.app_name``)."""
    conversation_id: str | None = None
    policy_version: str = ""
    """``hybridllm.audit.record.policy_version()`` of the effective policy."""
    prompt_hmac: str = ""
    """Keyed hash of the prompt (``hybridllm.audit.record.prompt_hmac``): correlates repeats."""
    key_id: str = ""
    """Id of the audit key that made ``prompt_hmac`` (never the key itself)."""
    category_counts: dict[str, int] = Field(default_factory=dict)
    entity_scores: dict[str, float] = Field(default_factory=dict)
    """Highest score per entity type."""
    remote_targets: tuple[str, ...] = ()
    """Remote targets a payload was sent to (any attempted hop, answered or not)."""
    space: str | None = None
    """Embedding space of an ``embed`` record."""
    input_count: int = 0
    """Messages of a completion, or texts of an embed call (never their content)."""
    target_attributes: dict[str, str | int | bool | None] = Field(default_factory=dict)
    """Compliance attributes of the target that answered (locality, region, retention_days,
    trains_on_inputs, baa, zdr), as configured when the call was made."""
    region: str | None = None
    """Where the answering target is hosted, as configured (e.g. ``us``, ``eu-west-1``)."""
    # -- schema version 3 --
    intents: tuple[str, ...] = ()
    """Ids of the ``intent`` records this outcome completes (one per target a payload went to)."""
    # -- schema version 4 --
    withheld: dict[str, int] = Field(default_factory=dict)
    """Tokens the restore policy kept out of the reply or tool arguments, by
    ``where:reason:category:entity_type`` (see :class:`Withheld`)."""
    unrestored: dict[str, int] = Field(default_factory=dict)
    """Placeholder-like text left in the reply, by label (see ``Completion.unrestored``)."""
    warnings: tuple[str, ...] = ()
    """``unrestored_placeholders`` when the reply kept placeholder-like text."""
    prev_hash: str = ""
    hash: str = ""
