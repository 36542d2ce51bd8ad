"""In-process drop-ins for the ``openai`` SDK: ``hybridllm.OpenAI()`` / ``hybridllm.AsyncOpenAI()``.

Existing code keeps its calls and gets the ``openai`` package's own types back::

    client = hybridllm.OpenAI()            # was: openai.OpenAI()
    r = client.chat.completions.create(model="auto", messages=[...])
    r.choices[0].message.content           # a openai.types.chat.ChatCompletion

Each call runs the hybridllm flow in process (classify -> decide -> redact -> call -> restore ->
audit); nothing goes through an HTTP gateway. The request is read by the same code as the
gateway's (:mod:`hybridllm.compat._wire`), so both accept exactly the same parameters. A call the
policy blocks raises :class:`hybridllm.BlockedError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from hybridllm.adapters.base import import_sdk
from hybridllm.client.clients import AsyncClient, Client
from hybridllm.client.results import AsyncCompletionStream, CompletionStream
from hybridllm.compat import _wire as wire
from hybridllm.compat._scopes import ConversationCache
from hybridllm.errors import BlockedError
from hybridllm.models import Completion

if TYPE_CHECKING:
    from openai.types import CreateEmbeddingResponse
    from openai.types.chat import ChatCompletion, ChatCompletionChunk

__all__ = ["AsyncOpenAI", "OpenAI"]

_CONVERSATION_HEADER = "x-hybridllm-conversation"
_APP = "in-process"


def _types() -> Any:
    return import_sdk("openai.types", "openai")


def _body(params: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The request body (``extra_body`` merged in) and a conversation name from the headers."""
    body = {k: v for k, v in params.items() if k not in ("extra_headers", "extra_body", "timeout")}
    body.update(params.get("extra_body") or {})
    headers = params.get("extra_headers") or {}
    return body, headers.get(_CONVERSATION_HEADER)


def _checked(c: Completion | Any) -> Completion:
    assert isinstance(c, Completion)
    if c.route == "blocked":
        raise BlockedError(f"blocked by policy: {c.decision.reason}")
    return c


def _chat_completion(c: Completion, call: wire.ChatCall) -> ChatCompletion:
    return _types().chat.ChatCompletion.model_validate(  # type: ignore[no-any-return]
        wire.completion_dict(c, model=call.model, stop=call.stop)
    )


def _chunk(payload: dict[str, Any]) -> ChatCompletionChunk:
    return _types().chat.ChatCompletionChunk.model_validate(payload)  # type: ignore[no-any-return]


def _replayed(c: Completion, call: wire.ChatCall) -> list[ChatCompletionChunk]:
    # with tools, arguments are restored whole: the call was not streamed, its result is replayed
    return [_chunk(x) for x in wire.ChunkMaker(call.model).whole(c, call.stop)]


class _Base:
    """What both drop-ins share: the client, conversations, and request reading."""

    def __init__(self, client: Any, owns: bool, any_model: bool) -> None:
        self.client = client
        self._owns = owns
        self._any_model = any_model
        self._conversations = ConversationCache(client)

    def _prepare(self, params: Mapping[str, Any]) -> tuple[wire.ChatCall, dict[str, Any]]:
        body, conv_name = _body(params)
        call = wire.parse_chat(body)
        target = wire.resolve_model(self.client.settings, call.model, any_model=self._any_model)
        kwargs = {
            **call.options,
            "target": target,
            "caller": "compat:openai",
            "conversation": self._conversations.get(_APP, conv_name or call.user),
        }
        return call, kwargs

    def _embed_args(self, params: Mapping[str, Any]) -> tuple[wire.EmbedCall, str | None]:
        body, _ = _body(params)
        call = wire.parse_embeddings(body)
        spaces = self.client.settings.spaces
        if call.model == wire.AUTO or (self._any_model and call.model not in spaces):
            return call, None
        if call.model not in spaces:
            from hybridllm.errors import InputError

            raise InputError(f"unknown embedding model '{call.model}'; use 'auto' or a space")
        return call, call.model


