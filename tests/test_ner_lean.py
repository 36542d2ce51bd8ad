"""The lean NER encoder and numpy's BLAS give spaCy's own vectors and entities."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

from hybridllm.classifiers import ner_lean
from hybridllm.classifiers.name_ner import _SPACY_EXCLUDE
from hybridllm.classifiers.names import SPACY_MODEL

TEXTS = [
    "Ticket #2772 opened by Auriville Gilbert; assigned to Jørgen",
    "com,Account Manager,Amy-leigh Paterson,lost\n",
    "Impi Nummelin: Dear Eser, can you check the VPN client?",
    "Patient John Smith, MRN: 12345678, seen by Dr. Okafor at St. Mary's in Boston.",
    "x",
]


def _load() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load(SPACY_MODEL, exclude=_SPACY_EXCLUDE)


def _ents(nlp: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def plain() -> Any:
    return _load()


def test_lean_encoder_gives_the_same_vectors_bit_for_bit(plain: Any) -> None:
    layer = plain.get_pipe("ner").model.layers[0]
    lean = ner_lean.lean_tok2vec(layer)
    assert lean is not None
    for batch in ([TEXTS[0]], TEXTS, TEXTS[1:3], [TEXTS[-1]] * 3):
        docs = [plain.make_doc(t) for t in batch]
        want = layer.predict(docs)
        got = lean.predict(docs)
        assert got.shape == want.shape == (sum(len(d) for d in docs), want.shape[1])
        assert numpy.array_equal(got, want)


@pytest.mark.parametrize(
    ("projected", "trimmed", "row_major"),
    [
        (True, False, False),
        (False, True, False),
        (True, True, False),
        (False, False, True),
        (True, True, True),
    ],
    ids=str,
)
def test_projected_trimmed_and_row_major_encoders_round_like_the_model(
    plain: Any, projected: bool, trimmed: bool, row_major: bool
) -> None:
    layer = plain.get_pipe("ner").model.layers[0]
    fast = ner_lean.lean_tok2vec(layer, projected=projected, trimmed=trimmed, row_major=row_major)
    exact = ner_lean.lean_tok2vec(layer)
    assert fast is not None
    assert exact is not None
    want_attrs = {"projected": projected, "trimmed": trimmed}
    assert fast.attrs == (want_attrs | {"row_major": True} if row_major else want_attrs)
    for batch in ([TEXTS[0]], TEXTS, TEXTS[1:3], [TEXTS[-1]] * 3, TEXTS[::-1]):
        docs = [plain.make_doc(t) for t in batch]
        want = exact.predict(docs)
        got = fast.predict(docs)
        assert got.shape == want.shape
        # Float rounding only (another order of the sums, another row position in a product):
        # far below the vectors' scale (entries of order 1).
        assert numpy.abs(got - want).max() < 1e-4
        assert numpy.abs(want).max() > 0.1


def test_lean_encoder_refuses_a_model_of_another_shape() -> None:
    from thinc.api import Linear, chain, list2array

    assert ner_lean.lean_tok2vec(chain(list2array(), Linear(4, 8))) is None


def test_installed_pipeline_finds_the_same_entities(plain: Any) -> None:
    nlp = _load()
    assert ner_lean.install(nlp)
    assert nlp.get_pipe("ner").model.layers[0].name == "lean_tok2vec"
    assert nlp.get_pipe("ner").model.layers[0].attrs == {
        "projected": True,
        "trimmed": True,
        "row_major": True,
    }
    one_thread = ner_lean.numpy_blas(nlp)
    assert one_thread is not None
    assert all(not n.ops.use_blis for n in nlp.get_pipe("ner").model.walk())
    with one_thread():
        fast = _ents(nlp, TEXTS)
    want = _ents(plain, TEXTS)
    assert fast == want
    assert any(label == "PERSON" for ents in want for _, _, label in ents)


def test_one_thread_context_limits_and_restores_the_blas() -> None:
    from threadpoolctl import threadpool_info

    nlp = _load()
    one_thread = ner_lean.numpy_blas(nlp)
    assert one_thread is not None
    before = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    with one_thread():
        inside = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    after = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    assert inside
    assert all(n == 1 for n in inside)
    assert after == before
