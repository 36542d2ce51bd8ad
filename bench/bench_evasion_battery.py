"""A battery of identifier forms and obfuscations written for round 15 (not from any data set):
how many survive ``redact()``.

Two lists: Safe Harbor identifiers inside a short clinical note (dates without a month, ages
in words, phones, ids, places, names) and obfuscated PII in ordinary prompts (spaced or spelt
digits, bracketed or spelt e-mail addresses, letters written one by one, names in capitals,
handles, encoded values). A case survives when its value is still in the redacted text.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_evasion_battery.py [--show]
"""

from __future__ import annotations

import sys

from hybridllm import redact

NOTE = "Clinic note. Patient Maria Lopez, MRN 4821937, seen for CHF. "

CLINICAL = [
    ("date", "Admitted on the 3rd of March 2012.", "3rd of March"),
    ("date", "Seen March 3rd, 2012.", "March 3rd"),
    ("date", "Surgery 03MAR2012.", "03MAR2012"),
    ("date", "Surgery on 3.III.2012.", "3.III"),
    ("date", "Follow-up Mar. 3, '12.", "Mar. 3"),
    ("date", "Labs drawn 2012-03-03T10:15.", "2012-03-03"),
    ("date", "Seen on Tuesday the 14th.", "14th"),
    ("date", "Discharged 14/3.", "14/3"),
    ("date", "Discharged on 3/14.", "3/14"),
    ("date", "Visit on 14 Mar.", "14 Mar"),
    ("date", "Born in the summer of 1931 on July 4th.", "July 4th"),
    ("date", "DOB: 4 July '31", "4 July"),
    ("date", "Seen 20120303 in clinic.", "20120303"),
    ("date", "Seen 03.03.12 in clinic.", "03.03.12"),
    ("date", "admitted xmas day 2011", "xmas day"),
    ("date", "Next appt: Thu 15 March", "15 March"),
    ("phone", "Call daughter at 555.201.9876.", "555.201.9876"),
    ("phone", "Call daughter at 555 201 9876.", "555 201 9876"),
    ("phone", "Phone: (555)2019876", "2019876"),
    ("phone", "Tel +44 20 7946 0958", "7946 0958"),
    ("phone", "Pager 4-2231", "4-2231"),
    ("phone", "ext. 4471", "4471"),
    ("phone", "Fax: 555-201-9877", "555-201-9877"),
    ("id", "Medicaid ID: QX4421781", "QX4421781"),
    ("id", "Insurance member number 884 221 7781", "884 221 7781"),
    ("id", "Accession #: S12-4471", "S12-4471"),
    ("id", "Specimen No. 12-BX-00441", "12-BX-00441"),
    ("id", "Device serial SN: A7F3-99K2", "A7F3-99K2"),
    ("id", "Pacemaker model Medtronic, serial PJN448812H", "PJN448812H"),
    ("id", "License plate 7ABC123", "7ABC123"),
    ("id", "VIN 1HGCM82633A004352", "1HGCM82633A004352"),
    ("id", "DEA number AB1234563", "AB1234563"),
    ("id", "NPI 1234567893", "1234567893"),
    ("id", "Case ref: 2012/04471", "2012/04471"),
    ("id", "Room 4471, bed B", "4471"),
    ("id", "Encounter 99812-A", "99812-A"),
    ("id", "SSN 123 45 6789", "123 45 6789"),
    ("id", "last 4 of SSN 6789", "6789"),
    ("loc", "She lives in Springfield.", "Springfield"),
    ("loc", "Lives with daughter in Rockford, IL 61101.", "Rockford"),
    ("loc", "Transferred from St. Mary's Hospital in Duluth.", "Duluth"),
    ("loc", "Home: 12 Elm St, Apt 4B", "Elm St"),
    ("loc", "ZIP 61101", "61101"),
    ("loc", "Resides in Cook County.", "Cook County"),
    ("loc", "lives near the corner of 5th and Main", "5th and Main"),
    ("email", "email: m.lopez at gmail dot com", "m.lopez"),
    ("url", "Photo uploaded to https://imgur.com/a/x7Yq2", "imgur.com/a/x7Yq2"),
    ("ip", "Portal login from 73.201.44.19", "73.201.44.19"),
    ("name", "Daughter Ana at bedside.", "Ana"),
    ("name", "Seen with her husband, Tomasz.", "Tomasz"),
    ("name", "Dr. Okonkwo-Bassey consulted.", "Okonkwo-Bassey"),
    ("name", "Pt prefers to be called Mags.", "Mags"),
    ("name", "Attending: R. Venkataraman, MD", "Venkataraman"),
    ("name", "Nurse: jsmith", "jsmith"),
]

