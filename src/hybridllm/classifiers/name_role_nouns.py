"""Nouns read first as a person (``graduate``, ``nurse``, ``landlady``): WordNet's, from
``data/person_nouns.txt`` (built by ``scripts/data/build_person_nouns.py``). A leaf module, so
that every name rule can ask it (:mod:`.name_roles` reads role labels with it)."""

from __future__ import annotations

from functools import cache

from hybridllm.classifiers.name_tokens import read_list

__all__ = ["load_roles", "person_noun", "person_role", "role_nouns"]


@cache
def role_nouns() -> frozenset[str]:
    """The nouns, lower case (read once)."""
    return frozenset(read_list("person_nouns.txt"))


def load_roles() -> None:
    """Read the role nouns now (the classifier's warm-up), not in the first call."""
    role_nouns()


def person_noun(word: str) -> bool:
    """Whether the lower-case ``word`` is a noun read first as a person (``graduate``,
    ``nurse``, ``landlady``; WordNet, ``person_nouns.txt``)."""
    return word in role_nouns()


# Roles software names, not people: "the user Admin", "for developer Docker", "<user> hi".
_SOFTWARE_ROLES = frozenset(
    ("user", "users", "beginner", "developer", "programmer", "designer", "admin", "player")
)
# Roles a company holds as often as a person: "our main subsidiary, Philway", "the supplier
# Acmetex" (WordNet reads them as people first).
_COMPANY_ROLE_WORDS = (
    "subsidiary affiliate supplier vendor sponsor competitor rival provider distributor retailer"
    " lender carrier subcontractor licensee acquirer maker"
)
_COMPANY_ROLES = frozenset(_COMPANY_ROLE_WORDS.split())
_MIN_ROLE = 4  # "deb" (a debutante) and its kind are words of other sorts first


def person_role(word: str) -> bool:
    """Whether the lower-case ``word`` before a name can be that person's role: a
    :func:`person_noun` of four letters or more that software does not also name (``florist``,
    ``guide``, ``handyman``; not ``user``, ``developer``, ``deb``) and that companies do not
    hold as often (not ``subsidiary``, ``supplier``)."""
    return (
        len(word) >= _MIN_ROLE
        and word not in _SOFTWARE_ROLES
        and word not in _COMPANY_ROLES
        and person_noun(word)
    )
