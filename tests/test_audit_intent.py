"""Invariant 9: nothing leaves before its audit intent is durable; no call leaves no record.

Real SQLite, the real classifier and the official ``openai`` SDK against a wire-level loopback
server (:class:`SplittingServer`, which answers at once or after an injected delay). Each test
drives one way a call can end early and reads the log back: an intent record written before the
payload left, and (unless the process died) an outcome that completes it.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client
from typer.testing import CliRunner

import hybridllm
from hybridllm.audit import AuditStore
from hybridllm.cli.audit import audit_app
from hybridllm.models import AuditRecord
from hybridllm.testing import SplittingServer

SENSITIVE = f"Write to {EMAIL} about the key {AWS_KEY}."
_HOLD_S = 60.0  # a reply held this long is never what ends an interrupted call


def _client(server: SplittingServer, path: Path, **extra: Any) -> Any:
    return make_client(
        local_url=server.base_url, cloud_url=server.base_url, audit_path=path, **extra
    )


def _records(path: Path) -> list[AuditRecord]:
    with AuditStore(path, readonly=True) as store:
        return list(store.iter_records())


def _wait_for_request(server: SplittingServer, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not server.requests:
        assert time.monotonic() < end, "the request never reached the server"
        time.sleep(0.01)


def _assert_intent_then_outcome(records: list[AuditRecord], error: str | None) -> AuditRecord:
    intent, outcome = records
    assert intent.status == "intent"
    assert intent.target == "cloud"
    assert intent.route == "cloud"
    assert intent.redacted_count == 2  # what is sent is known (counts only) before it is sent
    assert intent.intents == ()
    assert outcome.intents == (intent.id,)
    assert outcome.error == error
    assert outcome.status == ("ok" if error is None else "error")
    return outcome


def test_intent_is_durable_before_the_payload_leaves(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    server.delay_next(1, seconds=1.0)
    with _client(server, tmp_audit_path) as client:
        result: dict[str, Any] = {}
        worker = threading.Thread(
            target=lambda: result.update(r=client.complete(SENSITIVE, max_tokens=8))
        )
        worker.start()
        _wait_for_request(server)
        # The server holds the payload: another process's reader already sees the intent.
        seen = _records(tmp_audit_path)
        worker.join(30)
        assert [r.status for r in seen] == ["intent"]
        client.flush_audit()  # the outcome is written off the call path: wait for it
        outcome = _assert_intent_then_outcome(_records(tmp_audit_path), None)
        assert result["r"].audit_id == outcome.id
        assert EMAIL not in server.bodies_text()  # the intent did not change what is sent


def test_locked_audit_db_fails_the_call_before_anything_is_sent(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    with _client(server, tmp_audit_path, audit_busy_timeout=0.5) as client:
        client.warm_up(wait_for_ner=False)
        blocker = sqlite3.connect(tmp_audit_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            with pytest.raises(hybridllm.AuditError):
                client.complete(SENSITIVE, max_tokens=8)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert server.requests == []  # the provider never saw the payload
        assert client.audit.count() == 0
        client.complete(SENSITIVE, max_tokens=8)  # the lock is gone: calls work again
        assert len(server.requests) == 1


def test_stream_dropped_before_iteration_is_audited(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    with _client(server, tmp_audit_path) as client:
        stream = client.complete(SENSITIVE, stream=True, max_tokens=8)
        assert len(server.requests) == 1  # opening the stream sent the payload
        del stream
        gc.collect()
        client.flush_audit()
        _assert_intent_then_outcome(_records(tmp_audit_path), "StreamAbandoned")


def test_stream_closed_early_and_read_fully_are_audited_once(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    server.set_reply("one two three four", cuts=[4, 8, 14])
    with _client(server, tmp_audit_path) as client:
        with client.complete("Count to four.", stream=True, max_tokens=8) as stream:
            next(iter(stream))  # one chunk, then leave
        stream.close()  # twice is fine
        full = client.complete("Count to four.", stream=True, max_tokens=8)
        assert "".join(full) == "one two three four"
        del full
        gc.collect()
    records = _records(tmp_audit_path)
    assert [r.status for r in records] == ["intent", "error", "intent", "ok"]
    assert records[1].error == "GeneratorExit"
    assert records[1].intents == (records[0].id,)
    assert records[3].intents == (records[2].id,)


def test_cancelled_async_call_leaves_intent_and_outcome(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    # the server holds the reply far longer than the test can take, so the cancellation
    # (not the reply) ends the call even on a loaded machine; stopping the server wakes it
    server.delay_next(1, seconds=_HOLD_S)

    async def run() -> None:
        client = _client(server, tmp_audit_path, client_cls=hybridllm.AsyncClient)
        try:
            task = asyncio.create_task(client.complete(SENSITIVE, max_tokens=8))
            await asyncio.to_thread(_wait_for_request, server)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        finally:
            await client.aclose()

    asyncio.run(run())
    _assert_intent_then_outcome(_records(tmp_audit_path), "CancelledError")


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="needs the main thread"
)
def test_keyboard_interrupt_mid_call_is_audited_and_not_failed_over(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    server.delay_next(1, seconds=_HOLD_S)  # see the cancellation test
    fallback = {"cloud": ["claude"], "local": []}
    # A process started in the background by a non-interactive shell inherits SIGINT ignored,
    # and Python then installs no KeyboardInterrupt handler: put the default one in place.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _interrupt_mid_call(server, tmp_audit_path, fallback)
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupt_mid_call(
    server: SplittingServer, tmp_audit_path: Path, fallback: dict[str, list[str]]
) -> None:
    with _client(server, tmp_audit_path, fallback=fallback) as client:
        client.warm_up(wait_for_ner=False)

        def interrupt() -> None:
            _wait_for_request(server)
            os.kill(os.getpid(), signal.SIGINT)

        threading.Thread(target=interrupt, daemon=True).start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            client.complete(SENSITIVE, max_tokens=8)
        assert time.monotonic() - started < _HOLD_S / 2  # the interrupt ended it, not the reply
    assert len(server.requests) == 1  # the interrupt did not send the payload on to "claude"
    _assert_intent_then_outcome(_records(tmp_audit_path), "KeyboardInterrupt")


_CRASH = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.helpers import make_client
client = make_client(local_url={url!r}, cloud_url={url!r}, audit_path=Path({db!r}))
client.complete({prompt!r}, max_tokens=8)
"""


def test_crash_mid_call_leaves_an_open_intent_that_verify_and_report_show(
    server: SplittingServer, tmp_audit_path: Path, tmp_path: Path
) -> None:
    server.delay_next(1, seconds=30.0)
    code = _CRASH.format(
        root=str(Path(__file__).parent.parent),
        url=server.base_url,
        db=str(tmp_audit_path),
        prompt=SENSITIVE,
    )
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)])
    try:
        _wait_for_request(server, timeout=60)
    finally:
        proc.kill()  # kill -9 while the provider holds the payload
        proc.wait(10)
    (intent,) = _records(tmp_audit_path)
    assert intent.status == "intent"
    runner = CliRunner()
    out = runner.invoke(audit_app, ["verify", "--db", str(tmp_audit_path)])
    assert out.exit_code == 0, out.output  # a crash is not tampering...
    assert "1 open intent" in out.output  # ...but it is shown
    assert intent.id in out.output
    report = tmp_path / "report.html"
    made = runner.invoke(audit_app, ["report", str(report), "--db", str(tmp_audit_path)])
    assert made.exit_code == 0, made.output
    html = report.read_text()
    assert "open intent" in html
    assert intent.id in html
