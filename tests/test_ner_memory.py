"""NER leaves nothing of a prompt behind: the words its windows add to spaCy's vocabulary (each
name of each prompt) are freed when the call ends (``NerWindows.run``'s memory zone), so a
long-running service neither grows with the names it has seen nor keeps them in its heap."""

from __future__ import annotations

from typing import Any

from hybridllm.classifiers.name_ner import NerWindows
from hybridllm.classifiers.names import _words


def _run(ner: NerWindows, text: str) -> list[tuple[int, int, list[Any]]]:
    words = _words(text)
    return ner.run(text, words, list(range(len(words))))


def test_a_prompts_names_do_not_stay_in_the_vocabulary() -> None:
    from hybridllm.classifiers.names import SPACY_MODEL

    ner = NerWindows(SPACY_MODEL)
    ner.wait_ready()
    nlp = ner._nlp  # the pipeline's own vocabulary is what is checked
    _run(ner, "Ticket opened by Ada Lovelace; assigned to Kaori Tanaka.")  # warm
    before = len(nlp.vocab.strings)
    names = [f"Zorvath{i} Quilleby{i}" for i in range(40)]
    found = []
    for name in names:
        text = f"Ticket opened by {name}; assigned to Kaori Tanaka at Qelvarin{name[-1]} Labs."
        found += _run(ner, text)
    assert any(ents for _, _, ents in found)  # the windows did run NER
    assert len(nlp.vocab.strings) == before
    for name in names[:5]:
        first, last = name.split()
        assert first not in nlp.vocab.strings
        assert last not in nlp.vocab.strings
    # entities stay valid plain offsets after the zone freed the docs
    spans = _run(ner, "Call Kaori Tanaka today.")
    assert [e.label for _, _, ents in spans for e in ents if e.label == "PERSON"]
