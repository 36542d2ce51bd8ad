# ruff: noqa: E501
"""Persons in trade and payment files (``interchange/trade_{dev,sealed}.jsonl``): UN/EDIFACT and NACHA.

EDIFACT interchanges are built and serialised with **pydifact** (0.2.3: its ``Segment``,
``Message`` and ``Interchange``, so escaping with the release character, the ``UNB``/``UNH``
envelope and segment counts are pydifact's): consumer invoices and orders (``NAD`` buyer,
invoicee or delivery party with a person's name, street, city and postcode; ``CTA`` contact and
``COM`` phone and e-mail) and ``PAXLST`` passenger lists (``NAD+FL`` name, ``DTM+329`` birth date,
``DOC`` passport number). NACHA ACH files are built with **carta-ach** (0.4.5; its ``AchFile``
lays out the 94-character records per standard entry class: PPD, CCD, WEB, TEL and CIE, where
the name and the identification number swap places). Persons are ``generate.Person`` (Faker).

The sealed split differs in seed, locales, message types (ORDERS and DESADV instead of INVOIC,
CIE and TEL entries), separators (a ``UNA`` with others) and framings, and was written before
the EDIFACT and NACHA readers; it is scored, never read.
carta-ach writes the ACH file header's creation date and time from the clock, so a rebuild
differs from the committed files in those ten digits of every NACHA text (labels unchanged).

Both libraries are needed only to rebuild the files (``pip install --target /tmp/trade_pkg hl7apy==1.3.5
pydifact==0.2.3 carta-ach==0.4.5``); neither is a dependency of the SDK.

Usage: ``PYTHONPATH=/tmp/trade_pkg python bench/data/interchange/generate_trade.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from ach.builder import AchFile
from faker import Faker
from pydifact.control import Characters
from pydifact.segmentcollection import Interchange, Message
from pydifact.segments import Segment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import Person, ascii_upper, label  # noqa: E402

LOCALES = {
    "dev": ["en_US", "de_DE", "pl_PL", "es_ES", "en_IE", "fr_CH"],
    "sealed": ["it_IT", "nl_NL", "fi_FI", "el_GR", "en_NZ", "sk_SK"],
}
N_PER_SPLIT = 180
MESSAGES = {"dev": ("INVOIC", "PAXLST"), "sealed": ("ORDERS", "DESADV", "PAXLST")}
SEC = {"dev": ("PPD", "WEB", "CCD"), "sealed": ("PPD", "TEL", "CIE", "WEB")}
Pairs = list[tuple[str, str]]


def _party(qual: str, p: Person, r: random.Random, pairs: Pairs) -> Segment:
    """A NAD segment naming a person: family and given name as two components or one."""
    pairs += [(p.family, "PERSON"), (p.given, "PERSON"), (p.street, "STREET_ADDRESS")]
    pairs += [(p.city, "CITY"), (p.postcode, "POSTCODE")]
    name: Any = [p.family, p.given] if r.random() < 0.5 else f"{p.given} {p.family}"
    return Segment("NAD", qual, "", "", name, p.street, p.city, "", p.postcode, "DE")


def edifact(
    kind: str, p: Person, contact: Person, r: random.Random, una: bool
) -> tuple[str, Pairs]:
    """One interchange with one message of ``kind``, with its (value, type) pairs."""
    pairs: Pairs = []
    msg = Message(str(r.randint(1, 9999)), (kind, "D", "96A", "UN"))
    ref = str(r.randint(10**5, 10**7))
    today = dt.date(2026, r.randint(1, 12), r.randint(1, 28)).strftime("%Y%m%d")
    if kind == "PAXLST":
        msg.add_segment(Segment("BGM", "745"))
        for _ in range(r.randint(1, 3)):
            traveller = p if not pairs else contact
            msg.add_segment(_party("FL", traveller, r, pairs))
            msg.add_segment(Segment("ATT", "2", "", r.choice("MF")))
            dob = traveller.dob[2:]
            msg.add_segment(Segment("DTM", ["329", dob]))
            pairs.append((dob, "DATE_OF_BIRTH"))
            passport = r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + str(r.randint(10**6, 10**8))
            msg.add_segment(Segment("DOC", ["P", "110", "111"], passport))
            pairs.append((passport, "ID"))
    else:
        msg.add_segment(Segment("BGM", "220" if kind != "INVOIC" else "380", ref, "9"))
        msg.add_segment(Segment("DTM", ["137", today, "102"]))
        msg.add_segment(_party(r.choice(["BY", "IV", "DP", "UD"]), p, r, pairs))
        msg.add_segment(
            Segment("NAD", "SU", ["4012345000009", "", "9"], "", "NORDWIND HANDEL GMBH")
        )
        msg.add_segment(Segment("CTA", "IC", ["", f"{contact.given} {contact.family}"]))
        pairs += [(contact.given, "PERSON"), (contact.family, "PERSON")]
        msg.add_segment(Segment("COM", [contact.phone, "TE"]))
        pairs.append((contact.phone, "PHONE_NUMBER"))
        email = f"{ascii_upper(contact.given).lower()}.{r.randint(1, 99)}@example.com"
        msg.add_segment(Segment("COM", [email, "EM"]))
        pairs.append((email, "EMAIL"))
        msg.add_segment(Segment("LIN", "1", "", ["4000862141404", "SRS"]))
        msg.add_segment(Segment("QTY", ["21", str(r.randint(1, 40))]))
    icx = Interchange(
        sender="5412345678908",
        recipient="8798765432106",
        control_reference=ref,
        syntax_identifier=("UNOC", 3),
        timestamp=dt.datetime(2026, 12, 4, 8, 30),
        characters=Characters(data_separator="*", segment_terminator="~") if una else None,
    )
    icx.has_una_segment = una
    icx.add_message(msg)
    return icx.serialize(break_lines=r.random() < 0.7), pairs


def nacha(sec: str, people: list[Person], r: random.Random) -> tuple[str, Pairs]:
    """An ACH file with one batch of ``sec`` entries paying ``people``, with its pairs."""
    ach = AchFile(
        "A",
        {
            "immediate_dest": "123456780",
            "immediate_org": "123456780",
            "immediate_dest_name": "FIRST NATIONAL BANK",
            "immediate_org_name": "ACME PAYROLL LLC",
            "company_id": "1234567890",
        },
    )
    pairs: Pairs = []
    entries = []
    for p in people:
        account = str(r.randint(10**7, 10**14))
        ident = f"EMP{r.randint(1000, 99999)}" if r.random() < 0.5 else p.ssn
        name = ascii_upper(f"{p.given} {p.family}")[: 15 if sec == "CIE" else 22]
        entries.append(
            {
                "type": r.choice(["22", "32"]),
                "routing_number": f"{r.randint(10**7, 10**8 - 1)}",
                "account_number": account,
                "amount": f"{r.randint(100, 900000) / 100:.2f}",
                "name": name,
                "id_number": ident,
            }
        )
        pairs += [(account, "ID"), (ident, "ID")]
        pairs += [(w, "PERSON") for w in name.split() if len(w) > 1]
    ach.add_batch(sec, entries, credits=True, debits=False, eff_ent_date=dt.datetime(2026, 12, 4))
    if sec == "CIE":  # carta-ach's builder leaves a CIE entry's 22-character identification
        # unset, and its validation does not know the field: set as its own fields are padded
        for entry, record in zip(ach.batches[-1].entries, entries, strict=True):
            object.__setattr__(entry.entry_detail, "ind_id", record["id_number"].ljust(22))
    return ach.render_to_string(force_crlf=r.random() < 0.3), pairs


FRAMES = {
    "dev": [
        "Our VAN rejects this interchange, what is wrong?\n\n{msg}",
        "{msg}\n\nhow do I parse this in Python?",
        "The bank returned this file as malformed:\n```\n{msg}\n```",
    ],
    "sealed": [
        "[2026-11-30 07:02:11] ERROR upload failed body={msg_lit}\nany idea?",
        "Forwarding what the partner sent us.\n\n> {msg_quote}\n\nCan you check it before Monday?",
        'payload = """{msg}"""\nassert parse(payload).ok  # fails, why?',
    ],
}


def build(split: str, seed: int) -> list[dict[str, Any]]:
    r = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 100 + i)
    rows: list[dict[str, Any]] = []
    for i in range(N_PER_SPLIT):
        loc = LOCALES[split][i % len(LOCALES[split])]
        fake = fakers[loc]
        people = [Person(fake, r, r.random() < 0.5) for _ in range(4)]
        if i % 2 == 0:
            fmt = r.choice(MESSAGES[split])
            una = split == "sealed" and r.random() < 0.3
            msg, pairs = edifact(fmt, people[0], people[1], r, una)
        else:
            fmt = r.choice(SEC[split])
            msg, pairs = nacha(fmt, people[: r.randint(1, 4)], r)
        frame = r.choice(FRAMES[split])
        text = frame.format(
            msg=msg.rstrip("\r\n"),
            msg_lit=json.dumps(msg),
            msg_quote=msg.rstrip("\r\n").replace("\n", "\n> "),
        )
        # (an ACH account number is glued to the routing number before it)
        spans = label(text, pairs, frozenset(("ID",)) if i % 2 == 1 else frozenset())
        rows.append(
            {
                "id": f"trade-{split}-{i:03d}",
                "case": "as-is",
                "format": "edifact" if i % 2 == 0 else "nacha",
                "style": fmt,
                "locale": loc,
                "text": text,
                "spans": spans,
            }
        )
    return rows


def main() -> None:
    """Write both splits (with ``PYTHONHASHSEED=0``, see ``generate.main``)."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)  # noqa: S606
    for split, seed in (("sealed", 22), ("dev", 21)):
        with (HERE / f"trade_{split}.jsonl").open("w", encoding="utf-8") as fh:
            for row in build(split, seed):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
