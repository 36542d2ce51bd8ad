"""Cheap exact stand-ins for whole-text pattern searches (speed only: the same findings).

- ``name_arrays._opens_array`` spares the search for a key before an array when no ``[`` of the
  text follows a ``:`` or ``=`` (and blanks): every match of ``_ARRAY_KEY`` ends that way.
"""

from __future__ import annotations

import re

import pytest

from hybridllm.classifiers import name_arrays

_OPENS = re.compile(r"[:=][ \t]*\[")

ARRAYS = [
    '{"guests": ["dezi veizi", "bona"]}',
    "attendees = ['Ana Lu', 'Kofi']",
    "team_members\t=\t [",
    "[09:15] stella: see [the doc](x)",
    "a:\n[b]",
    "[",
    "x: [",
    "no bracket here",
    "=[",
]


def test_the_array_gate_spells_how_every_array_key_match_ends() -> None:
    assert name_arrays._ARRAY_KEY.pattern.endswith(r"[:=][ \t]*\[")


@pytest.mark.parametrize("text", ARRAYS)
def test_the_array_gate_holds_wherever_an_array_key_matches(text: str) -> None:
    assert name_arrays._opens_array(text) == (_OPENS.search(text) is not None)
    if name_arrays._ARRAY_KEY.search(text):
        assert name_arrays._opens_array(text)
