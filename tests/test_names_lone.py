"""A lone lower-case word in no list, next to a person's predicate or cue or spelt like a name,
is a name, unless it is a misspelling of a frequent English word or code."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_lower_lone import lone_name, misspelt
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import token_lexicon


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("compare the candidates: paaske is a bootcamp graduate with two years.", "paaske"),
        ("ok so hildigard said the invoice is wrong", "hildigard"),
        # any past tense after the word (not a thing's participle, below)
        ("by the time herki reached the station, the last train had left", "herki"),
        # a US given name English knows as a word, before what a person says or does
        ("lol kim just fell asleep on the sofa with the cat on her head", "kim"),
        # "that" is no determiner: "it may be that ..."
        ("it may be too that hietland was influenced by an earlier song", "hietland"),
        ("can you ask siltala about the contract before friday", "siltala"),
        ("standup notes\nkowalczyk: the api is down again\nme: ok", "kowalczyk"),
    ],
)
def test_a_lone_unknown_word_by_a_person_cue_is_a_name(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "the one problem he hasnt been able to soilve was costs",  # solve
        "layout:\n  cols: 1\n  height: 40",  # a config key
        "are u familiar with geerlingguy.docker role for ansible?",  # a dotted identifier
        "3831 icymi: self-care and well-being tips for writers",  # a key, not a speaker's turn
        "do you know what a juanola is?",  # after a determiner: a thing
        "give me background about designing arduino based light control system",
        "the nats server needs to have jetstream enabled",
        "the proxy is transparent, i.e. it will never add any custom header",  # an auxiliary
        "the bill just arrived",  # after a determiner: a thing
        "you were helping me code my hasbro game of life project",
    ],
)
def test_misspellings_and_code_are_no_lone_names(text: str) -> None:
    assert _persons(text) == []


def test_misspelt_is_one_edit_from_a_frequent_word_and_spares_short_names() -> None:
    lex = token_lexicon()
    assert misspelt("apperach", lex) is False  # two edits from "approach": not by this test
    assert misspelt("soilve", lex)  # a letter too many
    assert misspelt("charactger", lex)
    assert misspelt("recieve", lex)  # two letters swapped
    assert not misspelt("witt", lex)  # too short to judge: a name as often
    assert not misspelt("hildigard", lex)


def test_a_misspelt_plural_is_misspelt_too() -> None:
    # the common words are Webster's entries: "service", not "services"
    lex = token_lexicon()
    assert misspelt("sergices", lex)
    assert misspelt("computres", lex)
    assert not misspelt("hildigards", lex)
    text = "which of the following sergices is selected:\n- Counseling\n- Coaching"
    assert _persons(text) == []


def test_lone_name_needs_a_person_cue_or_the_spelling_of_a_name() -> None:
    lex = token_lexicon()
    text = "hildigard wants the report filed"
    assert lone_name(text, 0, "hildigard", lex)  # a person's predicate
    for word in ("swiftui", "permaculture", "kubeconfig"):  # spelt like words of English or code
        text = f"the {word} report was filed"
        assert not lone_name(text, 4, word, lex), word
    text = "the kaarle report was filed"  # no cue, but spelt like a name: redacted
    assert lone_name(text, 4, "kaarle", lex)


def test_name_likeness_reads_names_of_many_languages_apart_from_words() -> None:
    names = ("kaarle", "hendrika", "wojciechowska", "nakamura", "gairbekov", "louzada")
    words = ("swiftui", "permaculture", "keyboard", "microservice", "tokenizer", "screenshot")
    for name in names:
        assert name_likeness(name) > 0.75, name
    for word in words:
        assert name_likeness(word) < 0, word
    assert name_likeness("Kaarle") == name_likeness("kaarle")  # case does not matter
    assert name_likeness("") == 0.0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("yesterday kaarle bought a new car for the trip", "kaarle"),
        ("we need to send the signed lease to louzada by friday", "louzada"),
        ("please forward this thread to gairbekov before the review", "gairbekov"),
        # spelt like a name a little less (a likeness of 0.75 to 1.1)
        ("yesterday zakarka bought a new car for the trip", "zakarka"),
        ("the parcel for salvinu is at the post office", "salvinu"),
    ],
)
def test_an_unlisted_word_spelt_like_a_name_needs_no_cue(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "i keep getting this wierd error when i run the script",  # a typo of "weird"
        "the usng statement disposes the stream",  # a typo of "using"
        "pls fix hdjkhj asap the build is red",  # a keyboard run, no vowel
        "how do i add a swiftui view to a uikit app",  # spelt like a word
        "add a comment # 将id转为token to the function",  # not Latin letters
    ],
)
def test_typos_keyboard_runs_and_other_scripts_are_no_names_without_a_cue(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("you can reach hendrika: 06 1234 5678 after six", "hendrika"),
        ("the winner was kaarle: 'i did not expect it' he said", "kaarle"),
    ],
)
def test_a_word_spelt_like_a_name_before_a_colon_is_no_key(text: str, name: str) -> None:
    assert name in _persons(text)
    assert name not in redact(text).text


def test_keys_spelt_like_words_before_a_colon_stay_keys() -> None:
    assert _persons("in the yaml set maxretries: 3 and pagesize: 50") == []


def test_names_do_not_make_an_english_sentence_foreign() -> None:
    # Five unlisted words spelt like names would make most of its unlisted words "not English".
    text = "kaarle hendrika and louzada ostendarp visited trzebiatów and szczecinek with gairbekov"
    found = " ".join(_persons(text))
    for name in ("kaarle", "hendrika", "louzada", "ostendarp", "gairbekov"):
        assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        "coloque em uma tabela os dados de vendas por regiao",
        "ich habe keine ahnung wie das funktioniert bitte hilf mir",
    ],
)
def test_other_languages_stay_other_languages(text: str) -> None:
    assert _persons(text) == []


_ENGLISH_LEAD = (
    "Translate this for the staff, keep it short and plain, and check the grammar twice. "
    "The message below came from our team lead and we need it in English before Monday.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "podría haber un error en la conexión o en la clave de la cuenta",
        "kannst du mir weitere coole midjourney prompts kreieren, anbei ein paar beispiele",
        "me ne tmhe kae dafa kaha h k pehle ek dafa list bana lo kal k tasks ke roz",
        "propose moi un sommaire possible pour ce livre qui devrais contenir envrions",
    ],
)
def test_a_foreign_line_in_an_english_prompt_holds_no_lower_case_name(line: str) -> None:
    # The text is English as a whole, so its lower-case lines are read for names; a line in
    # another language has no English words around its unknown ones to tell a name apart.
    assert _persons(_ENGLISH_LEAD + line + "\n") == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # short lines of foreign words (a postal record, a sign-off) keep the text's verdict
        ("i am hleb tikhonov, tenant at rodovia rua vinte e um 705.", "hleb tikhonov"),
        ("author: katriina karvinen <szabina.gelencser@example.co.uk>", "katriina karvinen"),
        # an English line naming people with foreign names stays English
        ("so kaarle told hendrika that the invoice from the supplier was wrong again", "kaarle"),
    ],
)
def test_short_or_english_lines_of_an_english_prompt_keep_their_names(line: str, name: str) -> None:
    assert name in " ".join(_persons(_ENGLISH_LEAD + line + "\n"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("subject: re: invoice\n\ntalay, i have checked with accounts", "talay"),
        ("reminder: gudmanda, you have an appointment on monday", "gudmanda"),
        ("shortlisted: 1. aukusti kauhanen 2. kalevi uljas 3. marjaana madetoja", "kalevi uljas"),
        # a given name that English knows too, addressed at a line start
        ("re: the lease\n\nstella, you left your keys at the front desk", "stella"),
    ],
)
def test_vocatives_and_numbered_items_in_lower_case_are_names(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "imho, you should try it",
        "iirc the docs say so",
        "folks, we ship on friday",  # a way to address people, no name
        "the rule is: stella, you know, is a beer",  # not at a line start
    ],
)
def test_chat_abbreviations_are_no_names(text: str) -> None:
    assert _persons(text) == []


def test_a_relation_in_apposition_marks_a_lower_case_name() -> None:
    text = "in 1974 it was erdin, my mother's cousin, who lent them the money for the boat."
    assert "erdin" in _persons(text)
    assert _persons("the code, my friend, is broken") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "call summary: bertram (head of ops at lumenfield legal ltd) is comparing us with two"
            " other vendors. main concern is onboarding time. orale to send a case study.",
            "orale",
        ),
        ("next steps: wiremu to follow up with legal about the contract", "wiremu"),
    ],
)
def test_an_action_items_owner_in_lower_case_is_a_name(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "how to send an email with python and smtplib",
        "i want the script to send emails every morning",
        "we need someone to review the draft before friday",
    ],
)
def test_a_thing_or_a_pronoun_to_do_something_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a cue or a possessive before or after a word spelt as code is, not as a name
        ("# uncomment this if you don't like systemctl's auto-paging feature", "systemctl"),
        ("with fluxcd would i have the pipeline write to a github repo?", "fluxcd"),
    ],
)
def test_a_word_spelt_as_code_is_no_name_whatever_its_cue(text: str, word: str) -> None:
    found = get_classifier().classify(text).findings
    assert not any(word in text[f.start : f.end] for f in found)


def test_a_rare_name_with_a_cue_stays_found() -> None:
    # spelt unlike most names (a name likeness below zero) but not like code
    text = "can you ask sonoka about the invoice"
    found = get_classifier().classify(text).findings
    assert "sonoka" in [text[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("subletting question: i want algel to take my room over the summer.", "algel"),
        ("shoutout to arcely from the it desk who fixed my laptop in ten minutes", "arcely"),
        ("can you help me reply to ondrasek about the invoice", "ondrasek"),
        ("drinks on friday, organised by tavrenka. what should i bring?", "tavrenka"),
        ("a birthday party hosted by yeri at her place on sunday", "yeri"),
        ("my ex, erisa, and i are writing a parenting plan", "erisa"),
        ("our neighbour tavrenka keeps parking in front of our gate", "tavrenka"),
    ],
)
def test_a_word_after_a_message_or_a_wish_addressed_to_someone_or_by_whom(
    text: str, name: str
) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed surname that is no English word, after a cue or spelt like a name: the same
        # rule as a word in no list (a listed name is no weaker evidence than an unknown word)
        ("shoutout to dragomir from stonebridge property management who fixed my sink", "dragomir"),
        ("send the lease to fazzari before noon please", "fazzari"),
    ],
)
def test_a_lone_listed_surname_reads_as_an_unknown_word_does(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a pronoun of a person after the word: people are written about
        ("i think selamaj forgot the keys again, can you remind him tonight?", "selamaj"),
        # a person's role among the two words before it
        ("hiking trip to the coast, leader kuku noabeb, bring water.", "kuku noabeb"),
        ("please book the room for 3pm, the surname is selamaj", "selamaj"),
    ],
)
def test_a_word_spelt_less_like_a_name_where_people_are_written_about(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "what if multiple sensors are connected to arduino and how can we monitor them?",
        "write an introduction on predicting brugada syndrome without ajmaline. the model",
    ],
)
def test_words_spelt_less_like_names_with_no_people_about_stay(text: str) -> None:
    assert _persons(text) == []
