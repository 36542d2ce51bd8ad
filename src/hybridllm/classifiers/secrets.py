"""Secret recognizers: provider-specific token regexes plus detect-secrets' plugins.

detect-secrets is used plugin by plugin, not through ``scan_line``: ``scan_line`` reads and
mutates process-global settings (``transient_settings`` swaps them), which is not thread-safe,
and a plugin's ``analyze_line`` may *verify* a candidate by calling the provider's API when the
verification filter is enabled. Here each regex plugin's own expressions are run for offsets and
its ``analyze_string`` confirms the value, so nothing leaves the machine. The entropy plugins are
left out on purpose: they flagged 97% of ordinary prompts (RUNTIME-NOTES), as is
``IPPublicDetector`` (IP addresses are PII, found by presidio) and ``PrivateKeyDetector`` (its
span is only the ``BEGIN`` header; the PEM rule below covers the whole block).

Every finding has category ``SECRET`` and its span covers the secret value only (for a
connection string, the password), so redaction removes the value entirely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hybridllm.classifiers.base import RegexRecognizer, RegexRule
from hybridllm.models import Finding

__all__ = ["DetectSecretsRecognizer", "build_secret_regex_recognizer"]

_I = re.IGNORECASE
_M = re.MULTILINE
_TAIL = r"(?![A-Za-z0-9_-])"

_PLACEHOLDERS = frozenset(
    {
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "changeme",
        "example",
        "redacted",
        "none",
        "null",
        "true",
        "false",
        "your_password",
        "yourpassword",
        "mypassword",
        "xxx",
        "xxxx",
        "xxxxxx",
        "xxxxxxxx",
        "required",
        "optional",
        "string",
    }
)


def _not_placeholder(value: str) -> bool:
    """Reject templated or obviously fake values (``${DB_PASS}``, ``<password>``, ``****``)."""
    v = value.strip("\"'`,;")
    if len(v) < 4 or v.lower() in _PLACEHOLDERS:
        return False
    if v[0] in "$<{[%(" or v.startswith(("os.", "process.env", "env.", "getenv")):
        return False
    return len(set(v)) > 2 and any(c.isalnum() for c in v)


def _strong_value(value: str) -> bool:
    """For ``key: value`` prose-like lines: the value must look like a credential, not a word."""
    if not _not_placeholder(value):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    return has_digit or has_symbol or len(value) >= 12


_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "AWS_ACCESS_KEY",
        "SECRET",
        re.compile(
            r"(?<![A-Z0-9])(?P<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Z0-9])"
        ),
        0.95,
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
            ("TELEGRAM_BOT_TOKEN", r"\d{8,10}:AA[A-Za-z0-9_-]{33}"),
            ("DISCORD_BOT_TOKEN", r"[A-Za-z\d]{24,26}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}"),
            ("AZURE_STORAGE_KEY", r"(?<=AccountKey=)[A-Za-z0-9+/]{86}=="),
        )
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
        re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,30}://[^\s:/@]+:(?P<v>[^\s@/]+)@"),
        0.9,
        _not_placeholder,
    ),
    RegexRule(
        "GENERIC_SECRET",
        "SECRET",
        # Config / env assignments: PASSWORD=..., DB_PASSWORD: "...", export API_KEY=...
        re.compile(
            r"^[ \t]*(?:export[ \t]+)?[\"']?[A-Z0-9_.-]*"
            r"(?:PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY"
            r"|CLIENT_?SECRET|CREDENTIALS?)[A-Z0-9_]*[\"']?[ \t]*(?:=|:)[ \t]*[\"']?"
            r"(?P<v>[^\s\"'#,;]{4,})",
            _M,
        ),
        0.8,
        _not_placeholder,
    ),
    RegexRule(
        "GENERIC_SECRET",
        "SECRET",
        # Lower-case keys, also mid-sentence: "my password is hunter2!", "api key: 3f9a..."
        re.compile(
            r"\b(?:password|passwd|passphrase|pwd|secret|token|api[ _-]?key|access[ _-]?key)"
            r"\s*(?:is|=|:)\s*[\"'`]?(?P<v>[^\s\"'`,;]{4,})",
            _I,
        ),
        0.7,
        _strong_value,
    ),
    RegexRule(
        "BEARER_TOKEN",
        "SECRET",
        re.compile(r"\bBearer\s+(?P<v>[A-Za-z0-9._~+/-]{16,}=*)"),
        0.85,
        _not_placeholder,
    ),
)


def build_secret_regex_recognizer() -> RegexRecognizer:
    """Build the provider-token / credential regex recognizer.

    Returns:
        A recognizer whose findings all have category ``SECRET``.
    """
    return RegexRecognizer("secrets", _RULES)


_DS_EXCLUDED = frozenset({"IPPublicDetector", "PrivateKeyDetector"})


def _entity_type(secret_type: str) -> str:
    """``'AWS Access Key'`` -> ``'AWS_ACCESS_KEY'`` (detect-secrets names, normalised)."""
    return re.sub(r"[^A-Z0-9]+", "_", secret_type.upper()).strip("_")


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.-")


def _extend(text: str, end: int) -> int:
    """Grow a span that stops inside a token (lazy plugin regexes, e.g. JWT) to the token's end."""
    if end == 0 or text[end - 1] not in _TOKEN_CHARS:
        return end
    while end < len(text) and text[end] in _TOKEN_CHARS:
        end += 1
    # A sentence's full stop is not part of the token (a JWT never ends in "."): without this,
    # the same key at the end of a sentence would get a different placeholder.
    while end > 0 and text[end - 1] == ".":
        end -= 1
    return end


