"""Capitalised words beside found names: a person's too, unless something says otherwise.

A text that names people often names more of them with nothing but a capital: the stand-up
line ``Nashalie - out sick`` after ``Joshua Ivan - blocked``, an agenda's ``(Vosailagi)`` below
``(Rishnil Yadraca)``, a sick-leave log's ``Dalys (5 days)``. Their slots are too many to list
(every template of every generator found new ones), and NER sees a lone unfamiliar word at a
line start as often as not as an organisation or nothing. The design is the fail-safe one: in a
text where a name was found, a capitalised word within :data:`~.name_held.NEAR` characters of
it that reads as nobody's but a person's is redacted as one more name. It reads so when it is

- a listed name that is not an everyday word (``Doughty``, ``Gustaf``), or a word in no list,
  of letters only, not spelt as code is (a name likeness of -0.5 or more: ``Yadriel``,
  ``Vosailagi``, ``Naivalu``);
- no common, title, function, calendar or not-a-person word, no brand, language or famous name
  (:func:`~.name_fame.fame`);
- not glued into code (``@Foo``, ``Foo(``, ``Fuego.io``), not after a preposition of place
  (``a flat in Vrbovec``), not one word of a longer name beside an everyday word or a place
  (``San Diego``, ``Lehigh Valley``, ``Abbott Laboratories``);
- nearer to a found name than to a name the stage judged public (a citation's authors, a famous
  or fictional name, see :func:`~.name_public.drop_public`), whose lines hold more of the same.

A lower-case word needs more (lower case is how chat is typed, typing slips included): near a
name found in lower case (whoever capitalises names leaves none in lower case), a word in no
list spelt like a name (a likeness of 0.25 or more) that is no typing slip, derivation or plural
of an English word (``zakarka``, ``salvinu``), or spelt unlike code only (-0.5 or more) with
nothing English in it: no one-edit typo of a frequent word (six letters or more), no two English
words run together, a vowel (``naivalu``, ``engjull``; not ``carpool``, ``warframe``, ``mvvm``);
or a listed name no English word spells (not the census surnames ``yarns``, ``grieves``). An
item of a list or a pair with a lower-case found name needs only to be spelt unlike code (a
likeness of -0.5 or more: ``was it ndeapo or annastacia``, ``dear yandel and syndia``); the
list says the rest.

Text mostly in another language is left alone (its nouns and sentence starts are capitalised);
the names found and added are not counted as its words (a roster of names is no foreign text).
A text with no name found gets nothing from this rule, so it adds no prompt to the share of
ordinary prompts with a finding; it changes what a prompt that names people sends.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from hybridllm.classifiers.clinical import words as word_set
from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_fame import fame, famous_word
from hybridllm.classifiers.name_foreign import script_word
from hybridllm.classifiers.name_gate import COMMON_WORDS, foreign_text, span_mask
from hybridllm.classifiers.name_held import NEAR, in_code
from hybridllm.classifiers.name_lower_english import STRONG, UNKNOWN, strength
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_signoff import CLOSING_WORDS
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    Kind,
    TokenLexicon,
    is_cap,
    lexicon_cache,
    plural_of,
)
from hybridllm.classifiers.name_words import ordinary_word
from hybridllm.classifiers.name_world import world_run
from hybridllm.models import Finding, new_finding

__all__ = ["BESIDE", "PLACE_BEFORE", "beside_names"]

BESIDE = "names+beside"
"""The recognizer name of a word found beside a found name."""

# A word after these is a place's ("a flat in Vrbovec"); "to" and "from" give to people too.
PLACE_BEFORE = re.compile(
    r"(?i:\b(?:in|near|at|across|around|outside|inside|of|via|into|visit(?:ing|ed)?"
    r"|downtown|north|south|east|west)[ \t]+(?:the[ \t]+)?)\Z"
)
_CALENDAR = word_set(
    "jan feb mar apr may jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri"
    " sat sun"
)
# The word right before or after, joined by a space or a hyphen.
_BEFORE = re.compile(r"([^\W\d_][\w'’]*)[ -]\Z")
_AFTER = re.compile(r"[ -]([^\W\d_][\w'’]*)")
# -0.5, the floor under which a word is spelt as code is (``name_lower_lone``); at -0.25 (the
# NER verdicts' floor) gen4 and gen5 kept one sealed name fewer each, for 2 fewer dev prompts
# with a word added.
_UNLISTED_FLOOR = -0.5
# A lower-case word needs more: spelt like a name. With typing slips left out (_slipped), 0.25
# kept 8 more names of the fifth generator's development split than 0.5 for 5 more real
# development prompts changed (typing slips and jargon: "hse", "kratom"); 0.0, 3 more for 1.
_LOWER_FLOOR = 0.25
# Between the code floor and that bar, a word in no list near a name found in lower case is one
# more name when nothing in it is English: no typing slip of any kind (one letter changed too,
# :func:`~.name_lower_lone.misspelt`), not two English words run together (``carpool``,
# ``harbourline``, ``warframe``), and a vowel in it (``mvvm``): ``naivalu``, ``vosailagi``,
# ``engjull``, ``manrike`` read as nothing else. Measured alone (sealed lower case): gen5 78 -> 70,
# gen4 28 -> 26, gen2 50 -> 49 names surviving; no real prompt gained a finding (4 flagged ones a
# word more: ``mkdir``, ``emlab``, ``scifi``, ``emoitinally``). Without the three checks: gen5 68
# for 10 flagged development prompts changed (``carpool``-like compounds, typos, ``mvvm``).
_PIECE = 3
_SLIP_MIN = 6
_SWAP_MIN = 4
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keys_near() -> dict[str, str]:
    """The keys beside each letter's on a QWERTY keyboard (rows offset by half a key)."""
    pos = {c: (r, k + r / 2) for r, row in enumerate(_ROWS) for k, c in enumerate(row)}
    return {
        c: "".join(
            d for d, (r2, x2) in pos.items() if d != c and abs(r2 - r) <= 1 and abs(x2 - x) <= 1
        )
        for c, (r, x) in pos.items()
    }


