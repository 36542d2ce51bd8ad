"""The rest of a lower-case name around a found part (hybridllm.classifiers.name_lower_tails):
a last surname no English word spells, a middle initial between two found parts, a first word
in no list before a found surname; first seen partly masked on names_gen6's and names_gen5's
development splits. Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def masked(text: str, part: str) -> bool:
    """Whether every letter of ``part`` (its first mention) is inside some finding."""
    at = text.index(part)
    spans = [(f.start, f.end) for f in get_classifier().classify(text).findings]
    return all(
        any(a <= k < b for a, b in spans) for k in range(at, at + len(part)) if text[k].isalnum()
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "damage to the door. other driver: marta eugénia trindade. witness: none.",
            "marta eugénia trindade",
        ),
        (
            "please draft a rejection email to josé manuel ocampo puerto, who applied",
            "josé manuel ocampo puerto",
        ),
        ("re: best router\n\n> fathi b. omer wrote:\n> get the mesh one", "fathi b. omer"),
        ("manager ashvin roverove has approved the leave", "ashvin roverove"),
        ("hiking trip, leader kuku noabeb, phone +264 81 555 0101", "kuku noabeb"),
    ],
)
def test_the_whole_lower_case_name_is_masked(text: str, name: str) -> None:
    assert masked(text, name)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("i told maria lopez yesterday.", "yesterday"),
        ("ask maria lopez today, thanks", "today"),
        ("for two weeks zeynep aksoy was away", "weeks"),
        ("i think maria lopez is right", "think"),
        ("our neighbour tavrenka keeps parking in front of our gate", "neighbour"),
    ],
)
def test_an_english_word_beside_it_stays(text: str, word: str) -> None:
    assert not masked(text, word)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("draft a welcome letter to sanna k. momo for monday", "sanna k. momo"),
        ("chair: ingrid s. amin. secretary: tor bakke.", "ingrid s. amin"),
        ("write a short eulogy for lian w. say, who taught for 30 years", "lian w. say"),
    ],
)
def test_a_lower_case_name_with_a_middle_initial(text: str, name: str) -> None:
    assert masked(text, name)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("we picked plan b. then it rained", "then"),
        ("take vitamin d. it helps", "helps"),
        ("see section a. below for maria", "below"),
    ],
)
def test_no_name_with_an_initial(text: str, word: str) -> None:
    assert not masked(text, word)
