"""What a first-time user hits: --version, CLI errors without tracebacks, config masking by
meaning, where `local start` listens and keeps its state, and errors that say why."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hybridllm
from hybridllm.cli import _secret_key, app
from hybridllm.errors import NoTargetAvailableError, TransientProviderError, describe_error
from hybridllm.local import state_dir, status
from hybridllm.local.cli import configured_port, port_is_free

runner = CliRunner()


def _hybridllm(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hybridllm", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_version_flag_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"hybridllm {version('hybridllm')}"


def test_scan_of_a_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    out = _hybridllm("scan", "-f", str(tmp_path / "missing.txt"))
    assert out.returncode == 2
    assert "cannot read" in out.stderr
    assert "Traceback" not in out.stderr


def test_scan_of_a_non_utf8_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff\xfe")
    out = _hybridllm("scan", "-f", str(bad))
    assert out.returncode == 2
    assert "UnicodeDecodeError" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("api_key", True),
        ("client_secret", True),
        ("auth_token", True),
        ("password", True),
        ("max_tokens", False),
        ("api_key_env", False),
        ("audit_key_path", False),
        ("SECRET", False),  # a category name in `policy`; its value is an action
        ("token_budget", False),
    ],
)
def test_config_keys_are_masked_by_meaning(key: str, secret: bool) -> None:
    assert _secret_key(key) is secret


def test_config_show_keeps_policy_and_limits_readable_and_masks_dsn_password(
    tmp_path: Path,
) -> None:
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(
        'audit_postgres_dsn = "postgresql://app:hunter2pass@127.0.0.1:5432/audit"\n'
        '[policy]\nSECRET = "block"\n'
        '[targets.cloud]\nadapter = "openai"\nmodel = "gpt-4o-mini"\nmax_tokens = 321\n'
    )
    result = runner.invoke(app, ["config", "show", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["policy"]["SECRET"] == "block"
    assert shown["targets"]["cloud"]["max_tokens"] == 321
    assert "hunter2pass" not in result.output
    assert shown["audit_postgres_dsn"] == "postgresql://app:***@127.0.0.1:5432/audit"


def test_local_start_listens_where_the_local_target_expects(tmp_path: Path) -> None:
    assert configured_port() == 8080  # the default local target: http://127.0.0.1:8080
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(
        '[targets.local]\nadapter = "llamacpp"\nmodel = "smollm2"\n'
        'base_url = "http://127.0.0.1:8193"\n'
    )
    assert configured_port(cfg) == 8193


def test_local_start_refuses_a_busy_configured_port_with_a_hint(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not port_is_free(port)
        cfg = tmp_path / "hybridllm.toml"
        cfg.write_text(
            '[targets.local]\nadapter = "llamacpp"\nmodel = "smollm2"\n'
            f'base_url = "http://127.0.0.1:{port}"\n'
        )
        result = runner.invoke(app, ["local", "start", "--config", str(cfg)])
    assert result.exit_code == 1
    assert f"port {port}" in result.output
    assert "--port 0" in result.output


def test_local_state_lives_in_one_user_dir_whatever_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYBRIDLLM_STATE_DIR", str(tmp_path / "state"))
    assert state_dir() == tmp_path / "state"
    assert state_dir(tmp_path / "proj") == tmp_path / "proj" / ".hybridllm"
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "local-server.json").write_text(
        json.dumps({"pid": 0, "base_url": "http://127.0.0.1:1", "model": "m"})
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    found = status()
    assert found is not None  # found from another directory
    assert found.base_url == "http://127.0.0.1:1"
    assert not found.running


def test_describe_error_says_where_and_drops_the_target_prefix() -> None:
    err = TransientProviderError("local: connection failed (ConnectError)", target="local")
    text = describe_error(err, where="http://127.0.0.1:8080")
    assert text == (
        "TransientProviderError: cannot reach http://127.0.0.1:8080 "
        "(connection failed (ConnectError))"
    )
    assert describe_error(ValueError("raw payload text here")) == "ValueError"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_target_error_names_each_cause_in_words_and_chains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HYBRIDLLM_TEST_NO_SUCH_KEY", raising=False)
    port = _closed_port()
    client = hybridllm.Client(
        targets={
            "local": {
                "adapter": "llamacpp",
                "model": "smollm2",
                "base_url": f"http://127.0.0.1:{port}",
                "max_retries": 0,
            },
            "cloud": {
                "adapter": "openai",
                "model": "gpt-4o-mini",
                "api_key_env": "HYBRIDLLM_TEST_NO_SUCH_KEY",
                "base_url": "http://127.0.0.1:9/v1",
            },
        },
        audit_path=str(tmp_path / "audit.db"),
    )
    with client, pytest.raises(NoTargetAvailableError) as info:
        client.complete("What is a hash chain?", max_tokens=8)
    message = str(info.value)
    assert f"cannot reach http://127.0.0.1:{port}" in message
    assert "HYBRIDLLM_TEST_NO_SUCH_KEY is not set" in message
    assert info.value.__cause__ is not None
    assert "hash chain" not in message
