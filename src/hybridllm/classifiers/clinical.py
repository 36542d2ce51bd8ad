"""Is this payload clinical? One decision per payload, measured for precision and recall.

A payload is clinical when it reads like the record of one patient's care, not like a text
*about* medicine. Two kinds of evidence are told apart:

- **Signals** (each kind counts once): things that occur in a record and rarely elsewhere.
  ``patient`` (the patient, pt, patient's, "patient" before a name; not "a patient", "every
  patient": a hypothetical one; not "PT" after a time of day), ``mrn`` (MRN, medical
  record number), ``record`` (DOB, date of birth, medical record, charted, intake form),
  ``encounter`` (admitted, discharged, was seen in, presents with, complains of, follow-up in
  2 weeks, denies a symptom; not "will be presented with obstacles", "denied unemployment"),
  ``section`` (a note heading at the start of a line: HPI, Allergies, Vitals,
  "Dermatology review:"), ``vitals`` (BP 120/80, SpO2 94%, pulse 72, 37.1 °C), ``lab`` (a
  value with a lab unit: mg/dL, mmol/L, x10^9/L), ``dose`` (a value with a drug unit, a dosing
  frequency: BID as written or after a dose, not "a bid"), ``age`` (a 67-year-old woman, 67
  yo, aged 67), ``shorthand`` (prn, NKDA, s/p, h/o, c/o). Vitals include a body temperature
  (34-43 °C, 93-109 °F), not a lab's 25 °C.
- **Topic words** (distinct words): medications (listed, or an unfamiliar word with a drug-name
  stem), conditions (a listed condition, or an unfamiliar word with a medical ending), symptoms,
  specialties, lab and test names, care words (physician, nurse, diagnosed). A word that is
  also ordinary English in another sense ("use", "plan", "program", "culture", "height", "bid")
  is not a topic word, nor is "pain" used only in "pain points".

A payload is clinical with a patient referent or a medical record number alone, with two kinds
of signal, with one signal and a topic word, or (no signal) with three topic words that make up
5% of its words or more: a note is dense with them, unless it is someone asking of their own
health (first person and a question, :mod:`.clinical_own`). Talking about a disease, a drug or
a doctor in general terms gives topic words but no signal ("what are the side effects of
metformin?" is not clinical; "pt seen today, metformin 500 mg bid" is).

An exam item (answer options, "which of the following") or a text that cites papers ("et
al.", a DOI) is not clinical unless it holds an MRN or a birth date.

The decision is measured on clinical notes and on ordinary prompts that nobody here wrote
(``bench/bench_clinical.py``): both its recall (notes found clinical) and its precision (ordinary
prompts not found clinical) are reported, open and sealed.

Being clinical does not make a payload PHI by itself: it switches on the Safe Harbor pass
(:mod:`hybridllm.classifiers.safe_harbor`) and the leak guard; the payload is PHI only if that
pass or another recognizer then finds an identifier (see :mod:`hybridllm.classifiers.combine`).
Outside a clinical payload the Safe Harbor pass does not run, so its findings never change a
route there.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from hybridllm.classifiers.clinical_own import own_question
from hybridllm.classifiers.phi import CONDITION_WORDS, MEDICATION_WORDS
from hybridllm.classifiers.prefilter import finditer, per_text

__all__ = [
    "PREFILTER_PATTERNS",
    "clinical_evidence",
    "clinical_vocabulary",
    "clinical_word",
    "is_clinical",
    "term_vocabulary",
    "topic_word",
    "words",
]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists written as one string)."""
    return frozenset(text.split())


_W = re.compile(r"[A-Za-z][A-Za-z'/-]*")

