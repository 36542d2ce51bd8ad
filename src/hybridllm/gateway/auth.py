"""Caller API keys: one per application, stored as SHA-256 hashes, never in clear.

A key is 32 random bytes (``hlk_`` + URL-safe base64), shown once when created. The keys file
holds only ``{"app", "sha256", "created"}`` per key, so a leaked file reveals no usable key. A
fast hash is right here: the keys are random, not passwords, so there is nothing to brute-force
(the same reasoning as GitHub's token hashing). The app name of the key that made a request is
recorded in every audit record of that request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hybridllm.errors import ConfigError

__all__ = ["KeyStore", "bearer_token"]

_APP = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PREFIX = "hlk_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def bearer_token(authorization: str | None, x_api_key: str | None) -> str | None:
    """The key a request carries: ``Authorization: Bearer`` (OpenAI) or ``x-api-key``
    (Anthropic)."""
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    return x_api_key.strip() if x_api_key and x_api_key.strip() else None


class KeyStore:
    """The hashed keys of the applications allowed to call the gateway.

    Args:
        path: the JSON keys file (created by :meth:`add`; mode 0600).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._entries: list[dict[str, Any]] = []
        if self.path.exists():
            self._entries = self._read()
        self._by_hash: dict[str, str] = {e["sha256"]: e["app"] for e in self._entries}

    def _read(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            entries = data["keys"]
            if not all(
                isinstance(e, dict)
                and isinstance(e.get("app"), str)
                and re.fullmatch(r"[0-9a-f]{64}", str(e.get("sha256", "")))
                for e in entries
            ):
                raise ValueError("bad entry")
        except (OSError, ValueError, KeyError, TypeError):
            raise ConfigError(
                "not a valid gateway keys file",
                source=str(self.path),
                expected='{"keys": [{"app": ..., "sha256": ...}]}',
            ) from None
        return list(entries)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"version": 1, "keys": self._entries}, indent=2) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keys-")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return len(self._entries)

    def apps(self) -> list[str]:
        """App names that hold a key (one entry per key)."""
        return [e["app"] for e in self._entries]

    def add(self, app: str) -> str:
        """Create a key for ``app``, store its hash, and return the key (shown only now).

        Raises:
            ConfigError: ``app`` is not a short name of letters, digits, ``.``, ``_``, ``-``.
        """
        if not _APP.match(app):
            raise ConfigError("invalid app name", key="app", expected="[A-Za-z0-9._-], <= 64")
        key = PREFIX + secrets.token_urlsafe(32)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        self._entries.append({"app": app, "sha256": _digest(key), "created": created})
        self._by_hash[_digest(key)] = app
        self._write()
        return key

    def revoke(self, app: str) -> int:
        """Remove every key of ``app``; returns how many were removed."""
        before = len(self._entries)
        self._entries = [e for e in self._entries if e["app"] != app]
        self._by_hash = {e["sha256"]: e["app"] for e in self._entries}
        self._write()
        return before - len(self._entries)

    def app_for(self, key: str | None) -> str | None:
        """The app that owns ``key``, or None for a missing or unknown key."""
        if not key:
            return None
        digest = _digest(key)
        for known, app in self._by_hash.items():
            if hmac.compare_digest(known, digest):
                return app
        return None
