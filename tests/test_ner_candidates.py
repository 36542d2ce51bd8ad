"""Which words the name stage sends to NER: fewer windows, the same findings.

NER costs ~25 us per token on this CPU, so a word whose NER verdict could not change the
findings is not sent: an eponym's words, a surname that is also an English word alone at a
sentence start, and (on a clinical note that is PHI) words inside what other recognizers found.
"""

from __future__ import annotations

from tests.helpers import persons as _persons
from tests.helpers import windows_sent

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.combine import _all_settled
from hybridllm.classifiers.name_gate import eponym_run, place_or_measure
from hybridllm.classifiers.names import _words


def test_eponym_runs() -> None:
    for text, word, want in [
        ("Glasgow Coma Scale was 15/15.", "Glasgow", True),
        ("no evidence of Graves disease today", "Graves", True),
        ("Montreal Cognitive Assessment score 26", "Cognitive", True),
        ("Ehlers-Danlos syndrome was ruled out", "Ehlers-Danlos", True),
        ("Call Maria Wilson about the results", "Wilson", False),
        ("seen at Quellmoor Hospice last week", "Quellmoor", True),
        ("referred to Dunvale Children's Hospital.", "Dunvale", True),
        ("samples go to Harlow Pathology", "Pathology", True),
        ("Romberg test was normal.", "Romberg", True),
        ("history of Wegener granulomatosis, in remission", "Wegener", True),
        ("CENTRE = Sarnfold Pediatrics BILLING ACCT :: 2913", "Sarnfold", True),
        ("Seen by Anna Wegener today", "Wegener", False),
        ("Seen by Anna Graves, who signed the form", "Graves", False),
        # science's eponyms before their head, without a possessive
        ("How does a Faraday cage work?", "Faraday", True),
        ("the Doppler Effect explains it", "Doppler", True),
        ("fit a Weibull distribution to the data", "Weibull", True),
        # with one, it is a person's method or index
        ("I liked Maria's method for the report", "Maria's", False),
        ("We used Kowalczyk's index for the survey", "Kowalczyk's", False),
    ]:
        words = _words(text)
        i = next(k for k, m in enumerate(words) if m.group() == word)
        assert eponym_run(text, words, i) is want, text


def test_eponyms_are_not_people_and_ask_ner_nothing() -> None:
    text = "The differential includes Bell palsy; Wilson disease, and Baker cyst. Seen today."
    with windows_sent() as seen:
        persons = _persons(text)
    assert persons == []
    assert not any("Wilson" in w or "Bell" in w or "Baker" in w for w in seen), seen


def test_facility_names_ask_ner_nothing_and_the_people_beside_them_are_found() -> None:
    text = "At Quellmoor Hospice; seen by Sunniva Albrektsen at Dunvale Children's Hospital."
    with windows_sent() as seen:
        persons = _persons(text)
    assert not any("Quellmoor" in w or "Dunvale" in w for w in seen), seen
    assert "Sunniva Albrektsen" in persons, persons
    assert not any("Hospice" in p or "Hospital" in p for p in persons), persons


def test_a_word_surname_alone_at_a_sentence_start_asks_ner_nothing() -> None:
    text = "Referrer Pascal T. Dalesworth. Alert and oriented x3. Born 26-Aug-2010."
    with windows_sent() as seen:
        persons = _persons(text)
    assert not any("Alert" in w or "Born" in w for w in seen), seen
    assert any("Dalesworth" in p for p in persons), persons


def test_names_after_an_initial_still_go_to_ner() -> None:
    # "K." ends with a full stop, but "Booker" does not start a sentence.
    text = "??? Wade K. Booker\n??? CAE Inc.\n??? 071 56 rue La Boetie"
    assert "Wade K. Booker" in _persons(text)


def test_a_phi_note_settles_what_other_recognizers_found() -> None:
    clf = get_classifier()
    text = "MRN 40917733. Address: 5570 Juniper Drive, Ivybrook, ID 84676.\nBP 120/80."
    found = [f for r in (*clf.clinical_recognizers, *clf.recognizers[:-1]) for f in r.find(text)]
    street = next(f for f in found if f.entity_type == "STREET_ADDRESS")
    settled = _all_settled(text, found)
    assert any(s <= street.start and street.end <= e for s, e in settled), settled
    with windows_sent() as seen:
        clf.classify(text)
    assert not any("Juniper" in w for w in seen), seen


def test_no_strong_identifier_settles_nothing() -> None:
    clf = get_classifier()
    text = "Hypertension is stable on lisinopril 10 mg daily. Zarnow review next week."
    found = [f for r in (*clf.clinical_recognizers, *clf.recognizers[:-1]) for f in r.find(text)]
    kinds = {f.entity_type for f in found}
    assert kinds == {"MEDICATION", "DIAGNOSIS", "PROPER_NOUN"}, kinds
    assert _all_settled(text, found) == []


