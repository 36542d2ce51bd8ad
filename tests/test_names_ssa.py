"""Given names from national counts: the SSA's US baby names (``ssa_first_names.txt``) and
Brazil's 2010 census (``ibge_first_names.txt``). Listed, a modern American or Brazilian name is
a name in lower case and at a sentence start, not an unknown word that needs a cue; the lists
hold no English word and nothing another list already holds."""

from __future__ import annotations

import pytest
from tests.helpers import persons

from hybridllm.classifiers.name_tokens import Kind, read_list, token_lexicon


def test_the_list_adds_names_and_no_words() -> None:
    ssa = set(read_list("ssa_first_names.txt"))
    assert len(ssa) > 10_000
    lex = token_lexicon()
    assert not ssa.intersection(lex.vocab)
    assert not ssa & set(read_list("census_first_names.txt"))
    for name in ("Jordyn", "Porsha", "Myesha", "Catheryn"):
        assert lex.kind(name) is Kind.NAME


def test_the_brazilian_list_adds_names_and_no_words() -> None:
    ibge = set(read_list("ibge_first_names.txt"))
    assert len(ibge) > 10_000
    lex = token_lexicon()
    assert not ibge.intersection(lex.vocab)
    assert not ibge & set(read_list("ssa_first_names.txt"))
    assert not {"aleluia", "bendito", "felicidade"} & ibge  # frequent Portuguese words
    for name in ("Elvino", "Eloane", "Cleber", "Daiane"):
        assert lex.kind(name) is Kind.NAME


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("janyce workman grew up on a dairy farm outside corona.", "janyce workman"),
        ("in her debut novel, jessi fox tells the story of a fishing family", "jessi fox"),
        ("dear parents, catheryn beck from year 4 will represent the school", "catheryn beck"),
        ("i ran into merilyn at the bakery this morning", "merilyn"),
        ("we gave the spare keys to eloane before leaving for belgium", "eloane"),
    ],
)
def test_lower_case_us_names_are_found(text: str, name: str) -> None:
    assert name in persons(text)
