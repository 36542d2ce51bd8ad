"""Target cooldowns shared by every worker through Redis (``breakers_redis_url``).

A breaker in one process learns that a target is down only from its own failed calls; with
many workers each one hammers a failing provider until it learns. Here every failed call is
counted in Redis, and when ``cooldown_after`` failures have piled up (from any workers) the
target is marked open for ``cooldown_seconds``: every worker skips it at its next check (an
open mark is cached locally until it ends, a closed one for at most ``_CLOSED_CACHE`` seconds,
so a worker sees another's evidence within that time). A success anywhere clears the count
and the mark.

Redis down: the shared view is ignored and each process falls back to its own breaker (the
per-process state in :class:`~hybridllm.client.resilience.Breakers` is always kept), and every
call judged that way says so in its audit record (warning ``shared_breakers_unavailable``).
A breaker only ever *skips* a target; which targets a payload may reach is decided by the policy
before it, so an outage here can never send anything where the policy forbids it.

Keys: ``<prefix>:breaker:<target>:<h>:{fails,open}`` where ``<h>`` hashes the target's adapter,
model and base URL (two apps calling different endpoints "cloud" do not share a breaker).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import redis

    from hybridllm.config import TargetConfig

__all__ = ["RedisBreakerBackend", "shared_breakers"]

log = logging.getLogger("hybridllm")

_CLOSED_CACHE = 0.25  # seconds a "not open" answer is reused before asking Redis again
_RETRY_AFTER_ERROR = 1.0  # seconds the shared view is ignored after Redis failed
_FAIL_WINDOW_MS = 60_000  # failures older than this (with no new one) are forgotten

# KEYS: fails, open; ARGV: threshold, cooldown ms, window ms. Returns 1 when it opened.
_FAILED = """
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if n >= tonumber(ARGV[1]) then
  if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], '1', 'PX', ARGV[2]) end
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
"""


class RedisBreakerBackend:
    """The shared half of :class:`~hybridllm.client.resilience.Breakers` (see the module docstring).

    Args:
        client: a ``redis.Redis`` client.
        prefix: namespace of the key names.
    """

    def __init__(self, client: redis.Redis, *, prefix: str = "hybridllm") -> None:
        self._redis = client
        self._prefix = prefix
        self._failed_script = client.register_script(_FAILED)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, float]] = {}  # key -> (checked at, open until)
        self._cleared: dict[str, float] = {}  # key -> when a success last cleared it
        self._down_until = 0.0

    @classmethod
    def from_url(cls, url: str, *, prefix: str = "hybridllm") -> RedisBreakerBackend:
        """A backend on the Redis at ``url`` (short timeouts: an outage must not slow calls)."""
        from hybridllm.redaction.redis_store import redis_client

        return cls(redis_client(url), prefix=prefix)

    def __repr__(self) -> str:
        return f"RedisBreakerBackend(prefix={self._prefix!r})"

    def _key(self, name: str, target: TargetConfig) -> str:
        ident = f"{target.adapter}|{target.model}|{target.base_url or ''}".encode()
        return f"{self._prefix}:breaker:{name}:{hashlib.sha256(ident).hexdigest()[:12]}"

    def _usable(self) -> bool:
        return time.monotonic() >= self._down_until

    @property
    def available(self) -> bool:
        """False for a moment after Redis failed: then only per-process state decides."""
        return self._usable()

    def _lost(self, exc: BaseException) -> None:
        if self._usable():
            log.warning(
                "shared breakers unavailable (%s); using per-process state", type(exc).__name__
            )
        self._down_until = time.monotonic() + _RETRY_AFTER_ERROR

    def is_open(self, name: str, target: TargetConfig) -> bool:
        """Whether any worker's evidence has the target cooling down now."""
        from redis.exceptions import RedisError

        key = self._key(name, target)
        now = time.monotonic()
        with self._lock:
            checked, until = self._cache.get(key, (float("-inf"), 0.0))
        if now < until:
            return True
        if now - checked < _CLOSED_CACHE or not self._usable():
            return False
        try:
            ttl_ms = int(self._redis.pttl(key + ":open"))
        except RedisError as exc:
            self._lost(exc)
            return False
        until = now + ttl_ms / 1000 if ttl_ms > 0 else 0.0
        with self._lock:
            self._cache[key] = (now, until)
        return ttl_ms > 0

    def failed(self, name: str, target: TargetConfig) -> None:
        """Count a transient failure; open the target for everyone at the threshold."""
        from redis.exceptions import RedisError

        if not self._usable():
            return
        key = self._key(name, target)
        args = [target.cooldown_after, int(target.cooldown_seconds * 1000), _FAIL_WINDOW_MS]
        try:
            opened = self._failed_script(keys=[key + ":fails", key + ":open"], args=args)
        except RedisError as exc:
            self._lost(exc)
            return
        with self._lock:
            self._cleared.pop(key, None)  # the next success must clear this failure
            if opened and target.cooldown_seconds > 0:
                now = time.monotonic()
                self._cache[key] = (now, now + target.cooldown_seconds)

    def succeeded(self, name: str, target: TargetConfig) -> None:
        """A call went through: clear the count and any open mark."""
        from redis.exceptions import RedisError

        key = self._key(name, target)
        now = time.monotonic()
        with self._lock:
            self._cache.pop(key, None)
            if now - self._cleared.get(key, float("-inf")) < _CLOSED_CACHE:
                return  # cleared a moment ago: not one write per successful call
            self._cleared[key] = now
        if not self._usable():
            return
        try:
            self._redis.delete(key + ":fails", key + ":open")
        except RedisError as exc:
            self._lost(exc)


def shared_breakers(url: str | None) -> RedisBreakerBackend | None:
    """The shared backend for ``breakers_redis_url`` (None: per-process breakers only)."""
    return None if not url else RedisBreakerBackend.from_url(url)