# Vocabulary of the Safe Harbor pass's allow side (words never flagged as names): broad on
# purpose, including words that are also ordinary English.
_VOCABULARY: dict[str, frozenset[str]] = {
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

# Drug-name stems (INN suffixes) and clinical word endings: vocabulary without a list.
_DRUG_STEM = re.compile(
    r"(?:mab|nib|pril|sartan|olol|statin|azole|cillin|mycin|floxacin|tidine|prazole|dipine"
    r"|parin|gliptin|gliflozin|glutide|triptan|setron|lukast|terol|olone|azepam|oxetine|afil"
    r"|apine|idone|cycline|thiazide|semide|vir)$"
)
_CLINICAL_END = re.compile(
    r"(?:itis|osis|emia|ectomy|otomy|oscopy|plasty|algia|pathy|uria|pnea|ology|ologist|iatry"
    r"|iatric|iatrics|gram|graphy|oma|plasia|trophy|cardia|penia|cytosis)$"
)


@cache
def clinical_vocabulary() -> frozenset[str]:
    """Every lower-case word of the vocabulary lists, medications and conditions."""
    out: set[str] = set(MEDICATION_WORDS) | set(CONDITION_WORDS)
    for kind in _VOCABULARY.values():
        out |= kind
    return frozenset(out)


@lru_cache(maxsize=50_000)
def clinical_word(low: str) -> bool:
    """Whether a lower-case word is clinical vocabulary (listed, a drug stem, a clinical ending).

    Broad (the Safe Harbor pass never flags such a word as a name); the clinical *decision*
    uses the narrower :func:`topic_word`.
    """
    return (
        low in clinical_vocabulary()
        or (len(low) > 5 and _DRUG_STEM.search(low) is not None)
        or (len(low) > 6 and _CLINICAL_END.search(low) is not None)
    )


# -- the decision ---------------------------------------------------------------------------

# Words of the vocabulary with an everyday sense besides the clinical one ("plan", "history",
# "visit", "culture", "program"): never topic words. Signals cover their clinical use.
_EVERYDAY = words(
    "do use program multiple plan summary height daily history care member sleep progress visit"
    " weight culture cultures im deep objective subjective cc np heart units ml exam procedure hr"
    " chart ed er appointment referred temperature iv ct sc alt echo abc aids alk cr po qd ros"
    " tablet tablets capsule capsules injection refill refills assessment impression disposition"
    " complaint resident residents insured guardian rounds ward bedside presented presents"
    " presenting admission admit referral follow-up followup transferred swelling bleeding"
    " confusion weakness appetite fatigue stroke wound temp pulse saturation o2 encounter"
    " beneficiary triage consult consulted dose doses dosing acid generalized stones alcohol"
    " injury infection patient patients pt pt's patient's pts caregiver compulsive degeneration"
    " irritable obsessive obstructive peripheral substance tract benign bid tid qid"
)
# Clinical words the lists lack: specialties, anatomy adjectives, findings.
_TOPIC_EXTRA = words(
    "cardiology dermatology oncology neurology radiology pathology gastroenterology nephrology"
    " pulmonology urology hematology rheumatology endocrinology ophthalmology obstetrics"
    " obstetric gynecology psychiatry psychiatric pediatrics pediatric geriatrics geriatric"
    " orthopedics orthopedic anesthesiology anesthesia dialysis palliative postpartum prenatal"
    " antenatal pulmonary cardiac renal hepatic neurological abdominal thoracic lesion lesions"
    " erythema mucosal auscultation intubation radiograph ischemic fracture surgical syndrome"
    " disease diagnostic nontender tachycardia bradycardia murmur afebrile febrile mmhg spo2"
    " sao2 bmi analgesia antibiotic antibiotics lethargy malignancy metastatic"
)
# Medical word endings that ordinary words rarely have (checked on unfamiliar words only).
_MEDICAL_END = re.compile(
    r"(?:itis|osis|emia|aemia|ectomy|otomy|ostomy|oscopy|plasty|algia|uria|pnea|penia|cytosis"
    r"|opathy|iasis)$"
)


@cache
def _common() -> frozenset[str]:
    from hybridllm.classifiers.name_tokens import token_lexicon

    return token_lexicon().common


@cache
def _topic_words() -> frozenset[str]:
    """Listed topic words: the vocabulary lists, medications and the words of conditions
    ("fibrillation", "sclerosis"); no everyday words ("multiple", "deep", "use")."""
    listed: set[str] = set(MEDICATION_WORDS) | set(CONDITION_WORDS) | _TOPIC_EXTRA
    for kind in _VOCABULARY.values():
        listed |= kind
    return frozenset(listed - _EVERYDAY)


@lru_cache(maxsize=50_000)
def topic_word(low: str) -> bool:
    """Whether a lower-case word is clinical topic vocabulary for the decision (see module)."""
    if low in _topic_words():
        return True
    if len(low) <= 6 or low in _common() or low in _EVERYDAY:
        return False
    return _DRUG_STEM.search(low) is not None or _MEDICAL_END.search(low) is not None


@cache
def term_vocabulary() -> frozenset[str]:
    """Drugs, conditions, tests and clinical words of the lists, not the words for people and
    their titles ("patient", "dr", "nurse"): the terms of :mod:`.name_terms`."""
    out = set(MEDICATION_WORDS) | set(CONDITION_WORDS) | _TOPIC_EXTRA
    for kind, listed in _VOCABULARY.items():
        if kind not in ("patient", "care"):
            out |= listed
    return frozenset(out)


_I = re.IGNORECASE
_M = re.IGNORECASE | re.MULTILINE
_NUM = r"\d+(?:[.,]\d+)?"
_DENIED = (
    r"(?:[a-z]*(?:pain|aches?|itis)|fevers?|chills|nausea|vomiting|cough|chest|shortness|sob"
    r"|dyspnea|palpitations|dizziness|syncope|diarrh[oe]a|constipation|rash|tobacco|alcohol"
    r"|etoh|smoking|smokes|drugs?|illicit|ivdu|si|hi|suicidal|homicidal|loc|trauma|falls?"
    r"|sick|symptoms?|complaints?|hx|history|weakness|numbness|tingling|bleeding|blood|urinary"
    r"|dysuria|hematuria|melena|abdominal|visual|vision|weight|night|fatigue|productive|headaches?"
    r"|hallucinations|allergies|changes)"
)
_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "patient",
        re.compile(
            r"\b(?:the|this|our|my|his|her)\s+patient(?:'s)?\b"
            r"|\bpatient(?:'s|s')|\bpatient\s*[:#]"
            # "pt" before an object is the typo of "put" ("does not pt her phone away")
            # (nor ".pt", "/pt": a file's extension, a path's part)
            r"|(?<!\d[ap]m )(?<!\d [ap]m )(?<!\.m\. )(?<!\d )(?<![./])\b(?:pt|pts)\b\.?\s"
            r"(?!(?:her|his|their|the|an?|it|them|my|your|our|its)\s)"
            r"|\bpatient\s+(?-i:[A-Z][^\W\d_])|^[ \t]*patient\b",
            _M,
        ),
    ),
    (
        "mrn",
        re.compile(
            r"\bMRN\b|\bmedical\s+record\s+(?:no|number|#)|\b(?:hospital|health)\s+record\s+(?:no"
            r"|number|#)|\bchart\s+(?:no|number|#)",
            _I,
        ),
    ),
    (
        "record",
        re.compile(
            r"\b(?:DOB|D\.O\.B\.?)\b|\bdate\s+of\s+birth\b|\bmedical\s+record\b"
            r"|\bborn\s+(?:on\s+)?\d{1,4}[-/.]\d"
            r"|\b(?:admission|discharge|visit|encounter)\s+date\b|\bcharted\b|\bintake\s+(?:form|documents?|paperwork|note)",
            _I,
        ),
    ),
    (
        "encounter",
        re.compile(
            r"\b(?:admitted|readmitted|discharged|hospitali[sz]ed|intubated|extubated)\b"
            r"|\b(?:was|were|is|are|been|being)\s+(?:seen|evaluated|examined)\s+(?:in|at|by|for"
            r"|today|on|yesterday)\b|\b(?:was|were|is)\s+started\s+on\b"
            # not the passive "be presented with" (given something: "presented with obstacles")
            r"|(?<!\bbe )(?<!\bbeing )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bam )(?<!\bwas )"
            r"(?<!\bwere )\bpresent(?:s|ed|ing)\s+(?:to\s+(?:the\s+)?(?:ed|er|emergency|clinic"
            r"|hospital|office)|with)\b|\bcomplain(?:s|ed|ing)?\s+of\b"
            # a symptom or a habit denied, not a claim or a request ("denies that ...", "denied
            # unemployment benefits", "denies an applicant")
            rf"|\bdenie[sd]\s+(?:any|all|ever|recent|{_DENIED})\b"
            r"|\bfollow(?:ed)?[- ]?up\s+(?:in\s+\d|visit|appointment|with\s+(?:dr|pcp|his|her))"
            r"|\b(?:chief\s+complaint|history\s+of\s+present\s+illness|review\s+of\s+systems)\b",
            _I,
        ),
    ),
    (
        "section",
        re.compile(
            # (not an e-mail's "Cc:" header: an address on its line or a header line after it)
            r"^[ \t>*#-]*(?:HPI|CC(?![ \t]*:[^\n]*(?:@|\n[ \t]*(?:subject|bcc|date|sent|to|from)"
            r"[ \t]*:))|PMH|PSH|ROS|A/P|history\s+of\s+present\s+illness"
            r"|chief\s+complaint|past\s+medical\s+history|review\s+of\s+systems|physical\s+exam"
            r"(?:ination)?|vitals?|vital\s+signs|allergies|medications|meds|impression"
            r"|diagnos[ie]s|dx|hospital\s+course|disposition|labs|clinical\s+(?:note|assessment)"
            r"|assessment\s+and\s+plan|discharge\s+(?:summary|instructions)|progress\s+note)"
            r"[ \t]*:",
            _M,
        ),
    ),
    (
        "vitals",
        re.compile(
            rf"\b\d{{2,3}}/\d{{2,3}}\s*mm\s?hg\b|\b(?:bp|blood\s+pressure)\s*:?\s*\d{{2,3}}/\d{{2,3}}"
            rf"|\b(?:spo2|sao2|o2\s+sat(?:uration)?|oxygen\s+saturation|sp\s?o₂)\s*(?:is|of|:)?\s*"
            rf"\d{{2,3}}\s*%|\b(?:hr|pulse|heart\s+rate|rr|respirations?|respiratory\s+rate)"
            rf"\s*(?:is|of|:)?\s*\d{{2,3}}\b|\b(?:3[4-9]|4[0-3])(?:[.,]\d+)?\s*°\s*C\b"
            rf"|\b(?:9[3-9]|10\d)(?:[.,]\d+)?\s*°\s*F\b|\b{_NUM}\s*bpm\b",
            _I,
        ),
    ),
    (
        "lab",
        re.compile(
            rf"\b{_NUM}\s*(?:mg/dl|mmol/l|meq/l|g/dl|ng/ml|pg/ml|u/l|iu/l|µmol/l|umol/l|mg/l"
            rf"|cfu/ml|(?:×|x)\s*10(?:⁹|\^9|9)/l|k/ul|/ul|/mm3)",
            _I,
        ),
    ),
    (
        "dose",
        re.compile(
            rf"\b{_NUM}\s*(?:mg|mcg|µg|mg/kg|units?\s+(?:of\s+)?insulin|iu)\b"
            r"|\b(?-i:BID|TID|QID|QHS)\b|\b(?:po|mg|tabs?|caps?|puffs?|drops?)\s+(?:bid|tid|qid)\b"
            r"|\b(?:qhs|q\d{1,2}h|b\.i\.d|t\.i\.d|p\.r\.n)\b(?![=&])"
            r"|\b(?:once|twice|three\s+times)\s+(?:a\s+)?daily\b"
            r"|\b\d+\s*units?\s+(?:at\s+bedtime|before\s+(?:meals|breakfast)|subcutaneous)",
            _I,
        ),
    ),
    (
        "age",
        re.compile(
            r"\b\d{1,3}[- ](?:year|yr)s?[- ]old\s+(?:man|woman|male|female|boy|girl|patient"
            r"|child|infant|adult|gentleman|lady|with|who|presents|presenting|is|was)\b"
            r"|\b\d{1,3}\s*(?:yo|y/o|y\.o\.)(?!\w)|\b(?:aged?)\s+\d{1,3}\b(?!\s*(?:%|percent))",
            _I,
        ),
    ),
    (
        "shorthand",
        re.compile(r"\b(?:prn|nkda|nka|s/p|h/o|c/o|r/o|w/u|f/u|cxr)\b", _I),
    ),
)


