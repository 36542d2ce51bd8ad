"""Server-sent events: OpenAI's framing (``data: {json}\\n\\n`` ... ``data: [DONE]\\n\\n``) and
Anthropic's (``event: name\\ndata: {json}\\n\\n``), and an ASGI response that always closes its
event source, so that a client hanging up mid-stream still leaves a complete audit record.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import anyio
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from hybridllm.compat._wire import dumps

__all__ = ["DONE", "SSEResponse", "anthropic_event", "openai_event"]

DONE = b"data: [DONE]\n\n"


def openai_event(payload: Any) -> bytes:
    """One OpenAI stream event."""
    return f"data: {dumps(payload)}\n\n".encode()


def anthropic_event(payload: Mapping[str, Any]) -> bytes:
    """One Anthropic stream event (the event name is the payload's ``type``)."""
    return f"event: {payload['type']}\ndata: {dumps(payload)}\n\n".encode()


class SSEResponse(Response):
    """Stream ``events`` as ``text/event-stream``; stop reading them when the client leaves.

    Starlette's ``StreamingResponse`` notices a disconnect only on the next failed write (ASGI
    2.4), and may leave the source unclosed. Here a watcher cancels the pump as soon as the
    client disconnects, and the source is closed in a shielded scope either way: closing it
    closes the upstream stream and writes the call's audit record.
    """

    def __init__(  # Response.__init__ is replaced, not extended
        self, events: AsyncIterator[bytes], headers: Mapping[str, str]
    ) -> None:
        self.events = events
        self.extra_headers = dict(headers)
        self.background = None
        self.disconnected = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the head, then every event; close the source whatever happens."""
        raw = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"x-accel-buffering", b"no"),
        ]
        raw += [
            (k.lower().encode("latin-1"), v.encode("latin-1"))
            for k, v in self.extra_headers.items()
        ]
        try:
            async with anyio.create_task_group() as tg:

                async def watch() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    self.disconnected = True
                    tg.cancel_scope.cancel()

                tg.start_soon(watch)
                await send({"type": "http.response.start", "status": 200, "headers": raw})
                async for event in self.events:
                    await send({"type": "http.response.body", "body": event, "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                tg.cancel_scope.cancel()
        except OSError:
            self.disconnected = True
        finally:
            aclose = getattr(self.events, "aclose", None)
            if aclose is not None:
                with anyio.CancelScope(shield=True):
                    await aclose()
