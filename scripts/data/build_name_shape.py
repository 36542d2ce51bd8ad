"""Build ``name_shape.tsv``: a character model of how names are spelt, against English words.

Two character 4-gram models (Witten-Bell interpolation down to single letters) are trained on the
project's own word lists, never on labelled data:

- **names**: every given name and surname of ``first_names.txt``, ``surnames.txt`` (Faker's
  person providers, all locales), ``census_first_names.txt`` and ``census_surnames.txt``, less
  the words of ``vocab.txt``;
- **words**: every alphabetic word of ``vocab.txt`` (wordfreq, Webster's 2nd, package-name
  parts) that no name list holds.

:mod:`hybridllm.classifiers.name_shape` scores a word by the mean log-likelihood ratio per
character of the two models: ``kaarle`` +2.1, ``hendrika`` +1.1, ``swiftui`` -0.8,
``permaculture`` -1.1. The file holds, per model and per context of 0-3 letters seen in
training, the log of the weight left to shorter contexts and the log of the smoothed
probability of each letter seen after it, to four significant digits; it is a pure function
of the four lists, so a rebuild after a list changes is reproducible.

Usage (no dependency beyond the standard library)::

    python scripts/data/build_name_shape.py [--out FILE]

``tests/test_name_shape_build.py`` rebuilds it and compares it with the committed file.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
ORDER = 4  # letters of context + 1
# Contexts of 2-3 letters seen fewer times than this are left out of the file (a lookup backs
# off to the shorter context): 1.3 MB instead of 2.8, and the same split of names from words on
# the development lists (61% / 7% above 0.75 either way).
MIN_SEEN = 40
BOS, EOS = "^", "$"


def _read(name: str) -> set[str]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return {w.strip() for w in fh if w.strip()}


def _events(word: str) -> list[tuple[str, str]]:
    s = BOS * (ORDER - 1) + word + EOS
    return [(s[i - ORDER + 1 : i], s[i]) for i in range(ORDER - 1, len(s))]


def _train(words: list[str], seen_of: Counter[str]) -> dict[str, tuple[float, dict[str, float]]]:
    """context -> (weight of the context's own counts, letter -> interpolated probability);
    ``seen_of`` gets how often each context was seen."""
    counts: list[Counter[tuple[str, str]]] = [Counter() for _ in range(ORDER)]
    for w in words:
        for ctx, ch in _events(w):
            for k in range(ORDER):
                counts[k][(ctx[len(ctx) - k :], ch)] += 1
    alphabet = {ch for _, ch in counts[0]}
    uniform = 1.0 / (len(alphabet) + 1)
    table: dict[str, tuple[float, dict[str, float]]] = {}
    for k in range(ORDER):
        totals: Counter[str] = Counter()
        seen: defaultdict[str, dict[str, int]] = defaultdict(dict)
        for (cx, ch), n in counts[k].items():
            totals[cx] += n
            seen[cx][ch] = n
            seen_of[cx] += n
        for cx, letters in seen.items():
            lam = totals[cx] / (totals[cx] + len(letters))
            probs = {}
            for ch, n in letters.items():
                lower = _prob(table, cx[1:], ch, uniform) if k else uniform
                probs[ch] = lam * n / totals[cx] + (1 - lam) * lower
            table[cx] = (lam, probs)
    return table


_Table = dict[str, tuple[float, dict[str, float]]]


def _prob(table: _Table, cx: str, ch: str, uniform: float) -> float:
    entry = table.get(cx)
    if entry is None:
        return _prob(table, cx[1:], ch, uniform) if cx else uniform
    lam, probs = entry
    if ch in probs:
        return probs[ch]
    return (1 - lam) * (_prob(table, cx[1:], ch, uniform) if cx else uniform)


def main(argv: list[str] | None = None) -> None:
    """Write ``name_shape.tsv`` beside the lists (or to ``--out``)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=DATA / "name_shape.tsv")
    args = ap.parse_args(argv)
    vocab = _read("vocab.txt")
    names = set().union(
        *(
            _read(n)
            for n in (
                "first_names.txt",
                "surnames.txt",
                "census_first_names.txt",
                "census_surnames.txt",
            )
        )
    )
    pos = sorted(w for w in names - vocab if w.isalpha())
    neg = sorted(w for w in vocab - names if w.isalpha())
    lines = [f"# name_shape: {ORDER}-gram names ({len(pos)}) vs words ({len(neg)}); see build"]
    seen: dict[str, Counter[str]] = {"n": Counter(), "w": Counter()}
    for label, words in (("n", pos), ("w", neg)):
        table = _train(words, seen[label])
        for cx in sorted(table):
            lam, probs = table[cx]
            if len(cx) >= 2 and seen[label][cx] < MIN_SEEN:
                continue
            cells = " ".join(f"{ch}{math.log(p):.4g}" for ch, p in sorted(probs.items()))
            lines.append(f"{label}\t{cx}\t{math.log(1 - lam):.4g}\t{cells}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} contexts kept, {len(pos)} names, {len(neg)} words")


if __name__ == "__main__":
    main()
