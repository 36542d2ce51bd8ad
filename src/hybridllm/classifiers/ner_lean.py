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

Two further savings change only the float rounding, and :func:`install` takes them when the
probes' vectors stay within it and their entities are the same: the first layer's product
replaced by tables precomputed at load (``projected``), and the window layers computed only
on the rows the tokens' vectors depend on, the padding rows' constant values precomputed
(``trimmed``). On every NER batch the name stage sends for the bench texts (5,834 batches),
the entities are the same; the closest decision between two moves there is 1.2e-4 apart, the
vectors move by at most 6e-6 (docs/benchmarks.md, names round 10 and latency round 12).
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


def lean_tok2vec(
    layer: Any, *, projected: bool = False, trimmed: bool = False, row_major: bool = False
) -> Any | None:
    """A thinc ``Model`` that computes what ``layer`` (the NER's token encoder) computes.

    Args:
        layer: ``ner.model.layers[0]`` of a loaded spaCy pipeline.
        projected: multiply the hash-embedding tables by the first maxout's weights once, at
            build time (see :func:`_projections`), so a call adds projected rows instead of
            multiplying every token's embedding: the same vectors up to float rounding (the
            sums run in another order), not bit for bit.
        trimmed: compute each window layer only on the rows a token's vector depends on
            that are not padding alone (see ``_Lean.trimmed_layers``): fewer rows per
            product, the same values up to float rounding (a row's last bits depend on its
            position in the product).
        row_major: keep every weight matrix transposed in a contiguous copy, so a product is
            ``x @ W.T`` read row by row: OpenBLAS multiplies ``x`` by a transposed view by
            first packing the whole matrix (~35 us for 288 x 288 here, whatever the rows), by
            a contiguous one directly (8 rows: 42 -> 9 us). The same values from 5 rows up
            (a different small-matrix kernel below, float rounding).

    Returns:
        The replacement model (predict only), or None if ``layer`` is not built as expected.
    """
    from thinc.api import Model

    p = _parts(layer)
    if p is None:
        return None
    lean = _Lean(layer, p, projected=projected, trimmed=trimmed, row_major=row_major)
    attrs = {"projected": projected, "trimmed": trimmed}
    if row_major:
        attrs["row_major"] = True
    return Model("lean_tok2vec", lean.forward, ops=p["ops"], attrs=attrs)


