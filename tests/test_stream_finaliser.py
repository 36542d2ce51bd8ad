"""A stream collected by the cyclic garbage collector is audited without deadlocking.

The collector can run a finaliser on a thread that is inside one of the locks an audit write
takes (the group commit's condition here). A finaliser that wrote there would wait for itself.
Real SQLite, the real classifier, the official ``openai`` SDK against a loopback wire server.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client

from hybridllm.audit import AuditStore
from hybridllm.testing import SplittingServer


def test_a_stream_collected_inside_the_audit_lock_is_recorded_later(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    with make_client(
        local_url=server.base_url, cloud_url=server.base_url, audit_path=tmp_audit_path
    ) as client:
        stream: Any = client.complete(f"Write to {EMAIL} about {AWS_KEY}.", stream=True)
        stream.cycle = stream  # only the cyclic collector can free it now
        del stream
        group = client._store._group  # the lock an outcome write takes first
        collected = threading.Event()

        def collect_inside_the_lock() -> None:
            with group._cond:
                gc.collect()
            collected.set()

        worker = threading.Thread(target=collect_inside_the_lock, daemon=True)
        worker.start()
        # A finaliser that wrote at once would wait on the lock its own thread holds: forever.
        if not collected.wait(timeout=20.0):
            group._cond.release()  # a plain Lock: free it from here so the test can end
            pytest.fail("the stream's finaliser deadlocked the collector")
        client.flush_audit()  # runs the queued finaliser, then commits its outcome
    with AuditStore(tmp_audit_path, readonly=True) as store:
        records = list(store.iter_records())
    assert [r.status for r in records] == ["intent", "error"]
    assert records[1].error == "StreamAbandoned"
    assert records[1].intents == (records[0].id,)
