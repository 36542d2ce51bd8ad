"""Is a candidate value a secret, or a placeholder, template, reference or ordinary word?

Shared by the provider rules (:mod:`~hybridllm.classifiers.secret_rules`), the generic credential
detector (:mod:`~hybridllm.classifiers.credentials`) and the regex rules
(:mod:`~hybridllm.classifiers.secrets`). The rules here are measured on the near-miss negatives
of ``bench/data/secrets_ext`` (``bench/bench_secrets.py``; rates in docs/benchmarks.md).

A value that starts with ``$`` or ``%`` is a template variable only when it has a template's
shape (``$VAR``, ``${VAR}``, ``$(cmd)``, ``%VAR%``, ``%s``): ``$2b$12$...`` (a bcrypt hash) or
``%k9!xQ...`` are still secrets.
"""

from __future__ import annotations

import math
import re
from collections import Counter

__all__ = [
    "identifier_like",
    "is_doc_placeholder",
    "is_placeholder",
    "looks_like_secret",
    "shannon_entropy",
]

_PLACEHOLDER_SHAPES = re.compile(
    r"""^(?:<.*>|\[.*\]|\{.*\}|\(.*\)|<%.*%>|@@.*@@|<<.*>>|\$\{.*\}|\$\(.*\)"""
    r"""|\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*|[a-z]+(?:[A-Z][a-z]+)+\d?)"""
    r"""|%(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)%|%\(?\w*\)?[sdr]|\$(?i:env):\w+|\$ENV\{\w+\}|#\{.*\}|%\{.*\}|\{\{.*\}\}"""
    r"""|:[a-z_]+|\*+|•+|…+|\.{3,}|-+)$""",
    re.DOTALL,
)
_CODE_REFERENCE = re.compile(
    r"""^(?:os\.|process\.env|env\.|ENV[\[.]|System\.getenv|Deno\.env|secrets\.|vars\.|settings\."""
    r"""|config\.|self\.|this\.|request\.|params\.|args\.|arn:|vault:|ssm:|op://|sm://|https?://"""
    r"""|file:|[A-Za-z]:\\|[\w.$]*\w\(.*\)$)""",
    re.IGNORECASE,
)
_PATH = re.compile(r"^(?:/|\./|~/)[\w.\-]+(?:/[\w.\-]+)+/?$")
_PLACEHOLDER_WORDS = re.compile(
    r"your|example|sample|placeholder|change_?me|change_?it|dummy|redacted|masked|replace|insert"
    r"|lorem|xxxx|fixme|\*\*\*|\.\.\.|•|…|<|>",
    re.IGNORECASE,
)
# Sequential runs: a made-up value in a generic key=value line (provider tokens in tests and
# docs use them too, where the prefix already says what the value is).
_SEQUENTIAL = re.compile(r"abcdefgh|12345678", re.IGNORECASE)
_WEAK_WORDS = re.compile(
    r"^(?:my[-_]?)?(?:password|passwd|secret|token|changeme|test|testing|pass|default|user"
    r"|none|null|nil|undefined|true|false|empty|string|required|optional"
    r"|hidden|unknown|todo|tbd|n/?a)\d{0,4}[!.]?$",
    re.IGNORECASE,
)
_IDENTIFIER_LIKE = re.compile(
    r"^(?:[a-z]+(?:[_.\-][a-z]+)*|[A-Z][a-z]+(?:[A-Z][a-z]+)*|[a-z]+(?:[A-Z][a-z]+)+"
    r"|_*[A-Z]+(?:[_\-][A-Z]+)*(?:_\d{1,3})?|[\d.:\-/ T+Z]+|[A-Za-z_]+(?:\.[A-Za-z_]+)+)$"
)
# Three or more snake_case words, a word may end in digits ("auth_provider_x509_cert_url"): a
# name, not a value (a password may look like this, so only for other keys).
_SNAKE_NAME = re.compile(r"^_*[a-z]+\d*(?:_[a-z]+\d*){2,}$")
# A host name under a common top-level domain ("gpt-i-38598.firebaseapp.com",
# "1234.dkr.ecr.eu-central-1.amazonaws.com"): where a service lives, not a credential.
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|ai|dev|app|co|cloud|edu|gov"
    r"|info|biz|me|us|uk|de|fr|cn|jp|in|ru|br|ca|au|nl|eu|tv|xyz|site|tech|local|internal)$"
)


