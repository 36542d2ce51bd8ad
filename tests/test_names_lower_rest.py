"""More of a lower-case name around a found part (hybridllm.classifiers.name_lower_rest): a
hyphenated surname with a short piece or one close to an English word, a particle and a
surname, and a table or record of names that reads as foreign only for its names. Real
classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def masked(text: str, part: str) -> bool:
    """Whether every letter of ``part`` (its first mention) is inside some finding."""
    at = text.index(part)
    spans = [(f.start, f.end) for f in get_classifier().classify(text).findings]
    return all(
        any(a <= k < b for a, b in spans) for k in range(at, at + len(part)) if text[k].isalnum()
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "this agreement is made between kavita ah-seeyin (the landlord) and maria lopes"
            " (the tenant).",
            "kavita ah-seeyin",
        ),
        (
            "the contract is made between deepa ah-khoodun (the landlord) and ana catarina"
            " simoes (the tenant)",
            "deepa ah-khoodun",
        ),
        (
            "| name | team |\n|---|---|\n| alain michel ntakirutimana | sales |\n"
            "| alida noélla kaneza | support |\n| nibizi kwizera-ndikumana | ops |",
            "nibizi kwizera-ndikumana",
        ),
    ],
)
def test_the_whole_lower_case_name_is_masked(text: str, name: str) -> None:
    assert masked(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "our well-known co-founder, maria, wrote the follow-up.",
        "a dos attack hit the site last night, can you explain it?",
    ],
)
def test_no_name_in_english_compounds(text: str) -> None:
    assert not [f for f in get_classifier().classify(text).findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name found beside another (the stage's last additions) is grown as the others are
        (
            "The photo shows Tainá dos Bittencourt, Rosa Pinheiro and the coach.",
            "Tainá dos Bittencourt",
        ),
        ("Pictured: Dinha de Bittencourt and Rosa Pinheiro.", "Dinha de Bittencourt"),
        # an apostrophe inside a lower-case surname, a right quote too
        ("??? zaynab ja’farov\\n??? umarov-ismoilov\\n??? 6409 akobir orchard", "zaynab ja’farov"),
        ("a 1993 comedy film directed by sakina e’zozova and starring aziz", "sakina e’zozova"),
    ],
)
def test_late_and_elided_names_are_masked_whole(text: str, name: str) -> None:
    assert masked(text, name)


def test_a_contraction_after_a_name_is_no_surname() -> None:
    text = "i told maria i'll call back and maria's mum agreed"
    spans = {text[f.start : f.end] for f in get_classifier().classify(text).findings}
    assert not any("'ll" in s or "call" in s for s in spans)
