"""The layout around a one-word finding makes it a place, a quantity's header or a field label
(:mod:`hybridllm.classifiers.name_public_layout`); names in lists, transcripts and addressed
people stay found. All texts run through the real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # a town and its region
        "I have visited several countries in Europe and Asia, and I plan my next trip.",
        "How far is it from Boston MA to Atlanta GA",
        "Day 40-43: Bali, Indonesia\nFly to Bali, a paradise island.",  # later mentions too
        # a large place after a preposition of place, or after "the state of"
        "Hello! What can one visit in Vigo? A 1 day trip.",
        "Born in Vienna, she later moved to Toronto and taught there.",
        "It lies in the southern region of the U.S. state of Indiana, near the river.",
        # a quantity's header
        "X [m] Y [m] Wert [nT]\n-0.572 12.446 1.080",
        # a field label among a template's fields
        "Grammar: Standard English rules.\nTone: Conversational, empathetic, supportive.",
        # a neighbour label that is an English word outside the everyday list
        "Formatting: Use memo formatting with bullets.\nTone: Clear and to the point.",
    ],
)
def test_places_headers_and_labels_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We met in Paris, Sarah.", "Sarah"),  # a given name addressed after a place
        ("Lunch with Sarah, Dallas TX office.", "Sarah"),
        ("Jane Roe, MD will see you.", "Jane Roe"),  # a degree, no state
        ("Table 1: Tsuneto, Carolina, Ms. Gair", "Tsuneto"),  # a list of people
        ("Who missed standup:\nNilo: api is down\nSmith: rolling back now", "Nilo"),
        ("Will: hi there\nGrace: hello", "Grace"),  # a transcript
        ("Bali, Indonesia. Contact Bali at bali.k@example.com", "Bali"),  # a record
        # a place that is a given name after a bare preposition stays a person
        ("I confided in Madison, who said she would help.", "Madison"),
        ("I confided in Victoria, who said she would help.", "Victoria"),
    ],
)
def test_people_beside_places_and_speakers_are_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_bracketed_year_is_no_unit() -> None:
    text = "See Multiplex Constructions Pty Ltd v Luikens [2003] NSWSC 1140 at [96]."
    assert any("Luikens" in p for p in persons(text)), persons(text)


def test_a_one_word_comment_next_to_code_is_a_step() -> None:
    text = (
        "def f(text):\n    tokens = [t for t in tokens if t not in stop]\n"
        "    # Lemmatize\n    lemmatizer = WordNetLemmatizer()\n"
    )
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("x = 1\n# Maria\ny = 2\n", "Maria"),  # a given name in a comment
        ("Notes\n# Kaarle\nThe end.", "Kaarle"),  # no code next to it (an unlisted word)
    ],
)
def test_comments_that_may_name_someone_are_kept(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_an_entry_of_a_table_of_contents_is_a_heading() -> None:
    toc = "## Contents\n* [Hiking](#hiking-trails)\n* [Camping](#camping-outdoors)\n"
    assert persons(toc + "* [Brodtkorb](#brodtkorb)") == ["Brodtkorb"]  # no English word
    assert persons("Ask [Brodtkorb](https://example.com/team/brodtkorb) about it.") == ["Brodtkorb"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a word no list holds as a given name, right after a bare preposition of place
        ("Which bands played at the jazz festival in Montreux in 1986?", "Montreux"),
        ("Plan a weekend in Dilsukhnagar with a budget of 200 dollars.", "Dilsukhnagar"),
        ("Our dog spends the winters in Urla and the summers by the sea.", "Urla"),
    ],
)
def test_a_word_after_a_preposition_of_place_is_a_place(text: str, word: str) -> None:
    assert not any(word in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a verb that puts a person after "in", a possessive, a record, a given name
        ("Thanks, looping in Kovalenko for the numbers.", "Kovalenko"),
        ("She confided in Wierzbicki before the hearing.", "Wierzbicki"),
        ("The keys are in Brzezinski's office, second floor.", "Brzezinski"),
        ("Patient: seen in Dr. Okafor clinic, DOB 04/05/1961, MRN 12345678.", "Okafor"),
    ],
)
def test_people_after_in_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
