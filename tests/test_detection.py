"""Detection quality on the committed datasets, evasion, config, time budget, no network."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from hybridllm.classifiers import ClassifierConfig, get_classifier
from hybridllm.classifiers.combine import CompositeClassifier
from hybridllm.classifiers.config import CustomRecognizer, DenyList
from hybridllm.classifiers.normalize import normalize
from hybridllm.classifiers.scan import scan_command
from hybridllm.errors import ClassificationError
from hybridllm.models import Finding

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def covered(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    idx = [i for i in range(start, end) if not text[i].isspace()]
    hit = sum(any(s <= i < e for s, e in spans) for i in idx)
    return hit >= 0.8 * len(idx)


def test_classification_is_deterministic() -> None:
    clf = get_classifier()
    texts = [r["text"] for r in load("phi.jsonl")[:40]] + [
        r["text"] for r in load("pii.jsonl")[:60]
    ]
    first = [clf.classify(t).findings for t in texts]
    second = [clf.classify(t).findings for t in reversed(texts)]
    assert first == list(reversed(second))
    fresh = CompositeClassifier(clf.recognizers, normalize=True)
    assert [fresh.classify(t).findings for t in texts] == first


def test_secrets_dataset_recall_and_no_benign_secret() -> None:
    clf = get_classifier()
    records = load("secrets.jsonl")
    hits = 0
    for r in records:
        spans = [(f.start, f.end) for f in clf.classify(r["text"]).findings]
        hits += all(covered(r["text"], spans, s["start"], s["end"]) for s in r["spans"])
    assert hits / len(records) >= 0.97  # bench/bench_detection.py reports the exact figure
    benign = load("benign.jsonl")
    flagged = sum("SECRET" in clf.classify(r["text"]).categories for r in benign)
    assert flagged / len(benign) <= 0.01


def test_benign_prompts_mostly_stay_on_default_route() -> None:
    clf = get_classifier()
    benign = load("benign.jsonl")
    flagged = sum(bool(clf.classify(r["text"]).findings) for r in benign)
    assert flagged / len(benign) <= 0.05


def test_org_gpe_date_alone_are_not_sensitive() -> None:
    text = "Plan a team offsite in Berlin on March 14, 2024 with Acme Corp and Globex."
    assert get_classifier().classify(text).findings == ()


def test_safe_harbor_quasi_identifiers_only_with_phi() -> None:
    note = (
        "Patient Jane Roe, MRN 5583920, was seen on 03/14/2024 in Fresno, CA 93726; results at "
        "https://portal.example.org/p/994201."
    )
    c = get_classifier().classify(note)
    types = {f.entity_type for f in c.findings}
    assert {"DATE", "LOCATION", "ZIP_CODE", "URL", "MEDICAL_RECORD_NUMBER", "PERSON"} <= types
    assert c.categories == {"PHI"}


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        (
            "key: AKIA\u200bIOSFODNN7\u200dEXAMPLE in the log",
            "AKIA\u200bIOSFODNN7\u200dEXAMPLE",
            "AWS",
        ),
        (
            "My SSN is \uff14\uff10\uff12-\uff11\uff19-\uff18\uff18\uff17\uff17.",
            "\uff14\uff10\uff12-\uff11\uff19-\uff18\uff18\uff17\uff17",
            "US_SSN",
        ),
        ("social security number 4 0 2 1 9 8 8 7 7 please", "4 0 2 1 9 8 8 7 7", "US_SSN"),
        (
            "token ghp_aBcDeFgHiJkLmNoPq\nRsTuVwXyZ0123456789 here",
            "ghp_aBcDeFgHiJkLmNoPq\nRsTuVwXyZ0123456789",
            "GITHUB",
        ),
        ("mail jane%2Edoe%40example%2Ecom now", "jane%2Edoe%40example%2Ecom", "EMAIL_ADDRESS"),
        ("card 41-11-11-11-11-11-11-11 ok", "41-11-11-11-11-11-11-11", "CREDIT_CARD"),
    ],
)
def test_evasions_are_normalized_and_mapped_back(text: str, value: str, entity: str) -> None:
    c = get_classifier().classify(text)
    start = text.index(value)
    spans = [(f.start, f.end) for f in c.findings]
    assert (start, start + len(value)) in spans or covered(text, spans, start, start + len(value))
    assert any(entity in f.entity_type for f in c.findings)


def test_normalize_offsets_map_to_original() -> None:
    text = "x \uff21\u200bB%43 1 2 3 4 5 6 7 8 9 end"
    view = normalize(text)
    assert view is not None
    assert view.text == "x ABC 123456789 end"
    s = view.text.index("ABC")
    assert view.to_original(s, s + 3) == (2, 8)
    d = view.text.index("123456789")
    assert text[slice(*view.to_original(d, d + 9))] == "1 2 3 4 5 6 7 8 9"
    assert normalize("plain ascii text, nothing to undo") is None


def test_lower_case_name_is_found() -> None:
    c = get_classifier().classify("remind me to call maria garcia tomorrow about the lease")
    assert [f.entity_type for f in c.findings] == ["PERSON"]


def test_custom_recognizer_deny_and_allow_lists() -> None:
    config = ClassifierConfig(
        recognizers=(
            CustomRecognizer(
                entity_type="EMPLOYEE_ID",
                category="PII",
                pattern=r"\bE-\d{6}\b",
                context=("employee",),
            ),
            CustomRecognizer(
                entity_type="LOYALTY_CARD", category="PII", pattern=r"\b\d{16}\b", checksum="luhn"
            ),
        ),
        deny_lists=(DenyList(entity_type="CODENAME", category="SECRET", terms=("Nightingale",)),),
        allow_list=("Maria Garcia",),
    )
    clf = get_classifier(config)
    assert clf is get_classifier(config.model_copy())
    assert clf is not get_classifier()
    text = (
        "employee E-123456 (not E-654321 alone) on project nightingale, card 4111111111111111 "
        "vs 4111111111111112; cc Maria Garcia."
    )
    found = {(f.entity_type, text[f.start : f.end]) for f in clf.classify(text).findings}
    assert ("EMPLOYEE_ID", "E-123456") in found
    assert ("CODENAME", "nightingale") in found
    assert ("LOYALTY_CARD", "4111111111111111") in found or (
        "CREDIT_CARD",
        "4111111111111111",
    ) in found
    assert not any(v == "4111111111111112" for _, v in found)
    assert not any("Maria" in v for _, v in found)
    assert any(
        t == "PERSON"
        for t, _ in {
            (f.entity_type, 0) for f in get_classifier().classify("cc Maria Garcia.").findings
        }
    )


def test_bad_custom_pattern_is_rejected() -> None:
    with pytest.raises(ValueError, match="regular expression"):
        CustomRecognizer(entity_type="X_ID", category="PII", pattern="(unclosed")
    with pytest.raises(ValueError, match="empty string"):
        CustomRecognizer(entity_type="X_ID", category="PII", pattern="a*")


def test_time_budget_exceeded_raises_classification_error() -> None:
    class Slow:
        name = "slow"

        def find(self, text: str) -> list[Finding]:
            import time

            time.sleep(0.05)
            return []

    clf = CompositeClassifier([Slow()], time_budget_ms=5)
    with pytest.raises(ClassificationError, match="time budget"):
        clf.classify("Patient Jane Roe")
    assert CompositeClassifier([Slow()], time_budget_ms=5000).classify("x").findings == ()
    budgeted = get_classifier(ClassifierConfig(time_budget_ms=0.001))
    with pytest.raises(ClassificationError, match="time budget"):
        budgeted.classify("Patient John Smith, MRN: 12345678 " * 20)


def test_classification_makes_no_network_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    clf = get_classifier(ClassifierConfig(allow_list=("offline-check",)))  # a fresh build
    text = "Write to Jane Doe at jane@example.com about Dr. Okafor; key AKIAIOSFODNN7EXAMPLE."
    c = clf.classify(text)
    assert {"PII", "SECRET"} <= c.categories
    assert any(f.entity_type == "EMAIL_ADDRESS" for f in c.findings)


def test_scan_command_table_and_json() -> None:
    policy = {"PII": "redact", "PHI": "local", "SECRET": "block"}
    text = "Patient John Smith, MRN: 12345678, aws key AKIAIOSFODNN7EXAMPLE"
    table = scan_command(text, as_json=False, policy=policy)
    assert "MEDICAL_RECORD_NUMBER" in table
    assert "decision:   block" in table
    assert "12345678" not in table
    assert "AKIA" not in table
    out = json.loads(scan_command(text, as_json=True, policy=policy))
    assert out["decision"]["action"] == "block"
    assert set(out["categories"]) == {"PHI", "SECRET"}
    assert all({"entity_type", "score", "recognizer"} <= set(f) for f in out["findings"])
    plain = json.loads(scan_command("How do I sort a dict?", as_json=True, policy=policy))
    assert plain["decision"]["action"] == "default"