# A heading line that names a kind of clinical document ("Dermatology review:", "Operative
# report:", "Cardiology transfer note:"): counted as a section when it holds a topic word.
_HEADING = re.compile(
    r"^[ \t>*#-]*(?P<h>(?:[A-Za-z][\w/-]*[ \t]+){0,3}(?:note|review|report|consult|consultation"
    r"|handoff|hand-off|follow-up|assessment|evaluation|counsel(?:l)?ing|transfer|summary"
    r"|visit|letter|order|record))[ \t]*:",
    _M,
)


def _headings(text: str) -> int:
    return sum(
        1
        for m in finditer(_HEADING, text)
        if any(topic_word(w.lower()) or clinical_word(w.lower()) for w in _W.findall(m["h"]))
        and not all(w.lower() in _EVERYDAY for w in _W.findall(m["h"])[:-1])
    )


_PATIENT, _MRN, _RECORD = (dict(_SIGNALS)[k] for k in ("patient", "mrn", "record"))
_OTHER_SIGNALS = tuple((k, p) for k, p in _SIGNALS if k not in ("patient", "mrn", "record"))
_DENSE_MIN = 3
_DENSE_PERCENT = 5


# Exam items: "Which of the following ...", "multiple-choice", answer options on their own lines.
_EXAM_PHRASE = re.compile(
    r"\bwhich\s+of\s+the\s+following\b|\bmultiple[- ]choice\b|\banswer\s+options\b", _I
)
_OPTION_LINE = re.compile(r"^[ \t]*\(?[a-eA-E][).][ \t]+\S", re.MULTILINE)
_MIN_OPTIONS = 3


