"""The company a word keeps (hybridllm.classifiers.name_company): shapes in which messages name
people whatever the name is, first missed on names_gen4's development split (names the lists do
not hold and the small NER model calls an organisation or a place). Real classifier throughout.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a plural relation before a list of names
        ("She is survived by her children Aprilia and Afiat.", {"Aprilia", "Afiat"}),
        ("He is survived by his children Bra, Lbrahim and Okoth.", {"Bra", "Lbrahim", "Okoth"}),
        # the speaker and another
        ("I need a catchy caption for a photo of me and Solvei hiking.", {"Solvei"}),
        ("Solvei and I went hiking last weekend.", {"Solvei"}),
        # one introducing themselves
        ("Hi, this is Sidse again, still waiting for an update on my ticket.", {"Sidse"}),
        ("This is Goca from billing, about invoice 4471.", {"Goca"}),
        # a role in brackets after the word
        ("Call summary: Mensur (Head of Ops at Brightbridge) said they compare us.", {"Mensur"}),
        # an action item
        ("AI: Rokita to book rooms for the offsite.", {"Rokita"}),
        # a booking under a name, in chat's lower case too
        ("walking tour with our guide, dinner booked under ogu.", {"ogu"}),
        # someone addressed at the end of a wish
        ("Congratulations on the new baby, Lindokuhle. Best wishes from us all.", {"Lindokuhle"}),
        ("Welcome to the team, Oyelaran!", {"Oyelaran"}),
        # a field or a label that holds a person's name
        ('{"customer": {"id": 7}, "agent": "Luciene"}', {"Luciene"}),
        ("WARN payments: refund for order 88231, approved_by=Abelardo", {"Abelardo"}),
        ("**Owner:** Solomon Ibekwe\n**Reviewer:** Boma Mary-Odeh", {"Boma Mary-Odeh"}),
        # a "name" in an object that holds a person's attributes
        ('[{"name": "Muammer", "age": 34}, {"name": "Meyrem", "age": 29}]', {"Muammer", "Meyrem"}),
    ],
)
def test_a_name_in_the_company_only_people_keep_is_found(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "This is Python code, can you review it?",
        "Docker (our container runtime) is slow on this laptop.",
        "Kubeflow (our ML platform) keeps timing out.",
        "My friends and I want to learn Rust this summer.",
        "Postgres to send notifications? Use LISTEN and NOTIFY.",
        '{"name": "Widget", "price": 34, "sku": "W-1"}',
        "Congratulations on the launch, Kubernetes.",
        "The file is listed under Documents, and I have known Python for years.",
        "Agent: Zapier\nTrigger: new row in the sheet",
    ],
)
def test_things_in_those_shapes_stay_things(text: str) -> None:
    assert people(text) == set()


def test_particles_of_filipino_spanish_and_german_names_are_part_of_them() -> None:
    # "dela", "delos", "zu", "binti" join a name's words as "van der" and "da" do: a partial
    # mask ("Arci", "Torre") leaves the particle and the name readable
    text = "Interview schedule: 09:00 Arci dela Torre, 10:00 Xian Aranas, 11:30 Loloy Olarte."
    assert "Arci dela Torre" in people(text)


def test_a_speaker_between_role_labels_is_a_person_and_the_roles_are_not() -> None:
    # "Agent:" (a surname too) was taken for a speaker's name, and the customer's name beside
    # it for a template's field label, as "Tone:" beside "Grammar:" is
    chat = (
        "Agent: thanks for calling, how can I help?\n"
        "Silvana: my card was declined\n"
        "Agent: let me check that for you"
    )
    assert people(chat) == {"Silvana"}
    assert people("Tone: Conversational, empathetic\nGrammar: simple\nFormatting: bullets") == set()


def test_a_list_after_from_that_starts_with_a_found_surname_is_of_people() -> None:
    # "from" before a list made it a list of places ("flights from Kraków, Gdańsk"); a found
    # name that no place bears says it is one of people, reversed names too ("Gök, Iclal")
    text = "Donations: 50 EUR from Gök, Iclal, 20 EUR from Kowalczyk, Ilke."
    assert {"Gök", "Iclal", "Kowalczyk", "Ilke"} <= people(text)
    assert people("We have stores in Adelaide, Marion and Austin.") == set()
    assert people("Cheap flights from Kraków, Gdańsk and Wrocław.") == set()


def test_a_five_letter_name_one_letter_from_a_word_stays_a_name() -> None:
    # the slip test (a letter dropped, added or swapped inside an everyday word) took five-letter
    # names for slips of six-letter words ("Orale" / "oracle"); a slip is of six letters or more
    text = "Main concern is onboarding time. Orale to send a case study."
    assert people(text) == {"Orale"}
    assert people("I met Shoel at the conference.") == {"Shoel"}
    assert people("Can you fix this excercise for me?") == set()


def test_speaker_labels_of_a_bulleted_list_of_action_items() -> None:
    # "- Sandy: ..." between two other people's labels: a speaker's label after a bullet, as at
    # a line start ("Sandy" is a word too, so it needs the list's other names)
    text = (
        "Action items from today's standup:\n- Eligio: fix the login timeout\n"
        "- Sandy: update the release notes\n- Mayra: chase the vendor"
    )
    assert {"Eligio", "Sandy", "Mayra"} <= people(text)
    assert people("- Tone: formal\n- Length: 200 words\n- Format: bullets") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # someone of, from or at a company its legal form names
        ("The closing remarks were by Judyta of Bluegate Analytics plc.", "Judyta"),
        ("We had a call with Tomasz from Northwind Traders Ltd about it.", "Tomasz"),
    ],
)
def test_someone_of_a_company_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Bank of Scotland plc raised its rates.",
        "He works at the University of Leeds and at Acme Ltd.",
    ],
)
def test_institutions_of_a_company_stay_clean(text: str) -> None:
    assert people(text) == set()
