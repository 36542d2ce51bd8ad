"""Cost of redaction and restore per KB, and the time the streaming restorer adds to a token.

No model and no network: findings come from the real classifier once (outside the timing),
then redact_messages / restore / restore_json / StreamRestorer are timed on their own.

"TTFT added" is what the restorer adds between a delta arriving and its text being released:
the time of ``feed()`` for the first delta of a reply (plain text, as models start), measured
on a fresh restorer per reply, against a conversation vault that already holds many entries.

"Many messages" times one payload of N short messages with one distinct e-mail each (findings
at known offsets): redaction must stay linear in the total text however many values the scope
already holds (it was quadratic: 5,000 messages took 52 s). Wall and CPU seconds are both
printed, since the shared machine's load moves wall time.

Usage::

    .venv/bin/python bench/bench_redaction.py [--repeat N] [--messages N] [--only-messages]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

import hybridllm
from hybridllm.models import Finding, Message
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


def many_messages(n: int) -> None:
    """One payload of ``n`` short messages, one distinct e-mail each: redact, then restore."""
    msgs, findings = [], []
    for i in range(n):
        email = f"user{i}@example{i % 97}.com"
        text = f"Please reply to {email} about ticket {i}."
        start = text.index(email)
        msgs.append(Message(role="user", content=text))
        findings.append(
            Finding(
                entity_type="EMAIL_ADDRESS",
                category="PII",
                start=start,
                end=start + len(email),
                score=1.0,
                recognizer="bench",
                message_index=i,
            )
        )
    vault = Vault()
    w0, c0 = time.perf_counter(), time.process_time()
    req = redact_messages(msgs, findings, ALL, vault)
    w1, c1 = time.perf_counter(), time.process_time()
    reply = "\n".join(m.content for m in req.messages)  # a reply echoing every placeholder
    out, restored = restore(reply, vault)
    w2, c2 = time.perf_counter(), time.process_time()
    assert restored == n
    assert out == "\n".join(m.content for m in msgs)
    kb = sum(len(m.content) for m in msgs) / 1024
    print(
        f"| {n:,} messages, {kb:,.0f} KB | {w1 - w0:.3f} / {c1 - c0:.3f} | "
        f"{w2 - w1:.3f} / {c2 - c1:.3f} | {w2 - w0:.3f} / {c2 - c0:.3f} |"
    )


def main() -> None:
    """Print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--messages", type=int, nargs="*", default=[1000, 5000, 10000])
    parser.add_argument("--only-messages", action="store_true")
    args = parser.parse_args()
    print("| many messages | redact s (wall / CPU) | restore s | total s |")
    print("|---|---:|---:|---:|")
    for n in args.messages:
        many_messages(n)
    print()
    if args.only_messages:
        return
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
