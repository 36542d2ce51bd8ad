"""The shared vault store on Redis: one conversation, any worker, any machine.

``[redaction] store = "redis"`` keeps each conversation's placeholder map in Redis, so a turn
that lands on another worker (gunicorn, Kubernetes replicas, gateways behind a balancer) sees
the placeholders the earlier turns minted, and mints on without clashing.

What Redis holds, and nothing else:

- ``<prefix>:vault:<h>``: a hash with ``b`` (the scope's entries, AES-256-GCM encrypted with the
  application key, the conversation id bound in as associated data) and ``e`` (a random etag
  that changes on every write). ``<h>`` is an HMAC of the conversation id under a key derived
  from the application key: key names reveal neither ids nor values.
- ``<prefix>:vault:<h>:lock``: a random lock token while one worker mints.

Minting is atomic across processes: a redaction batch holds the scope's lock (redis-py's
``Lock``: ``SET NX PX``), reloads the map, mints, and writes it back with a Lua script that
writes only if the lock is still this worker's. A worker whose lock expired mid-batch (a long
pause) therefore cannot overwrite newer entries: its batch fails and its local copy is dropped.
The data key expires ``conversation_ttl_seconds`` after its last write;
:func:`hybridllm.redaction.forget` deletes it at once, and every worker drops its in-memory
copy at its next batch.

Redis down: minting raises :class:`~hybridllm.errors.VaultUnavailableError` before anything is
redacted, so the remote hop is skipped (fail closed, audited); restoring a token the local
copy does not know simply leaves it unrestored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hybridllm.errors import ConfigError, MissingDependencyError, VaultUnavailableError
from hybridllm.redaction.config import RedactionConfig

if TYPE_CHECKING:
    import redis

    from hybridllm.redaction.vault import Vault

__all__ = ["RedisVaultStore", "redis_client"]

_AAD_PREFIX = b"hybridllm-vault-redis-v1\x00"
_LOCK_TIMEOUT = 10.0  # seconds a mint batch may hold a scope (a batch takes milliseconds)
_LOCK_WAIT = 5.0  # seconds a worker waits for another's batch before failing closed

# Write the entries only while the lock is still ours (KEYS: lock, data; ARGV: token, blob,
# etag, ttl in ms or 0).
_SAVE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'b', ARGV[2], 'e', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return 1
"""

_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def redis_client(url: str) -> redis.Redis:
    """One connection pool per URL per process (a store per conversation is cheap)."""
    with _clients_lock:
        found = _clients.get(url)
        if found is None:
            try:
                import redis
                from redis.backoff import ExponentialBackoff
                from redis.retry import Retry
            except ImportError as exc:
                raise MissingDependencyError(
                    "store = 'redis' needs the redis client: pip install 'hybridllm[redis]'"
                ) from exc
            found = redis.Redis.from_url(
                url,
                socket_timeout=1.0,
                socket_connect_timeout=1.0,
                # one quick retry: an outage must fail the batch fast, not hang the call
                retry=Retry(ExponentialBackoff(cap=0.05, base=0.01), 1),
            )
            _clients[url] = found
        return found


