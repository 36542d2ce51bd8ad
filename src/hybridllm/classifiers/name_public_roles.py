"""Public figures told by a title of public life, a religion's figures, names asked about as words.

Three kinds of text name someone no private person can be, whatever the name's spelling:

- a **title of public office, rank or cult** right before the name or taken into it: ``Justice
  Sanjay Karol``, ``Lord Shri Krishna``, ``the Holy Prophet Muhammad``, ``Governor Newsom``,
  ``Ambassador ...``, ``Goddess Athena``. These are offices held in public (a court, a
  government, a monarchy, a church) or the styles of gods and prophets (not ``Saint``, which
  names streets and towns as often: ``491 Saint Foncivade``; nor any title after a number);
  not the roles of a company or a club (``Site manager Zyta Żurawicka said``, ``our director``,
  ``Coach``, ``Pastor``, ``Dr.``, which name private people as often) and not ``Prince`` or
  ``Sheikh``, which are given names too (``Prince Adewale``). ``President``, ``Senator``, the
  pope, a prophet or an emperor named in lower case are :mod:`~.name_brand`'s roles already;
- a **religion's central figure** named alone in a text about religion: ``Why do Christians
  believe that Jesus was resurrected?`` (``Jesus``, ``Christ``, ``Buddha``, ``Allah``,
  ``Yahweh``, ``Jehovah``; with a word of faith in the text: ``God``, ``gospel``, ``church``,
  ``resurrected``, ``Bible`` ...). ``Jesús`` is a frequent given name; without such a word
  (``Jesus Frizzo shall not solicit clients``) the name stays a person's;
- a **name asked about as a word**: ``the origin of the name Downie``, ``trace the origins of
  the surname Nedland``, ``what does the name Guy mean``: the etymology of a name is asked
  about no one.

:func:`public_role` tells them; :func:`hybridllm.classifiers.name_public.drop_public` still
keeps such a name with private evidence near it (a record, contact details, a personal cue) and
in a clinical text.
"""

from __future__ import annotations

import re

from hybridllm.models import Finding

__all__ = ["public_role"]

_TITLES = (
    r"(?:Chief[ \t]+)?Justice|Judge|Lord|(?:Holy[ \t]+)?Prophet|Governor|Mayor"
    r"|(?:Prime[ \t]+)?Minister|Ambassador|King|Queen|Sultan|Emperor|Empress|Tsar|Czar"
    r"|Pharaoh|Archbishop|Cardinal|Ayatollah|Guru|Goddess|Pope|Senator|Congressman"
    r"|Congresswoman"
)
# Right before the name ("Lord Shri Krishna" where the name rules took "Shri Krishna") ...
_TITLE_BEFORE = re.compile(r"(?<![\w'’&-])(?<!\d[ \t])(?:the[ \t]+)?(?:" + _TITLES + r")[ \t]+$")
# ... or taken into it ("Holy Prophet Muhammad", "Justice Sanjay Karol"); a word must follow.
_TITLE_IN = re.compile(r"(?:" + _TITLES + r")[ \t]+[A-Z]")
_TITLE_LAST = frozenset(
    (  # noqa: SIM905
        "Justice Judge Lord Prophet Governor Mayor Minister Ambassador King Queen Sultan"
        " Emperor Empress Tsar Czar Pharaoh Archbishop Cardinal Ayatollah Guru Goddess Pope"
        " Senator Congressman Congresswoman"
    ).split()
)
_FIGURES = frozenset(("jesus", "christ", "jesus christ", "buddha", "allah", "yahweh", "jehovah"))
# A word of faith anywhere in the text (read only when a finding is one of _FIGURES).
_FAITH = re.compile(
    r"(?i:\b(?:god|gods|gospels?|church|churches|christians?|christianity|bible|biblical"
    r"|resurrect\w*|crucif\w*|disciples?|apostles?|scriptures?|pray|prayer|prayers|faith"
    r"|salvation|savio(?:u)?r|messiah|holy|heaven|sins?|sinners?|religion|religious"
    r"|buddhis[mt]\w*|islam\w*|muslims?|quran|koran|torah|worship|lord|prophets?"
    r"|spiritual|pharisees|nirvana|enlightenment|dharma|theolog\w*)\b)"
)
# "the origin of the name Downie", "the origins of the surname Nedland", "meaning of the name".
_NAME_ASKED = re.compile(
    r"(?i:\b(?:origins?|orgin|meaning|etymology|history|roots|popularity)[ \t]+of[ \t]+"
    r"(?:the[ \t]+|this[ \t]+)?(?:sur|first[ \t]+|given[ \t]+|last[ \t]+|family[ \t]+)?name"
    r"[ \t]+[\"“']?$)"
)
# "what does the name Guy mean", "does the surname X come from"
_NAME_BEFORE = re.compile(r"(?i:\bthe[ \t]+(?:sur)?name[ \t]+[\"“']?$)")
_MEAN_AFTER = re.compile(r"[\"”']?[ \t]+(?:mean|come[ \t]+from|originate)\b")


def public_role(text: str, f: Finding, key: str) -> str | None:
    """``"known"`` when ``f`` is named with a title of public life (see the module docstring),
    is a religion's central figure in a text about religion, or is a name asked about as a
    word; else None.

    Args:
        text: the text the finding was found in.
        f: a PERSON finding of ``text``.
        key: its lower-cased name (possessive and outer punctuation removed).

    Returns:
        ``"known"`` or None.
    """
    start = f.start
    before = text[max(0, start - 40) : start]
    words = before.split()
    numbered = bool(words) and words[-1].isdigit()  # "491 King Foncivade": a street
    if " " in key and not numbered and _TITLE_IN.match(text, start, f.end) is not None:
        return "known"
    if (
        words
        and before[-1:] in (" ", "\t")
        and words[-1] in _TITLE_LAST
        and _TITLE_BEFORE.search(before) is not None
    ):
        return "known"
    if key in _FIGURES and _FAITH.search(text) is not None:
        return "known"
    if words and words[-1].strip("\"“'").lower() in ("name", "surname"):
        if _NAME_ASKED.search(before) is not None:
            return "known"
        if _NAME_BEFORE.search(before) is not None and _MEAN_AFTER.match(text, f.end):
            return "known"
    return None
