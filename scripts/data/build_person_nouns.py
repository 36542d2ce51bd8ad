"""Build ``person_nouns.txt``: the English nouns whose first sense is a kind of person (dev-only).

Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence, see ``WORDNET-LICENSE.txt``),
as Debian's ``wordnet-base`` package ships it (the same files ``build_public_figures.py``
reads)::

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python scripts/data/build_person_nouns.py /tmp/wn/usr/share/wordnet

WordNet files every noun synset in a lexicographer file; ``noun.person`` (18) holds the kinds
of people (``driver``, ``mentor``, ``goalkeeper``, ``payee``, ``landlady``) and, marked by an
instance pointer (``@i``), named individuals. ``index.noun`` lists each lemma's synsets in
order of frequency. A lemma is written out (lower case, one per line, sorted) when it is one
alphabetic word and its *first* sense is a ``noun.person`` synset that is no instance: a word
read first as a person. ``date``, ``model``, ``subject``, ``target`` or ``source`` have a
person sense too (a date one goes out with, a fashion model), but not first; they stay out.

The name rules read a form's label with it (:mod:`hybridllm.classifiers.name_roles`):
``Driver: Haslinda`` names a person the way ``Reviewer: Haslinda`` does, and no list of labels
written by hand would hold every role a form or a log can give a person.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEST = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
PERSON = 18  # WordNet's lexicographer file noun.person


def person_nouns(folder: Path) -> list[str]:
    """One-word lemmas of ``folder``'s WordNet whose first noun sense is a kind of person."""
    lexfile: dict[str, int] = {}
    instances: set[str] = set()
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        fields = line.split()
        count = int(fields[3], 16)
        lexfile[fields[0]] = int(fields[1])
        if "@i" in fields[4 + 2 * count :]:
            instances.add(fields[0])
    out: set[str] = set()
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, senses, pointers = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[4 + pointers + 2 :]  # after the pointer symbols, sense_cnt, tagsense_cnt
        if len(offsets) != senses:
            raise SystemExit(f"unexpected index.noun line: {line[:80]}")
        first = offsets[0]
        if lemma.isalpha() and lexfile[first] == PERSON and first not in instances:
            out.add(lemma.lower())
    return sorted(out)


def main() -> None:
    """Write ``person_nouns.txt`` from the WordNet folder given as the argument."""
    words = person_nouns(Path(sys.argv[1]))
    (DEST / "person_nouns.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} nouns")


if __name__ == "__main__":
    main()
