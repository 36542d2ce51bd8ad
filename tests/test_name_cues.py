"""The name stage's cue test at the end of a text is exactly the cue regex's search."""

from __future__ import annotations

import random
import re

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_context import CUE, SPEECH_CUE, STRONG_CUE
from hybridllm.classifiers.name_gate import _cue_ends, cue_at_end

ENDS = [
    "Dear ",
    "my name is  ",
    "name?  ",
    "NAME?\n",
    "escalated to ",
    "into\t",
    "signed, —",
    "report by:",
    "Hospital in ",
    "thanks!! ",
    "Mr.",
    "mrs ",
    "caſs ",  # a long s: case folding beyond ASCII
    "KELVIN ask ",
    "",
    " ",
    "x",
    "__",
    "cc_",
    "from 12 ",
    "Zoë ",
]


def _texts() -> list[str]:
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ  ,.:;?!-_\n\t—’ſKé0"
    texts = list(ENDS)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    texts += [rng.choice(["", "see ", "x-"]) + e for e in ENDS for _ in range(3)]
    return texts


def test_cue_at_end_agrees_with_the_regex() -> None:
    for rx in (CUE, STRONG_CUE):
        assert _cue_ends(rx) is not None  # the fast test is used for both
        found = [cue_at_end(rx, t) for t in _texts()]
        assert found == [rx.search(t) is not None for t in _texts()]
        assert any(found)
        assert not all(found)


def test_cue_at_end_falls_back_to_the_regex_for_other_shapes() -> None:
    assert _cue_ends(SPEECH_CUE) is None
    other = re.compile(r"(?:calls?|dear)\W*$", re.IGNORECASE)
    assert _cue_ends(other) is None
    for t in ["I calls ", "Dear ", "recall", "nothing"]:
        assert cue_at_end(other, t) == (other.search(t) is not None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sometimes people call me Jåp", "Jåp"),  # an English word when folded ("jap")
        ("She named him Garland after her grandfather.", "Garland"),  # also a word
        ("In the office he goes by Tin, short for Martin.", "Tin"),
    ],
)
def test_a_name_given_in_so_many_words_is_a_name(text: str, name: str) -> None:
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert name in found, found


def test_a_title_in_title_case_is_no_naming_cue() -> None:
    text = "Play Call Me Maybe on the radio."
    assert not get_classifier().classify(text).findings


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The case was reassigned to Marion this morning.", "Marion"),
        ("The report was submitted by Siena for the audit.", "Siena"),
        ("Ticket 4411 was assigned to Sydney yesterday.", "Sydney"),
        ("The refund was escalated to Milan on Monday.", "Milan"),
        ("The refund was approved for customer Milan on Monday.", "Milan"),
        ("Our tenant Sydney moved out in May.", "Sydney"),
    ],
)
def test_a_tickets_people_are_named_after_its_verbs(text: str, name: str) -> None:
    # A lone given name that is also a place: NER's "place" does not outweigh "assigned to".
    found = get_classifier().classify(text).findings
    assert name in [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "The story was first reported by Reuters and later confirmed.",
        "This issue was closed by Jenkins after the build passed.",
        "The ticket was escalated to Tier 2 within the hour.",
    ],
)
def test_a_tickets_verbs_do_not_make_a_service_a_person(text: str) -> None:
    found = get_classifier().classify(text).findings
    assert [f for f in found if f.entity_type == "PERSON"] == []
