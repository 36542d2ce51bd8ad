"""Conversation scopes named by callers (a header, OpenAI's ``user``, Anthropic's
``metadata.user_id``), kept per app so that multi-turn chats keep consistent placeholders.

The id recorded in the audit is a keyed hash of the app and the caller's name (a ``user`` field
may be an email address), keyed with the audit key so it is stable across restarts.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hybridllm.client.base import BaseClient
    from hybridllm.client.results import Conversation

__all__ = ["ConversationCache"]


class ConversationCache:
    """The conversations of one client, least recently used dropped beyond ``max_size``.

    Args:
        client: the client the conversations belong to.
        max_size: scopes kept (a dropped scope forgets its placeholder mapping).
        key: keys the recorded ids (default: the client's audit key).
    """

    def __init__(self, client: BaseClient, max_size: int = 10_000, key: bytes | None = None):
        self.client = client
        self.max_size = max_size
        self._key = key
        self._lock = threading.Lock()
        self._items: OrderedDict[str, Conversation] = OrderedDict()

    def scope_id(self, app: str, name: str) -> str:
        """The id recorded in the audit for ``name`` of ``app`` (never the name itself)."""
        if self._key is None:
            from hybridllm.audit.keys import load_audit_key

            self._key = load_audit_key(self.client.settings.audit_key_path).prompt_key
        return hmac.new(self._key, f"{app}\0{name}".encode(), hashlib.sha256).hexdigest()[:32]

    def get(self, app: str, name: str | None) -> Conversation | None:
        """The conversation called ``name`` by ``app`` (created on first use); None for none."""
        if not name:
            return None
        cid = self.scope_id(app, name)
        with self._lock:
            conv = self._items.get(cid)
            if conv is None:
                conv = self.client.conversation(cid)
                self._items[cid] = conv
                while len(self._items) > self.max_size:
                    self._items.popitem(last=False)
            else:
                self._items.move_to_end(cid)
            return conv

    def __len__(self) -> int:
        return len(self._items)
