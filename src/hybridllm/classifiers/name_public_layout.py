"""Names the layout around a finding makes a place, a quantity or a field label.

Three shapes of a text tell that a capitalised word is no person whatever lists hold it:

- **a place beside a place** (``"town"``): a one-word finding that a US state's code follows
  (``from Boston MA to Atlanta GA``, ``Bothell, WA``), or, when it is no census given name,
  that a listed large place (or a continent) follows after a comma, ending the clause (``Bali,
  Indonesia``, ``Sabah, Malaysia.``), or that comes after one and ends the clause (``countries
  in Europe and Asia,``): a town and its region. Codes that are words or degrees (``OK``,
  ``IN``, ``ME``, ``MA``, ``MD``, ``PA`` ...) do not count (``Jane Roe, MD``); a given name
  beside a place addresses or names someone (``We met in Paris, Sarah.``). A listed large place
  after ``the city of``, ``the state of`` (``the state of Indiana``), or, when it is no census
  given name, after a verb of travel or dwelling and its preposition (``visit in Vigo``, ``a
  trip to Bali``, ``born in Vienna``; not ``talk to Sydney``, ``confided in Madison``) is a
  place too. So is a word no list holds as a given name right after a bare preposition of
  place (``a concert in Montreux``, ``winters in Urla``), unless a verb puts a person there
  (``looping in``, ``confided in``) or a possessive follows (``in Brzezinski's office``). Once
  a word is a town, its other mentions in the text are too (``Fly to Bali``);
- **a quantity's header** (``"thing"``): a finding right before a unit in square brackets
  (``X [m] Y [m] Wert [nT]``, ``df['Wert [nT]']``): a column of measurements;
- **an entry of a table of contents** (``"thing"``): an English word that is the whole text of
  a Markdown link to a heading of the same page (``* [Camping](#camping-outdoors)``);
- **a step of code** (``"thing"``): a one-word finding that is the whole of a code comment
  (``# Lemmatize``, ``// Postgre``) next to a line of code (an assignment or a call): a step's
  heading, not a person (a given name alone in a comment, ``# Maria``, stays);
- **a field label** (``"label"``): a one-word finding that starts a line and ends at a colon
  (``Tone: Conversational, empathetic``) where a line next to it starts with another label that
  is an everyday word and no listed given name or curated surname (``Grammar:``, ``Formatting:``): a
  template's fields, not a chat transcript (``Will: hi`` / ``Grace: hello``, ``Nilo: api is
  down`` / ``Smith: rolling back`` are ones).

As for every kind, :func:`hybridllm.classifiers.name_public.drop_public` keeps the name where
a record or a personal cue stands near it, and in a clinical text.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_foreign import named
from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_tokens import token_lexicon
from hybridllm.models import Finding

__all__ = ["PERSON_IN", "layout_kind"]

_CONTINENTS = frozenset(
    ("europe", "asia", "africa", "america", "australia", "antarctica", "oceania", "eurasia")
)
# US state codes that are no English word, degree or title (not OK, IN, ME, OR, HI, DE, MA,
# MD, MS, PA, AL, LA, CO, ID, MO, OH).
_STATES = frozenset(
    (  # noqa: SIM905
        "AK AZ AR CA CT FL GA IA IL KS KY MI MN MT NC ND NE NH NJ NM NV NY RI SC SD TN TX UT VA"
        " VT WA WI WV WY"
    ).split()
)
_PLACE_AFTER = re.compile(r",[ \t]*([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?![\w'’-])")
_STATE_AFTER = re.compile(r",?[ \t]([A-Z]{2})(?:['’]s)?(?![\w-])")
_PLACE_BEFORE = re.compile(r"([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)$")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\n]|$)")
# A unit holds a letter or a sign ("[nT]", "[m/s]", "[%]"; not "[2003]" of a law report).
_UNIT_AFTER = re.compile(r"[ \t]*\[(?=[^\]]*[A-Za-zµ°%])[A-Za-zµ°%/^0-9]{1,5}\]")
_LABEL = re.compile(r"[ \t>*-]*([A-Z][a-z]+)[ \t]*:")


def layout_kind(text: str, f: Finding) -> str | None:
    """``"town"``, ``"thing"`` or ``"label"`` for a one-word finding the layout makes a place,
    a quantity's header or a field label (see the module docstring), else None.

    Args:
        text: the text.
        f: a PERSON finding of ``text``.

    Returns:
        The kind, or None.
    """
    start, end = f.start, f.end
    if not text[start:end].isalpha():
        return None
    after = text[end : end + 1]
    if after in (" ", "\t") and _UNIT_AFTER.match(text, end) is not None:
        return "thing"
    if (
        after == "]"
        and text[start - 1 : start] == "["
        and text.startswith("](#", end)
        and text[start:end].lower() in token_lexicon().vocab
    ):
        return "thing"  # a table of contents: "* [Camping](#camping-outdoors)"
    # (a capitalised label in no English list is a speaker's name between role labels:
    # "Agent: ..." / "Silvana: hi" / "Agent: ...", not a template's field)
    word = text[start:end]
    if (
        after == ":"
        and (word.islower() or word.lower() in token_lexicon().vocab)
        and _field_label(text, start)
    ):
        return "label"
    if after in ("\n", "\r", "") and _comment_step(text, start, end):
        return "thing"
    town = _after_locative(text, start, end, after) or _beside_place(text, start, end, after)
    return "town" if town else None


def _place(words: str) -> bool:
    """A listed large place or a continent that is no given name (``Carolina``, ``Aurora`` in
    ``Tsuneto, Carolina, Ms. Gair`` are people of a list)."""
    low = words.lower()
    lex = token_lexicon()
    return low in _CONTINENTS or (low in lex.places and low.split()[0] not in lex.first)


def _beside_place(text: str, start: int, end: int, after: str) -> bool:
    """Whether a US state's code follows, or (for a word no census given name: ``In Paris,
    Sarah.`` and ``Sarah, Dallas office`` address or name someone) a listed place follows
    after a comma and ends the clause, or comes before and the finding ends the clause."""
    if after in (",", " ", "\t"):
        m = _STATE_AFTER.match(text, end)
        if m is not None and m.group(1) in _STATES:
            return True
    if text[start:end].lower() in census_first():
        return False
    if after == ",":
        m = _PLACE_AFTER.match(text, end)
        if m is not None and _place(m.group(1)) and _CLAUSE_END.match(text, m.end()):
            return True
    # the cheap tests first: a comma or "and" right before, the clause ending after
    before = text[max(0, start - 6) : start].rstrip(" \t")
    if not before.endswith((",", " and")) or _CLAUSE_END.match(text, end) is None:
        return False
    m = _PLACE_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and _place(m.group(1))


# A verb of travel or dwelling and its preposition right before a place: "a trip to", "based
# in", "born in", "moved to". (Not a bare "in", "to" or "from": people stand after them too,
# "confided in Madison", "talk to Sydney", "a message from Florence".)
_LOCATIVE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|travel(?:s|led|ling|ed|ing)?|trips?|flights?|fly(?:ing)?|flew"
    r"|move[sd]?|moving|relocat(?:e|ed|ing)|located|based|live[sd]?|living|born|stay(?:s|ed|ing)?"
    r"|holiday|vacation)[ \t]+(?:in|to|near|around|across|throughout)[ \t]+\Z",
    re.IGNORECASE,  # "Born in Vienna, she ..."
)
_STRONG_LOCATIVE = re.compile(
    r"\b(?:city|state|town|province|county|region|capital|island|republic|kingdom)[ \t]+of"
    r"[ \t]+\Z",
    re.IGNORECASE,
)


# A preposition of place right before a word, and the verbs that put a person after "in"
# ("looping in", "confided in", "believe in", "cc'd in").
_PLACE_PREP = re.compile(r"(?<![\w-])(?:in|near|outside|throughout|across|around)[ \t]+\Z", re.I)
PERSON_IN = re.compile(
    r"\b(?:loop(?:s|ed|ing)?|bring(?:s|ing)?|brought|confid(?:e|es|ed|ing)|believ(?:e|es|ed|ing)"
    r"|cc(?:'?d)?|let(?:s|ting)?|fill(?:s|ed|ing)?|chim(?:e|es|ed|ing)|rop(?:e|es|ed|ing)"
    r"|call(?:s|ed|ing)?|pull(?:s|ed|ing)?|trust(?:s|ed|ing)?|faith|interest(?:s|ed)?|role"
    r"|check(?:s|ed|ing)?|put(?:s|ting)?|keep(?:s|ing)?|kept|who|whom)[ \t]+in[ \t]+\Z",
    re.I,
)
"""A verb that puts a person after "in" (``looping in``, ``confided in``), ending at the name."""


def _after_locative(text: str, start: int, end: int, after: str) -> bool:
    """Whether the one-word finding is a listed large place or a continent after ``the city
    of`` and the like, or (no census given name, no possessive) after a verb of travel or
    dwelling and its preposition; or a word no list holds as a given name right after a bare
    preposition of place (``a concert in Montreux``, ``a resort in Chikkamagaluru``; not
    ``looping in Kovač``, ``confided in Madison``)."""
    low = text[start:end].lower()
    if (
        after not in ("'", "’")
        and _PLACE_PREP.search(text, max(0, start - 12), start)
        and low not in census_first()
        and low not in token_lexicon().first
        and not PERSON_IN.search(text, max(0, start - 24), start)
    ):
        return True
    if low not in _CONTINENTS and low not in token_lexicon().places:
        return False
    if _STRONG_LOCATIVE.search(text, max(0, start - 16), start):
        return True  # "the state of Indiana", "the city of Salvador"
    return (
        after not in ("'", "’")
        and low not in census_first()
        and _LOCATIVE.search(text, max(0, start - 24), start) is not None
    )  # "to visit in Vigo?", "a trip to Bali", "based in Calgary"


_COMMENT = re.compile(r"[ \t]*(?:#|//|--)[ \t]*$")
_CODE_LINE = re.compile(r"[^\n]*(?:[\w\])][ \t]*=[ \t]*\S|\w\([^\n]*\))")


def _comment_step(text: str, start: int, end: int) -> bool:
    """Whether the finding is the whole of a code comment next to a line of code (see the
    module docstring)."""
    line = text.rfind("\n", 0, start) + 1
    if _COMMENT.fullmatch(text, line, start) is None:
        return False
    if text[start:end].lower() in census_first():
        return False
    nxt = end + 1 if text[end : end + 1] == "\n" else end + 2
    prev = text.rfind("\n", 0, max(0, line - 1)) + 1 if line > 0 else -1
    return (nxt < len(text) and _CODE_LINE.match(text, nxt) is not None) or (
        prev >= 0 and _CODE_LINE.match(text, prev, line) is not None
    )


def _field_label(text: str, start: int) -> bool:
    """Whether the finding starts its line as a label and a neighbouring line's label is an
    everyday word and no given name."""
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t>*-"):
        return False
    lex = token_lexicon()
    prev = text.rfind("\n", 0, line - 1) + 1 if line > 0 else -1
    nxt = text.find("\n", start)
    for lo in (prev, nxt + 1 if nxt >= 0 else -1):
        m = _LABEL.match(text, lo) if 0 <= lo < len(text) else None
        if m is not None:
            word = m.group(1).lower()
            # an everyday word or another English one ("Grammar:", "Formatting:"), not
            # "Smith:" of a transcript
            plain = word in lex.common or (word in lex.vocab and word not in lex.last)
            if plain and not named(word):
                return True
    return False
