"""The HTML audit report in headless Chromium: it renders, lays out, filters, drills down, prints.

The page checks its own layout once rendered (every chart label inside its chart, no two labels
overlapping, no table wider than the page) and writes the result on ``<body data-layout>``;
these tests read it from the live DOM, look at the screenshot's pixels, and keep the screenshots
at ``artifacts/audit-report*.png`` (git-ignored) for a human to look at.
``scripts/ci-services.sh`` installs Debian's ``chromium``; a missing browser fails loudly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from tests.test_audit_tools import KEY, KEY_HEX, SAMPLE, rec
from typer.testing import CliRunner

from hybridllm.audit import AuditStore, HmacSigner
from hybridllm.audit.keys import ENV_AUDIT_KEY
from hybridllm.cli.audit import audit_app
from hybridllm.models import AuditRecord

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LONG_CALLER = "billing.reconciliation.monthly_statement_generator_for_insurance_claims_v2"
LONG_APP = "patient-portal-backend-with-a-rather-long-name"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium not found; run `bash scripts/ci-services.sh`", pytrace=False)


def _run_chromium(tmp_path: Path, *args: str, width: int = 1000) -> str:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={width},2400",
    ]
    proc = subprocess.run(
        [_chromium(), *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _records() -> list[AuditRecord]:
    out = list(SAMPLE)
    for day in range(1, 28):
        for hour in (9, 14):
            route = ("local", "cloud", "local", "blocked")[(day + hour) % 4]
            r = rec(
                f"2026-02-{day:02d}T{hour:02d}:00:00.000000Z",
                route=route,
                status="blocked" if route == "blocked" else "ok",
                categories=("PII",) if day % 3 else ("PHI",),
                entities={"PERSON": 1 + day % 2},
                target="cloud" if route == "cloud" else "local",
                locality="remote" if route == "cloud" else "local",
                caller=LONG_CALLER if day % 4 == 0 else f"app.task{day % 5}",
                cost=0.001 * (day % 4) if route == "cloud" else 0.0,
                actions={"PHI": "allow" if day == 9 else "redact", "PII": "redact"},
            )
            out.append(
                r.model_copy(
                    update={
                        "app": LONG_APP if day % 2 else "clinic",
                        "region": "us" if route == "cloud" else None,
                        "target_attributes": {"baa": True} if route == "cloud" else {},
                        "policy_version": "sha256:aaaa" if day < 15 else "sha256:bbbb",
                        "fail_closed": day == 20,
                        "withheld": {"tool_args:policy:PII:PERSON": 1} if day == 21 else {},
                    }
                )
            )
    return out


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    db = tmp / "audit.db"
    with AuditStore(db, signer=HmacSigner(KEY)) as store:
        for r in _records():
            store.append(r)
    out = tmp / "report.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_AUDIT_KEY, KEY_HEX)
        result = CliRunner().invoke(audit_app, ["report", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return out


def _shot(tmp_path: Path, page: Path, name: str, width: int) -> Image.Image:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    _run_chromium(tmp_path, f"--screenshot={shot}", page.as_uri(), width=width)
    return Image.open(shot).convert("L")


@pytest.mark.parametrize("width", [1000, 640])
def test_report_lays_out_without_clipped_or_overlapping_labels(
    page: Path, tmp_path: Path, width: int
) -> None:
    html = _run_chromium(tmp_path, "--dump-dom", page.as_uri(), width=width)
    layout = re.search(r'<body[^>]*data-layout="([^"]*)"', html)
    assert layout is not None, html[:500]  # the script ran
    assert layout.group(1) == "ok", layout.group(1)
    assert re.search(r'<body[^>]*data-charts="7"', html)
    assert html.count('class="bar route-') > 50
    assert "Log verified (hash chain and signatures, 1 signed checkpoint(s)): 59 records" in html
    assert LONG_CALLER[:20] in html  # shortened in the chart, whole in its tooltip and table

    img = _shot(tmp_path, page, f"audit-report-{width}.png", width)
    assert img.size[0] == width
    assert ImageStat.Stat(img).stddev[0] > 20  # not a blank page
    # Nothing is drawn in the page's side margins: no label sticks out of the content column.
    margin = max(4, (width - 900) // 2 - 4)
    for box in ((0, 0, margin, img.size[1]), (width - margin, 0, width, img.size[1])):
        lo, hi = img.crop(box).getextrema()
        assert lo == hi, f"something drawn in the margin {box}"


def test_filters_and_drill_down_work_in_the_browser(page: Path, tmp_path: Path) -> None:
    html = _run_chromium(tmp_path, "--dump-dom", page.as_uri() + f"?app={LONG_APP}")
    shown = re.search(r'<span id="records-shown">(\d+)</span>', html)
    assert shown is not None
    visible = re.findall(r'<tr data-id="[^"]*" data-app="([^"]*)"(?![^>]*hidden)[^>]*>', html)
    assert set(visible) == {LONG_APP}
    expected = sum(r.app == LONG_APP for r in _records())
    assert int(shown.group(1)) == len(visible) == expected > 0
    target = SAMPLE[1].id
    html = _run_chromium(tmp_path, "--dump-dom", page.as_uri() + f"#rec-{target}")
    opened = re.search(rf'<details class="record" id="rec-{target}"( open="")?>', html)
    assert opened is not None
    assert opened.group(1), "the linked record's details are not open"
    # The fallback table links to the record it lists.
    assert f'href="#rec-{SAMPLE[2].id}"' in html


def test_report_prints_to_pdf(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    _run_chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 2 <= pages <= 12, pages
