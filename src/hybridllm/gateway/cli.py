"""``hybridllm serve`` and ``hybridllm gateway-keys`` (typer; the gateway loads on use)."""

# No `from __future__ import annotations`: typer reads the annotations at runtime.

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["keys_app", "serve"]

KEYS_HELP = "Keys file (hashed caller keys; see `hybridllm gateway-keys add`)."
keys_app = typer.Typer(
    help="Manage the API keys of apps calling the gateway.", no_args_is_help=True
)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    *,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    config: Annotated[Path | None, typer.Option(help="hybridllm.toml to read.")] = None,
    keys: Annotated[
        Path | None, typer.Option(help=KEYS_HELP, envvar="HYBRIDLLM_GATEWAY_KEYS")
    ] = None,
    no_auth: Annotated[
        bool, typer.Option("--no-auth", help="Accept callers without a key (loopback only).")
    ] = False,
    max_body_bytes: Annotated[int, typer.Option(help="Largest request body accepted.")] = 4
    * 1024
    * 1024,
    any_model: Annotated[
        bool, typer.Option("--any-model", help="Treat unknown model names as 'auto'.")
    ] = False,
    access_log: Annotated[bool, typer.Option(help="Log each request line.")] = False,
) -> None:
    """Serve the OpenAI/Anthropic-compatible gateway: point existing apps' base_url here."""
    from hybridllm.client.clients import AsyncClient
    from hybridllm.gateway.app import create_app
    from hybridllm.gateway.auth import KeyStore
    from hybridllm.gateway.server import uvicorn_module

    if keys is None and not no_auth:
        typer.echo(
            "error: give --keys FILE (see `hybridllm gateway-keys add`) or --no-auth", err=True
        )
        raise typer.Exit(2)
    if no_auth and not _loopback(host):
        typer.echo("error: --no-auth is only allowed on a loopback address", err=True)
        raise typer.Exit(2)
    store = KeyStore(keys) if keys is not None else None
    if store is not None and not len(store):
        typer.echo(f"error: no keys in {keys}; add one with `hybridllm gateway-keys add`", err=True)
        raise typer.Exit(2)
    client = AsyncClient(config)
    app = create_app(
        client, keys=store, close_client=True, max_body_bytes=max_body_bytes, any_model=any_model
    )
    uvicorn = uvicorn_module()
    typer.echo(f"hybridllm gateway on http://{host}:{port}/v1 (OpenAI and Anthropic APIs)")
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info")


@keys_app.command("add")
def keys_add(
    app: Annotated[str, typer.Argument(help="Name of the calling application (audited).")],
    keys: Annotated[Path, typer.Option(help=KEYS_HELP, envvar="HYBRIDLLM_GATEWAY_KEYS")],
) -> None:
    """Create a key for APP; it is printed once, only its hash is stored."""
    from hybridllm.gateway.auth import KeyStore

    typer.echo(KeyStore(keys).add(app))


@keys_app.command("list")
def keys_list(
    keys: Annotated[Path, typer.Option(help=KEYS_HELP, envvar="HYBRIDLLM_GATEWAY_KEYS")],
) -> None:
    """List the apps that hold keys (never the keys)."""
    from hybridllm.gateway.auth import KeyStore

    for app in KeyStore(keys).apps():
        typer.echo(app)


@keys_app.command("revoke")
def keys_revoke(
    app: Annotated[str, typer.Argument(help="Application whose keys are removed.")],
    keys: Annotated[Path, typer.Option(help=KEYS_HELP, envvar="HYBRIDLLM_GATEWAY_KEYS")],
) -> None:
    """Remove every key of APP."""
    from hybridllm.gateway.auth import KeyStore

    typer.echo(f"revoked {KeyStore(keys).revoke(app)} key(s) of {app}")
