"""CPU cost of one NER call of the name stage: another tree's NER modules beside this tree's.

Collects every batch of windows the name stage sends to NER for the 20 latency prompts of each
family and size (``bench_classify.build_family``), then decodes each batch with
``ner_lean`` + ``ner_greedy`` of ``--base`` (loaded as separate modules on a second copy of the
model; Docs with their entities set, read back through ``doc.ents``, as the name stage did
before round 10) and with this tree's (as ``NerWindows.run`` does), interleaved, and prints
the best of ``--passes`` per batch, averaged over the batches, and the number of batches whose
entities (character offsets, labels) differ (must be 0). One process, so the load moves both
sides alike.

``--all-texts`` instead decodes, both ways, every batch the name stage sends while classifying
every text ``findings_diff.py`` compares (all bench data and the latency prompts; nothing
printed but the count of batches whose entities differ).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_ner_calls.py --base /tmp/base/src \
        [--families name-dense,clinical] [--passes 9] [--all-texts]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ents(docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]


def _base_call(nlp: Any, decoder: Any, batch: list[str]) -> list[list[tuple[int, int, str]]]:
    """What the name stage did per call before names round 10: Docs with their entities set
    (``decoder.pipe``), read back through ``doc.ents``."""
    return _ents(decoder.pipe(batch, nlp))


def _this_call(nlp: Any, decoder: Any, batch: list[str]) -> list[list[tuple[int, int, str]]]:
    """What ``NerWindows.run`` does since round 10: Docs, the decoder's entities, plain offsets
    (``name_ner._entity``); a tree without them is timed as before."""
    from hybridllm.classifiers import name_ner

    entity = getattr(name_ner, "_entity", None)
    if entity is None:
        return _base_call(nlp, decoder, batch)
    docs = [nlp.make_doc(t) for t in batch]
    return [
        [(x.start, x.end, x.label) for x in (entity(d, *e) for e in es)]
        for d, es in zip(docs, decoder.entities(docs), strict=True)
    ]


def _sides(base: Path) -> list[tuple[Any, Any, Any]]:
    """(nlp, one-thread context, decoder) for the ``base`` tree's NER modules and this tree's."""
    import spacy

    from hybridllm.classifiers import name_ner, ner_greedy, ner_lean
    from hybridllm.classifiers.names import SPACY_MODEL

    classes = base / "hybridllm" / "classifiers"
    base_lean = _load("base_ner_lean", classes / "ner_lean.py")
    base_greedy = _load("base_ner_greedy", classes / "ner_greedy.py")
    sides = []
    for lean, greedy in ((base_lean, base_greedy), (ner_lean, ner_greedy)):
        nlp = spacy.load(SPACY_MODEL, exclude=name_ner._SPACY_EXCLUDE)
        one = lean.numpy_blas(nlp) if lean.install(nlp) else None
        if one is None:
            raise SystemExit("lean encoder or numpy BLAS not installed")
        with one():
            decoder = greedy.install(nlp)
        if decoder is None:
            raise SystemExit("greedy decoder not installed")
        sides.append((nlp, one, decoder))
    return sides


def _batches(family: str, size: int) -> list[list[str]]:
    """The window batches the name stage sends to NER for the family's 20 latency prompts."""
    from bench_classify import build_family

    from hybridllm.classifiers import get_classifier, name_ner

    classifier: Any = get_classifier()
    classifier.recognizers[-1].wait_ready()
    classifier.wait_ready()
    collected: list[list[str]] = []
    original = name_ner.NerWindows.run

    def spy(self: Any, text: str, words: Any, candidates: list[int]) -> Any:
        spans = self.windows(text, words, candidates)
        collected.append(list(dict.fromkeys(text[s:e] for s, e in spans)))
        return original(self, text, words, candidates)

    name_ner.NerWindows.run = spy  # type: ignore[method-assign]
    try:
        for v in range(20):
            classifier.classify(build_family(family, size, v))
    finally:
        name_ner.NerWindows.run = original  # type: ignore[method-assign]
    return collected


def _every_batch() -> list[list[str]]:
    """The window batches the name stage sends while classifying every text ``findings_diff``
    compares (all bench data files and the latency prompts)."""
    from findings_diff import texts

    from hybridllm.classifiers import get_classifier, name_ner

    classifier: Any = get_classifier()
    classifier.recognizers[-1].wait_ready()
    classifier.wait_ready()
    collected: list[list[str]] = []
    original = name_ner.NerWindows.run

    def spy(self: Any, text: str, words: Any, candidates: list[int]) -> Any:
        spans = self.windows(text, words, candidates)
        collected.append(list(dict.fromkeys(text[s:e] for s, e in spans)))
        return original(self, text, words, candidates)

    name_ner.NerWindows.run = spy  # type: ignore[method-assign]
    try:
        for _file, _rid, msgs in texts(""):
            classifier.classify_messages(msgs)
    finally:
        name_ner.NerWindows.run = original  # type: ignore[method-assign]
    return collected


def check_all(sides: list[tuple[Any, Any, Any]]) -> None:
    """Decode every batch of every bench text both ways; print how many differ (must be 0)."""
    batches = _every_batch()
    differ = 0
    for batch in batches:
        found = []
        for k, (nlp, one, decoder) in enumerate(sides):
            with one():
                found.append((_base_call if k == 0 else _this_call)(nlp, decoder, batch))
        differ += found[0] != found[1]
    windows = sum(len(b) for b in batches)
    print(f"{len(batches)} batches ({windows} windows); with different entities: {differ}")


def main() -> None:
    """Print one markdown row per family and size: us per NER call, base and this tree."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, required=True, help="the other tree's src/")
    parser.add_argument("--families", default="name-dense,clinical")
    parser.add_argument("--passes", type=int, default=9)
    parser.add_argument(
        "--all-texts",
        action="store_true",
        help="no timing: compare the entities of every batch of every bench text",
    )
    args = parser.parse_args()
    sides = _sides(args.base)
    if args.all_texts:
        check_all(sides)
        return
    print("| family | size | NER calls / 20 prompts | base us | this us | this / base |")
    print("|---|---|---:|---:|---:|---:|")
    for family in args.families.split(","):
        for size in (200, 1024, 10240):
            batches = _batches(family, size)
            if not batches:
                continue
            best = [[float("inf")] * len(batches) for _ in sides]
            differ = 0
            for p in range(args.passes):
                for i, batch in enumerate(batches):
                    found = []
                    for k in (0, 1) if (p + i) % 2 == 0 else (1, 0):
                        nlp, one, decoder = sides[k]
                        call = _base_call if k == 0 else _this_call
                        with one():
                            t0 = time.thread_time()
                            ents = call(nlp, decoder, batch)
                            best[k][i] = min(best[k][i], time.thread_time() - t0)
                        found.append(ents)
                    differ += p == 0 and found[0] != found[1]
            base_us = statistics.mean(best[0]) * 1e6
            this_us = statistics.mean(best[1]) * 1e6
            print(
                f"| {family} | {size} | {len(batches)} | {base_us:.0f} | {this_us:.0f} | "
                f"{this_us / base_us:.2f} |  differing batches: {differ}"
            )


if __name__ == "__main__":
    main()
