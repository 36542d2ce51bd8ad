"""Is a diagnosis or a medication said of someone, or only named? (rule 1 of :mod:`.combine`)

Outside a clinical payload, clinical content (``DIAGNOSIS``, ``MEDICATION``) is PHI only about
a person the payload identifies. A text that names a disease in general ("the spread of
COVID-19", "used in the treatment of autism", "Experience anxiety, depression, ...", "CAD" in a
list of skills) and a person somewhere else (the author of a citation, a company's founder, a
word taken for a name) says nothing of that person's health. A finding of clinical content
counts when:

- it is **said of someone**: a possessive, a verb of having or a diagnosis right before it,
  within three words ("his obesity", "Rob's ADHD", "Your father has cancer", "was diagnosed
  with AIDS", "had a stroke", "suffers from migraine", "is pregnant"): the person may be named
  anywhere in the payload ("Dear Dr. Patel, my son Liam ... His asthma ...");
- or a person-identifying finding stands in **the same sentence** of the same message ("Ravi
  Patel: recurrent UTI, on nitrofurantoin"; a sentence ends at ``.``, ``!`` or ``?`` before a
  space or at a blank line);
- or it was found in an encoded span (``+decoded``): its context is not the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hybridllm.models import Finding

__all__ = ["said_of"]

# A sentence's end: a stop (with closing quotes or brackets) before a space, a literal "\n" of
# an escaped string or the end; or a blank line.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|\\n|$)|\n[ \t]*\n|(?:\\n){2}")
# A cue right before the finding: up to three words between ("her stress and anxiety"); a
# possessive, not a contraction ("there's", "it's").
_CUE = re.compile(
    r"(?:\b(?:my|his|her|their|your|our|has|had|have|having|is|was|am|been|became|got"
    r"|diagnosed|suffers?|suffer(?:ed|ing)|treated|battling|fighting|recovering|struggl\w*"
    r"|living|born|developed|positive)\b"
    r"|\b(?!(?:it|that|there|here|what|who|he|she|let|where|how|when|this)['’])\w+['’]s)"
    r"[ \t,]+(?:(?:with|from|for|of|a|an)[ \t]+)?(?:[\w'’-]+[ \t,]+){0,2}$",
    re.IGNORECASE,
)
_CUE_WINDOW = 80


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``[start, end)``."""
    begin = 0
    for m in _END.finditer(text, 0, start):
        begin = m.end()
    after = _END.search(text, end)
    return begin, after.start() if after else len(text)


def said_of(f: Finding, texts: Sequence[str], persons: Sequence[Finding]) -> bool:
    """True when the clinical-content finding ``f`` is about a person the payload identifies
    (see the module docstring).

    Args:
        f: a ``DIAGNOSIS`` or ``MEDICATION`` finding.
        texts: the payload's messages (``f.message_index`` indexes them; without them, any
            person-identifying finding counts, wherever it stands).
        persons: the payload's person-identifying findings (in any message).
    """
    if not persons or f.recognizer.endswith("+decoded") or f.message_index >= len(texts):
        return bool(persons)
    text = texts[f.message_index]
    if _CUE.search(text, max(0, f.start - _CUE_WINDOW), f.start):
        return True
    begin, end = _sentence(text, f.start, f.end)
    return any(
        g.message_index == f.message_index and g.end > begin and g.start < end for g in persons
    )
