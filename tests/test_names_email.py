"""Names that the e-mail address beside them spells (``name_email.email_names``): found in any
case and layout, because the address's local part repeats them; role mailboxes, company words
and names the address does not spell are not taken.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest
from tests.helpers import persons

from hybridllm.classifiers.name_email import echoed_names, email_names
from hybridllm.classifiers.name_tokens import token_lexicon


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # lower case: no capital, no list, no cue word; the address spells it
        ("co-authored-by: zak sanders <zak.sanders@example.co.uk>", "zak sanders"),
        ("reviewed-by: maori oomori <maori.oomori@example.com>", "maori oomori"),
        (
            "summarise this ticket: customer arnaude l'heureux (arnaude.lheureux@example.co.uk)"
            " says the invoice is wrong",
            "arnaude l'heureux",
        ),
        # a CSV row: the address spells the given name, the surname shares its field
        ("29483,Ellinore Magnusson,ellinore.40@example.com,Account Manager", "Ellinore Magnusson"),
        # run-together and initial-led local parts
        ("Reply to John Smith <jsmith@corp.example> by Friday", "John Smith"),
        ("J. R. Smith (jr.smith@example.org) signed it", "J. R. Smith"),
    ],
)
def test_a_name_the_address_spells_is_masked_whole(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Support Team <support@company.example>",
        "Acme Sales <acme.sales@acme.example>",  # the domain's word and a role mailbox
        "Acme Corp <info@acme.example>",
        "contact john.smith@example.com please",  # no name written beside it
        "email me at bob@example.com",
        "The user admin (admin@localhost.example)",
        "git config user.email alice@example.com",
    ],
)
def test_role_mailboxes_and_unspelt_words_are_no_name(text: str) -> None:
    assert email_names(text, token_lexicon()) == []


def test_the_words_before_a_name_stay_outside_it() -> None:
    text = "Hi Bob Jones <bob.jones@example.com>, thanks"
    spans = [text[a:b] for a, b in email_names(text, token_lexicon())]
    assert spans == ["Bob Jones"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a word between the name and the address: still the address's owner
        (
            "please direct all further correspondence to cabrel manga at cabrel_manga@example.net.",
            "cabrel manga",
        ),
        # after the address
        (
            "Escalation: account email fatiha.abdo@example.com, the caller fatiha abdo reports "
            "a crash",
            "fatiha abdo",
        ),
    ],
)
def test_a_name_the_address_spells_anywhere_is_masked(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # everyday or ambiguous words the address spells
        "mail the data science folks at data.science@acme.example",
        "send it to the team at team.alpha@example.com",
        # a package at a version, a path: no mail address
        "npm ERR! vexchords@1.0.0 build: see /home/u/vexchords/node_modules",
        # role mailboxes and the domain's words
        "Sales will answer; write to sales@acme.example or acme.help@acme.example",
    ],
)
def test_words_an_address_spells_that_are_no_name(text: str) -> None:
    assert echoed_names(text, token_lexicon()) == []


def test_the_address_itself_is_not_taken_as_its_name() -> None:
    text = "cc: tjiriange.k@example.org"
    assert echoed_names(text, token_lexicon()) == []


def test_a_name_spelt_with_diacritics_is_found_by_its_folded_address() -> None:
    text = "the caller kärt jõgi wrote back; reply to kart.jogi@example.net"
    spans = [text[a:b] for a, b in echoed_names(text, token_lexicon())]
    assert spans == ["kärt jõgi"]


def test_a_text_of_many_addresses_is_left_to_the_names_beside_them() -> None:
    rows = "\n".join(f"row {k}: zq{k}ab.wxyz{k}@example.org" for k in range(9))
    text = "ask wxyz about it\n" + rows
    assert echoed_names(text, token_lexicon()) == []