class _Lean:
    """The encoder's arithmetic over the weights ``_parts`` read (see :func:`lean_tok2vec`)."""

    def __init__(
        self, layer: Any, p: dict[str, Any], *, projected: bool, trimmed: bool, row_major: bool
    ) -> None:
        self.layer = layer
        self.ops = p["ops"]
        self.xp = self.ops.xp
        self.columns = p["columns"]
        self.embeds = p["embeds"]
        self.maxouts = p["maxouts"]
        self.norms = p["norms"]
        self.windows = p["window"]
        self.pad = p["pad"]
        self.w_lin, self.b_lin = p["linear"]
        self.projections = _projections(self.embeds, self.maxouts[0][0]) if projected else None
        # gemm(x, w_t[k]) instead of gemm(x, W, trans2=True) (see lean_tok2vec's row_major)
        # (the first layer's product is the projected tables' sums when projected)
        self.w_t = (
            [
                None if k == 0 and projected else self.xp.ascontiguousarray(w.T)
                for k, (w, _, _, _) in enumerate(self.maxouts)
            ]
            if row_major
            else None
        )
        self.w_lin_t = self.xp.ascontiguousarray(self.w_lin.T) if row_major else None
        # The layer norms' means as products (see norm_of) where the rounding is free anyway.
        self.mean_of = (
            [self.xp.full((n, 1), 1.0 / n, dtype=w.dtype) for w, _, n, _ in self.maxouts]
            if projected or trimmed or row_major
            else None
        )
        # Reaches and padding values of the trimmed layers (see trimmed_layers); without
        # them (padding shorter than the layers' reach) every row is computed.
        self.reach = (self.reaches() if trimmed else None) or []
        self.trimmed = bool(self.reach)
        self.padded = self.padding_values() if self.trimmed else []

    def maxout_norm(self, x: Any, k: int) -> Any:
        """Maxout layer ``k`` (its product, bias, best piece), then its layer norm."""
        # thinc.layers.maxout.forward, then thinc.layers.layernorm.forward: the same
        # expressions, with ndarray.mean / .var spelled out as numpy's _methods computes them
        # (one sum, one division by the count as an intp, the squared deviations' sum).
        w, b, _, _ = self.maxouts[k]
        y = self.ops.gemm(x, w, trans2=True) if self.w_t is None else self.ops.gemm(x, self.w_t[k])
        y += b
        return self.norm_of(y, k)

    def norm_of(self, y: Any, k: int) -> Any:
        """Layer ``k``'s best pieces of ``y`` (its product plus bias), layer-normed."""
        xp = self.xp
        _, _, n_out, n_pieces = self.maxouts[k]
        # ops.maxout's best piece (the first of equal ones), as element-wise maxima of the
        # pieces' strided views: the same values without the argmax ops.maxout also returns.
        pieces = y.reshape(y.shape[0], n_out, n_pieces)
        best = xp.maximum(pieces[:, :, 0], pieces[:, :, 1])
        for piece in range(2, n_pieces):
            xp.maximum(best, pieces[:, :, piece], out=best)
        gain, shift = self.norms[k]
        if self.mean_of is not None:
            # The rounding is free already (see lean_tok2vec): the means as products with a
            # column of 1 / n, and a division by the deviation; two numpy calls fewer (14 -> 10
            # us on 12 rows), the same values up to float rounding (~4e-7 on vectors of order 1).
            mean_of = self.mean_of[k]
            best -= best @ mean_of
            var = (best * best) @ mean_of
            var += 1e-08
            xp.sqrt(var, out=var)
            best /= var
            best *= gain
            best += shift
            return best
        count = xp.intp(n_out)
        mu = xp.add.reduce(best, axis=1, keepdims=True)
        xp.true_divide(mu, count, out=mu, casting="unsafe")
        best -= mu  # the deviations
        var = xp.add.reduce(best * best, axis=1, keepdims=True)
        xp.true_divide(var, count, out=var, casting="unsafe")
        var += 1e-08
        xp.multiply(best, var ** (-1.0 / 2.0), out=best)
        best *= gain
        best += shift
        return best

    def embed(self, ids: Any) -> Any:
        """The first layer's output for the tokens' attribute ids (hashed embeddings)."""
        ops = self.ops
        if self.projections is None:
            vectors = [
                ops.gather_add(
                    table,
                    ops.hash(ops.as_contig(ids[:, col], dtype="uint64"), seed) % table.shape[0],
                )
                for table, seed, col in self.embeds
            ]
            return self.maxout_norm(self.xp.hstack(vectors), 0)
        # Each table's hashed rows summed, already multiplied by the maxout's weights.
        y = None
        for table, seed, col in self.projections:
            keys = ops.hash(ops.as_contig(ids[:, col], dtype="uint64"), seed) % len(table)
            part = ops.gather_add(table, keys)
            if y is None:
                y = part
            else:
                y += part
        y += self.maxouts[0][1]
        return self.norm_of(y, 0)

    def reaches(self) -> list[tuple[int, int]] | None:
        """Per window layer: how far from a token its rows are computed, and up to where the
        rows beyond that get the layer's constant padding value (see :meth:`trimmed_layers`);
        None if the padding is too short for that (a row would read past the array)."""
        sizes = self.windows
        out = []
        for k in range(len(sizes)):
            seen = sum(sizes[: k + 1])  # a row's value depends on the inputs this far away
            need = sum(sizes[k + 1 :])  # the later layers read its rows this far from a token
            out.append((min(seen, need), need))
        return out if self.pad >= sum(sizes) else None

    def padding_values(self) -> list[Any]:
        """Each window layer's output on a row whose inputs are all padding (zero rows)."""
        row = self.xp.zeros((1, self.maxouts[1][2]), dtype=self.maxouts[1][0].dtype)
        out = []
        for k, size in enumerate(self.windows, start=1):
            row = row + self.maxout_norm(self.xp.tile(row, (1, 2 * size + 1)), k)
            out.append(row[0])
        return out

    def trimmed_layers(self, flat: Any, rows: Any, one_doc: bool) -> Any:
        """The window layers over the padded rows ``flat``; the tokens' rows (``rows``) out.

        Each layer is computed only on the rows within reach of a token both ways: a row
        further from every token than the layer's inputs reach has the same value in every
        call (the layer's output on padding alone, :meth:`padding_values`), and one further
        than the later layers read is no token's input. So layer ``k`` runs on one contiguous
        block, from ``min(reach so far, reach still to come)`` rows before the first token to
        as many after the last (the rows between two documents computed like any other), and
        the rows beyond it that later layers still read get the constant. With four layers of
        window 1: 2, 4, 2 and 0 padding rows per product instead of 8, 8, 2 and 0 (round 11's
        trim), for one document.
        """
        ops, windows = self.ops, self.windows
        first, stop = self.pad, len(flat) - self.pad  # the rows from the first token to the last
        last = len(windows)
        for k, size in enumerate(windows, start=1):
            near, need = self.reach[k - 1]
            if k == last and not one_doc:
                # The tokens' rows only: the padding between documents is read no more.
                cols = ops.seq2col(flat[first - size : stop + size], size)
                picked = cols[rows - (first - size)]
                out = flat[rows]
                out += self.maxout_norm(picked, k)
                return out
            lo, hi = first - near, stop + near
            cols = ops.seq2col(flat[lo - size : hi + size], size)[size:-size]
            flat[lo:hi] += self.maxout_norm(cols, k)
            if need > near:
                flat[first - need : lo] = self.padded[k - 1]
                flat[hi : stop + need] = self.padded[k - 1]
        return flat[first:stop]

    def forward(self, model: Any, docs: Any, is_train: bool) -> tuple[Any, Any]:
        """The thinc forward pass (predict only; training goes to the model's own layer)."""
        if is_train or not docs or any(len(doc) == 0 for doc in docs):
            original: tuple[Any, Any] = self.layer(docs, is_train)  # training, empty docs
            return original
        xp, ops, pad = self.xp, self.ops, self.pad
        lengths = [len(doc) for doc in docs]
        if len(docs) == 1:  # the usual batch at 200 B: no concatenation, rows as a slice
            ids = docs[0].to_array(self.columns).reshape(lengths[0], -1)
            ids = ops.asarray2i(ids, dtype="uint64")
        else:
            ids = ops.asarray2i(
                xp.concatenate(
                    [
                        doc.to_array(self.columns).reshape(n, -1)
                        for doc, n in zip(docs, lengths, strict=True)
                    ]
                ),
                dtype="uint64",
            )
        hidden = self.embed(ids)
        # ops.flatten(ops.unflatten(hidden, lengths), pad=pad): `pad` zero rows before, between
        # and after the docs; `rows` are the docs' own rows in it.
        rows: Any = (
            slice(pad, pad + len(hidden))
            if len(docs) == 1
            else xp.arange(len(hidden)) + pad * xp.repeat(xp.arange(1, len(docs) + 1), lengths)
        )
        flat = xp.zeros((len(hidden) + pad * (len(docs) + 1), hidden.shape[1]), dtype=hidden.dtype)
        flat[rows] = hidden
        if self.trimmed:
            tokens = self.trimmed_layers(flat, rows, len(docs) == 1)
        else:
            for k, size in enumerate(self.windows, start=1):
                flat = flat + self.maxout_norm(ops.seq2col(flat, size), k)
            tokens = xp.ascontiguousarray(flat[rows])
        if self.w_lin_t is None:
            out = ops.gemm(tokens, self.w_lin, trans2=True)
        else:
            out = ops.gemm(tokens, self.w_lin_t)
        out += self.b_lin
        return out, None


