"""Do two source trees find the same things? Findings of every bench text, compared text by text.

Classifies every text of every ``bench/data/**/*.jsonl`` file (each message of a multi-message
record as one payload) plus the latency prompts of ``bench_classify.py`` with the sources in
each ``--src`` directory (a fresh interpreter per tree) and compares, text by text, the findings
(entity type, category, message, offsets, score, recognizer) and the clinical flag.

For a changed text the output names the file and record; only for files that are not sealed
does it also print the differing findings with the text around them (sealed files are counted,
never printed).

Usage::

    PYTHONPATH=src .venv/bin/python bench/findings_diff.py --src /tmp/base/src --src src \
        [--only phi_ext] [--show 20] [--coverage] [--extra /tmp/more.jsonl ...]

``--coverage`` also compares what redaction would remove (the union of the finding spans):
a change of type with the same coverage is listed apart from a change of what is removed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"


def texts(only: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str, list[str]]]:
    """(file, record id, messages) for every bench text (and every ``extra`` JSONL file's), in a
    fixed order."""
    out: list[tuple[str, str, list[str]]] = []
    for path in [*sorted(DATA.rglob("*.jsonl")), *map(Path, extra)]:
        rel = str(path.relative_to(DATA)) if path.is_relative_to(DATA) else str(path)
        if only and only not in rel:
            continue
        for k, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if not line.strip():
                continue
            r = json.loads(line)
            if "messages" in r:
                msgs = [str(m.get("content", "")) for m in r["messages"]]
            else:
                msgs = [str(r.get("text", ""))]
            out.append((rel, str(r.get("id", k)), msgs))
    if not only or only == "latency":
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_classify import FAMILIES, POOL, SIZES, build_family

        for family in FAMILIES:
            for label, size, _n in SIZES:
                for v in range(POOL):
                    out.append(
                        ("latency", f"{family}-{label}-{v}", [build_family(family, size, v)])
                    )
    return out


def worker(only: str, extra: tuple[str, ...] = ()) -> None:
    """Print one JSON line per text: the findings and the clinical flag."""
    from hybridllm.classifiers import get_classifier

    classifier = get_classifier()
    classifier.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    classifier.wait_ready()
    for _file, _rid, msgs in texts(only, extra):
        c = classifier.classify_messages(msgs)
        print(
            json.dumps(
                [
                    c.clinical,
                    [
                        [
                            f.entity_type,
                            f.category,
                            f.message_index,
                            f.start,
                            f.end,
                            round(f.score, 4),
                            f.recognizer,
                        ]
                        for f in c.findings
                    ],
                ]
            )
        )


def run(src: str, only: str, cache: Path | None = None, extra: tuple[str, ...] = ()) -> list[Any]:
    """Findings of every text with the sources in ``src`` (read from / saved to ``cache``)."""
    if cache is not None and cache.exists():
        return list(json.loads(cache.read_text()))
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--only", only]
        + [a for path in extra for a in ("--extra", path)],
        capture_output=True,
        text=True,
        check=True,
        # a fixed hash seed: the Faker-built latency prompts (records) vary with it
        env={"PYTHONPATH": str(Path(src).resolve()), "PYTHONHASHSEED": "0"},
    )
    result = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if cache is not None:
        cache.write_text(json.dumps(result))
    return result


def _cover(findings: list[list[Any]]) -> set[tuple[int, int]]:
    return {(int(f[2]), p) for f in findings for p in range(int(f[3]), int(f[4]))}


def main() -> None:
    """Compare the findings of the given trees (the first is the reference)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", action="append", required=False, default=[])
    parser.add_argument("--only", default="", help="files whose path contains this")
    parser.add_argument("--show", type=int, default=10, help="open differences printed")
    parser.add_argument("--coverage", action="store_true")
    parser.add_argument("--ref-cache", type=Path, default=None, help="reuse the first tree's run")
    parser.add_argument(
        "--extra", action="append", default=[], help="another JSONL file of texts (repeatable)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    extra = tuple(args.extra)
    if args.worker:
        worker(args.only, extra)
        return
    ref_src, new_src = args.src
    items = texts(args.only, extra)
    ref = run(ref_src, args.only, args.ref_cache, extra)
    new = run(new_src, args.only, extra=extra)
    assert len(ref) == len(items) == len(new)
    changed: dict[str, int] = {}
    removed: dict[str, int] = {}
    shown = 0
    for (file, rid, msgs), a, b in zip(items, ref, new, strict=True):
        if a == b:
            continue
        changed[file] = changed.get(file, 0) + 1
        lost = _cover(a[1]) - _cover(b[1])
        gained = _cover(b[1]) - _cover(a[1])
        if lost:
            removed[file] = removed.get(file, 0) + 1
        if "sealed" in file or shown >= args.show:
            continue
        shown += 1
        print(
            f"== {file} {rid}: clinical {a[0]} -> {b[0]}; coverage lost {len(lost)} chars, "
            f"gained {len(gained)}"
        )
        for f in a[1]:
            if f not in b[1]:
                m = msgs[f[2]]
                print(f"   - {f}  {m[max(0, f[3] - 20) : f[4] + 20]!r}")
        for f in b[1]:
            if f not in a[1]:
                m = msgs[f[2]]
                print(f"   + {f}  {m[max(0, f[3] - 20) : f[4] + 20]!r}")
    print(
        f"\n{len(items)} texts; changed findings in {sum(changed.values())}, "
        f"of which with less redaction coverage in {sum(removed.values())}"
    )
    for file in sorted(changed):
        print(f"   {file}: changed {changed[file]}, less coverage {removed.get(file, 0)}")


if __name__ == "__main__":
    main()
