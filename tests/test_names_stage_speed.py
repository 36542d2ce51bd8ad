"""Speed-ups of the name stage keep its answers: per-text memos and per-text gates."""

from __future__ import annotations

from hybridllm.classifiers.name_foreign import script_word
from hybridllm.classifiers.prefilter import per_text, scan_also, scanning


def test_per_text_memoises_per_text_object_only() -> None:
    """Inside a scope a text it holds is computed once per key; a text it does not hold is
    computed on every call (never given another text's answer, even of equal content)."""
    calls: list[str] = []

    def compute(text: str) -> int:
        calls.append(text)
        return len(calls)

    text = "Ada Lovelace wrote to Charles Babbage"
    twin = "".join(["Ada", text[3:]])  # equal, another object
    assert twin == text
    assert twin is not text
    with scanning(None, text):
        assert per_text(text, "k", compute) == 1
        assert per_text(text, "k", compute) == 1
        assert per_text(text, "other key", compute) == 2
        assert per_text(twin, "k", compute) == 3  # not held: no memo
        assert per_text(twin, "k", compute) == 4
        scan_also(twin)
        assert per_text(twin, "k", compute) == 5
        assert per_text(twin, "k", compute) == 5
        assert per_text(text, "k", compute) == 1
    assert per_text(text, "k", compute) == 6  # outside the scope: no memo


def test_script_word_vietnamese_gate() -> None:
    """A capitalised word among Vietnamese words is one of them, in or outside a scope; a text
    with no letter only Vietnamese spells holds no such word (the gate that skips the count)."""
    prose = "Tính tổng S các nghiệm của phương trình bậc hai"
    plain = "Tinh tong S cac nghiem cua phuong trinh bac hai"
    for text, expected in ((prose, True), (plain, False)):
        assert script_word(text, 0, 4, "tính" if text is prose else "tinh") is expected
        with scanning(None, text):
            assert script_word(text, 0, 4, "tính" if text is prose else "tinh") is expected
    # the other scripts are not gated by it: "Кредит" in Russian prose with no such letter
    russian = "Кредит: срок и ставка по договору"
    with scanning(None, russian):
        assert script_word(russian, 0, 6, "кредит")
