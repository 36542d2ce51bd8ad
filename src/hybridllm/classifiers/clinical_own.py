"""A person's own health question: no record, though dense with medical words.

A payload with no clinical signal (see :mod:`.clinical`) may still name many conditions,
symptoms and drugs. When it is written in the first person ("I'm dealing with kidney disease",
"my nose is runny", "I was told to try") and asks something (a question mark, or a line that
starts with a question word: "how do i fix", "what to do"), it is someone asking about their
own health (or a relative's), not the record of a patient's care: it is not clinical by its
density of medical words alone. Whatever it says of a person named in it still counts (rule 1
of :mod:`.combine`: "my son Liam has asthma").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["own_question"]

# The writer as the subject: "I" before a verb (not the numeral of "type I diabetes", "class
# I"), a contraction ("I'm", "i've"), "my", "me".
_VERBS = (
    r"am|have|had|was|feel|felt|think|need|want|get|got|live|take|took|can|could|do|did"
    r"|don['’]t|just|also|really|would|will|should|might|may|keep|started|noticed|recently"
    r"|suffer|suffered|tried|went|woke"
)
_FIRST_PERSON = re.compile(
    rf"(?<![\w'’-])(?:[Ii]['’](?:m|ve|d|ll)\b|(?i:my|me)\b|[Ii][ \t]+(?:{_VERBS})\b)"
)
_QUESTION = re.compile(
    r"\?|^[ \t]*(?i:how|what|why|when|where|which|should|can|could|is|are|do|does|will|would)\b",
    re.MULTILINE,
)


def own_question(texts: Sequence[str]) -> bool:
    """Whether a payload reads as a person's own health question (see the module)."""
    return any(
        _FIRST_PERSON.search(t) is not None and _QUESTION.search(t) is not None for t in texts
    )
