"""Every command group of the `hybridllm` CLI loads and answers --help (catches import rot)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["local", "--help"],
        ["audit", "--help"],
        ["audit", "query", "--help"],
        ["cost", "--help"],
        ["config", "--help"],
        ["doctor", "--help"],
        ["scan", "--help"],
        ["demo", "--help"],
    ],
)
def test_command_help(args: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hybridllm", *args], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout


def test_scan_from_stdin_prints_types_not_values() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hybridllm", "scan", "-"],
        input="mail carla.mendes@example.com, key AKIAZ3MSJ7QXP4LKH2TD",
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "EMAIL_ADDRESS" in out.stdout
    assert "AWS_ACCESS_KEY" in out.stdout
    assert "carla.mendes@example.com" not in out.stdout
    assert "AKIAZ3MSJ7QXP4LKH2TD" not in out.stdout
