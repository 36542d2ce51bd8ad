"""Property: sensitive values sent through ``complete()`` never reach the audit trail's bytes.

End to end on the public API: real classifier, real llama-server (local target), a recording
"cloud" proxy in front of another llama-server. After each call the SQLite file (and its WAL),
a JSONL export, the HTML report and every log line / console output are searched for the raw
values.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import make_client
from typer.testing import CliRunner

from hybridllm.cli.audit import audit_app
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_KEYCHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

emails = st.builds(
    lambda user, host: f"{user}@{host}.example.com",
    st.text(_LOWER, min_size=6, max_size=10),
    st.text(_LOWER, min_size=5, max_size=8),
)
aws_keys = st.builds(lambda body: "AKIA" + body, st.text(_KEYCHARS, min_size=16, max_size=16))
mrns = st.integers(min_value=10_000_000, max_value=99_999_999).map(str)
names = st.sampled_from(["Margarethe Olander", "Tobias Wrenfield", "Ingrid Halvorsen"])


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(email=emails, key=aws_keys, mrn=mrns, name=names, phi=st.booleans())
def test_values_never_reach_audit_files_report_or_logs(  # noqa: PLR0917 - fixtures + strategies
    llama_server: LlamaServer,
    recording_cloud: RecordingProxy,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    email: str,
    key: str,
    mrn: str,
    name: str,
    phi: bool,
) -> None:
    caplog.set_level(logging.DEBUG)
    if phi:
        prompt = f"Patient {name}, MRN: {mrn}, contact {email}. Summarize in one sentence."
        values = [email, mrn, name]
    else:
        prompt = f"Tell {email} that the key {key} was rotated. One sentence."
        values = [email, key]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        monkeypatch.delenv("HYBRIDLLM_AUDIT_KEY", raising=False)
        monkeypatch.setenv("HYBRIDLLM_AUDIT_KEY_FILE", str(root / "keys" / "audit.key"))
        db = root / "audit.db"
        with make_client(
            local_url=llama_server.base_url, cloud_url=recording_cloud.base_url, audit_path=db
        ) as client:
            r = client.complete(prompt, max_tokens=8, temperature=0)
            assert r.route == ("local" if phi else "cloud")
        runner = CliRunner()
        outputs = []
        for args in (
            ["export", str(root / "audit.jsonl"), "--db", str(db)],
            ["report", str(root / "report.html"), "--db", str(db)],
            ["query", "--db", str(db), "--json"],
            ["show", "--db", str(db)],
            ["verify", "--db", str(db)],
        ):
            result = runner.invoke(audit_app, args)
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        files = [p for p in root.iterdir() if p.is_file()]
        assert {p.name for p in files} >= {"audit.db", "audit.jsonl", "report.html"}
        blobs = {p.name: p.read_bytes() for p in files}
    captured = capfd.readouterr()
    blobs["logs"] = "\n".join(r.getMessage() for r in caplog.records).encode()
    blobs["console"] = (captured.out + captured.err + "".join(outputs)).encode()
    # Timings are kept to the microsecond: a float's full repr (283.44760199979646) is a long
    # digit run that can contain any short number, an MRN included.
    long_floats = re.findall(rb'"[a-z_]+":[^,]{0,40}?\d\.\d{7,}', blobs["audit.jsonl"])
    assert not long_floats
    for value in values:
        for where, blob in blobs.items():
            assert value.encode() not in blob, f"a sensitive value reached {where}"
