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
    fresh = CompositeClassifier(
        clf.recognizers,
        normalize=True,
        clinical=clf.clinical,
        clinical_recognizers=clf.clinical_recognizers,
    )
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
            "key: AKIA\u200bZ3MSJ7QX\u200dP4LKH2TD in the log",
            "AKIA\u200bZ3MSJ7QX\u200dP4LKH2TD",
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
    text = "Write to Jane Doe at jane@example.com about Dr. Okafor; key AKIAZ3MSJ7QXP4LKH2TD."
    c = clf.classify(text)
    assert {"PII", "SECRET"} <= c.categories
    assert any(f.entity_type == "EMAIL_ADDRESS" for f in c.findings)


def test_scan_command_table_and_json() -> None:
    policy = {"PII": "redact", "PHI": "local", "SECRET": "block"}
    text = "Patient John Smith, MRN: 12345678, aws key AKIAZ3MSJ7QXP4LKH2TD"
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


def _luhn_complete(prefix: str, length: int) -> str:
    """Append filler digits and a check digit so the number passes Luhn."""
    from hybridllm.classifiers.patterns import luhn_valid

    body = (prefix + "4839201756" * 2)[: length - 1]
    return next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))


def _found(text: str) -> set[tuple[str, str]]:
    c = get_classifier().classify(text)
    return {(f.entity_type, text[f.start : f.end]) for f in c.findings}


@pytest.mark.parametrize(
    ("prefix", "length"), [("4", 13), ("3530", 16), ("2131", 15), ("1800", 15), ("5018", 12)]
)
def test_more_card_brands_by_iin_and_luhn(prefix: str, length: int) -> None:
    number = _luhn_complete(prefix, length)
    assert ("CREDIT_CARD", number) in _found(f"Please charge card {number} today.")
    broken = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not any(t == "CREDIT_CARD" for t, _ in _found(f"Please charge card {broken} today."))


def test_national_phone_formats_need_a_phone_word_or_a_trunk_zero() -> None:
    assert ("PHONE_NUMBER", "070 1445 1279") in _found("Stop sending messages to 070 1445 1279")
    assert ("PHONE_NUMBER", "0362 5922676") in _found("0362 5922676 office, 555 fax")
    assert _found("Call me on 2024-11-05 about the launch.") == set()
    # Without a phone word, digit groups are an amount; with a national trunk "0" they are a
    # phone's shape (classifiers/phones.py, issue 14).
    assert _found("The total was 70 1445 1279 units.") == set()
    assert ("PHONE_NUMBER", "070 1445 1279") in _found("The total was 070 1445 1279 units.")
    # Before an office / fax label: one-digit groups, a bracketed area code with a hyphen, after
    # a literal "\n" of pasted JSON.
    block = r"Komoorid 89332\n372-9-3324-2449-Office\,(6334)-5683-Fax"
    assert {("PHONE_NUMBER", "372-9-3324-2449"), ("PHONE_NUMBER", "(6334)-5683")} <= _found(block)
    assert _found("Read chapter 3-1-2-4 during office hours.") == set()
    # Ten digits alone in brackets after a word: a contact's number (NANP shape only).
    lead = "VP Procurement at Brightnest Realty (9967089610). Wants 200 seats."
    assert ("PHONE_NUMBER", "9967089610") in _found(lead)
    assert _found("The epoch (1678901234) is in seconds.") == set()
    assert _found("Case (9112345678) closed.") == set()  # an N11 code is no area code


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Meet me at 1496 Mitchell Coves Suite 091 tomorrow.", "1496 Mitchell Coves Suite 091"),
        ("Send it to Lindemarkveien 141, 0368 Oslo.", "Lindemarkveien 141, 0368 Oslo"),
        ("My address is ul. Paderewskiego Ignacego 85", "ul. Paderewskiego Ignacego 85"),
        ("It is at 229 Csabai kapu 60.\n Budapest", "229 Csabai kapu 60.\n Budapest"),
        ("Unit 0692 Box 6155\nDPO AA 35797", "Unit 0692 Box 6155\nDPO AA 35797"),
        (
            "Stop at the corner of Urzáiz 31 and Tyler Bypass.",
            "the corner of Urzáiz 31 and Tyler Bypass",
        ),
    ],
)
def test_street_addresses_in_several_formats(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in _found(text)


def test_address_rules_leave_ordinary_prose_alone() -> None:
    for text in (
        "Summarize the plot of Pride and Prejudice in 100 words.",
        "How many days are there between March 3, 2024 and July 19, 2024?",
        "What's the token limit of GPT-4o and Claude 3.5 Sonnet?",
        "Place 3 orders via the API before the 5 pm cutoff.",
    ):
        assert not any(t == "STREET_ADDRESS" for t, _ in _found(text)), text


def test_names_unknown_surname_repeats_and_places() -> None:
    found = _found("My name is Tomáš Prokeš but everyone calls me Tomáš.")
    assert ("PERSON", "Tomáš Prokeš") in found
    assert ("PERSON", "Tomáš") in found
    note = "Patient: Madison S. Leonard MRN: MR7904124\nS: Madison reports improved breathing."
    assert sum(1 for t, v in _found(note) if t == "PERSON" and v == "Madison") == 1
    assert _found("Is Austin a good place to host a product launch in October?") == set()
    assert _found("Summarize Zendesk's earnings call in five bullets.") == set()


def test_line_break_evasion_joins_tokens_but_not_key_value_lines() -> None:
    assert ("EMAIL_ADDRESS", "perezjen\nnifer@example.net") in _found(
        "Write to perezjen\nnifer@example.net please"
    )
    view = normalize("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x")
    assert view is None or "EXAMPLEaws" not in view.text


def test_clinical_context_with_modifiers_and_bare_icd_codes() -> None:
    note = (
        "Patient Jane Roe, MRN: 48201177. A/P: essential hypertension (I10); "
        "type 2 diabetes mellitus (E11.9). Continue insulin glargine 22 units."
    )
    found = _found(note)
    assert ("DIAGNOSIS", "essential hypertension (I10)") in found
    assert ("DIAGNOSIS", "type 2 diabetes mellitus (E11.9)") in found
    assert ("MEDICATION", "insulin glargine 22 units") in found
    # Without an identifier, clinical content alone is not sensitive.
    question = "What is the ICD-10 code E11.9 and how is essential hypertension treated?"
    assert _found(question) == set()


def test_keyword_rules_match_like_a_full_search() -> None:
    from hybridllm.classifiers.base import KeywordRule, RegexRule
    from hybridllm.classifiers.phi import build_phi_recognizer

    texts = [r["text"] for r in load("phi.jsonl")[:60]]
    for rule in build_phi_recognizer().rules:
        if isinstance(rule, KeywordRule):
            plain = RegexRule(rule.entity_type, rule.category, rule.pattern, rule.score)
            for t in texts:
                assert list(rule.spans(t)) == list(plain.spans(t))
