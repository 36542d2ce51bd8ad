"""The HTML audit report, rendered in headless Chromium: it renders, its charts and script work.

The screenshot is kept at ``artifacts/audit-report.png`` (git-ignored) for a human to look at.
``scripts/ci-services.sh`` installs Debian's ``chromium``; a missing browser fails loudly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.test_audit_tools import KEY, KEY_HEX, SAMPLE, rec
from typer.testing import CliRunner

from hybridllm.audit import AuditStore, HmacSigner
from hybridllm.audit.cli import audit_app
from hybridllm.audit.keys import ENV_AUDIT_KEY

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium not found; run `bash scripts/ci-services.sh`", pytrace=False)


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1000,2600",
    ]
    return subprocess.run(
        [_chromium(), *flags, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_report_renders_in_headless_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    db = tmp_path / "audit.db"
    with AuditStore(db, signer=HmacSigner(KEY)) as store:
        for r in SAMPLE:
            store.append(r)
        for day in range(1, 28):
            for hour in (9, 14):
                route = ("local", "cloud", "local", "blocked")[(day + hour) % 4]
                store.append(
                    rec(
                        f"2026-02-{day:02d}T{hour:02d}:00:00.000000Z",
                        route=route,
                        status="blocked" if route == "blocked" else "ok",
                        categories=("PII",) if day % 3 else ("PHI",),
                        entities={"PERSON": 1 + day % 2},
                        target="cloud" if route == "cloud" else "local",
                        locality="remote" if route == "cloud" else "local",
                        caller=f"app.task{day % 5}",
                        cost=0.001 * (day % 4) if route == "cloud" else 0.0,
                    )
                )
    page = tmp_path / "report.html"
    result = CliRunner().invoke(audit_app, ["report", str(page), "--db", str(db)])
    assert result.exit_code == 0, result.output

    dom = _run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # The inline script ran and counted the charts it found in the live DOM.
    assert re.search(r'<body[^>]*data-charts="6"', html), html[:500]
    for chart in ("chart-routes", "chart-categories", "chart-entities", "chart-blocked"):
        assert f'id="{chart}"' in html
    assert 'id="chart-cost"' in html
    assert 'id="chart-callers"' in html
    assert html.count('class="bar route-') > 50
    assert "Log verified (hash chain and signatures): 59 records intact." in html

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-report.png"
    shot.unlink(missing_ok=True)
    snap = _run_chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert snap.returncode == 0, snap.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few KB
