"""Checking a stored chain: one record at a time, then the signed checkpoints that pin it.

Shared by every store (SQLite, JSONL, PostgreSQL), so that "verified" means the same thing
everywhere. A store hands each stored row to :meth:`ChainChecker.check` in chain order; the
checker raises :class:`ChainBroken` naming the first bad record.

Signatures (see :mod:`hybridllm.audit.keys`) cover ``"hybridllm-record\\0" + hash`` for each
record and ``"hybridllm-checkpoint\\0" + body`` for each checkpoint. A checkpoint's body is the
canonical JSON of ``{"n", "kind", "seq", "record_id", "hash", "ts", "prev_sig"}``: checkpoint
number ``n`` (1, 2, ...), ``kind`` ``"periodic"``, ``"manual"``, ``"close"`` or ``"cut"`` (a
retention purge removed every record up to and including ``seq``), the record at ``seq`` and its
hash, and the previous checkpoint's signature, so checkpoints form a chain of their own. In
PostgreSQL, where one database holds a chain per instance, the body also names the ``instance``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import canonical_json, compute_hash, record_body
from hybridllm.errors import AuditVerificationError
from hybridllm.models import AuditRecord

__all__ = [
    "CHECKPOINT_KINDS",
    "ChainBroken",
    "ChainChecker",
    "Checkpoint",
    "VerifyResult",
    "checkpoint_message",
    "record_message",
]

CHECKPOINT_KINDS: Final = ("periodic", "manual", "close", "cut")


def record_message(record_hash: str) -> bytes:
    """The bytes signed for one record."""
    return b"hybridllm-record\x00" + record_hash.encode("ascii", errors="replace")


def checkpoint_message(body: str) -> bytes:
    """The bytes signed for one checkpoint."""
    return b"hybridllm-checkpoint\x00" + body.encode("utf-8")


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Outcome of a verification.

    Attributes:
        ok: True when every record verified and the chain is complete.
        checked: number of records that verified (all of them when ``ok``).
        first_bad_id: id of the first record that failed, or None (when ``ok``, or when the
            failure is not tied to one record, e.g. an unreadable database).
        problem: what is wrong, in words; None when ``ok``.
        head_hash: hash of the last verified record (``""`` for an empty log). Keeping a copy of it
            elsewhere lets a later check prove that the log was not rewritten wholesale.
        signatures_checked: True when record signatures and checkpoints were checked with a key.
            Without a key only the hash chain is checked, which shows accidental damage and
            careless edits but not a rewrite by someone who recomputed every hash.
        checkpoints: number of signed checkpoints that verified.
        purged_through: retention purge cut: records up to this seq were removed (0: none).
        unsigned_tail: records after the last checkpoint (signed one by one, but a cut-off of
            them can only be seen against a checkpoint). Only set when signatures were checked.
        head_seq: ``seq`` of the last verified record: how many records the log has ever held
            (a retention purge does not lower it). With ``head_hash``, what to keep elsewhere
            and pass back as ``--min-records`` / ``--expect-head``.
        open_intents: ids of ``intent`` records that no outcome record completes: calls that
            crashed after their payload may have left (or that are still running).
        witnessed: witness entries that matched the log (0 when no witness was checked).
    """

    ok: bool
    checked: int
    first_bad_id: str | None = None
    problem: str | None = None
    head_hash: str = ""
    signatures_checked: bool = False
    checkpoints: int = 0
    purged_through: int = 0
    unsigned_tail: int = 0
    head_seq: int = 0
    open_intents: tuple[str, ...] = ()
    witnessed: int = 0

    def raise_for_failure(self) -> None:
        """Raise if verification failed.

        Raises:
            AuditVerificationError: naming the first bad record, when ``ok`` is False.
        """
        if not self.ok:
            where = f" at record {self.first_bad_id}" if self.first_bad_id else ""
            raise AuditVerificationError(
                f"audit chain verification failed{where}: {self.problem}",
                record_id=self.first_bad_id or "",
            )


