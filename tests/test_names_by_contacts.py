"""Lower-case names beside a person's contact details (hybridllm.classifiers.names_by_contacts):
a word no list holds, spelt like a name, on the line of a phone number, an e-mail address or a
street address found by the other recognizers. Real classifier."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_a_lower_case_word_in_no_list_beside_a_phone_number() -> None:
    assert "paloka" in people("questions about the stall? 021 555 0147, paloka")


def test_a_lower_case_name_beside_a_street_address() -> None:
    text = "carpool for the away game: zvone drives majk and vanco; meet at 151 beacon way at 8."
    assert {"zvone", "majk", "vanco"} <= people(text)


def test_no_contact_detail_no_name() -> None:
    assert people("carpool for the away game: zvone drives majk and vanco; meet early.") == set()


def test_english_words_places_and_code_beside_a_contact_detail_stay() -> None:
    found = people(
        "the office in tarrasa moved to 151 beacon way; call 021 555 0147 about the invoice or "
        "see config.yaml"
    )
    assert not found & {"office", "invoice", "config", "beacon"}


def test_a_uri_scheme_beside_its_address_is_no_name() -> None:
    text = (
        'ATTENDEE;CN="Thandiwe Mbeki";ROLE=REQ-PARTICIPANT:mailto:t.mbeki@example.org\n'
        "reach me at sip:ops@example.net or callto:+442079460958, gunnvor"
    )
    found = people(text)
    assert not found & {"mailto", "sip", "callto"}
    assert "Thandiwe Mbeki" in found
