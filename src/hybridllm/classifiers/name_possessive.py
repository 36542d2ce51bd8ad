"""A possessive ends a name: the capitalised words after ``'s`` name what the person owns.

The token rules read a run of capitalised words as one name, and a possessive does not stop the
run: ``Rick Astley's Never Gonna``, ``Ralph Bakshi's Cool World``, ``Mary Douglas's Purity``,
``Shakespeare's Hamlet``, ``L'Hopital's Rule``. No name holds a possessive inside it; what
follows one is the person's song, film, book, rule or shop. Judged as one name such a run is
in no list of public figures and is no run of everyday words, so it stayed a private person's
name, where the name before the possessive alone is a public figure's (``Rick Astley``) or an
eponym's. :func:`split_possessive` ends such a finding at its possessive before it is judged
again. The words after a possessive are a person's name as often (a company's officer:
``Deutsche Telekom's Zak Gerst``, ``Tryggingamiðstöðin's Viðjar Dagfarason``): where they start
with a given name or a word no list knows, they stay a finding of their own, judged on its own;
where they start with an everyday word that is no given name (``Never``, ``Cool``, ``Hamlet``,
``Rule``), they are a title or a thing.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import Kind, fold, token_lexicon
from hybridllm.models import Finding

__all__ = ["split_possessive"]

# A possessive inside a finding, followed by another word of it.
_INNER = re.compile(r"['’]s[ \t]+(?=[^\W\d_])", re.UNICODE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def split_possessive(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings, each ended at a possessive inside it (see the module docstring).

    Args:
        text: the text the findings were found in.
        findings: PERSON findings of ``text``.

    Returns:
        The findings, the one before a possessive ending with its ``'s``; the words after it a
        finding of their own where they start as a person's name does.
    """
    out: list[Finding] = []
    for f in findings:
        m = _INNER.search(text, f.start, f.end) if f.entity_type == "PERSON" else None
        if m is None:
            out.append(f)
            continue
        out.append(f.model_copy(update={"end": m.start() + 2}))  # through the "'s"
        first = _WORD.match(text, m.end(), f.end)
        if first is not None and _person_start(first.group()):
            out.append(f.model_copy(update={"start": m.end()}))
    return out


def _person_start(word: str) -> bool:
    """Whether ``word`` can start a person's name: a given name, or a word no list knows as an
    everyday word (``Zak``, ``Viðjar``; not ``Never``, ``Cool``, ``Hamlet``)."""
    lex = token_lexicon()
    kind = lex.kind(word)
    low = word.lower()
    return kind in (Kind.NAME, Kind.UNKNOWN) or (
        kind is Kind.AMBIGUOUS and (low in lex.first or fold(low) in lex.first)  # "Napóleon"
    )
