"""Verifying one instance's chain in the PostgreSQL audit log (for
:meth:`hybridllm.audit.postgres.PostgresSink.verify`, kept apart to keep each module short).

One REPEATABLE READ snapshot covers the rows, the checkpoints, the head row and the witness
table, so a writer appending meanwhile cannot make a sound chain look broken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hybridllm.audit._pg_schema import COLUMNS, PAGE
from hybridllm.audit.keys import Signer
from hybridllm.audit.verify import (
    ChainBroken,
    ChainChecker,
    Checkpoint,
    VerifyResult,
    parse_checkpoints,
)
from hybridllm.audit.witness import Anchors, check_anchors, check_witness
from hybridllm.errors import AuditError

if TYPE_CHECKING:
    from hybridllm.audit.postgres import PostgresSink

__all__ = ["verify_instance"]


def verify_instance(
    sink: PostgresSink, name: str, signer: Signer | None, anchors: Anchors | None
) -> VerifyResult:
    """Verify instance ``name``'s chain, checkpoints, head row, anchors and witness table."""
    from hybridllm.audit.witness_pg import LOG_POSTGRES, read_pg_witness, witness_rows

    checker = ChainChecker(signer, (), COLUMNS)
    checkpoints: list[Checkpoint] = []
    n_checkpoints = 0
    rows_of = sink._rows  # the sink's own helper, shared with this module
    try:
        with sink._lock, sink._connection().transaction():
            sink._connection().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            exists = rows_of("SELECT to_regclass('hybridllm_audit_checkpoints') IS NOT NULL", ())
            if exists[0][0]:  # a log written before checkpoints existed has no such table
                rows = rows_of(
                    "SELECT n, body, sig FROM hybridllm_audit_checkpoints "
                    "WHERE instance = %s ORDER BY n",
                    (name,),
                )
                checkpoints = parse_checkpoints(rows, signer, instance=name)
                n_checkpoints = len(checkpoints)
                checker = ChainChecker(signer, checkpoints, COLUMNS)
            if anchors is not None:
                anchors.collect_hashes(checker)
            last = 0
            while True:
                rows = rows_of(
                    "SELECT seq, id, ts, status, route, prev_hash, hash, body, sig "
                    "FROM hybridllm_audit WHERE instance = %s AND seq > %s "
                    "ORDER BY seq LIMIT %s",
                    (name, last, PAGE),
                )
                if not rows:
                    break
                for row in rows:
                    last = int(row[0])
                    columns = dict(zip(COLUMNS, row[1:7], strict=True))
                    checker.check(last, row[7], columns, row[8])
            head = rows_of("SELECT seq FROM hybridllm_audit_heads WHERE instance = %s", (name,))
            checker.finish(int(head[0][0]) if head else 0)
            check_anchors(anchors, checker, checkpoints, signer, instance=name)
            if anchors is not None and anchors.witness_dsn:  # a witness in another database
                witnessed = read_pg_witness(anchors.witness_dsn, name, LOG_POSTGRES)
            else:
                witnessed = witness_rows(rows_of, name, LOG_POSTGRES)
            if witnessed:
                check_witness(witnessed, checkpoints, signer)
                checker.witnessed += len(witnessed)
    except ChainBroken as bad:
        return checker.result(n_checkpoints, bad)
    except AuditError as exc:
        return checker.result(n_checkpoints, ChainBroken(None, str(exc)))
    return checker.result(n_checkpoints)
