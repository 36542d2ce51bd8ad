"""The encrypted vault store: a conversation that continues in another process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hybridllm
from hybridllm.models import Finding, Message
from hybridllm.redaction import (
    RedactionConfig,
    generate_key,
    open_vault,
    redact_messages,
    restore,
)

MAIL = "maria.garcia@example.com"


def _config(tmp_path: Path, key: str, monkeypatch: pytest.MonkeyPatch) -> RedactionConfig:
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", key)
    return RedactionConfig(store="encrypted", store_path=str(tmp_path / "vault"), ttl_seconds=3600)


def _mail_finding(text: str) -> Finding:
    start = text.index(MAIL)
    return Finding(
        entity_type="EMAIL_ADDRESS",
        category="PII",
        start=start,
        end=start + len(MAIL),
        score=1,
        recognizer="t",
    )


def test_a_conversation_continues_in_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = generate_key()
    config = _config(tmp_path, key, monkeypatch)
    vault = open_vault(config, "conv-42")
    text = f"Write to {MAIL}"
    req = redact_messages(
        [Message(role="user", content=text)], [_mail_finding(text)], ["PII"], vault
    )
    assert req.messages[0].content == "Write to [EMAIL_ADDRESS_1]"

    files = list((tmp_path / "vault").glob("*.vault"))
    assert len(files) == 1
    blob = files[0].read_bytes()
    assert MAIL.encode() not in blob  # encrypted at rest
    assert b"conv-42" not in blob
    assert "conv-42" not in files[0].name
    assert files[0].stat().st_mode & 0o077 == 0

    # Another process: same key, same conversation id -> same placeholders, and it mints on.
    script = (
        "from hybridllm.redaction import RedactionConfig, open_vault, restore\n"
        f"c = RedactionConfig(store='encrypted', store_path={str(tmp_path / 'vault')!r})\n"
        "v = open_vault(c, 'conv-42')\n"
        "print(restore('to [EMAIL_ADDRESS_1]', v)[0])\n"
        "print(v.mint('EMAIL_ADDRESS', 'other@example.com', category='PII'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.splitlines() == [f"to {MAIL}", "[EMAIL_ADDRESS_2]"]

    # Back here: the other process's mint is seen (reloaded on a miss), never reused.
    assert vault.lookup("[EMAIL_ADDRESS_2]") == "other@example.com"
    assert vault.mint("EMAIL_ADDRESS", "third@example.com", category="PII") == "[EMAIL_ADDRESS_3]"

    # Another conversation, or another key, sees nothing.
    assert restore("[EMAIL_ADDRESS_1]", open_vault(config, "conv-43"))[0] == "[EMAIL_ADDRESS_1]"
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", generate_key())
    wrong = RedactionConfig(store="encrypted", store_path=str(tmp_path / "vault"))
    # file names derive from the key too: another key finds nothing to restore
    assert restore("[EMAIL_ADDRESS_1]", open_vault(wrong, "conv-42"))[0] == "[EMAIL_ADDRESS_1]"


def test_a_swapped_file_does_not_decrypt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, generate_key(), monkeypatch)
    a = open_vault(config, "a")
    a.mint("PERSON", "Jane Roe", category="PII")
    b = open_vault(config, "b")
    b.mint("PERSON", "Bob Stone", category="PII")
    files = {p.name for p in (tmp_path / "vault").glob("*.vault")}
    assert len(files) == 2
    store = a._store
    assert store is not None
    store.path("b").write_bytes(store.path("a").read_bytes())  # a's file under b's name
    with pytest.raises(hybridllm.ConfigError, match="does not decrypt"):
        open_vault(config, "b")
    store.delete("a")
    assert not store.path("a").exists()


def test_per_call_scopes_stay_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, generate_key(), monkeypatch)
    vault = open_vault(config)  # no conversation id: one call
    vault.mint("PERSON", "Jane Roe", category="PII")
    assert not (tmp_path / "vault").exists()
    assert vault.ttl == 3600
