"""Classification latency: p50/p95 for ~200 B, 1 KB and 10 KB prompts of three families.

The default (fast) engine: regexes + checksums + detect-secrets plugins on every call, a name
lexicon, and spaCy NER only on name-candidate windows (see hybridllm.classifiers.names).

Families (all built deterministically in this script; every timed call gets a different prompt
from a pool of ``--pool`` variants (default 20), so nothing can be answered from a cache of an
earlier call; with 20, p95 is about the second slowest prompt of the pool, so ``--pool 100``
gives a tail that depends less on which prompts the pool happens to hold):

- ``mixed``: benign prose and code questions with a few identifiers (a name, an email, a phone
  number, an MRN, an AWS key id) mixed in; the family the earlier rounds measured.
- ``name-dense``: support logs, CRM exports (CSV rows) and chat transcripts with a person's name
  every few words. Names come from ``bench/data/names_heldout.jsonl`` (presidio-evaluator's
  FakeNameGenerator CSV, not the lists the detector uses).
- ``name-dense-intl``: the same four line shapes and a fifth, a chat line typed in lower case
  (``anita: hey ada ubbadóttir, did wielowieyska send the router?``), with the names of
  another generator in many locales: the multi-word names of ``names_gen2``'s open and dev
  files (mimesis, 30 locales; never the sealed file). Names in none of the detector's lists
  reach more of its rules and NER than the US names above do.
- ``code-log``: pasted Python tracebacks, service logs with IPs and request ids, JSON config and
  CamelCase-heavy source code.
- ``records``: Faker-built contact records, chats, tickets, e-mails, tables, name lists and
  meeting notes in 12 locales, one of nine shapes per prompt (see ``latency_records.py``): a
  generator and shapes the detector was not tuned on.
- ``clinical``: clinical notes nobody here wrote (``bench/data/phi_ext/open.jsonl``, see its
  ``generate.py``) joined to the size, as ``bench_phi.py --latency`` does: Unicode-rich
  (``SpO₂``, ``x10⁹/L``, no-break spaces), so the normalized view covers much of the text.

``--baseline DIR`` also runs the same grid with the sources in ``DIR`` (e.g. ``/work/main/src``
or a checkout of the previous commit) in a separate interpreter, in the same run, and prints
both. Each tree runs ``--rounds`` times (default 2) in fresh interpreters, alternating
A B B A ..., and the samples of its rounds are pooled per cell: run one after the other, the
tree run second came out 0-20% faster on this shared machine. Wall-clock p50/p95 are
reported with the CPU time of the calling thread beside them: on a shared machine the wall
clock also counts time other processes held the core.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_classify.py [--iterations N] [--baseline DIR] \
        [--families clinical,mixed] [--rounds 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from latency_records import records_prompt  # the script's folder is on sys.path

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
    "The deploy fails with aws_access_key_id = AKIAZ3MSJ7QXP4LKH2TD in the config file.",
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


FIRSTS = ["Hi", "Thanks", "Hello", "Dear", "Morning"]
PRODUCTS = ["the router", "invoice 4471", "the mobile app", "order 88213", "the VPN client"]
ISSUES = ["keeps disconnecting", "was charged twice", "shows an error 502", "cannot log in"]


def _names() -> list[str]:
    """Person names from the held-out set (FakeNameGenerator CSV via presidio-evaluator)."""
    path = Path(__file__).resolve().parent / "data" / "names_heldout.jsonl"
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for span in r["spans"]:
            if span["type"] == "PERSON":
                value = r["text"][span["start"] : span["end"]]
                if " " in value and value[0].isupper():
                    out.add(value)
    return sorted(out)


def _intl_names(parts: tuple[str, ...] = ("open", "dev")) -> list[str]:
    """Multi-word names, as written, of names_gen2's open and dev files (never the sealed one)."""
    out: set[str] = set()
    for part in parts:
        path = Path(__file__).resolve().parent / "data" / "names_gen2" / f"{part}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("case") == "lower":
                continue
            for span in r["spans"]:
                value = r["text"][span["start"] : span["end"]]
                if span["type"] == "PERSON" and " " in value and value[0].isupper():
                    out.add(value)
    return sorted(out)


