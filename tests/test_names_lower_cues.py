"""Rules 12-15 (:mod:`hybridllm.classifiers.name_lower_cues`): a naming cue that closes a clause,
later mentions of a found name, a relative pronoun of people and an honorific, with the
everyday text beside them that must stay clean. Written for this file; the real classifier
runs every case."""

from __future__ import annotations

import re

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def covered(text: str, name: str) -> bool:
    """Whether every mention of ``name`` in ``text`` is inside a PERSON finding."""
    c = get_classifier().classify(text)
    spans = [(f.start, f.end) for f in c.findings if f.entity_type == "PERSON"]
    at = [m.start() for m in re.finditer(re.escape(name), text)]
    return bool(at) and all(any(a <= i and i + len(name) <= b for a, b in spans) for i in at)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed name that is an everyday word, after a cue said of a person
        ("honestly my boss keeps saying her maiden name is benn", "benn"),
        ("she told me her real name was mora", "mora"),
        # a short name and a name with a particle, closing the clause
        ("ok and what's your last name? li", "li"),
        ("what's your last name? lo bue, i think", "lo bue"),
        # letters English does not use: not the plain word "jap"
        ("sometimes people call me jåp", "jåp"),
        ("my friends call me şölə", "şölə"),
        # a given name that is a word too, after "call me"
        ("you can just call me cherry.", "cherry"),
        # rule 13: the surname again, after a full name or a title
        ("i recommend fjólar otrason for the role. otrason worked in my lab", "otrason"),
        ("she reported to mrs. otoniel for years. the team saw otoniel as dependable.", "otoniel"),
        # rule 14: the word before a relative pronoun of people
        ("pls summarise for üüve who missed standup", "üüve"),
        ("the refund goes to kallweit, whose card expired", "kallweit"),
        ("we still owe szabelka whom we hired in may", "szabelka"),
    ],
)
def test_named(text: str, name: str) -> None:
    assert covered(text, name), (text, persons(text))


@pytest.mark.parametrize(
    "text",
    [
        "can you call me back tomorrow?",
        "pls call me later, i'm driving",
        "call me crazy but i think the test is flaky",
        "the last name: required field is missing",
        "what's the name? string or int",
        "i had amber lamb for dinner. amber is my favourite colour",
        "users who signed up yesterday can't log in",
        "i need a javafx dev who knows css",
    ],
)
def test_clean(text: str) -> None:
    assert not persons(text), text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name that is a word too, where only people stand (cased, each is a name)
        ("me and hope went to the park after work", "hope"),
        ("i met sandy at the bakery this morning", "sandy"),
        ("cc amber on the thread please", "amber"),
    ],
)
def test_a_lower_case_given_name_that_is_a_word_in_a_persons_place(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # an everyday word with a person's verb only after it, or after "i am"
        "the wise man only said maybe, and the villagers went home",
        "i am young at just 18 years old and want a job in qa",
        "i hope you are well and the release went fine",
    ],
)
def test_everyday_words_there_stay_words(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a double name in lower case counts by its parts (no part an everyday word)
        ("write a follow-up email to satu-maria after our demo; she liked it", "satu-maria"),
        ("employee: kaya, karl-heinz\nmanager: kraus, tülay", "karl-heinz"),
        ("we have a reservation under mccabe-mcshane.", "mccabe-mcshane"),
        ("ai: franco-cardenas to book rooms in cali.", "franco-cardenas"),
        # an elided particle before a name ("o'", "d'", "n'")
        ("please email d'souza about the invoice before friday.", "d'souza"),
        ("can you ask o'loughlin to send the deck?", "o'loughlin"),
    ],
)
def test_lower_case_double_names_are_found(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # compounds of everyday words stay words
        "write a follow-up email to the team after our demo",
        "we have a reservation under non-smoking rooms.",
        "please send the e-mail to well-known vendors",
        "we meet at 9 o'clock, y'all, don't be late",
    ],
)
def test_lower_case_compounds_of_words_are_no_names(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a chat mention before the first word does not make a lower-case sentence a cased one
        ("@channel reminder that approvals go to gleny alania this week.", "gleny alania"),
        ("@here quick one: please send the deck to idowu okafor by noon", "idowu okafor"),
    ],
)
def test_lower_case_sentence_after_a_chat_mention(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


def test_a_chat_mention_alone_is_no_name() -> None:
    assert persons("@channel reminder that the build is green again, thanks all") == set()


def test_lower_case_one_word_name_in_a_person_object_is_found() -> None:
    text = '[{"name": "muammer", "age": 34}, {"name": "meyrem", "age": 29}]'
    assert covered(text, "muammer"), persons(text)
    assert covered(text, "meyrem"), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "muammer-app", "version": "1.0.2", "private": true}',
        '{"name": "settings", "age": 34}',
        '{"name": "webpack", "description": "a bundler"}',
    ],
)
def test_lower_case_name_keys_of_things_stay_clean(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a person's field in lower case, as the cased rule reads it (name_company.FIELD)
        ("2024-05-02t11:03:17z warn payments: refund (id=88231), approved_by=hanna", "hanna"),
        ("**reviewer:** boma mary-odeh\n**due:** friday", "boma mary-odeh"),
    ],
)
def test_lower_case_person_fields_are_found(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


def test_lower_case_person_fields_of_bots_and_roles_stay_clean() -> None:
    text = "agent: bot\ncreated_by=dependabot\nassignee: unassigned, approved_by=admin"
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("agent (kara): thanks for holding.\ncustomer: sure, it's 4471.", "kara"),
        ("interviewer (sam): tell me about yourself.\ncandidate: i studied physics.", "sam"),
    ],
)
def test_lower_case_speaker_after_their_role_is_found(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


def test_a_role_with_a_note_in_brackets_is_no_speaker() -> None:
    assert persons("agent (bot): thanks for holding.\nsystem (auto): queue is empty.") == set()


@pytest.mark.parametrize(
    "text",
    [
        # a listed surname the rules capitalised in a lower-case sentence stands against a
        # one-word "organisation" label of NER, as it does in cased text
        "this song by ex-zombie conley is a perfect example of why order does not matter.",
        "this track by ex-nirvana conley is a perfect example of the genre.",
    ],
)
def test_lower_case_listed_name_stands_against_a_one_word_ner_label(text: str) -> None:
    assert covered(text, "conley"), persons(text)


def test_lower_case_place_of_two_words_stays_a_place() -> None:
    # the entity holds a word the rules did not capitalise: NER's place label stands
    text = "write a credit proposal for a hong kong local seafood trading company"
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("approved, signed off by mr sham on 30/06.", "sham"),
        ("can you ask mrs green whether the refund went through", "green"),
        ("pls forward this to mr. field before friday", "field"),
    ],
)
def test_lower_case_word_after_mr_or_mrs_is_a_surname(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "open the file in ms word and save it as pdf",  # "ms": Microsoft
        "i miss home so much these days",  # "miss": a verb
        "mr said he would call back",  # a verb of people after the title: no surname
        "print(mr + 1)  # mr is the merge request count",  # code
    ],
)
def test_no_surname_after_ms_miss_or_before_a_verb(text: str) -> None:
    assert not persons(text)
