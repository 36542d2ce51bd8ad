"""Classification latency: p50/p95 for ~200 B, 1 KB and 10 KB prompts, plus cold start.

The default (fast) engine: regexes + checksums + detect-secrets plugins on every call, a name
lexicon, and spaCy NER only on name-candidate windows (see hybridllm.classifiers.names).

Prompts are built deterministically from the text below: benign prose and code questions with a
few identifiers (a name, an email, a phone number, an MRN, an AWS key id) mixed in.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_classify.py [--iterations N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

BENIGN = [
    "How do I reverse a list in Python without creating a copy?",
    "Explain the difference between a process and a thread, with an example in Go.",
    "Summarize the main causes of the French Revolution in a few sentences.",
    "Why does my React component re-render when the parent state changes?",
    "Write a SQL query that returns the top five customers by total order value.",
    "What is the capital of Australia, and why was it chosen over Sydney?",
    "Give me three tips for writing clear commit messages in a large team.",
    "Compare merge sort and quicksort in terms of memory use and stability.",
]
SENSITIVE = [
    "Please reply to Maria Garcia at maria.garcia@example.com or (212) 555-0187.",
    "Patient John Smith, MRN: 12345678, DOB: 03/14/1962, continues metformin 500 mg.",
    "The deploy fails with aws_access_key_id = AKIAIOSFODNN7EXAMPLE in the config file.",
]


def build_prompt(size: int) -> str:
    """A prompt of about ``size`` bytes: benign sentences with one identifier every ~400 B."""
    parts: list[str] = []
    i = 0
    length = 0
    while length < size:
        # Sentence 1, 5, 9, ... carries an identifier, so even the 200 B prompt has one.
        sensitive = i % 4 == 1
        sentence = SENSITIVE[(i // 4) % len(SENSITIVE)] if sensitive else BENIGN[i % len(BENIGN)]
        parts.append(sentence)
        length += len(sentence) + 1
        i += 1
    return " ".join(parts)[:size]


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[k]


def cold_start() -> tuple[float, float, float]:
    """Fresh interpreter: seconds to the first classification, to NER ready, and RSS MB after."""
    code = (
        "import time, resource; t = time.perf_counter()\n"
        "from hybridllm.classifiers import get_classifier\n"
        "c = get_classifier()\n"
        "c.classify('Patient John Smith, MRN: 12345678')\n"
        "first = time.perf_counter() - t\n"
        "c.recognizers[-1].wait_ready()\n"
        "c.classify('Ask Okafor about it')\n"
        "ready = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(first, ready, rss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
        timeout=120,
    )
    first, ready, rss = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(ready), float(rss)


def main() -> None:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=0, help="override per-size N")
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    sys.path.insert(0, str(SRC))
    from hybridllm.classifiers import get_classifier

    colds = [cold_start() for _ in range(args.cold_runs)]

    classifier = get_classifier()
    classifier.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    rows = []
    shares: dict[str, dict[str, float]] = {}
    for label, size, default_n in (("200 B", 200, 300), ("1 KB", 1024, 100), ("10 KB", 10240, 30)):
        text = build_prompt(size)
        n = args.iterations or default_n
        for _ in range(5):  # warm-up
            classifier.classify(text)
        samples = []
        classifier.stage_ms.clear()
        for _ in range(n):
            t0 = time.perf_counter()
            result = classifier.classify(text)
            samples.append((time.perf_counter() - t0) * 1000)
        shares[label] = {k: v / n for k, v in classifier.stage_ms.items()}
        rows.append(
            (
                label,
                len(text.encode()),
                n,
                statistics.median(samples),
                percentile(samples, 95),
                len(result.findings),
                ",".join(sorted(result.categories)) or "-",
            )
        )

    print("| prompt | bytes | N | p50 ms | p95 ms | findings | categories |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for label, nbytes, n, p50, p95, nf, cats in rows:
        print(f"| {label} | {nbytes} | {n} | {p50:.1f} | {p95:.1f} | {nf} | {cats} |")
    print()
    print("Per-stage mean ms per call (share of the stages' total):")
    for label, stages in shares.items():
        total = sum(stages.values()) or 1.0
        parts = ", ".join(
            f"{k} {v:.2f} ({100 * v / total:.0f}%)"
            for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
        )
        print(f"- {label}: {parts}")
    print()
    firsts = [c[0] for c in colds]
    readys = [c[1] for c in colds]
    print(
        f"Cold start (fresh interpreter: import + build + first classify), {args.cold_runs} runs: "
        f"median {statistics.median(firsts):.2f} s, max {max(firsts):.2f} s; "
        f"NER loaded (background) and used: median {statistics.median(readys):.2f} s; "
        f"max RSS after load {statistics.median(c[2] for c in colds):.0f} MB"
    )


if __name__ == "__main__":
    main()