class DetectSecretsRecognizer:
    """detect-secrets' regex plugins and its keyword plugin, run without global settings.

    Attributes:
        name: ``"detect-secrets"``.
    """

    name = "detect-secrets"

    def __init__(self) -> None:
        """Instantiate the plugins (imports detect-secrets; cheap, no model)."""
        from detect_secrets import plugins as ds_plugins
        from detect_secrets.plugins.base import RegexBasedDetector
        from detect_secrets.plugins.keyword import (
            QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP,
            KeywordDetector,
        )
        from detect_secrets.util.importlib import import_types_from_package

        classes = import_types_from_package(
            ds_plugins,
            filter=lambda t: (
                not (
                    isinstance(t, type)
                    and issubclass(t, RegexBasedDetector)
                    and t is not RegexBasedDetector
                    and not getattr(t, "__abstractmethods__", None)
                )
            ),
        )
        self._plugins = [
            cls()
            for cls in sorted(classes, key=lambda c: c.__name__)
            if cls.__name__ not in _DS_EXCLUDED
        ]
        self._keyword = KeywordDetector()
        self._keyword_regexes: dict[re.Pattern[str], int] = dict(
            QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP
        )

    def _regex_spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        for plugin in self._plugins:
            confirmed: set[str] | None = None
            for regex in plugin.denylist:
                for m in regex.finditer(text):
                    groups = [i for i in range(1, (regex.groups or 0) + 1) if m.group(i)]
                    spans = [m.span(i) for i in groups] if groups else [m.span()]
                    if confirmed is None:
                        # The plugin's own analyze_string applies its validity checks (JWT
                        # decoding, ...); only values it yields count.
                        confirmed = set(plugin.analyze_string(text))
                    for g_start, g_end in spans:
                        value = text[g_start:g_end]
                        if value not in confirmed or not _not_placeholder(value):
                            continue
                        # Some plugins capture only a prefix ("ghp" of a GitHub token): a short
                        # group stands for the whole match, so the span still covers the value.
                        start, end = (g_start, g_end) if g_end - g_start >= 8 else m.span()
                        yield _entity_type(plugin.secret_type), start, _extend(text, end)

    def _keyword_spans(self, text: str) -> Iterator[tuple[int, int]]:
        pos = 0
        for line in text.splitlines(keepends=True):
            for regex, group in self._keyword_regexes.items():
                for m in regex.finditer(line):
                    start, end = m.span(group)
                    if start < end and _not_placeholder(m.group(group)):
                        yield pos + start, pos + end
            pos += len(line)

    def find(self, text: str) -> list[Finding]:
        """Scan ``text`` with the plugins.

        Args:
            text: the text to scan.

        Returns:
            ``SECRET`` findings named after the plugin's secret type (e.g. ``AWS_ACCESS_KEY``,
            ``BASIC_AUTH_CREDENTIALS``, ``SECRET_KEYWORD``).
        """
        findings = [
            Finding(
                entity_type=etype,
                category="SECRET",
                start=start,
                end=end,
                score=0.8,
                recognizer=self.name,
            )
            for etype, start, end in self._regex_spans(text)
        ]
        findings.extend(
            Finding(
                entity_type="SECRET_KEYWORD",
                category="SECRET",
                start=start,
                end=end,
                score=0.6,
                recognizer=self.name,
            )
            for start, end in self._keyword_spans(text)
        )
        return findings
