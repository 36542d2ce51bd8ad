"""Real-prompt shapes that were false findings: a persona named at every mention
(``name_persona.py``), places by their last noun (``name_public._PLACE_AFTER``), dates read as a
building number (``addresses.py``). Each benign shape stays clean, and a private name or a real
address in a similar shape is still found.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def found(text: str, kind: str = "PERSON") -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == kind]


_ROLE_PLAY = (
    "I want you to act like {n} from {w}. I want you to respond and answer like {n} using the "
    "tone, manner and vocabulary {n} would use. Do not write any explanations. Only answer "
    "like {n}. You must know all of the knowledge of {n}. My first sentence is “Hi {n}.”"
)


@pytest.mark.parametrize(
    ("name", "work"),
    [("William Shakespeare", "English History"), ("Luffy", "One Piece"), ("Sherlock", "BBC")],
)
def test_role_play_greeting_addresses_the_persona(name: str, work: str) -> None:
    # "Hi X" greets the role the prompt set up, not a private addressee
    assert found(_ROLE_PLAY.format(n=name, w=work)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Act like William Shakespeare and answer like William Shakespeare would.",
        "Please respond like Yoda from now on. Hi Yoda, how are you?",
    ],
)
def test_persona_cues_like(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # contact details next to the persona keep it
        (
            "I want you to act like Dorota Kowalczyk. Email her at dorota.k@example.com and "
            "start with Hi Dorota Kowalczyk.",
            "Dorota Kowalczyk",
        ),
        # no persona cue before the name: the greeting is a private addressee's
        ("Hi Dorota Kowalczyk, please act like a professional at the client meeting.", None),
        # a possessive after the cue is no persona
        ("You are Samantha Kowalczyk's assistant. Hi Samantha Kowalczyk!", None),
        # "act like my manager X": a personal cue, and no persona
        ("Act like my manager Tomasz Wrona would and answer like him.", "Tomasz Wrona"),
    ],
)
def test_private_names_near_persona_cues_stay(text: str, name: str | None) -> None:
    names = found(text)
    assert names, text
    if name is not None:
        assert name in names


@pytest.mark.parametrize(
    "text",
    [
        "Burpengary vacancy rate = 1.29%, Moreton Bay Region vacancy rate = 1.73%",
        "Visit the Grand Palace and explore the night markets.",
        "We hiked to Wailua Falls and then drove to Hanalei.",
    ],
)
def test_places_by_their_last_noun(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname that is a place noun alone, or a frequent place-noun surname, stays a name
        ("Please ask River Kowalczyk about the deploy.", "River Kowalczyk"),
        ("Ask Lena Bay about the deploy.", "Lena Bay"),
        ("Email Marta Castle about the Bay Area offsite.", "Marta Castle"),
        ("Paul Hill was admitted with chest pain on 3/4.", "Paul Hill"),
    ],
)
def test_names_with_place_words_stay(text: str, name: str) -> None:
    assert any(name in n for n in found(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "The World Cup will be played from 20 November to 18 December. 32 teams will compete.",
        "The payment of 18 November 2002 did not cause the suspension to cease.",
        "-rw-rw-rw- 1 1001 0 3563 Mar 03 2022 passwd",
        "Susanna Pechuro (22 July 1933, Moscow - 1 January 2014, Moscow) was a historian.",
    ],
)
def test_dates_are_no_building_numbers(text: str) -> None:
    assert found(text, "STREET_ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Send it to 930 Klinta 36, Riga.", "930 Klinta 36"),
        ("She lives at 12 May Street, Springfield.", "12 May Street"),
        ("Write to 7 Marchlewskiego 12, Warszawa.", "7 Marchlewskiego 12"),
    ],
)
def test_addresses_near_month_words_stay(text: str, address: str) -> None:
    assert any(address in a for a in found(text, "STREET_ADDRESS"))