class RedisVaultStore:
    """One conversation's encrypted vault in Redis (see the module docstring).

    Args:
        client: a ``redis.Redis`` client (bytes responses).
        key: the 32-byte application key.
        prefix: namespace of the key names.
        conversation_ttl: seconds Redis keeps a conversation after its last write (None: ever).
    """

    def __init__(
        self,
        client: redis.Redis,
        key: bytes,
        *,
        prefix: str = "hybridllm",
        conversation_ttl: float | None = None,
    ) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ConfigError("vault key must be 32 bytes")
        self._redis = client
        self._aead = AESGCM(key)
        self._name_key = hashlib.sha256(b"hybridllm-vault-name\x00" + key).digest()
        self._prefix = prefix
        self._ttl_ms = 0 if conversation_ttl is None else max(1, int(conversation_ttl * 1000))
        self._save_script = client.register_script(_SAVE)
        self._seen: dict[str, bytes | None] = {}
        self._held: dict[tuple[int, str], bytes] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, config: RedactionConfig, key: bytes) -> RedisVaultStore:
        """A store on the configured Redis (pools are shared per URL within a process)."""
        return cls(
            redis_client(config.resolved_redis_url()),
            key,
            prefix=config.redis_prefix,
            conversation_ttl=config.conversation_ttl_seconds,
        )

    def __repr__(self) -> str:
        return f"RedisVaultStore(prefix={self._prefix!r})"

    def data_key(self, scope_id: str) -> str:
        """The Redis key of ``scope_id``'s entries (its name does not reveal the id)."""
        name = hmac.new(self._name_key, scope_id.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{self._prefix}:vault:{name}"

    @contextlib.contextmanager
    def locked(self, scope_id: str) -> Iterator[None]:
        """Hold the scope's Redis lock for a mint batch (fails closed if it cannot)."""
        from redis.exceptions import LockError, RedisError

        lock = self._redis.lock(
            self.data_key(scope_id) + ":lock",
            timeout=_LOCK_TIMEOUT,
            blocking_timeout=_LOCK_WAIT,
            thread_local=False,
        )
        try:
            got = lock.acquire()
        except RedisError as exc:
            raise VaultUnavailableError(_unreachable(exc)) from None
        if not got:
            raise VaultUnavailableError(
                f"the shared vault's conversation lock stayed taken for {_LOCK_WAIT:g} s"
            )
        token: Any = lock.local.token
        held = (threading.get_ident(), scope_id)
        self._held[held] = token if isinstance(token, bytes) else str(token).encode()
        try:
            yield
        finally:
            self._held.pop(held, None)
            with contextlib.suppress(LockError, RedisError):
                lock.release()  # expired or Redis gone: the lock frees itself at its timeout

    def changed(self, scope_id: str) -> bool:
        """Whether the stored scope differs from the copy last read (False if unreachable:
        a token then stays unrestored, which is safe)."""
        from redis.exceptions import RedisError

        try:
            etag = self._redis.hget(self.data_key(scope_id), "e")
        except RedisError:
            return False
        return bool(etag != self._seen.get(scope_id))

    def refresh(self, vault: Vault, scope_id: str) -> None:
        """Replace ``vault``'s entries with the stored ones when another worker changed them.

        A scope that disappeared (forgotten, or expired) empties the local copy too.
        """
        from redis.exceptions import RedisError

        try:
            got: list[bytes | None] = self._redis.hmget(self.data_key(scope_id), ["b", "e"])  # type: ignore[assignment]
            blob, etag = got
        except RedisError as exc:
            raise VaultUnavailableError(_unreachable(exc)) from None
        with self._lock:
            if etag == self._seen.get(scope_id):
                return
            if blob is None or etag is None:
                vault._clear()
                self._seen[scope_id] = None
                return
            try:
                plain = self._aead.decrypt(blob[:12], blob[12:], _AAD_PREFIX + scope_id.encode())
            except Exception:
                raise ConfigError(
                    "shared vault entry does not decrypt (wrong key, or it was altered)",
                    source="redis",
                ) from None
            vault._clear()
            vault._import(json.loads(plain))
            self._seen[scope_id] = etag

    def load_into(self, vault: Vault, scope_id: str) -> None:
        """Nothing now: the first batch loads the scope (so a local-only call needs no Redis)."""

    def save(self, vault: Vault, scope_id: str) -> None:
        """Write the vault if this worker still holds the scope's lock; else fail closed.

        On failure the local copy is dropped (the store stays the truth) and
        :class:`~hybridllm.errors.VaultUnavailableError` is raised: the tokens of this batch
        are never sent.
        """
        from redis.exceptions import RedisError

        token = self._held.get((threading.get_ident(), scope_id))
        if token is None:
            raise VaultUnavailableError("shared vault written without its conversation lock")
        plain = json.dumps(vault._export(), separators=(",", ":")).encode()
        nonce = os.urandom(12)
        blob = nonce + self._aead.encrypt(nonce, plain, _AAD_PREFIX + scope_id.encode())
        etag = os.urandom(12).hex().encode()
        keys = [self.data_key(scope_id) + ":lock", self.data_key(scope_id)]
        try:
            ok = self._save_script(keys=keys, args=[token, blob, etag, self._ttl_ms])
        except RedisError as exc:
            self._drop(vault, scope_id)
            raise VaultUnavailableError(_unreachable(exc)) from None
        if not ok:
            self._drop(vault, scope_id)
            raise VaultUnavailableError(
                "lost the shared vault's conversation lock mid-batch (held too long)"
            )
        with self._lock:
            self._seen[scope_id] = etag

    def _drop(self, vault: Vault, scope_id: str) -> None:
        vault._clear()
        with self._lock:
            self._seen.pop(scope_id, None)

    def delete(self, scope_id: str) -> None:
        """Erase the conversation from Redis (right to erasure)."""
        from redis.exceptions import RedisError

        try:
            self._redis.delete(self.data_key(scope_id))
        except RedisError as exc:
            raise VaultUnavailableError(_unreachable(exc)) from None
        with self._lock:
            self._seen.pop(scope_id, None)


def _unreachable(exc: BaseException) -> str:
    # redis-py's messages name host, port and errno only (never a key's contents)
    return f"shared vault store unavailable ({type(exc).__name__}: {exc})"
