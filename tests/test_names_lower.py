"""Lower-case names (chat style) and naming cues, with the ordinary lower-case text beside them
that must stay clean. Written for this file; the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can u ask maria lopez about the refund", "maria lopez"),
        ("maybe it's under giles théorêt", "giles théorêt"),
        ("ok so thad johnson never answered the ticket", "thad johnson"),
        ("lol told ingeborg the build is red again", "ingeborg"),
        ("i'm so jealous! said liisa to kaarle", "kaarle"),
        ("she named him thorfast", "thorfast"),
        ("my name is utto flater and i need a new card", "utto flater"),
        ("for my take on ms. haynes, see the list", "haynes"),
        ("Sometimes people call me Lokki", "Lokki"),
        # Case restored: the cased rules and NER read a copy with the name words capitalised.
        ("we should invite wiremu tane to the retro", "wiremu tane"),
        ("heikki ojala lives at 12 harbour road", "heikki ojala"),
        ("the panel was chaired by oluwaseun adebayo last year", "oluwaseun adebayo"),
        ("> \n> ingeborg vatnedal\n> 44 fjordgata", "ingeborg vatnedal"),
        # a line that is a name alone, in any language; a surname that is also a word
        ("> \n> ostrava kovo\n> imani brandsma\n> 12 nábřeží", "imani brandsma"),
        ("name:    vendula kafka\naddress:    lazna 316", "vendula kafka"),
        # one unknown word after a speech cue
        ("ok whatever, said odulvo to the group", "odulvo"),
        # a listed name that is also an everyday word, right after a naming cue
        ("she named him marcel", "marcel"),
        # a given name + surname before an English person's verb, in non-English surroundings
        ("petronella haldorsen lives at 12 storgata, tromsø", "petronella haldorsen"),
        # a code comment is prose, its owner's mark too
        ("# todo(kasia): remove this shim once wróblewski merges the parser fix", "wróblewski"),
        ("// fixme(ola): revert once jaros merges the fix", "jaros"),
        # a short Czech surname without a vowel stays a name
        ("can you ask hrb about the invoice", "hrb"),
    ],
)
def test_lower_case_and_cued_names_are_found(text: str, name: str) -> None:
    assert any(name in p or (p in name and len(p) > 3) for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "what if multiple sensors are connected to arduino and how can we monitor them",
        "// lock is not held, do nothing",
        "# keep this until the cache warms up\nx = load(cfg)",
        "# todo: call parse(x) once the lexer merges tokens",
        # an abbreviation has no vowel; a key before a block of code is no speaker
        "void reset(void)\n{\n /* mptcp can't tell us to drop reset pkts,\n  * so ignore it */\n}",
        "System.register([], function (e) {\n  return {\n    setters: [\n      function (m) {}\n",
        "qualities for ceo(in english)",
        "what is the age of puberty according to islam",
        "ni ke yi shuo zhong wen ma?",
        "call me maybe when the build is done",
        "call me crazy but i like tabs",
        "me and my wife will be travelling from pune",
        "please add the will and the bill to the folder",
        "if x > 0: y = elif_count + sys_total",
        "give me good synonms for explane and more",
        "coloque os dados em uma tabela por favor",
        "gridlayout:\n cols: 1\n rows: 2\n spacing: 10",
    ],
)
def test_ordinary_lower_case_text_has_no_person(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a person's predicate after words the lists know weakly or not at all
        ("wenzel had given ottavia her keys back by then", "ottavia"),
        ("so tin is a really stubborn person, honestly", "tin"),
        ("ysolde spent a year in porto before the move", "ysolde"),
        ("then quirina told us the release slipped", "quirina"),
        ("i think that is bartek's kid in the photo", "bartek"),
        # a role or relation before the name
        ("the play is directed by oskar wendt and starring lindqvist", "lindqvist"),
        ("she worked as the assistant to gunnar ormond for a year", "gunnar ormond"),
        # a group of people, then a list of them
        ("the band has four members: okafor, lindqvist and haynes.", "okafor"),
        # an address block in any language; a title
        ("> \n> jorunn vatne\n> 17 kaigata\n> bergen", "jorunn vatne"),
        ("mrs. brennan\n\n4 quay lane\n apt. 2", "brennan"),
        ("ms. ilonká várgedi apt. 3 17 fő utca", "ilonká várgedi"),
        # an everyday cue before a given name + surname; a greeting
        ("pls cc greta holmqvist on the reply", "greta holmqvist"),
        ("hi odalys,\nthe invoice is attached", "odalys"),
    ],
)
def test_lower_case_names_marked_by_their_context(text: str, name: str) -> None:
    assert any(name in p or (p in name and len(p) > 3) for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same cues around things, not people
        "according to the story told by the narrator, it rained",
        "the team members are design, marketing and sales.",
        "python is a very popular language and numpy is fast",
        "this is from the docs: the config had given up",
        "the album was produced by a small studio in leeds",
        "hello world!",
        "translate this from spanish to english with mark down",
    ],
)
def test_context_cues_around_things_are_not_names(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a middle initial; a record's fields; a chat log's speakers; a list around a name
        ("the ticket went to ottilie k. brandvold yesterday", "ottilie k. brandvold"),
        ("author: quirin haselbeck <q.h@example.org>\ndate: monday", "quirin haselbeck"),
        ("standup\nysolde: build is red\ntomas: on it\nysolde: thx", "ysolde"),
        ("seats. row 1: mrs. okafor, wenzeslaus, ilka brandt; row 2: empty", "wenzeslaus"),
        ("haselbeck and quirinius co-founded a bakery in graz", "haselbeck"),
    ],
)
def test_lower_case_names_in_records(text: str, name: str) -> None:
    assert any(name in p or (p in name and len(p) > 3) for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "the story c. novel is long",
        "config:\nmode: fast\nlevel: high\nmode: slow",
        "fruit: apples, pears and plums",
    ],
)
def test_record_shapes_without_names_are_clean(text: str) -> None:
    assert persons(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a numbered list item is a line with a name alone, as a bulleted one is
        ("2. fausto calabrese", "fausto calabrese"),
        # an aside in brackets after the name
        ("attendees:\n1. ruriko terada (bluepeak analytics)\n2. dr. fedorov", "ruriko terada"),
        # a signature block: a given name and an unknown surname, a role after a comma
        ("signed below.\n\n__________\nanna lyberth, ceo\n", "anna lyberth"),
    ],
)
def test_a_name_alone_on_a_list_or_signature_line(text: str, name: str) -> None:
    assert name in persons(text)


def test_numbered_steps_are_no_names() -> None:
    assert persons("1. install python 3.11\n2. run pip install\n3. open the shell") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a lone word in no list, written with letters outside ASCII, that the cased rules take
        # for a name once capitalised: it counts (English slips and code words are ASCII)
        ("the švéd border force have detained two men", "švéd"),
        # one word next to another name, in a list: it counts too
        ("ceos this year include kädi kink of northwind and zoe lamb", "kädi"),
    ],
)
def test_lone_restored_words_that_count(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # unknown ASCII words in lower-case chat: typing slips, product and code words
        "do you know deepstreem pipelines?",
        "can you please dexcribe the application fitazfk, as a pt",
        "can I run checkmarx in command line?",
        "use nbeats from darts to create class forecasts",
    ],
)
def test_lone_restored_ascii_words_do_not_count(text: str) -> None:
    assert persons(text) == set()


def test_code_is_read_per_sentence_of_a_line() -> None:
    from hybridllm.classifiers.name_lower_context import code_line

    text = "blame says odeta grinholc wrote this in 2019. why does re.match(p, s) fail?"
    assert not code_line(text, text.index("grinholc"))
    assert code_line(text, text.index("fail"))
    assert code_line("x = load(cfg)  # by odeta", 0)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a bare role before a modal is the clause's subject, not a name
        ("when the spin meets the criteria the employee will benefit via discounts", set()),
        ("the tenant may sign the lease once the deposit clears", set()),
        # a role's field or "assigned to" before a given name that is a modal too
        ("reporter: will\nstatus: open", {"will"}),
        ("assigned to will, please check the logs", {"will"}),
    ],
)
def test_a_modal_after_a_bare_role_is_no_name(text: str, found: set[str]) -> None:
    assert persons(text) == found
