"""Lower-case rosters (hybridllm.classifiers.name_rosters): a block of lines each holding one
name and at most a number or a bullet. Real classifier, and the rule alone."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_rosters import ROSTER, roster_names


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_a_numbered_roster_of_names_no_list_holds() -> None:
    text = "squad for sunday:\n4 tevita naivalu\n11 rishnil yadraca\n203 imen mihoubi\nwho starts?"
    found = people(text)
    assert {"tevita naivalu", "rishnil yadraca", "imen mihoubi"} <= found


def test_a_bulleted_roster_and_its_other_rows() -> None:
    text = "seating plan\n- nenu sciberras\n- edifredo cris jade\n- ashneel roverove\nok?"
    found = people(text)
    assert {"nenu sciberras", "edifredo cris jade", "ashneel roverove"} <= found


def test_a_roster_with_ids_and_no_other_text() -> None:
    text = "1045 kuku noabeb\n2201 rishnil yadraca\n3310 imen mihoubi"
    spans = {text[f.start : f.end] for f in roster_names(text, [])}
    assert spans == {"kuku noabeb", "rishnil yadraca", "imen mihoubi"}
    assert {f.recognizer for f in roster_names(text, [])} == {ROSTER}


def test_lists_of_things_stay() -> None:
    for text in (
        "2 cups flour\n1 tsp salt\n3 large eggs\nmix well",  # English words
        "to do:\n- fix login\n- update docs\n- ship release",  # English words
        "3 eggs\n2 apples\n1 pear",  # one word a row
        "kuku noabeb\nrishnil yadraca",  # two rows: no block
    ):
        assert roster_names(text, []) == [], text


def test_a_list_in_a_text_of_another_language_stays() -> None:
    text = (
        "kami makan di warung itu setiap hari dan rasanya selalu enak sekali\n"
        "sate ayam\nnasi goreng\nmie rebus\nbakso sapi\n"
        "semua murah dan pelayanannya ramah sekali"
    )
    assert roster_names(text, []) == []


def test_a_code_line_is_no_row() -> None:
    text = "def f():\n    return x\nkuku noabeb = 1\nrishnil yadraca = 2\nimen mihoubi = 3"
    assert roster_names(text, []) == []


def test_rows_already_found_are_not_found_again() -> None:
    text = "squad for sunday:\n4 tevita naivalu\n11 rishnil yadraca\n203 imen mihoubi\nwho starts?"
    c = get_classifier().classify(text)
    assert sum(f.entity_type == "PERSON" for f in c.findings) == 3
    assert not roster_names(text, c.findings)


def test_numbered_items_on_one_line() -> None:
    text = "finalists: 1) kuku noabeb, 2) rishnil yadraca, 3) imen mihoubi. who wins?"
    assert {"kuku noabeb", "rishnil yadraca", "imen mihoubi"} <= people(text)


def test_numbered_steps_on_one_line_stay() -> None:
    assert roster_names("steps: 1. open the app 2. click save 3. close it.", []) == []
    assert roster_names("1. kuku noabeb 2. rishnil yadraca", []) == []  # two items
