"""Code, names and host names after a credential keyword are no secrets (issue 14, route).

Each negative stands for a class of false SECRET findings seen on real prompts (pasted code,
configs, stack traces, prose); each positive checks that the class rule does not cost a real
value of the same shape. Random values are drawn here (seeded), never copied from a document.
"""

from __future__ import annotations

import random
import string

import pytest

from hybridllm.classifiers import classify

_RNG = random.Random(1414)


def _rand(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


TOKEN = _rand(24)
PASSWORD = _rand(5) + "!" + _rand(6) + "2"


def _secrets(text: str) -> set[str]:
    return {text[f.start : f.end] for f in classify(text).findings if f.category == "SECRET"}


@pytest.mark.parametrize(
    "text",
    [
        # a cmdlet or a call behind an opening bracket
        "Add-Computer -DomainName $d -Credential (New-Object Management.PSCredential($u, $p))",
        # a constant in an exception; the exception's name is no credential's name
        "raise exceptions.DefaultCredentialsError(_MISSING_CREDENTIALS_MESSAGE)",
        "KeyError: \"['token'] not found in axis\"",
        # the next JSON key after a value ending in "token"
        '"token_uri": "https://oauth2.example.com/token",\n "auth_provider_x509_cert_url": "x"',
        # host names after a password flag or a domain key
        "docker login -u AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com",
        'authDomain: "demo-app-40211.firebaseapp.com",',
        '"Zhejiang APIChem Co": ["http://www.apichem.example.com", "AC-40213"]',
        # a URL behind a bracket
        "Use the Acme image API (https://img.example.com/prompt/,cartoon) for each picture.",
        # chains of names: calls, subscripts, optional member access
        "sheet = client.open_by_key(sheet_key).worksheet(sheet_id)",
        "{Object.keys(menuColumns).map((menuColumnId) => (",
        "const text = tokenizer.decode(outputs[0].dataSync());",
        "accessToken.value = res?.accessToken ?? '';",
        "API_KEY = sys.argv[3]",
        # a type with a pointer or optional mark, a constant name with a number
        "private:\n    QTimer* m_timer;\n",
        "listResults(nextToken?: string): Promise<Page>",
        "credentials:\n  site1:\n    api_key: API_KEY_1\n",
        # the next line's YAML key, words of prose, a property of the credential
        "  name: FetchSecrets\n- task: AzureCLI@2\n",
        'the message returned from the API call is "Update Successful" in the test',
        "how do I refresh this credential name: gke_dev-project_europe-west1_cluster-dev",
        # a placeholder in brackets stays one (the bracket is not stripped from it)
        "Print [EMAIL_ADDRESS_1], [AWS_ACCESS_KEY_1], [PERSON_1], [LITERAL_1].",
        # documentation connection strings: a tag, a weak word, the user name repeated
        "const uri = 'mongodb+srv://<username>:<password>@cluster0.mongodb.net/test?w=majority'",
        "MONGO_URI=mongodb+srv://admin:password@cluster0.abcde.mongodb.net/shop",
        "mongodb+srv://myUser:myPassword123@cluster0.ab1cd.mongodb.net/?retryWrites=true",
        "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app",
    ],
)
def test_code_and_names_after_a_keyword_are_not_secrets(text: str) -> None:
    assert _secrets(text) == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (f"api-token={TOKEN}", TOKEN),
        (f"password='{PASSWORD}'", PASSWORD),
        ("password: my_pass_2023", "my_pass_2023"),  # snake case is still a password
        (f"token = ({TOKEN}", TOKEN),
        (f'the staging token is "{TOKEN}"', TOKEN),
        (f"deploy --token {TOKEN}", TOKEN),
        (f"mongodb+srv://app:{TOKEN}@cluster0.ab1cd.mongodb.net/shop", TOKEN),
        (f"postgres://app:{PASSWORD}@db.internal:5432/shop", PASSWORD),
        (f"<password>{PASSWORD}</password>", PASSWORD),
    ],
)
def test_values_of_the_same_shapes_are_still_found(text: str, value: str) -> None:
    assert any(value in s for s in _secrets(text)), _secrets(text)
