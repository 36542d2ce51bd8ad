"""`hybridllm local setup`: the portable rebuild for CPUs whose native build cannot run."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from hybridllm.local import find_model, find_server_binary
from hybridllm.local.setup import CMAKE_ARGS, _start_error, portable_cmake_args


def test_portable_args_follow_the_cpu_and_never_enable_amx() -> None:
    args = portable_cmake_args(["fpu", "avx", "avx2", "fma", "f16c", "avx512f", "amx_tile"]).split()
    assert args[: len(CMAKE_ARGS.split())] == CMAKE_ARGS.split()
    assert "-DGGML_NATIVE=OFF" in args
    assert {"-DGGML_AVX2=ON", "-DGGML_AVX512=ON", "-DGGML_FMA=ON"} <= set(args)
    assert {"-DGGML_AVX512_VNNI=OFF", "-DGGML_AVX512_BF16=OFF", "-DGGML_BMI2=OFF"} <= set(args)
    assert {"-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"} <= set(args)
    assert not [a for a in args if "AMX" in a and a.endswith("=ON")]
    older = portable_cmake_args(["avx", "avx2"]).split()
    assert "-DGGML_AVX512=OFF" in older
    assert "-DGGML_AVX2=ON" in older


def test_a_server_killed_by_sigill_at_start_up_is_reported(tmp_path: Path) -> None:
    """What the AMX kernels do on a VM that hides AMX state: the process dies with SIGILL."""
    binary = tmp_path / "llama-server"
    binary.write_text("#!/bin/sh\nkill -ILL $$\n")
    binary.chmod(0o755)
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    reason = _start_error(binary, model)
    assert reason is not None
    assert f"code -{int(signal.SIGILL)}" in reason


@pytest.mark.llm
def test_the_installed_server_answers_the_smoke_completion() -> None:
    binary, model = find_server_binary(), find_model()
    assert binary is not None
    assert model is not None
    assert os.access(binary, os.X_OK)
    assert _start_error(binary, model) is None
