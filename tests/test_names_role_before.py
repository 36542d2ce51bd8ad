"""A person's role right before a word (hybridllm.classifiers.name_context.person_context):
"the florist Hbibe", "our guide Kostandin", first missed on names_gen5's development split
where the small NER model called the word a place or an organisation. Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Everything went perfectly, and the florist Hbibe outdid herself.", "Hbibe"),
        ("Cleaning with hygienist Magui on Friday 9:40.", "Magui"),
        ("My neighbour Valbone gave me her plum jam recipe.", "Valbone"),
        ("The letting agent Dorra from Harbourline Insurance says it takes 30 days.", "Dorra"),
        ("Our guide Kostandin was fantastic - funny and patient.", "Kostandin"),
        ("our guide kostandin was fantastic - funny and patient.", "kostandin"),
    ],
)
def test_a_word_after_a_persons_role_is_a_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "As the user Admin I cannot log in.",
        "Ask the developer Docker questions.",
        "our neighbour said hi",
        "the server needs to have jetstream enabled",
        "command 'pmc' from deb linuxptp (3.1.1-3)",
    ],
)
def test_a_software_role_a_verb_or_a_package_is_no_name(text: str) -> None:
    assert people(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Let Marje know the parcel is at the post office.", "Marje"),
        ("Ask whether Kesman's sister can come on Friday.", "Kesman"),
    ],
)
def test_told_or_with_kin_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


def test_a_company_has_no_kin() -> None:
    assert people("Google's engineers built it; Netflix's parent company agreed.") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("everything went perfectly, and the florist hbibe outdid herself.", "hbibe"),
        ("the handyman, garrcia, quoted 400 for the deck.", "garrcia"),
    ],
)
def test_a_lower_case_word_after_a_persons_role_is_a_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        'make a poem that follows the same "parts of speech" as these lines',
        "1. url : mandatory, stnng parameter that will be sent by the client",
        "the user admin cannot log in",
    ],
)
def test_no_lower_case_name_after_a_role_word_that_names_no_one(text: str) -> None:
    assert people(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The handyman, Sesekonamata, quoted 400 for the deck. Is that fair?", "Sesekonamata"),
        ("I asked our tutor, Ndeyrab, for a reading list.", "Ndeyrab"),
    ],
)
def test_a_role_set_off_by_commas_before_a_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "It is a business operated by our main subsidiary, Philway, which brokers goods.",
        "We buy all our resin from the supplier Acmetex in bulk.",
        "The handyman, Tuesdays excepted, comes at nine.",
    ],
)
def test_roles_companies_hold_and_a_role_not_set_off_name_no_one(text: str) -> None:
    assert people(text) == set()
