"""Addresses that name no one's mailbox are no e-mail findings; a person's address stays.

A placeholder in a pasted config or API example (``user1@example.com``, ``testing@test.com``,
``example@jetbrains.com``) and a code forge's SSH user (``git@github.com:owner/repo.git``) are
no personal data (:mod:`hybridllm.classifiers.email_examples`). A person's address, even at a
domain reserved for examples, stays one.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.email_examples import no_mailbox


def _emails(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "EMAIL_ADDRESS"]


@pytest.mark.parametrize(
    "text",
    [
        "credentials:\n  credential1:\n    api_key: KEY_1\n    email: user1@example.com\n"
        "    domains:\n      - example1.com\n",
        'POST http://127.0.0.1:8000/signup/\n\n{\n "email": "testing@test.com",\n'
        ' "password": "password"\n}',
        'append("email", "example@jetbrains.com")\nappend("password", "foobar")',
        "The project is at git@github.com:someone/ros_cv.git and I need to save point clouds.",
        "Use your.name@yourcompany.com in the From field of the template.",
    ],
)
def test_placeholder_address_is_no_finding(text: str) -> None:
    assert _emails(text) == []


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Please write to maria.garcia@example.com about the invoice.", "maria.garcia@example.com"),
        ("email,name\nsupport@mail.example.com,Anis Zarzis\n", "support@mail.example.com"),
        ("My test account is test@gmail.com, can you check it?", "test@gmail.com"),
        ("Contact gitte@github.com for access.", "gitte@github.com"),
        ("Send it to user01.name@example.com please.", "user01.name@example.com"),
    ],
)
def test_a_persons_address_stays(text: str, email: str) -> None:
    assert any(email in found for found in _emails(text))


def test_no_mailbox_by_the_address_alone() -> None:
    assert no_mailbox("git@gitlab.com")
    assert no_mailbox("user2@example.org")
    assert no_mailbox("foo@app.test")
    assert not no_mailbox("foo@gmail.com")
    assert not no_mailbox("jane.doe@example.com")
