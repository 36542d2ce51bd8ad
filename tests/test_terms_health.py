"""Health questions and medical vocabulary: drug and disease words, eponyms, clinical
abbreviations and lab names are no person's name (see hybridllm.classifiers.name_terms)."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.clinical import is_clinical
from hybridllm.classifiers.clinical_own import own_question
from hybridllm.classifiers.name_terms import medical_term
from hybridllm.classifiers.phi import personal_url

_C = get_classifier()


@pytest.mark.parametrize(
    "text",
    [
        # a general question about a drug or a guideline: no one's health
        "what are some typical side effects of ibuprofen is it safe for mild headaches",
        "gina guidelines stepwise therapy adult asthma",
        # lower-case drug and disease words in a case: no names
        "we need to adjust evolocumab dosing for a patient with advanced ckd who is not at goal",
        # eponyms before their head
        "Please reword: a 48-year-old on three medications has low potassium and a high"
        " aldosterone-renin ratio, which suggests primary hyperaldosteronism (Conn's syndrome)."
        " An adrenal CT comes next.",
        "Reword: a 70-year-old man with chest pain, Killip class II, troponin rising.",
        # an abbreviation joined to a word is a term
        "The patient is 70, T-score of -2.6, normal calcium, Killip class II on admission, no"
        " ST-segment elevation.",
        # lab names in capitals, in another language, before their values
        "Paciente de 60 años con diabetes.\nGLUCOSA 110 mg/dL\nCREATININA 1.1 mg/dL\n"
        "HEMOGLOBINA GLICOSILADA (HbA1c) 7.1%\n",
    ],
)
def test_medical_vocabulary_is_no_name(text: str) -> None:
    result = _C.classify(text)
    assert not result.findings, [text[f.start : f.end] for f in result.findings]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a person's possessive before a test: the name stays
        (
            "Reviewed Tomas Quillby's WBC 7.4 ×10⁹/L and hemoglobin 12.1 g/dL on 03/14/2021.",
            "Quillby",
        ),
        # a surname that is a clinical word too
        ("Seen by Dr. Ward today for asthma, patient stable on albuterol 2 puffs prn.", "Ward"),
        # a given name before a person's verb, a person's possessive before a bare head
        ("gina said the guidelines were fine and left early", "gina"),
        ("Ana's class starts at nine, Dr. Petraitis will join", "Ana"),
        ("Ana's class starts at nine, Dr. Petraitis will join", "Petraitis"),
        # a surname with a medical ending
        ("Please summarise: Jonaitis, 67 yo, admitted with pneumonia, BP 130/80.", "Jonaitis"),
    ],
)
def test_names_beside_medical_words_stay(text: str, name: str) -> None:
    found = [text[f.start : f.end] for f in _C.classify(text).findings]
    assert any(name in value for value in found), found


def test_health_said_of_someone_stays_phi() -> None:
    text = "my son Liam Carter has asthma and uses an inhaler, what should I ask his doctor?"
    result = _C.classify(text)
    assert "PHI" in result.categories
    assert {"PERSON", "DIAGNOSIS"} <= {f.entity_type for f in result.findings}


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("ibuprofen", True),  # listed drug
        ("ckd", True),  # listed condition
        ("dosing", True),  # clinical word
        ("evolocumab", True),  # in no list, a drug-name stem
        ("gerd", False),  # listed given name
        ("ward", False),  # a surname and a word
        ("petraitis", False),  # a listed surname with a medical ending
        ("dr", False),  # a title: the name rules read it as a cue
        ("window", False),
    ],
)
def test_medical_term(word: str, term: bool) -> None:
    assert medical_term(word) is term


@pytest.mark.parametrize(
    "text",
    [
        "I'm dealing with heart failure and kidney disease and I'm worried I might need dialysis,"
        " but I live in Brackenridge, far from any hospital. What should I do?",
        "my nose has been runny for a week, now fever, sinus pressure and green discharge. do i"
        " need a doctor or is there a home remedy?",
    ],
)
def test_own_health_question_is_no_record(text: str) -> None:
    # dense with medical words, no clinical signal, written in the first person and asking
    assert not is_clinical([text])
    assert "PHI" not in _C.classify(text).categories


@pytest.mark.parametrize(
    "text",
    [
        # a dense note with no first person stays clinical
        "Asthma exacerbation, wheezing and dyspnea, albuterol nebs, prednisone burst, improving."
        " Seen with Mrs Okafor in Brackenridge.",
        # the numeral of "type I" is no writer
        "Type I diabetes, neuropathy, retinopathy, nephropathy, on insulin. Which follow-up is"
        " due?",
    ],
)
def test_dense_note_stays_clinical(text: str) -> None:
    assert is_clinical([text])


def test_own_question_needs_first_person_and_a_question() -> None:
    assert own_question(["I have asthma. What should I avoid?"])
    assert not own_question(["Asthma, wheezing, albuterol. What next?"])  # no writer
    assert not own_question(["I have asthma and use albuterol daily."])  # asks nothing


def test_institution_home_page_is_no_identifier() -> None:
    # a guideline body's or an agency's home page cited in a case: no one's own link
    text = (
        "Write an update on a 16-year-old presenting with weight loss; labs normal. Cite"
        " https://www.aap.org/ and www.cdc.gov."
    )
    assert "PHI" not in _C.classify(text).categories
    assert not personal_url("https://www.aap.org/")
    # a page on such a site, or any other site, may be a person's (a portal, a blog)
    assert personal_url("https://mychart.example.org/patient/88123")
    assert personal_url("https://janeroe.com/")
    note = "Pt seen today for asthma, her blog https://janeroe.com/"
    assert any(f.entity_type == "URL" for f in _C.classify(note).findings)