# Literature: a cited author ("Bullock et al.") or a DOI. A patient's record cites no papers.
_LITERATURE = re.compile(r"\bet\s+al\b|\bdoi(?:\.org/|:\s*10\.)", _I)

PREFILTER_PATTERNS: tuple[re.Pattern[str], ...] = (
    *(p for _, p in _SIGNALS),
    _HEADING,
    _EXAM_PHRASE,
    _OPTION_LINE,
    _LITERATURE,
)
"""What the decision searches (through a classifier's prefilter when one is active: a text
without the exam or literature patterns is not searched for them, ~0.4 ms per 10 KB)."""


def _exam_item(text: str) -> bool:
    """Whether ``text`` is or holds an exam question (a vignette about a case, not a record)."""
    if next(finditer(_EXAM_PHRASE, text), None) is not None:
        return True
    options = itertools.islice(finditer(_OPTION_LINE, text), _MIN_OPTIONS)
    return sum(1 for _ in options) >= _MIN_OPTIONS


_PAIN = re.compile(r"\bpain\b(?!\s+points?\b)", _I)


def clinical_evidence(texts: Sequence[str]) -> dict[str, int]:
    """The clinical evidence in a payload: the signal kinds present, and distinct topic words.

    Args:
        texts: the payload's message texts.

    Returns:
        ``{kind: 1}`` for every signal kind present (see the module docstring), plus
        ``"topic"``: the number of distinct topic words (when any).
    """
    found = _signals(texts)
    topic, _ = _topic(texts)
    if topic:
        found["topic"] = topic
    return found


