"""Build the public-figure and place gazetteers from WordNet 3.0 (dev-only; outputs are committed).

Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence: free to use, copy and
distribute with the copyright notice), as shipped in Debian's ``wordnet-base`` package::

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python scripts/data/build_public_figures.py /tmp/wn/usr/share/wordnet/data.noun

(``data.adj`` is read from the same folder.)

WordNet marks a synset that names one individual (not a kind) with an *instance hypernym*
pointer (``@i``). Those in the ``noun.person`` lexicographer file (18) are people: historical
and public figures (``Stanley Kubrick``, ``Betty Friedan``), characters of fiction and myth
(``Don Quixote``, ``Sherlock Holmes``, ``Persephone``) and biblical figures; the others are
places, works, events and the like (``Oahu``, ``Rio de Janeiro``).

Outputs (lower case, sorted, one entry per line, words joined by one space):

- ``public_people.txt``: the full names (two words or more) of person instances, and for each
  synset with a one-word surname lemma also ``<first word of a full lemma> <surname>``
  (``wolfgang mozart``). A two-word name whose given name and surname are both among the most
  frequent US names is left out (``John Smith``, ``George Washington``): the estimated share of
  US residents with that pair, from Faker's ``en_US`` census-derived frequencies, is at least
  ``COMMON_PAIR`` (see below), so a private person of that name is too likely.
- ``public_single.txt``: one-word names of person instances that may stand alone: the word
  names exactly one person instance, is no listed given name, no ambiguous word, and is rare as
  a surname (not in the US Census 2010 list of surnames with 100+ bearers, nor in Faker's
  surname lists): ``Kubrick``, ``Diderot``, ``Pythagoras``. ``Kant`` or ``Hemingway`` (100+ US
  bearers each) stand alone only after their full name in the same text (see
  ``hybridllm.classifiers.name_public``).
- ``wordnet_not_people.txt``: names of every other instance (places, works, events,
  organisations: ``Oahu``, ``Rio de Janeiro``, ``Stonehenge``) and every capitalised lemma that
  is no instance (peoples, languages, groups, holidays, proper adjectives: ``Senegalese``,
  ``Danish``, ``Hellenistic``, ``Christmas``), less those that are also a person instance or a
  listed given name (or, for one word, a surname in Faker's lists: ``Houston`` stays out): a
  PERSON finding made only of such words is no person.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

DEST = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
PERSON = 18
# A pair shared by at least this share of the US population (P(given) x P(surname), both from
# Faker's en_US lists, which renormalise the census top-1000 surnames and the SSA given names
# they list) is a common name: "John Smith" ~ 3e-4, "George Washington" ~ 7e-6. 2e-6 is about
# 700 US residents.
COMMON_PAIR = 2e-6
_NAME = re.compile(r"^[^\W\d_][^\W\d_'\-.]*\.?$")


def _read(name: str) -> set[str]:
    return set((DEST / name).read_text("utf-8").split())


def _synsets(path: Path) -> list[tuple[int, bool, list[str]]]:
    """(lexicographer file, is an instance, lemmas as written) of every synset of a data file."""
    out: list[tuple[int, bool, list[str]]] = []
    with path.open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue  # the licence header
            parts = line.partition(" | ")[0].split()
            lex, count = int(parts[1]), int(parts[3], 16)
            words = [parts[4 + 2 * i].replace("_", " ") for i in range(count)]
            # Adjective markers such as "(a)" are not used on nouns; strip any anyway.
            words = [re.sub(r"\(\w+\)$", "", w) for w in words]
            k = 4 + 2 * count
            pointers = [parts[k + 1 + 4 * i] for i in range(int(parts[k]))]
            out.append((lex, "@i" in pointers, words))
    return out


def _frequencies() -> tuple[dict[str, float], dict[str, float]]:
    from faker.providers.person.en_US import Provider

    given: dict[str, float] = defaultdict(float)
    for table in (Provider.first_names_male, Provider.first_names_female):
        for name, weight in table.items():
            given[name.lower()] += weight / 2
    return dict(given), {k.lower(): v for k, v in Provider.last_names.items()}


def _valid(name: str) -> bool:
    return all(_NAME.match(w) for w in name.split())


def main() -> None:
    """Write the three lists next to the other name lists."""
    noun_file = Path(sys.argv[1])
    # Capitalised lemmas that are not instances: peoples, languages, groups, holidays
    # ("Senegalese", "Faroese", "Christmas"), and proper adjectives ("Hellenistic", "Danish").
    proper = {
        w.lower()
        for path in (noun_file, noun_file.with_name("data.adj"))
        for lex, inst, lemmas in _synsets(path)
        if not (inst and lex == PERSON)
        for w in lemmas
        if w[:1].isupper()
    }
    synsets = [(lex, inst, [w.lower() for w in ws]) for lex, inst, ws in _synsets(noun_file)]
    given_freq, last_freq = _frequencies()
    first_names = _read("first_names.txt") | _read("census_first_names.txt")
    faker_surnames = _read("surnames.txt")
    surnames = _read("census_surnames.txt") | faker_surnames
    ambiguous = _read("ambiguous.txt")
    people = [w for lex, inst, w in synsets if inst and lex == PERSON]
    things = [w for lex, inst, w in synsets if inst and lex != PERSON]

    full: set[str] = set()
    single_count: dict[str, int] = defaultdict(int)
    mononym: set[str] = set()
    for lemmas in people:
        longs = [w for w in lemmas if " " in w and _valid(w)]
        singles = [w for w in lemmas if " " not in w and _valid(w)]
        full.update(longs)
        for s in singles:
            single_count[s] += 1
            if not longs:
                mononym.add(s)
            full.update(f"{w.split()[0]} {s}" for w in longs if w.split()[-1] == s)

    def common_pair(name: str) -> bool:
        parts = name.split()
        return (
            len(parts) == 2
            and given_freq.get(parts[0], 0) * last_freq.get(parts[1], 0) >= COMMON_PAIR
        )

    dropped = sorted(n for n in full if common_pair(n))
    full -= set(dropped)
    single = {
        s
        for s, n in single_count.items()
        if n == 1
        and len(s) > 3
        and s not in first_names
        and s not in ambiguous
        and (s not in surnames or s in mononym)
    }
    person_words = set(single_count)
    thing_names = {
        w
        for w in {w for lemmas in things for w in lemmas} | proper
        if _valid(w)
        and w not in person_words
        and w not in first_names
        and (" " in w or w not in faker_surnames)
    }
    for name, entries in (
        ("public_people.txt", full),
        ("public_single.txt", single),
        ("wordnet_not_people.txt", thing_names),
    ):
        (DEST / name).write_text("\n".join(sorted(entries)) + "\n", encoding="utf-8")
        print(f"{name}: {len(entries)}")
    print(f"common pairs left out ({len(dropped)}): {', '.join(dropped[:40])} ...")


if __name__ == "__main__":
    main()
