"""Capitalised words beside found names (hybridllm.classifiers.name_beside): a word that reads
as nobody's but a person's near a found name is one more name; public names, places, code and
other languages keep theirs. Real classifier and real spaCy model."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_stand_up_lines_beside_a_found_name() -> None:
    text = (
        "Standup notes: Yadriel - finishing the export bug. Joshua Ivan - blocked on API keys, "
        "waiting for Kiomara. Nashalie - out sick."
    )
    assert {"Yadriel", "Joshua Ivan", "Nashalie"} <= people(text)


def test_an_agendas_owners_beside_a_found_name() -> None:
    text = (
        "Kickoff agenda\n09:00 welcome (Doughty)\n09:15 scope and timeline (Rishnil Yadraca)\n"
        "10:00 risks (Vosailagi)\nCan you add a coffee break?"
    )
    assert {"Doughty", "Rishnil Yadraca", "Vosailagi"} <= people(text)


def test_no_found_name_no_word_beside() -> None:
    assert people("Standup notes: Yadriel - finishing the export bug.") == set()


def test_public_names_the_stage_dropped_are_not_split_into_words() -> None:
    found = people(
        "My tutor Jane Miller asked me to compare Thomas Hobbes and John Locke on the social "
        "contract."
    )
    assert "Jane Miller" in found
    assert not found & {"Thomas", "Hobbes", "John", "Locke", "Thomas Hobbes", "John Locke"}


def test_a_word_of_a_place_or_a_company_is_no_person() -> None:
    found = people(
        "Jane Miller runs the San Diego office of Abbott Laboratories and lives near Wicklow."
    )
    assert "Jane Miller" in found
    assert not found & {"Diego", "Abbott", "Wicklow"}


def test_calendar_words_and_code_are_no_person() -> None:
    found = people("Jane Miller moved the review to Thu, Sept 4; see Ostrel_id and Vandrel.yaml.")
    assert "Jane Miller" in found
    assert not found & {"Thu", "Sept", "Ostrel", "Vandrel"}


def test_text_in_another_language_is_left_alone() -> None:
    text = (
        "Hola Maria Lopez, la conexión falló. Usa el comando de ayuda y Revisa la clave de la "
        "cuenta, Intenta otra vez por favor."
    )
    found = people(text)
    assert not found & {"Usa", "Revisa", "Intenta"}


def test_lower_case_words_spelt_like_names_beside_a_found_name() -> None:
    text = (
        "sick leave log: kavaliauskas (3 days), zakarka (1 day), salvinu (5 days, doctor's "
        "note received). can you total it?"
    )
    assert {"zakarka", "salvinu"} <= people(text)


def test_lower_case_words_of_english_stay() -> None:
    text = (
        "ask joshua ivan whether the old embers are still warm, he grieves over prices and "
        "says the supplier is late."
    )
    found = people(text)
    assert "joshua ivan" in found
    assert not found & {"embers", "grieves", "supplier", "prices", "warm"}


def test_lower_case_typing_slips_are_no_names() -> None:
    text = "ask joshua ivan if he can ahve a giood look at it baout noon, before the call."
    found = people(text)
    assert "joshua ivan" in found
    assert not found & {"ahve", "giood", "baout"}


def test_a_lower_case_name_of_a_chat_beside_one_found() -> None:
    text = "standup: joshua ivan - blocked on api keys, waiting for kiomara. nashalie - out sick."
    assert {"kiomara", "nashalie"} <= people(text)


def test_a_listed_given_name_that_is_a_word_in_a_list_beside_a_lower_case_name() -> None:
    found = people("the panel was sandy, sukhvinder and me. choir: sopranos jose, ismael.")
    assert {"sandy", "jose"} <= found


def test_an_everyday_word_beside_a_lower_case_name_is_no_sibling() -> None:
    found = people("ask sukhvinder and will you tell me, or sandwich lovers, what to order?")
    assert not found & {"will", "sandwich"}


def test_an_unlisted_word_spelt_unlike_names_but_not_as_code_beside_a_found_name() -> None:
    text = (
        "Debrief: the panel liked the candidate, Naivalu didn't. The candidate, Mitah Vuki, "
        "has a competing offer."
    )
    assert {"Naivalu", "Mitah Vuki"} <= people(text)


def test_a_lower_case_word_in_no_list_paired_with_a_found_name() -> None:
    # spelt unlike a name (likeness below 0.25) but an item of a pair or list with a name
    # found in lower case: the list says the rest
    found = people("was it ndeapo or annastacia who said the restaurant closes at 10?")
    assert "ndeapo" in found
    found = people("is 'dear yandel and syndia' or 'dear both' better when emailing two people?")
    assert "syndia" in found


def test_a_lower_case_word_with_nothing_english_in_it_beside_a_found_name() -> None:
    # spelt less like a name than 0.25 (naivalu -0.46, engjull -0.5), but no typo, no two
    # English words run together, a vowel: near a name found in lower case it is one more
    found = people(
        "debrief: ruci liked the candidate, naivalu didn't. the candidate, mitah vuki, has a "
        "competing offer."
    )
    assert {"ruci", "naivalu", "mitah vuki"} <= found
    found = people("ask joshua ivan how to word a reply that does not throw engjull under the bus")
    assert "engjull" in found


def test_english_words_run_together_beside_a_lower_case_name_stay() -> None:
    found = people(
        "ask joshua ivan about the carpool rota, the harbourline ferry and the warframe raid"
    )
    assert "joshua ivan" in found
    assert not found & {"carpool", "harbourline", "warframe"}


def test_a_short_word_one_letter_off_a_word_but_no_slip_beside_a_lower_case_name() -> None:
    # kyona / kona, moeng / mong, tavid / avid: the extra letter is no neighbour's key, so no
    # typing slip (giood, webnt are: see test_lower_case_typing_slips_are_no_names)
    found = people("lift rota this week: joshua ivan (mon), moeng (wed), tavid (fri).")
    assert {"moeng", "tavid"} <= found
    found = people("ask joshua ivan if he can ahve a giood look at it baout noon, it webnt well")
    assert not found & {"ahve", "giood", "baout", "webnt"}


def test_a_roster_of_lower_case_names_is_no_foreign_text() -> None:
    # the names found say nothing of the text's language: without them it is English
    found = people(
        "team sheet (number, name, role):\n4, dambrauskaitė, raimond, keeper\n"
        "9, remeikis, grazina, winger\n12, jankauskaitė, audra, striker"
    )
    assert {"remeikis", "grazina", "audra"} <= found
