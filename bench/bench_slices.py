"""Robustness: classify, redact and restore text cut anywhere, and count what breaks.

Takes the open (never the sealed) bench texts of ``bench/data``, cuts each at a random place
(half of the cuts at a line start or after punctuation) to a random length, puts white space
or placeholder-like text around the piece, and in 70% of the cases inserts a few odd
characters (zero-width and bidi marks, combining accents, emoji, full-width digits, soft
hyphens, line separators). Every piece is then:

- classified (a crash fails closed: the call would be kept local or blocked);
- redacted with its findings and restored, whole and streamed at random cuts: both must give
  the piece back exactly;
- checked for a finding's value of six characters or more left verbatim in the redacted text.

Prints the counts per kind of failure and the first examples. Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_slices.py [--seed 1] [--n 3000]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import traceback
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_AROUND = ["", "\n", " \n", "\r", "\u00a0", "\t", "\u2028", "\x0c", "\\n", "\r\n", '"', "("]
_AROUND += ["[PERSON_1] ", "<<PERSON_1>>"]
_ODD = ["\u200b", "\u200d", "\u0301", "\u202e", "\U0001f600", "\uff11", "\u00ad", "\ufeff"]
_ODD += ["\u2060", "\u2028", "\u00a0", "\u3000", "\u0130", "\u1e9e", "ß", "ﬁ", "\u212a"]


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("**/*.jsonl")):
        if "sealed" in path.name or "probe_c" in path.name:
            continue  # scored elsewhere, never read
        for line in path.read_text("utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            text = rec.get("text") if isinstance(rec, dict) else None
            if isinstance(text, str) and text:
                out.append(text)
    return out


def _piece(rnd: random.Random, texts: list[str]) -> str:
    text = rnd.choice(texts)
    start = rnd.randrange(len(text))
    if rnd.random() < 0.5:
        breaks = [i for i, c in enumerate(text) if c in "\n.,:;("]
        start = rnd.choice(breaks) if breaks else start
    piece = rnd.choice(_AROUND) + text[start : start + rnd.choice((5, 20, 60, 200, 600))]
    piece += rnd.choice(_AROUND)
    if rnd.random() < 0.7:
        chars = list(piece)
        for _ in range(rnd.randint(1, 6)):
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(_ODD))
        piece = "".join(chars)
    if rnd.random() < 0.15:
        piece = piece.lower()
    return piece


def main() -> None:
    """Run the slices and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    from hybridllm.classifiers import get_classifier
    from hybridllm.errors import HybridLLMError
    from hybridllm.redaction import StreamRestorer, Vault, redact_text

    classifier = get_classifier()
    classifier.wait_ready()
    texts = _texts()
    rnd = random.Random(args.seed)
    failed: collections.Counter[str] = collections.Counter()
    for _ in range(args.n):
        piece = _piece(rnd, texts)
        try:
            found = tuple(classifier.classify(piece).findings)
        except HybridLLMError as exc:
            failed["classify raised"] += 1
            if failed["classify raised"] <= 3:
                print("classify raised:", repr(piece[:120]), repr(exc), file=sys.stderr)
            continue
        vault = Vault()
        red = redact_text(piece, found, vault=vault)
        if red.restore(red.text) != piece:
            failed["restore differs"] += 1
            if failed["restore differs"] <= 3:
                print("restore differs:", repr(piece[:120]), file=sys.stderr)
        cuts = sorted(rnd.sample(range(len(red.text) + 1), min(4, len(red.text) + 1)))
        stream = StreamRestorer(vault)
        bounds = zip([0, *cuts], [*cuts, len(red.text)], strict=True)
        streamed = "".join(stream.feed(red.text[a:b]) for a, b in bounds) + stream.flush()
        if streamed != piece:
            failed["streamed restore differs"] += 1
        for f in found:
            value = piece[f.start : f.end]
            if len(value) >= 6 and value in red.text and value not in piece[: f.start]:
                failed["value left verbatim"] += 1
                break
    print(f"{args.n} pieces (seed {args.seed}) from {len(texts)} open bench texts")
    for kind in ("classify raised", "restore differs", "streamed restore differs"):
        print(f"- {kind}: {failed[kind]}")
    print(f"- a finding's value left verbatim elsewhere (info): {failed['value left verbatim']}")


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a crash of the bench itself, not of what it measures
        traceback.print_exc()
        raise
