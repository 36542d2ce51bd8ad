"""Where a person's name starts, from token knowledge alone: runs of capitalised words.

A run of capitalised tokens ("Chise Horiguchi", "Bartłomiej Sokołowski", "Minik J. Mathiassen")
is a name when its tokens are listed names or unknown proper nouns and not all are ambiguous
(see :class:`~hybridllm.classifiers.name_tokens.TokenLexicon`); a lone such word is one
mid-sentence unless NER calls it an organisation or a place, and at a sentence start when
something says so: a person's verb or a vocative after it, a lower-case word after a listed
name, or its spelling (:func:`person_run`).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_shape import SPELT_LIKE_A_NAME, name_likeness
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    PARTICLES,
    TITLES,
    Kind,
    TokenLexicon,
    is_cap,
)

__all__ = ["at_sentence_start", "english_line", "person_run"]

_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_BREAK = re.compile(r"[.!?:;\n\"(]\s*$")


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence, a line or a quotation."""
    return pos == 0 or bool(_SENTENCE_BREAK.search(text[max(0, pos - 8) : pos]))


# What follows a sentence-initial name and rarely an imperative verb: an auxiliary or a
# person's verb, a vocative comma, a speaker colon, a possessive.
_SUBJECT = re.compile(
    r"(?:['’]s\s|:\s*\S|,\s+(?:can|could|would|will|please|do|did|are|is|have)\b"
    r"|\s+(?:is|was|has|had|will|would|does|did|began|spent|lives|works|worked|went|loves"
    r"|likes|listed|says|said|shouted|wants|thinks)\b)"
)
_LOWER_NEXT = re.compile(r"\s+[a-z]")
_QUOTES = frozenset("\"'‘“«")
# A vocative before a pronoun: "Talay, I have checked", "Gudmanda, you have an appointment";
# for a word in no list only when it is spelt like a name ("Bdw, I have" is no one).
_VOCATIVE = re.compile(r",\s+(?:I|you|we)\b")
_VOCATIVE_SPELT = 0.0


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _owner_at_start(text: str, word: re.Match[str], lex: TokenLexicon) -> bool:
    """A listed given name in the possessive at a sentence start, before a lower-case word:
    someone who owns something ("Sophia's laptop was stolen", "Mary's team shares it"); not
    a saint's day ("St. Valentine's day") or an upper-case acronym ("MAN's")."""
    w = word.group()
    start, end = word.span()
    return (
        w.endswith(("'s", "’s"))
        and w[1:-2].islower()
        and w[:-2].lower() in lex.first
        and not text[max(0, start - 4) : start].endswith(("St. ", "St "))
        and _LOWER_NEXT.match(text, end, end + 3) is not None
        and at_sentence_start(text, start)
    )


