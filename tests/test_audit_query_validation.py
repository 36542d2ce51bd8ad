"""`audit query` refuses a misspelt filter value instead of matching nothing: with
`--expect-none` a typo would otherwise read as a compliance all-clear (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hybridllm.audit import AuditStore
from hybridllm.cli.audit import EXIT_NO_DB, audit_app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    with AuditStore(path):
        pass
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["--category", "PHl"],
        ["--action", "PHI=alow"],
        ["--action", "PHY=allow"],
        ["--route", "clowd"],
        ["--status", "blockd"],
    ],
    ids=["category", "action-value", "action-category", "route", "status"],
)
def test_a_typo_in_a_filter_is_an_error_not_an_all_clear(db: Path, args: list[str]) -> None:
    result = runner.invoke(audit_app, ["query", "--db", str(db), *args, "--expect-none"])
    assert result.exit_code == EXIT_NO_DB, result.output
    assert "Bad filter" in result.output
    assert "is not one of" in result.output


def test_valid_filters_still_run_and_pass_expect_none_on_an_empty_log(db: Path) -> None:
    result = runner.invoke(
        audit_app,
        ["query", "--db", str(db), "--category", "phi", "--action", "PHI=allow", "--expect-none"],
    )
    assert result.exit_code == 0, result.output


def test_report_into_a_missing_folder_is_a_message_not_a_traceback(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "no-such-folder" / "report.html"
    result = runner.invoke(audit_app, ["report", str(out), "--db", str(db)])
    assert result.exit_code == EXIT_NO_DB
    assert "does not exist" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()


def test_a_free_form_value_no_record_holds_refuses_the_all_clear(tmp_path: Path) -> None:
    from tests.test_audit_tools import SAMPLE

    db = tmp_path / "audit.db"
    with AuditStore(db) as store:
        for r in SAMPLE:  # app "clinic"; callers app.summarise / app.triage; target "cloud"
            store.append(r)
    base = ["query", "--db", str(db), "--category", "PHI", "--action", "PHI=allow"]
    # The real app name: one record matches, so --expect-none fails as it should.
    assert runner.invoke(audit_app, [*base, "--app", "clinic", "--expect-none"]).exit_code == 1
    # A typo matches nothing: without the census that would be exit 0, an all-clear.
    for typo in (["--app", "clinc"], ["--caller", "app.summarize"], ["--target", "clowd"]):
        result = runner.invoke(audit_app, [*base, *typo, "--expect-none"])
        assert result.exit_code == EXIT_NO_DB, typo
        assert f"{typo[0]} '{typo[1]}'" in result.output
        assert "Refusing the all-clear" in result.output
        # Without --expect-none it is a warning, and the (empty) answer is still printed.
        plain = runner.invoke(audit_app, [*base, *typo, "--count"])
        assert (plain.exit_code, plain.stdout.strip()) == (0, "0")
        assert "a typo?" in plain.stderr
    # A known caller with no PHI sent as is: a true all-clear.
    ok = runner.invoke(audit_app, [*base, "--caller", "app.triage", "--expect-none"])
    assert ok.exit_code == 0, ok.output