def _signals(texts: Sequence[str]) -> dict[str, int]:
    """``{kind: 1}`` for every signal kind present in the payload."""
    found: dict[str, int] = {}
    for text in texts:
        for kind, pattern in _SIGNALS:
            if kind not in found and _present(kind, pattern, (text,)):
                found[kind] = 1
    return found


def _present(kind: str, pattern: re.Pattern[str], texts: Sequence[str]) -> bool:
    """Whether a signal of ``kind`` (its ``pattern``) is in any of ``texts``."""
    return any(
        next(finditer(pattern, text), None) is not None or (kind == "section" and _headings(text))
        for text in texts
    )


def _topic(texts: Sequence[str]) -> tuple[int, int]:
    """(distinct topic words, number of words) of the payload."""
    lows: set[str] = set()
    n = 0
    for text in texts:
        tokens = _W.findall(text)
        n += len(tokens)
        lows.update(map(str.lower, tokens))
        if "pain" in lows and _PAIN.search(text) is None:
            lows.discard("pain")  # "Goals / Pain Points" of a marketing persona
    return sum(1 for low in lows if topic_word(low)), n


def is_clinical(texts: Sequence[str]) -> bool:
    """Whether a payload is clinical (see the module docstring).

    Args:
        texts: the payload's message texts.

    Returns:
        True with a patient referent or a medical record number, with two kinds of signal, with
        one kind of signal and a topic word, or, without a signal, with three topic words that
        make up at least 5% of the words (a note's density; an article that mentions diseases
        is far thinner) and are not someone's question about their own health.
    """
    if len(texts) == 1:  # asked by the classifier and again by the name stage: decided once
        return per_text(texts[0], "clinical", _one_clinical)
    return _clinical(texts)


def _one_clinical(text: str) -> bool:
    return _clinical([text])


def _clinical(texts: Sequence[str]) -> bool:
    # The kinds searched only until the decision is known (as if all were counted first).
    if _present("mrn", _MRN, texts):
        return True  # (before the exam item check: a record names its number)
    record = _present("record", _RECORD, texts)
    if not record and any(_exam_item(t) or next(finditer(_LITERATURE, t), None) for t in texts):
        return False  # a question about a case (an exam item) or a paper, not a record
    if _present("patient", _PATIENT, texts):
        return True
    signals = int(record)
    for kind, pattern in _OTHER_SIGNALS:
        if _present(kind, pattern, texts):
            signals += 1
            if signals >= 2:
                return True  # (decided without the topic words: a note's usual case)
    topic, n = _topic(texts)
    if signals >= 1 and topic >= 1:
        return True
    dense = topic >= _DENSE_MIN and topic * 100 >= _DENSE_PERCENT * n
    return dense and not own_question(texts)  # not someone asking of their own health
