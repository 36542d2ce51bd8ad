"""Characters of stories and English words in no list are no private person's name; private people
in the same shapes still are (round 10b of "Names and ordinary prompts" in docs/benchmarks.md).

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_story import titled
from hybridllm.classifiers.name_words import code_identifier, ordinary_word

# A story pasted to be continued: third-person past-tense narration, speech given after quotes.
_STORY = (
    '"Not yet," Odalys whispered. She pulled her hood down and looked back at the gate. The rain '
    "had not stopped since morning, and the lanterns of the harbour were already lit.\n\n"
    "Quentin followed her through the market. He carried the map under his coat and said nothing "
    'until they reached the bridge. "We could still turn back," Quentin muttered. Odalys smiled '
    "and shook her head. They crossed the bridge together as the bells started to ring."
)


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # story prose
        _STORY,
        "(keep the story going) " + _STORY,
        # requests for fiction
        "tell me a story about a clockmaker's apprentice named Quentin who lost the key to the"
        " tower",
        "Make up a story called The Long Winter of Odalys. Odalys is a lighthouse keeper.",
        "Generate a conversation between Quentin and Odalys. Quentin is a robot, Odalys a child.",
        "Write a dialog between Quentin and Odalys about the first snow of the year.",
        "Write a short dialog with two main characters. Quentin, a baker, and Odalys, a thief.",
        "Make me a script where Odalys, a lighthouse keeper, finds a lost whale.",
        "Write a trailer for a horror movie featuring a killer rabbit Quentin.",
        "We are writing a story for kids. Quentin is a thief who never steals twice.",
    ],
)
def test_story_characters_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # one's own account is no story: many first-person pronouns
        (
            "I need advice. My flatmate and I had a fight last night. I asked Odalys to pay her"
            " share and she refused. She said I had agreed to cover it, then she slammed the door"
            " and left. I called her twice and she never answered. I don't know what to do, she"
            " was my best friend and I miss her. How do I fix this?",
            "Odalys",
        ),
        # a surname alone names someone real as often as not: a news report
        (
            "Summarize: Police in Leeds said the driver was arrested outside a bar late on"
            " Friday. Takuda was released on bail the next morning, and he later told reporters"
            " that he had done nothing wrong. Officers said they were still looking for two other"
            " men. He was ordered to appear in court in May, and his lawyer declined to comment.",
            "Takuda",
        ),
        # a character of a story that is also named with a surname in the text
        (_STORY + " Later that night Quentin Marchetti wrote to his sister.", "Quentin"),
        # telling the stories of real people is not a request for fiction
        (
            "Tell the stories of our volunteers in the newsletter: Quentin cleaned the river bank"
            " every weekend this year.",
            "Quentin",
        ),
    ],
)
def test_private_people_in_story_shapes_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_character_named_in_a_record_stays_found_at_every_mention() -> None:
    text = (
        "Write a story about my daughter Odalys and her cat. Odalys loves the cat. The cat"
        " follows Odalys everywhere."
    )
    assert persons(text).count("Odalys") == 3


@pytest.mark.parametrize(
    "word",
    [
        # derivations of everyday words
        "Vectorize",
        "Preloader",
        "Mockup",
        "Complementors",
        "Upscaled",
        "Subtasks",  # a prefix before a plural
        "Biomarkers",
        # slips inside a word: a letter too many, too few, two swapped
        "Excercise",
        "Reponse",
        "Causual",
        "Funcion",
        "Teh" + "ater",  # "Tehater": two letters swapped in "theater"
        # drawn-out words of chat
        "Gaaaame",
        "Uuuh Uuuh",
    ],
)
def test_english_derivations_and_slips_are_ordinary_words(word: str) -> None:
    assert ordinary_word(word.lower())


@pytest.mark.parametrize(
    "word",
    [
        # names one edit from a word: a letter changed or at an end, or a listed name
        "Natalina",  # catalina
        "Ethelene",  # ethylene
        "Benedicta",  # benedict
        "Tempeste",  # tempest
        "Minik",  # mink
        "Fraco",  # franco is a name: no slip of an everyday word
        "Elane",  # elaine likewise
        "Maria",  # listed given name
        "Kowalski",  # listed surname
        "Aaaqil",  # a listed given name with a tripled vowel
        "Eliassson",  # a listed surname with a tripled consonant
    ],
)
def test_names_near_words_are_not_ordinary_words(word: str) -> None:
    assert not ordinary_word(word.lower())


@pytest.mark.parametrize(
    "text",
    [
        "What are some research papers on Excercise monitoring with computer vision?",
        "Python code for Bayesian trees on Causual Impact",
        "How do I Vectorize this column before the model?",
        'MDTopAppBar:\n  title: "IRL Gaaaame"\n  elevation: 10',
        # an English word near a long number is no name of a record
        "## Mockup\n![Mockup](https://img.example.com/2036314/mockup-phone.png)",
    ],
)
def test_ordinary_words_are_not_flagged(text: str) -> None:
    assert persons(text) == []


def test_ordinary_word_test_leaves_names_in_records() -> None:
    assert "Tempeste" in persons("Contact: Tempeste, tempeste@example.com, +1 415 555 0199")


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("from tensorflow.keras.optimizers import Adam", "Adam"),
        ("using Ardalis.GuardClauses;", "Ardalis"),
        ("  var parts = token.split('.');", "var parts"),
        ("type Lady struct {", "Lady"),
        ("class Meta:", "Meta"),
        ("elif len(p) <= 75:", "elif len"),
        ("  box-shadow: 10px 10px 5px 0px rgba(0,0,0,0.75);", "box-shadow"),
    ],
)
def test_identifiers_on_lines_of_code(line: str, word: str) -> None:
    start = line.index(word)
    assert code_identifier(line, start, start + len(word))


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ('const owner = "Odalys";', "Odalys"),  # a string literal of code may hold a name
        ("let Odalys (my sister) know the date", "Odalys"),
        ("let me know: Odalys said yes", "Odalys"),
        ("Type Odalys: the new intern", "Odalys"),
    ],
)
def test_names_in_strings_and_prose_are_no_identifiers(line: str, word: str) -> None:
    start = line.index(word)
    assert not code_identifier(line, start, start + len(word))


@pytest.mark.parametrize(
    "text",
    [
        "where should this go?\nimport numpy as np\nfrom tensorflow.keras.optimizers import Adam\n",
        "#header {\n  font-size: 1.2rem;\n  line-height: 1.2rem;\n}",
    ],
)
def test_code_identifiers_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Write a story about Captain Keif, a cosmonaut that gets teleported to another dimension.",
        "Write a short story about King Jeffrey and Lord Byron meeting Shakespeare",
    ],
)
def test_titled_characters_of_a_story_are_not_flagged(text: str) -> None:
    c = get_classifier().classify(text)
    assert [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Write a story about Captain Keif. Contact: keif@example.com", "Captain Keif"),
        ("Captain Keif called me about the invoice.", "Captain Keif"),  # no fiction
        ("Make a celebratory song for uncle Victor's 50th birthday", "Victor"),  # family title
        ("Write a poem to thank Mrs. Kaplan for a great school year.", "Kaplan"),  # not a rank
    ],
)
def test_titled_names_outside_fiction_or_with_a_record_are_found(text: str, name: str) -> None:
    c = get_classifier().classify(text)
    spans = [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]
    assert any(name in s for s in spans), spans


def test_titled_needs_a_character_title_and_one_word() -> None:
    assert titled("captain keif")
    assert titled("king jeffrey")
    assert not titled("mrs. kaplan")
    assert not titled("captain keif moore")
    assert not titled("keif")
