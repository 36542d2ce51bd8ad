"""The regex prefilter gives exactly ``finditer``'s matches, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.base import KeywordRule, RegexRule
from hybridllm.classifiers.prefilter import (
    Prefilter,
    possible,
    proxy_bytes,
    relax,
    relax_whole,
    scanning,
)

pytest.importorskip("hyperscan")


def _patterns() -> list[re.Pattern[str]]:
    clf = get_classifier()
    return list(
        dict.fromkeys(
            rule.pattern
            for rec in (*clf.recognizers, *clf.clinical_recognizers)
            for rule in getattr(rec, "rules", ())
            if isinstance(rule, RegexRule) and not isinstance(rule, KeywordRule)
        )
    )


PATTERNS = _patterns()
# short_text=0: even a short text gets the windows of the start-reporting databases, so the
# generated (short) texts below check those too.
PREFILTER = Prefilter(PATTERNS, background=False, short_text=0)

SAMPLES = [
    "Patient John Smith, MRN: 12345678, DOB: 03/14/1962, call (212) 555-0187 or mail "
    "maria.garcia@example.com; card 4111 1111 1111 1111; AKIAZ3MSJ7QXP4LKH2TD; ip 10.0.3.7",
    "Member ID: XKJ4455321, SSN 123-45-6789, born on March 3, 1950, age 93, Boston, MA 02115",
    # Characters that case-fold to ASCII letters, no-break spaces, sub/superscripts, full width.
    "MR\u0130N: 1234567 \u212aey token=abc ſsn: 123-45-6789 SpO\u2082 98%\u00a0\u00d710\u2079/L",
    "\uff14\uff11\uff11\uff11 \u0661\u0662\u0663-\u0664\u0665-\u0666\u0667\u0668\u0669 "
    "\u00e9mile@exampl\u00e9.com dob:\u00a001/02/1990 \u00b5g",
    "",
]


def _same(text: str) -> None:
    hits = PREFILTER.scan(text)
    assert hits is not None
    for pattern in PATTERNS:
        got = [m.span() for m in hits.matches(PREFILTER.index.get(pattern), pattern, text)]
        want = [m.span() for m in pattern.finditer(text)]
        assert got == want, pattern.pattern[:80]


def test_most_rules_are_prefiltered() -> None:
    assert PREFILTER.wait_ready(0)
    assert len(PREFILTER.index) >= len(PATTERNS) * 0.9


@pytest.mark.parametrize("text", SAMPLES)
def test_same_matches_as_finditer(text: str) -> None:
    _same(text)
    _same(text * 40)


_ALPHABET = st.sampled_from(
    list("0123456789 -./:()#@+_\n\t")
    + list("MRNDOBSsnkKiIaAeEtxXmrp")
    + ["\u0130", "\u0131", "\u212a", "\u017f", "\u00a0", "\u2082", "\uff11", "\u00e9"]
    + ["MRN", "DOB", "phone", "SSN", "Member ID", "age", "born", "sk-", "AKIA", "@example.com"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_same_matches_on_generated_text(text: str) -> None:
    _same(text)


def test_windows_skip_most_of_a_plain_text() -> None:
    text = "How do I reverse a list in Python without creating a copy? " * 150
    hits = PREFILTER.scan(text)
    assert hits is not None
    skipped = [i for i in PREFILTER.index.values() if hits.windows(i) == []]
    assert len(skipped) >= len(PREFILTER.index) * 0.8


def test_relaxed_forms_are_ascii_and_widen() -> None:
    p = re.compile(r"(?<![\w-])(?P<v>\d{3}([- ])\d{2}\2\d{4})(?![\w-])")
    prefix = relax(p)
    assert prefix is not None
    expr, lo, hi = prefix
    assert expr.isascii()
    assert (lo, hi) == (11, 11)
    # Look-arounds dropped, the back-reference widened to its group.
    assert re.fullmatch(expr, "123-45 6789") is not None
    assert relax_whole(re.compile("a*")) is None  # may match empty: not prefiltered
    assert proxy_bytes("a\u00e9\u0130b") == b"a\x80ib"


def test_short_texts_run_whole_patterns_on_all_of_the_text() -> None:
    email = _email_pattern()
    short = Prefilter([email], background=False)  # the default short_text
    index = short.index[email]
    assert short._widths[index] is None  # a whole pattern: found by the one scan, no start
    text = "mail maria.garcia@example.com today"
    hits = short.scan(text)
    assert hits is not None
    assert hits.found(index)
    assert hits.windows(index) is None  # short: the rule runs on all of it
    assert [m.span() for m in hits.matches(index, email, text)] == [(5, 29)]
    long_text = text + " and some filler text" * 20
    long_hits = short.scan(long_text)
    assert long_hits is not None
    assert long_hits.windows(index) == [(5, 28)]  # from its start-reporting database
    assert [m.span() for m in long_hits.matches(index, email, long_text)] == [(5, 29)]
    nothing = short.scan("no address in here at all " * 20)
    assert nothing is not None
    assert not nothing.found(index)
    assert nothing.windows(index) == []


def _regex_rules() -> list[RegexRule]:
    """Every regex rule of the default classifier's recognizers."""
    return [
        rule
        for rec in get_classifier().recognizers
        for rule in getattr(rec, "rules", ())
        if isinstance(rule, RegexRule)
    ]


