"""Secrets detection on prompts nobody here wrote the detector for: recall, near misses, benign.

Data: ``bench/data/secrets_ext/{open,sealed}.jsonl`` (see generate.py there: values drawn from the
formats of betterleaks' and CredSweeper's maintained rule sets plus generic credentials, inside
~27 prompt contexts per split; the splits share no context template) and the benign prompts of
``bench/data/benign.jsonl``.

A secret counts as caught when findings of category SECRET cover at least 80% of its non-space
characters (what matters is that a redact policy removes it). A near-miss or benign prompt counts
as flagged when it has any SECRET finding.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_secrets.py [--misses N] [--by-context]

``--misses`` prints misses and false alarms of the OPEN split only: the sealed split is scored,
never shown.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
COVER = 0.8
TARGETS = {"recall": 0.99, "near_miss": 0.10, "benign": 0.005}


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def caught(text: str, span: dict[str, Any], mask: list[bool]) -> bool:
    idx = [i for i in range(span["start"], span["end"]) if not text[i].isspace()]
    return not idx or sum(mask[i] for i in idx) / len(idx) >= COVER


def family_group(family: str) -> str:
    """``betterleaks:github-pat`` -> ``betterleaks``; generic kinds stay apart."""
    source, _, name = family.partition(":")
    return f"generic:{name}" if source == "generic" else source


class Score:
    """Hits and totals per key."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, key: str, ok: bool) -> None:
        self.counts[key][0] += ok
        self.counts[key][1] += 1

    def rate(self, key: str) -> float:
        hit, total = self.counts.get(key, [0, 0])
        return hit / total if total else float("nan")

    def cell(self, key: str) -> str:
        hit, total = self.counts.get(key, [0, 0])
        return f"{hit / total:.3f} ({hit}/{total})" if total else "-"


def run(records: list[dict[str, Any]], classify: Any, show: int) -> tuple[Score, list[float]]:
    score = Score()
    times: list[float] = []
    shown = 0
    for r in records:
        text = r["text"]
        t0 = time.perf_counter()
        c = classify(text)
        times.append((time.perf_counter() - t0) * 1000)
        secret = [f for f in c.findings if f.category == "SECRET"]
        if r["kind"] == "near_miss":
            flagged = bool(secret)
            score.add("near_miss", flagged)
            score.add(r["family"], flagged)
            if flagged and shown < show:
                shown += 1
                print("FALSE ALARM", r["id"], r["family"], [text[f.start : f.end] for f in secret])
            continue
        mask = [False] * len(text)
        for f in secret:
            for i in range(f.start, f.end):
                mask[i] = True
        for s in r["spans"]:
            ok = caught(text, s, mask)
            score.add("all", ok)
            score.add(family_group(r["family"]), ok)
            score.add("context:" + r["context"], ok)
            score.add("format:" + r["family"], ok)
            if not ok and shown < show:
                shown += 1
                print("MISS", r["id"], r["family"], r["context"], repr(text[s["start"] : s["end"]]))
    return score, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", type=int, default=0, help="print N misses of the open split")
    parser.add_argument("--by-context", action="store_true", help="print recall per context")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.classify("warm up: the api key is 9f8e7d6c5b4a39281706f5e4d3c2b1a0")
    splits = {s: load(DATA / "secrets_ext" / f"{s}.jsonl") for s in ("open", "sealed")}
    scores: dict[str, Score] = {}
    times: list[float] = []
    for name, records in splits.items():
        scores[name], t = run(records, clf.classify, args.misses if name == "open" else 0)
        times += t
    benign = load(DATA / "benign.jsonl")
    b = Score()
    for r in benign:
        c = clf.classify(r["text"])
        b.add("benign", any(f.category == "SECRET" for f in c.findings))
        if any(f.category == "SECRET" for f in c.findings) and args.misses:
            print("BENIGN FLAGGED", r["id"])

    # PII / PHI sentences written by another generator (presidio-evaluator, Faker): any SECRET
    # finding there is a false alarm. SECRET findings come only from the secret recognizers.
    secret_recs = [
        r for r in clf.recognizers if r.name in {"secrets", "secret-rules", "credentials"}
    ]
    for name in ("pii.jsonl", "phi.jsonl"):
        for r in load(DATA / name):
            b.add(
                "pii_phi",
                any(f.category == "SECRET" for rec in secret_recs for f in rec.find(r["text"])),
            )

    o, s = scores["open"], scores["sealed"]
    formats = {k for k in o.counts if k.startswith("format:")} | {
        k for k in s.counts if k.startswith("format:")
    }
    both_caught = [k for k in formats if o.rate(k) == 1.0 and s.rate(k) == 1.0]
    print("\n| measure | open | sealed | target |")
    print("|---|---|---|---|")
    print(f"| secrets recall | {o.cell('all')} | {s.cell('all')} | >= {TARGETS['recall']} |")
    groups = sorted({family_group(k[7:]) for k in formats})
    for g in groups:
        print(f"| recall: {g} | {o.cell(g)} | {s.cell(g)} | |")
    print(
        f"| near-miss negatives flagged | {o.cell('near_miss')} | {s.cell('near_miss')} "
        f"| <= {TARGETS['near_miss']} |"
    )
    print(
        f"| benign prompts with a SECRET finding | {b.cell('benign')} | | <= {TARGETS['benign']} |"
    )
    print(f"| PII/PHI sentences (bench/data) with a SECRET finding | {b.cell('pii_phi')} | | |")
    print(
        f"\nformats: {len(formats)} in the data, {len(both_caught)} caught in every record of "
        f"both splits; contexts: open {sum(k.startswith('context:') for k in o.counts)}, "
        f"sealed {sum(k.startswith('context:') for k in s.counts)}"
    )
    nm = sorted(k for k in o.counts if k.startswith("near_miss:"))
    print("open near-miss flagged by kind:", ", ".join(f"{k[10:]} {o.cell(k)}" for k in nm))
    if args.by_context:  # the open split only: the sealed one is scored, not inspected
        for split, sc in (("open", o),):
            ctx = sorted(k for k in sc.counts if k.startswith("context:"))
            print(
                f"\n{split} recall by context:", ", ".join(f"{k[8:]} {sc.rate(k):.3f}" for k in ctx)
            )
    print(
        f"\nlatency per prompt (all {len(times)} records, mostly 100-400 chars): "
        f"p50 {statistics.median(times):.2f} ms, p95 {sorted(times)[int(0.95 * len(times))]:.2f} ms"
    )


if __name__ == "__main__":
    main()
