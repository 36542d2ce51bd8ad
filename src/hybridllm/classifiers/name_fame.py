"""Public figures and brands by text frequency: a surname far more frequent in text than in the
population is a famous one.

``data/famous_names.txt`` (built offline by ``scripts/data/build_fame.py`` from wordfreq's English
frequencies and the US Census 1990 surname distribution; see ``data/SOURCES.md``) lists the
tokens whose frequency in text (Wikipedia, news, subtitles, books) exceeds what their share of
the population predicts by far (``Einstein``, ``Kardashian``, ``Obama``, ``Schwarzenegger``), and
the name-like tokens in no name list that text names thousands of times (``Aristotle``,
``Airbnb``). A common surname is frequent in text because many people bear it (``Johnson``,
``Garcia``, ``Singh``) and is never listed, nor is any English word or given name.
``data/brands.txt`` (built by ``scripts/data/build_brands.py`` from simple-icons, CC0) adds the
one-word names of software, web and consumer brands in no name list (``Zapier``,
``Coursera``, ``Fiverr``): a lone word of it is a brand's name (:func:`fame`), and so, in
effect, is a language's name of ``data/languages.txt`` (built by
``scripts/data/build_languages.py`` from CLDR: ``Czech``, ``Tagalog``, ``Français``).

:func:`famous` only tells that a name is a public one by its form; whether it goes is decided
by :func:`hybridllm.classifiers.name_public.drop_public`, which keeps every name with private
evidence near it (a record, a form, a personal cue, a clinical text).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["fame", "famous", "famous_word", "load_famous"]


@cache
def _famous() -> frozenset[str]:
    data = resources.files("hybridllm.classifiers").joinpath("data", "famous_names.txt")
    return frozenset(line for line in data.read_text("utf-8").splitlines() if line)


@cache
def _famous_words() -> frozenset[str]:
    data = resources.files("hybridllm.classifiers").joinpath("data", "famous_words.txt")
    return frozenset(line for line in data.read_text("utf-8").splitlines() if line)


@cache
def _products() -> frozenset[str]:
    """Brands' and languages' names: things, not people, when they stand alone."""
    words: set[str] = set()
    for name in ("brands.txt", "languages.txt"):
        data = resources.files("hybridllm.classifiers").joinpath("data", name)
        words.update(line for line in data.read_text("utf-8").splitlines() if line)
    return frozenset(words | _GIVEN_NAME_LANGUAGES)


# Programming languages named like people: common given names ("Julia said", "Hi Ruby,"), so
# no list makes them a plain word; alone ("written in Julia", "learning Ruby") a product.
_GIVEN_NAME_LANGUAGES = frozenset(("julia", "ruby"))


def load_famous() -> None:
    """Read the lists now (the classifier's warm-up), not in the first call that asks."""
    _famous()
    _famous_words()
    _products()


def famous(key: str) -> bool:
    """Whether the lower-cased name ``key`` is a famous one: its last word (the surname of a
    full name, or the one word of a lone name) is listed in ``famous_names.txt``.

    Args:
        key: a PERSON finding's text, lower case, possessive and titles removed, single spaces.

    Returns:
        True when the name's last word is a famous surname or a brand's name.
    """
    last = key.rpartition(" ")[2]
    return last in _famous() or last.partition("-")[0] in _famous()


def fame(key: str) -> str | None:
    """``"product"`` for a one-word brand's name (``data/brands.txt``: ``zapier``,
    ``coursera``) or a language's (``data/languages.txt``: ``czech``, ``tagalog``,
    ``français``), ``"famous"`` for a :func:`famous` name, else None (``key`` as there)."""
    if " " not in key and key in _products():
        return "product"
    return "famous" if famous(key) else None


def famous_word(low: str) -> bool:
    """Whether the lower-case word ``low`` is a surname that is also an English word or a place
    and that text names far more often than its bearers predict (``data/famous_words.txt``,
    built with :func:`famous`'s list): ``Okay``, ``Camping``, ``Boeing``, ``Nissan``. Alone, such
    a word is rarely a private person's name; a sign that it is one (a person's context, a given
    name before it, NER's PERSON label) still makes it one."""
    return low in _famous_words()
