"""What a long-running classifier keeps of the prompts it has seen: spaCy's string store.

spaCy adds every word it tokenizes that it has not seen before to its vocabulary (a lexeme and
a string) and, outside a memory zone, keeps it for the life of the process: each name of each
prompt the NER windows held. This script classifies ``--calls`` distinct name-dense prompts
(``bench_classify``'s ``name-dense-intl`` family, 10 KB each) and prints, every ``--every``
calls, the size of the NER pipeline's string store, whether the first prompt's names are
still in it, and the process's max RSS. ``--src DIR`` measures other sources (e.g. a checkout
before the memory zone).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_ner_memory.py [--calls 200] [--src OLD/src]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _pipeline(classifier: Any) -> Any:
    """The spaCy pipeline of the classifier's name recognizer (its NER windows)."""
    for recognizer in classifier.recognizers:
        windows = getattr(recognizer, "_windows", None)
        if windows is not None:
            windows.wait_ready()
            return windows._nlp
    raise SystemExit("no NER pipeline found")


def main() -> None:
    """Classify the prompts and print the string store's size as it goes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--every", type=int, default=50)
    parser.add_argument("--src", help="sources to measure (default: the import path's)")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, args.src)
    import bench_classify  # the prompt families

    from hybridllm.classifiers import get_classifier

    classifier = get_classifier()
    nlp = _pipeline(classifier)
    classifier.classify("Ticket opened by Ada Lovelace; assigned to Kaori Tanaka.")
    first = bench_classify.build_family("name-dense-intl", 10240, 0)
    probe = [w for name in bench_classify._intl_names()[:400] for w in name.split()]
    probe = [w for w in probe if w in first and w not in nlp.vocab.strings][:20]
    rows = [{"calls": 0, "strings": len(nlp.vocab.strings), "kept": 0}]
    for k in range(args.calls):
        classifier.classify(bench_classify.build_family("name-dense-intl", 10240, k))
        if (k + 1) % args.every == 0:
            rows.append(
                {
                    "calls": k + 1,
                    "strings": len(nlp.vocab.strings),
                    "kept": sum(w in nlp.vocab.strings for w in probe),
                    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                }
            )
    print(f"probe: {len(probe)} words of the first prompt's names, new to the vocabulary")
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
