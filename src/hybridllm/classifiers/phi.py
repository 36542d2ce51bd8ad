"""HIPAA-oriented regex recognizers: record numbers, plan ids, birth dates, ages, clinical cues.

Presidio has none of these (its MRN recall on clinical notes was 0.11, see RUNTIME-NOTES). Each
rule keys on the words that introduce the value ("MRN:", "Member ID", "DOB") so that a bare
number in a coding question is not flagged, and the span covers the value only.

Entity types and their category (all PHI):

- ``MEDICAL_RECORD_NUMBER``, ``HEALTH_PLAN_ID``, ``DATE_OF_BIRTH``, ``AGE_OVER_89``: identifiers,
  PHI on their own.
- ``MEDICATION``, ``DIAGNOSIS``: clinical content. They are reported only when the same payload
  also identifies a person (the rule lives in :mod:`hybridllm.classifiers.combine`), so a general
  question about metformin stays clean.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.base import KeywordRule, RegexRecognizer, RegexRule, first_words
from hybridllm.classifiers.patterns import IPV4, IPV6, US_STATE_CODES, internal_host, internal_ip

__all__ = ["CONDITION_WORDS", "MEDICATION_WORDS", "build_phi_recognizer", "personal_url"]

_I = re.IGNORECASE

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})"
)

_DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)"
    rf"\s*(?:is|was|:|-|=)?\s*(?P<v>{_DATE})",
    _I,
)

_MRN = re.compile(
    r"\b(?:MRN|MR\s?#|med(?:ical)?\s+rec(?:ord)?(?:\s+(?:number|num|no\.?|#))?"
    r"|chart\s+(?:number|no\.?|#)|patient\s+(?:id|number|no\.?|#))"
    r"\s*(?:is|:|#|=|-)?\s*#?\s*(?P<v>(?:[A-Z]{1,3}-?)?\d[\d-]{3,14}\d)\b",
    _I,
)

# The keyword must be followed by id/number ("policy number", "Member ID"): a bare "plan:" or
# "policy:" introduces ordinary prose ("Retention policy: 30-days").
_PLAN = re.compile(
    r"\b(?:member|subscriber|beneficiary|policy(?:holder)?|insurance|insured|health\s+plan"
    r"|group|medicaid|medicare)\s*(?:id(?:entification)?|number|num|no\.?|#)"
    r"(?:\s*(?:number|no\.?|#))?\s*(?:is|:|#|=|-)?\s*(?P<v>[A-Z0-9][A-Z0-9-]{4,20}[A-Z0-9])\b",
    _I,
)
_PLAN_KEYED = re.compile(
    r"\b(?:HICN|MBI)\s*(?:is|:|#|=|-)?\s*(?P<v>[A-Z0-9][A-Z0-9-]{4,20}[A-Z0-9])\b", _I
)
# Medicare Beneficiary Identifier: a fixed 11-character shape, specific enough without context.
_MBI_L = "[AC-HJKMNP-RT-Y]"
_MBI = re.compile(
    rf"\b(?P<v>[1-9]{_MBI_L}[{_MBI_L[1:-1]}0-9]\d-?{_MBI_L}[{_MBI_L[1:-1]}0-9]\d-?"
    rf"{_MBI_L}{{2}}\d{{2}})\b"
)

_AGE = (
    re.compile(r"\b(?P<v>9\d|1[01]\d)[- ]?(?:years?|yrs?)[- ]old\b", _I),
    re.compile(r"\b(?P<v>9\d|1[01]\d)\s?(?:yo|y/o|y\.o\.)(?!\w)", _I),
    re.compile(r"\b(?:age|aged)\s*(?:is|:|of)?\s*(?P<v>9\d|1[01]\d)\b(?!\s*%)", _I),
)

_MEDICATIONS = (
    "acetaminophen|adalimumab|albuterol|alprazolam|amiodarone|amitriptyline|amlodipine"
    "|amoxicillin|apixaban|aripiprazole|atenolol|atorvastatin|azithromycin|buprenorphine"
    "|bupropion|carvedilol|cephalexin|ciprofloxacin|citalopram|clonazepam|clopidogrel"
    "|cyclobenzaprine|diazepam|digoxin|diltiazem|donepezil|doxycycline|duloxetine|empagliflozin"
    "|enalapril|escitalopram|esomeprazole|fentanyl|fluoxetine|furosemide|gabapentin|glipizide"
    "|haloperidol|hydrochlorothiazide|hydrocodone|hydroxychloroquine|ibuprofen|insulin"
    "|lamotrigine|levetiracetam|levothyroxine|lisinopril|lorazepam|losartan"
    "|meloxicam|metformin|methadone|methotrexate|metoprolol|montelukast|morphine|naloxone"
    "|naltrexone|olanzapine|omeprazole|ondansetron|oxycodone|pantoprazole|paroxetine"
    "|prednisone|pregabalin|quetiapine|risperidone|rivaroxaban|rosuvastatin|semaglutide"
    "|sertraline|simvastatin|spironolactone|sumatriptan|tamoxifen|tramadol|trazodone"
    "|valproate|venlafaxine|warfarin|zolpidem|Ozempic|Lipitor|Xanax|Zoloft|Adderall|Eliquis"
    "|Humira|Prozac|Suboxone|Truvada|Keytruda|tamsulosin|finasteride|allopurinol|colchicine"
    "|glargine|lispro|aspart|detemir|dulaglutide|liraglutide|sitagliptin|dapagliflozin"
    "|pioglitazone|glimepiride|valsartan|olmesartan|irbesartan|benazepril|ramipril|propranolol"
    "|nifedipine|hydralazine|clonidine|bumetanide|torsemide|chlorthalidone|pravastatin"
    "|ezetimibe|ticagrelor|prasugrel|dabigatran|enoxaparin|heparin|nitroglycerin|ranolazine"
    "|famotidine|ranitidine|lansoprazole|sucralfate|mirtazapine|buspirone|hydroxyzine"
    "|lithium|topiramate|carbamazepine|oxcarbazepine|baclofen|tizanidine|methocarbamol"
    "|naproxen|celecoxib|diclofenac|prednisolone|methylprednisolone|dexamethasone"
    "|budesonide|fluticasone|tiotropium|ipratropium|salmeterol|formoterol|cetirizine"
    "|loratadine|amoxicillin-clavulanate|ceftriaxone|cefdinir|clindamycin|metronidazole"
    "|nitrofurantoin|levofloxacin|vancomycin|trimethoprim|sulfamethoxazole|fluconazole"
    "|acyclovir|valacyclovir|oseltamivir|tenofovir|emtricitabine|dolutegravir|estradiol"
    "|progesterone|medroxyprogesterone|testosterone|alendronate|calcitriol|cyanocobalamin"
    "|ferrous\\s+sulfate|folic\\s+acid|potassium\\s+chloride|magnesium\\s+oxide"
)
_MEDICATION = re.compile(
    rf"\b(?P<v>(?:(?:insulin|extended[- ]release|ER|XL)\s+)?(?:{_MEDICATIONS})"
    r"(?:\s+(?:glargine|lispro|aspart|detemir|XL|ER|SR|XR))?"
    r"(?:\s+\d+(?:\.\d+)?\s?(?:mg|mcg|g|ml|mL|units?|IU))?)\b",
    _I,
)

_CONDITIONS = (
    r"type\s+[12]\s+diabetes(?:\s+mellitus)?|diabetes(?:\s+mellitus)?|hypertension|HIV"
    # acronyms that are also words in lower case ("aids digestion", Latin "uti"): as written
    r"|AIDS(?<=(?-i:AIDS))|UTI(?<=(?-i:UTI))|CAD(?<=(?-i:CAD))"
    r"|hepatitis\s+[ABC]|cancer|carcinoma|leukemia|lymphoma|melanoma|schizophrenia"
    r"|bipolar(?:\s+disorder)?|major\s+depressive\s+disorder|depression|anxiety\s+disorder|PTSD"
    r"|COPD|asthma|epilepsy|dementia|Alzheimer'?s(?:\s+disease)?|Parkinson'?s(?:\s+disease)?"
    r"|multiple\s+sclerosis|congestive\s+heart\s+failure|heart\s+failure|CHF"
    r"|atrial\s+fibrillation|myocardial\s+infarction|stroke|tuberculosis|pneumonia|sepsis"
    r"|chlamydia|gonorrhea|syphilis|opioid\s+use\s+disorder|alcohol\s+use\s+disorder"
    r"|substance\s+use\s+disorder|anorexia(?:\s+nervosa)?|bulimia|autism|ADHD|cirrhosis"
    r"|chronic\s+kidney\s+disease|CKD|lupus|rheumatoid\s+arthritis|obesity|pregnan(?:t|cy)"
    r"|hypothyroidism|hyperthyroidism|osteoarthritis|osteoporosis|arthritis|gout|anemia"
    r"|hyperlipidemia|hypercholesterolemia|dyslipidemia|coronary\s+artery\s+disease"
    r"|peripheral\s+(?:artery|vascular)\s+disease|deep\s+vein\s+thrombosis|DVT"
    r"|pulmonary\s+embolism|cellulitis|urinary\s+tract\s+infection|bronchitis"
    r"|influenza|COVID-19|migraine|insomnia|sleep\s+apnea|GERD|gastroesophageal\s+reflux"
    r"(?:\s+disease)?|pancreatitis|cholecystitis|appendicitis|diverticulitis"
    r"|Crohn'?s\s+disease|ulcerative\s+colitis|irritable\s+bowel\s+syndrome|psoriasis"
    r"|benign\s+prostatic\s+hyperplasia|BPH|glaucoma|cataracts?|macular\s+degeneration"
    r"|neuropathy|fibromyalgia|hepatitis|kidney\s+stones?|nephrolithiasis|renal\s+failure"
    r"|acute\s+kidney\s+injury|AKI|obstructive\s+sleep\s+apnea|generalized\s+anxiety"
    r"(?:\s+disorder)?|anxiety|OCD|obsessive[- ]compulsive\s+disorder"
)
_MODIFIERS = (
    r"essential|primary|secondary|chronic|acute|severe|mild|moderate|recurrent|uncontrolled"
    r"|community[- ]acquired|hospital[- ]acquired|aspiration|persistent|paroxysmal|diabetic"
    r"|major|bilateral|left|right"
)
# A condition with its usual modifiers: "essential hypertension", "community-acquired
# pneumonia", "osteoarthritis of the knee", "chronic kidney disease stage 3".
_DIAGNOSIS_WORDS = re.compile(
    rf"\b(?P<v>(?:(?:{_MODIFIERS})[- ]){{0,2}}"
    rf"(?:{_CONDITIONS})"
    r"(?:\s+of\s+(?:the\s+)?(?:left\s+|right\s+)?(?:knee|hip|shoulder|hand|spine|back|lung|liver))?"
    r"(?:\s+stage\s+(?:[1-5][ab]?|I{1,3}V?|IV))?"
    r"(?:\s+\(?(?:[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)\)?)?)"
    # not a style property ("stroke: #ddd", "stroke-width: 1px")
    r"(?!\w|-[a-z]|[ \t]*:[ \t]*(?:#|\d|rgb|none|var\())",
    _I,
)
# A bare ICD-10-CM code with its decimal part ("E11.9", "M17.11"): only kept with a patient
# identifier in the payload (clinical context, see combine), so a version string stays clean.
_ICD10_BARE = re.compile(r"(?<![\w.])(?P<v>[A-TV-Z]\d{2}\.[0-9A-Z]{1,4})(?![\w.])")
_MEDICATION_KEYS = first_words(_MEDICATIONS, "insulin|extended|ER|XL")
_GENERIC = frozenset(
    {"disease", "disorder", "type", "stage", "failure", "acute", "chronic", "major"}
)
MEDICATION_WORDS: frozenset[str] = frozenset(
    w for w in re.findall(r"[a-z]+", _MEDICATIONS.lower()) if len(w) > 3
)
"""Lower-case words of the medication list (clinical-context evidence)."""
CONDITION_WORDS: frozenset[str] = frozenset(
    w
    for w in re.findall(r"[a-z]+", _CONDITIONS.lower())
    if len(w) > 2 and w not in _GENERIC and w not in {"sulfate", "acid", "oxide"}
)
"""Lower-case words of the condition list (clinical-context evidence)."""
_DIAGNOSIS_KEYS = first_words(_CONDITIONS, _MODIFIERS)
# ICD-10-CM code after a cue ("ICD-10: E11.9", "dx E11.9"); bare codes look like version strings.
_ICD10 = re.compile(
    r"\b(?:ICD(?:-?10)?(?:-CM)?(?:\s+code)?|dx|diagnosis(?:\s+code)?)\s*[:#=-]?\s*"
    r"(?P<v>[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b",
    _I,
)


# Safe Harbor identifiers that are ordinary on their own (a date, a city, a URL, a serial number
# in a coding question) and PHI only in a payload that is about a patient: entity types in
# base.PHI_QUASI, dropped by combine unless the payload has PHI.
_ANY_DATE = re.compile(
    rf"(?<![\w/.-])(?P<v>{_DATE}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\s*,?\s*\d))(?![\w/-])",
    _I,
)
_STATES = "|".join(sorted(US_STATE_CODES))
# "Fresno, CA 93726": the city and the ZIP (the state alone is allowed by Safe Harbor).
_CITY_STATE = re.compile(
    rf"(?P<v>\b[A-Z][a-zA-Z.'-]+(?:\s[A-Z][a-zA-Z.'-]+){{0,3}}),\s(?:{_STATES})\b"
)
_ZIP = re.compile(
    rf"(?:\b(?-i:{_STATES})\s+|\bzip(?:\s*code)?\s*(?:is|:|#)?\s*(?:on\s+the\s+\w+\s+is\s+)?)"
    r"(?P<v>\d{5}(?:-\d{4})?)\b",
    _I,
)
_COUNTY = re.compile(
    r"(?P<v>\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s(?:County|Parish|Borough))\b"
    r"|\b(?:city|town|village)\s+of\s+(?P<w>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b"
)
# Schemes are case-insensitive (RFC 3986 3.1): `HTTPS://` in an upper-case note is a URL too.
_URL = re.compile(r"(?P<v>\b(?i:https?|ftp)://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]])")
_KEYED_ID = r"\s*(?:number|no\.?|#|id|code|serial)?\s*(?:is|:|#|=)?\s*"
# Must contain a digit, so "study participant code X-1" reaches the code past "participant".
_ID_VALUE = r"(?=[A-Z_.-]*\d)(?P<v>[A-Z0-9][A-Z0-9_.-]{2,24}[A-Z0-9])\b"
_DEVICE = re.compile(
    rf"\b(?:serial|s/n|SN|device|pump|pacemaker|implant|monitor|IMEI|UDI){_KEYED_ID}{_ID_VALUE}",
    _I,
)
_VEHICLE = re.compile(
    rf"\b(?:VIN|license\s+plate|licence\s+plate|plate|tag){_KEYED_ID}"
    r"(?P<v>[A-HJ-NPR-Z0-9]{17}|[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})\b",
    _I,
)
_BIOMETRIC = re.compile(
    rf"\b(?:fingerprint|voiceprint|voice\s+print|retina(?:l)?|iris|biometric|face\s+template)"
    rf"(?:\s+(?:template|enrollment|scan|record))?{_KEYED_ID}{_ID_VALUE}",
    _I,
)
_OTHER_ID = re.compile(
    rf"\b(?:study|participant|enrollment|subject|trial|case|encounter|specimen|accession)"
    rf"(?:\s+(?:code|id|number))?{_KEYED_ID}{_ID_VALUE}",
    _I,
)
# (a file's name is 255 characters at most: a long run of "x-1_x-1_..." is read in linear time)
_PHOTO = re.compile(r"\b(?P<v>[\w-]{1,255}\.(?:jpe?g|png|heic|bmp|tiff?|dcm))\b", _I)
_LICENSE = re.compile(
    r"\b(?:NPI|DEA|license|licence|certificate|cert)(?:\s+(?:number|no\.?|#))?\s*(?:is|:|#)?\s*"
    r"(?P<v>[A-Z]{0,2}\d{6,12})\b",
    _I,
)


def _has_digit(value: str) -> bool:
    return any(c.isdigit() for c in value)


def _plausible_mrn(value: str) -> bool:
    return sum(c.isdigit() for c in value) >= 5


# The home page of an institution's site (a guideline body, an agency, a university: .org,
# .gov, .edu, .int), cited as a reference: no one's own link.
_SITE_ROOT = re.compile(r"(?:(?i:https?)://)?(?:www\.)?(?:[\w-]+\.)+(?i:org|gov|edu|int)/?")


def personal_url(value: str) -> bool:
    """Whether a URL may be a person's (a profile, a portal page, a file): any URL but the
    home page of an institution's site."""
    return _SITE_ROOT.fullmatch(value) is None


