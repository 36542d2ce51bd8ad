"""Public API contract: names, bad input, config precedence, light import."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy


def test_all_is_sorted_and_complete() -> None:
    assert hybridllm.__all__ == sorted(hybridllm.__all__)
    for name in hybridllm.__all__:
        assert hasattr(hybridllm, name), name
    contract = {"Client", "AsyncClient", "complete", "acomplete", "classify", "redact"}
    assert contract <= set(hybridllm.__all__)


def test_import_is_light() -> None:
    code = (
        "import sys, json, hybridllm; "
        "print(json.dumps(sorted(m for m in ('spacy', 'presidio_analyzer', 'openai', "
        "'anthropic', 'ollama', 'detect_secrets', 'typer') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.fixture
def wired(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> Iterator[tuple[hybridllm.Client, RecordingProxy, RecordingProxy]]:
    with (
        RecordingProxy(llama_server.base_url) as local,
        make_client(
            local_url=local.base_url, cloud_url=recording_cloud.base_url, audit_path=tmp_audit_path
        ) as client,
    ):
        yield client, local, recording_cloud


BAD_INPUTS: list[tuple[Any, dict[str, Any], type[Exception]]] = [
    ("", {}, hybridllm.InputError),
    ("   \n", {}, hybridllm.InputError),
    ([], {}, hybridllm.InputError),
    (None, {}, hybridllm.InputError),
    (42, {}, hybridllm.InputError),
    (b"hello", {}, hybridllm.InputError),
    (b"\xff\xfe broken", {}, hybridllm.InputError),
    ("caf\udcc3 broken utf-8", {}, hybridllm.InputError),
    ([{"role": "wizard", "content": "hi"}], {}, hybridllm.InputError),
    ([{"role": "user"}], {}, hybridllm.InputError),
    ([{"role": "user", "content": 7}], {}, hybridllm.InputError),
    (["just a string"], {}, hybridllm.InputError),
    ("x" * 200_001, {}, hybridllm.InputError),
    ("hello", {"target": "nowhere"}, hybridllm.UnknownTargetError),
]


@pytest.mark.parametrize(("prompt", "kwargs", "error"), BAD_INPUTS)
def test_bad_input_raises_typed_error_and_sends_nothing(
    wired: tuple[hybridllm.Client, RecordingProxy, RecordingProxy],
    prompt: Any,
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    client, local, cloud = wired
    with pytest.raises(error) as info:
        client.complete(prompt, **kwargs)
    assert isinstance(info.value, hybridllm.HybridLLMError)
    assert "broken" not in str(info.value)  # never echoes the prompt
    assert local.requests == []
    assert cloud.requests == []
    assert client.audit.count() == 0


def test_bad_input_in_stream_and_async_modes(
    wired: tuple[hybridllm.Client, RecordingProxy, RecordingProxy],
) -> None:
    client, local, cloud = wired
    with pytest.raises(hybridllm.InputError):
        client.complete("", stream=True)
    assert local.requests == cloud.requests == []


def test_public_classify_and_redact_round_trip() -> None:
    text = f"Mail {EMAIL} the key {AWS_KEY}."
    c = hybridllm.classify(text)
    assert {"PII", "SECRET"} <= c.categories
    for f in c.findings:
        assert f.recognizer
        assert 0 <= f.start < f.end <= len(text)
    red = hybridllm.redact(text)
    assert EMAIL not in red.text
    assert AWS_KEY not in red.text
    assert red.restore(red.text) == text
    assert EMAIL not in repr(red)
    with pytest.raises(hybridllm.InputError):
        hybridllm.classify(b"bytes")  # type: ignore[arg-type]


def test_config_precedence_arguments_over_env_over_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text('audit_path = "from-file.db"\n[policy]\nPII = "block"\n', encoding="utf-8")
    monkeypatch.setenv("HYBRIDLLM_POLICY__PII", "allow")
    from hybridllm.config import load_settings

    assert load_settings(cfg).policy["PII"] == "allow"
    assert load_settings(cfg).audit_path == "from-file.db"
    assert load_settings(cfg, policy={"PII": "local"}).policy["PII"] == "local"
    assert load_settings(cfg).policy["PHI"] == "local"  # defaults fill the rest


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('[policy]\nPHI = "sometimes"\n', "policy.PHI"),
        ('default_target = "mars"\n', "default_target"),
        ('[targets.x]\nadapter = "carrier-pigeon"\nmodel = "m"\n', "targets.x.adapter"),
        ("[targets.x]\nadapter = 3\n", "targets.x.adapter"),
        ("not toml [", ""),
    ],
)
def test_bad_config_names_file_key_and_expectation(tmp_path: Path, content: str, key: str) -> None:
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(content, encoding="utf-8")
    with pytest.raises(hybridllm.ConfigError) as info:
        hybridllm.Client(cfg)
    assert info.value.source == str(cfg)
    if key:
        assert key in info.value.key or key in str(info.value)
    assert str(cfg) in str(info.value)


def test_module_level_complete_uses_the_default_client(
    llama_server: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(
        f'default_target = "local"\naudit_path = "{tmp_path / "a.db"}"\n'
        f'[targets.local]\nadapter = "llamacpp"\nmodel = "smollm2"\n'
        f'base_url = "{llama_server.base_url}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HYBRIDLLM_CONFIG", str(cfg))
    from hybridllm.client import default

    monkeypatch.setattr(default, "_default", None)
    r = hybridllm.complete("Say hi.", max_tokens=4)
    assert r.route == "local"
    assert r.target == "local"
    made = default._default
    assert made is not None
    assert made is default.default_client()  # one per process
    made.close()


def test_profiles_env_partial_targets_and_config_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from hybridllm.cli import app
    from hybridllm.config import load_settings

    cfg = tmp_path / "hybridllm.toml"
    cfg.write_text(
        'default_target = "cloud"\n[profiles.strict.policy]\nPII = "block"\n',
        encoding="utf-8",
    )
    assert load_settings(cfg).default_target == "cloud"
    assert load_settings(cfg, profile="dev").default_target == "local"  # built-in dev: all local
    strict = load_settings(cfg, profile="strict")
    assert strict.policy["PII"] == "block"
    assert strict.profile == "strict"
    monkeypatch.setenv("HYBRIDLLM_PROFILE", "strict")
    assert load_settings(cfg).policy["PII"] == "block"
    with pytest.raises(hybridllm.ConfigError) as info:
        load_settings(cfg, profile="nope")
    assert "strict" in str(info.value)
    monkeypatch.delenv("HYBRIDLLM_PROFILE")
    monkeypatch.setenv("HYBRIDLLM_TARGETS__CLOUD__BASE_URL", "https://u:hunter2@gw.example/v1")
    s = load_settings(cfg)
    assert s.targets["cloud"].adapter == "openai"  # partial env refines the built-in target
    assert s.targets["cloud"].base_url == "https://u:hunter2@gw.example/v1"
    out = CliRunner().invoke(app, ["config", "show", "--config", str(cfg)])
    assert out.exit_code == 0, out.output
    assert "hunter2" not in out.output
    assert "https://u:***@gw.example/v1" in out.output


def test_lazy_heavy_imports_are_serialised() -> None:
    """An SDK import waits while spaCy's loader holds the import lock (both import httpx; two
    threads importing them in different orders get a partially initialised module)."""
    import sys
    import threading
    import time

    from hybridllm._imports import import_module, importing

    name = "tabnanny"  # a stdlib module nothing here imports
    assert name not in sys.modules
    done = threading.Event()
    with importing():
        t = threading.Thread(target=lambda: (import_module(name), done.set()))
        t.start()
        time.sleep(0.2)
        assert not done.is_set()  # blocked behind the lock
    t.join(timeout=10)
    assert done.is_set()
    assert import_module("json") is sys.modules["json"]  # imported modules skip the lock


def test_warm_up_loads_classifier_sdks_and_audit(tmp_path: Path) -> None:
    """In a fresh interpreter: after warm_up() the NER model is in, the SDKs are imported and
    the audit log exists, before any call."""
    audit = tmp_path / "audit.db"
    code = f"""
