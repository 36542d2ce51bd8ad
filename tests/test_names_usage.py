"""A capitalised English word that the same text writes in lower case mid-sentence is the
author's common noun, not a name; US given names and words in no English list are never judged
so. All texts run through the real classifier."""

from __future__ import annotations

import pytest
from tests.helpers import persons

from hybridllm.classifiers.name_usage import written_lower


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Evil\nThe nature of evil, in short.", "Evil", True),
        ("Delete the row. Then delete it again.", "Delete", True),
        ("Rose left. We planted a rose, yes.", "Rose", False),  # a US given name
        ("Brian called. I told brian to wait.", "Brian", False),  # in no English list
        ("House rules apply. See evil.house/rules", "House", False),  # only in a URL
        ("Harvard\nThe Harvard site.", "Harvard", False),  # never written in lower case
        ("Ask Dr. Bond about the bond market.", "Bond", False),  # a title: a surname
    ],
)
def test_written_lower(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert written_lower(text, start, start + len(word), word.lower()) is expected


def test_a_word_the_author_writes_in_lower_case_is_no_name() -> None:
    text = (
        "Apple announced results for its first quarter ended December 31, 2022. The Company"
        " posted quarterly revenue of $117.2 billion. The board has declared a dividend of $0.23"
        " per share of the Company’s common stock. It was the company's biggest decline since"
        " 2016."
    )
    assert persons(text) == []


def test_a_name_the_author_writes_in_lower_case_is_still_found() -> None:
    assert "Brian" in persons("Brian called today. I told brian to wait for the invoice.")


@pytest.mark.parametrize(
    "text",
    [
        "Plagiarism Checker Search Trend Bulgarian Chinese Czech Danish Dutch English (US)",
        "Languages: English French German Italian Spanish",
    ],
)
def test_a_word_inside_a_list_of_languages_is_no_name(text: str) -> None:
    assert persons(text) == []


def test_a_name_after_a_company_stays_a_name() -> None:
    text = "including International Paper Co's Kevin Larsen and others."
    assert "Kevin Larsen" in persons(text)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("int main(void)\n{\n  // Run the GTK main loop\n  gtk_main();\n}", "Run", True),
        ("# Show the window first\nwin.show()", "Show", True),
        ("x = 1  # Run", "Run", False),  # a comment after code, not at a line start
        ("// Rose wrote this hack\nint x;", "Rose", False),  # a US given name
        ("The Run was long.", "Run", False),  # no comment
    ],
)
def test_comment_word(text: str, word: str, expected: bool) -> None:
    from hybridllm.classifiers.name_usage import comment_word

    assert comment_word(text, text.index(word), word.lower()) is expected
