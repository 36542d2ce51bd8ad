"""Where a conversation's vault lives: process memory (default), an encrypted local file, or
Redis (shared by every worker; see :mod:`hybridllm.redaction.redis_store`).

The encrypted store keeps one file per conversation, so a chat can continue in another process
(a restarted worker, another replica on the same host) with the same placeholders. Each file is
AES-256-GCM encrypted with a key from the environment or a key file; the scope id is bound in
as associated data (a file copied under another conversation's name does not decrypt), and the
file name is an HMAC of the scope id (the directory listing does not reveal conversation ids).
Writes are atomic (temp file + rename, mode 0600) and, on POSIX, serialised across processes
with ``flock`` for the duration of a redaction batch.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from hybridllm.errors import ConfigError, MissingDependencyError
from hybridllm.redaction.config import RedactionConfig
from hybridllm.redaction.vault import Vault

try:  # POSIX only; elsewhere a conversation must not be used by two processes at once
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = ["EncryptedFileStore", "VaultStore", "forget", "generate_key", "open_vault"]

_AAD_PREFIX = b"hybridllm-vault-v1\x00"


def generate_key() -> str:
    """A fresh key for ``HYBRIDLLM_VAULT_KEY`` or ``HYBRIDLLM_HMAC_KEY`` (urlsafe base64)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


class VaultStore(Protocol):
    """Where a conversation's vault is persisted between calls and shared between processes.

    A :class:`~hybridllm.redaction.vault.Vault` holds the store's lock for a whole redaction
    batch (refresh, mint, save), so two processes never mint one placeholder for two values
    or two placeholders for one value.
    """

    def locked(self, scope_id: str) -> AbstractContextManager[None]:
        """Hold the scope exclusively (across processes) for a read-modify-write batch."""
        ...

    def changed(self, scope_id: str) -> bool:
        """Whether another process changed the scope since this store last read or wrote it."""
        ...

    def refresh(self, vault: Vault, scope_id: str) -> None:
        """Bring ``vault`` up to date with the stored scope."""
        ...

    def load_into(self, vault: Vault, scope_id: str) -> None:
        """Fill a new vault (may be lazy: the first batch refreshes anyway)."""
        ...

    def save(self, vault: Vault, scope_id: str) -> None:
        """Write the vault (callers hold :meth:`locked`)."""
        ...

    def delete(self, scope_id: str) -> None:
        """Forget the scope everywhere (right to erasure)."""
        ...


class EncryptedFileStore:
    """AES-256-GCM files under ``directory``, one per scope id.

    Args:
        directory: created with mode 0700 if missing.
        key: 32 bytes.
    """

    def __init__(self, directory: str | os.PathLike[str], key: bytes) -> None:
        try:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        except ImportError as exc:  # pragma: no cover - cryptography is a dependency
            raise MissingDependencyError(
                "the encrypted vault store needs cryptography: pip install cryptography"
            ) from exc
        if len(key) != 32:
            raise ConfigError("vault key must be 32 bytes")
        self._dir = Path(directory)
        self._aead = AESGCM(key)
        self._name_key = hashlib.sha256(b"hybridllm-vault-name\x00" + key).digest()
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[int, int, int] | None] = {}

    def __repr__(self) -> str:
        return f"EncryptedFileStore({str(self._dir)!r})"

    def path(self, scope_id: str) -> Path:
        """The file that holds ``scope_id`` (its name does not reveal the id)."""
        name = hmac.new(self._name_key, scope_id.encode(), hashlib.sha256).hexdigest()[:32]
        return self._dir / f"{name}.vault"

    def _stat(self, scope_id: str) -> tuple[int, int, int] | None:
        try:
            st = self.path(scope_id).stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    @contextlib.contextmanager
    def locked(self, scope_id: str) -> Iterator[None]:
        """Hold the scope's lock file (exclusive ``flock``) for a read-modify-write batch."""
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock_path = self.path(scope_id).with_suffix(".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def changed(self, scope_id: str) -> bool:
        """Whether the file changed since this store last read or wrote it."""
        with self._lock:
            return self._stat(scope_id) != self._seen.get(scope_id)

    def refresh(self, vault: Vault, scope_id: str) -> None:
        """Merge the file's entries into ``vault`` if another process changed it."""
        with self._lock:
            stat = self._stat(scope_id)
            if stat is None or stat == self._seen.get(scope_id):
                self._seen[scope_id] = stat
                return
            path = self.path(scope_id)
            blob = path.read_bytes()
            try:
                plain = self._aead.decrypt(blob[:12], blob[12:], _AAD_PREFIX + scope_id.encode())
            except Exception:
                raise ConfigError(
                    "vault file does not decrypt (wrong key, or the file was altered)",
                    source=str(path),
                ) from None
            vault._import(json.loads(plain))
            self._seen[scope_id] = stat

    def load_into(self, vault: Vault, scope_id: str) -> None:
        """Fill a new vault from the file, if there is one."""
        with self.locked(scope_id):
            self.refresh(vault, scope_id)

    def save(self, vault: Vault, scope_id: str) -> None:
        """Write the vault atomically (callers hold :meth:`locked`)."""
        plain = json.dumps(vault._export(), separators=(",", ":")).encode()
        nonce = os.urandom(12)
        blob = nonce + self._aead.encrypt(nonce, plain, _AAD_PREFIX + scope_id.encode())
        path = self.path(scope_id)
        tmp = path.with_suffix(f".tmp{os.getpid()}.{threading.get_ident()}")
        with self._lock:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, blob)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
            self._seen[scope_id] = self._stat(scope_id)

    def delete(self, scope_id: str) -> None:
        """Forget a conversation: remove its file (and lock file)."""
        with self._lock:
            for p in (self.path(scope_id), self.path(scope_id).with_suffix(".lock")):
                p.unlink(missing_ok=True)
            self._seen.pop(scope_id, None)


def _store_for(config: RedactionConfig) -> VaultStore | None:
    if config.store == "memory":
        return None
    key = config.vault_key()
    if key is None:  # validated at load time
        raise ConfigError(f"store = {config.store!r} needs a key", key="redaction.key_env")
    if config.store == "redis":
        from hybridllm.redaction.redis_store import RedisVaultStore

        return RedisVaultStore.from_config(config, key)
    return EncryptedFileStore(config.store_path, key)


def open_vault(config: RedactionConfig | None = None, scope_id: str | None = None) -> Vault:
    """The vault for one scope, as the config says.

    Args:
        config: the ``[redaction]`` settings (defaults: in memory, no TTL).
        scope_id: a conversation id. With ``store = "encrypted"`` or ``"redis"`` the vault is
            loaded from, and saved to, that conversation's stored copy; a per-call scope (None)
            is always in memory.
    """
    config = config or RedactionConfig()
    store = _store_for(config) if scope_id is not None else None
    if store is not None and scope_id is not None:
        return Vault(ttl=config.ttl_seconds, store=store, scope_id=scope_id)
    return Vault(ttl=config.ttl_seconds)


def forget(config: RedactionConfig, scope_id: str) -> None:
    """Erase a conversation's stored vault (right to erasure); nothing to do in memory.

    With Redis, every process that holds the conversation drops its copy at its next call.

    Raises:
        VaultUnavailableError: the store could not be reached (nothing is known to be erased).
    """
    store = _store_for(config)
    if store is not None:
        store.delete(scope_id)
