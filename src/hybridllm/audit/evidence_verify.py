"""Offline verification of an export written by :func:`hybridllm.audit.evidence.write_export`.

``hybridllm audit verify --export FILE`` (or ``--jsonl FILE`` on an export) runs
:func:`verify_export`: one pass over the file, one :class:`~hybridllm.audit.verify.ChainChecker`
per chain, and the same anchors as the live log (witness file, expected head, minimum record
count). What it proves and what it cannot is described in :mod:`hybridllm.audit.evidence`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hybridllm.audit.evidence import EXPORT_FORMAT, EXPORT_VERSION, start_anchor
from hybridllm.audit.keys import Signer
from hybridllm.audit.query import AuditQuery
from hybridllm.audit.record import canonical_json
from hybridllm.audit.verify import ChainBroken, ChainChecker, Checkpoint, VerifyResult
from hybridllm.audit.verify import parse_checkpoints as _parse_checkpoints
from hybridllm.audit.witness import Anchors, check_anchors, read_witness_all
from hybridllm.errors import AuditError

__all__ = ["ExportCheck", "verify_export"]


@dataclass(frozen=True, slots=True)
class ExportCheck:
    """Outcome of :func:`verify_export`.

    Attributes:
        results: one :class:`VerifyResult` per chain (``""`` for a SQLite log); ``checked``
            counts the rows verified (records and links).
        filters: the filters the export was made with (from its header), in words.
        records: matching records verified in full.
        links: rows verified as links (body withheld).
        full_chain: the export holds every row of its range in full.
        problem: what is wrong with the file as a whole (no header, unknown version), or None.
    """

    results: dict[str, VerifyResult] = field(default_factory=dict)
    filters: str = ""
    records: int = 0
    links: int = 0
    full_chain: bool = False
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the file is an export and every chain in it verified."""
        return self.problem is None and all(r.ok for r in self.results.values())


