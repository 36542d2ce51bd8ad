"""A warmed classifier compiles no pattern and reads no file inside ``classify()``.

Run in a fresh interpreter: in the test session earlier tests have long since built whatever a
call builds on first need, so only a new process shows what the warm-up leaves to the calls.
The child counts, in the classifying thread only, every regex compile that reaches
``re``'s compiler (a miss of ``re``'s cache or a ``re.compile`` of a new pattern), every
Hyperscan database compile (``sys.setprofile``) and every ``open`` (an audit hook), then
prints where each came from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import hybridllm

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"

_CHILD = r"""
import importlib, json, sys, threading
from hybridllm.classifiers import get_classifier

texts = json.load(sys.stdin)
classifier = get_classifier()
assert classifier.wait_ready(600)
compiler = importlib.import_module("re._compiler").compile.__code__
me = threading.get_ident()
seen = []
active = False

def origin(frame):
    while frame is not None:
        code = frame.f_code
        if "hybridllm" in code.co_filename:
            return f"{code.co_filename.rsplit('/', 1)[-1]}:{frame.f_lineno}"
        frame = frame.f_back
    return "?"

def profile(frame, event, arg):
    if event == "call" and frame.f_code is compiler:
        seen.append("re compile at " + origin(frame))
    elif event == "c_call" and getattr(arg, "__name__", "") == "compile":
        owner = type(getattr(arg, "__self__", None)).__module__ or ""
        if owner.startswith("hyperscan"):
            seen.append("hyperscan compile at " + origin(frame))

def audit(event, args):
    if active and event == "open" and threading.get_ident() == me:
        seen.append(f"open at {origin(sys._getframe(1))}")

sys.addaudithook(audit)
for text in texts:
    active = True
    sys.setprofile(profile)
    try:
        classifier.classify(text)
    finally:
        sys.setprofile(None)
        active = False
print(json.dumps(seen))
"""


def _texts() -> list[str]:
    """A varied set: every kind of committed bench text (prose, code, logs, clinical notes,
    lower-case names, encodings, secrets, international addresses and phones), short and
    joined into ~10 KB, in a fixed sample."""
    out: list[str] = []
    for name in (
        "pii.jsonl",
        "phi.jsonl",
        "phi_ext/open.jsonl",
        "names_heldout.jsonl",
        "names_gen2/open.jsonl",
        "names_ext/benign_real_open.jsonl",
        "secrets.jsonl",
        "evasion.jsonl",
        "benign.jsonl",
    ):
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        texts = [t for t in (json.loads(line).get("text") for line in lines) if isinstance(t, str)]
        sample = texts[:: max(1, len(texts) // 40)]
        out += sample
        out.append("\n\n".join(sample)[:10240])
    return out


def test_a_warmed_classifier_compiles_and_reads_nothing_in_classify() -> None:
    texts = _texts()
    assert len(texts) > 300
    env = {**os.environ, "PYTHONPATH": str(Path(hybridllm.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == [], sorted(set(seen))
