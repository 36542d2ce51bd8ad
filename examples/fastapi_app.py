"""A FastAPI endpoint that answers through hybridllm (``AsyncClient``: ``acomplete``).

One client per application, opened (and warmed up) in the lifespan and closed on shutdown;
every request is classified, routed, redacted, restored and audited like any other call. A call
the policy blocks becomes HTTP 403 with the reason (which names entity types, never values).

Run it (with uvicorn installed)::

    HYBRIDLLM_CONFIG=examples/hybridllm.example.toml uvicorn examples.fastapi_app:app
    curl -s localhost:8000/complete -H 'content-type: application/json' \\
        -d '{"prompt": "Draft a reply to carla@example.com about her refund."}'
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

import hybridllm


class CompleteRequest(BaseModel):
    prompt: str = Field(min_length=1, max_length=20_000)
    max_tokens: int | None = Field(default=None, gt=0, le=2048)


class CompleteResponse(BaseModel):
    text: str
    route: str
    target: str | None
    reason: str
    redacted_count: int
    audit_id: str


def create_app(config: str | None = None) -> FastAPI:
    """Build the app; ``config`` defaults to ``$HYBRIDLLM_CONFIG`` / ./hybridllm.toml."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with hybridllm.AsyncClient(config) as client:
            # Load the classifier's NER model, the SDKs and the audit log before serving, so
            # the first request does not pay for them (~1.5 s).
            await asyncio.to_thread(client.warm_up)
            app.state.llm = client
            yield

    app = FastAPI(title="hybridllm example", lifespan=lifespan)

    @app.post("/complete")
    async def complete(body: CompleteRequest, request: Request) -> CompleteResponse:
        client: hybridllm.AsyncClient = request.app.state.llm
        try:
            r = await client.complete(
                body.prompt, max_tokens=body.max_tokens, caller="fastapi_app.complete"
            )
        except hybridllm.NoTargetAvailableError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
        except hybridllm.InputError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        if r.route == "blocked":
            raise HTTPException(status_code=403, detail=r.decision.reason)
        return CompleteResponse(
            text=r.text,
            route=r.route,
            target=r.target,
            reason=r.decision.reason,
            redacted_count=r.redacted_count,
            audit_id=r.audit_id,
        )

    return app


app = create_app()
