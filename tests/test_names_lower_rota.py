"""Lower-case names in a rota (name_lower_rota): a weekday's abbreviation gives each day to
someone. Written for this file; the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_lower_rota import rota_names
from hybridllm.classifiers.name_tokens import token_lexicon


def persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("duty rota: mon vesna, tue roman, wed ostrowska, thu linnea. any gaps?", ["roman"]),
        ("on call: mon bertil; tue florence; wed hollis; fri yuki", ["florence", "yuki"]),
        ("cleaning rota: mon ilkka, tue grace, wed mr. osterwald, thu tomasz. ok?", ["grace"]),
    ],
)
def test_each_value_of_a_rota_is_a_name_without_its_day(text: str, names: list[str]) -> None:
    # the weekday stays readable: "tue [PERSON_2]", not "[PERSON_2]"
    found = persons(text)
    for name in names:
        assert name in found, found
    assert not any(p.startswith(("mon ", "tue ", "wed ")) for p in found), found


@pytest.mark.parametrize(
    "text",
    [
        "meal plan: mon pasta, tue fish, wed soup",  # English words, no given names
        "gym split: mon legs, tue arms, wed rest",
        "open mon, tue, wed and fri",  # no values
    ],
)
def test_a_plan_of_things_by_day_is_no_rota_of_people(text: str) -> None:
    assert persons(text) == []


def test_two_items_are_no_rota() -> None:
    lex = token_lexicon()
    assert rota_names("shifts: mon ilkka, tue tomasz", lex) == []
    three = "shifts: mon ilkka, tue tomasz; wed grace"
    assert [three[a:b] for a, b in rota_names(three, lex)] == ["ilkka", "tomasz", "grace"]
