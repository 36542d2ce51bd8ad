"""The ``hybridllm`` command: scan, demo, audit (verify/show) and local (setup/start/stop)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from hybridllm.audit.cli import audit_app
from hybridllm.local import local_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="hybridllm",
    help="Use LLMs without leaking what must not leak.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(audit_app, name="audit", help="Verify and read the tamper-evident audit log.")
app.add_typer(local_app, name="local", help="Install and run the local llama.cpp model.")


@app.command()
def scan(
    text: Annotated[str | None, typer.Argument(help="Text to scan; omit to read stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Scan this file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Classify a text locally and show what would be redacted (values are never printed)."""
    import hybridllm

    if file is not None:
        content = file.read_text(encoding="utf-8")
    elif text is not None:
        content = text
    else:
        content = sys.stdin.read()
    redaction = hybridllm.redact(content)
    findings = [f.model_dump() for f in redaction.findings]
    if as_json:
        typer.echo(json.dumps({"findings": findings, "redacted": redaction.text}, indent=2))
        return
    for f in redaction.findings:
        typer.echo(
            f"{f.category:6} {f.entity_type:28} [{f.start}:{f.end}] score={f.score:.2f} "
            f"({f.recognizer})"
        )
    typer.echo(f"\nredacted: {redaction.text}")


@app.command()
def demo(
    max_tokens: Annotated[int, typer.Option(help="Tokens per answer.")] = 48,
) -> None:
    """Run the privacy-split demo on a real local model (see README)."""
    from hybridllm.demo import run_demo

    raise typer.Exit(run_demo(max_tokens=max_tokens))


def main() -> None:
    """Entry point of the ``hybridllm`` script."""
    app()
