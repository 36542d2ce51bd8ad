"""Canonical JSON and the hash chain that makes the audit log tamper-evident.

Each stored record carries ``prev_hash`` (the ``hash`` of the record before it, ``""`` for the
first one) and ``hash``::

    hash = sha256_hex(prev_hash + canonical_json(record without "hash", with prev_hash))

Changing, inserting or removing a record therefore breaks either its own hash or the link of the
record after it. The same functions are used to write and to verify, so they must stay
byte-for-byte deterministic across processes, platforms and Python versions.

A record keeps the schema version it was written with: fields added by a later version are left
out of an older record's JSON and hash (:data:`V2_FIELDS`, :data:`V3_FIELDS`), so old logs keep
verifying.

Content is never stored; :func:`prompt_hmac` gives a keyed hash of the prompt so that repeats can
be correlated by whoever holds the audit key, and :func:`policy_version` names the policy in
force.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from hybridllm.models import AuditRecord

__all__ = [
    "V2_FIELDS",
    "V3_FIELDS",
    "V4_FIELDS",
    "canonical_json",
    "compute_hash",
    "new_record_id",
    "policy_version",
    "prompt_hmac",
    "record_body",
    "record_dict",
    "utc_now_iso",
]

V2_FIELDS: frozenset[str] = frozenset(
    {
        "app",
        "conversation_id",
        "policy_version",
        "prompt_hmac",
        "key_id",
        "category_counts",
        "entity_scores",
        "remote_targets",
        "region",
        "target_attributes",
        "space",
        "input_count",
    }
)
"""Fields added in schema version 2: absent from (and not hashed in) a version-1 record."""

V3_FIELDS: frozenset[str] = frozenset({"intents"})
"""Fields added in schema version 3: absent from (and not hashed in) older records."""

V4_FIELDS: frozenset[str] = frozenset({"withheld", "unrestored", "warnings"})
"""Fields added in schema version 4 (restore policy): absent from older records."""


def canonical_json(obj: Mapping[str, Any]) -> str:
    """Serialise a mapping to the one canonical JSON text used for hashing and storage.

    Keys are sorted at every level, separators are compact and non-ASCII characters are kept as
    they are (so the text is the same whatever the platform's default encoding). Floats are written
    with Python's shortest round-trip ``repr``, which is stable and parses back to the same value.

    Args:
        obj: a JSON-compatible mapping (e.g. ``model.model_dump(mode="json")``).

    Returns:
        The canonical JSON text.

    Raises:
        ValueError: if the mapping holds NaN or an infinity, which have no JSON form and would
            make the hash depend on a non-standard extension.
        TypeError: if the mapping holds a value that is not JSON-serialisable.
    """
    return _CANONICAL.encode(obj)


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)
"""The one encoder of :func:`canonical_json` (``json.dumps`` would build one per call)."""


def record_dict(record: AuditRecord) -> dict[str, Any]:
    """Return the record as JSON-compatible data, with only the fields of its schema version.

    Args:
        record: the record.

    Returns:
        ``record.model_dump(mode="json")``, minus :data:`V2_FIELDS` for a version-1 record and
        :data:`V3_FIELDS` for a version-1 or 2 record.
    """
    data = record.model_dump(mode="json")
    if record.schema_version < 4:
        for name in V4_FIELDS:
            data.pop(name, None)
    if record.schema_version < 3:
        for name in V3_FIELDS:
            data.pop(name, None)
    if record.schema_version < 2:
        for name in V2_FIELDS:
            data.pop(name, None)
    return data


def record_body(record: AuditRecord) -> str:
    """Return the canonical JSON of the full record (``hash`` included): what the store keeps.

    Args:
        record: the record to serialise.

    Returns:
        The canonical JSON text of every field of the record's schema version.
    """
    return canonical_json(record_dict(record))


def compute_hash(prev_hash: str, record: AuditRecord) -> str:
    """Compute the chain hash of ``record`` given the hash of the record before it.

    The hashed document is every field of the record except ``hash``, with ``prev_hash`` set to
    the ``prev_hash`` argument (so a caller cannot link a record to one hash while hashing it
    against another).

    Args:
        prev_hash: hash of the previous record in the chain, ``""`` for the first record.
        record: the record to hash; its own ``hash`` and ``prev_hash`` fields are ignored.

    Returns:
        The SHA-256 hex digest (64 lowercase hex characters).
    """
    data = record_dict(record)
    data.pop("hash", None)
    data["prev_hash"] = prev_hash
    payload = prev_hash + canonical_json(data)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def seal(prev_hash: str, record: AuditRecord) -> tuple[AuditRecord, str]:
    """Link ``record`` after ``prev_hash``: the record as stored and its canonical body.

    The same result as ``compute_hash`` then ``record_body`` of the linked record, from one
    serialisation of it (the append path runs this once per record).

    Args:
        prev_hash: hash of the previous record in the chain, ``""`` for the first record.
        record: the record to link; its own ``hash`` and ``prev_hash`` fields are replaced.

    Returns:
        The record with ``prev_hash`` and ``hash`` set, and the canonical JSON of all its fields.
    """
    data = record_dict(record)
    data.pop("hash", None)
    data["prev_hash"] = prev_hash
    # The canonical text is "{" + the sorted "key":value items joined by "," + "}", so it is
    # the text of the keys before "hash" joined to the text of the keys after it; the body is
    # the same two halves with the "hash" item between them: one serialisation, not two.
    head = canonical_json({k: v for k, v in data.items() if k < "hash"})
    tail = canonical_json({k: v for k, v in data.items() if k > "hash"})
    if head == "{}" or tail == "{}":  # pragma: no cover - every record has keys on both sides
        text = canonical_json(data)
        digest = hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()
        body = canonical_json({**data, "hash": digest})
    else:
        text = f"{head[:-1]},{tail[1:]}"
        digest = hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()
        body = f'{head[:-1]},"hash":"{digest}",{tail[1:]}'
    stored = record.model_copy(update={"prev_hash": prev_hash, "hash": digest})
    return stored, body


def new_record_id() -> str:
    """Return a new, time-sortable, globally unique record id.

    The id is 32 lowercase hex characters: a 48-bit big-endian Unix time in milliseconds followed
    by 80 random bits from the OS CSPRNG (the same layout as a ULID, in hex). Ids made in later
    milliseconds sort after earlier ones; ids from the same millisecond, in any process, differ in
    their random part with overwhelming probability.

    Returns:
        The id.
    """
    ms = time.time_ns() // 1_000_000
    return f"{ms & 0xFFFF_FFFF_FFFF:012x}{os.urandom(10).hex()}"


def utc_now_iso() -> str:
    """Return the current UTC time as ISO 8601 with microseconds and a ``Z`` suffix.

    Returns:
        e.g. ``"2026-05-09T07:35:25.123456Z"``.
    """
    ns = time.time_ns()
    seconds, micros = divmod(ns // 1000, 1_000_000)
    # time.strftime on a struct_time: the same text as datetime.now(UTC).strftime(...%fZ), at
    # a fraction of its cost (it runs twice per call)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{micros:06d}Z"


def prompt_hmac(key: bytes, texts: Sequence[str]) -> str:
    """Keyed hash of a prompt: equal prompts give equal values, and nothing else can be learnt.

    Each text is length-prefixed before hashing, so ``["ab", "c"]`` and ``["a", "bc"]`` differ.
    Without the key, the value cannot be checked against a guessed prompt (a plain hash could).

    Args:
        key: the secret, e.g. ``load_audit_key().prompt_key`` (at least 16 bytes).
        texts: the message contents of the call, in order.

    Returns:
        ``"hmac-sha256:"`` followed by 64 hex characters.

    Raises:
        ValueError: if the key is shorter than 16 bytes.
    """
    if len(key) < 16:
        raise ValueError("prompt HMAC key must be at least 16 bytes")
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for text in texts:
        data = text.encode("utf-8", errors="surrogatepass")
        mac.update(len(data).to_bytes(8, "big"))
        mac.update(data)
    return "hmac-sha256:" + mac.hexdigest()


def policy_version(policy: Mapping[str, Any]) -> str:
    """Name a policy by the hash of its canonical JSON: same rules, same version, anywhere.

    Args:
        policy: JSON-compatible description of the effective policy (actions per category and
            anything else that changes decisions, e.g. the fail-closed mode and target
            localities).

    Returns:
        ``"sha256:"`` followed by the first 16 hex characters of the digest.
    """
    digest = hashlib.sha256(canonical_json(policy).encode("utf-8")).hexdigest()
    return "sha256:" + digest[:16]
