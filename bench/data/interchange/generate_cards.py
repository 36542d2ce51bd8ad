"""Persons in vCard and iCalendar text (``interchange/cards_dev.jsonl``): a probe, dev only.

Contact cards are built and serialised with **vobject** (0.9.9: ``N``, ``FN``, ``TEL``, ``ADR``,
``EMAIL``), meeting invites with **icalendar** (7.3: ``ATTENDEE`` and ``ORGANIZER`` with a ``CN``
parameter); persons are ``generate.Person`` (Faker, 10 locales). Written after the name stage
had read such text as prose and before the vCard/iCalendar reader; its first score was 5 of 480
names surviving (all in ``CN=`` values with hyphenated parts), so it is a dev probe, not held out.

Both libraries are needed only to rebuild the file (``pip install --target /tmp/trade_pkg
vobject==0.9.9 icalendar hl7apy==1.3.5``); neither is a dependency of the SDK.

Usage: ``PYTHONPATH=/tmp/trade_pkg python bench/data/interchange/generate_cards.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

import icalendar
import vobject
from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import Person, label  # noqa: E402

LOCALES = ["en_US", "de_DE", "tr_TR", "pt_BR", "sw", "zu_ZA", "el_GR", "pl_PL", "fr_FR", "yo_NG"]
N = 120
FRAMES = ["Import fails for this file:\n\n{m}", "{m}\nwhy is the name garbled?"]


def _card(p: Person, i: int) -> tuple[str, list[tuple[str, str]]]:
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=p.family, given=p.given)
    card.add("fn").value = f"{p.given} {p.family}"
    tel = card.add("tel")
    tel.value = p.phone
    tel.type_param = "CELL"
    card.add("adr").value = vobject.vcard.Address(
        street=p.street, city=p.city, code=p.postcode, country=""
    )
    card.add("email").value = f"x{i}@example.com"
    pairs = [(p.family, "PERSON"), (p.given, "PERSON"), (p.phone, "PHONE_NUMBER")]
    return card.serialize(), [*pairs, (p.street, "STREET_ADDRESS")]


def _invite(p: Person, q: Person, i: int) -> tuple[str, list[tuple[str, str]]]:
    cal = icalendar.Calendar()
    event = icalendar.Event()
    event.add("summary", "Quarterly review")
    event.add("dtstart", dt.datetime(2026, 12, 1, 10))
    attendee = icalendar.vCalAddress(f"mailto:x{i}@example.com")
    attendee.params["cn"] = icalendar.vText(f"{p.given} {p.family}")
    event.add("attendee", attendee)
    organizer = icalendar.vCalAddress(f"mailto:y{i}@example.com")
    organizer.params["cn"] = icalendar.vText(f"{q.given} {q.family}")
    event["organizer"] = organizer
    cal.add_component(event)
    pairs = [(p.family, "PERSON"), (p.given, "PERSON"), (q.family, "PERSON"), (q.given, "PERSON")]
    return cal.to_ical().decode(), pairs


def build() -> list[dict[str, Any]]:
    r = random.Random(5)
    rows: list[dict[str, Any]] = []
    for i in range(N):
        loc = LOCALES[i % len(LOCALES)]
        fake = Faker(loc)
        fake.seed_instance(i)
        p, q = Person(fake, r, False), Person(fake, r, False)
        msg, pairs = _card(p, i) if i % 2 == 0 else _invite(p, q, i)
        text = r.choice(FRAMES).format(m=msg)
        spans = label(text, pairs)
        fmt = "vcard" if i % 2 == 0 else "ical"
        rows.append(
            {"id": f"card-{i:03d}", "case": "as-is", "format": fmt, "style": fmt, "locale": loc}
            | {"text": text, "spans": spans}
        )
    return rows


def main() -> None:
    """Write the file (with ``PYTHONHASHSEED=0``, see ``generate.main``)."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)  # noqa: S606
    with (HERE / "cards_dev.jsonl").open("w", encoding="utf-8") as fh:
        for row in build():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
