"""A shop named after someone is a shop: ``Gayle's Bakery``, ``Eli's Pizza``, ``Ripley's Aquarium``.

Bakeries, diners, farms and salons take a given name or a surname with a possessive for their
name, and the name stage finds the word before the possessive as a person (the possessive rule
of :mod:`~.name_possessive` cuts ``Gayle's Bakery`` to ``Gayle``, a one-word name). Written with
the capitalised noun of a kind of business after it, the possessive names the business, not its
owner as a person: ``walk to Capitola Village, Gayle's Bakery, restaurants``, ``A2 says "Eli's
Pizza"``, ``Topher's Farm has found its place``.

:func:`shop` takes a finding for such a name where it is one word, its possessive follows (in it
or right after it), and then, after at most two other capitalised words, a capitalised noun of a
kind of business or place to visit (:data:`_SHOPS`). A name of two words keeps (``Maria Lopez's
Salon`` names its owner in full), and so does a lower-case noun (``Sarah's farm`` is hers).
"""

from __future__ import annotations

import re

from hybridllm.models import Finding

__all__ = ["shop"]

_SHOPS = (
    r"Bakery|Bakeshop|Pizza|Pizzeria|Pies|Farms?|Orchards?|Vineyards?|Aquarium|Diner|Caf[eé]"
    r"|Coffee|Restaurant|Kitchen|Grill|Bar|Pub|Tavern|Deli|Market|Shop|Store|Garage|Salon"
    r"|Bistro|Brewery|Winery|Creamery|Burgers?|BBQ|Barbecue|Donuts|Bagels|Tacos|Motel|Lodge"
    r"|Hardware|Pharmacy|Bookstore|Boutique|Emporium|Playhouse|Steakhouse|Eatery|Cantina"
    r"|Smokehouse|Nursery|Spa"
)
# The possessive (when the finding does not hold it), up to two capitalised words, the noun.
_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:[A-Z][\w&-]*[ \t]+){0,2}(?:" + _SHOPS + r")(?![\w'’-])")
_POSSESSIVE_END = ("'s", "’s", "'S", "’S")


def shop(text: str, f: Finding) -> bool:
    """Whether the PERSON finding ``f`` of ``text`` names a business after its owner (see the
    module docstring)."""
    span = text[f.start : f.end]
    if " " in span.strip():
        return False
    owned = span.endswith(_POSSESSIVE_END) or text.startswith(("'s", "’s"), f.end)
    return owned and _AFTER.match(text, f.end) is not None