_KEYS_NEAR = _keys_near()
_FAR = 1 << 30
_MIN_SIBLING = 3
_SEP = r"(?:[ \t]*[,;][ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
_SEP_BEFORE = re.compile(_SEP + r"\Z")
_SEP_AFTER = re.compile(_SEP)
_ITEM_END = re.compile(_SEP + r"|[ \t]*(?:[.!?)\n'\"’”]|\Z)")
_VOWEL = re.compile(r"[aeiouy]")
_LANGUAGE_SAMPLE = 4000  # characters foreign_text reads
_MEMO_SIZE = 50_000  # words whose verdict is kept


def _gap(starts: list[int], pos: int) -> int:
    """The distance from ``pos`` to the nearest of the sorted ``starts`` (huge if none)."""
    k = bisect_left(starts, pos)
    return min((abs(starts[j] - pos) for j in (k - 1, k) if 0 <= j < len(starts)), default=_FAR)


def _sibling(text: str, word: re.Match[str], edges: set[int], lex: TokenLexicon) -> bool:
    """Whether a lower-case listed given name that is also an English word is an item of a list
    beside a name found in lower case (``the panel was sandy, sukhvinder and me``, ``sopranos
    jose, ismael``): joined to it by a comma, a semicolon, ``and`` or ``or``, and after it
    the end of the list or of the sentence."""
    low = word.group()
    if len(low) < _MIN_SIBLING or low not in lex.first or low in FUNCTION_WORDS:
        return False
    return _list_item(text, word, edges)


def _lower_sibling(text: str, word: re.Match[str], edges: set[int], lex: TokenLexicon) -> bool:
    """Whether a lower-case word is an item of a list beside a name found in lower case that
    reads as a name there: a given name that is also a word (:func:`_sibling`), or a word in no
    vocabulary that :func:`_lower_item` accepts (``dear yandel and syndia``)."""
    if word.group() in lex.vocab:
        return _sibling(text, word, edges, lex)
    return _list_item(text, word, edges) and _lower_item(word.group(), lex)


