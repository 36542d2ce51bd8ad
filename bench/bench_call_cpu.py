"""Where hybridllm's own CPU goes in one short call, part by part (thread CPU of the caller).

``Client.complete`` on the two prompts of ``bench/bench_overhead.py`` against the same loopback
server (:class:`hybridllm.testing.SplittingServer`), the audit log in ``--audit-dir``; the bare
``openai`` SDK call is timed in the same loop. Each part is timed with ``time.thread_time`` by
a wrapper around the function that does it (a wrapper costs ~1 us; parts are cumulative, so
"hop" includes "sdk"):

- ``complete``: the whole ``Client.complete``; ``sdk``: the openai SDK inside it (``create``,
  or ``client.post`` where the adapter calls that directly);
  ``own`` = complete - sdk: what hybridllm itself adds on the calling thread.
- ``classify``, ``intent`` (append of the intent record), ``outcome`` (hand-off or append of
  the outcome record), ``records`` (building both records), ``redact``, ``restore``, ``hop``
  (``attempt_sync``: timeouts, the adapter, reply validation; includes sdk).
- ``bare SDK``: ``openai.OpenAI().chat.completions.create`` alone, for comparison with ``sdk``.
- ``writer``: CPU of the other threads of the process per call (the audit writer committing
  deferred outcomes, and the loopback server's answer), process CPU minus the caller's.

Prints the median over ``--calls`` calls (after a warm-up) and the min of per-call ``own``, in
microseconds. Run it with a tree's sources first on the path; to compare two trees, alternate
runs (A B B A).

Usage::

    PYTHONPATH=<tree>/src .venv/bin/python bench/bench_call_cpu.py [--calls 400] [--audit-dir DIR]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import openai
from bench_overhead import PROMPTS, REPLY, _client

import hybridllm
from hybridllm.testing import SplittingServer

_spent: dict[str, float] = {}
_inside: set[str] = set()


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if label in _inside:  # a recursive call: counted by the outer one
            return fn(*args, **kwargs)
        _inside.add(label)
        t = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent[label] = _spent.get(label, 0.0) + time.thread_time() - t
            _inside.discard(label)

    return wrapper


def _patch(obj: Any, name: str, label: str) -> None:
    setattr(obj, name, _timed(label, getattr(obj, name)))


def _instrument() -> None:
    from openai._base_client import SyncAPIClient
    from openai.resources.chat.completions import completions as oc

    from hybridllm.client import base, drivers
    from hybridllm.core import flow, flow_state

    _patch(oc.Completions, "create", "sdk")
    _patch(SyncAPIClient, "post", "sdk")  # the adapter's way in since round 8 (create's too)
    _patch(base.BaseClient, "_classify", "classify")
    _patch(base.BaseClient, "_append_intent", "intent")
    _patch(base.BaseClient, "_append", "outcome")
    _patch(flow_state.CallState, "record", "records")
    _patch(flow, "redact_messages", "redact")
    _patch(flow, "restore_reply", "restore")
    _patch(drivers, "attempt_sync", "hop")


PARTS = (
    "complete",
    "sdk",
    "own",
    "classify",
    "intent",
    "outcome",
    "records",
    "redact",
    "restore",
    "hop",
    "hop - sdk",
    "writer",
    "bare SDK",
)


def main() -> None:
    """Run the loop and print one markdown table per prompt."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--audit-dir", type=Path, default=Path.cwd())
    args = parser.parse_args()
    _instrument()
    with (
        SplittingServer() as server,
        tempfile.TemporaryDirectory(dir=args.audit_dir, prefix="bench-call-cpu-") as tmp,
    ):
        server.set_reply(REPLY)
        url = server.base_url + "/v1"
        sdk = openai.OpenAI(base_url=url, api_key="x", max_retries=0)
        client: hybridllm.Client = _client(url, Path(tmp), "cpu")
        client.warm_up()
        print(f"hybridllm from {Path(hybridllm.__file__).parent}, calls={args.calls}\n")
        for label, prompt in PROMPTS.items():
            rows: dict[str, list[float]] = {p: [] for p in PARTS}
            for i in range(args.warmup + args.calls):
                t = time.thread_time()
                sdk.chat.completions.create(
                    model="m", messages=[{"role": "user", "content": prompt}], max_tokens=16
                )
                bare = time.thread_time() - t
                _spent.clear()
                p0 = time.process_time()
                t = time.thread_time()
                client.complete(prompt, max_tokens=16)
                whole = time.thread_time() - t
                other = time.process_time() - p0 - whole
                if i < args.warmup:
                    continue
                got = dict(_spent, complete=whole, writer=other)
                got["own"] = whole - got.get("sdk", 0.0)
                got["hop - sdk"] = got.get("hop", 0.0) - got.get("sdk", 0.0)
                got["bare SDK"] = bare
                for part in PARTS:
                    rows[part].append(got.get(part, 0.0) * 1e6)
            print(f"### {label}\n\n| part | p50 us | min us |\n|---|---:|---:|")
            for part in PARTS:
                vals = rows[part]
                print(f"| {part} | {statistics.median(vals):.0f} | {min(vals):.0f} |")
            print()
        client.close()
        sdk.close()


if __name__ == "__main__":
    main()