def _intl_line(rng: random.Random, names: list[str]) -> str:
    if rng.randrange(5):
        return _name_dense_line(rng, names)
    a, b, c = rng.sample(names, 3)
    return (
        f"{a.split()[0].lower()}: hey {b.lower()}, did {c.split()[-1].lower()} "
        f"send {rng.choice(PRODUCTS)}?"
    )


def _name_dense_line(rng: random.Random, names: list[str]) -> str:
    a, b, c = rng.sample(names, 3)
    first = a.split()[0]
    kind = rng.randrange(4)
    if kind == 0:  # support log
        return (
            f"[2026-03-{rng.randint(1, 28):02d} {rng.randint(8, 18)}:{rng.randint(0, 59):02d}] "
            f"{a} (agent): customer {b} reports {rng.choice(PRODUCTS)} "
            f"{rng.choice(ISSUES)}; escalated to {c}."
        )
    if kind == 1:  # CRM export
        return (
            f"{rng.randint(10000, 99999)},{a},{first.lower()}.{rng.randint(1, 99)}@example.com,"
            f"Account Manager,{c},{rng.choice(['open', 'won', 'lost'])}"
        )
    if kind == 2:  # chat transcript
        return f"{a}: {rng.choice(FIRSTS)} {b.split()[0]}, can you check {rng.choice(PRODUCTS)}?"
    return f"Ticket #{rng.randint(1000, 9999)} opened by {a}; assigned to {b}; cc {c}."


CODE_LOG = [
    'Traceback (most recent call last):\n  File "/srv/app/worker.py", line {n}, in run\n'
    "    result = DeQueueIterator(self.queue).next_batch()\n"
    "AttributeError: 'NoneType' object has no attribute 'next_batch'",
    "{ts} INFO  [req-{h}] GET /api/v2/orders/{n} 200 {ms}ms client=10.0.{a}.{b} ua=curl/8.4",
    "{ts} WARN  ConnectionPool: retrying host 0.0.0.0:{n} after ResetError (attempt {a})",
    '@app.get("/items/{{item_id}}")\nasync def read_item(item_id: int, q: str | None = None):'
    '\n    return {{"item_id": item_id, "q": q}}',
    "class OrderRepository(BaseRepository[Order]):\n    def find_by_status(self, status: "
    "OrderStatus) -> list[Order]:\n        return self.session.query(Order).filter_by("
    "status=status).all()",
    '{{"service": "billing", "replicas": {a}, "image": "registry.local/billing:{n}", '
    '"env": {{"LOG_LEVEL": "debug", "POOL_SIZE": {b}}}}}',
    "kubectl rollout status deployment/checkout-api -n prod  # timed out after {n}s",
    "ERROR HttpClientHandler: SSL handshake failed for api.internal.example:443 ({h})",
]


def _code_log_line(rng: random.Random) -> str:
    return rng.choice(CODE_LOG).format(
        n=rng.randint(10, 9999),
        a=rng.randint(0, 255),
        b=rng.randint(1, 254),
        ms=rng.randint(1, 900),
        h=f"{rng.getrandbits(32):08x}",
        ts=f"2026-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}Z",
    )


def _fill(size: int, lines: Iterator[str]) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        line = next(lines)
        parts.append(line)
        length += len(line) + 1
    return "\n".join(parts)[:size]