def person_run(  # noqa: PLR0911, PLR0912 - one verdict per rule
    text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon, *, restored: bool = False
) -> tuple[int, float, bool] | None:
    """Decide whether a person's name starts at ``words[i]`` from token knowledge alone.

    Args:
        text: the text the words were found in.
        words: word matches over ``text``.
        i: index of a capitalised word.
        lex: the token lists.
        restored: ``text`` is a lower-case text whose name words the rules capitalised: at a
            sentence start only a listed name before a lower-case word is asked of NER.

    Returns:
        ``(index of the last word of the name, score, ask_ner)``, or None when the lists cannot
        tell. ``ask_ner`` marks a lone word mid-sentence: a name unless NER says it is an
        organisation or a place.
    """
    first = words[i].group()
    if not is_cap(first):
        return None
    head = lex.kind(first)
    if head not in (Kind.NAME, Kind.UNKNOWN, Kind.AMBIGUOUS) or first.lower() in FUNCTION_WORDS:
        return None
    kinds = [head]
    last = i
    j = i + 1
    while j < len(words) and len(kinds) < 4:
        gap = text[words[j - 1].end() : words[j].start()]
        w = words[j].group()
        if gap not in (" ", ". ") or (gap == ". " and not _initial(words[j - 1].group())):
            break
        if _initial(w) or w in PARTICLES:
            j += 1
            continue
        k = lex.kind(w)
        after_initial = _initial(words[j - 1].group()) and j - 1 > i
        if not is_cap(w) or (
            k is Kind.WORD
            # "Katsuko K. Koku": after a middle initial the surname joins whatever its kind
            and not (after_initial and w.lower() not in FUNCTION_WORDS and w.lower() not in TITLES)
        ):
            break
        kinds.append(Kind.NAME if k is Kind.WORD else k)
        last = j
        j += 1
    if len(kinds) >= 2:
        if all(k is Kind.AMBIGUOUS for k in kinds):
            return None
        return last, 0.7, False
    if _owner_at_start(text, words[i], lex):
        return i, 0.5, False  # a given name owning something: "Sophia's laptop was stolen"
    if kinds[0] is Kind.AMBIGUOUS:
        return None
    start, end = words[i].span()
    if not at_sentence_start(text, start):
        return i, 0.6, True
    if lex.lone_name(first) and (
        _SUBJECT.match(text, end)
        or (
            _VOCATIVE.match(text, end)
            and (kinds[0] is Kind.NAME or name_likeness(first) >= _VOCATIVE_SPELT)
        )
    ):
        # "Judithe is very reliable", "Valida, can I ...", "Talay, I have checked", "Albracca: ..."
        return i, 0.55, False
    if restored or text[start - 1 : start] in _QUOTES:
        # A lower-case text capitalised by the rules (names.restore_case): a word at its
        # sentence start was capitalised for its evidence, the lower-case rules weigh it. A
        # quoted word is a string literal as often ('first_name = "Nora"'): NER decides.
        listed_before_word = kinds[0] is Kind.NAME and _LOWER_NEXT.match(text, end, end + 3)
        return (i, 0.5, True) if listed_before_word else None
    if kinds[0] is Kind.NAME and (
        _LOWER_NEXT.match(text, end, end + 3) or _starts_as_name(first, lex)
    ):
        # A listed name before a lower-case word ("Henry lives on ..."), or one that no English
        # word list holds, wherever it stands ("(Fazzari).", "Lagerkvist 2"): NER may still
        # call it an organisation or a place.
        return i, 0.5, True
    if (
        kinds[0] is Kind.UNKNOWN
        and name_likeness(first) >= SPELT_LIKE_A_NAME
        and (first.isascii() or english_line(text, start, lex))
    ):
        # In no list but spelt like a name ("Kaarle", not "Summarise"): as a listed one. With
        # letters outside ASCII only in an English line: a capitalised word of another
        # language reads as a name by its accents alone ("Explicación del código", "Libellé").
        return i, 0.5, True
    return None  # sentence-initial and unlisted ("Summarise", "Offsite"): context decides


_LOWER_WORD = re.compile(r"(?<![\w'’@./-])[a-z]{3,}(?![\w'’@./-])")
_ANY_WORD = re.compile(r"(?<![\w'’@./-])[^\W\d_]{3,}(?![\w'’@./-])")
_ENGLISH_LINE = 0.8  # the share of a line's lower-case words that English lists hold


def english_line(text: str, pos: int, lex: TokenLexicon) -> bool:
    """Whether the line around ``pos`` is English: three lower-case words of three letters or
    more at least (in its first 400 characters), most of them in the English vocabulary; or, in
    a short line, two or more lower-case words of any letters, all English (``Under-12 results:
    ... goals: ...``; not ``Explicación del código``)."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    low = _LOWER_WORD.findall(text, lo, min(hi if hi >= 0 else len(text), lo + 400))
    if len(low) >= 3:
        return sum(w in lex.vocab for w in low) >= _ENGLISH_LINE * len(low)
    # a short line: two lower-case words at least, in any script, every one English
    line = _ANY_WORD.findall(text, lo, min(hi if hi >= 0 else len(text), lo + 400))
    every = [w for w in line if w.islower()]
    return len(every) >= 2 and all(w in lex.vocab for w in every)


def _starts_as_name(word: str, lex: TokenLexicon) -> bool:
    """Whether a listed name at a sentence start is one whatever follows: it is a given name
    (``Enrique``) or no English word (``Fazzari``); a surname that is also a word opens
    sentences as that word (``Okay, ...``, ``Goodnight``, a list of colours: ``Claret``)."""
    low = _POSSESSIVE.sub("", word).lower()
    return low not in lex.vocab or low in lex.first
