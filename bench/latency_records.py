"""The ``records`` latency family: name-dense prompts built by a generator nobody here tuned on.

Faker (12 locales: ``en_US de_DE fr_FR pl_PL tr_TR pt_BR es_ES it_IT nl_NL sv_SE cs_CZ
hu_HU``; a core dependency of the SDK) fills nine shapes that a support desk, a CRM or a team
pastes into a prompt, one shape per prompt (the variant picks it), every line with new people:

- ``csv``: CRM export rows (id, given name, surname, e-mail, phone, company, job, city);
- ``json``: one JSON contact object per line (name, e-mail, phone, address, a note);
- ``chat``: a chat log, a time stamp, the speaker's full name, an ``@mention`` and a full name;
- ``ticket``: ticket lines with a customer's name and e-mail and the assignee's name;
- ``email``: e-mail headers (From, To, Cc with four people), a greeting, a paragraph, a sign-off;
- ``table``: a Markdown table of people with job, city, phone and birth date;
- ``lowerchat``: a chat typed in lower case, full names and given names in the text;
- ``namelist``: a list of people as ``Surname, Given``;
- ``notes``: meeting action items (``* Anna to ... with Piotr by Friday (Kowalski reviewing)``).

The detector's rules were tuned on other generators' prompts (``name-dense``, ``name-dense-intl``
in ``bench_classify.py``); these shapes were written once to probe latency, not tuned against:
the shape mix and Faker's names put more words in front of the name stage than those families
do. Output depends on the installed Faker version (seeded per prompt, so fixed for a version)
and on the hash seed (some providers draw from a set: ``it_IT``'s cities), so the processes
that build and time these prompts run with ``PYTHONHASHSEED=0`` (``bench_classify.py``,
``findings_diff.py``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from faker import Faker

# Fixed ranges for the dates in the prompts: Faker's date() and date_of_birth() count from
# today, so the same seed gave other prompts on another day.
_SINCE, _UNTIL = date(2015, 1, 1), date(2025, 12, 31)
_BORN_SINCE, _BORN_UNTIL = date(1950, 1, 1), date(2006, 12, 31)

LOCALES = (
    "en_US",
    "de_DE",
    "fr_FR",
    "pl_PL",
    "tr_TR",
    "pt_BR",
    "es_ES",
    "it_IT",
    "nl_NL",
    "sv_SE",
    "cs_CZ",
    "hu_HU",
)
SHAPES = ("csv", "json", "chat", "ticket", "email", "table", "lowerchat", "namelist", "notes")


@cache
def _faker() -> Faker:
    return Faker(list(LOCALES))


def _person(rng: random.Random) -> tuple[str, str, Any]:
    local = _faker()[rng.choice(LOCALES)]
    return local.first_name(), local.last_name(), local


def _line_maker(shape: str, rng: random.Random) -> Callable[[], str]:
    def csv() -> str:
        a, b, f = _person(rng)
        return (
            f"{rng.randint(1000, 99999)},{a},{b},{a.lower()}.{b.lower()}@{f.free_email_domain()},"
            f"{f.phone_number()},{f.company()},{f.job()},{f.city()}"
        )

    def js() -> str:
        a, b, f = _person(rng)
        record = {
            "id": rng.randint(1, 99999),
            "name": f"{a} {b}",
            "email": f.email(),
            "phone": f.phone_number(),
            "address": f.address().replace("\n", ", "),
            "notes": f.sentence(),
        }
        return json.dumps(record, ensure_ascii=False) + ","

    def chat() -> str:
        a, b, f = _person(rng)
        c, d, _ = _person(rng)
        return (
            f"[{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}] {a} {b}: @{c} {f.sentence()} "
            f"ping {c} {d} when done"
        )

    def ticket() -> str:
        a, b, f = _person(rng)
        c, d, _ = _person(rng)
        return (
            f"#{rng.randint(1000, 9999)} {f.date_between(_SINCE, _UNTIL)} customer {a} {b} "
            f"({f.email()}) says: "
            f"{f.sentence()} Assigned to {c} {d}."
        )

    def email() -> str:
        people = [_person(rng) for _ in range(4)]
        (a, b, f), (c, d, _), (e, g, _), (h, k, _) = people
        return (
            f"From: {a} {b} <{a.lower()}@{f.domain_name()}>\nTo: {c} {d}, {e} {g}\n"
            f"Cc: {h} {k}\nSubject: {f.catch_phrase()}\n\nHi {c},\n{f.paragraph()}\nBest,\n{a}\n"
        )

    def table() -> str:
        a, b, f = _person(rng)
        born = f.date_between(_BORN_SINCE, _BORN_UNTIL)
        return f"| {a} {b} | {f.job()} | {f.city()} | {f.phone_number()} | {born} |"

    def lowerchat() -> str:
        a, b, f = _person(rng)
        c, d, _ = _person(rng)
        return (
            f"{a.lower()}: hey {c.lower()} {d.lower()}, {f.sentence().lower()} tell {b.lower()} pls"
        )

    def namelist() -> str:
        a, b, _ = _person(rng)
        return f"- {b}, {a}"

    def notes() -> str:
        a, b, f = _person(rng)
        c, _, _ = _person(rng)
        task = f.sentence().lower().rstrip(".")
        return f"* {a} to {task} with {c} by {f.day_of_week()} ({b} reviewing)"

    makers: dict[str, Callable[[], str]] = {
        "csv": csv,
        "json": js,
        "chat": chat,
        "ticket": ticket,
        "email": email,
        "table": table,
        "lowerchat": lowerchat,
        "namelist": namelist,
        "notes": notes,
    }
    return makers[shape]


def records_prompt(size: int, variant: int, shape: str | None = None) -> str:
    """Prompt number ``variant`` of the family at about ``size`` characters: the shape
    ``SHAPES[variant % 9]`` unless ``shape`` names one; seeded by size, variant and shape."""
    shape = shape or SHAPES[variant % len(SHAPES)]
    rng = random.Random(f"records-{shape}-{size}-{variant}")
    seed = rng.getrandbits(32)
    for locale in LOCALES:  # each locale's generator: a prompt owes nothing to the ones before
        _faker()[locale].seed_instance(seed)
    make = _line_maker(shape, rng)
    parts: list[str] = []
    length = 0
    while length < size:
        line = make()
        parts.append(line)
        length += len(line) + 1
    return "\n".join(parts)[:size]
