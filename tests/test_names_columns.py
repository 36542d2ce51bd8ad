"""Names in a table column whose header names a person (``name_columns.column_values``): CSV,
TSV and markdown tables, any case; columns of other things and role columns holding no name are
left alone.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest
from tests.helpers import persons

from hybridllm.classifiers.name_columns import column_values
from hybridllm.classifiers.name_tokens import token_lexicon


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "to markdown:\nname,company,city\nsue hague,copperleaf insurance,valencia\n"
            "louis tan,northwind,oslo",
            {"sue hague", "louis tan"},
        ),
        (
            "id\tfirst_name\tlast_name\n1\tingunn\tbryndísardóttir\n2\tkaoru\ttomono",
            {"ingunn", "bryndísardóttir", "kaoru", "tomono"},
        ),
        (
            "| Customer | Plan | Seats |\n|---|---|---|\n| Zekö Torma | pro | 4 |\n"
            "| Tamara Shcherbakova | team | 12 |",
            {"Zekö Torma", "Tamara Shcherbakova"},
        ),
        (
            '"Patient Name";"Ward"\n"Jules Northcott";"B2"\n"Anika Ashbourne";"C1"',
            {"Jules Northcott", "Anika Ashbourne"},
        ),
    ],
)
def test_values_under_a_person_header_are_names(text: str, names: set[str]) -> None:
    assert names <= set(persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "name,version,license\nreact,18.2.0,MIT\nvue,3.4.0,MIT",
        "owner,service\nplatform team,billing\nsre,auth",
        "product name,price\nWidget Pro,12\nGadget,30",
        "| Rank | Username | Wins |\n| --- | --- | --- |\n| 1 | User | 3 |\n| 2 | Bot | 1 |",
        "name: the report\nowner: platform",  # no table
    ],
)
def test_other_columns_give_no_name(text: str) -> None:
    assert column_values(text, token_lexicon()) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an SQL insert is a table on one line: its column list is the header
        (
            "insert into staff (name, dept) values ('berill lamlum', 'hr'), "
            "('chokuir meachen', 'it');\nis there a syntax error?",
            ["berill lamlum", "chokuir meachen"],
        ),
        (
            "INSERT INTO orders (id, customer_name, total) VALUES (7, 'Odile Vasseur', 12.5);",
            ["Odile Vasseur"],
        ),
    ],
)
def test_the_values_under_an_sql_insert_s_person_columns(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in column_values(text, token_lexicon())] == names


@pytest.mark.parametrize(
    "text",
    [
        # "name" of a table of things, unquoted values, a tuple that does not match the columns
        "INSERT INTO products (name, price) VALUES ('gadget pro', 5), ('widget', 3);",
        "INSERT INTO staff (name, dept) VALUES (@name, @dept);",
        "INSERT INTO staff (name, dept) VALUES ('Ana Diaz');",
    ],
)
def test_other_sql_values_are_no_names(text: str) -> None:
    assert column_values(text, token_lexicon()) == []
