"""Identifiers hidden in base64 / base64url / hex / URL-encoding: found on the encoded span?

Values: the labelled spans of ``bench/data/pii.jsonl`` (presidio-evaluator sentences, see
Detection quality) of the types below, each encoded four ways and placed in one carrier line.
A value counts as found when findings cover the whole encoded span. Benign side: the real
ShareGPT prompts of ``bench/data/names_ext`` (open and sealed), counting prompts with a finding
that came from a decoded span (recognizer name ending in ``+decoded``).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_encoded.py [--limit N]
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "IBAN_CODE", "PERSON")
ENCODINGS = {
    "plain (not encoded)": lambda v: v,
    "base64": lambda v: base64.b64encode(v.encode()).decode(),
    "base64url": lambda v: base64.urlsafe_b64encode(v.encode()).decode().rstrip("="),
    "hex": lambda v: binascii.hexlify(v.encode()).decode(),
    "url": lambda v: quote(v, safe=""),
}


def load(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    """Print recall per encoding and type, and the decoded-finding rate on real prompts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=60, help="values per type")
    args = parser.parse_args()
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    values: dict[str, list[str]] = {t: [] for t in TYPES}
    for r in load(DATA / "pii.jsonl"):
        for s in r["spans"]:
            t = s["type"]
            v = r["text"][s["start"] : s["end"]]
            if t in values and len(values[t]) < args.limit and len(v) >= 8:
                values[t].append(v)
    hit: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for enc, fn in ENCODINGS.items():
        for t, vals in values.items():
            for v in vals:
                e = fn(v)
                text = f"debug payload from the crash log: {e} (see ticket)"
                start = text.index(e)
                end = start + len(e)
                c = clf.classify(text)
                total[enc, t] += 1
                hit[enc, t] += any(f.start <= start and end <= f.end for f in c.findings)
    print("| encoding | " + " | ".join(TYPES) + " | all |")
    print("|---|" + "---:|" * (len(TYPES) + 1))
    for enc in ENCODINGS:
        cells = [f"{hit[enc, t]}/{total[enc, t]}" for t in TYPES]
        h = sum(hit[enc, t] for t in TYPES)
        n = sum(total[enc, t] for t in TYPES)
        print(f"| {enc} | " + " | ".join(cells) + f" | {h / n:.3f} |")
    for split in ("open", "sealed"):
        recs = load(DATA / "names_ext" / f"benign_real_{split}.jsonl")
        decoded = sum(
            any(f.recognizer.endswith("+decoded") for f in clf.classify(r["text"]).findings)
            for r in recs
        )
        print(f"\nreal prompts ({split}): {decoded}/{len(recs)} with a finding from a decoded span")


if __name__ == "__main__":
    main()
