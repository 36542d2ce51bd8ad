"""name_tokens.lexicon_cache: memoised per word for the process-wide lexicon only."""

from __future__ import annotations

from hybridllm.classifiers.name_tokens import TokenLexicon, lexicon_cache, token_lexicon

calls: list[tuple[int, str]] = []


@lexicon_cache(maxsize=8)
def _probe(lex: TokenLexicon, word: str, *, upper: bool = False) -> str:
    calls.append((id(lex), word))
    return word.upper() if upper else word


def test_the_default_lexicon_is_memoised_per_arguments() -> None:
    calls.clear()
    lex = token_lexicon()
    assert _probe(lex, "ana") == "ana"
    assert _probe(lex, "ana") == "ana"
    assert _probe(lex, "ana", upper=True) == "ANA"
    assert calls == [(id(lex), "ana"), (id(lex), "ana")]  # once per distinct arguments


def test_another_lexicon_is_computed_every_time() -> None:
    calls.clear()
    other = object.__new__(TokenLexicon)  # no lists loaded: only its identity matters here
    assert _probe(other, "ana") == "ana"
    assert _probe(other, "ana") == "ana"
    assert calls == [(id(other), "ana"), (id(other), "ana")]
