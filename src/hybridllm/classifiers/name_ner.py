"""spaCy NER on candidate windows only: the model loads in the background, windows are batched.

Running spaCy's NER over a whole prompt costs ~0.1 ms per token (20-30 ms per KB here). The name
recognizer asks it only about words it cannot settle from the token lists and the context, with
a window of a few words around each, cut at sentence ends, in one ``nlp.pipe`` batch.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple

from hybridllm._imports import importing
from hybridllm.classifiers import ner_greedy, ner_lean

__all__ = ["Entity", "NerWindows"]

# en_core_web_sm's ner has its own tok2vec layer; the shared "tok2vec" pipe only feeds tagger and
# parser, so it is left out too (same entities, less work per window).
_SPACY_EXCLUDE = ["tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]
_WINDOW_BREAK = frozenset(".!?\n")
_WINDOW_WORDS = 3
_LOAD_TIMEOUT_S = 60


class Entity(NamedTuple):
    """An entity NER found in a window, as plain offsets (no spaCy ``Span``/``Token`` objects).

    Attributes:
        start: its first character, in the window.
        end: the character after it, in the window.
        label: spaCy's label (``"PERSON"``, ``"ORG"``, ...).
        size: its number of tokens.
        words: ``(start, end)`` in the window of each of its tokens that is no punctuation.
    """

    start: int
    end: int
    label: str
    size: int
    words: tuple[tuple[int, int], ...]


def _entity(doc: Any, start: int, end: int, label: str) -> Entity:
    """The :class:`Entity` of tokens ``start:end`` of ``doc``."""
    words = []
    for k in range(start, end):
        token = doc[k]
        if not token.is_punct:
            words.append((token.idx, token.idx + len(token)))
    last = doc[end - 1]
    return Entity(doc[start].idx, last.idx + len(last), label, end - start, tuple(words))


def _read_attributes_only(nlp: Any) -> None:
    """Give a word new to ``nlp``'s vocabulary only the attributes this module's path reads.

    spaCy gives every new word (a name never seen before: most of a window's words) all of its
    ~23 lexical attributes (``like_num``, ``like_url``, ``is_stop``, ...), ~40% of
    ``make_doc``'s cost for a new word. Here the vocabulary is this pipeline's own, and only
    the NER's features (``NORM``, ``PREFIX``, ``SUFFIX``, ``SHAPE``), ``IS_SPACE`` (the
    moves' validity, in spaCy's decoder and in ``ner_greedy``) and ``IS_PUNCT`` (the entities'
    words, :func:`_entity`) are read; those getters stay the same functions, so those values
    are the same. Words already in the vocabulary keep all of theirs.
    """
    from spacy import attrs

    keep = {attrs.NORM, attrs.PREFIX, attrs.SUFFIX, attrs.SHAPE, attrs.IS_SPACE, attrs.IS_PUNCT}
    for node in nlp.get_pipe("ner").model.walk():
        if node.name == "extract_features":
            columns = node.attrs["columns"]
            keep.update(attrs.IDS[c.upper()] if isinstance(c, str) else c for c in columns)
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {a: f for a, f in getters.items() if a in keep}


class NerWindows:
    """A spaCy pipeline (tok2vec + ner only) loaded in a background thread.

    The loading thread is not a daemon: a process that ends while spaCy is still loading waits
    for it (a second or two) before the interpreter runs its exit handlers. A daemon thread
    would go on running spaCy and BLAS code while other libraries' exit handlers free their
    state, which crashed such processes (SIGSEGV, or BLIS aborting on a NULL malloc) after their
    own work was done and before their queued audit outcomes were written.
    """

    def __init__(self, model_name: str, *, enabled: bool = True) -> None:
        """Start loading ``model_name`` in a background (non-daemon) thread (if ``enabled``).

        Args:
            model_name: installed spaCy model package.
            enabled: load and run the model at all.
        """
        self._nlp: Any = None
        self._load_error: BaseException | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._one_thread: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext
        self._greedy: ner_greedy.GreedyNer | None = None
        if enabled:
            threading.Thread(
                target=self._load, args=(model_name,), name="hybridllm-spacy-load", daemon=False
            ).start()
        else:
            self._ready.set()

    def _load(self, model_name: str) -> None:
        try:
            # Serialised with lazy SDK imports: spaCy and the SDKs both import httpx.
            with importing():
                import spacy

                nlp = spacy.load(model_name, exclude=_SPACY_EXCLUDE)
            # The same encoder arithmetic without thinc's per-layer calls (checked bit for bit),
            # and numpy's BLAS on one thread instead of BLIS's generic kernel (see ner_lean).
            ner_lean.install(nlp)
            _read_attributes_only(nlp)
            self._one_thread = ner_lean.numpy_blas(nlp) or contextlib.nullcontext
            # spaCy's decoder loop without its per-move GIL round trips (see ner_greedy).
            with self._one_thread():
                self._greedy = ner_greedy.install(nlp)
            self._nlp = nlp
        except BaseException as exc:
            self._load_error = exc
        finally:
            self._ready.set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the model is loaded (or failed to load); True if it finished in time."""
        return self._ready.wait(timeout)

    @staticmethod
    def windows(
        text: str, words: Sequence[re.Match[str]], candidates: list[int]
    ) -> list[list[int]]:
        """Merged ``[start, end]`` windows of a few words around each candidate, in one sentence."""
        spans: list[list[int]] = []
        for i in candidates:
            lo = max(0, i - _WINDOW_WORDS)
            hi = min(len(words) - 1, i + _WINDOW_WORDS)
            start, end = words[lo].start(), words[hi].end()
            # Stay inside the sentence: NER context from the next sentence only adds cost.
            left = max((text.rfind(c, start, words[i].start()) for c in _WINDOW_BREAK), default=-1)
            if left >= 0:
                start = left + 1
            rights = [p for c in _WINDOW_BREAK if (p := text.find(c, words[i].end(), end)) >= 0]
            if rights:
                end = min(rights) + 1
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        return spans

    def run(
        self, text: str, words: Sequence[re.Match[str]], candidates: list[int]
    ) -> list[tuple[int, int, list[Entity]]]:
        """NER over the candidates' windows.

        Args:
            text: the text.
            words: word matches over ``text``.
            candidates: indexes into ``words``.

        Returns:
            ``(window start, window end, entities)`` per window, offsets in ``text``.

        Raises:
            RuntimeError: the model did not load (in time).
        """
        spans = self.windows(text, words, candidates)
        if not self._ready.wait(timeout=_LOAD_TIMEOUT_S):
            raise RuntimeError("spaCy model did not load in time")
        if self._load_error is not None or self._nlp is None:
            raise RuntimeError("spaCy model failed to load")
        # Identical windows (a column value repeated on every row of a pasted table) run once.
        unique = list(dict.fromkeys(text[s:e] for s, e in spans))
        nlp = self._nlp
        # A memory zone frees, when it ends, the words the windows added to spaCy's vocabulary:
        # without it every new word (each name of each prompt) stayed in the process for good,
        # a growing heap of the very values the SDK protects. Zones must not overlap: one at a
        # time, under the lock. Nothing made inside (docs, tokens) is used after it.
        with self._lock, nlp.memory_zone():
            docs = [nlp.make_doc(t) for t in unique]
            with self._one_thread():
                if self._greedy is not None:
                    found = self._greedy.entities(docs)
                else:
                    found = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(docs)]
            # Plain offsets, no Span objects (spaCy builds them anew on every ``doc.ents``).
            ents = {
                t: [_entity(doc, *e) for e in found_in]
                for t, doc, found_in in zip(unique, docs, found, strict=True)
            }
        return [(s, e, ents[text[s:e]]) for s, e in spans]
