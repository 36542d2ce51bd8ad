"""Is this payload clinical? One decision per payload, from broad and cheap evidence.

A payload is clinical when it reads like care of a patient: encounter words (admitted, seen,
discharge, follow-up), note structure (HPI, assessment and plan, vitals), measurements with
clinical units (``120/80 mmHg``, ``40 mg``, ``SpO2 94%``), lab names, medications (listed names
and drug-name stems), diagnoses and symptoms, record labels (MRN, DOB, chart). Each kind of
evidence counts once; a payload needs evidence of at least two kinds (or one strong kind plus a
weak one), so "what are the side effects of metformin?" alone is not clinical but "pt seen
today, metformin 500 mg bid" is.

Being clinical does not make a payload PHI by itself: it switches on the Safe Harbor pass
(:mod:`hybridllm.classifiers.safe_harbor`), and the payload is PHI only if that pass or another
recognizer then finds an identifier (see :mod:`hybridllm.classifiers.combine`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from hybridllm.classifiers.phi import CONDITION_WORDS, MEDICATION_WORDS

__all__ = ["clinical_evidence", "clinical_vocabulary", "clinical_word", "is_clinical", "words"]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists written as one string)."""
    return frozenset(text.split())


_W = re.compile(r"[A-Za-z][A-Za-z'/-]*")

# Words, by kind of evidence (lower case; a word counts for its kind once per payload).
_KINDS: dict[str, frozenset[str]] = {
    "encounter": words(
        "admitted admission admit discharged discharge readmitted readmission presented presents"
        " presenting triage triaged consult consulted consultation referral referred follow-up"
        " followup encounter inpatient outpatient postoperative postop preop preoperative"
        " intraoperative ambulance transferred bedside rounds ward icu picu nicu pacu"
        " telehealth televisit telemedicine hospice hospitalized hospitalization"
        " appointment visit clinic er ed"
    ),
    "patient": words(
        "patient patients pt pt's patient's mrn dob chart wristband caregiver guardian"
        " resident residents member beneficiary insured"
    ),
    "structure": words(
        "hpi ros pmh psh fhx shx cc a/p s/o assessment impression plan vitals allergies"
        " nkda medications meds subjective objective exam examination history disposition"
        " diagnosis diagnoses dx prognosis progress summary complaint"
    ),
    "vital": words(
        "bp hr rr spo2 sao2 o2 temp temperature pulse bpm mmhg afebrile febrile saturation"
        " weight bmi height respirations"
    ),
    "lab": words(
        "wbc hgb hct plt hemoglobin hematocrit platelets creatinine cr bun egfr gfr sodium"
        " potassium chloride bicarbonate glucose a1c hba1c inr ptt troponin bnp lactate"
        " albumin bilirubin alt ast alk lipase tsh ldl hdl triglycerides urinalysis culture"
        " cultures ecg ekg echo echocardiogram ct mri x-ray xray ultrasound biopsy pathology"
        " radiology labs"
    ),
    "dosing": words(
        "mg mcg ml meq units iu bid tid qid qd qhs prn po iv im subq sc tablet tablets"
        " capsule capsules dose doses dosing daily nightly inhaler infusion injection"
        " prescribed prescription refill refills titrated tapered"
    ),
    "symptom": words(
        "pain fever fevers nausea vomiting diarrhea cough dyspnea fatigue dizziness headache"
        " rash swelling edema chills palpitations syncope seizure seizures wheezing"
        " appetite insomnia confusion bleeding tenderness numbness weakness"
    ),
    "care": words(
        "doctor dr physician clinician nurse rn np md do surgeon therapist hospital"
        " medical clinical treatment therapy surgery procedure diagnosed symptoms"
        " medication medications rehab rehabilitation pharmacy wound care"
    ),
}
_STRONG = ("encounter", "patient", "structure", "vital", "lab", "dosing")

