"""Verifiable JSONL exports of the audit log ("evidence files"), and their offline check.

``hybridllm audit export FILE.jsonl`` writes one canonical JSON object per line, each with a
type ``"t"``::

    {"t":"header","format":"hybridllm-audit-export","version":1,"filters":{...},...}
    then for each chain (one in SQLite, one per instance in PostgreSQL):
    {"t":"checkpoint","chain":"","n":1,"body":"...","sig":"..."}       every signed checkpoint
    {"t":"record","chain":"","seq":7,"sig":"...","match":true,"record":{...}}
    {"t":"link","chain":"","seq":8,"id":"...","prev_hash":"...","hash":"...","sig":"..."}
    {"t":"end","chain":"","head_seq":9,"head_hash":"...","rows":3,"records":1}

A ``record`` line holds a stored record exactly (its canonical JSON, ``hash`` and ``prev_hash``
included) and the signature of its hash. A ``link`` is a row that does not match the filters,
with its body withheld: only its place in the chain, its hashes and signature. The rows cover the
chain *without a gap* from a start anchor to the head at export time, so
:func:`verify_export` can re-check, offline and with no access to the log, that:

- every record line is byte for byte a record of the signed chain (hash recomputed, signature
  checked with the key), in chain order, and matches the filters named in the header;
- nothing between the anchor and the head was removed, inserted or re-ordered: seqs are
  contiguous and every row links to the one before;
- the rows agree with every signed checkpoint, and none pinned beyond the end is missing
  (a cut-off end); the ``end`` line catches a copy cut short; ``--expect-head``,
  ``--min-records`` and ``--witness`` close the window after the last checkpoint, as for the log.

The start anchor is the beginning of the chain, or its latest retention cut, or, when the export
has a ``since`` bound, the latest checkpoint signed before ``since`` (whichever is latest): a
record stored before a checkpoint was written before that checkpoint was signed, so none of them
can fall in the period. The verifier recomputes the anchor from the signed checkpoints, so an
export whose first rows were dropped fails.

What a link cannot show is that its withheld record really did not match: the body is not there.
With ``full_chain=True`` (``--full-chain``) every row of the range is written in full and marked
``"match": false`` when it does not match, and the verifier re-applies the filters to each: then a
matching record cannot be hidden either, at the cost of a larger file that discloses the other
records' metadata (never content: records hold none).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final, TextIO

from hybridllm.audit.query import AuditQuery
from hybridllm.audit.record import canonical_json, utc_now_iso
from hybridllm.audit.source import AuditSource
from hybridllm.audit.verify import ChainBroken, Checkpoint, parse_checkpoints
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "ExportStats",
    "is_export",
    "iter_export",
    "start_anchor",
    "write_export",
]

EXPORT_FORMAT: Final = "hybridllm-audit-export"
EXPORT_VERSION: Final = 1


@dataclass(frozen=True, slots=True)
class ExportStats:
    """What :func:`write_export` wrote.

    Attributes:
        records: records that match the filters (written in full).
        rows: chain rows written (records, links and non-matching full rows).
        chains: chains covered.
    """

    records: int
    rows: int
    chains: int


def start_anchor(checkpoints: list[Checkpoint], since: str | None) -> Checkpoint | None:
    """The checkpoint after which an export's rows begin (None: the start of the chain).

    The latest retention cut, or the latest checkpoint signed before ``since``, whichever pins
    the later seq (see the module docstring).
    """
    candidates = [
        cp for cp in checkpoints if cp.kind == "cut" or (since is not None and cp.ts < since)
    ]
    return max(candidates, key=lambda cp: cp.seq, default=None)


def _line(data: dict[str, Any]) -> str:
    return canonical_json(data) + "\n"


def write_export(
    source: AuditSource,
    query: AuditQuery,
    out: TextIO,
    *,
    full_chain: bool = False,
    progress: Callable[[int, int], None] | None = None,
    totals: Callable[[int], None] | None = None,
) -> ExportStats:
    """Write a verifiable JSONL export of the records matching ``query``.

    Args:
        source: the log to read.
        query: the filters; written into the header and re-applied by the verifier.
        out: a text stream.
        full_chain: write non-matching rows in full instead of as links.
        progress: called with ``(rows_scanned, records_exported)`` after each row.
        totals: called once with the number of rows to scan (for a progress bar).

    Returns:
        What was written.

    Raises:
        AuditError: if the log cannot be read, a stored checkpoint is malformed or a stored body
            is not a canonical record (run ``hybridllm audit verify``).
    """
    header = {
        "t": "header",
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "filters": query.to_dict(),
        "full_chain": full_chain,
        "source": source.label,
        "exported_at": utc_now_iso(),
    }
    out.write(_line(header))
    plan: list[tuple[str, list[tuple[int, str, str]], int]] = []
    for chain in source.chains():
        rows = source.checkpoint_rows(chain)
        try:
            checkpoints = parse_checkpoints(rows, None, instance=chain or None)
        except ChainBroken as bad:
            raise AuditError(f"cannot export: {bad.problem}") from None
        anchor = start_anchor(checkpoints, query.since)
        plan.append((chain, rows, anchor.seq if anchor else 0))
    if totals is not None:
        totals(sum(source.count_after(chain, after) for chain, _, after in plan))
    scanned = exported = 0
    for chain, checkpoint_rows, after in plan:
        for n, body, sig in checkpoint_rows:
            out.write(_line({"t": "checkpoint", "chain": chain, "n": n, "body": body, "sig": sig}))
        written = matched = 0
        head_seq, head_hash = after, ""
        completed = (
            set() if "intent" in query.statuses else _completed(source.chain_rows(chain, after))
        )
        for seq, body, sig in source.chain_rows(chain, after):
            record = _parsed(chain, seq, body)
            match = query.matches(record) and record.id not in completed
            if match or full_chain:
                out.write(_record_line(chain, seq, sig, match, body))
            else:
                link = {"id": record.id, "prev_hash": record.prev_hash, "hash": record.hash}
                out.write(_line({"t": "link", "chain": chain, "seq": seq, "sig": sig, **link}))
            written += 1
            matched += match
            head_seq, head_hash = seq, record.hash
            scanned += 1
            exported += match
            if progress is not None:
                progress(scanned, exported)
        end = {"head_seq": head_seq, "head_hash": head_hash, "rows": written, "records": matched}
        out.write(_line({"t": "end", "chain": chain, **end}))
    return ExportStats(records=exported, rows=scanned, chains=len(plan))


def _completed(rows: Iterator[tuple[int, str, str]]) -> set[str]:
    """Ids of intent records that an outcome record completes (a quick first pass).

    Like ``query``, an export lists the outcome of a call, not its intent; an intent stays
    listed only while nothing completes it (the process died after the payload may have left).
    Bodies are canonical, so an outcome without intents holds exactly ``"intents":[]``.
    """
    done: set[str] = set()
    for _, body, _ in rows:
        if '"intents":[]' not in body and '"intents":' in body:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                done.update(str(i) for i in json.loads(body).get("intents") or ())
    return done


def _record_line(chain: str, seq: int, sig: str, match: bool, body: str) -> str:
    """The canonical ``record`` line, with the stored body inserted byte for byte.

    Keys in canonical (sorted) order: ``chain, match, record, seq, sig, t``. The body is not
    re-serialised, so a stored body that is not canonical (changed in the database) makes its
    line fail verification instead of being silently repaired by the export.
    """
    return (
        f'{{"chain":{json.dumps(chain, ensure_ascii=False)},"match":{json.dumps(match)},'
        f'"record":{body},"seq":{seq},"sig":{json.dumps(sig, ensure_ascii=False)},'
        '"t":"record"}\n'
    )


def _parsed(chain: str, seq: int, body: str) -> AuditRecord:
    try:
        return AuditRecord.model_validate_json(body)
    except ValueError:
        where = f"{chain}#{seq}" if chain else f"seq {seq}"
        raise AuditError(
            f"cannot export: the stored record at {where} is not an audit record "
            "(run `hybridllm audit verify`)"
        ) from None


def is_export(first_line: bytes | str) -> bool:
    """True if ``first_line`` is the header of an export (not a JSONL sink line)."""
    try:
        data = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("format") == EXPORT_FORMAT


def iter_export(lines: Iterator[str]) -> Iterator[AuditRecord]:
    """The matching records of an export (its ``record`` lines marked ``match``), in order.

    This reads; it does not verify (see :func:`hybridllm.audit.evidence_verify.verify_export`).

    Raises:
        AuditError: naming the line, if a record line does not hold a record.
    """
    for number, text in enumerate(lines, start=1):
        try:
            data = json.loads(text)
            if data.get("t") == "record" and data.get("match", True):
                yield AuditRecord.model_validate(data["record"])
        except (ValueError, TypeError, KeyError, AttributeError):
            raise AuditError(f"export line {number} is not an export line") from None
