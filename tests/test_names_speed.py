"""Name-dense and code-heavy text: NER only where a word could be a name, and a normalized view
only around what it changed, so the cost stays linear in the length of the text.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

from typing import Any

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_ner import NerWindows
from hybridllm.classifiers.names import NameRecognizer
from hybridllm.classifiers.normalize import normalize

CRM_ROW = "{n},Wanjiru Kamau,wanjiru.{n}@example.com,Account Manager,Tevita Fifita,open"


def _name_recognizer() -> NameRecognizer:
    rec = get_classifier().recognizers[-1]
    assert isinstance(rec, NameRecognizer)
    rec.wait_ready()
    return rec


def _ner_windows(text: str, *, words_only: bool = False) -> list[str]:
    """The window texts (or the candidate words) the name recognizer sends to spaCy."""
    seen: list[str] = []

    class Spy(NerWindows):
        def run(self, text: str, words: Any, candidates: list[int]) -> list[tuple[int, Any]]:
            if words_only:
                seen.extend(words[i].group() for i in candidates)
            else:
                seen.extend(text[s:e] for s, e in self.windows(text, words, candidates))
            return []

    rec = _name_recognizer()
    spy = Spy("unused", enabled=False)
    real, rec._windows = rec._windows, spy
    try:
        rec.find(text)
    finally:
        rec._windows = real
    return seen


def test_table_rows_of_listed_names_need_no_ner() -> None:
    text = "\n".join(CRM_ROW.format(n=n) for n in range(200))
    assert _ner_windows(text) == []
    found = {
        text[f.start : f.end]
        for f in get_classifier().classify(text).findings
        if f.entity_type == "PERSON"
    }
    assert found == {"Wanjiru Kamau", "Tevita Fifita"}


@pytest.mark.parametrize(
    "text",
    [
        "Account Manager,Edward",  # a job title next to a name across a comma
        "The Account Manager role is open.",
        "result = DeQueueIterator(self.queue).next_batch()",
    ],
)
def test_everyday_capitalised_words_and_identifiers_are_not_ner_candidates(text: str) -> None:
    candidates = _ner_windows(text, words_only=True)
    assert not {"Account", "Manager", "DeQueueIterator"} & set(candidates)


def test_view_is_cut_to_the_changed_places() -> None:
    filler = "The nightly job finished without errors and the report was archived. " * 60
    secret = "token sk-proj-\u200babc123DEF456ghi789"
    text = filler + secret + " " + filler
    view = normalize(text)
    assert view is not None
    assert len(view.text) < len(text) / 4
    at = view.text.index("sk-proj-abc123")
    start, end = view.to_original(at, at + len("sk-proj-abc123DEF456ghi789"))
    assert text[start:end] == "sk-proj-\u200babc123DEF456ghi789"
    # Every character of the view maps to a non-empty span of the original.
    assert all(view.to_original(i, i + 1)[0] < view.to_original(i, i + 1)[1] for i in range(50))


@pytest.mark.parametrize(
    "text",
    [
        "kubectl rollout status deployment/api  # timed out after 5998s\n@app.get('/items')",
        "2026-03-01T10:22Z INFO done in 5998s\n2026-03-01T10:23Z INFO next",
        "ua=curl/8.4\nclass OrderRepository(BaseRepository): pass",
    ],
)
def test_line_ends_in_code_and_logs_are_not_joined(text: str) -> None:
    assert normalize(text) is None


def test_split_key_and_split_email_are_still_joined() -> None:
    for text, joined in (
        ("key sk_live_hle\nd2u6n1298avaq0wTjYh6F ok", "sk_live_hled2u6n1298avaq0wTjYh6F"),
        ("mail perezjen\nnifer@example.net today", "perezjennifer@example.net"),
    ):
        view = normalize(text)
        assert view is not None
        assert joined in view.text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Study done on 04 Nov 2010. Referrer Pascal T. Dalesworth, MD.", "Referrer"),
        ("Study November 04, 2010. Referrer Pascal T. Dalesworth, MD.", "Study"),
        ("Subscriber Isolde Foxmere. Mailing address PO Box 352.", "Mailing"),
        ("Reply sent to Guðgeir Bergsveinsson.\nTicket #9156 opened by the desk.", "Ticket"),
        ("Seen with Celia Dalesworth. Diagnosis: acute kidney injury.", "Diagnosis"),
    ],
)
def test_words_capitalised_by_their_position_are_not_ner_candidates(text: str, word: str) -> None:
    # Each word is an English word in no name list, at a sentence or line start: only its
    # position made it capitalised.
    assert word not in _ner_windows(text, words_only=True)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # English words that are also a listed given name or a (census) surname: NER decides
        # where the lists allow a one-word name (NER may still call it no person) ...
        ("Imaging done on 4/12/2014. Prior dose administered without incident.", "Prior"),
        # ... and where a capitalised word follows (a name of two words may start there); a
        # month is no such word (cc84461: "Study November 04, 2010." asks NER nothing).
        ("Study Quellmoor was reviewed. Referrer Pascal T. Dalesworth, MD.", "Study"),
    ],
)
def test_a_word_that_is_also_a_listed_name_stays_a_candidate(text: str, word: str) -> None:
    assert word in _ner_windows(text, words_only=True)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Alone at a sentence start, no one-word name the lists allow, its NER verdict could
        # only be a one-word name, which counts only for a given name or after a cue.
        ("Referred by parent L. Kestrel. Born 26-Aug-2010. Seen today.", "Born"),
        ("Alert and oriented x3. Cranial nerves intact.", "Alert"),
        # A word with a digit is no name.
        ("Referred by parent L. Kestrel. Born 26-Aug-2010. Seen today.", "Aug-2010"),
    ],
)
def test_a_word_surname_alone_at_a_sentence_start_is_no_candidate(text: str, word: str) -> None:
    assert word not in _ner_windows(text, words_only=True)
