"""Lower-case names after a person's cue of another European language: a letter's opening
(``estimado jhosep,``, ``liebe ana,``, ``cara giulia!``), a title (``señora ocampo``, ``herr
vializ``, ``madame dubois``) or an agent phrase (``de parte de rony galicia``, ``au nom de
...``, ``im auftrag von ...``).

The lower-case rules read English: in a sentence of another language they take nothing, and
the English vocabulary cannot tell that language's words from names. These cues say a person
follows, whatever the language around them:

- an **opening**: at the start of a line, a quotation or a sentence, the greeting of a letter
  or a message, then one to three words that end at a comma, ``!``, ``:`` or the line's end
  (``hola amigos,`` names nobody: a group's address such as ``amigos``, ``todos``, ``tous``,
  ``zusammen``, ``ragazzi`` is no name, :data:`_GROUPS`);
- a **title** of a person (``señor``, ``sra.``, ``herr``, ``frau``, ``madame``, ``signora``,
  ``senhor``, ``pani``, ``mevrouw`` ...), then one or two words;
- an **agent phrase** (on whose behalf, by whom): ``de parte de``, ``en nombre de``, ``de la
  part de``, ``au nom de``, ``a nome di``, ``per conto di``, ``em nome de``, ``im namen von``,
  ``im auftrag von``, ``w imieniu``, then one to three words.

Each word must be able to be a name's (:func:`.name_part.name_part`: a listed given name,
a listed surname that is no frequent English word, a word in no list spelt like one), none a
function word of those languages (:data:`_FUNCTION`), and the first a listed given name or a
word in no list spelt like a name (a likeness of 0.25 or more); a word after it must be a listed
name (any listed surname: ``rony galicia``), but in an opening's address, which ends at its
punctuation. Only lower-case words: capitalised names are the cased rules'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hybridllm.classifiers.name_gate import span_mask
from hybridllm.classifiers.name_held import in_code
from hybridllm.classifiers.name_part import name_part
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding, new_finding

__all__ = ["ABROAD", "ABROAD_RE", "AGENT", "OPENING", "TITLE", "abroad_names"]

ABROAD = "names+abroad"
"""The recognizer name of a name found after another language's person cue."""

_OPENINGS = (
    "estimad[oa]s? querid[oa]s? apreciad[oa]s? hola prezad[oa]s? olá oi cher chère chers chères "
    "bonjour bonsoir salut coucou car[oaie] gentil(?:e|issim[oa]) ciao salve buongiorno "
    "liebe[rs]? hallo servus moin beste lieve hoi geachte hej hei kära käre kjære kære "
    "drog[ia] drodzy szanown[ya] cześć dragă stimat[eă] mil[ýá] vážen[ýá] ahoj sevgili "
    "merhaba sayın dragi draga poštovan[ia] zdravo kedves szia hyvä moi"
)
_TITLES = (
    r"señor(?:it)?a? sr\.? sra\.? srta\.? doña herr frau monsieur madame mademoiselle mme\.? "
    r"mlle\.? signor[ea]? sig\.(?:ra)? senhor(?:a)? pan[ia]? meneer mevrouw dhr\.? mevr\.? "
    r"gospodin gospođa"
)
_AGENTS = (
    "de parte de|en nombre de|da parte de|de la part de|au nom de|a nome di|per conto di"
    "|em nome de|im namen von|im auftrag von|w imieniu|namens"
)
_W = r"[a-zß-öø-ÿ][\w'’-]*"
_NAME = rf"(?P<n>{_W}(?:[ \t]+{_W}){{0,2}})"
OPENING = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_OPENINGS.split())
    + r")[ \t]+(?:(?:"
    + "|".join(_TITLES.split())
    + r")[ \t]+)?"
    + _NAME
    + r"[ \t]*(?=[,!:\n]|$)"
)
"""An opening's greeting and its address (lower case), anywhere; :func:`abroad_names` takes
one at a line's, a quotation's or a sentence's start only."""
TITLE = re.compile(r"(?<![\w-])(?:" + "|".join(_TITLES.split()) + r")[ \t]+" + _NAME)
"""A person's title and the words after it (lower case)."""
AGENT = re.compile(r"(?<![\w-])(?:" + _AGENTS + r")[ \t]+" + _NAME)
"""An agent phrase and the words after it (lower case)."""
ABROAD_RE = (OPENING, TITLE, AGENT)
"""What the rule searches whole texts for (through the classifier's prefilter)."""
_OPENING_LEAD = re.compile(r"(?:^|[\n\"'“«„:(]|[.!?][ \t])[ \t]*\Z")
# A group's address after an opening: no person's name.
_GROUPS = frozenset(
    (  # noqa: SIM905 - a word list reads better as a string
        "todos todas amigos amigas amigo amiga chicos chicas equipo familia compañeros colegas "
        "señores señoras gente mundo amor cliente clientes usuario usuarios pessoal galera "
        "equipe senhores tous toutes amis amies collègues monde équipe mesdames messieurs "
        "alle zusammen leute kollegen kolleginnen freunde team welt damen herren tutti ragazzi "
        "amici colleghi mondo signori allemaal iedereen allen collega's vrienden alla allihopa "
        "venner wszystkim państwo kochani prieteni colegi kolegové přátelé arkadaşlar herkes "
        "kolege prijatelji barátaim mindenki kaikki ystävät diario diary gott "
        # a letter's close after an opening's word: "liebe grüße, anna", "un abrazo"
        "grüße grüsse gruesse saludos besos abrazos bisous baci saluti cumprimentos groeten "
        "groetjes hälsningar hilsen pozdrawiam pozdrav pozdravy terveisin"
    ).split()
)
# Function words of those languages: the name ends before one.
_FUNCTION = frozenset(
    (  # noqa: SIM905 - a word list reads better as a string
        "para por pour per que y e et und oder ou o och og en la el le les los las lo de del des "
        "du da do dos das di al au aux a con mit avec sur sobre zu für van het een il gli un una "
        "uno ein eine einen der die das den dem se si sa su sus mi mis tu tus su son ses mon ma "
        "meu minha mio mia mein meine"
    ).split()
)
_LIKENESS = 0.25


