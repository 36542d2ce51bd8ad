"""Build ``world_words.txt``: the frequent words of 30-odd languages written in Latin letters.

Source: wordfreq 3.1 (Robyn Speer; data CC BY-SA 4.0), its ``best`` word list of every language
it ships except English (the project's ``vocab.txt`` has those words), Chinese, Japanese and
Korean (caseless scripts, which the cased name rules never read) and the languages written in
other scripts than Latin (Greek, Cyrillic and Armenian words have their own rule:
:func:`hybridllm.classifiers.name_foreign.script_word`): every word of two letters or more, all
of them letters of the Latin script (Vietnamese's included), whose Zipf frequency in some
language is at least ``--zipf`` (4.0: about once in 100,000 words of that language's text)
and above its frequency in English; one a line after a line ``@`` and the language's code, in
the order of their CRC-32 (see :mod:`hybridllm.classifiers.name_world`).

Such lists count names as words (a frequent surname is frequent text), so the list is no
verdict by itself: :mod:`hybridllm.classifiers.name_world` reads a finding made only of these
words as that language's words where the words around it are of this list too, and never a
listed given name or curated surname.

Rebuild (dev-only virtualenv)::

    python -m venv /tmp/wfenv && /tmp/wfenv/bin/pip install wordfreq==3.1.1
    /tmp/wfenv/bin/python scripts/data/build_world_words.py
"""

from __future__ import annotations

import argparse
import math
import re
import zlib
from pathlib import Path

from wordfreq import available_languages, get_frequency_dict

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
# English (``vocab.txt`` holds it), the caseless scripts' languages (no cased rule reads them)
# and those written in Greek, Cyrillic, Arabic, Hebrew or Indic letters, whose lists' Latin
# words are English ones and brands ("the", "news", "google").
_SKIP = frozenset(
    {"en", "ja", "ko", "zh", "ar", "bg", "bn", "el", "fa", "he", "hi", "mk", "ru", "ta", "uk", "ur"}
)
# Lower-case letters of the Latin script: ASCII, Latin-1, Latin Extended-A/B, IPA (Azerbaijani
# schwa), Latin Extended Additional (Vietnamese tone marks).
_LATIN_WORD = re.compile(r"[a-zß-öø-ÿā-ʯḁ-ỿ]{2,}")


def main() -> None:
    """Write ``world_words.txt``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zipf", type=float, default=4.0)
    parser.add_argument("--out", type=Path, default=DATA / "world_words.txt")
    args = parser.parse_args()
    floor = 10 ** (args.zipf - 9)
    english = get_frequency_dict("en", wordlist="best")
    lines: list[str] = []
    total = 0
    for lang in sorted(available_languages(wordlist="best")):
        if lang in _SKIP:
            continue
        freqs = get_frequency_dict(lang, wordlist="best")
        # Not an English word that is more frequent in English text ("the", "good", "twitter"
        # are in every list: web text quotes English); "on" stays Finnish, "die" German.
        latin = [
            w
            for w, f in freqs.items()
            if f >= floor and _LATIN_WORD.fullmatch(w) and f > english.get(w, 0.0)
        ]
        print(lang, len(latin), f"(Zipf >= {math.log10(floor) + 9:.2f})")
        # Each language's words in the order of their CRC-32 (of the UTF-8 bytes): the loader
        # reads them into a sorted array of those checksums and searches it, no sorting.
        lines += [f"@{lang}", *sorted(latin, key=lambda w: (zlib.crc32(w.encode()), w))]
        total += len(latin)
    args.out.write_text("".join(f"{line}\n" for line in lines), "utf-8")
    print(total, "words ->", args.out)


if __name__ == "__main__":
    main()
