"""Number shapes of ordinary prompts that the generic patterns must not take for contact
details: a timestamp's date and hour for a phone number, a version or a network's own address
(ending in .0) for a host's IP address; a private network's host in a plain prompt, which
identifies nobody outside that network. The real values beside them stay found, and a private
host stays found in a person's record or a clinical note. Every text is written for this file
(no line of a benchmark set); all run through the real classifier."""

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
        # a host of a private network (RFC 1918, link-local) in a plain prompt
        "the printer answers at 172.20.14.23 on the office LAN",
        "ssh into 10.8.0.5 and restart nginx",
        "ping fe80::1ff:fe23:4567:890a from the switch",
    ],
)
def test_no_contact_detail(text: str) -> None:
    kinds = {kind for kind, _ in found(text)}
    assert not kinds & {"PHONE_NUMBER", "IP_ADDRESS"}, found(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("please call me back on 415-555-0143 tomorrow", "PHONE_NUMBER", "415-555-0143"),
        ("our mail relay at 84.17.203.9 rejects it", "IP_ADDRESS", "84.17.203.9"),
        # a phone word, then a name and a relation before the number
        (
            "Emergency contact: Marta Quintero (sister), (21) 3344-5566",
            "PHONE_NUMBER",
            "(21) 3344-5566",
        ),
        ("resolver 2a00:1450:4001:82b::200e is down", "IP_ADDRESS", "2a00:1450:4001:82b::200e"),
        # a private host in a person's record, in a clinical note
        (
            "owner: k.ngata@example.org, laptop 10.8.0.5, desk 4B",
            "INTERNAL_IP_ADDRESS",
            "10.8.0.5",
        ),
        (
            "Pt seen 03/02, MRN 5521907, infusion pump at 192.168.40.17 alarmed twice",
            "INTERNAL_IP_ADDRESS",
            "192.168.40.17",
        ),
    ],
)
def test_real_values_stay(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text)
