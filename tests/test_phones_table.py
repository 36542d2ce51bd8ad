"""Phone numbers in a table's phone column (hybridllm.classifiers.phones_table): national
numbers of any country, without a trunk 0, first missed on names_gen5's development split."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def phones(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PHONE_NUMBER"}


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "Clean up this CSV, the phone column is messy:\nname,team,phone\n"
            "Rossy Huaycho,Sales,+591 7703 8951\nLidia Villarpando,Support,7746 3543",
            {"+591 7703 8951", "7746 3543"},
        ),
        ("name,team,phone\nMarlenys Hurtado,Sales,6047-3132", {"6047-3132"}),
        ("| Name | Phone |\n|---|---|\n| Ana | 7746 3543 |", {"7746 3543"}),
        ("name\tmobile\nBo\t621 692 643", {"621 692 643"}),
    ],
)
def test_a_number_under_a_phone_header_is_a_phone(text: str, numbers: set[str]) -> None:
    assert numbers <= phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "id,qty,price\n1,100000,2020\n2,250000,2021",
        "Call it, the phone stays home:\nid,amount\n7,7746 3543",
        "name,phone\nAna,n/a\nBo,ask her",
    ],
)
def test_no_phone_outside_a_phone_column(text: str) -> None:
    assert phones(text) == set()
