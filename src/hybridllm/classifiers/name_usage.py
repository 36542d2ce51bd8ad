"""How a finding's words are used: everyday words, lists of things, words the author writes in
lower case. Each tells :func:`~hybridllm.classifiers.name_public.drop_public` that a PERSON
finding names no person:

- :func:`everyday_run`: a run of everyday words none of which is a given name (``Lump Sum``);
- :func:`among_things`: a word inside a run of languages, peoples or places (``Bulgarian
  Chinese Czech Danish Dutch``);
- :func:`written_lower`: a capitalised English word the same text writes in lower case;
- :func:`comment_word`: an English word that opens a code comment (``// Run the main loop``).

Headings, list items and title case capitalise everyday words that the name lists also hold as
surnames (``House``, ``Soul``, ``Navy``, ``Peer``, ``Company``); at a line start the name rules
cannot tell them from a name. The author's own usage can: a word written in lower case in the
middle of a sentence of the same text (``... the house ...``) is the author's common noun, and
nobody writes a person's surname so while capitalising it elsewhere. US given names are never
judged so (``Rose`` and ``rose`` both occur in stories about Rose; the all-locale lists' given
names that are English words, ``Peer``, ``Soul``, ``Navy``, are), nor are words in no English
list (``Brian`` ... ``brian`` is a name written carelessly).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_tokens import TITLES, plural_of, read_list, token_lexicon

__all__ = ["among_things", "comment_word", "everyday_run", "written_lower"]

# A title right before the finding: a person's surname whatever it means ("Dr. Bond").
_TITLED = re.compile(r"\b(?i:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?[ \t]+$")
# Before the word in lower case, in running prose: a lower-case letter, a digit, a comma or a
# semicolon, then a space (not a line start, a URL, a path, an address or a hashtag).
_PROSE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,;")
_GLUE = frozenset("@/#.-")


def _in_prose(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word of running prose (a possessive
    allowed), not inside an identifier, a URL or a path. One scan, no pattern to compile: the
    word differs for every finding."""
    n = len(word)
    i = text.find(word, 2)
    while i >= 0:
        j = i + n
        if j < len(text) and text[j] in "'’" and text[j + 1 : j + 2] == "s":
            j += 2
        nxt = text[j : j + 1]
        glued = nxt in _GLUE and text[j + 1 : j + 2].isalnum()
        if (
            text[i - 1] in " \t"
            and text[i - 2] in _PROSE_BEFORE
            and not (nxt.isalnum() or nxt == "_" or glued)
        ):
            return True
        i = text.find(word, i + 1)
    return False


def written_lower(text: str, start: int, end: int, key: str) -> bool:
    """Whether the one-word finding ``text[start:end]`` (``key``: lower case, no possessive) is
    an English word that is no US given name, after no title (``Dr. Bond``), and that ``text``
    writes in lower case mid-sentence elsewhere.

    Args:
        text: the text.
        start: the finding's start.
        end: the finding's end.
        key: the finding's lower-case key (see ``name_public._key``).

    Returns:
        True when the author's own usage makes the word a common noun.
    """
    if " " in key or "-" in key or not text[start : start + 1].isupper():
        return False
    if _TITLED.search(text, max(0, start - 8), start):
        return False
    lex = token_lexicon()
    if key not in lex.vocab or key in census_first():
        return False
    return _in_prose(text, key)


@lru_cache(maxsize=4096)
def everyday_run(key: str) -> str | None:
    """``"everyday"`` for a run of everyday words none of which is a given name (``Eat Lunch``,
    ``Lump Sum``, ``Player Piano``, ``Fine-tune``): no person's name is made of them alone.
    ``"words"`` for a run that holds plurals (``Server Components``) or words only the non-US
    lists hold as given names (``Bot Owner``): no person either, but places are named so
    (``Maple Springs``), so it goes only from a text that is not clinical."""
    parts = key.replace("-", " ").split()
    if len(parts) < 2 or parts[0].rstrip(".") in TITLES:  # "Miss Brewer"
        return None
    lex = token_lexicon()
    if all(p in lex.common and p not in lex.first for p in parts):
        return "everyday"
    # Census given names (people bear "Rose", "Will"); the words only the all-locale lists
    # hold as given names ("Server", "Bot", "Love") make no person's name of everyday words.
    given = census_first()
    if all((p in lex.common or plural_of(p, lex.common)) and p not in given for p in parts):
        return "words"
    return None


@cache
def _things() -> frozenset[str]:
    return frozenset(read_list("wordnet_not_people.txt"))


_CAPS_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*[ \t]){2,4}$")
_CAPS_AFTER = re.compile(r"(?:[ \t][A-Z][\w'’-]*){1,4}")


def among_things(text: str, start: int, end: int) -> bool:
    """Whether the finding ``text[start:end]`` stands in a run of capitalised words most of
    which name languages, peoples or places (WordNet's proper names that are no person): a
    menu or a list of things (``Bulgarian Chinese Czech Danish Dutch English``), not a name.

    Args:
        text: the text.
        start: the finding's start.
        end: the finding's end.

    Returns:
        True when the words right before and right after it are such names, and so are most
        of the run's other words.
    """
    if start < 2 or text[start - 1] not in " \t" or not text[end + 1 : end + 2].isupper():
        return False  # most findings: no capitalised word right after, or none right before
    before = _CAPS_BEFORE.search(text, max(0, start - 80), start)
    after = _CAPS_AFTER.match(text, end)
    if before is None or after is None:
        return False  # inside the run, not at its end ("International Paper Co's Kevin Larsen")
    left, right = before.group().split(), after.group().split()
    things = _things()
    return (
        left[-1].lower() in things
        and right[0].lower() in things
        and sum(w.lower() in things for w in left + right) * 2 > len(left) + len(right)
    )


# A code comment's opener at a line start, right before the word: "// ", "# ", "/* ", " * ".
_COMMENT_OPENER = re.compile(r"(?:^|\n)[ \t]*(?://+|#+|/\*+|\*+)[ \t]*$")


def comment_word(text: str, start: int, key: str) -> bool:
    """Whether the one-word finding ``key`` (lower case) at ``start`` opens a code comment and
    is an English word that is no US given name: the imperative or the noun a comment starts
    with (``// Run the GTK main loop``, ``# Show the window``), capitalised by its place."""
    return (
        " " not in key
        and _COMMENT_OPENER.search(text, max(0, start - 12), start) is not None
        and key in token_lexicon().vocab
        and key not in census_first()
    )
