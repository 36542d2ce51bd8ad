"""The clinical decision, measured both ways: notes found clinical, ordinary prompts not.

The decision (:func:`hybridllm.classifiers.clinical.is_clinical`) switches on the Safe Harbor
pass and the leak guard, so a false "clinical" on an ordinary prompt can change its route. This
bench reports, per data set and split:

- **notes**: clinical notes nobody here wrote (``bench/data/phi_ext/{open,sealed}.jsonl``, see
  its ``generate.py``): the share found clinical (recall).
- **ordinary prompts** nobody here wrote: ShareGPT first turns
  (``bench/data/names_ext/benign_real_{open,sealed}.jsonl``) and MT-Bench
  (``bench/data/clinical_ext/mtbench_sealed.jsonl``, sealed as a whole): the share found
  clinical, the share classified PHI, and the share whose route changes because of the clinical
  decision or PHI (classified PHI or SECRET, or clinical with something the leak guard would
  stop after redaction).
- **precision** of "clinical" over notes + prompts of the same split (prompts counted as
  negatives; a prompt that really is a patient's note counts against us).

``--show open`` lists the open-split prompts found clinical and the open notes missed; the
sealed splits are scored, never shown.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_clinical.py [--src OLD/src] [--show open]
        [--no-route]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bench_phi import load  # the script's folder is on sys.path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
ROUTE = {"PHI", "SECRET"}


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.2f}% ({a}/{b})" if b else "-"


def main() -> None:
    """Print the markdown tables."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    ap.add_argument("--show", choices=["open"], default=None)
    ap.add_argument("--no-route", action="store_true", help="decision only (no classifier)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    from hybridllm.classifiers.clinical import is_clinical

    classify = guard = None
    if not args.no_route:
        from hybridllm.classifiers import get_classifier
        from hybridllm.classifiers.leak_guard import residual_identifiers
        from hybridllm.redaction import redact_text
        from hybridllm.redaction.vault import PLACEHOLDER_RE

        clf = get_classifier()
        clf.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
        classify = clf.classify

        def guard(text: str, findings: Any) -> bool:
            sent = redact_text(text, findings).text
            return bool(residual_identifiers([sent], PLACEHOLDER_RE))

    print("| notes | split | N | found clinical (recall) |")
    print("|---|---|---:|---:|")
    notes: dict[str, int] = {}
    for split in ("open", "sealed"):
        recs = load(DATA / "phi_ext" / f"{split}.jsonl")
        hit = [is_clinical([r["text"]]) for r in recs]
        notes[split] = sum(hit)
        print(f"| phi_ext | {split} | {len(recs)} | {_pct(sum(hit), len(recs))} |")
        if args.show == split:
            for r, h in zip(recs, hit, strict=True):
                if not h:
                    print(f"  missed {r['id']} {r['text'][:160]!r}")
    sets = [
        ("ShareGPT", "open", DATA / "names_ext" / "benign_real_open.jsonl"),
        ("ShareGPT", "sealed", DATA / "names_ext" / "benign_real_sealed.jsonl"),
        ("MT-Bench", "sealed", DATA / "clinical_ext" / "mtbench_sealed.jsonl"),
    ]
    print(
        "\n| ordinary prompts | split | N | found clinical | classified PHI | route changed |"
        " precision of clinical (vs phi_ext same split) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, split, path in sets:
        recs = load(path)
        clin = phi = route = 0
        for r in recs:
            c = is_clinical([r["text"]])
            clin += c
            if c and args.show == split:
                print(f"  clinical {r['id']} {r['text'][:160]!r}")
            if classify is not None and guard is not None:
                res = classify(r["text"])
                phi += "PHI" in res.categories
                route += bool(res.categories & ROUTE) or (
                    res.clinical and guard(r["text"], res.findings)
                )
        tp = notes[split]
        prec = f"{tp / (tp + clin):.4f}" if tp + clin else "-"
        dash = "-" if classify is None else None
        print(
            f"| {name} | {split} | {len(recs)} | {_pct(clin, len(recs))} | "
            f"{dash or _pct(phi, len(recs))} | {dash or _pct(route, len(recs))} | {prec} |"
        )


if __name__ == "__main__":
    main()
