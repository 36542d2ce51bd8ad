"""``hybridllm audit verify | query | export | report --postgres``, against a real PostgreSQL.

Records are written the way the Client writes them (a TeeSink: the SQLite store first, then the
PostgreSQL sink) into the throwaway loopback cluster of :mod:`tests.test_audit_postgres`; then
the CLI reads them back, and its results are compared with the SQLite log of the same records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.test_audit_postgres import _sql, postgres_dsn  # noqa: F401 - the session's cluster
from tests.test_audit_tools import SAMPLE, rec
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, AuditStore, HmacSigner
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.postgres import PostgresSink
from hybridllm.audit.sinks import TeeSink, iter_jsonl
from hybridllm.audit.source import combine_results, open_postgres
from hybridllm.audit.verify import VerifyResult
from hybridllm.cli.audit import audit_app
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

KEY_HEX = "33" * 32
KEY = AuditKey(bytes.fromhex(KEY_HEX))
PHI_REMOTE = ["--category", "PHI", "--locality", "remote"]

runner = CliRunner()


@pytest.fixture
def pg(postgres_dsn: str) -> str:  # noqa: F811 - the imported session fixture
    """The session's PostgreSQL, with no audit tables (what earlier tests wrote is dropped)."""
    _sql(
        postgres_dsn,
        "DROP TABLE IF EXISTS hybridllm_audit, hybridllm_audit_heads, hybridllm_audit_checkpoints",
    )
    return postgres_dsn


