"""Warm-up: build now what a classification would otherwise build on its first need.

Several stages keep a compiled pattern, a Hyperscan database or a word list that they build the
first time a text needs it: the address core for the alternatives that may match in a text,
the keyword databases of the medication and diagnosis rules, the phone-number metadata of the
regions :mod:`.phones` asks about, the name stage's gazetteers. Built on demand, each lands in
the first call that needs it (tens of milliseconds: a latency tail on prompts not seen
before). :meth:`~.combine.CompositeClassifier.warm_up` runs :func:`warm_up` once, in the
prefilter's background thread after its databases compile;
:meth:`~.combine.CompositeClassifier.wait_ready` waits for it. A recognizer takes part by
defining ``warm_up()``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["warm_up"]


def warm_up(recognizers: Sequence[object]) -> None:
    """Call each recognizer's ``warm_up()`` (if it has one), then load the name stage's lists
    when a name recognizer is among them.

    Args:
        recognizers: the classifier's recognizers.
    """
    for recognizer in recognizers:
        warm = getattr(recognizer, "warm_up", None)
        if callable(warm):
            warm()
    from hybridllm.classifiers.names import NameRecognizer

    if any(isinstance(r, NameRecognizer) for r in recognizers):
        _name_lists()


def _name_lists() -> None:
    """The word lists the name stage reads on first need (its modules' public loaders)."""
    from hybridllm.classifiers import (
        name_adjectives,
        name_lower_context,
        name_public,
        name_roles,
        name_shape,
        name_tokens,
        name_words,
        name_world,
    )

    name_tokens.token_lexicon()
    name_lower_context.faker_last()
    name_lower_context.census_first()
    name_public.load_lists()
    name_words.load_words()
    name_shape.load_table()
    name_roles.load_roles()
    name_world.load_world_words()
    name_adjectives.load_adjectives()
