"""The documentation site builds offline with ``mkdocs build --strict``, and is current."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    # no proxy, no network needed: the theme's fonts are off and nothing is fetched
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYBRIDLLM_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in (
        "index.html",
        "configuration/index.html",
        "api/client/index.html",
        "compliance-guide/index.html",
        "benchmarks/index.html",
    ):
        assert (site / page).is_file(), page
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html
    api = (site / "api" / "client" / "index.html").read_text(encoding="utf-8")
    assert "Classify, decide, redact, call, restore and audit one completion." in api
    # Sphinx roles in docstrings render as links or code, never as literal ":func:" text.
    role = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj):")
    leaked = {
        str(p.relative_to(site)): role.findall(p.read_text(encoding="utf-8"))
        for p in (site / "api").rglob("*.html")
    }
    assert not {k: v for k, v in leaked.items() if v}, leaked
    # `:meth:`conversation`` in Client.complete resolves to the documented method.
    assert 'href="#hybridllm.Client.conversation"' in api
    assert 'href="../errors/#hybridllm.errors.ConfigError"' in api


def test_configuration_reference_is_generated_from_the_models() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "_scripts" / "gen_config.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    from hybridllm.config import Settings, TargetConfig

    for name in [*Settings.model_fields, *TargetConfig.model_fields]:
        assert f"| `{name}` |" in text, name
