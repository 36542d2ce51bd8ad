"""Real prompts: how many ordinary user prompts get a finding, beside recall on the same run.

Data: ``bench/data/names_ext/benign_real_{open,sealed}.jsonl``, first user turns of public
ShareGPT conversations (see ``bench/data/names_ext/build_benign_real.py`` for provenance and
licence). The open split was read while tuning; the sealed split never was.

A prompt "has a finding" when ``classify()`` returns any finding; it "changes the route" when a
finding is PHI or SECRET (under the default policy PHI goes local and SECRET is blocked; PII is
redacted and still goes to the cloud). Both are counted per entity type (a prompt counts once per
type). Recall on the labelled sets of ``bench/data`` is measured in the same run, so precision
work cannot silently cost recall.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_names_ext.py [--show open] [--src OLD/src]
        [--dev /tmp/extra.jsonl [--show dev]]   # the development prompts of build_dev_extra.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
ROUTE = {"PHI", "SECRET"}
# mimesis names in presidio-evaluator templates, split by template (see names_gen2/generate.py).
_GEN2_OPEN = "names_gen2/open.jsonl"
_GEN2_SEALED = "names_gen2/sealed.jsonl"
_GEN2_DEV = "names_gen2/dev.jsonl"


def _as_is(r: dict[str, Any]) -> bool:
    return bool(r.get("case") == "as-is")


def _lower(r: dict[str, Any]) -> bool:
    return bool(r.get("case") == "lower")


def load(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def real_rates(classify: Any, split: str, show: bool, path: Path | None = None) -> dict[str, Any]:
    """Share of prompts with any finding / a route-changing finding, and the types."""
    recs = load(path or DATA / "names_ext" / f"benign_real_{split}.jsonl")
    anyf = route = 0
    types: Counter[str] = Counter()
    rtypes: Counter[str] = Counter()
    for r in recs:
        c = classify(r["text"])
        if c.findings:
            anyf += 1
            types.update({f.entity_type for f in c.findings})
            if show:
                t = r["text"]
                spans = [f"{f.entity_type}:{t[f.start : f.end]!r}" for f in c.findings[:4]]
                print(f"  {r['id']} {' '.join(spans)}")
        if c.categories & ROUTE:
            route += 1
            rtypes.update({f.entity_type for f in c.findings if f.category in ROUTE})
    return {"n": len(recs), "any": anyf, "route": route, "types": types, "rtypes": rtypes}


def recall(
    classify: Any, name: str, kind: str, pred: Any = None, *, lower: bool = False
) -> tuple[int, int]:
    """Spans of ``kind`` covered >= 80% (non-space characters) by findings; with ``lower``, on
    the texts written in lower case (chat style; texts whose length that changes are skipped)."""
    hit = total = 0
    for r in load(DATA / name):
        if pred is not None and not pred(r):
            continue
        text = r["text"].lower() if lower else r["text"]
        if len(text) != len(r["text"]):
            continue
        mask = [False] * len(text)
        for f in classify(text).findings:
            mask[f.start : f.end] = [True] * (f.end - f.start)
        for s in r["spans"]:
            if s["type"] != kind:
                continue
            idx = [i for i in range(s["start"], s["end"]) if not text[i].isspace()]
            total += 1
            hit += sum(mask[i] for i in idx) >= 0.8 * len(idx)
    return hit, total


def main() -> None:
    """Print the markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--show", choices=["open", "dev"], default=None, help="list flagged prompts"
    )
    parser.add_argument(
        "--dev",
        type=Path,
        default=None,
        help="the development prompts (build_dev_extra.py's output): adds their row",
    )
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    parser.add_argument("--recall-only", action="store_true", help="skip the real prompts")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    print("| real prompts | N | any finding | route-changing (PHI/SECRET) | any, by type |")
    print("|---|---:|---:|---:|---|")
    splits = () if args.recall_only else ("open", "sealed", *(("dev",) if args.dev else ()))
    for split in splits:
        path = args.dev if split == "dev" else None
        r = real_rates(clf.classify, split, show=args.show == split, path=path)
        by_type = ", ".join(f"{k} {v}" for k, v in r["types"].most_common(8))
        rby = ", ".join(f"{k} {v}" for k, v in r["rtypes"].most_common(6)) or "-"
        print(
            f"| {split} | {r['n']} | {r['any'] / r['n']:.3f} ({r['any']}) | "
            f"{r['route'] / r['n']:.3f} ({r['route']}: {rby}) | {by_type} |"
        )
    print("\n| recall, same run | covered / total | recall |")
    print("|---|---:|---:|")
    rows = [
        ("names, generic PII set", "pii.jsonl", "PERSON", None),
        ("addresses, generic PII set", "pii.jsonl", "STREET_ADDRESS", None),
        ("names, held-out contexts", "names_heldout.jsonl", "PERSON", None),
        ("names, PHI notes", "phi.jsonl", "PERSON", None),
        ("lower-case names, evasion set", "evasion.jsonl", "PERSON", None),
        ("names, 2nd generator, open, as written", _GEN2_OPEN, "PERSON", _as_is),
        ("names, 2nd generator, open, lower case", _GEN2_OPEN, "PERSON", _lower),
        ("names, 2nd generator, sealed, as written", _GEN2_SEALED, "PERSON", _as_is),
        ("names, 2nd generator, sealed, lower case", _GEN2_SEALED, "PERSON", _lower),
    ]
    for label, name, kind, pred in rows:
        hit, total = recall(clf.classify, name, kind, pred)
        print(f"| {label} | {hit}/{total} | {hit / total:.3f} |")
    # The held-out chat contexts (names_heldout.jsonl) written in lower case: other templates
    # than the second generator's, used as a development set for the lower-case rules.
    hit, total = recall(clf.classify, "names_heldout.jsonl", "PERSON", lower=True)
    print(f"| names, held-out contexts, lower case | {hit}/{total} | {hit / total:.3f} |")
    # The second generator's names in contexts of neither split, other seeds (names_gen2/dev.jsonl,
    # generate_dev.py): the held-out chat contexts and the open templates again, lower case.
    if (DATA / _GEN2_DEV).exists():
        for part in ("heldout", "open"):
            hit, total = recall(clf.classify, _GEN2_DEV, "PERSON", lambda r, p=part: r["part"] == p)
            label = f"names, 2nd generator, dev ({part} contexts), lower case"
            print(f"| {label} | {hit}/{total} | {hit / total:.3f} |")


if __name__ == "__main__":
    main()
