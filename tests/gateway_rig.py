"""A gateway on loopback over real servers: the local llama-server and a wire-level cloud."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import make_client

import hybridllm
from hybridllm.audit.store import AuditStore
from hybridllm.gateway import GatewayServer, KeyStore
from hybridllm.models import AuditRecord
from hybridllm.testing._http import ChunkedWriter
from hybridllm.testing.splitting import SplittingServer


class SlowSplitter(SplittingServer):
    """A splitting server that waits between stream events (a client can leave mid-stream)."""

    pause = 0.05

    @staticmethod
    def _sse(writer: ChunkedWriter, payload: Any, event: str | None = None) -> None:
        time.sleep(SlowSplitter.pause)
        SplittingServer._sse(writer, payload, event)


@dataclass
class Rig:
    """What a gateway test gets: the server, its key, the cloud's recording, the audit log."""

    gateway: GatewayServer
    key: str
    cloud: SplittingServer
    audit_path: Path
    client: Any
    """The gateway's client: its outcome records are committed off the call path, so a reader
    on another connection flushes it first."""

    @property
    def v1(self) -> str:
        """The OpenAI SDK's ``base_url``."""
        return self.gateway.base_url + "/v1"

    def record(self, audit_id: str) -> AuditRecord:
        """The stored audit record with this id."""
        self.client.flush_audit()
        store = AuditStore(self.audit_path, readonly=True)
        try:
            rec = store.get(audit_id)
        finally:
            store.close()
        assert rec is not None, audit_id
        return rec

    def records(self) -> list[AuditRecord]:
        """Every call's outcome record, oldest first (intent records are left out; each outcome
        names its intents in ``intents``)."""
        if not self.audit_path.exists():
            return []
        self.client.flush_audit()
        store = AuditStore(self.audit_path, readonly=True)
        try:
            return [r for r in store.iter_records() if r.status != "intent"]
        finally:
            store.close()

    def wait_records(self, n: int, timeout: float = 10.0) -> list[AuditRecord]:
        """Wait until at least ``n`` records are stored."""
        deadline = time.monotonic() + timeout
        while True:
            recs = self.records()
            if len(recs) >= n or time.monotonic() > deadline:
                return recs
            time.sleep(0.05)


@contextmanager
def gateway_rig(
    local_url: str, tmp_path: Path, cloud: SplittingServer, **options: Any
) -> Iterator[Rig]:
    """A gateway (with one app key) over ``local_url`` and ``cloud`` (OpenAI and Claude)."""
    keys = KeyStore(tmp_path / "gateway-keys.json")
    key = keys.add("billing-app")
    audit_path = tmp_path / "audit.db"
    client = make_client(
        local_url=local_url,
        cloud_url=cloud.base_url,
        claude_url=cloud.base_url,
        audit_path=audit_path,
        client_cls=hybridllm.AsyncClient,
        # the operator lets PII into this tool argument (restore policy, invariant 8)
        restore={"tool_arguments": {"send_mail": ["to"]}},
    )
    with GatewayServer(client, keys=keys, **options) as gw:
        yield Rig(gateway=gw, key=key, cloud=cloud, audit_path=audit_path, client=client)
