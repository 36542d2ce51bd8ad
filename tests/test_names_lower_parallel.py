"""Two parties of one construction (hybridllm.classifiers.name_lower_parallel): ``from X to Y``
and ``between X and Y`` with one side a found lower-case name make the other side one, when its
words could be a name's. Real classifier throughout."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("account owner changed from shikha anand to veeresh prakash on 02/09.", "shikha anand"),
        ("handover from veeresh prakash to shikha anand, effective monday", "shikha anand"),
        ("the ticket moved from ranjeet panda to chithra chouhan yesterday.", "ranjeet panda"),
        ("settle the dispute between zvone and veeresh prakash.", "zvone"),
    ],
)
def test_the_other_party_of_a_found_name_is_a_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a team, a determiner, a place: no person's words
        ("moved from veeresh prakash to the finance team", {"veeresh prakash"}),
        ("the train from anand to veeresh prakash", {"veeresh prakash"}),
        ("from paris to veeresh prakash", {"veeresh prakash"}),
        # no found name on either side
        ("flights from lagos to abuja, then the bus from abuja to jos.", set()),
        ("the gap between kafka and zookeeper is small", set()),
    ],
)
def test_a_side_that_is_no_name_stays_unfound(text: str, found: set[str]) -> None:
    assert people(text) == found
