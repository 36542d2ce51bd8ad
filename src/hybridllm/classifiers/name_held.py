"""Words held back from NER's "not a person", redacted when the text names people nearby.

The small NER model calls many unfamiliar given names an organisation or a place (``Spoke to
Jajaira in billing``, ``a farewell card for Diart``, ``send it to Maphosa``). Alone, its label
stands: a word in no list that it calls an organisation is as often a brand or a town
(``Telkomsel``, ``Burpengary``). In a text that names people, such a word near a found name
(within :data:`NEAR` characters) is held to be one more person's name: what is not known to
be safe is redacted where people are being written about. The held words are the one-word
candidates in no list, not spelt like a word of English or code (a name likeness of -0.25 or
more, the floor under which only NER's PERSON makes a name; plain ASCII), that NER labelled
anything but PERSON (see :class:`~hybridllm.classifiers.name_verdicts.NerVerdicts`).
"""

from __future__ import annotations

import re

from hybridllm.models import Finding

__all__ = ["HELD", "NEAR", "in_code", "near_held", "split_held"]

HELD = "names+held"
"""The recognizer name of a held word until :func:`near_held` settles it."""
NEAR = 300
"""Characters between a held word and a found name, at most."""
_NEAR_NAME = "names+near"
_CODE_BEFORE = frozenset("./@_#$\\`=<{[")
# (or a URI scheme before its address: "mailto:ann@x.org", "sip:ops@x.net", "callto:+4420...")
_CODE_AFTER = re.compile(r"[(@_`=/\\{\[]|\.[^\W\d_]|:(?:[\w.+%-]{1,64}@|\+?\d)")


def in_code(text: str, start: int, end: int) -> bool:
    """Whether the word ``text[start:end]`` is glued into code: a character of a path, a
    mention, markup or an identifier before it (``.Foo``, ``@Foo``, ``$Foo``), or a call, a file
    extension, a subscript or the address of a URI scheme after it (``Foo(``, ``Foo.yaml``,
    ``Foo[``, ``mailto:ann@x.org``)."""
    return (start > 0 and text[start - 1] in _CODE_BEFORE) or _CODE_AFTER.match(
        text, end
    ) is not None


def split_held(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings, and apart the held words among them."""
    kept = [f for f in findings if f.recognizer != HELD]
    if len(kept) == len(findings):
        return findings, []
    return kept, [f for f in findings if f.recognizer == HELD]


def near_held(text: str, found: list[Finding], held: list[Finding]) -> list[Finding]:
    """``found`` and the held words near one of them (not names the lower-case rules found,
    not inside a finding, not glued into code: :func:`in_code`).

    Args:
        text: the text.
        found: the recognizer's findings.
        held: the held words (:func:`split_held`).

    Returns:
        ``found`` and the kept held words, as ``names+near`` findings.
    """
    if not held:
        return found
    anchors = [f.start for f in found if f.recognizer != "names+lower"]
    extra: list[Finding] = []
    seen: set[int] = set()
    for h in held:
        if (
            h.start in seen
            or any(f.start < h.end and h.start < f.end for f in found)
            or in_code(text, h.start, h.end)
        ):
            continue
        if any(abs(a - h.start) < NEAR for a in anchors):
            seen.add(h.start)
            extra.append(h.model_copy(update={"recognizer": _NEAR_NAME}))
    return found + extra
