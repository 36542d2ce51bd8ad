"""Everyday senses of clinical shorthand and condition names change no route (issue 14).

Each text stands for a class of real prompts that were found clinical, or PHI, by a word with
an everyday sense: "bid" (an offer), "qid" (a URL parameter), "PT" (Pacific time), a lab
temperature, "aids" (helps), "stroke" (a style property). The clinical senses stay detected.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import classify
from hybridllm.classifiers.clinical import clinical_evidence, is_clinical


@pytest.mark.parametrize(
    "text",
    [
        "In a bid to cut costs, the board closed two offices. Summarise the news for staff.",
        "Draft an invitation: the earnings call starts at 2:00 p.m. PT on February 2.",
        "Meet at 10am PT or 4 PM PT on Friday; draft the agenda.",
        "Write SEO copy for https://shop.example.com/s?k=protein+bars&qid=1676173869&ref=sr_1",
        "Dissolve the salt at 25°C and report the solubility of AgCl in water.",
        # "pt" before an object is a slip for "put", not the patient
        "Rephrase: she does not pt her phone away in class and her grades suffer.",
        # an e-mail's carbon copy is no chief complaint
        "From: Ana Ruiz <ana@example.es>\nTo: Bo Li\nCc: Kim Park\nSubject: budget review\n\n"
        "Hi Bo, the gastroenteritis outbreak closed the canteen; lunch is off on Friday.",
        "To: Bo Li\nCc: kim.park@example.org\n\nThe arthritis charity gala moved to June.",
    ],
)
def test_everyday_senses_are_not_clinical(text: str) -> None:
    assert not is_clinical([text])


@pytest.mark.parametrize(
    "text",
    [
        "Continue metformin 500 mg po bid and recheck in 3 months.",
        "Lisinopril 10 mg daily, metoprolol 25 mg BID.",
        "Pt reports fever since Monday, T 101.3°F, HR 104.",
        "pt is a 45 yo male, pt denies chest pain.",
        "Temp 38.4 °C, cough and chills for two days.",
        "CC: chest pain x 3 days\nHPI: 54M, pressure-like, worse on exertion.",
        "CC: sore throat\nAllergies: none\nPlan: rapid strep test",
    ],
)
def test_clinical_shorthand_is_still_clinical(text: str) -> None:
    assert is_clinical([text])


@pytest.mark.parametrize(
    "text",
    [
        "Lena Marsh says a kiwi after dinner aids digestion. Write a short post about it.",
        "Style for Ravi Patel's chart: .axis { stroke: #ddd; stroke-width: 1px; }",
    ],
)
def test_everyday_words_are_no_diagnosis(text: str) -> None:
    c = classify(text)
    assert not {f.entity_type for f in c.findings} & {"DIAGNOSIS"}
    assert "PHI" not in c.categories


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lena Marsh was diagnosed with AIDS in 2019.", "AIDS"),
        ("Ravi Patel had a stroke last year.", "stroke"),
        ("Ravi Patel: recurrent UTI, on nitrofurantoin.", "UTI"),
    ],
)
def test_conditions_next_to_a_name_are_phi(text: str, value: str) -> None:
    c = classify(text)
    assert "PHI" in c.categories
    found = [text[f.start : f.end] for f in c.findings if f.entity_type == "DIAGNOSIS"]
    assert any(value in s for s in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Marketing persona: Age 38. Goals: faster shipping. Pain Points: slow onboarding.",
        "Pretend to be a patient in a role-play so I can practise taking a history.",
    ],
)
def test_personas_and_hypothetical_patients_are_not_clinical(text: str) -> None:
    assert not is_clinical([text])


def test_a_specific_patient_and_real_pain_stay_clinical() -> None:
    assert is_clinical(["Persona: Age 52, chronic back pain, wants fewer doctor visits."])
    assert is_clinical(["The patient reports dizziness."])


def test_weak_cues_make_no_place_of_an_everyday_word_in_a_clinical_note() -> None:
    text = (
        "Pt seen today, BP 130/80. Rash is worse with exposure to UV, as described according"
        " to Chapter 9 of the leaflet. Lives in Reading with her son."
    )
    c = classify(text)
    assert c.clinical
    places = {text[f.start : f.end] for f in c.findings if f.entity_type == "PLACE"}
    assert "Reading" in places  # a strong cue still makes an everyday word a place
    assert not places & {"UV", "Chapter"}


def test_a_text_that_cites_papers_is_not_clinical() -> None:
    text = (
        "According to Chapter 9 in Okafor et al. (2010), which chronic disease of the central"
        " nervous system (multiple sclerosis, rheumatoid arthritis, osteoarthritis) fits?"
    )
    assert not is_clinical([text])
    assert not is_clinical(["Summarise doi.org/10.1000/xyz123: myocardial infarction, surgery."])
    assert is_clinical(["Okafor et al. cited; DOB 03/04/1961, MRN 4410023, seen for arthritis."])


_VIGNETTE = (
    "A 45-year-old man is brought to the emergency department following a house fire. His"
    " temperature is 99°F (37°C), blood pressure is 92/64 mmHg, pulse is 98/min.\n\n"
    "Hemoglobin: 13 g/dL\nHematocrit: 36%\n"
    "Leukocyte count: 10,670/mm^3 with normal differential\nPlatelet count: 190,000/mm^3\n"
    "Triiodothyronine: 90 ng/dL\nThyroxine: 5.0 µg/dL\nWhich is the most likely diagnosis?"
)


def test_a_vignette_of_lab_values_has_no_identifier_and_no_name() -> None:
    # A count glued to its unit ("670/mm" of "10,670/mm^3") is no identifier, a lab test
    # before its measure ("Leukocyte count") no proper noun, a test before its value in a
    # clinical unit ("Triiodothyronine: 90 ng/dL") no person or speaker.
    found = classify(_VIGNETTE)
    assert not found.findings, [(f.entity_type, _VIGNETTE[f.start : f.end]) for f in found.findings]
    assert "PHI" not in found.categories


def test_a_patient_named_beside_lab_values_stays_phi() -> None:
    text = _VIGNETTE.replace("A 45-year-old man", "Mr. Quellmoor, a 45-year-old man,")
    found = classify(text)
    assert any(text[f.start : f.end] == "Quellmoor" for f in found.findings)
    assert "PHI" in found.categories


@pytest.mark.parametrize(
    "text",
    [
        # a claim or a request denied, not a symptom
        "Customer: my employer denied unemployment benefits because they said I was not"
        " unemployed. I filed as medical leave. What should I ask the lawyer?",
        "Write a program that accepts or denies an applicant for a job, from a score.",
        "The company denies that water is a human right. Summarise the debate.",
        # given something, not a patient's presentation
        "In this adventure I will be presented with obstacles and threats. Ask me what to do"
        " and keep the story going after each choice.",
    ],
)
def test_everyday_denials_and_presentations_are_no_encounter(text: str) -> None:
    assert "encounter" not in clinical_evidence([text])


@pytest.mark.parametrize(
    "text",
    [
        "Pt denies chest pain or shortness of breath.",
        "She denies fever, chills or night sweats.",
        "Denies any headache.",
        "Denies tobacco, ETOH and illicit drug use.",
        "A 49-year-old woman presents with bloody stool.",
        "She presented with fever and a productive cough.",
    ],
)
def test_a_denied_symptom_and_a_presentation_stay_an_encounter(text: str) -> None:
    assert "encounter" in clinical_evidence([text])


def test_a_denied_claim_makes_no_clinical_payload_of_a_legal_question() -> None:
    text = (
        "Customer: I've been on short term disability since December. They have been holding my"
        " vacation pay since January 2, my anniversary date. My employer denied unemployment"
        " benefits because they said I wasn't unemployed. I filed as medical leave."
    )
    c = classify(text)
    assert not c.clinical
    assert "PHI" not in c.categories


@pytest.mark.parametrize(
    "text",
    [
        "The patient reports asthma flares in 2019-2020.",
        "Pt denies chest pain. Seasons 2019-20 and 2021-2022 were worse.",
    ],
)
def test_a_range_of_years_is_no_identifier(text: str) -> None:
    # years alone are what Safe Harbor lets stand; a rising range of them is no record's id
    found = classify(text).findings
    assert not [f for f in found if f.entity_type == "IDENTIFIER"]


def test_a_labelled_or_falling_year_pair_is_still_an_identifier() -> None:
    text = "Pt denies chest pain. Claim 2019-2015 and ID 2020-2021."
    values = {text[f.start : f.end] for f in classify(text).findings}
    assert {"2019-2015", "2020-2021"} <= values
