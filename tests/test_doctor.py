"""`hybridllm doctor` against real servers: healthy, unreachable, wrong model, bad key."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from hybridllm.cli import app
from hybridllm.config import TargetConfig
from hybridllm.doctor import check_target
from hybridllm.local import LlamaServer
from hybridllm.testing import OllamaShim, RecordingProxy


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_checks_each_adapter_kind(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, ollama_server: OllamaShim
) -> None:
    ok = [
        check_target(
            "l", TargetConfig(adapter="llamacpp", model="smollm2", base_url=llama_server.base_url)
        ),
        check_target(
            "o",
            TargetConfig(
                adapter="openai", model="smollm2", base_url=recording_cloud.base_url + "/v1"
            ),
        ),
        check_target(
            "a",
            TargetConfig(adapter="anthropic", model="smollm2", base_url=recording_cloud.base_url),
        ),
        check_target(
            "ol", TargetConfig(adapter="ollama", model="smollm2", base_url=ollama_server.base_url)
        ),
    ]
    assert [c.ok for c in ok] == [True, True, True, True], ok

    down = check_target(
        "down", TargetConfig(adapter="llamacpp", model="smollm2", base_url=_closed_port_url())
    )
    assert not down.ok
    assert down.problem.startswith("unreachable")
    assert "hybridllm local start" in down.hint

    wrong = check_target(
        "w", TargetConfig(adapter="llamacpp", model="gpt-9", base_url=llama_server.base_url)
    )
    assert not wrong.ok
    assert "not served" in wrong.problem

    recording_cloud.fail_next(1, status=401)
    denied = check_target(
        "d",
        TargetConfig(adapter="openai", model="smollm2", base_url=recording_cloud.base_url + "/v1"),
    )
    assert not denied.ok
    assert "401" in denied.problem


def test_doctor_cli_exit_code(llama_server: LlamaServer, tmp_path: Path) -> None:
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(
        f'default_target = "local"\n[targets.local]\nadapter = "llamacpp"\nmodel = "smollm2"\n'
        f'base_url = "{llama_server.base_url}"\n'
        f'[targets.cloud]\nadapter = "llamacpp"\nmodel = "smollm2"\n'
        f'base_url = "{_closed_port_url()}"\nlocality = "remote"\n',
        encoding="utf-8",
    )
    out = CliRunner().invoke(app, ["doctor", "--config", str(cfg)])
    assert out.exit_code == 1
    assert "ok" in out.output
    assert "unreachable" in out.output


def test_checks_a_cohere_target(llama_server: LlamaServer) -> None:
    from hybridllm.testing import CohereShim

    with CohereShim(llama_server.base_url) as shim:
        ok = check_target(
            "co", TargetConfig(adapter="cohere", model="smollm2", base_url=shim.base_url)
        )
        bad = check_target(
            "co", TargetConfig(adapter="cohere", model="command-z", base_url=shim.base_url)
        )
    assert ok.ok, ok
    assert not bad.ok
    assert "404" in bad.problem