PROMPTS = [
    ("phone", "call me on 4 1 6 - 8 3 9 - 2 2 7 1 tonight", "8 3 9"),
    ("phone", "my number is ( 0 7 7 0 0 ) 9 0 0 1 2 3", "9 0 0"),
    ("phone", "text 416.839.2271 pls", "416.839.2271"),
    ("phone", "my cell is four one six, eight three nine, two two seven one", "eight three nine"),
    ("phone", "ring me at 0770 090 0123", "090 0123"),
    ("phone", "phone: +49 (0) 30 901820", "901820"),
    ("phone", "my number is 416 839 2271", "839 2271"),
    ("phone", "wa.me/14168392271", "14168392271"),
    ("phone", "416-839-2271 is my cell", "416-839-2271"),
    ("phone", "4168392271", "4168392271"),
    ("email", "reach me at maria [dot] lopez [at] gmail [dot] com", "lopez"),
    ("email", "maria.lopez(at)gmail.com", "maria.lopez"),
    ("email", "m a r i a @ g m a i l . c o m", "m a r i a"),
    ("email", "email maria_lopez at outlook dot com", "maria_lopez"),
    ("ssn", "my ssn is 123 - 45 - 6789", "6789"),
    ("ssn", "ssn: one two three four five six seven eight nine", "seven eight nine"),
    ("ssn", "SSN 123456789", "123456789"),
    ("card", "card 4111 1111 1111 1111 exp 12/27", "1111 1111"),
    ("card", "4 1 1 1 - 1 1 1 1 - 1 1 1 1 - 1 1 1 1", "1 1 1 1 - 1"),
    ("name", "hey it's m.a.r.i.a l.o.p.e.z here", "l.o.p.e.z"),
    ("name", "My name is María José Fernández-Ruiz.", "Fernández-Ruiz"),
    ("name", "Ask MARIA LOPEZ about it", "LOPEZ"),
    ("name", "Signed,\nJ. R. Okonkwo", "Okonkwo"),
    ("name", "From: Okonkwo, Chidi <chidi@firm.com>", "Okonkwo"),
    ("name", "cc: @maria.lopez @j.okonkwo", "okonkwo"),
    ("name", "Mr. Nguyen Van An called", "Nguyen"),
    ("name", "my landlord, Siobhán Ní Bhraonáin, refuses", "Bhraonáin"),
    ("name", "Talked with Xu Mingzhe yesterday", "Mingzhe"),
    ("name", "please forward to Kwame Mensah-Bonsu", "Mensah-Bonsu"),
    ("addr", "I live at 221B Baker Street, London NW1 6XE", "Baker Street"),
    ("addr", "ship to: 1600 Pennsylvania Ave NW, Washington, DC 20500", "Pennsylvania"),
    ("addr", "my flat is Flat 3, 12 Rue de Rivoli, 75004 Paris", "Rivoli"),
    ("addr", "deliver to Hauptstr. 5, 10115 Berlin", "Hauptstr"),
    ("addr", "PO Box 4471, Anytown", "4471"),
    ("addr", "apt 5b 742 evergreen terrace springfield", "evergreen"),
    ("pw", "password: hunter2!Qx", "hunter2"),
    ("pw", "the wifi pass is Tr0ub4dor&3", "Tr0ub4dor"),
    ("pw", "pwd=S3cr3t%#&\nfoo", "S3cr3t"),
    ("key", "https://api.example.com/v1?key=sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", "4f9a8b7c"),
    ("key", "export OPENAI_API_KEY=sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz12", "AbCdEf"),
    ("b64", "decode this: bWFyaWEubG9wZXpAZ21haWwuY29t", "bWFyaWEubG9wZXpAZ21haWwuY29t"),
    ("hex", "hex: 6d617269612e6c6f70657a40676d61696c2e636f6d", "6d617269612e"),
    ("urlenc", "q=maria%2Elopez%40gmail%2Ecom", "maria%2Elopez"),
]


def run(show: bool) -> None:
    """Print the surviving cases (with ``show``) and the count per list."""
    for title, cases, prefix in (("clinical note", CLINICAL, NOTE), ("prompts", PROMPTS, "")):
        left = 0
        for kind, text, value in cases:
            out = redact(prefix + text).text
            if value in out:
                left += 1
                if show:
                    print(f"  survives [{kind}] {text!r} -> {out[len(prefix) :]!r}")
        print(f"{title}: {left} of {len(cases)} survive")


if __name__ == "__main__":
    run("--show" in sys.argv)