@pytest.fixture(autouse=True)
def keyed_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "no-such.key"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("HYBRIDLLM_AUDIT_POSTGRES_DSN", raising=False)
    monkeypatch.delenv("HYBRIDLLM_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no hybridllm.toml of the checkout


def write(pg: str, db: Path, records: list[AuditRecord], instance: str = "web-1") -> None:
    """Append as the Client does: SQLite primary, PostgreSQL copy (both signed)."""
    signer = HmacSigner(KEY)
    tee = TeeSink(AuditStore(db, signer=signer), PostgresSink(pg, instance=instance, signer=signer))
    try:
        for record in records:
            tee.append(record)
    finally:
        tee.close()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(audit_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def json_ids(stdout: str) -> list[str]:
    return [json.loads(line)["id"] for line in stdout.splitlines()]


def test_compliance_question_passes_then_fails_when_phi_went_remote(
    pg: str, tmp_path: Path
) -> None:
    stays_local = [SAMPLE[0], SAMPLE[3]]  # PHI answered locally; a blocked SECRET
    write(pg, tmp_path / "a.db", stays_local)
    code, out, err = invoke("query", "--postgres", pg, *PHI_REMOTE, "--expect-none")
    assert code == 0, err
    assert "0 matching audit record(s)" in out
    code, out, _ = invoke("query", "--postgres", pg, "--count")
    assert (code, out.strip()) == (0, "2")

    # Another instance of the fleet sends PHI (redacted) to the cloud on 2026-02-10.
    write(pg, tmp_path / "b.db", [SAMPLE[1]], instance="web-2")
    code, _, err = invoke("query", "--postgres", pg, *PHI_REMOTE, "--expect-none")
    assert code == 1
    assert "1 record(s) matched; expected none" in err
    code, out, _ = invoke("query", "--postgres", pg, *PHI_REMOTE, "--json")
    assert (code, json_ids(out)) == (0, [SAMPLE[1].id])
    code, out, _ = invoke("query", "--postgres", pg, *PHI_REMOTE)
    assert "1 matching audit record(s)" in out
    assert SAMPLE[1].id in out
    # The period bounds (pushed down to SQL) decide: before Feb 10th nothing went out.
    period = ["--since", "2026-01-01", "--until", "2026-02-09"]
    code, _, err = invoke("query", "--postgres", pg, *PHI_REMOTE, *period, "--expect-none")
    assert code == 0, err
    period = ["--since", "2026-02-10", "--until", "2026-02-10"]
    code, _, _ = invoke("query", "--postgres", pg, *PHI_REMOTE, *period, "--expect-none")
    assert code == 1


def test_query_output_is_the_same_for_both_backends(pg: str, tmp_path: Path) -> None:
    db = tmp_path / "audit.db"
    write(pg, db, SAMPLE)
    for args in (
        [*PHI_REMOTE, "--json"],
        [*PHI_REMOTE, "--since", "2026-01-01", "--until", "2026-03-31"],
        ["--status", "blocked", "--json"],
        ["--route", "cloud", "--count"],
        ["--limit", "2", "--json"],
    ):
        sqlite = invoke("query", "--db", str(db), *args)
        postgres = invoke("query", "--postgres", pg, *args)
        assert sqlite[0] == postgres[0] == 0, (args, sqlite, postgres)
        assert postgres[1] == sqlite[1], args
    code, out, _ = invoke("query", "--postgres", pg, *PHI_REMOTE, "--json")
    assert (code, json_ids(out)) == (0, [SAMPLE[1].id, SAMPLE[2].id, SAMPLE[4].id])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_matches_the_sqlite_export_of_the_same_records(
    pg: str, tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "audit.db"
    write(pg, db, SAMPLE)
    for filters in ([], [*PHI_REMOTE, "--since", "2026-02-01"], ["--status", "blocked"]):
        from_sqlite, from_postgres = tmp_path / f"s.{fmt}", tmp_path / f"p.{fmt}"
        code, _, err = invoke("export", str(from_sqlite), "--db", str(db), "-f", fmt, *filters)
        assert code == 0, err
        code, _, err = invoke("export", str(from_postgres), "--postgres", pg, "-f", fmt, *filters)
        assert code == 0, err
        if fmt == "csv":
            assert from_postgres.read_text() == from_sqlite.read_text(), filters
            continue
        # JSONL is evidence: each holds its own chain (the sinks link records each in their own
        # chain, so the hashes differ), the same records, and both verify offline.
        exported = list(iter_jsonl(from_postgres))
        assert [r.id for r in exported] == [r.id for r in iter_jsonl(from_sqlite)], filters
        for path in (from_sqlite, from_postgres):
            code, out, err = invoke("verify", "--export", str(path), "--require-key")
            assert code == 0, out + err
        unit = "records" if not filters else "rows"  # a filtered export holds links
        assert f"OK: web-1: 5 {unit} verified (chain and signatures" in out
        with PostgresSink(pg, instance="web-1", create=False) as sink:
            expected = {r.id: r for r in sink.iter_records()}
        assert exported == [expected[r.id] for r in exported]  # every field, hash included
    code, _, err = invoke("export", str(tmp_path / "all.jsonl"), "--postgres", pg)
    assert "Exported 5 record(s)" in err
    assert [r.id for r in iter_jsonl(tmp_path / "all.jsonl")] == [r.id for r in SAMPLE]
    code, _, err = invoke("export", str(tmp_path / "x.jsonl"), "--postgres", pg, *PHI_REMOTE)
    assert (code, "Exported 3 record(s)" in err) == (0, True)


def test_verify_and_report_name_a_row_tampered_with_sql(pg: str, tmp_path: Path) -> None:
    write(pg, tmp_path / "audit.db", SAMPLE)
    code, out, err = invoke("verify", "--postgres", pg, "--require-key")
    assert code == 0, err
    assert "OK: web-1: 5 records verified (chain and signatures" in out
    html = tmp_path / "r.html"
    code, out, err = invoke("report", str(html), "--postgres", pg)
    assert code == 0, err
    assert "Wrote" in out
    page = html.read_text()
    assert "Log verified (hash chain and signatures, 0 signed checkpoint(s)): 5 records" in page
    assert "user=postgres" in page  # the source, without a password
    victim = SAMPLE[1].id
    import psycopg

    with psycopg.connect(pg, autocommit=True) as conn:
        done = conn.execute(
            "UPDATE hybridllm_audit SET body = replace(body, 'app.triage', 'app.summarise') "
            "WHERE id = %s",
            (victim,),
        )
        assert done.rowcount == 1
    code, _, err = invoke("verify", "--postgres", pg)
    assert code == 1
    assert f"FAILED (web-1) at record {victim}" in err
    code, out, _ = invoke("report", str(html), "--postgres", pg)
    assert code == 1
    assert "VERIFICATION FAILED" in out
    assert f"VERIFICATION FAILED at record {victim}: web-1: " in html.read_text()


def test_records_of_all_instances_merge_in_time_order_across_pages(
    pg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hybridllm.audit.postgres as pg_module

    monkeypatch.setattr(pg_module, "PAGE", 2)  # page breaks inside runs of equal ts
    same = "2026-05-01T00:00:00.000000Z"
    a = [rec(same), rec("2026-05-03T00:00:00.000000Z"), rec(same), rec(same)]
    b = [rec("2026-05-02T00:00:00.000000Z"), rec(same), rec("2026-04-30T00:00:00.000000Z")]
    write(pg, tmp_path / "a.db", a, instance="a")
    write(pg, tmp_path / "b.db", b, instance="b")
    expected = [b[2].id, a[0].id, a[2].id, a[3].id, b[1].id, b[0].id, a[1].id]
    code, out, _ = invoke("query", "--postgres", pg, "--json")
    assert (code, json_ids(out)) == (0, expected)
    with open_postgres(pg) as source:
        assert source.count() == 7
        assert source.count(since=same, until="2026-05-02T00:00:00.000000Z") == 4
        window = source.iter_records(since=same, until="2026-05-02T00:00:00.000000Z")
        assert [r.id for r in window] == expected[1:5]
    code, out, _ = invoke("verify", "--postgres", pg)
    assert code == 0
    lines = out.splitlines()
    assert lines[0:4:2] == [
        "OK: a: 4 records verified (chain and signatures, 0 signed checkpoint(s))",
        "OK: b: 3 records verified (chain and signatures, 0 signed checkpoint(s))",
    ]
    heads = [line.split()[:3] for line in lines[1:4:2]]
    assert heads == [["head:", "seq", "4"], ["head:", "seq", "3"]]
    assert lines[-1] == "2 instance(s), 7 record(s): 2 ok, 0 tampered"  # the summary


def test_dsn_from_configuration(pg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(pg, tmp_path / "audit.db", SAMPLE)
    code, _, err = invoke("query", "--postgres", "config", "--count")
    assert code == 2
    assert "audit_postgres_dsn is not set" in err
    monkeypatch.setenv("HYBRIDLLM_AUDIT_POSTGRES_DSN", pg)
    code, out, err = invoke("query", "--postgres", "config", *PHI_REMOTE, "--count")
    assert (code, out.strip()) == (0, "3"), err
    (tmp_path / "hybridllm.toml").write_text(f'audit_postgres_dsn = "{pg} application_name=t"\n')
    monkeypatch.delenv("HYBRIDLLM_AUDIT_POSTGRES_DSN")
    code, _, err = invoke("verify", "--postgres", "config")
    assert code == 0, err


def test_unusable_postgres_log_exits_2(pg: str, tmp_path: Path) -> None:
    code, _, err = invoke("query", "--postgres", pg)
    assert code == 2
    assert "no hybridllm audit tables" in err
    code, _, err = invoke("export", "-", "--postgres", pg)
    assert code == 2
    write(pg, tmp_path / "audit.db", SAMPLE[:1])
    code, _, err = invoke("query", "--postgres", pg, "--db", str(tmp_path / "audit.db"))
    assert (code, "not both" in err) == (2, True)
    code, _, err = invoke("query", "--postgres", "host=127.0.0.1 port=1 user=x connect_timeout=2")
    assert code == 2
    assert "Cannot read PostgreSQL audit log" in err
    assert "hunter2" not in invoke("verify", "--postgres", "password=hunter2 port=1")[2]


def test_empty_log_verifies_and_combined_results() -> None:
    ok = VerifyResult(True, 3, signatures_checked=True, checkpoints=1)
    bad = VerifyResult(False, 1, first_bad_id="r-9", problem="hash mismatch")
    assert combine_results({"": bad}) is bad
    merged = combine_results({"b": bad, "a": ok})
    assert (merged.ok, merged.checked, merged.first_bad_id) == (False, 4, "r-9")
    assert merged.problem == "b: hash mismatch"
    assert merged.signatures_checked is False
    empty = combine_results({})
    assert (empty.ok, empty.checked) == (True, 0)


def test_verify_of_a_log_with_tables_but_no_instance(pg: str) -> None:
    PostgresSink(pg, instance="idle").close()  # creates the tables, writes nothing
    code, out, err = invoke("verify", "--postgres", pg)
    assert code == 0, err
    assert "0 records verified" in out
    _sql(pg, "DROP TABLE hybridllm_audit_heads")
    with pytest.raises(AuditError, match="no hybridllm audit tables"):
        open_postgres(pg)


def test_unreadable_body_fails_query_export_and_verify(pg: str, tmp_path: Path) -> None:
    write(pg, tmp_path / "audit.db", SAMPLE[:3])
    _sql(pg, "UPDATE hybridllm_audit SET body = '{not json' WHERE seq = 2")
    code, _, err = invoke("query", "--postgres", pg)
    assert code == 1
    assert "audit record web-1#2 has a corrupt body" in err
    code, _, err = invoke("export", str(tmp_path / "x.csv"), "--postgres", pg, "-f", "csv")
    assert (code, "corrupt body" in err) == (1, True)
    code, _, err = invoke("verify", "--postgres", pg)
    assert code == 1
    assert f"FAILED (web-1) at record {SAMPLE[1].id}" in err