def _email_pattern() -> re.Pattern[str]:
    """The generic e-mail pattern among the prefiltered patterns."""
    return next(p for p in PATTERNS if r"(?P<v>[^\W_][\w.%+-]{0,63}@" in p.pattern)


def test_possible_drops_only_rules_the_scan_rules_out() -> None:
    rules = _regex_rules()
    text = "Reply to carla.mendes@example.com about key AKIAZ3MSJ7QXP4LKH2TD in one sentence."
    assert possible(rules, text) == rules  # outside a scan: every rule
    with scanning(PREFILTER, text):
        kept = possible(rules, text)
        assert possible(rules, "another text") == rules  # a text that was not scanned
    assert 0 < len(kept) < len(rules) / 2
    # every rule with a match is kept (the email and the AWS key among them)
    matching = [r for r in rules if next(r.pattern.finditer(text), None) is not None]
    assert len(matching) >= 2
    assert all(r in kept for r in matching)


def test_lookups_by_identity_and_an_equal_pattern_compiled_apart() -> None:
    """The scope finds a pattern's index by ``id`` (a pattern's hash hashes its compiled code on
    every lookup); an equal pattern compiled apart is no key, so it runs on the whole text: the
    same matches, and ``possible`` keeps its rule."""
    from hybridllm.classifiers.prefilter import finditer

    assert PREFILTER.by_id == {id(p): i for p, i in PREFILTER.index.items()}
    email = _email_pattern()
    re.purge()  # so the next compile builds a new object
    twin = re.compile(email.pattern, email.flags)
    assert twin == email
    assert twin is not email
    text = SAMPLES[0] + " and no other address " * 30
    with scanning(PREFILTER, text):
        assert [m.span() for m in finditer(email, text)] == [m.span() for m in finditer(twin, text)]
        assert [m.span() for m in finditer(twin, text)] == [m.span() for m in email.finditer(text)]
    rule = RegexRule("EMAIL_ADDRESS", "PII", twin, 0.9)
    nowhere = RegexRule("EMAIL_ADDRESS", "PII", email, 0.9)
    with scanning(PREFILTER, "plain words only"):
        assert possible([rule], "plain words only") == [rule]  # not indexed: always kept
        assert possible([nowhere], "plain words only") == []  # indexed, no match possible


def test_scan_also_lets_a_derived_copy_use_the_prefilter() -> None:
    """A copy a recognizer makes of a scanned text (``scan_also``) is scanned too, on first use:
    ``possible`` then rules out rules on it, and ``finditer`` gives exactly ``finditer``'s
    matches; outside a scope it does nothing."""
    from hybridllm.classifiers.prefilter import finditer, per_text, scan_also

    rules = _regex_rules()
    text = "write to carla.mendes@example.com today"
    copy = "".join(["Write", text[5:]])  # an equal-length copy, another object
    assert copy is not text
    scan_also(copy)  # outside a scope: nothing to do
    email = _email_pattern()
    with scanning(PREFILTER, text):
        assert possible(rules, copy) == rules  # not scanned yet
        scan_also(copy)
        scan_also(copy)  # once is enough
        kept = possible(rules, copy)
        assert 0 < len(kept) < len(rules) / 2
        assert [m.span() for m in finditer(email, copy)] == [m.span() for m in email.finditer(copy)]
        assert per_text(copy, "n", len) == len(copy)
