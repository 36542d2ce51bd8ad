"""The name stage's part of the normalized view: only changes that can touch a word.

A clinical note is full of typographic characters (``SpO₂``, ``10⁹/L``, no-break spaces) that
make the normalized view differ almost everywhere; none of them can hide a name, so the name
stage must not run a second time over the whole view, and must still find what an evasion
inside a name hides.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.normalize import normalize


@pytest.mark.parametrize(
    "text",
    [
        # (notation such as "SpO\u2082" or "\u00d710\u2079/L" is no change at all, see
        # test_normalize_notation; superscript digits that could hide a value are)
        "Code \u00b9\u00b2\u00b3\u2074\u2075 on room air, WBC 7.4 \u00d710\u2079/L.",
        "Seen by Dr. Elara K.\u00a0Dalesworth today.",  # a no-break space
        "Phone \uff15\uff15\uff15-\uff10\uff11\uff18\uff17 please",  # full-width digits
        "social security number 4 0 2 1 9 8 8 7 7 please",  # spaced digits
        "Reviewed on January 26, 2011\nlevothyroxine 75 mcg daily continued",  # digit join
    ],
)
def test_typographic_changes_leave_no_words_view(text: str) -> None:
    view = normalize(text)
    assert view is not None  # the other recognizers still get a view
    assert view.words is None


def test_words_view_keeps_letter_changes_only() -> None:
    filler = "The vitals were stable and the plan was discussed with the family. " * 12
    text = (
        "Ref \u00b9\u00b2\u00b3. " + filler + "Ask Ma\u200bria Gar\u200bcia to call back. " + filler
    )
    view = normalize(text)
    assert view is not None
    assert view.words is not None
    assert "Maria Garcia" in view.words.text
    assert "Ref 123" in view.text
    assert "Ref" not in view.words.text  # far from the name
    at = view.words.text.index("Maria Garcia")
    start, end = view.words.to_original(at, at + len("Maria Garcia"))
    assert text[start:end] == "Ma\u200bria Gar\u200bcia"


def test_name_hidden_by_zero_width_characters_is_found_next_to_clinical_units() -> None:
    text = "Patient seen today, SpO\u2082 97%. Please ask Ma\u200bria Gar\u200bcia to call back."
    c = get_classifier().classify(text)
    start = text.index("Ma\u200bria")
    end = text.index("cia") + 3
    assert any(f.entity_type == "PERSON" and f.start <= start and end <= f.end for f in c.findings)


def test_name_across_a_no_break_space_is_one_finding_of_the_plain_pass() -> None:
    text = "HPI: Iona R.\u00a0Hawthorne, age 31, reports 3 days of cough. SpO\u2082 97%."
    c = get_classifier().classify(text)
    person = [f for f in c.findings if f.entity_type == "PERSON"]
    assert [(text[f.start : f.end], f.recognizer) for f in person] == [
        ("Iona R.\u00a0Hawthorne", "names")
    ]


def test_typographic_change_keeps_a_short_region_around_it() -> None:
    filler = "The vitals were stable and the plan was discussed with the family. " * 20
    text = filler + "Ref \u00b9\u00b2\u00b3 on room air. " + filler
    view = normalize(text)
    assert view is not None
    assert "Ref 123 on" in view.text
    assert len(view.text) < 300  # a few words each side, not 240 characters


def test_full_width_ssn_after_its_label_is_still_found() -> None:
    text = (
        "Filler sentence about the weather and nothing else. " * 8
        + "Her social security number, as written on the intake form, is "
        + "\uff14\uff10\uff12-\uff11\uff19-\uff18\uff18\uff17\uff17."
    )
    c = get_classifier().classify(text)
    start = text.index("\uff14")
    assert any(f.start <= start and f.entity_type == "US_SSN" for f in c.findings)