def _clinical_notes() -> list[str]:
    path = Path(__file__).resolve().parent / "data" / "phi_ext" / "open.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def build_family(family: str, size: int, variant: int) -> str:
    """Prompt number ``variant`` of ``family`` at about ``size`` bytes."""
    if family == "clinical":
        notes = _clinical_notes()
        parts: list[str] = []
        j = variant * 7
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(notes[j % len(notes)])
            j += 1
        return "\n\n".join(parts)[:size]
    if family == "mixed":
        # Rotate the sentence list so variants differ but keep the same identifier density.
        text = build_prompt(size + 400)
        cut = (variant * 37) % 400
        return text[cut : cut + size]
    rng = random.Random(f"{family}-{size}-{variant}")
    if family == "name-dense":
        names = _names()
        return _fill(size, iter(lambda: _name_dense_line(rng, names), None))
    if family == "name-dense-intl":
        names = _intl_names()
        return _fill(size, iter(lambda: _intl_line(rng, names), None))
    if family == "records":
        return records_prompt(size, variant)
    return _fill(size, iter(lambda: _code_log_line(rng), None))


FAMILIES = ("mixed", "name-dense", "name-dense-intl", "records", "code-log", "clinical")
SIZES = (("200 B", 200, 300), ("1 KB", 1024, 100), ("10 KB", 10240, 30))
POOL = 20


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[k]


def cold_start(src: Path) -> tuple[float, float, float]:
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
        env={"PYTHONPATH": str(src)},
        timeout=120,
    )
    first, ready, rss = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(ready), float(rss)


def _stage_cpu(classifier: Any, pool: list[str]) -> dict[str, float]:
    """CPU ms per call of each stage alone, in the classifier's own order: the normalized view,
    the prefilter scan (where there is one), the clinical decision, then each recognizer on the
    text (the clinical pass first on a clinical payload, its identifiers settling the name
    stage's words where the code does that) and, as ``<name>+view``, on the normalized view."""
    pf: Any = None
    with contextlib.suppress(ImportError):  # the previous code has no prefilter
        from hybridllm.classifiers import prefilter as pf
    from hybridllm.classifiers import combine
    from hybridllm.classifiers import normalize as norm

    def strong_only(
        _text: str, found: list[Any]
    ) -> list[tuple[int, int]]:  # the code before settled_spans
        return [(f.start, f.end) for f in found if f.entity_type != "PROPER_NOUN"]

    settle = getattr(combine, "settled_spans", strong_only)
    index = getattr(classifier, "_prefilter", None)
    stage_cpu: dict[str, float] = {}

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        c0 = time.thread_time()
        out = fn(*args, **kwargs)
        stage_cpu[name] = stage_cpu.get(name, 0.0) + (time.thread_time() - c0) * 1000
        return out

    # Since round 6 every recognizer reads no-break spaces as spaces (counted with normalize).
    spaced = getattr(norm, "spaced", None)
    for given in pool:
        text = given if spaced is None else timed("normalize", spaced, given)
        view = timed("normalize", norm.normalize, text) if classifier.normalize else None
        texts = [text] + ([view.text] if view is not None else [])
        scope: Any = contextlib.nullcontext()
        if pf is not None and index is not None:
            scope = pf.scanning(index, *texts)
            for t in texts:
                timed("prefilter", scope.hits, t)
        with scope:
            clinical = classifier.clinical is not None and timed(
                "clinical", classifier.clinical, [text]
            )
            extra = tuple(classifier.clinical_recognizers) if clinical else ()
            first = extra if getattr(classifier.recognizers[-1], "accepts_settled", False) else ()
            settled: list[tuple[int, int]] = []
            for rec in (*first, *classifier.recognizers, *(() if first else extra)):
                if settled and getattr(rec, "accepts_settled", False):
                    found = timed(rec.name, rec.find, text, settled=settled)
                else:
                    found = timed(rec.name, rec.find, text)
                if rec in extra:
                    settled += settle(text, found)
                mode = getattr(rec, "normalized_view", True)
                seen = view if mode is True else getattr(view, "words", view) if mode else None
                if view is not None and seen is not None:
                    timed(f"{rec.name}+view", rec.find, seen.text)
    return {k: v / len(pool) for k, v in stage_cpu.items()}


