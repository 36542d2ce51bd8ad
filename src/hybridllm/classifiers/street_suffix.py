"""Street names glued to their type: a word that ends in a street type of another language.

``lombardenstraat``, ``skanseveien``, ``ifenpfad``, ``kaiserring``: a name and its type written as
one word. The lower-case run rules of :mod:`.address_lower_run` take a word so glued as a
street's; English words that end so do not count (``offering``, ``sundering`` end in ``ring``,
``brigade`` in ``gade``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import Kind, TokenLexicon

__all__ = ["AU_TYPES", "SUFFIX", "glued"]

SUFFIX = re.compile(
    r"[^\W\d_]{3,}(?:stra(?:ß|ss)e|straat|weg|gasse|platz|allee|damm|ufer|laan|gracht|plein"
    r"|singel|kade|kaai|dijk|dreef|steeg|brug|veien|vegen|vejen|vej|gade|gata|gatan|vägen"
    r"|väg|gränd|stigen|stígur|braut|vænge|pfad|brücke|stieg|steig|ring|katu|tie|kuja|polku"
    r"|iela|gatvė|utca|ulice|cesta|sokak|sokağı|caddesi|kuil|baan|stubben|bakken|haugen|høgda"
    r"|stranda|ringen|gården|jordet|tunet|faret|svingen|grenda|åsen|løkka|kroken|sletta|bråten"
    r"|holmen|lunden|vænget|toften|højen|hagi|stígur|gerði|lundur|hvammur|vellir)$"
)

# Road types of Australian and New Zealand addressing (AS/NZS 4819) that USPS does not list and
# that are no everyday word a count may stand before ("Concourse", "Grange", "Piazza", "Wynd";
# not "Steps", "Top", "End", "Rise", "Close", "Wade": "10 Easy Steps", "the 2 Ends"). After a
# number and a capitalised name they end a street ("76 Brenda Concourse", "439 Porter Grange").
AU_TYPES = frozenset(
    (  # noqa: SIM905 - a word list, read as one
        "alleyway brae byway centreway colonnade concourse cruiseway esplanade firetrail "
        "footway glade grange highroad laneway parade parklands piazza promenade quay quays "
        "riverway roadway ronde rosebowl thoroughfare tollway trunkway vale walkway wynd"
    ).split()
)


def glued(lex: TokenLexicon, word: str) -> bool:
    """Whether ``word`` (lower case) carries a street suffix glued to three letters or more
    and is neither an English word nor the ``-ing`` form of a listed word (``offering``,
    ``sundering``); a listed name counts (``goering``), a word in no list too (``kaiserring``)."""
    if not SUFFIX.match(word) or (word in lex.vocab and lex.kind(word) is not Kind.NAME):
        return False
    return not (word.endswith("ing") and (word[:-3] in lex.vocab or word[:-3] + "e" in lex.vocab))