def shannon_entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character (as gitleaks computes it)."""
    n = len(value)
    if not n:
        return 0.0
    return -sum(k / n * math.log2(k / n) for k in Counter(value).values())


def _classes(value: str) -> int:
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )


def _is_path(value: str) -> bool:
    """``/etc/app/key.pem``, ``./certs/server``: a file path, unless a segment looks random."""
    return bool(_PATH.match(value)) and all(
        len(seg) < 8 or _classes(seg) < 3 for seg in value.split("/")
    )


def is_doc_placeholder(value: str) -> bool:
    """Template variables, tags, masks, documentation and weak words (not code references).

    Used on provider-rule matches, whose secret may legitimately be a URL (webhooks).

    Args:
        value: the candidate value.
    """
    v = value.strip()
    return bool(
        _PLACEHOLDER_SHAPES.match(v)
        or _PLACEHOLDER_WORDS.search(v)
        or _WEAK_WORDS.match(v)
        or len(set(v.lower())) <= 3
    )


def is_placeholder(value: str) -> bool:
    """True for values that stand in for a secret rather than being one.

    Template variables (``${VAR}``, ``$VAR``, ``%VAR%``, ``{{ var }}``), tags (``<your-key>``),
    masks (``****``, ``xxxx``, ``...``), code references (``os.environ[...]``,
    ``process.env.X``, ``get_token()``), secret-manager references (``arn:...``, ``vault:...``),
    file paths, documentation words (``example``, ``your``, ``changeme``, ``dummy``,
    ``redacted``) and weak words (``password``, ``secret``, ``test`` with optional digits).

    Args:
        value: the candidate value, without surrounding quotes.
    """
    v = value.strip()
    return (
        is_doc_placeholder(v)
        or bool(_CODE_REFERENCE.match(v) or _SEQUENTIAL.search(v))
        or _is_path(v)
    )


def identifier_like(value: str) -> bool:
    """A word, a name in code style (``snake_case``, ``camelCase``, ``CONSTANT_1``), a dotted
    name, or a number / date / version: not a secret's shape.

    Args:
        value: the candidate value.
    """
    return _IDENTIFIER_LIKE.match(value) is not None


def looks_like_secret(value: str, strict: bool = False, password: bool = False) -> bool:
    """Whether a value given for a credential key has a credential's shape.

    Not a placeholder (:func:`is_placeholder`), not an ordinary word, identifier (for other keys
    than passwords also three or more ``snake_case`` words with digits), host name, number, date
    or version, nor (``strict``) words of prose; then at least three character classes
    (lower, upper, digit, symbol), or a long high-entropy string (hex / base64 / random).
    ``strict`` (a value joined to its keyword by whitespace or a comma only) asks for 8+
    characters.

    Args:
        value: the candidate value.
        strict: the separator was weak (whitespace, comma, call argument).
        password: the key names a password (``PASSWORD=``, ``pwd:``): people choose those, so
            letters with a digit or symbol (``letmein99``) are enough.
    """
    v = value.strip()
    if len(v) < (8 if strict else 6) or len(v) > 1024 or is_placeholder(v):
        return False
    if v.isdigit():  # a numeric key or PIN is long and varied; a port, size or count is not
        return len(v) >= 12 and shannon_entropy(v) >= 2.5
    if identifier_like(v) or _HOST.match(v) or (not password and _SNAKE_NAME.match(v)):
        return False
    if strict and " " in v and all(w.isalpha() for w in v.split()):
        return False  # words of prose ("Update Successful") after a space or a comma
    classes = _classes(v)
    entropy = shannon_entropy(v)
    if entropy >= 2.5 and (
        classes >= 3 or (password and not strict and any(not c.isalpha() for c in v))
    ):
        return True
    return len(v) >= 16 and entropy >= (3.0 if any(c.isdigit() for c in v) else 3.5)
