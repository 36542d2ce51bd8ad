"""The audit key, and the signers that make the log's history unforgeable without it.

The hash chain alone shows that records were changed, removed or re-ordered, but someone who can
edit the file can also recompute every hash after an edit. So each stored record's hash is also
*signed* (and so are checkpoints, see :mod:`hybridllm.audit.store`), with either:

- :class:`HmacSigner`: HMAC-SHA256 with a key derived from the local audit key. Cheap; whoever
  verifies needs the same secret.
- :class:`Ed25519Signer`: an Ed25519 private key signs; compliance staff verify with the public
  key only (:class:`Ed25519Verifier`), so verifying never gives the power to forge.

The audit key (:func:`load_audit_key`) comes from ``$HYBRIDLLM_AUDIT_KEY`` (64+ hex characters,
or base64 of 32+ bytes), else from a key file (an argument, ``$HYBRIDLLM_AUDIT_KEY_FILE``, else
``~/.config/hybridllm/audit.key``), which is created with mode 0600 when missing. Sub-keys for
prompt HMACs and chain signatures are derived from it, so one never stands in for the other.
Keys never appear in ``repr``, messages or logs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol, runtime_checkable

from hybridllm.errors import AuditError

__all__ = [
    "ENV_AUDIT_KEY",
    "ENV_AUDIT_KEY_FILE",
    "AuditKey",
    "Ed25519Signer",
    "Ed25519Verifier",
    "HmacSigner",
    "Signer",
    "default_key_path",
    "find_audit_key",
    "load_audit_key",
]

ENV_AUDIT_KEY: Final = "HYBRIDLLM_AUDIT_KEY"
ENV_AUDIT_KEY_FILE: Final = "HYBRIDLLM_AUDIT_KEY_FILE"
_MIN_KEY_BYTES: Final = 32


def default_key_path() -> Path:
    """``$XDG_CONFIG_HOME/hybridllm/audit.key`` (``~/.config/...`` when XDG is unset).

    Kept away from the database on purpose: whoever can rewrite the log should not also be able
    to read the key beside it.
    """
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base else Path.home() / ".config"
    return root / "hybridllm" / "audit.key"


@dataclass(frozen=True, slots=True)
class AuditKey:
    """A local secret (32+ bytes) for prompt HMACs and chain signatures.

    Attributes:
        secret: the key bytes (never in ``repr``).
        source: where it came from (``$HYBRIDLLM_AUDIT_KEY`` or a file path), for messages.
    """

    secret: bytes = field(repr=False)
    source: str = ""

    @property
    def key_id(self) -> str:
        """A public name for the key (16 hex characters); reveals nothing about the secret."""
        return hashlib.sha256(b"hybridllm-audit-key-id\x00" + self.secret).hexdigest()[:16]

    def derive(self, purpose: str) -> bytes:
        """A sub-key for one purpose (HMAC of the purpose under the secret)."""
        return hmac.new(self.secret, purpose.encode("ascii"), hashlib.sha256).digest()

    @property
    def prompt_key(self) -> bytes:
        """Key for :func:`hybridllm.audit.record.prompt_hmac`."""
        return self.derive("hybridllm prompt-hmac v1")

    @property
    def chain_key(self) -> bytes:
        """Key for :class:`HmacSigner`."""
        return self.derive("hybridllm chain-signature v1")

    @classmethod
    def generate(cls) -> AuditKey:
        """A fresh random key (not saved anywhere)."""
        return cls(secrets.token_bytes(_MIN_KEY_BYTES), source="generated")


def _decode_key(text: str, source: str) -> AuditKey:
    text = text.strip()
    raw: bytes | None = None
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        try:
            raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=False)
        except (binascii.Error, ValueError):
            raw = None
    if raw is None or len(raw) < _MIN_KEY_BYTES:
        raise AuditError(
            f"audit key from {source} is not {_MIN_KEY_BYTES}+ bytes of hex or base64 "
            "(generate one with: python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    return AuditKey(raw, source=source)


def _read_key_file(path: Path) -> AuditKey:
    try:
        info = path.stat()
    except OSError as exc:
        raise AuditError(f"cannot read audit key file {path}: {exc.strerror}") from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AuditError(
            f"audit key file {path} is readable by others (mode {stat.S_IMODE(info.st_mode):o}); "
            f"run: chmod 600 {path}"
        )
    # A key file created a moment ago by another process may still be empty: wait for it.
    for _ in range(50):
        try:
            text = path.read_text(encoding="ascii", errors="replace")
        except OSError as exc:
            raise AuditError(f"cannot read audit key file {path}: {exc.strerror}") from None
        if text.endswith("\n"):
            break
        time.sleep(0.01)
    return _decode_key(text, str(path))


def _key_path(key_file: str | os.PathLike[str] | None) -> Path:
    if key_file is not None:
        return Path(key_file)
    env = os.environ.get(ENV_AUDIT_KEY_FILE, "").strip()
    return Path(env) if env else default_key_path()


def find_audit_key(key_file: str | os.PathLike[str] | None = None) -> AuditKey | None:
    """Load the audit key if there is one; never create it (used by ``hybridllm audit verify``).

    Args:
        key_file: a key file to read instead of ``$HYBRIDLLM_AUDIT_KEY_FILE`` / the default.

    Returns:
        The key, or None when neither the environment variable nor the file exists.

    Raises:
        AuditError: if a key is configured but unreadable, too short or its file is not private.
    """
    env = os.environ.get(ENV_AUDIT_KEY, "")
    if env.strip() and key_file is None:
        return _decode_key(env, f"${ENV_AUDIT_KEY}")
    path = _key_path(key_file)
    return _read_key_file(path) if path.exists() else None


def load_audit_key(key_file: str | os.PathLike[str] | None = None) -> AuditKey:
    """Load the audit key, creating a key file (mode 0600) if none is configured.

    Order: ``key_file`` if given; else ``$HYBRIDLLM_AUDIT_KEY``; else the file named by
    ``$HYBRIDLLM_AUDIT_KEY_FILE``; else :func:`default_key_path`. Safe when several processes
    start at once: exactly one creates the file, the others read it.

    Args:
        key_file: path of the key file (e.g. from config), which wins over the environment.

    Returns:
        The key.

    Raises:
        AuditError: if the key is malformed or its file cannot be created, read, or is readable
            by group or others.
    """
    found = find_audit_key(key_file)
    if found is not None:
        return found
    path = _key_path(key_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path)
    except OSError as exc:
        raise AuditError(f"cannot create audit key file {path}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(_MIN_KEY_BYTES) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return _read_key_file(path)


# -- signers -------------------------------------------------------------------------------------


@runtime_checkable
class Signer(Protocol):
    """Signs and checks byte strings. A signature reads ``"<alg>:<key_id>:<hex>"``."""

    alg: str
    key_id: str

    def sign(self, data: bytes) -> str:
        """Sign ``data``; raises AuditError for a verify-only key."""
        ...

    def check(self, data: bytes, signature: str) -> str | None:
        """Return None if ``signature`` is valid for ``data``, else what is wrong, in words."""
        ...


def _split(signature: str, alg: str, key_id: str) -> bytes | str:
    parts = signature.split(":")
    if len(parts) != 3 or not parts[2]:
        return "missing or malformed signature" if signature else "record is not signed"
    if parts[0] != alg:
        return f"signed with {parts[0] or '?'}, verifying with {alg}"
    if parts[1] != key_id:
        return f"signed with key {parts[1]}, verifying with key {key_id}"
    try:
        return bytes.fromhex(parts[2])
    except ValueError:
        return "signature is not hex"


class HmacSigner:
    """HMAC-SHA256 signatures with the audit key's chain sub-key."""

    alg = "hmac-sha256"

    def __init__(self, key: AuditKey) -> None:
        """Use ``key`` (its chain sub-key) for signing and checking."""
        self._key = key.chain_key
        self.key_id = key.key_id

    def sign(self, data: bytes) -> str:
        """See :class:`Signer`."""
        return f"{self.alg}:{self.key_id}:{hmac.new(self._key, data, hashlib.sha256).hexdigest()}"

    def check(self, data: bytes, signature: str) -> str | None:
        """See :class:`Signer`."""
        got = _split(signature, self.alg, self.key_id)
        if isinstance(got, str):
            return got
        want = hmac.new(self._key, data, hashlib.sha256).digest()
        return None if hmac.compare_digest(got, want) else "signature does not match"

    def __repr__(self) -> str:
        """Name the key by id only."""
        return f"HmacSigner(key_id={self.key_id!r})"


