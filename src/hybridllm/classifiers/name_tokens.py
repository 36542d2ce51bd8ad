"""What a capitalised word can be: a listed name, an ambiguous one, an unknown proper noun, a word.

The name recognizer needs to know, for one token, whether it can be part of a person's name
without asking a model. Word lists answer that (built offline by the repository's
``scripts/data/build_lexicon.py`` and ``scripts/data/build_vocab.py``; sources and licences in
``data/SOURCES.md``):

- name lists: Faker's person providers for 27+ locales, US Census 2010 surnames, a CC0 list
  of US first names, the US given names of the SSA's baby-name counts and the Brazilian ones
  of the IBGE 2010 census that no other list holds (``Jordyn``, ``Porsha``, ``Elvino``);
- ``ambiguous.txt``: listed names that are also everyday words, big cities, countries or package
  names ("Mark", "Miller", "Austin", "Jasmine"): they need context to count alone;
- ``vocab.txt``: English words (wordfreq Zipf >= 3.0, Webster's 2nd lower-case entries, British
  spellings) and the parts of the most used PyPI/npm package names; ``places_large.txt``: big
  cities, countries, US states. A capitalised token in none of the lists (and not a code
  identifier, a contraction, a town-shaped word or two everyday words run together) is an
  **unknown proper noun**, which in running text is most often a person's name from a culture
  the lists do not cover ("Horiguchi", "Vilmundína", "Nazhmuddin").

A run of capitalised tokens ("Chise Horiguchi", "Bartłomiej Sokołowski", "Minik J. Mathiassen")
is a name when its tokens are names or unknown proper nouns and not all are ambiguous; see
:func:`~hybridllm.classifiers.name_runs.person_run`.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping
from functools import cache, lru_cache, wraps
from importlib import resources
from typing import Concatenate, ParamSpec, TypeVar, cast

from hybridllm.classifiers.name_shape import name_likeness

__all__ = [
    "CUE_VERBS",
    "FUNCTION_WORDS",
    "IRISH_PARTICLES",
    "Kind",
    "TokenLexicon",
    "code_word",
    "fold",
    "is_cap",
    "lexicon_cache",
    "plural_of",
    "read_list",
    "token_lexicon",
    "with_folded",
]

PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la"}
    | {"le", "ter", "ten", "te", "bin", "ibn", "al", "el", "st", "ó", "ní", "uí", "mhic"}
    | {"dela", "delos", "dei", "degli", "zu", "binti"}
)
# Irish surnames' particles, capitalised in a name as written ("Seán Ó Griallais", "Máire Ní
# Bhriain", "Uí Néill"): no English word, so a name grows over them in either case.
IRISH_PARTICLES = frozenset({"ó", "ní", "nic", "uí", "ua", "mhic"})
# The roles of a transcript's speaker labels ("Agent: how can I help?", "Customer: ..."):
# labels, not names, though some are surnames too ("Agent", "Host", "Nurse").
TRANSCRIPT_ROLES = frozenset(
    (
        *("agent", "customer", "caller", "client", "rep", "support", "operator", "staff"),
        *("interviewer", "interviewee", "host", "guest", "moderator", "narrator", "speaker"),
        *("doctor", "patient", "nurse", "teacher", "student", "assistant", "system", "admin"),
        *("officer", "judge", "witness", "lawyer", "attorney", "counsel", "clerk", "tech"),
    )
)
# Titles come before names and are not part of them ("Patient John Smith", "Nurse Okafor").
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "rev"}
    | {"nurse", "patient", "pt", "mme", "mlle", "herr", "frau", "sr", "sra", "srta", "señor"}
    | {"señora"}
)
_KIND_CACHE = 50_000
_POSSESSIVE = re.compile(r"['’]s$")
# Unlisted words with these endings are towns ("Lonnieborough", "Merrittside", "Wilsonstad").
_PLACE_SUFFIX = re.compile(
    r"(?:ville|borough|burgh|bury|shire|stad|view|haven|mouth|chester|fort|port|side|town)$"
)
# Unlisted words with these endings are English derivations ("Weaponization", "Palpitations",
# "Beaconing"), not names.
_WORD_SUFFIX = re.compile(
    r"(?:[ts]ions?|ments?|ness|ities|ity|isms?|ologys?|ics|able|ible|i[sz]ed|i[sz]ing|ings"
    r"|\w{4}ing|ances|ences|ships?|ously|ous|ively|ive)$"
)
# Names in Latin, Greek or Cyrillic script; a word mixing in other scripts or mathematical
# letters ("Tutorを現在", bold math "Pain") is not one.
# Latin letters include the IPA block's schwa ("Kəngərli", Azerbaijani).
# Hungarian and Croatian surnames end in -ics after these letters ("Petrovics", "Vujicsics",
# "Kristofics"); English derivations in -ics ("Proteomics", "Tokenomics") do not.
_NAME_ICS = re.compile(r"[vcfbdgjzk]ics$")
# A word with such an ending that is still spelt like a name (``Vujicsics``, ``Markovics``:
# :func:`~hybridllm.classifiers.name_shape.name_likeness`) is no derivation.
_SPELT_LIKE_A_NAME = 0.5
_LOAN_ACCENTS = frozenset("éèêëàâçîïôûüœæö")
_LATIN = re.compile(r"[a-zß-öø-ÿĀ-ʯḀ-ỿͰ-ϿЀ-ӿ]+")
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t)$")
# An upper-case letter inside a word after a lower-case one, as in code identifiers
# ("ModuleNotFoundError", "ClickUp"), but not "McDonald", "MacArthur", "DeShawn", "LaToya".
_CAMEL = re.compile(
    r"^(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)[A-Z])\w*[a-z][A-Z]"
    # Two humps are code whatever the prefix: "DeQueueIterator", "McpServerConfig".
    r"|[a-z][A-Z]\w*[a-z][A-Z]"
)


# Two capitals then lower case: acronyms in plural or identifiers ("LMs", "NPCs", "GCNConv",
# "QRadar", "ICluster"); names do not start so ("McDonald", "DeShawn" have a lower second letter).
_ACRONYMIC = re.compile(r"^[A-Z][A-Z]+[a-z]")


def code_word(word: str) -> bool:
    """Whether ``word`` is written as a code identifier is (``GetPhotos``, ``FetchSecrets``,
    ``GCNConv``) and a name is not (``McDonald``, ``DeShawn``)."""
    return bool(_CAMEL.search(word) or _ACRONYMIC.match(word))


# Function words that start a sentence or a heading before a name-like word ("The Schlitz
# Brewing", "While Casper is ...", "Can Apophis hit"): never the first word of a name.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "while",
        "when",
        "whenever",
        "if",
        "and",
        "or",
        "but",
        "can",
        "could",
        "should",
        "would",
        "must",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "as",
        "so",
        "than",
        "then",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "what",
        "which",
        "who",
        "why",
        "how",
        "where",
        "not",
        "no",
        "yes",
        "please",
        "all",
        "any",
        "some",
        "each",
        "every",
        "after",
        "before",
        "since",
        "until",
        "unless",
        "although",
        "though",
        "because",
    ]
)


def _plural_of(low: str, vocab: Container[str]) -> bool:
    """An English plural of a vocabulary word ("warranties", "fractals", "hustles")."""
    if len(low) < 5 or not low.endswith("s") or low.endswith("ss"):
        return False
    return (
        low[:-1] in vocab
        or (low.endswith("es") and low[:-2] in vocab)
        or (low.endswith("ies") and low[:-3] + "y" in vocab)
    )


def plural_of(low: str, vocab: Container[str]) -> bool:
    """Whether ``low`` is an English plural of a word of ``vocab`` (``warranties``)."""
    return _plural_of(low, vocab)


class Kind(enum.Enum):
    """What a capitalised token can be, as far as the lists know."""

    NAME = "name"
    """A listed first name or surname that is not an everyday word."""
    AMBIGUOUS = "ambiguous"
    """A listed name that is also a word, place or product: needs context."""
    UNKNOWN = "unknown"
    """In no list at all: an unknown proper noun."""
    WORD = "word"
    """An ordinary word, a place or a package name; not a name by itself."""


# Verbs and greetings that address or name the person after them, capitalised at a sentence
# start: never the first word of that name ("Ask Maria Lopez", "Email Kwame Mensah").
CUE_VERBS = frozenset(
    (
        *("ask", "tell", "email", "e-mail", "call", "text", "ping", "remind", "invite", "meet"),
        *("thank", "thanks", "cc", "dear", "hi", "hello", "hey", "message", "contact"),
        *("notify", "inform", "congratulate", "welcome"),
    )
)


def read_list(name: str) -> list[str]:
    """The words of a list in the package's ``classifiers/data`` folder."""
    data = resources.files("hybridllm.classifiers").joinpath("data", name)
    return data.read_text("utf-8").split()