class ChainBroken(Exception):  # noqa: N818  (control flow inside verification, not an API error)
    """The first bad record (or checkpoint) found; stops verification."""

    def __init__(self, record_id: str | None, problem: str) -> None:
        """Name the record (None when not tied to one) and say what is wrong."""
        self.record_id = record_id
        self.problem = problem
        super().__init__(problem)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A parsed, checked checkpoint."""

    n: int
    kind: str
    seq: int
    record_id: str
    hash: str
    ts: str
    sig: str
    body: str = ""


def _text(raw: bytes | str | None, what: str, record_id: str | None) -> str:
    if raw is None:
        raise ChainBroken(record_id, f"{what} is NULL")
    if isinstance(raw, str):
        return raw
    try:
        return bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise ChainBroken(record_id, f"{what} is not valid UTF-8") from None


def parse_checkpoints(
    rows: Sequence[tuple[int, bytes | str | None, bytes | str | None]],
    signer: Signer | None,
    instance: str | None = None,
) -> list[Checkpoint]:
    """Check checkpoint rows ``(n, body, sig)`` in ``n`` order; raise :class:`ChainBroken`.

    Args:
        rows: every stored checkpoint, ordered by ``n``.
        signer: checks the signatures; None checks structure and links only.
        instance: the chain's name where a database holds several (PostgreSQL): each body must
            name it, so a checkpoint copied from another chain is refused.

    Returns:
        The checkpoints, in order.
    """
    out: list[Checkpoint] = []
    prev_sig = ""
    for expected, (n, raw_body, raw_sig) in enumerate(rows, start=1):
        where = f"checkpoint #{n}"
        body = _text(raw_body, f"{where} body", None)
        sig = _text(raw_sig, f"{where} signature", None)
        if n != expected:
            raise ChainBroken(None, f"checkpoint #{expected} is missing (next is #{n})")
        try:
            data = json.loads(body)
            cp = Checkpoint(
                n=int(data["n"]),
                kind=str(data["kind"]),
                seq=int(data["seq"]),
                record_id=str(data["record_id"]),
                hash=str(data["hash"]),
                ts=str(data["ts"]),
                sig=sig,
                body=body,
            )
            canonical = canonical_json(data)
        except (ValueError, KeyError, TypeError):
            raise ChainBroken(None, f"{where} body is not a valid checkpoint") from None
        if canonical != body or cp.n != n or cp.kind not in CHECKPOINT_KINDS:
            raise ChainBroken(cp.record_id, f"{where} body was changed")
        if instance is not None and data.get("instance") != instance:
            raise ChainBroken(cp.record_id, f"{where} belongs to another instance's chain")
        if data.get("prev_sig") != prev_sig:
            raise ChainBroken(cp.record_id, f"{where} does not link to checkpoint #{n - 1}")
        if signer is not None:
            problem = signer.check(checkpoint_message(body), sig)
            if problem:
                raise ChainBroken(cp.record_id, f"{where} signature invalid: {problem}")
        prev_sig = sig
        out.append(cp)
    return out


class ChainChecker:
    """Checks stored rows in chain order against each other, the signer and the checkpoints.

    Args:
        signer: checks each record's signature; None checks the hash chain only.
        checkpoints: the store's checkpoints (already checked by :func:`parse_checkpoints`).
        columns: names of record fields the store also keeps in their own columns.
    """

    def __init__(
        self,
        signer: Signer | None,
        checkpoints: Sequence[Checkpoint] = (),
        columns: Sequence[str] = (),
    ) -> None:
        """Start before the first record, or just after the latest retention cut."""
        self.signer = signer
        self.columns = tuple(columns)
        cuts = [cp for cp in checkpoints if cp.kind == "cut"]
        self.purged_through = cuts[-1].seq if cuts else 0
        self.prev_seq = self.purged_through
        self.prev_hash = cuts[-1].hash if cuts else ""
        self.last_id: str | None = cuts[-1].record_id if cuts else None
        self.checked = 0
        self.witnessed = 0
        self.hashes_seen: set[str] | None = None
        """Set it to a set to collect every verified record hash (for ``expect_head``)."""
        self._open: dict[str, None] = {}
        self._pins = {cp.seq: cp for cp in checkpoints if cp.seq > self.purged_through}
        self._last_pin = max(self._pins, default=self.purged_through)

    def check(
        self,
        seq: int,
        body: bytes | str | None,
        column_values: Mapping[str, bytes | str | None] | None = None,
        sig: bytes | str | None = None,
    ) -> AuditRecord:
        """Check the row at ``seq``; return its record or raise :class:`ChainBroken`."""
        record = _check_row(seq, body, column_values or {}, self.prev_seq, self.prev_hash)
        if self.signer is not None:
            problem = self.signer.check(record_message(record.hash), _text(sig or "", "sig", None))
            if problem:
                raise ChainBroken(record.id, f"signature invalid: {problem}")
        pin = self._pins.get(seq)
        if pin is not None and (pin.hash != record.hash or pin.record_id != record.id):
            raise ChainBroken(
                record.id,
                f"record differs from signed checkpoint #{pin.n}: history was rewritten",
            )
        self.prev_seq, self.prev_hash, self.last_id = seq, record.hash, record.id
        self.checked += 1
        if record.status == "intent":
            self._open[record.id] = None
        for done in record.intents:
            self._open.pop(done, None)
        if self.hashes_seen is not None:
            self.hashes_seen.add(record.hash)
        return record

    def start_after(self, seq: int, record_hash: str, record_id: str | None) -> None:
        """Begin the check after a pinned record (an export that starts mid-chain).

        Args:
            seq: the pinned record's seq (a signed checkpoint's, already checked).
            record_hash: its hash: the next row must link to it.
            record_id: its id, for messages.
        """
        self.prev_seq, self.prev_hash, self.last_id = seq, record_hash, record_id

    def check_link(
        self, seq: int, record_id: str, prev_hash: str, record_hash: str, sig: str
    ) -> None:
        """Check a row whose body is withheld (an export's chain proof); raise ChainBroken.

        Its place in the chain (seq, link to the previous row), its signature and any checkpoint
        that pins it are checked; its hash cannot be recomputed without the body, so the link
        proves that a signed record stood there, not what it held.
        """
        if seq != self.prev_seq + 1:
            missing = seq - self.prev_seq - 1
            raise ChainBroken(
                record_id,
                f"sequence gap: seq {seq} follows {self.prev_seq} ({missing} row(s) missing)",
            )
        if prev_hash != self.prev_hash:
            raise ChainBroken(record_id, "prev_hash does not link to the previous row")
        if self.signer is not None:
            problem = self.signer.check(record_message(record_hash), sig)
            if problem:
                raise ChainBroken(record_id, f"signature invalid: {problem}")
        pin = self._pins.get(seq)
        if pin is not None and (pin.hash != record_hash or pin.record_id != record_id):
            raise ChainBroken(
                record_id, f"row differs from signed checkpoint #{pin.n}: history was rewritten"
            )
        self.prev_seq, self.prev_hash, self.last_id = seq, record_hash, record_id
        if self.hashes_seen is not None:
            self.hashes_seen.add(record_hash)

    def finish(self, highest_issued: int | None = None) -> None:
        """After the last row: detect records cut off the end (raise :class:`ChainBroken`)."""
        if self._last_pin > self.prev_seq:
            pin = self._pins[self._last_pin]
            raise ChainBroken(
                self.last_id,
                f"log truncated: signed checkpoint #{pin.n} covers seq {pin.seq} "
                f"but the log ends at seq {self.prev_seq}",
            )
        if highest_issued is not None and highest_issued != self.prev_seq:
            raise ChainBroken(
                self.last_id,
                f"log truncated: {highest_issued - self.prev_seq} record(s) missing after seq "
                f"{self.prev_seq}",
            )

    def result(self, checkpoints: int, error: ChainBroken | None = None) -> VerifyResult:
        """Summarise as a :class:`VerifyResult`."""
        signed = self.signer is not None
        tail = self.prev_seq - max(self._last_pin, self.purged_through) if signed else 0
        common: dict[str, Any] = {
            "checked": self.checked,
            "head_hash": self.prev_hash,
            "signatures_checked": signed,
            "checkpoints": checkpoints,
            "purged_through": self.purged_through,
            "head_seq": self.prev_seq,
            "open_intents": tuple(self._open),
            "witnessed": self.witnessed,
        }
        if error is not None:
            return VerifyResult(
                False, first_bad_id=error.record_id, problem=error.problem, **common
            )
        return VerifyResult(True, unsigned_tail=max(tail, 0), **common)


def _check_row(
    seq: int,
    raw_body: bytes | str | None,
    column_values: Mapping[str, bytes | str | None],
    prev_seq: int,
    prev_hash: str,
) -> AuditRecord:
    raw_id = column_values.get("id")
    col_id = (
        raw_id
        if isinstance(raw_id, str)
        else bytes(raw_id).decode("utf-8", errors="replace")
        if raw_id is not None
        else None
    )
    body_text = _text(raw_body, "body", col_id)
    # Prefer the id written inside the body; fall back to the column when the body is unreadable.
    try:
        loaded = json.loads(body_text)
    except ValueError:
        loaded = None
    body_id = loaded.get("id") if isinstance(loaded, dict) else None
    record_id = body_id if isinstance(body_id, str) else col_id

    if seq != prev_seq + 1:
        missing = seq - prev_seq - 1
        raise ChainBroken(
            record_id, f"sequence gap: seq {seq} follows {prev_seq} ({missing} record(s) missing)"
        )
    if loaded is None:
        raise ChainBroken(record_id, "body is not valid JSON")
    try:
        record = AuditRecord.model_validate(loaded)
    except ValidationError as exc:
        fields = ", ".join(sorted({".".join(map(str, e["loc"])) or "<root>" for e in exc.errors()}))
        problem = f"body is not a valid audit record (fields: {fields})"
        raise ChainBroken(record_id, problem) from None
    try:
        canonical = record_body(record)
    except ValueError:
        raise ChainBroken(record_id, "body holds a value with no canonical JSON form") from None
    if canonical != body_text:
        raise ChainBroken(record_id, "body is not in canonical form (its bytes were changed)")
    for name, raw in column_values.items():
        value = _text(raw, f"column {name}", record_id)
        if value != getattr(record, name):
            raise ChainBroken(record_id, f"column {name} does not match the body")
    if record.prev_hash != prev_hash:
        raise ChainBroken(
            record_id,
            "prev_hash does not link to the previous record"
            if prev_seq
            else "first record has a non-empty prev_hash (records missing before it)",
        )
    if compute_hash(prev_hash, record) != record.hash:
        raise ChainBroken(record_id, "hash mismatch: the record was changed after it was written")
    return record
