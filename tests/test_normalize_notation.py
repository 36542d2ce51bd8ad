"""Typography that is no evasion needs no normalized view: no-break spaces are read as spaces
by every recognizer, and a superscript or subscript digit of notation ("SpO₂", "x10⁹/L")
stays as written; digits written in superscript to hide a value still fold."""

from __future__ import annotations

import unicodedata

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.normalize import normalize, spaced


def test_spaced_keeps_offsets() -> None:
    text = "Call 555\u00a0123\u202f4567 today"
    out = spaced(text)
    assert len(out) == len(text)
    assert out == "Call 555 123 4567 today"
    plain = "nothing to change"
    assert spaced(plain) is plain


def test_notation_is_no_change() -> None:
    assert normalize("WBC 7.2 ×10⁹/L, SpO₂ 96%, BSA 1.73 m², RBC 4.1 x10¹²/L") is None


def test_digits_that_hide_a_value_still_fold() -> None:
    for text, folded in [
        ("SSN ¹²³-⁴⁵-⁶⁷⁸⁹", "SSN 123-45-6789"),
        ("MRN AB₁₂₃₄₅", "MRN AB12345"),
        ("id 12345678⁹", "id 123456789"),
    ]:
        view = normalize(text)
        assert view is not None
        assert view.text == folded


def test_lab_exponent_is_no_identifier_in_a_note() -> None:
    note = (
        "Patient seen in clinic, MRN 40917733. WBC 7.4 ×10⁹/L, platelets 218 ×10⁹/L, "
        "SpO₂ 97% on room air."
    )
    result = get_classifier().classify(note)
    assert result.clinical
    lab = note.index("10⁹/L")
    assert not any(f.start <= lab < f.end for f in result.findings)
    mrn = note.index("40917733")
    assert any(f.start <= mrn < f.end for f in result.findings)


def test_no_break_spaces_inside_a_value_are_found_by_the_plain_pass() -> None:
    text = "Reach me on (212)\u00a0555\u00a00187 after five."
    result = get_classifier().classify(text)
    start = text.index("(212)")
    hits = [f for f in result.findings if f.start <= start + 1 < f.end]
    assert hits
    assert not any(f.recognizer.endswith("+normalized") for f in hits)
    assert hits[0].end >= text.index("0187") + 4


def test_digits_of_other_scripts_read_as_digits() -> None:
    # Bengali, Persian and Arabic-Indic digits write the same numbers: the view folds them, so
    # the phone and SSN rules see them, and redaction removes the original characters.
    cases = [
        (
            "Call me at +\u09ee\u09ee\u09e6 \u09e7\u09ed\u09ea\u09e6 "
            "\u09ec\u09ee\u09e7\u09e8\u09ea\u09e7 tonight",
            "PHONE_NUMBER",
        ),
        (
            "My phone: \u06f0\u06f9\u06f1\u06f2 \u06f3\u06f4\u06f5 \u06f6\u06f7\u06f8\u06f9",
            "PHONE_NUMBER",
        ),
        ("SSN \u0661\u0662\u0663-\u0664\u0665-\u0666\u0667\u0668\u0669", "US_SSN"),
    ]
    for text, entity in cases:
        view = normalize(text)
        assert view is not None
        found = get_classifier().classify(text).findings
        spans = [text[f.start : f.end] for f in found if f.entity_type == entity]
        assert spans, (text, found)
        assert all(any(unicodedata.decimal(c, -1) >= 0 for c in s) for s in spans)
