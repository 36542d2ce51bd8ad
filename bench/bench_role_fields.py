"""One-word names beside a role (``Airline pilot: Wielowieyska``): how many are found.

Labels and names come from sources the rules were not written from: the labels are Faker's
``en_US`` job titles (484 of three words or fewer before any comma: ``Airline pilot``,
``Dentist``, ``Tree surgeon``), the names the one-word parts of ``names_gen2``'s open file's
multi-word names (mimesis, 30 locales; never the sealed file): a given name and a surname per
record. Each record is written in three shapes: a roster line among two plain fields::

    Roster for Monday
    Airline pilot: Wielowieyska
    Shift: 08:00-16:00

the role in brackets after the name in a list (``Attendees: Wielowieyska (airline pilot),
Marek Nowak (host).``) and in an apposition (``Wielowieyska, our airline pilot, will send the
agenda.``). The score is the share of names found (any PERSON finding over the name), per
shape and name part, with ``--src OLD`` beside.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_role_fields.py [--src OLD/src]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any


def records() -> list[dict[str, Any]]:
    """The records (shape, part, name, text), deterministic."""
    from bench_classify import _intl_names
    from faker.providers.job.en_US import Provider

    labels = sorted(
        {j.split(",")[0].strip() for j in Provider.jobs if len(j.split(",")[0].split()) <= 3}
    )
    names = [n for n in _intl_names(("open",)) if n.count(" ") == 1 and n.istitle()]
    rng = random.Random(14)
    out = []
    for label in labels:
        full = rng.choice(names)
        for part, name in zip(("given", "surname"), full.split(), strict=True):
            role = label.lower()
            for shape, text in (
                ("field", f"Roster for Monday\n{label}: {name}\nShift: 08:00-16:00"),
                ("brackets", f"Attendees: {name} ({role}), Marek Nowak (host)."),
                ("apposition", f"{name}, our {role}, will send the agenda."),
            ):
                out.append({"shape": shape, "part": part, "name": name, "text": text})
    return out


def worker() -> dict[str, Any]:
    """Score the records with the ``hybridllm`` on ``sys.path``."""
    from hybridllm.classifiers import get_classifier

    classifier = get_classifier()
    found: dict[str, list[int]] = {}
    for r in records():
        text, name = r["text"], r["name"]
        start = text.index(name)
        hit = any(
            f.entity_type == "PERSON" and f.start < start + len(name) and start < f.end
            for f in classifier.classify(text).findings
        )
        cell = found.setdefault(f"{r['shape']} {r['part']}", [0, 0])
        cell[0] += hit
        cell[1] += 1
    return found


def main() -> None:
    """Print the found shares (and the baseline's)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", help="also measure these sources")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker()))
        return
    runs = {"this code": None, **({f"{args.src}": args.src} if args.src else {})}
    shapes = ("field", "brackets", "apposition")
    print("| sources | " + " | ".join(f"{s}: given names / surnames found" for s in shapes) + " |")
    print("|---|" + "---:|" * len(shapes))
    for label, src in runs.items():
        env_path = [src] if src else []
        code = (
            "import sys; sys.path[:0] = " + repr([*env_path, str(Path(__file__).parent)]) + "; "
            "import bench_role_fields as b, json; print(json.dumps(b.worker()))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        res = json.loads(out.strip().splitlines()[-1])
        cells = [
            " / ".join(f"{100 * a / n:.1f}%" for a, n in (res[f"{s} given"], res[f"{s} surname"]))
            for s in shapes
        ]
        n = res["field given"][1]
        print(f"| {label} (n = {n} each) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
