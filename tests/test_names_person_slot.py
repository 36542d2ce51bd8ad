"""A word in no list, where only a person goes, is a name whatever NER calls it
(hybridllm.classifiers.name_person_slot): met or talked with, something had from or made for
someone, assigned or handed to, reminded or mentored, "X and I", "X is avoiding me", "X from
accounts". Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_person_slot import person_slot


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
            "Code review feedback from Tjiriange: 'naming is inconsistent'. How do I reply?",
            "Tjiriange",
        ),
        ("What do I write in a farewell card for Diart? Everyone else wrote 'good luck'.", "Diart"),
        ("I'm meeting with Anxhi tomorrow about the fence between our gardens.", "Anxhi"),
        ("Assign the bug to Mbarga and close the duplicate.", "Mbarga"),
        ("Help me plan a surprise party for Ngozika, she turns 40 in May.", "Ngozika"),
        ("Is it rude to remind Nexhat twice about the unpaid invoice?", "Nexhat"),
        ("Okonkwor from accounts wants the receipts by Monday.", "Okonkwor"),
        ("Tsegaye and I are splitting the rent; how do we share the deposit?", "Tsegaye"),
        ("I think Bongiwe is avoiding me since the reorg. Any advice?", "Bongiwe"),
        ("Ouahiba sent the contract back unsigned.", "Ouahiba"),
        ("Chrysoula needs the report by noon.", "Chrysoula"),
        ("Call Chrysoula after lunch.", "Chrysoula"),
        ("Ping Tjiriange about the outage.", "Tjiriange"),
        ("I forwarded your note to Nkechinyere.", "Nkechinyere"),
        ("Performance review for Zoubida, Q3.", "Zoubida"),
        ("The email was from Zoubida in procurement.", "Zoubida"),
        ("Approved: Zoubida", "Zoubida"),
        ("Reviewed by Mbarga on 3 May.", "Mbarga"),
        ("Best regards,\nThanasis", "Thanasis"),
        ("Could you look at this, Nkechinyere?", "Nkechinyere"),
        ("Dinner at Ouahiba's place on Saturday.", "Ouahiba"),
        ("Zoubida (product) and I will pair on it.", "Zoubida"),
        ("Write a poem for Sipho, who just retired.", "Sipho"),
    ],
)
def test_a_word_in_no_list_in_a_persons_slot_is_masked(text: str, name: str) -> None:
    assert masked(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "We had a meeting with the vendor about pricing.",
        "I went with Postgres for the queue, is that fine?",
        "Integrate it with Zylqorb and send the logs to Grafana.",
        "Feedback from users was mixed; summarise it.",
        "need design considerations for spog in it systems",
        "Write a short story where Mila finds a map in the attic.",
        "Talk about the climate during the time Nicolaus Copernicus founded his theory.",
    ],
)
def test_no_name_outside_such_slots(text: str) -> None:
    assert not [f for f in get_classifier().classify(text).findings if f.entity_type == "PERSON"]


def test_slots() -> None:
    text = "a farewell card for Diart"
    assert person_slot(text, text.index("Diart"), len(text))
    text = "a connector for Diart"
    assert not person_slot(text, text.index("Diart"), len(text))
    text = "Tsegaye and I agreed"
    assert person_slot(text, 0, 7)
    text = "Tsegaye and Ivo agreed"
    assert not person_slot(text, 0, 7)
