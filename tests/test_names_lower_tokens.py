"""Lower-case names by their own tokens (rules 10-11 of name_lower_tokens), beside the ordinary
lower-case text with name-list words in it that must stay clean. Written for this file; the
real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # rule 10: a pair whatever the sentence around it says
        ("the quarterly numbers went to dieterich schulz and nobody else", "dieterich schulz"),
        ("best paper award went to rosa-maria kurth this time", "rosa-maria kurth"),
        ("the new lead on the bridge project is aislinn de meer i think", "aislinn de meer"),
        ("we keep mixing up zorvina kowalczyk and the other trainee", "zorvina kowalczyk"),
        ("the invoice went to napóleon orosz instead", "napóleon orosz"),
        # rule 11: a lone listed name that is no English word
        ("can someone cover the late shift for veikko tomorrow", "veikko"),
        ("the quote from horváthová arrived after lunch", "horváthová"),
        ("the draft is with giovanni until friday", "giovanni"),
        # a word in no list with a letter English does not use
        ("the keys are still with bogdanović at the front desk", "bogdanović"),
        # a surname that is a rare word before a surname that is none
        ("please add juno kowalczyk to the thread", "juno kowalczyk"),
        # a short line of few English words: the words spelt like names say nothing of its
        # language
        (
            "relay results: eastbrook 2 (runners: wyszomira romanowska, białasek), westbrook 1"
            " (świerczyńska)",
            "świerczyńska",
        ),
    ],
)
def test_lower_case_names_by_their_tokens(text: str, name: str) -> None:
    assert any(name in p or (p in name and len(p) > 4) for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # two-letter words are in the census lists; English words are no surnames of a pair
        "it should be able to run as well as before",
        "make a gantt chart and a johari window for the team",
        "can you run checkmarx on this repo",
        "will contatn be fixed in the next release",  # an everyday given name + a typo
        # inflections of English words that the census lists as surnames
        "the seeders and the leechers share the wilds of the network",
        "this song is kind of janky and trippy",
        # a programming keyword that is also a given name
        "if x > 1: print(x)\nelif x < 0: print(-x)",
        # a module of a dotted path
        "can you explain this view\n from rsvp.rudolph import get_people, main",
        # not English: the lists say nothing about lower-case words there
        "por favor coloque em uma tabela os valores de compra e venda",
        # loanwords keep their accents and are vocabulary words by their plain form
        "we had a café au lait and talked about the naïve résumé",
    ],
)
def test_ordinary_lower_case_text_stays_clean(text: str) -> None:
    assert not persons(text), persons(text)
