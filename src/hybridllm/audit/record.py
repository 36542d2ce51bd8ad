"""Canonical JSON and the hash chain that makes the audit log tamper-evident.

Each stored record carries ``prev_hash`` (the ``hash`` of the record before it, ``""`` for the
first one) and ``hash``::

    hash = sha256_hex(prev_hash + canonical_json(record without "hash", with prev_hash))

Changing, inserting or removing a record therefore breaks either its own hash or the link of the
record after it. The same functions are used to write and to verify, so they must stay
byte-for-byte deterministic across processes, platforms and Python versions.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from hybridllm.models import AuditRecord

__all__ = [
    "canonical_json",
    "compute_hash",
    "new_record_id",
    "record_body",
    "utc_now_iso",
]


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
    return json.dumps(
        obj,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def record_body(record: AuditRecord) -> str:
    """Return the canonical JSON of the full record (``hash`` included): what the store keeps.

    Args:
        record: the record to serialise.

    Returns:
        The canonical JSON text of every field of the record.
    """
    return canonical_json(record.model_dump(mode="json"))


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
    data = record.model_dump(mode="json", exclude={"hash"})
    data["prev_hash"] = prev_hash
    payload = prev_hash + canonical_json(data)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
