"""Names in a script without capitals (Arabic, Hebrew, Devanagari, Thai, Georgian, Chinese,
Japanese, Korean) in a Latin-script text, found by their slot; words of those scripts that no
slot marks stay.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

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
        ("Please email زيد هندية about the invoice.", "زيد هندية"),
        ("Can you ask אריה פרץ to sign the lease?", "אריה פרץ"),
        ("Please email जय नारायण about the invoice.", "जय नारायण"),
        ("Thanks ธนนนท์ นะวะมันดร for the quick reply.", "ธนนนท์ นะวะมันดร"),
        ("Please email კონსტანტინე ოქრუაშვილი about the invoice.", "კონსტანტინე ოქრუაშვილი"),
        ("Ticket assigned to 木村 淳 yesterday, still open.", "木村 淳"),
        ("Owner: 梁亮\nStatus: waiting for the refund", "梁亮"),
        ("Refund for رها نامور, raha.namvar@example.com, order 4471", "رها نامور"),
    ],
)
def test_a_caseless_name_in_a_persons_slot_is_found(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "How do I say 谢谢 in Chinese?",
        "Translate 'שלום' to English, please.",
        "The kanji 日本 means Japan; write three example sentences.",
        "مرحبا means hello in Arabic. Give me five more greetings.",
        "我想学习中文，请帮我写一篇文章关于我的家庭。",
    ],
)
def test_caseless_words_without_a_persons_slot_stay(text: str) -> None:
    assert _persons(text) == []
