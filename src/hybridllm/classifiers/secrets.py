"""Secret recognizers: the project's own provider-token and credential regexes.

These rules predate the maintained rule table (:mod:`~hybridllm.classifiers.secret_rules`,
~420 betterleaks rules) and keep the entity types that configurations and tests name
(``AWS_ACCESS_KEY``, ``GITHUB_TOKEN``, ...); they also cover what the table's rules need a
keyword for (a private key block to its end, a password inside a connection string, a JWT).
Generic ``key = value`` credentials are found by :mod:`~hybridllm.classifiers.credentials`.

detect-secrets' plugins were used here until the table replaced them: its 25 regex plugins are
a subset of the table's formats, its keyword plugin requires a separator character, and it cost
a quarter of the classification time (docs/benchmarks.md, "Secrets in prompts nobody here
wrote").

Every finding has category ``SECRET`` and its span covers the secret value only (for a
connection string, the password), so redaction removes the value entirely.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hybridllm.classifiers.base import RegexRecognizer, RegexRule
from hybridllm.classifiers.secret_values import is_doc_placeholder, is_placeholder

__all__ = ["build_secret_regex_recognizer"]

_I = re.IGNORECASE
_TAIL = r"(?![A-Za-z0-9_-])"


def _not_placeholder(value: str) -> bool:
    """Reject templated, masked or documentation values (``${DB_PASS}``, ``<password>``)."""
    v = value.strip("\"'`,;")
    return len(v) >= 4 and not is_placeholder(v)


def _not_doc_placeholder(value: str) -> bool:
    return not is_doc_placeholder(value)


def _not_example(value: str) -> bool:
    """AWS documents its example keys with an ``EXAMPLE`` marker: not a secret (as gitleaks)."""
    return "EXAMPLE" not in value and not is_doc_placeholder(value)


_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "AWS_ACCESS_KEY",
        "SECRET",
        re.compile(
            r"(?<![A-Z0-9])(?P<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Z0-9])"
        ),
        0.95,
        _not_example,
    ),
    RegexRule(
        "AWS_SECRET_KEY",
        "SECRET",
        re.compile(
            r"aws.{0,25}?(?:secret|key|pwd|pass|token).{0,25}?(?:=|:|=>)\s*[\"']?"
            r"(?P<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
            _I,
        ),
        0.95,
        _not_example,
    ),
    RegexRule(
        "GITHUB_TOKEN",
        "SECRET",
        re.compile(
            rf"\b(?P<v>gh[pousr]_[A-Za-z0-9]{{36,255}}|github_pat_[A-Za-z0-9_]{{22,255}}){_TAIL}"
        ),
        0.99,
    ),
    RegexRule(
        "SLACK_TOKEN",
        "SECRET",
        re.compile(r"\b(?P<v>xox[abposre]-[0-9A-Za-z-]{10,})"),
        0.95,
    ),
    RegexRule(
        "SLACK_WEBHOOK",
        "SECRET",
        re.compile(
            r"(?P<v>https://hooks\.slack\.com/services/[A-Za-z0-9_]+/[A-Za-z0-9_]+/[A-Za-z0-9_]+)"
        ),
        0.95,
    ),
    RegexRule(
        "STRIPE_KEY",
        "SECRET",
        re.compile(rf"\b(?P<v>(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{{16,}}){_TAIL}"),
        0.97,
    ),
    RegexRule(
        "ANTHROPIC_API_KEY",
        "SECRET",
        re.compile(rf"\b(?P<v>sk-ant-[A-Za-z0-9_-]{{20,}}){_TAIL}"),
        0.99,
    ),
    RegexRule(
        "OPENAI_API_KEY",
        "SECRET",
        re.compile(rf"\b(?P<v>sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{{20,}}){_TAIL}"),
        0.9,
    ),
    RegexRule(
        "GOOGLE_API_KEY",
        "SECRET",
        re.compile(rf"\b(?P<v>AIza[0-9A-Za-z_-]{{35}}){_TAIL}"),
        0.95,
    ),
    *(
        RegexRule(etype, "SECRET", re.compile(rf"(?<![A-Za-z0-9_-])(?P<v>{body}){_TAIL}"), 0.95)
        for etype, body in (
            ("GITLAB_TOKEN", r"glpat-[A-Za-z0-9_-]{20,}"),
            ("DOCKER_HUB_TOKEN", r"dckr_pat_[A-Za-z0-9_-]{20,}"),
            ("DIGITALOCEAN_TOKEN", r"do[por]_v1_[a-f0-9]{64}"),
            ("HUGGINGFACE_TOKEN", r"hf_[A-Za-z]{30,40}"),
            ("PYPI_TOKEN", r"pypi-AgE[A-Za-z0-9_-]{50,}"),
            ("NPM_TOKEN", r"npm_[A-Za-z0-9]{36}"),
            ("MAILGUN_KEY", r"key-[a-f0-9]{32}"),
            ("SHOPIFY_TOKEN", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
            ("DATABRICKS_TOKEN", r"dapi[a-f0-9]{32}(?:-\d)?"),
            ("VAULT_TOKEN", r"hv[sbr]\.[A-Za-z0-9_-]{24,}"),
            ("SENDGRID_KEY", r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
            ("TWILIO_API_KEY", r"SK[a-f0-9]{32}"),
            ("DISCORD_BOT_TOKEN", r"[A-Za-z\d]{24,26}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}"),
            ("AZURE_STORAGE_KEY", r"(?<=AccountKey=)[A-Za-z0-9+/]{86}=="),
        )
    ),
    RegexRule(
        "TELEGRAM_BOT_TOKEN",
        "SECRET",
        # Also inside a Bot API URL: https://api.telegram.org/bot<token>/getUpdates
        re.compile(
            rf"(?:(?<=/bot)|(?<![A-Za-z0-9_-]))(?P<v>\d{{8,10}}:AA[A-Za-z0-9_-]{{33}}){_TAIL}"
        ),
        0.95,
    ),
    RegexRule(
        "TWILIO_AUTH_TOKEN",
        "SECRET",
        re.compile(
            r"twilio[\w.-]{0,20}?(?:auth|token|secret)[\w]*[\"']?\s*[:=]\s*[\"']?"
            r"(?P<v>[a-f0-9]{32})\b",
            _I,
        ),
        0.9,
    ),
    RegexRule(
        "PRIVATE_KEY",
        "SECRET",
        # An unterminated block (pasted partly) runs to the end of the text: over-redact, not under.
        re.compile(
            r"(?P<v>-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z))"
        ),
        0.99,
    ),
    RegexRule(
        "JWT",
        "SECRET",
        re.compile(
            rf"\b(?P<v>eyJ[A-Za-z0-9_-]{{8,}}\.eyJ[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]*){_TAIL}"
        ),
        0.9,
    ),
    RegexRule(
        "CONNECTION_STRING_PASSWORD",
        "SECRET",
        # not a default that repeats the user name ("postgres:postgres@", "guest:guest@")
        re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,30}://(?P<u>[^\s:/@]+):(?!(?P=u)@)(?P<v>[^\s@]+)@"),
        0.9,
        _not_placeholder,
    ),
)


def build_secret_regex_recognizer() -> RegexRecognizer:
    """Build the provider-token / credential regex recognizer.

    Returns:
        A recognizer whose findings all have category ``SECRET``. A rule without a validator
        of its own drops documentation placeholders (``ghp_xxxx...``, ``sk-...your-key``).
    """
    return RegexRecognizer(
        "secrets",
        tuple(
            rule if rule.validator is not None else replace(rule, validator=_not_doc_placeholder)
            for rule in _RULES
        ),
    )
