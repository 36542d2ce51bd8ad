"""Letters written one by one to dodge a scanner: where their separators are.

``m a r i a @ g m a i l . c o m`` and ``m.a.r.i.a l.o.p.e.z`` read as an e-mail address and a
name to anyone, and as nothing to a pattern. :func:`spelt_separators` gives the positions of
the spaces or dots between such characters, which :func:`hybridllm.classifiers.normalize.normalize`
drops from its view (the original offsets are kept, so the whole run is redacted).
"""

from __future__ import annotations

import re

__all__ = ["spelt_separators"]

# Letters written one by one ("m a r i a @ g m a i l . c o m", "m.a.r.i.a l.o.p.e.z"): single
# characters split by single spaces, or single letters split by dots, five or more.
_SPELT_SPACES = re.compile(r"(?<![\w.@])[A-Za-z0-9@.](?: [A-Za-z0-9@.]){5,}(?![\w@])")
_SPELT_DOTS = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z]){4,}\.?(?!\w)")
# What any such run holds, found by a scan for a literal (~15x faster than the runs' patterns,
# which try every letter): most texts have neither.
_SPELT_SPACES_CORE = re.compile(r" [A-Za-z0-9@.] [A-Za-z0-9@.] [A-Za-z0-9@.] ")
_SPELT_DOTS_CORE = re.compile(r"\.[A-Za-z]\.[A-Za-z]\.[A-Za-z]")


def spelt_separators(view: str) -> set[int]:
    """Positions of the spaces or dots between characters written one by one: a run with an
    "@" (an e-mail address), or four lower-case letters or more that are no run of the
    alphabet ("a b c d e" lists options, "C D E F G" notes)."""
    drop: set[int] = set()
    spaces = _SPELT_SPACES_CORE.search(view) is not None
    for m in _SPELT_SPACES.finditer(view) if spaces else ():
        run = m.group()
        letters = [ch for ch in run if ch.isalpha()]
        if "@" in run or (len(letters) >= 4 and _spelt_word(letters)):
            drop.update(m.start() + k for k, ch in enumerate(run) if ch == " ")
    for m in _SPELT_DOTS.finditer(view) if _SPELT_DOTS_CORE.search(view) else ():
        if _spelt_word([ch for ch in m.group() if ch.isalpha()]):
            drop.update(m.start() + k for k, ch in enumerate(m.group()) if ch == ".")
    return drop


def _spelt_word(letters: list[str]) -> bool:
    low = "".join(letters)
    return low.islower() and low not in "abcdefghijklmnopqrstuvwxyz"
