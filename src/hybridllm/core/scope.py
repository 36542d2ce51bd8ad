"""Policy scopes: ``with hybridllm.policy(...)`` / ``@hybridllm.policy(...)``.

A scope is a contextvar, so it is thread- and async-safe and nests: inner scopes win per key,
category assumptions accumulate. Every call inside runs under the merged overrides and is
tagged with the innermost scope name in the audit log.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar, cast, get_args

from hybridllm.errors import ConfigError
from hybridllm.models import Action, Category

__all__ = ["PolicyScope", "app_scope", "current_app", "current_scope", "policy"]

P = ParamSpec("P")
R = TypeVar("R")
_ACTIONS = frozenset(get_args(Action))
_CATEGORIES = frozenset(get_args(Category))


@dataclass(frozen=True)
class PolicyScope:
    """The merged overrides in effect."""

    name: str = ""
    actions: dict[Category, Action] = field(default_factory=dict)
    assume: frozenset[Category] = frozenset()
    target: str | None = None


_current: ContextVar[PolicyScope | None] = ContextVar("hybridllm_policy_scope", default=None)


def current_scope() -> PolicyScope | None:
    """The policy scope in effect in this context, if any."""
    return _current.get()


_app: ContextVar[str | None] = ContextVar("hybridllm_app", default=None)


def current_app() -> str | None:
    """The application name set by :func:`app_scope` in this context, if any."""
    return _app.get()


@contextmanager
def app_scope(name: str) -> Iterator[None]:
    """Calls inside are recorded in the audit under application ``name`` (instead of the
    configured ``app_name``): the gateway sets it to the app that owns the caller's API key."""
    token = _app.set(name)
    try:
        yield
    finally:
        _app.reset(token)


class policy:  # noqa: N801 - used like a function: @hybridllm.policy(...) / with hybridllm.policy(...)
    """A policy scope, as a decorator (sync or async functions) or a context manager.

    Args:
        name: tag for the audit log (default: the decorated function's qualified name).
        assume: categories every payload in the scope is treated as containing, found or not
            (e.g. ``assume="PHI"``: "everything here is PHI"). An assumed category whose action
            is ``redact`` is kept local instead, since there is no span to redact.
        target: force a target for calls in the scope (the policy still applies to it).
        **actions: per-category actions, e.g. ``PII="local"``.

    Example:
        >>> @hybridllm.policy(assume="PHI")                      # doctest: +SKIP
        ... def summarize_chart(note: str) -> str:
        ...     return hybridllm.complete(note).text
    """

    def __init__(
        self,
        name: str | None = None,
        *,
        assume: str | Iterable[str] = (),
        target: str | None = None,
        **actions: str,
    ) -> None:
        assumed = {assume} if isinstance(assume, str) else set(assume)
        for cat in assumed | set(actions):
            if cat not in _CATEGORIES:
                raise ConfigError(
                    "unknown category in policy scope", key=cat, expected="PII, PHI or SECRET"
                )
        for cat, act in actions.items():
            if act not in _ACTIONS:
                raise ConfigError(
                    "unknown action in policy scope", key=cat, expected=", ".join(sorted(_ACTIONS))
                )
        self._name = name
        self._assume = frozenset(cast(Category, c) for c in assumed)
        self._actions = {cast(Category, c): cast(Action, a) for c, a in actions.items()}
        self._target = target
        self._stack: list[Any] = []

    @contextmanager
    def scoped(self, default_name: str = "") -> Iterator[PolicyScope]:
        """A fresh context manager entering this scope (safe to use concurrently)."""
        outer = _current.get() or PolicyScope()
        scope = PolicyScope(
            name=self._name or default_name or outer.name,
            actions={**outer.actions, **self._actions},
            assume=outer.assume | self._assume,
            target=self._target or outer.target,
        )
        token = _current.set(scope)
        try:
            yield scope
        finally:
            _current.reset(token)

    def __enter__(self) -> PolicyScope:
        # One instance per `with` statement is the intended use; a stack keeps nesting of the
        # same instance correct. For concurrent use of one instance, use `scoped()`.
        cm = self.scoped()
        self._stack.append(cm)
        return cm.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._stack.pop().__exit__(None, None, None)

    def __call__(self, fn: Callable[P, R]) -> Callable[P, R]:
        name = f"{fn.__module__}.{fn.__qualname__}"
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def awrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                with self.scoped(name):
                    return await fn(*args, **kwargs)

            return cast(Callable[P, R], awrapper)

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with self.scoped(name):
                return fn(*args, **kwargs)

        return wrapper
