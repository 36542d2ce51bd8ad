"""A capitalised word among lower-case words that only Vietnamese spells (``tổng``, ``nghiệm``,
``phương``) is a word of that prose, capitalised by its place, not a name; a Vietnamese name in
English prose is still found.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Tính tổng các nghiệm của phương trình x^2 - 5x + 6 = 0 và giải thích từng bước.",
        "Viết một đoạn văn ngắn về mùa thu, dùng nhiều hình ảnh và cảm xúc.",
        "Các lợi ích chính:\n- Cung cấp thông tin chi tiết về sản phẩm cho người dùng.\n"
        "- Giúp doanh nghiệp hiểu nhu cầu của khách hàng.",
    ],
)
def test_capitalised_words_of_vietnamese_prose_are_no_names(text: str) -> None:
    assert _persons(text) == []


def test_a_vietnamese_name_in_english_prose_is_still_found() -> None:
    persons = " ".join(_persons("Please send the signed contract to Nguyễn Văn Minh by Friday."))
    assert "Nguyễn Văn Minh" in persons
