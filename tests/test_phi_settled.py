"""Clinical notes: the Safe Harbor pass runs first, its identifiers settle their words for NER,
and a place or name it found once is an identifier wherever else it stands."""

from __future__ import annotations

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.safe_harbor import SafeHarborRecognizer

NOTE = (
    "Clinic note. Patient seen for follow-up of hypertension, BP 142/88, MRN 40917733.\n"
    "Her home community is Darn Meadow.\n"
    "She attends the Darn Meadow Outpatient Department on Tuesdays.\n"
    "Plan: continue lisinopril 10 mg daily."
)


def test_a_place_found_once_is_found_where_it_stands_again() -> None:
    found = SafeHarborRecognizer().find(NOTE)
    places = sorted(NOTE[f.start : f.end] for f in found if f.entity_type == "PLACE")
    first = NOTE.index("Darn Meadow")
    second = NOTE.index("Darn Meadow", first + 1)
    spans = {(f.start, f.end) for f in found if f.entity_type == "PLACE"}
    assert (first, first + len("Darn Meadow")) in spans, places
    assert any(s <= second and second + len("Darn Meadow") <= e for s, e in spans), places


def test_nothing_of_the_place_survives_redaction() -> None:
    out = redact(NOTE).text
    assert "Darn" not in out
    assert "Meadow" not in out
    assert "40917733" not in out
    assert "Outpatient Department" in out  # the rest of the sentence stays


def test_name_stage_asks_ner_nothing_about_settled_words() -> None:
    names = get_classifier().recognizers[-1]
    text = "Accompanied by Zorvath Kellimore today."
    start = text.index("Zorvath")
    end = text.index(" today")
    plain = names.find(text)
    settled = names.find(text, settled=[(start, end)])  # type: ignore[call-arg]
    ner = [f for f in plain if f.recognizer == "names+ner"]
    assert all(f.recognizer != "names+ner" for f in settled)
    # Without the settled span the same words do go to NER (the check above can fail).
    assert ner or any(f.start <= start and end <= f.end for f in plain)


def test_unknown_capitalised_words_are_settled_next_to_an_identifier() -> None:
    from hybridllm.classifiers.combine import settled_spans

    text = "MRN 40917733. A note on Quillane here. Then Quillane Surgery Practice called."
    found = SafeHarborRecognizer().find(text)
    weak = [(f.start, f.end) for f in found if f.entity_type == "PROPER_NOUN"]
    alone = text.index("Quillane")
    assert (alone, alone + len("Quillane")) in weak
    settled = settled_spans(text, found)
    assert (alone, alone + len("Quillane")) in settled
    # Continued by a capitalised word: NER may find the longer name, so it is not settled.
    later = text.index("Quillane", alone + 1)
    assert all(not (s <= later < e) for s, e in settled if (s, e) in weak)
    # Without a strong identifier the weak findings are dropped later: nothing is settled.
    no_id = "The note mentions Quillane briefly."
    assert settled_spans(no_id, SafeHarborRecognizer().find(no_id)) == []
