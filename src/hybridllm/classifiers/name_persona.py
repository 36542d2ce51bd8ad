"""Names given to the assistant: a persona is nobody's private name.

A prompt that tells the model to be someone (``Your name is Henry. You are an expert ...``,
``pretend you are Dave``, ``act as Mircea``, ``I want you to act like William Shakespeare``,
``answer like Luffy``) names a role the model plays, not a person whose data the prompt
carries. :func:`persona_cue` tells such a cue right before a name.

Once the text has made a name a persona, its other mentions are the persona too
(:func:`spread_persona`): the role-play prompt that ends ``My first sentence is "Hi William
Shakespeare."`` greets the role it set up, and the greeting there is no sign of a private
addressee. :func:`hybridllm.classifiers.name_public.drop_public` keeps a persona's name only
where contact details are near it (an e-mail address, a phone number, an id, a street address),
and never drops one from a clinical text.
"""

from __future__ import annotations

import re

from hybridllm.models import Finding

__all__ = ["persona_cue", "persona_words", "spread_persona"]

# "Your name is Henry. You are an expert ...", "pretend you are Dave, a GRC consultant", "act as
# Mircea", "I want you to act like William Shakespeare", "answer like Luffy using the tone".
_PERSONA_BEFORE = re.compile(
    r"(?i:\b(?:your\s+name\s+(?:is|will\s+be)|you\s+are(?:\s+now)?|you['’]re(?:\s+now)?"
    r"|you\s+will\s+(?:be|play)|pretend\s+(?:to\s+be|you\s+are)|act\s+(?:as|like)"
    r"|(?:respond|answer|reply)\s+(?:and\s+(?:respond|answer|reply)\s+)?(?:as|like)"
    r"|play\s+the\s+role\s+of|role-?play\s+as)\s+$)"
)
# The last word of every persona cue, with the space before the name (a cheap first test).
_PERSONA_ENDS = ("are ", "Are ", "as ", "As ", "is ", "be ", "of ", "now ", "re ", "lay ", "like ")


def persona_words(low: str) -> bool:
    """Whether ``low`` (lower-cased, or as written) holds a word of a persona cue at all (a
    substring test, so that texts without one skip the pattern)."""
    return "you" in low or " as" in low or "role" in low or "pretend" in low or " like" in low


def persona_cue(text: str, f: Finding) -> bool:
    """Whether a persona cue stands right before the finding ``f`` of ``text`` (``act like
    X``, ``you are now X``), and the name is no possessive (``You are Jake's assistant``: Jake
    is no persona).

    Args:
        text: the text the finding was found in.
        f: a PERSON finding of ``text``.

    Returns:
        True when the name is given to the assistant.
    """
    possessive = text[f.end - 2 : f.end + 2]
    return (
        text.endswith(_PERSONA_ENDS, max(0, f.start - 5), f.start)
        and "'s" not in possessive
        and "’s" not in possessive
        and _PERSONA_BEFORE.search(text, max(0, f.start - 30), f.start) is not None
    )


def spread_persona(
    text: str, found: list[Finding], keys: list[str], kinds: list[str | None], cues: bool
) -> list[str | None]:
    """The kinds with every mention of a persona's name made a persona.

    Args:
        text: the text the findings were found in.
        found: its PERSON findings, in order.
        keys: their lower-cased names.
        kinds: what each finding was found to be (``"persona"``, ``"person"``, None ...).
        cues: whether ``text`` holds a persona cue's word at all (:func:`persona_words`).

    Returns:
        ``kinds``, where a finding whose name follows a persona cue anywhere in the text is
        ``"persona"`` (a listed public figure too: ``act like William Shakespeare``), unless it
        is a code identifier or an English word, which go anyway.
    """
    if not cues:
        return kinds
    personas = {
        k
        for f, k, kind in zip(found, keys, kinds, strict=True)
        if kind == "persona" or (kind not in ("code", "word") and persona_cue(text, f))
    }
    if not personas:
        return kinds
    return [
        "persona" if key in personas and kind not in ("code", "word") else kind
        for key, kind in zip(keys, kinds, strict=True)
    ]
