"""A regex's possible first characters: a superset, or None when every position must be tried."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hybridllm.classifiers.prefilter import Prefilter, finditer, scanning
from hybridllm.classifiers.regex_first import first_chars


def _starts(rx: str, flags: int = 0) -> str:
    first = first_chars(re.compile(rx, flags))
    assert first is not None
    return "".join(c for c in "aAbBkK\u212a1_ -.\n@é" if first.fullmatch(c))


def test_first_atoms_of_sequences_branches_and_repeats() -> None:
    assert _starts(r"\bab") == "a"  # a zero-width \b adds no character
    assert _starts(r"(?<![\w.])b|1") == "b1"  # a look-behind neither
    assert _starts(r"(?:a?|_)*-") == "a_-"  # optional parts let the next one start
    assert _starts(r"[^\d_a-z]") == "ABK\u212a -.\n@é"
    assert _starts(r"\w+@") == "aAbBkK\u212a1_é"


def test_case_folding_follows_the_pattern_and_its_scoped_flags() -> None:
    assert _starts(r"k", re.IGNORECASE) == "kK\u212a"  # the Kelvin sign folds to k
    assert _starts(r"(?i:k)|a") == "akK\u212a"
    assert _starts(r"(?-i:k)", re.IGNORECASE) == "k"
    assert _starts(r".", re.DOTALL) == "aAbBkK\u212a1_ -.\n@é"
    assert "\n" not in _starts(r".")


def test_none_where_every_position_must_be_tried() -> None:
    assert first_chars(re.compile(r"a*")) is None  # matches the empty string
    assert first_chars(re.compile(r"\b")) is None
    assert first_chars(re.compile(r"(a)\1")) is not None  # the group comes first
    assert first_chars(re.compile(r"(a)?\1b")) is None  # a back-reference may come first
    assert first_chars(re.compile(r"(a)?(?(1)b|c)")) is None  # a conditional
    assert first_chars(re.compile(r"(?s:.)x")) is None  # a scoped flag other than i


PATTERNS = [
    re.compile(p, f)
    for p, f in (
        (r"(?<![\w.])(?i:dr|mrs?)\.?\s+[A-Z][a-z]+", 0),
        (r"\b\d{3}-\d{2}-\d{4}\b", 0),
        (r"(?:name|called)\s*[:=]?\s*(?P<v>\w+)", re.IGNORECASE),
        (r"(?m)^[ \t]*(?P<s>[A-Z]\w*):", 0),
    )
]
PREFILTER = Prefilter(PATTERNS, background=False, short_text=0)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aDrMsN. :=\n\t1234-_éKk\u212aname called", max_size=120))
def test_windows_with_skipping_give_exactly_finditer(text: str) -> None:
    with scanning(PREFILTER, text):
        for rx in PATTERNS:
            assert [m.span() for m in finditer(rx, text)] == [m.span() for m in rx.finditer(text)]
