"""A witness: signed checkpoint heads copied outside the store, so a rollback cannot hide.

An internal hash chain shows accidents, and signatures show edits by someone without the key;
neither shows a log that was cut back to an earlier, still valid state (the newest checkpoint
deleted, the tail truncated, the whole file replaced by an empty one). Transparency logs
(RFC 6962, and the C2SP signed-note checkpoints that Sigstore's Rekor v2 and the Go checksum
database publish) solve this by handing each signed tree head to *witnesses* outside the log's
control: a later state of the log must be consistent with every head a witness has seen.

This module is that, for one audit log: every checkpoint the store signs is also appended, with
its signature, to a witness file that lives elsewhere (another disk, a mount only the audit
writer can append to, a path shipped to a log collector). :func:`check_witness` then requires
the store to still hold every witnessed checkpoint, byte for byte; the chain check already ties
each checkpoint to the record it pins, so a log that lost records the witness saw fails.

Format: one canonical JSON line per checkpoint, ``{"body": <checkpoint body>, "sig": <sig>}``
(the body already names the checkpoint number, kind, seq, record id, hash and time; a PostgreSQL
body also names its instance). Appends take an exclusive ``flock``, write one line with
``O_APPEND`` and ``fsync``. The witness lags the store (a crash between the store's commit and
the witness append leaves it one checkpoint behind) and never leads it. One witness file per log
(per PostgreSQL instance, entries name their instance).
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import canonical_json
from hybridllm.audit.verify import ChainBroken, ChainChecker, Checkpoint, checkpoint_message
from hybridllm.errors import AuditError

__all__ = [
    "Anchors",
    "FanoutWitness",
    "HeadWitness",
    "Witness",
    "WitnessEntry",
    "check_anchors",
    "check_witness",
    "close_witness",
    "open_witness",
    "read_witness",
    "read_witness_all",
    "witness_entry",
]


@dataclass(frozen=True, slots=True)
class WitnessEntry:
    """One witnessed checkpoint: its canonical body and signature, as the store signed them."""

    n: int
    seq: int
    hash: str
    instance: str | None
    body: str
    sig: str


@runtime_checkable
class HeadWitness(Protocol):
    """Anything that keeps signed checkpoint heads outside the log (a file, a database table)."""

    def append(self, body: str, sig: str) -> None:
        """Keep one signed checkpoint (its canonical body and signature)."""
        ...


def open_witness(witness: str | os.PathLike[str] | HeadWitness | None) -> HeadWitness | None:
    """A path becomes a :class:`Witness` file; a witness object is used as it is."""
    if witness is None or isinstance(witness, HeadWitness):
        return witness
    return Witness(witness)


def close_witness(witness: HeadWitness | None) -> None:
    """Close a witness that holds a connection (a file witness holds nothing open)."""
    close = getattr(witness, "close", None)
    if callable(close):
        close()


class FanoutWitness:
    """Hands each checkpoint to several witnesses (e.g. a file and a PostgreSQL table)."""

    def __init__(self, *witnesses: HeadWitness) -> None:
        """Keep the witnesses, in order."""
        self.witnesses = witnesses

    def append(self, body: str, sig: str) -> None:
        """Append to every witness, in order."""
        for witness in self.witnesses:
            witness.append(body, sig)

    def close(self) -> None:
        """Close the witnesses that hold a connection."""
        for witness in self.witnesses:
            close_witness(witness)


class Witness:
    """Appends signed checkpoint heads to a file outside the audit store.

    Args:
        path: the witness file (created with its directory, mode 0640).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Remember the path; the file is opened for each append (they are rare)."""
        self.path = Path(path)
        self._lock = threading.Lock()

    def append(self, body: str, sig: str) -> None:
        """Append one checkpoint and fsync it.

        Raises:
            AuditError: if the file cannot be written.
        """
        line = (canonical_json({"body": body, "sig": sig}) + "\n").encode("utf-8")
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            except OSError as exc:
                raise AuditError(f"cannot open audit witness {self.path}: {exc.strerror}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                os.write(fd, line)
                os.fsync(fd)
            except OSError as exc:
                raise AuditError(
                    f"cannot write audit witness {self.path}: {exc.strerror}"
                ) from None
            finally:
                os.close(fd)

    def __repr__(self) -> str:
        """Show the path."""
        return f"Witness({str(self.path)!r})"


def read_witness_all(path: str | os.PathLike[str]) -> list[WitnessEntry]:
    """Every entry of a witness file, of every instance (see :func:`read_witness`)."""
    return read_witness(path, instance=None, every=True)


def read_witness(
    path: str | os.PathLike[str], instance: str | None = None, *, every: bool = False
) -> list[WitnessEntry]:
    """The checkpoints in a witness file, in file order (a torn last line is skipped).

    Args:
        path: the witness file.
        instance: keep only entries of this PostgreSQL instance (None: entries without one).
        every: keep the entries of every instance.

    Raises:
        AuditError: if the file cannot be read or a complete line is not a witness entry.
    """
    out: list[WitnessEntry] = []
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise AuditError(f"cannot read audit witness {path}: {exc.strerror}") from None
    lines = raw.split(b"\n")
    for number, line in enumerate(lines[:-1], start=1):  # the part after the last \n is torn
        try:
            data = json.loads(line)
            entry = witness_entry(str(data["body"]), str(data["sig"]))
        except (ValueError, KeyError, TypeError):
            raise AuditError(f"{path}:{number} is not an audit witness entry") from None
        if every or entry.instance == instance:
            out.append(entry)
    return out


def witness_entry(body: str, sig: str) -> WitnessEntry:
    """A witness entry from a signed checkpoint body and its signature.

    Raises:
        ValueError | KeyError | TypeError: the body is not a checkpoint body.
    """
    inner = json.loads(body)
    return WitnessEntry(
        n=int(inner["n"]),
        seq=int(inner["seq"]),
        hash=str(inner["hash"]),
        instance=inner.get("instance"),
        body=body,
        sig=sig,
    )


def check_witness(
    entries: Sequence[WitnessEntry], stored: Sequence[Checkpoint], signer: Signer | None
) -> None:
    """Require every witnessed checkpoint to be in the store, unchanged; raise ChainBroken.

    Args:
        entries: from :func:`read_witness`.
        stored: the store's checkpoints, already checked by ``parse_checkpoints``.
        signer: checks each witness entry's signature too (a forged witness line is refused).
    """
    by_n = {cp.n: cp for cp in stored}
    for entry in entries:
        if signer is not None:
            problem = signer.check(checkpoint_message(entry.body), entry.sig)
            if problem:
                raise ChainBroken(
                    None,
                    f"witness entry for checkpoint #{entry.n} is not validly signed: {problem}",
                )
        have = by_n.get(entry.n)
        if have is None:
            newest = max(by_n, default=0)
            raise ChainBroken(
                None,
                f"log rolled back: the witness holds signed checkpoint #{entry.n} (seq "
                f"{entry.seq}) but the log's newest checkpoint is #{newest}",
            )
        if have.body != entry.body or have.sig != entry.sig:
            raise ChainBroken(
                have.record_id,
                f"checkpoint #{entry.n} differs from its witnessed copy: history was rewritten",
            )


@dataclass(frozen=True, slots=True)
class Anchors:
    """What a verification is checked against besides the log itself.

    Attributes:
        witness: a witness file (:class:`Witness`) the log's checkpoints were copied to.
        expect_head: a head hash seen earlier (printed by ``audit verify``): the log must still
            hold that record, i.e. it may have grown since but not been cut back or replaced.
        min_records: the log must have held at least this many records (its head ``seq``; a
            retention purge does not lower it).
        witnessed: witness entries read elsewhere (e.g. a PostgreSQL witness table, see
            :mod:`hybridllm.audit.witness_pg`) that the log must still hold, like ``witness``.
        witness_dsn: for a PostgreSQL log, the database holding its witness table when that is
            not the log's own: each instance's ``postgres`` heads are read from there.
    """

    witness: str | os.PathLike[str] | None = None
    expect_head: str | None = None
    min_records: int | None = None
    witnessed: tuple[WitnessEntry, ...] | None = None
    witness_dsn: str | None = None

    def collect_hashes(self, checker: ChainChecker) -> None:
        """Ask the checker to remember record hashes when ``expect_head`` needs them."""
        if self.expect_head:
            checker.hashes_seen = set()


def check_anchors(
    anchors: Anchors | None,
    checker: ChainChecker,
    checkpoints: Sequence[Checkpoint],
    signer: Signer | None,
    instance: str | None = None,
) -> None:
    """After the chain verified: check it against the anchors; raise :class:`ChainBroken`."""
    if anchors is None:
        return
    if anchors.witness is not None:
        entries = read_witness(anchors.witness, instance)
        check_witness(entries, checkpoints, signer)
        checker.witnessed = len(entries)
    if anchors.witnessed is not None:
        check_witness(anchors.witnessed, checkpoints, signer)
        checker.witnessed += len(anchors.witnessed)
    if anchors.min_records is not None and checker.prev_seq < anchors.min_records:
        raise ChainBroken(
            checker.last_id,
            f"log rolled back: it has held {checker.prev_seq} record(s), expected at least "
            f"{anchors.min_records}",
        )
    head = (anchors.expect_head or "").strip().lower()
    if head:
        cuts = {cp.hash for cp in checkpoints if cp.kind == "cut"}
        seen = checker.hashes_seen or set()
        if head not in seen and head not in cuts:
            raise ChainBroken(
                checker.last_id,
                f"log rolled back or replaced: expected head {head[:16]}... is not in it",
            )
