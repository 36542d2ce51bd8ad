"""Cost of redaction and restore per KB, and the time the streaming restorer adds to a token.

No model and no network: findings come from the real classifier once (outside the timing),
then redact_messages / restore / restore_json / StreamRestorer are timed on their own.

"TTFT added" is what the restorer adds between a delta arriving and its text being released:
the time of ``feed()`` for the first delta of a reply (plain text, as models start), measured
on a fresh restorer per reply, against a conversation vault that already holds many entries.

Usage::

    .venv/bin/python bench/bench_redaction.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

import hybridllm
from hybridllm.models import Message
from hybridllm.redaction import (
    RedactionConfig,
    StreamRestorer,
    Vault,
    redact_messages,
    restore,
    restore_json,
)

SENTENCE = (
    "Please ask Jane Roe (jane.roe@example.com, (415) 555-0134) to rotate key "
    "AKIAZ3MSJ7QXP4LKH2TD before Friday; the rest of this line is ordinary prose. "
)
ALL = ("PII", "PHI", "SECRET")


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000.0)
    return out


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    """Print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    surrogates = RedactionConfig.model_validate(
        {"operators": {"PERSON": "surrogate", "EMAIL_ADDRESS": "surrogate"}}
    )

    print("| payload | operation | p50 ms | p95 ms | ms per KB (p50) |")
    print("|---|---|---:|---:|---:|")
    for kb in (1, 10, 100):
        text = (SENTENCE * (kb * 1024 // len(SENTENCE) + 1))[: kb * 1024]
        findings = hybridllm.classify(text).findings if kb <= 10 else ()
        if kb > 10:  # classify 10 KB once and tile its findings (spaCy is not what we time)
            unit = len(SENTENCE)
            one = list(hybridllm.classify(SENTENCE).findings)
            findings = tuple(
                f.model_copy(update={"start": f.start + i * unit, "end": f.end + i * unit})
                for i in range(len(text) // unit)
                for f in one
            )
        msgs = [Message(role="user", content=text)]
        for label, config in (("placeholder", None), ("surrogate", surrogates)):
            rows = _time(
                lambda c=config, m=msgs, f=findings: redact_messages(m, f, ALL, Vault(), config=c),
                max(5, args.repeat // kb),
            )
            p50 = statistics.median(rows)
            print(
                f"| {kb} KB, {len(findings)} findings | redact ({label}) | {p50:.3f} | "
                f"{_p(rows, 95):.3f} | {p50 / kb:.3f} |"
            )
        vault = Vault()
        reply = redact_messages(msgs, findings, ALL, vault).messages[0].content
        for label, fn in (
            ("restore", lambda r=reply, v=vault: restore(r, v)),
            ("restore_json", lambda r=reply, v=vault: restore_json(json.dumps({"a": r}), v)),
        ):
            rows = _time(fn, max(5, args.repeat // kb))
            p50 = statistics.median(rows)
            print(
                f"| {kb} KB, {len(findings)} findings | {label} | {p50:.3f} | "
                f"{_p(rows, 95):.3f} | {p50 / kb:.3f} |"
            )

    # Streaming: a conversation vault with 1,000 placeholders and 50 surrogates.
    vault = Vault()
    for i in range(1000):
        vault.mint("EMAIL_ADDRESS", f"user{i}@example.com", category="PII")
    for i in range(50):
        vault.mint_surrogate(
            "PERSON", f"Person {i}", lambda s, i=i: (s, f"Fake Name{i:03d} Smith"), category="PII"
        )
    vault.matcher()  # redact_messages warms this after minting; a stream never compiles it
    tokens = ["Sure", ",", " I", " wrote", " to", " [", "EMAIL", "_ADDRESS", "_7", "]", " and"]
    tokens += [" Fake", " Name", "012", " Smith", "."] + [" word"] * 200
    first, per_delta, whole = [], [], []
    for _ in range(args.repeat):
        r = StreamRestorer(vault)
        t = time.perf_counter()
        r.feed(tokens[0])
        first.append((time.perf_counter() - t) * 1000.0)
        t = time.perf_counter()
        for tok in tokens[1:]:
            r.feed(tok)
        r.flush()
        elapsed = (time.perf_counter() - t) * 1000.0
        per_delta.append(elapsed / (len(tokens) - 1))
        whole.append(elapsed)
    print()
    print("| streaming (vault: 1,000 placeholders + 50 surrogates) | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|")
    for label, rows in (
        ("TTFT added (first delta)", first),
        ("per later delta", per_delta),
        (f"whole {len(tokens)}-delta reply", whole),
    ):
        print(f"| {label} | {statistics.median(rows):.4f} | {_p(rows, 99):.4f} | {max(rows):.4f} |")


if __name__ == "__main__":
    main()