class _SyncChunks:
    """The chunks of a streamed completion (iterable; ``close()`` ends it early)."""

    def __init__(self, it: Iterator[ChatCompletionChunk]) -> None:
        self._it = it

    def __iter__(self) -> Iterator[ChatCompletionChunk]:
        return self._it

    def __next__(self) -> ChatCompletionChunk:
        return next(self._it)

    def close(self) -> None:
        """Stop reading (the call is audited as cut short)."""
        close = getattr(self._it, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> _SyncChunks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sync_chunks(stream: CompletionStream, call: wire.ChatCall) -> Iterator[ChatCompletionChunk]:
    chunks = wire.ChunkStream(call)
    it = iter(stream)
    try:
        yield _chunk(chunks.start())
        for text in it:
            yield from (_chunk(x) for x in chunks.feed(text))
        yield from (_chunk(x) for x in chunks.end(stream.completion))
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()  # a stream left early is audited as cut short


class OpenAI(_Base):
    """``openai.OpenAI``'s ``chat.completions`` and ``embeddings``, over a :class:`Client`.

    Args:
        client: the client to use (default: a new ``Client(config, **settings)``, closed by
            :meth:`close`).
        config: a ``hybridllm.toml`` for the new client.
        any_model: treat unknown model names as ``auto`` (model names are ``auto`` or a
            configured target; for embeddings, ``auto`` or a space).
        **settings: settings for the new client.
    """

    def __init__(
        self,
        client: Client | None = None,
        *,
        config: str | None = None,
        any_model: bool = False,
        **settings: Any,
    ) -> None:
        super().__init__(client or Client(config, **settings), client is None, any_model)
        self.chat = _Namespace(completions=_Namespace(create=self._create_chat))
        self.embeddings = _Namespace(create=self._create_embeddings)

    def _create_chat(self, **params: Any) -> ChatCompletion | _SyncChunks:
        call, kwargs = self._prepare(params)
        if call.stream and not call.options.get("tools"):
            stream = self.client.complete(call.messages, stream=True, **kwargs)
            if stream.completion is not None:
                _checked(stream.completion)
            return _SyncChunks(_sync_chunks(stream, call))
        c = _checked(self.client.complete(call.messages, **kwargs))
        return _SyncChunks(iter(_replayed(c, call))) if call.stream else _chat_completion(c, call)

    def _create_embeddings(self, **params: Any) -> CreateEmbeddingResponse:
        call, space = self._embed_args(params)
        result = self.client.embed(call.texts, space=space, caller="compat:openai")
        return _types().CreateEmbeddingResponse.model_validate(  # type: ignore[no-any-return]
            wire.embeddings_dict(result)
        )

    def close(self) -> None:
        """Close the client if this object created it."""
        if self._owns:
            self.client.close()

    def __enter__(self) -> OpenAI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncOpenAI(_Base):
    """``openai.AsyncOpenAI``'s ``chat.completions`` and ``embeddings``, over an
    :class:`AsyncClient` (same arguments as :class:`OpenAI`)."""

    def __init__(
        self,
        client: AsyncClient | None = None,
        *,
        config: str | None = None,
        any_model: bool = False,
        **settings: Any,
    ) -> None:
        super().__init__(client or AsyncClient(config, **settings), client is None, any_model)
        self.chat = _Namespace(completions=_Namespace(create=self._create_chat))
        self.embeddings = _Namespace(create=self._create_embeddings)

    async def _create_chat(self, **params: Any) -> ChatCompletion | AsyncIterator[Any]:
        call, kwargs = self._prepare(params)
        if call.stream and not call.options.get("tools"):
            stream = await self.client.complete(call.messages, stream=True, **kwargs)
            assert isinstance(stream, AsyncCompletionStream)
            if stream.completion is not None:
                _checked(stream.completion)
            return _async_chunks(stream, call)
        c = _checked(await self.client.complete(call.messages, **kwargs))
        return _async_replay(_replayed(c, call)) if call.stream else _chat_completion(c, call)

    async def _create_embeddings(self, **params: Any) -> CreateEmbeddingResponse:
        call, space = self._embed_args(params)
        result = await self.client.embed(call.texts, space=space, caller="compat:openai")
        return _types().CreateEmbeddingResponse.model_validate(  # type: ignore[no-any-return]
            wire.embeddings_dict(result)
        )

    async def close(self) -> None:
        """Close the client if this object created it."""
        if self._owns:
            await self.client.aclose()

    async def __aenter__(self) -> AsyncOpenAI:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def _async_replay(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item


async def _async_chunks(stream: AsyncCompletionStream, call: wire.ChatCall) -> AsyncIterator[Any]:
    chunks = wire.ChunkStream(call)
    it = stream.__aiter__()
    try:
        yield _chunk(chunks.start())
        async for text in it:
            for x in chunks.feed(text):
                yield _chunk(x)
        for x in chunks.end(stream.completion):
            yield _chunk(x)
    finally:
        aclose = getattr(it, "aclose", None)
        if aclose is not None:
            await aclose()


class _Namespace:
    """``client.chat.completions.create``-style attribute paths."""

    def __init__(self, **members: Any) -> None:
        self.__dict__.update(members)
