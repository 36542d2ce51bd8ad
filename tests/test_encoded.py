"""Identifiers hidden in base64, hex or URL-encoding, and passwords broken over a line: found on
the encoded (or original) span, through the real classifier; random keys, hashes and ordinary
identifiers stay undecoded."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import quote

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.encoded import MAX_SPANS, decoded_spans

VALUE = "Please email anna.kowalska@example.org or call 415-555-0132"


def types_on(text: str, span: str) -> set[str]:
    c = get_classifier().classify(text)
    start = text.index(span)
    return {f.entity_type for f in c.findings if f.start <= start and start + len(span) <= f.end}


@pytest.mark.parametrize(
    "encoded",
    [
        base64.b64encode(VALUE.encode()).decode(),
        base64.urlsafe_b64encode(VALUE.encode()).decode().rstrip("="),
        binascii.hexlify(VALUE.encode()).decode(),
        quote(VALUE, safe=""),
    ],
)
def test_encoded_identifiers_are_found_on_the_encoded_span(encoded: str) -> None:
    text = f"debug payload: {encoded} (from the crash log)"
    assert "EMAIL_ADDRESS" in types_on(text, encoded) or "PHONE_NUMBER" in types_on(text, encoded)


def test_encoded_ssn_is_found() -> None:
    encoded = base64.b64encode(b"SSN 123-45-6789").decode()
    assert "US_SSN" in types_on(f"field={encoded}", encoded)


@pytest.mark.parametrize(
    "text",
    [
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "commit 4e84659a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e",
        "class ConnectionTimeoutHandlerFactory: pass",
        "abcdefghijklmnopqrstuvwx",
        "id 550e8400-e29b-41d4-a716-446655440000",
        "see https://example.com/search?q=a%20b",
    ],
)
def test_hashes_and_identifiers_are_not_decoded(text: str) -> None:
    assert list(decoded_spans(text)) == []


def test_decoding_is_bounded() -> None:
    one = base64.b64encode(b"hello there, general kenobi").decode()
    assert len(list(decoded_spans(" ".join([one] * (MAX_SPANS + 10))))) == MAX_SPANS


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("password: Xk9%#&pq\nL2mz!", "L2mz!"),
        ("my password is Zq8%#\n&vT4mW", "&vT4mW"),
        ('the db password is "hunter2%#&\nXyZ9" ok', "XyZ9"),
    ],
)
def test_password_broken_over_a_line_is_found_whole(text: str, tail: str) -> None:
    assert "CREDENTIAL" in types_on(text, tail)


@pytest.mark.parametrize(
    "text", ["Reset your password:\nClick here", "secret: 100%\nNext steps are below"]
)
def test_ordinary_lines_after_password_words_are_not_joined(text: str) -> None:
    assert get_classifier().classify(text).findings == ()