# Drug-name stems (INN suffixes) and clinical word endings: evidence without a list.
_DRUG_STEM = re.compile(
    r"(?:mab|nib|pril|sartan|olol|statin|azole|cillin|mycin|floxacin|tidine|prazole|dipine"
    r"|parin|gliptin|gliflozin|glutide|triptan|setron|lukast|terol|olone|azepam|oxetine|afil"
    r"|apine|idone|cycline|thiazide|semide|vir)$"
)
_CLINICAL_END = re.compile(
    r"(?:itis|osis|emia|ectomy|otomy|oscopy|plasty|algia|pathy|uria|pnea|ology|ologist|iatry"
    r"|iatric|iatrics|gram|graphy|oma|plasia|trophy|cardia|penia|cytosis)$"
)
# Measurements with a clinical unit or shape.
_MEASURE = re.compile(
    r"\b\d{2,3}/\d{2,3}\s*(?:mm\s?hg)\b|\b\d+(?:\.\d+)?\s*(?:mg/dl|mmol/l|meq/l|g/dl|mg|mcg"
    r"|ml|units|bpm|mm\s?hg|kg|lbs?)\b|\b(?:spo2|o2\s+sat|sat)\s*:?\s*\d{2,3}\s*%"
    r"|\b\d{2,3}(?:\.\d)?\s*°\s*[fc]\b|\b\d{1,3}[- ](?:year|yr)s?[- ]old\b",
    re.IGNORECASE,
)


@cache
def clinical_vocabulary() -> frozenset[str]:
    """Every lower-case word of the evidence lists, medications and conditions."""
    words: set[str] = set(MEDICATION_WORDS) | set(CONDITION_WORDS)
    for kind in _KINDS.values():
        words |= kind
    return frozenset(words)


@lru_cache(maxsize=50_000)
def clinical_word(low: str) -> bool:
    """Whether a lower-case word is clinical vocabulary (listed, a drug stem, a clinical ending)."""
    return (
        low in clinical_vocabulary()
        or (len(low) > 5 and _DRUG_STEM.search(low) is not None)
        or (len(low) > 6 and _CLINICAL_END.search(low) is not None)
    )


def clinical_evidence(texts: Sequence[str]) -> dict[str, int]:
    """The kinds of clinical evidence found in a payload, with a count of hits per kind.

    Args:
        texts: the payload's message texts.

    Returns:
        ``{kind: hits}`` for every kind with at least one hit (kinds: the keys of the word
        lists plus ``"medication"``, ``"condition"`` and ``"measure"``).
    """
    found: dict[str, int] = {}

    def hit(kind: str) -> None:
        found[kind] = found.get(kind, 0) + 1

    for text in texts:
        for m in _W.finditer(text):
            low = m.group().lower()
            for kind, words in _KINDS.items():
                if low in words:
                    hit(kind)
            if low in MEDICATION_WORDS or (len(low) > 5 and _DRUG_STEM.search(low)):
                hit("medication")
            if low in CONDITION_WORDS or (len(low) > 6 and _CLINICAL_END.search(low)):
                hit("condition")
        if _MEASURE.search(text):
            hit("measure")
    return found


# "the patient", "patient's", "Patient:", "pt", MRN / DOB: about one patient, whatever else is
# there ("be patient" and "patient zero" are not).
_PATIENT_NOUN = re.compile(
    r"\b(?:the|a|an|this|our|each|every|your|my)\s+patient(?:'s)?\b|\bpatient(?:'s|s')"
    r"|\bpatient\s*[:#]|\b(?:pt|pts)\b\.?\s|\b(?:MRN|DOB)\b",
    re.IGNORECASE,
)


def is_clinical(texts: Sequence[str]) -> bool:
    """Whether a payload is clinical (see the module docstring).

    Args:
        texts: the payload's message texts.

    Returns:
        True when the text speaks of a patient ("the patient", "patient's", "pt", MRN, DOB),
        or when at least two kinds of evidence are present and one of them is strong
        (encounter, patient, note structure, vitals, labs, dosing, a measurement), or three
        kinds of any strength.
    """
    if any(_PATIENT_NOUN.search(t) for t in texts):
        return True
    kinds = clinical_evidence(texts)
    strong = sum(1 for k in kinds if k in _STRONG or k == "measure")
    return (strong >= 1 and len(kinds) >= 2) or len(kinds) >= 3
