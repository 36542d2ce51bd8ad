"""The largest word lists are kept where the garbage collector does not walk them.

A frozenset is tracked by the cyclic garbage collector, and each full collection visits every
entry; the token lists hold ~480k words, which made each full collection of a loaded
classifier's process ~30 ms longer (such collections come every few dozen 10 KB calls:
``bench/bench_gc.py --src``). A plain dict of strings is not tracked.
"""

from __future__ import annotations

import gc

from hybridllm.classifiers.name_gate import lexicon
from hybridllm.classifiers.name_lower_context import faker_last
from hybridllm.classifiers.name_tokens import token_lexicon, untracked


def test_the_token_lists_are_not_tracked() -> None:
    lex = token_lexicon()
    for words in (lex.vocab, lex.first, lex.last, lexicon("surnames.txt"), faker_last()):
        assert len(words) > 20_000
        assert not gc.is_tracked(words)
    assert "maria" in lex.first
    assert "kowalski" in lex.last
    assert "table" in lex.vocab


def test_untracked_holds_the_words_and_answers_membership() -> None:
    words = untracked(["alpha", "beta", "alpha"])
    assert not gc.is_tracked(words)
    assert list(words) == ["alpha", "beta"]
    assert "beta" in words
    assert "gamma" not in words
