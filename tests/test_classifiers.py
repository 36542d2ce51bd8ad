"""Classification stage: real presidio + spaCy + detect-secrets, no mocks."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hybridllm import redact
from hybridllm.classifiers import CompositeClassifier, classify, get_classifier
from hybridllm.classifiers.base import Classifier
from hybridllm.classifiers.combine import merge_overlaps
from hybridllm.classifiers.patterns import luhn_valid
from hybridllm.errors import ClassificationError
from hybridllm.models import Classification, Finding

SRC = Path(__file__).resolve().parents[1] / "src"

CLINICAL_NOTE = (
    "Follow-up visit. Patient John Smith, MRN: 12345678, DOB: 03/14/1962, presented with "
    "shortness of breath. Continue metformin 500 mg twice daily. Member ID: XYZ123456789."
)
SUPPORT_EMAIL = (
    "Hi team, my name is Maria Garcia and my order #A-1001 never arrived. "
    "Please reach me at maria.garcia@gmail.com or (212) 555-0187. Thanks!"
)
AWS_CONFIG = (
    "[default]\n"
    "aws_access_key_id = AKIAZ3MSJ7QXP4LKH2TD\n"
    "aws_secret_access_key = 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\n"
    "region = us-east-1\n"
)
BENIGN = [
    "What is the capital of France and why is the sky blue?",
    "How do I reverse a list in Python?",
    "Explain the difference between a process and a thread in Linux.",
    "Write a Rust function using Tokio and Serde that fetches JSON from an API.",
    "Summarize the causes of World War I in three bullet points.",
    "What are the common side effects of metformin?",
    "Connect with postgres://user:password@localhost:5432/db as shown in the tutorial.",
    "In React, why does useEffect run twice in development with StrictMode?",
    "Set PASSWORD=${DB_PASSWORD} in the .env template, never the real value.",
]


def values(text: str, c: Classification) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in c.findings:
        out.setdefault(f.entity_type, set()).add(text[f.start : f.end])
    return out


def test_clinical_note_is_phi_and_person_is_upgraded() -> None:
    c = classify(CLINICAL_NOTE)
    found = values(CLINICAL_NOTE, c)
    assert c.categories == {"PHI"}
    assert found["MEDICAL_RECORD_NUMBER"] == {"12345678"}
    assert found["DATE_OF_BIRTH"] == {"03/14/1962"}
    assert found["HEALTH_PLAN_ID"] == {"XYZ123456789"}
    assert "John Smith" in found["PERSON"]
    assert all(f.category == "PHI" for f in c.findings if f.entity_type == "PERSON")


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("MRN 4567-890 was merged.", "MEDICAL_RECORD_NUMBER", "4567-890"),
        ("Her medical record number is 88812345.", "MEDICAL_RECORD_NUMBER", "88812345"),
        ("Insurance policy number: PLN-99887766", "HEALTH_PLAN_ID", "PLN-99887766"),
        ("He was born on March 3, 1950 in Ohio.", "DATE_OF_BIRTH", "March 3, 1950"),
        ("A 92-year-old woman with a hip fracture.", "AGE_OVER_89", "92"),
        ("Dx: E11.9 and ICD-10 I10 noted, MRN: 5550001", "DIAGNOSIS", "E11.9"),
    ],
)
def test_phi_identifiers(text: str, entity: str, value: str) -> None:
    c = classify(text)
    assert value in values(text, c).get(entity, set())
    assert "PHI" in c.categories


def test_support_email_is_pii_only() -> None:
    c = classify(SUPPORT_EMAIL)
    found = values(SUPPORT_EMAIL, c)
    assert c.categories == {"PII"}
    assert found["PERSON"] == {"Maria Garcia"}
    assert found["EMAIL_ADDRESS"] == {"maria.garcia@gmail.com"}
    assert found["PHONE_NUMBER"] == {"(212) 555-0187"}


@pytest.mark.parametrize(
    "address",
    [
        "josé.garcía@correo.es",
        "dagmar.procházková@centrum.cz",
        "info@müller.de",
        "ünal@örnek.com.tr",
    ],
)
def test_email_addresses_in_any_script_are_found(address: str) -> None:
    # RFC 6531 local parts and IDN domains; also past the prefilter (a long text).
    for text in (f"Write to {address} today.", "Grüße aus München. " * 400 + f"mail: {address}"):
        assert address in values(text, classify(text)).get("EMAIL_ADDRESS", set())
        assert address not in redact(text).text


def test_name_alone_is_pii() -> None:
    c = classify("Please draft a birthday card for Robert Johnson.")
    assert c.categories == {"PII"}


def test_aws_config_is_secret_with_exact_spans() -> None:
    c = classify(AWS_CONFIG)
    found = values(AWS_CONFIG, c)
    assert c.categories == {"SECRET"}
    assert found["AWS_ACCESS_KEY"] == {"AKIAZ3MSJ7QXP4LKH2TD"}
    assert found["AWS_SECRET_KEY"] == {"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"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
            "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        ),
        ("use github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP now", None),
        (
            "slack: xoxb-1234567890-0987654321-AbCdEfGhIjKl",
            "xoxb-1234567890-0987654321-AbCdEfGhIjKl",
        ),
        ("stripe.api_key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
        (
            "OPENAI key sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34 ok",
            "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34",
        ),
        (
            "key=sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0 x",
            "sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0",
        ),
        (
            "maps key AIzaSyD-1234567890abcdefghijklmnopqrstu",
            "AIzaSyD-1234567890abcdefghijklmnopqrstu",
        ),
        ("DATABASE_URL=postgres://app:S3cr3t%21pw@db.internal:5432/app", "S3cr3t%21pw"),
        ("PASSWORD=letmein99", "letmein99"),
        ("By the way, my password is hunter2! don't share", "hunter2!"),
    ],
)
def test_secrets_cover_the_value(text: str, value: str | None) -> None:
    c = classify(text)
    assert c.categories == {"SECRET"}
    spans = {text[f.start : f.end] for f in c.findings}
    if value is not None:
        assert value in spans


def test_private_key_block_and_jwt_fully_covered() -> None:
    pem = (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx7\nAbCd==\n-----END RSA PRIVATE KEY-----"
    )
    jwt = (
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
        ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    )
    text = f"Here is my key:\n{pem}\nand the header Authorization: Bearer {jwt}\n"
    c = classify(text)
    spans = [text[f.start : f.end] for f in c.findings]
    assert pem in spans
    assert any(jwt in s for s in spans)
    assert c.categories == {"SECRET"}


@pytest.mark.parametrize("text", BENIGN)
def test_benign_prompts_have_no_findings(text: str) -> None:
    assert classify(text).findings == ()


def test_card_numbers_use_luhn() -> None:
    assert luhn_valid("2221 0000 0000 0009")
    assert not luhn_valid("2221 0000 0000 0008")
    text = "Charge card 2221 0000 0000 0009 please; not 2221 0000 0000 0008."
    found = values(text, classify(text))
    assert found["CREDIT_CARD"] == {"2221 0000 0000 0009"}


def test_classify_messages_offsets_are_per_message() -> None:
    texts = ["Hello, I need help with my bill.", SUPPORT_EMAIL, AWS_CONFIG]
    c = get_classifier().classify_messages(texts)
    assert {f.message_index for f in c.findings} == {1, 2}
    for f in c.findings:
        assert 0 <= f.start < f.end <= len(texts[f.message_index])
    found = {(f.message_index, texts[f.message_index][f.start : f.end]) for f in c.findings}
    assert (1, "maria.garcia@gmail.com") in found
    assert (2, "AKIAZ3MSJ7QXP4LKH2TD") in found
    keys = [(f.message_index, f.start) for f in c.findings]
    assert keys == sorted(keys)
    assert c.elapsed_ms > 0


def test_phi_upgrade_spans_the_whole_payload() -> None:
    texts = ["Write a note for Robert Johnson.", "His MRN: 99887766, DOB: 1944-02-11."]
    c = get_classifier().classify_messages(texts)
    person = [f for f in c.findings if f.entity_type == "PERSON"]
    assert person
    assert all(f.category == "PHI" and f.message_index == 0 for f in person)


def test_merge_prefers_secret_and_keeps_union() -> None:
    a = Finding(entity_type="PERSON", category="PII", start=0, end=10, score=0.99, recognizer="x")
    b = Finding(
        entity_type="API_KEY", category="SECRET", start=5, end=20, score=0.5, recognizer="y"
    )
    c = Finding(
        entity_type="EMAIL_ADDRESS", category="PII", start=30, end=40, score=1, recognizer="z"
    )
    merged = merge_overlaps([c, b, a])
    assert [(f.entity_type, f.start, f.end) for f in merged] == [
        ("API_KEY", 0, 20),
        ("EMAIL_ADDRESS", 30, 40),
    ]


def test_findings_never_hold_text() -> None:
    c = classify(CLINICAL_NOTE)
    dumped = c.model_dump_json() + repr(c)
    for secret in ("John Smith", "12345678", "XYZ123456789", "03/14/1962"):
        assert secret not in dumped


def test_non_str_raises_classification_error_without_text() -> None:
    with pytest.raises(ClassificationError, match="TypeError"):
        classify(12345)  # type: ignore[arg-type]
    payload = ["fine text", b"AKIAZ3MSJ7QXP4LKH2TD"]
    with pytest.raises(ClassificationError) as info:
        get_classifier().classify_messages(payload)  # type: ignore[list-item]
    assert "AKIA" not in str(info.value)
    assert info.value.__cause__ is None


def test_recognizer_failure_surfaces_without_text() -> None:
    class Broken:
        name = "broken"

        def find(self, text: str) -> list[Finding]:
            raise RuntimeError(f"cannot parse {text!r}")

    assert isinstance(Broken(), Classifier)
    with pytest.raises(ClassificationError) as info:
        CompositeClassifier([Broken()]).classify("Patient Jane Roe, MRN: 12345678")
    assert "RuntimeError" in str(info.value)
    assert "Jane" not in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__context__ is not None  # kept for debuggers, but never printed as cause


def test_get_classifier_is_a_thread_safe_singleton() -> None:
    seen: list[CompositeClassifier] = []
    threads = [threading.Thread(target=lambda: seen.append(get_classifier())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == 1


def test_import_is_light() -> None:
    code = (
        "import sys, hybridllm.classifiers\n"
        "mods = ('spacy', 'presidio_analyzer', 'detect_secrets')\n"
        "heavy = [m for m in mods if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
        timeout=60,
    )
    assert out.stdout.strip() == ""
