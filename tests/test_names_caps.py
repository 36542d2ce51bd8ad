"""Names written in capitals (form headers, signatures, shouted prompts): a listed given name
and a listed surname, neither an everyday word. Written for this file."""

from __future__ import annotations

import pytest

from hybridllm import redact


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("please ask MARIA LOPEZ about the invoice", "MARIA LOPEZ"),
        ("ATTN: KWAME MENSAH\nRE: lease renewal", "KWAME MENSAH"),
        ("RESUME OF CHRISTINA HYDE, 6445 S Minerva Ave", "CHRISTINA HYDE"),
    ],
)
def test_a_name_in_capitals_goes(text: str, name: str) -> None:
    out = redact(text).text
    for part in name.split():
        assert part not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "MAY JUNE JULY",
        "GRANT ACCESS TO THE BUCKET",
        "MARK AS READ",
        "HOW TO USE AWS SDK",
        "GRACE PERIOD ENDS TODAY",
    ],
)
def test_everyday_words_in_capitals_stay(text: str) -> None:
    assert redact(text).text == text
