"""Names of two words or more told by the lists alone (a mixin of ``NameRecognizer``).

A listed given name and a surname (``Inessa D. Samoylova``), the same with lower-case surname
particles (``Roxy van der Torre``, ``Ana da Silva``) or in capitals (``ATTN: KWAME MENSAH``), a
hyphenated given name whose parts are both listed (``Amy-leigh``), and an unknown capitalised
word after a listed given name (``Tomáš Prokeš``) unless a capitalised word goes on in the same
sentence (a title-case heading: ``Gene Function, Consequences``). No NER is asked about them.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_candidates import NerCandidates
from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_gate import COMMON_WORDS, NOT_NAME_PARTS, NOT_PEOPLE
from hybridllm.classifiers.name_inverted import inverted_name
from hybridllm.classifiers.name_tokens import PARTICLES, Kind, plural_of
from hybridllm.classifiers.name_tokens import is_cap as _is_cap
from hybridllm.models import Finding

__all__ = ["NamePairs"]

_PAIR_GAP = re.compile(r" (?:[A-Z]\.? )?")
# A sentence's end between two words: the second word is no part of a name run. (A comma, a
# colon or a line break is not: a title-case heading or list goes on after them, "Gene
# Function, Consequences", "Leap Of Faith Assumptions:\nOur users".)
_SENTENCE_END = re.compile(r"[.!?;][ \t]")


class NamePairs(NerCandidates):
    """The pair rules of the name stage (see the module docstring)."""

    def _surname_shape(self, text: str, w: str, n: str, words: list[re.Match[str]], j: int) -> bool:
        """An unknown capitalised word after a known first name ("Tomáš Prokeš") is a surname
        unless the first name doubles as a place or an ordinary word, or a capitalised word
        goes on in the same sentence ("Selma Elmhurst Hospital", "Gene Function, Consequences";
        not "Selma Elmhurst. Na 138 mmol/L")."""
        low = w.lower()
        nlow = n.lower()
        return (
            low not in self.places
            and low not in COMMON_WORDS
            and not plural_of(nlow, self.tokens.common)  # "Indie Bookstores"
            and nlow not in NOT_PEOPLE
            and nlow not in NOT_NAME_PARTS
            and nlow not in TITLE_WORDS
            and not n.isupper()
            and (
                j + 1 >= len(words)
                or not _is_cap(words[j + 1].group())
                or _SENTENCE_END.search(text, words[j].end(), words[j + 1].start()) is not None
            )
        )

    def _listed_pair(
        self, text: str, words: list[re.Match[str]], i: int
    ) -> tuple[list[Finding], int] | None:
        """A listed first name and a surname: "Inessa D. Samoylova"; or a surname, a comma and
        a given name (:func:`~.name_inverted.inverted_name`: "Dekker, Hugo")."""
        if (last := inverted_name(text, words, i, self.tokens)) is not None:
            return [self._finding(words[i].start(), words[last].end(), 0.8, self.name)], last + 1
        return self._given_first(text, words, i)

    def _given_first(
        self, text: str, words: list[re.Match[str]], i: int
    ) -> tuple[list[Finding], int] | None:
        """A listed first name and a surname: "Inessa D. Samoylova"."""
        w = words[i].group()
        low = w.lower()
        if low not in self.first and not self._hyphen_given(low):
            return None  # most capitalised words: no listed first name
        nxt = i + 1
        if nxt < len(words) and len(words[nxt].group()) == 1 and words[nxt].group().isupper():
            nxt += 1  # middle initial: "Inessa D. Samoylova"
        if (
            nxt >= len(words)
            or low in NOT_PEOPLE
            or not _PAIR_GAP.fullmatch(text, words[i].end(), words[nxt].start())
        ):
            return None
        n = words[nxt].group()
        if n in PARTICLES and _is_cap(w):
            return self._particle_pair(text, words, i, nxt)
        if (
            _is_cap(w)
            and _is_cap(n)
            and n.lower() not in COMMON_WORDS
            and (n.lower() in self.last or self._surname_shape(text, w, n, words, nxt))
        ):
            return [self._finding(words[i].start(), words[nxt].end(), 0.85, self.name)], nxt + 1
        if _caps_pair(w, n) and low not in COMMON_WORDS and n.lower() in self.last:
            # In capitals ("Ask MARIA LOPEZ", "ATTN: KWAME MENSAH"): both words listed names
            # and no everyday word.
            return [self._finding(words[i].start(), words[nxt].end(), 0.8, self.name)], nxt + 1
        return None  # lower-case pairs: see name_lower

    def _given_next(self, text: str, words: list[re.Match[str]], i: int) -> bool:
        """Whether a listed given name, or a capitalised word that is a name or in no list,
        follows word ``i`` after one space ("Ask Maria", "Ask Kowalczyk"; not "Contact Us")."""
        j = i + 1
        if not (
            j < len(words)
            and words[j].start() == words[i].end() + 1
            and text[words[i].end()] == " "
        ):
            return False
        w = words[j].group()
        return self._known_given(w) or (
            _is_cap(w) and self.tokens.kind(w) in (Kind.NAME, Kind.UNKNOWN)
        )

    def _hyphen_given(self, low: str) -> bool:
        """A double given name joined by a hyphen, each part listed ("Amy-leigh", "jean-luc")."""
        first, sep, second = low.partition("-")
        return bool(sep) and first in self.first and second in self.first

    def _particle_pair(
        self, text: str, words: list[re.Match[str]], i: int, k: int
    ) -> tuple[list[Finding], int] | None:
        """A listed first name, surname particles in lower case and a capitalised word: "Roxy
        van der Torre", "Ancilla van Aken", "Ana da Silva" (word ``k`` is the first particle)."""
        end = k
        while end < len(words) and end - k < 3 and words[end].group() in PARTICLES:
            if text[words[end].end() : words[end].end() + 1] != " ":
                return None
            end += 1
        if end >= len(words) or words[end].start() != words[end - 1].end() + 1:
            return None
        last = words[end].group()
        if not _is_cap(last) or last.isupper() or last.lower() in COMMON_WORDS:
            return None
        return [self._finding(words[i].start(), words[end].end(), 0.85, self.name)], end + 1


def _caps_pair(first: str, last: str) -> bool:
    """Two words in capitals, neither an everyday word (``MARIA LOPEZ``; not ``MAY JUNE``)."""
    return (
        len(first) > 2
        and len(last) > 2
        and first.isupper()
        and last.isupper()
        and first.isalpha()
        and last.replace("-", "").replace("'", "").isalpha()
        and last.lower() not in COMMON_WORDS
    )
