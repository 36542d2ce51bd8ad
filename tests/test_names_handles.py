"""Person names inside account handles (``name_handles``): a home-directory user name that
spells a person's name is masked, service and generic accounts are not, and a name found inside
an ``@`` mention is masked with the whole mention.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest
from tests.helpers import persons

from hybridllm import redact
from hybridllm.classifiers.name_handles import home_users
from hybridllm.classifiers.name_tokens import token_lexicon


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ('File "/home/hgardner/projects/app/main.py", line 3', "hgardner"),  # initial + surname
        ('File "/home/mlopez/app.py", line 9', "mlopez"),
        ("at /Users/skip.miller/Library/CloudStorage/x.js:449:10", "skip.miller"),
        ("C:\\Users\\Maria.Lopez\\Documents\\report.docx is locked", "Maria.Lopez"),
        ('json: "C:\\\\Users\\\\Mike\\\\AppData\\\\Roaming"', "Mike"),  # escaped in JSON
        ("/home/jacobgershkovich/.bashrc", "jacobgershkovich"),  # given name + unknown surname
    ],
)
def test_a_home_directory_user_name_that_spells_a_name_is_masked(text: str, user: str) -> None:
    assert user in persons(text)


def test_service_and_generic_accounts_are_kept() -> None:
    text = (
        "/home/student/x /home/runner/work /home/ubuntu/.bashrc C:\\Users\\Admin\\Desktop "
        "/Users/vsts/agent /home/pi/x /home/vagrant/y /home/node/app /home/jenkins/ws "
        "/home/user/a /Users/yourname/c /home/ec2-user/d /home/coder/h /home/jovyan/work"
    )
    assert home_users(text, token_lexicon()) == []


def test_a_name_inside_a_mention_takes_the_whole_mention() -> None:
    text = "cc @maria.lopez can you check the deploy?"
    assert "maria.lopez" in persons(text)


def test_decorators_are_no_mentions_of_anyone() -> None:
    assert persons("@app.route('/x')\n@pytest.fixture\ndef f(): pass") == []


@pytest.mark.parametrize(
    ("text", "user"),
    [("ssh mlopez@10.0.0.5 failed", "mlopez"), ("jsmith@prod-db: connection refused", "jsmith")],
)
def test_a_login_at_a_host_that_spells_a_name_is_masked(text: str, user: str) -> None:
    assert user in persons(text)


def test_default_logins_and_package_pins_are_kept() -> None:
    text = (
        "root@10.0.0.1: denied; ubuntu@build-box: ok; pip install pkg@1.2.3; npm i react@18\n"
        "image: nginx@sha256:ba03c70e5a7b\n"  # an image digest
        "renderWithHooks@http://localhost:3000/static/js/bundle.js:2191:22"  # a stack frame
    )
    assert home_users(text, token_lexicon()) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("cc: @maria.lopez on the contract", "maria.lopez"),
        ("looping in @j.okonkwo for review", "okonkwo"),
        ("ping @anna_berg pls", "anna_berg"),
    ],
)
def test_a_mention_written_as_a_name_goes(text: str, handle: str) -> None:
    out = redact(text).text
    assert handle not in out, out


@pytest.mark.parametrize("text", ["@react.dev is down", "ask @data.science team", "@angular.core"])
def test_a_mention_of_no_name_stays(text: str) -> None:
    assert redact(text).text == text
