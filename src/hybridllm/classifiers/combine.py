"""Combine recognizer output: PHI context rules, category upgrades, overlap merging.

The rules, applied to a whole payload (all messages together):

1. ``MEDICATION`` / ``DIAGNOSIS`` findings are clinical content, not identifiers. They are kept
   only when the payload also has an identifier (a PHI identifier such as an MRN, or a person
   it is said of, see :mod:`.phi_context`); a general question about a drug stays clean.
2. If the payload then has any PHI finding, every person-identifying PII finding
   (:data:`~hybridllm.classifiers.base.PERSON_IDENTIFYING`) becomes category PHI: a name next to
   clinical data is PHI, a name alone is PII.
3. Safe Harbor identifiers that are ordinary on their own (``DATE``, ``LOCATION``, ``ZIP_CODE``,
   ``URL``, an internal network address (``10.0.4.17``: ``INTERNAL_IP_ADDRESS``), device /
   vehicle / biometric / other ids: :data:`~hybridllm.classifiers.base.PHI_QUASI`)
   are kept only when the payload has PHI after rules 1-2; "Berlin on March 3" stays clean. One
   exception: a ``URL`` or an internal address in a record of a person (a payload with contact
   details or ids, any person-identifying finding but a name) is kept as PII: the link or the
   device may be theirs (a profile, a portal, a laptop). A link beside a name alone, or in a
   plain prompt (``ssh admin@10.0.0.5``), is no finding.
4. Overlapping spans within one message merge into one finding covering their union, typed after
   the winner: ``SECRET`` > ``PHI`` > ``PII``, then higher score, then longer span. The union (not
   the winner's span) is kept so redaction never leaves part of a flagged value behind.

Output order is deterministic: by ``(message_index, start, end, entity_type)``.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

from hybridllm.classifiers.base import (
    PERSON_IDENTIFYING,
    PHI_CONTEXT,
    PHI_QUASI,
    Classifier,
    KeywordRule,
    RegexRule,
)
from hybridllm.classifiers.encoded import decoded_spans, with_context
from hybridllm.classifiers.names_in_lists import late_names
from hybridllm.classifiers.normalize import Normalized, normalize, spaced
from hybridllm.classifiers.phi_context import said_of
from hybridllm.classifiers.phones_beside import phones_beside
from hybridllm.classifiers.prefilter import Prefilter, scanning, shared_prefilter
from hybridllm.classifiers.safe_harbor import WEAK as SAFE_HARBOR_WEAK
from hybridllm.classifiers.warm import warm_up
from hybridllm.errors import ClassificationError
from hybridllm.models import Classification, Finding, replace_finding

__all__ = [
    "CATEGORY_RANK",
    "CompositeClassifier",
    "apply_payload_rules",
    "merge_overlaps",
    "settled_spans",
]

_MODEL_WAIT_S = 60.0  # the prefilter compiles after the models load, or after this long

_RECORD_TYPES = PERSON_IDENTIFYING - {"PERSON"}
_RECORD_QUASI = frozenset({"URL", "INTERNAL_IP_ADDRESS"})  # kept as PII in a person's record
CATEGORY_RANK = {"SECRET": 3, "PHI": 2, "PII": 1}
"""Which category wins when spans overlap (higher wins)."""


def apply_payload_rules(
    findings: Iterable[Finding], *, clinical: bool = False, texts: Sequence[str] = ()
) -> list[Finding]:
    """Apply rules 1 to 3 of the module docstring to all findings of one payload.

    In a clinical payload (see :mod:`hybridllm.classifiers.clinical`) any Safe Harbor identifier
    (everything but clinical content and the fail-safe pass's weak types) makes the payload PHI:
    every finding is kept and every PII finding becomes PHI. Without one, the weak fail-safe
    findings are dropped and the ordinary rules apply.

    Args:
        findings: findings of every message of the payload.
        clinical: the payload is clinical.
        texts: the payload's messages (rule 1 reads around clinical content in them).

    Returns:
        The findings, with clinical context dropped or kept and PII upgraded to PHI as needed.
    """
    items = list(findings)
    if clinical:
        if any(f.entity_type not in PHI_CONTEXT | SAFE_HARBOR_WEAK for f in items):
            return [replace_finding(f, category="PHI") if f.category == "PII" else f for f in items]
        items = [f for f in items if f.entity_type not in SAFE_HARBOR_WEAK]
    has_phi_id = any(
        f.category == "PHI" and f.entity_type not in PHI_CONTEXT | PHI_QUASI for f in items
    )
    persons = [f for f in items if f.entity_type in PERSON_IDENTIFYING]
    if not has_phi_id:
        items = [f for f in items if f.entity_type not in PHI_CONTEXT or said_of(f, texts, persons)]
    if not any(f.category == "PHI" and f.entity_type not in PHI_QUASI for f in items):
        # A record of a person (contact details, ids): its links and the addresses of its
        # devices may be theirs too.
        record = any(f.entity_type in _RECORD_TYPES for f in items)
        return [
            replace_finding(f, category="PII") if f.entity_type in _RECORD_QUASI else f
            for f in items
            if f.entity_type not in PHI_QUASI or (record and f.entity_type in _RECORD_QUASI)
        ]
    if any(f.category == "PHI" for f in items):
        items = [
            replace_finding(f, category="PHI")
            if f.category == "PII" and f.entity_type in PERSON_IDENTIFYING
            else f
            for f in items
        ]
    return items


def settled_spans(text: str, findings: Sequence[Finding]) -> list[tuple[int, int]]:
    """Spans of the clinical pass's findings that are redacted whatever else is found, so a
    recognizer that accepts them (the name stage) need not ask NER about their words.

    Every strong identifier is settled. A strong one also makes the payload PHI, which keeps
    every finding (see :func:`apply_payload_rules`), so then the weak ``PROPER_NOUN`` spans
    (capitalised words the pass does not know) are redacted too and settled as well, unless a
    capitalised word continues one on the same line ("Oster" in "Oster Crossing Surgery
    Practice"): NER may find a longer name there, and the redaction would lose its rest.

    Args:
        text: the message.
        findings: what the clinical pass found in it.

    Returns:
        ``(start, end)`` of the settled spans.
    """
    if not any(f.entity_type not in SAFE_HARBOR_WEAK for f in findings):
        return []
    out: list[tuple[int, int]] = []
    for f in findings:
        if f.entity_type in SAFE_HARBOR_WEAK and (
            _CAP_AFTER.match(text, f.end) or _CAP_BEFORE.search(text, max(0, f.start - 40), f.start)
        ):
            continue
        out.append((f.start, f.end))
    return out


# Types that do not make a clinical payload PHI by themselves (see apply_payload_rules).
_KEEP_ALL_NOT = PHI_CONTEXT | SAFE_HARBOR_WEAK


def _all_settled(text: str, found: Sequence[Finding]) -> list[tuple[int, int]]:
    """In a clinical payload: the settled spans of every finding so far once one of them makes
    the payload PHI (then every finding is kept, see :func:`apply_payload_rules`), else none."""
    if any(f.entity_type not in _KEEP_ALL_NOT for f in found):
        return settled_spans(text, found)
    return []


# A capitalised word right after / before a span, on the same line.
_CAP_AFTER = re.compile(r"(?:['’]s)?[ \t]*[-–]?[ \t]*[A-Z]")
_CAP_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[ \t]*[-–]?[ \t]*$")


def _priority(f: Finding) -> tuple[int, float, int]:
    return (CATEGORY_RANK[f.category], f.score, f.end - f.start)


_ORDER = attrgetter("message_index", "start", "end", "entity_type")


def merge_overlaps(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Merge overlapping spans per message (rule 4 of the module docstring).

    Args:
        findings: findings of one or more messages.

    Returns:
        Non-overlapping findings, sorted by ``(message_index, start, end, entity_type)``.
    """
    ordered = sorted(findings, key=_ORDER)
    merged: list[Finding] = []
    cluster: list[Finding] = []
    cluster_end = -1

    def flush() -> None:
        if len(cluster) < 2:
            merged.extend(cluster)
            return
        winner = max(cluster, key=_priority)
        # (Sorted by start: the first starts first; cluster_end is the furthest end.)
        start, end = cluster[0].start, cluster_end
        if (start, end) != (winner.start, winner.end):
            winner = replace_finding(winner, start=start, end=end)
        merged.append(winner)

    for f in ordered:
        if f.end <= f.start:
            continue
        if cluster and f.message_index == cluster[0].message_index and f.start < cluster_end:
            cluster.append(f)
            cluster_end = max(cluster_end, f.end)
            continue
        flush()
        cluster = [f]
        cluster_end = f.end
    flush()
    return tuple(merged)


class _Cover:
    """Which spans lie inside a finding of at least a given category rank (interval lookup).

    For each rank, the findings of that rank or higher sorted by start, with the running
    maximum of their ends: a span ``[a, b)`` is covered when some finding starting at or before
    ``a`` reaches ``b``. O(log n) per query instead of a scan of every finding.
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        items = sorted(findings, key=lambda g: g.start)
        self._by_rank: dict[int, tuple[list[int], list[int]]] = {}
        for rank in set(CATEGORY_RANK.values()):
            starts: list[int] = []
            reach: list[int] = []
            for g in items:
                if CATEGORY_RANK[g.category] >= rank:
                    starts.append(g.start)
                    reach.append(max(g.end, reach[-1]) if reach else g.end)
            self._by_rank[rank] = (starts, reach)

    def contains(self, f: Finding) -> bool:
        starts, reach = self._by_rank[CATEGORY_RANK[f.category]]
        i = bisect.bisect_right(starts, f.start)
        return i > 0 and reach[i - 1] >= f.end


class CompositeClassifier:
    """Runs several recognizers and combines their findings into one :class:`Classification`.

    Thread-safe as long as its recognizers are (the built-in ones keep no per-call state).

    Every recognizer runs on the text as given. When ``normalize`` is on and the text contains
    an evasion (zero-width characters, full-width forms, URL-encoding, split digits or tokens),
    recognizers whose ``normalized_view`` attribute is true (the default; the NER ones set it
    false) also run on the de-evaded view, and their spans are mapped back to the original text
    (recognizer name suffixed ``+normalized``). A recognizer of words whose ``normalized_view``
    is ``"words"`` (the name stage) runs only on the places where a change can touch a word
    (:attr:`~hybridllm.classifiers.normalize.Normalized.words`): a digit written as a subscript
    or in full width cannot hide a name.
    """

    def __init__(
        self,
        recognizers: Sequence[Classifier],
        *,
        normalize: bool = False,
        allow_list: Sequence[str] = (),
        time_budget_ms: float | None = None,
        clinical: Callable[[Sequence[str]], bool] | None = None,
        clinical_recognizers: Sequence[Classifier] = (),
        prefilter_patterns: Sequence[re.Pattern[str]] = (),
    ) -> None:
        """Create a composite.

        Args:
            recognizers: the recognizers to run on every message, in order.
            normalize: also match on the de-evaded view of each text.
            allow_list: terms never flagged (a finding inside an occurrence is dropped).
            time_budget_ms: raise ClassificationError when a classification takes longer.
            clinical: decides once per payload whether it is clinical (None: never).
            clinical_recognizers: run after ``recognizers`` on clinical payloads only.
            prefilter_patterns: more patterns for the prefilter (e.g. ``clinical``'s signals).
        """
        self.recognizers = tuple(recognizers)
        self.clinical = clinical
        self.clinical_recognizers = tuple(clinical_recognizers)
        self.normalize = normalize
        self.time_budget_ms = time_budget_ms
        terms = sorted({t.strip() for t in allow_list if t.strip()}, key=len, reverse=True)
        self._allow = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)", re.IGNORECASE)
            if terms
            else None
        )
        # One prefilter for every regex rule and every pattern a recognizer searches through
        # it (see .prefilter): one scan per text instead of one pass per pattern.
        patterns = [
            rule.pattern
            for recognizer in (*self.recognizers, *self.clinical_recognizers)
            for rule in getattr(recognizer, "rules", ())
            if isinstance(rule, RegexRule) and not isinstance(rule, KeywordRule)
        ]
        found_only: list[re.Pattern[str]] = []
        for recognizer in (*self.recognizers, *self.clinical_recognizers):
            patterns.extend(getattr(recognizer, "prefilter_patterns", ()))
            found_only.extend(getattr(recognizer, "prefilter_found_only", ()))
        patterns.extend(prefilter_patterns)
        patterns.extend(found_only)
        # Compiled after the recognizers' models have loaded (spaCy NER first: a call may wait
        # for it; until the prefilter is ready every pattern simply runs on the whole text).
        waits = [
            w for w in (getattr(r, "wait_ready", None) for r in self.recognizers) if callable(w)
        ]
        self._warmed = threading.Lock()
        self._warm_done = False
        self._prefilter: Prefilter | None = (
            shared_prefilter(
                patterns,
                after=lambda: [w(_MODEL_WAIT_S) for w in waits],
                found_only=found_only,
                warm=self.warm_up,
            )
            if patterns
            else None
        )
        self.stage_ms: dict[str, float] = {}
        """Cumulative time per recognizer (for benchmarks; not synchronised across threads)."""

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the regex prefilter is compiled (it compiles in the background; until
        then every rule runs on the whole text, with the same results) and :meth:`warm_up` has
        run. True when ready: from then on no call compiles a pattern or reads a data file."""
        ready = self._prefilter is None or self._prefilter.wait_ready(timeout)
        if ready:
            self.warm_up()
        return ready

    def warm_up(self) -> None:
        """Build now what a call would otherwise build on first need (see :mod:`.warm`): the
        prefilter's thread runs it once compiled; :meth:`wait_ready` waits for it. Idempotent."""
        with self._warmed:
            if not self._warm_done:
                warm_up((*self.recognizers, *self.clinical_recognizers))
                self._warm_done = True

    def _check_budget(self, t0: float) -> None:
        if self.time_budget_ms is not None:
            elapsed = (time.perf_counter() - t0) * 1000.0
            if elapsed > self.time_budget_ms:
                raise TimeoutError(f"{elapsed:.0f} ms > budget {self.time_budget_ms:.0f} ms")

    def _find_all(
        self,
        text: str,
        view: Normalized | None,
        message_index: int,
        t0: float,
        extra: tuple[Classifier, ...] = (),
    ) -> list[Finding]:
        found: list[Finding] = []
        from_view: list[Finding] = []
        # The clinical pass first: the identifiers it finds settle their words, and a recognizer
        # that accepts them (the name stage) asks NER nothing about words redacted either way.
        # Once the payload is PHI (a clinical payload with a strong identifier), every finding
        # is kept (apply_payload_rules), so what the other recognizers found is settled too.
        settled: list[tuple[int, int]] = []
        for recognizer in (*extra, *self.recognizers):
            ts = time.perf_counter()
            if getattr(recognizer, "accepts_settled", False):
                settled = (_all_settled(text, found) if extra else []) or settled
                plain = recognizer.find(text, settled=settled)  # type: ignore[call-arg]
            else:
                plain = recognizer.find(text)
            if recognizer in extra:
                settled.extend(settled_spans(text, plain))
            for f in plain:
                if not 0 <= f.start < f.end <= len(text):
                    raise ValueError(recognizer.name)
                found.append(
                    f
                    if f.message_index == message_index
                    else replace_finding(f, message_index=message_index)
                )
            mode = getattr(recognizer, "normalized_view", True)
            seen = None if view is None or not mode else view.words if mode == "words" else view
            if seen is not None:
                for f in recognizer.find(seen.text):
                    start, end = seen.to_original(f.start, f.end)
                    from_view.append(
                        replace_finding(
                            f,
                            start=start,
                            end=end,
                            message_index=message_index,
                            recognizer=f"{f.recognizer}+normalized",
                        )
                    )
            self.stage_ms[recognizer.name] = (
                self.stage_ms.get(recognizer.name, 0.0) + (time.perf_counter() - ts) * 1000.0
            )
            self._check_budget(t0)
        found.extend(phones_beside(text, found))
        found.extend(late_names(text, found))
        # The view only adds what the plain pass missed: a view finding inside a plain one adds
        # nothing.
        # A view finding that reaches past them (a token joined across a line break) is kept
        # too; merge_overlaps then covers the union.
        # A plain URL (or other quasi-identifier, dropped later without PHI) or a lower-ranked
        # finding does not hide what the view found inside it: a key in a URL stays.
        if from_view:
            covered = _Cover(g for g in found if g.entity_type not in PHI_QUASI)
            found.extend(f for f in from_view if not covered.contains(f))
        if self.normalize:
            found.extend(self._decoded(text, message_index, t0))
        if self._allow is not None:
            allowed = [m.span() for m in self._allow.finditer(text)]
            if allowed:
                found = [
                    f for f in found if not any(s <= f.start and f.end <= e for s, e in allowed)
                ]
        return found

    def _decoded(self, text: str, message_index: int, t0: float) -> list[Finding]:
        """Findings in base64 / hex / URL-encoded spans (see :mod:`.encoded`), each reported on
        the whole encoded span."""
        out: list[Finding] = []
        ts = time.perf_counter()
        for start, end, decoded in decoded_spans(text):
            probe, offset = with_context(text, start, decoded)
            for recognizer in self.recognizers:
                out.extend(
                    replace_finding(
                        f,
                        start=start,
                        end=end,
                        message_index=message_index,
                        recognizer=f"{f.recognizer}+decoded",
                    )
                    for f in recognizer.find(probe)
                    if f.end > offset
                )
            self._check_budget(t0)
        self.stage_ms["decoded"] = (
            self.stage_ms.get("decoded", 0.0) + (time.perf_counter() - ts) * 1000.0
        )
        return out

    def classify_messages(self, texts: Sequence[str]) -> Classification:
        """Classify the messages of one payload together.

        Offsets in the findings are relative to the text of the message named by
        ``message_index``; PHI upgrades consider all messages (see the module docstring).

        Args:
            texts: the message texts, in payload order.

        Returns:
            The merged findings and the time taken.

        Raises:
            ClassificationError: any recognizer failed, the time budget was exceeded, or the
                input is not a sequence of strings. The message names the exception type only,
                never the text.
        """
        t0 = time.perf_counter()
        try:
            if isinstance(texts, str | bytes):
                raise TypeError(type(texts).__name__)
            found: list[Finding] = []
            views: list[Normalized | None] = []
            for text in texts:
                if not isinstance(text, str):
                    raise TypeError(type(text).__name__)
            # No-break and other Unicode spaces read as spaces (same length: offsets stay).
            texts = [spaced(text) for text in texts]
            for text in texts:
                views.append(normalize(text) if self.normalize else None)
            # One prefilter scan per text (and view) serves the clinical decision and every
            # recognizer.
            scoped = [*texts, *(v.text for v in views if v is not None)]
            with scanning(self._prefilter, *scoped):
                clinical = self.clinical is not None and bool(self.clinical(texts))
                extra = self.clinical_recognizers if clinical else ()
                for i, text in enumerate(texts):
                    found.extend(self._find_all(text, views[i], i, t0, extra))
            findings = merge_overlaps(apply_payload_rules(found, clinical=clinical, texts=texts))
        except TimeoutError as exc:
            raise ClassificationError(f"classification exceeded its time budget ({exc})") from None
        except Exception as exc:
            # `from None`: the cause's message may quote the text being classified.
            raise ClassificationError(f"classification failed: {type(exc).__name__}") from None
        return Classification(
            findings=findings, clinical=clinical, elapsed_ms=(time.perf_counter() - t0) * 1000.0
        )

    def classify(self, text: str) -> Classification:
        """Classify one text.

        Args:
            text: the text to classify.

        Returns:
            Findings with ``message_index`` 0 and offsets into ``text``.

        Raises:
            ClassificationError: a recognizer failed, the time budget was exceeded, or ``text``
                is not a string.
        """
        if not isinstance(text, str):
            raise ClassificationError(f"classification failed: TypeError ({type(text).__name__})")
        return self.classify_messages([text])
