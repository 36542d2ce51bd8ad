"""spaCy's greedy NER decoder in numpy, all windows of a batch at once: the same entities.

spaCy's NER (a transition-based parser, beam width 1) decodes in a C loop that, for every
window and every token, asks each of its ~74 moves whether it is valid. In the installed build
every such check takes and releases the GIL a few times (``take_gil`` / ``drop_gil`` /
``pthread_mutex_lock`` were ~35% of a ``perf`` profile of the NER call), so decoding cost
~50 us per token, more than the token encoder. :class:`GreedyNer` runs the same decoder
(``Parser.greedy_parse`` with ``BiluoPushDown``'s moves) over numpy arrays, for all windows
of a batch together (a state outside an entity depends on its next token alone, one inside
on its next token and the entity's first token and label: see :meth:`GreedyNer.entities`):

- the same encoder output and the same precomputed lower layer (the model's own layers);
- each state's three features (next token, open entity's first token, the token before the
  next), summed in spaCy's order, plus the bias, maxout over the pieces;
- the output layer through numpy's BLAS (on one thread, see ``ner_lean.numpy_blas``): BLIS's
  ``gemm``, the routine spaCy's decoder calls, runs its generic kernel on this processor, 2-4x
  slower on these small products; the scores differ from spaCy's in the last bits only (on
  all 5,407 NER batches of the bench texts the entities are the same, the closest decision
  between two moves 1.2e-4 apart);
- the moves' validity rules for text without preset entities or sentence starts (what the
  name stage sends), as a table over (open entity's label, one token left, whitespace token);
- the first best valid move, as spaCy's ``arg_max_if_valid``.

:func:`install` builds it only for a model laid out this way and only if its entities equal
spaCy's on probe texts; otherwise the caller keeps ``nlp.pipe``.
"""

from __future__ import annotations

import bisect
import logging
from typing import Any

__all__ = ["GreedyNer", "install"]

_log = logging.getLogger(__name__)

_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_MOVES = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}

_PROBES = (
    "Ticket #8354 opened by Gabriel; assigned to Kaori Tanaka.",
    "Hi",
    "Ms. Nguyễn-Văn wrote: 'Dr. O'Neil, call +1 (212) 555-0187 re: INV-4471!'",
    "Apple hired Tim Cook in Cupertino, California on May 4, 2011 for $5 million.",
    "customer Leona Farrow  reports the router; escalated to Ossian Pike",
    "Referrer Pascal T. Dalesworth of Oakford Surgery, Ivybrook Hospice, New York",
)


