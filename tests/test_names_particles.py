"""A listed given name with surname particles or a hyphenated given name is settled by the
lists (no NER call), and a greeting word or a cue verb before a name ("Morning Niko", "Ask Maria
Lopez") is no part of it. A lone surname after its particle, a given name that is an English
word too after a person's cue, and the word after a dated chat stamp need no NER call either."""

from __future__ import annotations

from tests.helpers import persons as _persons
from tests.helpers import windows_sent as _windows_sent


def _persons_and_windows(text: str) -> tuple[list[str], list[str]]:
    """The PERSON spans of ``text`` and the NER windows the classifier sent for it."""
    with _windows_sent() as seen:
        persons = _persons(text)
    return persons, seen


def _found_without_ner(cases: list[tuple[str, str]]) -> None:
    """Each name is found in its text, and no NER window was asked about it."""
    for text, name in cases:
        persons, seen = _persons_and_windows(text)
        assert name in persons, (text, persons)
        assert not any(name in w for w in seen), seen


def test_given_name_particles_surname_is_one_name_without_ner() -> None:
    _found_without_ner(
        [
            ("Ticket opened by Ana da Silva; assigned to the billing team.", "Ana da Silva"),
            ("Please loop in Maria van der Berg before Friday.", "Maria van der Berg"),
            ("Minutes taken by Pieter de Vries, approved by the board.", "Pieter de Vries"),
        ]
    )


def test_particles_need_a_capitalised_word_after_them() -> None:
    text = "Maria de facto runs the project; Ana da capo plays the piece again."
    persons = _persons(text)
    assert not any("facto" in p or "capo" in p for p in persons), persons


def test_hyphenated_given_name_is_listed() -> None:
    text = "Amy-leigh Paterson: can you check the VPN client?"
    persons, seen = _persons_and_windows(text)
    assert "Amy-leigh Paterson" in persons, persons
    assert seen == [], seen


def test_a_greeting_word_is_no_part_of_the_name_it_greets() -> None:
    text = "Kasey Young: Morning Nazhmuddin, can you check the mobile app?"
    persons = _persons(text)
    assert "Nazhmuddin" in persons, persons
    assert not any("Morning" in p for p in persons), persons
    assert _persons("The Evening Standard and the Morning Star reported it.") == []


def test_a_cue_verb_at_a_sentence_start_is_no_part_of_the_name() -> None:
    for text, name in [
        ("Ask Maria Lopez about the invoice.", "Maria Lopez"),
        ("Tell Maria Lopez the deal is off.", "Maria Lopez"),
        ("Email Kwame Mensah today.", "Kwame Mensah"),
        ("Dear Hélène Okafor, your recovery plan is attached.", "Hélène Okafor"),
        ("Ask Mirela Vrhovac. Budget talks start Monday.", "Mirela Vrhovac"),
        # before a surname in no list too: the redacted prompt keeps its verb
        ("Ask Kowalczyk about it.", "Kowalczyk"),
        ("Tell Ostrowski the news.", "Ostrowski"),
        ("Call Parnell before noon.", "Parnell"),
    ]:
        assert _persons(text) == [name], text
    assert _persons("Contact Us for details.") == []  # an everyday word starts no name
    # A given name that is also a cue word still starts a name when no given name follows.
    assert "Will Smith" not in _persons("Ask Will Smith about it.")[1:], "no double count"


def test_a_census_given_name_that_is_a_word_keeps_its_place_before_a_surname() -> None:
    # NER finds "Will Hendricks"; "Will" at a sentence start is an everyday word, but a given
    # name people bear before a listed surname stays part of the name. ("Will Smith" is the
    # actor now: Pantheon's public figures.)
    assert _persons("Will Hendricks starred in it.") == ["Will Hendricks"]
    assert _persons("Summarize Zendesk's pricing for me.") == []


def test_a_lone_surname_after_its_particle_needs_no_ner() -> None:
    """``van``, ``von``, ``ten`` in lower case before a capitalised word make it a surname, and
    the capitalised word before them is the given name, an English word too."""
    for text, name in [
        (
            "[2026-03-03 9:28] Ancilla van Aken (agent): customer asks for a refund",
            "Ancilla van Aken",
        ),
        ("Roxy van der Torre: Thanks Nurzhan, can you check the VPN?", "Roxy van der Torre"),
        ("Though ten Ostendarp's song was actually about a boat!", "ten Ostendarp"),
    ]:
        persons, seen = _persons_and_windows(text)
        assert name in persons, (text, persons)
        assert not any(name.split()[-1] in w for w in seen), seen