def build_phi_recognizer() -> RegexRecognizer:
    """Build the PHI regex recognizer.

    Returns:
        A recognizer for the PHI entity types listed in the module docstring.
    """
    rules = [
        RegexRule("MEDICAL_RECORD_NUMBER", "PHI", _MRN, 0.9, _plausible_mrn),
        RegexRule("HEALTH_PLAN_ID", "PHI", _PLAN, 0.85, _has_digit),
        RegexRule("HEALTH_PLAN_ID", "PHI", _PLAN_KEYED, 0.85, _has_digit),
        RegexRule("HEALTH_PLAN_ID", "PHI", _MBI, 0.6),
        RegexRule("DATE_OF_BIRTH", "PHI", _DOB, 0.9),
        *(RegexRule("AGE_OVER_89", "PHI", p, 0.8) for p in _AGE),
        KeywordRule("MEDICATION", "PHI", _MEDICATION, 0.6, keys=_MEDICATION_KEYS),
        KeywordRule("DIAGNOSIS", "PHI", _DIAGNOSIS_WORDS, 0.5, keys=_DIAGNOSIS_KEYS),
        RegexRule("DIAGNOSIS", "PHI", _ICD10, 0.8),
        RegexRule("DIAGNOSIS", "PHI", _ICD10_BARE, 0.5),
        RegexRule("LICENSE_NUMBER", "PII", _LICENSE, 0.7),
        RegexRule("DATE", "PHI", _ANY_DATE, 0.5),
        RegexRule("LOCATION", "PHI", _CITY_STATE, 0.5),
        RegexRule("ZIP_CODE", "PHI", _ZIP, 0.5),
        RegexRule("LOCATION", "PHI", _COUNTY, 0.5),
        RegexRule("URL", "PHI", _URL, 0.5, personal_url),
        RegexRule("INTERNAL_IP_ADDRESS", "PHI", IPV4, 0.5, internal_host),
        RegexRule("INTERNAL_IP_ADDRESS", "PHI", IPV6, 0.5, internal_ip),
        RegexRule("DEVICE_ID", "PHI", _DEVICE, 0.5, _has_digit),
        RegexRule("VEHICLE_ID", "PHI", _VEHICLE, 0.5, _has_digit),
        RegexRule("BIOMETRIC_ID", "PHI", _BIOMETRIC, 0.5, _has_digit),
        RegexRule("OTHER_ID", "PHI", _OTHER_ID, 0.5, _has_digit),
        RegexRule("PHOTO_ID", "PHI", _PHOTO, 0.5),
    ]
    return RegexRecognizer("phi", tuple(rules))
