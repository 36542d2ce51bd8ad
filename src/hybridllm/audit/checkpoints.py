"""Signed checkpoints and retention cuts, independent of the database that stores them.

The SQLite store (:mod:`hybridllm.audit._sqlite`) and the PostgreSQL sink
(:mod:`hybridllm.audit.postgres`) both build, sign and place checkpoints with these pure
functions, and both verify them with :mod:`hybridllm.audit.verify`, so a checkpoint or a cut
means the same thing in either backend. Only the SQL around them differs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import canonical_json, utc_now_iso
from hybridllm.audit.verify import checkpoint_message
from hybridllm.errors import AuditError

__all__ = ["PurgeResult", "cut_seq", "cutoff_iso", "signed_checkpoint", "stored_hash"]


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """Outcome of a retention purge (``AuditStore.purge``, ``PostgresSink.purge``).

    Attributes:
        removed: how many records were deleted.
        cut_seq: the last removed ``seq`` (the signed cut); 0 when nothing was removed.
    """

    removed: int
    cut_seq: int


def signed_checkpoint(
    signer: Signer,
    *,
    n: int,
    kind: str,
    seq: int,
    record_id: str,
    record_hash: str,
    prev_sig: str,
    instance: str | None = None,
) -> tuple[str, str]:
    """The canonical body of checkpoint ``n`` and its signature.

    Args:
        signer: the audit key.
        n: the checkpoint's number in its chain (1, 2, ...).
        kind: ``periodic``, ``manual``, ``close`` or ``cut``.
        seq: the record it pins (for a cut: the last removed record).
        record_id: that record's id.
        record_hash: that record's hash.
        prev_sig: the previous checkpoint's signature (``""`` for the first).
        instance: the chain's name, when a database holds several chains (PostgreSQL); it is
            signed with the rest, so a checkpoint cannot be moved to another chain.

    Returns:
        ``(body, sig)``, ready to store.
    """
    data: dict[str, Any] = {
        "n": n,
        "kind": kind,
        "seq": seq,
        "record_id": record_id,
        "hash": record_hash,
        "ts": utc_now_iso(),
        "prev_sig": prev_sig,
    }
    if instance is not None:
        data["instance"] = instance
    body = canonical_json(data)
    return body, signer.sign(checkpoint_message(body))


def stored_hash(body: str) -> str:
    """The record hash a stored checkpoint body pins (for a cut: where the chain goes on)."""
    data = json.loads(body)
    if not isinstance(data, dict):
        raise AuditError("audit checkpoint body is not an object")
    return str(data["hash"])


def cutoff_iso(older_than: datetime | timedelta) -> str:
    """The cut-off of a purge as a ``ts`` string (records with ``ts`` before it go).

    Args:
        older_than: an aware datetime, or an age (``timedelta(days=N)``) from now.

    Raises:
        AuditError: for a naive datetime.
    """
    when = datetime.now(UTC) - older_than if isinstance(older_than, timedelta) else older_than
    if when.tzinfo is None:
        raise AuditError("purge needs an aware datetime (UTC)")
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def cut_seq(first: int | None, last: int | None, first_kept: int | None) -> int | None:
    """Where a purge cuts a chain, or None when it removes nothing.

    Records go from the start of the chain up to the one before the first record at or after the
    cut-off, so a record never outlives an older one (nor the other way round).

    Args:
        first: the lowest stored seq (None for an empty chain).
        last: the highest stored seq.
        first_kept: the lowest seq with ``ts`` at or after the cut-off (None: every record is
            older).

    Returns:
        The seq of the last record to remove, or None.
    """
    if first is None or last is None:
        return None
    cut = int(last) if first_kept is None else int(first_kept) - 1
    return cut if cut >= int(first) else None
