"""Lower-case names that share a list with found names (hybridllm.classifiers.names_in_lists):
the other rows of a list whose rows start with names, the other items of a list or a pair that
holds one. Real classifier."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_the_other_item_of_a_pair_with_a_name_found_beside_a_phone() -> None:
    found = people("yard sale on saturday! contact maryus or giota, 021 555 0147.")
    assert "maryus" in found


def test_a_listed_surname_in_a_list_of_found_names() -> None:
    found = people("sick leave: kavaliauskas (3 days), zakarka (1 day), abidi (2 days). total?")
    assert "abidi" in found


def test_a_row_of_a_ladder_whose_other_rows_are_names() -> None:
    text = "club tennis ladder\n1. v. montes\n2. k. weaver\n3. j. cerdas\n4. j. sotela\nnew order?"
    assert "k. weaver" in people(text)


def test_a_row_of_actions_given_to_people() -> None:
    text = (
        "meeting notes 12 may 2025\nattendees: gillian woodward, adam holmes, melissa\nactions:\n"
        "- yvonne to send the revised budget\n- jenna to book the venue in perth"
    )
    assert "jenna" in people(text)


def test_rows_and_items_that_are_no_names_stay() -> None:
    text = (
        "todo\n- yvonne to send the revised budget\n- sandy beach cleanup\n- fix the login\n"
        "love, ana and the kids"
    )
    found = people(text)
    assert not found & {"sandy", "fix", "kids", "love"}


def test_no_found_name_no_list_name() -> None:
    assert people("club ladder\n1. v. weaver\n2. k. weaver\nnew order?") == set()


def test_a_speaker_among_found_speakers() -> None:
    text = "micheal: did you push the fix?\nbrooklyn: yes, merged\nmicheal: great thx\nsummarise"
    assert "brooklyn" in people(text)


def test_an_item_before_a_titled_name() -> None:
    text = (
        "seating plan. table 1: mr. rivera, michael gonzalez, nancy; table 2: martin, prof. "
        "cantrell. does anyone sit alone?"
    )
    assert "martin" in people(text)


def test_keys_that_are_words_stay() -> None:
    text = "standup:\nmary: api is down\nsally: rolling back now\nmary: ty\nnote: fix it later"
    assert "note" not in people(text)
