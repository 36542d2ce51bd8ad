"""Build ``brands.txt``: one-word names of software, web and consumer brands in no name list.

Source: ``simple-icons`` 16.37.0 (npm; its data is CC0 1.0), ``data/simple-icons.json``: the
title of each of its ~3,500 brand icons (``Zapier``, ``Coursera``, ``Fiverr``, ``Zillow``). A
title is kept, lower-cased, when it is one token of letters and digits of four characters or
more, and the name stage's token lists know it as nothing at all: no given name or surname of
any list, no English word, no place (``Alfred``, ``Boots``, ``Bosch``, ``Blender`` and the
like are left out, so a person of that name loses nothing). Multi-word titles are left out.

The name stage reads a lone capitalised word in no list as a possible name (its shape rule);
a word of this list standing alone is a brand's name the way a famous surname is a public
figure's (see :func:`hybridllm.classifiers.name_fame.famous`): it goes unless a record, a form,
a personal cue or a clinical text stands near it (``name_public.drop_public``).

Rebuild (dev-only; needs the npm registry)::

    npm pack simple-icons@16.37.0 && tar xzf simple-icons-16.37.0.tgz
    PYTHONPATH=src python scripts/data/build_brands.py package/data/simple-icons.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from hybridllm.classifiers.name_tokens import Kind, token_lexicon

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]{3,}")


def main(path: str) -> None:
    """Write ``brands.txt`` from simple-icons' data file at ``path``."""
    items = json.loads(Path(path).read_text("utf-8"))
    lex = token_lexicon()
    out = set()
    for item in items:
        title = item["title"]
        if not _TOKEN.fullmatch(title):
            continue
        low = title.lower()
        if any(lex.kind(form) is not Kind.UNKNOWN for form in (title, low.capitalize(), low)):
            continue
        if low in lex.first or low in lex.last or low in lex.places:
            continue
        out.add(low)
    (DATA / "brands.txt").write_text("".join(f"{w}\n" for w in sorted(out)), "utf-8")
    print(len(out), "brands")


if __name__ == "__main__":
    main(sys.argv[1])
