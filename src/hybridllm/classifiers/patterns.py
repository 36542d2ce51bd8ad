"""Fast regex recognizers (with checksums) for structured PII.

These replace presidio's pattern recognizers on the fast path (presidio's took 48 ms per 10 KB;
these take a few) and close its gaps: the Mastercard 2-series, international phone formats,
street addresses, contiguous digits next to a context word. Checksums (Luhn, IBAN mod-97, SSN
area rules) keep random numbers out.
"""

from __future__ import annotations

import ipaddress
import itertools
import re
from collections.abc import Callable
from importlib import resources

from hybridllm.classifiers.base import RegexRecognizer, RegexRule, trie_pattern
from hybridllm.classifiers.email_examples import real_mailbox
from hybridllm.classifiers.number_runs import NumberRunRecognizer

__all__ = [
    "IPV4",
    "IPV6",
    "STREET_SUFFIX",
    "STREET_TYPES",
    "US_STATE_CODES",
    "build_pattern_recognizer",
    "iban_valid",
    "internal_host",
    "internal_ip",
    "luhn_valid",
    "mod11_valid",
]


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


def iban_valid(value: str) -> bool:
    """Return True if ``value`` (spaces allowed) is an IBAN with a valid mod-97 check."""
    v = value.replace(" ", "").upper()
    if not 15 <= len(v) <= 34 or not v[:2].isalpha() or not v[2:4].isdigit() or not v.isalnum():
        return False
    moved = v[4:] + v[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def mod11_valid(value: str) -> bool:
    """Return True if the digits of ``value`` pass a weighted mod-11 check (last digit = check)."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) < 2:
        return False
    total = sum(
        d * w for d, w in zip(reversed(digits[:-1]), range(2, 2 + len(digits)), strict=False)
    )
    check = (11 - total % 11) % 11
    return check == digits[-1] or (check == 10 and digits[-1] == 0)


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
_INTL_PHONE = re.compile(
    r"(?:(?<=\\n)|(?<![\w+]))(?P<v>\+(?:[1-9]\d{0,2})(?:[ .-]?\(?\d{1,4}\)?){2,5}"
    r"(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?)(?![\w])"
)


# Street types: USPS Publication 28's names and their spellings on mail (``street_types.txt``,
# see scripts/data/build_street_types.py), capitalised, and this module's earlier list (singular
# and plural forms, the short abbreviations; ``Av`` as Canadian and Latin American mail writes it).
_HAND_TYPES = (
    "Street St Str Avenue Ave Av Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl"
    " Terrace Ter Circle Cir Parkway Pkwy Highway Hwy Square Sq Alley Branch Bridge Brook Brooks"
    " Burg Burgs Bypass Camp Canyon Cape Causeway Center Centers Circles Cliff Cliffs Club Common"
    " Corner Corners Course Courts Cove Coves Creek Crescent Crest Crossing Crossroad Curve Dale"
    " Dam Divide Drives Estate Estates Expressway Extension Extensions Fall Falls Ferry Field"
    " Fields Flat Flats Ford Fords Forest Forge Forges Fork Forks Fort Freeway Garden Gardens"
    " Gateway Glen Glens Green Greens Grove Groves Harbor Harbors Haven Heights Hill Hills Hollow"
    " Inlet Island Islands Isle Junction Junctions Key Keys Knoll Knolls Lake Lakes Land Landing"
    " Light Lights Loaf Lock Locks Lodge Loop Mall Manor Manors Meadow Meadows Mews Mill Mills"
    " Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass Park Parks Parkways"
    " Pass Passage Path Pike Pine Pines Plain Plains Plaza Point Points Port Ports Prairie Radial"
    " Ramp Ranch Rapid Rapids Rest Ridge Ridges River Roads Route Row Rue Run Shoal Shoals Shore"
    " Shores Skyway Spring Springs Spur Spurs Squares Station Stravenue Stream Streets Summit"
    " Trace Track Trafficway Trail Tunnel Turnpike Underpass Union Unions Valley Valleys Via"
    " Viaduct View Views Village Villages Ville Vista Walk Walks Wall Ways Well Wells"
)
STREET_TYPES: frozenset[str] = frozenset(
    resources.files("hybridllm.classifiers")
    .joinpath("data", "street_types.txt")
    .read_text("utf-8")
    .split()
) | frozenset(_HAND_TYPES.lower().split())
"""Every street type above and of ``street_types.txt``, in lower case (read once, at import)."""
_US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH"
    " NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP PW FM MH"
    " AA AE AP"
)
US_STATE_CODES: frozenset[str] = frozenset(_US_STATES.split())
"""USPS codes of the US states, DC, the territories and the armed forces "states"."""
STREET_SUFFIX = (
    "(?:"
    + trie_pattern(
        {
            *_HAND_TYPES.split(),
            *(w.capitalize() for w in STREET_TYPES),
        }
    )
    + ")"
)
# "1234 Elm Street", "77 North Oak Ave., Apt 5": number + 1-4 capitalized words + suffix.
# (The first digit before the look-behind: a pattern that starts with a character class is
# searched for that class, not tried at every position; the scan's windows cover most of a
# clinical note, so it runs on the whole text there.)
# (Not after "a" / "an", nor a year after "the": "a 10 Hour Course", "the 2026 Open Course";
# the number on the street's line: "1:1s\n\nPain Point" is none; nor the decimals of a number:
# "New Mexico 0.31 Rhode Island"; nor the number of a one-letter model name: "M.2 Internal
# Solid State Hard Drive".)
_STREET = re.compile(
    r"(?P<v>\d(?<![\w-]\d)(?<!\d[.,]\d)(?<!\b[A-Za-z]\.\d)(?<!\b[Aa] \d)(?<!\b[Aa]n \d)"
    r"(?!(?<=\b[Tt]he 1)9\d\d\b|(?<=\b[Tt]he 2)0\d\d\b)"
    r"\d{0,5}[A-Za-z]?[ \t]+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
    rf"(?:[A-Z][a-zA-Z'.-]+\s+){{1,4}}{STREET_SUFFIX}\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*#?\s*[\w-]{1,6})?)"
)
# "P.O. Box 1234"
_PO_BOX = re.compile(r"\b(?P<v>P\.?\s?O\.?\s+Box\s+\d{1,7})\b", re.IGNORECASE)


def _intl_phone_valid(value: str) -> bool:
    number = _EXTENSION.sub("", value)  # "+90(955)597-9711x4710": the extension apart
    digits = sum(c.isdigit() for c in number)
    return 8 <= digits <= 15


_EXTENSION = re.compile(r"[ \t]?(?:x|ext\.?)[ \t]?\d{1,5}$")


def _national_phone_valid(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    # Not a date or an amount: 7-15 digits, not all the same.
    return 7 <= len(digits) <= 15 and len(set(digits)) > 2 and _DATE_SHAPE.match(value) is None


# A date, and the hour of a timestamp after it ("2023-01-09 00" of "2023-01-09 00:01:49").
_DATE_SHAPE = re.compile(
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?:[ T]\d{1,2})?$"
)


# Other brands by IIN range, contiguous or in groups of 4, Luhn-checked: Maestro (50, 56-69;
# 12-19 digits), JCB (3528-3589, and the 15-digit 2131 / 1800), 13-digit Visa, UnionPay (62).
_CARD_MORE = re.compile(
    r"(?:(?<=\\n)|(?<![\d.,-]))(?P<v>(?:5[06-9]|6\d|35|4|2131|1800)\d{2,6}(?:[ -]?\d{2,4}){2,4}"
    r"(?:[ -]?\d{1,4})?)(?![\d-]|[.,]\d)"
)


def _card_more_valid(value: str) -> bool:
    d = "".join(c for c in value if c.isdigit())
    if not luhn_valid(d) or len(set(d)) < 3:
        return False
    n = len(d)
    if d.startswith(("2131", "1800")):
        return n == 15
    if d.startswith("35"):
        return 3528 <= int(d[:4]) <= 3589 and n in (15, 16, 17, 18, 19)
    if d.startswith("4"):
        return n in (13, 16, 19)
    return 12 <= n <= 19  # Maestro / UnionPay / other 5x-6x


_EMAIL = re.compile(
    # Not after "scheme://user:" (that is a connection-string password, see secrets.py).
    # Letters of any script (RFC 6531 addresses, IDN domains): "josé.garcía@correo.es",
    # "dagmar.procházková@centrum.cz", "info@müller.de" are a person's address as much.
    r"(?:(?<=mailto:)|(?<![\w.%+/:-]))(?P<v>[^\W_][\w.%+-]{0,63}@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24})(?![\w-])"
)
# An address written out to dodge a scanner: "maria.lopez(at)gmail.com", "m [dot] lopez [at]
# gmail [dot] com", "maria_lopez at outlook dot com". The at and the dots in brackets or as
# words; a bare " at " only with a local part no word has ("_", ".", a digit) and a spelt dot.
_OB_DOT = r"(?:[ \t]*[\[({<][ \t]*dot[ \t]*[\])}>][ \t]*|[ \t]+dot[ \t]+|\.)"
_OB_WORD_DOT = r"(?:[ \t]*[\[({<][ \t]*dot[ \t]*[\])}>][ \t]*|[ \t]+dot[ \t]+)"
_OB_TLD = (
    r"(?:com|org|net|edu|gov|mil|io|co|ai|app|dev|me|info|biz|us|uk|ca|de|fr|es|it|nl|be|ch"
    r"|at|se|no|dk|fi|pl|cz|ru|jp|cn|in|br|au|nz|ie|pt|gr|il|tr|mx|ar|za|kr|sg|hk|tw)\b"
)
# (parts of 64 characters at most, as RFC 5321 allows a local part, and 8 dots at most: a run
# of "a+b+c+..." that no "at" ends is then read in linear time, not from every "+" to its end)
_OB_LOCAL = rf"[A-Za-z0-9_%+-]{{1,64}}(?:{_OB_DOT}[A-Za-z0-9_%+-]{{1,64}}){{0,8}}"
_OB_DOMAIN = rf"[A-Za-z0-9-]{{1,63}}(?:{_OB_DOT}[A-Za-z0-9-]{{1,63}}){{0,8}}"
_EMAIL_SPELT = re.compile(
    rf"(?<![\w.@])(?P<v>{_OB_LOCAL}[ \t]*[\[({{<][ \t]*at[ \t]*[\])}}>][ \t]*{_OB_DOMAIN}"
    rf"{_OB_DOT}{_OB_TLD}"
    rf"|(?=[A-Za-z0-9%+-]{{0,64}}[._\d])[A-Za-z0-9_.%+-]{{1,64}}[ \t]+at[ \t]+{_OB_DOMAIN}"
    rf"{_OB_WORD_DOT}"
    rf"{_OB_TLD})",
    re.IGNORECASE,
)
# Digits written as words, seven or more in a row ("four one six, eight three nine, two two
# seven one"): a phone number or an id spelt out.
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_DIGIT_WORDS = re.compile(
    rf"\b(?P<v>{_DIGIT_WORD}(?:(?:[ \t]*[,-][ \t]*|[ \t]+){_DIGIT_WORD}){{6,15}})\b",
    re.IGNORECASE,
)

_DIGIT_NAMES = "zero one two three four five six seven eight nine"
_DIGIT_VALUE = {w: i for i, w in enumerate(_DIGIT_NAMES.split())} | {"oh": 0}


def _spelt_number(value: str) -> bool:
    """Digits spelt out, but not counted ("one two three four five six seven")."""
    digits = [_DIGIT_VALUE[w] for w in re.findall(r"[a-z]+", value.lower())]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    return steps not in ({1}, {-1}, {0})


# North American numbers with separators: (212) 555-0187, 212-555-0187, 212.555.0187,
# +1 212 555 0187, 001-212-555-0187x123.
_US_PHONE = re.compile(
    r"(?:(?<=\\n)|(?<![\w+]))(?P<v>(?:(?:\+|00)?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}"
    r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?)(?!\w|-\d)",
    re.IGNORECASE,
)
_PHONE_CONTEXT = (
    r"(?:phone|tel|telephone|mobile|cell|call(?:ed|ing)?|text|fax|reach(?:ed)?|contact|number"
    r"|whatsapp|wa\.me|sms)"
)
# Ten contiguous digits count only after a phone word ("text me at 2125550187").
_US_PHONE_BARE = re.compile(
    rf"(?:(?<=\\n)|\b){_PHONE_CONTEXT}\b[^\n\d]{{0,25}}(?<!\d)(?P<v>\+?1?[2-9]\d{{9}})(?!\d)",
    re.IGNORECASE,
)
# National formats of other countries ("070 1445 1279", "66 426 94 75", "06-84268735",
# "0362 5922676"): digit groups, 7-15 digits in all, only next to a phone word, before or after.
# Ten digits alone in brackets right after a word ("Brightnest Realty (9967089610)"), where a
# contact's number goes; in the NANP shape (area and exchange codes start 2-9), which Unix
# timestamps (1...) and ISBN-10s (0...) are not.
_US_PHONE_PAREN = re.compile(r"(?<=\w \()(?P<v>[2-9]\d{2}[2-9]\d{6})(?=\))")
# Ten digits alone after a word and a comma, where a contact's number follows a name in a
# record ("Witness: Nikolaj Petrussen, 4045143167"); NANP-shaped, as above.
_US_PHONE_LISTED = re.compile(r"(?<=[a-z], )(?P<v>[2-9]\d{2}[2-9]\d{6})(?![\w.,/-]\w|\w)")


# Ten digits alone on a line (or as the whole message), NANP-shaped: a number pasted on its own
# is a phone number more often than anything else.
_US_PHONE_ALONE = re.compile(r"(?m)^[ \t]*(?P<v>(?:\+?1)?[2-9]\d{2}[2-9]\d{6})[ \t]*$")


def _nanp_valid(value: str) -> bool:
    """Not an N11 service code as area code (911, 411), not a run of one or two digits."""
    return value[1:3] != "11" and len(set(value)) > 2


# Groups apart by a space, a dot, a hyphen or a slash (Hungarian "30/166 1318", "(26)/018-1590");
# after the first, a group may be one digit long after a space (the Turkish "579 7 543"; not
# an ISBN's "978-0-394-80001-9"); a trunk digit may stand apart before it (Georgian "0 348 142
# 806", Russian "8 (142) 806-6665").
_PHONE_SHAPE = (
    r"(?:[08][ ])?(?:\(0\)\s?|\(\d{2,5}\)[\s/]?)?\d{2,14}(?:[ .-]\d{2,8}|/[ ]?\d{2,8}|[ ]\d){0,5}"
)
_PHONE_CTX_BEFORE = re.compile(
    rf"(?:(?<=\\n)|\b)(?:{_PHONE_CONTEXT}|phone\s*(?:no|number|#)|messages?\s+to|registered|dial"
    r"|on|answering\s+at|desk)\b"
    rf"[^\n\d]{{0,45}}?(?:\\n)?(?<![\d.])(?P<v>{_PHONE_SHAPE})(?![\d.-]?\w)",
    re.IGNORECASE,
)
# Before an "office" / "fax" label the groups may be one digit long (an Estonian
# "372-9-3324-2449") and an area code in brackets may take a hyphen ("(6334)-5683").
_PHONE_SHAPE_LABELLED = r"(?:\(0\)\s?|\(\d{2,5}\)[\s-]?)?\d{2,11}(?:[ .-]\d{1,8}){0,5}"
_PHONE_CTX_AFTER = re.compile(
    rf"(?:(?<=\\n)|(?<![\w+.-]))(?P<v>{_PHONE_SHAPE_LABELLED})"
    r"(?=[ -]?(?:office|fax|mobile|home|work|cell)\b)",
    re.IGNORECASE,
)
# "123-45-6789", "123 45 6789", and with spaced dashes: "123 - 45 - 6789".
_SSN = re.compile(r"(?<![\w-])(?P<v>\d{3}([ \t]*-[ \t]*|[ ])\d{2}\2\d{4})(?![\w-])")
# Digits spelt as words after an SSN cue: counted too ("ssn: one two three four ...").
_SSN_SPELT = re.compile(
    rf"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)\b[^\n\d]{{0,12}}?"
    rf"(?P<v>{_DIGIT_WORD}(?:(?:[ \t]*[,-][ \t]*|[ \t]+){_DIGIT_WORD}){{8}})\b",
    re.IGNORECASE,
)
_SSN_BARE = re.compile(
    r"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)\b[^\n\d]{0,25}(?<!\d)"
    r"(?P<v>\d{9})(?!\d)",
    re.IGNORECASE,
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# Not a version ("version 2.21.1.0", "==1.2.3.4", "v1.0.0.1").
IPV4 = re.compile(
    r"(?<![\w.])(?<![Vv]ersion )(?<![Vv]ersion: )(?<!==)(?<!>=)(?<!<=)(?<!~=)"
    rf"(?P<v>{_OCTET}(?:\.{_OCTET}){{3}})(?![\w]|\.\d)"
)
"""An IPv4 address (not a version: ``==1.2.3.4``, ``version 2.21.1.0``)."""
IPV6 = re.compile(
    r"(?<![\w:])(?P<v>(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?![\w:])"
)
"""An IPv6 address in full or compressed form."""


def _ip_host(value: str) -> bool:
    """An address that can name one host: not unspecified (0.0.0.0, a bind-all in code),
    loopback (127.x) or a netmask / broadcast (255.x), nor ending in .0: a network's own
    address ("192.168.1.0") or, far more often in prompts, a version ("2.21.1.0", "3.6.0.0")."""
    first = value.split(".", 1)[0]
    return first not in ("0", "127", "255") and not value.endswith(".0")


def internal_ip(value: str) -> bool:
    """Whether ``value`` (an IPv4 or IPv6 address) can only name a host inside some private
    network: a private range (``10.x``, ``172.16-31.x``, ``192.168.x``, ``fc00::/7``), link-local,
    shared (``100.64/10``) or documentation space (:attr:`ipaddress.IPv4Address.is_global` is
    False). Such an address identifies nobody outside that network; a text that is not valid
    as an address counts as a public one (fail safe)."""
    try:
        return not ipaddress.ip_address(value).is_global
    except ValueError:
        return False


def internal_host(value: str) -> bool:
    """An IPv4 host of a private network (``10.0.4.17``): one that :func:`internal_ip` holds and
    that is no bind-all, loopback, netmask, network address or version (see ``_ip_host``)."""
    return _ip_host(value) and internal_ip(value)


def _public_host(value: str) -> bool:
    return _ip_host(value) and not internal_ip(value)


def _public_ip(value: str) -> bool:
    return not internal_ip(value)


_IBAN = re.compile(
    r"(?<![A-Za-z0-9])(?P<v>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])"
)
# Weak shapes that need a context word right before them (presidio scores these 0.05-0.3 alone).
_PASSPORT = re.compile(
    r"\bpassport(?:\s+(?:number|no\.?|#))?\s*(?:is|:|#)?\s*(?P<v>[A-Z0-9]{6,9})\b", re.IGNORECASE
)
_DRIVER_LICENSE = re.compile(
    r"\b(?:driver'?s?\s+licen[cs]e|DL|licen[cs]e)\s*(?:number|no\.?|#|id)?\s*(?:is|:|#)?\s*"
    r"(?P<v>[A-Z0-9][A-Z0-9-]{4,16}[A-Z0-9])\b",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(
    r"\b(?:account|acct|a/c|routing|bank\s+account)\s*(?:number|no\.?|#|num)?\s*(?:is|:|#|=)?\s*"
    r"(?P<v>\d[\d -]{4,18}\d)\b",
    re.IGNORECASE,
)


def _ssn_valid(value: str) -> bool:
    d = "".join(c for c in value if c.isdigit())
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


def _has_digit(value: str) -> bool:
    return any(c.isdigit() for c in value)


def _digits_at_least(n: int) -> Callable[[str], bool]:
    return lambda v: sum(c.isdigit() for c in v) >= n


def build_pattern_recognizer() -> RegexRecognizer:
    """Build the generic PII regex recognizer.

    Returns:
        A recognizer for emails, phone numbers, SSNs, IPs, IBANs, Luhn-valid card numbers,
        passport / driver licence / account numbers after a context word, and street addresses
        (all category PII).
    """
    return NumberRunRecognizer(
        "patterns",
        (
            RegexRule("EMAIL_ADDRESS", "PII", _EMAIL, 0.95, real_mailbox),
            RegexRule("EMAIL_ADDRESS", "PII", _EMAIL_SPELT, 0.8),
            RegexRule("PHONE_NUMBER", "PII", _DIGIT_WORDS, 0.6, _spelt_number),
            RegexRule("PHONE_NUMBER", "PII", _US_PHONE, 0.75),
            RegexRule("PHONE_NUMBER", "PII", _US_PHONE_BARE, 0.6),
            RegexRule("PHONE_NUMBER", "PII", _US_PHONE_PAREN, 0.5, _nanp_valid),
            RegexRule("PHONE_NUMBER", "PII", _US_PHONE_LISTED, 0.5, _nanp_valid),
            RegexRule("PHONE_NUMBER", "PII", _US_PHONE_ALONE, 0.5, _nanp_valid),
            RegexRule("US_SSN", "PII", _SSN, 0.85, _ssn_valid),
            RegexRule("US_SSN", "PII", _SSN_BARE, 0.85, _ssn_valid),
            RegexRule("US_SSN", "PII", _SSN_SPELT, 0.7),
            # An internal address is the clinical pass's quasi-identifier (phi.py).
            RegexRule("IP_ADDRESS", "PII", IPV4, 0.8, _public_host),
            RegexRule("IP_ADDRESS", "PII", IPV6, 0.8, _public_ip),
            RegexRule("IBAN_CODE", "PII", _IBAN, 0.95, iban_valid),
            RegexRule("US_PASSPORT", "PII", _PASSPORT, 0.7, _has_digit),
            RegexRule("US_DRIVER_LICENSE", "PII", _DRIVER_LICENSE, 0.7, _has_digit),
            RegexRule("ACCOUNT_NUMBER", "PII", _ACCOUNT, 0.7, _digits_at_least(6)),
            RegexRule("CREDIT_CARD", "PII", _CARD, 0.9, _card_valid),
            RegexRule("PHONE_NUMBER", "PII", _INTL_PHONE, 0.6, _intl_phone_valid),
            RegexRule("PHONE_NUMBER", "PII", _PHONE_CTX_BEFORE, 0.5, _national_phone_valid),
            RegexRule("PHONE_NUMBER", "PII", _PHONE_CTX_AFTER, 0.5, _national_phone_valid),
            RegexRule("CREDIT_CARD", "PII", _CARD_MORE, 0.8, _card_more_valid),
            RegexRule("STREET_ADDRESS", "PII", _STREET, 0.7),
            RegexRule("STREET_ADDRESS", "PII", _PO_BOX, 0.7),
        ),
    )
