"""A planet's name where the text speaks of space is the planet, not a person.

``Mars``, ``Venus``, ``Mercury`` are given names and surnames too (the lists hold them, and NER
reads a capitalised one alone as a person): ``As a space colonist on Mars``, ``the distance
between Earth and Mars``, ``watching the Earth from Mars``. :func:`planet` tells a one-word
finding that is the name of a planet of the Solar System (the eight of the IAU's 2006
definition, and Pluto) as the planet where the words around it, within 200 characters either
side, speak of space: another planet, the Earth, the Moon, the Sun, an orbit,
an eclipse, a rover, a space colonist. A planet's name with a first name (``Bruno Mars``,
``Freddie Mercury``) is two words, not asked; one after a title (``Mr. Mars``) or a person's
cue stays a name.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import TITLES
from hybridllm.models import Finding

__all__ = ["planet"]

PLANETS = frozenset(
    ("mercury", "venus", "earth", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto")
)
# Words of space: a planet's company in a sentence.
_SPACE = re.compile(
    r"\b(?:planets?|planetary|earth|moons?|lunar|sun|solar|orbit\w*|eclipses?|galax\w*|"
    r"astronom\w*|astronauts?|rovers?|spacecraft|space(?:ship)?s?|colon(?:y|ies|ists?|i[sz]e)|"
    r"telescopes?|asteroids?|comets?|mercury|venus|mars|jupiter|saturn|uranus|neptune|pluto|"
    r"gravity|atmosphere|terraform\w*|nasa|spacex)\b",
    re.IGNORECASE,
)
_WINDOW = 200  # characters either side of the finding read for words of space
_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+\Z")  # the word right before a finding


def planet(text: str, f: Finding) -> bool:
    """Whether the finding ``f`` of ``text`` is a planet's name amid words of space.

    Args:
        text: the text the finding was found in.
        f: a PERSON finding.

    Returns:
        True for a one-word planet's name (a possessive aside) with another word of space
        within 200 characters of it.
    """
    word = text[f.start : f.end].lower().removesuffix("'s").removesuffix("’s")
    if word not in PLANETS or f.recognizer == "names+context":
        return False
    before = _BEFORE.search(text, max(0, f.start - 16), f.start)
    if before is not None and before.group(1).lower() in TITLES:
        return False  # "Mr. Mars"
    lo, hi = max(0, f.start - _WINDOW), f.end + _WINDOW
    return any(
        not (f.start <= m.start() < f.end) for m in _SPACE.finditer(text, lo, min(hi, len(text)))
    )