def test_a_name_inside_an_email_address_asks_ner_nothing() -> None:
    text = "ok so write to maria.garcia@example.com about the refund today"
    with windows_sent() as seen:
        found = get_classifier().classify(text).findings
    assert not any("arcia" in w for w in seen), seen
    assert any(text[f.start : f.end] == "maria.garcia@example.com" for f in found), found


def test_a_month_beside_a_word_makes_no_name_run() -> None:
    text = "Referral reviewed.\nStudy November 04, 2010.\nJune Carter signed it."
    with windows_sent() as seen:
        persons = _persons(text)
    assert not any("Study" in w for w in seen), seen
    assert "June Carter" in persons, persons


def test_towns_before_a_state_and_zip_and_lab_tests_before_a_unit() -> None:
    for text, word, want in [
        ("2838 Bosk Street, Apt 56, Avelmere, TX 69064.", "Avelmere", True),
        ("4416 Rua da Amora, Apt 83, Avel Crossing, OK 61279", "Avel", True),
        ("Maple Hollow AZ 82746-1234", "Maple", True),
        ("Na 138 mmol/L, K 4.1 mmol/L", "Na", True),
        ("Hb: 13.2 g/dL and Cr 1.1 mg/dL", "Hb", True),
        ("Avelmere, ZZ 69064", "Avelmere", False),  # no US state: not known to be a town
        ("Call Maria Lopez, OK? 61279 is her code", "Maria", False),
        ("Maria 50% and Kwame 50% of the shares", "Maria", False),
        ("Tell Maria 138 times", "Maria", False),
        ("home 8127 Quartz St, Apt 88", "Quartz", True),
        ("home 8127 Quartz St, Apt 88", "St", True),
        ("Home: 3287 Grove Rd, Birchmere", "Grove", True),
        ("Call 555 Maria Lopez now", "Maria", False),  # no street type after the run
        ("met Maria Grove on Main St yesterday", "Grove", False),  # no house number before
    ]:
        words = _words(text)
        i = next(k for k, m in enumerate(words) if m.group() == word)
        assert place_or_measure(text, words, i) is want, text


def test_a_town_in_an_address_asks_ner_nothing_and_stays_redacted() -> None:
    text = (
        "The full postal home address is 2838 Bosk Street, Apt 56, Avelmere, TX 69064.\n"
        "Specimen for Selma Elmhurst. Na 138 mmol/L, K 4.1 mmol/L."
    )
    with windows_sent() as seen:
        found = get_classifier().classify(text).findings
    assert not any("Avelmere" in w or "Na 138" in w for w in seen), seen
    covered = [text[f.start : f.end] for f in found]
    assert any("Avelmere" in c and "69064" in c for c in covered), covered
    assert "Selma Elmhurst" in covered, covered


def test_a_sentence_end_after_a_surname_does_not_make_it_a_heading() -> None:
    for text, name in [
        ("Please forward the invoice to Selma Elmhurst. The deadline is Friday.", "Selma Elmhurst"),
        ("I met Tomas Quellmoor. He said the deal is off.", "Tomas Quellmoor"),
    ]:
        with windows_sent() as seen:
            persons = _persons(text)
        assert name in persons, (text, persons)
        assert seen == [], seen  # the lists settle it: no NER call
    # A title-case heading or list goes on after a comma or a colon: no name.
    for text in (
        "Columns: Genotype Frequency, Gene Function, Consequences, Encoding.",
        "Leap Of Faith Assumptions:\nOur users will see the value.",
    ):
        assert not any("Function" in p or "Assumptions" in p for p in _persons(text)), text


def test_the_plural_of_an_everyday_word_is_no_unlisted_surname() -> None:
    names = next(r for r in get_classifier().recognizers if r.name == "names")

    def pair(text: str) -> list[str]:
        words = _words(text)
        found = names._listed_pair(text, words, 0)  # type: ignore[attr-defined]
        return [] if found is None else [text[f.start : f.end] for f in found[0]]

    # "Indie" is a listed given name; "Bookstores" (bookstore), "Gardens" are no surnames
    assert pair("Indie Bookstores near you.") == []
    assert pair("Indie Gardens near you.") == []
    # an unlisted word that is no English plural still is ("Tomáš Prokeš")
    assert pair("Indie Quellmoor near you.") == ["Indie Quellmoor"]
    assert pair("Tomáš Prokeš near you.") == ["Tomáš Prokeš"]
