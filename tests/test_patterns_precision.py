"""Number shapes of ordinary prompts that the generic patterns must not take for contact
details: a timestamp's date and hour for a phone number, a version or a network's own address
(ending in .0) for a host's IP address. The real values beside them stay found. Every text is
written for this file (no line of a benchmark set); all run through the real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def found(text: str) -> set[tuple[str, str]]:
    c = get_classifier().classify(text)
    return {(f.entity_type, text[f.start : f.end]) for f in c.findings}


@pytest.mark.parametrize(
    "text",
    [
        # a log line after a phone word: the date and hour of its timestamp
        'the job failed on the second call: ts="2024-11-03 17:45:09" status=timeout',
        "we got a call at 2022/06/30 08 and nothing since",
        # versions in code and file names, a network's own address
        '[assembly: AssemblyFileVersion("4.12.3.0")]',
        "download tool-5.1.0.0-linux.tar.gz and unpack it",
        "the subnet 172.20.14.0 is routed through the VPN",
    ],
)
def test_no_contact_detail(text: str) -> None:
    kinds = {kind for kind, _ in found(text)}
    assert not kinds & {"PHONE_NUMBER", "IP_ADDRESS"}, found(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("please call me back on 415-555-0143 tomorrow", "PHONE_NUMBER", "415-555-0143"),
        ("the printer answers at 172.20.14.23 on the office LAN", "IP_ADDRESS", "172.20.14.23"),
        ("ssh into 10.8.0.5 and restart nginx", "IP_ADDRESS", "10.8.0.5"),
    ],
)
def test_real_values_stay(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text)
