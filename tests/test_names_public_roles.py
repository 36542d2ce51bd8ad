"""Names after a title of public office or cult, a religion's figures in a text of faith, and
names asked about as words are no private person's
(:mod:`hybridllm.classifiers.name_public_roles`); a record or a personal cue near one, a house
number before a title, or a text with no word of faith still keeps it. All texts run through
the real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Can we create a panel where I can ask Lord Shri Krishna any question and he "
            "answers based on the Gita?",
            "Krishna",
        ),
        ("tell me stories about the Holy Prophet Muhammad that a child would enjoy", "Muhammad"),
        ("Why do Christians believe that Jesus was resurrected?", "Jesus"),
        ("Summarise the dissent of Justice Ketanji Onwuachi in two paragraphs.", "Onwuachi"),
        ("i want to trace the origins of the surname Nedland. tell me all there is", "Nedland"),
        ("What is the orgin of the name Downie", "Downie"),
    ],
)
def test_a_public_title_a_figure_of_faith_or_a_name_as_a_word_is_no_person(
    text: str, name: str
) -> None:
    assert not any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # no word of faith: Jesus is a given name
        ("is this enforceable? 'the employee, Jesus Frizzo, shall not solicit clients'", "Frizzo"),
        # contact details near the name
        ("Justice Ketanji Onwuachi, phone 555-201-7788, asked for the file.", "Onwuachi"),
        # a company's role is no public office
        ("Site manager Zyta Zurawicka said no one had been hurt.", "Zurawicka"),
    ],
)
def test_private_evidence_keeps_the_name(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_title_after_a_house_number_is_a_street() -> None:
    text = (
        "card number 4647 6004 3142 2532 is lost, can you please send a new one to 491 Saint "
        "Foncivade? I am in Toulouse for a business trip"
    )
    found = get_classifier().classify(text).findings
    assert any("Foncivade" in text[f.start : f.end] for f in found), found
