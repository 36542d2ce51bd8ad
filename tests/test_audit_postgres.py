"""PostgreSQL sink against a real, throwaway PostgreSQL cluster on 127.0.0.1.

The cluster is made with ``initdb`` in a temporary directory and started with ``pg_ctl`` (as the
``postgres`` user when the tests run as root, which PostgreSQL refuses), and stopped afterwards.
``scripts/ci-services.sh`` installs the server and psycopg; a missing install fails loudly.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_audit import make_record
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, HmacSigner
from hybridllm.audit.keys import ENV_AUDIT_KEY
from hybridllm.cli.audit import audit_app

HINT = "run `bash scripts/ci-services.sh` (installs Debian's postgresql and psycopg)"
KEY_HEX = "22" * 32
KEY = AuditKey(bytes.fromhex(KEY_HEX))


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        pytest.fail(f"PostgreSQL `{name}` not found; {HINT}", pytrace=False)
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A fresh PostgreSQL cluster on loopback for this test session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail(f"psycopg is not installed; {HINT}", pytrace=False)
    root = Path(tempfile.mkdtemp(prefix="hybridllm-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    log = root / "server.log"
    try:
        subprocess.run(
            [
                *prefix,
                _pg_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root}"
        subprocess.run(
            [
                *prefix,
                _pg_bin("pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        server_log = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr!r} {server_log}", pytrace=False)
    try:
        yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    finally:
        subprocess.run(
            [*prefix, _pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dsn(postgres_dsn: str) -> str:
    import psycopg

    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(
            "DROP TABLE IF EXISTS hybridllm_audit, hybridllm_audit_heads, "
            "hybridllm_audit_checkpoints"
        )
    return postgres_dsn


def _sql(dsn: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def test_instances_keep_their_own_chains(dsn: str) -> None:
    from hybridllm.audit.postgres import PostgresSink

    signer = HmacSigner(KEY)
    with (
        PostgresSink(dsn, instance="web-1", signer=signer) as a,
        PostgresSink(dsn, instance="web-2", signer=signer) as b,
    ):
        first = [a.append(make_record(i)) for i in range(5)]
        other = [b.append(make_record(i)) for i in range(3)]
        assert first[1].prev_hash == first[0].hash
        assert other[0].prev_hash == ""
        assert a.instances() == ["web-1", "web-2"]
        assert [r.id for r in a.iter_records()] == [r.id for r in first]
        results = a.verify_all()
    assert {k: (v.ok, v.checked, v.signatures_checked) for k, v in results.items()} == {
        "web-1": (True, 5, True),
        "web-2": (True, 3, True),
    }


def test_many_threads_share_one_instance_chain(dsn: str) -> None:
    from hybridllm.audit.postgres import PostgresSink

    sinks = [PostgresSink(dsn, instance="api", signer=HmacSigner(KEY)) for _ in range(4)]

    def run(sink: PostgresSink) -> None:
        for i in range(50):
            sink.append(make_record(i))

    threads = [threading.Thread(target=run, args=(s,)) for s in sinks for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = sinks[0].verify()
    for s in sinks:
        s.close()
    assert (result.ok, result.checked) == (True, 400), result.problem


def test_tampering_in_postgres_is_named(dsn: str) -> None:
    from hybridllm.audit.postgres import PostgresSink

    with PostgresSink(dsn, instance="web-1", signer=HmacSigner(KEY)) as sink:
        stored = [sink.append(make_record(i)) for i in range(6)]
        _sql(
            dsn,
            "UPDATE hybridllm_audit SET body = replace(body, 'policy-rule-00002', "
            "'policy-rule-00009') WHERE seq = 3",
        )
        assert sink.verify().first_bad_id == stored[2].id
        _sql(dsn, "DELETE FROM hybridllm_audit WHERE seq = 3")
        result = sink.verify()
        assert (result.ok, result.first_bad_id) == (False, stored[3].id)
        _sql(dsn, "DELETE FROM hybridllm_audit WHERE seq >= 3")
        result = sink.verify()
        assert "truncated" in (result.problem or "")
        assert sink.verify_all()["web-1"].ok is False


def test_cli_verifies_every_instance(dsn: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from hybridllm.audit.postgres import PostgresSink

    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    for name in ("a", "b"):
        with PostgresSink(dsn, instance=name, signer=HmacSigner(KEY)) as sink:
            for i in range(3):
                sink.append(make_record(i))
    runner = CliRunner()
    ok = runner.invoke(audit_app, ["verify", "--postgres", dsn])
    assert ok.exit_code == 0, ok.output
    assert "a: 3 records verified (chain and signatures" in ok.stdout
    _sql(dsn, "UPDATE hybridllm_audit SET sig = '' WHERE instance = 'b' AND seq = 2")
    bad = runner.invoke(audit_app, ["verify", "--postgres", dsn])
    assert bad.exit_code == 1
    assert "FAILED (b) at record" in bad.output


def test_client_postgres_copy_is_checkpointed_and_verifies(dsn: str, tmp_path: Path) -> None:
    """The Client's PostgreSQL copy signs a checkpoint when it closes, as the SQLite store does,
    so deleting its newest record is caught."""
    import hybridllm
    from hybridllm.audit.postgres import PostgresSink

    client = hybridllm.Client(
        targets={"local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"}},
        default_target="local",
        local_target="local",
        fallback={"local": []},
        policy={"SECRET": "block"},
        audit_path=tmp_path / "audit.db",
        audit_postgres_dsn=dsn,
        audit_instance="client-1",
    )
    with client:
        for _ in range(2):
            r = client.complete("rotate AKIAZ3MSJ7QXP4LKH2TD today")
            assert r.route == "blocked"  # audited, nothing sent
    from hybridllm.audit.keys import load_audit_key

    signer = HmacSigner(load_audit_key())  # the key the client used (the session's key file)
    with PostgresSink(dsn, create=False) as sink:
        assert [r.route for r in sink.iter_records("client-1")] == ["blocked", "blocked"]
        result = sink.verify("client-1", signer)
        assert result.ok, result.problem
        assert result.signatures_checked
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM hybridllm_audit_checkpoints WHERE instance = 'client-1'"
        ).fetchone()
    assert row is not None
    assert row[0] >= 1
