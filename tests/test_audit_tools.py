"""Compliance tools: query filters, export, HTML report, JSONL sink, and their CLI commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, AuditStore, HmacSigner, new_record_id
from hybridllm.audit.export import CSV_COLUMNS, export_records
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.query import AuditQuery, parse_time
from hybridllm.audit.report import build_report, summarise
from hybridllm.audit.sinks import JsonlSink, TeeSink, iter_jsonl, verify_jsonl
from hybridllm.audit.verify import VerifyResult
from hybridllm.cli.audit import audit_app
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord, Hop

KEY_HEX = "11" * 32
KEY = AuditKey(bytes.fromhex(KEY_HEX))


def rec(
    ts: str,
    *,
    route: str = "local",
    status: str = "ok",
    categories: tuple[str, ...] = (),
    entities: dict[str, int] | None = None,
    target: str | None = "local",
    locality: str | None = "local",
    remote_targets: tuple[str, ...] = (),
    caller: str = "app.summarise",
    actions: dict[str, str] | None = None,
    hops: tuple[Hop, ...] = (),
    cost: float = 0.0,
    reason: str = "no findings",
) -> AuditRecord:
    return AuditRecord(
        id=new_record_id(),
        ts=ts,
        status=status,  # type: ignore[arg-type]
        route=route,  # type: ignore[arg-type]
        reason=reason,
        categories=categories,
        entities=entities or {},
        target=target,
        model="smollm2" if target else None,
        locality=locality,  # type: ignore[arg-type]
        remote_targets=remote_targets,
        caller=caller,
        actions=actions or {},
        hops=hops,
        cost_usd=cost,
        app="clinic",
    )


CLOUD_HOP = (Hop(target="cloud", outcome="ok", attempts=1),)
SAMPLE = [
    rec("2026-01-05T10:00:00.000000Z", categories=("PHI",), entities={"MEDICAL_RECORD_NUMBER": 1}),
    rec(
        "2026-02-10T09:00:00.000000Z",
        route="cloud",
        categories=("PHI", "PII"),
        entities={"PERSON": 1, "MEDICAL_RECORD_NUMBER": 1},
        target="cloud",
        locality="remote",
        remote_targets=("cloud",),
        actions={"PHI": "redact", "PII": "redact"},
        hops=CLOUD_HOP,
        cost=0.002,
        caller="app.triage",
    ),
    rec(
        "2026-03-01T12:00:00.000000Z",
        route="local",
        categories=("PHI",),
        target="local",
        remote_targets=("cloud",),
        hops=(
            Hop(target="cloud", outcome="error", detail="ProviderError (HTTP 503)"),
            Hop(target="local", outcome="ok"),
        ),
    ),
    rec(
        "2026-03-15T08:00:00.000000Z",
        route="blocked",
        status="blocked",
        categories=("SECRET",),
        entities={"AWS_ACCESS_KEY": 1},
        target=None,
        locality=None,
        reason="SECRET is blocked",
    ),
    rec(
        "2026-04-02T08:00:00.000000Z",
        route="cloud",
        categories=("PHI",),
        target="cloud",
        locality="remote",
        actions={"PHI": "allow"},
        hops=CLOUD_HOP,
    ),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    with AuditStore(path, signer=HmacSigner(KEY)) as store:
        for r in SAMPLE:
            store.append(r)
    return path


def test_parse_time_bounds() -> None:
    assert parse_time("2026-03-31") == "2026-03-31T00:00:00.000000Z"
    assert parse_time("2026-03-31", end=True) == "2026-04-01T00:00:00.000000Z"
    assert parse_time("2026-03-31T10:00:00+02:00") == "2026-03-31T08:00:00.000000Z"
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_time("last tuesday")


def test_query_filters(db: Path) -> None:
    with AuditStore(db, readonly=True) as store:

        def ids(q: AuditQuery) -> list[int]:
            return [SAMPLE.index(next(s for s in SAMPLE if s.id == r.id)) for r in q.run(store)]

        q1 = parse_time("2026-01-01")
        q2 = parse_time("2026-03-31", end=True)
        phi_remote = AuditQuery(since=q1, until=q2, categories=("PHI",), locality="remote")
        assert ids(phi_remote) == [1, 2]  # the redacted cloud call, and the failed cloud hop
        assert ids(AuditQuery(categories=("PHI",), locality="remote")) == [1, 2, 4]
        assert ids(AuditQuery(actions=(("PHI", "allow"),))) == [4]
        assert ids(AuditQuery(statuses=("blocked",))) == [3]
        assert ids(AuditQuery(entities=("AWS_ACCESS_KEY",))) == [3]
        assert ids(AuditQuery(targets=("cloud",))) == [1, 2, 4]
        assert ids(AuditQuery(callers=("app.triage",))) == [1]
        assert ids(AuditQuery(routes=("local",), locality="local")) == [0]
        assert ids(AuditQuery(models=("nope",))) == []


def test_export_jsonl_and_csv() -> None:
    out = io.StringIO()
    assert export_records(SAMPLE, out, "jsonl") == 5
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in SAMPLE]
    out = io.StringIO()
    formula = rec("2026-01-01T00:00:00.000000Z", caller="=HYPERLINK(1)")
    export_records([*SAMPLE, formula], out, "csv")
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    row = dict(zip(rows[0], rows[2], strict=True))
    assert row["categories"] == "PHI;PII"
    assert row["entities"] == "MEDICAL_RECORD_NUMBER=1;PERSON=1"
    assert row["hops"] == "cloud:ok"
    assert dict(zip(rows[0], rows[-1], strict=True))["caller"] == "'=HYPERLINK(1)"


def test_report_is_self_contained_and_escaped() -> None:
    hostile = rec("2026-03-02T00:00:00.000000Z", caller="<script>alert(1)</script>")
    page = build_report([*SAMPLE, hostile], VerifyResult(ok=True, checked=6))
    for chart in ("chart-routes", "chart-categories", "chart-entities", "chart-blocked"):
        assert f'id="{chart}"' in page
    assert 'id="chart-cost"' in page
    assert 'id="chart-callers"' in page
    assert 'id="fallback-table"' in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    d = summarise(SAMPLE)
    assert d.by_route == {"local": 2, "cloud": 2, "blocked": 1}
    assert len(d.fallbacks) == 1
    assert d.blocked == [("SECRET is blocked", 1)]
    assert d.cost_by_target[0] == ("cloud", 0.002)
    bad = build_report(SAMPLE, VerifyResult(False, 3, first_bad_id="abc", problem="hash mismatch"))
    assert "VERIFICATION FAILED at record abc" in bad


def test_empty_report_renders() -> None:
    page = build_report([], VerifyResult(ok=True, checked=0))
    assert "None in this period" in page


# -- JSONL sink ----------------------------------------------------------------------------------


def test_jsonl_sink_chains_signs_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "siem" / "audit.jsonl"
    with JsonlSink(path, signer=HmacSigner(KEY)) as sink:
        stored = [sink.append(r) for r in SAMPLE]
    assert stored[1].prev_hash == stored[0].hash
    assert [r.id for r in iter_jsonl(path)] == [r.id for r in SAMPLE]
    assert verify_jsonl(path, HmacSigner(KEY)).ok
    assert verify_jsonl(path).ok
    lines = path.read_text().splitlines()
    # delete a line
    path.write_text("\n".join(lines[:2] + lines[3:]) + "\n")
    result = verify_jsonl(path, HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, SAMPLE[3].id)
    # flip one byte
    path.write_text("\n".join(lines).replace("app.triage", "app.triagf") + "\n")
    result = verify_jsonl(path, HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, SAMPLE[1].id)


def test_jsonl_torn_last_line_is_ignored_then_cut(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    with JsonlSink(path) as sink:
        sink.append(SAMPLE[0])
        sink.append(SAMPLE[1])
    with path.open("ab") as fh:
        fh.write(b'{"app":"clinic","cal')  # a writer killed mid-line
    assert verify_jsonl(path).ok
    assert verify_jsonl(path).checked == 2
    with JsonlSink(path) as sink:
        third = sink.append(SAMPLE[2])
    assert verify_jsonl(path).checked == 3
    assert third.prev_hash == json.loads(path.read_text().splitlines()[1])["hash"]


def test_tee_sink_writes_every_copy_and_reports_failures(tmp_path: Path) -> None:
    store = AuditStore(tmp_path / "a.db")
    jsonl = JsonlSink(tmp_path / "a.jsonl")
    tee = TeeSink(store, jsonl)
    first = tee.append(SAMPLE[0])
    assert store.get(first.id) == first
    jsonl.close()
    with pytest.raises(AuditError, match="copy failed"):
        tee.append(SAMPLE[1])
    assert store.count() == 2
    tee.close()


# -- CLI ----------------------------------------------------------------------------------


@pytest.fixture
def keyed_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "no-such.key"))
    monkeypatch.setenv("COLUMNS", "200")


def test_cli_compliance_question_in_one_command(db: Path, keyed_env: None) -> None:
    runner = CliRunner()
    base = ["query", "--db", str(db), "--category", "PHI", "--locality", "remote"]
    period = ["--since", "2026-01-01", "--until", "2026-03-31"]
    result = runner.invoke(audit_app, [*base, *period, "--json"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in found] == [SAMPLE[1].id, SAMPLE[2].id]
    result = runner.invoke(audit_app, [*base, *period, "--expect-none"])
    assert result.exit_code == 1
    assert "2 record(s) matched; expected none" in result.output
    none = runner.invoke(audit_app, [*base, "--since", "2026-04-03", "--expect-none", "--count"])
    assert (none.exit_code, none.stdout.strip()) == (0, "0")
    table = runner.invoke(audit_app, [*base, *period])
    assert "2 matching audit record(s)" in table.stdout
    assert SAMPLE[1].id in table.stdout
    bad = runner.invoke(audit_app, ["query", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == 2


def test_cli_verify_with_key_names_rewritten_record(db: Path, keyed_env: None) -> None:
    runner = CliRunner()
    ok = runner.invoke(audit_app, ["verify", "--db", str(db), "--require-key"])
    assert ok.exit_code == 0, ok.output
    assert "5 records verified (chain and signatures" in ok.stdout
    from tests.test_audit_signed import rewrite_from

    rewrite_from(db, 1, reason="nothing sensitive here")
    bad = runner.invoke(audit_app, ["verify", "--db", str(db)])
    assert bad.exit_code == 1
    assert f"at record {SAMPLE[1].id}" in bad.output
    assert "signature invalid" in bad.output


def test_cli_verify_without_key_says_so(
    db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV_AUDIT_KEY, raising=False)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "none.key"))
    runner = CliRunner()
    result = runner.invoke(audit_app, ["verify", "--db", str(db)])
    assert result.exit_code == 0
    assert "hash chain only, no key" in result.stdout
    assert runner.invoke(audit_app, ["verify", "--db", str(db), "--require-key"]).exit_code == 1


def test_cli_export_report_purge_checkpoint(db: Path, keyed_env: None, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out.csv"
    result = runner.invoke(audit_app, ["export", str(out), "--db", str(db), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 6
    out = tmp_path / "out.jsonl"
    result = runner.invoke(audit_app, ["export", str(out), "--db", str(db), "--status", "blocked"])
    assert result.exit_code == 0, result.output
    assert [r.id for r in iter_jsonl(out)] == [SAMPLE[3].id]
    html_path = tmp_path / "r.html"
    result = runner.invoke(audit_app, ["report", str(html_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    page = html_path.read_text()
    assert "Log verified (hash chain and signatures, 1 signed checkpoint(s)): 5 records" in page
    result = runner.invoke(audit_app, ["checkpoint", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "seq 5" in result.stdout
    result = runner.invoke(audit_app, ["purge", "--older-than-days", "100000", "--db", str(db)])
    assert (result.exit_code, "Removed 0 record(s)" in result.stdout) == (0, True)
    result = runner.invoke(audit_app, ["purge", "--older-than-days", "0", "--db", str(db)])
    assert "Removed 5 record(s)" in result.stdout, result.output
    ok = runner.invoke(audit_app, ["verify", "--db", str(db)])
    assert "retention cut after seq 5" in ok.stdout, ok.output
