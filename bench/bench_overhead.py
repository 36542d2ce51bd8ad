"""What hybridllm adds to one call over the official SDK, against an endpoint that answers at once.

Three (or four) clients call the same loopback OpenAI-compatible server
(:class:`hybridllm.testing.SplittingServer`, TCP_NODELAY, a fixed short reply, no model), so the
provider's own time is near zero and what is left is each library's own work:

- ``openai SDK``: ``openai.OpenAI().chat.completions.create`` directly.
- ``hybridllm``: ``Client.complete`` with the default classifier (patterns, checksums,
  detect-secrets, names; NER only where it can change the decision), policy, and the audit log:
  a signed intent record fsync'd before the request leaves; the outcome record is handed to the
  audit writer thread (``audit_sync="intent"``, the default).
- ``hybridllm, audit_sync=commit``: the same, with the outcome record committed before the call
  returns (the default before round 5).
- ``hybridllm, audit_sync=full``: the same, with the outcome record committed and fsync'd.
- ``hybridllm, intent fsync not overlapped``: the default, with the intent's fsync done before
  the SDK builds the request (``AuditStore.sync_overlap = False``) instead of overlapped with it
  (by default it is overlapped where a sync costs more than ~0.2 ms: see
  ``hybridllm.audit._sync``).
- ``LiteLLM`` (if importable): ``litellm.completion`` with ``LITELLM_LOCAL_MODEL_COST_MAP=True``.

Calls are interleaved (one of each per round, in a shuffled order), after warm-up rounds, in one
process, so machine noise lands on all of them. "added" is the per-round difference to the SDK.
The audit database lives in the current directory's file system unless ``--audit-dir`` says
otherwise (the fsync is part of the cost: put it where production would).

Usage::

    .venv/bin/python bench/bench_overhead.py [--rounds N] [--warmup N] [--audit-dir DIR]
        [--import-runs N]

It first times imports in fresh interpreters (``--import-runs 0`` skips that).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map

import openai

import hybridllm
from hybridllm.testing import SplittingServer

PROMPTS = {
    "plain": "In one sentence, what is a hash chain?",
    "PII + secret, redacted": (
        "Reply to carla.mendes@example.com about key AKIAZ3MSJ7QXP4LKH2TD in one sentence."
    ),
}
REPLY = "A list of records where each one carries the hash of the one before it."


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _client(base_url: str, audit_dir: Path, name: str, **extra: Any) -> hybridllm.Client:
    target = {"adapter": "openai", "model": "m", "base_url": base_url, "max_retries": 0}
    return hybridllm.Client(
        targets={"cloud": target, "local": {**target, "locality": "local"}},
        default_target="cloud",
        fallback={"local": [], "cloud": []},
        audit_path=audit_dir / f"{name}.db",
        audit_key_path=str(audit_dir / "audit.key"),
        **extra,
    )


def _callers(base_url: str, audit_dir: Path) -> tuple[dict[str, Callable[[str], Any]], list[Any]]:
    sdk = openai.OpenAI(base_url=base_url, api_key="x", max_retries=0)
    fast = _client(base_url, audit_dir, "intent")
    commit = _client(base_url, audit_dir, "commit", audit_sync="commit")
    full = _client(base_url, audit_dir, "full", audit_sync="full")
    serial = _client(base_url, audit_dir, "serial")
    for c in (fast, commit, full, serial):
        c.warm_up()
    if hasattr(serial.audit, "sync_overlap"):  # a tree without the overlap: the row is a repeat
        serial.audit.sync_overlap = False
    calls: dict[str, Callable[[str], Any]] = {
        "openai SDK": lambda p: sdk.chat.completions.create(
            model="m", messages=[{"role": "user", "content": p}], max_tokens=16
        ),
        "hybridllm": lambda p: fast.complete(p, max_tokens=16),
        "hybridllm, audit_sync=commit": lambda p: commit.complete(p, max_tokens=16),
        "hybridllm, audit_sync=full": lambda p: full.complete(p, max_tokens=16),
        "hybridllm, intent fsync not overlapped": lambda p: serial.complete(p, max_tokens=16),
    }
    try:
        import litellm

        calls["LiteLLM"] = lambda p: litellm.completion(
            model="openai/m",
            api_base=base_url,
            api_key="x",
            messages=[{"role": "user", "content": p}],
            max_tokens=16,
        )
    except ImportError:
        print("LiteLLM not importable: skipped")
    return calls, [sdk, fast, commit, full, serial]


def _run(calls: dict[str, Callable[[str], Any]], prompt: str, rounds: int, warmup: int) -> Any:
    names = list(calls)
    times: dict[str, list[float]] = {n: [] for n in names}
    rng = random.Random(16)
    for i in range(warmup + rounds):
        # A new order every round, not a rotation of one list: in a rotation each client
        # nearly always follows the same one, and so pays for that one's background work
        # (the audit writer committing a deferred outcome record) every round.
        order = rng.sample(names, len(names))
        for name in order:
            t = time.perf_counter()
            calls[name](prompt)
            if i >= warmup:
                times[name].append((time.perf_counter() - t) * 1000)
    return times


_IMPORTS = {
    "import hybridllm": "import hybridllm",
    "import hybridllm; hybridllm.Client": "import hybridllm; hybridllm.Client",
    "import openai": "import openai",
    "import litellm": "import litellm",
}


def _import_times(runs: int) -> None:
    """Median wall time of each import in a fresh interpreter (``runs`` each, interleaved)."""
    times: dict[str, list[float]] = {k: [] for k in _IMPORTS}
    for _ in range(runs):
        for label, stmt in _IMPORTS.items():
            code = (
                "import time; t = time.perf_counter(); "
                f"{stmt}; print((time.perf_counter() - t) * 1000)"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=False
            )
            if out.returncode == 0:
                times[label].append(float(out.stdout.strip().splitlines()[-1]))
    print("| statement (fresh interpreter) | p50 ms | min ms |")
    print("|---|---:|---:|")
    for label, values in times.items():
        if values:
            print(f"| `{label}` | {statistics.median(values):.0f} | {min(values):.0f} |")
    print()


def main() -> None:
    """Run the benchmark and print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--audit-dir", type=Path, default=Path.cwd())
    parser.add_argument("--import-runs", type=int, default=10)
    args = parser.parse_args()
    if args.import_runs:
        _import_times(args.import_runs)
    with (
        SplittingServer() as server,
        tempfile.TemporaryDirectory(dir=args.audit_dir, prefix="bench-overhead-") as tmp,
    ):
        server.set_reply(REPLY)
        calls, closers = _callers(server.base_url + "/v1", Path(tmp))
        print(f"rounds={args.rounds} warmup={args.warmup} audit dir={args.audit_dir}\n")
        for label, prompt in PROMPTS.items():
            times = _run(calls, prompt, args.rounds, args.warmup)
            base = times["openai SDK"]
            print(f"### {label}\n")
            print("| client | p50 ms | p95 ms | added p50 ms | added p95 ms |")
            print("|---|---:|---:|---:|---:|")
            for name, values in times.items():
                added = [v - b for v, b in zip(values, base, strict=True)]
                extra = "" if name == "openai SDK" else f"{statistics.median(added):.2f}"
                extra95 = "" if name == "openai SDK" else f"{_p(added, 95):.2f}"
                print(
                    f"| {name} | {statistics.median(values):.2f} | {_p(values, 95):.2f} "
                    f"| {extra} | {extra95} |"
                )
            print()
        for c in closers:
            c.close()


if __name__ == "__main__":
    main()
