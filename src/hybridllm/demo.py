"""``hybridllm demo``: the privacy split on a real local model, shown step by step.

Starts a real llama.cpp server with SmolLM2 as the local target. The "cloud" target is the real
OpenAI or Anthropic API when OPENAI_API_KEY / ANTHROPIC_API_KEY is set; otherwise it is an
OpenAI-compatible endpoint on loopback (the same llama-server behind a recording proxy), and the
demo says so. Either way every cloud request passes a recording proxy, so the demo can print
exactly what left the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel

__all__ = ["PROMPTS", "run_demo"]

PROMPTS: list[tuple[str, str]] = [
    (
        "Clinical note (patient name + MRN)",
        "Discharge note: patient Maria Gonzalez, MRN: 4820117, DOB: 03/14/1962, admitted with "
        "community-acquired pneumonia, treated with amoxicillin. Summarize in one sentence.",
    ),
    (
        "Config snippet with an AWS key",
        "Repeat the following line exactly.\n"
        "aws_access_key_id = AKIAZ3MSJ7QXP4LKH2TD region = us-east-1",
    ),
    (
        "Support email (customer name, email, phone)",
        "Customer email from Tom Becker (tom.becker@example.com, phone 415-555-0137): my order "
        "#A-1009 has not arrived after two weeks. Draft a short, polite reply.",
    ),
    ("Plain question", "In one sentence: what is a hash chain?"),
]


def _cloud_upstream() -> tuple[str, str, str, str]:
    """(adapter, model, upstream base URL, description) for the cloud side."""
    if os.environ.get("OPENAI_API_KEY"):
        return "openai", "gpt-4o-mini", "https://api.openai.com", "the real OpenAI API"
    if os.environ.get("ANTHROPIC_API_KEY"):
        return (
            "anthropic",
            "claude-3-5-haiku-latest",
            "https://api.anthropic.com",
            "the real Anthropic API",
        )
    return "openai", "smollm2", "", "NO cloud API key set"


def _write_config(path: Path, local_url: str, cloud_url: str, adapter: str, model: str) -> None:
    key_env = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}[adapter]
    cloud_base = cloud_url + "/v1" if adapter == "openai" else cloud_url
    path.write_text(
        f"""default_target = "cloud"
local_target = "local"
audit_path = "{(path.parent / "demo-audit.db").resolve()}"

[policy]
PII = "redact"
PHI = "local"
SECRET = "redact"

[targets.local]
adapter = "llamacpp"
model = "smollm2"
base_url = "{local_url}"

[targets.cloud]
adapter = "{adapter}"
model = "{model}"
base_url = "{cloud_base}"
api_key_env = "{key_env if os.environ.get(key_env) else ""}"

[fallback]
local = []
cloud = []
""".replace('api_key_env = ""\n', ""),
        encoding="utf-8",
    )


def _received(requests: list[Any]) -> str:
    """What the cloud side received: the messages of each recorded request."""
    if not requests:
        return "(nothing: no request reached the cloud endpoint)"
    shown = []
    for req in requests:
        body = req.json if isinstance(req.json, dict) else {}
        msgs = body.get("messages", [])
        shown.append(json.dumps({"path": req.path, "messages": msgs}, ensure_ascii=False, indent=1))
    return "\n".join(shown)


def run_demo(console: Console | None = None, *, max_tokens: int = 48) -> int:
    """Run the demo; returns the exit code of ``hybridllm audit verify``."""
    from hybridllm import Client
    from hybridllm.local import LlamaServer
    from hybridllm.testing import RecordingProxy

    con = console or Console()
    adapter, model, upstream, where = _cloud_upstream()
    workdir = Path(".hybridllm") / "demo"
    workdir.mkdir(parents=True, exist_ok=True)
    for old in workdir.glob("demo-audit.db*"):
        old.unlink()  # each demo run starts a fresh audit log
    with LlamaServer() as llama, LlamaServer() as stand_in:
        con.print(f"[bold]Local target[/]: llama.cpp server with SmolLM2-135M at {llama.base_url}")
        with RecordingProxy(upstream or stand_in.base_url) as proxy:
            if upstream:
                con.print(f"[bold]Cloud target[/]: {where} ({model}), through a recording proxy")
            else:
                con.print(
                    "[bold yellow]Cloud target[/]: NO cloud API key is set (OPENAI_API_KEY / "
                    "ANTHROPIC_API_KEY), so the 'cloud' is an OpenAI-compatible endpoint on "
                    f"loopback ({proxy.base_url}: a second local llama-server behind a "
                    "recording proxy). The official openai SDK talks to it exactly as to OpenAI."
                )
            cfg = workdir / "hybridllm.toml"
            _write_config(cfg, llama.base_url, proxy.base_url, adapter, model)
            with Client(cfg) as client:
                for title, prompt in PROMPTS:
                    proxy.clear()
                    r = client.complete(prompt, max_tokens=max_tokens, temperature=0)
                    found = ", ".join(
                        f"{f.entity_type}({f.category})" for f in r.classification.findings
                    )
                    body = "\n".join(
                        [
                            f"[bold]Prompt[/]: {prompt}",
                            f"[bold]Found[/]: {found or 'nothing sensitive'}",
                            f"[bold]Decision[/]: route={r.route}  reason: {r.decision.reason}",
                            f"[bold]Answered by[/]: {r.target} ({r.model})",
                            f"[bold]Cloud received[/]:\n{_received(proxy.requests)}",
                            f"[bold]Answer (restored, {r.redacted_count} value(s) redacted)[/]: "
                            f"{r.text.strip()}",
                            f"[dim]audit id {r.audit_id}[/]",
                        ]
                    )
                    con.print(Panel(body, title=title, expand=True))
                con.print("[bold]Streaming[/] the plain question through the cloud route:")
                stream = client.complete(PROMPTS[-1][1], stream=True, max_tokens=max_tokens)
                for chunk in stream:
                    con.print(chunk, end="")
                con.print()
                db = client.settings.audit_path
        con.print(f"\n[bold]$ hybridllm audit verify --db {db}[/]")
        done = subprocess.run(
            [sys.executable, "-m", "hybridllm", "audit", "verify", "--db", db],
            capture_output=True,
            text=True,
            check=False,
        )
        con.print((done.stdout + done.stderr).strip())
        return done.returncode