def test_a_given_name_that_is_a_word_too_after_a_persons_cue_needs_no_ner() -> None:
    """``Alma`` and ``Toby`` are English words too (a lone one goes to NER), but after a
    greeting or a ticket's cue they are a person's name."""
    for text, name in [
        ("Pirkko Rautiola: Morning Alma, can you check the export?", "Alma"),
        ("Ticket 4471 assigned to Toby West; cc the billing team.", "Toby"),
    ]:
        persons, seen = _persons_and_windows(text)
        assert any(name in p for p in persons), (text, persons)
        assert not any(name in w for w in seen), seen


def test_a_city_that_is_a_given_name_greeted_and_addressed_is_a_person() -> None:
    """``Milan``, ``Florence``, ``Sydney`` are places the lists hold as given names; greeted and
    set off by a comma they are the person addressed, with no NER call; a city moved to is not."""
    _found_without_ner(
        [
            ("Hello Milan, how are you doing today?", "Milan"),
            ("Hi Florence, thanks for the update.", "Florence"),
            ("Hey Sydney, can you check the export?", "Sydney"),
        ]
    )
    assert _persons("We moved to Sydney, it is great.") == []


def test_a_given_name_after_i_am_is_ones_own() -> None:
    """``I am Toby West, tenant at ...``: one introducing oneself names a person (``Toby`` is
    an English word too); the cue wants ``I am`` as written (``I Am Legend`` is a film)."""
    for text, name in [
        ("I am Toby West, tenant at Victor Hugo u. 7. No heating since September 5.", "Toby"),
        ("Hi, I'm Alma and I need help with my lease.", "Alma"),
    ]:
        persons = _persons(text)
        assert any(name in p for p in persons), (text, persons)
    assert _persons("Have you seen I Am Legend? It is scary.") == []


def test_the_word_after_a_dated_chat_stamp_is_its_speaker() -> None:
    """``[2026-03-03 10:01] Abbe`` is a speaker as ``[10:01] Abbe`` is, with no NER call."""
    for text in ("[2026-03-03 10:01] Alteri", "[2026-03-09 16:03] Alteri: the build is green"):
        persons, seen = _persons_and_windows(text)
        assert "Alteri" in persons, (text, persons)
        assert seen == [], seen


def test_a_field_of_a_contact_record_needs_no_ner() -> None:
    """A CSV line of short fields with an e-mail address is a contact record: a field of one to
    three capitalised words in it is a person's name, with no NER call (not in prose that has
    commas and an address)."""
    text = "77120,Pavel Novak,pavel.n@example.com,Account Manager,Ank\n"
    persons, seen = _persons_and_windows(text)
    assert "Ank" in persons, persons
    assert seen == [], seen
    prose = (
        "The lease between Story Meets Commerce, LLC and Electro-Tech, Inc. moved to a new "
        "leasor, Quorvane Group, Inc. (james@example.com), as of March."
    )
    assert not any("Quorvane" in p for p in _persons(prose))


def test_a_rare_word_after_a_given_name_the_rules_found_is_its_surname() -> None:
    # "Koku", "Tamarisk" are words of the vocabulary, none frequent: the surname, not a question
    # for NER (which called "Katsuko Koku" of a CSV row an organisation).
    _found_without_ner(
        [
            ("Ticket opened by Katsuko Koku; assigned to the billing team.", "Katsuko Koku"),
            ("customer Katsuko Koku reports the router keeps dropping", "Katsuko Koku"),
            ("asking for Katsuko Koku's discharge letter.", "Katsuko Koku"),
            ("escalated to Mirela Tamarisk; nobody answered", "Mirela Tamarisk"),
        ]
    )


def test_a_rare_word_before_a_name_word_after_a_cue_or_as_a_speaker_is_a_given_name() -> None:
    # "Maori" is a word of the vocabulary, no frequent one: after "cc" (a person's cue now, not
    # after a number: "250 cc") and before an unknown name word it is a given name, and so is
    # a speaker's label of the two (NER called the pair a place).
    _found_without_ner(
        [
            ("Ticket closed by Quionia Bermúdez; cc Maori Oomori.", "Maori Oomori"),
            ("Maori Oomori: Thanks Laura, can you check the router?", "Maori Oomori"),
        ]
    )
    assert _persons("Bought a 250 cc Honda last week.") == []
    assert _persons("Maori: the language of New Zealand's first people") == []


def test_a_surname_and_its_particle_label_a_speaker_in_a_dialogue() -> None:
    text = (
        "pls summarise for Alves who missed standup:\n"
        "de Assis: api is down\nAventino: rolling back now\nde Assis: ty"
    )
    assert _persons(text).count("de Assis") == 2
    # and the label makes the dialogue's other one-word labels speakers too
    text = "pls summarise:\nArts: api is down\nde Bock: rolling back now\nArts: ty"
    assert _persons(text).count("Arts") == 2