class _Chain:
    """The state of one chain while its lines are read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.checkpoint_rows: list[tuple[int, str, str]] = []
        self.checkpoints: list[Checkpoint] = []
        self.checker: ChainChecker | None = None
        self.rows = 0
        self.records = 0
        self.links = 0
        self.ended = False
        self.error: ChainBroken | None = None


class _Reader:
    def __init__(
        self, signer: Signer | None, anchors: Anchors | None, query: AuditQuery, full: bool
    ) -> None:
        self.full_chain = full
        self.signer = signer
        self.anchors = anchors
        self.query = query
        self.chains: dict[str, _Chain] = {}

    def chain(self, data: dict[str, Any]) -> _Chain:
        name = data.get("chain", "")
        if not isinstance(name, str):
            raise ChainBroken(None, "a line names no chain")
        if name not in self.chains:
            self.chains[name] = _Chain(name)
        state = self.chains[name]
        if state.ended:
            raise ChainBroken(None, f"a line follows the end of chain {name or '(main)'}")
        return state

    def start(self, state: _Chain) -> ChainChecker:
        """First row of a chain: check its checkpoints, place the start anchor."""
        if state.checker is None:
            instance = state.name or None
            state.checkpoints = _parse_checkpoints(state.checkpoint_rows, self.signer, instance)
            state.checker = ChainChecker(self.signer, state.checkpoints)
            if self.anchors is not None:
                self.anchors.collect_hashes(state.checker)
            anchor = start_anchor(state.checkpoints, self.query.since)
            if anchor is not None:
                state.checker.start_after(anchor.seq, anchor.hash, anchor.record_id)
        return state.checker

    def line(self, data: dict[str, Any]) -> None:
        kind = data.get("t")
        state = self.chain(data)
        if kind == "checkpoint":
            if state.checker is not None:
                raise ChainBroken(None, "a checkpoint line follows the chain's rows")
            state.checkpoint_rows.append((int(data["n"]), str(data["body"]), str(data["sig"])))
            return
        checker = self.start(state)
        if kind == "record":
            record = checker.check(
                int(data["seq"]), canonical_json(data["record"]), None, str(data["sig"])
            )
            match = data.get("match")
            if not isinstance(match, bool):
                raise ChainBroken(record.id, "record line has no match flag")
            matches = self.query.matches(record)
            # An intent completed by an outcome is left out, like in `query`; the outcome may be
            # a withheld link, so an intent that matches may carry either flag.
            either = record.status == "intent" and "intent" not in self.query.statuses
            if match != matches and not (either and matches):
                said = "matching" if match else "not matching"
                really = "does not match them" if match else "matches them"
                raise ChainBroken(record.id, f"record marked {said} the export's filters {really}")
            state.records += match
            state.rows += 1
        elif kind == "link":
            if self.full_chain:
                raise ChainBroken(str(data.get("id")), "a full-chain export holds a link")
            checker.check_link(
                int(data["seq"]),
                str(data["id"]),
                str(data["prev_hash"]),
                str(data["hash"]),
                str(data["sig"]),
            )
            state.links += 1
            state.rows += 1
        elif kind == "end":
            self.end(state, checker, data)
        else:
            raise ChainBroken(None, f"unknown line type {kind!r}")

    def end(self, state: _Chain, checker: ChainChecker, data: dict[str, Any]) -> None:
        state.ended = True
        if int(data["head_seq"]) != checker.prev_seq or int(data["rows"]) != state.rows:
            raise ChainBroken(
                checker.last_id,
                f"export truncated: it ends at seq {checker.prev_seq} after {state.rows} row(s), "
                f"its end line says seq {data['head_seq']} after {data['rows']}",
            )
        if int(data["records"]) != state.records:
            raise ChainBroken(checker.last_id, "export's end line counts other records")
        checker.finish()
        check_anchors(self.anchors, checker, state.checkpoints, self.signer, state.name or None)


def _header(first: bytes) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = json.loads(first)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return None, "not a hybridllm audit export (no export header on line 1)"
    if data.get("version") != EXPORT_VERSION:
        return None, f"export version {data.get('version')!r} is not supported"
    return data, None


def verify_export(
    path: str | os.PathLike[str], signer: Signer | None = None, anchors: Anchors | None = None
) -> ExportCheck:
    """Verify an export file offline (see :mod:`hybridllm.audit.evidence` for what it proves).

    Args:
        path: the export.
        signer: the audit key (HMAC) or public key (Ed25519): without one only the hash chain is
            checked, which a forger who recomputes every hash passes.
        anchors: what the log must agree with besides itself (witness, expected head, minimum
            records), checked per chain.

    Returns:
        An :class:`ExportCheck`; each chain's result names the first bad record.
    """
    try:
        with Path(path).open("rb") as fh:
            header, problem = _header(fh.readline())
            if header is None:
                return ExportCheck(problem=problem)
            try:
                query = AuditQuery.from_dict(dict(header.get("filters") or {}))
            except (ValueError, TypeError):
                return ExportCheck(problem="the export header's filters are malformed")
            reader = _Reader(signer, anchors, query, header.get("full_chain") is True)
            bad: tuple[str, ChainBroken] | None = None
            for number, raw in enumerate(fh, start=2):
                name = ""
                try:
                    data = _canonical_line(raw, number)
                    name = str(data.get("chain", ""))
                    reader.line(data)
                except ChainBroken as exc:
                    bad = (name, exc)
                    break
                except (KeyError, TypeError, ValueError):
                    bad = (name, ChainBroken(None, f"line {number} is not a valid export line"))
                    break
            if bad is None:
                for name, state in reader.chains.items():
                    if not state.ended:
                        bad = (name, ChainBroken(None, "export truncated: no end line"))
                        break
            missing = _missing_chains(anchors, set(reader.chains))
    except OSError as exc:
        return ExportCheck(problem=f"cannot read {path}: {exc.strerror}")
    except AuditError as exc:  # an unreadable witness file
        return ExportCheck(problem=str(exc))
    if missing:
        return ExportCheck(problem=missing)
    return _summary(reader, header, query, bad)


def _missing_chains(anchors: Anchors | None, present: set[str]) -> str | None:
    """A whole chain's section removed from the file shows only against an anchor."""
    if anchors is None:
        return None
    if anchors.witness is not None:
        expected = {e.instance or "" for e in read_witness_all(anchors.witness)}
        gone = sorted(expected - present)
        if gone:
            names = ", ".join(n or "(the log's chain)" for n in gone)
            return f"export lacks the chain of {names}, whose checkpoints the witness holds"
    wants_records = bool(anchors.expect_head) or bool(anchors.min_records)
    if wants_records and not present:
        return "export holds no chain, but --expect-head/--min-records say the log has records"
    return None


def _canonical_line(raw: bytes, number: int) -> dict[str, Any]:
    if not raw.endswith(b"\n"):
        raise ChainBroken(None, f"line {number} is cut off (no newline): export truncated")
    try:
        text = raw[:-1].decode("utf-8")
        data = json.loads(text)
        if not isinstance(data, dict) or canonical_json(data) != text:
            raise ValueError
    except ValueError:
        raise ChainBroken(_line_id(raw), f"line {number} is not a canonical export line") from None
    return data


def _line_id(raw: bytes) -> str | None:
    """The record id a broken line names, if it parses at all (for the message)."""
    try:
        data = json.loads(raw)
        found = data.get("id") or data.get("record", {}).get("id")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def _summary(
    reader: _Reader,
    header: dict[str, Any],
    query: AuditQuery,
    bad: tuple[str, ChainBroken] | None,
) -> ExportCheck:
    results: dict[str, VerifyResult] = {}
    for name, state in reader.chains.items():
        checker = state.checker or ChainChecker(reader.signer)
        error = bad[1] if bad is not None and bad[0] == name else None
        result = checker.result(len(state.checkpoints), error)
        # Rows, not records; intents whose outcome is a withheld link would look open: none.
        results[name] = replace(result, checked=state.rows, open_intents=())
    if bad is not None and bad[0] not in results:
        error = bad[1]
        results[bad[0]] = VerifyResult(
            False, 0, first_bad_id=error.record_id, problem=error.problem
        )
    filters = query.describe() or "none"
    return ExportCheck(
        results=results,
        filters=filters,
        records=sum(s.records for s in reader.chains.values()),
        links=sum(s.links for s in reader.chains.values()),
        full_chain=bool(header.get("full_chain")),
    )
