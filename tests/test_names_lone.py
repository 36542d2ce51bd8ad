"""A lone lower-case word in no list, next to a person's predicate or cue, is a name, unless it
is a misspelling of a frequent English word or code."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_lower_lone import lone_name, misspelt
from hybridllm.classifiers.name_tokens import token_lexicon


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("compare the candidates: paaske is a bootcamp graduate with two years.", "paaske"),
        ("ok so hildigard said the invoice is wrong", "hildigard"),
        ("can you ask siltala about the contract before friday", "siltala"),
        ("standup notes\nkowalczyk: the api is down again\nme: ok", "kowalczyk"),
    ],
)
def test_a_lone_unknown_word_by_a_person_cue_is_a_name(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "the one problem he hasnt been able to soilve was costs",  # solve
        "layout:\n  cols: 1\n  height: 40",  # a config key
        "are u familiar with geerlingguy.docker role for ansible?",  # a dotted identifier
        "3831 icymi: self-care and well-being tips for writers",  # a key, not a speaker's turn
    ],
)
def test_misspellings_and_code_are_no_lone_names(text: str) -> None:
    assert _persons(text) == []


def test_misspelt_is_one_edit_from_a_frequent_word_and_spares_short_names() -> None:
    lex = token_lexicon()
    assert misspelt("apperach", lex) is False  # two edits from "approach": not by this test
    assert misspelt("soilve", lex)  # a letter too many
    assert misspelt("charactger", lex)
    assert misspelt("recieve", lex)  # two letters swapped
    assert not misspelt("witt", lex)  # too short to judge: a name as often
    assert not misspelt("hildigard", lex)


def test_lone_name_needs_a_person_cue_or_predicate() -> None:
    lex = token_lexicon()
    text = "the hildigard report was filed"
    assert not lone_name(text, text.index("hildigard"), "hildigard", lex)
    text = "hildigard wants the report filed"
    assert lone_name(text, 0, "hildigard", lex)
