"""Lower-case names by the slot of their clause (name_lower_slots): the object of a verb of
people, an address (greeting or vocative), a reply header, an apposition, a work named after
its maker; and a postal block without a street (name_lower_records). Beside them, lower-case
sentences whose same slots hold words, tools or errors and must stay clean. Written for this
file (not taken from a bench set); the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def covered(text: str, name: str) -> bool:
    found = persons(text)
    return all(any(part in p for p in found) for part in name.split())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the object of a verb of people, the clause going on after it
        ("can you ask kowalczyk if the build passed?", "kowalczyk"),
        ("who is covering for brzezinska while she is out?", "brzezinska"),
        ("please send a follow-up to okonkwo at the vendor about the invoice", "okonkwo"),
        ("we should thank dubois and the whole team for the demo", "dubois"),
        ("i had a quick sync with marisol yesterday about the roadmap", "marisol"),
        # a listed name English knows only as a rare word, in the same slot
        ("who's covering for lex while he's away?", "lex"),
        # an address: a greeting, or a vocative closing a sentence spoken to someone
        ("hey ferreira, are you free at noon?", "ferreira"),
        ("translate to french: 'hi simmons, i will be late'", "simmons"),
        ("see you tomorrow, ingeborg!", "ingeborg"),
        ("thanks for everything, oyelaran.", "oyelaran"),
        # a reply header
        ("on tue, 3 mar 2025, halvard lunde wrote:\n> sounds good to me", "halvard lunde"),
        ("on 2025-01-02, tove wilder wrote:\n> fine by me", "tove wilder"),
        # an apposition: a name and its role, a role and its name
        ("ingrid solheimsvik, the night nurse, said it was fine", "ingrid solheimsvik"),
        ("is this valid? 'the tenant, oskar brzeczyszczyk, shall pay rent monthly'", "oskar"),
        ("the manager, zbigniewa, said no", "zbigniewa"),
        # a work named after its maker
        ("i prefer the kowalczyk novel to the film", "kowalczyk"),
        # a postal address without a street: a name line first, a country line last
        ("gunnhild aasvik\n\nkibæk\nnorway", "gunnhild aasvik"),
    ],
)
def test_lower_case_names_by_slot(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same slots holding words, tools and places
        "ask google if it is down",
        "can you ask python to parse this?",
        "connected to arduino and it works",
        "send it to production asap",
        "covering for lunch while they're away",
        "please reply to ticket 4432 before friday",
        "introduce me to kubernetes basics please",
        "talk to hr about it, lol.",
        # greetings and vocatives to nobody in particular
        "hi there, thanks!",
        "thanks again, everyone!",
        "sorry, guys!",
        "hi all, quick question about pandas",
        # a comma and a word closing a sentence that speaks to no one
        "my code fails with this error, sigsegv!",
        "i keep getting this error, kubelet.",
        # no name before "wrote:"
        "i wrote: hello world",
        "the user wrote: my code fails",
        # a pronoun the surname lists hold too
        "i think she is out today",
        # appositions, works and place lines of things
        "python, the language, is great",
        "however, the team, as usual, was late",
        "the client, acme corp, pays late",
        "the python book is great",
        "best places to visit\n\nparis\nfrance",
        "shipping options\n\nground\ncanada",
    ],
)
def test_lower_case_slots_without_names(text: str) -> None:
    assert not persons(text), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a curated surname that is an everyday word, after a surname cue
        ("ok and your last name? cook", "cook"),
        ("family name: baker", "baker"),
        # a rare word after a cue said of a person
        ("he named him ferrule", "ferrule"),
    ],
)
def test_lower_case_names_after_a_naming_cue(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "last name: required",
        "what's your last name? none of your business",
        "my name is irrelevant here",
        "call me back later",
        # a thing is called something too
        "the first table is called users and has ids",
        "the function is called chirptone, and it takes four inputs",
    ],
)
def test_lower_case_naming_cues_without_names(text: str) -> None:
    assert not persons(text), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the subject of a clause, before a verb of people
        ("so nunes decided to leave early", "nunes"),
        ("later, marcos signed the lease", "marcos"),
        ("biri is moving from leeds to lyon next week", "biri"),
    ],
)
def test_lower_case_subjects(text: str, name: str) -> None:
    assert covered(text, name), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # things start clauses too, before verbs things do
        "rustc needs a newer version",
        "lex is a lexer generator",
        "jasmine needs a config file",
        "so react works fine with vite",
    ],
)
def test_lower_case_subjects_that_are_things(text: str) -> None:
    assert not persons(text), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name English also knows, before a verb only people do
        ("summary: lucy presented the q3 numbers, then we broke for lunch", "lucy"),
        ("the lease is void if only maria witnessed it? asking for a friend", "maria"),
        ("can we wait until judith merges the auth refactor?", "judith"),
    ],
)
def test_lower_case_given_names_before_a_verb_of_people(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("the bill said nothing about late fees, is that legal?", "said"),
        ("once judith merges the auth refactor we can ship", "merges"),
        # "know" is a listed surname, but the one to be told comes before it
        ("let mariska know the parcel is at the post office", "know"),
    ],
)
def test_a_verb_of_people_is_no_surname(text: str, verb: str) -> None:
    assert not any(verb in p for p in persons(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("i would like to remove my kid kelly from the will. how do i do that?", "kelly"),
        ("my boss mark wants the deck by friday", "mark"),
    ],
)
def test_lower_case_given_name_after_a_relation(text: str, name: str) -> None:
    assert name in persons(text)


def test_an_auxiliary_after_a_relation_is_no_name() -> None:
    assert persons("my friend will help me move next week") == set()


def test_the_owner_of_a_lower_case_action_item_is_a_name() -> None:
    text = "actions:\n- sellier to send the revised budget\n- loring to book the venue in aarhus"
    found = persons(text)
    assert "sellier" in found
    assert "loring" in found


def test_lower_case_to_do_items_without_a_name_stay() -> None:
    text = "todo:\n- need to fix the build\n- how to install it\n- bill to the client"
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("viktória and tamara keep double-booking the big meeting room", "tamara"),
        ("i met tamara and liisa at the station", "tamara"),
    ],
)
def test_a_listed_given_name_joined_by_and_to_a_found_name_is_a_name(text: str, other: str) -> None:
    found = " ".join(persons(text))
    assert other in found, found


def test_helpers_after_and_are_no_partner() -> None:
    text = "liisa and will send it tomorrow"
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert not any("will" in f for f in found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("reminder: you have an appointment with dr buck on 1 may at 9:30", "buck"),
        ("reminder: you have an appointment with dr martin on monday", "martin"),
        ("reminder: somer, you have an appointment on 1 may at 9:30", "somer"),
    ],
)
def test_a_title_or_a_vocative_marks_a_lower_case_name(text: str, name: str) -> None:
    found = persons(text)
    assert name in found, found


def test_a_title_before_a_function_word_names_no_one() -> None:
    text = "dr the best way to do it?"
    assert persons(text) == set()
