"""Restore placeholders in a reply, in one piece or incrementally while streaming."""

from __future__ import annotations

from hybridllm.redaction.vault import PLACEHOLDER_RE, Vault, placeholder_prefix_len

__all__ = ["StreamRestorer", "restore"]


def restore(text: str, vault: Vault) -> tuple[str, int]:
    """Replace every placeholder minted by ``vault``; leave anything else untouched.

    Returns:
        The restored text and the number of placeholders replaced.
    """
    count = 0

    def _sub(match: object) -> str:
        nonlocal count
        token: str = match.group(0)  # type: ignore[attr-defined]
        value = vault.lookup(token)
        if value is None:
            return token
        count += 1
        return value

    return PLACEHOLDER_RE.sub(_sub, text), count


class StreamRestorer:
    """Incremental restore: feed chunks, get restored text out as early as is safe.

    Only a suffix that could still become a placeholder is held back; at the end of the
    stream, :meth:`flush` emits whatever is left as is (it never guesses).
    """

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._pending = ""
        self.restored = 0

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the text that can be released now."""
        buf = self._pending + chunk
        hold = placeholder_prefix_len(buf)
        ready, self._pending = buf[: len(buf) - hold], buf[len(buf) - hold :]
        out, n = restore(ready, self._vault)
        self.restored += n
        return out

    def flush(self) -> str:
        """End of stream: release what is held back (restored if it is a whole placeholder)."""
        out, n = restore(self._pending, self._vault)
        self._pending = ""
        self.restored += n
        return out
