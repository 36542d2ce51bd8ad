"""A given name after an imperative at a sentence start: sent or given something (``Forward
Maria's notes``, ``Send Maria the file``), the verb no part of the name. Written for this file;
the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name", "verb"),
    [
        ("Forward Maria's notes to the finance team.", "Maria", "Forward"),
        ("Send Maria the file before noon.", "Maria", "Send"),
        ("Thanks for the update. Send Maria the file.", "Maria", "Send"),
        ("Invite Maria to the planning session on Friday.", "Maria", "Invite"),
        ("Give Grace a call tomorrow about the lease.", "Grace", "Give"),
        # NER's span over the verb loses it: an everyday word no given name is
        ("Send Maria the notes.", "Maria", "Send"),
        ("Check Maria's calendar for Tuesday.", "Maria", "Check"),
    ],
)
def test_a_given_name_after_an_imperative_is_found_without_the_verb(
    text: str, name: str, verb: str
) -> None:
    found = persons(text)
    assert any(p.startswith(name) for p in found), found
    assert not any(verb in p for p in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Send Paris photos to me when you land.",  # a place before a noun: no person
        "Please forward Sydney office updates to the team.",
    ],
)
def test_a_place_before_a_noun_after_such_a_verb_stays_unnamed(text: str) -> None:
    assert persons(text) == []
