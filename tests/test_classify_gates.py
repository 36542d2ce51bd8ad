"""Cheap exact stand-ins for whole-text pattern searches (speed only: the same findings).

- ``name_arrays._opens_array`` spares the search for a key before an array when no ``[`` of the
  text follows a ``:`` or ``=`` (and blanks): every match of ``_ARRAY_KEY`` ends that way.
- ``name_handles._MENTION`` / ``_LOWER_MENTION`` read the ``@`` first and check the character
  before it after it: the same matches as the lookbehind-first forms, found ~10x faster.
- ``encoded._HEX`` reads a hex digit first, then checks the character before it (~2x faster).
"""

from __future__ import annotations

import re

import pytest

from hybridllm.classifiers import encoded, name_arrays, name_handles

_OPENS = re.compile(r"[:=][ \t]*\[")
_MENTION_REF = re.compile(r"(?<![\w.@/])@[A-Za-z][\w.-]*[A-Za-z\d]")
_LOWER_MENTION_REF = re.compile(r"(?<![\w.@/])@([a-z][a-z'’-]{2,})(?=[ \t\n:,;!?)]|\.(?!\w)|\Z)")
_HEX_REF = re.compile(r"(?<![\w%])(?:[0-9a-fA-F]{2}){8,2048}(?!\w)")

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
MENTIONS = [
    "@ann",
    "@ann: fine by me",
    "x@ann",
    ".@ann",
    "/@ann",
    "@@ann",
    "_@ann",
    "é@sandy",
    "(@james) thanks @sandy, @Maria.Lopez!",
    "mail bo@x.io or @j.okonkwo\n@sandy",
    "end @",
]


def test_the_array_gate_spells_how_every_array_key_match_ends() -> None:
    assert name_arrays._ARRAY_KEY.pattern.endswith(r"[:=][ \t]*\[")


@pytest.mark.parametrize("text", ARRAYS)
def test_the_array_gate_holds_wherever_an_array_key_matches(text: str) -> None:
    assert name_arrays._opens_array(text) == (_OPENS.search(text) is not None)
    if name_arrays._ARRAY_KEY.search(text):
        assert name_arrays._opens_array(text)


@pytest.mark.parametrize("text", MENTIONS)
def test_mentions_match_as_the_lookbehind_first_forms(text: str) -> None:
    for pattern, reference in (
        (name_handles._MENTION, _MENTION_REF),
        (name_handles._LOWER_MENTION, _LOWER_MENTION_REF),
    ):
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in reference.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "4a6f686e20536d697468",
        "id 4a6f686e20536d69746 and 4a6f686e20536d6974",
        "x4a6f686e20536d697468 %4a6f686e20536d697468 -4a6f686e20536d697468",
        "0x4a6f686e20536d697468",
        "é4a6f686e20536d697468 (4a6f686e20536d697468)",
        "ab" * 2050,
        "ab" * 2050 + "c",
    ],
)
def test_hex_runs_match_as_the_lookbehind_first_form(text: str) -> None:
    assert [m.span() for m in encoded._HEX.finditer(text)] == [
        m.span() for m in _HEX_REF.finditer(text)
    ]
