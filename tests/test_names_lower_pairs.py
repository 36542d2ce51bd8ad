"""Lower-case names by shape (name_lower_pairs): subject pairs, foreign forms, person fields,
``prof.`` titles and prose semicolons, beside lower-case text and code that must stay clean.
Written for this file (not taken from a bench set); the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_lower_pairs import field_values
from hybridllm.classifiers.name_tokens import token_lexicon


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def covered(text: str, name: str) -> bool:
    found = persons(text)
    return all(any(part in p for p in found) for part in name.split())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a subject pair: an unlisted given name, a surname that is an everyday word, a predicate
        (
            "to whom it may concern,\n\nkaylynn walsh has rented the flat since 2020",
            "kaylynn walsh",
        ),
        # after a person's cue
        ("i am ottilie beck, tenant at the top flat. no heating since monday.", "ottilie beck"),
        # a person field in code or a record, any case
        ("why is this failing? {'first_name': 'quilla', 'age': 31}", "quilla"),
        ("sql insert: first_name='lídia', last_name='leónia'", "lídia leónia"),
        ('why does this json fail? {"name": "ignati mälk", "city": "grozny"}', "ignati mälk"),
        # a title in lower case
        ("can you email prof. szymanowska about the deadline", "szymanowska"),
        # a chat mention asked to act
        ("@lütold can you review my pr when you get a sec?", "lütold"),
        ("@oleńka, please send the invoice", "oleńka"),
        # an item between two names of a list, whatever its word
        ("the board: kowalczyk, stump and nowak signed it", "stump"),
        # a listed surname first, then kin of their own after the pair
        ("the cafe belongs to pinheiro costa and her mother", "pinheiro costa"),
        ("the farm is run by dunstan costa and their kids", "dunstan costa"),
        # a given name English knows as a word too, told something or asked to do it, or with
        # a relation after it
        ("so bruno told rose that the lease ends in may", "rose"),
        ("can you remind april to bring the forms", "april"),
        ("the one who drove us was grant, my sister's husband, in his old van", "grant"),
    ],
)
def test_lower_case_names_by_shape(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # two English words are no pair
        "can you tell me why art she loves is so abstract",
        "how can you make rose gold look brighter",
        "we ate fish soup and his sister had the salad",
        "i told will that it works now",  # a helper verb
        # a noun for a person is no surname ("Man" is one in Faker's lists)
        "summarize: a brilliant and gifted young man born into a great destiny",
        "he saw a young man in the corner of a bar and an old lady at the door",
        "we told support that the build broke",  # no given name
        # a name key whose value is a thing
        '{"name": "webpack-demo", "version": "1.0.0", "private": true}',
        "package: name: 'vue cli', author: 'the team'",
        'const config = { name: "react app", owner: "platform" };',
        # mentions of a channel, decorators, CSS rules, package scopes
        "@here can you all check the deploy",
        "@property\ndef name(self): return self._name",
        "@media screen and (max-width: 600px) { .a { color: red } }",
        "@angular/core is missing, what do i do",
        "@dataclass please explain what it does",
        # loanwords keep their accents and are everyday words by their plain form
        "my résumé mentions the café where i worked; it was naïve of me",
        # code with semicolons stays code
        "for (i = 0; i < n; i++) { sum += grid[i]; }",
        # a list of things, with no name on either side
        "we need apples, stump remover and rope",
    ],
)
def test_lower_case_text_without_names(text: str) -> None:
    assert not persons(text)


def test_a_prose_semicolon_is_no_code_line() -> None:
    """The words after ``;`` in prose reach the case-restored rules and NER; in code not."""
    from hybridllm.classifiers.name_lower import lower_sentences, restore_case
    from hybridllm.classifiers.name_tokens import TokenLexicon
    from hybridllm.classifiers.names import _words

    lex = TokenLexicon()
    for text, restored in (
        ("draft a reply to the landlord; tallqvist from their office needs the form.", True),
        ("for (tallqvist = 0; tallqvist < n; tallqvist++) { go(tallqvist); }", False),
    ):
        words = _words(text)
        out = restore_case(text, words, lex, bytearray(len(text)), lower_sentences(text))
        assert (out is not None and "Tallqvist" in out[0]) is restored, out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname, a comma and the given name, as a record's value or a list's item
        ("reviewer: nowakowska, jadwiga\nstatus: approved\nnotes: fine by me", "nowakowska"),
        ("refunds today: 30 usd to brandstetter, ulrike, 15 usd to the shop.", "brandstetter"),
        # a listed surname that is a place too, before a given name that is no English word
        ("assignee: kaya, hanspeter\npriority: high\nplease check the logs first", "kaya"),
    ],
)
def test_lower_case_surname_comma_given_name(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # a list of three or more is no inverted name
        ("is this vegan? short pasta (such as rigatoni, penne, or fusilli) and salt", "rigatoni"),
        ("our stack: ruby, rails, postgres and redis", "rails"),
        # a place before an English word
        ("we flew from kaya, then drove on", "kaya"),
    ],
)
def test_lower_case_lists_are_no_inverted_names(text: tuple[str, str]) -> None:
    sentence, word = text
    assert not any(word in p for p in persons(sentence)), persons(sentence)


def test_lower_case_inverted_name_is_one_finding() -> None:
    # one person, one placeholder: the surname, the comma and the given name together
    text = "approved by: lindqvist, marta\nnext step: ship it"
    assert "lindqvist, marta" in persons(text), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name English knows as a word, then the team the person works in
        ("as agreed on the phone with chad from accounts, the invoice is void", "chad"),
        ("so mark in payroll approved the change yesterday", "mark"),
        ("draft a reply to the vendor; garland from their legal team needs the msa.", "garland"),
        ("ok so grant from our finance team signed off", "grant"),
        # ... or what they are: a noun read first as a person
        ("two finalists: ms. okoro has ten years in retail; cody is a bootcamp graduate.", "cody"),
        # ... or their role in parentheses
        ("meeting notes: bertram (head of ops at a logistics firm) wants a demo", "bertram"),
    ],
)
def test_lower_case_given_name_by_team_or_role(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a grant from finance covers the trip", "grant"),
        ("we got the bill from accounts today", "bill"),
        ("grace is a virtue we all need", "grace"),  # no person noun
    ],
)
def test_a_determiner_makes_the_word_before_a_team_a_thing(text: str, word: str) -> None:
    assert not any(word in p for p in persons(text)), persons(text)


def test_a_name_field_of_two_words_in_no_list_spelt_like_names() -> None:
    text = "const u = { id: 7, name: 'ilvessa tormundsen', role: 'admin' }; why is role unset?"
    assert "ilvessa tormundsen" in persons(text), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "{ name: 'kube dns', port: 53 }",  # spelt as code is
        "services: [{ name: 'redis cache' }]",  # an English word
    ],
)
def test_a_name_field_of_a_service_stays_unnamed(text: str) -> None:
    assert persons(text) == set()


def test_a_last_name_field_needs_one_word_of_a_name() -> None:
    # under a first or last name's key, a short word English spells beside a name's word
    text = '{"id": 5512, "first_name": "laisani", "last_name": "ka levu", "city": "x"}'
    assert "ka levu" in [text[a:b] for a, b in field_values(text, token_lexicon())]
    # under a key that is no name's field, every word must be a name's
    text = '{"id": 5512, "owner": "ka levu", "city": "x"}'
    assert field_values(text, token_lexicon()) == []