class GreedyNer:
    """The NER pipe's greedy decoder over numpy arrays (see the module docstring)."""

    def __init__(self, nlp: Any, component: str = "ner") -> None:
        """Read the layers and moves of ``nlp``'s ``component``.

        Args:
            nlp: a loaded spaCy pipeline.
            component: its NER pipe (a ``BiluoPushDown`` parser, beam width 1).

        Raises:
            ValueError: the pipe is not built the way this decoder reproduces.
        """
        import numpy
        from spacy import attrs

        self._is_space = attrs.IS_SPACE
        ner = nlp.get_pipe(component)
        model = ner.model
        if (
            ner.cfg.get("beam_width", 1) != 1
            or len(model.layers) != 3
            or not model.attrs.get("has_upper")
            or model.attrs.get("unseen_classes")
            or type(ner.moves).__name__ != "BiluoPushDown"
        ):
            raise ValueError("unsupported NER pipe: not a greedy BILUO parser")
        lower, upper = model.layers[1], model.layers[2]
        if lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2:
            raise ValueError("unsupported lower layer")
        self._tok2vec = model.layers[0]
        self._lower = lower
        self._n_out = lower.get_dim("nO")
        self._n_pieces = lower.get_dim("nP")
        width = self._n_out * self._n_pieces
        self._bias = numpy.ascontiguousarray(lower.get_param("b").reshape(width))
        self._w_up = numpy.ascontiguousarray(upper.get_param("W"))
        self._b_up = numpy.ascontiguousarray(upper.get_param("b"))
        n_moves = ner.moves.n_moves
        if self._w_up.shape[0] != n_moves:
            raise ValueError("output layer does not match the moves")
        labels: list[str] = []
        moves = numpy.zeros(n_moves, dtype="int64")
        label_ids = numpy.zeros(n_moves, dtype="int64")
        for i in range(n_moves):
            name = ner.moves.get_class_name(i)
            move, _, label = name.partition("-")
            if move not in _MOVES:
                raise ValueError(f"unknown move {name!r}")
            moves[i] = _MOVES[move]
            if label and label not in labels:
                labels.append(label)
            label_ids[i] = labels.index(label) + 1 if label else 0
        self._labels = ["", *labels]
        self._move = moves
        self._label = label_ids
        # Validity table: row = open entity's label id (0: none) * 4 + 2 * (>= 2 tokens
        # left) + (next token is whitespace); the rules of ner.pyx without preset entities.
        rows = []
        for open_label in range(len(self._labels)):
            for two_left in (False, True):
                for space in (False, True):
                    is_open = open_label != 0
                    labelled = label_ids != 0
                    same = label_ids == open_label
                    rows.append(
                        ((moves == _BEGIN) & (not is_open) & two_left & labelled & (not space))
                        | ((moves == _IN) & is_open & two_left & labelled & same)
                        | ((moves == _LAST) & is_open & labelled & same)
                        | ((moves == _UNIT) & (not is_open) & labelled & (not space))
                        | ((moves == _OUT) & (not is_open))
                    )
        valid = numpy.array(rows, dtype=bool)
        # The output bias where a move is valid, -inf where not: valid moves get spaCy's
        # scores (its gemm, then + bias), and argmax picks the first best valid move, as
        # spaCy's arg_max_if_valid does.
        self._bias_valid = numpy.where(valid, self._b_up, -numpy.inf).astype(self._b_up.dtype)
        self._move_list: list[int] = moves.tolist()
        self._label_list: list[int] = label_ids.tolist()
        # Both products against row-major copies of the weights: OpenBLAS packs a transposed
        # view first (the lower layer's 384 x 64: 12 -> 3 us at 8 rows; see ner_lean's
        # row_major); the same lower-layer values, the output scores up to float rounding.
        self._w_up_t = numpy.ascontiguousarray(self._w_up.T)
        n_in = lower.get_dim("nI")
        self._w_low_t = numpy.ascontiguousarray(
            lower.get_param("W").reshape(lower.get_dim("nF") * width, n_in).T
        )
        self._pad = numpy.ascontiguousarray(lower.get_param("pad")).reshape(-1)
        # A closed state's padding features (E(0), the token before the next) plus the bias.
        self._closed = self._pad[width : 2 * width] + self._pad[2 * width :] + self._bias

    def entities(self, docs: list[Any]) -> list[list[tuple[int, int, str]]]:
        """``(start token, end token, label)`` of each doc's entities, as spaCy finds them.

        A state with no open entity depends on its next token alone (the other two features
        are the padding row), so the moves of all such states are scored in one product up
        front; a state inside an entity depends on its next token, the entity's first token
        and label, so the later tokens of all entities are scored depth by depth (a name's
        second word, its third, ...), one product per depth. The sums are the same
        element-wise operations in the same order, so the moves are spaCy's up to the output
        product's float rounding (see the module docstring).
        """
        import numpy

        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        order = [i for i, d in enumerate(docs) if len(d)]
        if not order:
            return out
        docs_in = [docs[i] for i in order]
        lengths = [len(d) for d in docs_in]
        # The lower layer (spaCy's PrecomputableAffine.forward): row 0 the padding, then each
        # token's three features' pre-activations side by side.
        tokens = self._tok2vec.predict(docs_in)
        table = numpy.empty((len(tokens) + 1, len(self._pad)), dtype=self._pad.dtype)
        table[0] = self._pad
        self._lower.ops.gemm(tokens, self._w_low_t, out=table[1:])
        width = self._n_out * self._n_pieces
        # Each feature's columns as a view: every use adds or gathers rows (new arrays, the
        # same values), so no contiguous copies.
        f0, f1, f2 = (table[:, f * width : (f + 1) * width] for f in range(3))
        # Per table row: 2 if another token follows in its doc, + 1 if it is whitespace.
        starts = []  # row of each doc's first token
        row = 1
        for n in lengths:
            starts.append(row)
            row += n
        flags = numpy.zeros(len(table), dtype="int64")
        if len(docs_in) == 1:
            flags[1:] = docs_in[0].to_array(self._is_space)
        else:
            flags[1:] = numpy.concatenate([d.to_array(self._is_space) for d in docs_in])
        flags[1:] += 2
        flags[[s + n - 1 for s, n in zip(starts, lengths, strict=True)]] -= 2
        # Every row as the next token of a state without an open entity (E(0) and the
        # feature before the next token are the padding row 0: their sum with the bias is
        # the same in every call, added once; the same values up to float rounding).
        closed = self._best(f0 + self._closed, None, flags).tolist()
        move, label, labels = self._move_list, self._label_list, self._labels
        # A state without an open entity moves OUT at most tokens and stays as it was; it
        # begins an entity (B or U) at the few rows `events`. An open entity's state is its
        # next token, its first token and its label, so the later tokens of an entity begun
        # at row b are scored depth by depth, every B row's entity of a depth in one product,
        # whether or not an earlier entity of its window covers b (then it is not used).
        # (Plain lists: a few dozen rows, cheaper than numpy's calls on them.)
        events = [r for r in range(1, len(closed)) if move[closed[r]] != _OUT]
        begins = [r for r in events if move[closed[r]] == _BEGIN]
        inside = (
            self._inside(
                numpy.array(begins, dtype="intp"),
                numpy.array([label[closed[r]] for r in begins], dtype="int64"),
                (f0, f1, f2),
                flags,
            )
            if begins
            else {}
        )
        resume = 0  # the first row not inside an entity already decoded
        for row in events:
            if row < resume:
                continue  # inside an entity: the closed state's move does not apply
            b = closed[row]
            if move[b] == _UNIT:
                last = b
                resume = row + 1
            else:  # _BEGIN: I moves, then the L that ends it
                later = inside[row]
                last = later[-1]
                resume = row + len(later) + 1
            j = bisect.bisect_right(starts, row) - 1
            start = starts[j]
            out[order[j]].append((row - start, resume - start, labels[label[last]]))
        return out

    def _inside(
        self, begins: Any, labs: Any, features: tuple[Any, Any, Any], flags: Any
    ) -> dict[int, list[int]]:
        """The moves at rows b+1, b+2, ... of the entity begun at each row b of ``begins``
        (label ids ``labs``), up to the L that ends it: one product per depth."""
        f0, f1, f2 = features
        inside: dict[int, list[int]] = {r: [] for r in begins.tolist()}
        depth = 1
        while len(begins):
            # Validity: B needs another token after it, I too, so b + depth is in b's window.
            rows = begins + depth
            unmaxed = f0[rows] + f1[begins]
            unmaxed += f2[rows - 1]  # B(0) - 1 inside an entity
            unmaxed += self._bias
            best = self._best(unmaxed, labs, flags[rows])
            for r, m in zip(begins.tolist(), best.tolist(), strict=True):
                inside[r].append(m)
            going = self._move[best] == _IN  # else L: the entity ends at b + depth
            begins, labs = begins[going], labs[going]
            depth += 1
        return inside

    def _best(self, unmaxed: Any, labels: Any, flags: Any) -> Any:
        """The first best valid move of each state, from its summed lower-layer features."""
        import numpy

        # Maxout: the largest piece, as numpy.maximum.reduce over the pieces axis gives it
        # (the same values), but as element-wise maxima of the pieces' strided views, several
        # times faster than a reduction over an axis of length 2.
        pieces = unmaxed.reshape(len(unmaxed), self._n_out, self._n_pieces)
        hidden = numpy.maximum(pieces[:, :, 0], pieces[:, :, 1])
        for p in range(2, self._n_pieces):
            numpy.maximum(hidden, pieces[:, :, p], out=hidden)
        scores = numpy.dot(hidden, self._w_up_t)
        # + bias where a move is valid in the state, -inf where not
        scores += self._bias_valid[flags if labels is None else labels * 4 + flags]
        return scores.argmax(axis=1)

    def pipe(self, texts: list[str], nlp: Any) -> list[Any]:
        """Docs of ``texts`` with the entities set, as ``nlp.pipe(texts)`` gives them."""
        from spacy.tokens import Span

        docs = [nlp.make_doc(t) for t in texts]
        for doc, ents in zip(docs, self.entities(docs), strict=True):
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")
        return docs


def _ents(docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]


def install(nlp: Any, component: str = "ner") -> GreedyNer | None:
    """A :class:`GreedyNer` for ``nlp``, if it reproduces spaCy's entities on the probes.

    Args:
        nlp: a loaded spaCy pipeline (not changed).
        component: its NER pipe.

    Returns:
        The decoder, or None (keep ``nlp.pipe``).
    """
    try:
        greedy = GreedyNer(nlp, component)
        texts = list(_PROBES)
        for batch in (texts, texts[:1], texts[3:4], texts[::-1]):
            if _ents(greedy.pipe(batch, nlp)) != _ents(list(nlp.pipe(batch))):
                _log.debug("greedy NER decoder differs from spaCy's; not used")
                return None
    except Exception:  # any surprise in the model's layout: keep spaCy's own path
        _log.debug("greedy NER decoder not installed", exc_info=True)
        return None
    return greedy
