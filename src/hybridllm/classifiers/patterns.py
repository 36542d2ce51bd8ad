"""Fast regex recognizers (with checksums) for PII that presidio's defaults miss.

Presidio's built-ins miss the Mastercard 2-series, international phone formats and most street
addresses (see RUNTIME-NOTES). These rules close those gaps at regex speed; overlaps with
presidio's own findings are merged in :mod:`hybridllm.classifiers.combine`.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.base import RegexRecognizer, RegexRule

__all__ = ["build_pattern_recognizer", "luhn_valid"]


def luhn_valid(value: str) -> bool:
    """Return True if the digits of ``value`` pass the Luhn (mod 10) checksum.

    Args:
        value: a string of digits, possibly with spaces or dashes.

    Returns:
        Whether the checksum holds (False for fewer than two digits).
    """
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) < 2:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        doubled = d * 2 if i % 2 == 1 else d
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _card_valid(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    # All-same digits (4444 4444 ...) pass Luhn for some lengths but are test filler.
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn_valid(digits)


_SEP = r"[ -]?"

# Visa, Mastercard 51-55 and 2221-2720, Amex, Discover, JCB, Diners; Luhn-checked.
_CARD = re.compile(
    r"(?<![\d-])(?P<v>"
    r"(?:4\d{3}|5[1-5]\d{2}|2(?:2[2-9]\d|[3-6]\d{2}|7[01]\d|720)|6(?:011|5\d{2})|35\d{2})"
    rf"(?:{_SEP}\d{{4}}){{3}}(?:\d{{1,3}})?"
    rf"|3[47]\d{{2}}{_SEP}\d{{6}}{_SEP}\d{{5}}"
    rf"|3(?:0[0-5]|[68]\d)\d{_SEP}\d{{6}}{_SEP}\d{{4}}"
    r")(?![\d-])"
)

# +CC then 6 to 14 more digits in groups: international formats presidio's US-centric rule misses.
_INTL_PHONE = re.compile(r"(?<![\w+])(?P<v>\+(?:[1-9]\d{0,2})(?:[ .-]?\(?\d{1,4}\)?){2,5})(?![\w])")

_STREET_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq)"
)
# "1234 Elm Street", "77 North Oak Ave., Apt 5": number + 1-4 capitalized words + suffix.
_STREET = re.compile(
    r"(?<![\w-])(?P<v>\d{1,6}[A-Za-z]?\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
    rf"(?:[A-Z][a-zA-Z'.-]+\s+){{1,4}}{_STREET_SUFFIX}\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*#?\s*[\w-]{1,6})?)"
)
# "P.O. Box 1234"
_PO_BOX = re.compile(r"\b(?P<v>P\.?\s?O\.?\s+Box\s+\d{1,7})\b", re.IGNORECASE)


def _intl_phone_valid(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return 8 <= digits <= 15


def build_pattern_recognizer() -> RegexRecognizer:
    """Build the generic PII regex recognizer.

    Returns:
        A recognizer for Luhn-valid card numbers, international phone numbers and street
        addresses (all category PII).
    """
    return RegexRecognizer(
        "patterns",
        (
            RegexRule("CREDIT_CARD", "PII", _CARD, 0.9, _card_valid),
            RegexRule("PHONE_NUMBER", "PII", _INTL_PHONE, 0.6, _intl_phone_valid),
            RegexRule("STREET_ADDRESS", "PII", _STREET, 0.7),
            RegexRule("STREET_ADDRESS", "PII", _PO_BOX, 0.7),
        ),
    )
