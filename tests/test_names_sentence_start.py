"""A listed name that no English word list holds is a name at a sentence, line or bracket
start too, whatever follows it (``name_runs.person_run``); a listed surname that is also an
English word opens sentences as that word. A word in no list there counts when it is spelt
like a name, in ASCII (accents alone make a foreign word read as a name). Every text is
written for this file (no line of a benchmark set); all run through the real classifier."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Final score: Eastbrook 2, Millvale 1 (Wojciechowska).", "Wojciechowska"),
        ("Winners: Oakdale 3 (Przybylski)", "Przybylski"),
        ("Last seen: Duarte.\nNedeljkovic was with her.", "Duarte"),
        ("Chat log\nEnrique\n 10:02 AM\nthe printer is jammed again", "Enrique"),
        ("Kaarle. Call him back before noon.", "Kaarle"),
        ("Pisu and colleagues measured the effect.", "Pisu"),
        # letters outside ASCII, in an English line
        ("Wrocławska scored twice in the final, and the crowd loved it.", "Wrocławska"),
        # or in a short line whose lower-case words are all English
        ("Final results: Ashby 1 (goals: Kowalski), Hillcrest 1 (Świerczyński).", "Świerczyński"),
        # a quoted given name at a quote start is asked of NER, as before (a string literal)
        ('convert this to react\nfirst\\_name = "Nora"\nfavorite\\_language = "Python"', "Nora"),
        # NER's full name keeps its first word when that word is spelt like no English word
        ("Attendees:\n1. Ejvind Hoffstad (Bluepeak Analytics)\n2. R. Lunde", "Ejvind Hoffstad"),
    ],
)
def test_a_listed_name_that_is_no_word_counts_at_a_start(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Okay, same again for the next table.",
        "Thanks for the help today!\nGoodnight",
        "Shades of red:\nCrimson\nCerise",
        "Summarise the meeting notes.",
        "Summarize Zendesk's pricing for me.",
        # in lower-case text a capital the rules restored is no sentence start's evidence
        "'data.frame': 6435 obs. of 3 variables:\n $ Store : int 1 1 1 1 ...\n"
        ' $ Date : Date, format: "2010-02-05" "2010-02-12" ...\n'
        " $ IsHoliday : logi FALSE TRUE FALSE FALSE ...",
        # an acronym in the possessive is no capitalised word
        "We will evaluate graphene-enhanced batteries (GEB’s) and UNHCR's report.",
        "Explicación del código, por favor.",
        "Explicación del código",
        "Übung 2 results",
    ],
)
def test_a_surname_that_is_a_word_opens_a_sentence_as_the_word(text: str) -> None:
    assert _persons(text) == []