def worker(
    iterations: int, families: tuple[str, ...] = FAMILIES, pool_size: int = POOL
) -> dict[str, Any]:
    """Time every family and size with the ``hybridllm`` on ``sys.path``; return the results."""
    from hybridllm.classifiers import get_classifier

    classifier = get_classifier()
    classifier.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    if hasattr(classifier, "wait_ready"):  # the regex prefilter compiles in the background
        classifier.wait_ready()
    rows: list[dict[str, Any]] = []
    for family in families:
        for label, size, default_n in SIZES:
            pool = [build_family(family, size, v) for v in range(pool_size)]
            n = iterations or default_n
            for text in pool[:5]:  # warm-up
                classifier.classify(text)
            wall: list[float] = []
            cpu: list[float] = []
            # Prompts 0-4 were classified in the warm-up; 5..pool_size-1 are new on their first
            # timed call (the name stage's per-word caches and spaCy's vocabulary hold the
            # words of every prompt seen before).
            first_seen: list[bool] = []
            findings = 0
            classifier.stage_ms.clear()
            for k in range(n):
                text = pool[k % pool_size]
                first_seen.append(5 <= k < pool_size)
                t0, c0 = time.perf_counter(), time.thread_time()
                result = classifier.classify(text)
                cpu.append((time.thread_time() - c0) * 1000)
                wall.append((time.perf_counter() - t0) * 1000)
                findings += len(result.findings)
            # Each stage alone, CPU time of this thread (the wall-clock stage_ms above also
            # counts time other processes held the core).
            stage_cpu = _stage_cpu(classifier, pool[:10])
            rows.append(
                {
                    "stage_cpu": stage_cpu,
                    "family": family,
                    "label": label,
                    "bytes": len(pool[0].encode()),
                    "n": n,
                    "p50": statistics.median(wall),
                    "p95": percentile(wall, 95),
                    "cpu50": statistics.median(cpu),
                    "cpu95": percentile(cpu, 95),
                    "findings": findings / n,
                    "stages": {k: v / n for k, v in classifier.stage_ms.items()},
                    "cpu_samples": cpu,
                    "wall_samples": wall,
                    "first_seen": first_seen,
                }
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "rss_mb": rss}


def run_tree(src: Path, iterations: int, families: str, pool_size: int = POOL) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter with ``src`` first on the path."""
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            "--iterations",
            str(iterations),
            "--families",
            families,
            "--pool",
            str(pool_size),
        ],
        capture_output=True,
        text=True,
        check=True,
        # a fixed hash seed: the Faker-built records prompts differ with it (both trees time
        # the same prompts only so)
        env={"PYTHONPATH": str(src), "PYTHONHASHSEED": "0"},
        timeout=3600,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One tree's results over several rounds: percentiles of the pooled samples per cell,
    stage times and findings averaged, the largest RSS."""
    rows: list[dict[str, Any]] = []
    for cells in zip(*(run["rows"] for run in runs), strict=True):
        cpu = [x for c in cells for x in c["cpu_samples"]]
        wall = [x for c in cells for x in c["wall_samples"]]
        row = dict(cells[0])
        row.update(
            cpu_samples=cpu,
            first_seen=[x for c in cells for x in c.get("first_seen", [])],
        )
        row.update(
            n=len(cpu),
            p50=statistics.median(wall),
            p95=percentile(wall, 95),
            cpu50=statistics.median(cpu),
            cpu95=percentile(cpu, 95),
            findings=statistics.fmean(c["findings"] for c in cells),
            stage_cpu={
                k: statistics.fmean(c["stage_cpu"].get(k, 0.0) for c in cells)
                for k in cells[0]["stage_cpu"]
            },
        )
        rows.append(row)
    return {"rows": rows, "rss_mb": max(run["rss_mb"] for run in runs)}


