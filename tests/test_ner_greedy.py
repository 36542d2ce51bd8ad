"""The numpy greedy NER decoder finds exactly spaCy's entities, batch by batch."""

from __future__ import annotations

import random
from typing import Any

import pytest

from hybridllm.classifiers import ner_greedy, ner_lean
from hybridllm.classifiers.name_ner import _SPACY_EXCLUDE, NerWindows
from hybridllm.classifiers.names import SPACY_MODEL

# Windows of the shapes the name stage sends: names, places, dates, money, a lone word,
# whitespace tokens, entities at the first and the last token.
TEXTS = [
    "Ticket #2772 opened by Auriville Gilbert; assigned to Jørgen",
    "com,Account Manager,Amy-leigh Paterson,lost",
    "Impi Nummelin: Dear Eser, can you check the VPN client?",
    "Patient John Smith, MRN: 12345678, seen by Dr. Okafor at St. Mary's in Boston.",
    "x",
    "Referred by Oakford Surgery  to Ivybrook Hospice on 3 May 2024 for $1,200.",
    "Roxy van der Torre: Hi Dafne, can",
    "Apple hired Tim Cook in Cupertino, California",
    "  Maori Oomori",
    "the third quarter of 2019 in New York City and Paris",
]


def _load() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load(SPACY_MODEL, exclude=_SPACY_EXCLUDE)


def _ents(docs: Any) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return _load()


def test_greedy_decoder_finds_spacys_entities_in_any_batch(nlp: Any) -> None:
    greedy = ner_greedy.GreedyNer(nlp)
    rng = random.Random(7)
    batches = [TEXTS, TEXTS[:1], TEXTS[4:5], TEXTS[::-1], ["", *TEXTS[:3], ""]]
    batches += [rng.sample(TEXTS, rng.randint(1, len(TEXTS))) for _ in range(10)]
    for batch in batches:
        assert _ents(greedy.pipe(batch, nlp)) == _ents(nlp.pipe(batch))
    found = _ents(greedy.pipe(TEXTS, nlp))
    labels = {label for ents in found for _, _, label in ents}
    assert {"PERSON", "GPE", "DATE"} <= labels  # the test texts exercise B, I, L and U moves
    assert any(e - s > 12 for ents in found for s, e, _ in ents)


def test_greedy_decoder_with_the_lean_encoder_and_numpy_blas(nlp: Any) -> None:
    fast = _load()
    assert ner_lean.install(fast)
    one_thread = ner_lean.numpy_blas(fast)
    assert one_thread is not None
    with one_thread():
        greedy = ner_greedy.install(fast)
        assert greedy is not None
        got = _ents(greedy.pipe(TEXTS, fast))
        assert got == _ents(fast.pipe(TEXTS))
    assert got == _ents(nlp.pipe(TEXTS))


def test_greedy_decoder_refuses_a_beam_parser(nlp: Any) -> None:
    other = _load()
    other.get_pipe("ner").cfg["beam_width"] = 4
    with pytest.raises(ValueError, match="greedy"):
        ner_greedy.GreedyNer(other)
    assert ner_greedy.install(other) is None


def test_name_stage_uses_the_greedy_decoder() -> None:
    windows = NerWindows(SPACY_MODEL)
    assert windows.wait_ready(120)
    assert windows._greedy is not None
    text = "Ticket #2772 opened by Auriville Gilbert; assigned to Jørgen"
    import re

    words = list(re.finditer(r"\w+", text))
    cand = [i for i, w in enumerate(words) if w.group() == "Auriville"]
    ((start, end, ents),) = windows.run(text, words, cand)
    window = text[start:end]
    assert "Auriville" in window
    # Offsets in the window, the entity's words without punctuation, as spaCy's Doc has them.
    doc = next(iter(windows._nlp.pipe([window])))
    want = [
        (e.start_char, e.end_char, e.label_, len(e), [(t.idx, t.idx + len(t)) for t in e])
        for e in doc.ents
    ]
    assert [(e.start, e.end, e.label, e.size, list(e.words)) for e in ents] == want
    assert [window[e.start : e.end] for e in ents if e.label == "PERSON"] == ["Auriville Gilbert"]


def test_greedy_decoder_windows_inside_entities_at_the_same_step(nlp: Any) -> None:
    # Several windows with a multi-word entity open at the same token: the steps inside
    # entities are scored together, the others from the up-front product.
    greedy = ner_greedy.GreedyNer(nlp)
    batch = [
        "Tim Cook spoke in Cupertino",
        "Anna Maria Lopez spoke",
        "New York City is big",
        "the report",
        "Maori Oomori and Kaori Tanaka",
    ]
    found = _ents(greedy.pipe(batch, nlp))
    assert found == _ents(nlp.pipe(batch))
    multi_word = [t[s:e] for t, ents in zip(batch, found, strict=True) for s, e, _ in ents]
    assert sum(" " in span for span in multi_word) >= 3


def test_entity_offsets_leave_out_punctuation_tokens(nlp: Any) -> None:
    from hybridllm.classifiers.name_ner import _entity

    doc = nlp.make_doc("Ask Anne-Marie O'Neil, please")
    tokens = [t.text for t in doc]
    start, end = tokens.index("Anne"), tokens.index(",")
    ent = _entity(doc, start, end, "PERSON")
    assert "-" in tokens[start:end]
    assert (ent.start, ent.end, ent.label, ent.size) == (4, 21, "PERSON", end - start)
    assert [doc.text[s:e] for s, e in ent.words] == [t for t in tokens[start:end] if t != "-"]


def test_new_words_get_the_attributes_the_ner_path_reads(nlp: Any) -> None:
    # The name stage's pipeline gives a new word only the attributes its NER path reads: the
    # same values as a full vocabulary's for those, none of the others.
    windows = NerWindows(SPACY_MODEL)
    assert windows.wait_ready(120)
    read = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "IS_SPACE", "IS_PUNCT"]
    text = "Zyxwuth O'Qarlenne-Brisk, 4471st  Vuurmeijer!? http://x.example Ünterqvist"
    lean = windows._nlp.make_doc(text)
    full = nlp.make_doc(text)
    assert [t.text for t in lean] == [t.text for t in full]
    assert (lean.to_array(read) == full.to_array(read)).all()
    assert any(t.like_num for t in full)
    assert not any(t.like_num for t in lean)
    # The entities are spaCy's own on the same text.
    assert _ents(windows._greedy.pipe([text], windows._nlp)) == _ents(nlp.pipe([text]))
