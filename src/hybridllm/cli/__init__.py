"""Tool: the ``hybridllm`` command (scan, demo, doctor, serve, audit, cost, local, keys).

Each command group lives next to this module (``hybridllm audit``: :mod:`hybridllm.cli.audit`)
or in the folder it drives (``hybridllm local``: :mod:`hybridllm.local.cli`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from hybridllm.cli.audit import audit_app
from hybridllm.cost import report as _cost_report
from hybridllm.gateway.cli import keys_app, serve
from hybridllm.local import local_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="hybridllm",
    help="Use LLMs without leaking what must not leak.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(audit_app, name="audit", help="Verify, query, export and report on the audit log.")
app.add_typer(local_app, name="local", help="Install and run the local llama.cpp model.")
app.add_typer(
    _cost_report.cost_app(), name="cost", help="API vs local cost, crossover, recommendation."
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"hybridllm {version('hybridllm')}")
        raise typer.Exit


@app.callback()
def _root(
    _version_flag: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Use LLMs without leaking what must not leak."""


app.command("serve")(serve)
app.add_typer(keys_app, name="gateway-keys", help="API keys of the apps calling `serve`.")

config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


def _mask_url(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


_SECRET_WORDS = frozenset({"key", "secret", "password", "passwd", "token", "credential"})
_CATEGORIES = frozenset({"PII", "PHI", "SECRET"})


def _secret_key(key: str) -> bool:
    """A config key whose value is itself a secret, judged by the key's meaning.

    The last word of a snake_case key decides (``api_key``, ``client_secret``, ``auth_token``),
    so ``max_tokens``, ``key_path``, ``api_key_env`` and the category name ``SECRET`` in
    ``policy`` (whose value is an action) stay readable.
    """
    if key in _CATEGORIES:
        return False
    return key.lower().rsplit("_", 1)[-1] in _SECRET_WORDS


def _masked(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: "***" if _secret_key(str(k)) and v is not None else _masked(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, str) and "://" in value:
        return _mask_url(value)
    return value


@config_app.command("show")
def config_show(
    config: Annotated[Path | None, typer.Option(help="hybridllm.toml to read.")] = None,
    profile: Annotated[str | None, typer.Option(help="Profile to apply.")] = None,
) -> None:
    """Print the effective configuration (file < env < arguments, profile applied) as JSON.

    Secrets are masked: passwords in URLs and any key/secret/token/password fields. API keys
    never appear anyway: the config names the environment variable that holds them.
    """
    from hybridllm.config import load_settings

    settings = load_settings(config, profile=profile)
    typer.echo(json.dumps(_masked(settings.model_dump(mode="json")), indent=2))


@app.command()
def scan(
    text: Annotated[str | None, typer.Argument(help="Text to scan, or - for stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Scan this file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: Annotated[Path | None, typer.Option(help="hybridllm.toml to read.")] = None,
) -> None:
    """Classify a text locally: findings (never their values), categories, and the decision
    the current policy would take."""
    from hybridllm.classifiers.scan import scan_command
    from hybridllm.config import load_settings

    if file is not None:
        try:
            content = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            typer.echo(f"error: cannot read {file}: {exc.__class__.__name__}", err=True)
            raise typer.Exit(2) from None
    elif text is not None and text != "-":
        content = text
    elif text is None and sys.stdin.isatty():
        typer.echo(
            "error: nothing to scan: pass TEXT, --file PATH, or pipe text with `-`", err=True
        )
        raise typer.Exit(2)
    else:
        content = sys.stdin.read()
    settings = load_settings(config)
    policy: dict[str, str] = {str(k): str(v) for k, v in settings.policy.items()}
    typer.echo(scan_command(content, as_json, policy, settings.classifier))


@app.command()
def doctor(
    config: Annotated[Path | None, typer.Option(help="hybridllm.toml to read.")] = None,
    profile: Annotated[str | None, typer.Option(help="Profile to apply.")] = None,
) -> None:
    """Check every configured target: reachable, key accepted, model served. Exit 1 on failure."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from hybridllm.config import load_settings
    from hybridllm.doctor import check_all

    checks = check_all(load_settings(config, profile=profile))
    table = Table("target", "adapter", "model", "locality", "status", "hint")
    for c in checks:
        status = f"[green]ok[/] ({c.latency_ms:.0f} ms)" if c.ok else f"[red]{escape(c.problem)}[/]"
        # escape: hints such as "pip install 'hybridllm[openai]'" are not rich markup
        table.add_row(c.target, c.adapter, c.model, c.locality, status, escape(c.hint))
    Console().print(table)
    raise typer.Exit(0 if all(c.ok for c in checks) else 1)


@app.command()
def demo(
    max_tokens: Annotated[int, typer.Option(help="Tokens per answer.")] = 48,
) -> None:
    """Run the privacy-split demo on a real local model (see README)."""
    from hybridllm.demo import run_demo

    raise typer.Exit(run_demo(max_tokens=max_tokens))


def main() -> None:
    """Entry point of the ``hybridllm`` script."""
    from hybridllm.errors import HybridLLMError

    try:
        app()
    except HybridLLMError as exc:
        typer.echo(f"error: {type(exc).__name__}: {exc}", err=True)
        raise SystemExit(2) from None