def abroad_names(text: str, found: Sequence[Finding]) -> list[Finding]:
    """The lower-case names after another language's person cues (see the module docstring).

    Args:
        text: the text.
        found: every recognizer's findings so far.

    Returns:
        New ``names+abroad`` PERSON findings, none inside ``found``.
    """
    lex = taken = None
    out: list[Finding] = []
    for rx in ABROAD_RE:
        for m in finditer(rx, text):
            if rx is OPENING and not _OPENING_LEAD.search(text, max(0, m.start() - 8), m.start()):
                continue
            if lex is None or taken is None:
                lex = token_lexicon()
                taken = span_mask(len(text), [(f.start, f.end) for f in found])
            span = _name(text, lex, m.start("n"), m["n"], whole=rx is OPENING)
            if span is None or any(taken[span[0] : span[1]]) or in_code(text, *span):
                continue
            out.append(
                new_finding(
                    entity_type="PERSON",
                    category="PII",
                    start=span[0],
                    end=span[1],
                    score=0.45,
                    recognizer=ABROAD,
                )
            )
            taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    return out


def _name(
    text: str, lex: TokenLexicon, start: int, words: str, *, whole: bool
) -> tuple[int, int] | None:
    """The span of the name in ``words`` (at ``start``): the words up to the first that can
    be no name's part; all of them or nothing when ``whole`` (an opening's address)."""
    if not words.islower():
        return None
    parts = words.split()
    first = parts[0]
    if first in _GROUPS or first in _FUNCTION or not _first(lex, first):
        return None
    if not name_part(lex, first):
        return None
    end = start + len(first)
    for w in parts[1:]:
        listed = w in lex.first or w in lex.last
        if (
            w in _FUNCTION
            or w in _GROUPS
            or not (whole or listed)  # "señora ocampo llamó ayer": no verb after a title
            or not name_part(lex, w, after=True)
        ):
            if whole:
                return None
            break
        end = text.index(w, end) + len(w)
    return start, end


def _first(lex: TokenLexicon, word: str) -> bool:
    """A listed given name, or a word in no list spelt like a name."""
    if word in lex.first:
        return True
    return lex.kind(word) is Kind.UNKNOWN and name_likeness(word) >= _LIKENESS