def fold(word: str) -> str:
    """Strip diacritics ("Jurković" -> "Jurkovic")."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def with_folded(words: list[str]) -> frozenset[str]:
    """The words and their diacritic-free forms."""
    folded = (fold(w) for w in words if not w.isascii())
    return frozenset(words).union(f for f in folded if len(f) > 1)


def untracked(words: Iterable[str]) -> Mapping[str, None]:
    """``words`` as the keys of a plain dict: as quick to ask (``in``), and, holding only
    strings, a dict the garbage collector does not track. A frozenset is tracked, and every
    full collection walks each of its entries: with the token lists' ~480k words that was
    ~30 ms of every such pause (they come every few dozen 10 KB calls)."""
    return dict.fromkeys(words)


_SLIP_MIN = 8  # a shorter word is one slip away from too many names ("eistein", "mariett")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class TokenLexicon:
    """The token lists, loaded once (~0.15 s and ~45 MB here, ~450k words)."""

    def __init__(self) -> None:
        """Load every list from the package data."""
        self.first = untracked(
            with_folded(
                read_list("first_names.txt")
                + read_list("census_first_names.txt")
                + read_list("ssa_first_names.txt")
                + read_list("ibge_first_names.txt")
            )
        )
        self.last = untracked(
            with_folded(read_list("surnames.txt") + read_list("census_surnames.txt"))
        )
        self.ambiguous = frozenset(read_list("ambiguous.txt")) | frozenset(
            read_list("common_words.txt")
        )
        self.vocab = untracked(read_list("vocab.txt"))
        self.common = frozenset(read_list("vocab_common.txt"))
        self.places = frozenset(read_list("places_large.txt"))
        # Large places that Faker's curated lists hold as surnames ("Rodriguez", "Henderson",
        # "Mendoza"): ambiguous, so a person's slot can decide, not a plain word.
        self.place_surnames = self.places & frozenset(read_list("surnames.txt"))
        self._kinds: dict[str, Kind] = {}
        self.strengths: dict[str, int] = {}
        """Memo of :func:`~hybridllm.classifiers.name_lower_english.strength` per word."""
        self.not_people = frozenset(read_list("not_people.txt")) | frozenset(
            read_list("not_name_parts.txt")
        )

    def kind(self, token: str) -> Kind:
        """Classify one token (any case; a trailing possessive ``'s`` is ignored)."""
        kind = self._kinds.get(token)
        if kind is None:
            if len(self._kinds) >= _KIND_CACHE:
                self._kinds.clear()  # bounded; a plain dict is thread-safe for get/set/clear
            kind = self._kinds[token] = self._kind(token)
        return kind

    def _kind(self, token: str) -> Kind:  # noqa: PLR0911 - one verdict per rule, in order
        bare = _POSSESSIVE.sub("", token)
        low = bare.lower().replace("i\u0307", "i")  # Python lower-cases Turkish "İ" to "i̇"
        if len(low) < 2:
            return Kind.WORD
        if low in self.not_people or low in TITLES or _CONTRACTION.search(low) or code_word(bare):
            return Kind.WORD
        if low in self.place_surnames:
            return Kind.AMBIGUOUS  # "Rodriguez", "Mendoza": a city and a surname
        if low in self.places and low not in self.first:
            return Kind.WORD  # "Toronto", "Brno"; "Austin" is ambiguous below
        if low in self.first or low in self.last:
            return Kind.AMBIGUOUS if low in self.ambiguous else Kind.NAME
        # Loanwords keep Latin-1 accents ("café", "naïve"); "Pudič" or "Đurđa" are not "pudic".
        latin1 = all(ord(c) < 256 for c in low)
        # A capitalised name spelt with accents its list entry lacks ("Sílvio", "Napóleon",
        # "Marqués") is that name; a loanword's plain form is an everyday word and no given
        # name ("Café"). In lower case an unlisted accented word stays UNKNOWN, which the
        # lower-case rules take as the stronger evidence ("asking for károlyi").
        plain = fold(low) if latin1 and bare[:1].isupper() and not low.isascii() else low
        if plain != low and (
            plain in self.first or (plain in self.last and plain not in self.vocab)
        ):
            return Kind.AMBIGUOUS if plain in self.ambiguous else Kind.NAME
        if low in self.vocab or (latin1 and self._loanword(low)) or self._compound(low):
            return Kind.WORD
        if "-" in low:  # "Olli-Pekka", "Reyes-Villalobos"; not "Co-Founder"
            parts = [self._kind(p) for p in low.split("-") if p]
            if not parts or Kind.WORD in parts:
                return Kind.WORD
            # "Non-smoker": parts that are all everyday words too are no more than ambiguous
            return Kind.AMBIGUOUS if all(k is Kind.AMBIGUOUS for k in parts) else Kind.NAME
        if _plural_of(low, self.vocab) or (
            low.endswith("s") and not low.endswith("ss") and self._compound(low[:-1])
        ):
            return Kind.WORD  # "Warranties", "Fractals", "Carousels"; "Waveforms" (wave+form)
        letters = low.replace("'", "").replace("’", "")
        if (
            len(letters) < 3
            or not letters.isalpha()
            or _PLACE_SUFFIX.search(low)
            or (
                _WORD_SUFFIX.search(low)
                and not _NAME_ICS.search(low)
                and name_likeness(low) < _SPELT_LIKE_A_NAME
            )
            or not _LATIN.fullmatch(letters)
        ):
            return Kind.WORD
        return Kind.UNKNOWN

    def lone_name(self, token: str) -> bool:
        """Whether one word alone can be taken for a name: not ambiguous, and not an everyday
        word unless it is a listed first name ("Fax:" is a label; "Lukas:" a speaker)."""
        low = _POSSESSIVE.sub("", token).lower()
        kind = self.kind(token)
        if kind is Kind.UNKNOWN:
            return True
        return kind is Kind.NAME and (low not in self.vocab or low in self.first)

    def _loanword(self, low: str) -> bool:
        """An accented spelling of an English word: a frequent one ("Nestlé" / nestle), or one
        whose accents are those English keeps from French and German ("Crème", "Über"); not a
        name spelt like a rare word of the vocabulary ("Lázár" / lazar, "Sáron" / saron)."""
        plain = fold(low)
        if plain not in self.vocab:
            return False
        return plain in self.common or all(c.isascii() or c in _LOAN_ACCENTS for c in low)

    def slip(self, low: str) -> bool:
        """Whether a lower-case word is an English word of 8+ letters typed with two letters
        swapped or one left out (``downlaod``, ``univeristy``, ``succesfully``), or one of 9+
        letters with one letter too many (``japansese``, ``kurbernetes``, ``professour``): chat
        text is full of them, and no name word of those lengths in the labelled sets here is
        (shorter, ten of ~9,000 are: ``eistein``, ``delcine``, ``annaheim``, ``abrahaam``). A
        substituted letter is not read: ``janelin`` / javelin, ``sylwester`` / sylvester,
        ``bettine`` / betting are names. The lower-case rules ask it of words in no list
        (:func:`~.name_lower_english.strength`); a capitalised word is judged as a finding, where
        a given name before it keeps it (:mod:`~.name_words`: ``Mark Assisant``)."""
        n = len(low)
        if n < _SLIP_MIN or not low.isascii():
            return False
        # Each kind of slip's spellings built in a list and asked of the vocabulary by map(): a
        # third less time than a generator's (~36 -> ~24 us for a word that is none, the usual
        # case: an unlisted name new to the process).
        known = self.vocab.__contains__
        if any(map(known, [low[:i] + low[i + 1] + low[i] + low[i + 2 :] for i in range(n - 1)])):
            return True
        if n > _SLIP_MIN and any(map(known, [low[:i] + low[i + 1 :] for i in range(n)])):
            return True
        cuts = [(low[:i], low[i:]) for i in range(n + 1)]
        return any(map(known, [head + c + tail for head, tail in cuts for c in _LETTERS]))

    def _compound(self, low: str) -> bool:
        """Two everyday words run together: "Northwind", "Bluepeak", "Saltmarsh"."""
        return any(
            low[:k] in self.common and low[k:] in self.common for k in range(4, len(low) - 3)
        )


@lru_cache(maxsize=1 << 15)  # called per word of every rule: a bounded memo of its verdicts
def is_cap(word: str) -> bool:
    """Capitalised, not all upper case, more than one letter ("Anna", not "AWS", "NASA's" or
    "I")."""
    if not word[0].isupper():
        return False
    bare = word[:-2] if word.endswith(("'s", "’s")) else word  # no regex
    return not bare.isupper() and len(bare) > 1


@cache
def token_lexicon() -> TokenLexicon:
    """The process-wide :class:`TokenLexicon` (loaded on first use)."""
    return TokenLexicon()


_R = TypeVar("_R")
_P = ParamSpec("_P")


def lexicon_cache(
    maxsize: int,
) -> Callable[
    [Callable[Concatenate[TokenLexicon, _P], _R]], Callable[Concatenate[TokenLexicon, _P], _R]
]:
    """Memoise a function of ``(lex, *args)`` per ``args`` for the process-wide lexicon only
    (:func:`token_lexicon`); another lexicon (a test's) is computed uncached. A cache key that
    held the lexicon would be a tuple the garbage collector tracks for the entry's life; one of
    words and flags is not. ``args`` and keyword arguments must be hashable."""

    def wrap(
        fn: Callable[Concatenate[TokenLexicon, _P], _R],
    ) -> Callable[Concatenate[TokenLexicon, _P], _R]:
        def default(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            return fn(token_lexicon(), *args, **kwargs)

        # lru_cache types its wrapper's arguments as Hashable; _P's are (see the docstring).
        on_default = cast(Callable[_P, _R], lru_cache(maxsize=maxsize)(default))

        @wraps(fn)
        def call(lex: TokenLexicon, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            if lex is token_lexicon():
                return on_default(*args, **kwargs)
            return fn(lex, *args, **kwargs)

        return call

    return wrap
