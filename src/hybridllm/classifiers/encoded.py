"""Identifiers hidden in base64, hex or URL-encoding: decode candidate spans, classify the text.

``am9obi5zbWl0aEBleGFtcGxlLmNvbQ==`` is an e-mail address to any reader (or LLM) that decodes
it, and to no regex. :func:`decoded_spans` finds spans that are strictly one encoding (a bounded
length, the encoding's own alphabet, a whole token), decodes them with the standard library
(``base64``, ``binascii``, ``urllib.parse``) and keeps only those whose decoded bytes are
printable UTF-8 text: random keys, hashes and ids decode to binary and are dropped at once, so
ordinary prompts pay one regex pass. The composite classifier runs its recognizers on each
decoded text and reports what they find on the **whole encoded span**, so redaction removes the
encoded value.

Bounds: spans of 12 to 4096 characters, at most :data:`MAX_SPANS` decoded texts per text, one
level of decoding (an encoding inside an encoding is not unwrapped).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from urllib.parse import unquote

__all__ = ["MAX_SPANS", "decoded_spans", "with_context"]

MAX_SPANS = 16
"""Decoded texts per classified text, at most (the rest are not decoded)."""

_MIN, _MAX = 12, 4096
# A whole token of the base64 alphabet (standard or URL-safe), padded to a multiple of 4 or
# unpadded (JWT segments); not part of a longer word, path or URL.
_B64 = re.compile(r"(?<![\w+/.%-])[A-Za-z0-9+/_-]{12,4096}={0,2}(?![\w+/=%-])")
# Hex pairs, 16+ digits: "4a6f686e20536d697468", "0x..." not included (a number). (The first
# digit read before the character before it is checked: the matches of r"(?<![\w%])(?:[0-9a-fA-F]
# {2}){8,2048}(?!\w)", but re skips to a hex digit instead of trying every position: ~2x faster.)
_HEX = re.compile(r"[0-9a-fA-F](?<![\w%][0-9a-fA-F])[0-9a-fA-F](?:[0-9a-fA-F]{2}){7,2047}(?!\w)")
# A URL-encoded run with an escape the normalized view does not decode in place (a space, a
# quote, a bracket: "Call%20Maria%20Lopez").
_PCT = re.compile(r"(?:[\w.~+-]|%[0-9A-Fa-f]{2}){6,4096}")
_PCT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# Escapes the normalized view already decodes in place (letters, digits and these).
_VIEW_DECODES = frozenset(f"{ord(c):02X}" for c in "-_.@+:/~=") | frozenset(
    f"{ord(c):02x}" for c in "-_.@+:/~="
)
# Decoded text worth classifying: printable, some letters or digits, little else.
_MIN_TEXT = 4
# Characters of the line before an encoded span given to the recognizers with its decoded text.
_CONTEXT = 48
_PRINTABLE_SHARE = 0.97


def _text(raw: bytes) -> str | None:
    """``raw`` as UTF-8 text if it reads as text, else None."""
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(s) < _MIN_TEXT:
        return None
    printable = sum(c.isprintable() or c in "\n\r\t" for c in s)
    if printable < _PRINTABLE_SHARE * len(s) or not any(c.isalnum() for c in s):
        return None
    return s


def _b64(token: str) -> str | None:
    body = token.rstrip("=")
    if len(body) % 4 == 1:
        return None
    # A word or an identifier in one case with no digits is no base64 payload in practice
    # ("ConnectionTimeout", "abcdefghijklmnop"); real payloads mix cases and digits.
    if body.isalpha() and (body.islower() or body.isupper()):
        return None
    padded = body + "=" * (-len(body) % 4)
    alt = b"-_" if ("-" in body or "_" in body) else None
    if alt is not None and ("+" in body or "/" in body):
        return None
    try:
        raw = base64.b64decode(padded, altchars=alt, validate=True)
    except (binascii.Error, ValueError):
        return None
    return _text(raw)


def _hex(token: str) -> str | None:
    # All digits is still hex: "34313131..." is a card number, "4445..." an IBAN. Most numbers
    # decode to control bytes and are dropped by the text check.
    try:
        return _text(binascii.unhexlify(token))
    except (binascii.Error, ValueError):
        return None


def _pct(token: str) -> str | None:
    escapes = _PCT_ESCAPE.findall(token)
    if all(chr(int(e[1:], 16)).isalnum() or e[1:] in _VIEW_DECODES for e in escapes):
        return None
    s = unquote(token, errors="strict") if token.isascii() else None
    return s if s is not None and s != token and _text(s.encode()) is not None else None


def with_context(text: str, start: int, decoded: str) -> tuple[str, int]:
    """The decoded text after the words before the encoded span on its line ("SSN: <b64>"
    gives "SSN: 078-05-1120"), so recognizers that need a keyword see it.

    Returns:
        The probe text and the offset where the decoded text starts in it: findings that end
        at or before it belong to the context, not the encoded value.
    """
    line = text.rfind("\n", 0, start) + 1
    prefix = text[max(line, start - _CONTEXT) : start]
    return prefix + decoded, len(prefix)


def decoded_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, decoded)`` for each encoded span of ``text`` that decodes to text.

    Args:
        text: the text to scan.

    Yields:
        The span of the encoded value in ``text`` and its decoded text; at most
        :data:`MAX_SPANS`, in text order per encoding (hex, base64, then URL-encoding).
    """
    seen: set[tuple[int, int]] = set()
    count = 0
    for pattern, decode in ((_HEX, _hex), (_B64, _b64), (_PCT, _pct)):
        # A URL-encoded run without an escape decodes to nothing (see _pct): with no escape in
        # the text (a clinical note's "98%") the run scan, one match per long word, is skipped.
        if pattern is _PCT and ("%" not in text or _PCT_ESCAPE.search(text) is None):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if pattern is _PCT and "%" not in m.group():
                continue  # (the same: _pct decodes no run without an escape)
            if not _MIN <= end - start <= _MAX or any(s <= start and end <= e for s, e in seen):
                continue
            try:
                decoded = decode(m.group())
            except (UnicodeDecodeError, ValueError):
                decoded = None
            if decoded is None:
                continue
            seen.add((start, end))
            yield start, end, decoded
            count += 1
            if count >= MAX_SPANS:
                return
