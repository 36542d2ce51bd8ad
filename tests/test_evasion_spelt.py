"""Identifiers written to dodge a scanner: an e-mail address with its at and dots spelt or
bracketed, digits spelt out as words, an SSN with spaced dashes. Written for this file."""

from __future__ import annotations

import pytest

from hybridllm import redact


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("reach me at maria [dot] lopez [at] gmail [dot] com", "lopez"),
        ("write to maria.lopez(at)gmail.com", "maria.lopez"),
        ("email maria_lopez at outlook dot com", "maria_lopez"),
        ("jdoe99 {at} yahoo {dot} co {dot} uk", "jdoe99"),
        ("my cell is four one six, eight three nine, two two seven one", "eight three nine"),
        ("ssn: five two one, four four, nine eight zero six", "nine eight zero six"),
        ("my ssn is 123 - 45 - 6789", "6789"),
        ("chat with me: https://wa.me/14168392271", "4168392271"),
        # counted digits are an SSN after its cue; ten digits alone on a line are a number
        ("social security number: one two three four five six seven eight nine", "seven eight"),
        ("thanks!\n6473908815\n", "6473908815"),
        # letters written one by one
        ("mail me: m a r i a @ g m a i l . c o m", "m a r i a"),
        ("hey it's m.a.r.i.a l.o.p.e.z here", "l.o.p.e.z"),
    ],
)
def test_spelt_identifiers_go(text: str, value: str) -> None:
    out = redact(text).text
    assert value not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "look at google dot com for the answer",
        "count: one two three four five six seven eight nine ten",
        "ten nine eight seven six five four three two one, liftoff",
        "i have one or two questions",
        "meet at noon at the station",
        "options: a b c d e",
        "play C D E F G A B on the piano",
        "the U.S.A. team won, e.g. in 1999",
        "epoch\n1700000000\n",  # a Unix time is no NANP number
    ],
)
def test_prose_with_at_dot_and_counting_stays(text: str) -> None:
    assert redact(text).text == text
