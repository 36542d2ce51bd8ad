"""Keys of a list whose other keys are names (``name_siblings.py``): stand-up notes, action
items, transcripts. All texts run through the real classifier (spaCy NER included)."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_siblings import sibling_keys
from hybridllm.classifiers.name_tokens import token_lexicon

STANDUP = (
    "Action items from today's standup:\n"
    "- Aubyn: fix the login timeout\n"
    "- Fancyface: update the release notes\n"
    "- Taniel: chase the vendor\n"
)


def persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize("text", [STANDUP, STANDUP.lower()])
def test_a_key_among_found_names_is_a_name_however_it_is_spelt(text: str) -> None:
    # "Fancyface" reads as two English words run together: alone it is no name
    assert "fancyface" in [p.lower() for p in persons(text)]


def test_sibling_keys_needs_two_names_and_most_keys_named() -> None:
    lex = token_lexicon()
    start = STANDUP.index("Aubyn")
    aubyn = (start, start + len("Aubyn"))
    start = STANDUP.index("Taniel")
    taniel = (start, start + len("Taniel"))
    fancy = STANDUP.index("Fancyface")
    assert sibling_keys(STANDUP, lex, [aubyn, taniel]) == [(fancy, fancy + len("Fancyface"))]
    assert sibling_keys(STANDUP, lex, [aubyn]) == []  # one name is no list of people
    apart = STANDUP.replace("- Fancyface", "\n- Fancyface")  # not one run of lines
    assert sibling_keys(apart, lex, [aubyn, taniel]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Alice: hi\nBob: hey there\nChatGPT: hello, how can I help?\n",  # an identifier
        "Alice: hi\nBob: hey there\nModerator: please keep it civil\n",  # an English word
    ],
)
def test_a_word_a_bot_or_a_place_among_the_keys_stays_unnamed(text: str) -> None:
    assert persons(text) == ["Alice", "Bob"]


def test_a_place_among_the_keys_is_no_sibling() -> None:
    text = "Alice: hi\nBob: hey there\nBerlin: the next stop on the tour\n"
    assert sibling_keys(text, token_lexicon(), [(0, 5), (10, 13)]) == []


@pytest.mark.parametrize("case", [str, str.lower])
def test_a_given_name_english_knows_as_a_word_is_a_key_among_names(case: object) -> None:
    # "Sandy": a census given name that is an English word too; among found names' keys it is
    # a person, while "Notes" (no given name) stays a label
    text = (
        "Standup, Tuesday:\n- Aubyn: fix the login timeout\n- Sandy: update the release notes\n"
        "- Taniel: chase the vendor\n- Notes: none this week\n"
    )
    text = case(text)  # type: ignore[operator]
    found = [p.lower() for p in persons(text)]
    assert "sandy" in found, found
    assert "notes" not in found, found


def test_a_key_counts_as_named_inside_any_one_found_span_in_any_order() -> None:
    # The found spans come unsorted and nested; a key counts as named when one span holds it
    # whole (here the long one that starts first, not the short one inside it), and a span
    # that only overlaps it names nothing.
    lex = token_lexicon()
    aubyn = STANDUP.index("Aubyn")
    taniel = STANDUP.index("Taniel")
    fancy = STANDUP.index("Fancyface")
    found = [(taniel, taniel + 6), (aubyn + 1, aubyn + 3), (aubyn - 2, aubyn + 5)]
    assert sibling_keys(STANDUP, lex, found) == [(fancy, fancy + len("Fancyface"))]
    partial = [(taniel, taniel + 6), (aubyn + 1, aubyn + 5)]  # Aubyn's first letter is outside
    assert sibling_keys(STANDUP, lex, partial) == []
