"""Person names: token kinds, naming contexts, lists, and what must stay unflagged.

Every sentence here is written for this file (none is from bench/data), and runs through the real
classifier (token lists + spaCy NER on candidate windows).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import make_client

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy


def persons(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("Daniel", Kind.NAME),  # Faker's lists
        ("Fenstermacher", Kind.NAME),  # US Census 2010 surnames
        ("Horiguchi", Kind.UNKNOWN),  # in no list: an unknown proper noun
        ("Vilmundína", Kind.UNKNOWN),
        ("Đurđa", Kind.UNKNOWN),  # not folded into an English word
        ("Olli-Pekka", Kind.NAME),
        ("Mark", Kind.AMBIGUOUS),  # a name and an everyday word
        ("Austin", Kind.AMBIGUOUS),  # a name and a city
        ("Kubernetes", Kind.WORD),
        ("Summarise", Kind.WORD),  # British spelling of a listed word
        ("ModuleNotFoundError", Kind.WORD),  # code identifier
        ("ClickUp", Kind.WORD),
        ("I've", Kind.WORD),
        ("Lonnieborough", Kind.WORD),  # town-shaped
        ("Northwind", Kind.WORD),  # two everyday words run together
        ("Toronto", Kind.WORD),  # a city, not a first name
        ("Patient", Kind.WORD),  # a title
        ("Co-Founder", Kind.WORD),
        # accents the list entry lacks: the name ("Silvio", "Marques"), not the English word
        ("Sílvio", Kind.NAME),
        ("Marqués", Kind.NAME),
        ("Café", Kind.WORD),  # a loanword: its plain form is an everyday word, no given name
        ("károlyi", Kind.UNKNOWN),  # lower case keeps the stronger lower-case verdict
    ],
)
def test_token_kinds(token: str, kind: Kind) -> None:
    assert token_lexicon().kind(token) is kind


@pytest.mark.parametrize(
    ("word", "slip"),
    [
        # an English word of 8+ letters with two letters swapped or one left out
        ("downlaod", True),
        ("univeristy", True),
        ("succesfully", True),
        # one letter too many, from 9 letters
        ("japansese", True),
        ("kurbernetes", True),
        ("annaheim", False),  # 8 letters: names sit there ("abrahaam", "sighmund")
        # a substituted letter is not read as a slip: names sit there ("javelin", "betting")
        ("janelin", False),
        ("bettine", False),
        ("sylwester", False),
        ("eistein", False),  # shorter words are one slip from too many names
    ],
)
def test_typing_slips_of_long_words(word: str, slip: bool) -> None:
    assert token_lexicon().slip(word) is slip


def test_lower_case_words_spelt_as_no_name_is_are_no_names() -> None:
    # a word in no list whose letters no name has ("fdisk", "rnumber"); "kaarle" is spelt so
    assert persons("fdisk is not allowed on this box") == set()
    assert persons("set rnumber random-normal 50 5") == set()
    assert persons("i'm so jealous! said liisa to kaarle") == {"liisa", "kaarle"}


def test_typing_slips_in_chat_are_no_names() -> None:
    # capitalised, a lone slip is an ordinary word; after a given name it stays a surname
    assert persons("The World's Worst Translator | Alternatino") == set()
    assert persons("Mark Assisant will call you back") == {"Mark Assisant"}
    assert persons("the problem i have succesfully downlaod but how can i save them") == set()
    assert persons("who is the scholar at jadavpur univeristy") == set()
    assert persons("ask janelin about the invoice") == {"janelin"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # runs of listed or unknown capitalised words
        (
            "Please forward the signed lease to Chiamaka Nwachukwu before Friday.",
            "Chiamaka Nwachukwu",
        ),
        ("The panel was chaired by Tevita Fifita and lasted an hour.", "Tevita Fifita"),
        ("Escalate to Oyunbileg B. Tserendorj if the refund is late.", "Oyunbileg B. Tserendorj"),
        # one word at a sentence start before a person's verb or a vocative comma
        ("Tsetseg is very reliable, you can count on her.", "Tsetseg"),
        ("Kawira, could you send me the slides?", "Kawira"),
        # one word mid-sentence before a person's verb / after a person's cue
        ("After the demo Ngozi raised two concerns about pricing.", "Ngozi"),
        ("Please say thanks to Wirihana.", "Wirihana"),
        # naming contexts
        ("INSERT INTO users (first_name) VALUES ('x'); first_name='Mahlet'", "Mahlet"),
        ("# TODO(Bolat): remove the retry once the API is fixed", "Bolat"),
        ("first_name: Tsetseg\nlast_name: Oyuunchimeg\nrole: admin", "Oyuunchimeg"),
        ("assignee: Chidubem Eze\npriority: high", "Chidubem Eze"),
        ("@Saoirse can you review my PR?", "Saoirse"),
        ("Tupac: the build is green\nIngrid: merging now", "Ingrid"),
        ("ms. Aroha asked for a callback", "Aroha"),
        # lower-case listed first names in a person's context (chat)
        ("hey can u ask wojciech if the deploy is done?", "wojciech"),
        ("lol giuseppe just replied-all to the whole company", "giuseppe"),
        ("Dear Mrs. O'Donoghue, thank you for your letter.", "O'Donoghue"),
        ("Reporter: Mr. van den Broek", "van den Broek"),
        # Azerbaijani and Turkish letters: the schwa, the dotted capital I
        ("The tenant, Nərgiz Hüseynzadə, has paid the deposit.", "Nərgiz Hüseynzadə"),
        ("Please send the contract to İrem Yıldızoğlu today.", "İrem Yıldızoğlu"),
        # accents English keeps from no loanword: not the rare word the plain spelling is
        ("Please talk to Sáron Szondi today.", "Sáron Szondi"),
        # a Hungarian or Croatian surname in -ics is no English derivation in -ics
        ("Please forward it to Kristofics before noon.", "Kristofics"),
    ],
)
def test_names_from_many_cultures_and_contexts(text: str, name: str) -> None:
    assert name in persons(text)


def test_list_items_next_to_a_name_are_names() -> None:
    text = "The board: Adebayo, Baker and Gray signed the minutes."
    assert {"Adebayo", "Baker", "Gray"} <= persons(text)


def test_possessive_is_not_part_of_the_name_and_repeats_are_found() -> None:
    text = "Review Tiihonen Aaltonen's draft; Tiihonen's manager asked for it."
    found = persons(text)
    assert "Tiihonen Aaltonen" in found
    assert "Tiihonen" in found
    assert not any(v.endswith("'s") for v in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed name in the possessive mid-sentence is listed all the same: NER is asked
        ("Prof. Okafor asked me why Benjamin's chemistry grade dropped.", "Benjamin"),
        ("Please forward the notes to Clarissa's assistant before noon.", "Clarissa"),
    ],
)
def test_a_listed_name_in_the_possessive_is_a_candidate(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "ModuleNotFoundError: No module named 'requests' when I run pytest.",
        "I've tried Supabase and Vercel; which is cheaper for a side project?",
        "Fax: 555-0100\nPhone: 555-0101",
        "Our data team at Initech wants to adopt Rust. What should the plan be?",
        "Write SQL that counts orders per store in Adelaide, Bristol and Austin.",
        "Compare Northwind Freight and Bluepeak Logistics on delivery times.",
        "Summarise the attached notes from the Lonnieborough General board meeting.",
        "Use @dataclass and @JsonProperty in the examples.",
        "owner: root\ngroup: wheel\nmode: 0644",
        "can you ask will if the mark on the rose bed is new?",
    ],
)
def test_no_person_in_ordinary_prompts(text: str) -> None:
    assert persons(text) == set()


def test_names_the_lists_do_not_hold_never_reach_the_cloud(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    """Through the Client: the cloud sees placeholders, the reply gets the names back."""
    names = ["Chiamaka Nwachukwu", "Tsetseg", "Khasanbek", "Mahlet", "Wirihana"]
    messages = [
        {"role": "system", "content": "You write short, polite replies."},
        {
            "role": "user",
            "content": (
                "Meeting notes. Chiamaka Nwachukwu presented the roadmap. Tsetseg is out today.\n"
                "# TODO(Khasanbek): move the import\nfirst_name='Mahlet'\n"
                "Please say thanks to Wirihana. Summarise in one line."
            ),
        },
    ]
    local, cloud = llama_server.base_url, recording_cloud.base_url
    with make_client(local_url=local, cloud_url=cloud, audit_path=tmp_audit_path) as client:
        r = client.complete(messages, max_tokens=8)
    assert r.route == "cloud"
    sent = recording_cloud.bodies_text()
    assert recording_cloud.requests
    for name in names:
        for part in name.split():
            assert part not in sent
    assert "[PERSON_1]" in sent
    assert r.redacted_count >= len(names)


def test_a_mailbox_display_name_is_a_name() -> None:
    # the address spells another name: the mailbox format alone says whose it is
    text = "Reviewed-by: Alexa Travis <kim.berg@example.org>\nFrom: Support Team <help@x.example>"
    assert persons(text) == {"Alexa Travis"}
    assert persons("Contact Jane Roe <jr@example.org> today.") == {"Jane Roe"}


def test_an_age_in_apposition_marks_a_name() -> None:
    assert persons("Herb Carver, 54, was named chief executive on Tuesday.") == {"Herb Carver"}
    assert persons("In Chapter Two, 14, the hero dies.") == set()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # an unlisted name spelt half like one, met or talked with: NER's "organisation"
        # needs other support
        ("// see the discussion with Haslinda in March before changing it", {"Haslinda"}),
        ("Summarise my meeting with Kartini on Friday.", {"Kartini"}),
        # companies spelt as words and brands are
        ("We had a meeting with Deloitte about the audit.", set()),
        ("Schedule a call with Accenture next week.", set()),
    ],
)
def test_met_or_talked_with_someone(text: str, found: set[str]) -> None:
    assert persons(text) == found
