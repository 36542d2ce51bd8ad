"""The gateway's ASGI app (Starlette): OpenAI- and Anthropic-compatible endpoints over the flow.

Every request walks the same path as ``AsyncClient.complete`` / ``aembed`` (classify -> decide
-> redact -> call with fallback -> restore -> audit). There is no proxying: a path the gateway
does not implement is answered 404 with an OpenAI error body, so no endpoint is left unscanned.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Literal, cast

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hybridllm.client.clients import AsyncClient, Conversation
from hybridllm.client.results import AsyncCompletionStream
from hybridllm.compat import _wire as wire
from hybridllm.compat._scopes import ConversationCache
from hybridllm.core.scope import app_scope
from hybridllm.gateway import anthropic_wire as anth
from hybridllm.gateway.auth import KeyStore, bearer_token
from hybridllm.gateway.errors import GatewayError, error_body, from_exception
from hybridllm.gateway.sse import DONE, SSEResponse, anthropic_event, openai_event
from hybridllm.models import Completion

__all__ = ["CONVERSATION_HEADER", "Gateway", "create_app"]

log = logging.getLogger("hybridllm.gateway")

CONVERSATION_HEADER = "x-hybridllm-conversation"
Format = Literal["openai", "anthropic"]
Call = wire.ChatCall | anth.MessagesCall


def _headers(c: Completion | AsyncCompletionStream) -> dict[str, str]:
    out: dict[str, str] = {"x-hybridllm-route": c.route}
    if c.target:
        out["x-hybridllm-target"] = c.target
    if isinstance(c, Completion):
        out["x-hybridllm-audit-id"] = c.audit_id
    return out


def _blocked(c: Completion) -> GatewayError:
    return GatewayError(
        403,
        f"blocked by policy: {c.decision.reason}",
        "policy_blocked",
        "blocked_by_policy",
        headers=_headers(c),
    )


class Gateway:
    """The request handlers and their state (conversations), over one :class:`AsyncClient`.

    Args:
        client: the client every request goes through.
        keys: caller keys; None lets every request in as app ``anonymous`` (loopback use).
        max_body_bytes: larger request bodies are refused (413) before they are read whole.
        any_model: treat unknown model names as ``auto`` (for apps that hard-code a model).
        max_conversations: conversation scopes kept (least recently used dropped first).
        conversation_key: keys the conversation ids recorded in the audit (default: the
            audit key; see :class:`~hybridllm.compat._scopes.ConversationCache`).
    """

    def __init__(
        self,
        client: AsyncClient,
        *,
        keys: KeyStore | None = None,
        max_body_bytes: int = 4 * 1024 * 1024,
        any_model: bool = False,
        max_conversations: int = 10_000,
        conversation_key: bytes | None = None,
    ) -> None:
        self.client = client
        self.keys = keys
        self.max_body_bytes = max_body_bytes
        self.any_model = any_model
        self.conversations = ConversationCache(client, max_conversations, conversation_key)

    # -- request plumbing ---------------------------------------------------------------

    def authenticate(self, request: Request) -> str:
        """The app name of the caller's key (401 when keys are required and it is unknown)."""
        if self.keys is None:
            return "anonymous"
        token = bearer_token(request.headers.get("authorization"), request.headers.get("x-api-key"))
        app = self.keys.app_for(token)
        if app is None:
            raise GatewayError(401, "Incorrect API key provided", code="invalid_api_key")
        return app

    async def read_json(self, request: Request) -> dict[str, Any]:
        """The JSON object body, read up to ``max_body_bytes`` (413 beyond)."""
        too_big = GatewayError(
            413, f"request body larger than {self.max_body_bytes} bytes", code="request_too_large"
        )
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            raise too_big
        body = bytearray()
        async for part in request.stream():
            body += part
            if len(body) > self.max_body_bytes:
                raise too_big
        try:
            data = json.loads(body)
        except ValueError:
            raise GatewayError(400, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise GatewayError(400, "the body must be a JSON object")
        return data

    def conversation(self, app: str, request: Request, user: str | None) -> Conversation | None:
        """The conversation scope named by the header (or the ``user`` field), per app."""
        return self.conversations.get(app, request.headers.get(CONVERSATION_HEADER) or user)

    # -- endpoints ----------------------------------------------------------------------

    async def chat_completions(self, request: Request) -> Response:
        """``POST /v1/chat/completions``."""
        return await self._guarded(request, "openai", self._chat)

    async def messages(self, request: Request) -> Response:
        """``POST /v1/messages`` (Anthropic's Messages API)."""
        return await self._guarded(request, "anthropic", self._chat)

    async def embeddings(self, request: Request) -> Response:
        """``POST /v1/embeddings``."""
        return await self._guarded(request, "openai", self._embed)

    async def models(self, request: Request) -> Response:
        """``GET /v1/models``: ``auto``, the targets and the embedding spaces."""
        return await self._guarded(request, "openai", self._models)

    async def model(self, request: Request) -> Response:
        """``GET /v1/models/{model}``."""
        return await self._guarded(request, "openai", self._models)

    async def _guarded(
        self,
        request: Request,
        fmt: Format,
        handler: Callable[[Request, str, Format], Awaitable[Response]],
    ) -> Response:
        try:
            app = self.authenticate(request)
            with app_scope(app):
                return await handler(request, app, fmt)
        except Exception as exc:
            err = from_exception(exc)
            return JSONResponse(
                error_body(err, anthropic=fmt == "anthropic"), err.status, headers=err.headers
            )

    async def _models(self, request: Request, app: str, fmt: Format) -> Response:
        rows = wire.model_list(self.client.settings)
        wanted = request.path_params.get("model")
        if wanted is None:
            return JSONResponse({"object": "list", "data": rows})
        for row in rows:
            if row["id"] == wanted:
                return JSONResponse(row)
        raise GatewayError(404, f"The model '{wanted}' does not exist", code="model_not_found")

    async def _embed(self, request: Request, app: str, fmt: Format) -> Response:
        call = wire.parse_embeddings(await self.read_json(request))
        spaces = self.client.settings.spaces
        if call.model == wire.AUTO or (self.any_model and call.model not in spaces):
            space = None
        elif call.model in spaces:
            space = call.model
        else:
            raise GatewayError(
                404,
                f"The model '{call.model}' does not exist; use 'auto' or one of {sorted(spaces)}",
                code="model_not_found",
                param="model",
            )
        result = await self.client.aembed(call.texts, space=space, caller="gateway:embeddings")
        headers = {"x-hybridllm-route": result.route, "x-hybridllm-audit-id": result.audit_id}
        if result.target:
            headers["x-hybridllm-target"] = result.target
        return JSONResponse(wire.embeddings_dict(result, call.encoding_format), headers=headers)

    async def _chat(self, request: Request, app: str, fmt: Format) -> Response:
        body = await self.read_json(request)
        call: Call = wire.parse_chat(body) if fmt == "openai" else anth.parse_messages(body)
        target = wire.resolve_model(self.client.settings, call.model, any_model=self.any_model)
        conv = self.conversation(app, request, call.user)
        caller = "gateway:chat.completions" if fmt == "openai" else "gateway:messages"
        kwargs = {**call.options, "target": target, "caller": caller, "conversation": conv}
        if call.stream and not call.options.get("tools"):
            stream = await self.client.acomplete(call.messages, stream=True, **kwargs)
            assert isinstance(stream, AsyncCompletionStream)
            if stream.completion is not None and stream.completion.route == "blocked":
                raise _blocked(stream.completion)
            pump = self._openai_stream if fmt == "openai" else self._anthropic_stream
            return SSEResponse(pump(stream, call), _headers(stream))
        c = await self.client.acomplete(call.messages, **kwargs)
        assert isinstance(c, Completion)
        if c.route == "blocked":
            raise _blocked(c)
        if call.stream:  # tools: arguments are restored whole, so the call was not streamed
            if fmt == "openai":
                events = [openai_event(e) for e in wire.ChunkMaker(call.model).whole(c, call.stop)]
                events.append(DONE)
            else:
                ev = anth.stream_events(call.model).whole(c, call.stop)
                events = [anthropic_event(e) for e in ev]
            return SSEResponse(_replay(events), _headers(c))
        if fmt == "openai":
            return JSONResponse(
                wire.completion_dict(c, model=call.model, stop=call.stop), headers=_headers(c)
            )
        return JSONResponse(
            anth.message_dict(c, model=call.model, stop=call.stop), headers=_headers(c)
        )

    async def _openai_stream(
        self, stream: AsyncCompletionStream, call: Call
    ) -> AsyncGenerator[bytes, None]:
        assert isinstance(call, wire.ChatCall)
        chunks = wire.ChunkStream(call)
        it = stream.__aiter__()
        try:
            yield openai_event(chunks.start())
            try:
                async for text in it:
                    for chunk in chunks.feed(text):
                        yield openai_event(chunk)
            except Exception as exc:  # the upstream broke after the first token
                yield openai_event(error_body(from_exception(exc)))
                return
            for chunk in chunks.end(stream.completion):
                yield openai_event(chunk)
            yield DONE
        finally:
            await _close(it)

    async def _anthropic_stream(
        self, stream: AsyncCompletionStream, call: Call
    ) -> AsyncGenerator[bytes, None]:
        events = anth.stream_events(call.model)
        scanner = wire.StopScanner(call.stop)
        it = stream.__aiter__()
        try:
            for e in events.start():
                yield anthropic_event(e)
            try:
                async for text in it:
                    if out := scanner.feed(text):
                        yield anthropic_event(events.text(out))
            except Exception as exc:
                yield anthropic_event(error_body(from_exception(exc), anthropic=True))
                return
            if tail := scanner.flush():
                yield anthropic_event(events.text(tail))
            for e in events.end(stream.completion, stopped=scanner.stopped):
                yield anthropic_event(e)
        finally:
            await _close(it)


async def _replay(events: list[bytes]) -> AsyncIterator[bytes]:
    for event in events:
        yield event


async def _close(it: AsyncIterator[str]) -> None:
    # Closing the client's stream closes the upstream stream and writes the audit record (an
    # error record when it was cut short). Shielded: this runs while a disconnect cancels us.
    aclose = getattr(it, "aclose", None)
    if aclose is not None:
        with anyio.CancelScope(shield=True):
            await cast(Callable[[], Awaitable[None]], aclose)()


def _not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    message = f"Invalid URL ({request.method} {request.url.path})"
    if status == 405:
        message = f"Method not allowed ({request.method} {request.url.path})"
    err = GatewayError(status, message, code="unknown_url" if status == 404 else None)
    body = error_body(err, anthropic=request.url.path.startswith("/v1/messages"))
    return JSONResponse(body, status)


def create_app(
    client: AsyncClient,
    *,
    keys: KeyStore | None = None,
    close_client: bool = False,
    warm_up: bool = True,
    **options: Any,
) -> Starlette:
    """The gateway as an ASGI app (serve it with uvicorn, or mount it in your own app).

    Args:
        client: the :class:`~hybridllm.AsyncClient` every request goes through.
        keys: caller keys (see :class:`~hybridllm.gateway.auth.KeyStore`); None: no auth.
        close_client: close ``client`` when the app shuts down.
        warm_up: load the classifier and open the audit log at start-up.
        **options: see :class:`Gateway` (``max_body_bytes``, ``any_model``, ...).
    """
    gw = Gateway(client, keys=keys, **options)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm_up:
            await anyio.to_thread.run_sync(client.warm_up)
        try:
            yield
        finally:
            if close_client:
                await client.aclose()

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes = [
        Route("/v1/chat/completions", gw.chat_completions, methods=["POST"]),
        Route("/v1/embeddings", gw.embeddings, methods=["POST"]),
        Route("/v1/messages", gw.messages, methods=["POST"]),
        Route("/v1/models", gw.models, methods=["GET"]),
        Route("/v1/models/{model:path}", gw.model, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _not_found},
    )
    app.state.gateway = gw
    return app
