"""How much a word is spelt like a name rather than an English word: a character model.

A word in no list (``kaarle``, ``hendrika``, ``swiftui``, ``permaculture``) says by its letters
whether it reads as a name: names of many languages end in ``-a``, ``-ov``, ``-sen``, hold
``kk``, ``ij``, ``aa``; English words and the parts of package names hold ``-tion``, ``-ui``,
``-ture``. Two character 4-gram models, one trained on the given names and surnames of the
project's lists and one on its English vocabulary (``scripts/data/build_name_shape.py``; no
labelled data), give :func:`name_likeness`: the mean log-likelihood ratio per character,
positive when the word reads as a name.

It is evidence for words that no list decides, not a verdict: callers add it to a context (a
lower-case sentence of English) and keep their own checks for code and misspellings. The table
(1.3 MB on disk, ~4 MB in memory, ~70 ms) loads once per process, in the classifier's
warm-up (:mod:`~hybridllm.classifiers.warm`) or on first use.
"""

from __future__ import annotations

import math
from array import array
from functools import lru_cache
from importlib import resources

__all__ = ["SPELT_LIKE_A_NAME", "latin_letters", "load_table", "name_likeness"]

# A word in no list is spelt like a name from this name likeness on: 48% of the unlisted name
# tokens of the development sets and 3% of the unlisted words that real development prompts hold
# in lower-case sentences (typos, jargon, other languages). At 0.75 (61% and 7%) the development
# sets gave five more names for two more prompts flagged, and code words such as ``sigsegv``
# (1.06) read as names. The lone lower-case words, a sentence-initial word asked of NER, an
# unlisted word NER calls an organisation and a person's field value share this bar.
SPELT_LIKE_A_NAME = 1.1

_ORDER = 4
_BOS, _EOS = "^", "$"
# context -> (log of the weight left to shorter contexts, letters seen after it, their log
# probabilities): a string and an array per context keep the table at ~4 MB in memory.
_Table = dict[str, tuple[float, str, "array[float]"]]


@lru_cache(maxsize=1)
def _tables() -> tuple[_Table, _Table, float]:
    names: _Table = {}
    words: _Table = {}
    text = resources.files("hybridllm.classifiers").joinpath("data/name_shape.tsv")
    for line in text.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, cx, log_rest, cells = line.split("\t")
        split = cells.split(" ")
        letters = "".join(cell[0] for cell in split)
        logs = array("f", (float(cell[1:]) for cell in split))
        (names if label == "n" else words)[cx] = (float(log_rest), letters, logs)
    uniform = -math.log(len(names[""][1]) + 1)
    return names, words, uniform


def latin_letters(word: str) -> bool:
    """Whether ``word`` is written in Latin letters (Basic Latin to Latin Extended-B, Latin
    Extended Additional): the models know no other script."""
    return all(c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in word)


def load_table() -> None:
    """Load the table now (the classifier's warm-up does), not in the first call that needs it."""
    _tables()


def _logprob(table: _Table, cx: str, ch: str, uniform: float) -> float:
    backoff = 0.0
    while True:
        entry = table.get(cx)
        if entry is not None:
            log_rest, letters, logs = entry
            at = letters.find(ch)
            if at >= 0:
                return backoff + logs[at]
            backoff += log_rest
        if not cx:
            return backoff + uniform
        cx = cx[1:]


@lru_cache(maxsize=4096)
def name_likeness(word: str) -> float:
    """Mean log-likelihood ratio per character of ``word`` (lower-cased) under the names model
    against the English-words model: above 0 it is spelt more like a name (``kaarle`` +2.1,
    ``hendrika`` +1.1), below like a word (``swiftui`` -0.8, ``permaculture`` -1.1).

    Args:
        word: one word, letters only.

    Returns:
        The score; 0.0 for an empty word.
    """
    low = word.lower()
    if not low:
        return 0.0
    names, words, uniform = _tables()
    s = _BOS * (_ORDER - 1) + low + _EOS
    total = 0.0
    for i in range(_ORDER - 1, len(s)):
        cx, ch = s[i - _ORDER + 1 : i], s[i]
        total += _logprob(names, cx, ch, uniform) - _logprob(words, cx, ch, uniform)
    return total / (len(low) + 1)