def _projections(embeds: list[tuple[Any, int, int]], weights: Any) -> list[tuple[Any, int, int]]:
    """Each hash-embedding table times its block of the first maxout's weights.

    The first layer multiplies the concatenation of the tables' hashed rows by ``weights``;
    that is linear in each table's rows, so ``table @ block.T`` (computed once, in float64 and
    rounded to the tables' float32) turns a call's product into row additions. Like spaCy's
    ``PrecomputableAffine`` for the parser's lower layer. ~11k rows x 288 floats (~13 MB).
    """
    import numpy
    from threadpoolctl import threadpool_limits

    out = []
    start = 0
    # One BLAS thread: on these products more threads only add CPU time (0.17 s -> 0.04 s).
    with threadpool_limits(limits=1, user_api="blas"):
        for table, seed, col in embeds:
            width = table.shape[1]
            block = numpy.asarray(weights[:, start : start + width], dtype="float64").T
            product = numpy.empty((len(table), block.shape[1]), dtype=table.dtype)
            for row in range(0, len(table), 512):  # small float64 temporaries
                part = numpy.asarray(table[row : row + 512], dtype="float64") @ block
                product[row : row + 512] = part
            out.append((product, seed, col))
            start += width
    return out


def install(nlp: Any, component: str = "ner") -> bool:
    """Put the lean encoder into ``nlp``'s ``component`` if it gives the model's vectors.

    The plain lean encoder must give the model's vectors bit for bit on the probe texts; then
    the projected and trimmed one (see :func:`lean_tok2vec`; with row-major products, else
    without) is installed if its vectors are within float rounding of those and the probes'
    entities are the same, else the plain one.

    Args:
        nlp: a loaded spaCy pipeline (owned by the caller; changed in place).
        component: the transition-based pipe to speed up.

    Returns:
        True if installed; False (model unchanged) if the model is built differently or the
        plain lean encoder's output differs in any bit on the probe texts.
    """
    import numpy

    try:
        model = nlp.get_pipe(component).model
        layer = model.layers[0]
        lean = lean_tok2vec(layer)
        if lean is None:
            return False
        docs = [nlp.make_doc(t) for t in _PROBES]
        batches = (docs, docs[:1], docs[1:2], docs[::-1])
        for batch in batches:
            if not numpy.array_equal(layer.predict(batch), lean.predict(batch)):
                return False
    except Exception:  # any surprise in the model's layout: keep spaCy's own path
        _log.debug("lean NER encoder not installed", exc_info=True)
        return False
    model.layers[0] = lean
    try:
        want = _entities(nlp, component)
        for row_major in (True, False):  # the row-major products first (see lean_tok2vec)
            fast = lean_tok2vec(layer, projected=True, trimmed=True, row_major=row_major)
            if fast is not None and all(
                numpy.allclose(fast.predict(batch), lean.predict(batch), rtol=1e-4, atol=1e-4)
                for batch in batches
            ):
                model.layers[0] = fast
                if _entities(nlp, component) == want:
                    break
                model.layers[0] = lean
    except Exception:  # keep the plain lean encoder
        model.layers[0] = lean
        _log.debug("projected NER encoder not installed", exc_info=True)
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

    libs = list(controller.lib_controllers)

    def one_thread() -> AbstractContextManager[object]:
        return _OneThread(libs)

    return one_thread


class _OneThread:
    """The BLAS libraries ``libs`` (threadpoolctl's controllers) on one thread while inside.

    What ``ThreadpoolController.limit(limits=1)`` does, without its ``info()`` (version,
    architecture, threading layer of every library, a dict each: most of its ~5 us per NER
    call): read each library's thread count, set 1 where it differs, put it back on exit.
    """

    def __init__(self, libs: list[Any]) -> None:
        self._libs = libs
        self._before: list[Any] = []

    def __enter__(self) -> _OneThread:
        self._before = [lib.get_num_threads() for lib in self._libs]
        for lib, n in zip(self._libs, self._before, strict=True):
            if n != 1:
                lib.set_num_threads(1)
        return self

    def __exit__(self, *exc: object) -> None:
        for lib, n in zip(self._libs, self._before, strict=True):
            if n != 1 and n is not None:
                lib.set_num_threads(n)