def _list_item(text: str, word: re.Match[str], edges: set[int]) -> bool:
    """Whether ``word`` is joined to a name found in lower case as the next or the previous item
    of a list or a pair (see :func:`_sibling`)."""
    start = word.start()
    left = _SEP_BEFORE.search(text, max(0, start - 8), start)
    right = _SEP_AFTER.match(text, word.end())
    if right is not None and right.end() in edges:
        return word.group() not in CLOSING_WORDS  # "love, ana": a letter's close
    # after the found name, the item ends the list or comes before another separator: not
    # "ask sukhvinder and will you"
    return (
        left is not None and left.start() in edges and _ITEM_END.match(text, word.end()) is not None
    )


def _near(size: int, starts: list[int]) -> bytearray:
    """A mask of the offsets less than :data:`~.name_held.NEAR` characters from a start."""
    mask = bytearray(size)
    for pos in starts:
        lo, hi = max(0, pos - NEAR + 1), min(size, pos + NEAR)
        mask[lo:hi] = b"\x01" * (hi - lo)
    return mask


def _in_phrase(text: str, start: int, end: int, lex: TokenLexicon) -> bool:
    """Whether a capitalised everyday word or a place stands right beside the word."""
    for m in (_BEFORE.search(text, max(0, start - 40), start), _AFTER.match(text, end)):
        if m and m.group(1)[:1].isupper():
            word = m.group(1)
            if lex.kind(word) in (Kind.WORD, Kind.AMBIGUOUS) or word.lower() in lex.places:
                return True
    return False


def _reads_as_name(word: str, lex: TokenLexicon) -> bool:
    """Whether a capitalised word, by itself, reads as nobody's but a person's name."""
    low = word.lower()
    kind = lex.kind(word)
    if kind is Kind.UNKNOWN:
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not letters.isalpha() or name_likeness(word) < _UNLISTED_FLOOR:
            return False
    elif kind is not Kind.NAME or famous_word(low):
        return False
    return not (
        low in COMMON_WORDS
        or low in TITLE_WORDS
        or low in FUNCTION_WORDS
        or low in lex.not_people
        or low in _CALENDAR
        or fame(low) is not None
    )


def _slipped(word: str, common: frozenset[str]) -> bool:
    """Whether a frequent English word of three letters or more is ``word`` with two neighbours
    swapped (``ahve``, ``baout``) or one letter typed too many: a typing slip. In a word of
    fewer than six letters the extra letter must be one a finger slips to, a neighbour's key or
    the letter again (``giood``, ``webnt``; not ``kyona``, ``moeng``, ``tavid``: names differ
    from short words so). A letter changed is not taken: names differ from words so (``nenu``,
    ``sotia``)."""
    n = len(word)
    if n < _SWAP_MIN:
        return False
    if any(word[:i] + word[i + 1] + word[i] + word[i + 2 :] in common for i in range(n - 1)):
        return True
    return any(
        word[:i] + word[i + 1 :] in common and (n >= _SLIP_MIN or _fat_finger(word, i))
        for i in range(n)
    )


def _fat_finger(word: str, i: int) -> bool:
    """Whether ``word[i]`` is the letter before or after it again, or a key beside one of them
    on a QWERTY keyboard."""
    near = _KEYS_NEAR.get(word[i], "")
    return any(
        0 <= j < len(word) and (word[j] == word[i] or word[j] in near) for j in (i - 1, i + 1)
    )


def _lower_name(word: str, lex: TokenLexicon, floor: float = _LOWER_FLOOR) -> bool:
    """Whether a lower-case word reads as a name by itself: a word in no list, of plain
    letters, that is no typing slip, derivation or plural of an English word and is spelt like a
    name (``zakarka``, ``yadriel``); or a listed name that no English word spells (a given name,
    or a surname spelt like a name: not ``yarns``, ``grieves``, census surnames)."""
    kind = lex.kind(word)
    evidence = strength(lex, word)
    if kind is Kind.UNKNOWN:
        likeness = name_likeness(word)
        return (
            word.isascii()
            and evidence == UNKNOWN
            and likeness >= min(floor, _UNLISTED_FLOOR)
            and not ordinary_word(word)
            and not _slipped(word, lex.common)
            and (likeness >= floor or _no_english_in(word, lex))
        )
    return (
        kind is Kind.NAME
        and evidence == STRONG
        and word not in lex.vocab
        and not plural_of(word, lex.vocab)
        and (word in lex.first or name_likeness(word) >= floor)
    )


