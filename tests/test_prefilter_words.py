"""Keyword starts from one Hyperscan pass are exactly the letter-run index's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hybridllm.classifiers import base, phi
from hybridllm.classifiers.prefilter_words import Needles, Words

pytest.importorskip("hyperscan")

KEYS = phi._MEDICATION_KEYS | phi._DIAGNOSIS_KEYS
WORDS = Words(KEYS)


def _want(text: str) -> dict[str, list[int]]:
    return {w: at for w, at in base._letter_runs(text).items() if w in KEYS}


def test_whole_words_in_any_case() -> None:
    text = "Asthma: ASTHMA, asthmatic; xasthma asthma-free \u00e9asthma insulin\u212a Insulin."
    got = WORDS.starts(text)
    assert got == _want(text)
    assert got is not None
    assert got["asthma"] == [0, 8, 35, 48]  # not inside "asthmatic" or "xasthma"
    assert got["insulin"] == [55, 64]  # the Kelvin sign is no ASCII letter: a boundary
    assert Words([]).starts("pain") == {}
    assert Words(["Pain", "x1", "naïve"]).words == []  # never a lower-cased letter run


_ALPHABET = st.sampled_from(
    [*"aiknps -.\n\u212a\u0130\u00e9", "asthma", "insulin", "Metformin", "ASTHMA", "copd"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_same_starts_as_the_letter_run_index(text: str) -> None:
    assert WORDS.starts(text) == _want(text)


def _reference(rule: base.KeywordRule, text: str) -> list[tuple[int, int]]:
    """The rule's spans from the letter-run index (how they were found before)."""
    index = base._letter_runs(text)
    out, pos = [], 0
    for at in sorted(s for w, starts in index.items() if w in rule.keys for s in starts):
        m = rule.pattern.match(text, at) if at >= pos else None
        if m is not None and m.start("v") < m.end("v"):
            out.append(m.span("v"))
            pos = m.end("v")
    return out


def test_keyword_rules_find_the_same_spans() -> None:
    note = (
        "Hx of type 2 diabetes mellitus and COPD; on metformin 500 mg BID and Insulin "
        "glargine. Asthma since childhood. Non-painful. HYPERTENSION, hypothyroidism."
    )
    rules = [r for r in phi.build_phi_recognizer().rules if isinstance(r, base.KeywordRule)]
    assert len(rules) == 2
    for rule in rules:
        got = list(rule.spans(note))
        assert len(got) >= 2, rule.entity_type
        assert got == _reference(rule, note)


def _find_all(text: str, needles: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            out.setdefault(needle, []).append(at)
            at = text.find(needle, at + 1)
    return out


def test_needles_are_found_where_str_find_finds_them() -> None:
    needles = ["aa", "straße", " tie", "vej", "gatvė", "é"]
    text = "aaaa Bahnhofstraße strasse straxe tie patient vejen gatvė gatve é e\u0301 naïve"
    assert Needles(needles).places(text) == _find_all(text, needles)
    assert Needles([]).places("aa") == {}


_SOME = ["aa", "straße", "st", "é", "ss", "\u0131", "e s"]
_SOME_NEEDLES = Needles(_SOME)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeéstrß vj\u0131I", max_size=40))
def test_needles_on_any_text(text: str) -> None:
    assert _SOME_NEEDLES.places(text) == _find_all(text, _SOME)
