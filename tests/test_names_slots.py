"""Lone capitalised names that their slot marks as a person's (:mod:`~.name_slots`).

Every sentence here is written for this file (none is from bench/data).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the possessive before a person's things, at a sentence start and mid-sentence
        ("Ranveig's laptop was stolen at the airport. Who should I call?", "Ranveig"),
        ("Why did Brodtkorb's visa get rejected again?", "Brodtkorb"),
        # a listed name that is also an everyday word, before a person's verb
        ("Saunders wants the slides by noon, can you draft them?", "Saunders"),
        ("Lane just replied to the whole thread with a meme.", "Lane"),
        ("Quick one: Stevens never showed up to the sync, what do I write?", "Stevens"),
        # a given name that is also a word, after a person's cue
        ("Pls ask Jade if the invoice went out", "Jade"),
        # the team a person is from
        ("Please cc Stone from their legal team.", "Stone"),
        # greeted and addressed: a listed surname that is an everyday word too
        ("Subject: offsite\n\nHi Colon, can we move it a week?", "Colon"),
        ("Dear Judge, thank you for the quick reply.", "Judge"),
        # what people work as, the clause ending there
        (
            "Two applicants: one has eight years at Tessellate Labs; Peace is a bootcamp graduate.",
            "Peace",
        ),
        ("Lane is a senior engineer at Northwind and wants the logs.", "Lane"),
        # spoken to: "said <someone> to" a given name that is also a word
        ("I'm so jealous! said Nnamdi to Amber", "Amber"),
    ],
)
def test_lone_name_in_a_person_slot(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "She raised her hand and asked again.",  # a pronoun the lists also hold as a name
        "For a Trust who is exempt, the rate is zero.",  # a determiner: a common noun
        "We plan to grow Beacon's team this year.",  # a company has a team too
        'print("Hello World")',  # a cue before an everyday word that is no given name
        "Hello World, this is my first app.",  # greeted: a role or the world, no name
        "Hi Team, please review the deck.",
        "Hello London, we are back!",  # greeted: a place that is no given name
        "Only College Park is out of stock this week.",  # part of a capitalised run
        "Swift is a developer-friendly language.",  # the clause goes on after the noun
        "People who travel a lot like this card.",
        "Dad said the car needs new tyres.",
        "Life on the competition team was hard, and Support from the sales team was thin.",
    ],
)
def test_slot_without_a_name(text: str) -> None:
    assert persons(text) == set()


def test_speaker_label_that_is_also_a_word_in_a_dialogue() -> None:
    text = "Ivarsson: can you check the logs?\nFisher: looking now\nIvarsson: thanks"
    assert persons(text) == {"Ivarsson", "Fisher"}


@pytest.mark.parametrize(
    "text",
    [
        "Fisher: 12 pages\nBaker: see attached",  # no label is a name by itself
        "Me: I need a list of papers\nYou: here they are\nIvarsson: thanks",  # roles
    ],
)
def test_speaker_labels_that_stay_words(text: str) -> None:
    assert persons(text) <= {"Ivarsson"}


def test_list_item_before_a_titled_name() -> None:
    text = "Who sits where? Row 2: Brodtkorb, Prof. Hjelmeland. Row 3: empty."
    assert {"Brodtkorb", "Hjelmeland"} <= persons(text)


def test_person_at_a_company() -> None:
    text = "Draft a follow-up to Sollerud at Ironvale Software; the renewal is overdue."
    assert "Sollerud" in persons(text)
    assert persons("We had lunch at Grand Central Station.") == set()
    # a given name that is also a word counts there too; a word that is no given name does not
    text = "Draft a follow-up to Autumn at Tessellate Labs; the renewal is overdue."
    assert "Autumn" in persons(text)
    assert persons("The Tower at Canary Wharf is tall.") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a slot decides before NER: "that" after a verb of saying opens a clause
        ("Please note that Baron enjoyed the onboarding week.", "Baron"),
        ("Tell them that Gala smiled through the whole review.", "Gala"),
        # looping someone in
        ("Looping in Şenyürek. Can you confirm the dates?", "Şenyürek"),
        # the owner of an action item
        ("Actions:\n- Seth to send the revised budget\n- Ilse to book the room", "Seth"),
        ("Actions:\n- Seth to send the revised budget\n- Ilse to book the room", "Ilse"),
    ],
)
def test_a_slot_names_a_word_ner_was_asked_about(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "I know that Python enjoyed wide adoption in data science.",
        "Steps:\n- Need to fix the login bug\n- Click to open the menu",
        "Migration plan:\n- Move to Postgres 16\n- Switch to the new API",
    ],
)
def test_no_name_from_clauses_or_plain_action_items(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname that is also a large city, in a person's slot
        ("Is the will valid if only Pereira witnessed it?", "Pereira"),
        ("Summarise: Trujillo presented the Q3 numbers to the board.", "Trujillo"),
        # two listed names that are no English word, place or brand
        ("Write a wedding toast for Kovačević and Živković, please.", "Kovačević"),
        ("Write a wedding toast for Kovačević and Živković, please.", "Živković"),
        # a person one shadows, covers or asks for
        ("Our new hire will shadow Lasocka for two weeks.", "Lasocka"),
        ("who's covering for Delal while they're on leave? asking for Liebi", "Liebi"),
    ],
)
def test_surnames_that_are_cities_and_pairs_of_names(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "I moved to London from Madrid and now work in Porto near Valencia.",
        "Flights from Lima to Bilbao via Madrid, then a train to Salamanca.",
        "Compare Johnson and Johnson products with Procter and Gamble ones.",
        "asking for Kubernetes help, covering for Python 2 users",
    ],
)
def test_cities_and_brand_pairs_stay_unflagged(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tin is a very sympathetic person. They are also good listeners.", "Tin"),
        ("Grant is my cousin and he lives in Leeds.", "Grant"),
    ],
)
def test_a_predicate_that_calls_a_word_a_person_makes_it_a_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Python is a great language.",
        "Hope is a good thing.",
    ],
)
def test_a_predicate_that_calls_it_a_thing_or_a_firm_makes_no_name(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Talay, I have checked with accounts and the payment went out.", "Talay"),
        ("Reminder: Gudmanda, you have an appointment with Dr Nilssen at 9:30.", "Gudmanda"),
        ("Cedric, I have checked with accounts.", "Cedric"),
    ],
)
def test_a_vocative_before_a_pronoun_is_a_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", ["Bdw, I have a lot of pics", "However, I think so"])
def test_interjections_before_a_pronoun_are_no_names(text: str) -> None:
    assert persons(text) == set()


def test_speakers_after_a_chat_logs_time_stamps_are_names() -> None:
    text = "[09:14] Tillie: morning all\n[09:15] Stella: morning! coffee machine is broken again"
    assert {"Tillie", "Stella"} <= persons(text)


def test_a_cue_verb_in_the_entity_does_not_make_the_name_an_organisation() -> None:
    text = "Pets allowed. Contact Joachim at leaving1859@outlook.com."
    assert "Joachim" in persons(text)


@pytest.mark.parametrize(
    "text",
    ["Non-smoker preferred.", "The April-June figures are in.", "Our Past-President spoke."],
)
def test_hyphenated_everyday_words_are_no_names(text: str) -> None:
    assert persons(text) == set()


def test_the_subject_of_an_infinitive_after_for_is_a_name() -> None:
    text = "It was Inci who noticed the smoke first and shouted for Hajar to get out."
    assert "Hajar" in persons(text)
    assert persons("We waited for Docker to start.") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a word in no list before any past tense, mid-sentence
        ("By the time Vakkilainen reached the gate, the bus had gone.", "Vakkilainen"),
        ("After lunch Oyelaran dropped the keys off at reception.", "Oyelaran"),
    ],
)
def test_unlisted_word_before_a_past_tense(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "We moved to a Kubernetes based setup last year.",  # a thing's participle
        "the ones frecuently exported from spain",  # a typo spelt like no name
        "The Figma file was shared with the whole team.",  # a participle before "with"
    ],
)
def test_past_tense_without_a_name(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Text from an unknown number: 'It's Frankito, Santhiago's sister. Call me?'", "Santhiago"),
        ("Can you forward this to Alexandar's manager before Friday?", "Alexandar"),
    ],
)
def test_a_spelling_of_a_listed_name_is_no_typing_slip(text: str, name: str) -> None:
    # one letter from "santiago", "alexander": a name's spelling, not a slip of an everyday word
    found = get_classifier().classify(text).findings
    assert name in [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


def test_a_typing_slip_of_an_everyday_word_is_still_no_name() -> None:
    text = "Please fix the Univeristy page and the Alternatino tab in our app."
    found = get_classifier().classify(text).findings
    assert not [f for f in found if f.entity_type == "PERSON"]
