"""Generic credentials in any syntax, through the real classifier; placeholders are not secrets.

Values are drawn here at random (seeded) by shape, never copied from documentation.
"""

from __future__ import annotations

import base64
import random
import string

import pytest

from hybridllm.classifiers import classify
from hybridllm.classifiers.secret_values import is_placeholder, looks_like_secret

_RNG = random.Random(1313)
_ALNUM = string.ascii_letters + string.digits


def _rand(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


HEX = _rand(32, "0123456789abcdef")
TOKEN = _rand(28)
PASSWORD = _rand(6) + "#" + _rand(5) + "!9"
DOLLAR = "$" + _rand(20)  # a value that starts with "$" is not a template variable
PERCENT = "%" + _rand(5) + "!" + _rand(8)
USER = "deploy" + _rand(3, string.digits)


def _secret_spans(text: str) -> set[str]:
    c = classify(text)
    return {text[f.start : f.end] for f in c.findings if f.category == "SECRET"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a keyword joined to the value without "=" or ":"
        (f"the API key {HEX} stopped working after the migration", HEX),
        (f"aws configure set aws_secret_access_key {TOKEN}", TOKEN),
        (f"login with user {USER} and password {PASSWORD}", PASSWORD),
        (f"svc token - '{TOKEN}'", TOKEN),
        # keywords inside longer identifiers, any style
        (f"confluence_token={TOKEN}", TOKEN),
        (f"jira_token: {TOKEN}", TOKEN),
        (f"pinecone_API_KEY={TOKEN}", TOKEN),
        (f"client_secret = '{TOKEN}'", TOKEN),
        (f"const pineconeApiKey = `{TOKEN}`;", TOKEN),
        (f"PGPASSWORD={PASSWORD} psql -h db -U app", PASSWORD),
        # XML / YAML / JSON keys, Jenkins, nuget, K8s Secret
        (f"<password>{PASSWORD}</password>", PASSWORD),
        (f'<add key="ClearTextPassword" value="{PASSWORD}" />', PASSWORD),
        (f'{{"auth": {{"apiToken": "{TOKEN}"}}}}', TOKEN),
        (f"kind: Secret\nstringData:\n  db-password: {PASSWORD}\n", PASSWORD),
        (f"env:\n  - name: API_TOKEN\n    value: {TOKEN}\n", TOKEN),
        # CLI flags, curl, Authorization headers, log lines
        (f"curl -u {USER}:{PASSWORD} https://ci.internal/api", PASSWORD),
        (f"./deploy --token {TOKEN} --env prod", TOKEN),
        (f"mysql -u root -p'{PASSWORD}' shop", PASSWORD),
        (f"Authorization: Bearer {TOKEN}", TOKEN),
        (
            "Authorization: Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
            base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
        ),
        (f"[DEBUG] Using SERVICE KEY={TOKEN} for outbound calls", TOKEN),
        # values starting with $ or %
        (f"DB_PASSWORD={DOLLAR}", DOLLAR),
        (f"password: '{PERCENT}'", PERCENT),
        # prose with filler words before the value
        (f"the staging credential for the migration: {TOKEN} - rotate it after", TOKEN),
        (f"CREATE USER app IDENTIFIED BY '{PASSWORD}';", PASSWORD),
    ],
)
def test_credential_is_found_whatever_the_separator(text: str, value: str) -> None:
    spans = _secret_spans(text)
    assert any(value in s for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "API_KEY=<your-api-key>",
        "token: ${GITHUB_TOKEN}",
        "password=$DB_PASSWORD",
        "set PASSWORD=%DB_PASSWORD%",
        "api_key: xxxxxxxxxxxxxxxxxxxx",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "password: changeme",
        "secret_key = os.environ['SECRET_KEY']",
        "token = get_token()",
        "apiKey: process.env.STRIPE_KEY",
        "password: '********'",
        "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
        "max_tokens: 512",
        "password_min_length = 12",
        "secret_name: db-credentials",
        "auth_method: oauth2",
        "tokenizer = AutoTokenizer.from_pretrained(path)",
        "our password reset token expires after 30 minutes",
        "GitHub classic tokens start with ghp_ followed by 36 characters",
        # Code and prose pasted from chats (markdown escapes, calls, cmdlets, headings).
        "ssh.connect(ip, username=nvr\\_user, password=nvr\\_password)",
        "action = max(Q1[state], key=Q1[next\\_state].get)",
        "if (!$token = AuthHelper::getUserByToken($this->data['token'])) {",
        "$secure = ConvertTo-SecureString $env:SVC\\_ADMIN\\_PASSWORD -AsPlainText -Force",
        '"field\\_key": "en\\_test\\_field\\_enabled",',
        "The signature of the function is IsValidRange(int low, int high)",
        "Key Features/Innovations, Key Flows/Processes",
        'The captain asks the passengers: "Who has their phone on?"',
    ],
)
def test_placeholders_and_non_secrets_are_not_flagged(text: str) -> None:
    assert _secret_spans(text) == set()


def test_hashes_and_uuids_in_ordinary_code_are_not_secrets() -> None:
    sha = _rand(64, "0123456789abcdef")
    hexd = "0123456789abcdef"
    uuid = f"{_rand(8, hexd)}-{_rand(4, hexd)}-4abc-8def-{_rand(12, hexd)}"
    text = (
        f"commit {sha[:40]}\nimage: nginx@sha256:{sha}\n"
        f"SELECT * FROM orders WHERE customer_id = '{uuid}';"
    )
    assert _secret_spans(text) == set()


def test_value_judgement_is_measurable() -> None:
    # the measured rule (see secret_values): shapes, not single keywords
    assert is_placeholder("${API_KEY}")
    assert is_placeholder("<insert token>")
    assert not is_placeholder(DOLLAR)
    assert not is_placeholder("$2b$12$" + _rand(53, _ALNUM + "./"))  # a bcrypt hash
    assert looks_like_secret(TOKEN)
    assert looks_like_secret("letmein99", password=True)
    assert not looks_like_secret("letmein99")
    assert not looks_like_secret("client_credentials")
    assert not looks_like_secret("2024-06-01")
