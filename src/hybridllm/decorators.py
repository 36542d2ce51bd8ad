"""``@hybridllm.task``: a function that returns a prompt becomes a private LLM call.

The return annotation decides the result: ``str`` gives the reply text; a pydantic model gives a
validated instance (JSON-schema constrained output where the target supports it, plus the
schema in the instructions, plus one repair round if validation still fails).
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast, get_type_hints

from pydantic import BaseModel, ValidationError

from hybridllm.core.scope import policy as policy_scope
from hybridllm.errors import HybridLLMError

if TYPE_CHECKING:
    from hybridllm.client.base import BaseClient
    from hybridllm.models import Completion

__all__ = ["TaskOutputError", "task"]

P = ParamSpec("P")
R = TypeVar("R")
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class TaskOutputError(HybridLLMError):
    """The model's reply did not validate against the task's return type, even after a repair."""


def _schema_instructions(model: type[BaseModel]) -> str:
    schema = json.dumps(model.model_json_schema(), separators=(",", ":"))
    return f"\n\nReply with only one JSON object that matches this JSON schema:\n{schema}"


def _parse(model: type[BaseModel], text: str) -> BaseModel:
    match = _JSON_OBJECT.search(text)
    return model.model_validate_json(match.group(0) if match else text)


def _explain(exc: ValidationError) -> str:
    # include_input=False: the model's output may contain restored sensitive values
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
        for e in exc.errors(include_input=False, include_url=False)
    )


def _messages(prompt: Any, suffix: str) -> list[dict[str, str]]:
    if isinstance(prompt, str):
        return [{"role": "user", "content": prompt + suffix}]
    msgs = [dict(m) for m in prompt]
    if suffix and msgs:
        msgs[-1]["content"] = str(msgs[-1]["content"]) + suffix
    return msgs


def _repair(msgs: list[dict[str, str]], reply: str, exc: ValidationError) -> list[dict[str, str]]:
    return [
        *msgs,
        {"role": "assistant", "content": reply},
        {
            "role": "user",
            "content": "That reply did not match the schema ("
            + _explain(exc)
            + "). Reply with only the corrected JSON object.",
        },
    ]


def task(
    fn: Callable[P, Any] | None = None,
    *,
    client: BaseClient | None = None,
    target: str | None = None,
    max_tokens: int | None = None,
    temperature: float | None = None,
    assume: str | tuple[str, ...] = (),
    **policy_actions: str,
) -> Any:
    """Turn a function returning a prompt (str or messages) into an LLM call.

    Args:
        fn: the function (when used as ``@task`` without parentheses).
        client: the client to use (default: the module-level default client).
        target: force a target for this function's calls.
        max_tokens: cap on generated tokens.
        temperature: sampling temperature.
        assume: categories the payload is treated as containing (see :class:`hybridllm.policy`).
        **policy_actions: per-category overrides, e.g. ``PII="local"``.

    The function's qualified name is recorded as the caller in the audit log.

    Example:
        >>> class Triage(BaseModel):                                  # doctest: +SKIP
        ...     urgent: bool
        >>> @hybridllm.task(PHI="local")                              # doctest: +SKIP
        ... def triage(note: str) -> Triage:
        ...     return f"Is this urgent? {note}"
    """

    def decorate(func: Callable[P, Any]) -> Callable[P, Any]:
        name = f"{func.__module__}.{func.__qualname__}"
        hints = get_type_hints(func)
        returns = hints.get("return", str)
        model = returns if isinstance(returns, type) and issubclass(returns, BaseModel) else None
        scope = policy_scope(name, assume=assume, target=target, **policy_actions)
        kwargs: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
        if model is not None:
            kwargs["json_schema"] = model.model_json_schema()
        suffix = _schema_instructions(model) if model is not None else ""

        def _client() -> BaseClient:
            if client is not None:
                return client
            from hybridllm.client.default import default_client

            return default_client()

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def arun(*args: P.args, **kw: P.kwargs) -> Any:
                msgs = _messages(await func(*args, **kw), suffix)
                with scope.scoped(name):
                    c = _client()
                    first = cast("Completion", await c.acomplete(msgs, **kwargs))
                    if model is None:
                        return first.text
                    try:
                        return _parse(model, first.text)
                    except ValidationError as exc:
                        retry = _repair(msgs, first.text, exc)
                        second = cast("Completion", await c.acomplete(retry, **kwargs))
                return _finish(model, second.text)

            return arun

        @functools.wraps(func)
        def run(*args: P.args, **kw: P.kwargs) -> Any:
            msgs = _messages(func(*args, **kw), suffix)
            with scope.scoped(name):
                c = _client()
                complete = cast("Callable[..., Completion]", c.complete)  # type: ignore[attr-defined]
                first = complete(msgs, **kwargs)
                if model is None:
                    return first.text
                try:
                    return _parse(model, first.text)
                except ValidationError as exc:
                    second = complete(_repair(msgs, first.text, exc), **kwargs)
            return _finish(model, second.text)

        return run

    return decorate(fn) if fn is not None else decorate


def _finish(model: type[BaseModel], text: str) -> BaseModel:
    try:
        return _parse(model, text)
    except ValidationError as exc:
        raise TaskOutputError(
            f"reply did not match {model.__name__} after one repair: {_explain(exc)}"
        ) from None
