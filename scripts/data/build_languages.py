"""Build ``languages.txt``: the names of the world's major languages, in English and in their own.

Source: the Unicode CLDR locale data as Babel ships it (PyPI ``babel``; CLDR data under the
Unicode License v3, Babel BSD-3-Clause): the English display name of every language with a
two-letter ISO 639-1 code (``Czech``, ``Tagalog``, ``Slovenian``), and each of ~30 widely used
languages' name for itself in its own locale (``Français``, ``Deutsch``, ``Español``), one word
of letters each. A name that any given-name list here holds is left out (``Thai``, ``Swati``,
``Shan``): a person of that name loses nothing.

The name stage reads a lone capitalised word in no list (``Tagalog``) or a listed surname
(``Czech``) as a possible name; a word of this list standing alone names a language or its
people (``Translate this into Czech:``, ``a Slovenian building superintendent``), and goes
unless a record, a form, a personal cue or a clinical text stands near it, as a brand's name
does (see :func:`hybridllm.classifiers.name_fame.fame`).

``languages_named.txt`` holds the names that list leaves out for being given names too
(``Danish``, ``Thai``, ``German``): :mod:`hybridllm.classifiers.name_adjectives` reads them,
with the others, as adjectives before a noun (``Danish dishes``, ``the Thai language``).

Rebuild (dev-only; Babel comes with the dev tools)::

    PYTHONPATH=src .venv/bin/python scripts/data/build_languages.py
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale

from hybridllm.classifiers.name_tokens import token_lexicon

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
# Languages whose own name for themselves a prompt may use ("Reply in Français").
_AUTONYMS = (
    *("fr de es it pt nl sv da no fi pl cs sk hu ro tr".split()),  # noqa: SIM905
    *("el ru uk id ms vi tl sw hi ja zh ko ar he fa".split()),  # noqa: SIM905
)


def main() -> None:
    """Write ``languages.txt`` and ``languages_named.txt``."""
    english = Locale("en").languages
    names = {name for code, name in english.items() if len(code) == 2 and name.isalpha()}
    for code in _AUTONYMS:
        own = Locale.parse(code).languages.get(code, "")
        if own.isalpha():
            names.add(own)
    first = token_lexicon().first
    out = sorted({n.lower() for n in names if n.lower() not in first})
    (DATA / "languages.txt").write_text("".join(f"{w}\n" for w in out), "utf-8")
    print(len(out), "language names")
    named = sorted({n.lower() for n in names if n.lower() in first})
    (DATA / "languages_named.txt").write_text("".join(f"{w}\n" for w in named), "utf-8")
    print(len(named), "language names that are given names too")


if __name__ == "__main__":
    main()
