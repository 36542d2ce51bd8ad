"""``new_finding`` / ``replace_finding`` (the recognizers' fast path) equal the validated model."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hybridllm.models import Classification, Finding, new_finding, replace_finding

_VALID = st.fixed_dictionaries(
    {
        "entity_type": st.text(max_size=20),
        "category": st.sampled_from(["PII", "PHI", "SECRET"]),
        "start": st.integers(min_value=0, max_value=10**9),
        "end": st.integers(min_value=0, max_value=10**9),
        "score": st.floats(min_value=0.0, max_value=1.0),
        "recognizer": st.text(max_size=20),
        "message_index": st.integers(min_value=-5, max_value=50),
    }
)
# Values the validator converts or refuses: the fast path must hand them to it.
_ODD = st.fixed_dictionaries(
    {
        "entity_type": st.one_of(st.text(max_size=5), st.integers()),
        "category": st.sampled_from(["PII", "PHI", "SECRET", "pii", "X"]),
        "start": st.one_of(st.integers(min_value=-3, max_value=9), st.just(True), st.just(2.0)),
        "end": st.one_of(st.integers(min_value=-3, max_value=9), st.just("4")),
        "score": st.one_of(st.floats(allow_nan=True), st.integers(min_value=-1, max_value=2)),
        "recognizer": st.one_of(st.text(max_size=5), st.none()),
        "message_index": st.one_of(st.integers(min_value=-2, max_value=3), st.just(1.0)),
    }
)


def _same(fast: Finding, slow: Finding) -> None:
    assert fast == slow
    assert type(fast) is Finding
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump_json() == slow.model_dump_json()
    assert repr(fast) == repr(slow)
    assert hash(fast) == hash(slow)
    assert fast.model_fields_set == slow.model_fields_set
    assert pickle.loads(pickle.dumps(fast)) == slow  # noqa: S301 - our own bytes
    assert Classification(findings=(fast,)) == Classification(findings=(slow,))


@given(_VALID)
def test_new_finding_equals_the_validated_model(values: dict[str, Any]) -> None:
    _same(new_finding(**values), Finding(**values))


@given(_ODD)
def test_odd_values_convert_or_raise_as_the_model_does(values: dict[str, Any]) -> None:
    try:
        slow: Finding | None = Finding(**values)
        errors = None
    except ValidationError as exc:
        slow, errors = None, exc.errors()
    if slow is not None:
        _same(new_finding(**values), slow)
        return
    with pytest.raises(ValidationError) as got:
        new_finding(**values)
    assert got.value.errors() == errors


@given(_VALID, _VALID)
def test_replace_finding_equals_model_copy(values: dict[str, Any], other: dict[str, Any]) -> None:
    base = Finding(**values)
    for key in ("category", "start", "end", "message_index"):
        change = {key: other[key]}
        _same(replace_finding(base, **change), base.model_copy(update=change))


def test_fast_findings_stay_frozen_and_refuse_bad_changes() -> None:
    f = new_finding(
        entity_type="PERSON", category="PII", start=1, end=5, score=0.8, recognizer="names"
    )
    with pytest.raises(ValidationError):
        f.start = 2  # type: ignore[misc]
    with pytest.raises(ValidationError):
        replace_finding(f, score=1.5)
    with pytest.raises(ValidationError):
        replace_finding(f, category="SECRETS")