import sys, hybridllm
client = hybridllm.Client(
    targets={{
        "local": {{"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"}},
        "claude": {{"adapter": "anthropic", "model": "m", "base_url": "http://127.0.0.1:9"}},
    }},
    default_target="local", local_target="local", fallback={{"local": []}},
    audit_path={str(audit)!r},
)
assert "spacy" not in sys.modules and "anthropic" not in sys.modules
client.warm_up()
from hybridllm.classifiers import get_classifier
names = get_classifier().recognizers[-1]
print(names.wait_ready(0), "openai" in sys.modules, "anthropic" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["True", "True", "True"]
    assert audit.exists()


def test_warm_up_freezes_the_collector_only_when_asked(tmp_path: Path) -> None:
    """``warm_up(freeze_gc=True)`` moves what the process holds to the collector's permanent
    generation (a full collection then skips it); plain ``warm_up()`` leaves the collector
    alone. Fresh interpreters: a freeze is process-wide."""
    code = """
import gc, sys, hybridllm
client = hybridllm.Client(
    targets={"local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"}},
    default_target="local", local_target="local", fallback={"local": []},
    audit_path=sys.argv[1],
)
client.warm_up(wait_for_ner=True, freeze_gc=sys.argv[2] == "1")
frozen = gc.get_freeze_count()
print(frozen, len(gc.get_objects()))
"""
    counts = {}
    for flag in ("0", "1"):
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / f"audit{flag}.db"), flag],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        counts[flag] = [int(x) for x in out.stdout.split()]
    assert counts["0"][0] == 0
    frozen, still_tracked = counts["1"]
    # The classifier, spaCy and their modules: tens of thousands of objects, nearly all of
    # what the collector tracked.
    assert frozen > 20_000
    assert still_tracked < frozen // 10
