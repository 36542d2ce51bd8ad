"""Rebuild first_names.txt and surnames.txt from Faker's person providers (dev-only).

Run from the repository root with any environment that has Faker (MIT licensed)::

    .venv/bin/python scripts/data/build_lexicon.py

Every Faker locale with a person provider contributes its first names and last names, lower-cased
(diacritics kept; :mod:`hybridllm.classifiers.names` also folds them to ASCII at load time).
Parts of compound names ("Müller-Lüdenscheidt", "de la Cruz") are split; parts shorter than two
letters are dropped. The output is sorted, so the files are stable.
"""

from __future__ import annotations

from pathlib import Path


def main() -> None:
    """Write the two lexicon files next to this script."""
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    first: set[str] = set()
    last: set[str] = set()
    for loc in AVAILABLE_LOCALES:
        try:
            provider = Faker(loc).provider("faker.providers.person")
        except Exception:  # noqa: S112 - a locale without a person provider
            continue
        if provider is None:
            continue
        for attr in dir(provider):
            if "names" not in attr or attr.startswith("_") or attr == "language_names":
                continue
            values = getattr(provider, attr, None)
            if callable(values) or not values or isinstance(values, str):
                continue
            bucket = first if ("first" in attr or "middle" in attr) else last
            for n in values:
                parts = str(n).replace("-", " ").split()
                if attr == "last_names_without_suffix":  # Icelandic patronymics
                    parts = [p + suffix for p in parts for suffix in ("son", "sson", "dóttir")]
                if attr == "male_last_names":  # Polish: Kowalski / Kowalska
                    parts += [p[:-1] + "a" for p in parts if p.endswith(("ski", "cki", "dzki"))]
                for part in parts:
                    low = part.lower()
                    if len(low) >= 2 and low.replace("'", "").isalpha():
                        bucket.add(low)
    dest = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
    (dest / "first_names.txt").write_text("\n".join(sorted(first)) + "\n", encoding="utf-8")
    (dest / "surnames.txt").write_text("\n".join(sorted(last)) + "\n", encoding="utf-8")
    print(f"lexicon: {len(first)} first names, {len(last)} surnames")


if __name__ == "__main__":
    main()
