"""One-word names of invented people: characters of word problems, stories and personas.

Real prompts are full of people nobody could be identified by: ``Jana is 24 years old. She had
twice as many years as Hana ...``, ``a story about a cat named Bernie``, ``You are now Xavier,
the copywriter ...``. A given name alone in such a text names a character the author made up.
:func:`invented` tells which one-word names of a text are such characters:

- **word problems**: the text asks for a quantity (``how many``, ``how much``, ``how old``,
  ``twice as``, ``what is the total ...``) and holds a number (or the variables ``N``, ``M``):
  every one-word name of it is a character of the problem;
- **characters**: the name is introduced as one (``a boy vampire named Adrian``, ``a pet camel
  named roger``, ``the main character is chris``, ``a story about isabella``) in a text that
  asks for fiction (a story, poem, script, game, character ...);
- **personas**: the model is told to be someone (``you are now Xavier``, ``act as Gal``);
- **fiction requests**: the text asks for a story, poem, script, chapter, scene, song ...
  (``write a story where Mila finds a map``, ``continue this chapter``, ``tell me a story
  about``, ``generate a conversation between Alice and Bob``): its one-word names are
  characters;
- **story prose**: the text is a story (pasted to be continued or edited): clauses narrated in
  the third person and the past tense outside quoted speech (``she turned back to the door``),
  few first-person pronouns (an account of one's own life is none), and a word of fiction or
  speech given to characters after quotes (``"Thank you," Alyssa growled``). Its one-word
  given names and unlisted names are characters, unless the text also names them with a surname;
  a surname alone is not taken (``Takuda was released on bail`` is a news report).

:mod:`hybridllm.classifiers.name_public` drops those findings unless the name sits in a
record-like context or after a personal cue (``my daughter Linoy``), and never in a clinical
text. Names of two words or more (a surname) are never taken for characters here, except a
rank or a title of nobility or fantasy before one word (:func:`titled`: ``Captain Keif``,
``King Jeffrey``, ``Prince Nezha``): in such a text that is a character's style, not a real
person's (``Mr.``, ``Dr.``, ``Uncle`` are not among them: a poem for ``Mrs. Kaplan`` or for
``Uncle Victor``'s birthday is for someone real).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from hybridllm.classifiers.name_tokens import token_lexicon

__all__ = ["invented", "keep_every_mention", "titled"]

_PROBLEM_MAX = 1500  # characters: word problems are short; a long text is something else
# Both read the lower-cased text (IGNORECASE makes Python's re several times slower).
_WORD_PROBLEM = re.compile(
    r"(?:\b(?:how\s+(?:many|much|old|long|far|fast|often)"
    r"|what\s+(?:is|was|are|were)\s+the\s+(?:total|probability|hourly|average|sum|ratio"
    r"|number|cost|price|value|age|difference)"
    r"|(?:twice|half|times)\s+as\s+(?:many|much|old|long|fast)"  # "three times as many"
    # a programming exercise: "Return the number of friends of John", "find the minimum ..."
    r"|(?:count|find|return|print|output|compute|determine|calculate)\s+the\s+(?:number|total"
    r"|minimum|maximum|sum|count)\s+of))"
)
# "Sally has 8 grapes. ... Who ...?": a quantity someone has, in a text that asks a question.
_HAS_QUANTITY = re.compile(
    r"(?:\b(?:has|have|had|owns|buys|bought|sells|sold|spends|spent|earns|earned|saves|saved)"
    r"\s+\$?\d)"
)
# Substrings every match of the pattern above holds (checked first: a few microseconds).
_PROBLEM_WORDS = frozenset(("how", "what", " as", " the "))
_QUANTITY_VERBS = frozenset("has have had own buy bought sell sold spen earn sav".split())  # noqa: SIM905
_QUANTITY = re.compile(r"\d|\b[NMK]\b")
_CHARACTER = re.compile(
    # "a boy vampire named Adrian", "an old camel called roger": someone introduced by an
    # article (not "my son named ...", which is a relative)
    r"(?i:(?:\b(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:named|called)\s+"
    r"|\b(?:character|protagonist|hero|heroine|villain|persona|narrator)s?\s+(?:named|called)\s+"
    r"|\bmain\s+character\s+(?:is|was|will\s+be)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:named|called)\s+)?"
    r"|\b(?:story|stories|tale|poem|script|song)\s+(?:about|of|for)\s+)$)"
)
_PERSONA = re.compile(r"(?i:\b(?:you\s+are\s+(?:now\s+)?|act\s+as\s+|pretend\s+to\s+be\s+)$)")
# The last word of every cue above: a name after any other word needs no regex.
_CUE_LAST = frozenset({"named", "called", "is", "was", "be", "about", "of", "for", "are", "now"})
_CUE_LAST |= {"as"}
_LOOK_BACK = 80
# A request for fiction: "write a story where ...", "continue this chapter", "rewrite the scene".
# Matched on the lower-cased text at each place one of _FICTION_VERBS occurs (found with
# str.find: a regex scan of a 10 KB text costs a millisecond).
_FICTION_REQUEST = re.compile(
    r"(?:write|continue|rewrite|create|generate|compose|expand|make\s+up|show\s+me"
    # the author's own work in progress ("we're writing a story"; "she began writing ... her
    # first story" is a biography)
    r"|(?:i'm|i\s+am|we're|we\s+are)\s+writing)\b"
    r"[^.?!\n]{0,40}?"
    r"\b(?:story|stories|fairy\s*tale|tale|poem|script|screenplay|novel|fanfic|fan\s+fiction"
    r"|chapter|scene|episode|sitcom|lyrics|rap\s+song|song|limerick|dialogue|sketch|trailer"
    r"|conversation\s+between|dialog\s+between|main\s+characters?)\b"
    # "make / imagine a script ...": only works with a cast (a song or a poem is made for real
    # people too: "make a song for uncle Victor's birthday")
    r"|(?:make|imagine)\b[^.?!\n]{0,40}?\b(?:story|stories|script|screenplay|scene|episode"
    r"|sketch|trailer|fanfic)\b"
    # "tell me a story about ...": a story made up on the spot ("tell our clients' stories" is
    # none)
    r"|tell\s+(?:(?:me|us|him|her|them)\s+)?(?:a|an|another)\s+(?:[\w-]+\s+){0,3}"
    r"(?:story|tale|fairy\s*tale)\b"
)
_FICTION_VERBS = (
    *("write", "continue", "create", "generate", "compose", "expand", "tell", "make up"),
    *("show me", "i'm writing", "i am writing", "we're writing", "we are writing", "make"),
    "imagine",
)
_FICTION = re.compile(
    r"(?i:\b(?:story|stories|tale|poem|script|screenplay|novel|fanfic|fiction|fictional"
    r"|character|episode|chapter|scene|roleplay|role-play|game|d&d|dnd|5e|comic|lyrics|song"
    r"|book|imagine|pretend)\b)"
)

# Story prose: third-person narration in the past tense ("she turned back to the door", "he
# decided", "they all sat"), outside quoted speech.
_PROSE_MIN = 300  # characters: a story, not a one-line template
_PROSE_SAMPLE = 3000  # characters read: enough to tell a story, and a bounded cost on long texts
_PROSE_CLAUSES = 3  # narrated clauses
_NARRATED = re.compile(
    r"\b(?:he|she|they|He|She|They|[A-Z][a-z]+)\s+(?:\w+ly\s+)?(?:was|were|had|said|asked|\w{2,}ed|took"
    r"|made|went|came|saw|felt|knew|thought|began|ran|told|gave|got|left|found|stood|sat|held"
    r"|heard|fell|spoke|grew|became|brought|caught|threw|wore|drew|chose|woke|rose|led|meant"
    r"|sent|spent|could|would|did)\b"
)
# _FICTION for the lower-cased text: an (?i:) alternation is several times slower.
_FICTION_LOW = re.compile(_FICTION.pattern.replace("(?i:", "(?:", 1))
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'm|I've|I’m|I’ve)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him|they|them|their|He|She|His|Her|They|Their)\b")
_QUOTED = re.compile(r'"[^"\n]{0,400}"|“[^”]{0,400}”')
# Speech given to someone after a quote: '"Thank you," Alyssa growled', '..." she said'.
_SPEECH = re.compile(r"[,.!?…]\s*[\"”]\s+(?:[A-Z][\w'’-]+|he|she)\s+(?:\w+ly\s+)?\w+(?:ed|said)\b")
_SPEECH_MIN = 2


# Titles of rank, nobility or fantasy a story gives its characters.
_CHARACTER_TITLES = frozenset(
    (  # noqa: SIM905
        "sir dame lord lady king queen prince princess emperor empress duke duchess count"
        " countess baron baroness knight captain commander general admiral sergeant lieutenant"
        " colonel detective inspector agent wizard"
    ).split()
)


def titled(key: str) -> bool:
    """Whether the lower-cased name ``key`` is a character's title and one word (``captain
    keif``, ``king jeffrey``); see the module docstring."""
    title, _, rest = key.partition(" ")
    return bool(rest) and " " not in rest and title in _CHARACTER_TITLES


# A piece written for someone real: the one it is for, then what only a real person has ("a poem
# for Sipho, who just retired", "a speech for Amal's retirement"): no character of the piece.
_FOR_SOMEONE = re.compile(
    r"(?i:\b(?:poems?|stor(?:y|ies)|songs?|speech|toast|cards?|letters?|messages?|eulogy|tribute"
    r"|limericks?|haikus?|verses?|rap|note|wishes)[ \t]+for[ \t]+)\Z"
)
_REAL_AFTER = re.compile(
    r"[\w-]*(?:,?[ \t]+who[ \t]+(?:just|recently|is|was|has|had|will|turns|turned|retired|"
    r"passed|died|left|joined|started|works|worked|lives|lived)\b|['’]s?[ \t]+(?:birthday"
    r"|retirement|wedding|funeral|anniversary|graduation|farewell|leaving|memorial)\b"
    r"|,?[ \t]+(?:on|for)[ \t]+(?:her|his|their)[ \t]+\w)"
)


def _for_someone_real(text: str, starts: Sequence[int]) -> bool:
    return any(
        _FOR_SOMEONE.search(text, max(0, at - 24), at) is not None
        and _REAL_AFTER.match(text, at) is not None
        for at in starts
    )


def invented(text: str, names: Mapping[str, Sequence[int]], full: Collection[str] = ()) -> set[str]:
    """Which one-word names of ``text`` are invented characters (see the module docstring),
    less those a piece is written for who read as real (``a poem for Sipho, who just retired``).

    Args:
        text: the text.
        names: each one-word name found in ``text`` (any case, as a key) with the start
            offsets of its mentions.
        full: the words of the names of two words or more found in ``text`` (lower case).

    Returns:
        The keys of ``names`` that are characters of a word problem, a story or a persona.
    """
    found = _invented(text, names, full)
    return {key for key in found if not _for_someone_real(text, names[key])} if found else found


def _invented(
    text: str, names: Mapping[str, Sequence[int]], full: Collection[str] = ()
) -> set[str]:
    """Which one-word names of ``text`` are invented characters (see the module docstring).

    Args:
        text: the text.
        names: each one-word name found in ``text`` (any case, as a key) with the start
            offsets of its mentions.
        full: the words of the names of two words or more found in ``text`` (lower case): a
            one-word name among them has a surname in the text and is no character of story
            prose.

    Returns:
        The keys of ``names`` that are characters of a word problem, a story or a persona.
    """
    if not names:
        return set()
    if (
        len(text) <= _PROBLEM_MAX
        and ("?" in text or " as " in text or " of " in text)  # every form asks or compares
        and _QUANTITY.search(text)
    ):
        low = text.lower()
        # Substring checks first: a regex scan costs ~0.1 ms per KB.
        if (any(w in low for w in _PROBLEM_WORDS) and _WORD_PROBLEM.search(low) is not None) or (
            "?" in text
            and any(w in low for w in _QUANTITY_VERBS)
            and _HAS_QUANTITY.search(low) is not None
        ):
            return set(names)
    if _fiction_request(text.lower()):
        return set(names)
    if _story_prose(text):
        # a surname alone names someone real as often as not ("Stravinsky", "Takuda was
        # released"): only given names and words in no list are taken for characters
        lex = token_lexicon()
        return {
            key for key in names if key not in full and (key in lex.first or key not in lex.last)
        }
    out: set[str] = set()
    fiction: bool | None = None  # decided on the first character cue (one scan of the text)
    for key, starts in names.items():
        for start in starts:
            before = text[max(0, start - _LOOK_BACK) : start]
            last = before[-12:].split()
            if not last or last[-1].lower() not in _CUE_LAST:
                continue
            if _PERSONA.search(before):
                out.add(key)
                break
            if _CHARACTER.search(before):
                if fiction is None:
                    fiction = _FICTION.search(text) is not None
                if fiction:
                    out.add(key)
                    break
    return out


def keep_every_mention(
    keys: Sequence[str], judged: Sequence[bool], drop: Sequence[bool], characters: Collection[str]
) -> list[bool]:
    """``drop`` without the mentions of a character that is kept at another mention (``Write a
    story about my daughter Odalys ... Odalys loves the cat``): a name seen once in a
    record-like context is nobody's invention, and redaction must not leave its other mentions
    in clear.

    Args:
        keys: the key of each finding.
        judged: whether each finding was judged as a possible character (no other kind).
        drop: whether each finding would go.
        characters: the keys :func:`invented` returned.

    Returns:
        ``drop`` with the other mentions of a kept character kept too.
    """
    real = {
        k for k, j, d in zip(keys, judged, drop, strict=True) if j and k in characters and not d
    }
    return [d and not (j and k in real) for k, j, d in zip(keys, judged, drop, strict=True)]


def _fiction_request(low: str) -> bool:
    """Whether the lower-cased text asks for fiction (see _FICTION_REQUEST)."""
    for verb in _FICTION_VERBS:
        i = low.find(verb)
        while i >= 0:
            # "rewrite" holds "write": match from its start too
            at = i - 2 if verb == "write" and low.startswith("re", max(0, i - 2)) else i
            if (at == 0 or not low[at - 1].isalnum()) and _FICTION_REQUEST.match(low, at):
                return True
            i = low.find(verb, i + 1)
    return False


def _story_prose(text: str) -> bool:
    """Whether ``text`` (its first ``_PROSE_SAMPLE`` characters) is a story: a sign of fiction
    (a word of fiction: story, chapter, scene, character ...; or speech given to characters
    after quotes: '"Thank you," Alyssa growled'), at least ``_PROSE_CLAUSES`` clauses narrated
    in the third person and the past tense outside quoted speech, and more third-person
    pronouns than twice the first-person ones (an account of one's own life is no story)."""
    if len(text) < _PROSE_MIN:
        return False
    text = text[:_PROSE_SAMPLE]
    if not ("he " in text or "He " in text or "they " in text or "They " in text):
        return False  # "she " holds "he "
    quoted = '"' in text or "”" in text
    if _FICTION_LOW.search(text.lower()) is None and not (
        quoted and len(_SPEECH.findall(text)) >= _SPEECH_MIN
    ):
        return False  # the sign first: most texts (clinical notes, reports) have none
    told = _QUOTED.sub(" ", text) if quoted else text
    if len(_NARRATED.findall(told)) < _PROSE_CLAUSES:
        return False
    return len(_FIRST_PERSON.findall(told)) * 2 < len(_THIRD_PERSON.findall(told))
