"""Whole names (``name_widen.widen``): a PERSON finding grows over the parts of the name next
to it, so no part of a name is left (a partial mask is a leak), and never over an ordinary
word, a title or past a line or a comma.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import random

import pytest
from tests.helpers import persons

from hybridllm import redact
from hybridllm.classifiers import get_classifier, name_street


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name the lists do not know, before a surname NER found
        ("Attendees: Auriville Gilbert, Wacława Sobczak\nActions: budget", "Auriville Gilbert"),
        # particles and a rare given name before a surname
        ("Ticket 88. Reporter: Ancilla van Aken. Why are invoices duplicated?", "Ancilla van Aken"),
        # a hyphenated given name and the surname after it
        ('{"name": "Amy-leigh Paterson", "phone": "(756)908-3504"}', "Amy-leigh Paterson"),
        # a given name that is also a product's, before a surname
        ("The name in the account is wrong, please change it to Alexa Deleon", "Alexa Deleon"),
        # accented given names whose lists hold them without accents; NER says ORG
        ("The film was directed by Sílvio Marques and starring Tom.", "Sílvio Marques"),
        ("I met Napóleon Orosz yesterday.", "Napóleon Orosz"),
    ],
)
def test_a_name_is_masked_whole(text: str, name: str) -> None:
    found = persons(text)
    assert name in found, found


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Hello Gilbert, can you review the budget?", "Hello"),
        ("Mrs. Gilbert Langset approved it.", "Mrs"),
        ("Attendees: Auriville Gilbert, Wacława Sobczak", "Gilbert, Wacława"),
    ],
)
def test_widening_stops_at_words_titles_and_commas(text: str, forbidden: str) -> None:
    found = persons(text)
    assert found, "the name itself is found"
    assert not any(forbidden in f for f in found), found


def test_widening_never_creates_a_finding() -> None:
    # no name found: nothing to widen, even next to rare capitalised words
    assert persons("The Auriville Yulan Ancilla festival opens on Friday.") == []


def test_parts_of_one_name_found_apart_become_one_finding() -> None:
    text = "Ticket 4: customer Katsuko K. Koku; later row 75018,Katsuko Koku,katsuko.31@example.com"
    found = persons(text)
    assert "Katsuko K. Koku" in found, found
    assert "Katsuko Koku" in found, found


def test_a_name_after_a_middle_initial_joins_whatever_its_kind() -> None:
    # "Koku" alone reads as a word; after the initial it is the surname
    text = "Lead: Katsuko K. Koku | Company: Meridian Mutual | City: Tampere"
    assert "Katsuko K. Koku" in persons(text)


def test_widening_stays_on_its_line() -> None:
    text = "Lucia V Voronina\\nImmobiliere Dassault SA\\n35327 Thomas Street"
    assert not any("\n" in p or "\\n" in p for p in persons(text))


def _types(text: str) -> list[tuple[str, str]]:
    c = get_classifier().classify(text)
    return [(f.entity_type, text[f.start : f.end]) for f in c.findings]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        (
            "Claim 4: the car was damaged at Löberöd 27, Brno. Witness: Leonor Fernandes.",
            "Löberöd 27",
        ),
        ("The tenant has rented Graben 13 since 2023 and always paid on time.", "Graben 13"),
    ],
)
def test_a_street_written_as_name_and_number_is_masked_whole(text: str, street: str) -> None:
    assert ("STREET_ADDRESS", street) in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Last updated Jan 10, 2023, 01:59 UTC.",  # a date
        "Appointment with Anika Quillan 26.03.2012 for a check-up.",  # no address context
        "I used a Raspberry Pi 4 for the prototype.",
    ],
)
def test_no_street_from_dates_ratings_or_products(text: str) -> None:
    assert not any(t == "STREET_ADDRESS" for t, _ in _types(text))


def test_a_titled_one_word_name_is_masked_at_every_mention() -> None:
    text = (
        "Reference check: Roelien Vuik reported to Mr. Bodrov at Meridian Mutual for three"
        " years. Bodrov called Roelien dependable."
    )
    assert persons(text).count("Bodrov") == 2


def test_a_dropped_public_name_leaves_no_repeats() -> None:
    # one-word repeats come only from names the public-figure rules kept
    text = "Kubrick's films are slow. Why do critics love Kubrick so much?"
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sophia's laptop was stolen in Rotterdam. What should IT revoke?", "Sophia"),
        ("Stolen laptop again. Mary's team shares it, so what should IT revoke?", "Mary"),
    ],
)
def test_a_given_name_owning_something_at_a_sentence_start(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "The post goes live on St. Valentine's day, so the title needs a pun.",
        "Act as MAN. MAN's answers are short and direct.",
    ],
)
def test_no_owner_from_saints_days_or_acronyms(text: str) -> None:
    assert persons(text) == []


def test_parts_on_either_side_of_a_middle_initial_become_one_name() -> None:
    # lower case: the given name and the surname are found apart; the initial between them
    # would be left (a partial mask)
    text = "lead: gijsbrecht l. van hecke | company: saltmarsh media | city: tampere"
    assert "gijsbrecht l. van hecke" in persons(text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a house number before a street found as a name, with a street-type suffix in the word
        ("the meeting is at 42 Portugeesstraat at 3pm", "42 Portugeesstraat"),
        # street-type words and particles before the name part
        ("we moved to 1226 Via degli Muro Linari last month", "1226 Via degli Muro Linari"),
        ("Deliver to:\n985 Prom. Du Breuil\n7006 Lyon", "985 Prom. Du Breuil"),
        # a street-type word after it
        ("the meeting is at 385 Sõõru allee at 3pm", "385 Sõõru allee"),
        # an address block's line under its label
        ("Deliver to:\n12 Sigrid Undsets\n3596 Oslo", "12 Sigrid Undsets"),
        # the Spanish order: number after the street and a comma
        ("we moved to Calle de Alejandro Casona, 781 last month", "Calle de Alejandro Casona, 781"),
    ],
)
def test_a_street_found_as_a_name_is_masked_whole(text: str, street: str) -> None:
    streets = [span for kind, span in _types(text) if kind == "STREET_ADDRESS"]
    assert any(street in span for span in streets), streets


@pytest.mark.parametrize(
    "text", ["meet at 3 John will join", "I asked Smith 2 times", "Table 2: Mr. Tafoya"]
)
def test_a_number_beside_a_name_is_no_street_without_an_address(text: str) -> None:
    assert not any(kind == "STREET_ADDRESS" for kind, _ in _types(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a word no list names, its house number ending the field: no cue needed
        ("the package is for Kuželníkova 680, Tengen", "Kuželníkova 680"),
        # the number first, a compound ending in a street type
        ("1114 Skanseveien is where I live", "1114 Skanseveien"),
        # a number of three digits or more after "at"
        ("I'm at 478 Kuželníkova now", "478 Kuželníkova"),
    ],
)
def test_a_street_without_an_address_word(text: str, street: str) -> None:
    streets = [span for kind, span in _types(text) if kind == "STREET_ADDRESS"]
    assert any(street in span for span in streets), streets


@pytest.mark.parametrize(
    "text",
    [
        "Věra Raisová, 54, was named chief executive",  # an age after a comma
        "in the early 1900s.\nA: 1. Kristian Zahrtmannn 2. Peder Severin Krøyer 3. Ossian",
        "I'm writing a bow controller for VR in Godot 4 in C#.",
        "Eurocity #177 departs 15:16 Berlin Hbf arrives 19:35",  # a time, not a house number
        "Report for April-June 2020",  # a year
    ],
)
def test_numbers_after_names_that_are_no_house_numbers(text: str) -> None:
    assert not any(kind == "STREET_ADDRESS" for kind, _ in _types(text)), _types(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Irish particles, capitalised, before a found surname and at the start of a name
        ("Please call Ó Conbá about the invoice.", "Ó Conbá"),
        ("Forward it to Máire Ní Bhriain before Friday.", "Máire Ní Bhriain"),
        # lower case: the given name before particles, the surname after them
        ("send the report to seán ó griallais today.", "seán ó griallais"),
        ("ask demi van der horst about the lease", "demi van der horst"),
        ("we met with mark van der berg at the fair", "mark van der berg"),
    ],
)
def test_a_name_grows_over_its_particles(text: str, name: str) -> None:
    c = get_classifier().classify(text)
    assert name in {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_a_particle_takes_no_lower_case_word_after_a_capitalised_name() -> None:
    text = "Dans la SP, Remplacer le paramètre par la valeur."
    c = get_classifier().classify(text)
    assert not any("paramètre" in text[f.start : f.end] for f in c.findings)
    assert not any(text[f.start : f.end].endswith("SP") for f in c.findings)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sincerely,\nDr. te Beeste", "te Beeste"),
        ("Dear Ms. Ní Bhriain, thanks for the quick reply.", "Ní Bhriain"),
        ("Mr. dos Santos will call you back.", "dos Santos"),
        ("pls loop in kilian ó cafraigh on the thread", "kilian ó cafraigh"),
    ],
)
def test_particles_after_a_title_and_in_lower_case(text: str, name: str) -> None:
    c = get_classifier().classify(text)
    assert name in {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_a_weekday_of_a_rota_is_no_part_of_a_name() -> None:
    text = "Volunteer rota: Mon Eustaquia, Tue Roman, Wed Tretyakov, Thu Roxanne."
    found = {text[f.start : f.end] for f in get_classifier().classify(text).findings}
    assert not any(p.startswith(("Mon", "Tue", "Wed", "Thu")) for p in found)
    assert {"Eustaquia", "Tretyakov", "Roxanne"} <= found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # with the weekday, "Mon Pugh" and "Tue Wheeler" read as runs of everyday words
        ("Volunteer rota: Mon Pugh, Tue Francis, Wed Bobby Barry.", {"Pugh", "Francis"}),
        ("Volunteer rota: Mon Johnson, Tue Wheeler, Wed Washington.", {"Johnson", "Wheeler"}),
    ],
)
def test_a_rota_name_is_judged_without_its_weekday(text: str, names: set[str]) -> None:
    found = {text[f.start : f.end] for f in get_classifier().classify(text).findings}
    assert names <= found, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname that is an English word or a place too, ending the clause after a given name
        ("I am Toby West, tenant at Malminkartanonkatu 38. No heating since May 5.", "Toby West"),
        ("Ticket 4471 assigned to Toby West; cc the billing team.", "Toby West"),
    ],
)
def test_a_word_like_surname_that_ends_the_clause_joins_the_given_name(
    text: str, name: str
) -> None:
    assert name in persons(text), persons(text)


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Please call Anna Monday.", "Anna Monday"),  # a day, no surname
        ("I asked Toby West of the river to wait", "Toby West"),  # the clause goes on
    ],
)
def test_a_word_after_a_given_name_that_is_no_closing_surname(text: str, forbidden: str) -> None:
    assert forbidden not in persons(text), persons(text)


def test_a_name_grows_over_a_possessive_surname() -> None:
    text = "Mr. Jukić called asking for Katsuko Koku's discharge letter."
    found = {text[f.start : f.end] for f in get_classifier().classify(text).findings}
    assert "Katsuko Koku" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hannah West called yesterday about the invoice.", "Hannah West"),
        ("I am Hannah West, a tenant on the second floor.", "Hannah West"),
    ],
)
def test_a_surname_that_names_firms_too(text: str, name: str) -> None:
    found = {text[f.start : f.end] for f in get_classifier().classify(text).findings}
    assert name in found


@pytest.mark.parametrize(
    "text",
    [
        "We flew to West Virginia and then on to East Timor.",
        "Halcyon West Partners signed the deal on Monday.",
    ],
)
def test_places_and_firms_with_a_direction_stay_clean(text: str) -> None:
    c = get_classifier().classify(text)
    assert not [f for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Write an essay on The Moon Landing and The Domincan Republic.",
        "Plan a trip: Copenhagen Larnaca Milan Naples in ten days.",
        "Compare the economic policies of President Nixon and President Franklin D Roosevelt.",
    ],
)
def test_titles_lists_of_places_and_office_holders_are_no_private_names(text: str) -> None:
    c = get_classifier().classify(text)
    assert not [f for f in c.findings if f.entity_type == "PERSON"]


def test_an_office_holder_with_private_details_stays_found() -> None:
    text = "Please email Senator Maria Okafor's office: my address is 12 Elm Street, Springfield."
    c = get_classifier().classify(text)
    assert any("Okafor" in text[f.start : f.end] for f in c.findings)


def test_a_name_of_three_words_with_a_town_particle_stays_found() -> None:
    text = "please forward the contract to sofia van acker today"
    c = get_classifier().classify(text)
    assert any("acker" in text[f.start : f.end] for f in c.findings)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ok so melle seller from ironbark software wants a call tmrw", "melle seller"),
        ("from: una butt <una.b@example.co.uk>", "una butt"),
    ],
)
def test_a_found_lower_case_given_name_takes_the_listed_surname_after_it(
    text: str, name: str
) -> None:
    found = persons(text)
    assert name in found, found
    assert name.split()[1] not in redact(text).text.split()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("hey john can you check this", "can"),  # an auxiliary is no surname
        ("thanks sarah will send it", "send"),  # nor a verb after a found word
    ],
)
def test_verbs_after_a_lower_case_name_stay(text: str, kept: str) -> None:
    assert kept in redact(text).text.split()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Everyone agreed that Ramon Kadar rodriguez's idea was better.", "Ramon Kadar rodriguez"),
        ("I talked to Maria lopez yesterday about the lease.", "Maria lopez"),
    ],
)
def test_a_surname_typed_in_lower_case_joins_the_name_before_it(text: str, name: str) -> None:
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert name in found, found


def test_an_english_word_after_a_name_stays_out() -> None:
    text = "Send it to Anna green tomorrow."
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert "Anna green" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a verb that the census also lists as a surname ends no name ("Fights", "Takes")
        ("In the novel, Harry Potter fights Voldemort twice.", "Harry Potter"),
        ("Our new hire William takes over the billing queue.", "William"),
        ("Everyone was quiet until Jack began to laugh.", "Jack"),
    ],
)
def test_a_verb_after_a_name_is_no_surname_typed_in_lower_case(text: str, name: str) -> None:
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert not any(f.startswith(name + " ") for f in found), found


def test_the_street_prefix_shortcut_finds_what_the_search_finds() -> None:
    """``name_street._before`` skips the search before a name where only an empty match is
    possible; on words and spacings a street's lead is made of (house numbers, street-type
    words, particles, their look-alikes), its match is the search's."""
    rng = random.Random(5)
    parts = "Via via XVia de Code 12 12a (12 1.5 St. St C/ Avda Avda. Av. Bd Náměstí van der"
    parts += " Rue x Dr. ul. aleja 12345 123456 Prom. Sv. la Le el Smith . - 5B"
    tokens = parts.split()
    checked = 0
    for _ in range(20_000):
        lead = "".join(
            rng.choice(tokens) + rng.choice([" ", "  ", "\t", " \t", "", ","])
            for _ in range(rng.randint(0, 6))
        )
        text, start = lead + "Name rest", len(lead)
        line = max(0, start - 48)
        want = name_street._BEFORE.search(text, line, start)
        got = name_street._before(text, line, start)
        if want is not None and want.group():
            checked += 1
            assert got is not None, lead
            assert (got.span(), got.groupdict()) == (want.span(), want.groupdict()), lead
        else:
            assert got is None or not got.group(), lead
    assert checked > 1_000  # the cases hold street leads, not only empty matches