class Ed25519Verifier:
    """Checks Ed25519 signatures with a public key (cannot sign)."""

    alg = "ed25519"

    def __init__(self, public_key: object) -> None:
        """Wrap a ``cryptography`` Ed25519 public key."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        if not isinstance(public_key, Ed25519PublicKey):
            raise AuditError("not an Ed25519 public key")
        self._public = public_key
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id = hashlib.sha256(raw).hexdigest()[:16]

    @classmethod
    def from_pem(cls, path: str | os.PathLike[str]) -> Ed25519Verifier:
        """Load a PEM public key (``-----BEGIN PUBLIC KEY-----``)."""
        from cryptography.hazmat.primitives import serialization

        try:
            key = serialization.load_pem_public_key(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            raise AuditError(f"cannot load Ed25519 public key {path}: {exc}") from None
        return cls(key)

    def sign(self, data: bytes) -> str:
        """A verifier cannot sign."""
        raise AuditError("an Ed25519 public key can only verify, not sign")

    def check(self, data: bytes, signature: str) -> str | None:
        """See :class:`Signer`."""
        from cryptography.exceptions import InvalidSignature

        got = _split(signature, self.alg, self.key_id)
        if isinstance(got, str):
            return got
        try:
            self._public.verify(got, data)
        except InvalidSignature:
            return "signature does not match"
        return None

    def __repr__(self) -> str:
        """Name the key by id only."""
        return f"{type(self).__name__}(key_id={self.key_id!r})"


class Ed25519Signer(Ed25519Verifier):
    """Signs with an Ed25519 private key; anyone with the public key can verify."""

    def __init__(self, private_key: object) -> None:
        """Wrap a ``cryptography`` Ed25519 private key."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        if not isinstance(private_key, Ed25519PrivateKey):
            raise AuditError("not an Ed25519 private key")
        self._private = private_key
        super().__init__(private_key.public_key())

    @classmethod
    def generate(cls) -> Ed25519Signer:
        """A fresh key pair."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem_private(cls, path: str | os.PathLike[str]) -> Ed25519Signer:
        """Load an unencrypted PEM private key (``-----BEGIN PRIVATE KEY-----``)."""
        from cryptography.hazmat.primitives import serialization

        try:
            key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise AuditError(
                f"cannot load Ed25519 private key {path}: {type(exc).__name__}"
            ) from None
        return cls(key)

    def public_pem(self) -> bytes:
        """The public key as PEM, to hand to whoever verifies."""
        from cryptography.hazmat.primitives import serialization

        return self._public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def private_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM (store it with mode 0600)."""
        from cryptography.hazmat.primitives import serialization

        return self._private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def sign(self, data: bytes) -> str:
        """See :class:`Signer`."""
        return f"{self.alg}:{self.key_id}:{self._private.sign(data).hex()}"
