"""A time-stamped chat log: every speaker's handle is a participant, kept even when it is an
initial or a public figure's name; agenda items and log levels before a time stamp are no
speakers. All texts run through the real classifier."""

from __future__ import annotations

import pytest
from tests.helpers import persons


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        (
            "[09:14] T: morning all\n[09:15] Stella: coffee is out\n[09:15] T: of course",
            ["T", "Stella", "T"],
        ),
        ("[09:14] Tillie: morning all\n[09:15] Einstein: coffee machine is broken", ["Einstein"]),
        ("10:02 PM Kaito: are you up?\n10:05 PM Mireille: yes, call me", ["Kaito", "Mireille"]),
    ],
)
def test_handles_of_a_time_stamped_log_are_found(text: str, handles: list[str]) -> None:
    found = persons(text)
    for h in handles:
        assert found.count(h) >= handles.count(h), (h, found)


@pytest.mark.parametrize(
    "text",
    [
        "09:00 Registration: badges\n10:00 Keynote: the future of AI\n12:00 Lunch: hall B",
        "[10:01:02] INFO: server started\n[10:01:03] Error: failed to bind\n[10:01:04] Worker: up",
        "[09:14] User: hello\n[09:15] Bot: hi, how can I help?",
    ],
)
def test_agendas_log_levels_and_roles_are_no_handles(text: str) -> None:
    assert persons(text) == []


def test_one_time_stamped_line_is_no_log() -> None:
    # a single stamped label is a heading or a note, not a conversation: an initial stays out
    assert persons("Meeting at 10:30 today.\n10:30 T: bring the slides") == []


def test_lower_case_handles_of_a_time_stamped_log_are_found() -> None:
    text = "[09:14] t: morning all\n[09:15] stella: coffee is out\n[09:16] einstein: of course"
    assert persons(text) == ["t", "stella", "einstein"]


@pytest.mark.parametrize(
    "text",
    [
        "[10:01:02] info: server started\n[10:01:03] error: failed to bind",
        "09:00 registration: badges\n10:00 keynote: the future of ai\n12:00 lunch: hall b",
        "[09:14] user: hello\n[09:15] assistant: hi, how can i help?",
    ],
)
def test_lower_case_log_levels_agendas_and_roles_are_no_handles(text: str) -> None:
    assert persons(text) == []


def test_speakers_with_common_given_names_are_found_in_a_lower_case_chat() -> None:
    # Given names that English knows as words too; no time stamps.
    text = "can you recap this for the team?\nbetty: deploy failed again\njoe: on it\nbetty: thx"
    found = persons(text)
    assert found.count("betty") == 2
    assert "joe" in found


@pytest.mark.parametrize(
    "text",
    [
        # keys of code that are given names too ("max", "min"), lines ending as code does
        "interface Range {\n max: number;\n min: number;\n label: string;\n max: number;\n}",
        "limits = {\nmax: high,\nmin: low,\nmax: higher,\n}",
    ],
)
def test_keys_of_code_that_are_given_names_are_no_speakers(text: str) -> None:
    assert persons(text) == []
