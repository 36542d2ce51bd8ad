"""Famous surnames by text frequency (``name_fame.py``, ``data/famous_names.txt``): a surname
far more frequent in text than in the population is a public figure's where no private evidence
is near; a common surname, a given name or a private record keeps the name.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_fame import famous, famous_word


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


def test_famous_is_text_frequency_beyond_population() -> None:
    # rare in the population, frequent in text
    assert famous("johnny depp")
    assert famous("michelle obama")
    assert famous("seinfeld")
    # frequent in text because many people bear them (US census or other countries' lists)
    assert not famous("maria garcia")
    assert not famous("jessica johnson")
    assert not famous("priya singh")
    assert not famous("wei zhang")
    # given names and English words are never listed (their frequency is not a surname's)
    assert not famous("kaoru")
    assert not famous("linda weaver")


@pytest.mark.parametrize(
    "text",
    [
        "Write a short bio of Michelle Obama for a school project.",
        "What was the best episode of Seinfeld?",
        "Give me 5 reasons why President Joe Biden won the election.",
        "Write a movie plot with Johnny Depp's pirate character as a chef.",
        "How does Uber calculate surge pricing?",
    ],
)
def test_famous_names_in_prose_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Customer: Johnny Depp, phone 415-555-0134, order #88231", "Johnny Depp"),
        ("Hi, I'm Michelle Obama and I need help with my tax return.", "Michelle Obama"),
        ("My colleague Johnny Depp keeps missing the stand-up.", "Johnny Depp"),
        ("Write a short bio of Michelle Johnson for a school project.", "Michelle Johnson"),
    ],
)
def test_private_evidence_or_a_common_surname_keeps_the_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Please summarise the meeting notes that Laura Kardashian sent yesterday.",
            "Laura Kardashian",
        ),
        (
            "Can you proofread the cover letter Maria Einstein wrote for the intern role?",
            "Maria Einstein",
        ),
    ],
)
def test_a_famous_surname_after_a_listed_given_name_is_a_namesake(text: str, name: str) -> None:
    # Not the bearer, whose full name the people lists hold (Johnny Depp, Michelle Obama above)
    assert name in persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rewrite Alaric's quote for the press release: 'We are thrilled to partner.'", "Alaric"),
        ("Can you check whether Virgil signed the lease yet?", "Virgil"),
    ],
)
def test_a_persons_context_outweighs_a_public_bearer_of_the_name(text: str, name: str) -> None:
    # Alaric (the Visigoth king) and Virgil are listed public names; the text says otherwise
    assert name in persons(text)


def test_a_famous_surname_alone_or_after_a_particle_stays_public() -> None:
    assert persons("Write a poem in the style of Einstein.") == []
    assert persons("Van Gaal's Manchester United go into the match as favourites.") == []


def test_clinical_text_keeps_a_famous_surname() -> None:
    text = (
        "Patient Johnny Depp, 54, admitted with chest pain; troponin elevated, started on "
        "aspirin and heparin. History of hypertension."
    )
    assert "Johnny Depp" in persons(text)


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        (
            "Fix the grammar: Ich habe viel mit ihr darüber gesprochen, doch das hat sie nie "
            "gewollt, aber sie hatte Recht und ich werde wenigstens suchen.",
            "Recht",
        ),
        (
            "I am writing a fantasy world bible for my tabletop game and need help polishing "
            "the Spanish section below, so keep the numbering and the headings as they are and "
            "fix the accents.\n1.1.1 Especies humanoides: en este mundo habitan diferentes "
            "especies inteligentes que viven en las montañas del norte.",
            "Especies",
        ),
        (
            "I am writing a fantasy world bible for my tabletop game and need help polishing "
            "the Spanish section below, so keep the numbering and the headings as they are and "
            "fix the accents.\n1.1.2 Geografía: en este mundo hay montañas altas, ríos largos y "
            "bosques antiguos donde viven los lobos del norte.",
            "Geografía",
        ),
    ],
)
def test_nouns_of_non_english_prose_are_not_flagged(text: str, noun: str) -> None:
    assert noun not in persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed given name or a curated surname in foreign prose is still a name
        (
            "Bitte korrigieren: Gestern hat Kowalski mir gesagt, dass er die Rechnung nicht "
            "bezahlen kann und wir noch warten sollen.",
            "Kowalski",
        ),
        # the same census-only surname in English prose is a name
        ("Please ask Brust whether the invoice for the roof repair was paid.", "Brust"),
    ],
)
def test_names_in_non_english_prose_stay(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your name is Henry. You are an expert at summarizing research. Henry, summarize this.",
        "pretend you are Dave Kowalczyk, a GRC consultant focused on information security risk",
        "You are Ted Lasso. Give a pep talk to a team that lost 5-0.",
    ],
)
def test_a_name_given_to_the_assistant_is_a_persona(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("You are Samantha Kowalczyk's assistant. Draft her reply to the landlord.", "Samantha"),
        ("Your name is Henry. Contact: henry.k@example.org", "Henry"),
    ],
)
def test_someone_else_or_a_persona_with_contact_details_stays(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        'Do you know about the game "Escape from Tarkov"? Is it worth buying?',
        "I read the paper “Evaluating BERT on Small Corpora” and need a summary.",
        "EXPERIENCE\nMann Shinar Architects & Planners: Project Manager\n2020-2022",
    ],
)
def test_titles_of_works_and_companies_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Please forward "Maria Lopez" the minutes of the board meeting.', "Maria Lopez"),
        ("Dear Maria Lopez, your order from Hill LLC has shipped.", "Maria Lopez"),
    ],
)
def test_quoted_or_beside_a_company_a_private_name_stays(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_lower_case_names_among_foreign_names_stay() -> None:
    # In lower-case chat the other names of a line read as non-English words: no foreign noun.
    text = (
        "ruuben savela of minimani is the ceo of the year. abc business considered several "
        "other influential ceos for this year's honor, including jemina kotilainen of "
        "plusterveys, raija lepistö of hacklin's, and esko ignatius of tammer-tukku."
    )
    found = " | ".join(persons(text))
    assert "savela" in found
    assert "kotilainen" in found


def test_famous_word_is_a_surname_that_text_uses_as_a_word_or_place() -> None:
    # surnames of the census that text uses as words, languages or brands far beyond their bearers
    assert famous_word("okay")
    assert famous_word("camping")
    assert famous_word("boeing")
    # common surnames that are words too: frequent because many people bear them
    assert not famous_word("smith")
    assert not famous_word("baker")
    # given names are never listed
    assert not famous_word("brian")


@pytest.mark.parametrize(
    "text",
    [
        "Okay thanks. Now shorten the second paragraph to two sentences.",
        "Can you list ten Camping essentials for a rainy weekend?",
        "Compare the safety record of Boeing with its main rival since 2010.",
    ],
)
def test_a_lone_famous_word_without_person_evidence_is_no_name(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please forward the invoice to Gareth Boeing before Friday.", "Gareth Boeing"),
        ("Ms. Nissan called twice about the overdue rent.", "Nissan"),
    ],
)
def test_a_famous_word_with_person_evidence_stays_a_name(text: str, name: str) -> None:
    assert any(name in p for p in persons(text))


def test_a_lone_brand_of_simple_icons_is_a_product() -> None:
    from hybridllm.classifiers.name_fame import fame

    assert fame("zapier") == "product"
    assert fame("coursera") == "product"
    assert fame("seinfeld") == "famous"
    # only a lone word: the last word of a full name is no brand, nor is a name of any list
    assert fame("mary zapier") is None
    assert fame("maria") is None


@pytest.mark.parametrize(
    "text",
    [
        "How do I use Zapier for my small business?",
        "Write a course outline I can sell on Udemy and Coursera.",
        "Are you familiar with a startup called Fiverr? Summarise its history.",
        # products the sources lack, in the hand list (data/not_people.txt)
        "I want you to act as a prompt generator for Midjourney's artificial intelligence.",
    ],
)
def test_brands_alone_are_not_people(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a personal cue or a record near it keeps the name: a private person may bear it
        ("Ask Zapier about the invoice before Friday.", "Zapier"),
        ("Contact Strava at strava.k@example.com or 415-555-0134.", "Strava"),
    ],
)
def test_a_brand_word_with_private_evidence_stays_a_name(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
