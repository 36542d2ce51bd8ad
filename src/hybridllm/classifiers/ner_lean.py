"""The NER model's token encoder without thinc's per-layer overhead: same operations, same numbers.

spaCy's small English NER embeds each token (hashed NORM / PREFIX / SUFFIX / SHAPE, a maxout
and a layer norm), runs four residual window layers over each document and projects to the
parser's width. thinc builds that from ~40 ``Model`` objects; on the few short windows the name
recognizer sends per call, calling through them (callbacks, shape checks, per-layer list and
ragged conversions) costs about as much as the arithmetic. :func:`lean_tok2vec` reads the
weights out of the loaded model once and runs the same arithmetic (the same ``Ops.gemm``,
``maxout``, ``seq2col`` and hashing calls, the layer norm's mean and variance as numpy computes
them, the padding between documents placed by index) in one function, so the result is bit for
bit the model's own: :func:`install` checks that on probe texts and keeps the model untouched
when it differs or the model is not built the way this expects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

__all__ = ["install", "lean_tok2vec", "numpy_blas"]

_log = logging.getLogger(__name__)

_PROBES = (
    "Ticket #8354 opened by Gabriel; assigned to Kaori Tanaka.",
    "Hi",
    "Ms. Nguyễn-Văn wrote: 'Dr. O'Neil, call +1 (212) 555-0187 re: INV-4471!'",
)


def _parts(layer: Any) -> dict[str, Any] | None:
    """The weights of a spaCy ``build_Tok2Vec_model`` + ``list2array >> linear`` chain."""
    nodes = list(layer.walk())
    names = [n.name for n in nodes]
    features = [n for n in nodes if n.name == "extract_features"]
    embeds = [n for n in nodes if n.name == "hashembed"]
    maxouts = [n for n in nodes if n.name == "maxout"]
    norms = [n for n in nodes if n.name == "layernorm"]
    linears = [n for n in nodes if n.name == "linear"]
    windows = [n for n in nodes if n.name == "expand_window"]
    padded = [n for n in nodes if n.name.startswith("with_array(residual")]
    if (
        len(features) != 1
        or not embeds
        or len(maxouts) != len(norms)
        or len(maxouts) != len(windows) + 1
        or len(linears) != 1
        or len(padded) != 1
        or "list2array" not in names
        or any(n.attrs.get("dropout_rate", 0.0) not in (0.0, None) for n in embeds)
    ):
        return None
    ops = layer.ops
    return {
        "ops": ops,
        "columns": features[0].attrs["columns"],
        "embeds": [(e.get_param("E"), e.attrs["seed"], e.attrs["column"]) for e in embeds],
        "maxouts": [
            (
                ops.reshape2f(m.get_param("W"), m.get_dim("nO") * m.get_dim("nP"), m.get_dim("nI")),
                ops.reshape1f(m.get_param("b"), m.get_dim("nO") * m.get_dim("nP")),
                m.get_dim("nO"),
                m.get_dim("nP"),
            )
            for m in maxouts
        ],
        "norms": [(n.get_param("G"), n.get_param("b")) for n in norms],
        "window": [w.attrs["window_size"] for w in windows],
        "pad": padded[0].attrs["pad"],
        "linear": (linears[0].get_param("W"), linears[0].get_param("b")),
    }


def lean_tok2vec(layer: Any) -> Any | None:
    """A thinc ``Model`` that computes what ``layer`` (the NER's token encoder) computes.

    Args:
        layer: ``ner.model.layers[0]`` of a loaded spaCy pipeline.

    Returns:
        The replacement model (predict only), or None if ``layer`` is not built as expected.
    """
    from thinc.api import Model

    p = _parts(layer)
    if p is None:
        return None
    ops = p["ops"]
    columns = p["columns"]
    embeds = p["embeds"]
    maxouts = p["maxouts"]
    norms = p["norms"]
    windows = p["window"]
    pad = p["pad"]
    w_lin, b_lin = p["linear"]

    xp = ops.xp
    add, true_divide = xp.add, xp.true_divide

    maximum, multiply = xp.maximum, xp.multiply

    def maxout_norm(x: Any, k: int) -> Any:
        # thinc.layers.maxout.forward, then thinc.layers.layernorm.forward: the same
        # expressions, with ndarray.mean / .var spelled out as numpy's _methods computes them
        # (one sum, one division by the count as an intp, the squared deviations' sum).
        w, b, n_out, n_pieces = maxouts[k]
        y = ops.gemm(x, w, trans2=True)
        y += b
        # ops.maxout's best piece (the first of equal ones), as element-wise maxima of the
        # pieces' strided views: the same values without the argmax ops.maxout also returns.
        pieces = y.reshape(y.shape[0], n_out, n_pieces)
        best = maximum(pieces[:, :, 0], pieces[:, :, 1])
        for piece in range(2, n_pieces):
            maximum(best, pieces[:, :, piece], out=best)
        gain, shift = norms[k]
        count = xp.intp(n_out)
        mu = add.reduce(best, axis=1, keepdims=True)
        true_divide(mu, count, out=mu, casting="unsafe")
        best -= mu  # the deviations
        var = add.reduce(best * best, axis=1, keepdims=True)
        true_divide(var, count, out=var, casting="unsafe")
        var += 1e-08
        multiply(best, var ** (-1.0 / 2.0), out=best)
        best *= gain
        best += shift
        return best

    def forward(model: Any, docs: Any, is_train: bool) -> tuple[Any, Any]:
        if is_train or not docs or any(len(doc) == 0 for doc in docs):
            original: tuple[Any, Any] = layer(docs, is_train)  # training, empty docs
            return original
        lengths = [len(doc) for doc in docs]
        ids = ops.asarray2i(
            xp.concatenate(
                [doc.to_array(columns).reshape(n, -1) for doc, n in zip(docs, lengths, strict=True)]
            ),
            dtype="uint64",
        )
        vectors = [
            ops.gather_add(
                table, ops.hash(ops.as_contig(ids[:, col], dtype="uint64"), seed) % table.shape[0]
            )
            for table, seed, col in embeds
        ]
        hidden = maxout_norm(xp.hstack(vectors), 0)
        # ops.flatten(ops.unflatten(hidden, lengths), pad=pad): `pad` zero rows before, between
        # and after the docs; `rows` are the docs' own rows in it.
        rows = xp.arange(len(hidden)) + pad * xp.repeat(xp.arange(1, len(docs) + 1), lengths)
        flat = xp.zeros((len(hidden) + pad * (len(docs) + 1), hidden.shape[1]), dtype=hidden.dtype)
        flat[rows] = hidden
        for k, size in enumerate(windows, start=1):
            flat = flat + maxout_norm(ops.seq2col(flat, size), k)
        out = ops.gemm(xp.ascontiguousarray(flat[rows]), w_lin, trans2=True)
        out += b_lin
        return out, None

    return Model("lean_tok2vec", forward, ops=ops)


def install(nlp: Any, component: str = "ner") -> bool:
    """Put the lean encoder into ``nlp``'s ``component`` if it gives identical vectors.

    Args:
        nlp: a loaded spaCy pipeline (owned by the caller; changed in place).
        component: the transition-based pipe to speed up.

    Returns:
        True if installed; False (model unchanged) if the model is built differently or the
        lean encoder's output differs in any bit on the probe texts.
    """
    import numpy

    try:
        model = nlp.get_pipe(component).model
        layer = model.layers[0]
        lean = lean_tok2vec(layer)
        if lean is None:
            return False
        docs = [nlp.make_doc(t) for t in _PROBES]
        for batch in (docs, docs[:1], docs[1:2]):
            if not numpy.array_equal(layer.predict(batch), lean.predict(batch)):
                return False
    except Exception:  # any surprise in the model's layout: keep spaCy's own path
        _log.debug("lean NER encoder not installed", exc_info=True)
        return False
    model.layers[0] = lean
    return True


def _entities(nlp: Any, component: str) -> list[list[tuple[int, int, str]]]:
    docs = nlp.get_pipe(component).pipe([nlp.make_doc(t) for t in _PROBES])
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]


def numpy_blas(
    nlp: Any, component: str = "ner"
) -> Callable[[], AbstractContextManager[object]] | None:
    """Send the model's matrix products to numpy's BLAS, run on one thread.

    thinc multiplies with BLIS (the ``blis`` wheel); on processors its start-up check does not
    recognise (an AMD EPYC of family 25 here) BLIS selects its *generic* reference kernel, 3-4x
    slower than numpy's OpenBLAS on the same products (14 x 288 by 288: 151 us vs 55 us). With
    ``use_blis`` off, thinc's ``Ops.gemm`` calls ``numpy.dot``. OpenBLAS would split even these
    small products across threads (a loss on a busy machine), so every NER call runs inside
    the returned context, which limits the BLAS to one thread (threadpoolctl, the maintained
    library scikit-learn uses for this; the limit is process-wide while the call lasts).

    The products are the same up to float rounding; :func:`numpy_blas` keeps BLIS if the
    entities of the probe texts change.

    Args:
        nlp: a loaded spaCy pipeline (changed in place).
        component: the pipe whose model to change.

    Returns:
        A factory of the one-thread context to run NER in, or None (nothing changed: no
        controllable BLAS under numpy, or different entities).
    """
    try:
        from threadpoolctl import ThreadpoolController

        controller = ThreadpoolController().select(user_api="blas")
        if not controller.lib_controllers:
            return None
        model = nlp.get_pipe(component).model
        ops = [n.ops for n in model.walk() if getattr(n.ops, "use_blis", False)]
        if not ops:
            return None
        before = _entities(nlp, component)
        for o in ops:
            o.use_blis = False
        with controller.limit(limits=1):
            after = _entities(nlp, component)
        if after != before:
            for o in ops:
                o.use_blis = True
            return None
    except Exception:  # keep BLIS on any surprise
        _log.debug("numpy BLAS not used for NER", exc_info=True)
        return None

    def one_thread() -> AbstractContextManager[object]:
        limited: AbstractContextManager[object] = controller.limit(limits=1)
        return limited

    return one_thread
