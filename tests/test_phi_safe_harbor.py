"""The clinical-context decision and the fail-safe Safe Harbor pass (issue 12)."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import ClassifierConfig, classify, get_classifier
from hybridllm.classifiers.clinical import is_clinical


def left(text: str) -> str:
    """What survives redaction: the redacted text, placeholders dropped."""
    out = redact(text).text
    while "[" in out and "]" in out[out.index("[") :]:
        a = out.index("[")
        out = out[:a] + out[out.index("]", a) + 1 :]
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Pt seen today for follow-up. BP 132/84, HR 78. Continue metformin 500 mg bid.",
        "HPI: 67 yo with chest pain since yesterday. Troponin negative. Plan: admit.",
        "Discharge summary. The patient was admitted with pneumonia and treated with ceftriaxone.",
    ],
)
def test_clinical_text_is_clinical(text: str) -> None:
    assert is_clinical([text])


@pytest.mark.parametrize(
    "text",
    [
        "How do I reverse a list in Python without making a copy?",
        "What are the side effects of metformin?",
        "Explain how insulin resistance leads to type 2 diabetes.",
        "Write a SQL query joining orders 2024-03-14 to invoices over 10000 rows.",
        "My doctor said I should exercise more. Any tips for a beginner?",
        # Everyday senses of clinical words: plans, history, programs, weight, culture, visits.
        "Plan a 5-day visit to Lisbon: history museums, a food culture tour, a summary at the end.",
        "Write a 12-week hypertrophy program: 3 sessions a week, track weight and height daily.",
        "Bake bread: 500 g flour, 10 g salt, 350 ml water; rest the dough in a warm room.",
        "In Django, model a Clinic with doctors and appointments; list visits per doctor by date.",
        "Summarize this article on the history of cancer research and the doctors who led it.",
        "Our program follows up with members in 2 weeks; draft the reminder e-mail.",
        "Translate to French: the nurse was referred to the new hospital wing by her manager.",
        # Exam items: a vignette about a case is a question, not a patient's record.
        "A patient reports that the nurse ignored her. Which of the following is the best reply?",
        "Quiz 3. The patient most likely has:\na) Asthma\nb) Pneumonia\nc) Bronchitis\nd) COPD",
    ],
)
def test_general_text_is_not_clinical(text: str) -> None:
    assert not is_clinical([text])


@pytest.mark.parametrize(
    "text",
    [
        "Consult requested for patient Ortega-Blum, charted under a second spelling.",
        "Dermatology review: erythema has faded, no mucosal involvement, lesion smaller.",
        "58-year-old woman with dyspnea; SpO2 91% on room air, furosemide 40 mg given.",
        "Nephrology follow-up: creatinine 2.1 mg/dL, eGFR 31, continue losartan.",
    ],
)
def test_notes_without_the_usual_cues_are_clinical(text: str) -> None:
    assert is_clinical([text])


def test_safe_harbor_findings_never_change_the_route_of_an_ordinary_prompt() -> None:
    # Places, capitalised names, codes and dates that the pass would flag in a note.
    for text in (
        "Road trip from Pune to Gujarat with my wife: plan the stops, Thursday to Sunday.",
        'Review this JSON: {"patientId": "QX-8812-44", "visit": "2023-04-05"}',
        "Explain the Nasonex commercial with the talking bee and a 25-30 year old guy.",
    ):
        c = classify(text)
        assert not c.clinical
        assert not any(f.recognizer == "safe-harbor" for f in c.findings)
        assert "PHI" not in c.categories


def test_a_labelled_value_is_never_vetoed_by_a_validator() -> None:
    # 000 and 9xx areas are never issued: a validator rejects them, the label does not.
    for ssn in ("000-86-6124", "903-77-2329", "666-12-3456"):
        note = f"Registration for the clinic visit. Patient SSN: {ssn}. BP 120/80."
        assert ssn not in redact(note).text
        assert "PHI" in classify(note).categories


@pytest.mark.parametrize(
    ("note", "values"),
    [
        (
            "Pt seen in clinic. Professional ID ZX-1705-07 on the referral. Metformin 500 mg.",
            ["ZX-1705-07", "1705"],
        ),
        (
            "Patient chart ref: 9693-0472. Follow-up visit for hypertension, BP 150/95.",
            ["9693-0472", "9693", "0472"],
        ),
        (
            "Identity confirmed with 123 45 6789 at admission; allergies: NKDA.",
            ["123 45 6789", "6789"],
        ),
        (
            "Seen on 13-Jul-2014 and again March 3rd; the patient is a 94-year-old with CHF.",
            ["13-Jul", "Jul-2014", "March 3rd", "94"],
        ),
        (
            "Discharged home after pneumonia. Home community is Orchid Bay; follow-up letters to"
            " 4489 Kastanienstrasse, Velden, ZZ 26888.",
            ["Orchid Bay", "4489", "Kastanienstrasse", "Velden", "26888"],
        ),
        (
            "Discharge summary dictated by JASPER CEDARVALE; signed P. von Gresow, RN. Pain 3/10.",
            ["JASPER", "CEDARVALE", "Gresow"],
        ),
        (  # schemes and host names are case-insensitive
            "PT SEEN FOR CHF. PORTAL HTTPS://MYCHART.ELMVIEW.ORG/P/88; SITE WWW.ELMVIEW.HEALTH.",
            ["HTTPS", "MYCHART", "ELMVIEW", "88"],
        ),
        (
            "Pt seen for CHF, BP 150/95. Records at Ftp://files.elmview.org/r.pdf or Elmview.Org.",
            ["Ftp", "files", "elmview", "Elmview"],
        ),
    ],
)
def test_identifiers_leave_no_part_behind(note: str, values: list[str]) -> None:
    kept = left(note)
    for value in values:
        assert value not in kept


@pytest.mark.parametrize(
    ("note", "values", "kept"),
    [
        # A code in the state slot that is no state; a US state stays.
        (
            "Pt discharged home to Quillmere, QX 40417 after pneumonia; sister lives in Arden, OH.",
            ["Quillmere", "QX", "40417", "Arden"],
            ["OH"],
        ),
        # The unit of a street address goes with it; after "moved to" the street needs no street
        # type, and the block is one address with its state, as "77 Lindenweg Street, ..." was.
        (
            "Patient moved to 77 Lindenweg, Suite 12B, Harrowby, TX 75001. BP 128/80.",
            ["77", "Lindenweg", "12B", "Harrowby", "TX", "75001"],
            ["BP 128/80"],
        ),
        # A label that names a place, whatever its wording and delimiter.
        (
            "Patient seen today. Home region on the intake: Wrenmoor. Community [Tull Reach]"
            " confirmed; residential location (Dunmarrow) per caregiver.",
            ["Wrenmoor", "Tull", "Reach", "Dunmarrow"],
            [],
        ),
        # A phone extension written "x231"; an age label spelled out letter by letter.
        (
            "Pt callback 6045550199 x418 preferred. A G E = 97. Metformin 500 mg bid.",
            ["6045550199", "418", "97"],
            ["bid"],
        ),
        # A generic geographic word ends a place name ("Bay", "Falls").
        (
            "Patient relatives have a temporary home near Tarn Bay; lived in Corrow Falls.",
            ["Tarn", "Bay", "Corrow", "Falls"],
            [],
        ),
    ],
)
def test_places_leave_no_part_behind(note: str, values: list[str], kept: list[str]) -> None:
    out = left(note)
    for value in values:
        assert value not in out
    for value in kept:
        assert value in out


def test_clinical_values_known_to_be_safe_stay() -> None:
    note = (
        "Patient MRN 55839201 seen for follow-up. BP 132/84 mmHg, HR 78, SpO2 97%, weight"
        " 82 kg. Platelets 250000 /uL, heparin drip 25000 units in 250 mL. A1c 7.2 in 2023."
    )
    kept = left(note)
    assert "55839201" not in kept
    for safe in ("132/84", "SpO2 97%", "82 kg", "250000 /uL", "25000 units", "2023"):
        assert safe in kept


def test_a_clinical_abbreviation_after_a_comma_is_no_state_slot_place() -> None:
    note = (
        "Patient MRN 55839201 seen for hypertension, BP 142/88, HR 76. Lives in"
        " Gorsehaven, ZZ 81079."
    )
    kept = left(note)
    assert "BP 142/88" in kept
    assert "ZZ" not in kept  # a code in the state slot that is no state is still a place
    assert "Gorsehaven" not in kept


def test_general_text_with_numbers_and_names_is_not_phi() -> None:
    for text in (
        "Deploy build 12345 to eu-west-1 and ping Jordan on Slack by 03/04.",
        "What did the FDA say about semaglutide in June 2021?",
    ):
        assert "PHI" not in classify(text).categories


def test_the_pass_is_off_without_clinical_context_or_when_disabled() -> None:
    note = "Pt seen today. Professional ID QX-8812-44 on file. Metformin 500 mg bid."
    assert any(f.recognizer == "safe-harbor" for f in classify(note).findings)
    assert classify(note).clinical
    off = get_classifier(ClassifierConfig(safe_harbor=False)).classify(note)
    assert not any(f.recognizer == "safe-harbor" for f in off.findings)
    assert off.clinical  # still decided: the leak guard keys on it
    general = "Deploy build QX-8812-44 to staging and page the on-call engineer."
    assert not classify(general).clinical
    assert not any(f.recognizer == "safe-harbor" for f in classify(general).findings)


def test_a_url_in_a_record_of_a_person_is_kept_and_a_url_in_a_plain_prompt_is_not() -> None:
    """Safe Harbor lists URLs; outside clinical text one is a finding only in a record of a
    person (contact details or ids beside it), where it may be theirs."""
    link = "https://social.example.net/u/81723"
    record = f"Contact Dana Whitfield at dana.w@example.com or 555-201-7788; profile {link}"
    found = classify(record)
    urls = [f for f in found.findings if record[f.start : f.end] == link]
    assert [(f.entity_type, f.category) for f in urls] == [("URL", "PII")]
    assert link not in left(record)
    for plain in (
        f"See {link} for the syntax of the API.",
        f"Ask John about {link} tomorrow.",  # a name alone makes no record
    ):
        assert not [f for f in classify(plain).findings if f.entity_type == "URL"], plain


_NOTE = "Clinic note. MRN 4821937. Seen for CHF follow-up. "


@pytest.mark.parametrize(
    ("age", "value"),
    [
        ("She is ninety-two years old.", "ninety-two"),
        ("A ninety-four-year-old woman, alert.", "ninety-four"),
        ("Aged one hundred and one, lives alone.", "one hundred and one"),
        ("92F with dyspnea on exertion.", "92"),
        ("94 M admitted overnight.", "94"),
        ("Age 96 y.", "96"),
        ("Centenarian (104), mobile with a frame.", "104"),
        ("She turned 93 last week.", "93"),
    ],
)
def test_ages_over_89_in_words_and_shorthand_go(age: str, value: str) -> None:
    assert value not in left(_NOTE + age), redact(_NOTE + age).text


@pytest.mark.parametrize(
    ("vital", "value"),
    [("Temp 101F overnight.", "101F"), ("T 99 F, HR 88.", "99 F"), ("Fever to 102F.", "102F")],
)
def test_a_temperature_in_fahrenheit_is_no_age(vital: str, value: str) -> None:
    assert value in left(_NOTE + vital), redact(_NOTE + vital).text


@pytest.mark.parametrize(
    ("when", "value"),
    [
        ("Seen on Tuesday the 14th.", "14th"),
        ("Fell on the 3rd, no head strike.", "3rd"),
        ("Admitted xmas day 2011 with sepsis.", "xmas day"),
        ("Admitted on Christmas Eve with sepsis.", "Christmas"),
        ("Symptoms began over Thanksgiving.", "Thanksgiving"),
    ],
)
def test_a_day_named_without_its_month_goes(when: str, value: str) -> None:
    assert value not in left(_NOTE + when), redact(_NOTE + when).text


def test_an_ordinal_that_is_no_day_stays() -> None:
    kept = left(_NOTE + "Walked to the 14th floor on the 3rd day of therapy.")
    assert "14th floor" in kept, kept
    assert "3rd day" in kept, kept


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lives near the corner of 5th and Main.", "Main"),
        ("Found at Elm and 3rd by EMS.", "Elm"),
        ("Nurse: jsmith", "jsmith"),
        ("Entered by: m.lopez2", "m.lopez2"),
    ],
)
def test_an_intersection_and_a_staff_login_go(text: str, value: str) -> None:
    assert value not in left(_NOTE + text), redact(_NOTE + text).text


def test_a_role_label_before_a_plain_word_and_an_organisation_stay() -> None:
    kept = left(_NOTE + "Nurse: reviewed and agreed. Tests done at Asthma and Allergy Clinic.")
    assert "Nurse: reviewed" in kept, kept
    assert "Allergy" in kept, kept
