"""`hybridllm gateway-keys` and the start-up checks of `hybridllm serve` (no server needed)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from typer.testing import CliRunner

from hybridllm.cli import app
from hybridllm.gateway.auth import KeyStore, bearer_token

runner = CliRunner()


def test_keys_are_shown_once_and_stored_hashed(tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    first = runner.invoke(app, ["gateway-keys", "add", "billing-app", "--keys", str(keys)])
    second = runner.invoke(app, ["gateway-keys", "add", "triage", "--keys", str(keys)])
    assert first.exit_code == 0, first.output
    key1, key2 = first.output.strip(), second.output.strip()
    assert key1.startswith("hlk_")
    assert len(key1) > 40
    stored = keys.read_text(encoding="utf-8")
    assert key1 not in stored
    assert key2 not in stored
    assert [e["app"] for e in json.loads(stored)["keys"]] == ["billing-app", "triage"]
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    store = KeyStore(keys)
    assert store.app_for(key1) == "billing-app"
    assert store.app_for(key2) == "triage"
    assert store.app_for(key1 + "x") is None
    assert store.app_for(None) is None
    listed = runner.invoke(app, ["gateway-keys", "list", "--keys", str(keys)])
    assert listed.output.split() == ["billing-app", "triage"]
    revoked = runner.invoke(app, ["gateway-keys", "revoke", "triage", "--keys", str(keys)])
    assert "revoked 1" in revoked.output
    assert KeyStore(keys).app_for(key2) is None
    bad = runner.invoke(app, ["gateway-keys", "add", "no spaces", "--keys", str(keys)])
    assert bad.exit_code != 0


def test_bearer_and_x_api_key() -> None:
    assert bearer_token("Bearer abc", None) == "abc"
    assert bearer_token("bearer  abc ", None) == "abc"
    assert bearer_token(None, "xyz") == "xyz"
    assert bearer_token("Basic abc", None) is None
    assert bearer_token("", "") is None


def test_serve_refuses_to_run_open_unless_on_loopback(tmp_path: Path) -> None:
    no_keys = runner.invoke(app, ["serve"])
    assert no_keys.exit_code == 2
    assert "--keys" in no_keys.output
    exposed = runner.invoke(app, ["serve", "--no-auth", "--host", "0.0.0.0"])
    assert exposed.exit_code == 2
    assert "loopback" in exposed.output
    empty = runner.invoke(app, ["serve", "--keys", str(tmp_path / "none.json")])
    assert empty.exit_code == 2
    assert "no keys" in empty.output
