"""The leak guard: a last, simple, high-recall look at a clinical payload about to leave.

After redaction and before a clinical payload is handed to a remote adapter, the flow
(:mod:`hybridllm.core.flow`) scans the exact outbound text once more. The scan is deliberately not
the classifier: it shares no code with it, so a weakened or misconfigured detector (a custom
configuration, the Safe Harbor pass switched off, a recognizer that failed to load) is still
caught. Placeholders and surrogates minted for this call are blanked out first; whatever still
looks like an identifier fails the call closed (kept local or blocked, as
``on_classifier_error`` says) and the audit record says why, with counts per kind only.

What it looks for (each a kind in the result):

- ``number``: 5+ digits in one run or in groups (``123 45 6789``, ``555-0142`` with its area
  code), letter+digit codes with 4+ digits; not a quantity with its unit.
- ``date``: a numeric date (``3/14/2024``, ``2024-03-14``, ``14.03.24``) or a month name with a
  day (``March 14``, ``14 Mar``).
- ``email``: an e-mail address.
- ``age``: an age over 89 (``92-year-old``, ``age 94``).
- ``person``: a capitalised word after a title (``Dr. Smith``, ``Mrs Lee``) or two after
  "patient"/"pt".
- ``place``: a capitalised word after "lives in", "resides in", "from", "moved to".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["residual_identifiers"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "date",
        re.compile(
            r"(?<![\w/.])(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}"
            rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?[\s-]+{_MONTH})"
            r"(?![\w/])"
        ),
    ),
    (
        "number",
        re.compile(
            r"(?<![\w.])(?:\(?\d[\d()]*(?:[ ./-]?\(?\d[\d()]*){4,}|[A-Za-z]+[-#]?\d{4,}\w*"
            r"|\d{4,}[A-Za-z]\w*)(?![\w.]?\d)"
        ),
    ),
    (
        "age",
        re.compile(
            r"\b(?:9\d|1[0-2]\d)[- ]?(?:years?|yrs?|yo|y/o)\b|\bage[ds]?\s*:?\s*(?:9\d|1[0-2]\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "person",
        re.compile(
            r"\b(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z'’-]+"
            r"|\b(?:[Pp]atient|[Pp]t)\s*:?\s+[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+"
        ),
    ),
    (
        "place",
        re.compile(r"\b(?:lives in|resides in|from|moved to) [A-Z][a-z'’-]{2,}"),
    ),
)
# Codes a clinical payload may carry (procedure, diagnosis, drug, citation): allowed by policy.
_CODE_BEFORE = re.compile(
    r"\b(?:CPT|HCPCS|ICD(?:-?1[01])?(?:-CM)?|LOINC|SNOMED(?:-CT)?|NDC|RxNorm|PMID|PMCID|DOI)"
    r"(?:\s+code)?[\s:#=]*$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:mg|mcg|g|kg|ml|mL|L|units?|IU|mmol|mEq|mmHg|bpm|cells|/uL|/mm3|%|copies|steps|kcal)\b"
)
# A year range, a blood pressure, a lab range: five digits that are not an identifier.
_NOT_AN_ID = re.compile(r"^(?:(?:19|20)\d\d[-/](?:19|20)\d\d|\d{2,3}/\d{2,3}|\d{1,3}-\d{1,3})$")


def residual_identifiers(
    texts: Sequence[str], ignore: re.Pattern[str] | None = None
) -> dict[str, int]:
    """Count what still looks like an identifier in outbound text.

    Args:
        texts: the outbound message texts, exactly as the target would receive them.
        ignore: tokens to blank out first (the placeholders and surrogates minted for this
            call; see :meth:`hybridllm.redaction.Vault.matcher`).

    Returns:
        ``{kind: count}`` for every kind found (see the module docstring); empty when clean.
        Never the values themselves.
    """
    found: dict[str, int] = {}
    for raw in texts:
        text = raw if ignore is None else ignore.sub(lambda m: " " * len(m.group()), raw)
        for kind, pattern in _KINDS:
            for m in pattern.finditer(text):
                if kind == "number" and (
                    _UNIT_AFTER.match(text, m.end())
                    or _NOT_AN_ID.match(m.group())
                    or _CODE_BEFORE.search(text, max(0, m.start() - 16), m.start())
                ):
                    continue
                found[kind] = found.get(kind, 0) + 1
    return found
