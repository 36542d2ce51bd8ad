"""The nicks of a chat log pasted in lower case (hybridllm.classifiers.name_lower_nicks), first
missed on names_gen5's development split. Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_the_nicks_of_a_lower_case_chat_log_are_names() -> None:
    text = (
        "discord log from last night:\n<akam> who's on for the raid at 9\n<njei> me\n"
        "<jaures> maybe, depends on the pc"
    )
    assert {"akam", "njei", "jaures"} <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "<div> hello world\n<div> another\n<span> text",
        "<user> hi there\n<assistant> hello, how can i help",
        "<item> apples\n<item> pears",
    ],
)
def test_tags_and_roles_in_angle_brackets_are_no_nicks(text: str) -> None:
    assert people(text) == set()