def tail_line(row: dict[str, Any]) -> str:
    """First-seen vs repeated CPU p50, and the first-seen share of the calls at or above p95."""
    cpu, first = row.get("cpu_samples", []), row.get("first_seen", [])
    if not first or len(first) != len(cpu):
        return "n/a"
    new = [x for x, f in zip(cpu, first, strict=True) if f]
    old = [x for x, f in zip(cpu, first, strict=True) if not f]
    top = [f for x, f in zip(cpu, first, strict=True) if x >= row["cpu95"]]
    p50 = f"{statistics.median(new):.2f} / {statistics.median(old):.2f}" if new and old else "n/a"
    return f"{p50}; {sum(top)} of the {len(top)} calls >= p95 first-seen"


def print_table(title: str, result: dict[str, Any], base: dict[str, Any] | None) -> None:
    """Print one tree's results as markdown (with the baseline's p50 beside, if given)."""
    print(f"### {title}\n")
    print(f"Memory after load and all runs (max RSS): {result['rss_mb']:.0f} MB\n")
    extra = " | previous CPU p50 ms | previous CPU p95 ms" if base else ""
    print(
        "| family | prompt | bytes | N | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | CPU p95/p50 "
        f"| findings{extra} |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:" + ("|---:|---:" if base else "") + "|")
    for k, r in enumerate(result["rows"]):
        prev = ""
        if base:
            b = base["rows"][k]
            prev = f" | {b['cpu50']:.1f} | {b.get('cpu95', float('nan')):.1f}"
        print(
            f"| {r['family']} | {r['label']} | {r['bytes']} | {r['n']} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['cpu50']:.1f} | {r.get('cpu95', float('nan')):.1f} | "
            f"{r.get('cpu95', float('nan')) / r['cpu50']:.2f} | {r['findings']:.1f}{prev} |"
        )
    print("\nThe tail: CPU p50 ms of the calls on a prompt new to the process / seen before, and")
    print("how many of the calls at or above CPU p95 were first calls on a new prompt:")
    for r in result["rows"]:
        print(f"- {r['family']} {r['label']}: {tail_line(r)}")
    print("\nPer-stage CPU ms per call, each stage run alone on 10 prompts (share of the total):")
    for r in result["rows"]:
        stages = r["stage_cpu"]
        total = sum(stages.values()) or 1.0
        parts = ", ".join(
            f"{k} {v:.2f} ({100 * v / total:.0f}%)"
            for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
        )
        print(f"- {r['family']} {r['label']}: {parts}")
    print()


def main() -> None:
    """Run the benchmark and print markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=0, help="override per-size N")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None, help="sources of the old code")
    parser.add_argument(
        "--families", default=",".join(FAMILIES), help="comma-separated subset of the families"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="fresh runs per tree, alternating A B B A ... (the tree run second tends to come "
        "out faster on this shared machine); samples are pooled per cell",
    )
    parser.add_argument(
        "--pool", type=int, default=POOL, help="prompt variants per family and size (default 20)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    families = tuple(f for f in args.families.split(",") if f)
    if unknown := set(families) - set(FAMILIES):
        parser.error(f"unknown families: {sorted(unknown)}")

    if args.worker:
        print(json.dumps(worker(args.iterations, families, args.pool)))
        return
    trees = [("this code", SRC)]
    if args.baseline is not None:
        trees.append(("previous code", args.baseline.resolve()))
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    for r in range(max(1, args.rounds)):
        for name, src in trees if r % 2 == 0 else trees[::-1]:
            runs[name].append(run_tree(src, args.iterations, args.families, args.pool))
    results = {name: pooled(got) for name, got in runs.items()}
    base = results.get("previous code")
    print_table("this code", results["this code"], base)
    if base is not None:
        print_table("previous code", base, None)
    for name, src in trees:
        colds = [cold_start(src) for _ in range(args.cold_runs)]
        firsts = [c[0] for c in colds]
        readys = [c[1] for c in colds]
        print(
            f"Cold start, {name} (fresh interpreter: import + build + first classify), "
            f"{args.cold_runs} runs: median {statistics.median(firsts):.2f} s; "
            f"NER loaded (background) and used: median {statistics.median(readys):.2f} s; "
            f"max RSS after load {statistics.median(c[2] for c in colds):.0f} MB"
        )


if __name__ == "__main__":
    main()
