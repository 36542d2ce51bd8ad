"""A label that names a person's role holds a person's name (``name_roles``): any role WordNet
reads first as a person, not only the labels a hand-written list holds; not a screenplay's
speaker, a dialogue's repeated label, a product or a word."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "label",
    ["Driver", "Mentor", "Goalkeeper", "Payee", "Next of kin", "Handled by", "Tutors", "Landlady"],
)
@pytest.mark.parametrize("name", ["Wielowieyska", "Haslinda", "Grace"])
def test_the_value_of_a_role_label_is_a_name(label: str, name: str) -> None:
    text = f"Status update\n{label}: {name}\nPriority: high"
    assert persons(text) == [name]


def test_a_role_value_ends_its_field() -> None:
    text = "- **Captain:** Haslinda Wielowieyska, since 2023\n- Venue: Riverside"
    assert persons(text) == ["Haslinda Wielowieyska"]


@pytest.mark.parametrize(
    "text",
    [
        "Status update\nDate: Monday\nModel: Haslinda\nSubject: Wielowieyska",  # no role first
        "Scene 2\n\nMAN: Yep\n\nBEE: (snarky) Sure.",  # a screenplay's speaker
        "Driver: Nvidia\nHost: Skaffold",  # a product, a word spelt as no name is
        "Driver: Please confirm the pickup time",  # a sentence, no name
    ],
)
def test_no_name_where_the_label_or_the_value_says_none(text: str) -> None:
    assert persons(text) == []


def test_a_label_that_also_heads_lines_of_speech_is_a_speaker() -> None:
    text = "Coach: Haslinda\nCoach: Good effort today, everyone.\nCoach: See you on Monday."
    assert persons(text) == []


@pytest.mark.parametrize("label", ["Attendees", "Present", "Reply to", "Sign-off"])
def test_any_labels_value_at_the_line_end_is_a_name_when_a_name_list_says_so(label: str) -> None:
    text = f"Weekly sync\n{label}: Nakamura\nNext: budget review"
    assert persons(text) == ["Nakamura"]


@pytest.mark.parametrize(
    "text",
    [
        "Topic: Life\nTwo sentence horror story:",  # a word that is a listed name too
        "mfr: Sitronix\nprefix: st7272a",  # a word in no list, under no role
        "Suggested CMS: Bynder\nReasons: easy to use",
        "Location: Jordan\nDates: May",  # a large place
    ],
)
def test_any_labels_value_is_no_name_without_a_name_list(text: str) -> None:
    assert persons(text) == []


def test_a_speakers_name_before_a_listed_name_stays_found() -> None:
    text = "Anna: Marta\nMarta: yes?"
    assert "Anna" in persons(text)


def test_a_listed_name_typed_in_lower_case_in_a_lower_case_note() -> None:
    text = "quick note from the offsite.\nhost: marley\nthe venue was fine and lunch was good."
    assert persons(text) == ["marley"]


def test_a_lower_case_config_value_in_ordinary_text_is_no_name() -> None:
    text = (
        "Why does the Deployment fail? Here is the manifest:\n"
        "metadata:\n  labels:\n    provider: waas\n    tier: Backend\n"
    )
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Attendees: Wielowieyska (goalkeeper), Marek Nowak (host).",
        "Wielowieyska, our goalkeeper, will send the agenda.",
        "Thanks to Haslinda Wielowieyska (payee) for the update.",
    ],
)
def test_a_name_before_its_role(text: str) -> None:
    assert any("Wielowieyska" in p for p in persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "We moved to Kubernetes (the orchestrator) last year.",  # an English word
        "Install Skaffold (the builder) first.",  # a product
        "Results (driver) are in the appendix.",  # an English word again
    ],
)
def test_a_word_before_a_role_is_no_name_unless_it_could_be_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Your colleague Rie said someone would call me back today.", "Rie"),
        ("My friend Bridges told me about the new office.", "Bridges"),
        ("Her husband Rie will pick up the keys.", "Rie"),
    ],
)
def test_an_english_word_after_someones_relation_is_a_name_where_ner_says_so(
    text: str, name: str
) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "My colleague Shuffle sent nothing.",  # NER: no person
        "Build bridges with your colleague teams.",
        "Your colleague said the Bridges project is late.",
    ],
)
def test_a_word_after_a_relation_needs_ners_person(text: str) -> None:
    assert not any(p in ("Shuffle", "Bridges", "Bridges project") for p in persons(text))
