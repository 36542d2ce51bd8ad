"""National phone numbers without a phone word: a trunk ``0``, grouped digits, in a prose line.

The pattern rules of :mod:`~hybridllm.classifiers.patterns` take a national number
("070 1445 1279", "06-84268735", "(07700) 829335") only next to a phone word, because a bare
digit group is usually something else: an amount, a date, an id, a version. Written with the
national trunk prefix ``0`` that most of Europe, the UK, Australia, India, Japan and others dial
before an area code, 9 to 12 digits in groups (or 10-11 digits unbroken), the shape is a phone's
and seldom anything else's. Such a value counts when:

- it is not part of a longer token (no letter, digit, ``.``, ``/``, ``+`` or ``-`` glued to it;
  no ``00`` international prefix, handled elsewhere), not a date, not a run of one or two digits
  repeated or counted up (``0123456789``);
- its line reads like prose, not code or a table (no ``=``, ``;``, braces, calls, tabs, pipes),
  unless it is a row of a table whose header names a phone column (``| Name | Phone |``);
- **phonenumbers** (the maintained port of Google's libphonenumber) calls it a valid number
  of one of the regions below that dial a trunk ``0``.

The library is imported on first use only (``import hybridllm`` stays light).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from hybridllm.classifiers.number_runs import counting_groups
from hybridllm.classifiers.phones_table import PHONE_HEADER, phone_cells
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding, new_finding

__all__ = ["NATIONAL_PHONE", "NationalPhoneRecognizer", "national_phone_in_prose", "warm_up"]

# Regions that dial a trunk "0" before the area code, most of the languages people write in.
_REGIONS = ("GB", "DE", "FR", "NL", "AU", "IT", "IN", "JP", "TR", "CH", "AT", "BE", "IE", "ZA")

NATIONAL_PHONE = re.compile(
    r"(?<![\w+./\-])(?P<v>(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?\d{2,8}){1,4})(?![\w+/]|[.\-]\d)"
)
"""A value with a trunk ``0``: ``070 1445 1279``, ``06-84268735``, ``(07700) 829335``."""

_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_CODE_LINE = re.compile(r"[=;{}|\t<>]|\w\(|\w\[")
_COUNTING = "01234567890"


@cache
def _phonenumbers() -> Any:
    import phonenumbers  # lazy: only texts with a candidate pay the import

    return phonenumbers


def _valid_somewhere(value: str) -> bool:
    lib = _phonenumbers()
    for region in _REGIONS:
        try:
            if lib.is_valid_number(lib.parse(value, region)):
                return True
        except lib.NumberParseException:
            return False
    return False


def warm_up() -> None:
    """Import phonenumbers and read the metadata of :data:`_REGIONS` now, and keep the patterns
    it compiles (the library's own cache, not ``re``'s bounded one): one example number of each
    type per region, parsed as written nationally and validated, takes the path a call takes."""
    lib = _phonenumbers()
    enable = getattr(lib, "enable_pattern_cache", None)  # phonenumbers >= 9
    if callable(enable):
        enable()
    for region in _REGIONS:
        for kind in lib.PhoneNumberType.values():
            example = lib.example_number_for_type(region, kind)
            if example is not None:
                national = lib.format_number(example, lib.PhoneNumberFormat.NATIONAL)
                _valid_somewhere(national)
                lib.is_valid_number(lib.parse(national, region))


def national_phone_in_prose(value: str, text: str = "", start: int = 0) -> bool:
    """Whether a :data:`NATIONAL_PHONE` match is a phone number (see the module docstring).

    Args:
        value: the matched value.
        text: the whole text (for the line check); empty to judge the value alone.
        start: the value's offset in ``text``.
    """
    digits = "".join(c for c in value if c.isdigit())
    grouped = any(c in value for c in " .-()")
    if not (9 <= len(digits) <= 12 if grouped else 10 <= len(digits) <= 11):
        return False
    if digits.startswith("00") or len(set(digits)) <= 3 or digits[1:] in _COUNTING:
        return False
    if counting_groups(value):  # "028 029 030 031": a count
        return False
    if _DATE.match(value):
        return False
    if text:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
        hi = hi if hi >= 0 else len(text)
        if _CODE_LINE.search(text, lo, hi) and not _phone_column(text, lo, hi):
            return False
    return _valid_somewhere(value)


_TABLE_LINES = 60  # lines above a row that are read for its table's header


def _phone_column(text: str, lo: int, hi: int) -> bool:
    """Whether the line ``text[lo:hi]`` is a row of a table (``|`` or tab separated) whose header,
    the first line of its run of such lines, names a phone column (``| Name | Role | Phone |``)."""
    sep = "|" if text.find("|", lo, hi) >= 0 else "\t" if text.find("\t", lo, hi) >= 0 else ""
    if not sep:
        return False
    header = lo
    for _ in range(_TABLE_LINES):
        above = text.rfind("\n", 0, header - 1) + 1 if header else -1
        if above < 0 or text.find(sep, above, header - 1) < 0:
            break
        header = above
    # (the header's line ends before the row's, so a line break follows it)
    return header < lo and PHONE_HEADER.search(text, header, text.find("\n", header)) is not None


class NationalPhoneRecognizer:
    """``PHONE_NUMBER`` findings for national numbers in prose (see the module docstring).

    Attributes:
        name: ``"phones"``.
    """

    name = "phones"
    prefilter_patterns = (PHONE_HEADER, NATIONAL_PHONE)
    """Patterns :meth:`find` scans the whole text for (the classifier's prefilter locates
    them: most texts hold no phone column's name, and a trunk ``0`` in few places)."""

    def warm_up(self) -> None:
        """Load the phone metadata now (see :func:`warm_up`)."""
        warm_up()

    def find(self, text: str) -> list[Finding]:
        """National phone numbers in ``text``.

        Args:
            text: the text to scan.

        Returns:
            ``PHONE_NUMBER`` findings (category PII) covering the number only.
        """
        table = phone_cells(text, self.name) if next(finditer(PHONE_HEADER, text), None) else []
        if "0" not in text:
            return table
        return table + [
            new_finding(
                entity_type="PHONE_NUMBER",
                category="PII",
                start=m.start("v"),
                end=m.end("v"),
                score=0.5,
                recognizer=self.name,
            )
            for m in finditer(NATIONAL_PHONE, text)
            if national_phone_in_prose(m.group("v"), text, m.start("v"))
        ]
