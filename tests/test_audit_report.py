"""``audit report``: per-app view, PHI remote redacted vs as is, policy versions, targets,
fail-closed and withheld counts, filters, the banner's honesty, --require-key, streaming
aggregation; and ``audit show --id`` for the drill-down to one record."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.test_audit_tools import KEY, KEY_HEX, SAMPLE, rec
from typer.testing import CliRunner

from hybridllm.audit import AuditStore, HmacSigner
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.report_data import MAX_RECORDS, ReportAggregator, summarise
from hybridllm.cli.audit import audit_app
from hybridllm.models import AuditRecord


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(audit_app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "no-such.key"))
    monkeypatch.delenv(ENV_AUDIT_KEY, raising=False)
    monkeypatch.setenv("HYBRIDLLM_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("COLUMNS", "200")


def billing(ts: str, **update: object) -> AuditRecord:
    base = rec(
        ts,
        route="cloud",
        categories=("PHI",),
        target="openai",
        locality="remote",
        actions={"PHI": "allow"},
        caller="billing.summarise",
    )
    return base.model_copy(
        update={
            "app": "billing",
            "region": "eu",
            "target_attributes": {"baa": False},
            "policy_version": "sha256:2222",
            **update,
        }
    )


EXTRA = [
    billing("2026-02-11T09:00:00.000000Z"),
    billing("2026-02-12T09:00:00.000000Z", fail_closed=True),
    billing("2026-02-13T09:00:00.000000Z", withheld={"tool_args:policy:PHI:MRN": 2}),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    with AuditStore(path, signer=HmacSigner(KEY)) as store:
        for r in [*SAMPLE, *EXTRA]:
            store.append(r)
    return path


def cells(page: str, table: str) -> dict[str, list[str]]:
    body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert body is not None, table
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    out = {}
    for row in rows:
        values = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        out[values[0]] = values[1:]
    return out


def test_report_shows_apps_phi_remote_policies_targets_and_safeguards(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    page_path = tmp_path / "r.html"
    code, out, err = invoke("report", str(page_path), "--db", str(db), "--require-key")
    assert code == 0, out + err
    page = page_path.read_text()
    apps = cells(page, "apps")
    # app: calls, local, cloud, blocked, errors, sensitive remote, PHI redacted, PHI as is,
    # fail-closed, withheld, cost
    assert apps["clinic"][:9] == ["5", "2", "2", "1", "0", "3", "1", "1", "0"]
    assert apps["billing"][:10] == ["3", "0", "3", "0", "0", "3", "0", "3", "1", "1"]
    assert re.search(r"With PHI: <b>1</b> redacted .*?<b class=\"alert\">4</b> sent as is", page)
    policies = cells(page, "policies")
    assert policies["sha256:2222"][0] == "3"
    assert "More than one policy was in force" in page
    targets = cells(page, "targets")
    assert targets["openai"][:5] == ["remote", "eu", "baa=no", "3", "3 (no BAA recorded)"]
    assert targets["cloud"][2:5] == ["-", "2", "2 (no BAA recorded)"]  # no attributes at all
    assert targets["local"][4] == "2"  # local: no BAA needed
    assert "Fail-closed decisions" in page
    assert re.search(r"withheld by the restore policy: <b>1</b>", page)
    # Every listed record can be opened (drill-down) and is linked from the fallback table.
    for r in [*SAMPLE, *EXTRA]:
        assert f'id="rec-{r.id}"' in page
    assert f'href="#rec-{SAMPLE[2].id}"' in page


def test_report_filters_by_app_period_category_and_route(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    page_path = tmp_path / "r.html"
    args = ["--app", "billing", "--since", "2026-02-12", "--category", "PHI", "--route", "cloud"]
    code, out, _ = invoke("report", str(page_path), "--db", str(db), *args)
    assert code == 0
    assert "2 call(s)" in out
    page = page_path.read_text()
    assert list(cells(page, "apps")) == ["billing"]
    assert "Filters: routes=cloud, categories=PHI, apps=billing." in page
    code, _, err = invoke("report", str(page_path), "--db", str(db), "--category", "PHl")
    assert (code, "Bad filter" in err) == (2, True)


def test_banner_is_green_only_when_signatures_were_checked(db: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "r.html"
    code, out, _ = invoke("report", str(page_path), "--db", str(db))
    assert code == 0
    assert "hash chain only (no key)" in out
    page = page_path.read_text()
    assert 'class="verify warn"' in page
    assert 'class="verify ok"' not in page
    assert "signatures were NOT checked" in page


def test_require_key_refuses_an_unchecked_or_unverifiable_log(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page_path = tmp_path / "r.html"
    code, out, _ = invoke("report", str(page_path), "--db", str(db), "--require-key")
    assert code == 1
    assert "No audit key" in out
    assert not page_path.exists()
    # A log whose signatures do not check (another key) is refused too.
    monkeypatch.setenv(ENV_AUDIT_KEY, "22" * 32)
    code, _, err = invoke("report", str(page_path), "--db", str(db), "--require-key")
    assert code == 1
    assert "signature" in err
    assert not page_path.exists()


def test_show_id_prints_every_field_of_one_record(db: Path) -> None:
    target = EXTRA[2]
    code, out, _ = invoke("show", "--db", str(db), "--id", target.id, "--json")
    assert code == 0
    shown = AuditRecord.model_validate(json.loads(out))
    assert (shown.id, shown.withheld, shown.app) == (target.id, target.withheld, "billing")
    code, out, _ = invoke("show", "--db", str(db), "--id", target.id)
    assert code == 0
    for name in ("policy_version", "target_attributes", "withheld", "hash", "prev_hash"):
        assert name in out
    assert "tool_args:policy:PHI:MRN" in out
    code, _, err = invoke("show", "--db", str(db), "--id", "0" * 32)
    assert (code, "No audit record" in err) == (1, True)


def test_aggregation_is_streamed_and_bounded() -> None:
    made = 0

    def records() -> object:
        nonlocal made
        for i in range(MAX_RECORDS * 4):
            made += 1
            yield rec(f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:00:00.000000Z", caller=f"c{i % 7}")

    agg = ReportAggregator()
    for r in records():  # type: ignore[attr-defined]
        agg.add(r)
        assert len(agg.records) <= MAX_RECORDS
    d = agg.finish()
    assert (made, d.total) == (MAX_RECORDS * 4, MAX_RECORDS * 4)
    assert len(d.records) == MAX_RECORDS
    assert sum(d.by_route.values()) == d.total
    assert len(d.buckets) == 28  # daily buckets for a four-week period
    assert summarise(iter(SAMPLE)).by_route == {"local": 2, "cloud": 2, "blocked": 1}