def _no_english_in(word: str, lex: TokenLexicon) -> bool:
    """Whether a word in no list holds nothing English: a vowel, no one-edit typo of a frequent
    word, not two English words of three letters or more run together (see _PIECE)."""
    if not _VOWEL.search(word) or misspelt(word, lex):
        return False
    return not any(
        word[:k] in lex.vocab and word[k:] in lex.vocab
        for k in range(_PIECE, len(word) - _PIECE + 1)
    )


def _lower_item(word: str, lex: TokenLexicon) -> bool:
    """Whether a lower-case item of a list beside a found name is a name: as
    :func:`_lower_name`, but spelt like a name only as far as code is not (a likeness of -0.5 or
    more: ``syndia``, ``ndeapo``): its place in the list says the rest."""
    return _reads_as_name(word, lex) and _lower_name(word, lex, floor=_UNLISTED_FLOOR)


@lexicon_cache(maxsize=_MEMO_SIZE)
def _name_word(lex: TokenLexicon, word: str) -> bool:
    """:func:`_reads_as_name` (and for a lower-case word :func:`_lower_name`), memoised per
    word (words recur across calls)."""
    return _reads_as_name(word, lex) and (not word.islower() or _lower_name(word, lex))


def beside_names(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    found: list[Finding],
    judged: list[Finding],
) -> list[Finding]:
    """The words beside found names that read as people's (see the module docstring).

    Args:
        text: the text.
        words: its words (the name stage's).
        lex: the token lists.
        found: the stage's final person findings (those in lower case anchor lower-case
            words, the others capitalised ones).
        judged: the stage's findings before public names were dropped.

    Returns:
        New ``names+beside`` PERSON findings, none inside ``found`` or ``judged``.
    """
    anchors = sorted(f.start for f in found if f.recognizer != "names+lower")
    lows = sorted(f.start for f in found if text[f.start : f.end].islower())
    if not (anchors or lows):
        return []
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    dropped = sorted(f.start for f in judged if not any(taken[f.start : f.end]))
    taken = span_mask(len(text), [(f.start, f.end) for f in (*found, *judged)])
    near_cap, near_low = _near(len(text), anchors), _near(len(text), lows)
    edges = {f.start for f in found if text[f.start].islower()} | {
        f.end for f in found if text[f.start].islower()
    }
    out: list[Finding] = []
    for m in words:
        start = m.start()
        if taken[start]:
            continue
        word = m.group()
        sibling = False
        if word.islower():
            if not near_low[start]:
                continue
            sibling = _lower_sibling(text, m, edges, lex)
            if word in lex.vocab and not sibling:
                continue  # most words: an everyday word in lower case
            gap_to = lows
        elif not near_cap[start] or not word[:1].isupper() or not is_cap(word):
            continue
        else:
            gap_to = anchors
        end = m.end() - (2 if word[-2:] in ("'s", "’s") else 0)
        if (
            taken[end - 1]
            or (dropped and _gap(dropped, start) < _gap(gap_to, start))
            or not (sibling or _name_word(lex, text[start:end]))
        ):
            continue
        if (
            in_code(text, start, end)
            or PLACE_BEFORE.search(text, max(0, start - 24), start)
            or _in_phrase(text, start, end, lex)
            or script_word(text, start, end, text[start:end].lower())  # "Кроме того, Тимур"
            or world_run(text, start, end, text[start:end].lower(), taken)  # "iptal edildi"
        ):
            continue
        out.append(
            new_finding(
                entity_type="PERSON",
                category="PII",
                start=start,
                end=end,
                score=0.45,
                recognizer=BESIDE,
            )
        )
    # The names found and those added say nothing of the text's language: a roster or a list
    # of names in lower case is no foreign text ("11, remeikis, grazina, libero").
    if out and foreign_text(lex, _blanked(text, [*found, *out])):
        return []
    return out


def _blanked(text: str, spans: list[Finding]) -> str:
    """``text`` with the given spans replaced by spaces."""
    chars = list(text[:_LANGUAGE_SAMPLE])
    for f in spans:
        if f.start < len(chars):
            chars[f.start : f.end] = " " * (min(f.end, len(chars)) - f.start)
    return "".join(chars)
