"""A lone listed surname that spaCy's small model calls an organisation or a place
(``NerVerdicts._unsupported_veto``): the lists' evidence wins unless something else agrees with
NER (another capitalised word of the phrase, a preposition of place, a trip's destination, a
gazetteer, a code line, a lower-case or foreign text).

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest
from tests.helpers import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # surnames of other languages the small model labels ORG or GPE
        ("I think the quote is from Wagner, not from the manual.", "Wagner"),
        ("Please forward the draft to Timonen before Friday.", "Timonen"),
        ("Why is Zdzisława always late to the standup?", "Zdzisława"),
    ],
)
def test_a_listed_surname_outvotes_a_lone_ner_label(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "We are moving to Britain next year.",  # a WordNet place
        "The conference is in San Francisco this year.",  # the entity holds another word
        "She studied at Guilford College for two years.",  # the first word of a proper noun
        "How did Siemens do in the last quarter?",  # far more frequent in text than in life
        # a trip's destination, whatever NER's label
        "Plan a four day itinerary for Mallorca with two kids and a dog.",
        "She is traveling to Mallorca in June and has two cats.",
    ],
)
def test_ner_stands_where_something_else_agrees(text: str) -> None:
    assert persons(text) == []


def test_lower_case_text_keeps_ner_labels_of_more_than_one_word() -> None:
    # "hong" is capitalised only by the lower-case rules, "kong" is not: an entity of two words
    # agrees with NER's place label. (A one-word label no longer outvotes a listed name in
    # lower case, "dense blick" included: Round 29 of docs/benchmarks.md, nine sealed names for
    # that one real prompt.)
    assert persons("we flew to hong kong for the conference last spring") == []
    assert persons("a credit proposal for a hong kong local seafood trading company") == []


def test_code_identifiers_keep_ner_labels() -> None:
    code = "[FieldOrder(9)]\npublic string Reden;\nimport Wagner from './wagner';\n"
    assert "Wagner" not in persons(code)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Tôi đang trong kỳ nghỉ trăng mật ở Hội An, Việt Nam. Trong lúc tham quan thì bão"
            " đến và chúng tôi phải ở lại khách sạn cả ngày.",
            "Trong",
        ),
        (
            "Skriv en artikkel om solceller. Beste innholdstruktur for høy rangering er viktig,"
            " og teksten skal være lett å lese for alle som vurderer solceller på taket.",
            "Beste",
        ),
    ],
)
def test_a_lone_surname_in_prose_of_another_language_is_a_word_of_it(text: str, word: str) -> None:
    assert word not in persons(text)


def test_a_name_mid_sentence_in_prose_of_another_language_stays_a_name() -> None:
    text = (
        "Hola equipo, necesito que revisen el contrato antes del viernes porque el cliente"
        " quiere firmar pronto; por favor envíen sus comentarios a Juan antes de las cinco."
    )
    assert "Juan" in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "We export live lobster to Asia, mostly to China and Korea.",
        "Which countries in Asia grow the most rice per person?",
    ],
)
def test_a_continent_that_is_a_given_name_too_is_no_person_alone(text: str) -> None:
    assert persons(text) == []


def test_a_continent_that_is_a_given_name_stays_one_after_a_persons_cue() -> None:
    assert "Asia" in persons("Tell Asia that the meeting moved to Friday.")


def test_a_trip_to_someones_place_keeps_the_name() -> None:
    assert "Timonen" in persons("We are planning a trip to Timonen's cabin for the weekend.")
