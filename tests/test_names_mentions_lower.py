"""Lower-case chat mentions of a listed given name that is also an English word
(hybridllm.classifiers.name_handles.mentioned_given); not channel mentions, default accounts or
decorators. Real classifier and real spaCy model."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@damon: going with vendor b\n@james: fine by me but loop in legal", "james"),
        ("thanks @sandy for the fix, merging now", "sandy"),
    ],
)
def test_a_lower_case_mention_of_a_given_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    ["@channel reminder: standup at 9", "@override\ndef run(self): pass", "ping @admin please"],
)
def test_channel_mentions_decorators_and_accounts_are_no_names(text: str) -> None:
    assert people(text) == set()
